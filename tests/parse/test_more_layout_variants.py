"""More layout families, each rule on variants written here: minutes pasted into an e-mail,
wiki records, Word forms, NHS trust boards, council pages and pdftotext output.

Attendance with initials and organisations in brackets, status columns, rank
abbreviations, deputies named in a cell or a clause; title blocks; minute
numbers coded with a dot; decisions wrapped by width or numbered inline;
owners in a note; one action logged twice; page furniture between pages.
"""

from __future__ import annotations

import pytest

from kg.documents import read_document
from kg.gazetteer import default
from kg.parse import parse
from kg.readers.text import without_email_header, without_page_furniture
from kg.records import Document


def parsed(text: str):
    return parse(Document(text=text, source="x.txt", kind="text", sha256="0" * 64))


def people(rec, which: str = "present") -> dict[str, tuple[str | None, str | None]]:
    return {p.name: (p.organisation, p.role) for p in getattr(rec, which)}


def deputies(rec) -> set[tuple[str, str]]:
    return {(d.name, d.for_name) for d in rec.deputies}


HEAD = "Safer Wexford Partnership Board\nTuesday 14 January 2025\n\n"
TAIL = "\n\nItem 1 - Welcome\n\nThe Chair welcomed everyone.\n"


# -- attendance ------------------------------------------------------------------------


@pytest.mark.parametrize("dash", [" - ", " – ", " — "])
def test_present_list_with_own_initials_organisation_and_role_after_a_dash(dash):
    rec = parsed(HEAD + f"Present: Cllr Ruth Okonkwo (RO) (Wexford City Council){dash}Chair, Supt Ian Marchetti (IM) "
                 f"(Northshire Police){dash}Vice Chair, Jas Mann (JM) (Office of the Police and Crime Commissioner), "
                 "Hannah Skelton (HS) (Wexford City Council - Community Safety Manager)" + TAIL)
    got = people(rec)
    assert set(got) == {"Ruth Okonkwo", "Ian Marchetti", "Jas Mann", "Hannah Skelton"}
    assert got["Ruth Okonkwo"] == ("Wexford City Council", "Chair")
    assert got["Ian Marchetti"][0] == "Northshire Police"
    assert got["Hannah Skelton"] == ("Wexford City Council", "Community Safety Manager")


def test_bracketed_capitals_are_initials_only_when_they_are_the_persons_own():
    rec = parsed(HEAD + "Present: Ruth Okonkwo (RO), John Smith (GCC), Mary-Jane Oduya (MJO) (Wexford Homes)" + TAIL)
    got = people(rec)
    assert got["John Smith"][0] == "Gloucestershire County Council"  # an organisation's initials stay one
    assert got["Mary-Jane Oduya"][0] == "Wexford Homes"
    assert "Ruth Okonkwo" in got


@pytest.mark.parametrize("deputy,rank_off", [
    ("SM Kay Driscoll", "Kay Driscoll"),
    ("Kay Driscoll", "Kay Driscoll"),
    ("Station Manager Kay Driscoll", "Kay Driscoll"),
])
def test_apologies_prose_with_from_repeated_and_a_deputy_clause(deputy, rank_off):
    rec = parsed(HEAD + "Present: Cllr Ruth Okonkwo (Wexford City Council), Hannah Skelton (Wexford City Council)\n\n"
                 "Apologies were received from Group Manager Mark Tully (Northshire Fire and Rescue Service), with "
                 f"{deputy} attending on his behalf, from Dr Femi Adebayo (NHS Northshire Integrated Care Board) and "
                 "from Cllr Peter Vance (Northshire County Council)." + TAIL)
    assert people(rec, "apologies") == {
        "Mark Tully": ("Northshire Fire and Rescue Service", "Group Manager"),
        "Femi Adebayo": ("NHS Northshire Integrated Care Board", None),
        "Peter Vance": ("Northshire County Council", None),
    }
    assert deputies(rec) == {(rank_off, "Mark Tully")}


@pytest.mark.parametrize("note", ["– Deputy for ACC Mark Brennan", "- Deputy for ACC Mark Brennan",
                                  "– Substitute for ACC Mark Brennan"])
def test_status_column_attended_y_n_deputy_with_the_deputy_named_in_the_name_cell(note):
    rec = parsed(HEAD + "Attendance\n\nName\tOrganisation\tAttended (Y/N/Deputy)\n"
                 "ACC Mark Brennan\tKestrel Police\tN\n"
                 f"Supt Lara Okafor (LO) {note}\tKestrel Police\tDeputy\n"
                 "Tom Kavanagh (TK)\tTenbridge Borough Council\tY\n" + TAIL)
    assert set(people(rec)) == {"Lara Okafor", "Tom Kavanagh"}
    assert set(people(rec, "apologies")) == {"Mark Brennan"}  # a plain "N" is read as apologies
    assert deputies(rec) == {("Lara Okafor", "Mark Brennan")}


@pytest.mark.parametrize("sub", ["Sub: Nicola Breen", "Substitute: Nicola Breen", "Represented by Nicola Breen"])
def test_present_column_of_ticks_apologies_and_a_named_substitute(sub):
    rec = parsed("Aldermoor Health and Wellbeing Board\nThursday 27 March 2025\n\nMembership and attendance\n\n"
                 "Member\tRepresenting\tPresent\n"
                 "Cllr Joanne Pemberton (Chair)\tAldermoor Council\t✓\n"
                 "Cllr Martin Hale\tAldermoor Council\tApologies\n"
                 f"Gareth Lyle\tAldermoor Council – Director of Adult Social Services\t{sub}\n" + TAIL)
    assert set(people(rec)) == {"Joanne Pemberton", "Nicola Breen"}
    assert people(rec)["Nicola Breen"][0] == "Aldermoor Council"
    assert set(people(rec, "apologies")) == {"Martin Hale", "Gareth Lyle"}
    assert deputies(rec) == {("Nicola Breen", "Gareth Lyle")}


TRUST = ("Wyvern Valley NHS Foundation Trust\tMinutes of the Board of Directors – Part 1\n\n"
         "Wyvern Valley NHS Foundation Trust\n"
         "Minutes of the meeting of the Board of Directors held in public\nThursday 5 September 2024 at 10:00\n\n"
         "Present:\n{first}\nDr Martin Feeney, Senior Independent Director\nGillian Sato, Non-Executive Director\n"
         "{second}\nSimon Kettering, Chief Executive\n"
         "Jessica Bell, Deputy Chief Nurse (deputising for Linda Cope, Chief Nurse)\n"
         "In attendance:\nTomasz Nowak, Director of People (non-voting)\n"
         "Apologies: Linda Cope, Chief Nurse\n\n1. WELCOME\n\nThe Chair welcomed members.\n")


@pytest.mark.parametrize("first,second", [("Non-Executive Directors", "Executive Directors"),
                                          ("Voting members:", "Executive members:"),
                                          ("Non-Executive Directors:", "Executive Directors:")])
