"""Meeting header: body, date, time and place.

The header is the text before the first attendance list or agenda item. It
comes in a few shapes: a title line with the date ("Leadership
Gloucestershire – 26 October 2017"), a council letterhead over "MINUTES of
meeting of the Cabinet / Held on ...", or a form with labelled fields
("Meeting title:", "Date and time:", "Location:") whose values may follow
the labels as a group. Only the header is searched for the place, so a venue
given for future meetings further down is never taken for this one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.gazetteer import Gazetteer
from kg.parse.dates import find_dates, parse_time
from kg.parse.textlines import Line, iter_lines, strip_markup
from kg.records import Span


@dataclass
class Header:
    body: str | None = None
    date: str | None = None  # ISO
    time: str | None = None  # "HH:MM"
    location: str | None = None
    spans: dict[str, Span] = field(default_factory=dict)  # "body", "date", "location" -> evidence
    end: int = 0  # offset where the header ends


_MAX_LINES = 45
_MAX_CHARS = 3000
_END = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})?[.)]?\s+\S|(?:members\s+|those\s+)?present\b|attendees\b|in\s+attendance\b|"
    r"apologies\b|item\s+\d|agenda\s+item\b|name\s*\t)",
    re.IGNORECASE,
)
# A label and its value after a colon, or in the next cell of a title block ("Meeting\tHealth and Wellbeing Board")
_TITLE_FIELD = re.compile(
    r"^(?:meeting\s+title|title\s+of\s+meeting|name\s+of\s+meeting|meeting\s+name|meeting|committee|board|"
    r"title|group)(?:\s*:\s*(?P<v>.*)|[ \t]*\t\s*(?P<c>[^\t]+?)\s*)$",
    re.IGNORECASE,
)
# "Location: ...", alone or as one field of several on a line ("Date: 11/07/2024 · Time: 13:30 · Location: ...")
_LOC_FIELD = re.compile(
    r"(?:^|\s[·•|]\s*|\t)(?:location|venue|place|where|meeting\s+venue|held\s+at)\s*:\s*(?P<v>[^·•|\t]*?)\s*$|"
    r"^(?:location|venue|place|meeting\s+venue)[ \t]*\t\s*(?P<c>[^\t]+?)\s*$",  # a title block's cells
    re.IGNORECASE,
)
_TIME_FIELD = re.compile(r"^(?:time|start\s+time|starting\s+time)\s*:\s*(?P<v>.+)$", re.IGNORECASE)
_DATE_FIELD = re.compile(r"^(?:date(?:\s*(?:and|&)\s*time)?|meeting\s+date|date\s*/\s*time)\s*:\s*(?P<v>.*)$", re.IGNORECASE)
_ANY_LABEL = re.compile(r"^[A-Za-z][A-Za-z /&]{1,30}:\s*$")
_MINUTES_OF = re.compile(
    r"^(?:(?:draft|confirmed|unconfirmed|approved)\s+)?minutes?\s+of\s+(?:the\s+)?(?:(?:a|an|ordinary|extraordinary|special|"
    r"annual|public)\s+)*(?:meeting\s+(?:of\s+)?(?:the\s+)?)?(?P<x>.+?)"
    r"(?:(?:\s*[,–—\-:|]\s*|\s+)(?:held\b.*|meeting\b.*|on\s+\S.*|at\s+\S.*|via\s+\S.*|\d.*))?$",
    re.IGNORECASE,
)
_BOILER = re.compile(
    r"^(?:\[\[?[^\]\n]*\]\]?\s*|\{\{[^}\n]*\}\}\s*)*(?:(?:draft|confirmed|unconfirmed|approved|public|part\s+[ab12]|open|restricted|official(?:\s*[-–]\s*sensitive)?|"
    r"confidential|not\s+protectively\s+marked)\s*)*(?:minutes|minutes\s+of\s+(?:the\s+)?meeting|notes|action\s+notes|"
    r"meeting\s+minutes|record\s+of\s+meeting|agenda)?\s*$",
    re.IGNORECASE,
)
_GENERIC_UNIT = re.compile(
    r"^(?:the\s+)?(?:cabinet|executive|board|full\s+council|council|(?:[\w&,'’\- ]+\s)?(?:committee|sub-committee|panel)|"
    r"board\s+of\s+(?:directors|trustees|governors)|council\s+of\s+governors|(?:trust|unitary)\s+board)$",
    re.IGNORECASE,
)
_WHOLE_COUNCIL = re.compile(r"(?:the\s+)?(?:full\s+)?council", re.IGNORECASE)
_COUNCIL = re.compile(
    r"^(?P<c>(?:[A-Za-z][\w'’\-]*\s+){0,4}(?:county|district|borough|city|town|parish|metropolitan\s+borough)?\s*council)$",
    re.IGNORECASE,
)


def _council(text: str) -> re.Match[str] | None:
    """``_COUNCIL.match(text)``, skipped unless the text ends in "council" (the pattern is anchored there)."""
    tail = text[-8:]
    if tail.isascii() and not tail.lower().endswith("council") and not tail.endswith("\n"):  # "$" allows a last newline
        return None
    return _COUNCIL.match(text)


_VENUE = re.compile(
    r"\b(?:(?:shire|guild|town|city|county|village|market|parish|memorial|drill|assembly)?hall|"
    r"house|room|chamber|offices?|centre|center|building|mill|court|civic|library|hotel|suite|floor|"
    r"microsoft\s+teams|teams|zoom|online|virtual(?:ly)?|remote(?:ly)?|campus|station|headquarters|hq|"
    r"castle|lodge|barn|church|school|academy|college|road|street|lane|avenue|square|way|park|council\s+offices)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(r"\b(?:next|future|forthcoming|following|will\s+be\s+held|previous|last)\s+meeting", re.IGNORECASE)
_HELD_AT = re.compile(
    r"\b(?i:held|meeting)\s+(?i:at|in)\s+(?P<loc>(?i:the\s+)?[A-Z][^\n]{2,120}?)"
    r"(?=(?i:\s+on\s+(?:\w+day|\d)|\s+at\s+\d|\s+from\s+\d|\s+commencing|\s*[.;]?\s*$|,\s*(?:on\s+)?(?:\w+day|\d)))",
)
# "held in Public", "held in private session": how a meeting was held, not where
_HOW_HELD = re.compile(r"(?i)(?:public|private|camera|closed|open|part\s+[AB12I]+|person)(?:\s+(?:session|meeting|part))?")
_HELD_LINE = re.compile(r"\b(?:held|meeting)\b", re.IGNORECASE)
# "... on Monday 4th September 2023 at 7.30pm in the Village Hall, Church Lane" / "..., via Microsoft Teams"
_PLACE_TAIL = re.compile(r"(?:\s|,)(?i:at|in|via)\s+(?P<loc>(?i:the\s+)?[A-Z][^\n]{2,120}?)\s*[.;]?\s*$")
_SMALL = {"and", "of", "the", "for", "in", "on", "at", "to", "a", "an"}


def parse_header(text: str, headings: list[Span], gaz: Gazetteer) -> Header:
    """Body, date, time and location from the header of a minutes document."""
    lines = _header_lines(text)
    h = Header(end=lines[-1].end if lines else 0)
    rows = _nonblank(lines)  # read once by the three finders
    _find_body(rows, h)
    _find_date(rows, text, h)
    _find_location(rows, h)
    return h


def _header_lines(text: str) -> list[Line]:
    out: list[Line] = []
    nonblank = 0
    cut = _MAX_CHARS * 2
    for ln in iter_lines(text):  # the document's lines, split once for every stage
        if ln.start > cut:
            break
        if ln.end > cut:  # read no further than the first ``cut`` characters
            ln = Line(ln.start, cut, ln.raw[: cut - ln.start])
        clean = ln.clean
        if ln.start > _MAX_CHARS and out:
            break
        if clean and nonblank and _END.match(clean):
            break
        out.append(ln)
        if clean:
            nonblank += 1
            if nonblank >= _MAX_LINES:
                break
    return out


def _nonblank(lines: list[Line]) -> list[tuple[Line, str]]:
    """The lines with text, but for a site's breadcrumbs ("Home › Meetings › 2024").

    A title block set out in two columns (pdftotext -layout: "BRACKENFOLD COMMUNITY SAFETY" beside
    "Date:  Wednesday 17 April 2024") is read a column at a time: the title's lines together, then the fields.
    """
    rows = [(ln, ln.clean) for ln in lines
            if ln.clean and not _BREADCRUMBS.search(ln.clean) and not _LINKS_ONLY.fullmatch(ln.clean.strip())]
    cut = next((k for k, (_ln, c) in enumerate(rows[:12]) if _BESIDE_FIELD.search(c)), None)
    if cut is None:
        return rows
    left, right = [], []
    k = cut
    while k < len(rows) and k < cut + 12:
        ln, clean = rows[k]
        m = _BESIDE_FIELD.search(clean) or _GAP.search(clean)
        if m:  # "ACTION NOTES" beside "Brackenfold Civic Offices,": the title's line, the value's going on
            left.append((ln, clean[: m.start() + 1].strip()))
            right.append((ln, clean[m.start() + 1 :].strip()))
        elif len(ln.raw) - len(ln.raw.lstrip(" ")) >= 30:  # the value going on alone in its column
            right.append((ln, clean.strip()))
        else:
            break
        k += 1
    return rows[:cut] + [r for r in left if r[1]] + right + rows[k:]


_GAP = re.compile(r"\S {8,}(?=\S)")
# A field set beside other text, as pdftotext -layout prints a title block: "...SAFETY          Date:     17 April"
_BESIDE_FIELD = re.compile(r"\S {8,}(?=(?:Date|Time|Venue|Location|Place|Meeting|Chair)[\w /&]{0,12}:)")


_BREADCRUMBS = re.compile(r"[›»>]\s[^›»>\n]+\s[›»>]\s")
_LINKS_ONLY = re.compile(r"(?:\[\[[^\]\n]*\]\]\s*[›»>|/]?\s*)+")  # "[[Home]] › [[RPB Meetings 2021]]"


def _tidy(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" –—-:|,.*#")
    name = re.sub(r"^(?:the\s+)", "", name, flags=re.IGNORECASE) if name.lower().startswith("the ") else name
    # in capitals but for small words ("EDUCATION COMMITTEE of GLENMOOR COUNCIL")
    letters = [c for w in name.split() if w.casefold() not in _SMALL for c in w if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 4:
        words = name.split()
        name = " ".join(w.lower() if w.lower() in _SMALL and k else w.capitalize() for k, w in enumerate(words))
    return name


def _find_body(rows: list[tuple[Line, str]], h: Header) -> None:
    # 1. a labelled field
    for k, (ln, clean) in enumerate(rows):
        m = _TITLE_FIELD.match(clean)
        if not m:
            continue
        if m.group("c") is not None:  # a cell beside the label: a value, or the next column's heading
            if _column_label(m.group("c")):
                continue
            _set_body(h, _tidy(m.group("c")), ln)
            return
        value, vline = m.group("v").strip(), ln
        if not value:
            for ln2, c2 in rows[k + 1 : k + 4]:
                if not _ANY_LABEL.match(c2) and not find_dates(c2):
                    value, vline = c2, ln2
                    break
        if value:
            _set_body(h, _tidy(value), vline)
            return
    council = _letterhead_council(rows)
    head = _letterhead(rows)
    # 2. "Minutes of (the meeting of) the X"
    for ln, clean in rows:
        m = _MINUTES_OF.match(clean)
        if m and not _BOILER.match(clean):
            x = _tidy(m.group("x"))
            whole = _FULL_COUNCIL_OF.fullmatch(x)
            x = whole["c"] if whole else x  # "the FULL COUNCIL of Holbridge Town Council" is the council
            if x and not find_dates(x) and len(x.split()) <= 12 and not _NOT_A_BODY.match(x):
                if council and _WHOLE_COUNCIL.fullmatch(x):
                    x = council  # "the Full Council" of the council in the letterhead is that council
                elif (under := _under_council(council, x)) != x:
                    x = under  # "Minutes of the Audit Committee" under the council's letterhead
                elif head and head[0] is not ln and _GENERIC_UNIT.match(x) and _ORG_HEAD.search(head[1]):
                    # "Brackenshire Fire and Rescue Authority" over its Audit Committee; a "... Board" over its Board
                    x = head[1] if head[1].casefold().endswith(x.casefold()) else f"{head[1]} {x}"
                elif head and head[0] is not ln:
                    x = _with_letterhead(head[1], x)
                _set_body(h, x, ln)
                return
    # 3. a title line carrying the date: "X – 26 October 2017"
    for ln, clean in rows[:8]:
        dates = find_dates(clean) if "\t" not in clean else None  # a table's row is no title
        if dates and dates[0].start > 3:
            before = re.sub(r"(?:\b(?:minutes?|meeting|notes)\b|\bheld\b.*|\bon\b\s*$)", " ", clean[: dates[0].start],
                            flags=re.IGNORECASE)
            before = re.sub(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b,?", "", before, flags=re.I)
            x = _tidy(re.sub(r"^\W*(?:(?:of|the|a|an|for|at)\s+)*(?:(?:of|the|a|an|for|at)\s*$)?", "", before.strip(),
                             flags=re.IGNORECASE))
            if "[[" in before or "](" in before:
                continue  # a link's text ("Papers: [[RPB Papers 2021-10-14]]"), not a title
            if len(x) > 2 and not _BOILER.match(x) and not _DATE_FIELD.match(clean) and not _PAGE_META.search(before) \
                    and not _A_SENTENCE.search(x) and not (before.rstrip().endswith(":") and _LOWER_WORD.search(x)):
                # "Date of publication: 14 March 2025" is a label; "Harbour Partnership: 26/10/2017" a title
                _set_body(h, x, ln)
                return
    # 4. the first line that is not boilerplate, a date, a label or a name
    for ln, clean in rows[:10]:
        if "\t" in clean or _BOILER.match(clean) or find_dates(clean) or clean.endswith((":", ",")) or len(clean.split()) > 12:
            continue  # a label, or a greeting ("Hi all,")
        if not any(c.isalpha() for c in clean):
            continue  # a rule ("---")
        if council and _council(clean):
            continue
        title, last = _wrapped_caps_title(clean, rows, ln)
        title = _KIND_AFTER.sub("", title) or title  # "... Board – notes of meeting"
        _set_body(h, _under_council(council, _with_unit_line(_tidy(title), rows, last)), ln)
        return
    if council:
        _set_body(h, council, rows[0][0])


def _column_label(cell: str) -> bool:
    """ "Date", "Time", "Venue": a table's column heading, not a value beside a label."""
    return bool(re.fullmatch(r"(?i)(?:date|time|venue|location|place|chair|attendees?|present|start|end|duration)\s*:?",
                             cell.strip()))


