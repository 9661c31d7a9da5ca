"""The links graph: shared entities recomputed from the document graphs.

Document graphs say how each document spells a person, organisation,
programme or body; this module reads all of them back (over the union, so it
works on any store) and writes one consistent description of each entity:
types, canonical labels, merge evidence, memberships over time and each
body's member organisations. Being derived, it is recomputed after every
build: whole (``refresh_links``) or, when a build touched a few documents,
for the entities those documents mention (``refresh_links(store, entities=...)``),
so removing or replacing a document can never leave a stale label.

While a large build writes, each committed batch carries a *provisional*
description of the entities it introduces (``provisional_quads``: a type and
one label, enough for the store to validate) and marks the links graph stale
(``STALE``); the refresh at the end replaces both. A build killed in between
leaves a valid store whose stale mark makes the next build refresh in full.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.gazetteer import Gazetteer
from kg.gazetteer import default as default_gazetteer
from kg.names import slug, split_name
from kg.namespaces import BASE, DCTERMS, FOAF, GOV, ORG, PERSON, PROV, RDF, SKOS, TIME, XSD
from kg.rdf import LINKS_GRAPH, _Quads, date, org_iri, text

ORGS, PROGRAMME, BODY = (BASE + x for x in ("org/", "programme/", "body/"))
ENTITY_PREFIXES = (PERSON, ORGS, PROGRAMME, BODY)
SCHEME = BASE + "programmes"
# The links graph was invalidated (documents committed, refresh pending): a
# PROV statement about the graph itself, removed by every full refresh.
STALE = (LINKS_GRAPH, PROV.invalidatedAtTime)
VALUES_CHUNK = 400  # entity IRIs per restricted query


def stale_quad(when: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(STALE[0]), ox.NamedNode(STALE[1]),
                   ox.Literal(when, datatype=ox.NamedNode(XSD.dateTime)), ox.NamedNode(LINKS_GRAPH))


def is_stale(store) -> bool:
    return store.ask("ASK { GRAPH ?links { ?links ?p ?t } }",
                     bindings={"links": ox.NamedNode(LINKS_GRAPH), "p": ox.NamedNode(STALE[1])})


def _values(var: str, iris: Iterable[str]) -> str:
    """A VALUES block of IRIs; each serialised by pyoxigraph, so no text is pasted raw."""
    return f"VALUES ?{var} {{ " + " ".join(str(ox.NamedNode(i)) for i in iris) + " }"


def _select(sources: list[tuple[object, list[str]]], sparql: str, var: str | None, only: list[str] | None,
            **kw) -> list[dict]:
    """Rows of ``sparql`` from every (store, graphs to leave out) source, concatenated.

    ``#ONLY`` becomes a VALUES block restricting ``var`` to ``only`` (in chunks;
    it sits inside the ``GRAPH`` block: outside it, Oxigraph 0.5 evaluates the
    graph pattern unrestricted, 40x slower), ``#EXCL`` a filter leaving out graphs. Every query here aggregates per graph
    (counts, distinct values, min and max), so rows of disjoint sets of graphs
    combine by adding them up.
    """
    rows: list[dict] = []
    for store, exclude in sources:
        excl = ("FILTER(?g NOT IN (" + ", ".join(str(ox.NamedNode(g)) for g in exclude) + "))") if exclude else ""
        text_ = sparql.replace("#EXCL", excl)
        if only is None or var is None:
            rows += store.select(text_.replace("#ONLY", ""), **kw)
            continue
        for i in range(0, len(only), VALUES_CHUNK):
            rows += store.select(text_.replace("#ONLY", _values(var, only[i: i + VALUES_CHUNK])), **kw)
    return rows


def _best(counts: Counter) -> str:
    """Most frequent label; ties go to one not in capitals ("Stalking Clinic" over
    "STALKING CLINIC", a heading's spelling), then the longer, then the alphabetically first."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].isupper(), -len(kv[0]), kv[0]))[0][0]


@dataclass
class LinkFacts:
    """What the links graph is computed from, gathered from document graphs.

    Every part is a sum, a union or a min/max over graphs, so the facts of
    disjoint sets of documents merge (``merge``) into the facts of all of them:
    a fresh build gathers them document by document instead of querying the
    whole store at the end.
    """

    labels: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # entity -> label -> graphs
    written: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))  # person -> name as written
    honorifics: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    evidence: set[tuple[str, str]] = field(default_factory=set)  # (person, merge sentence)
    members: set[tuple[str, str]] = field(default_factory=set)  # (body, organisation represented)
    spans: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))  # (person, org) -> dates
    roles: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))

    def entity_labels(self) -> dict[str, Counter]:
        """``entity_labels`` of the graphs these facts come from (the counters are shared, not copied)."""
        return {s: counts for s, counts in self.labels.items() if s.startswith(ENTITY_PREFIXES)}

    def merge(self, other: LinkFacts, rename: dict[str, str] | None = None) -> None:
        """Add ``other``'s facts, IRIs renamed by ``rename`` (how a build puts in real person keys)."""
        get = (rename or {}).get  # (called once per item: the build merges every document's facts)
        for mine, theirs in ((self.labels, other.labels), (self.written, other.written),
                             (self.honorifics, other.honorifics)):
            for s, counts in theirs.items():
                total = mine[get(s, s)]
                for label, n in counts.items():
                    total[label] += n
        self.evidence.update((get(p, p), e) for p, e in other.evidence)
        self.members.update(other.members)  # (body, organisation): never a person
        spans = self.spans
        for (p, o), dates in other.spans.items():
            span = spans[(get(p, p), o)]
            span.extend(dates)
            if len(span) > 2:
                span[:] = [min(span), max(span)]
        roles_ = self.roles
        for (p, o), roles in other.roles.items():
            roles_[(get(p, p), o)].update(roles)


