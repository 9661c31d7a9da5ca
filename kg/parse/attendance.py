"""Attendance: present, apologies and deputies in every common layout.

Three families, each found by its shape rather than by where it sits:

- tables with a header row ("Name | Organisation | Apologies"), cells split
  by tabs, pipes or runs of spaces, several people run together in a cell and
  organisation names wrapped over consecutive rows;
- labelled blocks ("Present:", "Members", "Officers", "In attendance",
  "Also present", "Apologies:", "Absent", "Substitutes") holding one person a
  line, comma lists, or "Name, role, organisation" entries;
- prose anywhere ("Apologies were received from Cllr A, B and C", "X
  deputised for Y", "Apologies noted from Y – X deputising").

The blocks' spans are returned as ``regions`` so the agenda-item parser does
not read a list of names as items.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kg.gazetteer import Gazetteer, expand_org_abbreviation
from kg.names import initials, person_key
from kg.parse import people as P
from kg.parse.scan import finditer_from, folded, indexed
from kg.parse.sentences import lowered
from kg.parse.textlines import Line, cells, iter_lines, lines_with, strip_markup
from kg.records import Deputy, Person, Span


@dataclass
class AttendanceResult:
    present: list[Person] = field(default_factory=list)
    apologies: list[Person] = field(default_factory=list)
    deputies: list[Deputy] = field(default_factory=list)
    regions: list[Span] = field(default_factory=list)  # text spans consumed by attendance blocks


# -- block labels ------------------------------------------------------------------------------

_LABELS: list[tuple[str, str, str]] = [  # regex, list, capacity
    (r"(?:the\s+following|those)\s+(?:members\s+)?were\s+present|(?:those\s+)?present\s+were|"
     r"(?:the\s+)?meeting\s+was\s+attended\s+by|"
     r"(?:members|councillors|those|partners|board\s+members)\s+present|present|attendees|attendance|"
     r"attending|members|councillors|board\s+members|committee\s+members|voting\s+members|"
     r"sederunt", "present", "member"),  # "Sederunt": Scottish minutes' list of those present
    (r"officers(?:\s+(?:present|in\s+attendance|attending))?|in\s+attendance|supporting\s+officers|"
     r"(?:executive|leadership|senior\s+management|management)\s+team(?:\s+(?:present|in\s+attendance|attending))?",
     "present", "officer"),
    (r"also\s+(?:present|in\s+attendance|attending)(?:\s+were)?|guests?|independent\s+(?:co-?opted\s+)?members|"
     r"(?:cabinet|executive|other|portfolio\s+holder)\s+members?\s+(?:in\s+attendance|present|attending)|observers?|non[\s-]voting\s+members|"
     r"co-?opted\s+members|(?:in\s+attendance\s+)?by\s+invitation|invited|also\s+invited|advisers?", "present", "guest"),
    (r"substitutes?|deputies|substitute\s+members|substitutions", "present", "deputy"),
    (r"apolog(?:y|ies)(?:\s+for\s+absence)?(?:\s+(?:were\s+)?(?:received|sent)(?:\s+from)?)?|apologies\s+from|"
     r"sent\s+(?:their\s+)?apologies",
     "apologies", "member"),
    (r"absent|not\s+present|absent\s+without\s+apologies|absences", "absent", "member"),
]
_SECTION = re.compile(
    r"^(?P<num>\d{1,2}(?:\.\d{1,2})?[.)]?\s+)?(?P<label>"
    + "|".join(f"(?P<g{i}>{rx})" for i, (rx, _l, _c) in enumerate(_LABELS))
    + r")(?:\s*\((?:in\s+person|in\s+the\s+room|remote(?:ly)?|virtual(?:ly)?|online|by\s+video|via\s+[\w ]{2,20}|on\s+[\w ]{2,20})\))?"
    r"(?:\s+(?:on|at|for)\s+[^:\n()]{1,30}?(?=\s*:))?"  # "Deputies on 14 November:"
    r"\s*(?:(?:[:\-–—]|(?<=were)|(?<=by))\s*(?P<rest>.*))?$",  # "Present (remotely): ...", "Present were A, B"
    re.IGNORECASE,
)
# The first two letters of every label above: a line opening with other letters is no label.
_SECTION_STARTS = frozenset({
    "me", "co", "th", "pa", "bo", "pr", "at", "vo", "of", "in", "su", "al", "gu", "ob", "no", "by", "ad", "de", "ap", "ab",
    "se", "ca", "ex", "ot", "po", "le", "ma",
})


def _section(clean: str) -> re.Match[str] | None:
    """``_SECTION.match(clean)``, skipping the pattern for lines whose first two letters start no label.

    Every line of every document is asked; a numbered label ("3. Apologies")
    and letters outside ASCII are left to the pattern.
    """
    if clean[:2] in _NOT_SECTION_STARTS:
        return None
    return _SECTION.match(clean)


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NOT_SECTION_STARTS = frozenset(a + b for a in _LETTERS for b in _LETTERS if (a + b).lower() not in _SECTION_STARTS)


_FIELD = re.compile(
    r"^(?P<label>chair(?:man|woman|person)?|in\s+the\s+chair|vice[\s-]chair(?:man|woman|person)?|"
    r"minutes?(?:\s+taken\s+by)?|minute[\s-]taker|clerk|note[\s-]taker|secretary)\s*:\s*(?P<rest>.+)$",
    re.IGNORECASE,
)

# -- table headers -----------------------------------------------------------------------------

_COLUMNS = {
    "name": r"names?|attendees?|members?|present|representatives?|attendance|who|councillors?|persons?|"
            r"participants?|members\s+present|name\s+of\s+(?:member|attendee)",
    "org": r"organi[sz]ations?|agency|agencies|representing|on\s+behalf\s+of|partner(?:\s+organi[sz]ation)?|"
           r"(?:job\s+)?(?:title|role|position|post)\s*(?:/|and|&|,)\s*(?:organi[sz]ation|agency)|"
           r"(?:organi[sz]ation|agency)\s*(?:/|and|&|,)\s*(?:title|role|position|post)|"
           r"body|organi[sz]ation\s*/\s*agency|agency\s*/\s*organi[sz]ation|service|council|employer|"
           r"(?:council|organi[sz]ation|body|agency)\s*/\s*(?:category|type|sector)",  # "Council / Category"
    "role": r"roles?|titles?|job\s+titles?|positions?|designations?|posts?|capacity",
    "apologies": r"apolog(?:y|ies)(?:\s+(?:received|sent))?|absent|sent\s+apologies",
    "deputy_for": r"deputising\s+for|substituting\s+for|sub(?:stitute)?\s+for|on\s+behalf\s+of\s+member|in\s+place\s+of",
    "deputy": r"deput(?:y|ies)|substitutes?|represented\s+by",
    # a column saying how each row's person took part: "P", "A", "Sub"
    "status": r"present\s*/\s*(?:apolog(?:y|ies)|absent)|apolog(?:y|ies)\s*/\s*present|p\s*/\s*a(?:\s*/\s*s(?:ub)?)?|"
              r"attended\??|present\?|(?:attendance\s+)?status|attendance\s+\(p/a\)|"
              r"(?:attended|present|attendance)\s*\((?:[a-z]+\s*/\s*)+[a-z]+\)",  # "Attended (Y/N/Deputy)"
}
_COL_RX = {k: re.compile(rf"(?:{v})", re.IGNORECASE) for k, v in _COLUMNS.items()}
_HEADER_HINT = re.compile(r"(?i)name|attend|member|present|organi[sz]|apolog|role|agenc|represent|deput|substitut|who")
_SEPS = {"tab": re.compile(r"\t"), "pipe": re.compile(r"\s*\|\s*"), "space": re.compile(r" {2,}|\t+")}


def _column_kind(cell: str) -> str | None:
    c = cell.strip(" :*").strip()
    for kind in ("status", "deputy_for", "apologies", "org", "role", "deputy", "name"):
        if _COL_RX[kind].fullmatch(c):
            return kind
    return None


_HINT_WORDS = ("name", "attend", "member", "present", "organis", "organiz", "apolog", "role", "agenc", "represent",
               "deput", "substitut", "who")


def _header_hint(raw: str) -> bool:
    """``_HEADER_HINT.search(raw)`` as a few substring tests on the lower-cased line."""
    low = folded(raw)
    if low is None:
        return _HEADER_HINT.search(raw) is not None
    return any(w in low for w in _HINT_WORDS)


def _header(line: Line) -> tuple[str, list[str | None], list[int]] | None:
    """If ``line`` heads a table: (separator mode, column kinds, column start columns)."""
    raw = line.raw
    if len(raw) > 300 or not ("\t" in raw or "|" in raw or "  " in raw.strip()) or not _header_hint(raw):
        return None
    for mode in ("tab", "pipe", "space"):
        if mode == "tab" and "\t" not in raw or mode == "pipe" and raw.count("|") < 2:
            continue
        body = raw.strip().strip("|") if mode == "pipe" else raw
        parts = [(m.start(), m.group(0)) for m in re.finditer(r"[^\t|]+" if mode != "space" else r"\S+(?: \S+)*", body)]
        if mode == "tab":
            texts = raw.split("\t")
            starts = []
        else:
            texts = [t for _s, t in parts]
            starts = [s for s, _t in parts]
        kinds = [_column_kind(strip_markup(t)) if t.strip() else None for t in texts]
        # An attendance record of several meetings, a column a date: the last is this meeting's
        dated = [k for k, t in enumerate(texts) if kinds[k] is None and _DATE_HEAD.fullmatch(t.strip())]
        if dated:
            for k in dated:
                kinds[k] = "dated"
            kinds[dated[-1]] = "matrix"
        if kinds.count("name") > 1 and "status" not in kinds:  # "Member | Representing | Present": a status column
            for k, t in enumerate(texts):
                if kinds[k] == "name" and re.fullmatch(r"(?i)\s*(?:present|attended|attendance)\s*", strip_markup(t)):
                    kinds[k] = "status"
        named = [k for k in kinds if k]
        if len(named) >= 2 and ("name" in named or "apologies" in named) and len(named) >= len([t for t in texts if t.strip()]) - 1:
            return mode, kinds, starts
    return None


# -- parse -------------------------------------------------------------------------------------


def parse_attendance(text: str, headings: list[Span], gaz: Gazetteer, *, body: str | None = None) -> AttendanceResult:
    """Present, apologies and deputies from every table, block and sentence that lists them."""
    res = AttendanceResult()
    lines = iter_lines(text)
    i = 0
    # The organisation a heading in a list of those present names ("Partner members" / "Thornmoor County
    # Council" over "Ms Nadia Farouk<tab>Partner Member ..."), for the rows under it that name none.
    heading_org: str | None = None
    listed_to = -9  # the line after the last table or block of people: a heading of theirs follows it closely
    while i < len(lines):
        ln = lines[i]
        head = _header(ln) if ln.raw.strip() else None
        if head:
            known = len(res.present)
            i = listed_to = _parse_table(lines, i, head, gaz, res, into=_label_above(lines, i))
            _give_org(res.present[known:], heading_org)
            continue
        clean = ln.clean
        m = _section(clean) if clean and len(clean) < 4000 else None
        if m and (m.group("rest") is not None or not m.group("num") or _next_is_person(lines, i)):
            org = _org_only(m.group("rest"), gaz) if _label_kind(m)[0] == "present" else None
            if org:  # "Board members: NHS Thornmoor and Wyvern Vale Integrated Care Board"
                heading_org = org
                i = listed_to = i + 1
                continue
            heading_org = None
            i = listed_to = _parse_block(lines, i, m, gaz, res)
            continue
        if i - listed_to <= 4 and not ln.blank:
            org = _org_heading(lines, i, gaz) if len(clean) < 120 else None
            if org:
                heading_org = org
                i = listed_to = i + 1
                continue
            if heading_org is not None and "\t" in clean and person_like(clean):  # a row under the heading
                known = len(res.present)
                _block_line(clean.strip(), ln.start + len(ln.raw) - len(ln.raw.lstrip()), Span(ln.start, ln.end),
                            "present", "member", gaz, res)
                _give_org(res.present[known:], heading_org)
                res.regions.append(Span(ln.start, ln.end))
                i = listed_to = i + 1
                continue
            if _GROUP_LINE.fullmatch(clean.strip()):
                listed_to = i + 1  # "Partner members" over the headings of its organisations
            else:
                heading_org = None
        if "were present" in clean or "in attendance" in clean:
            tail = _PRESENT_AFTER.match(clean)
            if tail and person_like(tail["names"]):
                _present_sentence(ln, tail, gaz, res)
                i += 1
                continue
        f = _FIELD.match(clean) if ":" in clean else None  # the pattern needs a colon
        if f and P.looks_like_name(_first_part(f.group("rest")), lenient=True):
            _parse_field(ln, f, gaz, res)
        i += 1
    _prose_apologies(text, gaz, res)
    _prose_deputies(text, res)
    finish(res, gaz, body)
    return res


def _org_only(text: str | None, gaz: Gazetteer) -> str | None:
    """The organisation ``text`` names and nothing else, canonical, or None."""
    s = (text or "").strip(" .:;")
    if not s or any(c in s for c in "\t,()") or len(s.split()) > 12 or P.honorific_at(s.split(), 0) or person_like(s):
        return None  # "Cllr Martin Hale for Cllr Brian Oakes (Westmere Borough Council)" is a person's entry
    hit = P.known_org(s, gaz)
    if hit:
        return hit[0] if not hit[1] else None
    return gaz.canonical_org(s) if P.is_orgish(s) and not P.is_roleish(s) else None


def _org_label(line: str, gaz: Gazetteer) -> str | None:
    """The organisation labelling a row of its people: "Heathfield Council:<tab>Councillors A and B"."""
    named = [c for c in line.split("\t") if c.strip()]
    if len(named) != 2 or not named[0].rstrip().endswith(":"):
        return None
    return _org_only(named[0].rstrip()[:-1], gaz)


def _org_heading(lines: Sequence[Line], i: int, gaz: Gazetteer) -> str | None:
    """The organisation a line on its own names, when rows of people follow it (a tab in the next line)."""
    ln = lines[i]
    if (i and not lines[i - 1].blank) or "\t" in ln.clean or ":" in ln.clean:
        return None
    k = i + 1
    while k < len(lines) and lines[k].blank and k <= i + 2:
        k += 1
    if k >= len(lines) or "\t" not in lines[k].clean:
        return None
    return _org_only(ln.clean, gaz)


def _give_org(people: list[Person], org: str | None) -> None:
    for p in people:
        if org and not p.organisation:
            p.organisation = org


# "Councillors A. Smith (Chairman), R. Penhaligon and B. Lethbridge were present."
_PRESENT_AFTER = re.compile(
    r"(?P<names>.+?)\s+were\s+(?:present|in\s+attendance)(?:\s+at\s+the\s+meeting)?\s*(?:\.\s*|$)(?P<more>.*)"
)


def _present_sentence(ln: Line, m: re.Match[str], gaz: Gazetteer, res: AttendanceResult) -> None:
    """Those a sentence says were present, and those an "Also in attendance were ..." after it adds."""
    span = Span(ln.start, ln.end)
    names = m["names"]
    _block_line(names, ln.start + max(0, ln.raw.find(names[:20])), span, "present", "member", gaz, res,
                councillors=bool(P._COUNCILLORS.match(names)))
    more = m["more"].strip()
    label = _section(more) if more else None
    if label and label.group("rest"):
        lst, cap = _label_kind(label)
        rest = label.group("rest")
        _block_line(rest, ln.start + max(0, ln.raw.find(rest[:20])), span, lst, cap, gaz, res)
    res.regions.append(span)


def enrich_from_body(text: str, result: AttendanceResult, gaz: Gazetteer, *, body: str | None = None) -> None:
    """Add roles/organisations stated in the body, and people recorded as taking part."""
    from kg.parse.enrich import enrich

    enrich(text, result, gaz, body=body)
    finish(result, gaz, body)


# -- tables ------------------------------------------------------------------------------------


def _label_above(lines: Sequence[Line], i: int) -> str:
    """The list a table belongs to when a bare label heads it ("Apologies:" over "Name | Organisation")."""
    k = i - 1
    while k >= 0 and lines[k].blank and i - k <= 3:
        k -= 1
    if k < 0 or lines[k].blank:
        return "present"
    m = _section(lines[k].clean)
    if m and not (m.group("rest") or "").strip():
        return _label_kind(m)[0]
    return "present"


_ITEM_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,2})?[.)]?")


def _parse_table(lines: Sequence[Line], i: int, head: tuple[str, list[str | None], list[int]], gaz: Gazetteer,
                 res: AttendanceResult, *, into: str = "present") -> int:
    mode, kinds, starts = head
    sep = _SEPS[mode]
    start = lines[i].start
    rows: list[dict[str, tuple[str, int, int]]] = []
    merged = False  # a row went on over lines of its own
    j = i + 1
    end = lines[i].end
    while j < len(lines):
        ln = lines[j]
        if ln.blank:
            nxt = j + 1
            if nxt < len(lines) and _is_row(lines[nxt], mode, starts) and not _header(lines[nxt]) \
                    and not _item_row(lines[nxt]):
                j += 1
                continue
            break
        if rows and mode == "tab" and ln.start == end + 1 and _goes_on(ln, kinds, rows[-1]):
            more = _row_cells(ln, mode, sep, kinds, starts) if "\t" in ln.raw else {
                kinds[0]: (ln.clean.strip(), ln.start, ln.end)}
            if kinds[0] in more and "role" not in kinds and not _open_bracket(rows[-1]):
                more["role"] = more.pop(kinds[0])  # a title under the name: the row's role
            _merge_row(rows[-1], more)
            merged = True
            end = ln.end
            j += 1
            continue
        if not _is_row(ln, mode, starts) or _header(ln) or _item_row(ln) or _section(ln.clean):
            break
        if mode == "pipe" and re.fullmatch(r"[\s|:\-]+", ln.raw):
            j += 1
            continue
        rows.append(_row_cells(ln, mode, sep, kinds, starts))
        end = ln.end
        j += 1
    res.regions.append(Span(start, end))
    if into == "absent":
        return j
    if into == "apologies":  # a table under "Apologies": its name column lists those absent
        for row in rows:
            if "name" in row and "apologies" not in row:
                row["apologies"] = row.pop("name")
    _rows_to_people(rows, gaz, res, join_orgs=not merged)
    return j


def _space_cells(raw: str, starts: list[int]) -> list[tuple[int, int]]:
    """The cells of a space-aligned row: runs of words two spaces apart, cut again where a
    word begins at a column's start after one space (a cell that filled its column)."""
    out = []
    for m in re.finditer(r"\S+(?: \S+)*", raw):
        a = m.start()
        for s in starts[1:]:
            if a < s < m.end() and _word_starts_at(raw, s):
                out.append((a, s - 1))
                a = s
        out.append((a, m.end()))
    return out


