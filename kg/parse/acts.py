"""Speech acts inside the agenda items: decisions, actions, presentations, money,
programmes and references to the previous and next meetings.

Each act is found by its own module (decisions, actions, presentations, money,
programmes, meeting_refs) over the lines of one item, so every record knows
its item. The text is scanned once with markup blanked in place, and attendance
blocks (``skip``) are left out, so the work stays linear in the document.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from kg.gazetteer import Gazetteer
from kg.parse.actions import find_actions
from kg.parse.decisions import find_decisions
from kg.parse.meeting_refs import next_meetings, previous_meeting
from kg.parse.money import find_money, is_money_row
from kg.parse.owners import PersonResolver
from kg.parse.presentations import find_presentation
from kg.parse.programmes import ProgrammeFinder, acronyms_in
from kg.parse.questions import ASKING_WORDS, find_questions, headed_questions
from kg.parse.scan import indexed
from kg.parse.sentences import TextLine, blank_markup, hot_starts, lines_outside, sentences
from kg.records import Action, AgendaItem, Decision, Mention, Money, Person, Presentation, Question, Span

_ASKING = indexed(ASKING_WORDS)
_PRESENTING = indexed(("presentation", "presented", "introduced", "talked", "spoke", "update", "took"))


@dataclass
class Acts:
    decisions: list[Decision] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    presentations: list[Presentation] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
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
    body: str | None = None,
) -> Acts:
    """Every act in ``text``; ``people`` (attendees and apologies) resolve initials and first names."""
    clean = blank_markup(text)
    resolver = PersonResolver(people)
    regions = _regions(clean, items, skip or [])
    recurring = _RecurringPhrases(clean)
    finder = ProgrammeFinder(gaz, lambda: acronyms_in(clean))
    acts = Acts()
    decision_titles: list[tuple[str, str | None]] = []
    for item, lines in regions:
        ref = item.ref if item else None
        for d in find_decisions(clean, lines, resolver, body=body, recurring=recurring):
            acts.decisions.append(Decision(ref, d.text, d.span))
            decision_titles.append((d.text, item.title if item else None))
            told = _INSTRUCTED.match(d.text)  # "instructed the Chief Officer to report ...": their action too
            owners = resolver.names(told["who"] or told["who2"]) if told else None
            if owners:
                acts.actions.append(Action(owners, ref, told["what"].rstrip(" ."), "open", span=d.span))
        for a in find_actions(clean, lines, resolver, item_title=item.title if item else None):
            acts.actions.append(
                Action(a.owners, ref, a.text, "done" if a.status == "done" else "open", a.carried_forward, due=a.due,
                       span=a.span)
            )
        _presentations(clean, lines, resolver, item, acts)
        _questions(clean, lines, resolver, ref, acts)
        _programmes_and_money(clean, lines, finder, ref, acts)
    _headed_questions(clean, items, resolver, acts)
    _full_programme_names(acts.programmes, gaz)
    acts.actions = _once(acts.actions)
    _tie_to_decisions(acts)
    date, n = previous_meeting(decision_titles, meeting_date)
    if date:
        acts.previous_meeting, acts.previous_span = date, acts.decisions[n].span
    acts.next_meetings = next_meetings(clean, [(i.title if i else None, ls) for i, ls in regions], meeting_date)
    return acts


# A resolution that sets someone a task: "instructed the Chief Officer to bring a report ...",
# "That the Director of Finance be asked to ..."
_INSTRUCTED = re.compile(
    r"(?:That\s+)?(?:(?:instructed|requested|asked|directed|tasked)\s+(?P<who>.+?)"
    r"|(?P<who2>.+?)\s+be\s+(?:instructed|requested|asked|directed|tasked))\s+to\s+(?P<what>\S.+)",
    re.IGNORECASE,
)


def _full_programme_names(mentions: list[Mention], gaz: Gazetteer) -> None:
    """ "the Youth Justice Plan" after "the Harrowfield Youth Justice Plan": the one plan, named in full.

    Names that differ only in case are one, printed with the fewest capitals. A
    name of two words or more that ends one other, longer name found in the same
    minutes takes that name; names the gazetteer knows keep their own.
    """
    names = list(dict.fromkeys(m.name for m in mentions))
    if len(names) < 2:
        return
    plain: dict[str, str] = {}  # "WEXCOMBE Neighbourhood Plan" (a heading) is "Wexcombe Neighbourhood Plan"
    for n in sorted(names, key=lambda n: sum(c.isupper() for c in n)):
        plain.setdefault(n.casefold(), n)
    if len(plain) < len(names):
        for m in mentions:
            m.name = plain[m.name.casefold()]
        names = list(dict.fromkeys(m.name for m in mentions))
    ends: dict[str, list[str]] = {}  # the last two words or more of each name -> the names ending so
    for n in names:
        if not _NOT_ONE_NAME.search(n):
            words = n.casefold().split()
            for k in range(1, len(words) - 1):
                ends.setdefault(" ".join(words[k:]), []).append(n)
    full: dict[str, str] = {}
    for short in names:
        longer = ends.get(short.casefold(), [])
        if len(longer) == 1 and len(short.split()) >= 2 and not gaz.programme(short):
            full[short] = longer[0]
    for m in mentions:
        m.name = full.get(m.name, m.name)


_NOT_ONE_NAME = re.compile(r"\s{2,}|[–—]")  # "Cynllun Llesiant 2023–2028 – Well-being Plan": two names run together
_CONTENT_WORD = re.compile(r"[a-z][a-z0-9'’-]{3,}")


def _gist(text: str) -> set[str]:
    """The words of an action that carry its content, cut to five letters ("liaise", "managers" -> "liais", "manag")."""
    return {w[:5] for w in _CONTENT_WORD.findall(text.casefold())} - _FILLER


_FILLER = {"with", "from", "that", "this", "their", "there", "into", "onto", "about", "board", "meeting", "track",
           "tracker", "action", "actio", "which", "where", "those", "these", "other", "will", "would", "should"}


def _once(actions: list[Action]) -> list[Action]:
    """Each action once: one recorded in an item and again in an action log or tracker (same owners,
    mostly the same words) is the log's entry, in the item where it was set.

    An action carried forward, or set again word for word, is another action. Each
    is compared with the last ``_SAME_OWNERS`` actions of the same owners only: a
    log repeats what the meeting set, and a document of thousands stays linear.
    """
    out: list[Action] = []
    by_owners: dict[tuple[frozenset[str], str], list[tuple[int, set[str]]]] = {}
    for a in actions:
        if not a.owners or a.carried_forward:
            out.append(a)
            continue
        words = _gist(a.text)
        group = by_owners.setdefault((frozenset(a.owners), a.status), [])
        for n, (k, other) in enumerate(group):
            b = out[k]
            shared = len(words & other)
            if b.text != a.text and shared >= 3 and shared >= 0.6 * min(len(words), len(other)):
                a.item = b.item or a.item
                out[k] = a  # the log's entry, where the action was first recorded
                group[n] = (k, words)
                break
        else:
            out.append(a)
            group.append((len(out) - 1, words))
            del group[:-_SAME_OWNERS]
    return out


_SAME_OWNERS = 64


def _regions(clean: str, items: list[AgendaItem], skip: list[Span]) -> list[tuple[AgendaItem | None, list[TextLine]]]:
    """The lines of each item (heading line included), and of a log of actions after the last item;
    the whole text when there are no items."""
    if not items:
        return [(None, lines_outside(clean, skip))]
    out: list[tuple[AgendaItem | None, list[TextLine]]] = []
    for item in items:
        span = item.span or Span(0, 0)
        out.append((item, lines_outside(clean, skip, span.start, span.end)))
    last = items[-1].span
    if last is not None and last.end < len(clean):
        out.append((None, lines_outside(clean, skip, last.end, len(clean))))
    return out


class _RecurringPhrases:
    """Capitalised phrases printed three times or more: the names of bodies that act in the minutes.

    Counted on first use only: most documents never ask.
    """

    def __init__(self, clean: str):
        self._clean = clean
        self._phrases: set[str] | None = None

    def __contains__(self, phrase: object) -> bool:
        if self._phrases is None:
            counts = Counter(re.findall(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,3}\b", self._clean))
            self._phrases = {p for p, n in counts.items() if n >= 3}
        return phrase in self._phrases


def _presentations(
    clean: str, lines: list[TextLine], resolver: PersonResolver, item: AgendaItem | None, acts: Acts
) -> None:
    if not lines:
        return
    hot = hot_starts(clean, lines, _PRESENTING)
    for ln in [ln for ln in lines if ln.start in hot]:
        for a, b in sentences(clean, ln.start, ln.end):
            found = find_presentation(clean, a, b, resolver)
            if not found:
                continue
            for who in found.presenters:
                acts.presentations.append(Presentation(who, item.ref if item else None, found.span))
                if item and who not in item.presenters:
                    item.presenters.append(who)


def _questions(clean: str, lines: list[TextLine], resolver: PersonResolver, ref: str | None, acts: Acts) -> None:
    """Questions asked on the lines of one item; an answer may open the line after the question's."""
    if not lines:
        return
    hot = hot_starts(clean, lines, _ASKING)
    for k, ln in enumerate(lines):
        if ln.start not in hot:
            continue
        spans = list(sentences(clean, ln.start, ln.end))
        after = next(sentences(clean, lines[k + 1].start, lines[k + 1].end), None) if k + 1 < len(lines) else None
        for q in find_questions(clean, spans + ([after] if after else []), resolver):
            if q.span.start < ln.end:  # a question on the next line is that line's
                acts.questions.append(Question(q.asker, q.answerer, ref, q.text, q.span))


