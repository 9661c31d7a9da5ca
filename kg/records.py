"""The records that flow between stages: read -> parse -> link -> emit.

Every fact keeps the character span of the sentence it came from in
``Document.text`` so the graph can point back at its evidence. Records are
plain dataclasses: parsers build them, the linker fills in ``key`` fields, the
emitter turns them into triples, and ``to_json`` gives the shape of
``kg extract --format json`` (see ``../shared/gold/SCHEMA.md``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Capacity = Literal["member", "chair", "vice-chair", "officer", "minute-taker", "guest", "deputy"]
Status = Literal["open", "done"]


@dataclass(frozen=True)
class Span:
    """Half-open character range ``[start, end)`` into ``Document.text``."""

    start: int
    end: int

    def quote(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass
class Document:
    """A minutes file read to plain text; offsets of all spans refer to ``text``."""

    source: str  # file name as given (relative path kept by the caller)
    text: str
    sha256: str  # of the raw bytes
    kind: str  # "text" | "markdown" | "html" | "pdf" | "docx"
    warnings: list[str] = field(default_factory=list)
    # Lines the source marked as headings (Markdown "#", HTML <h1>-<h6>, Word heading
    # styles, a line that is wholly bold); the marks themselves are gone from ``text``.
    headings: list[Span] = field(default_factory=list)


@dataclass
class Person:
    """A person as one document names them.

    ``name`` has honorifics and post-nominals removed ("Mark Hawthorne");
    ``honorific`` keeps what was removed in front ("Cllr", "Detective
    Superintendent"), ``postnominals`` what followed ("MBE").
    ``organisation`` is the canonical organisation name or None; ``role`` is
    what the person is at this meeting ("Chair", "Cabinet Member: Adult
    Social Care") or None. ``key`` is the linker's stable identifier (a slug),
    empty until linked.
    """

    name: str
    honorific: str | None = None
    postnominals: list[str] = field(default_factory=list)
    organisation: str | None = None
    role: str | None = None
    capacity: Capacity = "member"
    span: Span | None = None
    key: str = ""
    org_key: str = ""

    def to_json(self) -> dict:
        return {"name": self.name, "organisation": self.organisation, "role": self.role}


@dataclass
class Deputy:
    """``name`` attended in place of ``for_name``."""

    name: str
    for_name: str
    span: Span | None = None
    key: str = ""
    for_key: str = ""

    def to_json(self) -> dict:
        return {"name": self.name, "for": self.for_name}


@dataclass
class AgendaItem:
    """A numbered or headed agenda item; ``number`` as printed ("3a", "2.1") or None."""

    number: str | None
    title: str
    span: Span | None = None
    parent: str | None = None  # ref of the enclosing item, e.g. "3" for "3a"
    presenters: list[str] = field(default_factory=list)  # person names, resolved to attendees

    @property
    def ref(self) -> str:
        """How other records point at this item: the number, else the title."""
        return self.number or self.title

    def to_json(self) -> dict:
        return {"number": self.number, "title": self.title}


@dataclass
class Money:
    """An amount of money in pounds, as printed (``text``) and as a number (``value``)."""

    value: float
    text: str
    currency: str = "GBP"
    span: Span | None = None


@dataclass
class Decision:
    item: str | None  # AgendaItem.ref
    text: str
    span: Span | None = None
    money: list[Money] = field(default_factory=list)
    programmes: list[str] = field(default_factory=list)  # canonical programme names

    def to_json(self) -> dict:
        return {"item": self.item, "text": self.text}


@dataclass
class Action:
    owners: list[str]  # full person names as attendees are named (initials resolved)
    item: str | None  # AgendaItem.ref
    text: str  # what is to be done, "" where the minutes do not say
    status: Status = "open"
    carried_forward: bool = False
    due: str | None = None  # ISO date
    span: Span | None = None
    owner_keys: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        out: dict[str, object] = {"owners": list(self.owners), "item": self.item, "text": self.text,
                                  "status": self.status}
        if self.carried_forward:
            out["carried_forward"] = True
        return out


@dataclass
class Presentation:
    """Someone presented, introduced or talked to a report or item."""

    presenter: str
    item: str | None
    span: Span | None = None
    key: str = ""


@dataclass
class Question:
    """Someone asked a question at an item; who answered it, where the minutes say."""

    asker: str
    answerer: str | None
    item: str | None
    text: str = ""  # what was asked, as printed ("about the timetable")
    span: Span | None = None
    asker_key: str = ""
    answerer_key: str = ""

    def to_json(self) -> dict:
        return {"asked_by": self.asker, "answered_by": self.answerer, "item": self.item, "text": self.text}


@dataclass
class Mention:
    """A programme (or other named thing) mentioned in the minutes."""

    name: str  # canonical name
    surface: str  # as printed
    item: str | None = None
    span: Span | None = None


@dataclass
class MinutesRecord:
    source: str
    sha256: str = ""
    body: str | None = None
    date: str | None = None  # ISO date
    time: str | None = None  # "10:00" where given
    location: str | None = None
    present: list[Person] = field(default_factory=list)
    apologies: list[Person] = field(default_factory=list)
    deputies: list[Deputy] = field(default_factory=list)
    items: list[AgendaItem] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    presentations: list[Presentation] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    programmes: list[Mention] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    previous_meeting: str | None = None
    next_meetings: list[str] = field(default_factory=list)
    spans: dict[str, Span] = field(default_factory=dict)  # evidence of header fields: body, date, location, previous_meeting

    def programme_names(self) -> list[str]:
        seen: dict[str, None] = {}
        for m in self.programmes:
            seen.setdefault(m.name, None)
        return list(seen)

    def to_json(self) -> dict:
        """The extraction record in the shape of SCHEMA.md."""
        return {
            "source": self.source,
            "body": self.body,
            "date": self.date,
            "location": self.location,
            "present": [p.to_json() for p in self.present],
            "apologies": [p.to_json() for p in self.apologies],
            "deputies": [d.to_json() for d in self.deputies],
            "items": [i.to_json() for i in self.items],
            "actions": [a.to_json() for a in self.actions],
            "decisions": [d.to_json() for d in self.decisions],
            "programmes": self.programme_names(),
            "previous_meeting": self.previous_meeting,
            "next_meetings": list(self.next_meetings),
            "questions": [q.to_json() for q in self.questions],  # beyond SCHEMA.md: who asked and who answered
        }