def _under_council(council: str | None, x: str) -> str:
    """A cabinet or committee named without its council, named with it: "Place Scrutiny Committee" under
    "Thornleigh Borough Council"; ``x`` itself otherwise."""
    if council and _GENERIC_UNIT.match(x) and council.split()[0].casefold() not in x.casefold():
        return f"{council} {x}"
    return x


# "Approved at the Board meeting held on 9 July 2024", "These minutes were confirmed on ...": a later meeting's date
_APPROVED_AT = re.compile(r"(?i)\W*(?:(?:these|the)\s+minutes\s+(?:were|are|will\s+be|to\s+be)\s+)?"
                          r"(?:approved|confirmed|ratified|signed(?:\s+off)?|agreed)\s+(?:at|on|by)\b")
# "Dyffryn Tawel Regional Partnership Board – notes of meeting": the title, then the kind of record
_KIND_AFTER = re.compile(r"(?i)\s+[–—:|-]\s+(?:draft\s+)?(?:minutes|notes|action\s+notes|record)"
                         r"(?:\s+(?:of\s+(?:the\s+)?meeting|and\s+actions?|and\s+action\s+log))?\s*$")
_FULL_COUNCIL_OF = re.compile(r"(?i:(?:the\s+)?full\s+council\s+of\s+(?:the\s+)?)(?P<c>.+)")
# "These minutes were approved at the meeting on 8 April 2025": a sentence about the minutes, not a title
_LOWER_WORD = re.compile(r"\b(?!and\b|of\b|the\b|for\b)[a-z]{3,}\b")
_A_SENTENCE = re.compile(r"\b(?:were|was|is|are|been|will|have|has)\b")
# "Page last edited by Hollis, Megan on 29/07/2024": a page's history, not a title with its date
_PAGE_META = re.compile(r"(?i)\b(?:edited|updated|modified|printed|published|created|saved|posted|uploaded|version|"
                        r"revisions?)\b")