def _headed_questions(clean: str, items: list[AgendaItem], resolver: PersonResolver, acts: Acts) -> None:
    """Questions under "Question 2: X" headings, each under the item its response (or heading) falls in."""
    starts = [(i.span.start if i.span else 0) for i in items]
    for q in headed_questions(clean, resolver):
        k = bisect.bisect_right(starts, q.span.end - 1) - 1
        acts.questions.append(Question(q.asker, q.answerer, items[k].ref if k >= 0 else None, q.text, q.span))
    acts.questions.sort(key=lambda q: q.span.start if q.span else 0)


def _programmes_and_money(
    clean: str, lines: list[TextLine], finder: ProgrammeFinder, ref: str | None, acts: Acts
) -> None:
    seen = {(m.name, m.item) for m in acts.programmes}
    for start, end in _runs(lines):
        acts.money.extend(find_money(clean, start, end))
        for hit in finder.find(clean, start, end, skip_line=is_money_row):
            if (hit.name, ref) not in seen:
                seen.add((hit.name, ref))
                acts.programmes.append(Mention(hit.name, hit.surface, ref, Span(hit.start, hit.end)))


def _runs(lines: list[TextLine]) -> list[tuple[int, int]]:
    """Contiguous stretches of the kept lines (attendance blocks cut them apart)."""
    if not lines:
        return []
    runs: list[tuple[int, int]] = []
    start, end = lines[0].start, lines[0].end
    for ln in lines:
        if end + 1 < ln.start:  # a gap: the run so far ends
            runs.append((start, end))
            start = ln.start
        end = ln.end
    runs.append((start, end))
    return runs


