"""The reader's whole-text searches pick the same lines and characters as the per-line or
per-character rules they stand for (``kg.readers.normalise``, ``detect``, ``text``)."""

from __future__ import annotations

import html
import random
import re
import sys
import unicodedata

from kg.readers import normalise as nm
from kg.readers.detect import is_markdown
from kg.readers.normalise import Line, assemble, clean_chars, rare_chars
from kg.readers.text import _CONTROLS, is_binary, text_lines

# Pieces that meet the rules: marks, bullets, tables, underlines, escapes, entities, odd
# characters, characters NFC changes, and plain words.
POOL = [
    "a", "B", "e", " ", "  ", "\t", "\n", "\n", "\n", "\r\n", "\r", "-", "+", "o", "O", "#", "## ", "<b>", "</b>",
    "<br>", "<BR/>", "<Br >", "*", "**", "_", "__", "]", "[x](http://a.b)", "\u2022", "\u00b7", "\uf0b7", "é",
    "e\u0301", "\u0301", "\\", "\\*", "|", "|---|", " --- ", "===", "\n===\n", "&amp;", "&#769;", "&#x2019;",
    "\u00a0", "\u2019", "\u201c", "\u00ad", "\u200b", "\x00", "\x07", "\x85", "\u2028", "\x0c", "\ufb01",
    "\u1100", "\u1161", "\uac00", "\u0b47", "\u0b3e", "\u212b", "\u0f73", "\ue001", "\U0001d400", "\ud800",
    "7 ", "a) ", ":", "Cllr Smith", "o\t", "- ", "* ", "+ ", "\u25aa\t", "<i>", "&", "<", "\u2013", "£",
]


def texts(n: int = 3000, seed: int = 7, size: int = 50) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(POOL) for _ in range(rng.randint(0, size))) for _ in range(n)]


