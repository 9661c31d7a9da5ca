"""The parser's shortcuts give exactly what the scans they replace give.

Each shortcut (a literal found with ``str.find`` before a pattern is tried, a
byte scan for a character class, a document-wide line table) must answer as
the plain regex or loop would, on the fixtures and on random strings built
from the characters that make the difference (case-folding letters, digits of
other scripts, markup, brackets).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from kg.parse import attendance, dates, decisions, header, people, programmes, sentences
from kg.parse.actions import _MAYBE, _hot_starts
from kg.parse.scan import finditer_from, folded, matches_at, positions
from kg.records import Span

FIXTURES = sorted(Path(__file__).parent.glob("fixtures/*/*.txt")) + sorted(
    (Path(__file__).parents[2] / "data" / "minutes").glob("*.txt")
)
# Letters that match ASCII ones only case-insensitively, a digit of another script, markup and punctuation.
ODD = ["ı", "İ", "ſ", "K", "٣", "–", "’", "\u00a0", "\t", "\n", "  ", ".", "!", "?", ",", ";", "(", ")", "[", "]", "*", "#"]


def _random_texts(words: list[str], n: int = 3000, length: int = 10, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pool = words + ODD
    return ["".join(rng.choice(pool) + rng.choice(["", " "]) for _ in range(rng.randint(0, length))) for _ in range(n)]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in FIXTURES]


def _spans(found) -> list[tuple[int, int]]:
    return [m.span() for m in found]


def test_fixtures_are_there():
    assert len(FIXTURES) > 10


def test_candidate_matching_equals_finditer():
    folding = re.compile(r"(?i)apolog(?:y|ies)\s+\w+")
    exact = re.compile(r"Action\w*\s*[:-]")
    for text in _random_texts(["apology", "Apologies", "APOLOGIES", "received", "apolog", "Action", "Actions"]) + _texts():
        low = folded(text)
        if low is not None:
            assert _spans(finditer_from(folding, text, low, ("apolog",))) == _spans(folding.finditer(text))
        assert _spans(matches_at(exact, text, positions(text, ("Action",)))) == _spans(exact.finditer(text))


def test_folded_refuses_letters_that_fold_onto_ascii():
    assert folded("Apologies") == "apologies"
    assert folded("ſent") is None and folded("dıd") is None and folded("İtem") is None


def test_action_lines_equal_the_regex_scan():
    for text in _random_texts(["Action", "ACTION", "AB", "A", "b", "Ab"]) + [sentences.blank_markup(t) for t in _texts()]:
        expected = frozenset(text.rfind("\n", 0, m.start()) + 1 for m in _MAYBE.finditer(text))
        assert _hot_starts(text) == expected


def test_sentence_ends_equal_the_pattern():
    rng = random.Random(3)
    for text in _random_texts(["A", "b", "Cllr.", "e.g.", "1", "“", "\"", "’"]) + _texts():
        for _ in range(5):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            assert _spans(sentences._sentence_ends(text, a, b)) == _spans(sentences._SENT_END.finditer(text, a, b))


def test_squash_equals_collapsing_white_space():
    for text in _random_texts(["a", "b"]) + ["\u2003a\x1c b\u3000", "\r\n\t x \x0b"]:
        assert sentences.squash(text) == re.sub(r"\s+", " ", text).strip()


def _find_dates_by_regex(text: str, default_year: int | None) -> list[tuple[str, int, int, bool]]:
    """``find_dates`` as it was: every pattern run over the whole text."""
    hits, taken = [], []
    for rx in (dates._ISO, dates._MDY, dates._DMY, dates._NUMERIC):
        for m in rx.finditer(text):
            if not all(m.end() <= s or m.start() >= e for s, e in taken):
                continue
            g = m.groupdict()
            month = int(g["month"]) if g["month"].isdigit() else dates.MONTHS.get(g["month"].lower().rstrip("."))
            year = int(g["year"]) if g.get("year") else default_year
            if year is None:
                continue
            iso = dates._make(year + 2000 if year < 100 else year, month or 0, int(g["day"]))
            if iso:
                hits.append((iso, m.start(), m.end(), bool(g.get("year"))))
                taken.append((m.start(), m.end()))
    return sorted(hits, key=lambda h: h[1])


def test_dates_equal_the_whole_text_scan():
    words = ["Monday", "tue", "27", "3rd", "July", "jul.", "sept", "2017", "17", "/", "-", "of", "31/12/19", "2020-01-02"]
    lines = [ln for t in _texts() for ln in t.split("\n")]
    for text in _random_texts(words) + lines:
        got = [(h.iso, h.start, h.end, h.has_year) for h in dates.find_dates(text, 2019)]
        assert got == _find_dates_by_regex(text, 2019), text


@pytest.mark.parametrize(
    ("fast", "slow", "words"),
    [
        (attendance._section, attendance._SECTION.match, ["Present", "apologies", "Members", "3.", "Officers", "in", "attendance", "Cllr"]),
        (attendance._header_hint, attendance._HEADER_HINT.search, ["Name", "Organisation", "Apologies", "Role", "who", "x"]),
        (attendance._dep_hint, attendance._DEP_HINT.search, ["deputising", "substitute", "in place of", "on behalf", "stood in", "x"]),
        (decisions._may_end_intro, decisions._LIST_INTRO.search, ["RESOLVED", "agreed", "it was", "that", "to", "as follows", ":", "-"]),
        (header._council, header._COUNCIL.match, ["Council", "COUNCIL", "County", "Borough", "Stroud", "District"]),
    ],
)
def test_prefilters_never_drop_a_match(fast, slow, words):
    lines = [ln for t in _texts() for ln in t.split("\n")]
    for text in _random_texts(words) + lines:
        expected = slow(text)
        got = fast(text)
        if isinstance(got, bool):  # a filter: it may let through what the pattern then refuses
            assert got or not expected, text
        else:
            assert (got and got.span()) == (expected and expected.span()), text


def test_acronyms_equal_the_pattern():
    for text in _random_texts(["AB", "ABC", "a", "É", "_", "1", "ÀB", "X"]) + _texts():
        assert _spans(programmes._acronyms(text)) == _spans(programmes._ACRONYM.finditer(text))


def _cuts_by_loop(text: str) -> list[int]:
    """The separators outside brackets, found a character at a time (as ``_split_commas`` did)."""
    out, depth, n = [], 0, len(text)
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in ",;" or ch in "-–—" and 0 < i < n - 1 and text[i - 1] == " " and text[i + 1] == " "):
            out.append(i)
    return out


def test_comma_split_equals_the_character_loop():
    for text in _random_texts(["A", "b", " - ", " – ", "and", "x(y)"]) + [ln for t in _texts() for ln in t.split("\n")]:
        assert people._cuts_outside_brackets(text) == _cuts_by_loop(text), text
        if "(" not in text and "[" not in text:
            assert [m.start() for m in people._SEPARATOR.finditer(text)] == _cuts_by_loop(text), text


def test_lines_outside_equals_a_filter_over_all_lines():
    rng = random.Random(5)
    for text in [sentences.blank_markup(t) for t in _texts()]:
        n = len(text)
        for _ in range(20):
            regions = [Span(a, a + rng.randint(0, 400)) for a in (rng.randint(0, n) for _ in range(rng.randint(0, 3)))]
            a = rng.randint(0, n)
            b = rng.randint(a, n)
            expected = [
                (ln.start, ln.end, ln.text) for ln in sentences.iter_lines(text, a, b)
                if not any(r.start <= ln.start < r.end for r in regions)
            ]
            got = [(ln.start, ln.end, ln.text) for ln in sentences.lines_outside(text, regions, a, b)]
            assert got == expected
