"""Actions: who is to do what, from "Action" lines and action columns.

Families: "Action – A and B" (owners only), "Action: X to <do>" / "Action: X will
<do>", "Action for X to <do>" (an action reviewed from the previous minutes),
and an Action / By Whom column flattened into the text, which leaves owner
initials at the end of a line or on a line of their own ("SB (done)",
"RW/NR/SB"). Initials in the column name the owner even when the sentence
names someone else ("Colin Pettigrew asked Steve Baumber to ... SB").
A column cell that repeats the owners of the action just recorded confirms
that action (and may mark it done) rather than adding a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.parse.dates import parse_date
from kg.parse.owners import PersonResolver
from kg.parse.scan import lines_with_caps_pair
from kg.parse.sentences import TextLine, cut_ends, line_starts_with, run_on_lines, sentences, squash
from kg.records import Span

# "Action:", "Action – A and B", "Action for X", and numbered: "Action 23/11:", "ACTION 4 -"
_ACTION = re.compile(
    r"(?<![\w-])(?:Action|ACTION|Actions|ACTIONS)\b(?:[ \t]+(?:[Nn]o\.?[ \t]*)?\d[\w/.]*)?[ \t]*"
    r"(?:\((?P<who>[^()\n]{2,60})\)[ \t]*)?"  # "ACTION (YP): arrange ...": the owners in brackets
    r"(?P<sep>[:–—-]|for\b|by\b)[ \t]*"
)
# "... before submission. [Action: Ahmed Latif]", "(Action: MP – complete)": owners after what they are to do
_BRACKETED = re.compile(r"[\[(](?:Action|ACTION)s?\b[ \t]*[:–—-]?[ \t]*")
_STATUS = r"(?:\s*\((?P<status>(?i:done|complete|completed|closed|ongoing|open|in progress))\))?"
_ONE_INITIALS = r"(?:[A-Z]{1,3}-[A-Z]{1,2}|[A-Z]{2,4})"  # "SB", "RO-B" (Richard Osei-Bonsu)
_INITIALS = _ONE_INITIALS + r"(?:\s*/\s*" + _ONE_INITIALS + r")*"
_CELL_LINE = re.compile(r"\s*(?P<cell>" + _INITIALS + r")" + _STATUS + r"\s*")
_CELL_TOKEN = re.compile(r"(?<![\w/])(?P<cell>" + _INITIALS + r")(?![\w/])" + _STATUS)
_TAIL_CELL = re.compile(r"(?<=[.!?)])\s+(?P<cell>" + _INITIALS + r")" + _STATUS + r"\s*$")
# "(Owner: Sanjay Patel, by March 2025)", "(Lead: JS)": who is to do an action, after it
_OWNER_NOTE = re.compile(r"\(\s*(?i:owners?|leads?|responsible|by\s+whom|who)\s*[:–-]\s*(?P<who>[^(),;]+?)"
                         r"(?:\s*[,;]\s*[^()]*)?\s*\)")
_DOER = re.compile(r"\s+(?:is\s+to|are\s+to|to|will|would|should|agreed\s+to|needs?\s+to)\s+(?P<what>\S.*)", re.DOTALL)
_ASKED = re.compile(r"\b(?:asked|requested|invited)\s+(?P<who>.+?)\s+to\s+(?P<what>\S.*)", re.DOTALL)
_DONE = re.compile(r"\((?:done|complete|completed|closed)\b|\b(?:completed?|closed)\b", re.IGNORECASE)  # "(done – ...)"
_PREVIOUS_ITEM = re.compile(r"\b(?:minutes|notes|previous|last\s+meeting|matters\s+arising|action\s+log)\b", re.IGNORECASE)


# From the first "Action" or run of capitals to the end of its line: one match per line worth reading.
_MAYBE = re.compile(r"(?:ACTION|Action|[A-Z]{2})[^\n]*")


@dataclass
class FoundAction:
    owners: list[str]
    text: str
    span: Span
    status: str = "open"
    carried_forward: bool = False
    confirmed: bool = False  # a column cell already stood for this action
    owner_set: frozenset[str] = field(default_factory=frozenset)
    due: str | None = None  # ISO date, where a due-date column gives one


def find_actions(
    clean: str, lines: list[TextLine], resolver: PersonResolver, *, item_title: str | None = None
) -> list[FoundAction]:
    """Actions in the lines of one agenda item, in order."""
    out: list[FoundAction] = []
    previous_item = bool(item_title and _PREVIOUS_ITEM.search(item_title))
    table_end = -1
    hot = _maybe_lines(clean, lines)
    for n_line, ln in enumerate(lines):
        if n_line < table_end:
            continue  # a row of an action table already read
        if ln.start not in hot:
            t = ln.stripped
            found = _owner_to_do(lines, n_line, resolver) if t[-1:] == "." and " to " in t[:52] else None
            if found:  # "Clerk to write to the Highways department ...": a line of its own
                out.append(found)
            continue  # no "Action" and no run of capitals: nothing else to find
        columns = _table_header(ln.text)
        if columns:
            table_end = _read_table(lines, n_line, columns, resolver, previous_item, out)
            continue
        heading = _ACTIONS_HEADING.fullmatch(ln.stripped)
        if heading:
            table_end = _read_list(clean, lines, n_line, resolver, out, earlier=bool(heading["earlier"]))
            continue
        check = _CHECKLIST.fullmatch(ln.text) if "[" in ln.text else None
        if check:  # "- [ ] JS: circulate the guidance (due 12/03/2025) – item 2", "- [x] ..." done
            owners = resolver.owners(check["who"])
            if owners:
                out.append(_checklist_action(check, owners, ln))
                continue
        cell = _CELL_LINE.fullmatch(ln.text)
        if cell:
            owners = resolver.column_owners(cell.group("cell"))
            if owners:
                _column_entry(out, owners, cell.group("status"), clean, ln, None)
                continue
        bracket = _BRACKETED.search(ln.text) if "[A" in ln.text or "(A" in ln.text else None
        found = _bracketed(clean, ln, bracket, resolver) if bracket else None
        if found:
            out.append(found)
            continue
        starts = [m for m in _ACTION.finditer(ln.text) if _starts_clause(ln.text, m.start())] \
            if "Action" in ln.text or "ACTION" in ln.text else []
        if not starts:
            tail = _TAIL_CELL.search(ln.text) if _may_end_in_cell(ln.text) else None
            owners = resolver.column_owners(tail.group("cell")) if tail else None
            if tail and owners:
                _column_entry(out, owners, tail.group("status"), clean, ln, ln.start + tail.start())
            else:
                out.extend(_initials_doing(ln, resolver))
            continue
        for n, m in enumerate(starts):
            seg_end = ln.start + (starts[n + 1].start() if n + 1 < len(starts) else len(ln.text))
            if n + 1 == len(starts):
                seg_end = _wrapped_end(lines, n_line, seg_end)
            found = _parse_action(clean, ln.start + m.start(), ln.start + m.end(), seg_end, m.group("sep"), resolver,
                                  who=m.group("who"))
            if found:
                found.carried_forward = previous_item and m.group("sep").lower() == "for"
                out.append(found)
    return out


# "SB to circulate the paper.", "... remains outstanding – BS to chase.": initials as the subject of an
# undertaking, after a clause start, before " to " / " will "
_BY_INITIALS = re.compile(r"(?:^|[.;:]|\s[–—-])\s*(?P<cell>" + _INITIALS + r")\s*$")
_UNDERTAKING = re.compile(r"\s+(?:to|will)\s+(?P<what>[a-z][^.;\n]*)")


def _initials_doing(ln: TextLine, resolver: PersonResolver) -> list[FoundAction]:
    """Undertakings whose subject is an attendee's initials, outside any "Action" label or column.

    Found from each " to " / " will " back to the initials before it: a pattern
    tried along every hot line cost more than the rest of the action finder.
    """
    out: list[FoundAction] = []
    text = ln.text
    for word in (" to ", " will "):
        i = text.find(word)
        while i >= 0:
            m = _BY_INITIALS.search(text, max(0, i - 40), i)
            what = _UNDERTAKING.match(text, i) if m else None
            owners = resolver.column_owners(m.group("cell")) if m and what else None
            if m and what and owners:
                span = Span(ln.start + m.start("cell"), ln.start + what.end("what"))
                out.append(FoundAction(owners, what.group("what").strip(), span, owner_set=frozenset(owners)))
            i = text.find(word, i + 1)
    out.sort(key=lambda act: act.span.start)
    return out


def _owner_to_do(lines: list[TextLine], n: int, resolver: PersonResolver) -> FoundAction | None:
    """An action set down as a paragraph of its own: "Clerk to write to ...", "Cllr Ebdon to convene ..."
    (minutes that print their actions under each minute, in bold or italics, unlabelled)."""
    ln = lines[n]
    s = ln.stripped
    i = s.find(" to ", 0, 48)
    if i < 0 or not s[:1].isupper() or not s[i + 4 : i + 5].islower() or not s.endswith("."):
        return None
    if (n and lines[n - 1].stripped) or (n + 1 < len(lines) and lines[n + 1].stripped):
        return None  # a line of a paragraph, not a paragraph of its own
    owners = resolver.names(s[:i])
    if not owners:
        return None
    start = ln.start + len(ln.text) - len(ln.text.lstrip())
    return FoundAction(owners, s[i + 4 :].rstrip(" ."), Span(start, start + len(s)), owner_set=frozenset(owners))


def _may_end_in_cell(line: str) -> bool:
    """Whether ``_TAIL_CELL`` can match: its match ends in a capital or a bracket before trailing blanks."""
    end = line.rstrip()[-1:]
    return end == ")" or "A" <= end <= "Z"


def _maybe_lines(clean: str, lines: list[TextLine]) -> set[int] | frozenset[int]:
    """Starts of the lines holding "Action" or a run of capitals.

    The whole text is scanned once (``_hot_starts``) and each item picks its
    lines from that; only a line the item cuts short is tested on its own part.
    """
    if not lines:
        return set()
    hot = _hot_starts(clean)
    cut = cut_ends(clean, lines)
    if not cut:
        return hot  # whole lines: the document's set answers for them (and holds others, never asked)
    out = {ln.start for ln in lines if ln.start in hot}
    for ln in cut:
        out.discard(ln.start)
        if _MAYBE.search(clean, ln.start, ln.end):
            out.add(ln.start)
    return out


@lru_cache(maxsize=4)
def _hot_starts(clean: str) -> frozenset[int]:
    """Starts of the lines of ``clean`` holding "Action" or a run of capitals (what ``_MAYBE`` finds).

    A byte scan for the capitals and ``str.find`` for "Action": the regex over
    the whole text cost more than reading the lines it picked.
    """
    return frozenset(lines_with_caps_pair(clean) | line_starts_with(clean, ("Action",)))


# -- action tables ("No. | Action | Owner | Due date | Status") ---------------------------------------

_COL_KINDS = [
    ("action", re.compile(r"(?:agreed\s+)?actions?(?:\s+(?:required|agreed|point))?|task|description", re.I)),
    ("owner", re.compile(r"owners?|by\s+whom|action\s+by|lead(?:\s+officer)?|responsible(?:\s+officer)?|who|assigned\s+to",
                         re.I)),
    ("due", re.compile(r"due(?:\s+date)?|deadline|by\s+when|target(?:\s+date)?|timescale|when|date(?:\s+due)?", re.I)),
    ("status", re.compile(r"(?:due(?:\s+date)?\s*/\s*)?status|progress|update|rag(?:\s+status)?|complete[d]?\?*|outcome",
                          re.I)),
]
_CELL_SPLIT = re.compile(r"\s*\|\s*|\t+")
_DONE_CELL = re.compile(r"(?i)[^\w(]*(?:complete[d]?|done|closed|achieved|finished|delivered)\b")  # "✅ Complete"
_DONE_BY = re.compile(r"(?i)[✅✔☑]|\b(?:done|completed?|closed)\b")  # a due cell marked: "22 Oct 2021 ✅ done 21/10"


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT.split(line.strip().strip("|"))]


def _table_header(line: str) -> dict[str, int] | None:
    """Column positions when ``line`` heads an action table (an action column and an owner column)."""
    if "\t" not in line and line.count("|") < 2:
        return None
    columns: dict[str, int] = {}
    cells = _cells(line)
    for k, cell in enumerate(cells):
        for kind, rx in _COL_KINDS:
            if kind not in columns and rx.fullmatch(cell.strip(" :*")):
                columns[kind] = k
                break
    by = next((k for k, c in enumerate(cells) if c.strip(" :*").casefold() == "by"), None)
    if by is not None and "action" in columns:
        # "Action | Owner | By": by when, as the owner has a column of its own; "Action | By | Date": by whom
        columns.setdefault("due" if "owner" in columns else "owner", by)
    if "action" not in columns or "owner" not in columns:
        return None
    if not _ACTION_WORD.search(cells[columns["action"]]) and any(_RISK_COLUMN.fullmatch(c.strip(" :*")) for c in cells):
        return None  # a risk log ("Ref | Type | Description | Owner | RAG"): owners of risks, not of actions
    return columns


_ACTION_WORD = re.compile(r"(?i)action|task")
_RISK_COLUMN = re.compile(r"(?i)type|risks?|issues?|impact|likelihood|severity|mitigations?|raid|category|score")


def _read_table(lines: list[TextLine], n: int, columns: dict[str, int], resolver: PersonResolver, carried: bool,
                out: list[FoundAction]) -> int:
    """Read the rows under an action-table header into ``out``; returns the index of the first line after it.

    A row wrapped by width (text from a PDF) goes on in the lines straight
    under it: a short line with no cells ("IAG members"), or one whose first
    cell is empty ("\tcommunity languages\t/ Imam Yusuf Khan").
    """
    rows: list[tuple[dict[str, str], TextLine, TextLine]] = []  # cells by kind, first and last line
    j = n + 1
    while j < len(lines):
        ln = lines[j]
        if not ln.stripped:
            j += 1
            continue
        last = rows[-1] if rows and ln.start == rows[-1][2].end + 1 else None  # the row just above goes on?
        if "\t" not in ln.text and ln.text.count("|") < 2:
            if last is None or not _wraps_on(last[0].get("action", ""), ln.stripped):
                break
            last[0]["action"] = f"{last[0].get('action', '')} {ln.stripped}"
            rows[-1] = (last[0], last[1], ln)
            j += 1
            continue
        tabbed = "|" not in ln.text
        # a tabbed row keeps an empty first cell ("\tcommunity languages\t/ Imam Yusuf Khan")
        cells = [c.strip() for c in _CELL_SPLIT.split(ln.text.strip(" \n"))] if tabbed else _cells(ln.text)
        if all(set(c) <= set("-:= ") for c in cells):  # a Markdown rule under the header
            j += 1
            continue
        row = {kind: cells[k] for kind, k in columns.items() if k < len(cells)}
        if last is not None and tabbed and not cells[0] and columns.get("action") != 0:
            for kind, cell in row.items():  # the row above, wrapped: each cell goes on
                if cell:
                    last[0][kind] = f"{last[0].get(kind, '')} {cell}".strip()
            rows[-1] = (last[0], last[1], ln)
        else:
            rows.append((row, ln, ln))
        j += 1
    for row, first, final in rows:
        text = squash(row.get("action", "")).rstrip(" .;")
        owners = resolver.owners(row.get("owner", "")) or []
        if text or owners:
            status = row.get("status", "")
            done = bool(_DONE_CELL.match(status)) or bool(_DONE_BY.search(row.get("due", "")))
            due = parse_date(row.get("due", "")) or parse_date(status)  # "Due / status": "31 Oct 2024"
            out.append(FoundAction(owners, text, Span(first.start, final.end), "done" if done else "open", carried,
                                   confirmed=True, owner_set=frozenset(owners), due=due))
    return j


def _wraps_on(cell: str, line: str) -> bool:
    """Whether ``line``, with no cells, is the rest of an action ``cell`` broken by width."""
    return (len(cell) >= 25 and cell[-1:].isalnum() and len(line.split()) <= 6
            and not line.endswith((".", ":")) and not line[:1].isdigit())


# "Actions agreed" over a list of "Name – what (by date)" points
_ACTIONS_HEADING = re.compile(r"(?i:actions?(?:\s+(?:agreed|arising|points?))?|agreed\s+actions|action\s+points)"
                             r"(?P<earlier>\s+(?i:from|arising\s+from|carried\s+forward\s+from)\s+[^:\n]{1,40})?\s*:?")
# A review of earlier actions: "- Oct AP2 (AL - data on retail crime in city centre) - complete, circulated 4 Nov."
_REVIEW_ROW = re.compile(r"[-•·▪◦*]\s+(?:[\w/.]+\s+){0,3}?\((?P<who>[^()–—]{2,40}?)\s+[–—-]\s+(?P<what>[^()]+)\)"
                         r"\s*(?:[–—:-]\s*(?P<status>.*))?")
_LIST_ACTION = re.compile(r"[-•·▪◦*]\s+(?P<who>[^–—:]{2,80}?)\s+[–—:-]\s+(?P<what>\S.*)")


def _read_list(clean: str, lines: list[TextLine], n: int, resolver: PersonResolver, out: list[FoundAction], *,
               earlier: bool = False) -> int:
    """The points of a list of actions under its heading, each owned by the people it opens with; returns
    the index of the first line after the list. ``earlier``: the heading names an earlier meeting
    ("Action points from October:"), whose actions are reviewed with their status."""
    j = n + 1
    while j < len(lines) and not lines[j].stripped:
        j += 1
    while j < len(lines) and lines[j].stripped:
        review = _REVIEW_ROW.fullmatch(lines[j].stripped) if earlier else None
        owners = resolver.owners(review["who"]) if review else None
        if owners:
            status = review["status"] or ""
            done = bool(_DONE.search(status)) and not re.search(r"(?i)\bnot\s+(?:done|complete)", status)
            out.append(FoundAction(owners, squash(review["what"]).rstrip(" ."), lines[j].span(), "done" if done else "open",
                                   carried_forward=True, confirmed=True, owner_set=frozenset(owners)))
            j += 1
            continue
        m = _LIST_ACTION.fullmatch(lines[j].stripped)
        owners = resolver.names(m["who"]) if m else None
        if not owners:
            break
        what = m["what"].rstrip(" .")
        done = bool(_DONE.search(what))
        due = _DUE_AT_END.search(what)
        text = what[: due.start()] if due else what
        out.append(FoundAction(owners, squash(text), lines[j].span(), "done" if done else "open", confirmed=True,
                               owner_set=frozenset(owners), due=parse_date(due["d"]) if due else None))
        j += 1
    return j


# "(due 12/03/2025)", "(by March)": when an action falls due, after it (a list's point ends with it)
_DUE = re.compile(r"\s*\((?:by|due)\s+(?P<d>[^()]+)\)")
_DUE_AT_END = re.compile(_DUE.pattern + "$")
# A task list of a wiki or Markdown page: "- [ ] JS: what (due 12/03/2025) – item 3"
_CHECKLIST = re.compile(r"\s*(?:[-*+]\s+)?\[(?P<x>[ xX✓✔])\]\s+(?P<who>[^:–—\n]{2,60}?)\s*(?::|\s[–—-])\s+(?P<what>\S.*)")
_CHECKLIST_TAIL = re.compile(r"(?:\s+[–—-]\s+(?i:item|min(?:ute)?)\s+\S+.*|\s*\((?i:c/f|carried)[^()]*\))+$")


def _checklist_action(m: re.Match[str], owners: list[str], ln: TextLine) -> FoundAction:
    what = _CHECKLIST_TAIL.sub("", m["what"].strip()).rstrip(" .")
    due = _DUE.search(what)
    text = (what[: due.start()] + what[due.end():]) if due else what
    return FoundAction(owners, squash(text), ln.span(), "done" if m["x"].strip() else "open", confirmed=True,
                       owner_set=frozenset(owners), due=parse_date(due["d"]) if due else None)


_LEAD = re.compile(r"[ \t\-–—•·▪◦*o→➔►▶>]*")  # bullets and arrows: "→ Action: ..."


@lru_cache(maxsize=16)
def _lead(line: str) -> int:
    """Length of the bullet marks and spaces that open ``line`` (once per line, not per match)."""
    return _LEAD.match(line).end()


def _starts_clause(line: str, pos: int) -> bool:
    """ "Action" opens a line, a sentence or a clause; not "the action: ..." inside prose.

    Reads only the characters just before ``pos``: copying the line up to each match
    made a long line of "Action – Action – ..." quadratic.
    """
    end = pos
    while end and line[end - 1].isspace():
        end -= 1
    if end <= _lead(line):
        return True  # at the start of a line or of a bullet
    return line[end - 1] in ".;:)!?–—"


def _bracketed(clean: str, ln: TextLine, m: re.Match[str], resolver: PersonResolver) -> FoundAction | None:
    """An action whose owners close what they are to do, in brackets: "... submission. [Action: Ahmed Latif]",
    "[Action: NB / CV – to meet the Federation ...]" (over several lines), "(Action: MP – complete)"."""
    open_at = ln.start + m.start()
    closer = "]" if clean[open_at] == "[" else ")"
    close = clean.find(closer, open_at, open_at + 500)
    if close < 0 or "[" in clean[open_at + 1 : close]:
        return None
    inner = squash(clean[ln.start + m.end() : close])
    who, _sep, rest = (re.split(r"(\s[–—-]\s|:)", inner, maxsplit=1) + ["", ""])[:3]
    owners = resolver.owners(who)
    if not owners:
        return None
    done = bool(_DONE_CELL.match(rest))
    text = "" if done else re.sub(r"^(?:is\s+to|are\s+to|to)\s+", "", rest.strip())
    start = open_at
    if not text:  # what is to be done is the sentence before the bracket
        para = clean.rfind("\n\n", max(0, open_at - 400), open_at)  # within the bracket's paragraph
        before = list(sentences(clean, para + 2 if para >= 0 else max(0, open_at - 400), open_at))
        if before:
            start, b = before[-1]
            text = clean[start:b]
    return FoundAction(owners, squash(text).rstrip(" .;"), Span(start, close + 1), "done" if done else "open",
                       confirmed=True, owner_set=frozenset(owners))


# Words after which initials are what the action is about, not who does it
_GOVERNS = frozenset({"to", "from", "for", "of", "via", "cc"})


def _parse_action(
    clean: str, start: int, body_start: int, end: int, sep: str, resolver: PersonResolver, *, who: str | None = None
) -> FoundAction | None:
    body = clean[body_start:end]
    if who and (named := resolver.owners(who)):
        text = squash(body).rstrip(" .;")
        return FoundAction(named, text, Span(start, _trim_end(clean, start, end)), "open", owner_set=frozenset(named))
    # Initials in an action column, flattened into the line: they name the owners.
    col_owners: list[str] = []
    status = None
    cells = []
    for m in _CELL_TOKEN.finditer(body):
        before = body[: m.start()].split()[-1:]
        if before and (before[0].isupper() and before[0].isalnum() or before[0] in _GOVERNS):
            continue  # part of the text: "the CYP MH priority", "figures to JS"
        found = resolver.column_owners(m.group("cell"))
        if found:
            cells.append(m)
            col_owners.extend(o for o in found if o not in col_owners)
            status = status or m.group("status")
    for m in reversed(cells):
        body = body[: m.start()] + " " * (m.end() - m.start()) + body[m.end() :]
    first = next(sentences(body, 0, len(body)), None)
    sentence = squash(body[first[0] : first[1]]) if first else ""
    sentence = sentence.rstrip(" .;")
    owners: list[str] = []
    text = ""
    note = _OWNER_NOTE.search(body) if "(" in body else None
    noted = resolver.owners(note["who"].strip()) if note else None
    if noted:  # "Action: Arrange a joint review ... (Owner: Sanjay Patel, by March 2025)"
        owners, text = noted, _OWNER_NOTE.sub("", sentence)
    elif sep in ("–", "—", "-") and (names := resolver.names(sentence)):
        owners = names  # "Action – A and B (agenda)"
    else:
        doer = _DOER.search(sentence)
        asked = _ASKED.search(sentence) if "asked" in sentence or "requested" in sentence or "invited" in sentence else None
        if asked and (names := resolver.names(asked.group("who"))):
            owners, text = names, asked.group("what")
        elif doer and (names := resolver.names(sentence[: doer.start()])):
            owners, text = names, doer.group("what")
        else:
            text = sentence
    if col_owners:
        owners = col_owners
        # "MI to circulate ...", "AC and KE to meet ...": the initials were the subject
        text = re.sub(r"^(?:(?:and|&|/|,|:|[–—-])\s*)*(?:is\s+to|are\s+to|to|will|should)\s+", "", text.strip())
        text = text.lstrip(":;,–—- ")  # "Action – BS/LG: draft ...": the colon closed the owners
    if not owners and not text:
        return None
    done = status in ("done", "complete", "completed", "closed") or bool(_DONE.search(clean[start:end]))
    return FoundAction(
        owners=owners,
        text=squash(text).rstrip(" .;"),
        span=Span(start, _trim_end(clean, start, end)),
        status="done" if done else "open",
        confirmed=bool(cells),
        owner_set=frozenset(owners),
    )


def _column_entry(
    out: list[FoundAction], owners: list[str], status: str | None, clean: str, ln: TextLine, cell_start: int | None
) -> None:
    """A cell of initials: confirm the latest unconfirmed action with these owners, else add one."""
    key = frozenset(owners)
    done = (status or "").lower() in ("done", "complete", "completed", "closed")
    for act in reversed(out):
        if act.owner_set == key and not act.confirmed:
            act.confirmed = True
            if done:
                act.status = "done"
            return
    text = ""
    if cell_start is not None:
        spans = list(sentences(clean, ln.start, cell_start))
        if spans:
            a, b = spans[-1]
            text = squash(clean[a:b]).rstrip(" .")
    span = Span(ln.span().start, ln.span().end)
    out.append(FoundAction(list(owners), text, span, "done" if done else "open", confirmed=True, owner_set=key))


def _wrapped_end(lines: list[TextLine], n: int, end: int) -> int:
    """The end of an action whose sentence wraps onto the lines below ("... the Maternity Safety Support" /
    "Programme exit criteria to the next meeting."), else ``end``.

    A wrapped line follows straight on (no blank line) and opens no action of its own.
    """
    for _k, ln in run_on_lines(lines, n, 3):
        if "ction" in ln.text or "CTION" in ln.text or ln.stripped[:1].isdigit() or "\t" in ln.text:
            break
        end = ln.end
    return end


def _trim_end(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b