_ORG_HEAD = re.compile(r"\b(?:Authority|Council|Partnership|Trust|Commissioner|Service|Board|Limited|Ltd|Association|Group|Foundation|University|College|Society|Agency)$")
_NOT_A_BODY = re.compile(r"^(?:held|meeting|on|at|via|in)\b", re.IGNORECASE)
_UNIT_LINE = re.compile(
    r"^(?P<u>(?:[A-Z][\w&'’-]*\s+){0,3}?(?:Board|Committee|Cabinet|Panel|Executive|Group|Forum|Assembly|Sub-Committee))"
    r"(?:\s+meeting)?\s*(?:[-–—:|]\s*)?(?:minutes|notes)?\s*$",
    re.IGNORECASE,
)


def _letterhead(rows: list[tuple[Line, str]]) -> tuple[Line, str] | None:
    """The name printed above the title ("Tees and Wold Combined Authority"), if the document opens with one."""
    for k, (ln, clean) in enumerate(rows[:3]):
        if _BOILER.match(clean) or clean.lower().startswith("minutes") or k == 0 and "\t" in clean:
            continue  # a page's running header ("Wyvern Valley NHS Foundation Trust\tMinutes of the Board ...")
        if "\t" in clean or ":" in clean or find_dates(clean) or len(clean.split()) > 10 or _VENUE.search(clean):
            return None
        return ln, _tidy(clean)
    return None


