"""Attendance: present, apologies and deputies in every common layout (placeholder)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.gazetteer import Gazetteer
from kg.records import Deputy, Person, Span


@dataclass
class AttendanceResult:
    present: list[Person] = field(default_factory=list)
    apologies: list[Person] = field(default_factory=list)
    deputies: list[Deputy] = field(default_factory=list)
    regions: list[Span] = field(default_factory=list)  # text spans consumed by attendance blocks


def parse_attendance(text: str, headings: list[Span], gaz: Gazetteer, *, body: str | None = None) -> AttendanceResult:
    return AttendanceResult()


def enrich_from_body(text: str, result: AttendanceResult, gaz: Gazetteer, *, body: str | None = None) -> None:
    """Add roles/organisations stated in the body, and people recorded as taking part."""
