"""Lines from any reader to the one plain text the parser sees.

Minutes arrive with the debris of conversion whatever their format: odd
spaces, curly quotes, soft hyphens, ``<i>``/``<sup>`` tags, ``**bold**`` and
``#`` heading marks, bullet glyphs. Every reader hands its lines to
``assemble`` so all kinds are cleaned by the same rules, and so one file always
gives exactly the same text (every span in the graph indexes it).

Line structure is kept as it is (no joining, no re-wrapping) and tab characters
are kept: tables are rows of tab-separated cells.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, compress

from kg.records import Span


@dataclass
class Line:
    """One line of a document as a reader found it; ``heading`` if the source marked it so.

    ``text`` may hold several lines (``text_lines`` hands over a whole text as one):
    ``assemble`` splits at newlines, and each piece keeps the flag.
    """

    text: str
    heading: bool = False


# --- characters -----------------------------------------------------------------------------

_CHAR_MAP: dict[int, str | None] = {}
for _c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
    _CHAR_MAP[ord(_c)] = " "
# Invisible: soft hyphen, zero-width characters, BOM, direction marks, object replacement.
for _c in "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\ufffc":
    _CHAR_MAP[ord(_c)] = None
_CHAR_MAP.update({ord(c): "'" for c in "\u2018\u2019\u201a\u201b"})
_CHAR_MAP.update({ord(c): '"' for c in "\u201c\u201d\u201e\u201f"})
_CHAR_MAP.update({ord(c): "-" for c in "\u2010\u2011\u2212"})  # en and em dashes are kept
_CHAR_MAP.update({
    0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
    0x2028: "\n", 0x2029: "\n", 0x0B: "\n", 0x85: "\n", 0x0C: "\n\n",
})
# Bullets drawn with Symbol/Wingdings fonts land in the private use area.
_CHAR_MAP.update({c: "\u2022" for c in (0xF0B7, 0xF0A7, 0xF076, 0xF0D8, 0xF0FC, 0xF0A8, 0xF06E, 0xF0E8)})
# Other control characters (tab and newline stay), and the private range used below
# to protect backslash-escaped marks.
for _i in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0),
           *range(0xE000, 0xE080)]:
    _CHAR_MAP.setdefault(_i, None)

_ODD = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CHAR_MAP)) + "]")


_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
# As IGNORECASE would match (no other character folds to b or r), but led by a literal "<",
# so the search skips along at C speed.
_BR = re.compile(r"<[bB][rR]\s*/?>")


def clean_chars(text: str) -> str:
    """Unicode-level clean-up of a whole text: newlines, odd spaces, quotes, invisible characters.

    The characters that need a rule are looked for in ``rare_chars`` (a few
    dozen in most minutes), not by a search over every character.
    """
    rare = rare_chars(text)
    if not all(map(_nfc_inert, set(rare))):  # else NFC would give the text back as it is
        text = unicodedata.normalize("NFC", text)
        rare = rare_chars(text)
    if "\r" in rare:
        text = text.replace("\r\n", "\n").replace("\r", "\n")  # "\r" is not odd: ``rare`` holds
    if "&" in text and _ENTITY.search(text):
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
        rare = rare_chars(text)
    if "<" in text:
        text = _BR.sub("\n", text)  # takes out ASCII, puts in newlines: ``rare`` holds
    # One C-speed replace per odd character present (no replacement holds an odd character,
    # so the order does not matter).
    for c in sorted(set(_ODD.findall(rare))):
        text = text.replace(c, _odd_replacement(c))
    return text


def _odd_replacement(c: str) -> str:
    return _CHAR_MAP[ord(c)] or ""


_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n"


def rare_chars(text: str) -> str:
    """The characters of ``text`` other than printable ASCII, tab and newline, in their order.

    A character-class search costs ~10 ns a character; dropping the plain bytes
    from the UTF-8 form costs ~2, and what is left (a few dozen characters in
    most minutes) is all a search for odd or control characters needs to see.
    Multi-byte sequences have no ASCII bytes, so they survive whole.
    """
    plain_dropped = text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_BYTES)
    return plain_dropped.decode("utf-8", "surrogatepass")


# Characters of canonical combining class 0 that may compose with the character before them
# (NFC_Quick_Check=Maybe): second halves of canonical pairs, and the Hangul vowel and final
# jamo. ``tests/read/test_read_normalise.py`` checks the list against ``unicodedata``.
_COMPOSES_WITH_PREVIOUS = frozenset(map(chr, [
    0x09BE, 0x09D7, 0x0B3E, 0x0B56, 0x0B57, 0x0BBE, 0x0BD7, 0x0CC2, 0x0CD5, 0x0CD6, 0x0D3E, 0x0D57,
    0x0DCF, 0x0DDF, 0x0FB5, 0x0FB7, 0x102E, 0x1B35, 0x11127, 0x1133E, 0x11357, 0x114B0, 0x114BA,
    0x114BD, 0x115AF, 0x11930, *range(0x1161, 0x1176), *range(0x11A8, 0x11C3),
]))


@cache
def _nfc_inert(c: str) -> bool:
    """Whether ``c`` is NFC_Quick_Check=Yes with combining class 0.

    A text of such characters (all of ASCII is) passes the NFC quick check,
    so NFC returns it unchanged. Only the few distinct ``rare_chars`` are
    asked, so NFC need not look at every character of most minutes.
    """
    return (unicodedata.combining(c) == 0 and c not in _COMPOSES_WITH_PREVIOUS
            and unicodedata.normalize("NFC", c) == c)  # not Quick_Check=No: never left by NFC


# --- inline markup --------------------------------------------------------------------------

_INLINE_TAGS = (
    "i|b|u|em|strong|sup|sub|span|font|s|strike|small|big|mark|ins|del|a|abbr|cite|code|tt|o:p|p|div|nobr|wbr"
)
_TAG = re.compile(rf"</?(?:{_INLINE_TAGS})(?:\s[^<>\n]*)?/?>", re.IGNORECASE)
_BOLD_TAG_LINE = re.compile(r"^<(b|strong|u)>((?:(?!<\1>).)+)</\1>$", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_#\[\]()|<>+\-.!{}])")
_PROTECT_BASE = 0xE000
_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
# The hashes of a Markdown heading line: up to 3 spaces, then 1 to 6 "#" and no more (``_md_heading``).
_MD_HASHES = re.compile(r" {0,3}#{1,6}(?!#)")
# An optional item number ("7", "3a)", "2.1", "(b)") then a wholly bold rest.
_NUM = r"(?:\(?[0-9]+(?:\.[0-9]+)*[a-z]?[.)]?|\(?[a-z][.)])"
_BOLD_LINE = re.compile(rf"^(?:{_NUM}[ \t]+)?(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1[ \t]*[:.]?$")
_BULLET = re.compile(
    r"^([ \t]*)((?:(?:[\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2023\u2043\u2219\u00b7\u27a2\u2713\u2714]"
    r"[ \t]*)|(?:[-*+][ \t]+))+)(?:[oO][ \t]+(?=\S))?"
)
_O_BULLET = re.compile(r"^([ \t]*)o[ \t]+(?=\S)")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Lines without one of these marks or a "-", "+" or "o" bullet (``_BULLETED``) need no markup
# rules (most lines of most minutes).
_MARK_CHARS = "#<>*_]\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2023\u2043\u2219\u00b7\u27a2\u2713\u2714"
_MARKS = re.compile("[" + re.escape(_MARK_CHARS) + "]")
_ONLY_MARKS = re.compile(r"^[ \t]*(?:\*{1,3}|_{1,3})[ \t]*$")
_SETEXT = re.compile(r"^={3,}\s*$")
_QUOTED = re.compile(r"^([ \t]*)(?:>[ \t]?)+")


def at_line_start(body: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """``body`` at the start of a line: a pattern to match at the start of a text, and one to
    search for after a newline (the match starts at the newline).

    A search led by a literal newline skips along at C speed; a ``^`` (MULTILINE)
    is tried at every character.
    """
    return re.compile(body), re.compile(f"\n(?:{body})")


# A line opening with a "-", "+", "o" or "O" bullet and a space or tab.
_BULLETED = at_line_start(r"[ \t]*[-+oO][ \t]")


def _protect(text: str) -> str:
    """Backslash-escaped marks (``\\*``) become private characters the rules below ignore.

    No escape spans a newline, so a whole text is done at once, as line by line.
    """
    if "\\" not in text:
        return text
    return _ESCAPE.sub(lambda m: chr(_PROTECT_BASE + ord(m.group(1))), text)


def _unprotect(text: str) -> str:
    """The escaped marks back, each one character as its private stand-in was (offsets hold)."""
    return _PROTECTED.sub(lambda m: chr(ord(m.group(0)) - _PROTECT_BASE), text)


_PROTECTED = re.compile("[\ue000-\ue07f]")


def _emphasis(m: re.Match[str]) -> str:
    """Drop a run of ``*`` or ``_`` that opens or closes emphasis; keep arithmetic, names, rules."""
    run = m.group(0)
    if len(run) > 3:
        return run
    s = m.string
    before = s[m.start() - 1] if m.start() > 0 else " "
    after = s[m.end()] if m.end() < len(s) else " "
    if before.isspace() and after.isspace():
        return run  # "2 * 3", a lone mark
    if before.isalnum() and after.isalnum():
        return run  # "a*b", "first_last@example.org"
    return ""


_EMPH = re.compile(r"\*+|_+")


def strip_inline(line: str) -> str:
    """Remove inline tags, Markdown links and emphasis marks from one line."""
    if "<" in line:
        line = _TAG.sub("", line)
    if "](" in line:
        line = _LINK.sub(r"\1", line)
    if "*" in line or "_" in line:
        line = _EMPH.sub(_emphasis, line)
    return line


def _bullet(line: str) -> str:
    """Bullet glyphs (and "o " sub-bullets) at the start of a line become one "- "."""
    m = _BULLET.match(line)
    if m:
        rest = line[m.end():].lstrip(" \t")
        return f"{m.group(1)}- {rest}" if rest.strip() else f"{m.group(1)}-"
    m = _O_BULLET.match(line)
    if m:
        return f"{m.group(1)}- {line[m.end():]}"
    return line


def _pipe_rows(texts: list[str], heads: list[bool], seps: list[int]) -> tuple[list[str], list[bool]]:
    """Markdown pipe tables become tab-separated rows; the ``|---|`` rule line is dropped.

    ``seps`` are the ascending indexes of the rule lines (``_pipe_seps``); the
    lines between tables are copied as slices.
    """
    out_t: list[str] = []
    out_h: list[bool] = []
    i = 0  # the first line not yet copied
    for sep in seps:
        if sep - 1 < i:
            continue  # its header row was a row of the table before
        out_t += texts[i:sep - 1]
        out_h += heads[i:sep - 1]
        end = sep + 1
        while end < len(texts) and "|" in texts[end] and texts[end].strip():
            end += 1
        rows = [sep - 1, *range(sep + 1, end)]
        out_t += [_pipe_cells(texts[r]) for r in rows]
        out_h += [heads[r] for r in rows]
        i = end
    return out_t + texts[i:], out_h + heads[i:]


def _pipe_seps(text: str, texts: list[str]) -> list[int]:
    """Indexes of the ``|---|`` lines under a line with a "|": the lines of ``text`` holding "---" tried."""
    return [k for k in _lines_holding(text, "---")
            if k > 0 and "|" in texts[k] and "|" in texts[k - 1] and _PIPE_SEP.match(texts[k])]


def _pipe_cells(row: str) -> str:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    # A "#" header cell (the number column) would read as a Markdown heading mark once the row is tab-separated.
    return "\t".join("No." if cell.strip() == "#" else cell.strip() for cell in row.split("|"))


def _bold_block_ends(lines: list[str], i: int) -> int:
    """If a bold run opens at line ``i`` and closes a few lines on (``**A`` / ``B**``), its last line."""
    first = lines[i].strip()
    mark = first[:2]
    if mark not in ("**", "__") or first.count(mark) != 1 or len(first) <= 2:
        return -1
    for j in range(i + 1, min(i + 4, len(lines))):
        s = lines[j].strip()
        if not s or s.count(mark) > 1:
            return -1
        if s.endswith(mark) and s.count(mark) == 1:
            return j
        if mark in s:
            return -1
    return -1


def assemble(raw_lines: Iterable[Line], *, markdown: bool = False) -> tuple[str, list[Span]]:
    """Clean lines and join them; return the text and the spans of heading lines.

    Each markup rule is tried only on the lines that a search over the whole
    text picks for it: most lines of most minutes need none, and a loop over
    every line in Python would cost more than all the searches together.
    """
    text, texts, heads = _cleaned(list(raw_lines))
    if "+-" in text or "+=" in text:
        texts, heads = grid_tables(texts, heads)
        text = "\n".join(texts)
    seps = _pipe_seps(text, texts) if "|" in text else []
    if seps:
        texts, heads = _pipe_rows(texts, heads, seps)
        text = "\n".join(texts)
    escaped = "\\" in text
    if escaped:
        text = _protect(text)
        texts = text.split("\n")
    if markdown and _setext(text, texts, heads):
        text = "\n".join(texts)
    rule_lines = _rule_lines(text)
    _bold_blocks(texts, heads, rule_lines)
    for k in rule_lines:
        texts[k], is_heading = _clean_line(texts[k])
        heads[k] = heads[k] or is_heading
    texts = [t.rstrip(" ") for t in texts]
    out = "\n".join(texts)
    if escaped:
        out = _unprotect(out)
        texts = out.split("\n")
    return out, _heading_spans(texts, heads)


# -- ASCII grid tables ("+-----+-----+" borders, "| a | b |" rows), as text exports draw them

_GRID_BORDER = re.compile(r"\s*\+(?:[-=:]{2,}\+)+\s*")


def grid_tables(texts: list[str], heads: list[bool]) -> tuple[list[str], list[bool]]:
    """ASCII grid tables become lines as the HTML and Word tables do (``kg.readers.tables``).

    A data table's row is one line of tab-separated cells. A layout table (a cell
    holding paragraphs: a minute number beside the whole minute) gives each
    paragraph of the row as a line of its own, the wrapped lines of a cell
    joined again, the first cell's text in front of the first paragraph.
    """
    out_t: list[str] = []
    out_h: list[bool] = []
    i = 0
    while i < len(texts):
        if not _GRID_BORDER.fullmatch(texts[i]):
            out_t.append(texts[i])
            out_h.append(heads[i])
            i += 1
            continue
        cuts = [k for k, c in enumerate(texts[i]) if c == "+"]
        groups: list[list[list[str]]] = []  # row groups, each a list of cells, each a list of lines
        j = i + 1
        while j < len(texts):
            line = texts[j]
            if _GRID_BORDER.fullmatch(line):
                j += 1
                continue
            if not line.lstrip().startswith("|"):
                break
            if j > i + 1 and _GRID_BORDER.fullmatch(texts[j - 1]) or not groups:
                groups.append([[] for _ in cuts[:-1]])
            for k in range(len(cuts) - 1):
                groups[-1][k].append(line[cuts[k] + 1 : cuts[k + 1]].strip(" |"))
            j += 1
        if not groups:  # a border drawn alone: a rule
            out_t.append("")
            out_h.append(False)
            i += 1
            continue
        layout = any(len([t for t in cell if t]) > 2 for group in groups for cell in group)
        for group in groups:
            rows = _layout_group(group) if layout else ["\t".join(" ".join(t for t in cell if t) for cell in group)]
            out_t += rows + [""]
            out_h += [False] * (len(rows) + 1)
        i = j
    return out_t, out_h


def _layout_group(cells: list[list[str]]) -> list[str]:
    """One row of a layout grid table: its cells' paragraphs, the short first cell before the first."""
    paragraphs: list[str] = []
    for cell in cells:
        para: list[str] = []
        for t in [*cell, ""]:
            if t:
                para.append(t)
            elif para:
                paragraphs.append(" ".join(para))
                para = []
    if len(paragraphs) > 1 and len([t for t in cells[0] if t]) == 1 and len(paragraphs[0]) <= 20:
        paragraphs[:2] = [f"{paragraphs[0]} {paragraphs[1]}"]  # "FRA/23/31 APOLOGIES FOR ABSENCE"
    out: list[str] = []
    for p in paragraphs:
        out += [p, ""]
    return out[:-1]