def test_trust_board_groups_in_the_present_list_and_the_trust_as_organisation(first, second):
    rec = parsed(TRUST.format(first=first, second=second))
    assert rec.body == "Wyvern Valley NHS Foundation Trust Board of Directors"
    got = people(rec)
    assert set(got) == {"Martin Feeney", "Gillian Sato", "Simon Kettering", "Jessica Bell", "Tomasz Nowak"}
    assert got["Simon Kettering"] == ("Wyvern Valley NHS Foundation Trust", "Chief Executive")
    assert got["Tomasz Nowak"][1] == "Director of People"  # "(non-voting)" says how, not what
    assert deputies(rec) == {("Jessica Bell", "Linda Cope")}


@pytest.mark.parametrize("note", ["for item 6", "(for item 6 only)", "for items 5 and 6", "for minute OSC.25"])
def test_a_note_of_the_items_attended_is_neither_name_nor_post(note):
    rec = parsed(HEAD + "Also in attendance: Dr Sunita Varma (Consultant in Public Health, Wexford City Council), "
                 f"Owen Blackmore (Head of Medicines Optimisation, Wexford Homes) {note}, and Lucy Hargreaves "
                 "(Democratic Services Officer, Wexford City Council) – minutes." + TAIL)
    got = people(rec)
    assert got["Owen Blackmore"] == ("Wexford Homes", "Head of Medicines Optimisation")
    assert got["Sunita Varma"] == ("Wexford City Council", "Consultant in Public Health")


def test_members_in_two_columns_with_an_unfamiliar_name_and_officers_aligned_on_the_label_line():
    rec = parsed("FENMARSH DISTRICT COUNCIL\n\nMINUTES of a meeting of the OVERVIEW AND SCRUTINY COMMITTEE\n"
                 "held on Monday 18 November 2024\n\n   PRESENT:\n\n"
                 "   Councillors:   Anne Whitlock (Chair)             Dev Mistry\n"
                 "                  Danny Brannigan                   Lian Yeo\n\n"
                 "   Officers present:  Dr Neil Carrow         Director of Place\n"
                 "                      Priti Shah             Climate Change Officer\n\n"
                 "   OSC.20       APOLOGIES FOR ABSENCE\n\n   None.\n\n   OSC.21       MINUTES\n\n   Agreed.\n")
    got = people(rec)
    assert {"Anne Whitlock", "Dev Mistry", "Danny Brannigan", "Lian Yeo", "Neil Carrow", "Priti Shah"} <= set(got)
    assert got["Neil Carrow"][1] == "Director of Place"
    assert got["Danny Brannigan"][0] != "Lian Yeo"


@pytest.mark.parametrize("clause", ["who was attending for Imran Siddiqui",
                                    "Assistant Director of Housing, who was attending for Imran Siddiqui"])
def test_deputy_named_in_a_relative_clause(clause):
    rec = parsed(HEAD + "Present: Cllr Ruth Okonkwo (Wexford City Council)\n\n1. Welcome\n\n"
                 f"The Chair welcomed everyone, including Lorna Fox, {clause}.\n")
    assert ("Lorna Fox", "Imran Siddiqui") in deputies(rec)


@pytest.mark.parametrize("rank", ["Lt Col", "Station Manager", "Group Manager", "Squadron Leader"])
def test_military_and_fire_ranks_are_honorifics(rank):
    rec = parsed(HEAD + f"Present: {rank} Fiona Marsh (43 Brigade), Jo Coast (Wexford City Council)" + TAIL)
    assert "Fiona Marsh" in people(rec)


# -- header ----------------------------------------------------------------------------

EMAIL = ("From: Linton, Zoe <zoe@example.gov.uk>\nSent: 16 January 2025 15:42\nTo: Board Members\n"
         "Subject: Board 14.01.25 - draft notes\n\n[EXTERNAL] OFFICIAL\n\nHi all,\n\nPlease find below the draft notes "
         "of Tuesday's Board, with the action points.\n\nThanks\nZoe\n\n{rule}\n\nSAFER WEXFORD PARTNERSHIP BOARD\n"
         "Notes of meeting held via Microsoft Teams\nTuesday 14 January 2025, 10:00 - 11:45\n\n"
         "Present: Cllr Ruth Okonkwo (Wexford City Council), Jo Coast (Wexford Homes)\n" + TAIL)


@pytest.mark.parametrize("rule", ["________________________________", "-" * 40, "=" * 12])
def test_minutes_pasted_into_an_email_are_read_below_its_header_and_covering_note(rule):
    text = without_email_header(EMAIL.format(rule=rule))
    assert len(text) == len(EMAIL.format(rule=rule)) and "Sent:" not in text and "Hi all" not in text
    rec = parsed(text)
    assert rec.body == "Safer Wexford Partnership Board"
    assert rec.date == "2025-01-14"


def test_an_email_header_needs_from_sent_and_to():
    text = "From: the Chair\nSubject: minutes\n\nBoard\n14 January 2025\n"
    assert without_email_header(text) == text


@pytest.mark.parametrize("label,value", [("Meeting", "Aldermoor Health and Wellbeing Board"),
                                         ("Committee", "Aldermoor Health and Wellbeing Board")])
def test_title_block_of_label_and_value_cells(label, value):
    rec = parsed(f"MINUTES\n\n{label}\t{value}\nDate\tThursday 27 March 2025\n"
                 "Venue\tCouncil Chamber, Aldermoor Civic Centre\n\n1.\tWelcome\n\nText.\n\n2.\tClose\n\nText.\n")
    assert rec.body == value
    assert rec.location == "Council Chamber, Aldermoor Civic Centre"


def test_a_table_header_row_is_not_a_title_block():
    rec = parsed("Wexford Board\n\nMeeting\tDate\tVenue\nBoard\t14 January 2025\tHall\n\n1. Welcome\n\nText.\n")
    assert rec.body == "Wexford Board"


@pytest.mark.parametrize("meta", ["*Page last edited by Hollis, Megan on 29/07/2024 14:12*",
                                  "Last updated 29 July 2024 by the secretariat", "[[_TOC_]]", "---"])
def test_page_history_macros_and_rules_are_not_titles(meta):
    rec = parsed(f"{meta}\n\nKestrel Local Resilience Forum Strategic Board\n\nRecord of Meeting\n\n"
                 "Date: Wednesday 17 July 2024\n\n1. Welcome\n\nText.\n\n2. Close\n\nText.\n")
    assert rec.body == "Kestrel Local Resilience Forum Strategic Board"


# -- items -----------------------------------------------------------------------------


def test_minutes_numbered_with_a_committee_code_and_a_dot_and_titles_wrapped_in_capitals():
    rec = parsed("Overview and Scrutiny Committee\n18 November 2024\n\n"
                 "OSC.20       APOLOGIES FOR ABSENCE\n\nNone.\n\n"
                 "OSC.21       UK SHARED PROSPERITY FUND AND RURAL ENGLAND PROSPERITY\n"
                 "             FUND - DELIVERY UPDATE\n\nThe Committee received an update.\n\n"
                 "OSC.22       FULL BUSINESS CASE: DIAGNOSTIC CENTRE PHASE\n             2\n\nText.\n\n"
                 "OSC.23       WORK PROGRAMME\n\nNoted.\n")
    assert [(i.number, i.title) for i in rec.items] == [
        ("OSC.20", "APOLOGIES FOR ABSENCE"),
        ("OSC.21", "UK SHARED PROSPERITY FUND AND RURAL ENGLAND PROSPERITY FUND - DELIVERY UPDATE"),
        ("OSC.22", "FULL BUSINESS CASE: DIAGNOSTIC CENTRE PHASE 2"),
        ("OSC.23", "WORK PROGRAMME"),
    ]


