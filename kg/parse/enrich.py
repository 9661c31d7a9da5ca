"""What the body of the minutes adds to the attendance lists.

Lists often give a bare name; the minutes then say who the person is
("David Stanley, Director of Finance at Stroud DC, made a presentation",
"Detective Superintendent Simon Atkinson", "Response by: Cllr A (Cabinet
Member: Children)"). And some people take part without being listed: a
councillor who asks a question, an officer who "attended for this item" or
"agreed to provide" something. People who are only mentioned, thanked or
said to be absent are not attendees, so only those verbs add a person.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.gazetteer import Gazetteer
from kg.names import SHORT_FORMS, fold, person_key
from kg.parse import people as P
from kg.parse.scan import indexed
from kg.parse.textlines import Line, lines_with
from kg.records import Person, Span

if TYPE_CHECKING:
    from kg.parse.attendance import AttendanceResult

_N = P.NAME_PATTERN
# Who took part, by what the minutes say they did.
# The verb phrases of the officer rules: a line without one cannot match, and trying the
# name pattern at every capital of a long line is what the rules cost.
_ATTENDED = (r"(?:attended\s+(?:for\s+(?:this|the|agenda)\s+item|for\s+item|the\s+meeting)|joined\s+the\s+meeting"
             r"|was\s+in\s+attendance)")
_UNDERTOOK = (r"agreed\s+to\s+(?:provide|circulate|send|share|report|update|arrange|bring|look|investigate|follow|liaise|"
              r"contact|write|confirm|clarify|check|review|produce|prepare|present|give|take|discuss|raise|meet|feed\s+back|"
              r"pick\s+up)\b")
_PRESENTED = (r"(?:presented\s+(?:the|a|an|his|her|their)\b|introduced\s+the\s+(?:report|item|paper)|"
              r"made\s+a\s+(?:\w+\s+)?presentation|gave\s+a\s+(?:\w+\s+)?presentation|"
              r"talked\s+to\s+the\s+(?:report|paper)|spoke\s+to\s+the\s+(?:report|paper))")


@dataclass(frozen=True)
class _Rule:
    """A way of taking part: the pattern, the capacity it gives, and cheap tests a line must pass first."""

    rx: re.Pattern[str]
    capacity: str
    hint: tuple[str, ...]  # words one of which the line must contain
    phrase: re.Pattern[str] | None = None  # a phrase it must hold
    bare: re.Pattern[str] | None = None  # ``rx`` without its apposition
    after_comma: re.Pattern[str] | None = None  # where alone the apposition can end

    def matches(self, line: str) -> Iterator[re.Match[str]]:
        """``rx.finditer(line)``, from ``bare`` when the apposition cannot end anywhere in ``line``."""
        if self.bare is None or self.after_comma is None or self.after_comma.search(line):
            return self.rx.finditer(line)
        return self.bare.finditer(line)


def _officer(verb: str, hint: tuple[str, ...]) -> _Rule:
    """A name, an apposition closed by a comma ("X, Director of Y,") or none, then ``verb``.

    The apposition is read lazily over up to 160 characters after every capital,
    which cost more than every other rule; it can only succeed where a comma and
    white space run into the verb, so a line without that is read by the pattern
    without it, which finds the same matches (with no apposition).
    """
    return _Rule(
        re.compile(rf"(?P<name>{_N})(?:\s*,\s*\(?(?P<app>[^;()\n]{{3,160}}?)\)?\s*,)?\s+{verb}"), "officer", hint,
        re.compile(rf"\s{verb}"), re.compile(rf"(?P<name>{_N})\s+{verb}"), re.compile(rf",\s+{verb}"),
    )


_TOOK_PART = [
    _Rule(re.compile(rf"^\s*Question\s*\d*\s*[:\-–—]\s*(?:from\s+)?(?P<name>{_N})\s*$", re.M), "member", ("uestion",)),
    _Rule(re.compile(rf"\b(?:[Qq]uestions?\s+(?:from|asked\s+by)|[Aa]sked\s+by|[Qq]uestioner\s*:)\s+(?P<name>{_N})"),
          "member", ("uestion", "sked by")),
    _Rule(re.compile(rf"\bResponse\s+(?:by|from)\s*:?\s*(?P<name>{_N})(?:\s*[:(]\s*(?P<app>[^()\n]{{3,80}}?)\)?\s*$)?",
                     re.M), "member", ("Response",)),
    _Rule(re.compile(rf"(?P<name>{_N})(?:\s*,\s*\(?(?P<app>[^;()\n]{{3,160}}?)\)?)?,?\s+{_ATTENDED}"), "officer",
          ("ttend", "joined"), re.compile(rf"\s{_ATTENDED}")),
    _officer(_UNDERTOOK, ("agreed to",)),
    _officer(_PRESENTED, ("present", "introduced", "talked", "spoke")),
]
# The rules' words, looked for in the lower-cased document's shared index (and then in their case).
indexed(tuple(w.lower() for rule in _TOOK_PART for w in rule.hint))
_APPOSITION = re.compile(r"\s*(?:,\s*\(?(?P<a>(?:[^;()\n]|\([^()\n]{1,40}\)){3,160}?)\)?\s*,\s*(?:who\s+)?[a-z]|\((?P<b>[^()\n]{3,120})\)|"
                         r":\s*(?P<c>[A-Z][^\n.;]{3,80})\s*$)", re.M)
_MAX_DESCRIBED = 300
_OWN_COUNCIL = re.compile(r"^(?:county|city|district|borough|town)?\s*council$", re.IGNORECASE)
_CHAIRS = {"chair", "chairman", "chairwoman", "chairperson", "vice-chair", "vice chair"}


def enrich(text: str, result: AttendanceResult, gaz: Gazetteer, *, body: str | None = None) -> None:
    """Fill roles and organisations from the body; add people recorded as taking part."""
    inside = _inside_any(result.regions)

    def in_body(lines: list[Line]) -> list[Line]:
        return [ln for ln in lines if not inside(ln.start) and ln.raw.strip()]

    known = result.present + result.apologies
    for person in known[:_MAX_DESCRIBED]:  # bounded for pathological inputs
        _describe(person, text, in_body, gaz)
    keys = {person_key(p.name) for p in known}
    # Each rule reads only the lines holding one of its words; the (line, rule) order is kept.
    work = sorted(
        (ln.start, n, ln) for n, rule in enumerate(_TOOK_PART)
        for ln in in_body(lines_with(text, rule.hint, case=True)) if rule.phrase is None or rule.phrase.search(ln.raw)
    )
    for _start, n, ln in work:
        rule = _TOOK_PART[n]
        for m in rule.matches(ln.raw):
            raw = m.group("name")
            if not P.looks_like_name(raw) or len(P.person_hon(raw)[0].split()) < 2:
                continue
            name = P.person_hon(raw)[0]
            k = person_key(name)
            if k in keys or _same_as_known(name, known):
                continue
            app = m.groupdict().get("app")
            org, role = _read_apposition(app, gaz) if app else (None, None)
            _n, hon, post, rank = P.person_hon(raw)
            person = Person(name, hon, post, org, role or rank, rule.capacity,  # type: ignore[arg-type]
                            Span(ln.start, ln.end))
            result.present.append(person)
            known.append(person)
            keys.add(k)


def _describe(person: Person, text: str, in_body, gaz: Gazetteer) -> None:
    """Role (and organisation, if missing) from how the body introduces ``person``."""
    if person.role and person.organisation:
        return
    surname = person.name.split()[-1] if person.name.split() else ""
    if not surname:
        return
    for ln in in_body(lines_with(text, (surname,), case=True)):
        for start in _whole_word_starts(ln.raw, surname):
            before = ln.raw[max(0, start - 60) : start].split()
            given = _given_before(before, person)
            if given is None:
                continue
            if not person.role:
                rank = _rank_before(before[: len(before) - given])
                if rank:
                    person.role = rank
            app = _APPOSITION.match(ln.raw, start + len(surname))
            if app and given:
                org, role = _read_apposition(app.group("a") or app.group("b") or app.group("c"), gaz)
                if role and not person.role:
                    person.role = role
                if org and not person.organisation:
                    person.organisation = org
            if person.role and person.organisation:
                return


def _whole_word_starts(line: str, word: str) -> list[int]:
    """The starts of the matches of ``\\b<word>\\b`` in ``line``, as ``re.finditer`` finds them.

    Read with ``str.find`` and a test of the characters either side: a pattern
    compiled for every surname cost more than the search, and a document of
    new names compiled them all afresh.
    """
    out: list[int] = []
    n = len(word)
    pos = 0
    i = line.find(word)
    while i >= 0:
        if i >= pos and _boundary(line, i) and _boundary(line, i + n):
            out.append(i)
            pos = i + n
        i = line.find(word, i + 1)
    return out


def _boundary(text: str, i: int) -> bool:
    """Whether ``\\b`` matches at offset ``i``: a word character on one side only (``\\w``: alphanumeric or "_")."""
    before = i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")
    after = i < len(text) and (text[i].isalnum() or text[i] == "_")
    return before != after


def _given_before(before: list[str], person: Person) -> int | None:
    """How many words before the surname belong to the person's name (0: surname alone), or None if another person."""
    words = person.name.split()[:-1]
    if not words:
        return 0
    n = len(words)
    got = [w.strip(",;:(") for w in before[-n:]] if len(before) >= n else []
    if got and all(_same_given(a, b) for a, b in zip(got, words)):
        return n
    if before and P.honorific_at(before, len(before) - 1) or before and before[-1] in {"Cllr", "Councillor", "Dr"}:
        return 0
    return None