def gather_facts(sources: list[tuple[object, list[str]]], only: list[str] | None = None) -> LinkFacts:
    """The facts of the document graphs of every (store, graphs to leave out) source.

    Joins stay inside one graph (``GRAPH ?g``): over the union, a statement
    repeated in many graphs would multiply the rows of every join. With
    ``only`` (entity IRIs), the facts about those entities and their people.
    """
    f = LinkFacts()
    links = {"links": ox.NamedNode(LINKS_GRAPH)}
    for r in _select(
        sources,
        """SELECT ?s ?l (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { #ONLY ?s skos:altLabel ?l } FILTER(?g != ?links) #EXCL }
           GROUP BY ?s ?l""", "s", only, bindings=links,
    ):
        f.labels[r["s"]][r["l"]] += r["n"]
    people = None if only is None else [e for e in only if e.startswith(PERSON)]
    bodies = None if only is None else [e for e in only if e.startswith(BODY)]
    for r in _select(
        sources,
        """SELECT ?p ?name ?hon (COUNT(*) AS ?n) WHERE { GRAPH ?g { #ONLY
             ?f gov:attendee|gov:absentee ?p ; gov:nameAsWritten ?name . OPTIONAL { ?f gov:honorific ?hon } } #EXCL }
           GROUP BY ?p ?name ?hon""", "p", people,
    ):
        f.written[r["p"]][r["name"]] += r["n"]
        if r["hon"]:
            f.honorifics[r["p"]][r["hon"]] += r["n"]
    for r in _select(
        sources, "SELECT DISTINCT ?p ?e WHERE { GRAPH ?g { #ONLY ?p gov:linkEvidence ?e } FILTER(?g != ?links) #EXCL }",
        "p", people, bindings=links,
    ):
        f.evidence.add((r["p"], r["e"]))
    for r in _select(
        sources, """SELECT DISTINCT ?b ?o WHERE { GRAPH ?g { #ONLY ?m gov:body ?b . ?f gov:meeting ?m ;
                                                 gov:representing ?o } #EXCL }""",
        "b", bodies,
    ):
        f.members.add((r["b"], r["o"]))
    for r in _select(
        sources, """SELECT ?p ?o (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { GRAPH ?g { #ONLY
             ?f gov:attendee|gov:absentee ?p ; gov:representing ?o ; gov:meeting ?m .
             OPTIONAL { ?m dcterms:date ?d } } #EXCL } GROUP BY ?p ?o""", "p", people,
    ):
        f.spans[(r["p"], r["o"])].extend(str(d) for d in (r["first"], r["last"]) if d)
    for r in _select(
        sources, """SELECT DISTINCT ?p ?o ?role WHERE { GRAPH ?g { #ONLY
             ?f gov:attendee|gov:absentee ?p ; gov:representing ?o ; gov:roleLabel ?role } #EXCL }""", "p", people,
    ):
        f.roles[(r["p"], r["o"])].add(r["role"])
    return f


