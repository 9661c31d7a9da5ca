"""Network analytics over the graph: projections into networkx, measures, a report.

The flow is one way: a few SPARQL queries (run with bindings, never pasted
text) fetch plain rows; pure functions turn rows into ``networkx.Graph``
projections; measures and the report are computed from those graphs. Keeping
the store at the edge means the hand-counted tests and the 3,000-person
benchmark exercise exactly the same code.

Projections (node ``type`` in brackets):

- ``people``: people [person] linked by co-attendance; weight = meetings shared.
- ``orgs``: organisations [organisation] linked by co-presence; weight = meetings where
  both were represented.
- ``people-orgs``: person - organisation they represented; weight = meetings.
- ``people-programmes``: person - programme [programme] through presenting an item that
  decided on it, taking that decision (chair, member, vice-chair, deputy) and owning an
  action on that item; weight = number of such facts.
- ``bodies``: body [body] - organisation represented at its meetings; weight = meetings.
- ``meetings``: person - meeting [meeting] - body: the attendance record itself.

Every projection can be limited to one body and a date range (``Filters``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.errors import Ambiguous, KGError, NotFound, QueryError
from kg.names import slug
from kg.namespaces import XSD
from kg.store import Store

PROJECTIONS = ("people", "orgs", "people-orgs", "people-programmes", "bodies", "meetings")
MEASURES = ("degree", "betweenness", "pagerank")
SEED = 42
# Betweenness costs about nodes x edges; past this budget it is estimated from k sampled sources.
BETWEENNESS_BUDGET = 10_000_000
BETWEENNESS_MIN_SAMPLES = 32


class ExportError(KGError):
    """An export could not be written (bad projection, format or path)."""


# ---------------------------------------------------------------------------
# filters


@dataclass(frozen=True)
class Filters:
    """Which meetings count: one body (IRI) and an inclusive ISO date range."""

    body: str | None = None
    since: str | None = None
    until: str | None = None

    def bindings(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.body:
            out["body"] = ox.NamedNode(self.body)
        if self.since:
            out["since"] = ox.Literal(self.since, datatype=ox.NamedNode(XSD.date))
        if self.until:
            out["until"] = ox.Literal(self.until, datatype=ox.NamedNode(XSD.date))
        return out


# The meeting filter every projection query shares: ?m, ?body and ?date are bound by it.
# Unbound ?since/?until/?body (no VALUES row) mean "no limit".
MEETING_FILTER = """
  ?m gov:body ?body .
  OPTIONAL { ?m dcterms:date ?date }
  FILTER(!BOUND(?since) || (BOUND(?date) && ?date >= ?since))
  FILTER(!BOUND(?until) || (BOUND(?date) && ?date <= ?until))
