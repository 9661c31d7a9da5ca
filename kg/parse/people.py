"""People as attendance lists print them.

Two shapes recur in every council's minutes: runs of names with no
separator ("Cllr Steve Lydon David Hagg", the cell of a table whose line
breaks were lost) and "Name, role, organisation" entries, sometimes several
glued on one line. Runs are split at honorifics and markers, then by a small
dynamic programme that prefers two-word names starting with a known first
name (``ontology/first-names.txt``). Entries are split at commas; a segment
that looks like a name starts a new person, the rest describe that person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any, TypeVar

from kg.gazetteer import Gazetteer, expand_org_abbreviation
from kg.names import HONORIFICS, POSTNOMINALS, split_name
from kg.parse.scan import folded, positions
from kg.resources import ontology_dir

_T = TypeVar("_T")

# Ranks printed before a name that say what the person is, not just how to address them.
RANKS = {
    "ACC": "Assistant Chief Constable", "DCC": "Deputy Chief Constable", "PCC": "Police and Crime Commissioner",
    "DPCC": "Deputy Police and Crime Commissioner", "Supt": "Superintendent", "Det Supt": "Detective Superintendent",
    "DCI": "Detective Chief Inspector", "DI": "Detective Inspector", "DS": "Detective Sergeant",
    "Insp": "Inspector", "Ch Supt": "Chief Superintendent", "PCSO": "Police Community Support Officer",
}
_COURTESY = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "cllr", "councillor", "county councillor",
    "sir", "dame", "lord", "lady", "baroness", "baron", "rev", "revd", "reverend", "canon", "father", "cc",
    "hon", "honourable", "rt hon", "the rt hon", "right honourable", "alderman", "mayor", "deputy mayor", "bailie",
}

# Words that make a segment a role ("Service Manager") rather than a name or an organisation.
ROLE_WORDS = {
    "adviser", "advisor", "coordinator", "co-ordinator", "lead", "officer", "director", "manager", "head",
    "chair", "chairman", "chairwoman", "chairperson", "vice-chair", "representative", "consultant", "member",
    "members", "clerk", "secretary", "scrutineer", "leader", "executive", "nurse", "doctor", "superintendent", "inspector",
    "constable", "observer", "governor", "treasurer", "solicitor", "analyst", "administrator", "assistant",
    "support", "holder", "commissioner", "president", "chief", "principal", "deputy", "practitioner", "worker",
    "specialist", "trustee", "councillor", "champion", "registrar", "convenor", "convener", "facilitator",
    "minute", "minutes", "taker", "independent", "portfolio", "cabinet", "interim", "acting", "senior",
    "corporate", "strategic", "business", "democratic", "monitoring", "programme", "project", "partner",
    "apologies", "present", "attendance", "attendees", "guest", "speaker", "vice", "mayor", "sheriff",
    "sector",  # "Private Sector", "Voluntary and Community Sector": whom a board member stands for
    "named",  # "Named GP", "Named Nurse": safeguarding posts
}
# Words that make a segment an organisation.
ORG_NOUNS = {
    "council", "councils", "constabulary", "police", "trust", "nhs", "group", "groups", "board", "partnership",
    "office", "university", "college", "school", "department", "ministry", "agency", "unit", "authority",
    "commission", "service", "services", "ccg", "ccgs", "lep", "opcc", "company", "ltd", "limited", "plc",
    "association", "society", "network", "forum", "alliance", "foundation", "federation", "hospital",
    "institute", "healthwatch", "directorate", "committee", "panel", "fire", "ambulance", "icb", "ics",
    "government", "cabinet", "executive", "partnerships", "centre", "commissioner", "team", "teams", "hub",
    "academy", "charity", "probation", "inc", "llp", "corporation", "homes",
}
# Fields of work, which a name never holds: "Chief Inspector Tariq Mahmood, Neighbourhood Policing, Eastmarch Police"
AREA_WORDS = {
    "policing", "safeguarding", "commissioning", "housing", "planning", "licensing", "nursing", "engineering",
    "finance", "resources", "operations", "governance", "communications", "procurement", "transformation",
    "strategy", "performance", "estates", "regeneration", "highways", "transport", "education", "health",
    "care", "wellbeing", "communities", "community", "neighbourhood", "neighbourhoods", "adults", "children",
    "children's", "families", "public", "social", "legal", "partnerships", "prevention", "intelligence",
}
_PARTICLES = {"de", "van", "von", "der", "den", "la", "le", "du", "da", "di", "del", "bin", "al", "st", "st."}
_STOP = {"and", "&", "of", "for", "the", "to", "in", "on", "at", "with", "by", "from", "a", "an", "or"}

_HON_TOKENS: list[tuple[str, ...]] = sorted({tuple(h.split()) for h in HONORIFICS}, key=len, reverse=True)
_MARKER_INNER = (
    r"(?:in\s+the\s+)?(?P<m>vice[\s-]?chair(?:man|woman|person)?|deputy\s+chair(?:man|woman|person)?|"
    r"chair(?:man|woman|person)?|minute[\s-]?tak(?:er|ing)|minutes|note[\s-]?tak(?:er|ing)|notes|clerk|"
    r"secretary|observer|guest)"
)
_MARKER = re.compile(r"\(\s*" + _MARKER_INNER + r"\s*\)", re.IGNORECASE)
# A marker's words as one part of what the brackets say: "(Leader of the Council, in the Chair)"
_MARKER_WORDS = re.compile(_MARKER_INNER, re.IGNORECASE)
_DEPUTY_IN = re.compile(
    r"\(\s*(?:(?:deputising|deputizing|substituting|sub|substitute|deputy|standing\s+in|attending|"
    r"as\s+(?:a\s+)?substitute)\s+(?:for|on\s+behalf\s+of|in\s+place\s+of)|for|on\s+behalf\s+of|"
    r"in\s+place\s+of|representing)\s+(?P<who>[^()]{2,80}?)\s*\)",
    re.IGNORECASE,
)
# A person's name in running text: optional title, optional initial, two to four capitalised words.
# Every name starts with a capital, and the leading look-ahead says so: patterns that open with
# a name are scanned along whole lines, and failing at once on other letters, rather than after
# trying every title, made them half again as fast.
NAME_PATTERN = (
    r"(?=[A-Z])(?:(?:Cllr|Councillor|Dr|Mr|Mrs|Ms|Miss|Prof|Professor|Sir|Dame|Rev|Revd|ACC|DCC|PCC|Supt|DCI|DI|DS|"
    r"Inspector|Superintendent|Detective[ \t]+Superintendent|Chief[ \t]+Inspector)\.?[ \t]+)?"
    r"(?:[A-Z]\.?[ \t]+)?[A-Z][\w'’\-]+(?:[ \t]+(?:[A-Z][\w'’\-]+|de|van|von|der|la|le|du|da)){0,3}"
)
# "(Deputising: Tracey Cox)", "(represented by Tracey Cox)": who stood in for the person before the bracket
_DEPUTY_BY = re.compile(
    r"\(\s*(?:(?:deputising|deputizing|deputy|substitute|sub)\s*:|"
    r"(?:deputised|deputized|substituted|represented|replaced|covered)\s+by)\s*(?P<who>[^()]{2,80}?)\s*\)",
    re.IGNORECASE,
)


def without_notes(text: str) -> str:
    """``text`` without its bracketed markers and deputy notes ("(Chair)", "(substituting for X)")."""
    return _MARKER.sub("", _DEPUTY_BY.sub("", _DEPUTY_IN.sub("", text))) if "(" in text else text


_TRAILING_PAREN = re.compile(r"\s*\([^()]*\)\s*$")
# "Owen Blackmore (Head of Medicines Optimisation) for item 6", "Councillor Lewis Kerr (from Item 3)": when
# someone attended, not who they are
_ITEMS_NOTE = (r"(?:(?i:(?:(?:left|arrived|joined)\s+(?:at\s+|after\s+|before\s+|during\s+)?)|for|during|from|until|up\s+to|"
               r"after|before)\s+(?:(?i:part\s+of)\s+)?(?i:items?|minutes?)\s+{ref}(?:\s+(?i:only|onwards))?"
               r"|(?i:items?|minutes?)\s+{ref}\s+(?i:only))").format(ref=r"[\w./]+(?:\s*(?:,|and|&|-|–|to)\s*[\w./]+)*")
# in brackets of its own, or closing a line or a bracket ("(Westshire Police, for minutes 24/029 – 24/033)")
_FOR_ITEMS = re.compile(r"\s*\(" + _ITEMS_NOTE + r"\)\s*$|,?\s*" + _ITEMS_NOTE + r"(?=\)?\s*$)")
# "(remote)", "(left at 11.30 am)": how or until when someone took part
_TAKING_PART = re.compile(r"\s*\((?i:remote|remotely|virtual|virtually|online|in\s+person|by\s+(?:phone|video(?:\s+link)?)|"
                          r"via\s+(?:microsoft\s+)?(?:teams|zoom)|(?:left|arrived|joined)\s+(?:at\s+)?\d[\d.:]*\s*(?:[ap]\.?m\.?)?)\)\s*$")


def without_attendance_note(text: str) -> str:
    """``text`` without a note of the items someone attended for ("Leader of the Council (for minute OSC.25)"),
    or of how they took part ("(remote)")."""
    if "(" in text and text.endswith(")"):
        text = _TAKING_PART.sub("", text)
    low = text.lower()
    return _FOR_ITEMS.sub("", text) if "item" in low or "minute" in low else text


_BRACKETED_CAPS = re.compile(r"\s*\((?P<i>[A-Z]{2,4})\)")


def without_own_initials(text: str) -> str:
    """``text`` without a bracket of the initials of the name before it ("Ruth Okonkwo (RO)"): a key
    for later references, which are read from the name itself; "(GCC)" after a name is kept."""
    m = _BRACKETED_CAPS.search(text) if "(" in text else None
    if m is None:
        return text
    letters = "".join(w[0] for w in re.split(r"[\s\-]+", text[: m.start()]) if w[:1].isupper())
    return text[: m.start()] + text[m.end():] if letters.endswith(m["i"]) else text


_COUNCILLORS = re.compile(r"^(?:County\s+)?(?:Councillors|Cllrs\.?)\s*:?\s+")
_INITIAL = re.compile(r"^[A-Z]\.?$")
_WORD = re.compile(r"^[A-Z][\w'’\-.]*$|^[A-Z]{2,}[\w'’\-]*$|^(?:Mc|Mac|O'|O’|D'|D’)[A-Z][\w'’\-]*$")


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Casefolded first names from ``ontology/first-names.txt`` (one a line, '#' comments)."""
    path = ontology_dir() / "first-names.txt"
    words = (w.strip() for w in path.read_text(encoding="utf-8").splitlines())
    return frozenset(w.casefold() for w in words if w and not w.startswith("#"))


