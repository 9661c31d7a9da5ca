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

from kg.parse.scan import positions
from kg.records import Span

_TAGS = re.compile(r"</?(?:i|b|em|strong|u|sup|sub|span|p|br)\s*/?>", re.IGNORECASE)  # left by converters
_HASHES = re.compile(r"^[ \t]*#{1,6}(?=[ \t]|$)", re.MULTILINE)  # Markdown heading marks
_UNDERSCORES = re.compile(r"_{2,}")  # Markdown emphasis


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


# A line break before a lower-case word that opens no list point ("a)", "ii."): perhaps inside a sentence.
# Only after a word character, a comma, a bracket or a quote (or blanks, read back by ``_runs_on``) can
# the line run on: the look-arounds leave out most breaks in C, cheapest test first, before ``_runs_on``
# reads the rest.
_LOWER_NEXT = re.compile(
    r"\n(?=[ \t]*[a-z])(?:(?<=[\w,)’']\n)|(?<=[ \t]\n))(?=[ \t]*(?!(?:[a-z]{1,2}|[ivx]{1,4})[).][ \t])[a-z])"
)


@lru_cache(maxsize=4)
def unwrapped(text: str) -> str:
    """``text`` with the line breaks that wrap a sentence made spaces (same length, same offsets).

    Text taken from PDFs breaks sentences across lines ("Cllr A attended" /
    "on behalf of Cllr B"), and the act finders read a line at a time. A break
    counts as wrapping when the line runs on without a stop (it ends in a word,
    a comma or a bracket) and the next opens in lower case, or when it ends on
    a word no sentence ends on ("the", "of", "to" ...) whatever the next opens
    with; table rows (tabs) and list points stay lines. The patterns start at
    the newline, so the scan runs at ``str.find`` speed.
    """
    breaks = [m.start() for m in _LOWER_NEXT.finditer(text) if _runs_on(text, m.start())]
    breaks += [m.start() for m in _CAPITAL_NEXT.finditer(text) if _ends_open(text, m.start())]
    if not breaks:
        return text
    breaks.sort()
    return " ".join(text[a + 1 : b] for a, b in zip([-1, *breaks], [*breaks, len(text)]))


# Words a line cannot end a sentence on: "... confirmed the" / "Growth Hub contract ..."
def ends_open(line: str) -> bool:
    """Whether ``line`` ends mid-sentence, on a word, a comma or a dash (a line broken by width).

    As ``re.search(r"[\\w,–—-]\\s*$", line)`` answers, without trying the pattern at every character.
    """
    t = line.rstrip()
    return bool(t) and (t[-1].isalnum() or t[-1] in "_,–—-")


def run_on_lines(lines: list[TextLine], k: int, most: int) -> Iterator[tuple[int, TextLine]]:
    """The lines (index, line) that line ``k``'s last sentence may run onto, at most ``most``: each
    straight after the one before (no blank line), which ended mid-sentence (text broken by width).

    The finders that join wrapped sentences stop earlier by rules of their own.
    """
    for n in range(k + 1, min(k + 1 + most, len(lines))):
        prev, ln = lines[n - 1], lines[n]
        if not ends_open(prev.text) or ln.start != prev.end + 1 or not ln.stripped:
            return
        yield n, ln


_OPEN_ENDS = frozenset({"the", "of", "to", "and", "for", "with", "by", "from", "in", "on", "at", "a", "an", "that",
                        "whether", "their", "its", "his", "her",
                        # a title is followed by its name: "KL attended in place of Supt" / "Dwyer."
                        "Cllr", "Councillor", "Supt", "Insp", "DCI", "Dr", "Mr", "Mrs", "Ms", "Prof", "Professor"})
_OPEN_WINDOW = max(map(len, _OPEN_ENDS)) + 1  # characters read back from a line's end to find its last word
# A break before a capital that opens no numbered or lettered point, after one of ``_OPEN_ENDS`` (or blanks,
# read back by ``_ends_open``): the look-behinds leave out in C the breaks after most lines, the last
# letter of those words first.
_CAPITAL_NEXT = re.compile(
    r"\n(?<=[" + "".join(sorted({w[-1] for w in _OPEN_ENDS})) + r" \t]\n)"
    r"(?:" + "|".join(rf"(?<= {w}\n)" for w in sorted(_OPEN_ENDS)) + r"|(?<=[ \t]\n))"
    r"(?=[ \t]*(?!(?:[A-Za-z]{1,2}|[IVX]{1,4})[).][ \t])[A-Z£])"
)


