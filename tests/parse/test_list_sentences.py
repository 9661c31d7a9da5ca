"""Layouts found by measuring on generated corpora: long "Present:" sentences, lists whose last
entry follows "and", names glued to the previous entry, late sub-items, page furniture in lists."""

from __future__ import annotations

import pytest

from kg.gazetteer import default
from kg.parse import parse
from kg.records import Document


@pytest.fixture(scope="module")
def gaz():
    return default()


def record(text: str, gaz):
    return parse(Document("t.txt", text, "0" * 64, "text"), gaz)


def people(rec) -> dict[str, tuple[str | None, str | None]]:
    return {p.name: (p.organisation, p.role) for p in rec.present}


# One sentence, longer than any heading, listing "Name, Role, Organisation" and "Name (Organisation)" entries.
LONG_PRESENT = (
    "Harbourside Partnership Board - 4 March 2021\n\n"
    "Present: Cllr Ada Quince (Chair) (Harbourside City Council), Peter Lamb, Director of Housing, Harbourside City "
    "Council, Cllr Noor Field (Westmere DC), Oliver Stone, Chief Executive, Westmere District Council, Ruth Ember "
    "(Harbourside Constabulary), Gareth Wills, Head of Estates, Harbourside City Council, Simon Tate (Westmere "
    "District Council), Megan Hale, Operations Manager, Harbourside City Council, Tobias Reed (Harbourside City "
    "Council), Nadia Penn, Director of Adult Services, Harbourside City Council and Leo Marsh, Independent Chair, "
    "Harbourside Safeguarding Adults Board.\n\n"
    "1 Welcome\n\nThe Chair welcomed everyone.\n\n2 Housing\n\nPeter Lamb introduced the report.\n"
)


def test_a_present_sentence_of_any_length_is_read_entry_by_entry(gaz):
    rec = record(LONG_PRESENT, gaz)
    found = people(rec)
    assert len(found) == 11
    assert found["Ada Quince"] == ("Harbourside City Council", "Chair")
    assert found["Oliver Stone"] == ("Westmere District Council", "Chief Executive")
    # the full stop ends the sentence, not the organisation's name
    assert found["Leo Marsh"] == ("Harbourside Safeguarding Adults Board", "Independent Chair")


@pytest.mark.parametrize("last", [
    "Cllr Ben Ford, Leader, Westmere District Council and Cllr Joan Pike",
    "Cllr Ben Ford, Leader, Westmere DC & Joan Pike",
])
def test_the_last_entry_after_and_is_a_person_not_part_of_the_organisation(gaz, last):
    text = f"Westmere Leaders Group - 2 May 2022\n\nPresent: Cllr Amy Holt (Chair), {last}.\n\n1 Welcome\n\nHello.\n"
    found = people(record(text, gaz))
    assert set(found) == {"Amy Holt", "Ben Ford", "Joan Pike"}
    assert found["Ben Ford"] == ("Westmere District Council", "Leader")


def test_and_inside_brackets_does_not_split_and_a_deputy_note_stays_with_its_person(gaz):
    text = (
        "Harbourside City Council Cabinet - 6 June 2022\n\n"
        "Present: Cllr Amy Holt (Chair), Cllr Ian Cole (Harbourside City Council) (Deputising for Cllr Rose Day) "
        "and Cllr Nina Vale (Cabinet Member: Highways and Flood).\n\n1 Apologies\n\nNone.\n"
    )
    rec = record(text, gaz)
    assert set(people(rec)) == {"Amy Holt", "Ian Cole", "Nina Vale"}
    assert people(rec)["Nina Vale"][1] == "Cabinet Member: Highways and Flood"
    assert [(d.name, d.for_name) for d in rec.deputies] == [("Ian Cole", "Rose Day")]


def test_a_name_glued_to_the_previous_entry_keeps_its_marker_or_deputy_note(gaz):
    text = (
        "Westmere Community Safety Partnership - 9 May 2022\n\nPresent:\n"
        "Cllr Amy Holt, Westmere DC (Chair) Ian Cole, Westmere DC Rhys Brand (Deputising for Olivia Finch)\n"
        "Maya Stone, Head of Community Safety, Westmere District Council Owen Lark (minute taking)\n\n"
        "1 Welcome\n\nHello.\n"
    )
    rec = record(text, gaz)
    found = people(rec)
    assert set(found) == {"Amy Holt", "Ian Cole", "Rhys Brand", "Maya Stone", "Owen Lark"}
    assert found["Maya Stone"] == ("Westmere District Council", "Head of Community Safety")
    assert [(d.name, d.for_name) for d in rec.deputies] == [("Rhys Brand", "Olivia Finch")]
    assert next(p for p in rec.present if p.name == "Owen Lark").capacity == "minute-taker"


def test_a_lettered_sub_item_may_follow_the_items_opening_paragraph(gaz):
    text = (
        "Westmere Board - 1 July 2022\n\n1 Welcome\n\nHello.\n\n2 Minutes\n\n"
        "The minutes of the meeting held on 3 May 2022 were agreed.\n\n"
        "a) Matters arising\n\nNone.\n\n3 Budget\n\nNoted.\n"
    )
    items = [(i.number, i.title) for i in record(text, gaz).items]
    assert items == [("1", "Welcome"), ("2", "Minutes"), ("2a", "Matters arising"), ("3", "Budget")]


def test_lettered_points_of_a_list_are_not_sub_items(gaz):
    text = (
        "Westmere Board - 1 July 2022\n\n1 Welcome\n\nHello.\n\n2 Budget\n\nThe Board discussed the budget.\n\n"
        "Agreed:\na) Capital Programme\nb) Revenue Budget\n\n3 Close\n\nEnd.\n"
    )
    assert [i.number for i in record(text, gaz).items] == ["1", "2", "3"]


@pytest.mark.parametrize("furniture", [
    "Minutes subject to their acceptance as a correct record at the next meeting",
    "Draft minutes - subject to approval",
    "Page 4 of 9",
])
def test_page_furniture_between_a_resolution_and_its_points_is_skipped(gaz, furniture):
    text = (
        "Westmere Board - 1 July 2022\n\n1 Welcome\n\nHello.\n\n2 Budget\n\nRESOLVED:\n\n"
        f"{furniture}\n\n1) To approve the budget of £2m.\n2) To allocate £50,000 to the reserve.\n"
    )
    decisions = [d.text for d in record(text, gaz).decisions]
    assert decisions == ["To approve the budget of £2m.", "To allocate £50,000 to the reserve."]


def test_noting_is_no_decision_however_it_is_phrased(gaz):
    text = (
        "Westmere Board - 1 July 2022\n\n1 Budget\n\nRESOLVED that: -\n\n- 1) To note the report.\n"
        "- 2) To note the progress made.\n\n2 Risks\n\nIt was agreed to note the report on risks.\n\n"
        "3 Plans\n\nIt was agreed to adopt the plan.\n"
    )
    assert [d.text for d in record(text, gaz).decisions] == ["It was agreed to adopt the plan."]
