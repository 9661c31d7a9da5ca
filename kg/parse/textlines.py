"""Lines of a document with their offsets, and the markup left around them.

Attendance and header parsing work line by line; every fact must point back
at ``Document.text``, so lines keep their offsets and markup (``**``, ``<i>``,
``#`` headings, bullets) is stripped only from the copy that is analysed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from kg.parse.scan import cased_positions, positions
from kg.parse.sentences import TextLine, lowered

_TAGS = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}\s*/?>")
_EMPH = re.compile(r"\*{1,3}|_{2,3}|\\(?=[^\w\s])")
_LEAD = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-•·▪●◦*][ \t]+|>[ \t]*)+")
_LEAD_CHARS = "#-•·▪●◦*>"
_MARKUP_CHARS = "\u00a0\r<*_\\"  # what ``strip_markup`` substitutes only when it is present


class Line(TextLine):
    """One line: half-open offsets (newline excluded), the raw text and its ``clean`` reading.

    A plain slotted class, cleaned once on creation: every line of every
    document is made here and read by several stages, and a frozen dataclass
    with cached properties cost more than the rules reading it. It is also the
    ``TextLine`` the item and act finders read (``text`` is ``raw``), so a
    document without markup is split into lines once for every stage.
    """

    __slots__ = ("raw", "clean", "blank")

    def __init__(self, start: int, end: int, raw: str, clean: str | None = None):
        """``clean``: ``strip_markup(raw)`` when the caller knows it already."""
        self.start = start
        self.end = end
        self.raw = self.text = raw
        self.stripped = raw.strip()
        self.clean = strip_markup(raw) if clean is None else clean
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
    plain = not any(c in text for c in _MARKUP_CHARS)  # then a line loses at most a bullet and its spaces
    new = Line.__new__
    for raw in text.split("\n"):
        end = pos + len(raw)
        stripped = raw.strip()
        lead = stripped[:1]
        if plain and not (lead and lead in _LEAD_CHARS):
            # No markup and no bullet: ``clean`` is ``raw`` without its spaces, made here (every line of
            # every document is) rather than by ``Line.__init__``.
            ln = new(Line)
            ln.start, ln.end, ln.raw, ln.text, ln.stripped = pos, end, raw, raw, stripped
            ln.clean = raw.strip(" ")
            ln.blank = not stripped
        else:
            ln = Line(pos, end, raw)
        out.append(ln)
        pos = end + 1
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


def lines_with(text: str, words: tuple[str, ...], *, case: bool = False) -> list[Line]:
    """The lines of ``text`` holding one of ``words`` (any case unless ``case``), in order.

    A search of the whole text replaces a test on every line, which is what
    made the prose rules cost more than the rest of the parser. Without ``case``
    the words are looked for in the lower-cased copy the act finders search too
    (its shared index holds those declared with ``scan.indexed``).
    """
    lines = iter_lines(text)
    low = lowered(text)
    if case:
        found = cased_positions(text, low, words)
    elif low is None:  # a letter whose lower case is longer: test line by line
        return [ln for ln in lines if any(w in ln.raw.lower() for w in words)]
    else:
        found = positions(low, tuple(w.lower() for w in words), shared=True)
    starts = _line_starts(text)
    return [lines[k] for k in sorted({bisect_right(starts, i) - 1 for i in found})]
