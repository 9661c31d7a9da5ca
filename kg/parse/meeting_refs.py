"""References to other meetings of the same body: the previous one and the next ones.

The previous meeting is the one whose minutes (or notes) this meeting agreed;
a date in the item heading ("Minutes of the previous meeting held on 11 April
2019") is preferred to one in the body, which minute takers mistype. Next
meetings come from a "Future meeting dates" / "Next meeting" item or a
"Next meeting:" line, never from other bodies' meetings or deadlines in prose
("the GEGJC on 29 November", "the next partnership meeting is on ..."). Dates
printed without a year take the first such date after the meeting.
"""

from __future__ import annotations

import datetime as dt
import re

from kg.parse.dates import find_dates
from kg.parse.scan import folded, indexed
from kg.parse.sentences import TextLine, hot_starts

_MINUTES_ITEM = re.compile(r"\b(?:minutes|notes|previous\s+meeting|last\s+meeting)\b", re.IGNORECASE)
_MINUTES_DECISION = re.compile(r"\b(?:minutes|notes|record)\b", re.IGNORECASE)
_NEXT_ITEM = re.compile(
    r"\b(?:(?:next|future|forthcoming)\s+meetings?|(?:dates?|programme|schedule)\s+of\s+(?:future\s+|next\s+)?meetings?"
    r"|meeting\s+dates)\b",
    re.IGNORECASE,
)
# "Next meeting: ...", "Date of next meeting - ...", "Future meetings:" at the start of a line.
_NEXT_LINE = re.compile(
    r"\s*(?:the\s+)?(?:date\s+of\s+(?:the\s+)?)?(?:next|future)\s+meetings?(?:\s+dates?)?"
    r"(?:\s+of\s+the\s+(?:Committee|Board|Cabinet|Panel|Partnership|Council|Forum|Group|Executive|Authority))?"
    r"(?:\s+(?:will\s+be(?:\s+held)?|is|are))?"
    r"\s*(?:[:\-–—]|on\b|will\b|is\b|are\b|$)",  # at the end: a heading, the dates on the lines below
    re.IGNORECASE,
)


# "The Convener advised that the next meeting of the Committee would take place on Tuesday, 26th November"
_NEXT_SAID = re.compile(
    r"\bthe\s+next\s+meeting(?:\s+of\s+the\s+[A-Z]\w+)?\s+(?:would|will|is\s+to|was\s+to)\s+"
    r"(?:take\s+place|be\s+held)\s+(?=on\b)",
    re.IGNORECASE,
)
_NEXT_WORDS = indexed(("next", "future"))  # one of which every ``_NEXT_LINE`` (and ``_NEXT_SAID``) holds


def previous_meeting(
    decision_texts: list[tuple[str, str | None]], meeting_date: str | None
) -> tuple[str | None, int]:
    """(ISO date, index of the decision) of the minutes confirmed; ``decision_texts`` = (text, item title)."""
    for n, (text, title) in enumerate(decision_texts):
        if not _about_minutes(text):
            continue
        for source in (title if title and _MINUTES_ITEM.search(title) else None, text):
            if not source:
                continue
            date = _past_date(source, meeting_date)
            if date:
                return date, n
    return None, -1


_WORK_PROGRAMME = re.compile(r"\bwork\s+programme\b", re.IGNORECASE)


def _about_minutes(text: str) -> bool:
    """Whether a decision speaks of minutes, notes or a record (and not of a work programme).

    Most decisions hold none of those words: looked for in the lower-cased text
    first, as the case-blind patterns are tried at every character.
    """
    low = folded(text)
    if low is not None and not ("minutes" in low or "notes" in low or "record" in low):
        return False
    if not _MINUTES_DECISION.search(text):
        return False
    return (low is not None and "programme" not in low) or not _WORK_PROGRAMME.search(text)


def _past_date(text: str, meeting_date: str | None) -> str | None:
    year = int(meeting_date[:4]) if meeting_date else None
    for hit in find_dates(text, default_year=year):
        iso = hit.iso
        if meeting_date and not hit.has_year and iso >= meeting_date:
            iso = _shift_year(iso, -1)
        if not meeting_date or iso < meeting_date:
            return iso
    return None


def next_meetings(
    clean: str, regions: list[tuple[str | None, list[TextLine]]], meeting_date: str | None
) -> list[str]:
    """Dates of this body's future meetings, in order, without repeats."""
    found: list[str] = []
    for title, lines in regions:
        in_item = bool(title and _NEXT_ITEM.search(title))
        pending = False  # a "Future meetings:" line whose dates follow on the next lines
        hot = hot_starts(clean, lines, _NEXT_WORDS)
        for k, ln in enumerate(lines):
            if not (in_item or pending or ln.start in hot):
                continue  # most lines: nothing to read
            s = ln.stripped
            if not s:
                continue
            if in_item and _ACTION_LOG.match(s):
                break  # "Action points" after the last item: its due dates are not meetings
            m = (_NEXT_LINE.match(ln.text) or _NEXT_SAID.search(ln.text)) if ln.start in hot else None
            if m and not _other_body(s[m.start() :]):
                rest = ln.text[m.end() :]
                if k + 1 < len(lines) and lines[k + 1].start == ln.end + 1 and rest.rstrip()[-1:].isalnum():
                    rest = f"{rest} {lines[k + 1].text}"  # "... held on Monday 13" / "January 2025 at 6.30pm."
                dates = _future_dates(rest, meeting_date)
                found.extend(dates)
                pending = not dates
                continue
            if in_item or pending:
                dates = _future_dates(ln.text, meeting_date)
                if dates:
                    found.extend(dates)
                elif pending:
                    pending = False
        if in_item:
            found.extend(_future_dates(title or "", meeting_date))
    out: list[str] = []
    for d in found:
        if d not in out:
            out.append(d)
    return out


# The heading of an action log printed after the last item ("## Actions", "Action points", "ACTION LOG:")
_ACTION_LOG = re.compile(r"(?i)(?:#+\s*)?[*_]*(?:actions?|action\s+(?:points?|log|list|tracker|summary|sheet)|"
                         r"summary\s+of\s+actions|actions?\s+arising)[*_:]*\s*$")


def _other_body(line: str) -> bool:
    """ "The next partnership meeting is on ...": a meeting qualified as some other body's."""
    return re.match(r"\s*(?:the\s+)?next\s+(?!meeting)\w+\s+meeting", line, re.IGNORECASE) is not None


def _future_dates(text: str, meeting_date: str | None) -> list[str]:
    year = int(meeting_date[:4]) if meeting_date else None
    out = []
    for hit in find_dates(text, default_year=year):
        iso = hit.iso
        if meeting_date and not hit.has_year and iso <= meeting_date:
            iso = _shift_year(iso, 1)
        if meeting_date and iso <= meeting_date:
            continue
        out.append(iso)
    return out


def _shift_year(iso: str, years: int) -> str:
    d = dt.date.fromisoformat(iso)
    try:
        return d.replace(year=d.year + years).isoformat()
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28).isoformat()