def _cleaned(raw_lines: list[Line]) -> tuple[str, list[str], list[bool]]:
    """The lines cleaned (``clean_chars``): joined by newlines, split, and each one's heading flag."""
    if not any(ln.heading for ln in raw_lines):  # no flags to carry: clean the whole text in one go
        text = clean_chars("\n".join([ln.text for ln in raw_lines]))
        texts = text.split("\n")
        return text, texts, [False] * len(texts)
    texts = []
    heads: list[bool] = []
    for ln in raw_lines:  # cleaning may split a line: keep each piece's flag
        pieces = clean_chars(ln.text).split("\n")
        texts += pieces
        heads += [ln.heading] * len(pieces)
    return "\n".join(texts), texts, heads


def _setext(text: str, texts: list[str], heads: list[bool]) -> bool:
    """A ``===`` line under a non-blank line (Markdown): that line is a heading, the ``===`` line
    goes. Whether any did; ``text`` is ``texts`` joined, searched for the lines holding "===".
    """
    changed = False
    for i in _lines_holding(text, "==="):  # ascending, so a dropped line is seen blank by the next
        if i > 0 and _SETEXT.match(texts[i]) and texts[i - 1].strip():
            heads[i - 1] = True
            texts[i] = ""
            changed = True
    return changed


def _bold_blocks(texts: list[str], heads: list[bool], rule_lines: list[int]) -> None:
    """Flag as headings the lines of bold runs over a few lines (``_bold_block_ends``).

    Only a line opening with ``**`` or ``__`` can open one, and those are among
    the ``rule_lines`` (``_rule_lines``, ascending).
    """
    after = 0  # lines before this are inside a run already found
    for i in rule_lines:
        if i < after:
            continue
        end = _bold_block_ends(texts, i)
        if end > 0:
            heads[i:end + 1] = [True] * (end + 1 - i)
            after = end + 1


