"""Layout variants met in boards' and councils' own templates, one family rule each.

Column-aligned "Members Present:" blocks without a header row, deputies named
inside an apology's brackets, numbered paragraphs before a decision, a body
acting as "the group", upper-case header lines, "held in public", and the
unnumbered closing headings after numbered ones.
"""

from __future__ import annotations

import pytest

from kg.gazetteer import default
from kg.parse import parse
from kg.parse.acts import parse_acts
from kg.parse.attendance import parse_attendance
from kg.parse.header import parse_header
from kg.parse.items import parse_items
from kg.records import Document, Person, Span


@pytest.fixture(scope="module")
def gaz():
    return default()


def attendance(text: str, gaz):
    return parse_attendance(text, [], gaz, body=parse_header(text, [], gaz).body)


def decisions(text: str, attendees: list[Person] | None = None) -> list[str]:
    items = parse_items(text, [])
    return [d.text for d in parse_acts(text, items, attendees or [], default()).decisions]


# -- attendance --------------------------------------------------------------------


@pytest.mark.parametrize("gap", ["   ", "          ", "  "])
def test_members_block_aligned_in_columns_without_a_header_row(gap, gaz):
    text = (f"Harbour Care Board\n\nMembers Present:\nAnya Lund{gap}Chair\n"
            f"Piers Mott{gap}Chief Finance Officer\nCllr Rosa Vane{gap}Partner Member, Harbourside Borough Council\n"
            f"Ola Berg{gap}Minute Taker\n\n1. Welcome\nThe Chair opened the meeting.\n")
    att = attendance(text, gaz)
    by_name = {p.name: p for p in att.present}
    assert list(by_name) == ["Anya Lund", "Piers Mott", "Rosa Vane", "Ola Berg"]
    assert (by_name["Anya Lund"].capacity, by_name["Anya Lund"].role) == ("chair", "Chair")
    assert by_name["Piers Mott"].role == "Chief Finance Officer"
    assert (by_name["Rosa Vane"].role, by_name["Rosa Vane"].organisation) == (
        "Partner Member", "Harbourside Borough Council")
    assert by_name["Ola Berg"].capacity == "minute-taker"
    assert not any(p.name.startswith("The Chair") for p in att.present)


@pytest.mark.parametrize("note", ["(Deputising: Lee Hart)", "(represented by Lee Hart)", "(Substitute: Lee Hart)"])
def test_apology_naming_its_deputy_in_brackets(note, gaz):
    text = f"Harbour Care Board\n\nApologies:\nMira Cole {note}, Sam Ng\n\n1. Welcome\n"
    att = attendance(text, gaz)
    assert [p.name for p in att.apologies] == ["Mira Cole", "Sam Ng"]
    assert [(d.name, d.for_name) for d in att.deputies] == [("Lee Hart", "Mira Cole")]
    assert "Lee Hart" in [p.name for p in att.present]


def test_a_deputy_chair_in_brackets_is_no_deputy(gaz):
    text = "Harbour Care Board\n\nApologies:\nMira Cole (Deputy Chair), Sam Ng\n\n1. Welcome\n"
    att = attendance(text, gaz)
    assert att.deputies == []
    assert [p.name for p in att.apologies] == ["Mira Cole", "Sam Ng"]


@pytest.mark.parametrize("sentence", [
    "Apologies were received and accepted from Councillors T. Ward and K. Thomas.",
    "Apologies were received and noted from Councillors T. Ward and K. Thomas.",
    "Apologies had been received & accepted from Councillors T. Ward and K. Thomas.",
])
def test_apologies_received_and_accepted(sentence, gaz):
    text = f"Wellow Parish Council\n\n12/24 APOLOGIES\n{sentence}\n\n13/24 MINUTES\n"
    att = attendance(text, gaz)
    assert [p.name for p in att.apologies] == ["T. Ward", "K. Thomas"]


# -- header ------------------------------------------------------------------------


@pytest.mark.parametrize("line, place", [
    ("Minutes of the Board Meeting held in Public\nWednesday 27 March 2024 at 10:00am\nBoard Room, Shire Hall",
     "Board Room, Shire Hall"),
    ("MINUTES OF THE MEETING HELD ON MONDAY 8TH JANUARY 2024 AT 7.00PM IN THE PARISH ROOM, BELL LANE",
     "PARISH ROOM, BELL LANE"),
    ("Minutes of the meeting held in private session on 3 May 2022 at the Guildhall, Wellow",
     "Guildhall, Wellow"),
])
def test_how_a_meeting_was_held_is_not_where(line, place, gaz):
    h = parse_header(f"Wellow Health Board\n{line}\n\nPresent: Ann Lee\n", [], gaz)
    assert h.location == place


@pytest.mark.parametrize("line, place", [
    ("Meeting held on Tues 4 May 2021, 9.30am - 11.30am, Virtual Meeting (Teams)", "Virtual Meeting (Teams)"),
    ("Minutes of the Board meeting, 2021-05-04, Wellow Innovation Centre", "Wellow Innovation Centre"),
    ("Monday 4 May 2021, Committee Room 2, County Hall", "Committee Room 2, County Hall"),
    ("Notes of meeting held on 8 February 2024, Civic Centre, Port Ellis", "Civic Centre, Port Ellis"),
])
def test_the_place_after_the_date_on_one_line(line, place, gaz):
    h = parse_header(f"Wellow Schools Forum\n{line}\n\nPresent: Ann Lee\n", [], gaz)
    assert (h.date, h.location) == ("2021-05-04" if "2021" in line else "2024-02-08", place)


def test_the_next_meeting_s_place_is_not_this_one_s(gaz):
    h = parse_header("Wellow Schools Forum\n4 May 2021\n\nNext meeting: 8 June 2021, Committee Room 2, County Hall\n",
                     [], gaz)
    assert h.location is None


@pytest.mark.parametrize("title", ["MINUTES OF THE MEETING OF THE FULL COUNCIL HELD ON 8 JANUARY 2024",
                                   "Minutes of the meeting of the Council held on 8 January 2024"])
def test_the_full_council_is_the_council_in_the_letterhead(title, gaz):
    h = parse_header(f"WELLOW TOWN COUNCIL\n\n{title}\n", [], gaz)
    assert h.body == "Wellow Town Council"


def test_a_named_committee_still_takes_the_letterhead_council(gaz):
    h = parse_header("WELLOW TOWN COUNCIL\n\nMinutes of the meeting of the Planning Committee held on 8 January 2024\n",
                     [], gaz)
    assert h.body == "Wellow Town Council Planning Committee"


# -- decisions ---------------------------------------------------------------------


@pytest.mark.parametrize("para", ["6.2", "6.2.", "(b)", "b)", "12.3.1"])
def test_numbered_paragraph_before_the_body_agreeing(para):
    text = (f"5. Finance\nReport noted.\n6. Strategy\n{para} The Board agreed to delegate approval of the strategy "
            "to the Primary Care Committee.\n")
    assert decisions(text) == ["The Board agreed to delegate approval of the strategy to the Primary Care Committee."]


@pytest.mark.parametrize("subject", ["The group", "The board", "The panel", "The partnership"])
def test_the_body_named_in_lower_case_agrees(subject):
    text = f"1. Review\nTom Hale presented the findings. {subject} agreed that the review should proceed.\n2. Close\n"
    assert decisions(text, [Person("Tom Hale")]) == [f"{subject} agreed that the review should proceed."]


