"""Word (.docx) minutes to lines: paragraphs and tables in body order.

python-docx opens the package; the body XML is walked directly so tables
appear where they stand between paragraphs, tracked deletions and field codes
stay out, and Word's automatic numbering ("1.", "3 a)") is put back in front
of the paragraph: agenda item numbers usually live there, not in the text.
Headings are Word's Heading/Title styles, an outline level, or a wholly bold
paragraph.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from kg.readers import FormatError
from kg.readers.normalise import Line
from kg.readers.tables import looks_like_layout, row_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {f"{W}pPr", f"{W}rPr", f"{W}delText", f"{W}instrText", f"{W}del", f"{W}moveFrom",
         f"{MC}Fallback", f"{W}txbxContent", f"{W}footnoteReference", f"{W}endnoteReference"}
_HEADING_STYLE = re.compile(r"^(?:heading\s*\d|title)$", re.IGNORECASE)
_MAX_XML = 200 * 1024 * 1024  # uncompressed document.xml: beyond this it is a zip bomb, not minutes


class DocxError(FormatError):
    """The Word file cannot be read; the message says why."""


def read_docx(raw: bytes) -> tuple[list[Line], list[str]]:
    """The lines of a Word document's body and any warnings."""
    _check_zip(raw)
    import docx  # imported here: only Word minutes pay for it

    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # noqa: BLE001 - python-docx raises many kinds on a damaged package
        raise DocxError(f"corrupt Word file ({type(exc).__name__}: {str(exc)[:120]})") from exc
    ctx = _Context.of(document)
    out: list[Line] = []
    _blocks(document.element.body, ctx, out)
    return out, []


