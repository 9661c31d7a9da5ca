"""Apologies and deputies stated in sentences, and what the body adds to the lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.gazetteer import default
from kg.parse.attendance import enrich_from_body, parse_attendance

FIXTURES = Path(__file__).parent / "fixtures" / "attendance"


@pytest.fixture(scope="module")
def gaz():
    return default()


def full(text: str, gaz, body: str | None = None):
    att = parse_attendance(text, [], gaz, body=body)
    enrich_from_body(text, att, gaz, body=body)
    return att


@pytest.mark.parametrize("sentence, expected", [
    ("Apologies were received from Cllr Nia Evans, Cabinet Member: Housing.", ["Nia Evans"]),
    ("Apologies for absence were received from Councillors Joan Cross, Ali Baig and Tim Rudd.",
     ["Joan Cross", "Ali Baig", "Tim Rudd"]),
    ("Apologies had been received from Dr Lyn Hayes (Public Health), Mark Orr and Cllr Sue Pike.",
     ["Lyn Hayes", "Mark Orr", "Sue Pike"]),
    ("Apologies were submitted on behalf of J. Lomax and Neil Parr.", ["J. Lomax", "Neil Parr"]),
    ("Ravi Patel sent his apologies.", ["Ravi Patel"]),
])
def test_prose_apologies(sentence, expected, gaz):
    text = f"Leadership Board\n\n1 Apologies\n\n{sentence}\n\n2 Minutes\n"
    att = full(text, gaz)
    assert [p.name for p in att.apologies] == expected
    assert all(p.span.quote(text) == sentence for p in att.apologies)


def test_prose_apology_keeps_the_role(gaz):
    att = full("1. Apologies\nApologies were received from Cllr Nia Evans, Cabinet Member: Housing.\n", gaz)
    assert att.apologies[0].role == "Cabinet Member: Housing"


def test_apologies_for_lateness_are_not_absence(gaz):
    att = full("Apologies for lateness were received from Cllr Ann Cole.\n", gaz)
    assert att.apologies == []


def test_no_apologies(gaz):
    att = full("1. Apologies\nThere were no apologies.\nNo apologies were received.\n", gaz)
    assert att.apologies == []


def test_deputies_in_prose(gaz):
    text = (FIXTURES / "deputies_prose.txt").read_text(encoding="utf-8")
    att = full(text, gaz)
    assert {(d.name, d.for_name) for d in att.deputies} == {
        ("Gemma Ross", "Irene Walsh"), ("Victor Hale", "Keith Dunmore"), ("Lena Morris", "Oscar Feld")}
    # those stood in for were away, as the minutes of the seeds list them, though only Irene Walsh is named in apologies
    assert [p.name for p in att.apologies] == ["Irene Walsh", "Keith Dunmore", "Oscar Feld"]
    assert {p.name for p in att.present} == {"Paul Nash", "Gemma Ross", "Victor Hale", "Lena Morris"}


@pytest.mark.parametrize("line, pair", [
    ("Present: Cllr Amy Hale (sub for Cllr Jon Reeve), Cllr Bob Dean", ("Amy Hale", "Jon Reeve")),
    ("Present: Cllr Amy Hale (substituting for Cllr Jon Reeve)", ("Amy Hale", "Jon Reeve")),
    ("Cllr Jon Reeve was substituted by Cllr Amy Hale.", ("Amy Hale", "Jon Reeve")),
    ("Apologies were received from Cllr Jon Reeve (substituted by Cllr Amy Hale).", ("Amy Hale", "Jon Reeve")),
    ("Cllr Amy Hale attended as substitute for Cllr Jon Reeve.", ("Amy Hale", "Jon Reeve")),
])
def test_deputy_forms(line, pair, gaz):
    att = full(line + "\n", gaz)
    assert [(d.name, d.for_name) for d in att.deputies] == [pair]
    assert "Amy Hale" in {p.name for p in att.present}


def test_represented_an_organisation_is_not_a_deputy(gaz):
    att = full("Present: Mary Vine\n\nMary Vine represented Healthwatch Anyshire.\n", gaz)
    assert att.deputies == []


def test_body_gives_roles_and_organisations(gaz):
    text = (
        "Present:\nJames Orton\nLouise Carr\nSimon Pryor\nCllr Ella Fenn\n\n"
        "1 Finance\n"
        "James Orton, Director of Finance at Stroud DC, made a presentation.\n"
        "Detective Superintendent Simon Pryor explained the figures.\n"
        "Louise Carr, Head of Housing at the County Council, presented the report.\n"
        "Response by: Cllr Ella Fenn (Cabinet Member: Transport)\n"
    )
    att = full(text, gaz)
    by_name = {p.name: p for p in att.present}
    assert (by_name["James Orton"].role, by_name["James Orton"].organisation) == (
        "Director of Finance", "Stroud District Council")
    assert by_name["Simon Pryor"].role == "Detective Superintendent"
    assert by_name["Louise Carr"].role == "Head of Housing"
    assert by_name["Ella Fenn"].role == "Cabinet Member: Transport"


def test_people_taking_part_are_added_but_not_people_merely_mentioned(gaz):
    text = (
        "Anytown Borough Council\nMINUTES of meeting of the Cabinet\nHeld on 4 March 2020\n\n"
        "Present\n\nCllr Rita Hume\nCllr Omar Said\n\n"
        "1. Questions\n"
        "Question 1: Cllr Wendy Lyle\n"
        "Response by: Cllr Rita Hume (Leader of the Council)\n"
        "2. Budget\n"
        "Graham Tait, Head of Finance, attended for this item and talked to the report.\n"
        "Karen Oduya, (Chief Executive of Anytown Borough Council), agreed to provide a briefing.\n"
        "The Leader thanked Peter Moss for his work. Julia Street was unable to attend.\n"
    )
    att = full(text, gaz, body="Anytown Borough Council Cabinet")
    by_name = {p.name: p for p in att.present}
    assert {"Wendy Lyle", "Graham Tait", "Karen Oduya"} <= set(by_name)
    assert not {"Peter Moss", "Julia Street"} & set(by_name)
    assert by_name["Wendy Lyle"].organisation == "Anytown Borough Council"
    assert by_name["Graham Tait"].role == "Head of Finance"
    assert by_name["Karen Oduya"].role == "Chief Executive"
    assert by_name["Rita Hume"].role == "Leader of the Council"