def test_a_person_agreeing_after_a_paragraph_number_is_no_decision():
    text = "1. Review\n1.1 Tom Hale agreed to circulate the findings.\n2. Close\n"
    assert decisions(text, [Person("Tom Hale")]) == []


# -- items and next meetings -------------------------------------------------------


def test_unnumbered_closing_headings_after_numbered_ones():
    lines = ["Harbour Board", "Item 1: Welcome", "Opened.", "Item 2: Budget", "Agreed.", "Any other business",
             "None.", "Date of next meeting", "Thursday 9 November 2023, 14:00"]
    text = "\n".join(lines)
    starts = [text.index(t) for t in lines]
    headings = [Span(starts[k], starts[k] + len(lines[k])) for k in (0, 1, 3, 5, 7)]
    items = parse_items(text, headings)
    assert [(i.number, i.title) for i in items] == [
        ("1", "Welcome"), ("2", "Budget"), (None, "Any other business"), (None, "Date of next meeting")]
    acts = parse_acts(text, items, [], default(), meeting_date="2023-09-14")
    assert acts.next_meetings == ["2023-11-09"]


def test_sub_headings_between_numbered_items_stay_inside_them():
    lines = ["Item 1: Welcome", "Background", "Opened.", "Item 2: Budget", "Agreed.", "Summary"]
    text = "\n".join(lines)
    starts = [text.index(t) for t in lines]
    headings = [Span(starts[k], starts[k] + len(lines[k])) for k in (0, 1, 3, 5)]
    assert [(i.number, i.title) for i in parse_items(text, headings)] == [("1", "Welcome"), ("2", "Budget")]


# -- items numbered "1)" -------------------------------------------------------------


def test_items_numbered_with_a_bracket():
    text = ("1) Notes of last meeting\nThe notes were accepted.\n2) Serious Violence\nAn update was given.\n"
            "3) Funding\nIt was agreed to fund outreach.\n4) AOB\nNone.\n")
    assert [(i.number, i.title) for i in parse_items(text, [])] == [
        ("1", "Notes of last meeting"), ("2", "Serious Violence"), ("3", "Funding"), ("4", "AOB")]


def test_a_resolution_numbered_with_brackets_is_no_agenda():
    text = ("Harbour Board\nRESOLVED that:\n1) the budget be approved;\n2) the plan be adopted;\n"
            "3) officers report back in May.\n")
    assert parse_items(text, []) == []


# -- actions by initials ---------------------------------------------------------------


def actions(text: str, attendees: list[Person]):
    items = parse_items(text, [])
    return [(a.owners, a.text) for a in parse_acts(text, items, attendees, default()).actions]


ATTENDEES = [Person("Beth Sandhu"), Person("Liam Grady"), Person("Joanne Ruiz")]


@pytest.mark.parametrize("line, expected", [
    ("Action – BS/LG: draft the outreach specification", (["Beth Sandhu", "Liam Grady"], "draft the outreach specification")),
    ("Action 4 remains outstanding – BS to chase the review.", (["Beth Sandhu"], "chase the review")),
    ("JR to share the needs assessment with partners.", (["Joanne Ruiz"], "share the needs assessment with partners")),
])
def test_owners_given_by_initials(line, expected):
    text = f"1. Funding\nThe partnership was allocated funds.\n{line}\n2. AOB\nNone.\n"
    assert actions(text, ATTENDEES) == [expected]


def test_capitals_that_are_nobody_s_initials_own_nothing():
    text = "1. Funding\nNHS to provide the data. The CCG will confirm.\n2. AOB\nNone.\n"
    assert actions(text, ATTENDEES) == []


# -- what a name's brackets say ----------------------------------------------------------


def test_brackets_holding_an_organisation_and_a_role(gaz):
    text = "Wyvern Partnership\n\nAttendees: Beth Sandhu (Wyvern DC, Community Safety Manager); Ian Moss (Probation)\n"
    by_name = {p.name: p for p in attendance(text, gaz).present}
    assert (by_name["Beth Sandhu"].organisation, by_name["Beth Sandhu"].role) == (
        "Wyvern District Council", "Community Safety Manager")


def test_a_portfolio_in_brackets_stays_one_role(gaz):
    text = "Wyvern Cabinet\n\nPresent: Cllr Emma Atkinson (Cabinet Member: Fire, Planning and Infrastructure)\n"
    (person,) = attendance(text, gaz).present
    assert person.role == "Cabinet Member: Fire, Planning and Infrastructure"


# -- a council's web page ----------------------------------------------------------------


def test_councillors_named_again_mid_list_and_the_chair_inside_a_role(gaz):
    text = ("Wellbridge Cabinet\n\nPresent: Councillor Priya Shah (Leader of the Council, in the Chair); "
            "Councillors Tom Reid (Deputy Leader), Alan Birch and Grace Ndiaye.\n")
    by_name = {p.name: p for p in attendance(text, gaz).present}
    assert list(by_name) == ["Priya Shah", "Tom Reid", "Alan Birch", "Grace Ndiaye"]
    assert by_name["Priya Shah"].capacity == "chair"
    assert by_name["Tom Reid"].role == "Deputy Leader"


@pytest.mark.parametrize("intro", ["RESOLVED that Cabinet:", "Resolved that the Committee:", "It was agreed that the Board:"])
def test_resolved_that_the_body_over_numbered_points(intro):
    text = (f"47. Budget\nThe report was introduced.\n{intro}\n1. recommends a budget of £21.4m;\n"
            "2. approves the capital programme; and\n3. delegates authority to the Section 151 Officer.\n48. Close\n")
    assert decisions(text) == ["Recommends a budget of £21.4m.", "Approves the capital programme.",
                               "Delegates authority to the Section 151 Officer."]


def test_the_link_after_a_venue_is_no_part_of_it(gaz):
    h = parse_header("Cabinet - Wednesday, 10th January, 2024 10.00 am\nVenue: Council Chamber, Civic Offices. View directions\n",
                     [], gaz)
    assert h.location == "Council Chamber, Civic Offices"


# -- a table whose cells hold whole entries ------------------------------------------------


def test_present_and_apologies_columns_of_name_role_organisation_entries(gaz):
    text = ("Northvale Health and Wellbeing Board\n\nPresent\tApologies\n"
            "Cllr Helen Marsh (Chair), Northvale Council\tDr Sam Oduya, NHS Northvale ICB\n"
            "Dr Ruth Penn, Director of Public Health\tSupt Jack Frost, Northvale Police\n"
            "Karen Todd, Healthwatch Northvale\t\n\n1. Welcome\n")
    att = attendance(text, gaz)
    assert [(p.name, p.organisation, p.capacity) for p in att.present] == [
        ("Helen Marsh", "Northvale Council", "chair"), ("Ruth Penn", None, "member"),
        ("Karen Todd", "Healthwatch Northvale", "member")]
    assert att.present[1].role == "Director of Public Health"
    assert [(p.name, p.organisation) for p in att.apologies] == [
        ("Sam Oduya", "NHS Northvale Integrated Care Board"), ("Jack Frost", "Northvale Police")]


