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

from kg.parse import attendance, dates, decisions, enrich, header, people, programmes, scan, sentences
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


@pytest.fixture
def own_words(monkeypatch):
    """Words a test declares for the shared index are dropped afterwards (the registry is global,
    and its caches know a set of words by its size, which only grows outside tests)."""
    monkeypatch.setattr(scan, "_INDEXED", dict(scan._INDEXED))
    yield
    scan._shared.cache_clear()
    scan._index.cache_clear()


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


def test_capital_scans_equal_the_patterns():
    """The byte mask keeps every offset, whatever the text holds (letters outside the BMP, lone surrogates)."""
    odd = ["AB", "ABC", "A", "b", "É", "ÀB", "😀", "\ud800", "\n", "\n\n", "İ", "K"]
    for text in _random_texts(odd, n=5000) + _texts():
        assert len(scan.letter_mask(text)) == len(text)
        pairs = {text.rfind("\n", 0, m.start()) + 1 for m in re.finditer(r"[A-Z]{2}", text)}
        assert scan.lines_with_caps_pair(text) == pairs
        assert list(scan.caps_runs(text)) == _spans(re.finditer(r"[A-Z]{2,}", text))


def test_caps_lines_counted_on_the_mask_equal_a_count_of_the_letters():
    for text in _random_texts(["AB", "ABCD", "a", "É", "😀", "\ud800", "\n", "x", "KPMG REVIEW", "Review"], n=3000):
        for start in range(0, len(text) + 1, 3):
            for end in range(start, len(text) + 1, 4):
                line = text[start:end]
                upper = sum("A" <= c <= "Z" for c in line)
                lower = sum("a" <= c <= "z" for c in line)
                assert programmes._is_caps(text, start, end) == (upper >= 4 and lower * 9 < upper), (text, start, end)


def test_officer_rules_without_apposition_find_the_same():
    """Where no comma runs into the verb, the pattern without the apposition gives the same matches and names."""
    words = ["Jo Walker", "Cllr A Smith", "Dr", ",", ", ", "(", ")", ";", "Director of Finance", "made a presentation",
             "presented the", "agreed to provide", "talked to the report", "and", "who", "NHS", "the Board"]
    rules = [rule for rule in enrich._TOOK_PART if rule.bare is not None]
    assert rules
    for text in _random_texts(words, n=4000, length=8) + [ln for t in _texts() for ln in t.split("\n")]:
        for rule in rules:
            got = [(m.span(), m.group("name"), m.groupdict().get("app")) for m in rule.matches(text)]
            assert got == [(m.span(), m.group("name"), m.group("app")) for m in rule.rx.finditer(text)], text


def test_line_table_cleans_every_line_as_strip_markup_does():
    """Documents with no markup character skip ``strip_markup``: same readings either way."""
    from kg.parse import textlines

    pool = ["a", "B", " ", "\t", "\n", "- ", "* ", "#", "# ", ">", "•", "<b>", "\u00a0", "\r", "_", "__", "\\", "x y"]
    rng = random.Random(5)
    for text in ["".join(rng.choice(pool) for _ in range(rng.randint(0, 14))) for _ in range(5000)] + _texts():
        for ln in textlines.iter_lines(text):
            assert ln.clean == textlines.strip_markup(ln.raw), (text, ln)


def test_lines_with_words_equal_a_test_of_every_line(own_words):
    """As printed with ``case``, else in the lower-cased copy (and its index): the same lines."""
    from kg.parse import textlines

    words = ("Response", "present", "uestion", "agreed to", "apologies", "Smith")
    scan.indexed(tuple(w.lower() for w in words[:4]))  # read from the index without ``case``
    pool = [*words, "RESPONSE", "Present", "PRESENT", "represent", "İ", "K", "ſ", "é", "\n", " ", "a", "Smithson"]
    rng = random.Random(13)
    for text in ["".join(rng.choice(pool) for _ in range(rng.randint(0, 300))) for _ in range(1500)] + _texts():
        lines = textlines.iter_lines(text)
        for subset in (words, words[:1], words[4:]):
            assert textlines.lines_with(text, subset, case=True) == [ln for ln in lines if any(w in ln.raw for w in subset)]
            expected = [ln for ln in lines if any(w.lower() in ln.raw.lower() for w in subset)]
            if sentences.lowered(text) is not None:  # else the lines are tested one by one anyway
                assert textlines.lines_with(text, subset) == expected