def _with_letterhead(head: str, x: str) -> str:
    """Join the letterhead and the body the title names: "Eastmoor Safeguarding Adults Board" + "Board",
    "Tees and Wold Combined Authority" + "Combined Authority Board"."""
    fh, fx = head.casefold().split(), x.casefold().split()
    if " ".join(fx) in " ".join(fh):
        return head
    for k in range(min(len(fh), len(fx)), 0, -1):
        if fh[-k:] == fx[:k]:
            return " ".join(head.split() + x.split()[k:])
    return x


def _wrapped_caps_title(title: str, rows: list[tuple[Line, str]], ln: Line) -> tuple[str, Line]:
    """A title in capitals broken by width ("BRACKENFOLD COMMUNITY SAFETY" / "PARTNERSHIP"), and its last line."""
    k = next((n for n, (row_ln, _c) in enumerate(rows) if row_ln is ln), len(rows))
    while (title.isupper() and not _ORG_HEAD.search(_titlecase(title)) and k + 1 < len(rows)
           and (nxt := rows[k + 1][1].strip()).isupper() and len(nxt.split()) <= 3 and not _BOILER.match(nxt)
           and not find_dates(nxt) and ":" not in nxt and "\t" not in nxt
           and _ORG_HEAD.search(_titlecase(f"{title.strip()} {nxt}"))):  # the name completed, not "CABINET" / "RECORD OF ..."
        title, ln, k = f"{title.strip()} {nxt}", rows[k + 1][0], k + 1
    return title, ln