def test_a_cell_of_names_run_together_is_still_split(gaz):
    text = "Harbour Board\n\nName\tOrganisation\nCllr A Smith Cllr B Jones\tHarbour Council\n\n1. Welcome\n"
    assert [p.name for p in attendance(text, gaz).present] == ["A Smith", "B Jones"]


# -- text taken from PDFs: sentences wrapped over lines -----------------------------------


def test_unwrapping_keeps_every_offset_and_only_joins_sentences():
    from kg.parse.sentences import unwrapped

    text = ("The Board\n     agreed to transfer the hub.\nRESOLVED:\na) the budget be approved\nb) the plan adopted\n"
            "Name\tOrganisation\nAnn Lee\tHarbour Council\nand more\nThe Chair thanked\n  Members for attending.\n")
    out = unwrapped(text)
    assert len(out) == len(text)
    assert out.startswith("The Board      agreed to transfer the hub.\nRESOLVED:\n")
    assert "approved\nb) the plan" in out  # a list point opens its own line
    assert "Harbour Council\nand more" in out  # a table row is never joined
    assert "thanked\n  Members" in out  # a capital may open a new line: left alone


def test_a_line_ending_on_a_word_no_sentence_ends_on_runs_on_whatever_follows():
    from kg.parse.sentences import unwrapped

    text = "GH confirmed the\n   Growth Hub contract was extended.\n1) Approve it, and\n2) Delegate to\nB. Finance\n"
    out = unwrapped(text)
    assert out.startswith("GH confirmed the    Growth Hub contract")
    assert out.endswith("and\n2) Delegate to\nB. Finance\n")  # numbered and lettered points stay lines


def test_a_deputy_and_a_decision_wrapped_over_lines(gaz):
    text = ("Harbour Board\n\nPresent:\nAnn Lee\nCllr Rob Hart\n\n1.   Welcome\n"
            "     Apologies were noted. Cllr Rob Hart attended\n     on behalf of Cllr Sue Dell.\n"
            "2.   Transfer\n     The Board\n     agreed to transfer the Growth Hub from 1 April 2024.\n")
    record = parse(Document("harbour.txt", text, "0" * 64, "text"), gaz)
    assert [(d.name, d.for_name) for d in record.deputies] == [("Rob Hart", "Sue Dell")]
    (decision,) = record.decisions
    assert decision.text == "The Board agreed to transfer the Growth Hub from 1 April 2024."
    assert decision.span.quote(text).startswith("The Board\n     agreed")  # evidence quotes the text as printed


def test_the_body_s_own_initials_name_it(gaz):
    text = ("Marches Growth Partnership Board\n\nOfficers:\nGill Hamer – Chief Executive, MGP\n"
            "Rachel Laver – Strategy Manager, MGPB\n\n1. Welcome\n")
    assert [p.organisation for p in attendance(text, gaz).present] == [
        "Marches Growth Partnership", "Marches Growth Partnership Board"]


# -- a space-aligned table with a combined column --------------------------------------


def test_title_and_organisation_in_one_column_with_a_cell_filling_its_column(gaz):
    text = ("Northshire Strategic Performance Board\n\nATTENDEES\n"
            "Name                      Title / Organisation\n"
            "Rachel Moss               Police and Crime Commissioner (Chair)\n"
            "Chief Constable Ian Blake Northshire Police\n"
            "Tom Fielding              Chief Executive, OPCC\n\n1. Welcome\n")
    by_name = {p.name: p for p in attendance(text, gaz).present}
    assert list(by_name) == ["Rachel Moss", "Ian Blake", "Tom Fielding"]
    assert by_name["Rachel Moss"].capacity == "chair"
    assert (by_name["Ian Blake"].organisation, by_name["Ian Blake"].role) == ("Northshire Police", "Chief Constable")
    assert by_name["Tom Fielding"].role == "Chief Executive"


@pytest.mark.parametrize("label", ["Action 23/11:", "ACTION 4 -", "Action No. 7:"])
def test_numbered_action_labels(label):
    text = f"1. Performance\nThe report was noted.\n{label} JR to share the briefing with partners.\n2. AOB\nNone.\n"
    assert actions(text, ATTENDEES) == [(["Joanne Ruiz"], "share the briefing with partners")]


def test_a_unit_line_in_capitals_takes_the_letterhead_s_case(gaz):
    h = parse_header("NORTHSHIRE FIRE AND RESCUE SERVICE\nSTRATEGIC PERFORMANCE BOARD\n\nDate: 12/06/2023\n", [], gaz)
    assert h.body == "Northshire Fire and Rescue Service Strategic Performance Board"


# -- hybrid meetings and votes -------------------------------------------------------------


@pytest.mark.parametrize("label", ["Present (in person):", "Present (remotely):", "Members present (via Teams):",
                                   "Present (virtually) -"])
def test_present_lists_qualified_by_how_people_joined(label, gaz):
    text = f"Wellow Schools Forum\n\n{label} Jane Fox (Chair), Dr Alan Price (Wellow College)\n\n1. Welcome\n"
    att = attendance(text, gaz)
    assert [(p.name, p.organisation) for p in att.present] == [("Jane Fox", None), ("Alan Price", "Wellow College")]


@pytest.mark.parametrize("verb", ["voted to approve", "voted unanimously to approve", "voted in favour of"])
def test_the_body_voting_is_a_decision(verb):
    text = f"2. High Needs Block\nThe Forum {verb} the transfer of £1.1m to the High Needs Block.\n3. AOB\n"
    assert decisions(text) == [f"The Forum {verb} the transfer of £1.1m to the High Needs Block."]


def test_a_member_voting_is_no_decision():
    text = "2. High Needs Block\nMo Khan voted to approve the transfer.\n3. AOB\n"
    assert decisions(text, [Person("Mo Khan")]) == []


@pytest.mark.parametrize("lead", [
    "The following were present: Cllr Jane Fox (Chair), Cllr Mo Khan and Dr Alan Price (Wellow CCG).",
    "Those present were Cllr Jane Fox (Chair), Cllr Mo Khan and Dr Alan Price (Wellow CCG).",
    "Present were: Cllr Jane Fox (Chair), Cllr Mo Khan and Dr Alan Price (Wellow CCG).",
    "The meeting was attended by Cllr Jane Fox (Chair), Cllr Mo Khan and Dr Alan Price (Wellow CCG).",
    "Present were:\nCllr Jane Fox (Chair)\nCllr Mo Khan\nDr Alan Price (Wellow CCG)",
])
def test_attendance_introduced_by_a_sentence(lead, gaz):
    text = f"Wellow Health Board\n\n{lead}\n\n1. Welcome\nThe Chair welcomed all.\n"
    att = attendance(text, gaz)
    assert [(p.name, p.capacity) for p in att.present] == [("Jane Fox", "chair"), ("Mo Khan", "member"),
                                                          ("Alan Price", "member")]
    assert att.present[2].organisation == "Wellow Clinical Commissioning Group"


def test_a_sentence_about_being_present_later_is_no_list(gaz):
    text = "Wellow Health Board\n\nPresent: Jane Fox\n\n1. Welcome\nThose present were thanked for coming.\n"
    assert [p.name for p in attendance(text, gaz).present] == ["Jane Fox"]


