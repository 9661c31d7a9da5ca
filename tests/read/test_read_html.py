"""HTML minutes pages: ModernGov pages saved from a browser, Word's "web page" export."""

from __future__ import annotations

import socket

import pytest

from .conftest import heading_texts

MODERNGOV_AGENDA = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Agenda and minutes - Cabinet - Wednesday, 4th March, 2020</title>
<link rel="stylesheet" href="https://example.org/site.css">
<script>document.write("<p>injected</p>");</script><style>p { color: red }</style></head>
<body>
<a class="skip-link" href="#content">Skip to main content</a>
<div id="cookie-banner"><p>We use cookies on this site.</p><button>Accept all cookies</button></div>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li>Council and democracy</li></ul></nav></header>
<form method="post" action="./ieListDocuments.aspx?CId=117&amp;MId=9001" id="aspnetForm">
<div id="modgov">
 <ul class="mgBreadcrumb"><li>Home</li><li>Meetings</li></ul>
 <div class="mgHeader"><h1 class="mgMainTitleTxt">Agenda and minutes</h1></div>
 <h2 class="mgSubTitleTxt">Cabinet - Wednesday, 4th March, 2020 10.00 am</h2>
 <div class="mgContent">
  <p>Venue: Council Chamber, County Hall, Taunton</p>
  <p>Contact: Jo&nbsp;Smith, Democratic Services</p>
  <table class="mgTable" summary="Attendance">
   <thead><tr><th>Attendee</th><th>Role</th><th>Attendance</th></tr></thead>
   <tbody>
    <tr><td>Councillor Ann Brown</td><td>Chair</td><td>Present</td></tr>
    <tr><td>Councillor Raj Patel</td><td>Vice-Chair</td><td>Apologies</td></tr>
    <tr><td>Councillor Tom O&#8217;Neill</td><td>Committee Member</td><td>Present</td></tr>
   </tbody>
  </table>
  <table class="mgItemTable">
   <tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">1.</p></td>
       <td><p class="mgAiTitleTxt"><a href="mgAi.aspx?ID=1">Apologies for Absence</a></p>
           <div class="mgWordPara"><p>Apologies were received from Cllr Raj Patel.</p></div></td></tr>
   <tr><td class="mgItemNumberCell"><p class="mgAiTitleTxt">2.</p></td>
       <td><p class="mgAiTitleTxt">Budget 2020/21</p>
           <h2 class="mgSubItemTitleTxt">Minutes:</h2>
           <div class="mgWordPara"><p>The Cabinet considered the report of the Director of Finance.</p>
           <p><b>RESOLVED</b> to:</p><ol><li>approve the budget of &pound;2.4m;</li><li>note the risks.</li></ol>
           </div></td></tr>
  </table>
 </div>
</div>
</form>
<footer><p>&copy; Example County Council</p></footer>
<img src="https://example.org/tracker.gif" alt="">
</body></html>
"""

MODERNGOV_MINUTES = """<html><head><title>Minutes</title></head><body>
<div class="navbar"><a href="/">Home</a> | <a href="/search">Search</a></div>
<div class="mgContent">
<p class="mgSectionTitle">Minutes of the Health and Wellbeing Board</p>
<p>Held on Tuesday 9th June 2009 at 2.00 pm</p>
<p><strong>Present:</strong> Cllr Ann Brown (Chair), Dr Raj Patel, Tom Ng</p>
<p><strong>Apologies</strong></p>
<p>Sue Lee<br>Cllr Bob Gray<br/>Mary Hill</p>
<h3>3 a) Joint Strategic Needs Assessment</h3>
<p>The board noted the update; the next meeting is on 17<sup>th</sup> July 2009.</p>
<ul><li>Action &ndash; Tom Ng</li><li>Action &ndash; Sue Lee</li></ul>
<p aria-hidden="true">Print this page</p>
<p style="display: none">Hidden text</p>
</div>
<div role="contentinfo"><p>Accessibility statement</p></div>
</body></html>
"""

WORD_WEB_PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<style><!-- p.MsoNormal {margin:0cm} --></style></head>
<body lang=EN-GB>
<div class=WordSection1>
<p class=MsoTitle>Strategic Leadership Group</p>
<p class=MsoNormal><b><span style='font-size:12pt'>Risk Log</span></b></p>
<p class=MsoNormal>The group agreed a target reserve of £60,000 &#8211; “subject to review”.</p>
<table class=MsoTableGrid border=1>
 <tr><td><p class=MsoNormal><b>Name</b></p></td><td><p class=MsoNormal><b>Organisation</b></p></td></tr>
 <tr><td><p class=MsoNormal>Colin Pettigrew</p><p class=MsoNormal>Ann Fisher</p></td>
     <td><p class=MsoNormal>Nottinghamshire County Council</p></td></tr>
 <tr><td><p class=MsoNormal>&nbsp;</p></td><td><p class=MsoNormal>NHS Bassetlaw CCG</p></td></tr>
</table>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
</div></body></html>
"""