# -- decisions -------------------------------------------------------------------------

ITEMS = "Wexford Board\n14 January 2025\n\n1. Minutes\n\n{one}\n\n2. Close\n\nThe meeting closed at 4pm.\n"


@pytest.mark.parametrize("label", ["DECISION 24/07:", "Decision 12:", "DECISION No. 3 -", "Decision:"])
def test_decision_labels_with_a_reference(label):
    rec = parsed(ITEMS.format(one=f"{label} The record of the meeting held on 17 April 2024 was approved."))
    assert [d.text for d in rec.decisions] == ["The record of the meeting held on 17 April 2024 was approved."]


@pytest.mark.parametrize("one,want", [
    ("RESOLVED that the minutes of the meeting of the Committee held on\n7 October 2024 be confirmed as a correct "
     "record.", "That the minutes of the meeting of the Committee held on 7 October 2024 be confirmed as a correct "
                "record."),
    ("Resolved: that the Board approves the commissioning plan for the Skills\nBootcamps Programme 2024/25.",
     "That the Board approves the commissioning plan for the Skills Bootcamps Programme 2024/25."),
    ("The Partnership AGREED that the Task and Finish Group should pro-\nduce the delivery plan.",
     "The Partnership AGREED that the Task and Finish Group should produce the delivery plan."),
])
def test_a_decision_wrapped_by_width_is_one_sentence(one, want):
    assert [d.text for d in parsed(ITEMS.format(one=one)).decisions] == [want]


def test_a_label_over_a_list_intro_is_not_a_wrapped_sentence():
    rec = parsed(ITEMS.format(one="Decision\nThe IJB:\n\n1. noted the report; and\n\n"
                                  "2. approved the use of £1.2 million from general reserves."))
    assert [d.text.casefold() for d in rec.decisions] == ["approved the use of £1.2 million from general reserves."]


@pytest.mark.parametrize("lead", ["Resolved: that the Board", "RESOLVED – That Cabinet", "It was agreed that the Board"])
def test_points_numbered_inline_after_a_few_words(lead):
    rec = parsed(ITEMS.format(one=f"{lead} (a) approve the full business case for phase 2 at a cost of £6.4m; and "
                                  "(b) delegate authority to the Chief Executive to award the contract."))
    texts = [d.text.casefold() for d in rec.decisions]
    assert len(texts) == 2 and texts[0].startswith("approve") and texts[1].startswith("delegate")


def test_a_point_that_notes_on_its_last_line_is_not_a_decision():
    rec = parsed(ITEMS.format(one="RESOLVED that\n\n(1)  the progress made in the first year of the Action\n"
                                  "     Plan be noted;\n\n(2)  the refreshed Action Plan be adopted."))
    assert [d.text.casefold() for d in rec.decisions] == ["the refreshed action plan be adopted."]


# -- actions ---------------------------------------------------------------------------

ACTS = ("Wexford Board\n14 January 2025\n\nPresent: Richard Osei-Bonsu (Wexford ICB), Angela Firth (Wexford Council), "
        "Sanjay Patel (Wexford Council)\n\n1. Welcome\n\nText.\n\n2. Reports\n\n{body}\n")


@pytest.mark.parametrize("note", ["(Owner: Sanjay Patel, by March 2025)", "(Lead: SP)", "(Owner – Sanjay Patel)"])
def test_action_owner_in_a_note_after_the_action(note):
    rec = parsed(ACTS.format(body=f"Action: Arrange a joint review of reduced timetables. {note}"))
    assert [(a.owners, a.text) for a in rec.actions] == [(["Sanjay Patel"], "Arrange a joint review of reduced timetables")]


def test_initials_with_a_hyphen_for_a_double_barrelled_name():
    rec = parsed(ACTS.format(body="ACTION: AF / RO-B – provide a joint written response within 20 working days"))
    assert [a.owners for a in rec.actions] == [["Angela Firth", "Richard Osei-Bonsu"]]


def test_an_action_set_in_an_item_and_logged_in_the_tracker_is_one_action_in_that_item():
    rec = parsed(ACTS.format(body="Action: SP to liaise with rest centre managers on activation times (tracker 24/07-03)."
                                  "\n\n3. Action Tracker\n\nRef\tAction\tOwner\tDue\tStatus\n"
                                  "24/07-03\tLiaise with district rest centre managers to reduce activation times\tSP\t"
                                  "16/10/2024\tNot started\n"
                                  "24/04-01\tCirculate the refreshed risk register\tAF\t30/06/2024\tComplete\n"))
    got = [(a.owners, a.item, a.status) for a in rec.actions]
    assert (["Sanjay Patel"], "2", "open") in got and len(got) == 2


def test_the_same_words_carried_forward_are_another_action():
    rec = parsed(ACTS.format(body="Action: SP to update the risk log and recirculate it.\n\n"
                                  "3. Next steps\n\nAction: SP to update the risk log and recirculate it."))
    assert len(rec.actions) == 2


# -- programmes and meetings -------------------------------------------------------------


def test_a_short_name_after_the_full_one_is_the_same_programme():
    rec = parsed(ITEMS.format(one="The Board received the Harrowfield Youth Justice Plan 2024-25. The Youth Justice "
                                  "Plan was endorsed, with the Supporting Families Programme and the Prevent Strategy."))
    assert set(rec.programme_names()) == {"Harrowfield Youth Justice Plan", "Supporting Families", "Prevent"}


def test_next_meeting_date_wrapped_onto_the_next_line():
    rec = parsed(ITEMS.format(one="Agreed.\n\nThe next meeting of the Committee will be held on Monday 10\n"
                                  "February 2025 at 6.30pm."))
    assert rec.next_meetings == ["2025-02-10"]


# -- readers ---------------------------------------------------------------------------

PAGES = ("Board minutes\n\n(3)  it be RECOMMENDED that £250,000 be released from\n\n   OSC 44\n"
         "\f   Overview and Scrutiny Committee      18 November 2024\n\n"
         "     the Climate Reserve to fund the panels.\n\n   OSC 45\n"
         "\f   Overview and Scrutiny Committee      18 November 2024\n\n"
         "The next paragraph starts a page.\n\n   OSC 46\n")


def test_running_headers_and_footers_between_pages_are_dropped():
    text = without_page_furniture(PAGES)
    assert "OSC 4" not in text and "18 November 2024" not in text and "\f" not in text
    assert "released from\n     the Climate Reserve" in text  # a sentence runs on over the break
    assert "panels.\n\nThe next paragraph" in text  # a paragraph break stays one


def test_text_without_form_feeds_is_left_alone():
    assert without_page_furniture("Page 1\nBoard\n") == "Page 1\nBoard\n"


@pytest.fixture(scope="module")
def gaz():
    return default()


def test_supporting_families_is_its_own_programme_beside_troubled_families(gaz):
    assert gaz.programme("Supporting Families Programme").label == "Supporting Families"
    assert gaz.programme("Troubled Families Programme").label == "Troubled Families"