def test_index_finds_what_str_find_finds(own_words):
    """Every offset of every word, overlapping ones too, whatever the text holds around them."""
    words = ("agreed", "agree", "greed", "aaaa", "aaa", "plan", "planning", "one public", "d in", "Action", "ab?c", "café",
             "wxyz", "presentation", "presented")
    scan.indexed(words)
    pool = [*words, "a", "aa", "é", "😀", "\ud800", "?", "\n", " ", "P", "ç", "AGREED"]
    rng = random.Random(11)
    texts = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 400))) for _ in range(400)] + _texts()
    for text in texts:
        plain = {w: _finds(text, w) for w in words}
        # the index itself, whether or not it is worth building for this text
        assert scan._Words(list(words)).find(text) == plain
        for w in words:
            assert scan.positions(text, (w,), shared=True) == plain[w]
        assert scan.positions(text, words, shared=True) == sorted({i for w in words for i in plain[w]})


def _word_matches_by_find(labels, text: str) -> list[tuple[int, int]]:
    """The gazetteer matches found from a ``str.find`` for every prefix, as ``_word_matches`` did."""
    starts = sorted({i for p in (*labels.prefixes, *labels.caps_led) for i in _finds(text, p) if programmes._word_start(text, i)})
    out, pos = [], 0
    for a in starts:
        m = labels.rx.match(text, a) if a >= pos else None
        if m:
            out.append((a, m.end()))
            pos = m.end()
    return out


def _finds(text: str, lit: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(lit, i)]


def test_gazetteer_prefixes_led_by_capitals_are_found_at_runs_of_capitals():
    from kg.gazetteer import default

    exact, folded_ = programmes._gazetteer_patterns(default())
    assert exact.caps_led
    words = ["OPE", "OPEN", "xOPE", "_OPE", "ÉOPE", "BCF", "JCS", "STP", "SEP", "Devolution", "Prevent", "Vision2050", "A", "b"]
    for text in _random_texts(words, n=3000) + _texts():
        assert programmes._word_matches(exact, text) == _word_matches_by_find(exact, text), text
        low = text.lower()
        if len(low) == len(text):
            assert programmes._word_matches(folded_, low, in_lower=True) == _word_matches_by_find(folded_, low), text


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
    for rx in (dates._ISO, dates._MDY, dates._DMY, dates._NUMERIC, dates._WORDS_DMY):
        for m in rx.finditer(text):
            if not all(m.end() <= s or m.start() >= e for s, e in taken):
                continue
            g = m.groupdict()
            month = int(g["month"]) if g["month"].isdigit() else dates.MONTHS.get(g["month"].lower().rstrip("."))
            year = int(g["year"].lstrip("'’")) if g.get("year") else default_year
            if year is None:
                continue
            day = dates._ORDINALS[" ".join(g["dayword"].lower().split())] if g.get("dayword") else int(g["day"])
            iso = dates._make(year + 2000 if year < 100 else year, month or 0, day)
            if iso:
                hits.append((iso, m.start(), m.end(), bool(g.get("year"))))
                taken.append((m.start(), m.end()))
    return sorted(hits, key=lambda h: h[1])


def test_dates_equal_the_whole_text_scan():
    words = ["Monday", "tue", "27", "3rd", "July", "jul.", "sept", "2017", "17", "/", "-", "of", "31/12/19", "2020-01-02",
             "the eighteenth", "twenty-first", "'23"]
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
        assert list(programmes._acronyms(text)) == _spans(programmes._ACRONYM.finditer(text))


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


def test_lines_needing_markup_rules_are_those_the_per_line_test_finds():
    """The reader picks lines for its markup rules by searches over the whole text (``_rule_lines``):
    the same lines as its former per-line pattern tried on every line."""
    from kg.readers import normalise as nm

    special = re.compile(nm._MARKS.pattern + "|^[ \t]*[-+oO][ \t]")

    pool = ["a", "B", " ", "\t", "-", "+", "o", "O", "#", "<b>", "*", "_", "]", "\u2022", "\u00b7", "x y", "é", "\\", "\n"]
    rng = random.Random(17)
    for text in ["".join(rng.choice(pool) for _ in range(rng.randint(0, 40))) for _ in range(5000)] + _texts():
        lines = text.split("\n")
        assert set(nm._rule_lines(text)) == {k for k, ln in enumerate(lines) if special.search(ln)}, text


def test_open_line_ends_equal_the_pattern():
    rx = re.compile(r"[\w,–—-]\s*$")  # what ``ends_open`` replaced
    texts = _random_texts(["ab", "Z9", "_", "é", "-"]) + [ln for f in FIXTURES for ln in f.read_text().splitlines()]
    assert all(bool(rx.search(t)) == sentences.ends_open(t) for t in texts)