def _with_unit_line(body: str, rows: list[tuple[Line, str]], ln: Line) -> str:
    """ "Marchland LEP" over "Board Meeting - Minutes" is the LEP's Board."""
    for k, (row_ln, _c) in enumerate(rows[:-1]):
        if row_ln is ln:
            m = _UNIT_LINE.match(rows[k + 1][1])
            if m and not _BOILER.match(rows[k + 1][1]):
                unit = _tidy(m.group("u"))  # "STRATEGIC PERFORMANCE BOARD" as the letterhead is cased
                if not body.casefold().endswith(unit.casefold()):
                    return f"{body} {unit}"
            break
    return body


# Partnerships named by their acronym in a title ("Lune & Wyre ICP", "Dunmere & Vale LEP"), spelt out as golds
# and the gazetteer spell bodies; "SAB Board" is one board.
BODY_ACRONYMS = {
    "ICP": "Integrated Care Partnership", "ICB": "Integrated Care Board", "ICS": "Integrated Care System",
    "LEP": "Local Enterprise Partnership", "SAB": "Safeguarding Adults Board", "CSP": "Community Safety Partnership",
    "HWB": "Health and Wellbeing Board", "HWBB": "Health and Wellbeing Board", "PSB": "Public Services Board",
    "RPB": "Regional Partnership Board", "LRF": "Local Resilience Forum", "LSCB": "Local Safeguarding Children Board",
    "SCP": "Safeguarding Children Partnership", "YJMB": "Youth Justice Management Board",
    "PCP": "Police and Crime Panel", "FRA": "Fire and Rescue Authority",
}
_BODY_ACRONYM = re.compile(r"\b(?:" + "|".join(BODY_ACRONYMS) + r")\b")
_SAID_TWICE = re.compile(r"\b(Board|Partnership|Panel|Forum|Authority)\s+\1\b")