def _item_row(ln: Line) -> bool:
    """ "1.<tab>Welcome and apologies": an agenda item after the table, not one of its rows."""
    first = ln.raw.split("\t", 1)[0].strip()
    return bool(_ITEM_NUMBER.fullmatch(first)) and "\t" in ln.raw


def _goes_on(ln: Line, kinds: list[str | None], row: dict) -> bool:
    """Whether a line under a row of a tabbed table is that row going on: the person's title under their
    name ("Jonathan Akinola (Chair)<tab>Agency" / "Independent Chair and Scrutineer"), and perhaps
    the rest of a wrapped cell beside it ("Chief Nurse<tab>Board"), or a bracket closing, not the next person."""
    first = ln.clean.split("\t", 1)[0].strip()
    if kinds[:1] not in (["name"], ["apologies"]) or not first or _section(ln.clean) or _item_row(ln):
        return False
    if _open_bracket(row):
        return True  # "Head of Public Protection (deputising for Det Supt Claire" / "Hennessy)"
    outside = re.sub(r"\([^)]*\)?", " ", first)  # "(deputising for Det Supt Claire" names no one in the row
    if P.looks_like_name(_ENTRY_HEAD_END.split(first, maxsplit=1)[0].strip(), lenient=True) or any(
            P.looks_like_name(h.raw) for h in P.split_run(outside)):
        return False  # a person, or people ("Councillor Colin Moss MBE Colin Fairbairn")
    return first[:1].isupper() and not first.endswith((".", ":")) and (P.is_roleish(first) or P.is_orgish(first))