# The predicates whose statements ``link_facts`` reads.
FACT_PREDICATES = frozenset({SKOS.altLabel, GOV.linkEvidence, GOV.body, DCTERMS.date, GOV.attendee, GOV.absentee,
                             GOV.nameAsWritten, GOV.honorific, GOV.representing, GOV.roleLabel, GOV.meeting})


def link_facts(quads: Iterable[ox.Quad]) -> LinkFacts:
    """The facts of one document graph given as its quads (in a build's worker process).

    The same as ``gather_facts`` over a store holding just that graph, in
    plain Python: a tenth of the time of running the queries.
    """
    return triple_facts((q.subject.value, q.predicate.value, q.object.value) for q in quads
                        if q.predicate.value in FACT_PREDICATES)


def triple_facts(triples: Iterable[tuple[str, str, str]]) -> LinkFacts:
    """``link_facts`` of one graph's distinct statements as (subject, predicate, object value)."""
    alt, ev, body, meeting = SKOS.altLabel, GOV.linkEvidence, GOV.body, GOV.meeting
    who_p, name_p, hon_p, org_p, role_p, date_p = (GOV.attendee, GOV.absentee), GOV.nameAsWritten, GOV.honorific, \
        GOV.representing, GOV.roleLabel, DCTERMS.date
    f = LinkFacts()
    labels: set[tuple[str, str]] = set()
    by_fact: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    bodies: dict[str, list[str]] = defaultdict(list)
    dates: dict[str, list[str]] = defaultdict(list)
    for s, p, o in triples:
        if p == alt:
            labels.add((s, o))
        elif p == ev:
            f.evidence.add((s, o))
        elif p == body:
            bodies[s].append(o)
        elif p == date_p:
            dates[s].append(o)
        elif p in who_p or p in (name_p, hon_p, org_p, role_p, meeting):
            by_fact[s][p].append(o)
    for s, label in labels:
        f.labels[s][label] += 1
    for props in by_fact.values():
        people = props.get(who_p[0], []) + props.get(who_p[1], [])
        orgs, meetings = props.get(org_p, []), props.get(meeting, [])
        for m in meetings:
            for b in bodies.get(m, ()):
                f.members.update((b, o) for o in orgs)
        if not people:
            continue
        names, honorifics = props.get(name_p, []), props.get(hon_p) or [None]
        for who in people:
            for name in names:
                f.written[who][name] += len(honorifics)
                for hon in honorifics:
                    if hon:
                        f.honorifics[who][hon] += 1
            for o in orgs:
                when = [d for m in meetings for d in dates.get(m, ())]
                if meetings:
                    span = f.spans[(who, o)]
                    if when:
                        span.extend((min(when), max(when)))
                for role in props.get(role_p, ()):
                    f.roles[(who, o)].add(role)
    return f


def links_quads(store, gaz: Gazetteer | None = None, entities: Iterable[str] | None = None,
                described_roles: set[str] | None = None, *, exclude: Iterable[str] = (),
                extra=None) -> list[ox.Quad]:
    """Every quad of the links graph, computed from what the document graphs say.

    With ``entities`` (IRIs of people, organisations, programmes, bodies),
    only the description of those entities and of their people's memberships;
    roles in ``described_roles`` are then left as they are. ``exclude`` names
    document graphs to read as if gone, ``extra`` is a second store whose
    document graphs count as if they were in ``store`` (a batch not yet written).
    """
    only = None if entities is None else sorted(set(entities))
    if only is not None and not only:
        return []
    sources = [(store, list(exclude))] + ([(extra, [])] if extra is not None else [])
    return facts_quads(gather_facts(sources, only), gaz, described_roles)