def _tie_to_decisions(acts: Acts) -> None:
    """Amounts and programmes printed inside a decision belong to it.

    Found by bisection over their starts, kept in their original order: a long
    document holds thousands of decisions and amounts, and a scan per decision
    was quadratic.
    """
    money = _by_start(acts.money)
    mentions = _by_start(acts.programmes)
    unique = [(name, name.casefold()) for name in dict.fromkeys(m.name for m in acts.programmes)]
    for d in acts.decisions:
        if not d.span:
            continue
        d.money = _within(money, d.span)
        names = []
        for m in _within(mentions, d.span):
            if m.name not in names:
                names.append(m.name)
        low = d.text.casefold()
        for name, folded_name in unique:
            if name not in names and folded_name in low:
                names.append(name)
        d.programmes = names


def _by_start(facts: list) -> tuple[list[int], list[tuple[int, object]]]:
    """(starts, (index, fact)) of the facts with a span, sorted by start."""
    ordered = sorted(((f.span.start, i, f) for i, f in enumerate(facts) if f.span), key=lambda t: t[:2])
    return [t[0] for t in ordered], [(i, f) for _, i, f in ordered]


def _within(index: tuple[list[int], list[tuple[int, object]]], span: Span) -> list:
    """The facts starting inside ``span``, in their original order."""
    starts, facts = index
    lo, hi = bisect.bisect_left(starts, span.start), bisect.bisect_left(starts, span.end)
    return [f for _, f in sorted(facts[lo:hi], key=lambda t: t[0])]
