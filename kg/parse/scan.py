"""Exact shortcuts for the scans every document pays for.

A regex run over a whole document costs about 20-30 ns a character, so a
handful of them cost more than all the rules that read their results. The
helpers here give the same answers as those scans from C-speed string
operations: ``str.find`` for the literal a match must start with, a byte
translation for character classes, and an index that reads a document once
for all the words the finders look for (an Aho-Corasick automaton).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import ahocorasick

# A..Z kept as "A", a..z as "a", the newline kept, every other byte a space.
_LETTERS_TABLE = bytes(
    ord("A") if 65 <= b <= 90 else ord("a") if 97 <= b <= 122 else 10 if b == 10 else 32 for b in range(256)
)
_CAPS_RUN = re.compile(rb"AA+")


@lru_cache(maxsize=4)
def letter_mask(text: str) -> bytes:
    """One byte per character of ``text``: "A" for an ASCII capital, "a" for an ASCII small letter,
    the newline kept, a space for the rest.

    ASCII encoding with "replace" writes one "?" per other character, so every
    offset in the mask is the same offset in ``text``; the action and programme
    finders read the capitals of the same text from it (cached).
    """
    return text.encode("ascii", "replace").translate(_LETTERS_TABLE)


def lines_with_caps_pair(text: str) -> set[int]:
    """Starts of the lines of ``text`` holding two ASCII capitals in a row.

    ``bytes.find`` on the mask finds the pairs at C speed; a test on every line
    cost more than the rest of the action finder.
    """
    mask = letter_mask(text)
    out: set[int] = set()
    i = mask.find(b"AA")
    while i >= 0:
        out.add(mask.rfind(b"\n", 0, i) + 1)
        nl = mask.find(b"\n", i)
        if nl < 0:
            break
        i = mask.find(b"AA", nl)
    return out


def caps_runs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every run of two or more ASCII capitals in ``text``, in order (as ``[A-Z]{2,}`` finds them)."""
    for m in _CAPS_RUN.finditer(letter_mask(text)):
        yield m.span()


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


def positions(hay: str, literals: tuple[str, ...], *, shared: bool = False) -> list[int]:
    """Every offset in ``hay`` where one of ``literals`` starts, in order, without repeats.

    With ``shared`` (``hay`` is the lower-cased document the finders all search),
    literals declared with ``indexed`` are read from the one index of ``hay``,
    built on first use; the rest are found with ``str.find``.
    """
    index = None
    stems: tuple[str | None, ...] = ()
    if shared and _worth_indexing(len(hay), len(_INDEXED)):
        stems = _stems(literals, len(_INDEXED))
        if any(stems):
            index = _index(hay, len(_INDEXED))
            if len(literals) == 1 and stems[0] == literals[0]:
                return index[literals[0]][:]  # in order already
    out: set[int] = set()
    find = hay.find
    for n, lit in enumerate(literals):
        stem = stems[n] if index is not None else None
        if stem == lit:
            out.update(index[lit])  # type: ignore[index]
            continue
        if stem:  # a longer word: where its declared beginning is ("apologies" where "apolog" is)
            out.update(i for i in index[stem] if hay.startswith(lit, i))  # type: ignore[index]
            continue
        i = find(lit)
        while i >= 0:
            out.add(i)
            i = find(lit, i + 1)
    return sorted(out)


def cased_positions(text: str, low: str | None, words: tuple[str, ...]) -> list[int]:
    """Where ``words`` occur in ``text`` as printed (``low``: ``text`` lower-cased, same length, or None).

    Read from the shared index of ``low``, where every such place is (an ASCII
    word lowers on its own), and kept where the case is right: a ``str.find``
    over the whole text per word cost more than the rules reading the lines.
    Not in order; without repeats when the words are distinct.
    """
    if low is None or not all(w.isascii() for w in words):
        return positions(text, words)
    return [i for w in words for i in positions(low, (w.lower(),), shared=True) if text.startswith(w, i)]


# -- one reading of a document for many words -------------------------------------------------------
#
# ``str.find`` reads a document at about 0.65 ns a character whatever it looks for, and the finders
# look for some seventy words in every lower-cased document: more than the rest of their work. An
# Aho-Corasick automaton (pyahocorasick) reads the document once for all of them, at about 15 ns a
# character: a third of the seventy searches on a seed document.

_INDEXED: dict[str, None] = {}  # the words declared for the shared index, in order


def indexed(words: tuple[str, ...]) -> tuple[str, ...]:
    """``words``, declared for the index of the lower-cased document (read with ``positions(..., shared=True)``)."""
    _INDEXED.update((w, None) for w in words if w)
    return words


@lru_cache(maxsize=1024)
def _stems(words: tuple[str, ...], _version: int) -> tuple[str | None, ...]:
    """For each of ``words``, the longest declared word it begins with (itself if declared), or None."""
    return tuple(next((w[:k] for k in range(len(w), 0, -1) if w[:k] in _INDEXED), None) for w in words)


def _worth_indexing(length: int, words: int) -> bool:
    """Whether indexing a text of ``length`` characters costs less than looking for ``words`` words one by one.

    Measured: ``str.find`` reads about 0.65 ns a character a word; the automaton
    about 15 ns a character and some 5 µs a text. Lines and sentences are never worth it.
    """
    return length * (13 * words - 300) > 100_000


class _Words:
    """An automaton finding every occurrence of each of ``words``, overlapping ones too."""

    def __init__(self, words: list[str]):
        self.words = words
        self.automaton = ahocorasick.Automaton()
        for w in words:
            self.automaton.add_word(w, w)
        self.automaton.make_automaton()

    def find(self, hay: str) -> dict[str, list[int]]:
        """Every offset of each word in ``hay``, in order (matches come by their end, and a word has one length)."""
        out: dict[str, list[int]] = {w: [] for w in self.words}
        for end, w in self.automaton.iter(hay):
            out[w].append(end - len(w) + 1)
        return out


@lru_cache(maxsize=1)
def _shared(_version: int) -> _Words:
    """The declared words, in one automaton (``_version``: how many there are)."""
    return _Words(list(_INDEXED))


@lru_cache(maxsize=4)
def _index(hay: str, version: int) -> dict[str, list[int]]:
    """Every offset of each declared word in ``hay`` (``version``: how many words are declared)."""
    return _shared(version).find(hay)


def matches_at(rx: re.Pattern[str], text: str, cands: list[int], end: int | None = None) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text, 0, end)`` when every one starts at one of ``cands`` (sorted).

    The pattern must not match the empty string; it is tried at the candidates
    only, skipping those inside the previous match, as ``finditer`` would.
    """
    pos = 0
    match = rx.match
    end = len(text) if end is None else end
    for i in cands:
        if i < pos:
            continue
        m = match(text, i, end)
        if m:
            yield m
            pos = m.end()


def finditer_from(
    rx: re.Pattern[str], text: str, hay: str, literals: tuple[str, ...], *, shared: bool = False
) -> Iterator[re.Match[str]]:
    """The matches of ``rx.finditer(text)``, for a pattern whose every match starts with one of ``literals`` in ``hay``.

    ``hay`` is ``text`` or a same-length lower-case copy (then ``literals`` are
    lower case; ``shared`` as for ``positions``). The pattern is tried only where
    a literal occurs, in order, and never matches the empty string, so the answer is the same.
    """
    return matches_at(rx, text, positions(hay, literals, shared=shared))
