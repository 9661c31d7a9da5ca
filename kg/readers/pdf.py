"""PDF minutes to lines: the text layer through pypdf, laid out as printed.

pypdf's layout mode keeps a table row on one line with its cells spaced out,
where the plain mode scatters cells over several lines; wide gaps become tabs
so PDF tables look like every other table the parser sees. Page breaks become
blank lines, and running headers and footers repeated on most pages are
dropped (the first page keeps its header: it often names the meeting). No
OCR: a scanned PDF is refused with that reason.
"""

from __future__ import annotations

import io
import logging
import re
import warnings as pywarnings
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from kg.readers import FormatError
from kg.readers.normalise import Line

_GAP = re.compile(r" {3,}")
_CELL = re.compile(r"\S+(?: {1,2}\S+)*")
_DIGITS = re.compile(r"\d+")
_WS = re.compile(r"\s+")
# A page number line, once digits are "#": "page # of #", "- # -", "#/#".
_PAGE_NO = re.compile(r"^(?:page\s*)?[-–(\s]*#(?:\s*(?:of|/)\s*#)?[-–)\s]*$|\bpage #")


class PDFError(FormatError):
    """The PDF cannot be read as minutes; the message says why."""


@contextmanager
def _quiet_pypdf(found: list[str]) -> Iterator[None]:
    """pypdf logs repairs of damaged files; keep them off the user's terminal, as warnings."""

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if len(found) < 5:
                found.append(f"pdf: {record.getMessage()}")

    logger = logging.getLogger("pypdf")
    handler = _Collect(logging.WARNING)
    old = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with pywarnings.catch_warnings():
            pywarnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = old


def read_pdf(raw: bytes) -> tuple[list[Line], list[str]]:
    """The lines of a PDF's text layer and any warnings."""
    if b"%%EOF" not in raw[-2048:]:
        raise PDFError("truncated or corrupt PDF (no end-of-file marker)")
    warnings: list[str] = []
    with _quiet_pypdf(warnings):
        pages = _page_texts(raw, warnings)
    if not any(p.strip() for p in pages):
        raise PDFError("PDF has no text layer (scanned?); OCR is not supported")
    empty = [str(i + 1) for i, p in enumerate(pages) if not p.strip()]
    if empty:
        warnings.append(f"pages without a text layer: {', '.join(empty)}")
    page_lines = [_page_lines(p) for p in pages]
    _drop_running_lines(page_lines)
    lines: list[Line] = []
    for page in page_lines:
        if not page:
            continue
        if lines:
            lines.append(Line(""))  # the page break
        lines.extend(Line(t) for t in page)
    return lines, warnings


def _page_texts(raw: bytes, warnings: list[str]) -> list[str]:
    from pypdf import PdfReader  # imported here: only PDF minutes pay for it

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        if reader.is_encrypted:
            _decrypt(reader, warnings)
        pages = list(reader.pages)
    except PDFError:
        raise
    except Exception as exc:  # noqa: BLE001 - any failure inside pypdf means a corrupt file
        raise PDFError(f"corrupt PDF ({_reason(exc)})") from exc
    if not pages:
        raise PDFError("PDF has no pages")
    texts: list[str] = []
    for page in pages:
        try:
            texts.append(page.extract_text(extraction_mode="layout"))
        except Exception:  # noqa: BLE001 - layout mode trips on some fonts; plain mode is the fallback
            try:
                texts.append(page.extract_text())
            except Exception as exc:  # noqa: BLE001
                raise PDFError(f"corrupt PDF page {len(texts) + 1} ({_reason(exc)})") from exc
    return texts


def _decrypt(reader, warnings: list[str]) -> None:
    """Owner-password-only PDFs (printing restricted) open with an empty password; others cannot."""
    try:
        ok = reader.decrypt("")
    except Exception as exc:  # noqa: BLE001 - e.g. AES without a crypto library
        raise PDFError(f"encrypted PDF, cannot be decrypted ({_reason(exc)})") from exc
    if not ok:
        raise PDFError("encrypted PDF (needs a password)")
    warnings.append("encrypted PDF opened with an empty password")


