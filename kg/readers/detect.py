"""What kind of file this is, judged by its bytes first and its name second.

Minutes get renamed, saved with the wrong suffix, or exported without one: a
"minutes.txt" that is really a PDF must be read as a PDF, and a Word file
must not be decoded as cp1252 gibberish.
"""

from __future__ import annotations

import io
import re
import zipfile

from kg.readers import FormatError
from kg.readers.normalise import at_line_start

# Binary formats people do send instead of minutes: name them in the error.
_MAGIC = [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Office file (.doc/.xls): save it as .docx or PDF"),
    (b"{\\rtf", "an RTF file: save it as .docx, PDF or text"),
    (b"\x89PNG", "a PNG image, not minutes (no OCR)"),
    (b"\xff\xd8\xff", "a JPEG image, not minutes (no OCR)"),
    (b"GIF8", "a GIF image, not minutes"),
    (b"II*\x00", "a TIFF image, not minutes (no OCR)"),
    (b"MM\x00*", "a TIFF image, not minutes (no OCR)"),
    (b"\x1f\x8b", "a gzip archive: unpack it first"),
    (b"7z\xbc\xaf", "a 7-Zip archive: unpack it first"),
    (b"Rar!", "a RAR archive: unpack it first"),
    (b"SQLite format 3\x00", "an SQLite database, not minutes"),
    (b"\x7fELF", "a program, not minutes"),
]

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(rb"<(?:html|head|body|div|table|p|h[1-6])[\s>]", re.IGNORECASE)
# Markdown cues open a line: a "#" heading, or the rule line of a pipe table.
_MD_HEADING_CUE = r" {0,3}#{1,6}[ \t]+\S"
_MD_TABLE_CUE = r"\s*\|?\s*:?-{3,}:?\s*\|"
_MD_HEADING_AT = at_line_start(_MD_HEADING_CUE)
_MD_TABLE_AT = at_line_start(_MD_TABLE_CUE)


class Unsupported(FormatError):
    """A file that is not minutes in any kind we read; the message says what it is."""


def sniff(raw: bytes, suffix: str) -> str:
    """The reader for these bytes: "pdf", "docx", "html" or "text" (Markdown is told apart later)."""
    head = raw[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        return _zip_kind(raw, suffix)
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise Unsupported(what)
    if _HTML_START.match(raw[:4096]):
        return "html"
    if suffix in (".html", ".htm", ".xhtml") and _HTML_TAGS.search(raw[:65536]):
        return "html"
    return "text"


def _zip_kind(raw: bytes, suffix: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            names = set(zf.namelist())
    except Exception as exc:  # noqa: BLE001 - zipfile raises many kinds on damaged archives
        if suffix == ".docx":
            raise Unsupported("a corrupt or truncated Word file (bad zip archive)") from exc
        raise Unsupported("a corrupt zip archive") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        raise Unsupported("an Excel workbook, not minutes")
    if "ppt/presentation.xml" in names:
        raise Unsupported("a PowerPoint file, not minutes")
    if "content.xml" in names:
        raise Unsupported("an OpenDocument file: save it as .docx or PDF")
    if suffix == ".docx":
        raise Unsupported("a zip archive without word/document.xml, not a Word document")
    raise Unsupported("a zip archive: unpack it first")


def is_markdown(text: str, suffix: str) -> bool:
    """Markdown by name, or by its cues (in the first 200,000 characters): ``#`` headings or a pipe table.

    Each cue is searched for only if the characters it needs are in the text:
    most plain minutes have no "#" and no "|".
    """
    if suffix in (".md", ".markdown"):
        return True
    text = text[:200_000]
    return ("#" in text and _starts_a_line(_MD_HEADING_AT, text)) or (
        "|" in text and "---" in text and _starts_a_line(_MD_TABLE_AT, text))


def _starts_a_line(cue: tuple[re.Pattern[str], re.Pattern[str]], text: str) -> bool:
    """Whether the cue (``at_line_start``) matches at the start of some line of ``text``."""
    first, later = cue
    return bool(first.match(text) or later.search(text))
