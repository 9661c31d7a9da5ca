"""Who a reference in the minutes means: "SB", "Mike", "Tanya Richards", "ACC Julian Moss".

Actions and presentations name people the way minute takers write them:
initials in an action column, a first name alone, a typo, an honorific. The
attendance lists say who was there, so a reference resolves to the attendee it
can only mean; when several attendees fit, nothing is guessed. A full name that
matches no attendee (someone who has left, a guest) is kept as printed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

from rapidfuzz import fuzz

from kg.names import SHORT_FORMS, fold, initials, person_key, split_name
from kg.parse.people import is_orgish, is_roleish
from kg.records import Person
from kg.resources import ontology_dir

# "Hawthorne", "McCallum", "O'Neill", "Mary-Jane": one character class, so matching stays linear.
_NAME_WORD = re.compile(r"[A-Z][A-Za-z'’]{0,30}[a-z](?:-[A-Z][A-Za-z'’]{0,30}[a-z])?")
_SPLIT = re.compile(r"\s*(?:,|;|&|/|\band\b|\bplus\b)\s*")
_NOTE = re.compile(r"\([^)]*\)|[*_]")


@lru_cache(maxsize=1)
def known_first_names() -> frozenset[str]:
    """First names from ``ontology/first-names.txt`` (folded); empty when the list is absent."""
    try:
        path = ontology_dir() / "first-names.txt"
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, FileNotFoundError):
        return frozenset()
    return frozenset(fold(x) for x in lines if x.strip() and not x.startswith("#"))


def looks_like_name(text: str) -> bool:
    """Whether ``text`` (honorific already removed) reads as a person's full name."""
    words = text.split()
    if not 2 <= len(words) <= 4 or not all(_NAME_WORD.fullmatch(w) for w in words):
        return False
    names = known_first_names()
    return not names or fold(words[0]) in names or SHORT_FORMS.get(fold(words[0]), "") in names


# A post named instead of a person: "Clerk to write to ...", "the Chair will ..."
_ROLE_REFS = {
    "clerk": "minute-taker", "minute taker": "minute-taker", "minute-taker": "minute-taker", "secretary": "minute-taker",
    "chair": "chair", "chairman": "chair", "chairwoman": "chair", "chairperson": "chair",
    "vice-chair": "vice-chair", "vice chair": "vice-chair", "vice-chairman": "vice-chair",
}
_person_key = lru_cache(maxsize=4096)(person_key)
_split_name = lru_cache(maxsize=4096)(split_name)
_initials = lru_cache(maxsize=4096)(initials)


