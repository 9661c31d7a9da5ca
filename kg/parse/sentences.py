"""Lines and sentences of minutes text, with markup blanked out in place.

Readers leave some markup behind (``**bold**``, ``<i>``, ``#`` headings) and
the item and act parsers must not care. Replacing each markup character with a
space keeps every offset valid, so spans found in the blanked text point at
the same characters of ``Document.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import lru_cache

from kg.records import Span

_TAGS = re.compile(r"</?(?:i|b|em|strong|u|sup|sub|span|p|br)\s*/?>", re.IGNORECASE)  # left by converters
_HASHES = re.compile(r"^[ \t]*#{1,6}(?=[ \t]|$)", re.MULTILINE)  # Markdown heading marks
_UNDERSCORES = re.compile(r"_{2,}")  # Markdown emphasis
_SPACES = re.compile(r"\s+")


def _spaces(m: re.Match) -> str:
    return " " * len(m.group(0))


@lru_cache(maxsize=4)
def blank_markup(text: str) -> str:
    """``text`` with markup characters replaced by spaces (same length, same offsets)."""
    text = text.replace("*", " ").replace("`", " ")  # str.translate is slow on non-ASCII text
    if "<" in text:
        text = _TAGS.sub(_spaces, text)
    if "#" in text:
        text = _HASHES.sub(_spaces, text)
    if "__" in text:
        text = _UNDERSCORES.sub(_spaces, text)
    return text


def squash(text: str) -> str:
    """Collapse runs of white space and trim: how extracted strings are shown."""
    return _SPACES.sub(" ", text).strip()


class TextLine:
    """One line of the (blanked) text; ``start``/``end`` exclude the newline.

    A plain slotted class: thousands are made per document, and a frozen
    dataclass's ``__init__`` cost more than the rules reading them.
    """

    __slots__ = ("start", "end", "text", "stripped")

    def __init__(self, start: int, end: int, text: str):
        self.start = start
        self.end = end
        self.text = text
        self.stripped = text.strip()

    def span(self) -> Span:
        """The span of the line without its leading and trailing blanks."""
        lead = len(self.text) - len(self.text.lstrip())
        trail = len(self.text) - len(self.text.rstrip())
        return Span(self.start + lead, self.end - trail)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, TextLine):
            return NotImplemented
        return (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"TextLine(start={self.start!r}, end={self.end!r}, text={self.text!r})"


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[TextLine]:
    """Lines of ``text[start:end]`` with absolute offsets."""
    end = len(text) if end is None else end
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield TextLine(pos, stop, text[pos:stop])
        pos = stop + 1


# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before
# white space and an upper-case letter, digit or opening mark. Abbreviations such as
# "Cllr." rarely precede names in minutes, so the rule stays simple and linear.
_SENT_END = re.compile(r"(?<=[.!?])[\"'’”)]?\s+(?=[A-Z0-9£\"'‘“(])")
_ABBREV = re.compile(r"(?:\b(?:Cllr|Dr|Mr|Mrs|Ms|Prof|St|No|approx|e\.g|i\.e|etc|Supt|Insp|Det|Rev|Cc|vs)\.|\b[A-Z]\.)$")


def sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]`` (one line or paragraph), trimmed."""
    seg_start = start
    for m in _SENT_END.finditer(text, start, end):
        if _ABBREV.search(text, max(seg_start, m.start() - 8), m.start()):
            continue
        yield from _trimmed(text, seg_start, m.start())
        seg_start = m.end()
    yield from _trimmed(text, seg_start, end)


