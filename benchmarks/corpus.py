"""Synthetic minutes of partnership meetings, with the answers, for measuring at scale.

    python benchmarks/corpus.py --docs 1000 --seed 1 --out DIR

writes ``DIR/minutes/<stem>.{txt,md,html,docx}``, ``DIR/gold/<stem>.json`` (the
extraction record each document states, in the shape of ``gold/SCHEMA.md``) and
``DIR/manifest.json``. The same seed and size give byte-identical files.

Why: five seed files cannot show how a build behaves on years of minutes from
many bodies, and hand-checked answers do not scale. A generator that knows what
it wrote gives both a corpus to time and a parser test set to score
(``python3 ../shared/score.py OUT.json DIR/gold``).

The world is simulated, then printed: fictional counties with councils,
police, NHS and other agencies; bodies (partnership boards, cabinets,
committees, safeguarding and community safety partnerships) with seats whose
holders join, move organisation and leave over the years; meetings with
apologies, deputies, decisions with money and actions carried forward. Each
body keeps a house style (how it prints attendance, numbers items, records
decisions and actions), drawn from the layout families real minutes use, and
the text carries the noise of real conversions.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import io
import json
import random
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

# ----------------------------------------------------------------------------- vocabulary

FIRST_NAMES = [
    "Mark", "Peter", "Pete", "Jane", "David", "Dave", "Susan", "Sue", "Christopher", "Chris", "Andrew",
    "Andy", "Michael", "Mike", "Stephen", "Steve", "Rosa", "Colin", "Ann", "Nicola", "Elaine", "Richard",
    "Sarah", "Helen", "Fiona", "Gareth", "Owen", "Priya", "Amrit", "Tariq", "Yasmin", "Joanne", "Jo",
    "Katherine", "Kate", "Timothy", "Tim", "Robert", "Rob", "James", "Julian", "Diane", "Martin", "Paul",
    "Rachel", "Simon", "Alison", "Laurence", "Neil", "Gillian", "Hannah", "Bethan", "Ruth", "Graham",
    "Ian", "Karen", "Lesley", "Margaret", "Thomas", "Philip", "Anthony", "Samuel", "Claire", "Emma",
    "Louise", "Shona", "Aled", "Declan", "Imran", "Grace", "Victoria", "Rebecca", "Duncan", "Hugh",
]
SURNAMES = [
    "Hawthorne", "Bungard", "Burns", "Lydon", "Hagg", "Baumber", "Pettigrew", "Waddingham", "Fisher",
    "Ryan", "Gowan", "Moss", "Atkinson", "Harper", "Marston", "Savory", "Owen", "Jordan", "Gore", "Dawson",
    "Ashdown", "Bramwell", "Carrow", "Delaney", "Ellery", "Fairbairn", "Goodall", "Hollins", "Ingram",
    "Jessop", "Kirkwood", "Lovell", "Maddox", "Northcott", "Oakley", "Prentice", "Quayle", "Rowntree",
    "Sandler", "Thackeray", "Underhill", "Varley", "Whitlock", "Yardley", "Ahmed", "Begum", "Chowdhury",
    "Desai", "Evans", "Fletcher", "Griffiths", "Hughes", "Iqbal", "Jenkins", "Khan", "Lloyd", "Morgan",
    "Nolan", "O'Brien", "Patel", "Quinn", "Roberts", "Singh", "Turner", "Upton", "Vaughan", "Walsh",
    "McAllister", "McKenna", "Ogunleye", "Okafor", "Brennan", "Crossley", "Dunmore", "Farrant", "Greaves",
    "Holroyd", "Kavanagh", "Lister", "Mortimer", "Pickering", "Radcliffe", "Seddon", "Tranter", "Wragg",
    "Ashworth", "Blackburn", "Coulson", "Drinkwater", "Entwistle", "Fothergill", "Gledhill", "Hepworth",
]
PLACE_HEADS = [
    "Ash", "Bram", "Calder", "Dun", "Elm", "Fen", "Glen", "Hart", "Ivel", "Kes", "Lang", "Marl", "Nor",
    "Oak", "Pen", "Quen", "Ros", "Stan", "Thorn", "Ulver", "Wex", "Yar", "Bex", "Chal", "Dray", "Eden",
    "Ford", "Gar", "Hol", "Ket", "Lud", "Mel", "Ned", "Orm", "Pel", "Rad", "Sel", "Tew", "Wal", "Wyn",
]
PLACE_TAILS = ["bury", "ley", "ton", "field", "worth", "ford", "ham", "wick", "stead", "mouth", "dale", "by"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]

# Programmes the shared gazetteer knows: (canonical name, ways minutes print it).
PROGRAMMES = [
    ("One Public Estate", ["One Public Estate", "One Public Estate Programme", "OPE Programme"]),
    ("Troubled Families", ["Troubled Families Programme", "Troubled Families", "Troubled Families programme"]),
    ("Sustainability and Transformation Plan", ["Sustainability and Transformation Plan", "STP"]),
    ("Strategic Economic Plan", ["Strategic Economic Plan"]),
    ("Police and Crime Plan", ["Police and Crime Plan"]),
    ("Children's Services Improvement Plan", ["Children's Services Improvement Plan"]),
    ("Adverse Childhood Experiences (ACE) informed approach", ["ACE informed approach"]),
    ("Business Rates Retention Pilot", ["Business Rates Retention Pilot", "business rates pilot"]),
    ("Prevent", ["Prevent Strategy", "Prevent"]),
    ("Better Care Fund", ["Better Care Fund", "BCF"]),
    ("Health and Wellbeing Strategy", ["Health and Wellbeing Strategy", "Joint Health and Wellbeing Strategy"]),
    ("Vision 2050", ["Vision 2050"]),
    ("Big Conversation", ["Big Conversation"]),
    ("Pathway to Provision", ["Pathway to Provision"]),
]
# Agenda topics. Their words avoid every programme label above; "Serious Violence Duty"
# is a statutory duty the gazetteer lists as a programme, so the gold lists it where it
# is discussed (the topic stays where it was, so a seed still gives the same files).
TOPIC_PROGRAMMES = {"Serious Violence Duty"}
TOPICS = [
    "Community Safety Update", "Domestic Abuse Services", "Serious Violence Duty", "Risk Log",
    "Housing and Homelessness", "Climate Emergency Response", "Workforce Development",
    "Mental Health Crisis Care", "Child Exploitation Update", "Performance Report", "Budget Monitoring",
    "Annual Report", "Digital Inclusion", "Rural Transport", "Skills and Employment", "Youth Justice",
    "Modern Slavery", "Hate Crime", "Road Safety Partnership", "Cost of Living Support",
]
FILLER = [
    "{p} explained that demand had risen steadily over the year and that partners were under pressure.",
    "Members discussed the options set out in the report and the risks attached to each of them.",
    "{p} noted that the data for the last quarter showed an improvement on the same period a year earlier.",
    "Concerns were raised about the pace of change and the capacity of smaller organisations to contribute.",
    "{p} said that the working group would meet twice before the next meeting to refine the proposals.",
    "It was noted that a consultation would run for eight weeks and that the results would be reported back.",
    "{p} welcomed the report and thanked officers for the work that had gone into it.",
    "Answering questions, {p} confirmed that the figures included the contributions of all partners.",
    "The group considered how the work linked with the plans of the district councils.",
    "{p} highlighted the need for clear governance and for partners to share information early.",
    "There was a discussion about the role of the voluntary and community sector in delivery.",
    "{p} reported that recruitment to the two vacant posts was under way.",
]
ROLES = {
    "council": ["Leader", "Chief Executive", "Director of Finance", "Director of Public Health",
                "Director of Children's Services", "Head of Paid Service", "Deputy Leader"],
    "police": ["Chief Constable", "Assistant Chief Constable", "Head of Public Protection"],
    "pcc": ["Police and Crime Commissioner", "Chief Executive"],
    "nhs": ["Accountable Officer", "Chief Nurse", "Director of Quality and Governance"],
    "fire": ["Chief Fire Officer"],
    "lep": ["Chief Executive", "Chair"],
    "university": ["Vice-Chancellor", "Pro Vice-Chancellor"],
    "safeguarding": ["Independent Chair", "Business Manager"],
}
CABINET_PORTFOLIOS = ["Adult Social Care", "Children and Young People", "Public Health and Communities",
                      "Finance and Change", "Highways and Flood", "Economy, Skills and Growth",
                      "Environment and Planning", "Fire, Planning and Infrastructure"]
LAYOUTS_ATTENDANCE = ["table", "present_lines", "present_comma", "runs", "cabinet"]
LAYOUTS_ITEMS = ["plain", "dot", "decimal", "upper", "headed"]
LAYOUTS_DECISIONS = ["agreed_list", "resolved", "prose"]
LAYOUTS_ACTIONS = ["dash", "colon", "for", "initials"]
PAGE_HEADER = "Minutes subject to their acceptance as a correct record at the next meeting"


# ----------------------------------------------------------------------------- the world


@dataclass
class Org:
    name: str  # canonical, as the gazetteer or its generic patterns give it
    printed: list[str]  # how minutes write it (first = full name)
    kind: str


@dataclass
class Human:
    first: str
    last: str
    honorific: str | None = None  # "Cllr", "Dr"
    post: str | None = None  # "MBE"

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Post:
    """A seat that outlives its holders: (organisation, role), held in tenures of days."""

    org: Org
    role: str | None
    councillor: bool = False
    tenures: list[tuple[int, int, Human]] = field(default_factory=list)

    def holder(self, day: int) -> Human | None:
        for start, end, who in self.tenures:
            if start <= day < end:
                return who
        return None


@dataclass
class Body:
    name: str
    kind: str  # board | cabinet | committee | safeguarding | community-safety | health
    council: Org | None  # set for a council's cabinet or committee: members belong to it
    posts: list[Post]  # first post chairs
    officers: list[Post]  # in attendance, not members
    minute_taker: Human
    deputies: dict[str, Human]  # org name -> a regular deputy
    town: str
    style: dict[str, str]
    days: list[int] = field(default_factory=list)


@dataclass
class Attendee:
    who: Human
    org: Org | None
    role: str | None  # as printed at this meeting
    capacity: str = "member"


@dataclass
class ActionRec:
    owners: list[Human]
    text: str
    status: str = "open"
    carried_forward: bool = False
    age: int = 0


class Namer:
    """Unique people and places; drawing from a seeded generator keeps the corpus repeatable."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.people: set[str] = set()
        self.places: set[str] = set()

    def person(self, honorific: str | None = None) -> Human:
        for _ in range(1000):
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(SURNAMES)
            if f"{first} {last}" not in self.people:
                break
        else:
            first, last = first, f"{last}-{self.rng.choice(SURNAMES)}"
        self.people.add(f"{first} {last}")
        if honorific is None and self.rng.random() < 0.08:
            honorific = "Dr"
        post = "MBE" if self.rng.random() < 0.03 else ("OBE" if self.rng.random() < 0.02 else None)
        return Human(first, last, honorific, post)

    def place(self) -> str:
        while True:
            p = self.rng.choice(PLACE_HEADS) + self.rng.choice(PLACE_TAILS)
            if p not in self.places:
                self.places.add(p)
                return p