@lru_cache(maxsize=1 << 14)
def is_first_name(token: str) -> bool:
    return token.strip(".,;:").casefold() in first_names()


@dataclass
class NameHit:
    """One person found in a run: the name as printed (with honorific), offsets, and any marker."""

    raw: str
    start: int
    end: int
    marker: str | None = None  # "chair", "vice-chair", "minute-taker", "guest"
    deputy_for: str | None = None


@dataclass
class Entry:
    """A "Name, role, organisation" entry."""

    raw: str
    start: int
    end: int
    organisation: str | None = None
    role: str | None = None
    marker: str | None = None
    deputy_for: str | None = None
    honorific: str | None = None  # implied by a list prefix ("Councillors A, B and C")
    deputy_by: str | None = None  # "... - Yvonne Clarke deputising": who stood in for this person


def marker_kind(word: str) -> str:
    """Map a printed marker ("Chairman", "minute taking") to a capacity."""
    w = word.casefold()
    if w.startswith(("vice", "deputy chair")):
        return "vice-chair"
    if w.startswith("chair"):
        return "chair"
    if w.startswith(("minute", "note", "clerk", "secretary")):
        return "minute-taker"
    return "guest"


MARKER_ROLE = {"chair": "Chair", "vice-chair": "Vice-Chair", "minute-taker": "Minute taker"}