def spelt_out(body: str) -> str:
    """``body`` with the acronyms of partnerships spelt out ("Lune & Wyre ICP" -> "Lune & Wyre Integrated Care
    Partnership")."""
    if not _BODY_ACRONYM.search(body):
        return body
    return _SAID_TWICE.sub(r"\1", _BODY_ACRONYM.sub(lambda m: BODY_ACRONYMS[m.group(0)], body))


def _set_body(h: Header, body: str, ln: Line) -> None:
    h.body = spelt_out(body)
    h.spans["body"] = Span(ln.start, ln.end)


def _letterhead_council(rows: list[tuple[Line, str]]) -> str | None:
    """A council named at the top, perhaps over two lines ("Gloucestershire" / "COUNTY COUNCIL")."""
    cands = [c for _ln, c in rows[:10]]
    for k, c in enumerate(cands):
        for text in (c, f"{c} {cands[k + 1]}" if k + 1 < len(cands) else ""):
            if text and "\t" not in text and _council(text) and len(text.split()) >= 2:
                return _titlecase(text)
        for cell in c.split("\t"):
            if _council(cell.strip()) and len(cell.split()) >= 2:
                return _titlecase(cell.strip())
    return None


def _titlecase(text: str) -> str:
    return " ".join(w if not w.isupper() and not w.islower() else (w.lower() if w.lower() in _SMALL and k else w.capitalize())
                    for k, w in enumerate(text.split()))


