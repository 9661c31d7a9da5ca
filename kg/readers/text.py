"""Plain text and Markdown: decode the bytes, refuse binary, hand the lines on.

Exports from Word and PDF converters arrive as UTF-8, UTF-8 with a BOM, UTF-16
("Unicode text") or Windows-1252; a wrong guess would silently corrupt names
and pound signs, so anything that is not UTF-8 is decoded as cp1252 *with a
warning* the user can see.
"""

from __future__ import annotations

import codecs
import re

from kg.readers import FormatError
from kg.readers.normalise import Line, rare_chars

# Control characters other than layout ones (tab, newlines, form feed, Ctrl-Z): in quantity, binary.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")


class NotText(FormatError):
    """The bytes are not text; the message says why."""


def decode(raw: bytes) -> tuple[str, list[str]]:
    """Bytes to str and warnings; raise ``NotText`` for binary data."""
    warnings: list[str] = []
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise NotText("a UTF-16 byte-order mark but bytes that are not UTF-16") from exc
    else:
        if b"\x00" in raw:
            raise NotText("binary data (NUL bytes), not text")
        if raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8):]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = decode_cp1252(raw)
            warnings.append("not valid UTF-8: decoded as cp1252")
    if is_binary(text):
        raise NotText("binary data (mostly control characters), not text")
    return text, warnings


def decode_cp1252(raw: bytes) -> str:
    """Windows-1252 as browsers read it: the five unassigned bytes stay as C1 controls."""
    return raw.decode("latin-1").translate(_CP1252_HIGH)


_CP1252_HIGH = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


def is_binary(text: str) -> bool:
    """More than 5 % control characters (other than layout ones) is not minutes.

    Controls are counted in ``rare_chars`` (printable ASCII, tab and newline
    dropped): the same count, without a character-class search over all the text.
    """
    if not text:
        return False
    sample = text[:65536]
    return len(_CONTROLS.findall(rare_chars(sample))) > 0.05 * len(sample)


def text_lines(text: str) -> list[Line]:
    """Decoded text to lines for ``assemble``, which cleans Markdown and markup debris.

    The whole text is one ``Line`` holding all its lines: without heading flags
    ``assemble`` joins the lines to clean them in one go and splits them itself
    (newlines of every kind, ``\r\n`` and ``\r`` too), so a ``Line`` per line
    would only be built to be taken apart again.
    """
    return [Line(text)]


# A YAML block at the top of a Markdown file exported from a wiki or a static site: "---" ... "---"
_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(?:[^\n]*\n){0,60}?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)")


def without_front_matter(text: str) -> str:
    """``text`` with its YAML front matter blanked (its newlines kept): page metadata, not minutes.

    Its "title:" would otherwise read as the meeting's title.
    """
    m = _FRONT_MATTER.match(text) if text.startswith(("---", "\ufeff---")) else None
    if not m or ":" not in m.group(0):
        return text
    return "\n" * m.group(0).count("\n") + text[m.end() :]


# The header of an e-mail the minutes were pasted into: "From: ...", "Sent: ...", "To: ...", "Subject: ..."
_EMAIL_FIELD = re.compile(r"(?:From|Sent|Date|To|Cc|CC|Bcc|Subject|Importance|Attachments)[ \t]*:[^\n]*(?:\n|\Z)")


def without_email_header(text: str) -> str:
    """``text`` with the header fields of an e-mail at its top blanked (newlines kept).

    Minutes are often pasted into an e-mail: its "Sent:" date and "Subject:"
    would otherwise read as the meeting's date and title. A block counts only
    with "From:", a "Sent:" or "Date:", and a "To:" or "Subject:"; a covering
    note after it is blanked too when a rule of underscores or dashes ends it.
    """
    start = len(text) - len(text.lstrip("\ufeff \t\r\n"))
    if not text.startswith("From", start):
        return text
    pos, names = start, set()
    while m := _EMAIL_FIELD.match(text, pos):
        names.add(m.group().split(":", 1)[0].strip().lower())
        pos = m.end()
    if "from" not in names or not names & {"sent", "date"} or not names & {"to", "subject"}:
        return text
    rule = _RULE.search(text, pos, pos + 3000)  # the covering note ends at a rule ("____"), if one follows
    if rule:
        pos = rule.end()
    return text[:start] + re.sub(r"[^\n]", " ", text[start:pos]) + text[pos:]


_RULE = re.compile(r"^[ \t]*(?:_{10,}|-{10,}|={10,})[ \t]*$", re.MULTILINE)


def without_page_furniture(text: str) -> str:
    """``text`` of pages split by form feeds (``pdftotext``) without their running headers and footers.

    A line at the top or bottom of a page whose shape (digits aside) recurs
    at the top or bottom of another page is furniture ("OSC 44", "Overview and
    Scrutiny Committee   18 November 2024"), as is the form feed. Text that runs
    on over the break (a sentence, a numbered point) is joined by one line
    break; a break between paragraphs stays a blank line.
    """
    if "\f" not in text:
        return text
    pages = [p.split("\n") for p in text.split("\f")]
    edges: dict[str, int] = {}
    for lines in pages:
        for shape in {_shape(lines[k]) for k in _edge_indices(lines)}:
            edges[shape] = edges.get(shape, 0) + 1
    out: list[str] = []
    for lines in pages:
        keep = list(lines)
        for k in _edge_indices(lines):
            if edges.get(_shape(lines[k]), 0) >= 2:
                keep[k] = ""
        body = "\n".join(keep).strip("\n")
        if out and body:
            tail = out[-1].rstrip()
            out.append("\n" if tail and _RUNS_ON.search(tail) and body.lstrip()[:1].islower() else "\n\n")
        if body:
            out.append(body)
    return "".join(out) + ("\n" if text.rstrip(" \t\f").endswith("\n") or text.endswith("\f") else "")


_RUNS_ON = re.compile(r"[\w,;–—-]$")


def _edge_indices(lines: list[str]) -> list[int]:
    """Where the first two and the last two lines with text of a page are."""
    filled = [k for k, ln in enumerate(lines) if ln.strip()]
    return filled[:2] + filled[-2:] if len(filled) > 4 else filled


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()))

