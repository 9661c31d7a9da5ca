"""Agenda items: numbered ("3", "3 a)", "2.1", "12."), lettered under a number, or headed.

Two families of layout exist. In numbered minutes the items are the lines that
start with a number, and the numbers form an increasing run; anything else that
starts with a digit (a date line, "10 organisations ...", a resolution's
"1) Approve ...") falls out of that run. In unnumbered minutes the items are the
headings the reader marked (Markdown ``#``, HTML ``<h2>``, Word heading styles,
wholly bold lines), or upper-case lines when nothing is marked. Both families
drop what is only laid out like a heading: form labels ("Present:"), column
headers ("Action"), page markers ("Page 5"), action lines and whole sentences.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.parse.sentences import TextLine, blank_markup, lines_outside, squash
from kg.records import AgendaItem, Span

# "3", "12.", "2.1", "3 a)", "3(a)", "3a." followed by the title.
_NUMBERED = re.compile(
    r"(?P<num>\d{1,3}(?:\.\d{1,2}|/\d{2,4})?)"
    r"(?:(?P<let1>[a-z])(?=[.)\s])|\s*\(?(?P<let2>[a-z])\))?"
    r"\.?[ \t]+(?P<title>\S.*)"
)
# "Item 5:", "Agenda item 5 -", "Minute 45" as a prefix family of its own.
_ITEM_WORD = re.compile(
    r"(?:Agenda\s+)?(?:Item|ITEM|Minute|MINUTE|Min\.?|MIN\.?)\s+(?:No\.?\s*)?(?P<num>\d{1,3}(?:\.\d{1,2}|/\d{2,4})?[a-z]?)"
    r"(?:[ \t]*[:.\-–—)][ \t]*|[ \t]+)(?P<title>\S.*)",
    re.IGNORECASE,
)
# "ICB/23/045", "HWB 24/07", "CAB/2023/12": a body's code, then the minute's number; "OSC.23": a code, a dot
_CODED = re.compile(r"(?P<code>[A-Z]{2,8}(?:[/ .-]|(?=\d)))(?P<num>\d{1,4}(?:/\d{1,4}){1,2}|(?<=[A-Z]\.)\d{1,4})"
                    r"[ \t]+(?P<title>\S.*)")
_DOT_CODED = re.compile(r"[A-Z]{2,8}\.\d")
_LETTERED = re.compile(r"\(?(?P<let>[a-z])[).][ \t]+(?P<title>\S.*)")
_BULLET = re.compile(r"[-•·▪◦o]\s")
_MONTH_START = re.compile(
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b",
    re.IGNORECASE,
)
_SENTENCE_VERB = re.compile(
    r"\b(?:was|were|is|are|had|has|have|will|would|should|could|noted|agreed|explained|said|stated|asked|"
    r"presented|approved|recommended|reminded|reported|confirmed|advised|welcomed|discussed|received|"
    r"considered|highlighted|requested|outlined|introduced|thanked)\b",
    re.IGNORECASE,
)
_PAGE = re.compile(r"(?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?", re.IGNORECASE)
_ACTION_LINE = re.compile(r"actions?\s*(?:[:–—-]|for\b|by\b)", re.IGNORECASE)
# Labels of the form and column headers: layout, never items.
_NON_TITLES = {
    "action", "actions", "action by", "by whom", "owner", "lead", "who", "when", "deadline", "date", "item",
    "agenda item", "minute", "minutes of meeting", "minutes of the meeting", "present",
    "in attendance", "also present", "also in attendance", "attendees", "attendance", "members present",
    "officers present", "members", "officers", "apologies for absence received", "chair", "chairman",
    "minute taker", "location", "venue", "time", "date and time", "meeting title", "agenda", "name",
    "organisation", "role", "status", "ref", "no", "number", "title", "responsible", "decision", "decisions",
    "due", "due date", "by when", "outcome", "summary", "signed", "contents",
}
_MINUTES_TITLE = re.compile(r"minutes of (?:the )?meeting(?: of)?$")
_FIGURES = re.compile(r"[\d\s.,:/£%-]+")
# "Title. First sentence ...": a title run into the text that follows it
_RUN_IN = re.compile(r"(.{3,80}?)(?:\.\s+|:\s+|\s+[–—-]\s+)(?=[A-Z])(.*)")
_TOP_GAP = 3  # largest jump between consecutive top-level numbers that still continues a run
_LOOKBACK = 40  # candidates considered as a predecessor: keeps the run search linear


@dataclass
class _Cand:
    line: TextLine
    top: int
    sub: int  # 0 for a top-level number, else the part after the dot
    letter: str | None
    number: str  # as printed, compacted: "3a", "2.1"
    title: str


def parse_items(text: str, headings: list[Span], *, skip: list[Span] | None = None) -> list[AgendaItem]:
    """Agenda items in document order; ``skip`` are regions (attendance blocks) to ignore."""
    skip = skip or []
    clean = blank_markup(text)
    lines = [ln for ln in lines_outside(clean, skip) if ln.text and not ln.text.isspace()]
    chosen = _numbered_items(lines)
    for prefix in ("word", "code"):
        other = _numbered_items(lines, prefix)
        if len(other) > len(chosen):
            chosen = other
    if len(chosen) < 2:
        chosen = _other_items(lines) or chosen
    if len(chosen) >= 2:
        chosen = _add_lettered(chosen, lines)
        found: list[tuple[TextLine, str | None, str]] = [(c.line, c.number, c.title) for c in chosen]
        found = _with_unnumbered_headings(text, lines, headings, found)
        found = _caps_titles_run_on(found, lines)
    else:
        found = _headed_items(text, clean, lines, headings, skip)
    return _with_spans(found, (found and _closing_log(lines, found[-1][0].start)) or len(text))


def _caps_titles_run_on(found: list[tuple[TextLine, str | None, str]], lines: list[TextLine]
                        ) -> list[tuple[TextLine, str | None, str]]:
    """A title in capitals wrapped by width onto the next line ("... – TWELVE-MONTH" / "REVIEW"): one title.

    The next line joins when it has no small letter ("REVIEW", "2"), is short
    (four words at most), and is not itself an item's heading.
    """
    heads = {id(ln) for ln, _n, _t in found}
    index = {id(ln): k for k, ln in enumerate(lines)}
    out = []
    for ln, number, title in found:
        k = index.get(id(ln), len(lines))
        nxt = lines[k + 1].stripped if k + 1 < len(lines) else ""
        if (nxt and id(lines[k + 1]) not in heads and _is_caps_heading(title) and len(nxt.split()) <= 4
                and not any(c.islower() for c in nxt) and not nxt.endswith((".", ":")) and len(nxt) <= 40):
            title = f"{title} {nxt}"
        out.append((ln, number, title))
    return out


# A log of actions printed after the last item: "Action Log", "Summary of Actions", "Action tracker:"
_ACTION_LOG = re.compile(
    r"(?:(?:summary|schedule|list|log|table)\s+of\s+actions|actions?\s+(?:log|tracker|summary|list|register|sheet))"
    r"(?:\s+\w+){0,3}\s*:?",
    re.I,
)


def _closing_log(lines: list[TextLine], last: int) -> int | None:
    """Where the last item ends when a log of actions, printed on a line of its own, follows it.

    The log's rows are the meeting's actions, not the last item's ("Any other business").
    """
    for ln in lines:
        s = ln.stripped
        if ln.start > last and len(s) < 60 and ("ction" in s or "CTION" in s) and _ACTION_LOG.fullmatch(s):
            return ln.start
    return None


def _with_unnumbered_headings(
    text: str, lines: list[TextLine], headings: list[Span], found: list[tuple[TextLine, str | None, str]]
) -> list[tuple[TextLine, str | None, str]]:
    """Numbered headings, and the unnumbered headings after the last of them ("Date of next meeting").

    Many minutes number their business and leave "Any other business" or the
    next meeting's date unnumbered. Only when every item is a heading and no
    other heading falls between the first and the last: then the headings are
    the items, and those after the last one are items too (sub-headings inside
    items would fall between them).
    """
    marked = _marked_lines(text, lines, headings)
    starts = [ln.start for ln, _n, _t in found]
    if not marked or any(st not in marked for st in starts):
        return found
    if any(starts[0] < m < starts[-1] and m not in starts for m in marked):
        return found
    extra = []
    for ln in lines:
        if ln.start > starts[-1] and ln.start in marked:
            if _ACTION_LOG.fullmatch(ln.stripped):
                break  # the meeting's log of actions, no item (``_closing_log``)
            title = _title_of(ln.stripped, heading=True)
            if title:
                extra.append((ln, None, title))
    return found + extra


# -- numbered family ---------------------------------------------------------------


def _numbered_items(lines: list[TextLine], prefix: str = "") -> list[_Cand]:
    """The longest agenda-like run of lines numbered "3", "2.1", "3a", "78/23" ...

    ``prefix`` "word": "Item 5", "Minute 45/23"; "code": a body's code before the
    number ("ICB/23/045", "HWB 24/07"). Numbers with a slash run in their first part
    ("78/23": minute 78 of 2023) or their last ("24/113": minute 113 of 2024):
    whichever gives the longer run.
    """
    found = []
    paragraphs = 0  # lines numbered "2.1" that read as prose, not titles
    for ln in lines:
        s = ln.stripped
        if prefix == "word":
            if s[:1] not in "IiAaMm":
                continue
        elif prefix == "code":
            if not s[:2].isupper() or not s[:2].isalpha() or "/" not in s[:16] and not _DOT_CODED.match(s):
                continue
        elif not s[:1].isdigit():
            continue
        if _BULLET.match(s) or s.count("\t") >= 2:
            continue
        m = (_ITEM_WORD if prefix == "word" else _CODED if prefix == "code" else _NUMBERED).fullmatch(s)
        if not m:
            continue
        title = _title_of(m.group("title"))
        raw = m.group("num")
        if title is None:
            paragraphs += "." in raw
            continue
        letter = None if prefix else (m.group("let1") or m.group("let2"))
        if prefix == "word" and raw[-1].isalpha():
            raw, letter = raw[:-1], raw[-1]
        printed = (m.group("code") if prefix == "code" else "") + raw + (letter or "")
        found.append((ln, raw, letter, printed, title))
    subs = sum("." in f[1] for f in found)
    if paragraphs >= 3 and paragraphs > subs:  # numbered paragraphs ("4.1 Ahmed Latif reported ..."), not sub-items
        found = [f for f in found if "." not in f[1] or f[1].endswith(".0")]  # "3.0" heads the "3.1" paragraphs
    parts = (0, -1) if any("/" in f[1] for f in found) else (0,)
    runs = []
    for part in parts:
        cands = []
        for ln, raw, letter, printed, title in found:
            top, _, sub = raw.split("/")[part].partition(".")
            cands.append(_Cand(ln, int(top), int(sub or 0), letter, printed, title))
        runs.append(_longest_run(cands))
    return max(runs, key=len)


def _roman(numeral: str) -> int:
    """The value of a Roman numeral ("IV" -> 4); 0 for what is not one."""
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
    total = 0
    for k, c in enumerate(numeral):
        v = values[c]
        total += -v if k + 1 < len(numeral) and values[numeral[k + 1]] > v else v
    return total


# Other ways of numbering an agenda: (pattern, the first characters it can start with, value of the number)
_OTHER_NUMBERINGS: tuple[tuple[re.Pattern[str], str, Callable[[str], int]], ...] = (
    (re.compile(r"(?P<num>\d{1,2})\)[ \t]+(?P<title>\S.*)"), "0123456789", int),  # "1) Title"
    (re.compile(r"(?P<num>[IVXL]{1,6})[.)][ \t]+(?P<title>\S.*)"), "IVXL", _roman),  # "II. Title"
    (re.compile(r"(?P<num>[A-Z])[.)][ \t]+(?P<title>\S.*)"), "ABCDEFGHIJKLMNOPQRSTUVWXYZ", lambda c: ord(c) - 64),
)


def _other_items(lines: list[TextLine]) -> list[_Cand]:
    """Items numbered "1)", "II." or "B." ...: at least three from the first or second, each with
    lines of its own before the next.

    Resolutions number their points the same ways, and lists of people print
    initials so, but on consecutive lines; only numbers spread over the text
    read as the agenda.
    """
    best: list[_Cand] = []
    for rx, firsts, value in _OTHER_NUMBERINGS:
        cands = []
        for k, ln in enumerate(lines):
            s = ln.stripped
            m = rx.fullmatch(s) if s[:1] in firsts and s[:1] else None
            top = value(m.group("num")) if m else 0
            title = _title_of(m.group("title")) if top else None
            if title:
                cands.append((k, _Cand(ln, top, 0, None, m.group("num"), title)))
        run = _longest_run([c for _k, c in cands])
        index = {id(c): k for k, c in cands}
        ks = [index[id(c)] for c in run]
        if len(run) >= 3 and run[0].top <= 2 and all(b - a >= 2 for a, b in zip(ks, ks[1:])) and len(run) > len(best):
            best = run
    return best


def _follows(prev: _Cand, cur: _Cand) -> bool:
    """Whether ``cur`` can come straight after ``prev`` in one agenda."""
    if cur.top != prev.top:
        return prev.top < cur.top <= prev.top + _TOP_GAP and cur.sub <= 1 and cur.letter in (None, "a")
    if cur.letter:
        if cur.sub != prev.sub:
            return False
        return cur.letter == "a" if not prev.letter else ord(cur.letter) == ord(prev.letter) + 1
    return cur.sub > prev.sub


def _longest_run(cands: list[_Cand]) -> list[_Cand]:
    """The longest chain of candidates whose numbers rise like an agenda's."""
    if not cands:
        return []
    best_len = [1] * len(cands)
    back = [-1] * len(cands)
    for i, cur in enumerate(cands):
        for j in range(max(0, i - _LOOKBACK), i):
            if best_len[j] + 1 > best_len[i] and _follows(cands[j], cur):
                best_len[i], back[i] = best_len[j] + 1, j
    i = max(range(len(cands)), key=lambda k: (best_len[k], -k))
    run = []
    while i >= 0:
        run.append(cands[i])
        i = back[i]
    return run[::-1]


