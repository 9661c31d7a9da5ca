"""Agenda items across layout families, on fixtures written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.parse.items import parse_items
from kg.records import Span

FIXTURES = Path(__file__).parent / "fixtures" / "acts"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def as_reader_would(markdown: str) -> tuple[str, list[Span]]:
    """Strip "#" marks as a reader does and report the heading lines as spans."""
    out, spans, pos = [], [], 0
    for line in markdown.split("\n"):
        m = re.match(r"#{1,6}\s*", line)
        if m:
            line = line[m.end():]
            spans.append(Span(pos, pos + len(line)))
        out.append(line)
        pos += len(line) + 1
    return "\n".join(out), spans


def numbers_and_titles(items):
    return [(i.number, i.title) for i in items]


def test_numbered_items_with_lettered_sub_items():
    items = parse_items(read("numbered_letters.txt"), [])
    assert numbers_and_titles(items) == [
        ("1", "Welcome and apologies"),
        ("2", "Minutes of the last meeting"),
        ("3", "Matters arising"),
        ("3a", "Town Centre CCTV Upgrade"),
        ("3b", "Night Time Economy Pilot"),
        ("4", "Domestic Abuse Strategy 2023-2026"),
        ("5", "Performance update"),
        ("6", "Date of next meeting"),
    ]
    assert [i.parent for i in items][3:5] == ["3", "3"]


def test_lines_that_only_start_with_a_number_are_not_items():
    titles = [i.title for i in parse_items(read("numbered_letters.txt"), [])]
    assert not any("burglaries" in t or t.startswith("March") for t in titles)
    # the resolution's "(i) ... (ii)" points are not sub-items either
    assert not any("grant" in t for t in titles)


def test_dotted_numbers_and_run_in_titles():
    items = parse_items(read("dotted_runin.txt"), [])
    assert numbers_and_titles(items) == [
        ("1", "APOLOGIES"),
        ("2", "DECLARATIONS OF INTEREST"),
        ("3", "MINUTES AND ACTIONS"),
        ("3.1", "Minutes of 5 July 2022"),
        ("3.2", "Action log"),
        ("4", "BETTER CARE FUND PLAN 2022/23"),
        ("5", "Any other business"),
    ]
    assert items[3].parent == "3"


@pytest.mark.parametrize("via_spans", [False, True])
def test_headed_items_drop_form_labels_pages_actions_and_sentences(via_spans):
    raw = read("headed_markdown.md")
    text, spans = as_reader_would(raw) if via_spans else (raw, [])
    items = parse_items(text, spans)
    assert numbers_and_titles(items) == [
        (None, "Welcome and introductions"),
        (None, "Notes of the meeting held on 3 May 2021"),
        (None, "Neglect Strategy"),
        (None, "Multi-agency Training"),
        (None, "Any Other Business"),
    ]


def test_upper_case_headings_when_nothing_is_marked():
    items = parse_items(read("headed_caps.txt"), [])
    assert [i.title for i in items] == [
        "APOLOGIES AND WELCOME", "HOUSING DELIVERY", "COASTAL REGENERATION PROGRAMME", "ANY OTHER BUSINESS",
    ]


def test_item_word_prefix_family():
    items = parse_items(read("item_word.txt"), [])
    assert numbers_and_titles(items) == [
        ("1", "Apologies"),
        ("2", "Minutes of the previous meeting"),
        ("3", "Recycling Performance"),
        ("4", "Food Waste Collection Pilot"),
        ("5", "Dates of future meetings"),
    ]


def test_each_item_body_runs_to_the_next_item():
    text = read("numbered_letters.txt")
    items = parse_items(text, [])
    for item, nxt in zip(items, items[1:]):
        assert item.span.end == nxt.span.start
        assert text[item.span.start:item.span.end].startswith((item.number[0], item.number[-1]))
        assert item.title in text[item.span.start:item.span.end].split("\n", 1)[0]
    assert items[-1].span.end == len(text)
    assert "13 June 2023" in text[items[-1].span.start:items[-1].span.end]


def test_skip_regions_hide_attendance_blocks():
    text = "1 Welcome\n\nPRESENT\n2 Partners attended\n\n2 Budget\n\nThe budget was approved.\n"
    start = text.index("PRESENT")
    skip = [Span(start, text.index("\n\n2 Budget"))]
    assert numbers_and_titles(parse_items(text, [], skip=skip)) == [("1", "Welcome"), ("2", "Budget")]


def test_no_items_in_plain_prose():
    assert parse_items("The group met and talked about many things.\nIt was a good meeting.\n", []) == []
