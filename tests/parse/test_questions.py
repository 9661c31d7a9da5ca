"""Questions: who asked and who answered, in sentences and under "Question N:" headings."""

from __future__ import annotations

import pytest

from kg.gazetteer import default
from kg.parse.acts import parse_acts
from kg.parse.items import parse_items
from kg.records import Person

ATTENDEES = [Person("Rob Young", honorific="Cllr"), Person("Fiona Lowe", honorific="Cllr"), Person("Chris Few"),
             Person("Laurence Jones"), Person("Beth Sandhu"), Person("Owen Price")]


def questions(text: str) -> list[tuple[str, str | None, str | None, str]]:
    items = parse_items(text, [])
    return [(q.asker, q.answerer, q.item, q.text) for q in parse_acts(text, items, ATTENDEES, default()).questions]


@pytest.mark.parametrize("line, expected", [
    ("Councillor Rob Young asked about the timetable; Councillor Lowe responded that works would begin in spring.",
     ("Rob Young", "Fiona Lowe", "2", "about the timetable")),
    ("Chris Few queried the targets quoted to measure success; Laurence Jones responded that they were national.",
     ("Chris Few", "Laurence Jones", "2", "the targets quoted to measure success")),
    ("Owen asked whether the parish councils would be consulted. Beth confirmed they would be.",
     ("Owen Price", "Beth Sandhu", "2", "whether the parish councils would be consulted")),
    ("In response to a question from Cllr Young about costs, Laurence Jones said the budget was fixed.",
     ("Rob Young", "Laurence Jones", "2", "about costs")),
    ("Chris Few asked Laurence Jones whether the plan was funded.",
     ("Chris Few", "Laurence Jones", "2", "whether the plan was funded")),
    ("Chris Few raised a question about staffing.", ("Chris Few", None, "2", "about staffing")),
])
def test_sentences_that_record_a_question(line, expected):
    text = f"1. Welcome\nThe Chair opened the meeting.\n2. Plan\n{line}\n3. Close\n"
    assert questions(text) == [expected]


def test_an_answer_opening_the_next_line():
    text = "1. Plan\nChris Few asked whether the plan was funded.\nLaurence Jones confirmed that it was.\n2. Close\n"
    assert questions(text) == [("Chris Few", "Laurence Jones", "1", "whether the plan was funded")]


@pytest.mark.parametrize("line", [
    "Chris Few asked Laurence Jones to circulate the plan.",
    "Chris Few asked that partners nominate a lead.",
    "He asked whether the plan was funded.",
    "Partners were asked to confirm their contributions.",
])
def test_requests_and_unnamed_askers_are_not_questions(line):
    text = f"1. Plan\n{line}\n2. Close\n"
    assert questions(text) == []


def test_questions_under_headings_paired_with_their_responses():
    text = ("1. Public questions\nQuestion 1: Cllr Rob Young\nAgenda Item 5: Budget\nCllr Young asked the Cabinet "
            "Member to look again at the figures.\nResponse by: Cllr Fiona Lowe (Cabinet Member: Finance)\n"
            "Cllr Lowe said the figures were sound.\nQuestion 2: Chris Few\nHe asked about parking.\n2. Close\n")
    assert questions(text) == [("Rob Young", "Fiona Lowe", "1", ""), ("Chris Few", None, "1", "")]