"""


def parse_user_date(value: str, option: str, end: bool = False) -> str:
    """A date as a user types it ("2018", "2018-06", "2018-06-07", "7 June 2018") -> ISO.

    A bare year or month means its first day for ``--since`` and its last for ``--until``.
    """
    text = value.strip()
    if re.fullmatch(r"(19|20)\d\d", text):
        return f"{text}-12-31" if end else f"{text}-01-01"
    m = re.fullmatch(r"((?:19|20)\d\d)-(\d\d?)", text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            first = dt.date(year, month, 1)
            if not end:
                return first.isoformat()
            nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
            return (nxt - dt.timedelta(days=1)).isoformat()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    from kg.parse.dates import parse_date

    iso = parse_date(text)
    if iso:
        return iso
    raise QueryError(f"{option}: cannot read {value!r} as a date (try 2018, 2018-06 or 2018-06-07)")


BODIES_QUERY = """
SELECT DISTINCT ?b ?label WHERE {
  { ?b a gov:PartnershipBody } UNION { ?m gov:body ?b }
  OPTIONAL { ?b skos:prefLabel ?label }
}
"""


def find_body(store: Store, name: str) -> str:
    """The IRI of the body a user names: by IRI, label, slug, or a unique part of the label."""
    bodies: dict[str, str] = {}
    for row in store.select(BODIES_QUERY):
        bodies.setdefault(row["b"], row["label"] or _label_from_iri(row["b"]))
    want = name.strip()
    if want in bodies:
        return want
    folded = want.casefold()
    for test in (
        lambda iri, label: label.casefold() == folded,
        lambda iri, label: slug(label) == slug(want) or iri.rsplit("/", 1)[-1] == slug(want),
        lambda iri, label: folded in label.casefold(),
    ):
        hits = sorted(iri for iri, label in bodies.items() if test(iri, label))
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise Ambiguous(f"--body: {name!r} names several bodies", [bodies[h] for h in hits])
    known = sorted(bodies.values())
    raise NotFound(f"--body: no body called {name!r} (known: {', '.join(known) or 'none'})")


def resolve_filters(store: Store, body: str | None = None, since: str | None = None,
                    until: str | None = None) -> Filters:
    """Filters from what a user typed: body name to IRI, dates to ISO; errors name the option."""
    since_iso = parse_user_date(since, "--since") if since else None
    until_iso = parse_user_date(until, "--until", end=True) if until else None
    if since_iso and until_iso and since_iso > until_iso:
        raise QueryError(f"--since {since} is after --until {until}")
    return Filters(find_body(store, body) if body else None, since_iso, until_iso)


# ---------------------------------------------------------------------------
# fetching rows


@dataclass(frozen=True)
class Attendance:
    """One person at one meeting, as the store records it."""

    meeting: str
    date: str | None
    body: str
    person: str
    org: str | None = None
    role: str | None = None
    capacity: str | None = None


ATTENDANCE_QUERY = """
SELECT ?m ?date ?body ?p ?org ?role ?capacity WHERE {
  ?a a gov:Attendance ; gov:meeting ?m ; gov:attendee ?p .
""" + MEETING_FILTER + """
  OPTIONAL { ?a gov:representing ?org }
  OPTIONAL { ?a gov:roleLabel ?role }
  OPTIONAL { ?a gov:capacity ?capacity }
}
"""

LABELS_QUERY = """
SELECT ?s ?label WHERE {
  { ?s foaf:name ?label } UNION { ?s skos:prefLabel ?label }
}
"""

# One quoted evidence sentence per person and per organisation, from attendance records.
EVIDENCE_QUERY = """
SELECT ?p ?org (MIN(?quote) AS ?q) WHERE {
  ?a gov:meeting ?m ; gov:attendee ?p ; gov:evidence ?e .
  ?e oa:hasSelector ?sel . ?sel oa:exact ?quote .
  OPTIONAL { ?a gov:representing ?org }
""" + MEETING_FILTER + """
} GROUP BY ?p ?org
"""

PRESENTED_QUERY = """
SELECT DISTINCT ?p ?prog ?i WHERE {
  { ?i gov:presentedBy ?p } UNION { ?pr gov:presenter ?p ; gov:agendaItem ?i }
  ?d gov:agendaItem ?i ; gov:concerns ?prog ; gov:decidedAt ?m .
""" + MEETING_FILTER + """
}
"""

DECIDED_QUERY = """
SELECT DISTINCT ?p ?prog ?d WHERE {
  ?d gov:decidedAt ?m ; gov:concerns ?prog .
  ?a a gov:Attendance ; gov:meeting ?m ; gov:attendee ?p .
  OPTIONAL { ?a gov:capacity ?cap }
  FILTER(!BOUND(?cap) || ?cap IN (gov:Member, gov:Chair, gov:ViceChair, gov:Deputy))
""" + MEETING_FILTER + """
}
"""

ACTIONS_QUERY = """
SELECT DISTINCT ?p ?prog ?act WHERE {
  ?act gov:assignedAt ?m ; schema:agent ?p ; gov:agendaItem ?i .
  ?d gov:agendaItem ?i ; gov:concerns ?prog .
""" + MEETING_FILTER + """
}
"""


def fetch_attendance(store: Store, f: Filters) -> list[Attendance]:
    """The rows every people and organisation projection is built from."""
    return [
        Attendance(r["m"], r["date"], r["body"], r["p"], r["org"], r["role"], _local(r["capacity"]))
        for r in store.select(ATTENDANCE_QUERY, bindings=f.bindings())
    ]


def fetch_labels(store: Store) -> dict[str, str]:
    labels: dict[str, str] = {}
    for r in store.select(LABELS_QUERY):
        if r["label"]:
            labels.setdefault(r["s"], r["label"])
    return labels


def fetch_evidence(store: Store, f: Filters) -> dict[str, str]:
    """IRI of a person or organisation -> one quoted sentence from the minutes."""
    out: dict[str, str] = {}
    for r in store.select(EVIDENCE_QUERY, bindings=f.bindings()):
        if r["q"]:
            out.setdefault(r["p"], r["q"])
            if r["org"]:
                out.setdefault(r["org"], r["q"])
    return out


def fetch_programme_links(store: Store, f: Filters) -> list[tuple[str, str, str]]:
    """(person, programme, relation) for each fact linking them; relation in presented|decided|actions."""
    b = f.bindings()
    out = [(r["p"], r["prog"], "presented") for r in store.select(PRESENTED_QUERY, bindings=b)]
    out += [(r["p"], r["prog"], "decided") for r in store.select(DECIDED_QUERY, bindings=b)]
    out += [(r["p"], r["prog"], "actions") for r in store.select(ACTIONS_QUERY, bindings=b)]
    return out


def _local(iri: str | None) -> str | None:
    return re.split(r"[#/]", iri)[-1] if iri else None


def _label_from_iri(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1].replace("-", " ").title()


# ---------------------------------------------------------------------------
# projections: pure functions from rows to graphs


@dataclass
class Data:
    """Everything the projections need, fetched once."""

    attendance: list[Attendance]
    labels: dict[str, str] = field(default_factory=dict)
    evidence: dict[str, str] = field(default_factory=dict)
    programme_links: list[tuple[str, str, str]] = field(default_factory=list)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or _label_from_iri(iri)


def fetch(store: Store, f: Filters, projection: str = "people") -> Data:
    """Run the queries a projection needs (programme links only for people-programmes)."""
    data = Data(fetch_attendance(store, f), fetch_labels(store), fetch_evidence(store, f))
    if projection == "people-programmes":
        data.programme_links = fetch_programme_links(store, f)
    return data


def _person_nodes(data: Data) -> dict[str, dict]:
    meetings: dict[str, set] = defaultdict(set)
    orgs: dict[str, set] = defaultdict(set)
    roles: dict[str, set] = defaultdict(set)
    bodies: dict[str, set] = defaultdict(set)
    for a in data.attendance:
        meetings[a.person].add(a.meeting)
        bodies[a.person].add(data.label(a.body))
        if a.org:
            orgs[a.person].add(data.label(a.org))
        if a.role:
            roles[a.person].add(a.role)
    return {
        p: {
            "type": "person", "label": data.label(p), "meetings": len(ms),
            "organisations": sorted(orgs[p]), "roles": sorted(roles[p]), "bodies": sorted(bodies[p]),
            "evidence": data.evidence.get(p, ""),
        }
        for p, ms in meetings.items()
    }


def _org_nodes(data: Data) -> dict[str, dict]:
    meetings: dict[str, set] = defaultdict(set)
    people: dict[str, set] = defaultdict(set)
    bodies: dict[str, set] = defaultdict(set)
    for a in data.attendance:
        if a.org:
            meetings[a.org].add(a.meeting)
            people[a.org].add(a.person)
            bodies[a.org].add(data.label(a.body))
    return {
        o: {
            "type": "organisation", "label": data.label(o), "meetings": len(ms), "people": len(people[o]),
            "bodies": sorted(bodies[o]), "evidence": data.evidence.get(o, ""),
        }
        for o, ms in meetings.items()
    }


def _co_presence(groups: Iterable[set[str]]) -> Counter:
    """Pairs that appear together, counted over groups (one group per meeting)."""
    pairs: Counter = Counter()
    for members in groups:
        pairs.update(combinations(sorted(members), 2))
    return pairs


def _graph(nodes: dict[str, dict], weights: Counter, name: str) -> nx.Graph:
    g = nx.Graph(projection=name)
    g.add_nodes_from(nodes.items())
    g.add_edges_from((u, v, {"weight": w}) for (u, v), w in weights.items())
    return g


def people_graph(data: Data) -> nx.Graph:
    by_meeting: dict[str, set] = defaultdict(set)
    for a in data.attendance:
        by_meeting[a.meeting].add(a.person)
    return _graph(_person_nodes(data), _co_presence(by_meeting.values()), "people")


def orgs_graph(data: Data) -> nx.Graph:
    by_meeting: dict[str, set] = defaultdict(set)
    for a in data.attendance:
        if a.org:
            by_meeting[a.meeting].add(a.org)
    return _graph(_org_nodes(data), _co_presence(by_meeting.values()), "orgs")


def people_orgs_graph(data: Data) -> nx.Graph:
    meetings: dict[tuple[str, str], set] = defaultdict(set)
    for a in data.attendance:
        if a.org:
            meetings[(a.person, a.org)].add(a.meeting)
    nodes = {**_person_nodes(data), **_org_nodes(data)}
    return _graph(nodes, Counter({k: len(v) for k, v in meetings.items()}), "people-orgs")


def people_programmes_graph(data: Data) -> nx.Graph:
    people = _person_nodes(data)
    relations: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for person, prog, relation in data.programme_links:
        relations[(person, prog)][relation] += 1
    g = nx.Graph(projection="people-programmes")
    for (person, prog), counts in relations.items():
        if person not in g:
            g.add_node(person, **people.get(person, {"type": "person", "label": data.label(person)}))
        if prog not in g:
            g.add_node(prog, type="programme", label=data.label(prog))
        g.add_edge(person, prog, weight=sum(counts.values()),
                   **{k: counts.get(k, 0) for k in ("presented", "decided", "actions")})
    for prog, attrs in g.nodes(data=True):
        if attrs["type"] == "programme":
            attrs["people"] = g.degree(prog)
    return g


def _body_nodes(data: Data) -> dict[str, dict]:
    meetings: dict[str, set] = defaultdict(set)
    for a in data.attendance:
        meetings[a.body].add(a.meeting)
    return {b: {"type": "body", "label": data.label(b), "meetings": len(ms)} for b, ms in meetings.items()}


def bodies_graph(data: Data) -> nx.Graph:
    meetings: dict[tuple[str, str], set] = defaultdict(set)
    for a in data.attendance:
        if a.org:
            meetings[(a.body, a.org)].add(a.meeting)
    nodes = {**_body_nodes(data), **_org_nodes(data)}
    return _graph(nodes, Counter({k: len(v) for k, v in meetings.items()}), "bodies")


def meetings_graph(data: Data) -> nx.Graph:
    nodes = {**_person_nodes(data), **_body_nodes(data)}
    weights: Counter = Counter()
    for a in data.attendance:
        if a.meeting not in nodes:
            label = f"{data.label(a.body)}, {a.date}" if a.date else data.label(a.meeting)
            nodes[a.meeting] = {"type": "meeting", "label": label, "date": a.date or ""}
            weights[(a.meeting, a.body)] = 1
        weights[(a.person, a.meeting)] = 1
    return _graph(nodes, weights, "meetings")


BUILDERS = {
    "people": people_graph, "orgs": orgs_graph, "people-orgs": people_orgs_graph,
    "people-programmes": people_programmes_graph, "bodies": bodies_graph, "meetings": meetings_graph,
}


# Other names people use for the projections.
ALIASES = {
    "co-attendance": "people", "persons": "people", "organisations": "orgs", "organizations": "orgs",
    "collaboration": "orgs", "agencies": "orgs", "people-organisations": "people-orgs",
    "programmes": "people-programmes", "members": "bodies", "attendance": "meetings",
}


def projection_name(projection: str, option: str = "--projection") -> str:
    """The canonical projection name, or an error naming the option."""
    name = ALIASES.get(projection, projection)
    if name not in BUILDERS:
        raise QueryError(f"{option}: unknown projection {projection!r} (one of {', '.join(PROJECTIONS)})")
    return name


def build_projection(data: Data, projection: str) -> nx.Graph:
    return BUILDERS[projection_name(projection)](data)


def project(store: Store, projection: str, f: Filters | None = None, option: str = "--projection") -> nx.Graph:
    """A projection straight from the store."""
    projection = projection_name(projection, option)
    return build_projection(fetch(store, f or Filters(), projection), projection)


# ---------------------------------------------------------------------------
# measures


def betweenness(g: nx.Graph, budget: int = BETWEENNESS_BUDGET, seed: int = SEED) -> dict[str, float]:
    """Unnormalised betweenness over hops (a broker sits on the paths between groups).

    Exact while nodes x edges stays within ``budget``; above it, estimated from ``k``
    sources sampled with a fixed seed, so big graphs stay bounded and runs repeat.
    """
    n, m = g.number_of_nodes(), g.number_of_edges()
    if n * max(m, 1) <= budget:
        return nx.betweenness_centrality(g, normalized=False)
    k = min(n, max(BETWEENNESS_MIN_SAMPLES, budget // max(m, 1)))
    return nx.betweenness_centrality(g, k=k, normalized=False, seed=seed)


def pagerank(g: nx.Graph) -> dict[str, float]:
    if g.number_of_nodes() == 0:
        return {}
    try:
        return nx.pagerank(g, weight="weight", max_iter=300)
    except nx.PowerIterationFailedConvergence:
        return dict.fromkeys(g, 1.0 / g.number_of_nodes())


def communities(g: nx.Graph, seed: int = SEED) -> list[list[str]]:
    """Louvain communities, seeded; largest first, members by weighted degree."""
    if g.number_of_edges() == 0:
        return [[n] for n in sorted(g)]
    found = nx.community.louvain_communities(g, weight="weight", seed=seed)
    strength = dict(g.degree(weight="weight"))
    ordered = [sorted(c, key=lambda n: (-strength[n], g.nodes[n].get("label", n))) for c in found]
    return sorted(ordered, key=lambda c: (-len(c), g.nodes[c[0]].get("label", c[0])))


ALL_MEASURES = ("weighted_degree", "betweenness", "pagerank", "community")


def measure(g: nx.Graph, which: Iterable[str] = ALL_MEASURES,
            found: list[list[str]] | None = None) -> dict[str, dict[str, Any]]:
    """Per node: degree, weighted degree and, as asked, betweenness, pagerank and community
    number (1 = largest). Pass ``found`` communities to avoid running Louvain twice."""
    which = set(which)
    btw = betweenness(g) if "betweenness" in which else {}
    pr = pagerank(g) if "pagerank" in which else {}
    community_of = {}
    if "community" in which:
        community_of = {n: i for i, c in enumerate(found or communities(g), 1) for n in c}
    return {
        n: {
            "degree": g.degree(n), "weighted_degree": g.degree(n, weight="weight"),
            "betweenness": btw.get(n), "pagerank": pr.get(n), "community": community_of.get(n),
        }
        for n in g
    }


# ---------------------------------------------------------------------------
# change between periods


@dataclass
class Changes:
    """What changed from one period's graph to the next."""

    before: str
    after: str
    joined: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)
    strengthened: list[tuple[str, str, float, float]] = field(default_factory=list)
    weakened: list[tuple[str, str, float, float]] = field(default_factory=list)
    new_ties: list[tuple[str, str, float]] = field(default_factory=list)
    lost_ties: list[tuple[str, str, float]] = field(default_factory=list)

    def rows(self, label, limit: int | None = None) -> list[dict]:
        """Report rows; with ``limit``, each kind of change keeps its largest ``limit`` and a count of the rest."""
        def tie(u, v):
            return f"{label(u)} – {label(v)}"

        kinds = [
            ("joined", [{"who": label(n), "before": 0, "after": None} for n in self.joined]),
            ("left", [{"who": label(n), "before": None, "after": 0} for n in self.left]),
            ("strengthened", [{"who": tie(u, v), "before": a, "after": b} for u, v, a, b in self.strengthened]),
            ("weakened", [{"who": tie(u, v), "before": a, "after": b} for u, v, a, b in self.weakened]),
            ("new tie", [{"who": tie(u, v), "before": 0, "after": w} for u, v, w in self.new_ties]),
            ("lost tie", [{"who": tie(u, v), "before": w, "after": 0} for u, v, w in self.lost_ties]),
        ]
        out = []
        for kind, rows in kinds:
            shown = rows if limit is None else rows[:limit]
            out += [{"change": kind, **r} for r in shown]
            if len(rows) > len(shown):
                out.append({"change": kind, "who": f"… and {len(rows) - len(shown)} more"})
        for r in out:
            r["period"] = f"{self.before} → {self.after}"
        return out


