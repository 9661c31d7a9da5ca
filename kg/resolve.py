"""Linking: one key per real person, organisation and programme across documents.

The parser names people as each document writes them; this module decides
which mentions are the same person and gives each one a stable key (the slug
of its IRI). It is conservative on purpose: a wrong merge silently corrupts
every query about both people, a missed merge only leaves two labels apart.

Rules, in order (every merge records its evidence as a sentence):

1. Same matching key (``kg.names.person_key``: honorifics and post-nominals
   gone, first name in its long form): "Cllr Chris Hancock" = "Christopher
   Hancock", "Andy Gowan" = "Andrew Gowan".
2. A one-word name, or initials, inside a document joins the one person of
   that document it can only mean ("Mike", "SB"); if it could mean two, it
   stays apart.
3. A typo: same first name and a surname that is a near spelling (rapidfuzz)
   joins only inside one document where one side is not itself on the
   attendance list ("Tanya Richards" in an action line where "Dr Tanya
   Richardson" attended), or across documents when both sides share an
   organisation.
4. Nothing else merges: a shared surname ("Paul James"/"Roger James") or a
   shared first name alone never does.

Linking is incremental: ``Registry.from_store`` loads every person the store
already knows, so a new document's spelling links to the existing key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
from rapidfuzz import fuzz

from kg.gazetteer import Gazetteer
from kg.gazetteer import default as default_gazetteer
from kg.names import SHORT_FORMS, fold, initials, person_key, slug, split_name
from kg.namespaces import BASE, FOAF, LINKS_GRAPH, ORG, PERSON, RDF, SKOS
from kg.records import MinutesRecord

TYPO_MIN_RATIO = 85.0  # rapidfuzz ratio between two surnames that may be one mistyped
LISTED = ("present", "apology")  # mention kinds that come from the attendance lists


# ---------------------------------------------------------------- the known entities
@dataclass
class KnownPerson:
    key: str  # slug of the IRI, never changes once minted
    name: str  # the spelling that minted it
    name_keys: set[str] = field(default_factory=set)
    orgs: set[str] = field(default_factory=set)  # organisation keys


@dataclass
class Registry:
    """People (and organisations) already linked, across every document seen so far."""

    people: dict[str, KnownPerson] = field(default_factory=dict)
    by_name_key: dict[str, str] = field(default_factory=dict)
    # organisation key -> people who sat for it, in order of first appearance: the typo
    # rule looks only at people sharing an organisation, not at everyone known.
    by_org: dict[str, dict[str, None]] = field(default_factory=dict)
    _order: dict[str, int] = field(default_factory=dict, repr=False)

    def add(self, key: str, name: str, name_keys: Iterable[str], orgs: Iterable[str] = ()) -> KnownPerson:
        person = self.people.get(key)
        if person is None:
            person = self.people[key] = KnownPerson(key, name)
            self._order[key] = len(self._order)
        for k in name_keys:
            if len(k.split()) >= 2:  # a lone first name or initials never links across documents
                person.name_keys.add(k)
                self.by_name_key.setdefault(k, key)
        for o in orgs:
            self.add_org(person, o)
        return person

    def add_org(self, person: KnownPerson, org: str) -> None:
        if org and org not in person.orgs:
            person.orgs.add(org)
            self.by_org.setdefault(org, {})[person.key] = None

    def order(self, key: str) -> int:
        """Position of a person in order of first appearance (ties in the typo rule go to the first)."""
        return self._order[key]

    def mint(self, name: str) -> str:
        """A new person key from a name; a clash with another person gets -2, -3 ..."""
        base = slug(name)
        key, n = base, 1
        while key in self.people:
            n += 1
            key = f"{base}-{n}"
        return key

    @classmethod
    def from_store(cls, store) -> Registry:
        """Everyone the store's document graphs mention, with their spellings and organisations.

        Expects the links graph to be current (``kg.build`` refreshes a stale one first).
        """
        reg = cls()
        spellings: dict[str, list[str]] = {}
        for p, label in _person_spellings(store):
            spellings.setdefault(p[len(PERSON):], []).append(label)
        for key, labels in spellings.items():
            # The spelling that minted the key, as the in-memory registry remembers it,
            # so evidence reads the same however the build ran.
            minted = labels[0] if len(labels) == 1 else _minting(key, labels)
            reg.add(key, minted, [person_key(lab) for lab in labels])
        for person, org in _memberships(store):
            if person[len(PERSON):] in reg.people:
                reg.add_org(reg.people[person[len(PERSON):]], org[len(BASE + "org/"):])
        return reg


def _minting(key: str, labels: list[str]) -> str:
    """The spelling that minted ``key``: its slug is the key, less any "-2" (else the first)."""
    stem = re.sub(r"-\d+$", "", key)
    return next((lab for lab in labels if slug(lab) in (key, stem)), labels[0])


def _person_spellings(store) -> list[tuple[str, str]]:
    """(person IRI, spelling) of everyone the links graph describes, sorted.

    The links graph lists every person's spellings once; reading them from the
    document graphs instead grows with the corpus (a second per thousand documents).
    """
    rows = store.text_rows(f"GRAPH {ox.NamedNode(LINKS_GRAPH)} {{ ?p a foaf:Person ; skos:altLabel ?label }}",
                           ("?p", "?label"))
    if rows is None:  # index scans: a third of the time of the same SELECT on 10,000 documents
        people = {s for _, s, _ in store.statements(RDF.type, LINKS_GRAPH, FOAF.Person)}
        rows = [(s, o) for _, s, o in store.statements(SKOS.altLabel, LINKS_GRAPH) if s in people]
    if not rows:  # a store built before the links graph kept spellings
        rows = [(r["p"], r["label"]) for r in store.select(
            """SELECT DISTINCT ?p ?label WHERE { ?p skos:altLabel ?label . FILTER(STRSTARTS(STR(?p), ?prefix)) }
               ORDER BY ?p ?label""",
            bindings={"prefix": PERSON},
        )]
    return sorted((p, label) for p, label in rows)


def _memberships(store) -> list[tuple[str, str]]:
    """(person IRI, organisation IRI) of each membership in the links graph.

    The links graph says it once per pair; reading the attendances of every
    document instead grows with the corpus.
    """
    links = ox.NamedNode(LINKS_GRAPH)  # joined by hash: a third less than an index lookup per membership
    rows = store.text_rows(f"{{ SELECT ?m ?p WHERE {{ GRAPH {links} {{ ?m org:member ?p }} }} }} "
                           f"{{ SELECT ?m ?o WHERE {{ GRAPH {links} {{ ?m org:organization ?o }} }} }}", ("?p", "?o"))
    if rows is not None:
        return [(p, o) for p, o in rows]
    member = {m: p for _, m, p in store.statements(ORG.member, LINKS_GRAPH)}
    return [(member[m], o) for _, m, o in store.statements(ORG.organization, LINKS_GRAPH) if m in member]


# ---------------------------------------------------------------- one document
@dataclass
class Mention:
    surface: str  # the name as the document writes it (honorifics removed)
    kind: str  # present | apology | deputy | deputised | owner | presenter
    org: str | None = None  # organisation key


@dataclass
class Cluster:
    mentions: list[Mention]
    key: str = ""
    evidence: list[str] = field(default_factory=list)

    @property
    def name_keys(self) -> set[str]:
        return {person_key(m.surface) for m in self.mentions} - {""}

    @property
    def orgs(self) -> set[str]:
        return {m.org for m in self.mentions if m.org}

    @property
    def listed(self) -> bool:
        return any(m.kind in LISTED for m in self.mentions)

    @property
    def label(self) -> str:
        """The spelling to mint an IRI from: the listed one, else the longest."""
        listed = [m.surface for m in self.mentions if m.kind in LISTED]
        return (listed or sorted((m.surface for m in self.mentions), key=len, reverse=True))[0]


@dataclass
class Linked:
    """The outcome of linking one record: who each written name is, and why."""

    person_of: dict[str, str] = field(default_factory=dict)  # surface name -> person key
    evidence: dict[str, list[str]] = field(default_factory=dict)  # person key -> merge sentences
    org_names: dict[str, str] = field(default_factory=dict)  # org key -> canonical name
    programmes: dict[str, str] = field(default_factory=dict)  # programme key -> canonical name
    programme_of: dict[str, str] = field(default_factory=dict)  # name as the record gives it -> programme key

    def person(self, surface: str) -> str:
        return self.person_of.get(surface) or self.person_of.get(split_name(surface).name, "")


@lru_cache(maxsize=1 << 14)
def name_slug(name: str) -> str:
    """``slug``, remembered: organisations, bodies and programmes recur in every document (a few us each)."""
    return slug(name)


def org_key(name: str | None, gaz: Gazetteer | None = None) -> str:
    """The key of an organisation name: the slug of its canonical form ("Stroud DC" -> stroud-district-council)."""
    if not name:
        return ""
    gaz = gaz or default_gazetteer()
    return name_slug(gaz.canonical_org(name) or name)


def programme_name(name: str, gaz: Gazetteer | None = None) -> str:
    """The canonical name of a programme ("One Government Estate" -> "One Public Estate")."""
    gaz = gaz or default_gazetteer()
    hit = gaz.programme(name)
    return hit.label if hit else name


def mentions_of(record: MinutesRecord, gaz: Gazetteer) -> list[Mention]:
    """Every place the record names a person, in document order of kind."""
    out: list[Mention] = []
    for kind, people in (("present", record.present), ("apology", record.apologies)):
        for p in people:
            out.append(Mention(p.name, kind, org_key(p.organisation, gaz) or None))
    for d in record.deputies:
        out.append(Mention(d.name, "deputy"))
        out.append(Mention(d.for_name, "deputised"))
    for a in record.actions:
        out.extend(Mention(o, "owner") for o in a.owners)
    for p in record.presentations:
        out.append(Mention(p.presenter, "presenter"))
    for i in record.items:
        out.extend(Mention(n, "presenter") for n in i.presenters)
    for q in record.questions:
        out.append(Mention(q.asker, "asker"))
        if q.answerer:
            out.append(Mention(q.answerer, "answerer"))
    return [m for m in out if m.surface and m.surface.strip()]


def _first(key: str) -> str:
    return key.split()[0] if key else ""


def _surname(key: str) -> str:
    return key.split()[-1] if key else ""


def near_spelling(a: str, b: str) -> float:
    """Similarity (0-100) of two matching keys that share a first name; 0 when the first names differ."""
    wa, wb = a.split(), b.split()
    if len(wa) < 2 or len(wb) < 2 or wa[0] != wb[0] or a == b:
        return 0.0
    sa, sb = " ".join(wa[1:]), " ".join(wb[1:])
    if min(len(sa), len(sb)) < 4:
        return 0.0
    score = fuzz.ratio(sa, sb)
    if (sa.startswith(sb) or sb.startswith(sa)) and min(len(sa), len(sb)) >= 5:
        score = max(score, 90.0)  # a clipped ending: "Richards" for "Richardson"
    return score


def _why_same(a: str, b: str) -> str:
    """A sentence saying why two spellings with one matching key are one person."""
    fa, fb = fold(split_name(a).name).split(), fold(split_name(b).name).split()
    if fa and fb and fa[0] != fb[0] and SHORT_FORMS.get(fa[0], fa[0]) == SHORT_FORMS.get(fb[0], fb[0]):
        return f"“{a}” = “{b}”: short form of the first name"
    return f"“{a}” = “{b}”: same name apart from titles, case or punctuation"


def _cluster_document(mentions: list[Mention]) -> list[Cluster]:
    clusters: dict[str, Cluster] = {}
    short: list[Mention] = []
    for m in mentions:
        key = person_key(m.surface)
        if len(key.split()) < 2:
            short.append(m)
            continue
        c = clusters.setdefault(key, Cluster([]))
        c.mentions.append(m)
    for c in clusters.values():
        spellings = list(dict.fromkeys(m.surface for m in c.mentions))
        c.evidence += [_why_same(s, spellings[0]) for s in spellings[1:]
                       if fold(s) != fold(spellings[0])]
    # Typos: an unlisted spelling joins a listed person with the same first name.
    keys = list(clusters)
    for k in keys:
        c = clusters.get(k)
        if c is None or c.listed:
            continue
        best = max(((near_spelling(k, other), other) for other in clusters if other != k and clusters[other].listed),
                   default=(0.0, ""))
        if best[0] >= TYPO_MIN_RATIO:
            target = clusters[best[1]]
            target.mentions += c.mentions
            target.evidence += c.evidence + [
                f"“{c.label}” = “{target.label}”: near spelling ({best[0]:.0f}%) of a person at the same meeting"
            ]
            del clusters[k]
    # One-word names and initials: only when exactly one person fits.
    result = list(clusters.values())
    for m in short:
        word = fold(split_name(m.surface).name)
        long = SHORT_FORMS.get(word, word)
        fits = [c for c in result if len(c.name_keys) and any(
            _first(k) == long or _surname(k) == word for k in c.name_keys)]
        if not fits and m.surface.isupper() and 2 <= len(m.surface) <= 4:
            fits = [c for c in result if any(initials(s.surface) == m.surface for s in c.mentions)]
        if len(fits) == 1:
            fits[0].mentions.append(m)
            fits[0].evidence.append(f"“{m.surface}” = “{fits[0].label}”: the only person of that name at the meeting")
        else:
            result.append(Cluster([m]))
    return result


def _match_known(c: Cluster, reg: Registry, name_keys: set[str] | None = None,
                 label: str | None = None) -> tuple[str, str | None]:
    """The known person key for a cluster and a sentence of evidence (None if the names agree).

    ``name_keys`` and ``label`` are the cluster's, when the caller has them already.
    """
    if name_keys is None:
        name_keys = c.name_keys
    if all(len(k.split()) < 2 for k in name_keys):
        return "", None
    if label is None:
        label = c.label
    for k in sorted(name_keys):
        if k in reg.by_name_key:
            known = reg.people[reg.by_name_key[k]]
            if fold(known.name) != fold(label):
                return known.key, _why_same(label, known.name)
            return known.key, None
    # Typo across documents: only with a shared organisation as support.
    best = (0.0, "")
    orgs = c.orgs
    sharing = {k for o in orgs for k in reg.by_org.get(o, ())}
    order = reg.people.keys() if len(sharing) * 4 > len(reg.people) else sorted(sharing, key=reg.order)
    for key in order:
        known = reg.people[key]
        if not (known.orgs & orgs):
            continue
        for k in name_keys:
            for kk in known.name_keys:
                s = near_spelling(k, kk)
                if s > best[0]:
                    best = (s, known.key)
    if best[0] >= TYPO_MIN_RATIO:
        known = reg.people[best[1]]
        return known.key, (f"“{label}” = “{known.name}”: near spelling ({best[0]:.0f}%) "
                           f"and the same organisation in another document")
    return "", None


def document_clusters(record: MinutesRecord, gaz: Gazetteer | None = None) -> list[Cluster]:
    """The people of one record, grouped within the document (pure: no registry).

    The first half of ``link_record``; it runs in the build's worker processes,
    so only the cheap matching against the registry stays sequential.
    """
    return _cluster_document(mentions_of(record, gaz or default_gazetteer()))


def match_clusters(clusters: list[Cluster], reg: Registry) -> None:
    """Give each cluster its person key against the registry (sequential: it learns as it goes)."""
    for c in clusters:
        name_keys, label = c.name_keys, c.label  # each computed once (the typo search reads them often)
        known, why = _match_known(c, reg, name_keys, label)
        c.key = known or reg.mint(label)
        if why:
            c.evidence.append(why)
        reg.add(c.key, label, name_keys, c.orgs)


def apply_keys(record: MinutesRecord, clusters: list[Cluster], gaz: Gazetteer | None = None) -> Linked:
    """Fill the record's key fields from clusters that have keys (the second half of ``link_record``)."""
    gaz = gaz or default_gazetteer()
    linked = Linked()
    for c in clusters:
        for m in c.mentions:
            linked.person_of.setdefault(m.surface, c.key)
        if c.evidence:
            linked.evidence.setdefault(c.key, []).extend(dict.fromkeys(c.evidence))
    for p in [*record.present, *record.apologies]:
        p.key = linked.person(p.name)
        p.org_key = org_key(p.organisation, gaz)
        if p.org_key:
            linked.org_names[p.org_key] = gaz.canonical_org(p.organisation) or p.organisation or ""
    for d in record.deputies:
        d.key, d.for_key = linked.person(d.name), linked.person(d.for_name)
    for a in record.actions:
        a.owner_keys = [linked.person(o) for o in a.owners]
    for pr in record.presentations:
        pr.key = linked.person(pr.presenter)
    for q in record.questions:
        q.asker_key, q.answerer_key = linked.person(q.asker), linked.person(q.answerer) if q.answerer else ""
    for name in [m.name for m in record.programmes] + [n for d in record.decisions for n in d.programmes]:
        canonical = programme_name(name, gaz)
        key = name_slug(canonical)
        linked.programmes[key] = canonical
        linked.programme_of[name] = key
    return linked


def link_record(record: MinutesRecord, reg: Registry, gaz: Gazetteer | None = None) -> Linked:
    """Give every person, organisation and programme in ``record`` its key.

    Fills the ``key`` fields of the record's dataclasses in place, adds the
    document's people to ``reg`` (so the next document links to them) and
    returns the mapping and the evidence of every merge.
    """
    gaz = gaz or default_gazetteer()
    clusters = document_clusters(record, gaz)
    match_clusters(clusters, reg)
    return apply_keys(record, clusters, gaz)
