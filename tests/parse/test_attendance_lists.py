"""Attendance blocks: "Present:" lists, Name-role-organisation runs, officers, guests, absentees."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.gazetteer import default
from kg.parse.attendance import parse_attendance
from kg.parse.header import parse_header

FIXTURES = Path(__file__).parent / "fixtures" / "attendance"


@pytest.fixture(scope="module")
def gaz():
    return default()


def attendance(name: str, gaz):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    header = parse_header(text, [], gaz)
    return text, parse_attendance(text, [], gaz, body=header.body)


def test_one_name_a_line_with_officers_block(gaz):
    _text, att = attendance("present_one_per_line.txt", gaz)
    by_name = {p.name: p for p in att.present}
    assert list(by_name) == ["Hugh Bennett", "Mary Ashworth", "Tom O'Neill", "Grace Pemberton", "Daniel Frost",
                             "Yvonne Adebayo"]
    assert by_name["Hugh Bennett"].capacity == "chair"
    assert by_name["Mary Ashworth"].capacity == "vice-chair"
    assert by_name["Grace Pemberton"].honorific == "Councillor"
    assert (by_name["Daniel Frost"].capacity, by_name["Daniel Frost"].role) == ("officer", "Head of Planning")
    assert (by_name["Yvonne Adebayo"].capacity, by_name["Yvonne Adebayo"].role) == ("minute-taker", "Minute taker")


def test_members_of_a_council_committee_take_the_council(gaz):
    _text, att = attendance("present_one_per_line.txt", gaz)
    assert {p.organisation for p in att.present + att.apologies} == {"Riverton District Council"}


def test_comma_lists_with_in_attendance_also_present_and_absent(gaz):
    _text, att = attendance("present_comma_list.txt", gaz)
    by_name = {p.name: p for p in att.present}
    assert list(by_name) == ["Leo Marsh", "Kate Rowley", "Emma Wilde", "Joseph Ndlovu", "Fran Hughes", "Tariq Aziz",
                             "Bea Quinton"]
    assert by_name["Kate Rowley"].role == "Inspector"
    assert by_name["Fran Hughes"].capacity == "minute-taker"
    assert by_name["Tariq Aziz"].capacity == "officer"
    assert by_name["Bea Quinton"].capacity == "guest"
    # absent is neither present nor an apology
    assert "Ray Stokes" not in by_name
    assert "Ray Stokes" not in {p.name for p in att.apologies}


def test_name_role_organisation_runs_glued_on_one_line(gaz):
    _text, att = attendance("present_name_role_org_runs.txt", gaz)
    by_name = {p.name: p for p in att.present}
    assert list(by_name) == ["Janet Ogilvie", "Tom Hardcastle", "Aisha Begum", "Rob Tennant", "Philippa Grey"]
    assert (by_name["Janet Ogilvie"].capacity, by_name["Janet Ogilvie"].organisation) == (
        "chair", "Lakeside County Council")
    assert by_name["Tom Hardcastle"].role == "Chief Superintendent"
    assert by_name["Tom Hardcastle"].organisation == "Lakeside Constabulary"
    assert (by_name["Aisha Begum"].role, by_name["Aisha Begum"].organisation) == (
        "Head of Safeguarding", "NHS Lakeside Clinical Commissioning Group")
    assert (by_name["Rob Tennant"].role, by_name["Rob Tennant"].organisation) == ("Independent Chair", None)
    assert by_name["Philippa Grey"].capacity == "minute-taker"


def test_apologies_block_and_deputy_marker(gaz):
    _text, att = attendance("present_name_role_org_runs.txt", gaz)
    assert [(p.name, p.organisation, p.role) for p in att.apologies] == [
        ("Sarah Venn", "Lakeside Constabulary", "Assistant Chief Constable")]
    assert [(d.name, d.for_name) for d in att.deputies] == [("Tom Hardcastle", "Sarah Venn")]


def test_councillors_list_with_chairman_and_substitutes(gaz):
    _text, att = attendance("councillors_inline.txt", gaz)
    by_name = {p.name: p for p in att.present}
    assert list(by_name) == ["Alice Grant", "Ben Whitlock", "Cara Jennings", "Dan Forbes"]
    assert {p.honorific for p in att.present} == {"Cllr"}
    assert by_name["Cara Jennings"].capacity == "chair"
    assert by_name["Alice Grant"].capacity == "member"
    assert [(d.name, d.for_name) for d in att.deputies] == [("Dan Forbes", "Eve Marlow")]
    assert "Ivan Brooks" not in by_name


def test_block_stops_at_the_first_sentence(gaz):
    text = "Present:\nCllr Jo Banks\nMr Lee Hart\nThe Chair welcomed everyone to the meeting.\nRuth Moss noted the report.\n"
    att = parse_attendance(text, [], gaz)
    assert [p.name for p in att.present] == ["Jo Banks", "Lee Hart"]
    assert att.regions and "welcomed" not in att.regions[0].quote(text)


def test_plain_cllr_lines_under_present_with_postnominals(gaz):
    text = "Present\n\nCllr Ann Shaw MBE\nCllr Colin Pryce OBE JP\nCllr Dee Lamb\n\n1. Minutes\n"
    att = parse_attendance(text, [], gaz)
    assert [(p.name, p.postnominals) for p in att.present] == [
        ("Ann Shaw", ["MBE"]), ("Colin Pryce", ["OBE", "JP"]), ("Dee Lamb", [])]


def test_entry_spans_quote_the_person(gaz):
    text, att = attendance("present_name_role_org_runs.txt", gaz)
    for p in att.present:
        assert p.name in p.span.quote(text)