def _open_bracket(row: dict) -> bool:
    return any(text.count("(") > text.count(")") for text, _a, _b in row.values())


def _merge_row(row: dict, more: dict) -> None:
    """Cells of a line that continues ``row``: a title after the name, the rest of a wrapped cell."""
    open_in = next((k for k, (t, _a, _b) in row.items() if t.count("(") > t.count(")")), None)
    if open_in and len([t for t, _a, _b in more.values() if t.strip()]) == 1:
        more = {open_in: next(v for v in more.values() if v[0].strip())}  # "Hennessy)" closes its bracket
    for kind, (text, _a, b) in more.items():
        text = text.strip()
        if not text:
            continue
        if kind in row and row[kind][0].strip():
            glue = ", " if kind in ("name", "role") and kind != open_in else " "
            row[kind] = (f"{row[kind][0].rstrip()}{glue}{text}", row[kind][1], b)
        else:
            row[kind] = (text, _a, b)


def _is_row(ln: Line, mode: str, starts: list[int] | None = None) -> bool:
    if mode == "tab":
        return "\t" in ln.raw
    if mode == "pipe":
        return ln.raw.count("|") >= 2
    raw = ln.raw
    if re.search(r"\S {2,}\S", raw.strip()) or raw.strip() and raw.startswith(" "):
        return True
    # a cell that filled its column, one space before the next ("Chief Constable Ian Blake Northshire Police")
    return bool(raw.strip()) and any(_word_starts_at(raw, s) for s in (starts or [])[1:])


def _word_starts_at(raw: str, col: int) -> bool:
    """Whether a word of ``raw`` begins at column ``col`` after a single space."""
    return 1 < col < len(raw) and raw[col - 1] == " " and raw[col] != " " and raw[col - 2] != " "


def _row_cells(ln: Line, mode: str, sep: re.Pattern[str], kinds: list[str | None], starts: list[int]) -> dict:
    out: dict[str, tuple[str, int, int]] = {}
    if mode == "space":
        for a, b in _space_cells(ln.raw, starts):
            col = max((k for k, s in enumerate(starts) if s <= a + 2), default=0)
            kind = kinds[col] if col < len(kinds) else None
            if kind and kind not in out:
                out[kind] = (strip_markup(ln.raw[a:b]), ln.start + a, ln.start + b)
        return out
    raw_cells = cells(ln, sep)
    if mode == "pipe":
        raw_cells = [c for k, c in enumerate(raw_cells) if not (k in (0, len(raw_cells) - 1) and not c[0])]
    for k, cell in enumerate(raw_cells):
        kind = kinds[k] if k < len(kinds) else None
        if kind and kind not in out:
            out[kind] = cell
    return out