# -- a fifth round: town councils, decision notices, wiki notes, trust and care partnership pages ------------


@pytest.mark.parametrize("mark", ["Min", "MIN", "Min."])
def test_minutes_numbered_min_and_a_year(mark):
    rec = parsed("Wexcombe Town Council\nMonday 10 March 2025\n\n"
                 f"{mark} 24/145  APOLOGIES FOR ABSENCE\nNone.\n\n{mark} 24/146  FINANCE\nText.\n\n"
                 f"{mark} 24/147  DATE OF NEXT MEETING\nText.\n")
    assert [(i.number, i.title) for i in rec.items] == [
        ("24/145", "APOLOGIES FOR ABSENCE"), ("24/146", "FINANCE"), ("24/147", "DATE OF NEXT MEETING")]


@pytest.mark.parametrize("how", ["unanimously", "(6 for, 0 against, 1 abstention)", "(by a majority)"])
def test_resolved_with_how_the_vote_went(how):
    rec = parsed(ITEMS.format(one=f"It was proposed by Cllr Sharpe, seconded by Cllr Dobson and RESOLVED {how} that "
                                  "the reasons for absence be accepted.\n\nIt was proposed by Cllr Chaudhry, seconded "
                                  f"by Cllr Nkemelu and RESOLVED {how} that:\n(a) a grant of £750 be awarded to the "
                                  "Allotments Association; and\n(b) a grant of £1,200 be awarded to the Youth Project."))
    assert [d.text for d in rec.decisions] == [
        "That the reasons for absence be accepted.",
        "A grant of £750 be awarded to the Allotments Association.",
        "A grant of £1,200 be awarded to the Youth Project.",
    ]


@pytest.mark.parametrize("post", ["the Town Clerk", "the Clerk and RFO", "the Director of Public Health"])
def test_a_post_with_its_holder_in_brackets(post):
    rec = parsed(HEAD + f"In attendance: {post} (Mrs Deborah Kingsley) and 3 members of the public." + TAIL)
    assert people(rec)["Deborah Kingsley"][1] == post.removeprefix("the ")


@pytest.mark.parametrize("reason", ["illness", "work commitments", "annual leave", "personal reasons"])
def test_a_reason_for_absence_is_not_a_post(reason):
    rec = parsed(HEAD + f"Apologies were received from Cllr Hilary Rowe ({reason}) and Cllr Ben Atherton." + TAIL)
    assert people(rec, "apologies")["Hilary Rowe"][1] is None


def test_a_post_then_the_organisation_in_brackets():
    rec = parsed(HEAD + "Present:\n\n- Jonathan Sefton, Director of Adult Social Care (Brackenshire County Council)\n"
                 "- Dr Amara Nwosu, Head of Safeguarding (NHS Brackenshire Integrated Care Board)\n" + TAIL)
    got = people(rec)
    assert got["Jonathan Sefton"] == ("Brackenshire County Council", "Director of Adult Social Care")
    assert got["Amara Nwosu"] == ("NHS Brackenshire Integrated Care Board", "Head of Safeguarding")


WIKI = ("# SAB Board meeting 2025-02-04\n\n> kblake edited this page on 11 Feb 2025 · 7 revisions\n\n"
        "# Brackenshire Safeguarding Adults Board — Notes of meeting\n\n**Date:** Tuesday 4 February 2025\n"
        "**Location:** Room 3.14, Ashgrove House{how}\n\n**Present**\n\n- Jo Sefton, Director (Brackenshire County "
        "Council)\n- Kirsty Blake, Board Manager (Brackenshire County Council)\n\n## 1. RAID log\n\n"
        "| Ref | Type | Description | Owner | RAG |\n|-----|------|-------------|-------|-----|\n"
        "| R3 | Risk | Partner contributions not confirmed | KB | Amber |\n\n"
        "> **Decision:** The Board agreed to fund a thematic review at a cost of up to £18,500.\n\n"
        "## 2. Action tracker\n\n- [ ] JS: circulate the revised guidance to all partners (due 12/03/2025) – item 1\n"
        "- [x] KB: upload the December notes to the website – item 1\n")


@pytest.mark.parametrize("how", [" (hybrid – MS Teams link in calendar invite)", " (and via Zoom)", ""])
def test_a_wiki_page_of_notes(how, tmp_path):
    page = tmp_path / "notes.md"
    page.write_text(WIKI.format(how=how), encoding="utf-8")
    rec = parse(read_document(page))  # through the reader: block quotes, bold and bullets cleaned
    assert rec.date == "2025-02-04"  # not the page's edit date
    assert rec.location == "Room 3.14, Ashgrove House"
    assert [d.text for d in rec.decisions] == ["The Board agreed to fund a thematic review at a cost of up to £18,500."]
    # the risk log's owners are not actions; the task list is
    assert [(a.owners, a.text, a.status, a.due) for a in rec.actions] == [
        (["Jo Sefton"], "circulate the revised guidance to all partners", "open", "2025-03-12"),
        (["Kirsty Blake"], "upload the December notes to the website", "done", None),
    ]


@pytest.mark.parametrize("status", ["Deputy for Marianne Holt", "Substituting for Marianne Holt",
                                    "Attending on behalf of Marianne Holt"])
def test_a_status_cell_naming_whom_the_row_stood_in_for(status):
    rec = parsed(HEAD + "Name\tOrganisation\tRole\tAttendance\n"
                 "Marianne Holt\tHarrowmoor Borough Council\tChief Executive\tApologies\n"
                 f"Simon Aldous\tHarrowmoor Borough Council\tDirector of Adult Social Services\t{status}\n" + TAIL)
    assert set(people(rec)) == {"Simon Aldous"}
    assert set(people(rec, "apologies")) == {"Marianne Holt"}
    assert deputies(rec) == {("Simon Aldous", "Marianne Holt")}


@pytest.mark.parametrize("line", ["These minutes were approved at the meeting on 8 April 2025.",
                                  "Date of publication: Friday 14 March 2025"])
def test_a_sentence_or_a_label_before_a_date_is_no_title(line):
    rec = parsed(f"WEXFORD DISTRICT COUNCIL\n\nCABINET\n\n{line}\n\nMeeting held on: Wednesday 12 March 2025\n\n"
                 "1. Welcome\n\nText.\n\n2. Close\n\nText.\n")
    assert rec.body == "Wexford District Council Cabinet"


def test_a_line_of_the_page_equal_to_its_footer_stays():
    page = "Board minutes\n\nFirst paragraph.\n\nFINANCE\n\nSecond paragraph.\nThird line.\n\nFINANCE\n"
    text = without_page_furniture(page + "\f" + page.replace("First", "Fourth"))
    assert text.count("FINANCE") == 2  # the two footers go, each page's own heading stays
    assert "Board minutes" not in text


@pytest.mark.parametrize("head", ["Action points from October:", "Actions from the last meeting:",
                                  "Actions carried forward from 14 November:"])
