"""Amounts of money: "£10,000", "£10 million", "£2.460m", "£1.4bn", "GBP 5,000", "5 million pounds",
and in a money table "800k", "2.033m".

A bare "800k" is only money where a table lays amounts out in a column (a tab
before it, nothing after it); in prose it could be anything, so there the
pound sign is required.
"""

from __future__ import annotations

import re

from kg.parse.scan import matches_at
from kg.records import Money, Span

_SCALE = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "b": 1e9,
          "thousand": 1e3}
_UNIT = r"(?:\s?(?P<unit>million|billion|mn|bn|m|M|k|K|b)\b)?"
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
_POUNDS = re.compile(r"(?:£|\bGBP)\s?" + _NUM + _UNIT)
# "5 million pounds", "20,000 pounds sterling": the currency written out after the amount
_IN_WORDS = re.compile(r"(?<![\d.,£])" + _NUM + r"(?:\s(?P<unit>million|billion|thousand))?\s+(?:pounds|sterling)\b")
# A table cell: after a tab, the number and its unit end the line.
_CELL = re.compile(r"\t[ ]*(?P<num>\d+(?:\.\d+)?)(?P<unit>m|k|K|M|bn)[ ]*$", re.MULTILINE)


def _value(num: str, unit: str | None) -> float:
    return float(num.replace(",", "")) * _SCALE.get(unit or "", 1.0)


def find_money(text: str, start: int = 0, end: int | None = None) -> list[Money]:
    """Amounts in ``text[start:end]`` in document order."""
    end = len(text) if end is None else end
    found: list[Money] = []
    pound, gbp, words, sterling = (text.find(w, start, end) >= 0 for w in ("£", "GBP", "pounds", "sterling"))
    if not (pound or gbp or words or sterling) and text.find("\t", start, end) < 0:
        return found  # most lines: no currency, no table cell
    pounds = matches_at(_POUNDS, text, _currency_marks(text, start, end, pound, gbp), end)
    for m in [*pounds, *(_IN_WORDS.finditer(text, start, end) if words or sterling else ())]:
        found.append(Money(_value(m.group("num"), m.group("unit")), m.group(0), span=Span(m.start(), m.end())))
    taken = {mo.span.start for mo in found if mo.span}
    for m in _CELL.finditer(text, start, end):
        if m.start("num") not in taken:
            found.append(
                Money(_value(m.group("num"), m.group("unit")), m.group(0).strip(), span=Span(m.start("num"), m.end("unit")))
            )
    found.sort(key=lambda mo: mo.span.start if mo.span else 0)
    return found


def _currency_marks(text: str, start: int, end: int, pound: bool, gbp: bool) -> list[int]:
    """Offsets of the "£" and "GBP" in ``text[start:end]``, in order: where every ``_POUNDS`` match starts.

    The pattern opens with an alternation, so ``finditer`` tried it at every
    position of an item; trying it at these few gives the same matches.
    """
    out: list[int] = []
    for mark, wanted in (("£", pound), ("GBP", gbp)):
        i = text.find(mark, start, end) if wanted else -1
        while i >= 0:
            out.append(i)
            i = text.find(mark, i + 1, end)
    out.sort()
    return out


def is_money_row(line: str) -> bool:
    """A table row whose last cell is an amount ("Additional Social Workers\\t£2.460m")."""
    if "\t" not in line:
        return False
    last = line.rstrip().rsplit("\t", 1)[-1].strip()
    return bool(_POUNDS.fullmatch(last) or re.fullmatch(r"\d+(?:\.\d+)?(?:m|k|K|M|bn)", last))
