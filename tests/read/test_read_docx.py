"""Word minutes: body order, tables, headings, automatic numbers; broken files refused."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from kg.errors import ReadError

from .conftest import heading_texts


def docx_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def attendance_minutes():
    d = docx.Document()
    d.add_heading("Avon Leadership Board", 0)
    d.add_paragraph("Minutes of the meeting held on 3 March 2020")
    d.add_heading("1 Welcome and apologies", 1)
    t = d.add_table(rows=4, cols=3)
    for c, text in zip(t.rows[0].cells, ["Name", "Organisation", "Apologies"]):
        c.text = text
    t.cell(1, 0).text = "Cllr Ann Brown (Chair)"
    t.cell(1, 0).add_paragraph("Pete Smith")
    t.cell(1, 1).text = "Avon County Council"
    t.cell(1, 1).merge(t.cell(2, 1))  # one organisation cell spanning two rows
    t.cell(2, 0).text = "Dr Raj Patel"
    t.cell(2, 2).text = "Sue Lee"
    t.cell(3, 1).text = "Avon Police"
    d.add_heading("2 Minutes of the last meeting", 1)
    d.add_paragraph("The minutes of the meeting held on 2 February 2020 were agreed.")
    return d


def test_paragraphs_and_tables_come_in_body_order(read_bytes):
    doc = read_bytes(docx_bytes(attendance_minutes()), "m.docx")
    assert doc.kind == "docx"
    text = doc.text
    assert text.index("1 Welcome") < text.index("Name\tOrganisation") < text.index("2 Minutes of the last")


def test_table_rows_are_tab_separated_and_merged_cells_not_repeated(read_bytes):
    lines = read_bytes(docx_bytes(attendance_minutes()), "m.docx").text.split("\n")
    assert "Name\tOrganisation\tApologies" in lines
    assert "Cllr Ann Brown (Chair) Pete Smith\tAvon County Council\t" in lines  # two paragraphs, one cell
    assert "Dr Raj Patel\t\tSue Lee" in lines  # the merged cell is not repeated on its second row
    assert "\tAvon Police\t" in lines


def test_heading_styles_title_and_bold_paragraphs_are_headings(read_bytes):
    d = attendance_minutes()
    d.add_paragraph().add_run("Risk Log").bold = True
    p = d.add_paragraph()
    p.add_run("Target Reserve").bold = True
    p.add_run(" – agreed a target of £60,000.")
    doc = read_bytes(docx_bytes(d), "m.docx")
    heads = heading_texts(doc)
    assert heads == ["Avon Leadership Board", "1 Welcome and apologies", "2 Minutes of the last meeting", "Risk Log"]


def test_automatic_numbers_and_bullets_are_written_out(read_bytes):
    d = docx.Document()
    d.add_paragraph("RESOLVED to:")
    d.add_paragraph("approve the budget;", style="List Number")
    d.add_paragraph("note the risks.", style="List Number")
    d.add_paragraph("a bulleted point", style="List Bullet")
    lines = read_bytes(docx_bytes(d), "m.docx").text.split("\n")
    assert lines[lines.index("RESOLVED to:") + 2:][:3] == ["1. approve the budget;", "2. note the risks.", "- a bulleted point"]


def test_line_breaks_tabs_and_tracked_deletions(read_bytes):
    d = docx.Document()
    p = d.add_paragraph()
    run = p.add_run("Present:")
    run.add_break()
    p.add_run("Ann Brown\tChair")
    p._p.append(parse_xml(f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>REMOVED</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {nsdecls("w")} w:id="2" w:author="x"><w:r><w:t> (inserted)</w:t></w:r></w:ins>'))
    doc = read_bytes(docx_bytes(d), "m.docx")
    assert doc.text.split("\n")[:2] == ["Present:", "Ann Brown\tChair (inserted)"]
    assert "REMOVED" not in doc.text


def test_layout_table_with_headings_in_cells_is_not_squashed(read_bytes):
    d = docx.Document()
    t = d.add_table(rows=1, cols=2)
    t.cell(0, 0).text = "3."
    cell = t.cell(0, 1)
    cell.paragraphs[0].text = "Community Safety Review"
    cell.paragraphs[0].style = d.styles["Heading 2"]
    cell.add_paragraph("The board considered the review.")
    cell.add_paragraph("It was agreed to set up a partnership.")
    doc = read_bytes(docx_bytes(d), "m.docx")
    lines = doc.text.split("\n")
    assert "3. Community Safety Review" in lines
    assert "It was agreed to set up a partnership." in lines
    assert "3. Community Safety Review" in heading_texts(doc)


def test_word_file_without_suffix_is_read_as_word(read_bytes):
    doc = read_bytes(docx_bytes(attendance_minutes()), "minutes-export")
    assert doc.kind == "docx"


def test_zero_byte_docx_is_refused(read_bytes):
    with pytest.raises(ReadError, match="empty file") as err:
        read_bytes(b"", "empty.docx")
    assert "empty.docx" in str(err.value)


def test_truncated_docx_is_refused(read_bytes):
    raw = docx_bytes(attendance_minutes())
    with pytest.raises(ReadError, match="corrupt"):
        read_bytes(raw[: len(raw) // 2], "cut.docx")


def test_zip_that_is_not_a_word_file_is_refused(read_bytes):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "hello")
    with pytest.raises(ReadError, match="zip"):
        read_bytes(buf.getvalue(), "fake.docx")


def test_docx_that_is_really_text_is_read_as_text(read_bytes):
    doc = read_bytes("Minutes of the Cabinet\n", "renamed.docx")
    assert doc.kind == "text"
