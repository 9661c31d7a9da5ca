"""Programmes: gazetteer names and aliases, the capitalised-name pattern, and its exclusions."""

from __future__ import annotations

import pytest

from kg.gazetteer import default
from kg.parse.programmes import ProgrammeFinder, acronyms_in


def names(line: str, text: str | None = None) -> list[str]:
    finder = ProgrammeFinder(default(), acronyms_in(text or line))
    return [h.name for h in finder.find(line, 0, len(line))]


def test_gazetteer_alias_gives_the_canonical_name_in_any_case():
    assert names("A bid went in through the One Government Estate Programme.") == ["One Public Estate"]
    assert names("The original devolution bid was strong.") == ["Devolution"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The Healthy Homes Initiative had reached 400 households.", ["Healthy Homes Initiative"]),
        ("Work on the Town Centre Masterplan and the Cycle to Work Scheme continued.", ["Cycle to Work Scheme"]),
        ("She referred to the Children and Young People's Plan.", ["Children and Young People's Plan"]),
        ("A Memory Clinic had opened in Hexham.", ["Memory Clinic"]),
        ("The Eastfield Estate Regeneration Programme was on track.", ["Eastfield Estate Regeneration Programme"]),
        ("The Local Plan Review would start in May.", ["Local Plan Review"]),
        ("The Climate Action Plan was published.", ["Climate Action Plan"]),
        ("The Patient Safety Incident Response Framework went live.", ["Patient Safety Incident Response Framework"]),
        ("A Self-Neglect and Hoarding Protocol was agreed.", ["Self-Neglect and Hoarding Protocol"]),
        # another plan ending in the words of a gazetteer entry is that plan, not the entry
        ("The Local Skills Improvement Plan should reflect the findings.", ["Local Skills Improvement Plan"]),
    ],
)
def test_capitalised_names_ending_in_a_programme_word(line, expected):
    assert names(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The Programme Board met twice.",  # a body
        "The work programme was noted.",  # lower case
        "The Work Programme was noted.",  # a generic document
        "A Rapid Review was completed and a Serious Case Review is under way.",  # kinds of case review
        "The Children and Social Work Act 2017 changes the duties.",  # legislation
        "An Action Plan will follow.",  # generic
        "The joint IT strategy and primary care strategy were outlined.",
    ],
)
def test_things_that_are_not_programmes(line):
    assert names(line) == []


def test_upper_case_headings_are_title_cased_keeping_acronyms():
    text = "5 NHSX REVIEW\n\nThe NHSX team reported.\n\n6 WARM HOMES PILOT\n"
    finder = ProgrammeFinder(default(), acronyms_in(text))
    found, pos = [], 0
    for line in text.split("\n"):
        found += [h.name for h in finder.find(text, pos, pos + len(line))]
        pos += len(line) + 1
    assert found == ["NHSX Review", "Warm Homes Pilot"]
