"""Emit: a linked record as the quads of its document's named graph.

A pure function of the document, the record and the linking result, so a
file can be turned into quads anywhere (a worker process, a test) and
building twice yields the very same quads. The triples follow the contract
in ``docs/model.md``; every fact with a span points at its evidence (a Web
Annotation with character offsets and the quoted text).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.names import slug
from kg.namespaces import BASE, DCTERMS, FOAF, GOV, OA, PERSON, PROV, RDF, RDFS, SCHEMA, SKOS, XSD
from kg.namespaces import LINKS_GRAPH as LINKS_GRAPH  # its users import it from here
from kg.records import Document, MinutesRecord, Person, Span
from kg.resolve import Linked, name_slug

CAPACITY = {
    "member": GOV.Member, "chair": GOV.Chair, "vice-chair": GOV.ViceChair, "officer": GOV.Officer,
    "minute-taker": GOV.MinuteTaker, "guest": GOV.Guest, "deputy": GOV.Deputy,
}
STATUS = {"open": SCHEMA.PotentialActionStatus, "done": SCHEMA.CompletedActionStatus}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Bump whenever the triples emitted for the same document change (a new shortcut, a
# renamed property): each document graph records it, and a build re-emits a file
# whose graph was written under another number even though the file is unchanged.
GRAPH_SCHEMA = 2


def graph_iri(source: str) -> str:
    """The named graph of a document, from its source path relative to the build root."""
    return BASE + "graph/" + slug(source)


def doc_iri(sha256: str) -> str:
    return BASE + "doc/" + sha256


def evidence_iri(doc: str, start: int, end: int) -> str:
    """The Web Annotation target for characters ``start:end`` of the document ``doc`` (an IRI of ``doc_iri``)."""
    return f"{doc}/span/{start:d}-{end:d}"


def person_iri(key: str) -> str:
    return PERSON + key


def org_iri(key: str) -> str:
    return BASE + "org/" + key


def programme_iri(key: str) -> str:
    return BASE + "programme/" + key


def body_key(record: MinutesRecord) -> str:
    return name_slug(record.body) if record.body else "unknown-body"


def meeting_iri(record: MinutesRecord, sha256: str) -> str:
    when = record.date if record.date and _ISO_DATE.fullmatch(record.date) else sha256[:12]
    return f"{BASE}meeting/{body_key(record)}/{when}"


_PREDICATES: dict[str, ox.NamedNode] = {}  # vocabulary terms: a bounded set, shared by every document


@dataclass
class _Quads:
    """Quads of one graph; IRIs become pyoxigraph nodes once each (emit is on the build's hot path)."""

    graph: ox.NamedNode
    out: list[ox.Quad] = field(default_factory=list)
    nodes: dict[str, ox.NamedNode] = field(default_factory=dict)

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        nodes = self.nodes
        subject = nodes.get(s)
        if subject is None:
            subject = nodes[s] = ox.NamedNode(s)
        predicate = _PREDICATES.get(p)
        if predicate is None:
            predicate = _PREDICATES[p] = ox.NamedNode(p)
        if isinstance(o, str):
            obj = nodes.get(o)
            if obj is None:
                obj = nodes[o] = ox.NamedNode(o)
        else:
            obj = o
        self.out.append(ox.Quad(subject, predicate, obj, self.graph))

    def add_text(self, s: str, p: str, value: str) -> None:
        """``add(s, p, text(value))``: a collector that writes text need not make the literal."""
        self.add(s, p, text(value))

    def evidence(self, fact: str, source: str, start: int, end: int, quote: str) -> None:
        """The Web Annotation of ``fact``: ten quads pointing at characters ``start:end`` of ``source``.

        The annotation is named for the span (``evidence_iri``), so facts read from
        one sentence share it, and the same fact in two documents has one in each.
        A method of the collector, so one that writes text can format the ten at once.
        """
        ev = evidence_iri(source, start, end)
        add = self.add
        add(fact, _EVIDENCE, ev)
        add(ev, _TYPE, _SPECIFIC_RESOURCE)
        add(ev, _HAS_SOURCE, source)
        add(ev, _HAS_SELECTOR, ev + "/position")
        add(ev, _HAS_SELECTOR, ev + "/quote")
        add(ev + "/position", _TYPE, _POSITION_SELECTOR)
        add(ev + "/position", _START, integer(start))
        add(ev + "/position", _END, integer(end))
        add(ev + "/quote", _TYPE, _QUOTE_SELECTOR)
        add(ev + "/quote", _EXACT, text(quote))


_XSD_INTEGER = ox.NamedNode(XSD.integer)
_XSD_DATE = ox.NamedNode(XSD.date)
_XSD_DECIMAL = ox.NamedNode(XSD.decimal)
_XSD_BOOLEAN = ox.NamedNode(XSD.boolean)


def text(value: str) -> ox.Literal:
    return ox.Literal(value)  # xsd:string


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(int(value)), datatype=_XSD_INTEGER)