def compare_periods(before: nx.Graph, after: nx.Graph, names: tuple[str, str] = ("before", "after")) -> Changes:
    """Who joined, who left, and which ties grew, shrank, appeared or went."""
    ch = Changes(*names)
    ch.joined = sorted(set(after) - set(before))
    ch.left = sorted(set(before) - set(after))

    def key(u, v):
        return (u, v) if u <= v else (v, u)

    wb = {key(u, v): d.get("weight", 1) for u, v, d in before.edges(data=True)}
    wa = {key(u, v): d.get("weight", 1) for u, v, d in after.edges(data=True)}
    for e in sorted(wb.keys() | wa.keys()):
        a, b = wb.get(e), wa.get(e)
        if a is None:
            ch.new_ties.append((*e, b))
        elif b is None:
            ch.lost_ties.append((*e, a))
        elif b > a:
            ch.strengthened.append((*e, a, b))
        elif b < a:
            ch.weakened.append((*e, a, b))
    ch.strengthened.sort(key=lambda t: t[2] - t[3])
    ch.weakened.sort(key=lambda t: t[3] - t[2])
    ch.new_ties.sort(key=lambda t: -t[2])
    ch.lost_ties.sort(key=lambda t: -t[2])
    return ch


def split_period(period: str, option: str = "--compare") -> tuple[str, str, str]:
    """"2018" or "2018-01-01..2018-06-30" -> (name, since, until)."""
    if ".." in period:
        a, b = period.split("..", 1)
        return period, parse_user_date(a, option), parse_user_date(b, option, end=True)
    return period, parse_user_date(period, option), parse_user_date(period, option, end=True)