def test_a_review_of_earlier_actions_with_their_status(head):
    rec = parsed(ACTS.format(body=f"{head}\n- Oct AP1 (SP - circulate the draft assessment) - complete, on agenda.\n"
                                  "- AP4 (AF - update the tracker and share with the Board) - not done, carried forward.\n"
                                  "- (RO-B - arrange the site visit) - closed\n"))
    assert [(a.owners, a.text, a.status, a.carried_forward) for a in rec.actions] == [
        (["Sanjay Patel"], "circulate the draft assessment", "done", True),
        (["Angela Firth"], "update the tracker and share with the Board", "open", True),
        (["Richard Osei-Bonsu"], "arrange the site visit", "done", True),
    ]


# -- posts that are offices, posts in brackets, professional post-nominals -----------------------------

OFFICERS = ("Wexford Police and Crime Panel\nThursday 6 February 2025\n\nALSO IN ATTENDANCE:\n\n{rows}\n\n"
            "1. Precept\n\n{body}\n")


@pytest.mark.parametrize("post", ["Police and Crime Commissioner for Wexford", "Police, Fire and Crime Commissioner",
                                  "Police and Crime Commissioner for North Wexford",
                                  "Police and Crime Commissioner"])
def test_a_commissioner_holds_the_post_of_the_office_and_answers_for_it(post):
    rec = parsed(OFFICERS.format(rows=f"Amir Castell – {post}\n\nJune Price – Chief Executive, OPCC",
                                 body="Action: The Commissioner to provide the Panel with a written answer."))
    found = people(rec)
    assert found["Amir Castell"][1] == post
    office = "Office of the Police, Fire and Crime Commissioner" if "Fire" in post else found["June Price"][0]
    assert found["Amir Castell"][0] == office  # the office whose post it is
    assert [a.owners for a in rec.actions] == [["Amir Castell"]]


def test_the_office_of_a_commissioner_is_no_post():
    rec = parsed(OFFICERS.format(rows="June Price – Chief Executive, Office of the Police and Crime Commissioner",
                                 body="Text."))
    assert people(rec)["June Price"][1] == "Chief Executive"


@pytest.mark.parametrize(("row", "org", "role"), [
    ("Gemma Holloway – Democratic Services Officer, Wexford County Council (Panel Support Officer)",
     "Wexford County Council", "Democratic Services Officer, Panel Support Officer"),
    ("Gemma Holloway, Head of Legal, Wexford Borough Council (Monitoring Officer)",
     "Wexford Borough Council", "Head of Legal, Monitoring Officer"),
])
def test_a_post_in_brackets_after_the_organisation(row, org, role):
    assert people(parsed(OFFICERS.format(rows=row, body="Text.")))["Gemma Holloway"] == (org, role)


def test_a_note_in_brackets_after_the_organisation_is_no_post():
    rec = parsed(OFFICERS.format(rows="Gemma Holloway – Partner, Ashgrove Audit LLP (minute 24/19 only)", body="Text."))
    assert ", minute 24/19 only" not in (people(rec)["Gemma Holloway"][1] or "")


@pytest.mark.parametrize("letters", ["CPFA", "FCCA", "MRICS", "CEng", "MBA"])
def test_professional_letters_after_a_name_are_not_the_name(letters):
    rec = parsed(OFFICERS.format(rows=f"Paul Stanning {letters} – Chief Finance Officer, OPCC", body="Text."))
    assert "Paul Stanning" in people(rec)


# -- an action table from a PDF, its rows wrapped by width --------------------------------------------------

WRAPPED_TABLE = ("Action points\nRef\tAction\tOwner\tDue / status\n"
                 "AP1\tShare the stop and search dashboard with the\tSanjay Patel\t31 Oct 2024\n{after1}\n"
                 "AP2\tArrange a members' visit to the custody suite at\tAngela Firth\tComplete\n{after2}\n")


@pytest.mark.parametrize(("after1", "after2", "texts"), [
    ("group members", "Harbrook", ["Share the stop and search dashboard with the group members",
                                   "Arrange a members' visit to the custody suite at Harbrook"]),
    ("\tgroup members\t/ Richard Osei-Bonsu\t", "Harbrook police station",
     ["Share the stop and search dashboard with the group members",
      "Arrange a members' visit to the custody suite at Harbrook police station"]),
])
def test_rows_of_an_action_table_wrapped_by_width(after1, after2, texts):
    rec = parsed(ACTS.format(body=WRAPPED_TABLE.format(after1=after1, after2=after2)))
    assert [a.text for a in rec.actions] == texts
    assert rec.actions[1].status == "done" and rec.actions[0].status == "open"
    assert rec.actions[0].due == "2024-10-31"
    if "Osei" in after1:  # the owner cell went on too
        assert rec.actions[0].owners == ["Sanjay Patel", "Richard Osei-Bonsu"]


@pytest.mark.parametrize("after", ["The next meeting will be held on 9 January 2025.", "",
                                   "3. Any other business"])
def test_a_paragraph_after_an_action_table_is_not_its_last_row(after):
    rec = parsed(ACTS.format(body=WRAPPED_TABLE.format(after1="group members", after2=after)
                             + "\nThe Chair thanked members for attending."))
    assert rec.actions[-1].text == "Arrange a members' visit to the custody suite at"


# -- a form of header fields with a list among them -------------------------------------------------------

FORM = ("Fenmoor Advisory Group\n\nDate:\tThursday 3 October 2024, 6.30pm\nChair:\tBernadette Okafor\n"
        "{label}:\tChief Inspector Tariq Mahmood, Neighbourhood Policing, Fenmoor Police;\n"
        "Sian Roberts, Office of the Police and Crime Commissioner\nPolice lead:\tSuperintendent Dawn Ashworth\n\n"
        "Members present:\n Imam Yusuf Khan – Faith representative\n\n1. Welcome\nThe Chair welcomed members.\n")


@pytest.mark.parametrize("label", ["In attendance (virtual)", "In attendance (remote)", "In attendance"])
def test_a_list_in_a_form_ends_at_the_next_field(label):
    found = people(parsed(FORM.format(label=label)))
    assert found["Tariq Mahmood"] == ("Fenmoor Police", "Neighbourhood Policing")  # a field of work is no name
    assert found["Sian Roberts"][0] == "Office of the Police and Crime Commissioner"
    assert not any("Ashworth" in (role or "") for _org, role in found.values())


# -- an NHS board's web page: organisations as headings, names over their titles --------------------------

BOARD_PAGE = ("{approved}\n\nMinutes of the NHS Wexmoor Integrated Care Board meeting held in public\n\n"
              "Date: Tuesday 14 May 2024, 10:00am\n\nPresent\n\n"
              "Board members: NHS Wexmoor Integrated Care Board\n\nExecutive members\n\nName\tTitle\n"
              "Mr Daniel Heathcote\tChief Executive\nMrs Sunita Rao\tChief Finance Officer\n\n"
              "Partner members\n\nWexmoor County Council\n\nMs Nadia Farouk\tPartner Member – Director of Adults\n\n"
              "Wexmoor Hospitals NHS Foundation Trust\n\nMr Gareth Lomax\tPartner Member – Chief Executive\n\n"
              "In attendance\n\nMr Simon Threlfall\nDirector of Strategy, NHS Wexmoor ICB\n"
              "Dr Ifeoma Nwachukwu\nDirector of Public Health, Wexmoor County Council (for item 6)\n\n"
              "ICB/24/031 Welcome\n\nThe Chair welcomed members.\n")