def _add_lettered(items: list[_Cand], lines: list[TextLine]) -> list[_Cand]:
    """Standalone "a) Title" lines that open a numbered item become "3a", "3b" ..."""
    starts = [c.line.start for c in items]
    line_starts = [ln.start for ln in lines]
    out: list[_Cand] = []
    for k, parent in enumerate(items):
        out.append(parent)
        if parent.letter:
            continue
        limit = starts[k + 1] if k + 1 < len(items) else None
        i = bisect.bisect_right(line_starts, parent.line.start)
        expected = "a"
        first = True
        while i < len(lines) and (limit is None or lines[i].start < limit):
            ln = lines[i]
            m = _LETTERED.fullmatch(ln.stripped)
            title = _title_of(m.group("title"), strict=True) if m else None
            if title and squash(m.group("title")).rstrip(" .:") != title:
                title = None  # "a) Payments: It was RESOLVED ...": a lettered paragraph, not a sub-item heading
            if m and title and m.group("let") == expected and (first or expected != "a" or _sub_heading(lines, i)):
                out.append(_Cand(ln, parent.top, parent.sub, expected, parent.number + expected, title))
                expected = chr(ord(expected) + 1)
            first = False
            i += 1
    return out


def _sub_heading(lines: list[TextLine], i: int) -> bool:
    """ "a) Actions arising" after the item's opening paragraph: a sub-item heading when it stands alone
    (no point of a list: the line before is neither a list's intro nor another point, the title has no full stop)."""
    s = lines[i].stripped
    if s.endswith((".", ";", ",")) or len(s.split()) > 9:
        return False
    prev = lines[i - 1].stripped if i > 0 else ""
    nxt = lines[i + 1].stripped if i + 1 < len(lines) else ""
    if prev.endswith((":", "-", "–", "—")) or _LETTERED.fullmatch(prev) or _BULLET.match(prev):
        return False
    return not (_LETTERED.fullmatch(nxt) or _BULLET.match(nxt))