def _trimmed(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        yield a, b


@lru_cache(maxsize=4)
def _all_lines(text: str) -> tuple[tuple[TextLine, ...], list[int]]:
    lines = tuple(iter_lines(text))
    return lines, [ln.start for ln in lines]


def lines_outside(text: str, regions: list[Span], start: int = 0, end: int | None = None) -> list[TextLine]:
    """``iter_lines(text, start, end)`` without the lines that start inside one of ``regions``.

    The lines of a text are split once and cached: items and acts ask for them
    per agenda item, and a fresh split and region test per line cost more than
    the rules that read them.
    """
    end = len(text) if end is None else end
    if start >= end:
        return []
    lines, starts = _all_lines(text)
    lo = bisect_right(starts, start) - 1
    hi = bisect_left(starts, end)
    picked = list(lines[max(lo, 0) : hi])
    if picked and picked[0].start < start:  # the range starts inside a line: keep its tail only
        first = picked[0]
        picked[0] = TextLine(start, first.end, text[start : first.end])
    if picked and picked[-1].end > end:  # and ends inside one
        last = picked[-1]
        picked[-1] = TextLine(last.start, end, text[last.start : end])
    if not regions:
        return picked
    spans = _merged(regions)
    out = []
    k = 0
    for ln in picked:
        while k < len(spans) and spans[k][1] <= ln.start:
            k += 1
        if k < len(spans) and spans[k][0] <= ln.start:
            continue
        out.append(ln)
    return out


def _merged(regions: list[Span]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted((r.start, r.end) for r in regions):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def in_regions(pos: int, regions: list[Span]) -> bool:
    """Whether ``pos`` falls inside one of ``regions`` (few regions: a linear scan is fine)."""
    return any(r.start <= pos < r.end for r in regions)


def hot_lines(text: str, start: int, end: int, words: tuple[str, ...]) -> set[int]:
    """Starts of the lines in ``text[start:end]`` holding one of ``words`` (lower case, any case in text).

    One lower-casing and a few ``str.find`` scans per region: far cheaper than a
    regex per line, and it lets the act finders skip most lines outright.
    """
    low = lowered(text)  # once per document, not once per item and rule
    if low is None:  # a letter whose lower case is longer: stay exact, scan every line
        return {start + i + 1 for i, c in enumerate(text[start:end]) if c == "\n"} | {start}
    hot: set[int] = set()
    for w in words:
        i = low.find(w, start, end)
        while i >= 0:
            hot.add(max(low.rfind("\n", start, i) + 1, start))
            i = low.find(w, i + len(w), end)
    return hot


def hot_starts(text: str, lines: list[TextLine], words: tuple[str, ...]) -> set[int]:
    """Starts of those ``lines`` holding one of ``words`` (lower case, any case in text).

    The same answer as ``hot_lines`` over the lines' range, from one scan of the
    whole text per word list (cached): every agenda item and act finder asks.
    Only a line cut short by its item is searched on its own part.
    """
    low = lowered(text)
    if low is None:  # a letter whose lower case is longer: every line is worth reading
        return {ln.start for ln in lines}
    hot = _hot_starts(low, words)
    out = set()
    last = len(lines) - 1
    for k, ln in enumerate(lines):
        cut = (k == 0 and ln.start > 0 and text[ln.start - 1] != "\n") or (
            k == last and ln.end < len(text) and text[ln.end] != "\n")
        if cut:
            if any(low.find(w, ln.start, ln.end) >= 0 for w in words):
                out.add(ln.start)
        elif ln.start in hot:
            out.add(ln.start)
    return out


@lru_cache(maxsize=8)
def _hot_starts(low: str, words: tuple[str, ...]) -> frozenset[int]:
    """Starts of the lines of ``low`` holding one of ``words``."""
    hot: set[int] = set()
    for w in words:
        i = low.find(w)
        while i >= 0:
            a = low.rfind("\n", 0, i) + 1
            hot.add(a)
            nl = low.find("\n", i)
            if nl < 0:
                break
            i = low.find(w, nl)
    return frozenset(hot)


@lru_cache(maxsize=4)
def lowered(text: str) -> str | None:
    """``text`` in lower case when that keeps every offset (it almost always does), else None.

    Cached: the act finders and the programme finder all read the same lower-cased text.
    """
    low = text.lower()
    return low if len(low) == len(text) else None


# Page furniture that converters leave between the lines of the text: page markers and the
# running header or footer of draft minutes ("Minutes subject to approval at the next meeting").
_FURNITURE = re.compile(
    r"(?i)(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s+of\s+\d+|(?:(?:draft|unconfirmed|these)\s+)?minutes\b[^.]{0,40}?"
    r"\bsubject\s+to\b[^.]{0,80}?\b(?:approval|acceptance|confirmation|ratification|agreement)\b[^.]{0,60}\.?)"
)


def is_furniture(line: str) -> bool:
    """Whether a (stripped) line is a page marker or running header rather than content."""
    return len(line) < 160 and _FURNITURE.fullmatch(line) is not None
