"""Speech acts: decisions, actions, presentations and meeting references, per family."""

from __future__ import annotations

from pathlib import Path

from kg.gazetteer import default
from kg.parse.acts import Acts, parse_acts
from kg.parse.items import parse_items
from kg.records import AgendaItem, Person

FIXTURES = Path(__file__).parent / "fixtures" / "acts"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def people(*names: str, chair: str | None = None) -> list[Person]:
    out = [Person(n) for n in names]
    if chair:
        out.append(Person(chair, capacity="chair", role="Chair"))
    return out


def run(text: str, attendees: list[Person] | None = None, meeting_date: str | None = None) -> tuple[list[AgendaItem], Acts]:
    items = parse_items(text, [])
    return items, parse_acts(text, items, attendees or [], default(), meeting_date=meeting_date)


# -- decisions ---------------------------------------------------------------------


def texts(acts):
    return [d.text for d in acts.decisions]


def test_agreed_list_gives_one_decision_per_point_with_its_money():
    _, acts = run(read("decisions_district.txt"), people("Mark Ellison", "Sara Quinn"))
    by_item = [(d.item, d.text) for d in acts.decisions if d.item == "2"]
    assert by_item == [
        ("2", "To proceed with the refurbishment at a cost of £2.4m."),
        ("2", "To appoint Lakeside Build as the main contractor."),
    ]
    refurbishment = next(d for d in acts.decisions if "refurbishment" in d.text)
    assert [m.value for m in refurbishment.money] == [2_400_000]


def test_label_then_agreed_and_also_agreed():
    _, acts = run(read("decisions_district.txt"), people("Mark Ellison", "Sara Quinn"))
    item3 = [d.text for d in acts.decisions if d.item == "3"]
    assert item3 == ["Agreed to open the second round in April.", "Agreed to cap awards at £5,000."]


def test_resolved_that_and_it_was_agreed():
    _, acts = run(read("decisions_district.txt"), people("Mark Ellison", "Sara Quinn"))
    found = texts(acts)
    assert "The Committee RESOLVED that the contract extension be approved." in found
    assert "It was agreed that the Climate Action Plan be published for consultation." in found


def test_not_decisions_noted_welcomed_undertakings_outsiders_and_hopes():
    _, acts = run(read("decisions_district.txt"), people("Mark Ellison", "Sara Quinn"))
    joined = " ".join(texts(acts))
    for phrase in ("welcomed", "was noted", "take the issue away", "sensible way", "hoped", "loan"):
        assert phrase not in joined
    assert len(acts.decisions) == 7  # 1 minutes + 2 list points + 2 grants + 1 resolution + 1 climate


def test_minutes_signed_as_correct_record_sets_previous_meeting_from_the_heading():
    _, acts = run(read("decisions_district.txt"), people("Mark Ellison"), meeting_date="2020-03-02")
    assert acts.decisions[0].item == "1"
    # the heading says 9 January, the body mistypes 19 January: the heading wins
    assert acts.previous_meeting == "2020-01-09"


def test_resolved_to_numbered_list_and_resolved_paragraph():
    _, acts = run(read("decisions_cabinet.txt"), people("Neil Bryant"))
    assert [(d.item, d.text) for d in acts.decisions if d.item in ("5", "6")] == [
        ("5", "Approve the revised Adult Social Care Charging Policy."),
        ("5", "Delegate authority to the Director of Adult Services to make minor amendments."),
        ("6", "That the Treasury Management Strategy 2024/25 be recommended to Council."),
    ]


def test_resolution_only_to_note_is_not_a_decision_but_body_endorsement_and_passive_are():
    _, acts = run(read("decisions_cabinet.txt"), people("Neil Bryant"))
    assert not [d for d in acts.decisions if d.item == "7"]
    item8 = [d.text for d in acts.decisions if d.item == "8"]
    assert item8 == [
        "The Cabinet endorsed the timetable for the Local Plan Review.",
        "The consultation outcomes were agreed as the basis for the next stage.",
    ]
    assert acts.decisions[-2].programmes == ["Local Plan Review"]


def test_chair_agreeing_that_is_a_decision_but_a_member_agreeing_to_is_not():
    text = (
        "1 Youth Services\n\nCllr Amy Stone thanked Ian for his report and agreed that he should return in March.\n\n"
        "2 Parks\n\nIan Holt agreed to look into the opening hours.\n"
    )
    _, acts = run(text, people("Ian Holt", chair="Amy Stone"))
    assert [(d.item, d.text) for d in acts.decisions] == [("1", "He should return in March.")]


def test_unnumbered_minutes_still_get_decisions_without_an_item():
    _, acts = run("The notes of the meeting on 2 March 2021 were agreed.\n", [], meeting_date="2021-04-06")
    assert [(d.item, d.text) for d in acts.decisions] == [(None, "The notes of the meeting on 2 March 2021 were agreed.")]
    assert acts.previous_meeting == "2021-03-02"


# -- actions -----------------------------------------------------------------------

COLUMN_PEOPLE = ["Kiran Shah", "Mel Dunn", "Joe Fraser", "Kirsty Lowery", "Paul Rees"]


def actions_of(name: str):
    items, acts = run(read(name), people(*COLUMN_PEOPLE))
    return items, acts.actions


