"""Layout families first met outside the seeds: one small case each."""

from __future__ import annotations

import pytest

from kg.gazetteer import default
from kg.parse.acts import parse_acts
from kg.parse.attendance import parse_attendance
from kg.parse.header import parse_header
from kg.parse.items import parse_items
from kg.records import Person


@pytest.fixture(scope="module")
def gaz():
    return default()


def test_name_dash_role_comma_organisation_lines(gaz):
    text = "Present:\nAnn Lee - Independent Chair\nDr Raj Patel - Medical Director, Eastmoor Hospitals NHS Trust\n\n1. Welcome\n"
    att = parse_attendance(text, [], gaz)
    assert [(p.name, p.organisation) for p in att.present] == [
        ("Ann Lee", None), ("Raj Patel", "Eastmoor Hospitals NHS Trust")]


def test_substituting_for_in_a_members_list(gaz):
    text = "Members present:\nCouncillor Sara Dee (Kelby Council) substituting for Councillor Neil Brand\n\n1. Minutes\n"
    att = parse_attendance(text, [], gaz)
    assert [(d.name, d.for_name) for d in att.deputies] == [("Sara Dee", "Neil Brand")]
    assert [p.name for p in att.present] == ["Sara Dee"]
    assert [p.name for p in att.apologies] == ["Neil Brand"]


def test_a_table_under_an_apologies_label_lists_apologies(gaz):
    text = "Attendees:\nName\tOrganisation\nJo Hart\tRavensdale Council\n\nApologies:\nName\tOrganisation\nSian Powell\tRavensdale Police\n"
    att = parse_attendance(text, [], gaz)
    assert [p.name for p in att.present] == ["Jo Hart"]
    assert [(p.name, p.organisation) for p in att.apologies] == [("Sian Powell", "Ravensdale Police")]


def test_members_of_the_public_are_not_attendees(gaz):
    text = "In attendance: Mrs Alison Reeve (Clerk), District Cllr Colin Baxter and 4 members of the public\n"
    att = parse_attendance(text, [], gaz)
    assert [p.name for p in att.present] == ["Alison Reeve", "Colin Baxter"]


@pytest.mark.parametrize("prefix", ["", "Minute "])
def test_minute_numbers_with_the_year(prefix):
    text = f"{prefix}12/23 Apologies\nNone.\n\n{prefix}13/23 Minutes\nAgreed.\n\n{prefix}14/23 Budget\nNoted.\n"
    assert [(i.number, i.title) for i in parse_items(text, [])] == [
        ("12/23", "Apologies"), ("13/23", "Minutes"), ("14/23", "Budget")]


@pytest.mark.parametrize(("text", "body"), [
    ("Eastmoor Safeguarding Adults Board\n\nMinutes of the Board meeting\n8 March 2023\n", "Eastmoor Safeguarding Adults Board"),
    ("Tees Combined Authority\n\nMinutes of the Combined Authority Board\nDate: 14 March 2023\n", "Tees Combined Authority Board"),
    ("Marchland LEP\nBoard Meeting - Minutes\nDate: 23 November 2021\n", "Marchland Local Enterprise Partnership Board"),  # the acronym spelt out
    ("Wold Fire Authority\n\nMinutes of the meeting of the Audit Committee held on 3 May 2023\n", "Wold Fire Authority Audit Committee"),
])
def test_a_letterhead_completes_the_body_name(gaz, text, body):
    assert parse_header(text, [], gaz).body == body


def test_action_table_rows_with_initials_due_dates_and_status(gaz):
    text = ("1. Action log\n"
            "No. | Action | Owner | Due date | Status\n"
            "1 | Circulate the policy | PG | 31/01/2023 | Complete\n"
            "2 | Arrange training | RA | 30/04/2023 | Ongoing\n")
    people = [Person("Philip Gray"), Person("Rebecca Ashworth")]
    acts = parse_acts(text, parse_items(text, []), people, gaz)
    assert [(a.owners, a.text, a.status, a.due) for a in acts.actions] == [
        (["Philip Gray"], "Circulate the policy", "done", "2023-01-31"),
        (["Rebecca Ashworth"], "Arrange training", "open", "2023-04-30"),
    ]


def test_a_post_named_as_owner_resolves_to_the_attendee_holding_it(gaz):
    text = "5. Car park\nTwo quotes were received.\nAction: Clerk to obtain a third quotation.\n"
    people = [Person("Alison Reeve", capacity="minute-taker"), Person("Jo Whitaker", capacity="chair")]
    acts = parse_acts(text, parse_items(text, []), people, gaz)
    assert [(a.owners, a.text) for a in acts.actions] == [(["Alison Reeve"], "obtain a third quotation")]


def test_resolved_label_and_lettered_points(gaz):
    text = "26. Housing\nRESOLVED: That\n(a) the programme be approved;\n(b) £2.4 million be allocated.\n27. Next\n"
    acts = parse_acts(text, parse_items(text, []), [], gaz)
    assert [d.text for d in acts.decisions] == ["The programme be approved.", "£2.4 million be allocated."]