def date(value: str) -> ox.Literal | None:
    return ox.Literal(value, datatype=_XSD_DATE) if _ISO_DATE.fullmatch(value or "") else None


def decimal(value: float) -> ox.Literal:
    return ox.Literal(format(value, "f").rstrip("0").rstrip(".") or "0", datatype=_XSD_DECIMAL)


def boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=_XSD_BOOLEAN)


# Terms of the evidence pattern, written about ten times per fact.
_EVIDENCE, _TYPE, _HAS_SOURCE, _HAS_SELECTOR = GOV.evidence, RDF.type, OA.hasSource, OA.hasSelector
_SPECIFIC_RESOURCE, _POSITION_SELECTOR, _QUOTE_SELECTOR = OA.SpecificResource, OA.TextPositionSelector, OA.TextQuoteSelector
_START, _END, _EXACT = OA.start, OA.end, OA.exact


def record_quads(
    doc: Document, record: MinutesRecord, linked: Linked, source: str | None = None, ingested: str | None = None,
    sink: Callable[[ox.NamedNode], _Quads] | None = None,
) -> list[ox.Quad]:
    """Every quad of one document's named graph.

    ``source`` is the path recorded for the file (default ``doc.source``);
    ``ingested`` an ISO timestamp for ``prov:generatedAtTime`` (omitted if None,
    so the quads of an extraction are reproducible). ``sink`` replaces the
    collector of quads (``kg.prelink`` collects N-Quads lines instead).
    """
    source = source or doc.source
    q = (sink or _Quads)(ox.NamedNode(graph_iri(source)))
    d = doc_iri(doc.sha256)
    m = meeting_iri(record, doc.sha256)

    def evidence(fact: str, span: Span | None) -> None:
        if span is not None and 0 <= span.start < span.end <= len(doc.text):
            q.evidence(fact, d, span.start, span.end, span.quote(doc.text))

    def optional_date(s: str, p: str, value: str | None) -> None:
        lit = date(value) if value else None
        if lit is not None:
            q.add(s, p, lit)

    # -- the source document ------------------------------------------------------
    q.add(d, RDF.type, PROV.Entity)
    q.add(d, RDF.type, FOAF.Document)
    q.add_text(d, DCTERMS.source, source)
    q.add_text(d, GOV.sha256, doc.sha256)
    q.add(d, GOV.graphSchema, integer(GRAPH_SCHEMA))
    q.add_text(d, DCTERMS["format"], doc.kind)
    if ingested:
        q.add(d, PROV.generatedAtTime, ox.Literal(ingested, datatype=ox.NamedNode(XSD.dateTime)))

    # -- the meeting --------------------------------------------------------------
    body = BASE + "body/" + body_key(record)
    q.add(m, RDF.type, GOV.Meeting)
    q.add_text(m, RDFS.label, ", ".join(x for x in (record.body or "Meeting", record.date) if x))
    if record.body:
        q.add(m, GOV.body, body)
        q.add_text(body, SKOS.altLabel, record.body)
    optional_date(m, DCTERMS.date, record.date)
    if record.time:
        q.add_text(m, GOV.startTime, record.time)
    if record.location:
        q.add_text(m, SCHEMA.location, record.location)
    if record.previous_meeting and date(record.previous_meeting) is not None:
        q.add(m, GOV.previousMeetingDate, date(record.previous_meeting))
        q.add(m, GOV.confirmsMinutesOf, f"{BASE}meeting/{body_key(record)}/{record.previous_meeting}")
    for nxt in record.next_meetings:
        optional_date(m, GOV.nextMeetingDate, nxt)
    q.add(m, PROV.wasDerivedFrom, d)
    evidence(m, record.spans.get("date") or record.spans.get("body"))

    # -- people: attendance, apologies, deputies ------------------------------------
    def mention(key: str, name: str) -> str:
        iri = person_iri(key)
        q.add_text(iri, SKOS.altLabel, name)
        return iri

    def listed(kind: str, person: Person, position: int) -> str | None:
        if not person.key:
            return None
        fact = seat_iri(m, kind, person.key)
        who = mention(person.key, person.name)
        if kind == "attendance":
            q.add(fact, RDF.type, GOV.Attendance)
            q.add(fact, GOV.attendee, who)
            q.add(who, GOV.attended, m)
            q.add(m, GOV.hasAttendee, who)
            q.add(fact, GOV.capacity, CAPACITY.get(person.capacity, GOV.Member))
            if person.capacity == "chair":
                q.add(m, GOV.chairedBy, who)
            elif person.capacity == "minute-taker":
                q.add(m, GOV.minutedBy, who)
        else:
            q.add(fact, RDF.type, GOV.Apology)
            q.add(fact, GOV.absentee, who)
            q.add(who, GOV.sentApologies, m)
        q.add(fact, GOV.meeting, m)
        q.add_text(fact, GOV.nameAsWritten, person.name)
        q.add(fact, GOV.position, integer(position))
        if person.honorific:
            q.add_text(fact, GOV.honorific, person.honorific)
        if person.role:
            q.add_text(fact, GOV.roleLabel, person.role)
        if person.org_key:
            q.add(fact, GOV.representing, org_iri(person.org_key))
            q.add_text(org_iri(person.org_key), SKOS.altLabel, person.organisation or "")
        evidence(fact, person.span)
        return fact

    attendance: dict[str, str] = {}
    for i, p in enumerate(record.present, 1):
        fact = listed("attendance", p, i)
        if fact:
            attendance.setdefault(p.key, fact)
    for i, p in enumerate(record.apologies, 1):
        listed("apology", p, i)
    for i, dep in enumerate(record.deputies, 1):
        if not dep.key or not dep.for_key:
            continue
        fact = attendance.get(dep.key)
        if fact is None:  # a deputy the attendance list does not show: still attended
            fact = seat_iri(m, "attendance", dep.key)
            who = mention(dep.key, dep.name)
            q.add(fact, RDF.type, GOV.Attendance)
            q.add(fact, GOV.meeting, m)
            q.add(fact, GOV.attendee, who)
            q.add(fact, GOV.capacity, GOV.Deputy)
            q.add_text(fact, GOV.nameAsWritten, dep.name)
            q.add(fact, GOV.position, integer(len(record.present) + i))
            q.add(fact, GOV.listed, boolean(False))
            q.add(who, GOV.attended, m)
            q.add(m, GOV.hasAttendee, who)
            evidence(fact, dep.span)
            attendance[dep.key] = fact
        q.add(fact, GOV.deputisesFor, mention(dep.for_key, dep.for_name))
        q.add_text(fact, GOV.deputisesForName, dep.for_name)

    # -- agenda items -----------------------------------------------------------------
    item_of: dict[str, str] = {}
    used: set[str] = set()
    for i, item in enumerate(record.items, 1):
        base = f"{m}/item/{name_slug(item.number or item.title)}"
        fact, n = base, 1
        while fact in used:
            n += 1
            fact = f"{base}-{n}"
        used.add(fact)
        item_of.setdefault(item.ref, fact)
        q.add(fact, RDF.type, GOV.AgendaItem)
        q.add(fact, DCTERMS.isPartOf, m)
        if item.number:
            q.add_text(fact, GOV.itemNumber, item.number)
        q.add_text(fact, DCTERMS["title"], item.title)
        q.add(fact, GOV.position, integer(i))
        for name in item.presenters:
            key = linked.person(name)
            if key:
                q.add(fact, GOV.presentedBy, mention(key, name))
        evidence(fact, item.span)
    for item in record.items:
        if item.parent and item.parent in item_of:
            q.add(item_of[item.ref], GOV.subItemOf, item_of[item.parent])

    def on_item(fact: str, ref: str | None) -> None:
        if ref is None:
            return
        if ref in item_of:
            q.add(fact, GOV.agendaItem, item_of[ref])
        else:
            q.add_text(fact, GOV.itemRef, ref)

    def amounts(fact: str, money) -> set[Span | None]:
        spans = set()
        for n, amount in enumerate(money, 1):
            a = f"{fact}/amount/{n}"
            q.add(fact, GOV.amount, a)
            q.add(a, RDF.type, SCHEMA.MonetaryAmount)
            q.add(a, SCHEMA.value, decimal(amount.value))
            q.add_text(a, SCHEMA.currency, amount.currency)
            q.add_text(a, RDFS.label, amount.text)
            evidence(a, amount.span)
            spans.add(amount.span)
        return spans

    # -- decisions, actions, presentations ----------------------------------------------
    decided: set[Span | None] = set()
    for n, dec in enumerate(record.decisions, 1):
        fact = f"{m}/decision/{n}"
        q.add(fact, RDF.type, GOV.Decision)
        q.add(fact, GOV.decidedAt, m)
        q.add(fact, PROV.wasGeneratedBy, m)
        on_item(fact, dec.item)
        q.add_text(fact, RDF.value, dec.text)
        for name in dict.fromkeys(dec.programmes):
            key = _programme_key(name, linked)
            q.add(fact, GOV.concerns, programme_iri(key))
        decided |= amounts(fact, dec.money)
        evidence(fact, dec.span)
    amounts(m, [x for x in record.money if x.span is None or x.span not in decided])

    for n, act in enumerate(record.actions, 1):
        fact = f"{m}/action/{n}"
        q.add(fact, RDF.type, GOV.Action)
        q.add(fact, GOV.assignedAt, m)
        on_item(fact, act.item)
        for name, key in zip(act.owners, act.owner_keys or [linked.person(o) for o in act.owners]):
            if key:
                q.add(fact, SCHEMA.agent, mention(key, name))
            q.add_text(fact, GOV.ownerNameAsWritten, name)
        q.add(fact, SCHEMA.actionStatus, STATUS.get(act.status, STATUS["open"]))
        if act.text:
            q.add_text(fact, SCHEMA.description, act.text)
        if act.carried_forward:
            q.add(fact, GOV.carriedForward, boolean(True))
        optional_date(fact, SCHEMA.endTime, act.due)
        evidence(fact, act.span)

    for n, pres in enumerate(record.presentations, 1):
        key = pres.key or linked.person(pres.presenter)
        if not key:
            continue
        fact = f"{m}/presentation/{n}"
        q.add(fact, RDF.type, GOV.Presentation)
        q.add(fact, GOV.meeting, m)
        q.add(fact, GOV.presenter, mention(key, pres.presenter))
        on_item(fact, pres.item)
        evidence(fact, pres.span)

    for n, quest in enumerate(record.questions, 1):
        asker = quest.asker_key or linked.person(quest.asker)
        if not asker:
            continue
        fact = f"{m}/question/{n}"
        q.add(fact, RDF.type, GOV.Question)
        q.add(fact, GOV.meeting, m)
        q.add(fact, GOV.askedBy, mention(asker, quest.asker))
        q.add_text(fact, GOV.askerNameAsWritten, quest.asker)
        answerer = quest.answerer and (quest.answerer_key or linked.person(quest.answerer))
        if answerer:
            q.add(fact, GOV.answeredBy, mention(answerer, quest.answerer))
            q.add_text(fact, GOV.answererNameAsWritten, quest.answerer)
        if quest.text:
            q.add_text(fact, RDF.value, quest.text)
        on_item(fact, quest.item)
        evidence(fact, quest.span)

    # -- programmes -----------------------------------------------------------------------
    for mention_ in record.programmes:
        iri = programme_iri(_programme_key(mention_.name, linked))
        q.add(iri, GOV.discussedAt, m)
        q.add_text(iri, SKOS.altLabel, mention_.name)
        if mention_.surface and mention_.surface != mention_.name:
            q.add_text(iri, SKOS.altLabel, mention_.surface)

    shortcut_quads(q, m, record, linked)

    # Evidence of the links this document made (the links graph gathers it as gov:mergeEvidence).
    for key, sentences in linked.evidence.items():
        for s in sentences:
            q.add_text(person_iri(key), GOV.linkEvidence, s)
    return _unique(q.out)


