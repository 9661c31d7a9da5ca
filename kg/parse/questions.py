"""Questions: who asked, and who answered, at an item.

"Cllr Young asked about the timetable; Cllr Lowe responded that ...",
"X asked whether ... Y confirmed that ...", "X asked Y whether ...",
"In response to a question from X, Y said ...", "Question from X: ...
Response by Y". The asker is the subject of the sentence (or the one named
after "a question from"); the answerer is named in the same sentence or
opens the next one with a verb of answering. Both are resolved to attendees
where possible, as presenters and action owners are. "X asked Y to ..." and
"X asked that ..." are requests, not questions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.parse.owners import PersonResolver
from kg.parse.people import NAME_PATTERN
from kg.records import Span

_N = NAME_PATTERN
# The verb of asking; the asker is the subject before it, the one asked may follow it
_ASK_VERB = re.compile(
    r"\b(?:also\s+|then\s+)?(?:(?P<ask>asked)|queried|questioned|enquired|raised\s+(?:a\s+)?(?:question|query|concern)s?)\b"
)
_ASKED_WHO = re.compile(rf"\s+(?P<a>{_N})(?=\s+(?:whether|if|about|what|why|how|when|where|who|which)\b)")
_SUBJECT_START = re.compile(r".*[;:–—]\s*|.*\s-\s+", re.DOTALL)  # a clause break before the subject
# What "asked" must go on with to be a question: "asked X to ..." and "asked that ..." are requests
_QUESTION_WORD = re.compile(r"(?:whether|if|about|what|why|how|when|where|who|which)\b")
# "Question 2: Cllr Iain Dobie", "Supplementary question from Cllr A" ... "Response by: Cllr B (Cabinet Member)"
_QUESTION_HEAD = re.compile(
    rf"[ \t]*(?:[Ss]upplementary\s+)?(?:[Qq]uestion|QUESTION)(?:\s+(?:[Nn]o\.?\s*)?\d+)?\s*(?:[:\-–—]\s*)?(?:from\s+)?"
    rf"(?P<q>{_N})[ \t]*(?:\([^()\n]*\))?[ \t]*$", re.MULTILINE)
_RESPONSE_HEAD = re.compile(rf"(?:Response|Reply|Answer)\s+(?:by|from)\s*:?\s*(?P<a>{_N})")
# "In response to a question from X (about ...), Y said ..."
_IN_RESPONSE = re.compile(
    r"\b[Ii]n\s+(?:response|answer|reply)\s+to\s+(?:a\s+)?(?:question|questions|query|queries)\s+(?:from|by)\s+"
    rf"(?P<q>{_N})(?P<what>[^,;]*),\s*(?P<a>{_N})"
)
# The answer: "Y responded / replied / answered / confirmed / explained (that) ..."
_ANSWER_VERB = r"\s+(?:responded|replied|answered|confirmed|explained|advised|clarified|said)\b"
_ANSWERED = re.compile(rf"[;,]\s*(?:and\s+)?(?P<a>{_N}){_ANSWER_VERB}")  # later in the question's sentence
_ANSWER_OPENS = re.compile(rf"(?P<a>{_N}){_ANSWER_VERB}")  # opening the next sentence
ASKING_WORDS = ("asked", "queried", "questioned", "enquired", "raised", "response to", "reply to", "answer to")


@dataclass
class FoundQuestion:
    asker: str
    answerer: str | None
    text: str  # what was asked, as printed ("about the timetable")
    span: Span


def find_questions(clean: str, sentences: list[tuple[int, int]], resolver: PersonResolver) -> Iterator[FoundQuestion]:
    """The questions the sentences (spans of ``clean``, in order) record.

    Found verb first, the asker read back from it as presenters are: a name
    pattern tried at every capital of every sentence cost a quarter of the parser.
    """
    for k, (a, b) in enumerate(sentences):
        sent = clean[a:b]
        if not any(w in sent for w in ASKING_WORDS):
            continue
        m = _IN_RESPONSE.search(sent) if "response to" in sent or "reply to" in sent or "answer to" in sent else None
        if m:
            asker, answerer = resolver.resolve(m.group("q")), resolver.resolve(m.group("a"))
            if asker:
                yield FoundQuestion(asker, answerer, _what(m.group("what")), Span(a, b))
            continue
        found = _asked(sent, resolver)
        if found is None:
            continue
        asker, answerer, what, after = found
        end = b
        if answerer is None:  # "...; Y responded that" in this sentence, or Y opening the next
            ans = _ANSWERED.search(sent, after)
            if ans is None and k + 1 < len(sentences):
                na, nb = sentences[k + 1]
                ans = _ANSWER_OPENS.match(clean, na, nb)
                end = nb if ans else b
            answerer = resolver.resolve(ans.group("a")) if ans else None
        yield FoundQuestion(asker, answerer if answerer != asker else None, _what(what), Span(a, end))


def _asked(sent: str, resolver: PersonResolver) -> tuple[str, str | None, str, int] | None:
    """(asker, the one asked or None, what was asked, where it ends) of the first question in ``sent``."""
    for v in _ASK_VERB.finditer(sent):
        head = sent[: v.start()]
        cut = _SUBJECT_START.match(head)
        subject = head[cut.end() if cut else 0 :].split(",", 1)[0].strip()  # "X, Chair of Y, asked"
        asker = resolver.resolve(subject) if 0 < len(subject.split()) <= 6 else None
        if not asker:
            continue
        rest = v.end()
        who = _ASKED_WHO.match(sent, rest)
        answerer = resolver.resolve(who.group("a")) if who else None
        if who:
            rest = who.end()
        tail = sent[rest:].lstrip()
        if v.group("ask") and not _QUESTION_WORD.match(tail):
            continue  # "asked X to ...", "asked that ...": a request
        what = tail.split(";", 1)[0]
        return asker, answerer, what, rest + len(sent[rest:]) - len(tail) + len(what)
    return None


def headed_questions(clean: str, resolver: PersonResolver) -> Iterator[FoundQuestion]:
    """Questions laid out under headings: "Question 2: X", then "Response by: Y" before the next question.

    Read over the whole text: a council prints the question, then the agenda
    item it concerns, then the response.
    """
    heads = [h for h in (_QUESTION_HEAD.match(clean, i) for i in _question_line_starts(clean)) if h]
    for k, h in enumerate(heads):
        asker = resolver.resolve(h.group("q"))
        if not asker:
            continue
        stop = heads[k + 1].start() if k + 1 < len(heads) else len(clean)
        r = _RESPONSE_HEAD.search(clean, h.end(), stop)
        answerer = resolver.resolve(r.group("a")) if r else None
        start = h.start() + len(h.group(0)) - len(h.group(0).lstrip())
        yield FoundQuestion(asker, answerer if answerer != asker else None, "", Span(start, r.end() if r else h.end()))


def _question_line_starts(clean: str) -> list[int]:
    """Starts of the lines whose first word (after "Supplementary") is "Question": found with ``str.find``,
    as a pattern tried at every character cost more than the rest of the question finder."""
    out: list[int] = []
    for word in ("uestion", "UESTION"):
        i = clean.find(word)
        while i >= 1:
            start = clean.rfind("\n", 0, i) + 1
            lead = clean[start : i - 1].strip(" \t")
            if lead in ("", "Supplementary", "supplementary", "SUPPLEMENTARY") and start not in out:
                out.append(start)
            i = clean.find(word, i + 1)
    return sorted(out)


def _what(text: str | None) -> str:
    return " ".join((text or "").split()).rstrip(" .,;")