def _hon_index() -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for h in _HON_TOKENS:  # longest first, kept in that order per key
        for key in {h[0], h[0].upper(), h[0].casefold()}:
            index.setdefault(key, []).append(h)
    return index


_HON_INDEX = _hon_index()


def honorific_at(tokens: list[str], i: int) -> int:
    """Number of tokens forming an honorific at ``tokens[i]`` (0 if none)."""
    if i >= len(tokens):
        return 0
    first = tokens[i].rstrip(",")
    cands = _HON_INDEX.get(first) or _HON_INDEX.get(first.casefold())
    if not cands:
        return 0
    for h in cands:
        n = len(h)
        if i + n <= len(tokens) and all(_hon_eq(tokens[i + k], h[k]) for k in range(n)):
            return n
    return 0


def _hon_eq(token: str, hon: str) -> bool:
    token = token.rstrip(",")
    if token == hon or token == hon.upper():
        return True
    return len(hon.rstrip(".")) > 3 and token.casefold() == hon.casefold()


@lru_cache(maxsize=1 << 14)
def _is_name_word(token: str) -> bool:
    low = token.casefold()
    if low in ROLE_WORDS or low in ORG_NOUNS or low in _STOP or low in AREA_WORDS:
        return False
    return bool(_WORD.match(token)) and not any(c.isdigit() for c in token)


# -- runs of names -----------------------------------------------------------------------


def split_run(text: str, offset: int = 0) -> list[NameHit]:
    """Split "Cllr Mark Hawthorne (Chair) Pete Bungard" into people, each with its offsets."""
    return [NameHit(raw, a + offset, b + offset, mk, dep) for raw, a, b, mk, dep in _split_run(text)]


@lru_cache(maxsize=8192)
def _split_run(text: str) -> tuple[tuple[str, int, int, str | None, str | None], ...]:
    """``split_run`` at offset 0, as plain tuples so the answer can be cached (cells and names recur)."""
    offset = 0
    hits: list[NameHit] = []
    pos = 0
    for m in re.finditer(r"\([^()]*\)|\[[^\[\]]*\]", text):
        hits.extend(_split_words(text[pos : m.start()], offset + pos))
        paren = m.group(0)
        if hits:
            mk = _MARKER.fullmatch(paren)
            dep = _DEPUTY_IN.fullmatch(paren)
            if mk:
                hits[-1].marker = marker_kind(mk.group("m"))
            elif dep and looks_like_name(dep.group("who")):
                hits[-1].deputy_for = dep.group("who").strip()
        pos = m.end()
    hits.extend(_split_words(text[pos:], offset + pos))
    return tuple((h.raw, h.start, h.end, h.marker, h.deputy_for) for h in hits)