def seat_iri(meeting: str, kind: str, person_key: str) -> str:
    """The IRI of a person's attendance or apology record ("attendance" or "apology") at a meeting."""
    return f"{meeting}/{kind}/{person_key}"


def shortcut_quads(q, m: str, record: MinutesRecord, linked: Linked) -> None:
    """Shortcut triples that let the named queries start from an index lookup.

    ``{action} gov:ownerOrganisation {org}`` for each organisation an owner of
    the action represented at the meeting that set it (attendance or apology):
    "actions owned by people of this organisation" then starts from the
    organisation instead of joining every action with every seat of its meeting.

    ``{action} gov:ownerSeat {record}`` for each attendance or apology record, at
    that meeting, of one of the action's owners (whether or not it names an
    organisation): the organisation an owner sat for is then two lookups from the
    action instead of a walk over every record of the meeting.
    """
    seats: dict[str, list[str]] = {}
    records: dict[str, list[str]] = {}
    for kind, people in (("attendance", record.present), ("apology", record.apologies)):
        for p in people:
            if p.key:
                records.setdefault(p.key, []).append(seat_iri(m, kind, p.key))
                if p.org_key:
                    seats.setdefault(p.key, []).append(p.org_key)
    present = {p.key for p in record.present if p.key}
    for dep in record.deputies:  # a deputy the attendance list does not show still has an attendance
        if dep.key and dep.for_key and dep.key not in present:
            records.setdefault(dep.key, []).append(seat_iri(m, "attendance", dep.key))
    for n, act in enumerate(record.actions, 1):
        for key in act.owner_keys or [linked.person(o) for o in act.owners]:
            for org_key in dict.fromkeys(seats.get(key or "", ())):
                q.add(f"{m}/action/{n}", GOV.ownerOrganisation, org_iri(org_key))
            for seat in dict.fromkeys(records.get(key or "", ())):
                q.add(f"{m}/action/{n}", GOV.ownerSeat, seat)


def _programme_key(name: str, linked: Linked) -> str:
    return linked.programme_of.get(name) or name_slug(name)


def _unique(quads: list[ox.Quad]) -> list[ox.Quad]:
    return list(dict.fromkeys(quads))