@pytest.mark.parametrize("numbers", [("I.", "II.", "III.", "IV."), ("A.", "B.", "C.", "D."), ("i)", "ii)", "iii)", "iv)")])
def test_items_numbered_in_roman_numerals_or_letters(numbers):
    titles = ["Apologies", "Minutes of the last meeting", "Finance", "Any other business"]
    text = "".join(f"{n} {t}\nSomething was said.\n" for n, t in zip(numbers, titles))
    found = [(i.number, i.title) for i in parse_items(text, [])]
    if numbers[0] == "i)":  # lower-case numerals are the points of a resolution, not an agenda
        assert found == []
    else:
        assert found == [(n.rstrip(".)"), t) for n, t in zip(numbers, titles)]


def test_initials_on_consecutive_lines_are_no_agenda():
    text = "Wellow Board\nA. Smith\nB. Jones\nC. Brown\nD. White\nThe meeting opened.\n"
    assert parse_items(text, []) == []


# -- continuation lines, agenda-pack references, action logs ----------------------------


@pytest.mark.parametrize("indent", ["\t", "\t\t", "    \t"])
def test_indented_lines_continue_a_present_block(indent, gaz):
    text = (
        "Harbourside Borough Council\n\nCabinet\n\nMinutes of a meeting held on 5 October 2022\n\n"
        f"Present:\tCouncillor Mary Okafor (Leader of the Council) (Chair)\n"
        f"{indent}Councillors Peter Lang, Susan Hale and Ruth Ellis\n\n1. Apologies\n\nNone.\n"
    )
    res = attendance(text, gaz)
    assert [p.name for p in res.present] == ["Mary Okafor", "Peter Lang", "Susan Hale", "Ruth Ellis"]


@pytest.mark.parametrize(
    "ref", ["(Pages 5 - 32)", "(Page 7)", "(Agenda item 3)", "(pages 12–20)"]
)
def test_agenda_pack_references_are_not_part_of_an_item_title(ref):
    text = f"1. MINUTES {ref}\n\nAgreed.\n\n2. HOUSING DELIVERY PROGRAMME {ref}\n\nNoted.\n"
    assert [i.title for i in parse_items(text, [])] == ["MINUTES", "HOUSING DELIVERY PROGRAMME"]


@pytest.mark.parametrize("heading", ["Action Log", "Summary of Actions", "Actions tracker:", "ACTION LOG"])
def test_a_log_of_actions_after_the_last_item_belongs_to_no_item(heading, gaz):
    text = (
        "Westbury Health and Wellbeing Board\nMeeting held on 14 March 2023\n\n"
        "Present:\nPaul Irwin, Westbury Council\nJanet Cole, Healthwatch Westbury\n\n"
        "Item 1 – Strategy refresh\nPI outlined the draft.\n\nItem 2 – Any other business\nNone.\n\n"
        f"{heading}\nRef\tAction\tOwner\tDeadline\tStatus\n"
        "1\tCirculate strategy draft\tPI\t31.03.23\tOpen\n2\tUpdate terms of reference\tJC\t14.03.23\tComplete\n"
    )
    record = parse(Document("hw.txt", text, "0" * 64, "text"), gaz)
    assert [i.title for i in record.items] == ["Strategy refresh", "Any other business"]
    assert [(a.owners, a.item, a.status) for a in record.actions] == [
        (["Paul Irwin"], None, "open"),
        (["Janet Cole"], None, "done"),
    ]


def test_scottish_minute_with_a_sederunt(gaz):
    text = (
        "MINUTE of MEETING of the EDUCATION COMMITTEE of GLENMOOR COUNCIL held in the Council Chambers, "
        "Glenmoor House, Kirkton on Tuesday, 14th of March 2023 at 10.00 am.\n\n"
        "Sederunt:\nCouncillor Alison Reid (Convener);\nCouncillors Hamish Ross and Kirsty Boyd.\n\n"
        "In Attendance: Lorna Gibb (Chief Education Officer).\n\n1. DECLARATIONS OF INTEREST\nNone.\n"
    )
    header = parse_header(text, [], gaz)
    assert header.body == "Education Committee of Glenmoor Council"
    res = parse_attendance(text, [], gaz, body=header.body)
    assert [(p.name, p.organisation, p.role) for p in res.present] == [
        ("Alison Reid", "Glenmoor Council", "Convener"),
        ("Hamish Ross", "Glenmoor Council", None),
        ("Kirsty Boyd", "Glenmoor Council", None),
        ("Lorna Gibb", "Glenmoor Council", "Chief Education Officer"),
    ]


@pytest.mark.parametrize("title", ["MINUTES OF THE AUDIT COMMITTEE of BRACKEN COUNCIL", "Minute of the Audit Committee of Bracken Council"])
def test_minute_or_minutes_of_a_committee_of_a_council(title, gaz):
    assert parse_header(f"{title}\nheld on 3 May 2023\n", [], gaz).body == "Audit Committee of Bracken Council"


@pytest.mark.parametrize(
    "numbers",
    [
        ["24/113", "24/114", "24/115"],  # minute 113 of 2024
        ["78/23", "79/23", "80/23"],  # minute 78 of 2023
        ["ICB/23/043", "ICB/23/044", "ICB/23/045"],
        ["HWB 24/07", "HWB 24/08", "HWB 24/09"],
    ],
)
def test_minute_numbers_with_a_year_or_a_body_code(numbers):
    titles = ["PUBLIC PARTICIPATION", "APOLOGIES FOR ABSENCE", "FINANCE"]
    text = "".join(f"{n}  {t}\nThe Council considered the matter at length.\n\n" for n, t in zip(numbers, titles))
    assert [(i.number, i.title) for i in parse_items(text, [])] == list(zip(numbers, titles))


def test_a_sentence_saying_who_was_present_then_who_else_attended(gaz):
    text = (
        "ASHCOMBE TOWN COUNCIL\n\nMINUTES of the meeting of the Full Council held on 18 June 2024.\n\n"
        "Councillors A. Smith (Chairman), R. Penhaligon (Vice-Chairman), D. Okoro and B. Lethbridge were present. "
        "Also in attendance were the Town Clerk, Mrs Karen Polglase, the Deputy Clerk, Mr Ian Rowe, "
        "PCSO Tom Bray of Devon and Cornwall Police, and two members of the public.\n\n24/113 FINANCE\nNoted.\n"
    )
    res = attendance(text, gaz)
    assert [(p.name, p.organisation, p.role) for p in res.present] == [
        ("A. Smith", "Ashcombe Town Council", "Chair"),
        ("R. Penhaligon", "Ashcombe Town Council", "Vice-Chair"),
        ("D. Okoro", "Ashcombe Town Council", None),
        ("B. Lethbridge", "Ashcombe Town Council", None),
        ("Karen Polglase", None, "Town Clerk"),
        ("Ian Rowe", None, "Deputy Clerk"),
        ("Tom Bray", "Devon and Cornwall Police", "Police Community Support Officer"),  # a rank, as "ACC" is
    ]


def test_officers_present_at_a_meeting_is_no_list_of_names(gaz):
    text = "Minutes of the Board held on 3 May 2023\n\nOfficers from the council were present to answer questions.\n"
    assert attendance(text, gaz).present == []


