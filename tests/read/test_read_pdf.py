"""PDF minutes: the text layer laid out as printed; scanned, encrypted and broken files refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

pytest.importorskip("reportlab")
from pypdf import PdfReader, PdfWriter  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from kg.errors import ReadError  # noqa: E402


def pdf_bytes(pages: list[list[tuple[float, float, str]]], *, footer: str | None = None,
              header: str | None = None) -> bytes:
    """A PDF whose pages hold strings drawn at (x, y); optional running header/footer ("{n}" = page)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for n, items in enumerate(pages, start=1):
        c.setFont("Helvetica", 10)
        if header:
            c.drawString(72, 810, header.format(n=n))
        for x, y, text in items:
            c.drawString(x, y, text)
        if footer:
            c.drawString(260, 30, footer.format(n=n, total=len(pages)))
        c.showPage()
    c.save()
    return buf.getvalue()


def paragraph(y: float, *texts: str) -> list[tuple[float, float, str]]:
    return [(72, y - 14 * i, t) for i, t in enumerate(texts)]


ATTENDANCE = [
    (72, 700, "Name"), (250, 700, "Organisation"), (420, 700, "Apologies"),
    (72, 686, "Cllr Ann Brown (Chair)"), (250, 686, "Avon County Council"),
    (72, 672, "Dr Raj Patel"), (250, 672, "NHS Avon CCG"), (420, 672, "Sue Lee"),
    (250, 658, "Avon Police"), (420, 658, "Tom Ng"),
]


def test_simple_pdf_text_and_quotes(read_bytes):
    raw = pdf_bytes([paragraph(750, "Leadership Board – 3 March 2020", "", "The minutes were “agreed”.")])
    doc = read_bytes(raw, "m.pdf")
    assert doc.kind == "pdf"
    assert doc.text.split("\n")[0] == "Leadership Board – 3 March 2020"
    assert 'The minutes were "agreed".' in doc.text


def test_table_layout_becomes_tab_separated_rows(read_bytes):
    raw = pdf_bytes([paragraph(750, "1 Welcome and apologies") + ATTENDANCE])
    lines = read_bytes(raw, "m.pdf").text.split("\n")
    assert "Name\tOrganisation\tApologies" in lines
    assert "Cllr Ann Brown (Chair)\tAvon County Council\t" in lines  # no apologies: an empty last cell
    assert "Dr Raj Patel\tNHS Avon CCG\tSue Lee" in lines
    assert "\tAvon Police\tTom Ng" in lines  # the empty first cell keeps the columns straight


def test_two_pages_are_split_by_a_blank_line_and_page_numbers_go(read_bytes):
    raw = pdf_bytes(
        [paragraph(750, "1 Apologies", "None were received."), paragraph(750, "2 Finance", "The budget was agreed.")],
        footer="Page {n} of {total}",
    )
    doc = read_bytes(raw, "m.pdf")
    assert "Page" not in doc.text
    assert "None were received.\n\n2 Finance" in doc.text


def test_running_header_is_kept_once_on_the_first_page(read_bytes):
    pages = [paragraph(750, f"{n} Item {n}", f"Discussion of item {n}.") for n in (1, 2, 3)]
    doc = read_bytes(pdf_bytes(pages, header="Avon Leadership Board – 3 March 2020"), "m.pdf")
    assert doc.text.count("Avon Leadership Board – 3 March 2020") == 1
    assert doc.text.startswith("Avon Leadership Board – 3 March 2020")
    for n in (1, 2, 3):
        assert f"Discussion of item {n}." in doc.text


def test_pdf_with_a_txt_suffix_is_read_as_pdf(read_bytes):
    doc = read_bytes(pdf_bytes([paragraph(750, "Minutes of the Cabinet")]), "minutes.txt")
    assert doc.kind == "pdf"
    assert doc.text == "Minutes of the Cabinet"


def test_scanned_pdf_without_text_layer_is_refused(read_bytes):
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.rect(72, 500, 300, 200, fill=1)
    c.showPage()
    c.save()
    with pytest.raises(ReadError, match="no text layer") as err:
        read_bytes(buf.getvalue(), "scan.pdf")
    assert "scan.pdf" in str(err.value)


def _encrypt(raw: bytes, user: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw)))
    writer.encrypt(user_password=user, owner_password="owner-secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_password_protected_pdf_is_refused(read_bytes):
    raw = _encrypt(pdf_bytes([paragraph(750, "Confidential minutes")]), user="letmein")
    with pytest.raises(ReadError, match="encrypted"):
        read_bytes(raw, "secret.pdf")


def test_pdf_with_only_an_owner_password_is_read_with_a_warning(read_bytes):
    raw = _encrypt(pdf_bytes([paragraph(750, "Minutes you may not print")]), user="")
    doc = read_bytes(raw, "restricted.pdf")
    assert doc.text == "Minutes you may not print"
    assert any("encrypted" in w for w in doc.warnings)


def test_truncated_pdf_is_refused(read_bytes):
    raw = pdf_bytes([paragraph(750, "Minutes of the Cabinet")])
    with pytest.raises(ReadError, match="truncated"):
        read_bytes(raw[: len(raw) // 2], "cut.pdf")


def test_garbage_behind_a_pdf_header_is_refused(read_bytes):
    with pytest.raises(ReadError, match="PDF"):
        read_bytes(b"%PDF-1.4\n" + b"\x8f garbage " * 200 + b"\n%%EOF\n", "junk.pdf")


def test_same_pdf_gives_the_same_text(tmp_path: Path):
    from kg.documents import read_document

    path = tmp_path / "m.pdf"
    path.write_bytes(pdf_bytes([paragraph(750, "1 Welcome") + ATTENDANCE]))
    assert read_document(path).text == read_document(path).text
