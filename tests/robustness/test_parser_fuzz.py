"""No text makes the parser raise, and every span it returns points inside the text.

Property tests over random text, text made of the words minutes are made of
(so the fuzzer reaches deep into the attendance, item and act rules),
truncated, shuffled and duplicated documents, huge lines, and each parser
family called on its own.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rb_helpers import EXAMPLES, SEEDS
from rb_minutes import CLEAN, HOSTILE

from kg.gazetteer import default as default_gazetteer
from kg.names import initials, person_key, slug, split_name
from kg.parse import parse
from kg.parse.attendance import parse_attendance
from kg.parse.dates import find_dates, find_month_years, parse_date, parse_time
from kg.parse.header import parse_header
from kg.parse.items import parse_items
from kg.parse.money import find_money, is_money_row
from kg.parse.people import looks_like_name, parse_entries, split_run
from kg.parse.sentences import blank_markup, sentences
from kg.records import Document, MinutesRecord, Span

FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIXTURES = Path(__file__).parent.parent / "parse" / "fixtures"
# Minutes of every layout this suite can reach without special-casing any of them.
DOCUMENTS = [CLEAN, HOSTILE, *(p.read_text(encoding="utf-8") for p in SEEDS),
             *(p.read_text(encoding="utf-8") for p in sorted(FIXTURES.rglob("*.txt"))[:12])]
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

VOCAB = [
    "Present:", "Apologies:", "Apologies for absence", "In attendance:", "Also present:", "RESOLVED", "Resolved:",
    "RESOLVED that", "AGREED", "Agreed:", "Action:", "Action –", "ACTION", "Actions", "Cllr", "Councillor", "Dr",
    "Mr", "Mrs", "Ms", "Supt", "(Chair)", "(Vice-Chair)", "Chair", "deputising for", "on behalf of", "substituted by",
    "presented", "introduced the report", "£", "£1,000", "£2.5m", "£45k", "1 January 2017", "14/03/2023",
    "2023-03-14", "13th", "June", "10.00am", "2 pm", "1.", "2)", "3a)", "a)", "(i)", "Item 4", "4.2",
    "Minutes of the last meeting", "Minutes of the meeting held on", "One Public Estate", "Vision 2050",
    "District Council", "Police", "NHS", "CCG", "LEP", "Helen Marsh", "Owen Pryce", "Leila", "HM", "OP",
    "Name\tOrganisation\tApologies", "\t", "\n", "\n", "\n\n", ",", ";", ":", "–", "-", "•", "|", "**", "#", "and",
    "to", "the", "by", "Date of next meeting", "next meeting", "carried forward", "Complete", "Done", "Ongoing",
    "(", ")", "'", '"', "\\", "<b>", "</b>", "&amp;", "  ", "\u00a0", "\u200b", "é", "Ø",
]
minutes_like = st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=6)), max_size=250).map(" ".join)


def spans_of(record: MinutesRecord):
    for group in (record.present, record.apologies, record.deputies, record.items, record.actions,
                  record.decisions, record.presentations, record.programmes, record.money):
        for fact in group:
            if fact.span is not None:
                yield fact.span
    for d in record.decisions:
        yield from (m.span for m in d.money if m.span is not None)
    yield from record.spans.values()


def check(text: str, headings: list[Span] | None = None) -> MinutesRecord:
    """Parse ``text``; the record must be JSON-able, its spans inside the text, its dates ISO."""
    record = parse(Document("fuzz.txt", text, "0" * 64, "text", headings=headings or []))
    for span in spans_of(record):
        assert 0 <= span.start <= span.end <= len(text), span
    for iso in [record.date, record.previous_meeting, *record.next_meetings,
                *(a.due for a in record.actions)]:
        assert iso is None or ISO.match(iso), iso
    for m in record.money:
        assert math.isfinite(m.value)
    record.to_json()
    return record


@FUZZ
@given(text=st.text(max_size=3000))
def test_random_text(text):
    check(text)


@FUZZ
@given(text=minutes_like)
def test_text_made_of_minutes_words(text):
    check(text)


@FUZZ
@given(doc=st.sampled_from(DOCUMENTS), cut=st.floats(0, 1))
def test_truncated_documents(doc, cut):
    check(doc[: int(len(doc) * cut)])


@FUZZ
@given(doc=st.sampled_from(DOCUMENTS), order=st.randoms(use_true_random=False))
def test_shuffled_lines(doc, order):
    lines = doc.splitlines()
    order.shuffle(lines)
    check("\n".join(lines))


@FUZZ
@given(doc=st.sampled_from(DOCUMENTS), picks=st.lists(st.integers(0, 10_000), max_size=30))
def test_lines_dropped_and_repeated(doc, picks):
    lines = doc.splitlines()
    for k, p in enumerate(picks):
        i = p % max(len(lines), 1)
        if lines and k % 2:
            del lines[i]
        elif lines:
            lines.insert(i, lines[i])
    check("\n".join(lines))


@settings(max_examples=8, deadline=None)
@given(doc=st.sampled_from(DOCUMENTS), pick=st.integers(0, 10_000), times=st.integers(500, 3000))
def test_one_huge_line(doc, pick, times):
    lines = doc.splitlines()
    i = pick % len(lines)
    lines[i] = " ".join([lines[i]] * times)
    check("\n".join(lines))


@FUZZ
@given(doc=st.sampled_from(DOCUMENTS), noise=st.lists(st.characters(max_codepoint=0x2FFF), max_size=200),
       where=st.randoms(use_true_random=False))
def test_noise_characters_through_real_minutes(doc, noise, where):
    chars = list(doc)
    for ch in noise:
        chars.insert(where.randrange(len(chars) + 1), ch)
    check("".join(chars))


@FUZZ
@given(text=minutes_like, marks=st.lists(st.tuples(st.integers(0, 5000), st.integers(0, 200)), max_size=8))
def test_headings_anywhere(text, marks):
    """Heading spans come from readers; the parser must cope with any that lie inside the text."""
    spans = [Span(min(a, len(text)), min(a + n, len(text))) for a, n in marks]
    check(text, sorted(spans, key=lambda s: s.start))


def test_parse_is_deterministic():
    for doc in DOCUMENTS[:4]:
        assert check(doc).to_json() == check(doc).to_json()


# --- each parser family on its own ---------------------------------------------------------------

GAZ = default_gazetteer()


@FUZZ
@given(text=st.one_of(minutes_like, st.text(max_size=1500)))
def test_each_parser_family(text):
    header = parse_header(text, [], GAZ)
    assert header.date is None or ISO.match(header.date)
    att = parse_attendance(text, [], GAZ, body=header.body)
    for span in att.regions:
        assert 0 <= span.start <= span.end <= len(text)
    for item in parse_items(text, [], skip=att.regions):
        assert item.span is None or item.span.end <= len(text)
    for money in find_money(text):
        assert math.isfinite(money.value) and money.span.end <= len(text)
    for line in text.splitlines()[:50]:
        is_money_row(line)
        split_run(line)
        looks_like_name(line)
        parse_entries(line, GAZ)
    for hit in find_dates(text, default_year=2020):
        assert ISO.match(hit.iso) and 0 <= hit.start < hit.end <= len(text)
    assert parse_date(text) is None or ISO.match(parse_date(text))
    find_month_years(text)
    t = parse_time(text)
    assert t is None or re.fullmatch(r"\d\d:\d\d", t)
    clean = blank_markup(text)
    assert len(clean) == len(text), "blanking markup keeps offsets"
    for a, b in sentences(clean, 0, len(clean)):
        assert 0 <= a <= b <= len(text)


@FUZZ
@given(text=st.one_of(minutes_like, st.text(max_size=1500)))
def test_speech_acts_and_body_enrichment_on_their_own(text):
    """The stage after attendance and items (decisions, actions, presentations, money, programmes,
    meeting references), fed whatever attendance and items made of the same text."""
    from kg.parse.acts import parse_acts
    from kg.parse.attendance import enrich_from_body

    header = parse_header(text, [], GAZ)
    att = parse_attendance(text, [], GAZ, body=header.body)
    items = parse_items(text, [], skip=att.regions)
    enrich_from_body(text, att, GAZ, body=header.body)
    acts = parse_acts(text, items, att.present + att.apologies, GAZ, meeting_date=header.date, skip=att.regions,
                      body=header.body)
    for fact in [*acts.decisions, *acts.actions, *acts.presentations, *acts.money, *acts.programmes]:
        assert fact.span is None or 0 <= fact.span.start <= fact.span.end <= len(text)
    for iso in [acts.previous_meeting, *acts.next_meetings]:
        assert iso is None or ISO.match(iso)


# The letters whose case changes length or shape (İ, ß, final sigma) are where an offset-keeping
# lower() could go wrong; the words are lower case, as every caller passes them.
TRICKY = st.text(alphabet=st.sampled_from(list("Present: ACTION resolved deputising İßΣσςǅK\n\t")), max_size=300)


@FUZZ
@given(text=st.one_of(TRICKY, minutes_like),
       words=st.lists(st.sampled_from(["present", "action", "resolved", "deput", "behalf of", "s"]), min_size=1,
                      max_size=3).map(tuple), case=st.booleans())
def test_line_search_agrees_with_reading_every_line(text, words, case):
    """The prose rules' fast line search (``lines_with``) finds exactly the lines a plain scan does."""
    from kg.parse.textlines import iter_lines, lines_with, strip_markup

    lines = iter_lines(text)
    assert "\n".join(ln.raw for ln in lines) == text
    assert all(text[ln.start:ln.end] == ln.raw for ln in lines)
    plain = [ln for ln in lines if any((w in ln.raw) if case else (w in ln.raw.lower()) for w in words)]
    assert lines_with(text, words, case=case) == plain
    for ln in lines[:40]:
        strip_markup(ln.raw)


@FUZZ
@given(name=st.one_of(st.text(max_size=80), st.lists(st.sampled_from(VOCAB), max_size=8).map(" ".join)))
def test_name_functions(name):
    parts = split_name(name)
    assert isinstance(parts.name, str)
    person_key(name)
    initials(name)
    s = slug(name)
    assert re.fullmatch(r"[a-z0-9-]*", s), s
