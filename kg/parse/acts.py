"""Speech acts: decisions, actions, presentations, money, meeting references (placeholder)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.gazetteer import Gazetteer
from kg.records import Action, AgendaItem, Decision, Mention, Money, Person, Presentation, Span


@dataclass
class Acts:
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    presentations: list[Presentation] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    programmes: list[Mention] = field(default_factory=list)
    previous_meeting: str | None = None
    previous_span: Span | None = None
    next_meetings: list[str] = field(default_factory=list)


def parse_acts(
    text: str,
    items: list[AgendaItem],
    people: list[Person],
    gaz: Gazetteer,
    *,
    meeting_date: str | None = None,
    skip: list[Span] | None = None,
) -> Acts:
    return Acts()