def county_orgs(rng: random.Random, county: str, districts: list[str]) -> dict[str, Org]:
    """The agencies of one county, each with the ways minutes print its name."""
    orgs = {"county": Org(f"{county} County Council", [f"{county} County Council", f"{county} CC"], "council")}
    for i, d in enumerate(districts):
        kind = ["District Council", "Borough Council", "City Council"][i % 3]
        abbr = {"District Council": "DC", "Borough Council": "BC"}.get(kind)
        orgs[f"district{i}"] = Org(f"{d} {kind}", [f"{d} {kind}"] + ([f"{d} {abbr}"] if abbr else []), "council")
    orgs["police"] = Org(f"{county} Constabulary", [f"{county} Constabulary"], "police")
    orgs["pcc"] = Org("Office of the Police and Crime Commissioner",
                      ["Office of the Police and Crime Commissioner", "OPCC", "PCC Office",
                       "Police and Crime Commissioner's Office"], "pcc")
    orgs["nhs"] = Org(f"NHS {county} Clinical Commissioning Group",
                      [f"NHS {county} Clinical Commissioning Group", f"NHS {county} CCG"], "nhs")
    orgs["fire"] = Org(f"{county} Fire and Rescue Service",
                       [f"{county} Fire and Rescue Service", f"{county} FRS"], "fire")
    orgs["lep"] = Org(f"{county} Local Enterprise Partnership",
                      [f"{county} Local Enterprise Partnership", f"{county} LEP"], "lep")
    orgs["university"] = Org(f"University of {county}", [f"University of {county}"], "university")
    orgs["safeguarding"] = Org(f"{county} Safeguarding Children Partnership",
                               [f"{county} Safeguarding Children Partnership"], "safeguarding")
    return orgs