# -- headed family -----------------------------------------------------------------


def _headed_items(
    text: str, clean: str, lines: list[TextLine], headings: list[Span], skip: list[Span]
) -> list[tuple[TextLine, str | None, str]]:
    """The headings as items, with the number a heading prints ("1) Strategy"), if any."""
    marked = _marked_lines(text, lines, headings)
    use_caps = not marked
    # Headings above the attendance are the document's titles ("Calderbrook Safeguarding Children
    # Partnership"), not its business.
    first_block = min((sp.start for sp in skip), default=-1)
    out = []
    for ln in lines:
        if ln.start < first_block:
            continue
        if ln.start in marked or (use_caps and _is_caps_heading(ln.stripped)):
            numbered = _HEADING_NUMBER.match(ln.stripped)
            title = _title_of(ln.stripped[numbered.end() :] if numbered else ln.stripped, heading=True)
            if title:
                out.append((ln, numbered.group(1) if numbered else None, title))
    while out and len(out) > 1 and _ACTION_LOG.fullmatch(out[-1][2]):
        out.pop()  # the meeting's log of actions after its business (``_closing_log``)
    return out


_HEADING_NUMBER = re.compile(r"(\d{1,3}[a-z]?)[.)]\s+(?=\S)")  # "1) Strategy", "3. Finance" as a heading