def _within(a: Attendance, since: str, until: str) -> bool:
    return a.date is not None and since <= a.date <= until


def period_changes(data: Data, projection: str, periods: tuple[str, str] | None) -> Changes | None:
    """Compare two periods (default: the last two years with meetings) in one projection."""
    if periods is None:
        years = sorted({a.date[:4] for a in data.attendance if a.date})
        if len(years) < 2:
            return None
        periods = (years[-2], years[-1])
    graphs = []
    for p in periods:
        name, since, until = split_period(p)
        sub = Data([a for a in data.attendance if _within(a, since, until)], data.labels, data.evidence,
                   data.programme_links)
        graphs.append(build_projection(sub, projection))
    return compare_periods(graphs[0], graphs[1], (periods[0], periods[1]))


# ---------------------------------------------------------------------------
# report


def collaboration(data: Data) -> list[dict]:
    """Organisation pairs and the meetings they shared: the collaboration matrix in long form."""
    g = orgs_graph(data)
    rows = [
        {"organisation": g.nodes[u]["label"], "with": g.nodes[v]["label"], "meetings": d["weight"]}
        for u, v, d in g.edges(data=True)
    ]
    for r in rows:
        if r["organisation"] > r["with"]:
            r["organisation"], r["with"] = r["with"], r["organisation"]
    return sorted(rows, key=lambda r: (-r["meetings"], r["organisation"], r["with"]))