def fill_posts(rng: random.Random, namer: Namer, posts: list[Post], start: int, end: int) -> None:
    """Give every post a run of holders; some leavers reappear later in another organisation."""
    movers: list[tuple[Human, str]] = []
    events = [(start - rng.randint(0, 900), i) for i in range(len(posts))]
    while events:
        events.sort()
        day, i = events.pop(0)
        post = posts[i]
        if day >= end:
            continue
        who = None
        if movers and rng.random() < 0.35:
            for k, (m, org) in enumerate(movers):
                if org != post.org.name and (m.honorific == "Cllr") == post.councillor:
                    who = movers.pop(k)[0]
                    break
        if who is None:
            who = namer.person("Cllr" if post.councillor else None)
        length = rng.randint(500, 2600)
        post.tenures.append((day, day + length, who))
        if rng.random() < 0.4:
            movers.append((who, post.org.name))
        events.append((day + length, i))


def build_world(seed: int, n_bodies: int) -> list[Body]:
    """Counties of agencies and the bodies they meet in, with holders over 2012-2024."""
    rng = random.Random(f"world:{seed}")
    namer = Namer(rng)
    start, end = dt.date(2012, 1, 1).toordinal(), dt.date(2050, 1, 1).toordinal()  # past the last meeting
    bodies: list[Body] = []
    heads = list(PLACE_HEADS)
    rng.shuffle(heads)
    while len(bodies) < n_bodies:
        n_county = len(bodies) // 6
        county = heads[n_county % len(heads)] + "shire" + ("" if n_county < len(heads) else f" {n_county // len(heads) + 1}")
        districts = [namer.place() for _ in range(rng.randint(3, 6))]
        orgs = county_orgs(rng, county, districts)
        posts: list[Post] = []

        def post(key: str, role: str | None, cllr: bool = False, _posts=posts, _orgs=orgs) -> Post:
            p = Post(_orgs[key], role, cllr)
            _posts.append(p)
            return p

        leader = post("county", "Leader", True)
        chief = post("county", "Chief Executive")
        dph = post("county", "Director of Public Health")
        dcs = post("county", "Director of Children's Services")
        district_leaders = [post(k, "Leader", True) for k in orgs if k.startswith("district")]
        district_chiefs = [post(k, "Chief Executive") for k in orgs if k.startswith("district")]
        police = post("police", "Chief Constable")
        acc = post("police", "Assistant Chief Constable")
        pcc = post("pcc", "Police and Crime Commissioner")
        pcc_ce = post("pcc", "Chief Executive")
        nhs = post("nhs", "Accountable Officer")
        nurse = post("nhs", "Chief Nurse")
        fire = post("fire", "Chief Fire Officer")
        lep = post("lep", "Chief Executive")
        uni = post("university", "Vice-Chancellor")
        sg_chair = post("safeguarding", "Independent Chair")
        cabinet = [post("county", f"Cabinet Member: {p}", True) for p in rng.sample(CABINET_PORTFOLIOS, 6)]
        committee = [post("district0", None, True) for _ in range(7)]
        officers = [post("county", r) for r in ("Head of Democratic Services", "Head of Partnerships",
                                                "Strategic Finance Manager")]
        fill_posts(rng, namer, posts, start, end)

        def body(name, kind, members, council=None, offs=(), _districts=districts) -> Body:
            deputies = {p.org.name: namer.person() for p in members if rng.random() < 0.5}
            style = {
                "attendance": rng.choice(["cabinet", "present_lines", "present_comma"] if council
                                         else ["table", "present_lines", "present_comma", "runs"]),
                "items": rng.choice(LAYOUTS_ITEMS),
                "decisions": rng.choice(LAYOUTS_DECISIONS),
                "actions": rng.choice(LAYOUTS_ACTIONS),
                "header": rng.choice(["dash", "cabinet", "titled", "held_at", "fields"]),
                "format": rng.choices(["txt", "md", "html"], weights=[5, 3, 2])[0],
            }
            return Body(name, kind, council, list(members), list(offs), namer.person(), deputies,
                        rng.choice(_districts), style)

        bodies.append(body(f"Leadership {county}", "board",
                           [leader, chief, *district_leaders, *district_chiefs, police, pcc, pcc_ce, nhs,
                            lep, uni, sg_chair], offs=officers[:2]))
        bodies.append(body(f"{county} County Council Cabinet", "cabinet", [leader, *cabinet],
                           council=orgs["county"], offs=[chief, officers[0]]))
        bodies.append(body(f"{county} Safeguarding Children Partnership Executive", "safeguarding",
                           [sg_chair, dcs, acc, nurse, *district_chiefs[:2]], offs=officers[1:2]))
        bodies.append(body(f"Safer {county} Community Safety Partnership", "community-safety",
                           [pcc, acc, fire, *district_chiefs, dph], offs=officers[1:2]))
        bodies.append(body(f"{county} Health and Wellbeing Board", "health",
                           [leader, dph, dcs, nhs, nurse, *district_leaders[:2]], offs=officers[1:]))
        bodies.append(body(f"{orgs['district0'].name} Overview and Scrutiny Committee", "committee",
                           committee, council=orgs["district0"], offs=[district_chiefs[0]]))
    return bodies[:n_bodies]


