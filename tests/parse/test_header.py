"""Meeting header: body, date, time and location in the common layouts."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.gazetteer import default
from kg.parse.header import parse_header

FIXTURES = Path(__file__).parent / "fixtures" / "attendance"


@pytest.fixture(scope="module")
def gaz():
    return default()


def header(text: str, gaz):
    return parse_header(text, [], gaz)


@pytest.mark.parametrize("title, body, date", [
    ("Westshire Leadership Forum – 3 March 2021", "Westshire Leadership Forum", "2021-03-03"),
    ("Harbour Partnership: 26/10/2017", "Harbour Partnership", "2017-10-26"),
    ("COASTAL SAFEGUARDING BOARD - TUESDAY 9TH JUNE 2009", "Coastal Safeguarding Board", "2009-06-09"),
    ("Minutes of the Valley Health and Wellbeing Board held on Wednesday 22 August 2019 from 1.30pm",
     "Valley Health and Wellbeing Board", "2019-08-22"),
])
def test_title_line_with_date(title, body, date, gaz):
    h = header(f"\n{title}\n\nPresent: Cllr Ann Shaw\n\n1 Welcome\n", gaz)
    assert (h.body, h.date) == (body, date)
    text = f"\n{title}\n"
    assert h.spans["body"].quote(text) == title


def test_council_letterhead_and_minutes_of_the_cabinet(gaz):
    text = "Northvale\nBOROUGH COUNCIL\n\nMINUTES of meeting of the Cabinet\n\nHeld on THURSDAY 5 MAY 2022 at 2pm\n\nPresent\n"
    h = header(text, gaz)
    assert h.body == "Northvale Borough Council Cabinet"
    assert (h.date, h.time) == ("2022-05-05", "14:00")
    assert h.spans["date"].quote(text) == "THURSDAY 5 MAY 2022"


def test_form_with_labels_grouped_before_values(gaz):
    text = (FIXTURES / "present_name_role_org_runs.txt").read_text(encoding="utf-8")
    h = header(text, gaz)
    assert h.body == "Safer Lakeside Executive"
    assert (h.date, h.time) == ("2019-10-03", "10:00")
    assert h.location == "Room 4, Lakeside House, Ambleton"
    assert h.spans["location"].quote(text) == h.location


def test_labelled_fields_on_one_line(gaz):
    text = "Meeting: Eastfield Community Board\nDate: 12/01/2023\nTime: 6.30pm\nVenue: Eastfield Library, High Street\n\nPresent:\n"
    h = header(text, gaz)
    assert (h.body, h.date, h.time, h.location) == (
        "Eastfield Community Board", "2023-01-12", "18:30", "Eastfield Library, High Street")


def test_location_line_after_the_title(gaz):
    h = header("Dale Partnership – 14 June 2018\n\nCouncil Offices, Dale Road, Ripley\n\n1 Welcome\n", gaz)
    assert h.location == "Council Offices, Dale Road, Ripley"


def test_held_at_in_the_title(gaz):
    text = "Minutes of the Kingsford Community Safety Partnership meeting held at Kingsford Civic Centre on 2 February 2023\n"
    assert header(text, gaz).location == "Kingsford Civic Centre"


def test_location_of_future_meetings_is_not_taken(gaz):
    text = (
        "Dale Partnership – 14 June 2018\n\n1 Welcome\n\nText.\n\n9 Future meeting dates\n\n"
        "12 July 2018\n\nAll starting at 10am in the Members' Room at Town Hall\n"
    )
    h = header(text, gaz)
    assert h.location is None
    assert h.end < text.index("Future")


def test_empty_and_headerless_text(gaz):
    assert header("", gaz).body is None
    h = header("1 Welcome\n\nThe chair opened the meeting.\n", gaz)
    assert h.date is None and h.location is None


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("Thurs 7th Dec '23 · 2pm–4pm · Room 3", "2023-12-07"),
        ("held on Tuesday the eighteenth of June 2024, commencing at 7.00 p.m.", "2024-06-18"),
        ("on the twenty-first of March 2023", "2023-03-21"),
        ("Friday 1st of September '17", "2017-09-01"),
    ],
)
def test_dates_with_the_day_in_words_or_a_short_year(line, iso):
    from kg.parse.dates import parse_date

    assert parse_date(line) == iso