def _ends_open(text: str, i: int) -> bool:
    """Whether the line ending at the newline ``i`` ends on one of ``_OPEN_ENDS`` (and is no table row)."""
    _head, space, word = text[max(0, i - _OPEN_WINDOW - 2) : i].rstrip(" \t").rpartition(" ")
    return bool(space) and word in _OPEN_ENDS and _runs_on(text, i)


def _runs_on(text: str, i: int) -> bool:
    """Whether the line ending at the newline ``i`` runs on into the next: it ends in a word, a comma or
    a bracket, and neither line is a table row."""
    j = i
    while j and text[j - 1] in " \t":
        j -= 1
    c = text[j - 1] if j else "."
    if not (c.isalnum() or c in "_,)’'"):
        return False
    a, b = text.rfind("\n", 0, i) + 1, text.find("\n", i + 1)
    return text.find("\t", a, len(text) if b < 0 else b) < 0


def squash(text: str) -> str:
    """Collapse runs of white space and trim: how extracted strings are shown.

    ``str.split`` splits at exactly the characters a regex's white space class matches, at a fraction of the cost.
    """
    if "-\n" in text:  # a word hyphenated at a line's end ("pro-" / "duce") is one word again
        text = _HYPHEN_BREAK.sub(r"\1\2", text)
    return " ".join(text.split())


_HYPHEN_BREAK = re.compile(r"([a-z])-[ \t]*\n[ \t]*([a-z])")


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

    def span_end(self) -> int:
        """``span().end`` without making the span."""
        return self.start + len(self.text.rstrip())

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
    for m in _sentence_ends(text, start, end):
        if _ABBREV.search(text, max(seg_start, m.start() - 8), m.start()):
            continue
        yield from _trimmed(text, seg_start, m.start())
        seg_start = m.end()
    yield from _trimmed(text, seg_start, end)