def schedule(rng: random.Random, bodies: list[Body], n_docs: int) -> None:
    """Spread ``n_docs`` meetings over the bodies, each at its own cadence."""
    for i, b in enumerate(bodies):
        count = n_docs // len(bodies) + (1 if i < n_docs % len(bodies) else 0)
        gap = {"cabinet": 30, "committee": 35}.get(b.kind, rng.choice([42, 56, 63, 90]))
        day = dt.date(2012, 1, 9).toordinal() + rng.randint(0, 600)
        for _ in range(count + 3):  # three more than minuted: the last minutes name next dates
            while dt.date.fromordinal(day).weekday() >= 5:
                day += 1
            b.days.append(day)
            day += gap + rng.randint(-6, 8)


# ----------------------------------------------------------------------------- one meeting as blocks


@dataclass
class Block:
    kind: str  # heading | para | table | bullets | page
    text: str = ""
    rows: list[list[str]] = field(default_factory=list)
    level: int = 2


class Meeting:
    """Prints one meeting of a body and records, as it goes, what the print states."""

    def __init__(self, rng: random.Random, body: Body, index: int, open_actions: list[ActionRec]):
        self.rng, self.body, self.index = rng, body, index
        self.day = body.days[index]
        self.date = dt.date.fromordinal(self.day)
        self.blocks: list[Block] = []
        self.gold: dict = {}
        self.open_actions = open_actions
        self.layout: dict[str, str] = dict(body.style)
        if rng.random() < 0.1:  # house styles drift: a new clerk, a new template
            self.layout["items"] = rng.choice(LAYOUTS_ITEMS)
        self.location = self._location()

    # -- helpers -------------------------------------------------------------------------
    def printed_org(self, org: Org | None) -> str:
        if org is None:
            return ""
        return org.printed[0] if self.rng.random() < 0.6 else self.rng.choice(org.printed)

    def printed_name(self, h: Human, honorific: bool = True) -> str:
        name = h.name
        if honorific and h.honorific and self.rng.random() < 0.9:
            hon = "Councillor" if h.honorific == "Cllr" and self.rng.random() < 0.15 else h.honorific
            name = f"{hon} {name}"
        if h.post and self.rng.random() < 0.7:
            name = f"{name} {h.post}"
        return name

    def date_text(self, d: dt.date, style: str | None = None) -> str:
        style = style or self.rng.choice(["plain", "plain", "weekday", "ordinal"])
        if style == "weekday":
            return f"{d.strftime('%A')} {d.day} {MONTHS[d.month - 1]} {d.year}"
        if style == "ordinal":
            suffix = "th" if 11 <= d.day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d.day % 10, "th")
            return f"{d.day}{suffix} {MONTHS[d.month - 1]} {d.year}"
        if style == "upper":
            return f"{d.strftime('%A')} {d.day} {MONTHS[d.month - 1]} {d.year}".upper()
        if style == "numeric":
            return f"{d.day:02d}/{d.month:02d}/{d.year}"
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"

    def _location(self) -> str | None:
        r, town = self.rng.random(), self.body.town
        if self.date.year >= 2020 and self.date.month in (4, 5, 6, 7, 8, 9, 10, 11) and r < 0.5:
            return "Microsoft Teams"
        if r < 0.15:
            return None
        return self.rng.choice([f"Shire Hall, {town}", f"Council Chamber, {town} Civic Centre",
                                f"Meeting Room 3, County Hall, {town}", f"Committee Room 1, {town} Guildhall"])

    def add(self, kind: str, text: str = "", rows=None, level: int = 2) -> None:
        self.blocks.append(Block(kind, text, rows or [], level))

    # -- attendance ------------------------------------------------------------------------
    def attendance(self) -> tuple[list[Attendee], list[Attendee], list[tuple[Attendee, Attendee]], list[Attendee]]:
        """Members present, apologies, (deputy, for) pairs and officers in attendance."""
        rng, body = self.rng, self.body
        present, apologies, deputies, officers = [], [], [], []
        seen: set[str] = set()
        for i, post in enumerate(body.posts):
            who = post.holder(self.day)
            if who is None or who.name in seen:
                continue
            seen.add(who.name)
            role = post.role if (rng.random() < 0.5 or body.kind == "cabinet") else None
            if i == 0:
                role = "Chair"
            att = Attendee(who, post.org, role, "chair" if i == 0 else "member")
            if i > 0 and rng.random() < 0.13:
                apologies.append(att)
                dep = body.deputies.get(post.org.name)
                if dep is not None and dep.name not in seen and rng.random() < 0.6:
                    seen.add(dep.name)
                    d = Attendee(dep, post.org, None, "deputy")
                    present.append(d)
                    deputies.append((d, att))
            else:
                present.append(att)
        for post in body.officers:
            who = post.holder(self.day)
            if who is not None and who.name not in seen and rng.random() < 0.8:
                seen.add(who.name)
                officers.append(Attendee(who, post.org, post.role, "officer"))
        officers.append(Attendee(body.minute_taker, body.council, "Minute taker", "minute-taker"))
        return present, apologies, deputies, officers

    def gold_person(self, a: Attendee, org_printed: bool, role_printed: bool) -> dict:
        org = a.org.name if a.org and (org_printed or self.body.council is a.org) else None
        return {"name": a.who.name, "organisation": org, "role": a.role if role_printed else None}

    def render_attendance(self) -> list[str]:
        """Prints attendance in the body's layout; returns deputy lines to place in item 1."""
        present, apologies, deputies, officers = self.attendance()
        self._people = present + officers
        layout, rng = self.layout["attendance"], self.rng
        gp, ga = [], []
        later: list[str] = []
        dep_for = {d.who.name: f.who.name for d, f in deputies}
        if layout == "table":
            head = ["Name", "Organisation", "Apologies"]
            if rng.random() < 0.3:
                head = [f"<i>{h}</i>" for h in head]
            rows = [head]
            by_org: dict[str, list[Attendee]] = {}
            for a in present + apologies:
                by_org.setdefault(a.org.name if a.org else "", [])
            for a in present:
                by_org[a.org.name if a.org else ""].append(a)
            orgs = {a.org.name: a.org for a in present + apologies if a.org}
            for key, people in by_org.items():
                org = orgs.get(key)
                absent = [a for a in apologies if a.org and a.org.name == key]
                label = self.printed_org(org)
                names = []
                for a in people:
                    n = self.printed_name(a.who)
                    if a.role == "Chair":
                        n += " (Chair)"
                    names.append(n)
                    gp.append(self.gold_person(a, True, a.role == "Chair"))
                for a in absent:
                    ga.append({"name": a.who.name, "organisation": org.name if org else None})
                words = label.split()
                if len(people) >= 2 and len(words) >= 4 and rng.random() < 0.5:
                    cut = len(words) // 2  # a wrapped organisation cell, one person per line
                    rows.append([names[0], " ".join(words[:cut]), " ".join(self.printed_name(a.who) for a in absent)])
                    rows.append([" ".join(names[1:]), " ".join(words[cut:]), ""])
                else:
                    rows.append([" ".join(names), label, " ".join(self.printed_name(a.who) for a in absent)])
            off = [a for a in officers if a.capacity == "officer"]
            self._people = present + off
            if off:
                rows.append([" ".join(self.printed_name(a.who) for a in off), self.printed_org(off[0].org), ""])
                gp += [self.gold_person(a, True, False) for a in off]
            self.add("table", rows=rows)
            for d, f in deputies:
                later.append(f"Apologies noted from {f.who.name} – {d.who.name} deputising.")
        elif layout in ("present_lines", "present_comma", "cabinet", "runs"):
            entries = []
            for a in present:
                with_org = layout != "cabinet" and rng.random() < 0.85
                with_role = a.role is not None and (layout != "cabinet" or rng.random() < 0.5)
                entries.append((a, with_org, with_role))
                gp.append(self.gold_person(a, with_org, with_role))
            officer_entries = []
            for a in officers:
                with_org = a.capacity == "officer" and layout != "cabinet" and rng.random() < 0.5
                officer_entries.append((a, with_org))
                gp.append(self.gold_person(a, with_org, True))
            apol_entries = []
            for a in apologies:
                with_org = layout != "cabinet" or rng.random() < 0.3
                with_role = a.role is not None and rng.random() < 0.5
                apol_entries.append((a, with_org, with_role))
                g = self.gold_person(a, with_org, with_role)
                ga.append(g)
            self._render_lists(layout, entries, officer_entries, apol_entries, dep_for, later)
        self.gold["present"], self.gold["apologies"] = gp, ga
        self.gold["deputies"] = [{"name": d.who.name, "for": f.who.name} for d, f in deputies]
        return later

    def _entry(self, a: Attendee, with_org: bool, with_role: bool, style: str) -> str:
        name = self.printed_name(a.who)
        role = a.role if with_role else None
        org = self.printed_org(a.org) if with_org and a.org else None
        if style == "runs":
            parts = [name] + [x for x in (role if role not in ("Chair", "Minute taker") else None, org) if x]
            text = ", ".join(parts)
            return text + {"Chair": " **(Chair)**", "Minute taker": " (minute taking)"}.get(role or "", "")
        if role == "Chair" or role == "Minute taker":
            name += f" ({role})"
            role = None
        if role and org:
            return f"{name}, {role}, {org}"
        if org:
            return f"{name} ({org})" if style == "present_comma" else f"{name} – {org}"
        if role:
            return f"{name} ({role})" if style == "present_comma" else f"{name}, {role}"
        return name

    def _render_lists(self, layout, entries, officer_entries, apol_entries, dep_for, later) -> None:
        rng = self.rng
        lines = []
        for a, wo, wr in entries:
            e = self._entry(a, wo, wr, layout)
            if a.who.name in dep_for:
                e += f" (Deputising for {dep_for[a.who.name]})"
            lines.append(e)
        offs = [self._entry(a, wo, True, layout) for a, wo in officer_entries]
        if layout == "runs":
            self.add("heading", "Present:", level=1)
            run: list[str] = []
            for line in lines + offs:
                run.append(line)
                if rng.random() < 0.45:
                    self.add("para", " ".join(run))
                    run = []
            if run:
                self.add("para", " ".join(run))
        elif layout == "present_comma":
            self.add("para", "Present: " + ", ".join(lines[:-1]) + (" and " if len(lines) > 1 else "") + lines[-1] + ".")
            if offs:
                self.add("para", "In attendance: " + ", ".join(offs) + ".")
        else:
            self.add("heading" if layout == "cabinet" else "para", "Present" if layout == "cabinet" else "Present:")
            for line in lines:
                self.add("para", line)
            if offs:
                self.add("para", "Officers in attendance:" if layout == "cabinet" else "In attendance:")
                for line in offs:
                    self.add("para", line)
        apols = [self._entry(a, wo, wr, layout) for a, wo, wr in apol_entries]
        if layout == "cabinet" or (apols and rng.random() < 0.4):
            if apols:
                text = ", ".join(apols[:-1]) + (" and " if len(apols) > 1 else "") + apols[-1]
                later.insert(0, f"Apologies were received from {text}.")
            else:
                later.insert(0, "There were no apologies.")
        elif apols:
            if layout == "runs":
                self.add("heading", "Apologies:", level=1)
                self.add("para", " ".join(apols))
            elif layout == "present_comma":
                self.add("para", "Apologies: " + ", ".join(apols) + ".")
            else:
                self.add("para", "Apologies:")
                for line in apols:
                    self.add("para", line)

    # -- items, decisions, actions ---------------------------------------------------------
    def item_heading(self, number: int, title: str, sub: int | None = None) -> str | None:
        """Adds the heading of an item in the body's numbering; returns the number as printed."""
        style = self.layout["items"]
        letter = "abcdefgh"[sub - 1] if sub else ""
        if style == "headed":
            self.add("heading", title, level=3)
            return None
        if style == "decimal":
            num = f"{number}.{sub}" if sub else str(number)
            self.add("heading", f"{num} {title.upper() if not sub and self.rng.random() < 0.3 else title}")
            return num
        if style == "upper":
            num = f"{number}{letter}" if sub else str(number)
            self.add("heading", f"{number} {letter}) {title}" if sub else f"{number}. {title.upper()}")
            return num
        if style == "dot":
            num = f"{number}{letter}" if sub else str(number)
            self.add("heading", f"{letter}) {title}" if sub else f"{number}. {title}")
            return num
        num = f"{number}{letter}" if sub else str(number)
        self.add("heading", f"{letter}) {title}" if sub else f"{number} {title}")
        return num

    def person_ref(self) -> Attendee:
        return self.rng.choice(self._people)

    def prose(self, n: int) -> None:
        for _ in range(n):
            p = self.person_ref()
            who = p.who.name if self.rng.random() < 0.7 else p.who.first
            self.add("para", self.rng.choice(FILLER).format(p=who))

    def money(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return f"£{self.rng.randint(5, 500) * 1000:,}"
        if r < 0.7:
            return f"£{self.rng.randint(11, 95) / 10:.1f}m"
        return f"£{self.rng.randint(2, 40)} million"

    def decisions(self, ref: str | None, topic: str) -> None:
        rng, style = self.rng, self.layout["decisions"]
        points = []
        for _ in range(rng.randint(1, 3)):
            points.append(rng.choice([
                f"To approve funding of {self.money()} for the {topic.lower()} work in {self.date.year}/{(self.date.year + 1) % 100:02d}.",
                f"To adopt the proposals in the report on {topic}.",
                f"To endorse the recommendations of the {topic} task group.",
                f"To allocate {self.money()} from reserves to the next phase.",
                "To ask officers to report back with a delivery plan at the next meeting.",
            ]))
        dec = self.gold["decisions"]
        if style == "agreed_list" and len(points) > 1:
            self.add("para", "Agreed")
            self.add("bullets", rows=[[f"{'abcdef'[i]}) {p}" + ("*" if rng.random() < 0.3 else "")]
                                      for i, p in enumerate(points)])
            dec += [{"item": ref, "text": p} for p in points]
        elif style == "resolved" and len(points) > 1:
            self.add("para", rng.choice(["RESOLVED that: -", "RESOLVED to: -", "RESOLVED:"]))
            self.add("bullets", rows=[[f"{i + 1}) {p}"] for i, p in enumerate(points)])
            dec += [{"item": ref, "text": p} for p in points]
        else:
            p = points[0]
            body = p[3:].rstrip(".") if p.startswith("To ") else p
            lead = rng.choice(["It was agreed to", "The Board agreed to", "RESOLVED to"])
            if style == "resolved":
                lead = "RESOLVED to"
            sentence = f"{lead} {body}."
            self.add("para", sentence)
            dec.append({"item": ref, "text": sentence})

    def action(self, ref: str | None) -> ActionRec:
        rng = self.rng
        members = [a for a in self._people if a.capacity != "minute-taker"] or self._people
        owners = [a.who for a in rng.sample(members, min(len(members), rng.choice([1, 1, 1, 2, 3])))]
        text = rng.choice([
            "circulate the revised plan to all partners", "bring a progress report to the next meeting",
            "arrange a workshop for partners before the end of the quarter",
            "write to the government department setting out the board's concerns",
            "share the performance data with the district councils",
            "confirm the funding arrangements with the finance leads",
            "update the risk log and recirculate it",
        ])
        rec = ActionRec(owners, text)
        style = self.layout["actions"]
        names = [o.name for o in owners]
        joined = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        inits = [initials(o) for o in owners]
        unique = all(sum(initials(a.who) == i for a in self._people) == 1 for i in inits)
        if style == "dash" or (style == "initials" and not unique):
            dash = rng.choice(["–", "-", "–"])
            line = f"Action {dash} {joined}"
            if rng.random() < 0.2:
                line = f"**Action** {dash} {joined}" if rng.random() < 0.5 else f"**Action {dash} {joined}*"
            self.add("para", line)
            rec.text = ""
        elif style == "colon":
            self.add("para", f"Action: {joined} to {text}.")
        elif style == "for":
            self.add("para", f"Action for {joined} to {text}.")
        else:
            self.add("para", f"Action: {joined} to {text}.")
            if rng.random() < 0.5:
                self.add("para", f"{'/'.join(inits)} (done)")
                rec.status = "done"
        self.gold["actions"].append(self.action_gold(rec, ref))
        return rec

    def action_gold(self, rec: ActionRec, ref: str | None) -> dict:
        out = {"owners": [o.name for o in rec.owners], "item": ref, "text": rec.text, "status": rec.status}
        if rec.carried_forward:
            out["carried_forward"] = True
        return out

    # -- the document ----------------------------------------------------------------------
    def header(self) -> None:
        b, rng, style = self.body, self.rng, self.layout["header"]
        loc = self.location
        time = rng.choice(["10.00am", "2.00pm", "9.30am", "6pm", "10am"])
        if style == "cabinet" and b.council:
            county = b.council.name.rsplit(" ", 2)[0]
            self.add("para", f"{county}\n{b.council.name[len(county) + 1:].upper()}")
            unit = b.name[len(b.council.name) + 1:]
            self.add("para", f"MINUTES of meeting of the {unit}")
            self.add("para", f"Held on {self.date_text(self.date, 'upper')}" + (f" at {loc}" if loc else ""))
            self.add("para", PAGE_HEADER)
        elif style == "titled":
            self.add("heading", "**MINUTES OF MEETING**", level=1)
            self.add("heading", "Meeting title:", level=1)
            self.add("para", b.name)
            self.add("para", "Date and time:")
            self.add("para", "Location:")
            # Date, time and place run together, as converters print a two-column header.
            self.add("para", f"{self.date_text(self.date, 'weekday')} from {time} – 12.30pm {loc or ''}".strip())
        elif style == "held_at" and loc:
            self.add("heading", b.name.upper(), level=1)
            self.add("para", f"Minutes of the meeting of the {b.name} held at {loc} on "
                             f"{self.date_text(self.date, 'ordinal')} at {time}")
        elif style == "fields":
            self.add("heading", b.name, level=1)
            self.add("para", f"Date: {self.date_text(self.date, 'numeric')}")
            self.add("para", f"Time: {time}")
            if loc:
                self.add("para", f"Venue: {loc}")
        else:
            self.add("heading", f"{b.name} – {self.date_text(self.date, 'plain')}", level=1)
            if loc:
                self.add("para", loc)

    def build(self) -> None:
        b, rng = self.body, self.rng
        prev = dt.date.fromordinal(b.days[self.index - 1]) if self.index else None
        nexts = [dt.date.fromordinal(d) for d in b.days[self.index + 1: self.index + 1 + rng.choice([1, 1, 2, 3])]]
        self.gold = {"source": "", "body": b.name, "date": self.date.isoformat(), "location": self.location,
                     "present": [], "apologies": [], "deputies": [], "items": [], "actions": [],
                     "decisions": [], "programmes": [], "previous_meeting": prev.isoformat() if prev else None,
                     "next_meetings": [d.isoformat() for d in nexts]}
        self.header()
        cabinet_style = self.layout["attendance"] == "cabinet"
        items = self.gold["items"]
        n = 1

        def item(title: str, sub: int | None = None) -> str | None:
            num = self.item_heading(n, title, sub)
            items.append({"number": num, "title": title})
            return num if num is not None else title

        first = "Apologies" if cabinet_style else rng.choice(
            ["Welcome, introductions and apologies", "Welcome and apologies", "Introductions and apologies"])
        if self.layout["attendance"] == "table":  # the table sits inside item 1
            item(first)
            later = self.render_attendance()
        else:
            later = self.render_attendance()
            item(first)
        for line in later:
            self.add("para", line)
        if not later:
            self.add("para", "The Chair welcomed everyone to the meeting.")
        n += 1
        if prev:
            ref = item(rng.choice(["Minutes of the previous meeting", "Action notes", "Minutes"]))
            sentence = rng.choice([
                f"The minutes of the meeting held on {self.date_text(prev)} were agreed as a correct record.",
                f"The notes of the meeting held on {self.date_text(prev)} were agreed.",
            ])
            self.add("para", sentence)
            self.gold["decisions"].append({"item": ref, "text": sentence})
            if self.open_actions:
                sub_ref = item("Actions arising", 1) if self.layout["items"] != "headed" else item(
                    "Matters arising from the action log")
                for rec in self.open_actions:
                    rec.carried_forward = True
                    rec.status = "done" if rng.random() < 0.5 else "open"
                    names = [o.name for o in rec.owners]
                    joined = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
                    self.add("para", f"Action for {joined} to {rec.text or 'report back'}.")
                    if not rec.text:
                        rec.text = "report back"
                    self.add("para", "Complete." if rec.status == "done" else "Ongoing: carried forward.")
                    self.gold["actions"].append(self.action_gold(rec, sub_ref))
            n += 1
        open_now = [r for r in self.open_actions if r.status == "open" and r.age < 1]
        for r in open_now:
            r.age += 1
        programmes: dict[str, None] = {}
        for _ in range(rng.randint(2, 6)):
            if rng.random() < 0.55:
                canon, surfaces = rng.choice(PROGRAMMES)
                surface = rng.choice(surfaces)
                title = rng.choice([f"{surface} update", surface, f"Progress on the {surface}"])
                programmes[canon] = None
            else:
                surface, title = None, rng.choice(TOPICS)
                if title in TOPIC_PROGRAMMES:
                    programmes[title] = None
            ref = item(title)
            p = self.person_ref()
            self.add("para", rng.choice([
                f"{p.who.name} introduced the report on {title.lower() if surface is None else surface}.",
                f"{self.printed_name(p.who)} gave a presentation on {title if surface is None else 'the ' + surface}.",
            ]))
            self.prose(rng.randint(1, 4))
            if rng.random() < 0.3:
                self.add("para", f"The total cost of the proposals was estimated at {self.money()} over three years.")
            if rng.random() < 0.75:
                self.decisions(ref, title)
            for _ in range(rng.choice([0, 1, 1, 2])):
                open_now.append(self.action(ref))
            n += 1
        self.gold["programmes"] = list(programmes)
        item(rng.choice(["Any other business", "AOB"]))
        self.add("para", "There was no other business.")
        n += 1
        if nexts:
            item(rng.choice(["Date of next meeting", "Dates of future meetings"]))
            if len(nexts) == 1:
                self.add("para", f"The next meeting will be held on {self.date_text(nexts[0], 'weekday')}.")
            else:
                self.add("para", "Future meeting dates: " + ", ".join(self.date_text(d) for d in nexts) + ".")
        self.add("para", f"The meeting closed at {rng.choice(['12.15pm', '4.05pm', '11.40am', '8.10pm'])}.")
        self.open_actions[:] = [r for r in open_now if r.status == "open"]


def initials(h: Human) -> str:
    return "".join(w[0] for w in re.split(r"[\s\-]+", h.name) if w and w[0].isalpha()).upper()


# ----------------------------------------------------------------------------- printing


def noisy(rng: random.Random, text: str) -> str:
    """Conversion noise in running text: a no-break space, a stray italic tag."""
    if rng.random() < 0.1:
        text = text.replace(" ", "\u00a0", 1)
    if rng.random() < 0.03 and " " in text:
        i = text.index(" ")
        text = text[:i] + " <i>" + text[i + 1:]
    return text


def to_text(rng: random.Random, blocks: list[Block], markdown: bool) -> str:
    out = ["", ""] if rng.random() < 0.5 else [""]
    lines_since = 0
    for b in blocks:
        if b.kind == "heading":
            if b.level == 2:  # numbered item headings print as plain lines in converted text
                out.append(b.text)
            elif markdown:
                out.append(f"{'#' * (1 if b.level == 1 else rng.choice([1, 4]))} {b.text}")
            elif b.level == 3:  # an unnumbered item heading survives conversion as a wholly bold line
                out.append(f"**{b.text}**")
            else:
                out.append(b.text.strip("*"))
        elif b.kind == "para":
            out.append(noisy(rng, b.text))
        elif b.kind == "table":
            out.extend("\t".join(r) for r in b.rows)
        elif b.kind == "bullets":
            out.extend(f"- {r[0]}" for r in b.rows)
        out.append("")
        lines_since += 1 + len(b.rows)
        if lines_since > 30 and rng.random() < 0.15:
            out += [PAGE_HEADER, ""]
            lines_since = 0
    return "\n".join(out) + "\n"


def inline_html(text: str) -> str:
    text = html.escape(text.replace("<i>", ""), quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", text)
    return text.replace("\n", "<br>\n")


def to_html(rng: random.Random, title: str, blocks: list[Block]) -> str:
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           f"<title>{html.escape(title)}</title></head><body>"]
    for b in blocks:
        if b.kind == "heading":
            out.append(f"<h{b.level}>{inline_html(b.text.strip('*'))}</h{b.level}>")
        elif b.kind == "para":
            t = inline_html(b.text)
            if rng.random() < 0.05:
                t = t.replace(" ", "&nbsp;", 1)
            out.append(f"<p>{t}</p>")
        elif b.kind == "table":
            out.append("<table>")
            for i, r in enumerate(b.rows):
                tag = "th" if i == 0 else "td"
                out.append("<tr>" + "".join(f"<{tag}>{inline_html(re.sub('</?i>', '', c))}</{tag}>" for c in r) + "</tr>")
            out.append("</table>")
        elif b.kind == "bullets":
            out.append("<ul>" + "".join(f"<li>{inline_html(r[0].rstrip('*'))}</li>" for r in b.rows) + "</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def to_docx(blocks: list[Block], when: dt.date) -> bytes:
    """A Word file, re-zipped with fixed timestamps so the same input gives the same bytes."""
    import docx  # python-docx: imported here so the other formats do not need it

    d = docx.Document()
    stamp = dt.datetime(when.year, when.month, when.day, 12, 0, 0)
    d.core_properties.created = d.core_properties.modified = stamp
    d.core_properties.author = "Democratic Services"
    for b in blocks:
        plain = re.sub(r"</?i>|\*", "", b.text)
        if b.kind == "heading":
            d.add_heading(plain, level=min(b.level, 3))
        elif b.kind == "para":
            d.add_paragraph(plain)
        elif b.kind == "table":
            t = d.add_table(rows=len(b.rows), cols=len(b.rows[0]))
            for i, r in enumerate(b.rows):
                for j, c in enumerate(r):
                    t.cell(i, j).text = re.sub("</?i>", "", c)
        elif b.kind == "bullets":
            for r in b.rows:
                d.add_paragraph(r[0].rstrip("*"), style="List Bullet")
    raw = io.BytesIO()
    d.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in sorted(zin.namelist()):
            zout.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), zin.read(name), zipfile.ZIP_DEFLATED)
    return out.getvalue()