def _split_words(text: str, offset: int) -> list[NameHit]:
    toks = [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[^\s,;/]+", text)]
    out: list[NameHit] = []
    group: list[tuple[str, int, int]] = []
    hon_len = 0

    def flush() -> None:
        nonlocal group, hon_len
        if group:
            out.extend(_split_group(group, hon_len, text, offset))
        group, hon_len = [], 0

    words = [t[0] for t in toks]
    i = 0
    while i < len(toks):
        n = honorific_at(words, i)
        if n and i + n < len(toks):
            flush()
            group, hon_len = list(toks[i : i + n]), n
            i += n
            continue
        word = toks[i][0].strip(".:–-")
        if word.casefold() in _PARTICLES and group and i + 1 < len(toks):
            group.append(toks[i])
        elif not word or not _is_name_word(word) and not _INITIAL.match(word):
            flush()
        else:
            group.append(toks[i])
        i += 1
    flush()
    return out


def _split_group(group: list[tuple[str, int, int]], hon_len: int, text: str, offset: int) -> list[NameHit]:
    hon, names = group[:hon_len], group[hon_len:]
    # Particles join the following word, so "van Damme" counts as one.
    units: list[list[tuple[str, int, int]]] = []
    for t in names:
        if units and units[-1][-1][0].casefold() in _PARTICLES:
            units[-1].append(t)
        else:
            units.append([t])
    post: list[tuple[str, int, int]] = []
    while len(units) > 1 and units[-1][-1][0].strip(".,").casefold() in POSTNOMINALS_FOLD:
        post = units.pop() + post
    if not units:
        return []
    words = tuple(u[0][0] for u in units)
    cuts = _best_cuts(words, bool(hon))
    out = []
    for k, (a, b) in enumerate(cuts):
        first_tok = hon[0] if k == 0 and hon else units[a][0]
        last_tok = post[-1] if post and b == len(units) else units[b - 1][-1]  # post-nominals stay with the name
        start, end = first_tok[1], last_tok[2]
        out.append(NameHit(text[start:end], offset + start, offset + end))
    return out


POSTNOMINALS_FOLD = {p.casefold() for p in POSTNOMINALS}


@lru_cache(maxsize=4096)
def _best_cuts(words: tuple[str, ...], hon: bool) -> tuple[tuple[int, int], ...]:
    n = len(words)
    best: list[tuple[float, int]] = [(0.0, -1)] + [(-1e9, -1)] * n
    for j in range(1, n + 1):
        for k in range(1, 5):
            i = j - k
            if i < 0:
                break
            s = best[i][0] + _chunk_score(words[i:j], hon and i == 0, n)
            if s > best[j][0]:
                best[j] = (s, i)
    cuts = []
    j = n
    while j > 0:
        i = best[j][1]
        cuts.append((i, j))
        j = i
    return tuple(cuts[::-1])


def _chunk_score(words: Sequence[str], hon: bool, total: int) -> float:
    k = len(words)
    if k == 1:
        return 0.0 if total == 1 else (-1.0 if hon else -6.0)
    score = {2: 0.0, 3: -1.2, 4: -3.0}[k]
    first = words[0].strip(".")
    if _INITIAL.match(words[0]) or is_first_name(first):
        score += 2.0
    elif hon:
        score += 1.0
    else:
        score -= 1.5
    for w in words[1:-1]:
        if is_first_name(w) or _INITIAL.match(w):
            score += 0.4
    if is_first_name(words[-1]):
        score -= 0.6
    if _INITIAL.match(words[-1]):
        score -= 5.0
    return score


# -- names -------------------------------------------------------------------------------


@lru_cache(maxsize=1 << 14)
def looks_like_name(text: str, *, lenient: bool = False, surname_ok: bool = False) -> bool:
    """Whether ``text`` is one person's name (with optional honorific and post-nominals).

    Cached, like the other tests on names here: an attendance line is asked about
    several times over, and the same names recur from meeting to meeting.
    """
    text = without_notes(text).strip(" ,;:.-–*")
    if not text or len(text) > 60:
        return False
    toks = text.split()
    n = honorific_at(toks, 0)
    hon, rest = toks[:n], toks[n:]
    while rest and rest[-1].strip(".,").casefold() in POSTNOMINALS_FOLD:
        rest = rest[:-1]
    rest = [t for t in rest if t.casefold() not in _PARTICLES]
    if not rest or len(rest) > 4:
        return False
    if not all(_is_name_word(t) or _INITIAL.match(t) for t in rest):
        return False
    if any(honorific_at(rest, i) for i in range(1, len(rest))):
        return False
    if hon:
        return True
    if len(rest) == 1:
        return surname_ok
    if _INITIAL.match(rest[0]) or is_first_name(rest[0]):
        return not _INITIAL.match(rest[-1])
    return lenient and len(rest) <= 3


@lru_cache(maxsize=1 << 13)
def trailing_name(text: str) -> int | None:
    """Offset in ``text`` where a glued-on name starts ("NHS Bassetlaw CCG Andrew Gowan" -> 18)."""
    toks = [(m.group(0), m.start()) for m in re.finditer(r"\S+", text)]
    words = [t[0] for t in toks]
    for size in (2, 3):
        i = len(toks) - size
        if i < 1:
            continue
        cand = words[i:]
        prev = words[i - 1]
        if prev.casefold() in _PARTICLES or prev.casefold() in _STOP:
            continue
        hon = honorific_at(words, i)
        if hon:
            continue
        if is_first_name(cand[0]) and all(_is_name_word(w) for w in cand) and not is_first_name(cand[-1]):
            j = i
            # an honorific just before the name belongs to it
            for back in range(3, 0, -1):
                if j - back >= 1 and honorific_at(words, j - back) == back:
                    j -= back
                    break
            return toks[j][1]
    return None


_TIER = re.compile(r"^(?P<t>(?:District|County|Borough|City|Town|Parish|Unitary)\s+(?:Cllr\.?|Councillor))\s+", re.I)


def person_hon(raw: str) -> tuple[str, str | None, list[str], str | None]:
    """Name, honorific, post-nominals, and the role a rank implies ("ACC" -> Assistant Chief Constable)."""
    name, hon, post, role = _person_hon(raw)
    return name, hon, list(post), role


@lru_cache(maxsize=1 << 14)
def _person_hon(raw: str) -> tuple[str, str | None, tuple[str, ...], str | None]:
    """``person_hon`` with the post-nominals as a tuple, cached: every attendee passes here, often twice."""
    name, hon, post, role = _split_person(raw)
    return name, hon, tuple(post), role


def _split_person(raw: str) -> tuple[str, str | None, list[str], str | None]:
    tier = _TIER.match(raw)
    if tier:  # "District Cllr Colin Baxter": a councillor of another tier
        parts = split_name(raw[tier.end() :])
        name = parts.name
        return name, tier.group("t"), parts.postnominals, tier.group("t").replace("Cllr", "Councillor")
    parts = split_name(raw)
    role = None
    if parts.honorific and parts.honorific.casefold().rstrip(".") not in _COURTESY:
        role = RANKS.get(parts.honorific, parts.honorific)
    return parts.name, parts.honorific, parts.postnominals, role


# -- organisations and roles ---------------------------------------------------------------


def _words(text: str) -> list[str]:
    return [w.casefold() for w in re.findall(r"[A-Za-z][\w'’\-]*", text)]


@lru_cache(maxsize=1 << 14)
def is_roleish(text: str) -> bool:
    ws = _words(text)
    return any(w in ROLE_WORDS for w in ws)


@lru_cache(maxsize=1 << 14)
def is_orgish(text: str) -> bool:
    """An organisation by its shape: an organisation noun, and not headed by a role word."""
    ws = _words(text)
    # an organisation noun, or ending in capitals ("Wyvern DC"), but not in "GP" ("Named GP" is a post)
    if not any(w in ORG_NOUNS for w in ws) and not re.search(r"\b(?!GP\b)[A-Z]{2,}\)?$", text.strip()):
        return False
    role_headed = ws[-1] in ROLE_WORDS - ORG_NOUNS or ws[0] in {"head", "director", "chair", "chief", "manager", "leader"}
    return not role_headed


def per_gazetteer(fn: Callable[[Any, Gazetteer], _T]) -> Callable[[Any, Gazetteer], _T]:
    """Remember ``fn(arg, gaz)`` per gazetteer: the same cells and descriptions recur across documents.

    Keyed on the gazetteer's id and checked against the object itself, so a
    new gazetteer that happens to get a freed id never sees another's answers.
    """
    cache: dict[tuple[int, Any], tuple[Gazetteer, _T]] = {}

    @wraps(fn)
    def remembered(arg: Any, gaz: Gazetteer) -> _T:
        key = (id(gaz), tuple(arg) if isinstance(arg, list) else arg)
        hit = cache.get(key)
        if hit is not None and hit[0] is gaz:
            return hit[1]
        if len(cache) > 20000:
            cache.clear()
        out = fn(arg, gaz)
        cache[key] = (gaz, out)
        return out

    return remembered


@per_gazetteer
def known_org(text: str, gaz: Gazetteer) -> tuple[str, str] | None:
    """A gazetteer organisation in ``text``: (canonical, what else the text says, e.g. a role)."""
    s = text.strip(" ,;:.")
    if not s:
        return None
    for cand in (s, re.sub(r"^the\s+", "", s, flags=re.I), _strip_paren(s), expand_org_abbreviation(_strip_paren(s))):
        hit = gaz.org(cand)
        if hit:
            return hit.label, ""
    pre = gaz.org_prefix(s)
    if pre and len(pre[0]) > 2:
        return pre[0], s[pre[1] :].strip(" ,–-")
    m = re.search(r"\s(?:at|of|with|from|in)\s+(?:the\s+)?(?P<org>.+)$", s)
    if m:
        found = known_org(m.group("org"), gaz)
        if found and not found[1]:
            return found[0], s[: m.start()].strip()
    # an organisation at the end: "NCC Service Director" handled by the prefix; "Service Director NCC" here
    toks = s.split()
    if len(toks) >= 2 and re.fullmatch(r"[A-Z]{2,}", toks[-1]):
        hit = gaz.org(toks[-1])
        rest = " ".join(toks[:-1])
        if hit and is_roleish(rest):
            return hit.label, rest
    return None


def _strip_paren(text: str) -> str:
    return re.sub(r"\s*\([^)]*\)\s*$", "", text).strip() or text


@per_gazetteer
def resolve_org_cell(cell: str, gaz: Gazetteer) -> tuple[str | None, str | None]:
    """An organisation cell of a table to (organisation, role)."""
    s = re.sub(r"\s+", " ", cell).strip(" ,;:")
    if not s:
        return None, None
    hit = known_org(s, gaz)
    if hit and not hit[1]:
        return hit[0], None
    parts = re.split(r"\s+[–—-]\s+|:\s+", s, maxsplit=1)
    if len(parts) == 2:
        org, role = classify_attrs(parts, gaz)
        if org:
            return org, role
    if hit:
        return hit[0], hit[1].strip(" ,;:–—-") if is_roleish(hit[1]) else None
    segs = _split_commas(s, keep=gaz.comma_names)
    if len(segs) > 1:
        org, role = classify_attrs([t for t, _a, _b in segs], gaz)
        if org:
            return org, role
    if is_orgish(s):
        return gaz.canonical_org(s), None
    if is_roleish(s):
        return None, s
    return gaz.canonical_org(s), None


@per_gazetteer
def classify_attrs(segments: list[str], gaz: Gazetteer) -> tuple[str | None, str | None]:
    """What follows a name ("Corporate Director", "Nottinghamshire County Council") to (org, role)."""
    segs = [s for s in (_EMAIL.sub("", s).strip(" ,;:") for s in segments) if s]  # an address is no post
    if not segs:
        return None, None
    segs = [part for s in segs for part in _org_then_post(s, gaz)]
    known: list[tuple[int, str, str]] = []
    for i, s in enumerate(segs):
        hit = known_org(s, gaz)
        if hit and (not hit[1] or is_roleish(hit[1]) or len(hit[1].split()) <= 3):
            # "Police and Crime Commissioner for Eastmarch": the office, and its holder's post
            post = hit[1] if is_roleish(hit[1]) else s if _names_a_post(s) else ""
            known.append((i, hit[0], post))
    org = None
    drop: set[int] = set()
    extra_role: dict[int, str] = {}
    if known:
        org = known[-1][1]
        for i, label, rest in known:
            if label == org:
                drop.add(i)
                if rest:
                    extra_role[i] = rest
    else:
        for i in (len(segs) - 1, 0):
            if is_orgish(segs[i]) and not is_roleish(segs[i]):
                org = gaz.canonical_org(segs[i])
                drop.add(i)
                break
        else:
            # "Managing Director, Shah Logistics": after a role, a name in capitals that is no role is the employer
            last = segs[-1]
            if len(segs) >= 2 and is_roleish(segs[-2]) and not is_roleish(last) and _capitalised(last):
                org = gaz.canonical_org(last)
                drop.add(len(segs) - 1)
            elif len(segs) == 1 and not is_roleish(last) and _capitalised(last) and not looks_like_name(last):
                org = gaz.canonical_org(last)  # "(Harwick Women's Refuge)": a name in capitals that is no post
                drop.add(0)
    role_parts = [extra_role.get(i, s) for i, s in enumerate(segs) if i not in drop or i in extra_role]
    role = ", ".join(p for p in role_parts if p) or None
    return org, role


# "... for Eastmarch", "... of the Police and Crime Commissioner": the place or office a title is of
_OF_PLACE = re.compile(r"\s+(?:for|of)\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w'’-]*)*$")


_EMAIL = re.compile(r"\s*<?[\w.+-]+@[\w-]+(?:\.[\w-]+)+>?")


def _names_a_post(text: str) -> bool:
    """Whether an organisation's name is also the title of the one who holds it.

    "Police and Crime Commissioner for Eastmarch" is the office and its holder's
    post; "Office of the Police and Crime Commissioner" is only the office.
    """
    ws = _words(_OF_PLACE.sub("", text))
    return bool(ws) and ws[-1] in ROLE_WORDS and ws[0] not in ORG_HEADS


ORG_HEADS = frozenset({"office", "council", "department", "directorate", "service", "services", "team", "unit"})


def _org_then_post(seg: str, gaz: Gazetteer) -> list[str]:
    """ "Eastmarch County Council (Panel Support Officer)": the post in brackets, then the organisation."""
    if not seg.endswith(")") or "(" not in seg:
        return [seg]
    cut = seg.rfind("(")
    base, inner = seg[:cut].strip(), seg[cut + 1 : -1].strip()
    if (not base or not is_roleish(inner) or any(c.isdigit() for c in inner) or is_roleish(base)
            or known_org(inner, gaz)):  # "(minute 2024/19 only)" is a note
        return [seg]
    if known_org(base, gaz) or is_orgish(base):
        return [inner, base]  # the organisation last, where an unfamiliar one is looked for
    return [seg]


def _capitalised(text: str) -> bool:
    words = [w for w in re.findall(r"[\w'’&.-]+", text) if w.casefold() not in _STOP]
    return 2 <= len(words) <= 6 and all(w[0].isupper() or w[0].isdigit() for w in words)


# A comma or semicolon, or a dash with a space either side ("Name - Role").
_SEPARATOR = re.compile(r"[,;]|(?<= )[-–—](?= )")
_OXFORD_AND = re.compile(r"\s*(?:(?:and|&)\s+)?")


_SEPARATOR_OR_BRACKET = re.compile(r"[,;()\[\]]|(?<= )[-–—](?= )")


def _cuts_outside_brackets(text: str) -> list[int]:
    """Offsets of the separators ``_SEPARATOR`` finds that are not inside brackets.

    Only brackets and separators are visited (a regex finds them), not every character.
    """
    out = []
    depth = 0
    for m in _SEPARATOR_OR_BRACKET.finditer(text):
        ch = m.group()
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(m.start())
    return out


def _split_commas(text: str, offset: int = 0, keep: tuple[str, ...] = ()) -> list[tuple[str, int, int]]:
    """Split at commas, semicolons and spaced dashes ("Name - Role") outside parentheses: (segment, start, end).

    ``keep``: names with a comma in them ("Police, Fire and Crime Commissioner"), never cut.
    """
    out = []
    start = 0
    n = len(text)
    if "(" not in text and "[" not in text:  # nothing to be inside of: every separator cuts
        cuts = [m.start() for m in _SEPARATOR.finditer(text)]
    else:
        cuts = _cuts_outside_brackets(text)
    kept = [(i, i + len(name)) for name in keep if name in text for i in positions(text, (name,))]
    if kept:
        cuts = [c for c in cuts if not any(a < c < b for a, b in kept)]
    for i in cuts:
        out.append((text[start:i], offset + start, offset + i))
        start = i + 1
    out.append((text[start:], offset + start, offset + n))
    cleaned = []
    for t, a, _b in out:
        lead = _OXFORD_AND.match(t).end()  # the Oxford comma: "A, B, and C"
        body = t[lead:].rstrip()
        if body:
            cleaned.append((body, a + lead, a + lead + len(body)))
    return cleaned


# -- entries ---------------------------------------------------------------------------------


def parse_entries(text: str, gaz: Gazetteer, offset: int = 0, *, councillors: bool = False) -> list[Entry]:
    """ "Name, role, organisation (Chair) Name, role ..." or "A, B and C" to entries in order."""
    m = _COUNCILLORS.match(text)
    if m:
        councillors = True
        offset += m.end()
        text = text[m.end() :]
    segs = _split_commas(text, offset, gaz.comma_names)
    pieces: list[tuple[str, int, int, bool]] = []  # text, start, end, is_name
    names_only = True  # while every segment so far is a name, an unfamiliar name is still a name
    # "A Byrne, Officer; B Cole, Manager": semicolons between entries, commas inside them; a segment after a
    # semicolon opens an entry, so an unfamiliar name there is still a name
    by_semicolon = ";" in text and "," in text
    for k, (seg, a, _b) in enumerate(segs):
        opens = by_semicolon and k > 0 and text[: a - offset].rstrip().endswith(";")
        lead = _COUNCILLORS.match(seg) if k and seg[:1] in "CcK" else None
        if lead:  # "Councillor A (Leader); Councillors B, C and D": the rest are councillors too
            councillors = True
            seg, a = seg[lead.end() :], a + lead.end()
        got = _classify_segment(seg, a, councillors, lenient=names_only or k == 0 or opens)
        # a marker between names ("A (Org) - Chair, B ...") keeps the list one of names
        names_only = names_only and all(p[3] or _MARKER_WORDS.fullmatch(p[0]) for p in got)
        pieces.extend(got)
    entries: list[Entry] = []
    attrs: list[str] = []
    ahead: list[str] = []  # "the Town Clerk, Mrs Karen Polglase": a post printed before its holder

    def close() -> None:
        if entries:
            _finish(entries[-1], attrs, gaz)
        attrs.clear()

    for k, (seg, a, b, is_name) in enumerate(pieces):
        if is_name:
            close()
            entries.append(Entry(seg, a, b, honorific="Cllr" if councillors else None))
            attrs.extend(ahead)
            ahead.clear()
        elif k + 1 < len(pieces) and pieces[k + 1][3] and (post := _POST_AHEAD.match(seg)) and is_roleish(post["r"]):
            ahead.append(post["r"])
        elif entries:
            attrs.append(seg)
            entries[-1].end = b
    close()
    return entries


_POST_HOLDER = re.compile(r"(?:(?:and\s+)?the\s+)?(?P<post>[A-Z][^()]{2,60}?)\s*\((?P<name>[^()]{3,60})\)")
_POST_AHEAD = re.compile(r"(?:and\s+)?the\s+(?P<r>[A-Z].*)")
# "PCSO Tom Bray of Devon and Cornwall Police": a name, then the organisation
_NAME_OF_ORG = re.compile(r"(?P<n>.+?)\s+of\s+(?P<o>(?:the\s+)?[A-Z].*)")


def _classify_segment(seg: str, a: int, councillors: bool, lenient: bool = False) -> list[tuple[str, int, int, bool]]:
    """``seg`` (starting at offset ``a``) as pieces: (text, start, end, is a name)."""
    return [(t, a + s, a + e, is_name) for t, s, e, is_name in _classify_at0(seg, councillors, lenient)]


@lru_cache(maxsize=1 << 13)
def _classify_at0(seg: str, councillors: bool, lenient: bool) -> tuple[tuple[str, int, int, bool], ...]:
    """``_classify_segment`` at offset 0, cached (segments recur): offsets shift with the segment."""
    return tuple(_classify(seg, 0, councillors, lenient))


def _classify(seg: str, a: int, councillors: bool, lenient: bool = False) -> list[tuple[str, int, int, bool]]:
    core = without_notes(seg)
    core = without_attendance_note(core)
    core = _TRAILING_PAREN.sub("", without_own_initials(core)).strip() if "(" in core else core.strip()
    if looks_like_name(core, surname_ok=councillors, lenient=lenient and not is_roleish(core) and not is_orgish(core)):
        return [(seg, a, a + len(seg), True)]
    # "A Smith and B Jones", "Councillors Smith and Jones"
    parts = _split_and(seg)
    if len(parts) > 1 and all(
        looks_like_name(_PARENS.sub("", p), surname_ok=councillors, lenient=lenient) for p in parts
    ):
        out, pos = [], 0
        for p in parts:
            i = seg.index(p, pos)
            out.append((p, a + i, a + i + len(p), True))
            pos = i + len(p)
        return out
    # the last of a list after what describes the one before: "NHS Fenshire CCG and Cllr Joanne Coulson"
    if len(parts) > 1 and looks_like_name(_PARENS.sub("", parts[-1]), surname_ok=councillors):
        last = seg.rindex(parts[-1])
        head = re.sub(r"\s+(?:and|&)\s*$", "", seg[:last].rstrip())
        if head and not looks_like_name(_PARENS.sub("", head), surname_ok=councillors):
            return [*_classify_segment(head, a, councillors), (parts[-1], a + last, a + len(seg), True)]
    held = _POST_HOLDER.fullmatch(seg) if seg.endswith(")") else None
    if held and is_roleish(held["post"]) and looks_like_name(held["name"]):
        # "the Town Clerk (Mrs Deborah Kingsley)": the holder, then their post
        return [(held["name"], a + held.start("name"), a + held.end("name"), True),
                (held["post"], a + held.start("post"), a + held.end("post"), False)]
    of = _NAME_OF_ORG.fullmatch(seg) if " of " in seg else None
    if of and looks_like_name(of["n"], surname_ok=councillors) and is_orgish(of["o"]):
        return [(of["n"], a, a + of.end("n"), True), (of["o"], a + of.start("o"), a + len(seg), False)]
    # a name glued after a role or organisation, or after a closing parenthesis; a marker or deputy note may follow it
    marker = _END_MARKER.search(seg) if "(" in seg else None  # a marker is bracketed
    cut = _glued_cut(seg[: marker.start()] if marker else seg)
    if cut and _GOVERNS_NAME.search(seg[:cut]):
        cut = None  # "Deputy for ACC Mark Brennan": the name is what the words before it are about
    if cut:
        head, tail = re.sub(r"\s+(?:and|&)$", "", seg[:cut].rstrip()), seg[cut:]
        return [*(_classify_segment(head, a, councillors) if head else []), (tail, a + cut, a + len(seg), True)]
    return [(seg, a, a + len(seg), False)]


_GOVERNS_NAME = re.compile(r"(?i)\b(?:for|of|by|to|from|with)\s*$")
_MARKER_AT_END = re.compile(_MARKER.pattern + r"\s*$", re.IGNORECASE)


def end_marker(text: str) -> tuple[str, int] | None:
    """(capacity, where it starts) of a bracketed marker ending ``text``: "Commissioner (Chair)"."""
    m = _MARKER_AT_END.search(text)
    return (marker_kind(m.group("m")), m.start()) if m else None


_END_MARKER = re.compile(r"(?:\s*(?:" + _MARKER.pattern + "|" + _DEPUTY_IN.pattern + r"))+\s*$", re.IGNORECASE)


_PARENS = re.compile(r"\s*\([^()]*\)")
_AND = re.compile(r"\s+(?:and|&)\s+")


def _split_and(seg: str) -> list[str]:
    """ "A (Org) (Deputising for B) and C (Cabinet Member: Highways and Flood)" at the "and"s outside brackets."""
    if "(" not in seg:
        return _AND.split(seg)
    depth, cuts = 0, []
    marks = {m.start(): m.end() for m in _AND.finditer(seg)}
    for i, ch in enumerate(seg):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and i in marks:
            cuts.append((i, marks[i]))
    out, pos = [], 0
    for a, b in cuts:
        out.append(seg[pos:a])
        pos = b
    out.append(seg[pos:])
    return out


def _glued_cut(seg: str) -> int | None:
    closes = list(re.finditer(r"\)\s+", seg))
    m = closes[-1] if closes else None
    if m and looks_like_name(seg[m.end() :].strip(), lenient=True):
        return m.end()
    cut = trailing_name(seg)
    if cut and not looks_like_name(seg[:cut].strip()):
        return cut
    return None


_DEPUTISING = re.compile(
    r"(?P<who>[^()]{3,60}?)\s+(?:was\s+)?(?:deputising|deputizing|substituting|attending|representing|deputised|substituted)"
    r"(?:\s+(?:for\s+(?:him|her|them)|in\s+(?:his|her|their)\s+place|on\s+(?:his|her|their)\s+behalf))?\.?",
    re.IGNORECASE,
)


# A part of what describes a person saying whom they stood in for: "covering for Cllr Hindle"
_STANDING_IN = re.compile(
    r"(?:(?:covering|deputising|deputizing|substituting|sitting|standing\s+in|attending|deputy|substitute)\s+)?"
    r"(?:for|on\s+behalf\s+of|in\s+place\s+of)\s+(?P<who>[A-Z][^,;()]{1,50}?)\.?",  # "Sarah Lin – for Mark Tobin"
    re.IGNORECASE,
)
_DEPUTISING_WORDS = ("deputis", "deputiz", "substitut", "attending", "representing")


def _may_deputise(text: str) -> bool:
    """Whether ``_DEPUTISING`` can match ``text``: only with one of its verbs in it."""
    low = folded(text)
    return low is None or any(w in low for w in _DEPUTISING_WORDS)


_ATTR_SPLIT = re.compile(r"\s*[,;]\s*")
_ATTR_DASH_SPLIT = re.compile(r"\s*[,;]\s*|\s+[–—-]\s+")


def attr_segments(inner: str, gaz: Gazetteer) -> list[str]:
    """What a name's brackets or cell say, as segments: "Wyvern DC, Community Safety Manager" is an organisation and a role.

    Split only where a part names an organisation: "(Cabinet Member: Fire,
    Planning and Infrastructure)" is one role listing a portfolio.
    """
    dashed = " – " in inner or " - " in inner or " — " in inner  # "Harwick District Council – Head of Communities"
    if "," not in inner and ";" not in inner and not dashed or ":" in inner:
        return [inner]
    parts = [p for p in (_ATTR_DASH_SPLIT if dashed else _ATTR_SPLIT).split(inner) if p]
    if dashed or any(_MARKER_WORDS.fullmatch(p) or known_org(p, gaz) or is_orgish(p) and not is_roleish(p) for p in parts):
        return parts
    return [inner]


def _markers_apart(parts: list[str]) -> tuple[str | None, list[str]]:
    """The capacity a part of what describes a person marks ("in the Chair"; the last, if several)
    and the other parts: "(Leader of the Council, in the Chair)" is a role and a marker."""
    marker, rest = None, []
    for t in parts:
        mk = _MARKER_WORDS.fullmatch(t)
        if mk:
            marker = marker_kind(mk.group("m"))
        else:
            rest.append(t)
    return marker, rest


def _bracket_names_org(text: str, gaz: Gazetteer) -> bool:
    """Whether a bracket after a name, with a post after it, names an organisation ("(Cartrefi Tawel)")."""
    return bool(known_org(text, gaz) or is_orgish(text) or (not is_roleish(text) and _capitalised(text)))


def _finish(entry: Entry, attrs: list[str], gaz: Gazetteer) -> None:
    texts = [entry.raw, *attrs]
    for t in texts:
        if "(" not in t:
            continue  # markers and deputy notes are bracketed
        mk = _MARKER.search(t)
        if mk:
            entry.marker = marker_kind(mk.group("m"))
        # "(deputising for Linda Cope, Chief Nurse)": the name before any post
        dep = _DEPUTY_IN.search(t)
        if dep and looks_like_name(who := dep.group("who").split(",")[0].strip()):
            entry.deputy_for = who
        by = _DEPUTY_BY.search(t)
        if by and looks_like_name(who := by.group("who").split(",")[0].strip()):
            entry.deputy_by = who
    marker, clean = _markers_apart([without_attendance_note(without_notes(t).strip()) for t in attrs])
    entry.marker = marker or entry.marker
    for k, t in enumerate(clean):
        by = _DEPUTISING.fullmatch(t) if _may_deputise(t) else None
        if by and looks_like_name(by.group("who")):
            entry.deputy_by = by.group("who")
            clean[k] = ""
        stands_in = _STANDING_IN.fullmatch(t) if " for " in t or t[:4].lower() == "for " or " of " in t else None
        if stands_in and looks_like_name(stands_in.group("who"), surname_ok=True):
            entry.deputy_for = stands_in.group("who")  # "..., covering for Cllr Hindle"
            clean[k] = ""
    entry.raw = without_own_initials(without_notes(entry.raw).strip(" ,"))
    entry.raw = without_attendance_note(entry.raw)
    paren = _TRAILING_PAREN.search(entry.raw) if "(" in entry.raw else None
    if paren:  # "Dr Lyn Hayes (Public Health)": what the brackets say describes the person
        marker, inner = _markers_apart(attr_segments(paren.group(0).strip(" ()"), gaz))
        entry.marker = marker or entry.marker
        entry.raw = entry.raw[: paren.start()].strip()
        post = [t for t in clean if t]
        if len(inner) == 1 and post and _bracket_names_org(inner[0], gaz) and not any(known_org(t, gaz) for t in post):
            # "Sian Protheroe (Bryncoed County Borough Council) – Corporate Director, Social Services": the
            # bracket names the organisation, and all after it is the post, commas and all
            entry.organisation, entry.role = gaz.canonical_org(inner[0]), ", ".join(post)
            return
        clean[:0] = inner
    for k, t in enumerate(list(clean)):  # "Director of Adult Social Care (Brackenshire County Council)"
        org_paren = _TRAILING_PAREN.search(t) if t.endswith(")") else None
        if org_paren and org_paren.start() > 0:
            named = org_paren.group(0).strip(" ()")
            if known_org(named, gaz) or is_orgish(named) and not is_roleish(named):
                clean[k] = t[: org_paren.start()].strip()
                clean.append(named)
    entry.organisation, entry.role = classify_attrs(clean, gaz)
