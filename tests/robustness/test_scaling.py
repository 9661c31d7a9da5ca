"""Extraction time grows about linearly with the text, whatever the text is.

Each case is a worst case for some regex or loop in the readers and parsers:
runs of spaces and tabs, capitalised words, digits, "a) a) a)", "Action – "
repeated, pound signs and digits, thousands of attendance blocks, decisions,
deputies or programme mentions. We time the same pattern at two sizes four
times apart and require the CPU time to grow by well under the 16 times a
quadratic would take (the CPU time of the test's own thread, not wall time:
the machine is shared, and the threads earlier tests leave in the process
(a store's, a server's) must not count).

Catastrophic cases found this way and fixed: one "Present:" block per line
(kg/parse/enrich.py, a scan of every region per line), a list of decisions
with amounts (kg/parse/acts.py, every amount scanned per decision), deputies
in prose (kg/parse/attendance.py, sentence search running to the end of the
text), programme mentions (kg/parse/programmes.py, every taken span scanned
per match), and deeply nested HTML (kg/readers/html.py).
"""

from __future__ import annotations

import time

import pytest

from kg.parse import parse
from kg.readers.html import read_html
from kg.readers.normalise import assemble
from kg.readers.text import decode, text_lines
from kg.records import Document

MB = 1_000_000
GROWTH = 4
# Linear growth is 4x; allow noise and fixed costs, refuse anything near quadratic (16x).
LIMIT = 9.0
FLOOR = 0.05  # seconds: below this a small run is all noise


def extract(text: str) -> None:
    """Bytes to record as ``kg extract`` does for a text file: decode, normalise, parse."""
    decoded, _ = decode(text.encode("utf-8"))
    clean, headings = assemble(text_lines(decoded))
    parse(Document("scale.txt", clean, "0" * 64, "text", headings=headings))


def cpu(fn, arg) -> float:
    start = time.thread_time()
    fn(arg)
    return time.thread_time() - start