def collaboration_matrix(data: Data) -> dict[str, Any]:
    """The square matrix: ``labels`` and ``meetings[i][j]`` (diagonal: the organisation's own meetings)."""
    g = orgs_graph(data)
    order = sorted(g, key=lambda n: g.nodes[n]["label"])
    matrix = [[g.nodes[u]["meetings"] if u == v else g.get_edge_data(u, v, {}).get("weight", 0) for v in order]
              for u in order]
    return {"labels": [g.nodes[n]["label"] for n in order], "meetings": matrix}


def attendance_trends(data: Data) -> list[dict]:
    """Per organisation per year: meetings attended, attendances (person-meetings), distinct people."""
    meetings: dict[tuple[str, str], set] = defaultdict(set)
    people: dict[tuple[str, str], set] = defaultdict(set)
    seats: dict[tuple[str, str], set] = defaultdict(set)
    for a in data.attendance:
        if a.org:
            k = (data.label(a.org), a.date[:4] if a.date else "undated")
            meetings[k].add(a.meeting)
            people[k].add(a.person)
            seats[k].add((a.meeting, a.person))
    return [
        {"organisation": o, "year": y, "meetings": len(meetings[(o, y)]), "attendances": len(seats[(o, y)]),
         "people": len(people[(o, y)])}
        for o, y in sorted(meetings)
    ]