@pytest.mark.parametrize("approved", ["Approved at the Board meeting held on 9 July 2024 | Download as PDF",
                                      "These minutes were confirmed on 9 July 2024", "Agreed by the Board on 9 July 2024"])
def test_the_date_a_page_says_the_minutes_were_approved_is_not_the_meetings(approved):
    assert parsed(BOARD_PAGE.format(approved=approved)).date == "2024-05-14"


def test_organisations_as_headings_over_the_rows_of_their_people():
    found = people(parsed(BOARD_PAGE.format(approved="")))
    assert found["Daniel Heathcote"] == ("NHS Wexmoor Integrated Care Board", "Chief Executive")
    assert found["Nadia Farouk"][0] == "Wexmoor County Council"
    assert found["Gareth Lomax"][0] == "Wexmoor Hospitals NHS Foundation Trust"


def test_a_name_on_its_own_line_over_its_title_and_organisation():
    found = people(parsed(BOARD_PAGE.format(approved="")))
    assert found["Simon Threlfall"] == ("NHS Wexmoor Integrated Care Board", "Director of Strategy")  # "ICB" spelt out
    assert found["Ifeoma Nwachukwu"] == ("Wexmoor County Council", "Director of Public Health")


def test_names_one_a_line_are_not_joined_to_each_other():
    rec = parsed("Wexmoor Board\n14 May 2024\n\nMembers present:\nMayor Fiona Redfern (Chair)\n"
                 "Councillor Adebayo Mensah (Wexmoor Borough Council)\nDr Ann Lowe\n\n1. Welcome\n\nText.\n")
    assert people(rec) == {"Fiona Redfern": (None, "Chair"), "Adebayo Mensah": ("Wexmoor Borough Council", None),
                           "Ann Lowe": (None, None)}


# -- councils as labels of their members' rows; a deputy sent, in a status column -------------------------

@pytest.mark.parametrize("label", ["PRESENT:\t", "Present:", "Members present:"])
def test_a_council_labelling_the_row_of_its_members(label):
    rec = parsed(f"Wendle Joint Committee\n26 June 2024\n\n{label}\n"
                 "Calderbrook Metropolitan Borough Council:\tCouncillors Janice Whitlow (Chair), Ahmed Rashid and "
                 "Leonie Fairclough\nHeathfield Council:\tCouncillors Peter Dunmore and Susan Etheridge\n"
                 "Pennock Vale Council:\tCouncillor Graham Tolley\n\nItem 1: Apologies\n\nApologies for absence were "
                 "received from Councillors Martin Sowerby and Carol Ingham; Councillor Susan Etheridge attended "
                 "as substitute for Councillor Ingham.\n")
    found = people(rec)
    assert found["Janice Whitlow"] == ("Calderbrook Metropolitan Borough Council", "Chair")
    assert found["Susan Etheridge"][0] == "Heathfield Council"
    assert found["Graham Tolley"][0] == "Pennock Vale Council"
    assert people(rec, "apologies") == {"Martin Sowerby": (None, None), "Carol Ingham": (None, None)}


@pytest.mark.parametrize("cell", ["Sent deputy: Kerry Walsh", "Sent substitute: Kerry Walsh", "Deputy: Kerry Walsh"])
def test_a_status_cell_naming_the_deputy_sent(cell):
    rec = parsed("Ravensholt Board\n23 January 2024\n\n| Name | Role | Organisation | Attendance |\n|---|---|---|---|\n"
                 "| Joanna Marsh | Director | Ravensholt Council | Present |\n"
                 f"| Dr Priya Nandakumar | Designated Doctor | Ravensholt Hospital Trust | {cell} |\n\n"
                 "## 1. Welcome\n\nThe Chair welcomed members.\n")
    assert set(people(rec)) == {"Joanna Marsh", "Kerry Walsh"}
    assert set(people(rec, "apologies")) == {"Priya Nandakumar"}
    assert deputies(rec) == {("Kerry Walsh", "Priya Nandakumar")}


@pytest.mark.parametrize("subs", ["Substitutes: Cllr Dawn Reilly (for Cllr Ian Bostock), Graham Sethi (for Kath Moreland)",
                                  "Cllr Dawn Reilly attended as substitute for Cllr Ian Bostock. Graham Sethi "
                                  "deputised for Kath Moreland."])
def test_those_stood_in_for_were_away(subs):
    rec = parsed("Fennmoor Board\n\nDate & Time: Thursday, 7th March 2024 at 2:00 p.m.\n\n"
                 f"Attendees: Sandra Pike (Chair), Cllr Dawn Reilly, Graham Sethi\n\n{subs}\n\n"
                 "Apologies: Sir Geoffrey Hale\n\n1. Welcome\n\nThe Chair welcomed members.\n")
    assert rec.body == "Fennmoor Board"  # "Date & Time" is a label
    assert [p.name for p in rec.apologies] == ["Geoffrey Hale", "Ian Bostock", "Kath Moreland"]
    assert deputies(rec) == {("Dawn Reilly", "Ian Bostock"), ("Graham Sethi", "Kath Moreland")}


@pytest.mark.parametrize("entry", ["Sarah Lin (SL) – for Mark Tobin", "Sarah Lin – for Mark Tobin, Probation Service",
                                   "Sarah Lin, on behalf of Mark Tobin"])
def test_a_bare_for_after_a_name_names_whom_they_stood_in_for(entry):
    rec = parsed(f"Wexmoor Board\n14 May 2024\n\nPresent:\n{entry}\nAnn Bell, Wexmoor Council\n\n1. Welcome\n\nText.\n")
    assert deputies(rec) == {("Sarah Lin", "Mark Tobin")}
    assert set(people(rec)) == {"Sarah Lin", "Ann Bell"}


# -- a title block set out in two columns (pdftotext -layout) -------------------------------------------------

TWO_COLUMNS = ("                                                                         OFFICIAL\n\n\n"
               "WEXMOOR COMMUNITY SAFETY                                    Date:      Wednesday 17 April 2024\n"
               "PARTNERSHIP                                                 Time:      10.00am – 12.15pm\n"
               "{unit}                                             Venue:     Committee Room 2,\n"
               "ACTION NOTES                                                           Wexmoor Civic Offices,\n"
               "                                                                       Station Road, Wexmoor\n\n"
               "Present: Supt Dean Marlow (Chair), Jodie Pearce\n\n1. Welcome\n\nThe Chair welcomed members.\n")


@pytest.mark.parametrize(("unit", "body"), [("Strategic Group", "Wexmoor Community Safety Partnership Strategic Group"),
                                            ("               ", "Wexmoor Community Safety Partnership")])
def test_a_title_block_in_two_columns_is_read_a_column_at_a_time(unit, body):
    rec = parsed(TWO_COLUMNS.format(unit=unit))
    assert (rec.body, rec.date, rec.time) == (body, "2024-04-17", "10:00")
    assert rec.location == "Committee Room 2, Wexmoor Civic Offices, Station Road, Wexmoor"