def facts_quads(f: LinkFacts, gaz: Gazetteer | None = None, described_roles: set[str] | None = None) -> list[ox.Quad]:
    """The links graph's quads for the entities ``f`` has facts about."""
    gaz = gaz or default_gazetteer()
    q = _Quads(ox.NamedNode(LINKS_GRAPH))
    _describe(q, f.labels, gaz, f.written, f.honorifics)
    for p, e in sorted(f.evidence):
        q.add(p, GOV.mergeEvidence, text(e))
    for b, o in sorted(f.members):
        q.add(b, ORG.hasMember, o)

    # -- memberships over time ----------------------------------------------------------
    role_labels: dict[str, Counter] = defaultdict(Counter)  # one label per role IRI ("Chair" / "chair")
    for pair_roles in f.roles.values():
        for role in pair_roles:
            role_labels[slug(role)][role] += 1
    for key, counts in sorted(role_labels.items()):
        if described_roles is not None and BASE + "role/" + key in described_roles:
            continue
        q.add(BASE + "role/" + key, RDF.type, ORG.Role)
        q.add(BASE + "role/" + key, SKOS.prefLabel, text(_best(counts)))
    for (p, o), dates in sorted(f.spans.items()):
        mem = f"{BASE}membership/{p[len(PERSON):]}/{o[len(ORGS):]}"
        q.add(mem, RDF.type, ORG.Membership)
        q.add(mem, RDF.type, GOV.Membership)
        q.add(mem, ORG.member, p)
        q.add(mem, ORG.organization, o)
        for role in sorted(f.roles.get((p, o), ())):
            q.add(mem, ORG.role, BASE + "role/" + slug(role))
        if dates:
            interval = mem + "/interval"
            q.add(mem, ORG.memberDuring, interval)
            q.add(interval, RDF.type, TIME.Interval)
            for end, value in (("hasBeginning", min(dates)), ("hasEnd", max(dates))):
                instant = f"{interval}/{end[3:].lower()}"
                q.add(interval, TIME[end], instant)
                q.add(instant, RDF.type, TIME.Instant)
                q.add(instant, TIME.inXSDDate, date(value))
    return list(dict.fromkeys(q.out))


def _describe(q: _Quads, labels: dict[str, Counter], gaz: Gazetteer, written: dict[str, Counter] | None = None,
              honorifics: dict[str, Counter] | None = None, described: set[str] | frozenset = frozenset()) -> None:
    """Types and canonical labels of the people, organisations, programmes and bodies in ``labels``.

    ``written`` (spellings on attendance lists) and ``honorifics`` refine people's
    names when known; entities in ``described`` are left alone.
    """
    written = written or defaultdict(Counter)
    honorifics = honorifics or defaultdict(Counter)
    for p in sorted(s for s in labels if s.startswith(PERSON)):
        name = _best(written[p] or labels[p])
        q.add(p, RDF.type, FOAF.Person)
        q.add(p, FOAF.name, text(name))
        for spelling in sorted(labels[p]):  # every spelling once: what the linker reloads
            q.add(p, SKOS.altLabel, text(spelling))
        words = split_name(name).name.split()
        if len(words) >= 2:
            q.add(p, FOAF.givenName, text(words[0]))
            q.add(p, FOAF.familyName, text(" ".join(words[1:])))
        if honorifics[p]:
            q.add(p, GOV.honorific, text(_best(honorifics[p])))

    def organisation(iri: str, label: str) -> None:
        q.add(iri, RDF.type, ORG.Organization)
        q.add(iri, SKOS.prefLabel, text(label))
        kind = gaz.org_kind(label)
        if kind:
            q.add(iri, GOV.orgKind, text(kind))

    for o in sorted(s for s in labels if s.startswith(ORGS)):
        canon = Counter({(gaz.canonical_org(lab) or lab): n for lab, n in labels[o].items()})
        known = [c for c in canon if gaz.org(c)]
        organisation(o, known[0] if known else _best(canon))

    if SCHEME not in described:
        q.add(SCHEME, RDF.type, SKOS.ConceptScheme)
        q.add(SCHEME, SKOS.prefLabel, text("Programmes discussed in the minutes"))
    for p in sorted(s for s in labels if s.startswith(PROGRAMME)):
        hits = [gaz.programme(lab) for lab in labels[p]]
        entry = next((h for h in hits if h), None)
        own = Counter({lab: n for lab, n in labels[p].items() if slug(lab) == p[len(PROGRAMME):]})
        pref = entry.label if entry else _best(own or labels[p])
        q.add(p, RDF.type, GOV.Programme)
        q.add(p, RDF.type, SKOS.Concept)
        q.add(p, SKOS.inScheme, SCHEME)
        q.add(p, SKOS.prefLabel, text(pref))
        for alt in (entry.alt if entry else []):
            q.add(p, SKOS.altLabel, text(alt))

    for b in sorted(s for s in labels if s.startswith(BODY)):
        name = _best(labels[b])
        q.add(b, RDF.type, GOV.PartnershipBody)
        q.add(b, SKOS.prefLabel, text(name))
        parent = gaz.org_prefix(name)
        if parent and parent[1] < len(name.strip()):
            # "Gloucestershire County Council Cabinet": a unit of the council.
            q.add(b, RDF.type, ORG.OrganizationalUnit)
            unit_of = org_iri(slug(parent[0]))
            q.add(b, ORG.unitOf, unit_of)
            if unit_of not in labels and unit_of not in described:
                organisation(unit_of, parent[0])
        else:
            q.add(b, RDF.type, ORG.OrganizationalCollaboration)