def _sentence_ends(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """``_SENT_END.finditer(text, start, end)``, found from the full stop, "!" or "?" each match follows.

    Every match starts just after one (its look-behind), which the engine cannot
    skip to; ``_STOP_END`` opens with it, so the engine runs to each stop in C,
    and matches exactly where ``_SENT_END`` matches one character later.
    """
    match = _SENT_END.match
    for m in _STOP_END.finditer(text, max(start - 1, 0), end):
        yield match(text, m.start() + 1, end)  # type: ignore[misc]


_STOP_END = re.compile(r"[.!?]" + _SENT_END.pattern[len("(?<=[.!?])") :])


def _trimmed(text: str, a: int, b: int) -> Iterator[tuple[int, int]]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        yield a, b


@lru_cache(maxsize=4)
def _all_lines(text: str) -> tuple[tuple[TextLine, ...], list[int]]:
    """``iter_lines(text)`` and the lines' starts.

    The lines are the header's and attendance's (``textlines.Line`` is a
    ``TextLine``): a text without markup is the text those stages split, so
    every line of it is made once for all stages.
    """
    from kg.parse.textlines import iter_lines as all_lines  # textlines reads this module

    lines = all_lines(text)
    if lines and lines[-1].start == len(text):  # no line after a final newline (nor in an empty text)
        lines = lines[:-1]
    return lines, [ln.start for ln in lines]


def lines_outside(text: str, regions: list[Span], start: int = 0, end: int | None = None) -> list[TextLine]:
    """``iter_lines(text, start, end)`` without the lines that start inside one of ``regions``.

    The lines of a text are split, and tested against the regions, once per
    document: items and acts ask for them per agenda item, and a fresh split and
    region test per line cost more than the rules that read them. A line the
    range cuts short is made afresh (and tested on where it now starts).
    """
    end = len(text) if end is None else end
    if start >= end:
        return []
    lines, starts = _all_lines(text)
    spans, kept, kept_starts = _kept_lines(text, tuple((r.start, r.end) for r in regions))
    first = lines[max(bisect_right(starts, start) - 1, 0)]
    out: list[TextLine] = []
    if first.start < start:  # the range starts inside a line: keep its tail only
        if not _starts_inside(spans, start):
            out.append(TextLine(start, first.end, text[start : first.end]))
        lo = bisect_right(kept_starts, first.start)
    else:
        lo = bisect_left(kept_starts, start)
    out.extend(kept[lo : bisect_left(kept_starts, end)])
    if out and out[-1].end > end:  # and ends inside one
        last = out[-1]
        out[-1] = TextLine(last.start, end, text[last.start : end])
    return out


@lru_cache(maxsize=4)
def _kept_lines(
    text: str, regions: tuple[tuple[int, int], ...]
) -> tuple[list[tuple[int, int]], tuple[TextLine, ...], list[int]]:
    """(merged regions, the lines of ``text`` not starting inside one, their starts)."""
    spans = _merged(regions)
    kept = []
    k = 0
    for ln in _all_lines(text)[0]:
        while k < len(spans) and spans[k][1] <= ln.start:
            k += 1
        if k < len(spans) and spans[k][0] <= ln.start:
            continue
        kept.append(ln)
    return spans, tuple(kept), [ln.start for ln in kept]


def _starts_inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` falls in one of the merged, sorted ``spans``."""
    k = bisect_right(spans, (pos, float("inf"))) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _merged(regions: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(regions):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def hot_starts(text: str, lines: list[TextLine], words: tuple[str, ...]) -> set[int] | frozenset[int]:
    """Starts of those ``lines`` holding one of ``words`` (lower case, any case in text).

    Ask it only about those lines: it may also hold starts of lines elsewhere in the text.

    The same answer as searching each line, from one scan of the whole text
    per word list (cached): every agenda item and act finder asks.
    Only a line cut short by its item is searched on its own part.
    """
    low = lowered(text)
    if low is None:  # a letter whose lower case is longer: every line is worth reading
        return {ln.start for ln in lines}
    hot = line_starts_with(low, words)
    cut = cut_ends(text, lines)
    if not cut:
        return hot  # the usual case: whole lines, answered by the document's set as it is
    out = {ln.start for ln in lines if ln.start in hot}
    for ln in cut:
        out.discard(ln.start)
        if any(low.find(w, ln.start, ln.end) >= 0 for w in words):
            out.add(ln.start)
    return out


def cut_ends(text: str, lines: list[TextLine]) -> list[TextLine]:
    """The first and last of ``lines`` when their range cuts them short of a whole line of ``text``.

    A test on whole lines (a document-wide scan) cannot answer for those two;
    they are searched on their own part.
    """
    if not lines:
        return []
    first, last = lines[0], lines[-1]
    head = first.start > 0 and text[first.start - 1] != "\n"
    tail = last.end < len(text) and text[last.end] != "\n"
    return ([first] if head else []) + ([last] if tail and not (head and last is first) else [])


@lru_cache(maxsize=8)
def line_starts_with(text: str, words: tuple[str, ...]) -> frozenset[int]:
    """Starts of the lines of ``text`` holding one of ``words`` (as given: lower-case both for a folded search).

    The act finders ask about the lower-cased document: the words they declared are read from its index.
    """
    return frozenset(text.rfind("\n", 0, i) + 1 for i in positions(text, words, shared=True))


@lru_cache(maxsize=4)
def lowered(text: str) -> str | None:
    """``text`` in lower case when that keeps every offset (it almost always does), else None.

    Cached: the act finders and the programme finder all read the same lower-cased text.
    """
    low = _lower(text)
    return low if len(low) == len(text) else None


def _lower(text: str) -> str:
    """``text.lower()``, lowering the ASCII part as bytes.

    ``str.lower`` looks every character up in the Unicode tables once the text
    holds one letter outside ASCII (a "£" or a curly quote is enough), which made
    it one of the dearest passes over a document. Only a capital sigma lowers
    differently by its neighbours; every other character lowers on its own, so
    lowering the few others one by one gives the same string.
    """
    if text.isascii() or "\u03a3" in text:
        return text.lower()
    low = text.encode("ascii", "replace").lower().decode("ascii")  # "?" for every other character
    parts = []
    pos = 0
    i = low.find("?")
    while i >= 0:
        if text[i] != "?":
            parts.append(low[pos:i])
            parts.append(text[i].lower())
            pos = i + 1
        i = low.find("?", i + 1)
    parts.append(low[pos:])
    return "".join(parts)


# Page furniture that converters leave between the lines of the text: page markers and the
# running header or footer of draft minutes ("Minutes subject to approval at the next meeting").
_FURNITURE = re.compile(
    r"(?i)(?:page\s+\d+(?:\s+of\s+\d+)?|\d+\s+of\s+\d+|(?:(?:draft|unconfirmed|these)\s+)?minutes\b[^.]{0,40}?"
    r"\bsubject\s+to\b[^.]{0,80}?\b(?:approval|acceptance|confirmation|ratification|agreement)\b[^.]{0,60}\.?)"
)


def is_furniture(line: str) -> bool:
    """Whether a (stripped) line is a page marker or running header rather than content."""
    return len(line) < 160 and _FURNITURE.fullmatch(line) is not None
