"""Dates and times as minutes print them, to ISO 8601.

"MONDAY 18 SEPTEMBER 2017", "TUESDAY 9TH JUNE 2009", "26 October 2017",
"26/10/2017", "26.10.17", "October 26, 2017", "2017-10-26", "17th December"
(year from context). Dates run together by a lost line break ("14 December
201722 February 2018") are still split, because a year is exactly four digits.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from kg.parse.scan import folded, matches_at

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
# A month's name, in full or short (a pattern for others to build on)
MONTH_NAMES = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
_MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
_DAYNAME = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun),?\s+)?"
_ORD = r"(?:st|nd|rd|th)?"

# 18 September 2017 / 9th June 2009 / 17th December (no year)
_DMY = re.compile(
    _DAYNAME + r"(?P<day>[0-3]?\d)" + _ORD + r"(?:\s+of)?[\s\-]+" + _MONTH
    + r"(?:,?[\s\-]+(?P<year>(?:19|20)\d\d|['’‘]\d\d(?!\d)))?(?!\d*\s*(?:am|pm|:))",  # "7th Dec '23" too
    re.IGNORECASE,
)
# October 26, 2017 / October 26th 2017
_MDY = re.compile(
    _DAYNAME + _MONTH + r"\s+(?P<day>[0-3]?\d)" + _ORD + r",?\s+(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
# 26/10/2017, 26.10.17, 26-10-2017 (UK order)
_NUMERIC = re.compile(r"(?<![\d/.\-])(?P<day>[0-3]?\d)[/.\-](?P<month>[01]?\d)[/.\-](?P<year>(?:19|20)?\d\d)(?![\d/.\-]*\d)")
_ISO = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?!\d)")
# "Tuesday the eighteenth of June 2024": the day in words
_ORDINALS = {
    w: k for k, w in enumerate((
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
        "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
        "twentieth"), 1)
}
_ORDINALS.update({f"twenty{sep}{w}": 20 + k for w, k in list(_ORDINALS.items())[:9] for sep in ("-", " ", "")})
_ORDINALS.update({"thirtieth": 30, "thirty-first": 31, "thirty first": 31})
_WORDS_DMY = re.compile(
    _DAYNAME + r"(?:the\s+)?(?P<dayword>" + "|".join(sorted((re.escape(w).replace("\\ ", r"\s+") for w in _ORDINALS),
                                                          key=len, reverse=True))
    + r")\s+(?:day\s+)?(?:of\s+)?" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)",
    re.IGNORECASE,
)
# A month and year only: "October 2019"
_MY = re.compile(r"(?<![\d\w])" + _MONTH + r"\s+(?P<year>(?:19|20)\d\d)", re.IGNORECASE)

_TIME = re.compile(
    r"(?<![\d.:])(?P<h>[01]?\d|2[0-3])(?:[.:](?P<m>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?![a-z])"
    r"|(?<![\d.:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateHit:
    iso: str
    start: int
    end: int
    has_year: bool = True


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


_DIGIT = re.compile(r"\d")


def find_dates(text: str, default_year: int | None = None) -> list[DateHit]:
    """Every full date in ``text`` in order; day-month dates take ``default_year`` when given."""
    hits: list[DateHit] = []
    digits = [m.start() for m in _DIGIT.finditer(text)]
    if not digits:
        return hits  # every form has a digit; most lines asked about have none
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for found in _scans(text, digits):
        for m in found:
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            month_raw = g["month"]
            month = MONTHS.get(month_raw.lower().rstrip(".")) if not month_raw.isdigit() else int(month_raw)
            year_raw = g.get("year")
            has_year = bool(year_raw)
            if year_raw:
                year = int(year_raw.lstrip("'’‘"))
                if year < 100:
                    year += 2000
            elif default_year:
                year = default_year
            else:
                continue
            day = _ORDINALS[" ".join(g["dayword"].lower().split())] if g.get("dayword") else int(g["day"])
            iso = _make(year, month or 0, day)
            if iso:
                hits.append(DateHit(iso, m.start(), m.end(), has_year))
                taken.append((m.start(), m.end()))
    hits.sort(key=lambda h: h.start)
    return hits


# Every date form starts at a digit, a day name or a month name (three letters each at least).
_DAY_STARTS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_MONTH_STARTS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _scans(text: str, digits: list[int]) -> list[Iterator[re.Match[str]]]:
    """The matches of each date pattern, in the order the patterns are tried.

    The patterns are tried only where a match can start: alternations of day
    and month names tried at every position cost more than all the rest.
    """
    low = folded(text)
    if low is None:  # a letter that matches an ASCII one only case-insensitively: scan everywhere
        return [rx.finditer(text) for rx in (_ISO, _MDY, _DMY, _NUMERIC)]
    days, months = _name_starts(low)
    return [
        matches_at(_ISO, text, [i for i in digits if text.startswith(("19", "20"), i) and text[i + 4 : i + 5] == "-"]),
        matches_at(_MDY, text, sorted({*days, *months})),
        matches_at(_DMY, text, sorted({*days, *_days_before_months(low, digits, months)})),
        matches_at(_NUMERIC, text, [i for i in digits if _SEPARATORS.intersection(text[i + 1 : i + 3])]),
        # the day in words: only where an ordinal ends before "of" ("eighteenth of", "first of")
        _WORDS_DMY.finditer(text) if _WORD_DAY_HINT.search(low) else iter(()),
    ]


_WORD_DAY_HINT = re.compile(r"(?:th|st|nd|rd)\s+(?:day\s+)?of\s")


_DAY_SET = frozenset(_DAY_STARTS)


def _name_starts(low: str) -> tuple[list[int], list[int]]:
    """Every offset where a day name and a month name starts in ``low`` (three letters each), in order,
    as ``positions`` finds them.

    ``_NAME_START`` consumes only the first letter, so names that overlap are
    all found; it opens with a class of letters, so the engine runs to each
    candidate in C (nineteen ``str.find`` calls cost more).
    """
    days: list[int] = []
    months: list[int] = []
    for m in _NAME_START.finditer(low):
        i = m.start()
        (days if low[i : i + 3] in _DAY_SET else months).append(i)
    return days, months


def _first_letter_then_rest(words: tuple[str, ...]) -> str:
    """``(?:m(?=on|ar|ay)|t(?=ue|hu)|...)``: the first letter of one of ``words``, the rest looked ahead."""
    rests: dict[str, list[str]] = {}
    for w in words:
        rests.setdefault(w[0], []).append(w[1:])
    return "(?:" + "|".join(f"{first}(?={'|'.join(rest)})" for first, rest in rests.items()) + ")"


_NAME_START = re.compile(_first_letter_then_rest(_DAY_STARTS + _MONTH_STARTS))


_SEPARATORS = frozenset("/.-")  # one of which follows the day's one or two digits in ``_NUMERIC``
_DAY_PART = frozenset("stndrhof-")  # the letters of an ordinal and "of", and the dash, that may part a day from its month


def _days_before_months(low: str, digits: list[int], months: list[int]) -> list[int]:
    """The ``digits`` where a ``_DMY`` match without a day name can start: each is read up to the
    next month name over digits, an ordinal, "of", blanks and dashes only.

    (No month name is made of those alone, so the month of the match is the
    first after its day.) Trying the pattern, with its case-blind alternations,
    at every digit cost more than the rest of the date finder.
    """
    out: list[int] = []
    for m in months:
        j = m
        while j > 0 and (low[j - 1] in _DAY_PART or low[j - 1].isspace() or low[j - 1].isdecimal()):
            j -= 1
        out.extend(digits[bisect_left(digits, j) : bisect_left(digits, m)])
    return out


def parse_date(text: str, default_year: int | None = None) -> str | None:
    """The first date in ``text`` as ISO, or None."""
    hits = find_dates(text, default_year)
    return hits[0].iso if hits else None


def find_month_years(text: str) -> list[tuple[int, int, int, int]]:
    """ "October 2019" mentions: (year, month, start, end)."""
    return [
        (int(m.group("year")), MONTHS[m.group("month").lower().rstrip(".")], m.start(), m.end())
        for m in _MY.finditer(text)
    ]


def parse_time(text: str) -> str | None:
    """The first clock time in ``text`` as "HH:MM" ("1.30pm" -> "13:30", "10am" -> "10:00")."""
    m = _TIME.search(text)
    if not m:
        return None
    if m.group("h24"):
        return f"{int(m.group('h24')):02d}:{m.group('m24')}"
    h = int(m.group("h"))
    mins = m.group("m") or "00"
    pm = m.group("ampm").lower().startswith("p")
    if pm and h < 12:
        h += 12
    if not pm and h == 12:
        h = 0
    return f"{h:02d}:{mins}"