def _marked_lines(text: str, lines: list[TextLine], headings: list[Span]) -> set[int]:
    """Starts of lines the source marked as headings (spans, ``#`` marks, whole-line bold)."""
    marked: set[int] = set()
    starts = [ln.start for ln in lines] if headings else []
    for h in headings:
        i = bisect.bisect_right(starts, h.start) - 1
        if i >= 0 and lines[i].start <= h.start <= lines[i].end:
            marked.add(lines[i].start)
    if "#" not in text and "**" not in text:
        return marked  # the readers of HTML, Word and Markdown give spans; raw marks only in plain text
    for ln in lines:
        raw = text[ln.start : ln.end].strip()
        if raw.startswith("#") or (len(raw) > 4 and raw.startswith("**") and raw.endswith("**")):
            marked.add(ln.start)
    return marked


def _is_caps_heading(s: str) -> bool:
    if len(s) > 90 or "/" in s:
        return False
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 5:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper / len(letters) > 0.9 and re.search(r"[A-Z]{3,}", s) is not None


# -- titles ------------------------------------------------------------------------


def _title_of(raw: str, *, strict: bool = False, heading: bool = False) -> str | None:
    """The item title in ``raw``, cutting a run-in first sentence; None when not a title."""
    title = squash(raw.replace("\t", " "))
    if title.endswith(":") and len(title.split()) <= 4:
        return None  # a form label: "Present:", "Date and time:"
    title = title.strip(" -–—:")
    if not title:
        return None
    words = title.split()
    # "APOLOGIES Apologies were received from ...": the capitals are the title.
    caps = 0
    while caps < len(words) and _is_caps_word(words[caps]):
        caps += 1
    rest = " ".join(words[caps:])
    if (
        0 < caps < len(words)
        and len(words) - caps >= 4
        and sum(c.isalpha() for c in " ".join(words[:caps])) >= 3
        and (_SENTENCE_VERB.search(rest) or rest.endswith("."))
    ):
        title = " ".join(words[:caps]).rstrip(" .:-–—")
    else:
        m = _RUN_IN.match(title)
        if m and len(m.group(2).split()) >= 3 and len(m.group(1).split()) <= 8 and (
            m.group(0)[len(m.group(1)) :].lstrip().startswith(".") or m.group(2).rstrip().endswith(".")
        ):
            title = m.group(1).rstrip(" .")
    if not _looks_like_title(title, strict=strict, heading=heading):
        return None
    return _PAGES_REF.sub("", title) or title