def _rows_to_people(rows: list[dict], gaz: Gazetteer, res: AttendanceResult, *, join_orgs: bool = True) -> None:
    """``join_orgs``: whether a row's organisation may be wrapped onto the next row's (not when the
    table's rows went on over lines of their own)."""
    orgs = [r.get("org", ("", 0, 0))[0] for r in rows]
    orgs = _join_wrapped(orgs, gaz) if join_orgs else orgs
    for row, org_text in zip(rows, orgs):
        mark = P.end_marker(org_text) if "(" in org_text else None  # "Police and Crime Commissioner (Chair)"
        if mark:
            org_text = org_text[: mark[1]]
        dep_in_org = P._DEPUTY_IN.search(org_text) if "(" in org_text else None  # "Probation Service (for G Ogden)"
        if dep_in_org and not P.looks_like_name(dep_in_org.group("who"), lenient=True):
            dep_in_org = None  # "(for item 4 only)"
        if dep_in_org:
            org_text = (org_text[: dep_in_org.start()] + org_text[dep_in_org.end() :]).strip()
        org, role = P.resolve_org_cell(org_text, gaz) if org_text else (None, None)
        row_marker = mark[0] if mark else None
        if row.get("role") and row["role"][0]:
            role = row["role"][0]
            mk = re.fullmatch(r"\(?(?P<m>(?:vice[\s-]?)?chair(?:man|woman|person)?|minute[\s-]?taker|clerk)\)?", role, re.I)
            row_marker = P.marker_kind(mk.group("m")) if mk else None
        name_cell = row.get("name")
        present_people: list[Person] = []
        if name_cell and name_cell[0]:
            span = Span(name_cell[1], name_cell[2])
            for e in _cell_entries(name_cell[0], gaz):
                person = _person(e.raw, e.organisation or org, e.role or role, e.marker or row_marker, span,
                                 honorific=e.honorific)
                present_people.append(person)
                res.present.append(person)
                if e.deputy_for:
                    res.deputies.append(Deputy(person.name, _clean_name(e.deputy_for), span))
        apol = row.get("apologies")
        ticked = False  # an apologies column ticked for the row's own people
        if apol and apol[0] and not re.fullmatch(r"(?i)(?:yes|y|x|✓|-|–|n/?a|none)", apol[0]):
            span = Span(apol[1], apol[2])
            for e in _cell_entries(apol[0], gaz):
                # the role cell describes the row's attendee, unless nobody attended for the row
                res.apologies.append(_person(e.raw, e.organisation or org, e.role or (None if present_people else role),
                                             None, span, honorific=e.honorific))
        elif apol:
            ticked = apol[0].strip().casefold() in {"yes", "y", "x", "✓"}
        status_cell = row.get("status", ("", 0, 0))
        sub = _SUB_IN_STATUS.fullmatch(status_cell[0].strip()) if status_cell[0] else None
        if sub and present_people and P.looks_like_name(sub["who"], lenient=True):
            # "Sub: Nicola Breen": the row's member was away, and the one named came in their place
            span = Span(status_cell[1], status_cell[2])
            deputy = _person(sub["who"], org, None, None, span, capacity="deputy")
            res.present.append(deputy)
            for p in present_people:
                res.deputies.append(Deputy(deputy.name, p.name, span))
        stood_in = _FOR_IN_STATUS.fullmatch(status_cell[0].strip()) if status_cell[0] and not sub else None
        if stood_in and present_people and P.looks_like_name(stood_in["who"], lenient=True):
            # "Deputy for Marianne Holt": the row's person came in the place of the one named
            for p in present_people:
                p.capacity = "deputy"
                res.deputies.append(Deputy(p.name, _clean_name(stood_in["who"]), Span(status_cell[1], status_cell[2])))
        status = "apologies" if sub else "deputy" if stood_in else \
            _STATUS.get(status_cell[0].strip().casefold().rstrip("."))
        if "matrix" in row:  # this meeting's cell of a record of meetings: "✓", "A", "D" (a deputy sent)
            status = _MATRIX.get(row["matrix"][0].strip().casefold(), "absent")
        away = status if status in ("apologies", "absent") else "apologies" if ticked else None
        if away:  # the row's people move once, whichever column said they were away
            for p in present_people:
                res.present.remove(p)
                if away == "apologies":
                    res.apologies.append(p)
        if status == "deputy":
            for p in present_people:
                p.capacity = "deputy"
        if dep_in_org and present_people and status != "apologies":
            res.deputies.append(Deputy(present_people[-1].name, _clean_name(dep_in_org.group("who")),
                                       present_people[-1].span))
        dep_for = row.get("deputy_for")
        if dep_for and dep_for[0] and present_people:
            res.deputies.append(Deputy(present_people[-1].name, _clean_name(dep_for[0]), Span(dep_for[1], dep_for[2])))
        dep = row.get("deputy")
        if dep and dep[0]:
            span = Span(dep[1], dep[2])
            for hit in P.split_run(dep[0]):
                standin = _person(hit.raw, org, role, None, span, capacity="deputy")
                res.present.append(standin)
                for p in present_people:
                    res.deputies.append(Deputy(standin.name, p.name, span))
                    if p in res.present:
                        res.present.remove(p)
                        res.apologies.append(p)


_FOR_IN_STATUS = re.compile(r"(?i:deputy|deputising|deputizing|substitute|substituting|sub|attending|representing)"
                            r"\s+(?i:for|on\s+behalf\s+of)\s+(?P<who>[A-Z].+)")
_SUB_IN_STATUS = re.compile(r"(?i:(?:sent\s+(?:a\s+)?)?(?:sub(?:stitute)?|deputy)|deputised\s+by|represented\s+by|rep)"
                            r"\s*[:\-–]?\s*(?P<who>[A-Z].+)")  # "Sub: Nicola Breen", "Sent deputy: Kerry Walsh"
# What a status column says of the row's person. A plain "N" in an "Attended (Y/N)" column is read
# as apologies, as minutes that record no other way of being away mean it; "absent" is absent.
_STATUS = {
    **dict.fromkeys(("p", "present", "y", "yes", "attended", "✓", "✔"), "present"),
    **dict.fromkeys(("a", "apologies", "apols", "apol", "apology", "sent apologies", "n", "no"), "apologies"),
    **dict.fromkeys(("absent", "did not attend", "dna"), "absent"),
    **dict.fromkeys(("s", "sub", "substitute", "d", "deputy", "deputising", "rep"), "deputy"),
}


_MATRIX = {**{k: v for k, v in _STATUS.items() if v != "deputy"}, "d": "apologies", "sub": "apologies"}
# A column headed by a date: "14 Nov 2024", "12/09/24", "Sept 2024"
_DATE_HEAD = re.compile(
    r"\d{1,2}(?:st|nd|rd|th)?[ /.-](?:\d{1,2}|[A-Za-z]{3,9})(?:[ /.-]\d{2,4})?|[A-Za-z]{3,9}\.?[ -]\d{2,4}"
)


def _cell_entries(cell: str, gaz: Gazetteer) -> list[P.Entry]:
    """The people of one table cell: "Name, role, organisation" entries where commas describe
    them ("Dr Ruth Penn, Director of Public Health", "Ian Fairclough – Deputy for Rachel Osei"), else a
    run of names ("A Smith B Jones")."""
    if "," in cell or ";" in cell or " – " in cell or " - " in cell or " — " in cell:
        entries = P.parse_entries(cell, gaz)
        if entries:
            return entries
    return [P.Entry(h.raw, h.start, h.end, marker=h.marker, deputy_for=h.deputy_for) for h in P.split_run(cell)]


_TAIL_NOUNS = {
    "office", "partnership", "council", "trust", "commissioner", "commissioner's", "commissioners", "board",
    "group", "service", "services", "authority", "agency", "unit", "company", "limited", "ltd", "association",
    "foundation", "team", "partnership(lep)", "directorate", "constabulary",
}
_CONNECT = {"and", "of", "for", "&", "the", "in", "on", "-", "–", "to", "with"}


def _join_wrapped(orgs: list[str], gaz: Gazetteer) -> list[str]:
    """Organisation names wrapped over consecutive rows, joined back ("Police and Crime" / "Commissioner's Office")."""
    out = list(orgs)
    i = 0
    while i < len(out) - 1:
        a, b = out[i], out[i + 1]
        if a and b and _should_join(a, b, gaz):
            joined = f"{a} {b}"
            out[i] = out[i + 1] = joined
            # a third row may continue it
            k = i + 2
            while k < len(out) and out[k] and _should_join(joined, out[k], gaz) and gaz.org(joined) is None:
                joined = f"{joined} {out[k]}"
                for m in range(i, k + 1):
                    out[m] = joined
                k += 1
            i = k
            continue
        i += 1
    return out


def _should_join(a: str, b: str, gaz: Gazetteer) -> bool:
    joined = f"{a} {b}"
    whole = P.known_org(joined, gaz)
    if whole and not whole[1]:
        return not (gaz.org(a) and gaz.org(b))
    if P.known_org(a, gaz) or P.known_org(b, gaz):
        return False
    if re.search(r"\b[A-Z]{2,}\)?$", a.strip()) or expand_org_abbreviation(a.strip()) != a.strip():
        return False  # ends in an abbreviation: "Riverton DC", "... (CCG)"
    last = a.split()[-1].casefold()
    if last in _CONNECT or a.rstrip().endswith((",", "&")):
        return True
    first = b.split()[0]
    if first[0].islower() or first.startswith("("):
        return True
    return first.casefold() in _TAIL_NOUNS and last not in _TAIL_NOUNS and last not in P.ORG_NOUNS


# -- blocks ------------------------------------------------------------------------------------


def _label_kind(m: re.Match[str]) -> tuple[str, str]:
    for i, (_rx, lst, cap) in enumerate(_LABELS):
        if m.group(f"g{i}"):
            return lst, cap
    return "present", "member"


def _next_is_person(lines: Sequence[Line], i: int) -> bool:
    for ln in lines[i + 1 : i + 4]:
        if ln.blank:
            continue
        return person_like(ln.clean)
    return False


