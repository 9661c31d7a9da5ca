"""The seed minutes read with their markup gone and their meaning (lines, words) unchanged."""

from __future__ import annotations

import re

from kg.documents import collect_files, read_document

MARKUP = re.compile(r"<(?:i|b|u|sup|sub)>|</(?:i|b|u|sup|sub)>|\*\*|^#{1,6} ", re.MULTILINE)


def words(text: str) -> list[str]:
    """The words of a text without markup characters or "o" sub-bullets, quotes folded."""
    text = re.sub(r"^(\s*)- [oO] ", r"\1- ", text, flags=re.MULTILINE)
    text = MARKUP.sub("", text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"'))
    return re.findall(r"[A-Za-z0-9£'\"]+", text.replace("*", ""))


def test_seeds_lose_their_markup_keep_their_lines_and_words(minutes_dir):
    files = collect_files([minutes_dir])
    assert files
    for f in files:
        raw = f.read_text(encoding="utf-8")
        doc = read_document(f)
        assert doc.source == f.name
        assert not MARKUP.search(doc.text), f.name
        assert len(doc.text.split("\n")) == len(raw.split("\n")), f.name  # no line joined or split
        assert words(doc.text) == words(raw), f.name


def test_seed_heading_spans_quote_heading_lines(minutes_dir):
    seen = 0
    for f in collect_files([minutes_dir]):
        doc = read_document(f)
        lines = set(doc.text.split("\n"))
        for h in doc.headings:
            quoted = h.quote(doc.text)
            assert quoted.strip() == quoted and quoted in lines
        seen += len(doc.headings)
    assert seen > 0  # the seeds do mark headings (# lines, wholly bold lines)


def test_seeds_read_the_same_twice(minutes_dir):
    for f in collect_files([minutes_dir]):
        a, b = read_document(f), read_document(f)
        assert (a.text, a.headings) == (b.text, b.headings)
