"""Bilingual minutes: keep the English of "Cymraeg / English" pairs.

Welsh public bodies (councils, public services boards, health boards) print
their minutes in both languages, Welsh first: "Presennol / Present:",
"Eitem 3 / Item 3:", "Cytunwyd / Agreed: ... / ...", and "Arweinydd / Leader"
inside an attendance entry. Every rule of the parser reads English, so in a
document written that way the Welsh half of each pair is blanked with spaces:
the text keeps its length, and every offset (and so every piece of evidence)
still points at the document as printed.
"""

from __future__ import annotations

import re

from kg.parse.people import looks_like_name

# "Presennol / Present:", "Eitem 2 / Item 2:": a pair whose English half is one of the minutes' labels
_LABEL_PAIR = re.compile(
    r"^[ \t]*[^\n/]{2,40}? / (?:Present|Apologies|In attendance|Item \d|Agenda item|Agreed|Resolved|Action|Date|Minutes)\b",
    re.MULTILINE,
)
# Where the Welsh half of a pair can start: after these (a tab parts table cells), or at the start of a line
_BOUNDARY = "\n\t,;:(–—"
_INITIALS = re.compile(r"[A-Z]{2,4}")


def english_half(text: str) -> str:
    """``text`` with the first half of every "A / B" pair blanked, when it is a bilingual document
    (two lines or more pair a Welsh label with an English one); otherwise ``text`` itself."""
    if text.count(" / ") < 4 or len(_LABEL_PAIR.findall(text, 0, 20_000)) < 2:
        return text
    out = list(text)
    pos = text.find(" / ")
    while pos >= 0:
        start = _half_start(text, pos)
        if start is not None:
            out[start : pos + 3] = " " * (pos + 3 - start)
        pos = text.find(" / ", pos + 3)
    return "".join(out)


def _half_start(text: str, pos: int) -> int | None:
    """Where the half ending at ``pos`` (the " / ") starts: after the last boundary or sentence end
    on its line; None when it is no short phrase (a date "1 / 2" or a long run of words)."""
    line_start = text.rfind("\n", 0, pos) + 1
    start = line_start
    for k in range(pos - 1, line_start - 1, -1):
        c = text[k]
        if c in _BOUNDARY or (c == "." and k + 1 < pos and text[k + 1] == " " and k < pos - 2):
            start = k + 1
            break
    while start < pos and text[start] in " \t":
        start += 1
    half = text[start:pos]
    if not half or not half[0].isalpha() or len(half.split()) > 15 or not text[pos + 3 : pos + 4].isalnum():
        return None
    last = half.rsplit(" / ", 1)[-1]  # "SP / AM" before the second " / " of "SP / AM / FD"
    if _INITIALS.fullmatch(last) or looks_like_name(last):
        return None  # owners, not a pair of languages: "SP / AM / FD", "Elin Morgan / Tom Pritchard"
    return start
