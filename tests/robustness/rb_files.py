"""Minutes text as the file formats councils publish: PDF, Word, HTML, Markdown.

Small writers over reportlab, python-docx and pypdf, so the fuzz tests can
truncate and corrupt real files of each kind rather than invented bytes.
"""

from __future__ import annotations

import html
import io


def pdf_bytes(text: str) -> bytes:
    """A one-column PDF with a real text layer, one line per text line, new pages as needed."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    y = 800
    for line in text.splitlines():
        if y < 60:
            c.showPage()
            y = 800
        c.drawString(50, y, line.replace("\t", "    ")[:110])
        y -= 14
    c.save()
    return buf.getvalue()


def encrypted_pdf_bytes(text: str, password: str = "letmein") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes(text))).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password="owner-" + password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def docx_bytes(text: str) -> bytes:
    """A Word document: one paragraph per line, numbered headings in the Heading 2 style."""
    import docx

    document = docx.Document()
    for line in text.splitlines():
        if line[:2].rstrip(".").isdigit() and len(line) < 80:
            document.add_heading(line, level=2)
        else:
            document.add_paragraph(line)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def html_bytes(text: str) -> bytes:
    """A saved web page: a <p> per paragraph inside <main>, with the text escaped as a page would."""
    paras = "".join(f"<p>{html.escape(block).replace(chr(10), '<br>')}</p>\n" for block in text.split("\n\n"))
    page = (f"<!doctype html><html><head><meta charset='utf-8'><title>Minutes</title></head>"
            f"<body><nav>Home | Meetings</nav><main>{paras}</main></body></html>")
    return page.encode("utf-8")


def markdown_bytes(text: str) -> bytes:
    lines = [f"## {ln}" if ln[:2].rstrip(".").isdigit() else ln for ln in text.splitlines()]
    return "\n".join(lines).encode("utf-8")


WRITERS = {".pdf": pdf_bytes, ".docx": docx_bytes, ".html": html_bytes, ".md": markdown_bytes,
           ".txt": lambda t: t.encode("utf-8")}


def pdf_bomb_bytes(megabytes: int) -> bytes:
    """A tiny PDF whose one content stream inflates to ``megabytes`` of spaces (a decompression bomb)."""
    import zlib

    content = b"BT /F1 12 Tf 50 750 Td (Present: Helen Marsh) Tj ET\n" + b" " * (megabytes << 20)
    stream = zlib.compress(content, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()
