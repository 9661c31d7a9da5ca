"""Meeting header: body, date, time and place (placeholder)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.gazetteer import Gazetteer
from kg.records import Span


@dataclass
class Header:
    body: str | None = None
    date: str | None = None  # ISO
    time: str | None = None  # "HH:MM"
    location: str | None = None
    spans: dict[str, Span] = field(default_factory=dict)  # "body", "date", "location" -> evidence
    end: int = 0  # offset where the header ends


def parse_header(text: str, headings: list[Span], gaz: Gazetteer) -> Header:
    return Header()
