"""Any bytes given to the readers give a Document or a ReadError: never another exception.

Property tests (hypothesis) over random bytes, bytes behind a valid magic
number, real PDF/Word/HTML/Markdown files truncated or corrupted at random,
mixed encodings and control characters; plus the hostile shapes a fuzzer
would take long to find (5,000 nested divs, XML entity bombs, external
entities in a Word file).
"""

from __future__ import annotations

import io
import tempfile
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rb_files import WRITERS, docx_bytes, pdf_bomb_bytes, pdf_bytes
from rb_helpers import EXAMPLES
from rb_minutes import CLEAN

from kg.documents import read_document
from kg.errors import KGError
from kg.records import Document

FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUFFIXES = [".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".TXT", ""]
MAGICS = [
    b"%PDF-1.7\n", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", b"PK\x03\x04", b"PK\x05\x06", b"<!doctype html>",
    b"<html><body>", b"<?xml version='1.0'?><html>", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"{\\rtf1",
    b"\x89PNG\r\n\x1a\n", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x1f\x8b\x08", b"GIF89a", b"\x7fELF",
]
# Real files of every kind, made once: the fuzzers cut and corrupt them.
REAL = {suffix: write(CLEAN) for suffix, write in WRITERS.items()}


def read_or_refuse(raw: bytes, suffix: str = ".txt") -> Document | None:
    """Read ``raw`` as a file named with ``suffix``: a Document, or None for a KGError (the promise)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"minutes{suffix}"
        path.write_bytes(raw)
        try:
            doc = read_document(path)
        except KGError as exc:
            message = str(exc)
            assert message and "\n" not in message, "a refusal is one line"
            assert "minutes" in message, "a refusal names the file"
            return None
    assert isinstance(doc.text, str) and doc.text.strip()
    for span in doc.headings:
        assert 0 <= span.start <= span.end <= len(doc.text)
    return doc


@FUZZ
@given(raw=st.binary(max_size=4096), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(raw, suffix):
    read_or_refuse(raw, suffix)


@FUZZ
@given(magic=st.sampled_from(MAGICS), tail=st.binary(max_size=2048), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes_behind_a_valid_magic_number(magic, tail, suffix):
    read_or_refuse(magic + tail, suffix)


@FUZZ
@given(suffix=st.sampled_from(sorted(REAL)), cut=st.floats(0, 1))
def test_truncated_real_files(suffix, cut):
    raw = REAL[suffix]
    read_or_refuse(raw[: int(len(raw) * cut)], suffix)


@FUZZ
@given(suffix=st.sampled_from(sorted(REAL)),
       flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)), min_size=1, max_size=12))
def test_corrupted_real_files(suffix, flips):
    raw = bytearray(REAL[suffix])
    for where, byte in flips:
        raw[int(where * len(raw))] = byte
    read_or_refuse(bytes(raw), suffix)


@FUZZ
@given(text=st.text(max_size=2000), encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1252", "latin-1"]),
       suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_random_text_in_any_encoding(text, encoding, suffix):
    read_or_refuse(text.encode(encoding, errors="replace"), suffix)


@FUZZ
@given(first=st.text(min_size=1, max_size=500), second=st.text(min_size=1, max_size=500))
def test_mixed_encodings_in_one_file(first, second):
    """A file pasted together from a UTF-8 and a cp1252 export: read (with a warning) or refused."""
    raw = first.encode("utf-8") + "\n£ café – “quoted”\n".encode("cp1252") + second.encode("cp1252", errors="replace")
    doc = read_or_refuse(raw)
    if doc is not None and b"\x93" in raw:
        assert "“" in doc.text or "\"" in doc.text


@FUZZ
@given(noise=st.lists(st.characters(max_codepoint=0x9F, categories=("Cc",)), max_size=300),
       spread=st.randoms(use_true_random=False))
def test_control_characters_in_minutes(noise, spread):
    """Stray control characters through real minutes: removed (the text stays readable) or refused as binary."""
    chars = list(CLEAN)
    for ch in noise:
        chars.insert(spread.randrange(len(chars) + 1), ch)
    doc = read_or_refuse("".join(chars).encode("utf-8"))
    if doc is not None:
        assert not any(ord(c) < 9 or 13 < ord(c) < 32 or ord(c) == 127 for c in doc.text)


def test_same_bytes_give_the_same_text():
    """Spans in the graph index Document.text: reading must be deterministic for every kind."""
    for suffix, raw in REAL.items():
        first, second = read_or_refuse(raw, suffix), read_or_refuse(raw, suffix)
        assert first is not None, suffix
        assert first.text == second.text and first.headings == second.headings, suffix
        assert "Helen Marsh" in first.text, suffix


TAGS = ["div", "p", "table", "tr", "td", "th", "thead", "tbody", "ul", "ol", "li", "b", "strong", "h1", "h3", "br",
        "pre", "span", "nav", "header", "footer", "main", "article", "section", "script", "style", "center", "dl",
        "dt", "dd", "blockquote", "i", "sup", "a", "img", "font", "o:p"]
ATTRS = ["", ' class="title"', ' class="mgTitleTxt"', ' style="display:none"', ' style="font-weight:bold"',
         ' role="main"', ' id="modgov"', " hidden", ' class="breadcrumb"', ' aria-hidden="true"', ' type="a"',
         ' start="x"', ' colspan="3"', ' href="http://evil.example/"']
WORDS = ["Present:", "Cllr Helen Marsh (Chair)", "Wyvern District Council", "\t", "RESOLVED that £5,000", "1.",
         "Action: HM", "&amp;", "&lt;b&gt;", "&#0;", "&#x110000;", "&nbsp;", "\u00a0", "é", "\x0c", " "]
html_tree = st.recursive(
    st.one_of(st.sampled_from(WORDS), st.text(max_size=12)),
    lambda kids: st.tuples(st.sampled_from(TAGS), st.sampled_from(ATTRS), st.lists(kids, max_size=5)).map(
        lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}</{t[0]}>"),
    max_leaves=60,
)


@FUZZ
@given(body=html_tree, doctype=st.booleans())
def test_random_html_trees(body, doctype):
    """Random structure of the tags and attributes the HTML reader treats specially."""
    page = ("<!doctype html>" if doctype else "") + f"<html><body>{body}</body></html>"
    read_or_refuse(page.encode("utf-8", errors="replace"), ".html")


# --- hostile shapes -------------------------------------------------------------------------------


def timed_read(raw: bytes, suffix: str, limit: float = 30.0) -> Document | None:
    start = time.thread_time()  # this thread's CPU: another test's leftover thread must not count
    doc = read_or_refuse(raw, suffix)
    assert time.thread_time() - start < limit, f"reading took over {limit} s of CPU"
    return doc


@pytest.mark.parametrize("depth", [5_000, 50_000])
@pytest.mark.parametrize("tag", ["div", "b", "table><tr><td", "ul><li", "blockquote", "span"])
def test_deeply_nested_html(depth, tag):
    """BeautifulSoup/lxml and the renderer's recursion: thousands of levels read or refuse cleanly."""
    close = "".join(f"</{t}>" for t in reversed(tag.split("><")))
    page = f"<!doctype html><html><body>{f'<{tag}>' * depth}Present: Helen Marsh{close * depth}</body></html>"
    timed_read(page.encode(), ".html")


def test_unclosed_tags_by_the_ten_thousand():
    page = "<html><body>" + "<p><div><b><i><table><tr><td>" * 10_000 + "Present: Helen Marsh"
    timed_read(page.encode(), ".html")


def test_minutes_inside_deep_html_still_read():
    """Depth alone is no reason to lose the minutes: 200 wrappers is far beyond any CMS page."""
    page = "<html><body>" + "<div>" * 200 + "<p>Present: Helen Marsh</p>" + "</div>" * 200 + "</body></html>"
    doc = timed_read(page.encode(), ".html")
    assert doc is not None and "Helen Marsh" in doc.text


def _docx_with_body(xml: bytes) -> bytes:
    """A real Word package whose word/document.xml is replaced by ``xml``."""
    src = zipfile.ZipFile(io.BytesIO(REAL[".docx"]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, xml if item.filename == "word/document.xml" else src.read(item))
    return out.getvalue()


W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def test_docx_external_entity_is_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-ROOT-PASSWORD")
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           f'<w:document {W_NS}><w:body><w:p><w:r><w:t>Present: &xxe; Helen Marsh</w:t></w:r></w:p>'
           f'</w:body></w:document>').encode()
    doc = timed_read(_docx_with_body(xml), ".docx")
    assert doc is None or "TOPSECRET" not in doc.text


def test_docx_entity_bomb_is_refused_quickly():
    lol = '<!ENTITY a0 "lollollollollollol">' + "".join(
        f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    xml = (f'<?xml version="1.0"?><!DOCTYPE d [{lol}]><w:document {W_NS}><w:body><w:p><w:r><w:t>&a9;</w:t>'
           f'</w:r></w:p></w:body></w:document>').encode()
    doc = timed_read(_docx_with_body(xml), ".docx", limit=10)
    assert doc is None or len(doc.text) < 10_000_000


def test_docx_with_deeply_nested_tables():
    cell = "<w:tbl><w:tr><w:tc>"
    xml = (f'<?xml version="1.0"?><w:document {W_NS}><w:body>{cell * 3000}<w:p><w:r><w:t>Helen Marsh</w:t></w:r></w:p>'
           f'{"</w:tc></w:tr></w:tbl>" * 3000}</w:body></w:document>').encode()
    timed_read(_docx_with_body(xml), ".docx")


@FUZZ
@given(xml=st.text(max_size=1500))
def test_docx_with_random_body_xml(xml):
    read_or_refuse(_docx_with_body(xml.encode("utf-8", errors="replace")), ".docx")


def test_html_entity_in_a_page_stays_text():
    """Entities and an XML declaration in HTML never reach the file system either."""
    page = ('<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            "<html><body><p>Present: &xxe; Helen Marsh</p></body></html>")
    doc = timed_read(page.encode(), ".html")
    assert doc is None or "root:" not in doc.text


def test_huge_single_line():
    """A 5 MB line with no newline (a PDF converter's output, or an attack) reads in bounded time."""
    raw = ("Present: Councillor Helen Marsh (Chair), Wyvern District Council; " * 80_000).encode()
    doc = timed_read(raw, ".txt")
    assert doc is not None and doc.text.count("\n") == 0


def test_pdf_of_many_pages_and_zero_byte_docx():
    assert timed_read(pdf_bytes(CLEAN * 40), ".pdf") is not None
    assert read_or_refuse(b"", ".docx") is None
    assert read_or_refuse(docx_bytes(CLEAN)[:0], ".docx") is None


def test_pdf_decompression_bomb_is_bounded():
    """200 kB that inflate to 200 MB: refused (or read) in bounded time, never a crash."""
    raw = pdf_bomb_bytes(200)
    assert len(raw) < 1_000_000
    timed_read(raw, ".pdf", limit=20)