def _parse_block(lines: Sequence[Line], i: int, m: re.Match[str], gaz: Gazetteer, res: AttendanceResult) -> int:
    lst, cap = _label_kind(m)
    councillors = m.group("label").casefold().startswith("councillors") and "present" not in m.group("label").casefold()
    ln = lines[i]
    start = ln.start if not m.group("num") else None
    end = ln.end
    rest = _aligned_as_tabs((m.group("rest") or "").strip())  # "Officers present:  Dr Neil Carrow    Director of Place"
    j = i + 1
    if rest:
        offset = ln.start + ln.raw.find(rest) if rest in ln.raw else ln.start
        # "Deborah Quayle (Assistant" / "Chief Fire Officer), Nathan Eccles" / "(Treasurer)": a few lines at most
        while j < min(len(lines), i + 1 + _WRAPPED_LINES) and _runs_on(rest, lines[j]):
            rest = f"{rest} {lines[j].clean.strip()}"
            end = lines[j].end
            j += 1
        _block_line(rest, offset, Span(ln.start, end), lst, cap, gaz, res, councillors=councillors)
        start = ln.start if start is None else start
    blanks = 0
    while j < len(lines):
        nxt = lines[j]
        clean = nxt.clean
        if not clean.strip():
            blanks += 1
            if blanks > 3:
                break
            j += 1
            continue
        if _section(clean) or _FIELD.match(clean) or _header(nxt) or (
                _TAB_FIELD.match(clean) and not _org_label(clean, gaz)):
            break
        clean = _aligned_as_tabs(_BULLET_LEAD.sub("", clean.strip()))  # a lead tab is the label's empty column
        if _GROUP_LINE.fullmatch(clean):  # "Non-Executive Directors" over the names of the group
            end = nxt.end
            j += 1
            continue
        if not person_like(clean) and not ("\t" in clean and _org_label(clean, gaz)):
            if _wrapped_cell(nxt, lines[j - 1], res.present if lst == "present" else res.apologies, gaz):
                end = nxt.end
                j += 1
                continue
            break
        first = nxt
        offset = nxt.start + max(0, nxt.raw.find(clean[:20])) if clean else nxt.start
        last = min(len(lines), j + 1 + _WRAPPED_LINES)
        while j + 1 < last and _runs_on(clean, lines[j + 1]):
            j += 1  # "Ruth Pennington (Avon Marsh" / "Integrated Care Board); Simon Abara (...)": one line
            nxt = lines[j]
            clean = f"{clean} {nxt.clean.strip()}"
        if j + 1 < len(lines) and _described_below(clean, nxt, lines[j + 1], gaz):
            j += 1  # "Mrs Lorraine Okafor" over "Deputy Chief Nursing Officer, NHS ... ICB": one entry
            nxt = lines[j]
            clean = f"{clean}, {nxt.clean.strip()}"
        blanks = 0
        _block_line(clean, offset, Span(first.start, nxt.end), lst, cap, gaz, res, councillors=councillors)
        start = first.start if start is None else start
        end = nxt.end
        j += 1
    if start is not None:
        res.regions.append(Span(start, end))
    return j


_BRACKETED = re.compile(r"\([^()]*\)")
# A group's heading inside a list of those present: "Non-Executive Directors", "Voting members:"
_GROUP_LINE = re.compile(r"(?i)(?:[\w-]+\s+){0,3}(?:directors|members|officers|representatives|advisers|advisors|"
                         r"governors|trustees|partners|councillors)\s*:?")
_BULLET_LEAD = re.compile(r"^(?:[-•·▪◦*–]|\d{1,2}[.)])\s+")  # "- Margaret Ellingham (Chair)", "1. Jo Coast"
_WRAPPED_LINES = 8  # an entry or a list wrapped by width runs on over at most this many lines


_TAB_FIELD = re.compile(r"[A-Z][\w ()'’-]{1,30}:\t")  # a form's field: "Police lead:\tSuperintendent Dawn Ashworth"


def _runs_on(text: str, nxt: Line) -> bool:
    """Whether the attendance entry or list in ``text`` goes on on the line ``nxt``: a bracket left open
    ("Ruth Pennington (Avon Marsh" / "Integrated Care Board)"), one opening the next line ("(Treasurer)"),
    or a list separated by semicolons or ending in a comma, wrapped by width
    ("...; Rebecca Stott – Chief Executive," / "Office of the Police and Crime Commissioner; ...")."""
    s = nxt.clean.strip()
    if not s or _section(s) or _FIELD.match(s) or _TAB_FIELD.match(s):
        return False
    if s.startswith("(") or text.count("(") > text.count(")"):
        return True
    tail = text.rstrip()
    # a semicolon between entries, not inside one's brackets: "David Oduya (Vice Chair; Chair of Audit)"
    between = ";" in text and ";" in _BRACKETED.sub("", text)
    return (between or tail.endswith(",")) and "\t" not in text and not tail.endswith(".")


def _wrapped_cell(ln: Line, above: Line, people: list[Person], gaz: Gazetteer) -> bool:
    """A line holding only the organisation of the person above, indented to its column
    ("Cllr Derek Ashby (substitute for ...)" / "                Blandmere District Council"); given to that person."""
    indent = len(ln.raw) - len(ln.raw.lstrip(" \t"))
    text = ln.clean.strip()
    if indent < 8 or not people or people[-1].organisation or above.blank or "  " in text or len(text) > 80:
        return False
    if not (P.known_org(text, gaz) or P.is_orgish(text)):
        return False
    people[-1].organisation = gaz.canonical_org(text)
    return True


_ENTRY_HEAD_END = re.compile(r",|;|\(|\s[–—-]\s|:")
_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")


def _aligned_as_tabs(clean: str) -> str:
    """A block line laid out in columns by runs of spaces ("Jo Coast        Chair"), its gaps made tabs.

    PDF and plain-text minutes align a name and its role without a header row;
    read as one run of words the line is no name at all, and the block ended there.
    """
    if "\t" in clean or "  " not in clean:
        return clean
    return _GAP.sub("\t", clean.strip())


def _described_below(entry: str, ln: Line, below: Line, gaz: Gazetteer) -> bool:
    """Whether ``below`` describes the person named alone on the line above it: a post or an organisation
    ("Director of Public Health, Thornmoor County Council"), as a web page prints a name and its title."""
    text = below.clean.strip()
    if below.start != ln.end + 1 or not text or "\t" in text or "\t" in entry or not P.looks_like_name(entry.strip()):
        return False
    if _section(text) or _FIELD.match(text) or _TAB_FIELD.match(text) or person_like(text):
        return False
    head = re.split(r"[,(]", text, maxsplit=1)[0].strip()
    if not head or text.endswith(".") or any(w[:1].islower() and w not in _SMALL_WORDS for w in head.split()):
        return False  # "The Chair welcomed everyone.": a sentence, not a title
    return P.is_roleish(head) or P.is_orgish(head) or P.known_org(head, gaz) is not None


_SMALL_WORDS = frozenset({"of", "and", "for", "the", "in", "to", "on", "at", "&"})


def person_like(clean: str) -> bool:
    """Whether a line reads as an attendance entry rather than a sentence or heading."""
    s = clean.strip()
    if not s or len(s) > 600:
        return False
    if P._COUNCILLORS.match(s):
        return True
    if "\t" in s:
        first = s.split("\t", 1)[0]
        return bool(first.strip()) and all(P.looks_like_name(h.raw, lenient=True) for h in P.split_run(first)) \
            and bool(P.split_run(first))
    head = _ENTRY_HEAD_END.split(s, maxsplit=1)[0].strip()
    if P.looks_like_name(head, lenient=True):
        return True
    if _is_run(s):
        return True
    cut = P.trailing_name(head)  # "Chief Fire Officer Neil Harding": a rank or post before the name
    if cut == 0:
        return True
    if cut is None:
        return False
    rank = head[:cut].split()
    return len(rank) <= 5 and all(w[0].isupper() for w in rank) and P.is_roleish(head[:cut]) \
        and not _SECTION.match(head[:cut].strip())


def _is_run(s: str) -> bool:
    """A line made only of names and honorifics ("Cllr A Smith Cllr B Jones")."""
    s = re.sub(r"\([^()]*\)", " ", s)
    toks = s.split()
    if len(toks) < 2:
        return False
    i = 0
    names = 0
    while i < len(toks):
        n = P.honorific_at(toks, i)
        if n:
            i += n
            continue
        t = toks[i].strip(",;")
        if not (P._is_name_word(t) or P._INITIAL.match(t) or t.casefold() in {"and", "&"}):
            return False
        names += 1
        i += 1
    hits = P.split_run(s)
    return names >= 2 and bool(hits) and all(P.looks_like_name(h.raw, lenient=True) for h in hits)


