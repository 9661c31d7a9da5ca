"""Questions: who asked, and who answered, at an item.

"Cllr Young asked about the timetable; Cllr Lowe responded that ...",
"X asked whether ... Y confirmed that ...", "X asked Y to explain ...",
"In response to a question from X, Y said ...", "Question from X: ...
Response by Y". The asker is the subject of the sentence (or the one named
after "a question from"); the answerer is named in the same sentence or
opens the next one with a verb of answering. Both are resolved to attendees
where possible, as presenters and action owners are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.parse.owners import PersonResolver
from kg.parse.people import NAME_PATTERN
from kg.records import Span

_N = NAME_PATTERN
# "X asked (Y) whether / about / if ...": the asker first, perhaps the one asked
_ASKED = re.compile(
    rf"(?P<q>{_N})(?:,[^,;]{{3,80}},)?\s+(?:also\s+|then\s+)?(?:(?P<ask>asked)|queried|questioned|enquired|"
    rf"raised\s+(?:a\s+)?(?:question|query|concern)s?)(?:\s+(?P<a>{_N}))?\s*(?P<what>[^;]*)"
)
# What "asked" must go on with to be a question: "asked X to ..." and "asked that ..." are requests
_QUESTION_WORD = re.compile(r"(?:whether|if|about|what|why|how|when|where|who|which)\b")
# "Question 2: Cllr Iain Dobie", "Supplementary question from Cllr A" ... "Response by: Cllr B (Cabinet Member)"
QUESTION_HEAD = re.compile(
    rf"[ \t]*(?:[Ss]upplementary\s+)?(?:[Qq]uestion|QUESTION)(?:\s+(?:[Nn]o\.?\s*)?\d+)?\s*(?:[:\-–—]\s*)?(?:from\s+)?"
    rf"(?P<q>{_N})[ \t]*(?:\([^()\n]*\))?[ \t]*$", re.MULTILINE)
RESPONSE_HEAD = re.compile(rf"[ \t]*(?:Response|Reply|Answer)\s+(?:by|from)\s*:?\s*(?P<a>{_N})", re.MULTILINE)
# "In response to a question from X (about ...), Y said ..."
_IN_RESPONSE = re.compile(
    r"\b[Ii]n\s+(?:response|answer|reply)\s+to\s+(?:a\s+)?(?:question|questions|query|queries)\s+(?:from|by)\s+"
    rf"(?P<q>{_N})(?P<what>[^,;]*),\s*(?P<a>{_N})"
)
# The answer: "Y responded / replied / answered / confirmed / explained (that) ..."
_ANSWER_VERB = r"\s+(?:responded|replied|answered|confirmed|explained|advised|clarified|said)\b"
_ANSWERED = re.compile(rf"[;,]\s*(?:and\s+)?(?P<a>{_N}){_ANSWER_VERB}")  # later in the question's sentence
_ANSWER_OPENS = re.compile(rf"(?P<a>{_N}){_ANSWER_VERB}")  # opening the next sentence
_WORDS = ("asked", "queried", "questioned", "enquired", "question", "response", "answer", "reply")


@dataclass
class FoundQuestion:
    asker: str
    answerer: str | None
    text: str  # what was asked, as printed ("about the timetable")
    span: Span


def find_questions(clean: str, sentences: list[tuple[int, int]], resolver: PersonResolver) -> Iterator[FoundQuestion]:
    """The questions the sentences (spans of ``clean``, in order) record."""
    for k, (a, b) in enumerate(sentences):
        sent = clean[a:b]
        if not any(w in sent for w in _WORDS):
            continue
        m = _IN_RESPONSE.search(sent)
        if m:
            asker, answerer = resolver.resolve(m.group("q")), resolver.resolve(m.group("a"))
            if asker:
                yield FoundQuestion(asker, answerer, _what(m.group("what")), Span(a, b))
            continue
        m = _ASKED.search(sent)
        if m and m.group("ask") and not _QUESTION_WORD.match(m.group("what")):
            continue  # "asked X to ...": a request
        asker = resolver.resolve(m.group("q")) if m and _opens_clause(sent, m.start()) else None
        if not m or not asker:
            continue
        answerer = resolver.resolve(m.group("a")) if m.group("a") else None
        end = b
        if answerer is None:  # "...; Y responded that" in this sentence, or Y opening the next
            ans = _ANSWERED.search(sent, m.end())
            if ans is None and k + 1 < len(sentences):
                na, nb = sentences[k + 1]
                ans = _ANSWER_OPENS.match(clean, na, nb)
                end = nb if ans else b
            answerer = resolver.resolve(ans.group("a")) if ans else None
        if answerer == asker:
            answerer = None
        yield FoundQuestion(asker, answerer, _what(m.group("what")), Span(a, end))


def headed_questions(clean: str, resolver: PersonResolver) -> Iterator[FoundQuestion]:
    """Questions laid out under headings: "Question 2: X", then "Response by: Y" before the next question.

    Read over the whole text: a council prints the question, then the agenda
    item it concerns, then the response.
    """
    if "uestion" not in clean and "QUESTION" not in clean:
        return
    heads = list(QUESTION_HEAD.finditer(clean))
    for k, h in enumerate(heads):
        asker = resolver.resolve(h.group("q"))
        if not asker:
            continue
        stop = heads[k + 1].start() if k + 1 < len(heads) else len(clean)
        r = RESPONSE_HEAD.search(clean, h.end(), stop)
        answerer = resolver.resolve(r.group("a")) if r else None
        start = h.start() + len(h.group(0)) - len(h.group(0).lstrip())
        yield FoundQuestion(asker, answerer if answerer != asker else None, "", Span(start, r.end() if r else h.end()))


def _opens_clause(sent: str, at: int) -> bool:
    """The asker is the subject: at the start of the sentence or after a clause break."""
    before = sent[:at].rstrip()
    return not before or before.endswith((";", ":", ",", "–", "—", "-"))


def _what(text: str | None) -> str:
    return " ".join((text or "").split()).rstrip(" .,;")
