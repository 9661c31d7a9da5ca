"""Plain text and Markdown: encodings, markup debris, headings, line structure."""

from __future__ import annotations

import codecs

import pytest

from kg.errors import ReadError

from .conftest import heading_texts


def test_utf8_text_keeps_line_structure_and_tabs(read_bytes):
    src = "Leadership Board – 3 March 2020\n\nName\tOrganisation\tApologies\nAnn Brown\tAvon CC\t\n"
    doc = read_bytes(src)
    assert doc.kind == "text"
    assert doc.warnings == []
    assert doc.text.split("\n") == src.split("\n")  # nothing joined, re-wrapped or lost, tabs kept


def test_utf8_bom_is_dropped(read_bytes):
    doc = read_bytes(codecs.BOM_UTF8 + b"Minutes of the Cabinet")
    assert doc.text == "Minutes of the Cabinet"
    assert doc.warnings == []


def test_cp1252_is_decoded_with_a_warning(read_bytes):
    doc = read_bytes("Grant of £35,000 – “agreed” by Cllr O’Neill".encode("cp1252"))
    assert doc.text == "Grant of £35,000 – \"agreed\" by Cllr O'Neill"
    assert any("cp1252" in w for w in doc.warnings)


def test_utf16_with_bom_is_read(read_bytes):
    doc = read_bytes("Apologies: Cllr Ann Brown\r\n".encode("utf-16"))
    assert doc.text == "Apologies: Cllr Ann Brown\n"


def test_crlf_cr_and_form_feed_become_newlines(read_bytes):
    doc = read_bytes(b"one\r\ntwo\rthree.\x0cFour")
    assert doc.text == "one\ntwo\nthree.\n\nFour"


def test_a_sentence_over_a_page_break_is_joined_by_one_newline(read_bytes):
    doc = read_bytes(b"The Board agreed to release\x0cthe reserve.\n")
    assert doc.text == "The Board agreed to release\nthe reserve.\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jo\u00a0Smith", "Jo Smith"),
        ("co\u00adoperation", "cooperation"),
        ("zero\u200bwidth", "zerowidth"),
        ("‘quoted’ and “double”", "'quoted' and \"double\""),
        ("Action – Jane Burns — later", "Action – Jane Burns — later"),  # en and em dashes stay
        ("17<sup>th</sup> December", "17th December"),
        ("<i>Name</i>\t<i>Organisation</i>", "Name\tOrganisation"),
        ("line<br>break", "line\nbreak"),
        ("the **Target Reserve** is £60,000", "the Target Reserve is £60,000"),
        ("to '*discuss the practicalities*'.", "to 'discuss the practicalities'."),
        ("an _italic_ word", "an italic word"),
        ("mail first_last@example.org", "mail first_last@example.org"),
        ("2 * 3 = 6", "2 * 3 = 6"),
        ("Richards*", "Richards"),
        ("R&amp;D budget", "R&D budget"),
        ("see [the report](http://example.org/r.pdf)", "see the report"),
        ("the ﬁnance report", "the finance report"),
    ],
)
def test_characters_and_inline_markup_are_normalised(read_bytes, raw, expected):
    assert read_bytes(raw).text == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("• Membership of the Board", "- Membership of the Board"),
        ("\u25aa\tA square bullet", "- A square bullet"),
        ("o What is stalking?", "- What is stalking?"),
        ("- o What to do?", "- What to do?"),
        ("* a) *To support the offer*", "- a) To support the offer"),
        ("\uf0b7 Symbol-font bullet", "- Symbol-font bullet"),
        ("  ◦ nested", "  - nested"),
    ],
)
def test_bullets_become_a_dash(read_bytes, raw, expected):
    assert read_bytes(raw).text == expected


def test_markdown_headings_lose_their_marks_and_are_recorded(read_bytes):
    doc = read_bytes("# **MINUTES OF MEETING**\n\n#### Risk Log\nText under it.\n# Present:\n")
    assert doc.kind == "markdown"
    assert "#" not in doc.text and "*" not in doc.text
    assert heading_texts(doc) == ["MINUTES OF MEETING", "Risk Log", "Present:"]


def test_wholly_bold_lines_are_headings_but_bold_lead_ins_are_not(read_bytes):
    doc = read_bytes(
        "**Risk Log**\n7 **Social Mobility**\n<b>Present</b>\n"
        "**Target Reserve** – agreed a target of £60,000.\n**Action – Jane Burns (agenda)*\n"
    )
    assert heading_texts(doc) == ["Risk Log", "7 Social Mobility", "Present"]
    assert "Target Reserve – agreed a target of £60,000." in doc.text.split("\n")


def test_bold_paragraph_over_two_lines_is_a_heading(read_bytes):
    doc = read_bytes("**PETER SMITH\nCHIEF EXECUTIVE**\n\nMinutes follow.")
    assert heading_texts(doc) == ["PETER SMITH", "CHIEF EXECUTIVE"]


def test_markdown_file_pipe_table_becomes_tab_separated_rows(read_bytes):
    src = "# Attendance\n\n| Name | Organisation |\n|---|---|\n| Ann Brown | Avon CC |\n| Raj Patel | NHS Avon |\n"
    doc = read_bytes(src, "notes.md")
    assert doc.kind == "markdown"
    assert "Name\tOrganisation\nAnn Brown\tAvon CC\nRaj Patel\tNHS Avon" in doc.text


def test_setext_heading_in_markdown(read_bytes):
    doc = read_bytes("Cabinet minutes\n===============\n\nPresent: Cllr A\n", "m.md")
    assert heading_texts(doc) == ["Cabinet minutes"]
    assert "=" not in doc.text


def test_backslash_escaped_marks_survive_as_text(read_bytes):
    doc = read_bytes("Item 3\\* was \\#1 priority", "m.md")
    assert doc.text == "Item 3* was #1 priority"


def test_markdown_suffix_or_cues_decide_the_kind(read_bytes):
    assert read_bytes("Plain minutes, no cues.", "a.md").kind == "markdown"
    assert read_bytes("Plain minutes, no cues.", "a.txt").kind == "text"
    assert read_bytes("## 3 Finance\nAgreed.", "a.txt").kind == "markdown"


def test_reading_twice_gives_identical_text_and_spans(read_bytes):
    src = "# Title\n\n**Bold head**\nCllr O’Neill\u00a0agreed *this*.\n"
    a, b = read_bytes(src), read_bytes(src)
    assert (a.text, a.headings, a.sha256) == (b.text, b.headings, b.sha256)


def test_sha256_is_of_the_raw_bytes(read_bytes):
    import hashlib

    raw = "“Minutes”\r\n".encode("cp1252")
    assert read_bytes(raw).sha256 == hashlib.sha256(raw).hexdigest()


def test_whitespace_only_and_markup_only_files_are_refused(read_bytes):
    with pytest.raises(ReadError, match="no text"):
        read_bytes(" \n\t\r\n  ")
    with pytest.raises(ReadError, match="no text"):
        read_bytes("<i></i>\n**\n")


def test_a_data_grid_table_becomes_tab_separated_rows(read_bytes):
    doc = read_bytes(
        "Attendance\n\n+--------------+-----------------+\n| Name         | Organisation    |\n"
        "+==============+=================+\n| Jo Coast     | Wyvern Council  |\n+--------------+-----------------+\n"
        "| Sam Reed     | Wyvern Police   |\n+--------------+-----------------+\n\nEnd.\n"
    )
    assert "Name\tOrganisation\n\nJo Coast\tWyvern Council\n\nSam Reed\tWyvern Police\n" in doc.text