def _heading_spans(lines: list[str], heads: list[bool]) -> list[Span]:
    """The span of each heading line that is not blank, without its outer whitespace."""
    spans: list[Span] = []
    if not any(heads):
        return spans
    before = list(accumulate(map(len, lines), initial=0))  # characters of the lines before, newlines aside
    for k in compress(range(len(lines)), heads):
        line = lines[k]
        if line.strip():
            start = before[k] + k
            lead = len(line) - len(line.lstrip())
            spans.append(Span(start + lead, start + len(line.rstrip())))
    return spans


def _lines_at(text: str, positions: Iterable[int]) -> Iterator[int]:
    """The index of the line of ``text`` holding each of the ascending ``positions``."""
    k = last = 0
    for pos in positions:
        k += text.count("\n", last, pos)  # newlines counted in C, each once
        last = pos
        yield k


def _first_in_each_line(text: str, needle: str) -> Iterator[int]:
    """The position of the first ``needle`` (without a newline) in each line of ``text`` holding one."""
    pos = text.find(needle)
    while pos >= 0:
        yield pos
        end = text.find("\n", pos)
        if end < 0:
            return
        pos = text.find(needle, end)


def _lines_holding(text: str, needle: str) -> Iterator[int]:
    """Ascending indexes of the lines of ``text`` holding ``needle``: one C search per such line."""
    return _lines_at(text, _first_in_each_line(text, needle))


