"""Programmes, plans, strategies, pilots and reviews that minutes discuss.

Two sources: the gazetteer (canonical names and aliases such as "One
Government Estate" for One Public Estate) and a pattern for names no
gazetteer knows: a run of capitalised words ending in a programme word
("the Joint Core Strategy", "a Stalking Clinic", "BUSINESS RATES RETENTION
PILOT"). The pattern leaves out what only looks like a programme: bodies
("... Programme Board"), generic documents ("work programme", "action plan"),
kinds of case review ("Rapid Review", "Serious Case Review") and anything in
lower case.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from kg.gazetteer import Entry, Gazetteer
from kg.names import fold
from kg.parse.scan import caps_runs, cased_positions, indexed, letter_mask, positions
from kg.parse.sentences import lowered

HEADS = {
    "Programme", "Program", "Plan", "Strategy", "Pilot", "Review", "Initiative", "Clinic", "Conversation",
    "Challenge", "Scheme", "Project", "Fund", "Programmes", "Plans", "Strategies", "Framework", "Protocol", "Campaign",
}
# Printed in lower case, these still end a name when two capitalised words or more
# lead to them: "the Family Hubs programme", "the Safer Roads scheme".
LOWER_HEADS = {"programme", "program", "scheme", "campaign", "initiative"}
_LOWER_ENDS = tuple(LOWER_HEADS)
_HEAD_WORDS = tuple(sorted({h.lower() for h in HEADS}))
# The last word of a run before a lower-case head that makes it an organisation's
# programme, not a named one: "the County Council programme".
_BODY_WORDS = {
    "council", "authority", "partnership", "board", "trust", "government", "service", "services", "commissioner",
    "police", "constabulary", "nhs", "icb", "committee", "cabinet", "department", "office", "team", "group",
    "executive", "panel", "forum", "agency", "network", "alliance", "hospital", "university", "college",
}
# The word after a lower-case head that makes the phrase something else: "the Family Hubs programme board".
_AFTER_LOWER_HEAD = {"board", "team", "manager", "management", "lead", "leads", "office", "officer", "group", "budget"}
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_CONNECTORS = {"and", "of", "for", "to", "&", "in", "on", "with"}
_LEADING_DROP = {
    "the", "a", "an", "new", "draft", "proposed", "revised", "updated", "emerging", "current", "our", "this",
    "that", "its", "their", "his", "her", "latest", "final", "any", "all", "each", "every", "national", "local's",
}
# A word before the head that makes the phrase a kind of document, not a named one:
# always ("Terms of Reference and Work Programme"), or when the phrase is only
# that word and the head ("Improvement Plan", but "Early Help Improvement Plan").
_GENERIC_ALWAYS = {"events", "meeting", "meetings", "agenda"}
_GENERIC_PLAN = {"work", "forward"}  # before "Programme"/"Plan" only: "Cycle to Work Scheme"
_GENERIC_SHORT = {
    "action", "business", "delivery", "project", "implementation", "annual", "budget", "communications", "training", "recovery",
    "improvement", "financial", "capital", "spending", "savings", "transition", "exit", "risk", "audit",
    "staffing", "workforce", "operational", "team", "service", "development", "strategic", "corporate", "assurance",
    "recruitment", "media", "marketing",
}
_ACCOUNTS = {"general", "pension", "pensions", "reserve", "reserves", "contingency", "insurance", "trust", "revenue"}
_GENERIC_REVIEW = {
    "case", "practice", "rapid", "peer", "death", "homicide", "learning", "report", "internal", "serious",
    "thematic", "independent", "performance", "annual", "management", "safeguarding", "progress", "policy",
    "adults", "adult", "children", "child", "domestic", "mortality",
}
_YEARS_AFTER = re.compile(r"[ \t]+(?:19|20)\d\d(?:[/–—-]\d{2,4})?\b")  # "2023–2027", "2024/25"
_ACRONYM = re.compile(r"\b[A-Z]{2,}\b")
_TOKEN = re.compile(r"[\w'’&.-]+")
# What may lie between two words of one name: spaces (after a comma or a colon too: "Police,
# Fire and Crime Plan", "Warm Homes: Social Housing Fund"), or a line break where a name wraps.
_JOIN = re.compile(r"[,:]? +| *\n[ ]*")
_CODE = re.compile(r".*\d.*\.|.*\..*\d")  # "OSC.23", "4.2": a reference, not a word of a name
_OPERATION = re.compile(r"Op(?:eration|\.)? +([A-Z][a-z]+(?: +[A-Z][a-z]+)?)\b")  # police operations: "Op Nightjar"
_IN_BLOOM = re.compile(r"\b(?:[A-Z][\w'’-]+ +(?:of +)?){1,3}in Bloom\b")  # the RHS campaign: "Ashcombe in Bloom"
_NEXT_WORD = re.compile(r"[ \t]+([A-Z][a-z]+)")
_NEXT_LOWER = re.compile(r"[ \t]+([a-z]+)")
_SENTENCE_END = set(".:;!?")
_INITIAL_OR_ST = re.compile(r"(?:St|[A-Z])\.")
_MAX_WORDS = 8


@dataclass(frozen=True)
class ProgrammeHit:
    name: str  # canonical
    surface: str  # as printed
    start: int
    end: int


class ProgrammeFinder:
    """Finds programme names in lines of one document."""

    def __init__(self, gaz: Gazetteer, acronyms: set[str] | Callable[[], set[str]] | None = None):
        """``acronyms`` (or a function computing them when first needed) stay upper case in headings."""
        self.gaz = gaz
        self._acronyms = acronyms if acronyms is not None else set()
        self._exact, self._folded = _gazetteer_patterns(gaz)
        self._last: _Scan | None = None

    @property
    def acronyms(self) -> set[str]:
        if callable(self._acronyms):
            self._acronyms = self._acronyms()
        return self._acronyms

    def find(self, text: str, start: int, end: int, skip_line=None) -> list[ProgrammeHit]:
        """Programmes named in ``text[start:end]`` (one line or many), gazetteer hits first.

        ``skip_line(line)`` may veto whole lines (a budget table's funding rows).
        The whole of ``text`` is scanned once, on the first call for it; later
        calls for other ranges of the same text only pick their share.
        """
        scan = self._scan(text)
        lo, hi = bisect_left(scan.gaz_starts, start), bisect_left(scan.gaz_starts, end)
        hits = [h for h in scan.gaz_hits[lo:hi] if h.end <= end]
        taken = [(h.start, h.end) for h in hits]
        lo, hi = bisect_left(scan.head_starts, start), bisect_left(scan.head_starts, end)
        for hs, he in scan.heads[lo:hi]:
            if he > end:
                continue
            line_start = max(start, text.rfind("\n", start, hs) + 1)
            line_end = text.find("\n", he, end)
            line_end = end if line_end < 0 else line_end
            if skip_line and skip_line(text[line_start:line_end]):
                continue
            view = self._view(scan, text, line_start, line_end)
            phrase = _phrase_before(view, hs - line_start, he - line_start)
            if _starts_line(view, phrase, hs - line_start) and line_start - 2 > start:
                # a name wrapped from the line above: "... on the Family Hubs and Start for" / "Life Programme"
                above = text.rfind("\n", start, line_start - 1) + 1
                if text[line_start - 2] not in _SENTENCE_END:
                    both = self._view(scan, text, above, line_end)
                    wrapped = _phrase_before(both, hs - above, he - above)
                    if wrapped and above + wrapped[0] < line_start:
                        view, line_start, phrase = both, above, wrapped
            if not phrase:
                continue
            s, e = line_start + phrase[0], line_start + phrase[1]
            if any(s < te and ts < e for ts, te in taken):
                continue
            surface = " ".join(view[phrase[0] : phrase[1]].split())
            entry = self.gaz.programme(surface) or self._without_head(surface)
            if entry is None and surface.endswith(_LOWER_ENDS) and self.gaz.org(surface.rsplit(" ", 1)[0]):
                continue  # "the NHS England programme": an organisation's
            hits.append(ProgrammeHit(entry.label if entry else surface, text[s:e], s, e))
            taken.append((s, e))
        for hit in scan.named:
            if start <= hit.start and hit.end <= end and not any(hit.start < te and ts < hit.end for ts, te in taken):
                hits.append(hit)
                taken.append((hit.start, hit.end))
        if skip_line:
            hits = [h for h in hits if not skip_line(_line_at(text, h.start))]
        hits.sort(key=lambda h: h.start)
        return hits

    def _view(self, scan: _Scan, text: str, a: int, b: int) -> str:
        """``text[a:b]``, in title case if it is set in capitals (cached per document)."""
        view = scan.views.get((a, b))
        if view is None:
            line = text[a:b]
            view = scan.views[(a, b)] = _title_case(line, self.acronyms) if _is_caps(text, a, b) else line
        return view

    def _without_head(self, name: str) -> Entry | None:
        """The gazetteer's entry for "the X Programme" when it knows X."""
        rest, _, head = name.rpartition(" ")
        return self.gaz.programme(rest) if rest and head.lower() in ("programme", "program") else None

    def _scan(self, text: str) -> _Scan:
        if self._last is not None and self._last.text is text:
            return self._last
        low = lowered(text) or _lower(text)  # the act finders have lower-cased this text already
        heads = _head_words(low, text)
        gaz_hits = self._gazetteer(text, low)
        self._last = _Scan(text, gaz_hits, [h.start for h in gaz_hits], heads, [h[0] for h in heads], {},
                           _named(text))
        return self._last

    def _gazetteer(self, text: str, low: str) -> list[ProgrammeHit]:
        out: list[ProgrammeHit] = []
        # Spans taken so far, disjoint and sorted (so their ends are sorted too): an overlap test
        # is one bisection; scanning them all was quadratic in a document naming thousands.
        starts: list[int] = []
        ends: list[int] = []
        matches = [*_word_matches(self._exact, text), *_word_matches(self._folded, low, in_lower=True)]
        for a, b in matches:
            i = bisect_left(starts, b)
            if i and ends[i - 1] > a:
                continue
            entry = self.gaz.programme(text[a:b])
            if entry:
                out.append(ProgrammeHit(entry.label, text[a:b], a, b))
                at = bisect_left(starts, a)
                starts.insert(at, a)
                ends.insert(at, b)
        out.sort(key=lambda h: h.start)
        return out


@dataclass
class _Scan:
    """One document scanned once: gazetteer hits and programme head words, in order."""

    text: str
    gaz_hits: list[ProgrammeHit]
    gaz_starts: list[int]
    heads: list[tuple[int, int]]
    head_starts: list[int]
    views: dict[tuple[int, int], str]
    named: list[ProgrammeHit]  # names led by their kind ("Operation Encompass", "Ashcombe in Bloom")


def _named(text: str) -> list[ProgrammeHit]:
    """Police operations and "in Bloom" campaigns, looked for only where "Op" or "in Bloom" is printed.

    A pattern run over the whole document, even once, cost more than the rest of this finder.
    """
    out = []
    for a in _occurrences(text, "Op"):
        m = _OPERATION.match(text, a)
        if m and _word_start(text, a):
            name = "Operation " + " ".join(m.group(1).split())
            out.append(ProgrammeHit(name, m.group(0), a, m.end()))
    for b in _occurrences(text, " in Bloom"):
        m = _IN_BLOOM.search(text, max(0, b - 80), b + 9)
        if m:
            out.append(ProgrammeHit(" ".join(m.group(0).split()), m.group(0), m.start(), m.end()))
    return out


def _occurrences(text: str, needle: str) -> Iterator[int]:
    i = text.find(needle)
    while i >= 0:
        yield i
        i = text.find(needle, i + 1)


def _head_words(low: str, text: str) -> list[tuple[int, int]]:
    """(start, end) of every whole word of ``low`` that is a programme head word printed with a capital, in order.

    The stems ("program" finds "Programme" and "Programmes" too) are read from
    the shared index of the lower-cased text: a regex alternation is tried at
    almost every position, which cost more than all the rest. An occurrence
    inside another cannot start a word, so all are read. A head in lower case in
    ``text`` can never end a name (title-casing a heading keeps each word's first
    letter), so it is not returned, but for the few of ``LOWER_HEADS``.
    """
    out = []
    n = len(low)
    for stem, words in _HEAD_STEMS:
        for i in positions(low, (stem,), shared=True):
            if i == 0 or not (low[i - 1].isalnum() or low[i - 1] == "_"):
                upper = text[i].isupper()
                for word in words:
                    j = i + len(word)
                    if (upper or word in LOWER_HEADS) and low.startswith(word, i) \
                            and (j == n or not (low[j].isalnum() or low[j] == "_")):
                        out.append((i, j))
    out.sort()
    return out


def _stems(words: tuple[str, ...]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The head words grouped under the shortest of them that begins them ("program": program, programme ...)."""
    stems: dict[str, list[str]] = {}
    for w in sorted(words, key=len):
        stem = next((s for s in stems if w.startswith(s)), w)
        stems.setdefault(stem, []).append(w)
    return tuple((s, tuple(ws)) for s, ws in stems.items())


_HEAD_STEMS = _stems(_HEAD_WORDS)
indexed(tuple(stem for stem, _words in _HEAD_STEMS))


def _word_start(text: str, i: int) -> bool:
    if i == 0:
        return True
    c = text[i - 1]
    return not (c.isalnum() or c == "_")


@dataclass(frozen=True)
class _Labels:
    """Gazetteer labels compiled to one pattern, with the first two words of each label.

    Every match begins with one of ``prefixes``, so ``str.find`` on those few phrases
    finds the only places worth trying the pattern: letting the regex engine try
    every position of a lower-cased document cost more than the rest of the finder.
    Prefixes opening with two ASCII capitals ("BCF", "OPE") are looked for only
    where a run of capitals starts, as a word of them must: a ``str.find`` for
    three letters costs more than the byte scan that finds those runs.
    """

    rx: re.Pattern
    prefixes: tuple[str, ...]  # found with ``str.find`` (or the shared index)
    caps_led: tuple[str, ...] = ()  # found at the starts of runs of capitals

    @classmethod
    def of(cls, rx: re.Pattern, prefixes: set[str]) -> _Labels:
        caps_led = {p for p in prefixes if _CAPS_PAIR.match(p)}
        return cls(rx, tuple(sorted(prefixes - caps_led)), tuple(sorted(caps_led)))

    def word_starts(self, text: str, in_lower: bool) -> list[int]:
        """The offsets where a word of ``text`` starts with one of the prefixes, in order.

        Prefixes of labels matched as printed are read from the index of the
        lower-cased text too (declared by ``_gazetteer_patterns``), then kept
        where printed in their case: a ``str.find`` over the text for each cost more.
        """
        if in_lower:
            found = set(positions(text, self.prefixes, shared=True))
        else:
            found = set(cased_positions(text, lowered(text), self.prefixes))
        if self.caps_led:  # where a run of capitals starts
            found.update(a for a in cased_positions(text, lowered(text), self.caps_led) if not _caps_before(text, a))
        return [a for a in sorted(found) if _word_start(text, a)]


def _caps_before(text: str, i: int) -> bool:
    """Whether an ASCII capital precedes offset ``i`` (then no run of capitals starts there)."""
    return i > 0 and "A" <= text[i - 1] <= "Z"


_CAPS_PAIR = re.compile(r"[A-Z]{2}")


def _word_matches(labels: _Labels | None, text: str, *, in_lower: bool = False) -> list[tuple[int, int]]:
    """Non-overlapping matches of the labels that start a word, leftmost first.

    ``in_lower``: ``text`` is the lower-cased document, whose shared index holds the prefixes.

    The word-start test is done here rather than as a look-behind in the pattern;
    a match that does not start a word consumes nothing, so only word starts count.
    """
    out: list[tuple[int, int]] = []
    if labels is None:
        return out
    pos = 0
    match = labels.rx.match
    for a in labels.word_starts(text, in_lower):
        if a < pos:
            continue
        m = match(text, a)
        if m:
            out.append((a, m.end()))
            pos = m.end()
    return out


_CACHE: dict[int, tuple[Gazetteer, _Labels | None, _Labels | None]] = {}


def _gazetteer_patterns(gaz: Gazetteer) -> tuple[_Labels | None, _Labels | None]:
    """Short or single-word labels match as printed ("OPE", "Prevent"); longer ones in any case."""
    cached = _CACHE.get(id(gaz))
    if cached and cached[0] is gaz:
        return cached[1], cached[2]
    exact, folded = set(), set()
    for e in gaz.programmes:
        for label in [e.label, *e.alt]:
            if len(label.split()) >= 2 and not label.isupper():
                folded.add(label)
            else:
                exact.add(label)

    def compile_(labels: set[str]) -> _Labels | None:
        if not labels:
            return None
        rx = re.compile(r"(?:" + _trie_pattern(labels) + r")(?![\w])")
        return _Labels.of(rx, {" ".join(label.split(" ", 2)[:2]) or label[:1] for label in labels})

    pats = (compile_(exact), compile_({_lower(x) for x in folded}))
    if pats[0]:  # looked for as printed where the lower-cased text has them
        indexed(tuple(p.lower() for p in (*pats[0].prefixes, *pats[0].caps_led) if p.isascii()))
    if pats[1]:
        indexed(pats[1].prefixes)  # looked for in the lower-cased text, with the act finders' words
    _CACHE[id(gaz)] = (gaz, *pats)
    return pats


def _lower(text: str) -> str:
    """Lower case with the same length, so offsets carry over (rare letters change length)."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_ASCII_LOWER)


def _trie_pattern(words: set[str]) -> str:
    """One alternation with shared prefixes factored out, so matching costs little per position."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if ends else body

    return emit(trie)


def _is_caps(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is set in capitals: four ASCII capitals or more, under one small letter in nine.

    Counted on the document's letter mask (shared, cached) rather than on a fresh copy of each line.
    """
    mask = letter_mask(text)
    upper = mask.count(b"A", start, end)
    return upper >= 4 and mask.count(b"a", start, end) * 9 < upper


def _title_case(line: str, acronyms: set[str]) -> str:
    """An upper-case heading in title case, same length: "KPMG REVIEW" -> "KPMG Review"."""

    def word(m: re.Match) -> str:
        w = m.group(0)
        if w in acronyms or not re.search(r"[AEIOUY]", w):
            return w
        low = w.lower()
        return low if low in _CONNECTORS or low == "the" else w[0] + w[1:].lower()

    return re.sub(r"[A-Za-z'’]+", word, line)


def _line_at(text: str, pos: int) -> str:
    a = text.rfind("\n", 0, pos) + 1
    b = text.find("\n", pos)
    return text[a : len(text) if b < 0 else b]


def _is_cap_word(w: str) -> bool:
    return bool(w) and (w[0].isupper() or (w[0].isdigit() and len(w) == 4))


def _starts_line(view: str, phrase: tuple[int, int] | None, head_start: int) -> bool:
    """Whether the name found (or the head word, when none was) begins its line."""
    first = len(view) - len(view.lstrip())
    return (phrase[0] if phrase else head_start) == first


def _phrase_before(view: str, head_start: int, head_end: int) -> tuple[int, int] | None:
    """Offsets of the capitalised run that ends at the head word, or None when it is not a name."""
    head = view[head_start:head_end]
    lower = head not in HEADS
    if lower and head not in LOWER_HEADS:
        return None  # "plan" in lower case
    if lower:  # most lower-case heads follow a lower-case word: "the work programme"
        j = view.rfind(" ", 0, head_start - 1) + 1
        if view[head_start - 1 : head_start] != " " or not view[j : j + 1].isupper():
            return None
    after = view[head_end:]
    nxt = _NEXT_WORD.match(after)
    if nxt and not re.match(r"[ \t]+(?:The|This|It|He|She|They)\b", after):
        # "... Programme Board" is a body; "Local Plan Review": the later head takes the whole name
        return None
    if lower and (m := _NEXT_LOWER.match(after)) and m.group(1) in _AFTER_LOWER_HEAD:
        return None  # "the Family Hubs programme board"
    words = _capitalised_run(view, head_start)
    while words and (words[0][1].lower() in _LEADING_DROP or words[0][1].lower() in _CONNECTORS):
        words.pop(0)
    if not words:
        return None
    before = words[-1][1].lower().strip(".")
    head = view[head_start:head_end]
    if before in _GENERIC_ALWAYS or (head == "Review" and before in _GENERIC_REVIEW):
        return None
    if before in _GENERIC_PLAN and head.rstrip("s") in {"Programme", "Program", "Plan"}:
        return None
    if before in _ACCOUNTS and head == "Fund":
        return None  # "the General Fund", "the Pension Fund": accounts, not programmes
    if len(words) == 1 and before in _GENERIC_SHORT and not _YEARS_AFTER.match(after):
        return None  # "the Workforce Plan", but "the Workforce Plan 2023–2027" is one plan
    if lower and (len(words) < 2 or before in _BODY_WORDS or before in _GENERIC_SHORT
                  or before.endswith(("'s", "’s", "s'", "s’")) or all(w.isupper() for _, w in words)):
        return None  # "the Gloucestershire programme", "the County Council programme", "the Council's programme"
    return words[0][0], head_end


def _capitalised_run(view: str, head_start: int) -> list[tuple[int, str]]:
    """(offset, word) of the capitalised words that end just before ``head_start``, in order.

    Words are read back from the head through a window of 120 characters whose
    first word may be cut. A window of 40 is tried first and gives the same
    answer whenever reading stopped before its first word: the words read, and
    the one before each, are then the same in both (most names are short).
    """
    for reach in (40, 120):
        window_start = max(0, head_start - reach)
        tokens = [(m.start(), m.group(0)) for m in _TOKEN.finditer(view, window_start, head_start)]
        if window_start > 0 and tokens:
            tokens = tokens[1:]  # the first token of the window may be cut
        words, earliest = _read_back(tokens, view, head_start)
        if earliest >= 1 or window_start == 0 or reach == 120:
            return words
    raise AssertionError("unreachable")


def _read_back(tokens: list[tuple[int, str]], view: str, head_start: int) -> tuple[list[tuple[int, str]], int]:
    """The capitalised run at the end of ``tokens`` and the index of the earliest token read (0 when none).

    The run stops where the words are parted by anything but spaces or one line
    break ("Police Scotland – Local Policing Plan", a tab between cells), at a
    reference ("OSC.23"), and before "and" after another name ("Local Growth Fund
    and Getting Building Fund" are two).
    """
    words: list[tuple[int, str]] = []
    k = len(tokens) - 1
    earliest = 0
    while k >= 0 and len(words) < _MAX_WORDS:
        earliest = k
        pos, w = tokens[k]
        if w.endswith(".") and not _INITIAL_OR_ST.fullmatch(w):
            break  # the previous sentence ends here
        if w[-1] in "'’" and w[-2:-1] != "s":
            break  # a quotation closes ("'Our Place, Our Say' Fund"): its words are not read as a name
        gap_start, gap_end = pos + len(w), words[-1][0] if words else head_start
        if (gap_end - gap_start != 1 or view[gap_start] != " ") and not _JOIN.fullmatch(view, gap_start, gap_end):
            break
        if "." in w and _CODE.match(w):
            break
        # a connector ("and", "of") only joins two capitalised words: "Police and Crime Plan"
        joins = (w.lower() in _CONNECTORS and k > 0 and words and words[-1][1][0].isalpha()
                 and tokens[k - 1][1][0].isupper() and tokens[k - 1][1] not in HEADS)
        if not (_is_cap_word(w) or joins):
            break
        words.append((pos, w))
        k -= 1
    words.reverse()
    return words, earliest


def acronyms_in(text: str) -> set[str]:
    """Upper-case words used in mixed-case lines: kept as printed when title-casing headings."""
    out: set[str] = set()
    caps_lines: dict[int, bool] = {}
    for a, b in _acronyms(text):
        line = text.rfind("\n", 0, a) + 1
        if line not in caps_lines:
            end = text.find("\n", b)
            caps_lines[line] = _is_caps(text, line, len(text) if end < 0 else end)
        if not caps_lines[line]:
            out.add(text[a:b])
    return out


def _acronyms(text: str) -> Iterator[tuple[int, int]]:
    """The spans ``_ACRONYM.finditer(text)`` finds: the runs of capitals with no word character either side.

    The runs come from a byte scan (``caps_runs``): a pattern tried over a whole
    document costs far more, even one that opens with a character class.
    """
    n = len(text)
    for a, b in caps_runs(text):
        if (a == 0 or not _is_word_char(text[a - 1])) and (b == n or not _is_word_char(text[b])):
            yield a, b


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def same_programme(a: str, b: str) -> bool:
    return fold(a) == fold(b)