def _check_zip(raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            info = zf.getinfo("word/document.xml")
    except Exception as exc:  # noqa: BLE001 - zipfile raises many kinds on damaged archives
        raise DocxError("corrupt Word file (not a complete .docx package)") from exc
    if info.file_size > _MAX_XML:
        raise DocxError(f"Word body of {info.file_size // 1_000_000} MB uncompressed: too large to read")


# --- styles and numbering -----------------------------------------------------------------------


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    bold: bool | None = None
    outline: int | None = None
    num: tuple[str, int] | None = None  # (numId, ilvl)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1


@dataclass
class _Context:
    styles: dict[str, _Style] = field(default_factory=dict)
    default_para: str | None = None
    nums: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> levels
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, document) -> _Context:
        ctx = cls()
        try:
            styles_el = document.styles.element
        except Exception:  # noqa: BLE001 - a package without styles is still readable
            styles_el = None
        if styles_el is not None:
            for st in styles_el.iter(f"{W}style"):
                sid = st.get(f"{W}styleId")
                if not sid:
                    continue
                name = st.find(f"{W}name")
                based = st.find(f"{W}basedOn")
                ppr = st.find(f"{W}pPr")
                s = _Style(
                    name=name.get(f"{W}val", "") if name is not None else "",
                    based_on=based.get(f"{W}val") if based is not None else None,
                    bold=_bold_of(st.find(f"{W}rPr")),
                    outline=_outline_of(ppr),
                    num=_num_of(ppr),
                )
                ctx.styles[sid] = s
                if st.get(f"{W}type") == "paragraph" and st.get(f"{W}default") in ("1", "true"):
                    ctx.default_para = sid
        try:
            numbering = document.part.numbering_part.element
        except Exception:  # noqa: BLE001 - no numbering part: no automatic numbers
            numbering = None
        if numbering is not None:
            ctx.nums = _numbering(numbering)
        return ctx

    def style_chain(self, sid: str | None) -> list[_Style]:
        chain: list[_Style] = []
        seen: set[str] = set()
        sid = sid or self.default_para
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            chain.append(self.styles[sid])
            sid = self.styles[sid].based_on
        return chain

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word would print for the next paragraph of list ``num_id`` at level ``ilvl``."""
        levels = self.nums.get(num_id)
        if not levels or num_id == "0":
            return ""
        ilvl = max(0, min(ilvl, 8))
        counts = self.counters.setdefault(num_id, [0] * 9)
        for lv in range(9):
            if counts[lv] == 0 and lv < ilvl:
                counts[lv] = levels.get(lv, _Level()).start  # a sub-item before any item
        lvl = levels.get(ilvl, _Level())
        counts[ilvl] = counts[ilvl] + 1 if counts[ilvl] else lvl.start
        for lv in range(ilvl + 1, 9):
            counts[lv] = 0
        if lvl.fmt == "bullet":
            return "\u2022"
        if lvl.fmt == "none":
            return ""

        def sub(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            return _format(counts[k] or 1, levels.get(k, _Level()).fmt)

        return re.sub(r"%([1-9])", sub, lvl.text).strip()


def _val(el, default: str = "") -> str:
    return el.get(f"{W}val", default) if el is not None else default


def _bold_of(rpr) -> bool | None:
    if rpr is None:
        return None
    b = rpr.find(f"{W}b")
    if b is None:
        return None
    return _val(b, "true").lower() not in ("0", "false", "off")


def _outline_of(ppr) -> int | None:
    el = ppr.find(f"{W}outlineLvl") if ppr is not None else None
    if el is None:
        return None
    try:
        lvl = int(_val(el, "9"))
    except ValueError:
        return None
    return lvl if lvl < 9 else None


def _num_of(ppr) -> tuple[str, int] | None:
    num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
    if num_pr is None:
        return None
    num_id = _val(num_pr.find(f"{W}numId"), "")
    try:
        ilvl = int(_val(num_pr.find(f"{W}ilvl"), "0"))
    except ValueError:
        ilvl = 0
    return (num_id, ilvl) if num_id else None


def _numbering(el) -> dict[str, dict[int, _Level]]:
    abstract: dict[str, dict[int, _Level]] = {}
    for an in el.iter(f"{W}abstractNum"):
        levels: dict[int, _Level] = {}
        for lvl in an.iter(f"{W}lvl"):
            try:
                ilvl = int(lvl.get(f"{W}ilvl", "0"))
                start = int(_val(lvl.find(f"{W}start"), "1"))
            except ValueError:
                continue
            levels[ilvl] = _Level(_val(lvl.find(f"{W}numFmt"), "decimal"),
                                  _val(lvl.find(f"{W}lvlText"), f"%{ilvl + 1}."), start)
        abstract[an.get(f"{W}abstractNumId", "")] = levels
    nums: dict[str, dict[int, _Level]] = {}
    for num in el.iter(f"{W}num"):
        levels = dict(abstract.get(_val(num.find(f"{W}abstractNumId")), {}))
        for override in num.iter(f"{W}lvlOverride"):
            start = override.find(f"{W}startOverride")
            try:
                ilvl = int(override.get(f"{W}ilvl", "0"))
                if start is not None and ilvl in levels:
                    base = levels[ilvl]
                    levels[ilvl] = _Level(base.fmt, base.text, int(_val(start, "1")))
            except ValueError:
                continue
        nums[num.get(f"{W}numId", "")] = levels
    return nums


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = ""
        while n > 0:
            n, r = divmod(n - 1, 26)
            s = chr(ord("a") + r) + s
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s if fmt == "upperRoman" else s.lower()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += numeral
            n -= value
    return out


# --- body ---------------------------------------------------------------------------------------


def _blocks(parent, ctx: _Context, out: list[Line]) -> None:
    """Paragraphs and tables under ``parent`` in document order (content controls opened)."""
    in_list = False
    for child in parent.iterchildren():
        tag = child.tag
        if tag == f"{W}p":
            line, listed = _paragraph(child, ctx)
            if line is None:
                continue
            if in_list and not listed:
                _gap(out)
            out.append(line)
            if not listed:
                _gap(out)
            in_list = listed
        elif tag == f"{W}tbl":
            if in_list:
                _gap(out)
            out.extend(_table(child, ctx))
            _gap(out)
            in_list = False
        elif tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent", f"{W}ins", f"{W}smartTag"):
            content = child.find(f"{W}sdtContent") if tag == f"{W}sdt" else child
            if content is not None:
                _blocks(content, ctx, out)


def _gap(out: list[Line]) -> None:
    if out and out[-1].text:
        out.append(Line(""))


def _paragraph(p, ctx: _Context) -> tuple[Line | None, bool]:
    """One paragraph as a line (None when empty) and whether it is a list item."""
    ppr = p.find(f"{W}pPr")
    style_id = _val(ppr.find(f"{W}pStyle")) if ppr is not None else ""
    chain = ctx.style_chain(style_id or None)
    runs: list[tuple[str, bool]] = []
    _runs(p, chain, ctx, runs)
    text = "".join(t for t, _ in runs)
    if not text.strip():
        return None, False
    num = _num_of(ppr) or next((s.num for s in chain if s.num), None)
    prefix = ctx.label(*num) if num else ""
    outline = _outline_of(ppr)
    if outline is None:
        outline = next((s.outline for s in chain if s.outline is not None), None)
    heading = (
        _styled_heading(chain, outline)
        or all(bold for t, bold in runs if t.strip())
    )
    if prefix:
        text = f"{prefix} {text.lstrip()}"
    return Line(text, heading), bool(num) and not heading


def _styled_heading(chain: list[_Style], outline: int | None) -> bool:
    return outline is not None or any(_HEADING_STYLE.match(s.name) for s in chain)


def _cell_has_styled_heading(tc, ctx: _Context) -> bool:
    for p in tc.iter(f"{W}p"):
        ppr = p.find(f"{W}pPr")
        chain = ctx.style_chain((_val(ppr.find(f"{W}pStyle")) if ppr is not None else "") or None)
        outline = _outline_of(ppr)
        if outline is None:
            outline = next((s.outline for s in chain if s.outline is not None), None)
        if _styled_heading(chain, outline):
            return True
    return False


def _runs(el, chain: list[_Style], ctx: _Context, out: list[tuple[str, bool]]) -> None:
    """Text pieces of a paragraph with their effective boldness, in order."""
    for child in el.iterchildren():
        tag = child.tag
        if tag in _SKIP or not isinstance(tag, str):
            continue
        if tag == f"{W}r":
            bold = _run_bold(child, chain, ctx)
            out.extend((t, bold) for t in _run_text(child))
        else:
            _runs(child, chain, ctx, out)


def _run_text(r) -> list[str]:
    parts: list[str] = []
    for child in r.iterchildren():  # not deeper: a drawing's text box is not the run's text
        tag = child.tag
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            parts.append("\n")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{W}sym":
            try:
                parts.append(chr(int(child.get(f"{W}char", "20"), 16)))
            except ValueError:
                pass
    return parts


def _run_bold(r, chain: list[_Style], ctx: _Context) -> bool:
    rpr = r.find(f"{W}rPr")
    direct = _bold_of(rpr)
    if direct is not None:
        return direct
    if rpr is not None:
        for s in ctx.style_chain(_val(rpr.find(f"{W}rStyle")) or "\x00"):
            if s.bold is not None:
                return s.bold
    return next((s.bold for s in chain if s.bold is not None), False)


def _table(tbl, ctx: _Context) -> list[Line]:
    out: list[Line] = []
    for tr in tbl.iter(f"{W}tr"):
        if _owner_table(tr) is not tbl:
            continue
        cells: list[list[Line]] = []
        layout = False
        for tc in _row_cells(tr):
            tcpr = tc.find(f"{W}tcPr")
            vmerge = tcpr.find(f"{W}vMerge") if tcpr is not None else None
            if vmerge is not None and _val(vmerge, "continue") != "restart":
                cells.append([])  # continuation of the cell above: empty, not a repeat
                continue
            lines: list[Line] = []
            _blocks(tc, ctx, lines)
            cells.append(lines)
            nested = tc.find(f".//{W}tbl") is not None
            layout = layout or nested or looks_like_layout(lines) or _cell_has_styled_heading(tc, ctx)
        out.extend(row_lines(cells, layout))
    return out


def _row_cells(tr):
    """The cells of a row, including cells wrapped in content controls."""
    for child in tr.iterchildren():
        if child.tag == f"{W}tc":
            yield child
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" else child
            if content is not None:
                yield from (tc for tc in content.iterchildren() if tc.tag == f"{W}tc")


def _owner_table(el):
    parent = el.getparent()
    while parent is not None and parent.tag != f"{W}tbl":
        parent = parent.getparent()
    return parent