def connectors(data: Data) -> list[dict]:
    """People who attended meetings of more than one body: the ties between bodies."""
    per: dict[str, Counter] = defaultdict(Counter)
    seen: set[tuple[str, str]] = set()
    for a in data.attendance:
        if (a.person, a.meeting) not in seen:
            seen.add((a.person, a.meeting))
            per[a.person][data.label(a.body)] += 1
    rows = [
        {"name": data.label(p), "bodies": len(c), "meetings": sum(c.values()),
         "by_body": [f"{b} ({n})" for b, n in sorted(c.items())]}
        for p, c in per.items() if len(c) > 1
    ]
    return sorted(rows, key=lambda r: (-r["bodies"], -r["meetings"], r["name"]))


def _round(x: float) -> float:
    return round(x, 4)


@dataclass
class Report:
    projection: str
    filters: Filters
    nodes: int
    edges: int
    brokers: list[dict]
    communities: list[dict]
    connectors: list[dict]
    collaboration: list[dict]
    matrix: dict[str, Any]
    trends: list[dict]
    changes: list[dict]

    SECTIONS = ("brokers", "communities", "connectors", "collaboration", "trends", "changes")

    def to_json(self) -> dict:
        return {
            "projection": self.projection,
            "filters": {"body": self.filters.body, "since": self.filters.since, "until": self.filters.until},
            "nodes": self.nodes, "edges": self.edges, "brokers": self.brokers, "communities": self.communities,
            "connectors": self.connectors, "collaboration": self.collaboration, "matrix": self.matrix,
            "trends": self.trends, "changes": self.changes,
        }