def entity_labels(quads: Iterable[ox.Quad]) -> dict[str, Counter]:
    """People, organisations, programmes and bodies that document quads mention, with their spellings."""
    alt = SKOS.altLabel
    return triple_labels((q.subject.value, alt, q.object.value) for q in quads if q.predicate.value == alt)


def triple_labels(triples: Iterable[tuple[str, str, str]]) -> dict[str, Counter]:
    """``entity_labels`` of distinct statements as (subject, predicate, object value)."""
    alt = SKOS.altLabel
    labels: dict[str, Counter] = defaultdict(Counter)
    for s, p, o in triples:
        if p == alt and s.startswith(ENTITY_PREFIXES):
            labels[s][o] += 1
    return labels


def provisional_quads(labels: dict[str, Counter], described: set[str], gaz: Gazetteer | None = None) -> list[ox.Quad]:
    """A first description of the entities in ``labels`` (from ``entity_labels``) that ``described`` lacks.

    Enough for the store to validate while a build is under way (a type and
    one label per entity); the refresh at the end of the build replaces it.
    Adds what it describes to ``described``.
    """
    gaz = gaz or default_gazetteer()
    new = {s: c for s, c in labels.items() if s not in described}
    if not new:
        return []
    q = _Quads(ox.NamedNode(LINKS_GRAPH))
    _describe(q, new, gaz, described=described)
    described.update(new)
    described.update(x.subject.value for x in q.out)
    return list(dict.fromkeys(q.out))


def described_entities(store) -> set[str]:
    """Subjects the links graph gives a type (entities, roles, memberships ...)."""
    rows = store.select("SELECT DISTINCT ?s WHERE { GRAPH ?links { ?s a ?t } }",
                        bindings={"links": ox.NamedNode(LINKS_GRAPH)})
    return {r["s"] for r in rows}


def mentioned_entities(store, graphs: Iterable[str]) -> set[str]:
    """People, organisations, programmes and bodies that the given document graphs mention."""
    out: set[str] = set()
    for g in graphs:
        for r in store.select("SELECT DISTINCT ?s WHERE { GRAPH ?g { ?s skos:altLabel ?l } }",
                              bindings={"g": ox.NamedNode(g)}):
            if r["s"].startswith(ENTITY_PREFIXES):
                out.add(r["s"])
    return out


def entities_of(quads: Iterable[ox.Quad]) -> set[str]:
    """People, organisations, programmes and bodies that quads of document graphs mention."""
    return set(entity_labels(quads))


@dataclass
class StoreFacts:
    """What ``links_update`` reads from a store about the entities of some graphs, read ahead.

    A build reads it while it parses the files replacing those graphs (the
    reads take as long as the parsing, and need none of its results); only
    valid until the store is next written.
    """

    exclude: frozenset[str]  # the graphs to be replaced or dropped
    entities: set[str]  # what they mention
    facts: LinkFacts  # about ``entities``, from every other document graph
    roles: set[str]  # roles the links graph describes
    memberships: list[dict]  # the links graph's memberships of the people among ``entities``