# "(Pages 5 - 32)", "(Agenda item 3)", "(Page 7)": where the item sits in the agenda pack, not its title.
_PAGES_REF = re.compile(r"\s*\((?:pages?\s+\d+(?:\s*[-–]\s*\d+)?|agenda\s+item\s+\d+[a-z]?)\)\s*$", re.I)


def _is_caps_word(w: str) -> bool:
    if w.isascii():  # the usual case, answered without a loop in Python
        return w.upper() == w
    letters = [c for c in w if c.isalpha()]
    return all(c.isupper() for c in letters)  # digits and dashes continue a capitals run


def _looks_like_title(title: str, *, strict: bool, heading: bool) -> bool:
    first = title[0]
    if not (first.isupper() or first.isdigit() or first in "'‘\"“("):
        return False
    key = title.casefold().rstrip(" :.")
    if key in _NON_TITLES or title.rstrip().endswith(":") or _PAGE.fullmatch(title.strip()):
        return False
    if _ACTION_LINE.match(title) or _MONTH_START.match(title):
        return False
    if _MINUTES_TITLE.match(key) or _FIGURES.fullmatch(title):
        return False
    words = title.split()
    if len(words) > (10 if strict else 16) or len(title) > 140:
        return False
    if title.endswith(".") and len(words) >= (3 if strict else 5):
        return False
    # a verb makes a sentence, but not after a dash: "Healthwatch – what people are telling us"
    head = re.split(r"\s[–—-]\s", title, maxsplit=1)[0]
    if len(words) >= 5 and _SENTENCE_VERB.search(head) and not re.search(r"\bheld\b", title):
        return False
    if strict and re.match(r"(?:To|That)\s", title):
        return False
    return not (heading and title.casefold().startswith(("action:", "action -", "action –")))


def _with_spans(found: list[tuple[TextLine, str | None, str]], text_len: int) -> list[AgendaItem]:
    items: list[AgendaItem] = []
    for k, (ln, number, title) in enumerate(found):
        end = found[k + 1][0].start if k + 1 < len(found) else text_len
        parent = None
        if number and number[-1].isalpha():
            parent = number.rstrip("abcdefghijklmnopqrstuvwxyz")
        elif number and "." in number:
            parent = number.split(".")[0]
        items.append(AgendaItem(number, title, Span(ln.span().start, end), parent=parent))
    return items