def analyse(store: Store, projection: str = "people", f: Filters | None = None, top: int = 10,
            compare: tuple[str, str] | None = None) -> Report:
    """The ``kg analyse`` report: brokers, communities, connectors, collaboration, trends, changes."""
    f = f or Filters()
    projection = projection_name(projection)
    data = fetch(store, f, projection)
    g = build_projection(data, projection)
    found = communities(g)
    m = measure(g, found=found)
    ranked = sorted(g, key=lambda n: (-m[n]["betweenness"], -m[n]["weighted_degree"], g.nodes[n]["label"]))
    brokers = [
        {
            "rank": i, "name": g.nodes[n]["label"], "type": g.nodes[n]["type"],
            "betweenness": _round(m[n]["betweenness"]), "weighted_degree": m[n]["weighted_degree"],
            "degree": m[n]["degree"], "pagerank": _round(m[n]["pagerank"]), "community": m[n]["community"],
            "bodies": g.nodes[n].get("bodies", []), "organisations": g.nodes[n].get("organisations", []),
        }
        for i, n in enumerate(ranked[:top], 1)
    ]
    comms = [
        {"community": i, "size": len(c), "members": [g.nodes[n]["label"] for n in c]}
        for i, c in enumerate(found, 1)
    ]
    changes = period_changes(data, projection, compare)
    return Report(
        projection, f, g.number_of_nodes(), g.number_of_edges(), brokers, comms, connectors(data),
        collaboration(data), collaboration_matrix(data), attendance_trends(data),
        changes.rows(data.label, limit=top) if changes else [],
    )


# ---------------------------------------------------------------------------
# export


def _flat(value: Any) -> Any:
    """GraphML and GEXF take scalars only."""
    if isinstance(value, (list, tuple, set)):
        return "; ".join(str(v) for v in value)
    return value


def export_graph(g: nx.Graph, fmt: str, path: Path) -> None:
    """Write ``g`` with node type, label, weights and measures as attributes."""
    m = measure(g)
    out = nx.Graph(projection=g.graph.get("projection", ""))
    for n, attrs in g.nodes(data=True):
        flat = {k: _flat(v) for k, v in attrs.items() if v is not None}
        flat.update({k: v for k, v in m[n].items() if v is not None})
        out.add_node(n, **flat)
    out.add_edges_from((u, v, {k: _flat(x) for k, x in d.items()}) for u, v, d in g.edges(data=True))
    writers = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}
    if fmt not in writers:
        raise ExportError(f"--format: {fmt!r} is not a network format (graphml or gexf)")
    try:
        writers[fmt](out, str(path))
    except OSError as exc:
        raise ExportError(f"{path}: cannot write ({exc.strerror or exc})") from exc


def export_projection(store: Store, projection: str, fmt: str, path: Path, **filters: str | None) -> None:
    """Write a projection as GraphML or GEXF for Gephi.

    ``filters`` are what a user typed: ``body``, ``since``, ``until`` (see ``resolve_filters``).
    """
    if fmt not in ("graphml", "gexf"):
        raise ExportError(f"--format: {fmt!r} is not a network format (graphml or gexf)")
    unknown = set(filters) - {"body", "since", "until"}
    if unknown:
        raise ExportError(f"unknown filter(s): {', '.join(sorted(unknown))}")
    name = projection_name(projection, "--graph")
    f = resolve_filters(store, **filters)
    export_graph(project(store, name, f), fmt, Path(path))
