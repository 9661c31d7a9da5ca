"""No input crashes the item and act parsers, and the work stays linear in the text."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.gazetteer import default
from kg.parse.acts import parse_acts
from kg.parse.items import parse_items
from kg.records import Person, Span

PEOPLE = [Person("Steve Baumber"), Person("Rosa Waddingham"), Person("Ann Fisher", capacity="chair")]

# Pieces that exercise every family, and runs of white space that would make a
# badly written pattern backtrack: together they stress the regular expressions.
PIECES = [
    "1 Welcome\n", "3 a) Item\n", "2.1 Action notes\n", "# Heading\n", "**Bold line**\n", "UPPER HEADING\n",
    "Agreed\n", "- a) To approve the plan; and\n", "RESOLVED to: -\n", "It was agreed that the Board Plan be set.\n",
    "Action: Steve Baumber to send the log. SB (done)\n", "Action – Rosa Waddingham and Ann Fisher*\n",
    "RW/SB\n", "Item 4: Budget\n", "The notes of the meeting held on 3 May 2021 were agreed.\n",
    "Next meeting: 9 October 2019\n", "Costs\t£1.2m\n", "Total\t800k\n", "The Healthy Homes Programme Board met.\n",
    "Steve Baumber made a presentation. ", "agreed" + " " * 5000 + "x\n", "Item 5" + " " * 5000 + "\n",
    "Action:" + " " * 5000 + "to\n", "Next meeting" + " " * 5000 + "x\n", "it was " * 300 + "\n",
    "Agreed – " + "a" * 4000 + "\n", "Vision 2050 " * 50 + "\n", "\t" * 3000 + "5k\n",
]


def parse_all(text: str, skip: list[Span] | None = None):
    items = parse_items(text, [], skip=skip)
    return items, parse_acts(text, items, PEOPLE, default(), meeting_date="2019-08-22", skip=skip)


def pathological(size: int) -> str:
    out, n, i = [], 0, 0
    while n < size:
        piece = PIECES[i % len(PIECES)]
        out.append(piece)
        n += len(piece)
        i += 1
    return "".join(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=80)), max_size=30))
def test_no_input_crashes(parts):
    text = "".join(parts)
    items, acts = parse_all(text, skip=[Span(0, min(10, len(text)))])
    for thing in [*items, *acts.decisions, *acts.actions, *acts.money, *acts.programmes]:
        assert 0 <= thing.span.start <= thing.span.end <= len(text)


def test_time_grows_linearly_with_the_text():
    small, large = pathological(100_000), pathological(400_000)
    parse_all(small)
    t = time.perf_counter()
    parse_all(small)
    t_small = time.perf_counter() - t
    t = time.perf_counter()
    parse_all(large)
    t_large = time.perf_counter() - t
    assert t_large < 10 * t_small + 0.5  # four times the text: about four times the time, never sixteen


@pytest.mark.slow
def test_ten_megabytes_parse_in_bounded_time():
    text = pathological(10_000_000)
    t = time.perf_counter()
    items, acts = parse_all(text)
    assert time.perf_counter() - t < 120
    assert items and acts.decisions and acts.actions
