"""Table rows to lines, the same way for HTML and Word.

A data table (attendance: name, organisation, apologies) becomes one line per
row with tab-separated cells, which is how the parser reads tables from text
exports. A layout table (ModernGov's item table: a number cell beside a cell
holding the whole minutes of the item) must not be squashed into one line: its
cells become ordinary lines, the short number cell prefixing the next line.
"""

from __future__ import annotations

import re

from kg.readers.normalise import Line

_ITEM_NUMBER = re.compile(r"^\(?[0-9]{1,3}(?:\.[0-9]+)*[a-z]?[.)]?$|^\(?[a-z][.)]$")


def looks_like_layout(lines: list[Line]) -> bool:
    """A cell holding several long paragraphs is page layout, not a data cell."""
    filled = [ln for ln in lines if ln.text.strip()]
    return len(filled) > 3 and any(len(ln.text) > 200 for ln in filled)


def row_lines(cells: list[list[Line]], layout: bool) -> list[Line]:
    """The lines of one row whose cells were each rendered to lines (blank ones included)."""
    if layout:
        return _layout_row([_trim(lines) for lines in cells])
    cells = [[ln for ln in lines if ln.text.strip()] for lines in cells]
    if not any(cells):
        return []
    row = "\t".join(_cell_text(lines) for lines in cells)
    if not row.strip():
        return []
    filled = [lines for lines in cells if lines]
    heading = len(filled) == 1 and all(ln.heading for ln in filled[0])
    return [Line(row, heading)]


def _cell_text(lines: list[Line]) -> str:
    """A data cell's lines on one line: "; " between entries ("Connor Maguire, Board Manager" /
    "Aisling Byrne, Business Support Officer"), a space inside a wrapped one ("Gloucestershire County" / "Council")."""
    out = ""
    for ln in lines:
        text = ln.text.replace("\t", " ").strip()
        if not out:
            out = text
        elif "," in text and "," in out.rsplit("; ", 1)[-1] and not out.endswith((",", ";")):
            out += "; " + text
        else:
            out += " " + text
    return out


def _trim(lines: list[Line]) -> list[Line]:
    """Blank lines kept between paragraphs of a cell, never doubled, none at the ends."""
    out: list[Line] = []
    for ln in lines:
        if ln.text.strip() or (out and out[-1].text.strip()):
            out.append(ln if ln.text.strip() else Line(""))
    while out and not out[-1].text.strip():
        out.pop()
    return out


def _layout_row(cells: list[list[Line]]) -> list[Line]:
    """Cells one after another; a row ends with a blank line, like a paragraph."""
    out: list[Line] = []
    pending = ""
    for lines in cells:
        if len(lines) == 1 and _ITEM_NUMBER.match(lines[0].text.strip()):
            pending += lines[0].text.strip() + " "
            continue
        for k, ln in enumerate(lines):
            out.append(Line(pending + ln.text if k == 0 and pending else ln.text, ln.heading))
        if lines:
            pending = ""
    if pending:
        out.append(Line(pending.strip()))
    if out:
        out.append(Line(""))
    return out
