"""Lines of a document with their offsets, and the markup left around them.

Attendance and header parsing work line by line; every fact must point back
at ``Document.text``, so lines keep their offsets and markup (``**``, ``<i>``,
``#`` headings, bullets) is stripped only from the copy that is analysed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

_TAGS = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}\s*/?>")
_EMPH = re.compile(r"\*{1,3}|_{2,3}|\\(?=[^\w\s])")
_LEAD = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-•·▪●◦*][ \t]+|>[ \t]*)+")
_LEAD_CHARS = "#-•·▪●◦*>"


class Line:
    """One line: half-open offsets (newline excluded), the raw text and its ``clean`` reading.

    A plain slotted class, cleaned once on creation: every line of every
    document is made here and read by several stages, and a frozen dataclass
    with cached properties cost more than the rules reading it.
    """

    __slots__ = ("start", "end", "raw", "clean", "blank")

    def __init__(self, start: int, end: int, raw: str):
        self.start = start
        self.end = end
        self.raw = raw
        self.clean = strip_markup(raw)
        self.blank = not self.clean.strip()

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Line):
            return NotImplemented
        return (self.start, self.end, self.raw) == (other.start, other.end, other.raw)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.raw))

    def __repr__(self) -> str:
        return f"Line(start={self.start!r}, end={self.end!r}, raw={self.raw!r})"


def strip_markup(text: str) -> str:
    """The line as a reader sees it: no tags, emphasis marks, heading hashes or bullets.

    Most lines carry no markup at all, so each substitution runs only when its
    trigger character is present (every line of every document passes here).
    """
    if "\u00a0" in text or "\r" in text:
        text = text.replace("\u00a0", " ").replace("\r", "")
    if "<" in text:
        text = _TAGS.sub("", text)
    if "*" in text or "_" in text or "\\" in text:
        text = _EMPH.sub("", text)
    lead = text.lstrip(" \t")[:1]
    if lead and lead in _LEAD_CHARS:
        text = _LEAD.sub("", text)
    return text.strip(" ")


@lru_cache(maxsize=4)
def iter_lines(text: str) -> tuple[Line, ...]:
    """Every line of ``text`` with its half-open offsets (newline excluded); cached, as several stages read them.

    The header reads these too (it used to split a prefix of its own), so the
    stages of one document share a single entry; a few are kept, so a document
    seen again later is split again, as before.
    """
    out: list[Line] = []
    pos = 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return tuple(out)


def cells(line: Line, sep: re.Pattern[str]) -> list[tuple[str, int, int]]:
    """Split a line into (clean text, start, end) cells on ``sep``, keeping empty cells."""
    out: list[tuple[str, int, int]] = []
    pos = 0
    for m in sep.finditer(line.raw):
        out.append((strip_markup(line.raw[pos : m.start()]), line.start + pos, line.start + m.start()))
        pos = m.end()
    out.append((strip_markup(line.raw[pos:]), line.start + pos, line.end))
    return out


@lru_cache(maxsize=8)
def _line_starts(text: str) -> list[int]:
    return [ln.start for ln in iter_lines(text)]


@lru_cache(maxsize=8)
def _lowered(text: str) -> str | None:
    """``text`` in lower case when that keeps every offset (it almost always does), else None."""
    low = text.lower()
    return low if len(low) == len(text) else None


def lines_with(text: str, words: tuple[str, ...], *, case: bool = False) -> list[Line]:
    """The lines of ``text`` holding one of ``words`` (any case unless ``case``), in order.

    A few ``str.find`` scans over the whole text replace a test on every line,
    which is what made the prose rules cost more than the rest of the parser.
    """
    lines = iter_lines(text)
    hay = text if case else _lowered(text)
    if hay is None:  # a letter whose lower case is longer: test line by line
        return [ln for ln in lines if any(w in ln.raw.lower() for w in words)]
    starts = _line_starts(text)
    hit: set[int] = set()
    for w in words:
        w = w if case else w.lower()
        i = hay.find(w)
        while i >= 0:
            k = bisect_right(starts, i) - 1
            hit.add(k)
            i = hay.find(w, lines[k].end if lines[k].end > i else i + 1)
    return [lines[k] for k in sorted(hit)]