def old_clean_chars(text: str) -> str:
    """``clean_chars`` as it was: NFC and a character-class substitution over every character."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = nm._ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    return nm._ODD.sub(lambda m: nm._CHAR_MAP[ord(m.group(0))] or "", text)


def test_clean_chars_equals_the_per_character_rules():
    for text in texts():
        assert clean_chars(text) == old_clean_chars(text), text


def test_rare_chars_are_all_but_printable_ascii_tab_and_newline():
    plain = {chr(c) for c in range(0x20, 0x7F)} | {"\t", "\n"}
    for text in texts(500):
        assert rare_chars(text) == "".join(c for c in text if c not in plain)


def test_characters_that_may_compose_with_the_previous_are_all_listed():
    """``_nfc_inert`` trusts this list: every class-0 character NFC may join to the one before."""
    second_halves = set()
    for cp in range(sys.maxunicode + 1):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<") and len(d.split()) == 2:
            second_halves.add(chr(int(d.split()[1], 16)))
    hangul_vowels_and_finals = {chr(c) for c in (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3))}
    needed = {c for c in second_halves if unicodedata.combining(c) == 0} | hangul_vowels_and_finals
    assert needed <= nm._COMPOSES_WITH_PREVIOUS


def test_nfc_inert_characters():
    assert all(nm._nfc_inert(c) for c in "a–£’é\u00a0")
    assert not any(nm._nfc_inert(c) for c in "\u0301\u212b\u1161\u0b3e\u0f73")


def test_br_pattern_matches_as_ignorecase_did():
    folds = {chr(c) for c in range(sys.maxunicode + 1) if re.fullmatch("(?i)[br]", chr(c))}
    assert folds == set("bBrR")


# What the reader's whole-text bullet search stands for, line by line
_BULLET_LINE = re.compile(r"[ \t]*[-+oO][ \t]")


def test_rule_lines_are_those_the_per_line_tests_find():
    for text in texts():
        text = clean_chars(text)
        lines = text.split("\n")
        assert nm._rule_lines(text) == [
            k for k, ln in enumerate(lines) if nm._MARKS.search(ln) or _BULLET_LINE.match(ln)], text
        assert set(nm._lines_at(text, sorted(nm._mark_hits(text)))) == {
            k for k, ln in enumerate(lines) if nm._MARKS.search(ln)}


def test_lines_holding_a_needle():
    for text in texts(1000):
        for needle in ("---", "===", "|"):
            assert list(nm._lines_holding(text, needle)) == [
                k for k, ln in enumerate(text.split("\n")) if needle in ln]


def old_pipe_rows(texts: list[str], heads: list[bool]) -> tuple[list[str], list[bool]]:
    """``_pipe_rows`` as it was: every line tried as a table header."""
    out_t: list[str] = []
    out_h: list[bool] = []
    i = 0
    while i < len(texts):
        if i + 1 < len(texts) and "|" in texts[i] and nm._PIPE_SEP.match(texts[i + 1]) and "|" in texts[i + 1]:
            out_t.append(nm._pipe_cells(texts[i]))
            out_h.append(heads[i])
            i += 2
            while i < len(texts) and "|" in texts[i] and texts[i].strip():
                out_t.append(nm._pipe_cells(texts[i]))
                out_h.append(heads[i])
                i += 1
            continue
        out_t.append(texts[i])
        out_h.append(heads[i])
        i += 1
    return out_t, out_h


def test_pipe_tables_found_from_their_rule_lines_as_by_trying_every_line():
    rng = random.Random(3)
    pool = ["| a | b |", "|---|---|", "a|b", "---", " | --- | ", "", "text", "| x |", "|:---:|"]
    for _ in range(3000):
        lines = [rng.choice(pool) for _ in range(rng.randint(0, 12))]
        heads = [rng.random() < 0.3 for _ in lines]
        text = "\n".join(lines)
        seps = nm._pipe_seps(text, lines)
        got = nm._pipe_rows(lines, heads, seps) if seps else (lines, heads)
        assert got == old_pipe_rows(lines, heads), lines


def test_setext_and_bold_runs_on_their_candidate_lines_as_on_every_line():
    rng = random.Random(4)
    pool = ["Title", "===", "=====  ", "", "**A", "B**", "__x", "y__", "** a ** b", "text", "  **Bold", "-"]
    for _ in range(3000):
        lines = [rng.choice(pool) for _ in range(rng.randint(1, 10))]
        expected_t, expected_h = list(lines), [False] * len(lines)
        for i in range(1, len(lines)):  # the former loops over every line
            if nm._SETEXT.match(expected_t[i]) and expected_t[i - 1].strip():
                expected_h[i - 1], expected_t[i] = True, ""
        i = 0
        while i < len(lines):
            end = nm._bold_block_ends(expected_t, i)
            if end > 0:
                expected_h[i:end + 1] = [True] * (end + 1 - i)
                i = end + 1
            else:
                i += 1
        got_t, got_h = list(lines), [False] * len(lines)
        nm._setext("\n".join(lines), got_t, got_h)
        nm._bold_blocks(got_t, got_h, nm._rule_lines("\n".join(got_t)))
        assert (got_t, got_h) == (expected_t, expected_h), lines


def test_is_markdown_equals_the_multiline_cue_search():
    cues = re.compile(r"^(?: {0,3}#{1,6}[ \t]+\S|\s*\|?\s*:?-{3,}:?\s*\|)", re.MULTILINE)
    for text in [*texts(), "# a", "  |---|", "x\n | --- |", "x\n#\tb", "\n\n   ## h"]:
        assert is_markdown(text, ".txt") == bool(cues.search(text)), text


def test_is_binary_counts_controls_as_a_search_over_the_sample_did():
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(["a", "é", "\x01", "\x9f", "\t", "\n", "\x1a", "\ud800"]) for _ in range(40))
        assert is_binary(text) == (len(_CONTROLS.findall(text)) > 0.05 * len(text))


def test_a_text_as_one_line_assembles_as_its_lines_one_by_one():
    for text in texts(1000):
        one = assemble(text_lines(text), markdown=True)
        assert len(text_lines(text)) == 1
        assert one == assemble([Line(ln) for ln in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")],
                               markdown=True)


def test_md_heading_equals_the_heading_regex():
    heading = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
    rng = random.Random(6)
    pool = ["#", "#", "##", "###", " ", "  ", "\t", "a", "b c", "*", "é"]
    for _ in range(20000):
        line = "".join(rng.choice(pool) for _ in range(rng.randint(0, 9)))
        m = heading.match(line)
        assert nm._md_heading(line) == ((m.group(2) or "") if m else None), line
