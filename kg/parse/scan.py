"""Exact shortcuts for the scans every document pays for.

A regex run over a whole document costs about 20-30 ns a character, so a
handful of them cost more than all the rules that read their results. The
helpers here give the same answers as those scans from C-speed string
operations: ``str.find`` for the literal a match must start with, and a
byte translation for character classes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A..Z kept as "A", the newline kept, every other byte (UTF-8 continuation bytes included) a space.
_CAPS_TABLE = bytes(
    ord("A") if 65 <= b <= 90 else 10 if b == 10 else 32 for b in range(256)
)


def lines_with_caps_pair(text: str, starts: list[int]) -> set[int]:
    """Starts of the lines of ``text`` (``starts``: every line's offset) holding two ASCII capitals in a row.

    Each line of the UTF-8 bytes is a line of ``text`` (a newline byte is only
    ever a newline), so the line numbers carry over.
    """
    caps = text.encode("utf-8", "surrogatepass").translate(_CAPS_TABLE)
    return {starts[k] for k, line in enumerate(caps.split(b"\n")) if b"AA" in line and k < len(starts)}


def folded(text: str) -> str | None:
    """``text.lower()`` when finding lower-case ASCII words in it answers exactly what a
    case-insensitive pattern finds in ``text``, else None.

    Only four letters outside ASCII match ASCII ones case-insensitively: "İ"
    (whose lower case is two characters long), "ı", "ſ" and the Kelvin sign
    (which ``lower`` maps to "k" as the pattern does).
    """
    low = text.lower()
    if len(low) != len(text) or "\u0131" in text or "\u017f" in text:
        return None
    return low


def positions(hay: str, literals: tuple[str, ...]) -> list[int]:
    """Every offset in ``hay`` where one of ``literals`` starts, in order, without repeats."""
    out: set[int] = set()
    find = hay.find
    for lit in literals:
        i = find(lit)
        while i >= 0:
            out.add(i)
            i = find(lit, i + 1)
    return sorted(out)


def matches_at(rx: re.Pattern[str], text: str, cands: list[int]) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)`` when every one starts at one of ``cands`` (sorted).

    The pattern must not match the empty string; it is tried at the candidates
    only, skipping those inside the previous match, as ``finditer`` would.
    """
    pos = 0
    match = rx.match
    for i in cands:
        if i < pos:
            continue
        m = match(text, i)
        if m:
            yield m
            pos = m.end()


def finditer_from(rx: re.Pattern[str], text: str, hay: str, literals: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, for a pattern whose every match starts with one of ``literals`` in ``hay``.

    ``hay`` is ``text`` or a same-length lower-case copy (then ``literals`` are
    lower case). The pattern is tried only where a literal occurs, in order,
    and never matches the empty string, so the answer is the same.
    """
    return matches_at(rx, text, positions(hay, literals))