ICB_PRESENT = (
    "NHS Humber Vale ICB Quality Committee\nMinutes of the meeting held on 9 November 2023\n\n"
    "Present:\nDr Priya Shah\t\tMedical Director\nBernard Osei-Tutu\tChief Nurse\n"
    "Neil Farrow\t\tDirector of Performance and Delivery\nTasha Wilkinson\tPatient Safety Specialist\n"
    "Karen Polglase\tTown Clerk\nIan Rowe\t\tDeputy Clerk\n\n"
    "ICB/23/046  PERFORMANCE REPORT\nThe report was discussed.\n"
)


@pytest.mark.parametrize(
    "line, owners",
    [
        ("Action: Chief Nurse to provide a written update.", ["Bernard Osei-Tutu"]),
        ("Action: Director of Performance and Delivery to bring a deep dive.", ["Neil Farrow"]),
        ("Action: Medical Director and Patient Safety Specialist to write to providers.", ["Priya Shah", "Tasha Wilkinson"]),
        ("Action: Clerk to place the notice on the noticeboards.", ["Karen Polglase"]),  # the Town Clerk, not the Deputy
        ("Action: the Deputy Clerk to obtain quotations.", ["Ian Rowe"]),
        ("Action: Head of Finance to report back.", []),  # no such post at the meeting
    ],
)
def test_actions_owned_by_a_post_go_to_the_attendee_holding_it(line, owners):
    record = parse(Document("icb.txt", ICB_PRESENT + line + "\n", "0" * 64, "text"), default())
    assert [a.owners for a in record.actions] == [owners]


def test_an_action_wrapped_over_lines_keeps_its_whole_text():
    text = ICB_PRESENT + "Action: Chief Nurse to provide a written update on the Maternity Safety Support\nProgramme exit criteria to the next meeting.\n\nNext item.\n"
    record = parse(Document("icb.txt", text, "0" * 64, "text"), default())
    assert [a.text for a in record.actions] == [
        "provide a written update on the Maternity Safety Support Programme exit criteria to the next meeting"
    ]


def test_a_markdown_action_table_with_a_number_column(tmp_path):
    text = (
        "# Eastmoor Health and Wellbeing Board\n\nMeeting held on 11 July 2024\n\n"
        "| Name | Organisation |\n|---|---|\n| Rachel Dawes | Eastmoor Council |\n| Gareth Lloyd-Jones | Eastmoor Council |\n\n"
        "## 1. Welcome\n\nThe Chair welcomed members.\n\n## 2. Any other business\n\nNone.\n\n## Action log\n\n"
        "| # | Action | Owner | Due | Status |\n|---|--------|-------|-----|--------|\n"
        "| 24/07-01 | Circulate the corrected minutes | Rachel Dawes | 19/07/2024 | ✅ Complete |\n"
        "| 24/07-05 | Share BCF returns with members | G. Lloyd-Jones | Quarterly | Open |\n"
    )
    from kg.documents import read_document

    (tmp_path / "hwb.md").write_text(text, encoding="utf-8")
    record = parse(read_document(tmp_path / "hwb.md"), default())
    assert [i.title for i in record.items] == ["Welcome", "Any other business"]
    assert [(a.owners, a.text, a.status, a.item) for a in record.actions] == [
        (["Rachel Dawes"], "Circulate the corrected minutes", "done", None),
        (["Gareth Lloyd-Jones"], "Share BCF returns with members", "open", None),
    ]


CA_PRESENT = (
    "South Wessex Business Board\nMinutes of the meeting held on 12 June 2024\n\n"
    "Present:\nAhmed Latif, Director of Growth\nNicola Brennan, Head of Skills\nCarol Venn, Skills Manager\n"
    "Megan Price, Board Secretary\nYasmin Patel, Safeguarding Lead\n\n"
)


@pytest.mark.parametrize(
    "line, owners, text, status",
    [
        ("The revised business case will be circulated before submission. [Action: Ahmed Latif]",
         ["Ahmed Latif"], "The revised business case will be circulated before submission", "open"),
        ("Megan Price will circulate the invitation. [Action: MP – complete]",
         ["Megan Price"], "Megan Price will circulate the invitation", "done"),
        ("It was agreed to align the plans.\n[Action: Nicola Brennan / Carol Venn – to meet with the Federation of\n"
         "Small Businesses]", ["Nicola Brennan", "Carol Venn"], "meet with the Federation of Small Businesses", "open"),
        ("The briefing is overdue (Action: YP).", ["Yasmin Patel"], "The briefing is overdue", "open"),
        ("ACTION (YP): arrange the two learning events.", ["Yasmin Patel"], "arrange the two learning events", "open"),
        ("ACTION (AL/NB): draft the bid.", ["Ahmed Latif", "Nicola Brennan"], "draft the bid", "open"),
    ],
)
def test_actions_with_their_owners_in_brackets(line, owners, text, status):
    doc = CA_PRESENT + "1. Skills\n\n" + line + "\n\n2. Any other business\n\nNone.\n"
    record = parse(Document("ca.txt", doc, "0" * 64, "text"), default())
    assert [(a.owners, a.text, a.status) for a in record.actions] == [(owners, text, status)]


def test_numbered_paragraphs_are_not_agenda_items():
    text = (
        "1.  APOLOGIES\n\n1.1 Apologies were received as listed above.\n\n2.  MINUTES\n\n"
        "2.1 The minutes of the meeting held on 14 March were agreed.\n2.2 Matters arising: none.\n\n"
        "3.  SKILLS\n\n3.1 Nicola Brennan presented the report on skills.\n3.2 The Chair thanked her for it.\n"
    )
    assert [(i.number, i.title) for i in parse_items(text, [])] == [("1", "APOLOGIES"), ("2", "MINUTES"), ("3", "SKILLS")]


def test_resolved_that_the_board_over_points_wrapped_over_lines():
    text = (
        "4.  QUAYSIDE\n\n4.3 RESOLVED – that the Board:\n    (a) notes the revised cost of the project;\n"
        "    (b) recommends that up to £850,000 be allocated\n        from the Investment Fund; and\n"
        "    (c) delegates to the Chief Executive the submission of a revised business case.\n\n5.  AOB\n\nNone.\n"
    )
    assert decisions(text) == [
        "Recommends that up to £850,000 be allocated from the Investment Fund.",
        "Delegates to the Chief Executive the submission of a revised business case.",
    ]


@pytest.mark.parametrize(
    "line, found",
    [
        ("Decision: The Board agreed to refresh the delivery plan.", "The Board agreed to refresh the delivery plan."),
        ("Decision: The Board retrospectively approved the plan as submitted.",
         "The Board retrospectively approved the plan as submitted."),
        ("The Committee NOTED the update and APPROVED the revised framework.",
         "The Committee NOTED the update and APPROVED the revised framework."),
        ("The minutes of the meeting held on 19 October 2023 were APPROVED as an accurate record.",
         "The minutes of the meeting held on 19 October 2023 were APPROVED as an accurate record."),
        ("Decision: The Board noted the progress report.", None),
        ("The Committee NOTED the update.", None),
    ],
)
def test_decision_labels_adverbs_and_capitals(line, found):
    text = f"1. Strategy\n\nSome discussion.\n\n{line}\n\n2. Any other business\n\nNone.\n"
    assert decisions(text) == ([found] if found else [])