def test_action_for_under_previous_notes_is_carried_forward():
    _, actions = actions_of("actions_columns.md")
    prev = [a for a in actions if a.item == "Notes of the previous meeting held on 4 June 2019"]
    assert [(a.owners, a.text, a.carried_forward) for a in prev] == [
        (["Kiran Shah"], "share the training calendar with partners", True),
        ([], "health colleagues to confirm attendance at the summit", True),
    ]


def test_initials_in_an_action_column_name_the_owners_and_status():
    _, actions = actions_of("actions_columns.md")
    risk = [a for a in actions if a.item == "Risk Register"]
    assert [(a.owners, a.status) for a in risk] == [
        (["Kiran Shah"], "done"),  # the "KS (done)" closing a paragraph with no Action line
        (["Kiran Shah"], "done"),  # "Action: Kiran Shah to send ..." confirmed by the "KS (done)" line after it
        (["Mel Dunn", "Kiran Shah"], "open"),
        ([], "open"),  # "All partners to ..."
        (["Kiran Shah"], "open"),  # "Mel asked Kiran Shah to ... KS item": the column wins
    ]
    assert risk[0].text.startswith("A revised register will be presented")
    assert risk[1].text == "send Mel Dunn the scoring matrix"
    assert risk[2].text == "meet with Paul Rees outside this meeting"
    assert risk[3].text == "All partners to nominate a lead for the audit"
    assert "KS" not in risk[4].text


def test_dash_owner_lists_resolve_typos_and_a_lone_column_cell_adds_an_action():
    _, actions = actions_of("actions_columns.md")
    training = [(a.owners, a.text) for a in actions if a.item == "Training Offer"]
    assert training == [
        (["Joe Fraser", "Kirsty Lowery"], ""),
        (["Kirsty Lowery"], "circulate the revised terms of reference"),
        (["Mel Dunn", "Kiran Shah", "Joe Fraser"], ""),
    ]


def test_action_owners_by_first_name_honorific_and_several_per_paragraph():
    text = (
        "1 Estates\n\nThe group discussed the depot. Action: Supt Carla Moyo to review patrol routes. "
        "Action: Dev will draft the lease.\n\nAction – Cllr Rhys Evans, Dev Chauhan and Carla Moyo (done)\n"
    )
    _, acts = run(text, people("Carla Moyo", "Dev Chauhan", "Rhys Evans"))
    assert [(a.owners, a.text, a.status) for a in acts.actions] == [
        (["Carla Moyo"], "review patrol routes", "open"),
        (["Dev Chauhan"], "draft the lease", "open"),
        (["Rhys Evans", "Dev Chauhan", "Carla Moyo"], "", "done"),
    ]


def test_unknown_initials_are_not_owners_and_prose_actions_are_not_actions():
    text = (
        "1 Budget\n\nThe following actions were identified for the NHS and the LGA.\n\nQS\n\n"
        "Action: Omar Said to update the forecast. NHS\n"
    )
    _, acts = run(text, people("Omar Said"))
    assert [(a.owners, a.text) for a in acts.actions] == [(["Omar Said"], "update the forecast")]


# -- presentations -----------------------------------------------------------------


def test_presenters_from_each_phrasing_are_resolved_and_set_on_the_item():
    text = (
        "1 Housing\n\nAisha Begum, Head of Housing, made a PowerPoint presentation on homelessness.\n\n"
        "2 Transport\n\nMatt introduced the report. Lena Fox introduced Joel Park who made a presentation.\n\n"
        "3 Skills\n\nDr Lena Fox and Joel Park talked to the report.\n\n"
        "4 Parks\n\nThe report was circulated. He presented the figures.\n"
    )
    items, acts = run(text, people("Aisha Begum", "Matthew Lee", "Lena Fox", "Joel Park"))
    assert [(p.item, p.presenter) for p in acts.presentations] == [
        ("1", "Aisha Begum"),
        ("2", "Matthew Lee"),
        ("2", "Joel Park"),
        ("3", "Lena Fox"),
        ("3", "Joel Park"),
    ]
    assert items[1].presenters == ["Matthew Lee", "Joel Park"]
    assert items[3].presenters == []


# -- previous and next meetings ----------------------------------------------------


def test_year_less_previous_date_is_before_the_meeting_and_other_bodies_are_not_next_meetings():
    _, acts = run(read("meetings_refs.txt"), [], meeting_date="2019-11-14")
    assert acts.previous_meeting == "2019-10-03"
    assert acts.next_meetings == ["2020-01-16"]


def test_future_dates_run_together_and_dates_without_a_year():
    text = (
        "1 Welcome\n\nAll present.\n\n"
        "2 FUTURE MEETING DATES\n\n12 March 202418 June 202410 September 2024\n\n"
    )
    _, acts = run(text, [], meeting_date="2024-01-09")
    assert acts.next_meetings == ["2024-03-12", "2024-06-18", "2024-09-10"]
    text2 = "1 AOB\n\nNone.\n\nFuture meetings:\n\n4 February at Ryde Hall\n\n29 April at the Guildhall\n"
    _, acts2 = run(text2, [], meeting_date="2021-11-30")
    assert acts2.next_meetings == ["2022-02-04", "2022-04-29"]


def test_next_meeting_line_in_any_item():
    text = "1 Any other business\n\nNone.\n\nDate of next meeting: Monday 7 October 2019 at 2pm, Room 4.\n"
    _, acts = run(text, [], meeting_date="2019-07-01")
    assert acts.next_meetings == ["2019-10-07"]