# ----------------------------------------------------------------------------- the corpus


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def generate(n_docs: int, seed: int, out: Path, docx_share: float = 0.02) -> dict:
    """Write the corpus; returns the manifest (counts by format and layout)."""
    n_bodies = max(min(n_docs, 12), round(n_docs / 40))
    bodies = build_world(seed, n_bodies)
    schedule(random.Random(f"schedule:{seed}"), bodies, n_docs)
    (out / "minutes").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    counts: Counter = Counter()
    meetings = sorted((day, bi, mi) for bi, b in enumerate(bodies) for mi, day in enumerate(b.days[:-3]))
    open_actions: dict[int, list[ActionRec]] = {i: [] for i in range(len(bodies))}
    people: set[str] = set()
    for n, (_day, bi, mi) in enumerate(meetings):
        body = bodies[bi]
        rng = random.Random(f"doc:{seed}:{bi}:{mi}")
        m = Meeting(rng, body, mi, open_actions[bi])
        m.build()
        fmt = "docx" if rng.random() < docx_share else body.style["format"]
        stem = f"{n:05d}_{slug(body.name)}_{m.date.isoformat()}"
        name = f"{stem}.{fmt}"
        path = out / "minutes" / name
        if fmt == "docx":
            path.write_bytes(to_docx(m.blocks, m.date))
        elif fmt == "html":
            path.write_text(to_html(rng, f"{body.name} {m.date.isoformat()}", m.blocks), encoding="utf-8")
        else:
            path.write_text(to_text(rng, m.blocks, markdown=fmt == "md"), encoding="utf-8")
        m.gold["source"] = name
        (out / "gold" / f"{stem}.json").write_text(json.dumps(m.gold, indent=1, ensure_ascii=False) + "\n",
                                                   encoding="utf-8")
        counts[f"format:{fmt}"] += 1
        for k in ("attendance", "items", "decisions", "actions", "header"):
            counts[f"{k}:{m.layout[k]}"] += 1
        people.update(p["name"] for p in m.gold["present"] + m.gold["apologies"])
    manifest = {"docs": len(meetings), "seed": seed, "bodies": len(bodies), "people": len(people),
                "layouts": dict(sorted(counts.items()))}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000, help="number of minutes files (default 1000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, required=True, help="folder to write minutes/, gold/ and manifest.json")
    ap.add_argument("--docx-share", type=float, default=0.02, help="share of .docx files (default 0.02)")
    args = ap.parse_args(argv)
    if args.docs < 1:
        ap.error("--docs must be at least 1")
    manifest = generate(args.docs, args.seed, args.out, args.docx_share)
    print(json.dumps({k: manifest[k] for k in ("docs", "bodies", "people")}))


if __name__ == "__main__":
    main()