def _block_line(s: str, offset: int, span: Span, lst: str, cap: str, gaz: Gazetteer, res: AttendanceResult, *,
                councillors: bool = False) -> None:
    if lst == "absent":
        return
    target = res.present if lst == "present" else res.apologies
    cells = s.split("\t") if "\t" in s else []
    org = _org_label(s, gaz) if cells else None
    if org:  # "Heathfield Council:<tab>Councillors Peter Dunmore (Vice-Chair) and Raymond Kettlewell"
        named = [c for c in cells if c.strip()]
        known = len(target)
        _block_line(named[1].strip(), offset + s.find(named[1]), span, lst, cap, gaz, res, councillors=councillors)
        _give_org(target[known:], org)
        return
    if len(cells) > 1 and _names_in_columns([c.strip() for c in cells]):
        for c in cells:  # "Cllr D Palfrey<tab>Cllr H Moseley": members printed in two columns
            _block_line(c.strip(), offset + s.find(c), span, lst, cap, gaz, res, councillors=councillors)
        return
    if cells:
        first, *others = cells
        others = [P.without_attendance_note(o) for o in others]  # "Fenshire Police (for minute OSC.26)"
        marks = [_CELL_MARKER.fullmatch(o.strip()) for o in others]
        mark = next((P.marker_kind(mk.group("m")) for mk in marks if mk), None)
        for k, o in enumerate(others):  # "Head of Communities (Chair)": a marker closing a cell
            end = P.end_marker(o) if not marks[k] and o.rstrip().endswith(")") else None
            if end:
                mark, others[k] = mark or end[0], o[: end[1]]
        attrs = [part for o, mk in zip(others, marks) if o.strip() and not mk for part in P.attr_segments(o.strip(), gaz)]
        org, role = P.classify_attrs(attrs, gaz) if attrs else (None, None)
        for hit in P.split_run(first):
            person = _person(hit.raw, org, role, hit.marker or mark, span, capacity=cap)
            target.append(person)
            if hit.deputy_for:
                res.deputies.append(Deputy(person.name, _clean_name(hit.deputy_for), span))
        return
    s = _FULL_STOP.sub("", _PUBLIC.sub("", s))
    if "," not in s and not re.search(r"\s[–—-]\s", s) and not _other_paren(s) and not P._COUNCILLORS.match(s) \
            and _is_run(s):
        for hit in P.split_run(s):
            person = _person(hit.raw, None, None, hit.marker, span, capacity=cap)
            target.append(person)
            if hit.deputy_for:
                res.deputies.append(Deputy(person.name, _clean_name(hit.deputy_for), span))
        return
    if cap == "deputy" and ";" in s:  # "Cllr A for Cllr B; Cllr C for Cllr D"
        for part in s.split(";"):
            if part.strip():
                _block_line(part.strip(), offset + s.find(part), span, lst, cap, gaz, res, councillors=councillors)
        return
    m = _SUBSTITUTING.match(s)
    if m is None and cap == "deputy":
        m = re.match(r"^(?P<dep>.+?)\s+(?:for|in\s+place\s+of)\s+(?P<for>.+?)\.?$", s)
    if m and lst == "present":
        dep, dep_org = _name_and_paren(m.group("dep"))
        for_, for_org = _name_and_paren(m.group("for"))
        if P.looks_like_name(dep, lenient=True) and P.looks_like_name(for_, lenient=True):
            org = gaz.canonical_org(dep_org or for_org) if (dep_org or for_org) else None
            person = _person(dep, org, None, None, span, capacity="deputy")
            target.append(person)
            res.deputies.append(Deputy(person.name, _clean_name(for_), span))
            res.apologies.append(_person(for_, gaz.canonical_org(for_org) if for_org else org, None, None, span))
            return
    for e in P.parse_entries(s, gaz, offset, councillors=councillors):
        person = _person(e.raw, e.organisation, e.role, e.marker, span, capacity=cap, honorific=e.honorific)
        target.append(person)
        if e.deputy_for:
            res.deputies.append(Deputy(person.name, _clean_name(e.deputy_for), span))
        if e.deputy_by and lst == "apologies":  # "Robert Naylor (Org) - Yvonne Clarke deputising"
            res.deputies.append(Deputy(_clean_name(e.deputy_by), person.name, span))
            res.present.append(_person(e.deputy_by, None, None, None, span, capacity="deputy"))


def _names_in_columns(cells: list[str]) -> bool:
    """ "Danny Brannigan<tab>Lian Yeo": every cell a name (an unfamiliar one too, beside a familiar one),
    none an organisation or a post."""
    if not all(cells) or not any(P.looks_like_name(c) for c in cells):
        return False
    return all(P.looks_like_name(c) or P.looks_like_name(c, lenient=True) and not P.is_orgish(c) and not P.is_roleish(c)
               for c in cells)


# A cell that only marks the row's person: "Chair", "(Vice-Chair)", "Minute Taker"
_CELL_MARKER = re.compile(
    r"\(?(?P<m>(?:vice[\s-]?|deputy\s+)?chair(?:man|woman|person)?|minute[\s-]?tak(?:er|ing)|note[\s-]?taker|clerk)\)?",
    re.IGNORECASE,
)
# "Cllr A (Org) substituting for Cllr B", in any list of those present
_SUBSTITUTING = re.compile(
    r"^(?P<dep>[^()]+?(?:\([^()]*\))?)\s+(?:(?:was\s+)?(?:substituting|deputising|deputizing|standing\s+in|attending|"
    r"as\s+(?:a\s+)?substitute)\s+(?:for|on\s+behalf\s+of|in\s+place\s+of))\s+(?P<for>[^()]+?(?:\([^()]*\))?)\.?$",
    re.IGNORECASE,
)
# The full stop that ends a list written as a sentence ("Present: A (Org), B and C, Chair, Org."), not an initial's
_FULL_STOP = re.compile(r"(?<![\s.][A-Z])\.\s*$")
# "... and 4 members of the public": the public are not attendees
_PUBLIC = re.compile(
    r"(?:,\s*|\s+and\s+|^)(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|some|no)\s+"
    r"members?\s+of\s+(?:the\s+)?(?:public|press)\b.*$",
    re.IGNORECASE,
)


def _other_paren(s: str) -> bool:
    """A bracket that is neither a marker ("(Chair)") nor a deputy note: it says who the person is."""
    rest = P.without_notes(s)
    return "(" in rest


def _name_and_paren(text: str) -> tuple[str, str | None]:
    """ "Cllr Brian Oakes (Westmere BC)" -> ("Cllr Brian Oakes", "Westmere BC")."""
    m = re.match(r"^(?P<n>[^()]+?)\s*\((?P<p>[^()]*)\)\s*$", text.strip(" .,;"))
    if m:
        return m.group("n"), m.group("p").strip() or None
    return text.strip(" .,;"), None


def _parse_field(ln: Line, f: re.Match[str], gaz: Gazetteer, res: AttendanceResult) -> None:
    label = f.group("label").casefold()
    kind = "vice-chair" if label.startswith("vice") else "chair" if "chair" in label else "minute-taker"
    span = Span(ln.start, ln.end)
    for e in P.parse_entries(f.group("rest"), gaz):
        res.present.append(_person(e.raw, e.organisation, e.role, kind, span, honorific=e.honorific))
    res.regions.append(span)


def _first_part(s: str) -> str:
    return re.split(r",|\(|;|\s[–—-]\s", s, maxsplit=1)[0]


# -- prose -------------------------------------------------------------------------------------