def test_moderngov_agenda_page_keeps_content_and_drops_chrome(read_bytes):
    doc = read_bytes(MODERNGOV_AGENDA, "cabinet.html")
    assert doc.kind == "html"
    for chrome in ("Skip to", "cookies", "Council and democracy", "Meetings", "injected", "color", "©"):
        assert chrome not in doc.text
    lines = doc.text.split("\n")
    assert "Attendee\tRole\tAttendance" in lines
    assert "Councillor Tom O'Neill\tCommittee Member\tPresent" in lines
    assert "Contact: Jo Smith, Democratic Services" in lines


def test_moderngov_item_table_reads_as_numbered_items_not_one_long_row(read_bytes):
    doc = read_bytes(MODERNGOV_AGENDA, "cabinet.html")
    lines = doc.text.split("\n")
    assert "1. Apologies for Absence" in lines
    assert "Apologies were received from Cllr Raj Patel." in lines
    assert lines.index("2. Budget 2020/21") < lines.index("1) approve the budget of £2.4m;")
    heads = heading_texts(doc)
    for h in ("Agenda and minutes", "1. Apologies for Absence", "2. Budget 2020/21", "Minutes:"):
        assert h in heads


def test_moderngov_minutes_page_paragraphs_breaks_and_lists(read_bytes):
    doc = read_bytes(MODERNGOV_MINUTES, "minutes.htm")
    lines = doc.text.split("\n")
    assert "Present: Cllr Ann Brown (Chair), Dr Raj Patel, Tom Ng" in lines
    assert lines[lines.index("Sue Lee"):lines.index("Sue Lee") + 3] == ["Sue Lee", "Cllr Bob Gray", "Mary Hill"]
    assert "The board noted the update; the next meeting is on 17th July 2009." in lines
    assert "- Action – Tom Ng" in lines
    for hidden in ("Print this page", "Hidden text", "Accessibility", "Search"):
        assert hidden not in doc.text
    heads = heading_texts(doc)
    assert "Apologies" in heads and "3 a) Joint Strategic Needs Assessment" in heads
    assert "Minutes of the Health and Wellbeing Board" in heads  # a ModernGov ...Title paragraph


def test_word_web_page_in_windows_1252(read_bytes):
    doc = read_bytes(WORD_WEB_PAGE.encode("cp1252"), "slg.htm")
    lines = doc.text.split("\n")
    assert 'The group agreed a target reserve of £60,000 – "subject to review".' in lines
    assert "Name\tOrganisation" in lines
    assert "Colin Pettigrew Ann Fisher\tNottinghamshire County Council" in lines  # one cell, two names
    assert "\tNHS Bassetlaw CCG" in lines  # an empty first cell keeps its place
    assert "Risk Log" in heading_texts(doc)
    assert "p.MsoNormal" not in doc.text