class PersonResolver:
    """Resolves references to the attendees of one meeting."""

    def __init__(self, people: list[Person]):
        self.people = [p for p in people if p.name]
        self._by_key: dict[str, Person] = {}
        self._by_initials: dict[str, list[Person]] = defaultdict(list)
        self._by_first: dict[str, list[Person]] = defaultdict(list)
        self._by_family: dict[str, list[Person]] = defaultdict(list)
        # What each reference was found to mean: the acts ask about the same names again and again.
        self._attendees: dict[str, Person | None] = {}
        self._resolved: dict[str, str | None] = {}
        for p in self.people:
            key = _person_key(p.name)
            if key in self._by_key:
                continue
            self._by_key[key] = p
            words = key.split()
            self._by_initials[_initials(p.name)].append(p)
            if words:
                self._by_first[words[0]].append(p)
                self._by_family[words[-1]].append(p)

    def initials(self, token: str) -> Person | None:
        """The one attendee whose initials are ``token`` ("SB")."""
        hits = self._by_initials.get(token.upper().replace("-", ""), [])  # "RO-B": Osei-Bonsu's two
        return hits[0] if len(hits) == 1 else None

    def attendee(self, ref: str) -> Person | None:
        """The attendee ``ref`` can only mean, or None."""
        if ref not in self._attendees:
            self._attendees[ref] = self._attendee(ref)
        return self._attendees[ref]

    def _attendee(self, ref: str) -> Person | None:
        name = _split_name(_NOTE.sub(" ", ref)).name.strip(" .,;:-–")
        if not name:
            return None
        key = _person_key(name)
        if key in self._by_key:
            return self._by_key[key]
        words = key.split()
        role = _ROLE_REFS.get(re.sub(r"^the\s+", "", name.casefold()))
        if role == "minute-taker":  # "the Clerk" is whoever holds the post, before whoever took the minutes
            return self.by_post(name) or self.by_role(role)
        if role:
            return self.by_role(role) or self.by_post(name)
        if is_roleish(name):
            return self.by_post(name)
        if len(words) == 1:
            if re.fullmatch(r"[A-Z]{2,4}|[A-Z]{1,3}-[A-Z]{1,2}", name):
                return self.initials(name)
            for index in (self._by_first, self._by_family):
                hits = index.get(words[0], [])
                if len(hits) == 1:
                    return hits[0]
            return None
        if not words:
            return None
        if len(words) == 2 and len(words[0].rstrip(".")) == 1:  # "G. Lloyd-Jones": an initial and the family name
            hits = [p for p in self._by_family.get(words[1], []) if _person_key(p.name)[:1] == words[0][0]]
            if len(hits) == 1:
                return hits[0]
        # A typo in the family name ("Tanya Richards" for "Tanya Richardson").
        same_first = [
            p for p in self._by_first.get(words[0], [])
            if fuzz.ratio(p_key_family(p), words[-1], score_cutoff=80) >= 80
        ]
        if len(same_first) == 1:
            return same_first[0]
        # the cut-off lets rapidfuzz give up early on names far apart (it then scores 0)
        close = [p for p in self.people if fuzz.ratio(_person_key(p.name), key, score_cutoff=92) >= 92]
        return close[0] if len(close) == 1 else None

    def by_role(self, capacity: str) -> Person | None:
        """The one attendee who is the chair / the clerk ("Clerk to obtain a quotation")."""
        hits = [p for p in self.people if p.capacity == capacity or (p.role or "").casefold().startswith(capacity)]
        if capacity == "chair":
            hits = [p for p in hits if not (p.role or "").casefold().startswith(("vice", "deputy"))]
        return hits[0] if len(hits) == 1 else None

    def by_post(self, ref: str) -> Person | None:
        """The one attendee holding the post ``ref`` names: "Chief Nurse", "the Clerk" (the "Town Clerk")."""
        want = re.sub(r"^the\s+", "", " ".join(ref.casefold().split()))
        if want in _BODIES:
            return None  # "The Executive approved ...": the meeting's body, not its Chief Executive
        # a post held as a title counts ("Police and Crime Commissioner Jonathan Reeve": "the Commissioner"),
        # also without the place it is of ("the Commissioner" is the "Police and Crime Commissioner for Eastmarch")
        posts = [(p, {post, _OF_PLACE.sub("", post)}) for p in self.people if p.role or p.honorific
                 for post in (_post(p.role or p.honorific),)]
        hits = [p for p, forms in posts if want in forms]
        if not hits:  # the post's last or first words: "Clerk" for the "Town Clerk" or the "Clerk & RFO",
            # not for the "Deputy Clerk"
            hits = [p for p, forms in posts if any((post.endswith(" " + want) or post.startswith(
                (want + " & ", want + " and ", want + ", "))) and not post.startswith(_UNDER) for post in forms)]
        return hits[0] if len(hits) == 1 else None

    def resolve(self, ref: str) -> str | None:
        """Attendee name for ``ref``; the printed name when it is a name but no attendee; else None."""
        if ref not in self._resolved:
            self._resolved[ref] = self._resolve(ref)
        return self._resolved[ref]

    def _resolve(self, ref: str) -> str | None:
        hit = self.attendee(ref)
        if hit:
            return hit.name
        name = _split_name(_NOTE.sub(" ", ref)).name.strip(" .,;:-–")
        return name if looks_like_name(name) else None

    def names(self, phrase: str) -> list[str] | None:
        """People in a list such as "A, B and C"; None when any part is not a person."""
        whole = self.by_post(phrase) if " and " in phrase and is_roleish(phrase) else None
        if whole:  # one post: "Director of Performance and Delivery"
            return [whole.name]
        agency, slash, rest = phrase.partition("/")
        if slash and rest.strip() and is_orgish(agency.strip()) and self.attendee(agency.strip()) is None:
            return self.names(rest)  # "ICB / Karen Lightfoot": the agency, then who in it
        out: list[str] = []
        for part in _SPLIT.split(" ".join(_NOTE.sub(" ", phrase).split())):
            part = part.strip(" .,;:-–")
            if not part:
                continue
            who = self.resolve(part)
            if who is None:
                return None
            if who not in out:
                out.append(who)
        return out or None

    def owners(self, cell: str) -> list[str] | None:
        """Who an owner cell or note names: initials ("RW/NR") or names ("Nicola Brennan / Carol Venn")."""
        return self.column_owners(cell) or self.names(cell)

    def column_owners(self, token: str) -> list[str] | None:
        """Owners of an action-column cell of initials ("RW/NR/SB"), or None if any is unknown."""
        out = []
        for part in re.split(r"\s*[/,&]\s*|\s+and\s+", token.strip()):
            hit = self.initials(part)
            if not hit:
                return None
            if hit.name not in out:
                out.append(hit.name)
        return out or None

    def is_chair(self, name: str) -> bool:
        p = self.attendee(name)
        if not p:
            return False
        role = (p.role or "").casefold()
        return p.capacity == "chair" or role.startswith(("chair", "chairman", "chairperson")) or role == "leader"


_UNDER = ("deputy", "assistant", "vice", "acting", "interim", "associate")
_BODIES = frozenset({"executive", "board", "committee", "cabinet", "panel", "partnership", "group", "council", "forum"})
_OF_PLACE = re.compile(r"\s+(?:for|of)\s+(?!the\b)[\w'’-]+(?:\s+(?:and\s+)?[\w'’-]+)?$")  # "... for eastmarch"


@lru_cache(maxsize=4096)
def _post(role: str) -> str:
    """A role as a post to look up: lower case, without notes ("Chief Nurse (item 4 only)" -> "chief nurse")."""
    return " ".join(re.sub(r"\([^()]*\)", " ", role).casefold().split())


def p_key_family(p: Person) -> str:
    words = _person_key(p.name).split()
    return words[-1] if words else ""