_APOL_PROSE = re.compile(
    r"\bapolog(?:y|ies)(?P<late>\s+for\s+(?:absence|lateness|late\s+arrival))?\s+"
    r"(?:(?:were|was|had\s+been|have\s+been|has\s+been)\s+)?"
    r"(?:received|submitted|given|noted|tendered|reported|presented|sent|recorded|offered|intimated)\s+"
    r"(?:(?:and|&)\s+(?:accepted|noted|approved|received)\s+)?(?:from|by|on\s+behalf\s+of|for)\s+(?P<list>(?:[^.\n]|(?<=\b[A-Z])\.|\.(?=\d))+)",
    re.IGNORECASE,
)
_NAME = P.NAME_PATTERN
_SENT_APOL = re.compile(rf"(?P<name>{_NAME})\s+(?:had\s+)?(?:sent|gave|tendered|offered)\s+(?:(?:his|her|their)\s+)?apologies")
_SENT_APOL_VERBS = ("sent", "gave", "tendered", "offered")
# "... was deputising", "... attending on his behalf": after the name of whoever came in someone's place
_IN_THEIR_PLACE = (
    r"\s+(?:was\s+)?(?:deputising|deputizing|substituting|attending|attended|representing)"
    r"(?:\s+(?:for\s+(?:him|her|them)|in\s+(?:his|her|their)\s+place|on\s+(?:his|her|their)\s+behalf))?"
)
_DEP_TAIL = re.compile(rf"\s*(?:[–—\-,;]|\band\b)\s*(?P<dep>{_NAME}){_IN_THEIR_PLACE}\s*$")
# "..., with SM Kay Driscoll attending on his behalf, from ...": a deputy for the entry before, inside the list
_DEP_CLAUSE = re.compile(rf"[,;]\s*(?:with\s+)?(?P<dep>{_NAME}){_IN_THEIR_PLACE}(?=\s*[,;])")
_NEXT_CLAUSE = re.compile(r";\s+(?=[^;]*\b(?:attended|attending|was|were|had|has|is|are|will|sent|noted)\b)")
# "from A (Org), from B and from C": the "from" repeated before each entry
_FROM_AGAIN = re.compile(r"(?:,\s*|\s+and\s+)from\s+")
_SUB_BY = re.compile(r"\(\s*(?:substituted|represented|replaced|deputised|deputized)\s+by\s+(?P<by>[^()]+?)\s*\)", re.I)
_DEPUTY_PROSE = [  # (pattern, a cheap test the line must pass first: the name patterns are slow to scan)
    (re.compile(
        # "Lorna Fox, who was attending for Imran Siddiqui", "Nicola Breen, Assistant Director, who was attending for ..."
        rf"(?P<dep>{_NAME})(?:,\s+(?:[^,()\n]{{2,80}},\s+)?who\s+(?:was|is|had\s+been)\s+|\s+(?:was\s+|is\s+)?)"
        r"(?i:deputising|deputizing|deputised|deputized|substituting|substituted|"
        r"standing\s+in|stood\s+in|attended|attending|sat|present)\s+(?i:(?:as\s+(?:a\s+)?(?:substitute|deputy)\s+)?"
        rf"(?:for|on\s+behalf\s+of|in\s+place\s+of))\s+(?P<for>{_NAME})"
    ), re.compile(r"(?i:\s(?:for|on\s+behalf\s+of|in\s+place\s+of)\s+[A-Z])")),
    (re.compile(rf"(?P<dep>{_NAME})\s+represented\s+(?P<for>{_NAME})"), re.compile(r"\srepresented\s+[A-Z]")),
    (re.compile(
        rf"(?P<for>{_NAME})\s+(?:was\s+)?(?i:substituted|represented|replaced)\s+by\s+(?P<dep>{_NAME})"
    ), re.compile(r"(?i:substituted|represented|replaced)\s+(?i:by)\s+[A-Z]")),
    (re.compile(
        rf"(?i:apologies\s+(?:were\s+)?(?:noted|received)\s+from)\s+(?P<for>{_NAME})\s*[–—\-,]\s*(?P<dep>{_NAME})"
        r"\s+(?i:deputising|deputizing|substituting|attending)"
    ), re.compile(r"(?i:apologies)")),
]
_DEP_WORDS = indexed(("deput", "substitut", "represent", "place of", "behalf of", "stood in", "standing in",
                      "attending for", "attended for"))
_APOLOG = indexed(("apolog",))
_DEP_HINT = re.compile(r"deputi[sz]|substitut|represent|in\s+place\s+of|on\s+behalf\s+of|stood\s+in|standing\s+in|"
                       r"attend(?:ing|ed)\s+for", re.I)


def _dep_hint(raw: str) -> bool:
    """``_DEP_HINT.search(raw)``, as substring tests on the lower-cased line where they answer it."""
    low = folded(raw)
    if low is None:
        return _DEP_HINT.search(raw) is not None
    if "deputis" in low or "deputiz" in low or "substitut" in low or "represent" in low:
        return True
    if "place" in low or "behalf" in low or "stood" in low or "standing" in low or " for " in low and "attend" in low:
        # the rest span white space
        return _DEP_HINT.search(raw) is not None
    return False


def _prose_apologies(text: str, gaz: Gazetteer, res: AttendanceResult) -> None:
    # Tried only where "apolog" is printed, in any case ("apolog" has no letter that a letter
    # outside ASCII matches case-insensitively, so the lower-cased text finds every place).
    low = lowered(text)
    if low is None:
        found = _APOL_PROSE.finditer(text)
    else:
        found = finditer_from(_APOL_PROSE, text, low, _APOLOG, shared=True)
    for m in found:
        if m.group("late") and "absence" not in m.group("late").casefold():
            continue
        if _inside(m.start(), res.regions):
            continue
        if text[max(0, m.start() - 3) : m.start()].casefold() == "no ":
            continue  # "No apologies had been received from Cllr Oliver Stamp": absent, not apologies
        lst = m.group("list")
        lst_start = m.start("list")
        span = _sentence(text, m.start(), m.end())
        tail = _DEP_TAIL.search(lst)
        if tail:
            lst = lst[: tail.start()]
        clause = _NEXT_CLAUSE.search(lst) if ";" in lst else None
        if clause:  # "... Carol Ingham; Councillor Susan Etheridge attended as substitute for ...": another sentence
            lst = lst[: clause.start()]
        for sub in _SUB_BY.finditer(lst):
            before = P.split_run(lst[: sub.start()])
            if before and P.looks_like_name(sub.group("by")):
                res.deputies.append(Deputy(_clean_name(sub.group("by")), _clean_name(before[-1].raw), span))
                res.present.append(_person(sub.group("by"), None, None, None, span, capacity="deputy"))
        lst = _SUB_BY.sub("", lst)
        if "from " in lst:
            lst = _FROM_AGAIN.sub(lambda f: "," + " " * (len(f.group()) - 1), lst)  # same length: offsets hold
        clauses = [(c, dep) for c in (_DEP_CLAUSE.finditer(lst) if "," in lst else ())
                   if (dep := _abbreviated_rank_off(c.group("dep")))]
        for c, dep in clauses:
            listed = P.parse_entries(lst[: c.start()], gaz)
            if listed:
                res.deputies.append(Deputy(_clean_name(dep), _clean_name(listed[-1].raw), span))
                res.present.append(_person(dep, None, None, None, span, capacity="deputy"))
        for c, _ in reversed(clauses):
            lst = lst[: c.start()] + " " * (c.end() - c.start()) + lst[c.end():]
        entries = P.parse_entries(re.sub(r"\s+and\s+(?=(?:Cllr|Councillor|Dr|Mr|Mrs|Ms)\b)", ", ", lst), gaz, lst_start)
        added = []
        for e in entries:
            person = _person(e.raw, e.organisation, e.role, None, span, honorific=e.honorific)
            res.apologies.append(person)
            added.append(person)
        if tail and added:
            dep = _clean_name(tail.group("dep"))
            res.deputies.append(Deputy(dep, added[-1].name, span))
            res.present.append(_person(tail.group("dep"), None, None, None, span, capacity="deputy"))
    for ln in lines_with(text, ("apologies",), case=True):
        if not any(w in ln.raw for w in _SENT_APOL_VERBS):
            continue  # the pattern tries a name at every capital: skip lines without its verb
        for m in _SENT_APOL.finditer(ln.raw):
            at = ln.start + m.start()
            if P.looks_like_name(m.group("name")) and not _inside(at, res.regions):
                res.apologies.append(_person(m.group("name"), None, None, None, _sentence(text, at, ln.start + m.end())))


def _prose_deputies(text: str, res: AttendanceResult) -> None:
    for ln in lines_with(text, _DEP_WORDS):
        if not _dep_hint(ln.raw):
            continue
        for rx, hint in _DEPUTY_PROSE:
            if not hint.search(ln.raw):
                continue
            for m in rx.finditer(ln.raw):
                dep, for_ = m.group("dep"), m.group("for")
                # "KL attended in place of Supt Dwyer": initials stand for someone listed (``finish``)
                if not ((P.looks_like_name(dep) or _INITIALS_ONLY.fullmatch(dep)) and P.looks_like_name(for_)):
                    continue
                span = _sentence(text, ln.start + m.start(), ln.start + m.end())
                res.deputies.append(Deputy(_clean_name(dep), _clean_name(for_), span))
                res.present.append(_person(dep, None, None, None, span, capacity="deputy"))


def _abbreviated_rank_off(name: str) -> str | None:
    """``name`` if it looks like one, else without a leading rank in capitals ("SM Kay Driscoll",
    a station manager), else None."""
    if P.looks_like_name(name):
        return name
    head, _, rest = name.partition(" ")
    return rest if head.isupper() and 2 <= len(head) <= 4 and P.looks_like_name(rest) else None