def test_aligned_rows_of_name_then_organisation_dash_role(gaz):
    text = (
        "Harwick Community Safety Partnership\nMinutes of the meeting held on 5 March 2024\n\nPresent\n"
        "Jane Brown (JB)          Harwick District Council – Head of Communities (Chair)\n"
        "Insp Kieran Lowe (KL)    Avon Marsh Constabulary – Neighbourhood Policing Inspector\n\n"
        "Apologies\nSuperintendent Mark Dwyer (Avon Marsh Constabulary); Ruth Pennington (Avon Marsh\n"
        "Integrated Care Board); Simon Abara (Harwick Women's Refuge)\n\n"
        "Item 1 – Welcome\nKL attended in place of Superintendent Dwyer.\n"
    )
    res = attendance(text, gaz)
    assert [(p.name, p.organisation, p.role) for p in res.present] == [
        ("Jane Brown", "Harwick District Council", "Chair"),
        ("Kieran Lowe", "Avon Marsh Constabulary", "Neighbourhood Policing Inspector"),
    ]
    assert [(p.name, p.organisation) for p in res.apologies] == [
        ("Mark Dwyer", "Avon Marsh Constabulary"),
        ("Ruth Pennington", "Avon Marsh Integrated Care Board"),
        ("Simon Abara", "Harwick Women's Refuge"),
    ]
    assert [(d.name, d.for_name) for d in res.deputies] == [("Kieran Lowe", "Mark Dwyer")]


def test_a_family_name_alone_is_the_person_listed_in_full(gaz):
    text = (
        "Minutes of the Business Board held on 12 June 2024\n\nBoard Members\n"
        "Cllr Derek Ashby (substitute for Cllr Maria Constantinou)\nRichard Tamblyn, Tamblyn Marine Ltd\n\n"
        "Apologies\nCllr Maria Constantinou, Blandmere District Council\n\n"
        "1. Apologies\nCllr Ashby attended as substitute for Cllr Constantinou.\n"
    )
    res = attendance(text, gaz)
    assert [p.name for p in res.present] == ["Derek Ashby", "Richard Tamblyn"]
    assert [(d.name, d.for_name) for d in res.deputies] == [("Derek Ashby", "Maria Constantinou")]


def test_a_wiki_export_with_front_matter_breadcrumbs_and_fields_on_one_line(tmp_path):
    from kg.documents import read_document

    text = (
        '---\ntitle: "HWB – Minutes – 11 July 2024"\nspace: HWB\n---\n\n'
        "[Home](/wiki/HWB) › [Meetings](/wiki/HWB/meetings) › 11 July 2024\n\n"
        "# Eastmoor Health and Wellbeing Board\n\n"
        "> **Meeting date:** 11/07/2024 · **Time:** 13:30–15:45 · **Location:** Council Chamber, Eastmoor Civic Centre\n\n"
        "## 1. Welcome\n\nThe Chair welcomed members.\n\n## 2. Any other business\n\nNone.\n"
    )
    (tmp_path / "hwb.md").write_text(text, encoding="utf-8")
    doc = read_document(tmp_path / "hwb.md")
    assert "title:" not in doc.text
    header = parse_header(doc.text, doc.headings, default())
    assert (header.body, header.date, header.location) == (
        "Eastmoor Health and Wellbeing Board", "2024-07-11", "Council Chamber, Eastmoor Civic Centre"
    )


def test_a_block_with_an_organisation_wrapped_into_its_column_and_sector_members(gaz):
    text = (
        "SOUTH WESSEX BUSINESS BOARD\nMINUTES OF THE MEETING HELD ON 12 JUNE 2024\n\nBoard Members\n"
        "  Cllr Derek Ashby (substitute for Cllr Maria Constantinou)\n"
        "                             Blandmere District Council\n"
        "  Jasmine Okafor             Private Sector – Okafor Digital\n"
        "  Carol Venn                 Principal, Wessex Coast College\n\n"
        "Apologies\n  Cllr Maria Constantinou (Blandmere District Council), Cllr Tom Harker\n"
        "  (Shireford Borough Council)\n\n1.  APOLOGIES\n"
    )
    res = attendance(text, gaz)
    assert [(p.name, p.organisation, p.role) for p in res.present] == [
        ("Derek Ashby", "Blandmere District Council", None),
        ("Jasmine Okafor", "Okafor Digital", "Private Sector"),
        ("Carol Venn", "Wessex Coast College", "Principal"),
    ]
    assert [(p.name, p.organisation) for p in res.apologies] == [
        ("Maria Constantinou", "Blandmere District Council"),
        ("Tom Harker", "Shireford Borough Council"),
    ]


def test_semicolons_between_entries_commas_inside_them(gaz):
    from kg.parse.people import parse_entries

    entries = parse_entries("Connor Maguire, Board Manager; Aisling Byrne, Business Support Officer", gaz)
    assert [(e.raw, e.role) for e in entries] == [
        ("Connor Maguire", "Board Manager"),
        ("Aisling Byrne", "Business Support Officer"),
    ]
    assert [(e.raw, e.role) for e in parse_entries("Dr Fenella Crowe, Named GP", gaz)] == [("Dr Fenella Crowe", "Named GP")]


@pytest.mark.parametrize("header", ["Present/Apologies", "P/A", "Attendance status", "Attended?"])
def test_a_status_column_says_who_was_present_sent_apologies_or_substituted(header, gaz):
    text = (
        "Calderbrook Safeguarding Children Partnership\nMinutes of the Executive held on 18 October 2023\n\n"
        f"Name\tAgency\t{header}\n"
        "Helen Radcliffe (Chair)\tCalderbrook Council – Director of Children's Services\tP\n"
        "Graham Ogden\tProbation Service – Head of PDU\tA\n"
        "Rhian Davies\tProbation Service (for Graham Ogden)\tSub\n"
        "Amir Haddad\tNorthshire Police (for item 4 only)\tPresent\n"
        "Colette Brierley\tNHS West Pennine ICB\tApologies\n\n1. Welcome\n"
    )
    res = attendance(text, gaz)
    assert [p.name for p in res.present] == ["Helen Radcliffe", "Rhian Davies", "Amir Haddad"]
    assert [p.name for p in res.apologies] == ["Graham Ogden", "Colette Brierley"]
    assert [(d.name, d.for_name) for d in res.deputies] == [("Rhian Davies", "Graham Ogden")]


def test_headings_above_the_attendance_are_titles_and_a_closing_action_log_no_item():
    text = (
        "Calderbrook Safeguarding Children Partnership\n\nExecutive Board – Minutes\n\nAttendance\n\n"
        "Name\tAgency\nHelen Radcliffe\tCalderbrook Council\n\nWelcome and apologies\n\nHR welcomed members.\n\n"
        "Neglect Strategy\n\nPL introduced the strategy.\n\nAction log\n\nNo.\tAction\tLead\n1\tPublish it\tPL\n"
    )
    heads = [Span(text.index(h), text.index(h) + len(h)) for h in (
        "Calderbrook Safeguarding Children Partnership", "Welcome and apologies", "Neglect Strategy", "Action log")]
    skip = parse_attendance(text, heads, default()).regions
    assert [i.title for i in parse_items(text, heads, skip=skip)] == ["Welcome and apologies", "Neglect Strategy"]


