"""Turn a name a user types into the one IRI the graph uses for it.

People are matched the way the linker matches them (``kg.names``): honorifics
and post-nominals dropped, case and accents folded, first names in their long
form ("Cllr Pete Bungard" = "peter bungard"), then by family name alone, by
initial and family name, and last by a close spelling. Organisations, bodies
and programmes match a label or abbreviation, the gazetteer's canonical name,
the initials of a label, or all the words typed. The candidates come from the
``people`` (its name columns) and ``organisations`` named queries (no user text
in SPARQL); the matching is plain Python over those rows. Several matches at the best tier
raise ``Ambiguous`` with the candidates; none raises ``NotFound``.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from kg import queries
from kg.errors import Ambiguous, NotFound
from kg.names import SHORT_FORMS, fold, person_key, split_name
from kg.namespaces import GOV, ORG
from kg.rdf import LINKS_GRAPH

T = TypeVar("T")

_STOP = {"the", "of", "and", "for", "&"}
_PLURAL = {"person": "people", "body": "bodies"}


@dataclass(frozen=True)
class Match:
    iri: str
    label: str


@dataclass
class Candidate:
    iri: str
    label: str
    labels: set[str] = field(default_factory=set)
    given: str = ""
    family: str = ""


def _first_key(word: str) -> str:
    word = fold(word)
    return SHORT_FORMS.get(word, word)


def _iri_match(text: str, candidates: Iterable[Candidate]) -> Candidate | None | bool:
    """The candidate an IRI (full or ``id:...``) names; False when ``text`` is no IRI."""
    iri = queries.expand_iri(text)
    if iri is None:
        return False
    return next((c for c in candidates if c.iri == iri), None)


def _pick(text: str, what: str, candidates: list[Candidate], tiers: list[Callable[[Candidate], bool]],
          store_location: str) -> Match:
    hit = _iri_match(text, candidates)
    if hit:
        return Match(hit.iri, hit.label)
    if hit is None:
        raise NotFound(f"no {what} with the IRI {text!r} in the store at {store_location}")
    for tier in tiers:
        found = {c.iri: c for c in candidates if tier(c)}
        if len(found) == 1:
            c = next(iter(found.values()))
            return Match(c.iri, c.label)
        if len(found) > 1:
            listed = sorted(found.values(), key=lambda c: c.label)
            raise Ambiguous(
                f"{text!r} matches {len(found)} {_PLURAL.get(what, what + 's')}; give more of the name or an IRI:",
                [f"{c.label}  <{c.iri}>" for c in listed],
            )
    labels = [c.label for c in candidates]
    close = difflib.get_close_matches(text, labels, n=3, cutoff=0.6)
    hint = f" (did you mean {', '.join(close)}?)" if close else ""
    raise NotFound(f"no {what} named {text!r} in the store at {store_location}{hint}")


def _close(a: str, b: str, cutoff: float = 0.88) -> bool:
    return bool(a and b) and difflib.SequenceMatcher(None, a, b).ratio() >= cutoff


# The columns of the ``people`` named query that matching needs, without its count of
# meetings (a pass over every attendance), as two queries that the embedded store
# runs side by side: the names, and the spellings, read from the links graph (which
# lists each person's spellings once; every document repeats those it uses).
_PERSON_NAMES = """
SELECT ?person ?name ?givenName ?familyName WHERE {
  { SELECT ?person WHERE { ?person a foaf:Person } }
  OPTIONAL { SELECT ?person ?name WHERE { ?person foaf:name ?name } }
  OPTIONAL { SELECT ?person ?givenName WHERE { ?person foaf:givenName ?givenName } }
  OPTIONAL { SELECT ?person ?familyName WHERE { ?person foaf:familyName ?familyName } }
}"""
_PERSON_SPELLINGS = f"""
SELECT ?person ?alt WHERE {{
  {{ SELECT ?person WHERE {{ ?person a foaf:Person }} }}
  {{ SELECT ?person ?alt WHERE {{ GRAPH <{LINKS_GRAPH}> {{ ?person skos:altLabel ?alt }} }} }}
}}"""


def side_by_side(store, calls: list[Callable[[], T]]) -> list[T]:
    """The results of ``calls`` (each a store query), in order: two at a time on the
    embedded store, which queries from several threads; one by one on a remote endpoint."""
    if not hasattr(store, "ox") or len(calls) < 2:
        return [call() for call in calls]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(lambda call: call(), calls))


def people(store) -> list[Candidate]:
    rows, spelling_rows = side_by_side(store, [lambda: store.select(_PERSON_NAMES),
                                               lambda: store.select(_PERSON_SPELLINGS)])
    spellings: dict[str, set[str]] = {}
    for r in spelling_rows:
        spellings.setdefault(r["person"], set()).add(r["alt"])
    out = []
    for row in rows:
        name = row.get("name") or row["person"].rsplit("/", 1)[-1]
        labels = {name, *spellings.get(row["person"], ())}
        if row.get("givenName") and row.get("familyName"):
            labels.add(f"{row['givenName']} {row['familyName']}")
        family = row.get("familyName") or split_name(name).name.split()[-1]
        given = row.get("givenName") or split_name(name).name.split()[0]
        out.append(Candidate(row["person"], name, labels, given, family))
    return out


def resolve_person(store, text: str) -> Match:
    """The person ``text`` names: "Cllr Mark Hawthorne", "mark hawthorne", "Hawthorne", "M Hawthorne"."""
    candidates = people(store)
    key = person_key(text)
    words = key.split()
    keys = {c.iri: {person_key(label) for label in c.labels} for c in candidates}

    def exact(c: Candidate) -> bool:
        return key in keys[c.iri]

    def family_only(c: Candidate) -> bool:
        return len(words) == 1 and fold(c.family) == fold(words[0])

    def initial_family(c: Candidate) -> bool:
        raw = fold(split_name(text).name).replace(".", " ").split()
        if len(raw) < 2 or fold(c.family) != raw[-1]:
            return False
        first = raw[0]
        return (len(first) == 1 and fold(c.given)[:1] == first) or _first_key(first) == _first_key(c.given)

    def given_only(c: Candidate) -> bool:
        return len(words) == 1 and _first_key(c.given) == _first_key(words[0])

    def typo(c: Candidate) -> bool:
        return any(_close(key, k) for k in keys[c.iri])

    return _pick(text, "person", candidates, [exact, family_only, initial_family, given_only, typo],
                 store.location)


def _labelled(store, rdf_type: str) -> list[Candidate]:
    out = []
    for row in queries.run(store, "organisations", {"type": f"<{rdf_type}>"}):
        name = row.get("name") or row["thing"].rsplit("/", 1)[-1]
        labels = {name, *(s for s in (row.get("spellings") or "").split("|") if s)}
        out.append(Candidate(row["thing"], name, labels))
    return out


def _org_key(text: str) -> str:
    return " ".join(w for w in fold(text).split() if w not in _STOP)


def _initialism(label: str) -> str:
    return "".join(w[0] for w in _org_key(label).split() if w)


def _resolve_label(store, text: str, what: str, candidates: list[Candidate],
                   canonical: Callable[[str], str | None] | None = None) -> Match:
    key = _org_key(text)
    words = set(key.split())
    keys = {c.iri: {_org_key(label) for label in c.labels} for c in candidates}
    canon = canonical(text) if canonical else None
    canon_key = _org_key(canon) if canon else None

    def exact(c: Candidate) -> bool:
        return key in keys[c.iri]

    def gazetteer(c: Candidate) -> bool:
        return canon_key is not None and canon_key in keys[c.iri]

    def initials(c: Candidate) -> bool:
        compact = key.replace(" ", "")
        return len(compact) >= 2 and " " not in key and compact == _initialism(c.label)

    def all_words(c: Candidate) -> bool:
        return bool(words) and any(words <= set(k.split()) for k in keys[c.iri])

    def prefix_words(c: Candidate) -> bool:
        return bool(words) and any(
            all(any(w2.startswith(w) for w2 in k.split()) for w in words) for k in keys[c.iri]
        )

    def typo(c: Candidate) -> bool:
        return any(_close(key, k, 0.85) for k in keys[c.iri])

    return _pick(text, what, candidates, [exact, gazetteer, initials, all_words, prefix_words, typo],
                 store.location)


def _canonical_org(text: str) -> str | None:
    from kg import gazetteer

    try:
        return gazetteer.default().canonical_org(text)
    except Exception:  # a broken gazetteer must not break a lookup that can work without it
        return None


def _canonical_programme(text: str) -> str | None:
    from kg import gazetteer

    try:
        entry = gazetteer.default().programme(text)
    except Exception:
        return None
    return entry.label if entry else None


def resolve_org(store, text: str) -> Match:
    """The organisation ``text`` names: "Stroud District Council", "Stroud DC", "stroud"."""
    return _resolve_label(store, text, "organisation", _labelled(store, ORG.Organization), _canonical_org)


def resolve_body(store, text: str) -> Match:
    """The partnership body (the meetings' organiser) ``text`` names."""
    return _resolve_label(store, text, "body", _labelled(store, GOV.PartnershipBody))


def resolve_programme(store, text: str) -> Match:
    rows = queries.run(store, "programmes")
    candidates = [
        Candidate(r["programme"], r.get("programmeName") or r["programme"].rsplit("/", 1)[-1],
                  {r.get("programmeName") or "", *(s for s in (r.get("spellings") or "").split("|") if s)} - {""})
        for r in rows
    ]
    return _resolve_label(store, text, "programme", candidates, _canonical_programme)


RESOLVERS: dict[str, Callable[[object, str], Match]] = {
    "person": resolve_person,
    "organisation": resolve_org,
    "body": resolve_body,
    "programme": resolve_programme,
}
