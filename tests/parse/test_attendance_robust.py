"""No input crashes the header and attendance parsers, and big inputs parse in bounded time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.gazetteer import default
from kg.parse.attendance import enrich_from_body, parse_attendance
from kg.parse.header import parse_header

_PIECES = st.sampled_from([
    "Present:", "Apologies:", "Cllr ", "Dr ", "(Chair)", "(Deputising for ", ")", "\t", "\n", ", ", " and ",
    "Name\tOrganisation\tApologies\n", "Anna Lowe", "Stroud DC", "Council", "– ", "Apologies were received from ",
    "Question 1: ", "represented ", "|", "  ", "12 May 2020", "held at ", "Room 3", "#", "**", "<i>", "Absent",
])


@pytest.fixture(scope="module")
def gaz():
    return default()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40))
def test_any_text_parses(parts):
    text = "".join(parts)
    gaz = default()
    h = parse_header(text, [], gaz)
    att = parse_attendance(text, [], gaz, body=h.body)
    enrich_from_body(text, att, gaz, body=h.body)
    for p in att.present + att.apologies:
        assert p.name
        assert p.span is None or 0 <= p.span.start <= p.span.end <= len(text)
    for r in att.regions:
        assert 0 <= r.start <= r.end <= len(text)


def test_large_adversarial_text_is_bounded(gaz):
    # long runs of capitalised words, commas and parentheses: the shapes that make regexes backtrack
    chunk = ("Present: " + ", ".join(f"Cllr Anna Lowe{i} (Chair" for i in range(50)) + "\n"
             + "Apologies were received from " + "Aaa Bbb Ccc " * 200 + "\n"
             + "Name\tOrganisation\tApologies\n" + ("Jo Walker Sarah Scott\tPolice and\tMark Orr\n" * 20)
             + "Dd " * 500 + "\n")
    text = chunk * 40  # ~ 0.5 MB
    start = time.perf_counter()
    h = parse_header(text, [], gaz)
    att = parse_attendance(text, [], gaz, body=h.body)
    enrich_from_body(text, att, gaz, body=h.body)
    assert time.perf_counter() - start < 20