def repeat(head: str, unit: str, size: int) -> str:
    return head + unit * max(1, (size - len(head)) // len(unit))


def assert_linear(fn, head: str, unit: str, small: int) -> None:
    t_small = t_big = float("inf")
    for _ in range(3):  # best of up to three: a shared machine can stall a run; a quadratic rule fails every time
        t_small = min(t_small, cpu(fn, repeat(head, unit, small)))
        t_big = min(t_big, cpu(fn, repeat(head, unit, small * GROWTH)))
        ratio = t_big / max(t_small, FLOOR)
        if ratio < LIMIT:
            break
    assert ratio < LIMIT, (f"{unit[:30]!r}: {t_small:.2f} s at {small:,} chars, {t_big:.2f} s at "
                           f"{small * GROWTH:,}: {ratio:.1f}x for {GROWTH}x the text")


# One huge line (no newline at all): 1 MB against 4 MB.
HUGE_LINES = {
    "spaces": "a" + " " * 200,
    "tabs": "\t",
    "capitalised words": "Mark Hawthorne Cllr Smith ",
    "digits": "1234567890",
    "a) lists": "a) ",
    "action dash": "Action – ",
    "pound digits": "£1,000,000.5",
    "pound signs": "£",
    "present list": "Cllr Ann Baker (Chair), Wyvern District Council; ",
    "dates": "14 March 2023, 14/03/2023, ",
    "markup": "<b>**_x_**</b> [a](b) &amp; \\* ",
    "initials": "A.B. C. D ",
    "punctuation": "(-:;|#.'\")",
}


@pytest.mark.parametrize("unit", list(HUGE_LINES.values()), ids=list(HUGE_LINES))
def test_one_huge_line_scales_linearly(unit):
    assert_linear(extract, "", unit, 1 * MB)


# Many short lines: 100 KB against 400 KB (each line is work for the block rules).
MANY_LINES = {
    "blank lines": ("", "\n"),
    "space lines": ("", "   \t  \n"),
    "digit lines": ("", "1\n"),
    "numbered lines": ("", "1.\n"),
    "capital lines": ("", "A\n"),
    "dash lines": ("", "-\n"),
    "tab lines": ("", "\t\n"),
    "a) lines": ("1. Budget\nRESOLVED that:\n", "a) £1,000 be approved;\n"),
    "action dash lines": ("", "Action – Mike Dawson\n"),
    "present blocks": ("", "Present: Cllr A B, \n"),
    "attendance table": ("Name\tOrganisation\tApologies\n", "Cllr Ann Baker\tWyvern District Council\t\n"),
    "items with acts": ("Present: Helen Marsh, Owen Pryce\n\n",
                        "1. Safer Streets\nRESOLVED that £45,000 be agreed for One Public Estate.\n"
                        "Action: HM and OP to report by 1 May 2023.\n"),
    "prose with programmes": ("", "Owen Pryce presented the report on One Public Estate and Helen Marsh agreed.\n"),
    "deputies": ("Present: Helen Marsh\n", "Jo Evans attended on behalf of Sam Price.\n"),
    "apologies prose": ("", "Apologies were received from Councillor Ann Baker and Dr Tom Clarke.\n"),
    "action table": ("Action\tOwner\tDue\tStatus\n", "Circulate the report\tHM\t1 May 2023\tOpen\n"),
    "headings": ("", "## 3a) MATTERS ARISING\n"),
    "bullets": ("", "• o - * item\n"),
}


# Shapes built against the regexes themselves: a rule's opening word repeated without its
# ending ("RESOLVED " with no "that"), long runs of what an optional group or a name may hold
# (quotes, apostrophes, underscores, backslashes, comma-separated digits, "£5k"), and a start
# that matches while the end never comes (a name list that runs on, an action with no verb).
BACKTRACKING = {
    "resolved without that": ("", "RESOLVED RESOLVED RESOLVED \n"),
    "backslashes": ("", "\\" * 40 + "\n"),
    "quotes": ("", '"' * 40 + "'" * 40 + "\n"),
    "apostrophe names": ("", "O'" * 40 + "\n"),
    "underscores": ("", "_" * 80 + "\n"),
    "comma digits": ("", "1," * 40 + "\n"),
    "thousands of pounds": ("", "£5k £1,000,000.00 £2.5m " * 4 + "\n"),
    "bare numbers": ("", "1 1 " * 20 + "\n"),
    "endless name list": ("Present:\n", "Councillor Ann Baker, Dr Tom Clarke-Smith, " * 10 + "\n"),
    "action without a verb": ("", "Action: " + "Ann Baker and " * 12 + "\n"),
    "nested brackets": ("", "(" * 30 + "Chair" + ")" * 29 + "\n"),
}


@pytest.mark.parametrize("case", list(BACKTRACKING.values()), ids=list(BACKTRACKING))
def test_backtracking_shapes_scale_linearly(case):
    head, unit = case
    assert_linear(extract, head, unit, 200_000)


@pytest.mark.parametrize("case", list(MANY_LINES.values()), ids=list(MANY_LINES))
def test_many_lines_scale_linearly(case):
    head, unit = case
    assert_linear(extract, head, unit, 100_000)


def html_page(n: int) -> str:
    return repeat("<html><body><main>", "<div><p><b>Present:</b> Cllr Ann Baker<br>Wyvern</p></div>"
                  "<table><tr><td>Name</td><td>Org</td></tr></table><ul><li>a) item</li></ul>", n) + "</main>"


@pytest.mark.parametrize("nesting", [1, 40])
def test_html_pages_scale_linearly(nesting):
    """A long page, flat or wrapped in 40 levels of divs (the depth a CMS page has)."""
    def read(page: str) -> None:
        read_html(("<div>" * nesting + page + "</div>" * nesting).encode())

    t_small, t_big = cpu(read, html_page(200_000)), cpu(read, html_page(800_000))
    assert t_big / max(t_small, FLOOR) < LIMIT, (t_small, t_big)


@pytest.mark.slow
def test_every_shape_at_once_scales_linearly_at_megabytes():
    """All the shapes above in one text, 0.5 MB against 2 MB: a rule that is quadratic in any one
    of them would dominate the big run. (One run per shape at this size took nine minutes.)"""
    shapes = [*MANY_LINES.values(), *BACKTRACKING.values()]
    unit = "".join(head + body * 3 for head, body in shapes)
    assert_linear(extract, "", unit, MB // 2)


@pytest.mark.slow
def test_ten_megabytes_of_minutes_extract_in_bounded_time():
    """10 MB of real-looking minutes (every fixture layout, repeated) cost about ten times 1 MB."""
    from rb_helpers import SEEDS
    from rb_minutes import CLEAN

    corpus = "\n\n".join([CLEAN, *(p.read_text(encoding="utf-8") for p in SEEDS)])
    t_one = cpu(extract, repeat("", corpus + "\n\n", 1 * MB))
    t_ten = cpu(extract, repeat("", corpus + "\n\n", 10 * MB))
    assert t_ten / max(t_one, FLOOR) < 10 * 2.2, (t_one, t_ten)
    assert t_ten < 120, f"10 MB took {t_ten:.0f} s of CPU"  # about 15 s here; bounded, whatever the machine