def test_a_council_page_with_substitutes_cabinet_members_and_recommendations(tmp_path):
    from kg.documents import read_document

    html = (
        "<html><head><title>Place Scrutiny Committee – 10 October 2023 – minutes | Thornleigh Borough Council</title>"
        "</head><body><div id='main'><h1>Place Scrutiny Committee</h1>"
        "<p><strong>Date:</strong> Tuesday 10 October 2023</p>"
        "<p><strong>Present:</strong> Councillors Gemma Hollis (Chair), Lydia Fairclough and Owen Pritchard.</p>"
        "<p><strong>Substitute Members:</strong> Cllr Owen Pritchard for Cllr Neil Varley; "
        "Cllr Lydia Fairclough for Cllr Tessa Wragg.</p>"
        "<p><strong>Cabinet Members in attendance:</strong> Councillor Asha Begum (Cabinet Member for Housing).</p>"
        "<p><strong>36. Call-in: Ashgrove scheme</strong></p><p>Members debated the scheme at length.</p>"
        "<p>The Committee RECOMMENDED to Cabinet that a further consultation be carried out.</p>"
        "<p><strong>37. Active Travel Strategy</strong></p><p>The Committee RECOMMENDED to Cabinet that:</p>"
        "<p>(a) the strategy include annual targets; and</p><p>(b) a delivery plan be published.</p>"
        "</div></body></html>"
    )
    (tmp_path / "scrutiny.html").write_text(html, encoding="utf-8")
    record = parse(read_document(tmp_path / "scrutiny.html"), default())
    assert record.body == "Thornleigh Borough Council Place Scrutiny Committee"
    assert [(p.name, p.organisation) for p in record.present] == [
        ("Gemma Hollis", "Thornleigh Borough Council"),
        ("Lydia Fairclough", "Thornleigh Borough Council"),
        ("Owen Pritchard", "Thornleigh Borough Council"),
        ("Asha Begum", "Thornleigh Borough Council"),
    ]
    assert sorted((d.name, d.for_name) for d in record.deputies) == [
        ("Lydia Fairclough", "Tessa Wragg"), ("Owen Pritchard", "Neil Varley")]
    assert [d.text for d in record.decisions] == [
        "The Committee RECOMMENDED to Cabinet that a further consultation be carried out.",
        "The strategy include annual targets.",
        "A delivery plan be published.",
    ]


FRA = """WREKINSHIRE FIRE AND RESCUE AUTHORITY

MINUTES of the meeting of the People and Resources Committee held at Service
Headquarters, Brindley Road, Oakenvale on Friday 14 July 2023 at 10.00 am

PRESENT:       Councillor K. Marchant (Chair)

OFFICERS:      Simon Arkwright (Chief Fire Officer), Deborah Quayle (Assistant
               Chief Fire Officer), Nathan Eccles
               (Treasurer)

+-------------+--------------------------------------------------+
| Minute No.  | Minute                                           |
+=============+==================================================+
| FRA/23/34   | WORKFORCE PLAN                                   |
|             |                                                  |
|             | RESOLVED – (1) that the Workforce Plan be        |
|             | approved; and (2) that recruitment begin.        |
+-------------+--------------------------------------------------+
| FRA/23/35   | BUDGET MONITORING                                |
|             |                                                  |
|             | RESOLVED – (a) that the underspend be noted; (b) |
|             | that £120,000 be transferred to reserves.        |
|             |                                                  |
|             | ACTION: ACFO Quayle to report availability by    |
|             | station. Treasurer to circulate the schedule.    |
+-------------+--------------------------------------------------+
"""


def test_a_grid_table_of_minutes_wrapped_in_their_cells(tmp_path):
    from kg.documents import read_document

    (tmp_path / "fra.txt").write_text(FRA, encoding="utf-8")
    doc = read_document(tmp_path / "fra.txt")
    assert "FRA/23/34 WORKFORCE PLAN\n" in doc.text and "|" not in doc.text
    record = parse(doc, default())
    assert record.location == "Service Headquarters, Brindley Road, Oakenvale"
    assert [(p.name, p.role) for p in record.present] == [
        ("K. Marchant", "Chair"), ("Simon Arkwright", "Chief Fire Officer"),
        ("Deborah Quayle", "Assistant Chief Fire Officer"), ("Nathan Eccles", "Treasurer"),
    ]
    assert [(i.number, i.title) for i in record.items] == [
        ("FRA/23/34", "WORKFORCE PLAN"), ("FRA/23/35", "BUDGET MONITORING")]
    assert [d.text for d in record.decisions] == [
        "That the Workforce Plan be approved.", "That recruitment begin.", "That £120,000 be transferred to reserves."]
    assert [a.owners for a in record.actions][:1] == [["Deborah Quayle"]]


def test_markdown_notes_with_arrow_actions_and_sent_apologies(tmp_path):
    from kg.documents import read_document

    text = (
        "# Lune & Wyre ICP – Notes and actions\n\n**Attending**\n\n"
        "- **Dr Amara Obi** (ICB) – Chief Medical Officer\n- **Nadia Kowalczyk** (Lunesdale CC) – Director of Public Health\n"
        "- **Sean McArdle** (Wyre Bay BC) – Director of Communities, covering for Cllr Hindle\n"
        "- **Jas Sahota** (LVH FT) – Chief Operating Officer\n\n"
        "**Sent apologies:** **Cllr Marcus Hindle** (Wyre Bay BC); **Prof Ruth Ingham** (University of Lunesdale)\n\n"
        "### 1) Strategy\n\nDiscussion.\n\n→ **Action:** NK to run 2 workshops on the CYP MH priority in January\n"
        "→ **Action:** AO to share the dashboard (**done** – first one went out on Tuesday)\n\n"
        "### 2) Healthwatch – what people are telling us\n\n→ **Action:** SM to confirm capacity figures to JS\n"
    )
    (tmp_path / "icp.md").write_text(text, encoding="utf-8")
    record = parse(read_document(tmp_path / "icp.md"), default())
    assert [p.name for p in record.apologies] == ["Marcus Hindle", "Ruth Ingham"]
    assert [(d.name, d.for_name) for d in record.deputies] == [("Sean McArdle", "Marcus Hindle")]
    assert [i.title for i in record.items] == ["Strategy", "Healthwatch – what people are telling us"]
    assert [(a.owners, a.status) for a in record.actions] == [
        (["Nadia Kowalczyk"], "open"), (["Amara Obi"], "done"), (["Sean McArdle"], "open")]
    assert record.actions[0].text == "run 2 workshops on the CYP MH priority in January"


def test_members_in_two_columns_co_opted_members_and_a_wrapped_list_of_guests(gaz):
    text = (
        "SEVERNMOOR POLICE AND CRIME PANEL\n\nMinutes of the meeting held on Thursday 8 February 2024\n\n"
        "Members present:\nCllr A Thwaite (Chair)\tCllr B Okonkwo (Vice-Chair)\nCllr D Palfrey\tCllr H Moseley\n"
        "Independent co-opted members:\nMrs M Ellery\tMr Y Demir\nAlso in attendance:\n"
        "Rebecca Stott – Chief Executive,\nOffice of the Police and Crime Commissioner; Sophie Tranter – Panel Scrutiny "
        "Officer,\nBredonford City Council.\n\n36.\tApologies for absence\nNone.\n"
    )
    res = attendance(text, gaz)
    assert [(p.name, p.organisation, p.role) for p in res.present] == [
        ("A Thwaite", None, "Chair"), ("B Okonkwo", None, "Vice-Chair"), ("D Palfrey", None, None),
        ("H Moseley", None, None), ("M Ellery", None, None), ("Y Demir", None, None),
        ("Rebecca Stott", "Office of the Police and Crime Commissioner", "Chief Executive"),
        ("Sophie Tranter", "Bredonford City Council", "Panel Scrutiny Officer"),
    ]


