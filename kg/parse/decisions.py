"""Decisions: what the meeting agreed or resolved, one record per agreed point.

Families: a trigger line ("Agreed", "RESOLVED to: -", "The Board resolved that:")
followed by a list (a) b) / 1) 2) / bullets), one decision per point; "RESOLVED
that ..." and "It was agreed that/to ..." sentences; passives ("The minutes ...
were agreed", "The report was approved"); a bare "agreed" after a topic label
("Target Reserve – agreed a target ..."); the body itself as subject
("The Committee endorsed ..."); the chair agreeing that something be done.
Not decisions: what was only noted or welcomed, someone personally agreeing
to do something (an undertaking), or an outside body's approval.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass

from kg.parse.dates import MONTH_NAMES
from kg.parse.owners import PersonResolver, looks_like_name
from kg.parse.scan import folded, indexed
from kg.parse.sentences import TextLine, hot_starts, is_furniture, run_on_lines, sentences, squash
from kg.records import Span

_VERBS = r"(?:agreed|resolved|decided|approved|endorsed|adopted|ratified)"
_LIST_INTRO = re.compile(
    r"(?:^|[\s,;])(?:it\s+was\s+(?:\w+\s+){0,2}?)?(?P<v>RESOLVED|AGREED|DECIDED|RECOMMENDED|recommended|" + _VERBS
    + r"|Resolved|Agreed|Decided|Decisions?|DECISIONS?)(?:\s+(?:unanimously)|\s+\([^()\n]{1,60}\))?"  # "(6 for, 0 against)"
    r"(?:\s+to\s+(?:the\s+)?[A-Z][\w'’&]*(?:\s+[A-Z][\w'’&]*){0,3})?"  # "RECOMMENDED to Cabinet that:"
    r"(?:\s+(?P<obj>the\s+[\w'’/ -]{1,40}?)(?=\s+as\s+follows))?"  # "Agreed the allocation as follows:"
    r"[\s:\-–—]*(?:(?:to|that|as\s+follows)[\s:\-–—]*)?$",
    re.IGNORECASE,
)
# "The Board:" over a list whose points start with what it did ("a) approved ...; b) noted ...")
_BODY_NAME = (r"(?:(?:[A-Z][\w'’&-]*\s+){0,4}?(?:Board|Committee|Cabinet|Panel|Partnership|Group|Forum|Executive|"
              r"Council|Authority|Members|Meeting)|[A-Z]{2,5})")  # or its initials: "The IJB:", "The PSB:"
_BODY_INTRO = re.compile(r"(?:The\s+)?" + _BODY_NAME + r"\s*:\s*")
# "RESOLVED that Cabinet:", "It was agreed that the Board:": the points below say what the body did
_RESOLVED_BODY = re.compile(
    r"(?:\d{1,2}\.\d{1,2}\s+)?(?:it\s+was\s+)?(?:resolved|agreed|decided)(?:\s*[–—-])?\s+(?:that\s+)?(?:the\s+)?"
    + _BODY_NAME + r"\s*:",
    re.IGNORECASE,
)  # "4.3 RESOLVED – that the Board:" too
_POINT_VERB = re.compile(
    r"(?i:approved|agreed|endorsed|resolved|supported|adopted|decided|ratified|delegated|authorised|authorized|"
    r"recommended|confirmed|accepted|requested|commissioned|allocated|appointed|instructed|directed)\b"
)
# "RESOLVED:" / "RESOLVED -" / "Agreed:" printed before the resolution itself
_LABEL = re.compile(
    r"^(?:RESOLVED|Resolved|AGREED|Agreed|DECIDED|Decided|DECISION|Decision)"
    r"(?:\s+(?i:unanimously)|\s+\([^()]{1,60}\))?"  # "RESOLVED unanimously that", "RESOLVED (6 for, 1 against) that"
    r"(?:\s*[:\-–—]\s*(?=\S)|\s+(?=[Tt]hat\b|to\s))"
)
_POINT = re.compile(
    r"\s*(?:[-•·▪◦]\s*)?(?:\(?(?:[a-z]|\d{1,2}|[ivx]{1,5})[).]|[-•·▪◦])\s+(?P<body>\S.*)", re.IGNORECASE
)
_IT_WAS = re.compile(r"\b[Ii]t\s+was\s+(?:(?:\w+,?\s+){0,2}?)(?i:agreed|resolved|decided|approved)\b")
_PASSIVE = re.compile(
    r"\b(?P<aux>was|were|be|being)\s+(?:(?:\w+ly|duly|formally|also|submitted\s+and|considered\s+and)\s+)?"
    r"(?P<v>agreed|approved|endorsed|adopted|ratified|accepted|confirmed|signed"
    r"|AGREED|APPROVED|ENDORSED|ADOPTED|RATIFIED|ACCEPTED|CONFIRMED|SIGNED)\b"
)
_MODAL_BEFORE = re.compile(r"\b(?:would|will|could|should|may|might|must|to|can|cannot|not|shall)\s+$")
_BARE = re.compile(
    r"(?:(?P<label>[^.!?:–—]{1,80}?)\s+[–—:-]\s+)?(?:(?:also|further|then|therefore|finally|and|it\s+was)\s+)?"
    r"(?P<v>agreed|resolved)\b(?!\s+(?:with|by)\b)(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
_SUBJECT = re.compile(
    r"(?P<subj>(?:The\s+|All\s+)?[A-Z][\w'’&-]*(?:\s+(?:[A-Z][\w'’&-]*|of|and|for|the|&)){0,6}"
    r"|The\s+(?:board|committee|cabinet|group|partnership|panel|forum|executive|council|meeting|members|partners))\s+"
    r"(?:(?:also|then|therefore|[a-z]{3,}ly)\s+)?"  # "The Board retrospectively approved"
    r"(?:(?i:noted|received|considered|welcomed)\b[^.;]{0,200}?\s+and\s+)?"  # "NOTED the update and APPROVED ..."
    r"(?P<v>agreed|approved|endorsed|supported|resolved|adopted|decided|ratified|recommended|RECOMMENDED"
    r"|voted(?:\s+unanimously)?\s+(?:to|in\s+favour\s+of)|AGREED|APPROVED|ENDORSED|SUPPORTED|RESOLVED|ADOPTED|DECIDED|RATIFIED)\b"
    r"(?!\s+(?:by|with)\b)"
)
_BODY_WORDS = re.compile(
    r"\b(?:Board|Committee|Cabinet|Group|Partnership|Panel|Forum|Executive|Council|Members|Partners|Meeting|"
    r"Commission|Authority|Assembly|Leadership|Trustees|Governors|Sub-Committee)\b",
    re.IGNORECASE,
)
_NOTED = re.compile(r"\bnoted\b|\bto note\b|\bnotes?\b", re.IGNORECASE)
_DECIDING = re.compile(
    r"\b(?:approv|agree|endors|authoris|authoriz|adopt|delegat|support|refer|request|recommend|confirm|"
    r"appoint|allocat|accept|establish|commission|set up|provide|contribute|ratif)",
    re.IGNORECASE,
)
_MINUTES_WORDS = re.compile(r"\b(?:minutes|notes|record|action\s+notes)\b", re.IGNORECASE)
# Every family needs one of these words; lines without one are skipped cheaply.
_TRIGGERS = indexed((
    "agreed", "resolved", "decided", "decision", "approved", "endorsed", "adopted", "ratified", "accepted",
    "confirmed", "signed", "supported", "voted", "recommended",
))
# What follows "RESOLVED" on the intro line of a list whose points did not parse: no decision of its own
_EMPTY_REST = re.compile(r"[\W_]*(?:(?:that|to|as\s+follows)\b[\W_]*)?", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r"(?:He|She|They|It|This|There|We|I)\b")


_ACTION_LABEL = re.compile(r"\s*Actions?\b\s*[:–—-]")
_BY_OTHERS = re.compile(r"\s+by\s+(?!the\s+(?:meeting|board|committee|group|cabinet|partnership|members))", re.IGNORECASE)
_CONDITION = re.compile(r"\s*(?:If|Once|When|Until|Unless)\b")
_TRAILING_AND = re.compile(r"(?:[,;]?\s+and|[,;])$")
_AGREED_THAT = re.compile(r"\bagreed\s+that\s+")
_PASSIVE_VERBS = ("agreed", "approved", "endorsed", "adopted", "ratified", "accepted", "confirmed", "signed",
                  "AGREED", "APPROVED", "ENDORSED", "ADOPTED", "RATIFIED", "ACCEPTED", "CONFIRMED", "SIGNED")
_SUBJECT_VERBS = (
    "recommended", "RECOMMENDED", "agreed", "approved", "endorsed", "supported", "resolved", "adopted", "decided", "ratified", "voted",
    "AGREED", "APPROVED", "ENDORSED", "SUPPORTED", "RESOLVED", "ADOPTED", "DECIDED", "RATIFIED",
)


@dataclass
class FoundDecision:
    text: str
    span: Span


def find_decisions(
    clean: str,
    lines: list[TextLine],
    resolver: PersonResolver,
    *,
    body: str | None = None,
    recurring: Container[str] = frozenset(),
) -> list[FoundDecision]:
    """Decisions in the lines of one agenda item (blank lines kept, attendance removed)."""
    out: list[FoundDecision] = []
    if not lines:
        return out
    hot = hot_starts(clean, lines, _TRIGGERS)
    k = 0
    while k < len(lines):
        ln = lines[k]
        is_hot = ln.start in hot
        if not is_hot and not ln.stripped.endswith(":"):
            k += 1
            continue
        s = ln.stripped
        if s.endswith(":") and _BODY_INTRO.fullmatch(s):
            points, k_next = _list_points(lines, k + 1)
            points = [p for p in points if _POINT_VERB.match(p.text)]
            if points:
                out.extend(points)
                k = k_next
                continue
        if not is_hot:
            k += 1
            continue
        if s.endswith(":") and _RESOLVED_BODY.fullmatch(s):
            points, k_next = _list_points(lines, k + 1)
            if points:  # "RESOLVED that Cabinet:" over "1. recommends ...", "2. approves ..."
                out.extend(points)
                k = k_next
                continue
        intro = _LIST_INTRO.search(s) if s and _may_end_intro(s) else None
        if intro and _intro_prefix_ok(s[: intro.start()], resolver):
            points, k_next = _list_points(lines, k + 1)
            if points and intro["obj"]:  # "Agreed the allocation as follows:" over "a) GBP 9,200 - CCTV cameras"
                for p in points:
                    if not _POINT_VERB.match(p.text):
                        p.text = f"{intro['v'].capitalize()} {intro['obj']}: {p.text}"
            if points:
                out.extend(points)
                k = k_next
                continue
            single = _single_following(lines, k + 1)
            if single:
                out.append(single)
                k = k_next + 1
                continue
        if s:
            end, last = _wrapped(lines, k, hot)
            for a, b in sentences(clean, ln.start, end):
                if clean[a].isdigit() or clean[a] == "(" or clean[a + 1 : a + 2] in (")", "."):
                    a = _past_paragraph_number(clean, a, b)
                label = _DECISION_LABEL.match(clean, a, b) if clean[a] in "DdOoRr" else None
                if label:  # "Decision: The Board agreed ..." / "Decision: To approve ..."
                    a = label.end()
                moved = _PROPOSED.match(clean, a, b) if clean[a] in "PpMmIi" else None
                if moved:  # "Proposed by Cllr A, seconded by Cllr B, and RESOLVED that ..."
                    a = moved.end()
                found = _sentence_decision(clean, a, b, resolver, body, recurring)
                if found is None and label:
                    found = _found(clean, a, b, resolver)
                if found:
                    out.extend(_inline_points(found))
            k = last
        k += 1
    return out


_DAY_MONTH = re.compile(r"\d{1,2}(?:st|nd|rd|th)?\s+" + MONTH_NAMES + r"\b")  # "7 October 2024 be confirmed"


def _wrapped(lines: list[TextLine], k: int, hot: frozenset[int] | set[int]) -> tuple[int, int]:
    """(end, index of the last line) of line ``k`` with the lines its last sentence wraps onto.

    Text from a PDF breaks sentences by width: "Resolved: that the Board (a) approve ... Kingsmere" /
    "Community Diagnostic Centre at ...". A wrapped line follows straight on, opens no
    decision or numbered point of its own, and the sentence ends within a few lines.
    """
    end, last = lines[k].end, k
    for n, ln in run_on_lines(lines, k, 5):
        prev = lines[n - 1]
        going_on = ln.stripped[:1].islower() or _DAY_MONTH.match(ln.stripped)  # no sentence starts so
        if ln.start in hot and not going_on:
            break
        if len(prev.stripped) < 40 or ln.stripped.endswith(":"):
            break  # a line broken by width is long; "Decision" over "The IJB:" is a label over a list
        if ln.stripped[:1] in "(•-*" or "\t" in ln.text or ln.stripped[:1].isdigit() and not going_on:
            break  # a point or a row; but "... held on" / "7 October 2024 be confirmed ..." runs on
        end, last = ln.end, n
    return end, last


# "(1) that the plan be approved; and (2) that ...": points numbered within one sentence
_INLINE_POINT = re.compile(r"(?:^|;\s*(?:and\s+|or\s+)?)\((?:\d{1,2}|[a-z]|[ivx]{1,4})\)\s+")


def _has_inline_points(text: str) -> bool:
    return text.startswith("(") and len(_INLINE_POINT.findall(text)) >= 2


# "That the Board (a) approve ...; and (b) delegate ...": a few words before the first point
_POINTS_LEAD = re.compile(r"(?:[\w'’]+\s+){1,6}?(?=\((?:1|a|i)\)\s)")


def _inline_points(found: FoundDecision) -> list[FoundDecision]:
    """One decision per point when a resolution numbers its points inline, each citing the sentence."""
    text = found.text
    if "(" in text and not text.startswith("(") and (lead := _POINTS_LEAD.match(text)):
        text = text[lead.end():]
    if not _has_inline_points(text):
        return [found]
    parts = [_tidy(p) for p in _INLINE_POINT.split(text) if p.strip(" .;")]
    return [FoundDecision(p, found.span) for p in parts if p and not _noted_only(p)]


# What ``_LIST_INTRO`` can end with, before its closing dashes, colons and blanks.
_INTRO_ENDS = ("agreed", "resolved", "decided", "approved", "endorsed", "adopted", "ratified", "decision", "decisions",
               "unanimously", "to", "that", "follows")


def _may_end_intro(s: str) -> bool:
    """Whether ``_LIST_INTRO`` can match ``s``: it is anchored at the end, so only the last word need be read.

    A tail with other than ASCII letters is left to the pattern (case-insensitive
    matching pairs a few other letters with ASCII ones).
    """
    end = len(s)
    while end and (s[end - 1].isspace() or s[end - 1] in ":-–—"):
        end -= 1
    word = s[max(0, end - 12) : end]
    if not word.isascii():
        return True
    return word.lower().endswith(_INTRO_ENDS)


def _intro_prefix_ok(prefix: str, resolver: PersonResolver) -> bool:
    """ "Cabinet noted the report and" / "The Board" / "": not a person agreeing for themselves."""
    prefix = prefix.strip(" ,;")
    if not prefix:
        return True
    if prefix.casefold() in ("actions", "action", "action points"):
        return False  # "Actions agreed" heads a list of actions
    if resolver.attendee(prefix) or looks_like_name(prefix):
        return False
    return len(prefix.split()) <= 12


def _list_points(lines: list[TextLine], k: int) -> tuple[list[FoundDecision], int]:
    """The points of a list under an intro line; a point wrapped over lines ("(b) recommends ... be allocated" /
    "from the Investment Fund ...; and") is one point."""
    points: list[FoundDecision] = []
    raw: list[str] = []  # the last point's lines so far
    last: FoundDecision | None = None
    while k < len(lines):
        s = lines[k].stripped
        if not s or is_furniture(s):
            k += 1
            last = None
            continue
        m = _POINT.fullmatch(lines[k].text)
        if not m:
            if last is None or lines[k].start != lines[k - 1].end + 1 or raw[-1].endswith((".", ";", "; and", "; or")):
                break
            raw.append(s)  # the point goes on on this line
            last.text = _tidy(" ".join(raw))
            last.span = Span(last.span.start, lines[k].span_end())
            k += 1
            continue
        raw = [m.group("body").strip()]
        text = _tidy(raw[0])
        last = None
        if text and not _noted_only(text):
            a = lines[k].start + m.start("body")
            last = FoundDecision(text, Span(a, lines[k].span_end()))
            points.append(last)
        k += 1
    # a point that only notes may say so on its last line: "(1) the progress made ..." / "... be noted;"
    return [p for p in points if not _noted_only(p.text)], k


def _single_following(lines: list[TextLine], k: int) -> FoundDecision | None:
    """ "RESOLVED" on its own line and the resolution as the next paragraph."""
    while k < len(lines) and (not lines[k].stripped or is_furniture(lines[k].stripped)):
        k += 1
    if k >= len(lines):
        return None
    s = lines[k].stripped
    if not re.match(r"(?:That|To|the|that|to)\b", s) or len(s) > 600:
        return None
    text = _tidy(s)
    return None if _noted_only(text) else FoundDecision(text, lines[k].span())


def _sentence_decision(
    clean: str, a: int, b: int, resolver: PersonResolver, body: str | None, recurring: Container[str]
) -> FoundDecision | None:
    sent = clean[a:b]
    if _ACTION_LABEL.match(sent):
        return None
    # Each pattern below needs a word of its own; testing for the word first skips most of them.
    low = folded(sent)
    m = _IT_WAS.search(sent) if "was" in sent else None
    if m:
        if _noted_only(sent[m.end() :]):
            return None  # "It was agreed to note the report": noting is no decision
        start = m.start() if len(sent[: m.start()].split()) <= 6 else 0
        return _found(clean, a + start, b, resolver)
    m = _BARE.match(sent) if low is None or "agreed" in low or "resolved" in low else None
    if m and _EMPTY_REST.fullmatch(m.group("rest")) is None and (
            not _noted_only(m.group("rest")) or _has_inline_points(m.group("rest").lstrip(" :–—-"))):
        label = m.group("label")
        if not label or _is_topic_label(label, resolver):
            return _found(clean, a + m.start("v"), b, resolver)
    for m in _PASSIVE.finditer(sent) if any(v in sent for v in _PASSIVE_VERBS) else ():
        if _MODAL_BEFORE.search(sent[: m.start("aux")]):
            continue
        after = sent[m.end() :]
        if not _MINUTES_WORDS.search(sent) and _BY_OTHERS.match(after):
            continue  # "approved by the Government": someone else's decision
        if m.group("v") in ("accepted", "confirmed", "signed") and not _MINUTES_WORDS.search(sent):
            continue
        if _CONDITION.match(sent):
            continue
        return _found(clean, a, b, resolver)
    m = _SUBJECT.match(sent) if any(v in sent for v in _SUBJECT_VERBS) else None
    if m and _is_body(m.group("subj"), resolver, body, recurring):
        return _found(clean, a, b, resolver)
    if low is not None and " record" in low and _RECORD_AGREED.match(sent):
        return _found(clean, a, b, resolver)  # "Notes of the meeting on 2 July agreed as an accurate record."
    # The chair agreeing on the meeting's behalf: "Cllr X thanked Y and agreed that ..."
    m = _AGREED_THAT.search(sent) if "agreed" in sent else None
    if m:
        who = _leading_person(sent[: m.start()], resolver)
        if who and resolver.is_chair(who):
            return _found(clean, a + m.end(), b, resolver)
    return None


# Minutes confirmed in a note-taker's shorthand, with no "were": "Notes of the last meeting agreed as a true record"
_RECORD_AGREED = re.compile(r"(?i)(?:the\s+)?(?:minutes|notes|record)\b[^.;]{0,80}?\b(?:agreed|approved|accepted|"
                            r"confirmed|signed)\s+as\s+(?:an?\s+)?(?:accurate|correct|true|fair)\s+record")
# Who moved and seconded a motion, before what the meeting then resolved
_PROPOSED = re.compile(
    r"(?:it\s+was\s+)?(?:proposed|moved)\s+by\s+[^,;.]{2,60}?,?\s+(?:and\s+)?seconded\s+by\s+[^,;.]{2,60}?,?\s+"
    r"(?:and\s+)?(?=(?:it\s+was\s+)?(?:unanimously\s+)?(?:RESOLVED|AGREED|resolved|agreed|Resolved|Agreed)\b)",
    re.IGNORECASE,
)
# "Decision:", "Outcome:", "Resolution:" before what was decided, perhaps with its reference ("DECISION 24/07:")
_DECISION_LABEL = re.compile(r"(?:Decisions?|DECISIONS?|Outcome|OUTCOME|Resolution|RESOLUTION)"
                             r"(?:\s+(?:[Nn]o\.?\s*)?[A-Z]{0,3}\d{1,4}(?:[/.\-]\d{1,4}){0,2})?\s*[:–—-]\s*(?=\S)")
# A paragraph number opening a line ("6.2 The Board agreed ...", "(b) It was resolved ...")
_PARAGRAPH_NUMBER = re.compile(r"(?:\d{1,3}(?:\.\d{1,3}){1,3}\.?|\d{1,3}[.)]|\(?[a-z][.)]|\([ivx]{1,4}\))\s+(?=\S)")


def _past_paragraph_number(clean: str, a: int, b: int) -> int:
    """Where the sentence ``clean[a:b]`` starts once its paragraph number is skipped.

    Numbered paragraphs are the house style of many boards; the number hides
    the subject ("The Board agreed") from the patterns anchored at the start.
    """
    m = _PARAGRAPH_NUMBER.match(clean, a, b)
    return m.end() if m else a


def _is_topic_label(label: str, resolver: PersonResolver) -> bool:
    """A topic heading run into the text ("Member Subscriptions"), not a person or a clause."""
    label = label.strip()
    if resolver.attendee(label) or looks_like_name(label):
        return False
    return len(label.split()) <= 10 and not _PRONOUN_SUBJECT.match(label)


def _is_body(subj: str, resolver: PersonResolver, body: str | None, recurring: Container[str]) -> bool:
    subj = subj.strip()
    if _PRONOUN_SUBJECT.fullmatch(subj) or resolver.attendee(subj) or looks_like_name(subj):
        return False
    if body and squash(subj).casefold() == squash(body).casefold():
        return True
    return bool(_BODY_WORDS.search(subj)) or subj in recurring


def _leading_person(prefix: str, resolver: PersonResolver) -> str | None:
    words = prefix.split()
    for n in (5, 4, 3, 2):
        if len(words) >= n:
            who = resolver.attendee(" ".join(words[:n]))
            if who:
                return who.name
    return None


def _noted_only(text: str) -> bool:
    low = folded(text)
    if low is not None and "note" not in low or not _NOTED.search(text):
        return False
    without = _NOTED.sub(" ", text)
    return not _DECIDING.search(without)


def _found(clean: str, a: int, b: int, resolver: PersonResolver) -> FoundDecision | None:
    b = _cut_other_speaker(clean, a, b, resolver)
    text = _tidy(clean[a:b])
    if not text or _noted_only(text) and not _has_inline_points(text):  # each point is judged apart
        return None
    return FoundDecision(text, Span(a, b))


def _cut_other_speaker(clean: str, a: int, b: int, resolver: PersonResolver) -> int:
    """End of the decision before "; <attendee> noted ..." runs another speaker into the sentence."""
    if clean.find(";", a, b) < 0:
        return b
    for m in re.finditer(r";\s+", clean[a:b]):
        rest = clean[a + m.end() : b]
        if _leading_person(rest, resolver) or re.match(r"(?:he|she|they)\s", rest):
            return a + m.start()
    return b


def _tidy(text: str) -> str:
    """A decision as a sentence: markers and a trailing "and" gone, capital first, full stop last."""
    text = squash(text).strip(" ;,-–—")
    text = _LABEL.sub("", text)
    if text.endswith((",", ";", "and")):  # all the pattern can remove
        text = _TRAILING_AND.sub("", text)
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?", ")")) else text + "."
