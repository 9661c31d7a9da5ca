"""Agenda items: numbered, lettered and headed (placeholder)."""

from __future__ import annotations

from kg.records import AgendaItem, Span


def parse_items(text: str, headings: list[Span], *, skip: list[Span] | None = None) -> list[AgendaItem]:
    """Agenda items in document order; ``skip`` are regions (attendance blocks) to ignore."""
    return []