def _find_date(rows: list[tuple[Line, str]], text: str, h: Header) -> None:
    best = None
    for ln, clean in rows:
        if _FUTURE.search(clean) or _PAGE_META.search(clean) or _APPROVED_AT.match(clean):
            continue  # the next meeting's date, a page's history ("edited this page on 11 Feb 2025"), its approval
        hits = find_dates(ln.raw)
        if not hits:
            continue
        strong = bool(re.search(r"held\s+on|date|\bon\b", clean, re.IGNORECASE))
        if best is None or (strong and not best[2]):
            best = (ln, hits[0], strong)
            if strong:
                break
    if best is None:
        hits = [d for d in find_dates(text[: _MAX_CHARS]) if not _FUTURE.search(text[max(0, d.start - 80) : d.start])]
        if not hits:
            return
        h.date = hits[0].iso
        h.spans["date"] = Span(hits[0].start, hits[0].end)
        return
    ln, hit, _strong = best
    h.date = hit.iso
    h.spans["date"] = Span(ln.start + hit.start, ln.start + hit.end)
    h.time = parse_time(ln.raw[hit.end :]) or parse_time(ln.raw[: hit.start])
    if not h.time:
        for _ln, clean in rows:
            m = _TIME_FIELD.match(clean) or re.search(r"\b(?:commencing|starting|started|start)\s+(?:at\s+)?(?P<v>\d.*)", clean, re.I)
            if m and not _FUTURE.search(clean):
                h.time = parse_time(m.group("v"))
                if h.time:
                    break


def _find_location(rows: list[tuple[Line, str]], h: Header) -> None:
    for k, (ln, clean) in enumerate(rows):
        m = _LOC_FIELD.search(clean) if ":" in clean or "\t" in clean else None
        if not m or m.group("c") is not None and _column_label(m.group("c")):
            continue
        value = (m.group("v") if m.group("c") is None else m.group("c")).strip()
        if value:
            # "Venue: Committee Room 2," over "Brackenfold Civic Offices,": an address going on
            for _ln2, c2 in rows[k + 1 : k + 4]:
                if not value.endswith(",") or ":" in c2 or find_dates(c2) or len(c2.split()) > 8:
                    break
                value = f"{value} {c2.strip()}"
            _set_location(h, value.rstrip(","), ln, ln.raw.find(value[:15]))
            return
        # labels grouped before their values: the location follows the date and time on the value line
        for ln2, c2 in rows[k + 1 : k + 5]:
            if _ANY_LABEL.match(c2) or _TITLE_FIELD.match(c2):
                continue
            rest = _strip_date_time(c2)
            if rest:
                _set_location(h, rest, ln2, ln2.raw.find(rest[:15]))
                return
    for k, (ln, clean) in enumerate(rows):
        if _FUTURE.search(clean):
            continue
        m = _HELD_AT.search(clean) or (_HELD_LINE.search(clean) and _PLACE_TAIL.search(clean))
        if m and m.end("loc") == len(clean) and k + 1 < len(rows) and rows[k + 1][0].start == ln.end + 1:
            # "... held at Service" / "Headquarters, Brindley Road, Oakenvale on Friday ...": the place runs on
            nxt = rows[k + 1][0]
            whole = Line(ln.start, nxt.end, f"{ln.raw} {nxt.raw}")
            m2 = _HELD_AT.search(whole.clean)
            if m2 and m2.start("loc") == m.start("loc") and m2.end("loc") > len(clean) + 1:
                ln, m = whole, m2
        if m:
            loc = re.sub(r"^the\s+", "", _strip_date_time(m.group("loc")), flags=re.IGNORECASE)
            if loc and not _HOW_HELD.fullmatch(loc):
                _set_location(h, loc, ln, ln.raw.find(loc[:15]))
                return
    for ln, clean in rows[:12]:
        after = _place_after_date(clean)
        if after:
            _set_location(h, after, ln, ln.raw.find(after[:15]))
            return
    body_line = h.spans.get("body")
    for ln, clean in rows:
        if "\t" in clean or len(clean.split()) > 12 or _FUTURE.search(clean) or clean.endswith(":"):
            continue
        if body_line and ln.start == body_line.start:
            continue
        if find_dates(clean) or parse_time(clean):
            continue
        if _VENUE.search(clean) and ("," in clean or len(clean.split()) <= 6) and not _BOILER.match(clean):
            if re.search(r"\b(?:minutes|present|apologies|chief\s+executive|meeting\s+of)\b", clean, re.I):
                continue
            _set_location(h, clean.strip(" ,."), ln, ln.raw.find(clean[:15]))
            return