def test_a_title_in_capitals_is_joined_only_to_complete_a_name():
    rec = parsed("WEXMOOR DISTRICT COUNCIL\n\nCABINET\n\nRECORD OF DECISIONS\n\nMeeting held on: Wednesday 12 March 2025\n\n"
                 "1. Welcome\n\nText.\n\n2. Close\n\nText.\n")
    assert rec.body == "Wexmoor District Council Cabinet"


# -- a PDF table whose cells hold a name over a title; numbered paragraphs under "N.0" headings ---------------

TITLED_ROWS = ("Wexmoor Safeguarding Partnership\nMinutes of the meeting held on Thursday 25 January 2024\n\n"
               "Attendee\tAgency\nJonathan Akinola (Chair)\tWexmoor Safeguarding Partnership\n"
               "Independent Chair and Scrutineer\nLouise Carrow\tNHS Wexmoor Integrated Care\n"
               "Chief Nurse and Executive Lead\tBoard\nDr Priya Venkat\tWexmoor County Council\n"
               "Designated Doctor for Safeguarding Children\nDCI Mark Oduya\tWexmoor Constabulary\n"
               "Head of Public Protection (deputising for Det Supt Claire\nHennessy)\n"
               "Councillor Colin Moss Colin Fairbairn\tWexmoor Borough Council\n\n"
               "1.0\tWelcome and Apologies\n1.1\tJonathan Akinola welcomed members to the meeting and introductions were\n"
               "made.\n\n2.0\tMinutes of the Previous Meeting\n2.1\tThe minutes were agreed as an accurate record.\n"
               "ACTION: ICB / Louise Carrow to circulate the revised protocol once signed off.\n\n"
               "3.0\tFamily Hubs Update\n3.1\tLouise Carrow presented the progress report on the Family Hubs and Start\n"
               "for Life Programme.\n3.2\tMembers discussed the report and the Board thanked Louise Carrow.\n"
               "ACTION: Wexmoor County Council / Priya Venkat and Louise Carrow to bring a plan to May.\n\n"
               "4.0\tAny Other Business\n4.1\tThere was no other business.\n")


def test_a_title_under_each_name_in_a_table_of_attendees():
    found = people(parsed(TITLED_ROWS))
    assert found["Jonathan Akinola"] == ("Wexmoor Safeguarding Partnership", "Chair")
    assert found["Louise Carrow"] == ("NHS Wexmoor Integrated Care Board", "Chief Nurse and Executive Lead")
    assert found["Priya Venkat"] == ("Wexmoor County Council", "Designated Doctor for Safeguarding Children")
    assert found["Mark Oduya"][0] == "Wexmoor Constabulary"
    assert {"Colin Moss", "Colin Fairbairn"} <= set(found)  # two people in a row, not a title
    assert "Designated" not in found and "Hennessy" not in found


def test_paragraphs_numbered_under_headings_numbered_n_point_0():
    rec = parsed(TITLED_ROWS)
    assert [(i.number, i.title) for i in rec.items] == [
        ("1.0", "Welcome and Apologies"), ("2.0", "Minutes of the Previous Meeting"), ("3.0", "Family Hubs Update"),
        ("4.0", "Any Other Business")]


def test_an_action_owned_by_an_agency_and_a_named_person():
    assert [a.owners for a in parsed(TITLED_ROWS).actions] == [["Louise Carrow"], ["Priya Venkat", "Louise Carrow"]]


# -- a town council: actions set down under each minute, unlabelled ------------------------------------------

TOWN = ("MINUTES of the Meeting of the FULL COUNCIL of Wexmoor Town Council held on Monday 15th July 2024\n\n"
        "Councillors present: Cllr Patricia Naylor (Chair), Cllr Robert Ebdon, Cllr Alan Whitlam.\n\n"
        "In attendance: Mrs Helen Tranter (Clerk & RFO), Mr Owen Ridley (Deputy Clerk – minutes).\n\n"
        "24/029\tAPOLOGIES FOR ABSENCE\n\nApologies were received from Cllr Nigel Brayshaw. "
        "No apologies had been received from Cllr Oliver Stamp.\n\n24/030\tHIGHWAYS\n\n"
        "Members discussed speeding on Mill Lane. The Clerk said she would ask the police for figures.\n\n"
        "Clerk to write to the County Council requesting a speed survey on Mill Lane.\n\n"
        "Cllr Ebdon to convene the first meeting of the Steering Group.\n\n"
        "24/031\tCLOSE\n\nThe meeting closed at 9pm. Members to note the date of the next meeting.\n")


def test_actions_set_down_as_paragraphs_of_their_own():
    rec = parsed(TOWN)
    assert [(a.owners, a.text) for a in rec.actions] == [
        (["Helen Tranter"], "write to the County Council requesting a speed survey on Mill Lane"),  # the post, not the minute taker
        (["Robert Ebdon"], "convene the first meeting of the Steering Group")]


def test_no_apologies_from_a_member_is_no_apology_and_the_full_council_is_the_council():
    rec = parsed(TOWN)
    assert [p.name for p in rec.apologies] == ["Nigel Brayshaw"]
    assert rec.body == "Wexmoor Town Council"


# -- a Scottish committee's minute ----------------------------------------------------------------------------

SCOTTISH = ("MINUTE of MEETING of the HOUSING COMMITTEE held in the COUNCIL CHAMBERS, ARDLARACH on TUESDAY, "
            "10TH SEPTEMBER, 2024 at 10.00 a.m.\n\nClerk:\tHeather Crombie, Committee Services "
            "committee.services@wexmoor.gov.scot\n\nSederunt\n\nCouncillor Morag Sinclair (Convener)\n"
            "Councillor Shona Baird\n\nApologies\n\nApologies for absence were intimated on behalf of Councillor "
            "Hamish Cowie and Councillor Jennifer Lennox.\n\nItem 1. Minute of Previous Meeting\n\nThe Minute of "
            "Meeting of the Housing Committee held on 11th June, 2024 was submitted and approved as a correct "
            "record.\n\nItem 2. Close\n\nThe Convener advised that the next meeting of the Committee would take "
            "place on Tuesday, 26th November, 2024 at 10.00 a.m.\n")


def test_a_scottish_minute():
    rec = parsed(SCOTTISH)
    assert [p.name for p in rec.apologies] == ["Hamish Cowie", "Jennifer Lennox"]  # "intimated"
    assert (rec.previous_meeting, rec.next_meetings) == ("2024-06-11", ["2024-11-26"])
    assert "@" not in str(people(rec).get("Heather Crombie"))  # an address is no organisation


@pytest.mark.parametrize("body", ["Executive", "Board", "Committee"])
def test_the_body_deciding_is_not_the_attendee_whose_post_ends_in_its_name(body):
    rec = parsed(f"Wexmoor Partnership {body}\n14 May 2024\n\nPresent:\nGareth Ince, Chief Executive, Wexmoor CVS\n"
                 f"Ann Bell, Chair of the Board, Wexmoor Council\n\n1. Budget\n\nThe {body} approved the budget of £486,200.\n")
    assert [d.text for d in rec.decisions] == [f"The {body} approved the budget of £486,200."]


