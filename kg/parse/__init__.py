"""Parse a ``Document`` into a ``MinutesRecord``.

The stages run in order, each a pure function over the text: header (body,
date, place), attendance (present, apologies, deputies), agenda items, then
speech acts inside the items (decisions, actions, presentations, money,
meeting references, programmes). Attendance comes before the acts so that
initials ("SB") and first names ("Mike explained") resolve to attendees.
"""

from __future__ import annotations

from kg.gazetteer import Gazetteer
from kg.gazetteer import default as default_gazetteer
from kg.parse.acts import parse_acts
from kg.parse.attendance import enrich_from_body, parse_attendance
from kg.parse.bilingual import english_half
from kg.parse.header import parse_header
from kg.parse.items import parse_items
from kg.parse.sentences import unwrapped
from kg.records import Document, MinutesRecord


def parse(doc: Document, gaz: Gazetteer | None = None) -> MinutesRecord:
    """The extraction record of one document."""
    gaz = gaz or default_gazetteer()
    # Sentences wrapped over lines (text taken from PDFs) read as one line, and bilingual minutes keep
    # their English; every offset stays valid.
    text = unwrapped(english_half(doc.text))
    header = parse_header(text, doc.headings, gaz)
    att = parse_attendance(text, doc.headings, gaz, body=header.body)
    items = parse_items(text, doc.headings, skip=att.regions)
    enrich_from_body(text, att, gaz, body=header.body)
    acts = parse_acts(
        text, items, att.present + att.apologies, gaz,
        meeting_date=header.date, skip=att.regions, body=header.body,
    )
    record = MinutesRecord(
        source=doc.source,
        sha256=doc.sha256,
        body=header.body,
        date=header.date,
        time=header.time,
        location=header.location,
        present=att.present,
        apologies=att.apologies,
        deputies=att.deputies,
        items=items,
        actions=acts.actions,
        decisions=acts.decisions,
        presentations=acts.presentations,
        questions=acts.questions,
        programmes=acts.programmes,
        money=acts.money,
        previous_meeting=acts.previous_meeting,
        next_meetings=acts.next_meetings,
        spans=dict(header.spans),
    )
    if acts.previous_span:
        record.spans["previous_meeting"] = acts.previous_span
    return record
