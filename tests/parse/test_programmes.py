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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name wrapped by width continues from the line above
        ("Ann Lee presented the report on the Family Hubs and Start for\nLife Programme. Uptake rose.",
         ["Family Hubs and Start for Life"]),
        ("SA asked whether the Safer Streets\nFund round 5 bid had been successful.", ["Safer Streets Fund"]),
        ("the Board reviewed the Harbour Quarter\n    Regeneration Plan in full.", ["Harbour Quarter Regeneration Plan"]),
        # but not over the end of a sentence
        ("The minutes were agreed.\nHousing Strategy work had begun.", ["Housing Strategy"]),
    ],
)
def test_names_wrapped_over_two_lines(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Funding continues for the Family Hubs programme next year.", ["Family Hubs programme"]),
        ("Referrals to the Safer Roads scheme rose by a third.", ["Safer Roads scheme"]),
        ("The Safer Summer campaign launches on 5 June.", ["Safer Summer campaign"]),
        # one word only, an organisation's, a possessive, a body after it
        ("The Gloucestershire programme is on track.", []),
        ("The County Council programme of works was noted.", []),
        ("The Partnership's programme was noted.", []),
        ("The Family Hubs programme board met twice.", []),
    ],
)
def test_lower_case_programme_words_after_a_capitalised_name(line, expected):
    assert names(line) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Balances of the Local Growth Fund and Getting Building Fund stood at £2m.",
         ["Local Growth Fund", "Getting Building Fund"]),
        ("Item 8. Police Scotland – Kelso Local Policing Plan", ["Kelso Local Policing Plan"]),
        ("OSC.23       Climate Emergency Action Plan", ["Climate Emergency Action Plan"]),
        ("The Police, Fire and Crime Plan was refreshed.", ["Police, Fire and Crime Plan"]),
        ("£3m for the Warm Homes: Social Housing Fund was agreed.", ["Warm Homes: Social Housing Fund"]),
        ("The Council's 'Our Place, Our Say' Fund opened.", []),  # the quotation is the name, not "Say' Fund"
        ("Transfers from the General Fund and the Pension Fund were noted.", []),  # accounts
    ],
)
def test_where_a_name_stops(line, expected):
    assert names(line) == expected


def test_operations_and_in_bloom_campaigns():
    assert names("DCC Kemp to brief members on Operation Lantern.") == ["Operation Lantern"]
    assert names("- Op Nightjar (night-time economy) continues.") == ["Operation Nightjar"]
    assert names("An entry to Heart of England in Bloom was agreed.") == ["Heart of England in Bloom"]


def test_a_known_programme_named_with_programme_after_it():
    assert names("The Skills Bootcamps Programme 2024/25 was approved.") == ["Skills Bootcamps"]
    assert names("The Multiply programme ends in March.") == ["Multiply"]
    assert names("Work under the Serious Violence Duty continues.") == ["Serious Violence Duty"]


def test_with_joins_the_words_of_a_name():
    assert names("The Board endorsed the Regional Housing with Care Strategy.") == ["Regional Housing with Care Strategy"]