@pytest.mark.parametrize("title", ["Supt", "Cllr", "Councillor", "Dr", "Professor"])
def test_a_line_ending_on_a_title_runs_on_to_the_name(title):
    from kg.parse.sentences import unwrapped

    text = f"KL attended in place of {title}\nDwyer.\nNext line\n"
    assert unwrapped(text) == f"KL attended in place of {title} Dwyer.\nNext line\n"
    assert unwrapped(f"Present:\n{title}\nSmith\n") == f"Present:\n{title}\nSmith\n"  # a word alone is no sentence


def test_a_body_by_its_initials_instructing_an_officer():
    text = (
        "Glenmorrach Integration Joint Board\nMinute of the meeting held on 12 June 2024\n\n"
        "Present:\nLorna Whyte (Chief Officer)\nGraeme Tosh (Chief Finance Officer)\n\n"
        "4.\tCare at Home\n\nA report was considered.\n\nDecision\nThe IJB:\n\n1. noted the content of the report; and\n\n"
        "2. instructed the Chief Officer to bring a report on care at home capacity to the next meeting.\n\n"
        "5.\tFinance\n\nDecision\nThe IJB:\n\n1. approved the use of £1.2 million from general reserves.\n"
    )
    record = parse(Document("ijb.txt", text, "0" * 64, "text"), default())
    assert [d.text for d in record.decisions] == [
        "Instructed the Chief Officer to bring a report on care at home capacity to the next meeting.",
        "Approved the use of £1.2 million from general reserves.",
    ]
    assert [(a.owners, a.text, a.item) for a in record.actions] == [
        (["Lorna Whyte"], "bring a report on care at home capacity to the next meeting", "4")]


def test_proposed_and_seconded_then_resolved_and_a_clerk_who_is_also_the_rfo():
    text = (
        "ASHCOMBE ST PETER PARISH COUNCIL\nMinutes of the meeting held on 9 July 2024\n\n"
        "PRESENT: Cllrs D Harcourt (Chair), P Penrose and K Amadi\n"
        "ALSO PRESENT: Mrs H Quick (Clerk & RFO); County Cllr Nadia Fenwick\n\n"
        "112/24 APOLOGIES\n        Proposed by Cllr Penrose, seconded by Cllr Amadi, and RESOLVED that the reasons for\n"
        "        absence be accepted.\n\n113/24 PLAY AREA\n        ACTION: Clerk to place the order.\n"
    )
    record = parse(Document("parish.txt", text, "0" * 64, "text"), default())
    assert [d.text for d in record.decisions] == ["That the reasons for absence be accepted."]
    assert [a.owners for a in record.actions] == [["H Quick"]]
    assert ("Nadia Fenwick", "County Cllr") in [(p.name, p.honorific) for p in record.present]


def test_bulleted_lists_under_board_and_executive_team_headings(tmp_path):
    from kg.documents import read_document

    text = (
        "Thornvale Homes Limited\n\nMinutes of the meeting of the Board\nHeld on: 25 April 2024\n\n"
        "Board members present\n- Margaret Ellingham (Chair)\n- David Oduya (Vice Chair; Chair of Audit and Risk Committee)\n"
        "- Rhys Vaughan\n\nExecutive team in attendance\n- Karen Holloway – Executive Director of Finance\n\n"
        "Apologies\n- Richard Okonjo\n\n2024/15 Declarations of interest\nNone.\n"
    )
    (tmp_path / "ha.md").write_text(text, encoding="utf-8")
    record = parse(read_document(tmp_path / "ha.md"), default())
    assert [p.name for p in record.present] == ["Margaret Ellingham", "David Oduya", "Rhys Vaughan", "Karen Holloway"]
    assert [p.name for p in record.apologies] == ["Richard Okonjo"]
    assert record.body == "Thornvale Homes Limited Board"


def test_a_record_of_meetings_in_columns_deputies_on_a_date_and_a_list_of_actions(tmp_path):
    from kg.documents import read_document

    html = (
        "<html><body><h1>Brackenfold Safeguarding Children Partnership – Executive Group</h1>"
        "<p>Minutes of the meeting held on Thursday 14 November 2024, Brackenfold Civic Centre</p>"
        "<table><tr><th>Organisation</th><th>Name</th><th>Role</th><th>12 Sep 2024</th><th>14 Nov 2024</th></tr>"
        "<tr><td>Brackenfold Council</td><td>Sarah Oyelaran</td><td>Director (Chair)</td><td>A</td><td>✓</td></tr>"
        "<tr><td>North Brackenshire Police</td><td>Det Supt Helen Marsh</td><td>Head of Public Protection</td>"
        "<td>✓</td><td>D</td></tr>"
        "<tr><td>Cafcass</td><td>Lucy Barnes</td><td>Service Manager</td><td>✓</td><td></td></tr></table>"
        "<p>Deputies on 14 November: DI Ravi Chandra (North Brackenshire Police) for Det Supt Helen Marsh</p>"
        "<h3>1. Child K review</h3><p>The review was discussed.</p>"
        "<h3>2. Any other business</h3><p>None.</p>"
        "<p><strong>Actions agreed</strong></p><ul>"
        "<li>Sarah Oyelaran – send the Child K report to the National Panel (by 22 November 2024)</li>"
        "<li>Ravi Chandra and Sarah Oyelaran – brief the Panel (by 9 December 2024)</li></ul>"
        "</body></html>"
    )
    (tmp_path / "scp.html").write_text(html, encoding="utf-8")
    record = parse(read_document(tmp_path / "scp.html"), default())
    assert record.body == "Brackenfold Safeguarding Children Partnership – Executive Group"
    assert [p.name for p in record.present] == ["Sarah Oyelaran", "Ravi Chandra"]
    assert [p.name for p in record.apologies] == ["Helen Marsh"]
    assert [(d.name, d.for_name) for d in record.deputies] == [("Ravi Chandra", "Helen Marsh")]
    assert record.decisions == []
    assert [(a.owners, a.text, a.due) for a in record.actions] == [
        (["Sarah Oyelaran"], "send the Child K report to the National Panel", "2024-11-22"),
        (["Ravi Chandra", "Sarah Oyelaran"], "brief the Panel", "2024-12-09"),
    ]


def test_an_apologies_column_ticked_beside_a_status_column_moves_the_row_once(gaz):
    text = (
        "Minutes of the Board held on 3 May 2023\n\nName\tOrganisation\tApologies\tStatus\n"
        "Jo Coast\tWyvern Council\tx\tA\nSam Reed\tWyvern Police\t\tP\n\n1. Welcome\n"
    )
    res = attendance(text, gaz)
    assert ([p.name for p in res.present], [p.name for p in res.apologies]) == (["Sam Reed"], ["Jo Coast"])