_NOT_A_PLACE = re.compile(r"\b(?:minutes|meeting\s+of|held|present|apologies)\b", re.IGNORECASE)


def _place_after_date(clean: str) -> str | None:
    """The venue closing a line that gives the date: "..., 4 May 2021, 9.30am, Virtual Meeting (Teams)".

    The comma-separated parts left once the date and time are gone, from the
    first that names a kind of venue to the end.
    """
    if "," not in clean or not _VENUE.search(clean) or _FUTURE.search(clean):
        return None
    dates = find_dates(clean)
    if not dates:
        return None
    first = 0 if dates[0].start <= 10 else 1  # a line opening with the date has no title before the place
    parts = [p.strip(" .;:–—-") for p in _strip_date_time(clean).split(",")]
    for k, part in enumerate(parts):
        if k >= first and part and _VENUE.search(part) and not _NOT_A_PLACE.search(part):
            return ", ".join(p for p in parts[k:] if p)
    return None


def _strip_date_time(text: str) -> str:
    s = text
    for d in reversed(find_dates(s)):
        s = s[: d.start] + " " + s[d.end :]
    clock = r"\d{1,2}(?:(?:[.:]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|[.:]\d{2})"
    s = re.sub(rf"(?:\b(?:from|at|starting|commencing|between)\s+)?{clock}(?:\s*(?:[–—\-]|to|until)\s*{clock})?(?=\s|$|,)",
               " ", s, flags=re.I)
    s = re.sub(r"\b(?:held\s+)?on\s*$", "", s.strip(), flags=re.I)
    return re.sub(r"\s+", " ", s).strip(" ,;:–—-.")


# What a council web page prints after the venue: the text of a link
_LINK_TEXT = re.compile(r"[.,]?\s*(?:View|Get|Show)\s+(?:directions|map|location)\s*$", re.IGNORECASE)


_VIRTUAL = re.compile(r"(?i)virtual|online|remote|teams|zoom")
_HOW_TO_JOIN = re.compile(r"\s*\((?=[^()]*\b(?i:hybrid|teams|zoom|online|virtual|remote|dial-in|link)\b)[^()]*\)$")
# "Board Room, Thornvale House, Castlebridge, and via Microsoft Teams": the room, and how else to join
_AND_ONLINE = re.compile(r"(?i),?\s+(?:and|&)\s+(?:via|on|by|online\s+via)\s+(?:microsoft\s+|ms\s+)?(?:teams|zoom|video\s*conference)"
                         r"|,?\s+(?:and|&)\s+(?:online|remotely|virtually)$")


def _set_location(h: Header, value: str, ln: Line, pos: int) -> None:
    value = _LINK_TEXT.sub("", strip_markup(value)).strip(" ,.;")
    if value.endswith(")") and (join := _HOW_TO_JOIN.search(value)) and not _VIRTUAL.search(value[: join.start()]):
        value = value[: join.start()]  # "Room 3.14, Ashgrove House (hybrid – MS Teams link in invite)"; not "Virtual (Teams)"
    also = _AND_ONLINE.search(value)
    if also and also.start() > 0 and also.end() == len(value):
        value = value[: also.start()]
    if not value or len(value) > 150:
        return
    h.location = value
    start = ln.start + max(0, pos)
    h.spans["location"] = Span(start, min(ln.end, start + len(value)))