def test_html_saved_with_a_txt_suffix_is_still_html(read_bytes):
    doc = read_bytes(MODERNGOV_MINUTES, "minutes.txt")
    assert doc.kind == "html"
    assert "<p>" not in doc.text


def test_text_with_a_few_inline_tags_is_not_html(read_bytes):
    doc = read_bytes("<i>Name</i>\t<i>Organisation</i>\nAnn Brown\tAvon CC\n", "minutes.txt")
    assert doc.kind == "text"


def test_reading_a_page_never_touches_the_network(read_bytes, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the reader tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    doc = read_bytes(MODERNGOV_AGENDA, "cabinet.html")
    assert "Budget 2020/21" in doc.text


@pytest.mark.parametrize("name", ["cabinet.html", "minutes.htm"])
def test_heading_spans_quote_whole_lines(read_bytes, name):
    doc = read_bytes(MODERNGOV_AGENDA if name == "cabinet.html" else MODERNGOV_MINUTES, name)
    lines = set(doc.text.split("\n"))
    assert doc.headings
    for h in doc.headings:
        assert h.quote(doc.text) in lines


def test_entries_on_lines_of_their_own_in_a_table_cell_stay_apart(read_bytes):
    html = (
        b"<html><body><h1>Kingsmere Safeguarding Adults Board</h1><table>"
        b"<tr><th>Organisation</th><th>Present</th><th>Apologies</th></tr>"
        b"<tr><td>SAB Business Unit</td><td>Connor Maguire, Board Manager<br>Aisling Byrne, Business Support Officer</td>"
        b"<td>&nbsp;</td></tr>"
        b"<tr><td>Kingsmere Borough</td><td>Gloucestershire County<br>Council</td><td></td></tr>"
        b"</table></body></html>"
    )
    texts = read_bytes(html, "sab.html").text.split("\n")
    assert "SAB Business Unit\tConnor Maguire, Board Manager; Aisling Byrne, Business Support Officer\t" in texts
    assert "Kingsmere Borough\tGloucestershire County Council\t" in texts  # one entry wrapped over lines


def test_a_cell_spanning_rows_is_repeated_in_each_row(read_bytes):
    html = ("<html><body><h1>Harrowmoor Integrated Care Partnership</h1><table><tr><th>Name</th><th>Organisation</th><th>Attendance</th></tr>"
            "<tr><td>Cllr Patricia Okonkwo</td><td rowspan='3'>Harrowmoor Borough Council</td><td>Present</td></tr>"
            "<tr><td>Dr Ruth Calloway</td><td>Present</td></tr>"
            "<tr><td>Marianne Holt</td><td>Apologies</td></tr>"
            "<tr><td>Jo Coast</td><td>Healthwatch</td><td rowspan='x'>Present</td></tr></table></body></html>")
    rows = [ln for ln in read_bytes(html, "icp.html").text.splitlines() if "\t" in ln]
    assert rows[1:] == ["Cllr Patricia Okonkwo\tHarrowmoor Borough Council\tPresent",
                        "Dr Ruth Calloway\tHarrowmoor Borough Council\tPresent",
                        "Marianne Holt\tHarrowmoor Borough Council\tApologies",
                        "Jo Coast\tHealthwatch\tPresent"]


def test_a_cmis_page_title_names_the_council_before_the_committee(tmp_path):
    page = tmp_path / "m.html"
    page.write_text("<html><head><title>Glenmoor Council - Meeting Details - Housing Committee - Tuesday, 10th "
                    "September, 2024</title></head><body><main><h1>Housing Committee</h1><p>Minute of meeting held on "
                    "10 September 2024.</p><p>Sederunt</p><p>Councillor Ann Hale (Convener)</p></main></body></html>",
                    encoding="utf-8")
    from kg.documents import read_document

    assert read_document(page).text.startswith("Glenmoor Council\n")
