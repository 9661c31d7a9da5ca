"""People's names: honorifics, post-nominals, short forms and keys.

Shared by the parser (which splits "Cllr Mark Hawthorne MBE" into its parts)
and the linker (which decides that "Pete Bungard" and "Peter Bungard" are one
person). Pure functions over strings.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

# Multi-word titles first: the longest match wins.
HONORIFICS = [
    "Detective Chief Superintendent", "Detective Superintendent", "Detective Chief Inspector",
    "Detective Inspector", "Detective Sergeant", "Detective Constable",
    "Chief Superintendent", "Superintendent", "Chief Inspector", "Inspector", "Sergeant",
    "Assistant Chief Constable", "Deputy Chief Constable", "Chief Constable", "Temporary Chief Constable",
    "Police and Crime Commissioner", "Deputy Police and Crime Commissioner",
    "Right Honourable", "Rt Hon", "The Rt Hon", "Honourable", "Hon",
    "Councillor", "County Councillor", "Cllr", "Cllr.", "Cc", "CC",
    "County Cllr", "District Cllr", "District Councillor", "Borough Cllr", "Borough Councillor", "Town Cllr",
    "Town Councillor", "Parish Cllr", "Parish Councillor", "City Cllr", "City Councillor",
    "Professor", "Prof", "Prof.", "Doctor", "Dr", "Dr.",
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Mx",
    "Sir", "Dame", "Lord", "Lady", "Baroness", "Baron",
    "Reverend", "Rev", "Rev.", "Revd", "Canon", "Father", "Imam", "Rabbi", "Pastor", "Bishop",
    "PCC", "DPCC", "ACC", "DCC", "Supt", "Supt.", "Det Supt", "Det. Supt.", "DCI", "DI", "DS", "Ch Supt", "Insp",
    "PCSO", "Sgt", "Det Sgt", "Ch Insp", "Chief Insp", "Det Insp", "CFO", "ACFO", "DCFO",
    "Police Constable", "Constable",
    "Brigadier", "Colonel", "Col", "Lieutenant Colonel", "Lt Col", "Major", "Maj", "Captain", "Capt", "Commander", "Cdr",
    "Wing Commander", "Wg Cdr", "Squadron Leader", "Sqn Ldr", "Lieutenant", "Lt",
    "Area Manager", "Group Manager", "Station Manager", "Watch Manager", "Crew Manager", "Firefighter",
    "Alderman", "Mayor", "Deputy Mayor", "Provost", "Depute Provost", "Lord Provost", "Bailie",
]
# Case matters ("DI" is a title, "Di" a first name), so match as printed or in capitals.
_HON_SORTED = sorted({v for h in HONORIFICS for v in (h, h.upper())}, key=len, reverse=True)
_HON_RE = re.compile(
    r"^(?:(?:" + "|".join(re.escape(h) for h in _HON_SORTED) + r")(?=\s|$)\s*)+",
)

POSTNOMINALS = {
    "MBE", "OBE", "CBE", "KBE", "DBE", "QPM", "KPM", "JP", "DL", "MP", "MEP", "PhD", "FRCP", "FRCGP",
    "FRCS", "MRCGP", "FCA", "ACA", "CIPFA", "MA", "BA", "BSc", "MSc", "FRSA", "QC", "KC", "CB", "CVO", "LVO",
    "RN", "RGN", "MRCP", "FFPH", "MFPH", "FRTPI", "MRTPI", "FCIH", "MCIH", "Hon",
    # accountants, surveyors, engineers, lawyers, HR and nursing: what officers' names carry in minutes
    "CPFA", "FCPFA", "ACCA", "FCCA", "ACMA", "FCMA", "CGMA", "MRICS", "FRICS", "CEng", "MICE", "FICE",
    "LLB", "LLM", "MBA", "MCIPD", "FCIPD", "RMN", "MPH", "FRCPsych", "MRCPsych",
}
_POST_RE = re.compile(
    r"(?:[\s,]+(?:" + "|".join(re.escape(p) for p in sorted(POSTNOMINALS, key=len, reverse=True)) + r")\.?)+\s*$",
)

# First-name short forms folded to one form for matching (never for display).
SHORT_FORMS = {
    "chris": "christopher", "andy": "andrew", "pete": "peter", "mike": "michael",
    "mick": "michael", "steve": "stephen", "steven": "stephen", "dave": "david",
    "jon": "jonathan", "jonny": "jonathan", "tim": "timothy", "rob": "robert",
    "bob": "robert", "bill": "william", "will": "william", "liz": "elizabeth",
    "beth": "elizabeth", "kate": "katherine", "kathy": "katherine", "cathy": "catherine",
    "jim": "james", "jamie": "james", "tom": "thomas", "tony": "anthony",
    "nick": "nicholas", "sue": "susan", "ben": "benjamin", "dan": "daniel",
    "danny": "daniel", "matt": "matthew", "sam": "samuel", "alex": "alexander",
    "pat": "patricia", "jo": "joanne", "jenny": "jennifer", "jennie": "jennifer",
    "rich": "richard", "rick": "richard", "dick": "richard", "ed": "edward",
    "ted": "edward", "greg": "gregory", "phil": "philip", "ray": "raymond",
    "ron": "ronald", "don": "donald", "joe": "joseph", "vince": "vincent",
    "fred": "frederick", "gerry": "gerald", "jeff": "jeffrey", "ken": "kenneth",
    "len": "leonard", "les": "leslie", "mandy": "amanda", "nicky": "nicola",
    "nikki": "nicola", "becky": "rebecca", "vicky": "victoria", "debbie": "deborah",
    "di": "diane", "val": "valerie", "gill": "gillian", "charlie": "charles",
    "harry": "henry", "jack": "john", "johnny": "john", "larry": "lawrence",
    "nat": "nathaniel", "ollie": "oliver", "pam": "pamela", "sandy": "sandra",
    "terry": "terence", "tess": "teresa", "wendy": "gwendolyn", "zoe": "zoe",
}


@dataclass
class NameParts:
    name: str  # without honorific and post-nominals
    honorific: str | None = None
    postnominals: list[str] = field(default_factory=list)


def clean_space(text: str) -> str:
    return " ".join(text.split())  # what collapsing white-space runs and trimming gives, without a regex


def split_name(raw: str) -> NameParts:
    """Split "Cllr Mark Hawthorne MBE" into name, honorific and post-nominals."""
    name, honorific, post = _split_name(raw)
    return NameParts(name, honorific, list(post))


@lru_cache(maxsize=1 << 15)
def _split_name(raw: str) -> tuple[str, str | None, tuple[str, ...]]:
    """Cached core of ``split_name`` (parsers ask about the same names many times)."""
    text = clean_space(raw.replace("\u00a0", " ")).strip(" ,;:*_")
    post: list[str] = []
    m = _POST_RE.search(text)
    if m and m.start() > 0:
        post = [p.rstrip(".") for p in re.split(r"[\s,]+", m.group(0)) if p]
        text = text[: m.start()].strip(" ,")
    honorific = None
    m = _HON_RE.match(text)
    if m and m.end() < len(text):
        honorific = clean_space(m.group(0))
        text = text[m.end() :].strip()
    return text, honorific, tuple(post)


_NOT_NAME_CHARS = re.compile(r"[^\w' -]+")


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower-case, strip accents and punctuation, collapse spaces (cached: names recur)."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").casefold()
    text = _NOT_NAME_CHARS.sub(" ", text)
    return clean_space(text.replace("'", ""))


@lru_cache(maxsize=1 << 15)
def person_key(name: str) -> str:
    """A matching key: folded, honorifics gone, first name in its long form."""
    parts = split_name(name)
    words = fold(parts.name).split()
    if not words:
        return ""
    words[0] = SHORT_FORMS.get(words[0], words[0])
    return " ".join(words)


def slug(text: str) -> str:
    """A readable IRI segment: "Stroud District Council" -> "stroud-district-council"."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("&", " and ").replace("'", "").replace("’", "")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def initials(name: str) -> str:
    """ "Steve Baumber" -> "SB"; "Mary-Jane O'Neill" -> "MJO"."""
    words = re.split(r"[\s\-]+", split_name(name).name)
    return "".join(w[0].upper() for w in words if w and w[0].isalpha())


def first_name(name: str) -> str:
    words = split_name(name).name.split()
    return words[0] if words else ""


def family_name(name: str) -> str:
    words = split_name(name).name.split()
    return words[-1] if words else ""
