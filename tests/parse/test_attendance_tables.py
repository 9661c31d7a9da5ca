"""Attendance tables: people run together in cells, wrapped organisations, apologies and role columns."""

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


def orgs(people) -> dict[str, str | None]:
    return {p.name: p.organisation for p in people}


def test_names_run_together_in_a_cell_are_split(gaz):
    _text, att = attendance("table_three_columns.txt", gaz)
    names = [p.name for p in att.present]
    assert names[:4] == ["Helen Marsh", "Gareth Lloyd", "Peter Quinn", "Sally Okafor"]
    assert {"Rachel Singh", "Owen Price", "Lucy Tran"} <= set(names)


def test_wrapped_organisation_is_joined_and_shared_by_both_rows(gaz):
    _text, att = attendance("table_three_columns.txt", gaz)
    people = orgs(att.present + att.apologies)
    assert people["Julie Fenwick"] == people["Tom Ashby"] == "Office of the Police and Crime Commissioner"
    assert people["Dennis Cole"] == "Office of the Police and Crime Commissioner"
    # the row before the wrapped pair keeps its own (abbreviated) council
    assert people["Peter Quinn"] == "Riverton District Council"


def test_apologies_column_takes_the_row_organisation(gaz):
    _text, att = attendance("table_three_columns.txt", gaz)
    apologies = orgs(att.apologies)
    assert apologies == {
        "Amir Khan": "Riverton District Council",
        "Dennis Cole": "Office of the Police and Crime Commissioner",
        "Harriet Moore": "Northshire Clinical Commissioning Group",
    }
    assert not {p.name for p in att.present} & set(apologies)


def test_chair_marker_and_honorifics(gaz):
    _text, att = attendance("table_three_columns.txt", gaz)
    chair = att.present[0]
    assert (chair.name, chair.honorific, chair.role, chair.capacity) == ("Helen Marsh", "Cllr", "Chair", "chair")
    singh = next(p for p in att.present if p.name == "Rachel Singh")
    assert singh.honorific == "Dr"


def test_empty_organisation_cell_gives_none(gaz):
    _text, att = attendance("table_three_columns.txt", gaz)
    assert orgs(att.present)["Lucy Tran"] is None


def test_role_and_organisation_in_one_cell(gaz):
    _text, att = attendance("table_two_columns.txt", gaz)
    by_name = {p.name: p for p in att.present}
    assert (by_name["Karen Ellis"].role, by_name["Karen Ellis"].organisation) == (
        "Programme Manager", "Home Office Violence Reduction Unit")
    pike = by_name["Graham Pike"]
    assert pike.role == "Government representative"
    assert pike.organisation == "Ministry of Housing, Communities and Local Government"
    # a role with no organisation in it
    assert (by_name["Nadia Rahman"].organisation, by_name["Nadia Rahman"].role) == (None, "Independent Adviser, Housing")


def test_two_column_table_wraps_and_courtesy_titles(gaz):
    _text, att = attendance("table_two_columns.txt", gaz)
    by_name = {p.name: p for p in att.present}
    assert by_name["Colin Dwyer"].honorific == "Mr" and by_name["Priya Shah"].honorific == "Ms"
    assert by_name["Stuart Bell"].organisation == by_name["Martin Crowe"].organisation == "Eastvale Fire and Rescue Service"


def test_four_columns_with_role_column(gaz):
    _text, att = attendance("table_four_columns.txt", gaz)
    by_name = {p.name: p for p in att.present}
    assert by_name["Joan Reid"].capacity == "chair"
    assert by_name["Fiona Clark"].role == "Director of Public Health"
    assert by_name["Brian Ostrowski"].organisation == "Healthwatch Westbury"
    apologies = {p.name: p for p in att.apologies}
    # nobody attended for the CCG row: the apology takes its role and organisation
    assert apologies["Mark Devlin"].role == "Accountable Officer"
    assert apologies["Mark Devlin"].organisation == "Westbury Clinical Commissioning Group"
    assert apologies["Anna Lowe"].organisation == "Healthwatch Westbury"


def test_markdown_pipe_table(gaz):
    _text, att = attendance("table_pipes.md", gaz)
    assert [p.name for p in att.present] == ["Claire Dunn", "Ian Fraser", "Alan Whyte", "Maria Gomez"]
    fraser = att.present[1]
    assert (fraser.honorific, fraser.role, fraser.organisation) == ("Supt", "Superintendent", "Mersey Police")
    assert [(p.name, p.organisation) for p in att.apologies] == [("Kelly Burns", "Mersey Police")]


def test_space_aligned_table(gaz):
    text = (
        "Minutes of the Hillcrest Board\n\n"
        "Name                     Organisation                 Apologies\n"
        "Cllr Ruth Peel           Hillcrest Borough Council    Cllr Ken Ayres\n"
        "Simon Okoro              Hillcrest CCG\n\n"
        "1 Welcome\n"
    )
    att = parse_attendance(text, [], gaz)
    assert [(p.name, p.organisation) for p in att.present] == [
        ("Ruth Peel", "Hillcrest Borough Council"), ("Simon Okoro", "Hillcrest Clinical Commissioning Group")]
    assert [p.name for p in att.apologies] == ["Ken Ayres"]


def test_spans_point_at_the_cell_and_table_is_a_region(gaz):
    text, att = attendance("table_three_columns.txt", gaz)
    for p in att.present + att.apologies:
        assert p.span is not None
        assert p.name.split()[-1] in p.span.quote(text)
    assert len(att.regions) == 1
    region = att.regions[0].quote(text)
    assert region.startswith("Name\tOrganisation") and "Lucy Tran" in region
    assert "Minutes of the last meeting" not in region