def _reason(exc: BaseException) -> str:
    text = _WS.sub(" ", str(exc)).strip()
    return f"{type(exc).__name__}: {text[:120]}" if text else type(exc).__name__


def _page_lines(text: str) -> list[str]:
    """One page's layout text: gaps between columns as tabs, vertical padding collapsed."""
    raw = [ln.rstrip() for ln in text.replace("\r", "").split("\n")]
    multi = [bool(_GAP.search(ln.strip())) for ln in raw]
    out: list[str] = []
    i = 0
    while i < len(raw):
        if not raw[i].strip():
            if out and out[-1]:
                out.append("")
            i += 1
            continue
        if multi[i]:
            # A block of table rows: a row starting right of the block's left edge has an empty first cell.
            j = i
            while j < len(raw) and raw[j].strip() and multi[j]:
                j += 1
            out.extend(_table_rows(raw[i:j]))
            i = j
            continue
        out.append(raw[i].strip())
        i += 1
    while out and not out[-1]:
        out.pop()
    return out


def _cells(line: str) -> list[tuple[int, str]]:
    """(column offset, text) of each cell of a laid-out row: cells are split by gaps of 3+ spaces."""
    return [(m.start(), m.group(0)) for m in _CELL.finditer(line)]


def _table_rows(rows: list[str]) -> list[str]:
    """Rows laid out in columns as tab-separated cells, an empty cell wherever a row skips a column.

    Column starts are the offsets where cells begin in several rows (or in the
    fullest row); each cell goes to the last column starting at or before it.
    """
    parsed = [_cells(r) for r in rows]
    widest = max(parsed, key=len)
    starts = Counter(off for cells in parsed for off, _ in cells)
    columns = sorted({off for off, n in starts.items() if n >= 2} | {off for off, _ in widest})
    merged: list[int] = []
    for off in columns:  # offsets a character or two apart are one column
        if not merged or off - merged[-1] > 2:
            merged.append(off)
    out: list[str] = []
    for cells in parsed:
        slots = [""] * len(merged)
        for off, text in cells:
            k = max((i for i, c in enumerate(merged) if c <= off + 2), default=0)
            slots[k] = f"{slots[k]} {text}".strip()
        out.append("\t".join(slots))
    return out


def _key(line: str) -> str:
    """What a running line looks like on every page: its text, numbers aside only for page numbers."""
    if len(line) > 120:
        return ""  # a running header is short; long lines are content
    text = _WS.sub(" ", line).strip().lower()
    numbered = _DIGITS.sub("#", text)
    return numbered if _PAGE_NO.search(numbered) else text


def _drop_running_lines(pages: list[list[str]]) -> None:
    """Remove header/footer lines that recur (numbers aside) at the top or bottom of most pages."""
    if len(pages) < 2:
        return
    need = max(2, round(0.6 * len(pages)))
    for edge in ("top", "bottom"):
        counts: Counter[str] = Counter()
        for page in pages:
            counts.update({_key(page[i]) for i in _edge_index(page, edge)})
        running = {k for k, n in counts.items() if n >= need and k and (len(pages) >= 3 or _PAGE_NO.search(k))}
        if not running:
            continue
        for p, page in enumerate(pages):
            if edge == "top" and p == 0:
                continue
            drop = [i for i in _edge_index(page, edge) if _key(page[i]) in running]
            for i in sorted(drop, reverse=True):
                del page[i]
            while page and not page[0]:
                page.pop(0)
            while page and not page[-1]:
                page.pop()


def _edge_index(page: list[str], edge: str, n: int = 2) -> list[int]:
    """Indexes of the first (or last) ``n`` non-blank lines of a page."""
    filled = [i for i, t in enumerate(page) if t.strip()]
    return filled[:n] if edge == "top" else filled[-n:]
