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
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from kg.records import Span


@dataclass
class Line:
    """One line of a document as a reader found it; ``heading`` if the source marked it so."""

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


def _odd(m: re.Match[str]) -> str:
    return _CHAR_MAP[ord(m.group(0))] or ""


_ENTITY = re.compile(r"&(?:[A-Za-z]{2,8}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def clean_chars(text: str) -> str:
    """Unicode-level clean-up of a whole text: newlines, odd spaces, quotes, invisible characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = _BR.sub("\n", text)
    return _ODD.sub(_odd, text)  # faster than str.translate when odd characters are rare


# --- inline markup --------------------------------------------------------------------------

_INLINE_TAGS = (
    "i|b|u|em|strong|sup|sub|span|font|s|strike|small|big|mark|ins|del|a|abbr|cite|code|tt|o:p|p|div|nobr|wbr"
)
_TAG = re.compile(rf"</?(?:{_INLINE_TAGS})(?:\s[^<>\n]*)?/?>", re.IGNORECASE)
_BOLD_TAG_LINE = re.compile(r"^<(b|strong|u)>((?:(?!<\1>).)+)</\1>$", re.IGNORECASE)
_ESCAPE = re.compile(r"\\([\\`*_#\[\]()|<>+\-.!{}])")
_PROTECT_BASE = 0xE000
_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
_MD_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
# An optional item number ("7", "3a)", "2.1", "(b)") then a wholly bold rest.
_NUM = r"(?:\(?[0-9]+(?:\.[0-9]+)*[a-z]?[.)]?|\(?[a-z][.)])"
_BOLD_LINE = re.compile(rf"^(?:{_NUM}[ \t]+)?(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1[ \t]*[:.]?$")
_BULLET = re.compile(
    r"^([ \t]*)((?:(?:[\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2023\u2043\u2219\u00b7\u27a2\u2713\u2714]"
    r"[ \t]*)|(?:[-*+][ \t]+))+)(?:[oO][ \t]+(?=\S))?"
)
_O_BULLET = re.compile(r"^([ \t]*)o[ \t]+(?=\S)")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
# Lines without one of these marks or a "-", "+" or "o" bullet (``_bulleted``) need no markup
# rules (most lines of most minutes). A class alone, so a search over a whole text runs at C speed.
_MARKS = re.compile(
    "[#<*_\\]\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2023\u2043\u2219\u00b7\u27a2\u2713\u2714]"
)
_ONLY_MARKS = re.compile(r"^[ \t]*(?:\*{1,3}|_{1,3})[ \t]*$")
_SETEXT = re.compile(r"^={3,}\s*$")


def _protect(line: str) -> str:
    """Backslash-escaped marks (``\\*``) become private characters the rules below ignore."""
    if "\\" not in line:
        return line
    return _ESCAPE.sub(lambda m: chr(_PROTECT_BASE + ord(m.group(1))), line)


def _unprotect(line: str) -> str:
    return _PROTECTED.sub(lambda m: chr(ord(m.group(0)) - _PROTECT_BASE), line)


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


def _pipe_rows(lines: list[Line]) -> list[Line]:
    """Markdown pipe tables become tab-separated rows; the ``|---|`` rule line is dropped."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        if i + 1 < len(lines) and "|" in lines[i].text and _PIPE_SEP.match(lines[i + 1].text) \
                and "|" in lines[i + 1].text:
            out.append(Line(_pipe_cells(lines[i].text), lines[i].heading))
            i += 2
            while i < len(lines) and "|" in lines[i].text and lines[i].text.strip():
                out.append(Line(_pipe_cells(lines[i].text), lines[i].heading))
                i += 1
            continue
        out.append(lines[i])
        i += 1
    return out


def _pipe_cells(row: str) -> str:
    row = row.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|"):
        row = row[:-1]
    return "\t".join(cell.strip() for cell in row.split("|"))


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
    """Clean lines and join them; return the text and the spans of heading lines."""
    raw_lines = list(raw_lines)
    lines: list[Line] = []
    if any(ln.heading for ln in raw_lines):  # cleaning may split a line: keep each piece's flag
        for ln in raw_lines:
            lines.extend(Line(p, ln.heading) for p in clean_chars(ln.text).split("\n"))
    else:  # no flags to carry: clean the whole text in one go
        lines = [Line(p) for p in clean_chars("\n".join(ln.text for ln in raw_lines)).split("\n")]
    lines = _pipe_rows(lines)
    escaped = any("\\" in ln.text for ln in lines)
    texts = [_protect(ln.text) for ln in lines] if escaped else [ln.text for ln in lines]
    heads = [ln.heading for ln in lines]

    if markdown:
        for i in range(1, len(texts)):
            if _SETEXT.match(texts[i]) and texts[i - 1].strip():
                heads[i - 1] = True
                texts[i] = ""
    joined = "\n".join(texts)
    i = 0 if "**" in joined or "__" in joined else len(texts)  # else no bold run opens anywhere
    while i < len(texts):
        end = _bold_block_ends(texts, i)
        if end > 0:
            for j in range(i, end + 1):
                heads[j] = True
            i = end + 1
        else:
            i += 1

    marked = _marked_lines(joined, texts)
    out: list[str] = []
    spans: list[Span] = []
    offset = 0
    for k, (text, heading) in enumerate(zip(texts, heads)):
        if k in marked or _bulleted(text):
            line, is_heading = _clean_line(text)
        else:
            line, is_heading = text.rstrip(" "), False
        if escaped:
            line = _unprotect(line)
        if (heading or is_heading) and line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append(Span(offset + lead, offset + len(line.rstrip())))
        out.append(line)
        offset += len(line) + 1
    return "\n".join(out), spans


def _marked_lines(joined: str, texts: list[str]) -> set[int]:
    """Indexes of the lines of ``joined`` (``texts`` joined by newlines) that hold a ``_MARKS`` character.

    One search over the text per such line, instead of one search per line:
    most lines of most minutes have none.
    """
    starts = [0]
    for t in texts:
        starts.append(starts[-1] + len(t) + 1)
    out: set[int] = set()
    pos = 0
    while (m := _MARKS.search(joined, pos)) is not None:
        k = bisect_right(starts, m.start()) - 1
        out.add(k)
        pos = starts[k + 1]
    return out


def _bulleted(line: str) -> bool:
    """Whether ``line`` opens with a "-", "+", "o" or "O" bullet and a space or tab."""
    rest = line.lstrip(" \t")
    return rest[:1] in ("-", "+", "o", "O") and rest[1:2] in (" ", "\t")


def _clean_line(line: str) -> tuple[str, bool]:
    """One line without its markup, and whether the markup said it is a heading
    (for the lines ``_marked_lines`` or ``_bulleted`` pick: the others keep their text)."""
    heading = False
    m = _MD_HEADING.match(line)
    if m:
        line = m.group(2) or ""
        heading = True
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
