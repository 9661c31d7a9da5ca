"""Presentations: who presented, introduced or talked to a report at an item.

"X made a (PowerPoint) presentation", "X, <role>, presented the report",
"X introduced the report", "X talked to the report", "X provided an update",
"A introduced B who made a presentation" (B presented). The presenter is the
subject of the sentence with any role apposition removed, resolved to an
attendee where possible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.parse.owners import PersonResolver
from kg.records import Span

_VERB = re.compile(
    r"\b(?:(?:made|gave|delivered|provided)\s+an?\s+(?:\w+\s+){0,2}?presentation"
    r"|presented\s+(?:the|an|a|his|her|their)\b"
    r"|introduced\s+the\s+(?:\w+\s+)?(?:report|item|paper|presentation)"
    r"|(?:talked|spoke)\s+(?:to|through)\s+the\s+(?:\w+\s+)?(?:report|paper|item|presentation)"
    r"|(?:provided|gave|presented)\s+an?\s+(?:\w+\s+){0,2}?update"
    r"|took\s+(?:the\s+)?(?:meeting|members|group|board|committee|partners)\s+through)"
)
_SUBJECT_END = re.compile(r",|\battended\b|\bthen\b|\balso\b")
_AND = re.compile(r"\s+and\s+|\s*&\s*")
_VERB_WORDS = ("present", "introduced", "talked", "spoke", "update", "took")  # one of which every ``_VERB`` holds
_WHO = re.compile(r"\b(?:introduced|welcomed)\s+(?P<who>.+?),?\s+who\s+(?:then\s+)?$")


@dataclass
class FoundPresentation:
    presenters: list[str]
    span: Span


def find_presentation(clean: str, a: int, b: int, resolver: PersonResolver) -> FoundPresentation | None:
    """The presentation one sentence ``clean[a:b]`` records, if any."""
    sent = clean[a:b]
    m = _VERB.search(sent) if any(w in sent for w in _VERB_WORDS) else None
    if not m:
        return None
    subject = sent[: m.start()]
    who = _WHO.search(subject)
    if who:
        subject = who.group("who")
    else:
        # "X, Chair of the Board, made ..." / "X attended for this item and talked to ..."
        subject = _SUBJECT_END.split(subject, maxsplit=1)[0]
        if len(subject.split()) > 10:
            return None
    presenters = []
    for part in _AND.split(subject.strip()):
        part = part.split(",", 1)[0].strip()
        name = resolver.resolve(part) if part else None
        if name and name not in presenters:
            presenters.append(name)
    if not presenters:
        return None
    return FoundPresentation(presenters, Span(a, b))