def test_agreed_as_follows_over_points_that_are_no_sentences():
    rec = parsed(ACTS.format(body="Notes of the meeting on 2 July agreed as an accurate record.\n\n"
                                  "Agreed the allocation as follows:\na) GBP 9,200 - two redeployable CCTV cameras\n"
                                  "b) approved a small grants round for community groups\n"))
    assert [d.text for d in rec.decisions] == [
        "Notes of the meeting on 2 July agreed as an accurate record.",
        "Agreed the allocation: GBP 9,200 - two redeployable CCTV cameras.",  # the point alone says nothing
        "Approved a small grants round for community groups."]
    assert rec.previous_meeting == "2024-07-02"


def test_a_wiki_page_title_with_its_kind_and_a_link_holding_a_date():
    rec = parsed("[[Home]] › [[RPB Meetings 2021]]\n\n# Wexmoor Regional Partnership Board – notes of meeting\n\n"
                 "**Date:** Thursday 14 October 2021, 09:30\n**Papers:** [[RPB Papers 2021-10-14]]\n\n"
                 "## Present\n\n- Cllr Huw Bevan (Wexmoor County Council) – Chair\n\n## 1. Welcome\n\nText.\n")
    assert (rec.body, rec.date) == ("Wexmoor Regional Partnership Board", "2021-10-14")


def test_a_programme_in_a_capitals_heading_and_in_the_text_is_named_once_as_the_text_prints_it():
    rec = parsed(
        "Wexcombe Town Council\nMinutes of the meeting held on 3 June 2024\n\n"
        "Min 24/150  WEXCOMBE NEIGHBOURHOOD PLAN\n"
        "Members considered the Wexcombe Neighbourhood Plan. WEXCOMBE residents had responded well.\n"
    )
    assert rec.to_json()["programmes"] == ["Wexcombe Neighbourhood Plan"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Councillor Lewis Kerr (from Item 3)", ("Lewis Kerr", None)),
        ("Councillor Douglas Munro (remote)", ("Douglas Munro", None)),
        ("Cllr Ann Hale (left at 11.30 am)", ("Ann Hale", None)),
        ("Liam Ferris, Partner, Ashgrove Audit LLP (minute 2024/19 only)", ("Liam Ferris", "Partner")),
        ("Bailie Iain MacPhail", ("Iain MacPhail", None)),
        ("PCSO Kerry Dyson (Westshire Police, for minutes 24/029 – 24/033)",
         ("Kerry Dyson", "Police Community Support Officer")),
    ],
)
def test_notes_of_when_and_how_someone_attended_are_neither_role_nor_organisation(line, expected):
    rec = parsed(f"Glenmoor Council\nPlanning Committee\nMinutes of the meeting held on 3 June 2024\n\nPresent:\n{line}\n")
    (p,) = rec.present
    assert (p.name, p.role) == expected
    assert p.organisation in (None, "Glenmoor Council", "Westshire Police", "Ashgrove Audit LLP")


def test_a_companys_own_board_gives_its_members_the_company():
    rec = parsed("# Fenwick Homes Limited\n\n**Minutes of the meeting of the Board**\n**Held on:** 25 April 2024\n"
                 "**Location:** Board Room, Fenwick House, Castlebridge, and via Microsoft Teams\n\n"
                 "### Board members present\n- Margaret Ellis (Chair)\n- Rhys Vane\n\n"
                 "### Also in attendance\n- Liam Ford, Partner, Ashgrove Audit LLP\n")
    assert [(p.name, p.organisation) for p in rec.present] == [
        ("Margaret Ellis", "Fenwick Homes Limited"), ("Rhys Vane", "Fenwick Homes Limited"),
        ("Liam Ford", "Ashgrove Audit LLP")]
    assert rec.location == "Board Room, Fenwick House, Castlebridge"


@pytest.mark.parametrize("log", ["## Actions", "Action points", "ACTION LOG:", "**Summary of actions**"])
def test_due_dates_in_an_action_log_after_the_next_meeting_item_are_not_meetings(log):
    rec = parsed(
        "Brackley Partnership Board\nMinutes of the meeting held on 14 October 2024\n\n"
        "1. Welcome\nThe Chair welcomed members.\n\n"
        "2. Any other business and date of next meeting\nNone. The next meeting will be held on 9 January 2025.\n\n"
        f"{log}\nAction\tOwner\tDue\nShare the dashboard\tDawn Ash\t31 Oct 2024\nBook the venue\tJo Reed\t5 Nov 2024\n"
    )
    assert rec.next_meetings == ["2025-01-09"]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Lune & Wyre ICP – Notes and actions", "Lune & Wyre Integrated Care Partnership"),
        ("Dunmere & Vale LEP", "Dunmere & Vale Local Enterprise Partnership"),
        ("SAB Board", "Safeguarding Adults Board"),
        ("Harrowfield YJMB – minutes", "Harrowfield Youth Justice Management Board"),
    ],
)
def test_a_partnership_named_by_its_acronym_is_spelt_out(title, body):
    rec = parsed(f"{title}\nMeeting held on 12 October 2023\n\nPresent:\nJo Reed (Chair)\n")
    assert rec.body == body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Sian Protheroe (Bryncoed County Borough Council) – Corporate Director, Social Services",
         ("Sian Protheroe", "Bryncoed County Borough Council", "Corporate Director, Social Services", None)),
        ("Rhodri Jenkins (Cartrefi Tawel) – Housing representative",
         ("Rhodri Jenkins", "Cartrefi Tawel", "Housing representative", None)),
        ("Rachel Ellis (Bryncoed County Borough Council), deputising for Owain Thomas",
         ("Rachel Ellis", "Bryncoed County Borough Council", None, "Owain Thomas")),
        # a post in the bracket keeps the old reading
        ("Amy Hale (Director of Public Health) – Stroud DC", ("Amy Hale", "Stroud District Council",
                                                            "Director of Public Health", None)),
    ],
)
def test_an_organisation_in_brackets_then_the_post_after_a_dash(line, expected):
    from kg.parse.people import parse_entries

    (e,) = parse_entries(line, default())
    assert (e.raw, e.organisation, e.role, e.deputy_for) == expected


def test_an_action_log_of_a_bilingual_document_keeps_its_owners_and_reads_by_as_when():
    rec = parsed(
        "Bwrdd Partneriaeth / Partnership Board\nDyddiad / Date: 14 October 2021\n\n"
        "Presennol / Present:\nSian Price (Tawel Council) – Director\nAlun Morris (Tawel Council) – Director\n"
        "Elin Hughes – Citizen representative\nTom Reed (Support Unit) – Manager\n\n"
        "Eitem 1 / Item 1: Croeso / Welcome\nThe Chair welcomed members.\n\n"
        "Action\tOwner\tBy\n"
        "Take the strategy to both Cabinets\tSP / AM\tDec 2021\n"
        "Set up a reference group\tElin Hughes / Tom Reed\tJan 2022\n"
        "Circulate the spend profiles\tTom Reed\t22 Oct 2021 ✅ done 21/10\n"
    )
    assert [(a.owners, a.status) for a in rec.actions] == [
        (["Sian Price", "Alun Morris"], "open"), (["Elin Hughes", "Tom Reed"], "open"), (["Tom Reed"], "done")]
