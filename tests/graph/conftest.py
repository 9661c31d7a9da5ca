"""Fixtures for the graph tests: a tiny minutes format, its parser, and stores.

``toy_parse`` reads a deliberately simple layout (one fact per line) so that
the build, emit, link and read-back can be tested on facts we choose,
independently of the real parser that other engineers are improving.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.names import split_name
from kg.records import (
    Action,
    AgendaItem,
    Decision,
    Deputy,
    Document,
    Mention,
    MinutesRecord,
    Money,
    Person,
    Presentation,
    Span,
)

MINUTES = """Riverside Community Safety Partnership – 2021-03-12
Present: Cllr Ann Baker (Chair), Riverside DC; Dr Tom Clarke, Riverside Police; Jo Evans (Deputising for Sam Price)
Apologies: Sam Price, Riverside Health Trust
Previous: 2020-12-10
1 Minutes of the last meeting
Agreed: the minutes of the last meeting as a correct record.
2 Youth Hub
Tom Clarke presented the Youth Hub business case.
Agreed: to fund the Youth Hub with £25,000 from the One Government Estate budget.
Action: Tom Clark to circulate the business case.
Action: Ann Baker and Jo Evans to meet the youth panel (done)
"""


def _line_spans(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\n")
        yield body, Span(pos, pos + len(body)) if body else None
        pos += len(line)


def _people(entries: str, start: int, capacity_default: str = "member") -> tuple[list[Person], list[Deputy]]:
    people, deputies = [], []
    offset = start
    for raw in entries.split(";"):
        lead = len(raw) - len(raw.lstrip())
        chunk = raw.strip()
        span = Span(offset + lead, offset + lead + len(chunk))
        offset += len(raw) + 1
        dep = re.search(r"\(Deputising for ([^)]+)\)", chunk)
        role = re.search(r"\((chair)\)", chunk, re.IGNORECASE)
        chunk_clean = re.sub(r"\s*\([^)]*\)", "", chunk)
        name, _, org = chunk_clean.partition(",")
        parts = split_name(name)
        people.append(Person(parts.name, parts.honorific, organisation=org.strip() or None,
                             role=role.group(1) if role else None, capacity="chair" if role else capacity_default,
                             span=span))
        if dep:
            deputies.append(Deputy(parts.name, dep.group(1), span=span))
    return people, deputies


def toy_parse(doc: Document) -> MinutesRecord:
    """A parser for the one-fact-per-line fixture layout above."""
    from kg.gazetteer import default

    gaz = default()
    rec = MinutesRecord(source=doc.source, sha256=doc.sha256)
    item: str | None = None
    for line, span in _line_spans(doc.text):
        if span is None:
            continue
        if " – " in line and rec.body is None:
            rec.body, rec.date = (x.strip() for x in line.split(" – ", 1))
        elif line.startswith("Present: "):
            rec.present, rec.deputies = _people(line[9:], span.start + 9)
            for p in rec.present:
                p.organisation = gaz.canonical_org(p.organisation)
        elif line.startswith("Apologies: "):
            rec.apologies, _ = _people(line[11:], span.start + 11)
            for p in rec.apologies:
                p.organisation = gaz.canonical_org(p.organisation)
        elif line.startswith("Previous: "):
            rec.previous_meeting = line[10:].strip()
        elif m := re.match(r"(\d+) (.+)", line):
            item = m.group(1)
            rec.items.append(AgendaItem(m.group(1), m.group(2), span))
        elif line.startswith("Agreed: "):
            money = [Money(float(x.group(1).replace(",", "")), x.group(0),
                           span=Span(span.start + x.start(), span.start + x.end()))
                     for x in re.finditer(r"£([\d,]+)", line)]
            progs = [hit[0] for hit in gaz.find_programmes(line)]
            for p in gaz.find_programmes(line):
                rec.programmes.append(Mention(p[0], p[1], item, Span(span.start + p[2], span.start + p[3])))
            rec.decisions.append(Decision(item, line[8:], span, money, progs))
            rec.money += money
        elif line.startswith("Action: "):
            m = re.match(r"Action: (.+?) to (.+?)( \(done\))?$", line)
            owners = [o.strip() for o in m.group(1).split(" and ")]
            rec.actions.append(Action(owners, item, m.group(2), "done" if m.group(3) else "open", span=span))
        elif m := re.match(r"(.+?) presented ", line):
            rec.presentations.append(Presentation(m.group(1), item, span))
    return rec


@pytest.fixture
def toy_dir(tmp_path: Path) -> Path:
    """A folder with two toy minutes files of one body."""
    d = tmp_path / "toy"
    d.mkdir()
    (d / "a.txt").write_text(MINUTES, encoding="utf-8")
    later = (MINUTES.replace("2021-03-12", "2021-06-18").replace("Previous: 2020-12-10", "Previous: 2021-03-12")
             .replace("Dr Tom Clarke", "Dr Thomas Clarke").replace("Tom Clarke presented", "Thomas Clarke presented"))
    (d / "b.txt").write_text(later, encoding="utf-8")
    return d


@pytest.fixture
def three(toy_dir):
    """toy_dir plus a third meeting where a new spelling of a known person appears."""
    c = (MINUTES.replace("2021-03-12", "2021-09-24").replace("Jo Evans (Deputising for Sam Price)", "Jo Evans")
         .replace("Apologies: Sam Price", "Apologies: Samuel Price"))
    (toy_dir / "c.txt").write_text(c, encoding="utf-8")
    return toy_dir