def read_ahead(store, graphs: Iterable[str]) -> StoreFacts:
    """The store's part of ``links_update`` for replacing (or dropping) the document graphs ``graphs``."""
    exclude = sorted(set(graphs))
    entities = mentioned_entities(store, exclude)
    only = sorted(entities)
    return StoreFacts(frozenset(exclude), entities, gather_facts([(store, exclude)], only),
                      _described_roles(store), _membership_rows(store, only))


def _described_roles(store) -> set[str]:
    return {r["r"] for r in store.select("SELECT DISTINCT ?r WHERE { GRAPH ?links { ?r a org:Role } }",
                                         bindings={"links": ox.NamedNode(LINKS_GRAPH)})}


def _membership_rows(store, entities: list[str]) -> list[dict]:
    """The links graph's memberships (``?m``, interval ``?i``) of the people among ``entities``."""
    people = [e for e in entities if e.startswith(PERSON)]
    if not people:
        return []
    return _select([(store, [])], """SELECT ?m ?i WHERE { GRAPH ?links { #ONLY ?m org:member ?p .
                             OPTIONAL { ?m org:memberDuring ?i } } }""", "p", people,
                   bindings={"links": ox.NamedNode(LINKS_GRAPH)})


def links_update(store, entities: Iterable[str], gaz: Gazetteer | None = None, *, exclude: Iterable[str] = (),
                 extra=None, clear_stale: bool = True, ahead: StoreFacts | None = None
                 ) -> tuple[list[ox.Quad], list[str]]:
    """What replaces the description of ``entities`` in the links graph: (quads to add, SPARQL deletes to run first).

    The deletes remove everything the links graph says about those entities
    and their people's memberships, and (``clear_stale``) the stale mark; run them with the
    quads in one ``Store.apply_batch`` (together with the document changes
    ``exclude``/``extra`` describe) and the links graph is exact again for them.
    ``ahead`` (``read_ahead`` of the same ``exclude``, the store unwritten since)
    saves reading the store again for the entities it covers.
    """
    links = ox.NamedNode(LINKS_GRAPH)
    only = sorted(set(entities))
    exclude = list(exclude)
    if ahead is not None and (ahead.exclude != frozenset(exclude) or not ahead.entities <= set(only)):
        ahead = None  # read for another change: of no use here
    if ahead is None:
        roles = _described_roles(store)
        quads = links_quads(store, gaz, only, described_roles=roles, exclude=exclude, extra=extra)
        rows = _membership_rows(store, only)
    else:
        rest = [e for e in only if e not in ahead.entities]
        quads = facts_quads(_merged(ahead.facts, gather_facts([(store, exclude)], rest),
                                    gather_facts([(extra, [])], only) if extra is not None else None),
                            gaz, ahead.roles) if only else []
        rows = ahead.memberships + _membership_rows(store, rest)
    subjects = set(only)
    for r in rows:
        subjects.add(r["m"])
        if r["i"]:
            subjects.update((r["i"], r["i"] + "/beginning", r["i"] + "/end"))
    ordered = sorted(subjects)
    deletes = [f"DELETE {{ GRAPH {links} {{ ?s ?p ?o }} }} WHERE {{ {_values('s', ordered[i: i + VALUES_CHUNK])} "
               f"GRAPH {links} {{ ?s ?p ?o }} }}" for i in range(0, len(ordered), VALUES_CHUNK)]
    if clear_stale:
        deletes.append(f"DELETE WHERE {{ GRAPH {links} {{ {links} {ox.NamedNode(STALE[1])} ?t }} }}")
    return quads, deletes


def _merged(*parts: LinkFacts | None) -> LinkFacts:
    """The facts of disjoint sets of graphs or entities together (what one ``gather_facts`` over all gives)."""
    out = LinkFacts()
    for part in parts:
        if part is not None:
            out.merge(part)
    return out


def refresh_links(store, gaz: Gazetteer | None = None, entities: Iterable[str] | None = None) -> int:
    """Recompute the links graph in one transaction; returns the number of quads written.

    Whole by default. With ``entities``, only the description of those
    entities (and of their people's memberships) is replaced: what a build
    that touched a few documents needs, in time proportional to them.
    """
    if entities is None:
        quads = links_quads(store, gaz)
        store.replace_graph(LINKS_GRAPH, quads)
        return len(quads)
    quads, deletes = links_update(store, entities, gaz)
    store.apply_batch(quads, before=deletes)
    return len(quads)