def _sentence(text: str, start: int, end: int) -> Span:
    # The ". " searches stop at the line's ends: unbounded, each call could scan the whole
    # text, and a document with thousands of deputies took quadratic time.
    nl = text.rfind("\n", 0, start)
    a = max(nl, text.rfind(". ", max(nl, 0), start) + 1)
    nl_after = text.find("\n", end)
    b_candidates = [x for x in (nl_after, text.find(". ", end, len(text) if nl_after < 0 else nl_after)) if x != -1]
    b = min(b_candidates) if b_candidates else len(text)
    if b < len(text) and text[b] == ".":
        b += 1
    return Span(max(0, a if text[a : a + 1] != "\n" else a + 1), b)


def _inside(pos: int, regions: list[Span]) -> bool:
    return any(r.start <= pos < r.end for r in regions)


# -- people ------------------------------------------------------------------------------------


def _clean_name(raw: str) -> str:
    return P.person_hon(raw.strip(" .,;:"))[0]


def _person(raw: str, org: str | None, role: str | None, marker: str | None, span: Span | None, *,
            capacity: str = "member", honorific: str | None = None) -> Person:
    name, hon, post, rank_role = P.person_hon(raw.strip(" .,;:"))
    cap = marker or capacity
    if marker in P.MARKER_ROLE:
        role = P.MARKER_ROLE[marker]
    elif role and role.endswith(")"):
        role = _HOW_TAKING_PART.sub("", role) or None  # "Director of People (non-voting)"
    elif role and _ABSENCE_REASON.fullmatch(role):
        role = None  # "Cllr Hilary Rowe (illness)": why they were away, not what they are
    return Person(
        name=name, honorific=hon or honorific, postnominals=post, organisation=org,
        role=role or rank_role, capacity=cap, span=span,  # type: ignore[arg-type]
    )


_ABSENCE_REASON = re.compile(
    r"(?i)(?:due\s+to\s+)?(?:illness|ill[\s-]health|sickness|unwell|holiday|annual\s+leave|leave|bereavement|"
    r"(?:work|family|personal|other|prior)\s+(?:commitments?|reasons|matters)|personal\s+reasons|another\s+meeting|"
    r"on\s+leave|away|travelling)")
# How someone took part, after their post: not part of it
_HOW_TAKING_PART = re.compile(r"\s*\((?i:non-voting|voting|observing|observer|virtually|remotely|online|via\s+teams|"
                              r"by\s+(?:phone|video)|part\s+of\s+the\s+meeting|part)\)$")


_COMPANY_BOARD = re.compile(r"(?:The\s+)?(?P<c>(?:[A-Z][\w'’&-]*\s+){1,5}(?:Limited|Ltd\.?|plc|PLC|LLP|CIC))"
                            r"(?:\s+Board(?:\s+of\s+(?:Directors|Management|Trustees))?)?")


def body_council(body: str | None, gaz: Gazetteer) -> str | None:
    """The council (or trust, or company) whose own cabinet, committee or board this is ("X County Council Cabinet"
    -> "X County Council")."""
    if not body:
        return None
    # "X NHS Foundation Trust Board of Directors": the Trust's own board
    m = re.search(r"^(?:The\s+)?(?P<c>.*?\b(?:NHS\s+)?(?:Foundation\s+)?Trust)\s+(?:Board|Council\s+of\s+Governors)\b",
                  body)
    if m:
        return gaz.canonical_org(m.group("c"))
    # "Thornvale Homes Limited" (its Board): a company's own board
    m = _COMPANY_BOARD.fullmatch(body)
    if m:
        return gaz.canonical_org(m.group("c"))
    # "Education Committee of Glenmoor Council": the council the committee is of
    m = re.search(r"\bof\s+(?:the\s+)?(?P<c>(?:[A-Z][\w'’-]*\s+){1,4}(?:Council|Authority))$", body) or \
        re.search(r"^(?:The\s+)?(?P<c>.*?\b(?:Council|Authority))\b", body)
    if m:
        return gaz.canonical_org(m.group("c"))
    pre = gaz.org_prefix(body)
    if pre and gaz.org_kind(pre[0]) == "council" and len(body) > pre[1]:
        return pre[0]
    return None


def finish(res: AttendanceResult, gaz: Gazetteer, body: str | None) -> None:
    """Merge repeats, fill the council of a council's own meeting, keep apologies apart from attendees."""
    res.present = _dedupe(res.present)
    res.apologies = _dedupe(res.apologies)
    here = {person_key(p.name) for p in res.present}
    res.apologies = [p for p in res.apologies if person_key(p.name) not in here]
    own = _body_acronyms(body)
    for p in res.present + res.apologies:
        if p.organisation in own:  # "Gill Hamer – Chief Executive, MGP" at the Marches Growth Partnership Board
            p.organisation = own[p.organisation]
    council = body_council(body, gaz)
    if council:
        for p in res.present + res.apologies:
            if not p.organisation and (p.capacity != "guest" or (p.honorific or "").casefold() in _CLLR):
                p.organisation = council
    full = _FullNames(res.present + res.apologies)
    # "Ashby" beside "Derek Ashby"; initials that stand for no one listed are no one
    res.present = [p for p in res.present if not full.shortened(p.name) and not _INITIALS_ONLY.fullmatch(p.name)]
    res.apologies = [p for p in res.apologies if not full.shortened(p.name)]
    seen = set()
    deps = []
    for d in res.deputies:
        d.name, d.for_name = full.of(d.name), full.of(d.for_name)  # "Lee Tomkins for Greer": Hannah Greer
        if _INITIALS_ONLY.fullmatch(d.name):
            continue
        k = (person_key(d.name), person_key(d.for_name))
        if k[0] and k[1] and k[0] != k[1] and k not in seen:
            seen.add(k)
            deps.append(d)
    res.deputies = deps
    # The one a deputy stood in for was away: "Substitutes: Cllr Dawn Reilly (for Cllr Ian Bostock)"
    listed = {person_key(p.name) for p in res.present + res.apologies}
    orgs = {person_key(p.name): p.organisation for p in res.present}
    for d in deps:
        key = person_key(d.for_name)
        if key not in listed and P.looks_like_name(d.for_name, lenient=True):
            listed.add(key)
            res.apologies.append(_person(d.for_name, orgs.get(person_key(d.name)), None, None, d.span))


_INITIALS_ONLY = re.compile(r"[A-Z]{2,4}")


class _FullNames:
    """The full names of a meeting's people, for the family names and initials that stand for them."""

    def __init__(self, people: list[Person]):
        self._people = people
        self._by_short: dict[str, set[str]] | None = None  # built when a one-word name is first asked about

    def _index(self) -> dict[str, set[str]]:
        if self._by_short is None:
            self._by_short = {}
            for p in self._people:
                words = person_key(p.name).split()
                if len(words) >= 2:
                    for short in (words[-1], initials(p.name).casefold()):
                        self._by_short.setdefault(short, set()).add(p.name)
        return self._by_short

    def of(self, name: str) -> str:
        """The one full name that ``name`` ("Greer", "KL") stands for, else ``name``."""
        key = person_key(name)
        if " " in key or not key:
            return name
        hits = self._index().get(key, set())
        return next(iter(hits)) if len(hits) == 1 else name

    def shortened(self, name: str) -> bool:
        """Whether ``name`` is only the family name of someone listed in full."""
        return self.of(name) != name


_CLLR = {"cllr", "cllr.", "councillor", "county councillor", "cc"}
_MEETING_NOUNS = re.compile(r"\s+(?:Board|Committee|Executive|Forum|Group|Meeting|Panel|Sub-Committee)$")


@lru_cache(maxsize=64)
def _body_acronyms(body: str | None) -> dict[str, str]:
    """The initials of the body, and of the organisation it is a board of, to that name.

    Minutes abbreviate their own partnership ("MGP" for the Marches Growth
    Partnership); no gazetteer can know every local partnership's initials.
    """
    if not body:
        return {}
    out = {}
    for name in {body, _MEETING_NOUNS.sub("", body)}:
        words = [w for w in re.findall(r"[A-Za-z][\w'’&-]*", name) if w.lower() not in {"and", "of", "the", "for"}]
        if len(words) >= 2:
            out["".join(w[0].upper() for w in words)] = name
    return out


def _dedupe(people: list[Person]) -> list[Person]:
    out: dict[str, Person] = {}
    for p in people:
        k = person_key(p.name)
        if not k:
            continue
        if k in out:
            q = out[k]
            q.organisation = q.organisation or p.organisation
            q.role = q.role or p.role
            q.honorific = q.honorific or p.honorific
            if q.capacity in ("member", "deputy") and p.capacity not in ("member", "deputy"):
                q.capacity = p.capacity
        else:
            out[k] = p
    return list(out.values())
