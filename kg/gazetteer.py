"""Canonical names for organisations and programmes.

The data lives in ``ontology/gazetteer.ttl`` as SKOS labels so users extend it
without touching code; this module loads it once and answers two questions:
what is the canonical name of this organisation string, and which programmes
does this text mention. Generic patterns ("Stroud DC" -> "Stroud District
Council", "the Local Plan Review") cover names the gazetteer lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.names import clean_space, fold
from kg.resources import ontology_dir

SKOS = "http://www.w3.org/2004/02/skos/core#"
GOV = "https://w3id.org/partnership-kg/ontology#"

# Abbreviated organisation types, expanded when they end a name ("Stroud DC").
ORG_SUFFIXES = {
    "DC": "District Council",
    "BC": "Borough Council",
    "CC": "County Council",
    "MBC": "Metropolitan Borough Council",
    "TC": "Town Council",
    "PC": "Parish Council",
    "CCG": "Clinical Commissioning Group",
    "CCGs": "Clinical Commissioning Groups",
    "LEP": "Local Enterprise Partnership",
    "FRS": "Fire and Rescue Service",
    "NHS FT": "NHS Foundation Trust",
    "FT": "Foundation Trust",
    "ICB": "Integrated Care Board",
    "ICS": "Integrated Care System",
}

ORG_KIND_WORDS = [
    ("police", ("police", "constabulary", "crime commissioner", "opcc")),
    ("fire", ("fire and rescue", "fire & rescue")),
    ("nhs", ("nhs", "clinical commissioning", "ccg", "health", "hospital", "foundation trust", "icb", "integrated care")),
    ("council", ("council", "authority")),
    ("lep", ("enterprise partnership", "lep")),
    ("university", ("university", "college")),
    ("government", ("department for", "department of", "ministry", "agency", "office for", "home office", "unit")),
    ("safeguarding", ("safeguarding",)),
]


@dataclass
class Entry:
    key: str  # slug of the gazetteer IRI
    label: str  # skos:prefLabel
    alt: list[str] = field(default_factory=list)
    kind: str | None = None


@dataclass
class Gazetteer:
    organisations: list[Entry]
    programmes: list[Entry]
    _org_index: dict[str, Entry] = field(default_factory=dict, repr=False)
    _prog_index: dict[str, Entry] = field(default_factory=dict, repr=False)
    _prog_re: re.Pattern | None = field(default=None, repr=False)
    _canon: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    # names with a comma in them ("Police, Fire and Crime Commissioner"): a list is never cut there
    comma_names: tuple[str, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        commas = []
        for e in self.organisations:
            for label in [e.label, *e.alt]:
                self._org_index.setdefault(_org_fold(label), e)
                if "," in label:
                    commas.append(label)
        self.comma_names = tuple(sorted(set(commas), key=len, reverse=True))
        labels = []
        for e in self.programmes:
            for label in [e.label, *e.alt]:
                self._prog_index.setdefault(fold(label), e)
                labels.append(label)
        if labels:
            alts = "|".join(re.escape(x) for x in sorted(set(labels), key=len, reverse=True))
            # Short all-caps aliases ("OPE", "STP") must match case-sensitively as whole words.
            self._prog_re = re.compile(r"(?<![\w])(?:" + alts + r")(?![\w])")

    # -- organisations -----------------------------------------------------------
    def org(self, name: str) -> Entry | None:
        """The gazetteer entry for an organisation string, or None."""
        return self._org_index.get(_org_fold(name))

    def canonical_org(self, name: str | None) -> str | None:
        """Canonical organisation name: gazetteer label, else the expanded form.

        Remembered per name: the parser asks about the same few organisations
        many times a document, and each answer costs a dozen regexes.
        """
        if not name:
            return None
        if name in self._canon:
            return self._canon[name]
        if len(self._canon) > 50000:
            self._canon.clear()
        canon = self._canon[name] = self._canonical_org(name)
        return canon

    def _canonical_org(self, name: str) -> str | None:
        text = clean_space(name).strip(" ,;:-–")
        if not text:
            return None
        hit = self.org(text) or self.org(_strip_parenthetical(text))
        if hit:
            return hit.label
        expanded = expand_org_abbreviation(_strip_parenthetical(text))
        hit = self.org(expanded)
        return hit.label if hit else expanded

    def org_prefix(self, text: str) -> tuple[str, int] | None:
        """The longest known organisation name that ``text`` starts with: (label, chars used)."""
        words = text.split()
        for n in range(len(words), 0, -1):
            candidate = " ".join(words[:n])
            hit = self.org(candidate)
            if hit:
                return hit.label, len(candidate)
        return None

    def org_kind(self, name: str) -> str | None:
        hit = self.org(name)
        if hit and hit.kind:
            return hit.kind
        low = expand_org_abbreviation(name).casefold()
        for kind, words in ORG_KIND_WORDS:
            if any(w in low for w in words):
                return kind
        return None

    # -- programmes --------------------------------------------------------------
    def programme(self, name: str) -> Entry | None:
        return self._prog_index.get(fold(name))

    def find_programmes(self, text: str) -> list[tuple[str, str, int, int]]:
        """Known programmes in ``text``: (canonical, surface, start, end)."""
        out: list[tuple[str, str, int, int]] = []
        if not self._prog_re:
            return out
        for m in self._prog_re.finditer(text):
            entry = self._prog_index.get(fold(m.group(0)))
            if entry:
                out.append((entry.label, m.group(0), m.start(), m.end()))
        return out


@lru_cache(maxsize=16384)
def _org_fold(text: str) -> str:
    text = text.replace("&", " and ")
    return fold(re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE))


def _strip_parenthetical(text: str) -> str:
    return clean_space(re.sub(r"\s*\([^)]*\)\s*$", "", text)) or text


@lru_cache(maxsize=16384)
def expand_org_abbreviation(name: str) -> str:
    """ "Stroud DC" -> "Stroud District Council"; other names unchanged."""
    for short, long in sorted(ORG_SUFFIXES.items(), key=lambda kv: -len(kv[0])):
        m = re.match(rf"^(.*\S)\s+{re.escape(short)}$", name)
        if m:
            return f"{m.group(1)} {long}"
    return name


def load(paths: list[Path] | None = None) -> Gazetteer:
    """Read every ``gazetteer*.ttl`` in ``ontology/`` (and any extra files)."""
    import pyoxigraph as ox

    files = sorted(ontology_dir().glob("gazetteer*.ttl")) + list(paths or [])
    store = ox.Store()
    for f in files:
        store.load(path=str(f), format=ox.RdfFormat.TURTLE)
    q = f"""
    PREFIX skos: <{SKOS}> PREFIX gov: <{GOV}>
    SELECT ?c ?scheme ?pref (GROUP_CONCAT(?alt; separator="\\u0001") AS ?alts) (SAMPLE(?k) AS ?kind) WHERE {{
      ?c skos:inScheme ?scheme ; skos:prefLabel ?pref .
      OPTIONAL {{ ?c skos:altLabel ?alt }} OPTIONAL {{ ?c gov:orgKind ?k }}
    }} GROUP BY ?c ?scheme ?pref ORDER BY ?c
    """
    orgs: list[Entry] = []
    progs: list[Entry] = []
    for row in store.query(q):  # type: ignore[union-attr]  # a SELECT: solutions
        key = row["c"].value.rstrip("/").rsplit("/", 1)[-1]
        alts = [a for a in (row["alts"].value.split("\u0001") if row["alts"] else []) if a]
        entry = Entry(key, row["pref"].value, alts, row["kind"].value if row["kind"] else None)
        (progs if row["scheme"].value.endswith("programmes") else orgs).append(entry)
    return Gazetteer(orgs, progs)


@lru_cache(maxsize=1)
def default() -> Gazetteer:
    """The gazetteer shipped in ``ontology/``, loaded once per process."""
    return load()
