"""Lines of a document with their offsets, and the markup left around them.

Attendance and header parsing work line by line; every fact must point back
at ``Document.text``, so lines keep their offsets and markup (``**``, ``<i>``,
``#`` headings, bullets) is stripped only from the copy that is analysed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

_TAGS = re.compile(r"</?[A-Za-z][A-Za-z0-9]{0,9}\s*/?>")
_EMPH = re.compile(r"\*{1,3}|_{2,3}|\\(?=[^\w\s])")
_LEAD = re.compile(r"^[ \t]*(?:#{1,6}[ \t]+|[-•·▪●◦*][ \t]+|>[ \t]*)+")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    raw: str

    @cached_property
    def clean(self) -> str:
        return strip_markup(self.raw)

    @cached_property
    def blank(self) -> bool:
        return not self.clean.strip()


def strip_markup(text: str) -> str:
    """The line as a reader sees it: no tags, emphasis marks, heading hashes or bullets."""
    text = text.replace("\u00a0", " ").replace("\r", "")
    text = _TAGS.sub("", text)
    text = _EMPH.sub("", text)
    text = _LEAD.sub("", text)
    return text.strip(" ")


@lru_cache(maxsize=8)
def iter_lines(text: str) -> tuple[Line, ...]:
    """Every line of ``text`` with its half-open offsets (newline excluded); cached, as several stages read them."""
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