def _rule_lines(text: str) -> list[int]:
    """Ascending indexes of the lines of ``text`` a markup rule may change (``_clean_line``):
    those holding a ``_MARKS`` character or opening with a bullet (``_BULLETED``)."""
    return sorted(set(_lines_at(text, sorted(_mark_hits(text) + _bullet_hits(text)))))


def _mark_hits(text: str) -> list[int]:
    """The position of the first of each ``_MARKS`` character in each line holding it.

    One C search per mark character and per line holding it: a character-class
    search would look at every character, at ~10 ns each.
    """
    return [pos for c in _MARK_CHARS if c in text for pos in _first_in_each_line(text, c)]


def _bullet_hits(text: str) -> list[int]:
    """The start of each line of ``text`` opening with a bullet (``_BULLETED``), ascending."""
    first, later = _BULLETED
    hits = [m.start() + 1 for m in later.finditer(text)]  # each match starts at the newline before
    return [0, *hits] if first.match(text) else hits


def _md_heading(line: str) -> str | None:
    """The text of a Markdown ``#`` heading line without its marks and closing hashes; None if it is not one.

    As the regex ``^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$`` gives it (group 2, or ""),
    by string methods: that lazy ``(.*?)`` tried its tail at every character, ~1,000
    instructions each.
    """
    m = _MD_HASHES.match(line) if "#" in line else None
    if m is None:
        return None
    rest = line[m.end():]
    if not rest:
        return ""
    if rest[0] not in " \t":
        return None  # "#word": not a heading
    body = rest.strip(" \t")
    unclosed = body.rstrip("#")
    if unclosed != body and unclosed[-1:] in (" ", "\t"):
        return unclosed.rstrip(" \t")  # "Title ##": the closing hashes go
    return body


def _clean_line(line: str) -> tuple[str, bool]:
    """One line without its markup, and whether the markup said it is a heading
    (for the lines ``_rule_lines`` picks: the others keep their text)."""
    heading = False
    if ">" in line and _QUOTED.match(line):  # "> **Decision:** ...": a Markdown block quote, or a quoted e-mail
        line = _QUOTED.sub(r"\1", line, count=1)
    title = _md_heading(line)
    if title is not None:
        line, heading = title, True
    stripped = line.strip()
    if stripped.startswith("<") and _BOLD_TAG_LINE.match(stripped):
        heading = True
    line = _bullet(line)
    if not heading and ("*" in line or "_" in line) and _BOLD_LINE.match(line.strip()):
        heading = True
    line = strip_inline(line)
    if _ONLY_MARKS.match(line):
        line = ""  # a stray "**" or "__" left on its own line
    return line.rstrip(" "), heading