def _same_given(a: str, b: str) -> bool:
    fa, fb = fold(a), fold(b)
    return fa == fb or SHORT_FORMS.get(fa, fa) == SHORT_FORMS.get(fb, fb)


def _rank_before(words: list[str]) -> str | None:
    """The rank printed just before a name ("Detective Superintendent"); only the last four words count."""
    return _rank_of(tuple(words[-4:]))


@lru_cache(maxsize=4096)
def _rank_of(words: tuple[str, ...]) -> str | None:
    for size in (4, 3, 2, 1):
        if len(words) < size:
            continue
        tail = list(words[-size:])
        if P.honorific_at(tail, 0) == size:
            hon = " ".join(tail)
            _n, _h, _p, rank = P.person_hon(f"{hon} X Y")
            return rank
    return None


def _read_apposition(app: str | None, gaz: Gazetteer) -> tuple[str | None, str | None]:
    """ "Director of Finance at Stroud DC" -> (Stroud District Council, Director of Finance)."""
    if not app:
        return None, None
    app = app.strip(" ,()")
    if app[:4].casefold() == "and " or not P.is_roleish(app) and not P.known_org(app, gaz):
        return None, None  # "Imran Siddiqui, and Nicola Breen, ...": the next person of a list, not a post
    if len(app.split()) > 16:
        return None, None
    seps = list(re.finditer(r"\s(?P<sep>at|with|from|of|for)\s+(?:the\s+)?", app))
    for m in seps:
        role, rest = app[: m.start()].strip(), app[m.end() :].strip()
        if _OWN_COUNCIL.match(rest):  # "at the County Council": the person's own council
            return None, app if m.group("sep") == "of" else role
        hit = P.known_org(rest, gaz)
        if hit and not hit[1] and P.is_roleish(role):
            if m.group("sep") == "of" and role.casefold() in _CHAIRS:
                role = f"{role}, {hit[0]}"
            return hit[0], role
    if seps:  # an organisation the gazetteer does not know, named after the last "of"/"at"
        m = seps[-1]
        role, rest = app[: m.start()].strip(), app[m.end() :].strip()
        if P.is_orgish(rest) and not P.is_roleish(rest) and P.is_roleish(role) and len(rest.split()) >= 2:
            return gaz.canonical_org(rest), role
    return P.classify_attrs([s for s in re.split(r",\s*", app) if s], gaz)


def _same_as_known(name: str, known: list[Person]) -> bool:
    words = fold(name).split()
    for p in known:
        pw = fold(p.name).split()
        if pw and words and pw[-1] == words[-1] and _same_given(pw[0], words[0]):
            return True
    return False


def _inside_any(regions: list[Span]):
    """A test "does ``pos`` fall in one of ``regions``" by bisection: a hostile document can
    hold thousands of attendance regions, and every body line asks (a scan was quadratic)."""
    ordered = sorted(regions, key=lambda r: r.start)
    starts = [r.start for r in ordered]
    reach = list(itertools.accumulate((r.end for r in ordered), max))  # furthest end so far

    def inside(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos)
        return i > 0 and reach[i - 1] > pos

    return inside
