"""Read-back: the extraction record of a document, from its named graph.

``kg extract`` prints these dicts (shape in ``gold/SCHEMA.md``), so the JSON
a user sees is exactly what the graph holds: they can never disagree. Names
come back as the document wrote them (``gov:nameAsWritten``), organisations
and programmes by their canonical labels.

A person with no organisation in a document is left without one here, even
when the rest of the corpus knows exactly one organisation for them: the
record describes the document, and the links graph's memberships already
say what the corpus knows.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.namespaces import BASE
from kg.rdf import LINKS_GRAPH


def _tail_number(iri: str) -> int:
    m = re.search(r"/(\d+)$", iri)
    return int(m.group(1)) if m else 0


def document_graphs(store) -> list[str]:
    """The named graphs that hold a source document, in source order."""
    rows = store.select(
        "SELECT ?g ?src WHERE { GRAPH ?g { ?d gov:sha256 ?sha ; dcterms:source ?src } } ORDER BY ?src ?g"
    )
    return list(dict.fromkeys(r["g"] for r in rows))


def read_record(store, graph: str) -> dict:
    """The extraction record held by one document graph."""
    g = {"g": ox.NamedNode(graph)}

    def rows(where: str) -> list[dict]:
        return store.select(f"SELECT * WHERE {{ GRAPH ?g {{ {where} }} }}", bindings=g)

    head = rows("""?d gov:sha256 ?sha ; dcterms:source ?source . ?m a gov:Meeting .
                   OPTIONAL { ?m gov:body ?b . ?b skos:altLabel ?body }
                   OPTIONAL { ?m dcterms:date ?date } OPTIONAL { ?m schema:location ?location }
                   OPTIONAL { ?m gov:previousMeetingDate ?previous }""")
    if not head:
        return {}
    h = head[0]
    nxt = sorted({str(r["n"]) for r in rows("?m a gov:Meeting ; gov:nextMeetingDate ?n .")})
    org_names = _org_names(store, graph)

    people = rows("""?f gov:meeting ?m ; gov:nameAsWritten ?name ; gov:position ?pos ; a ?type .
                     OPTIONAL { ?f gov:representing ?org } OPTIONAL { ?f gov:roleLabel ?role }
                     OPTIONAL { ?f gov:listed ?listed }
                     OPTIONAL { ?f gov:deputisesForName ?for }""")
    people.sort(key=lambda r: (r["pos"], r["name"]))

    def person(r: dict) -> dict:
        return {"name": r["name"], "organisation": org_names.get(r["org"]) if r["org"] else None, "role": r["role"]}

    seen: set[tuple] = set()
    present, apologies, deputies = [], [], []
    for r in people:
        ident = (r["type"], r["name"], r["pos"])
        if ident in seen:
            continue
        seen.add(ident)
        if r["type"].endswith("#Attendance"):
            if r["listed"] is not False:
                present.append(person(r))
            if r["for"]:
                deputies.append({"name": r["name"], "for": r["for"]})
        elif r["type"].endswith("#Apology"):
            apologies.append(person(r))

    items = rows("""?i a gov:AgendaItem ; dcterms:title ?title ; gov:position ?pos .
                    OPTIONAL { ?i gov:itemNumber ?number }""")
    items.sort(key=lambda r: r["pos"])
    ref_of = {r["i"]: r["number"] or r["title"] for r in items}

    def item_ref(r: dict) -> str | None:
        return ref_of.get(r["item"]) if r["item"] else r["ref"]

    decisions = rows("""?x a gov:Decision ; rdf:value ?text .
                        OPTIONAL { ?x gov:agendaItem ?item } OPTIONAL { ?x gov:itemRef ?ref }""")
    decisions.sort(key=lambda r: _tail_number(r["x"]))

    actions = rows("""?x a gov:Action ; schema:actionStatus ?status .
                      OPTIONAL { ?x gov:agendaItem ?item } OPTIONAL { ?x gov:itemRef ?ref }
                      OPTIONAL { ?x schema:description ?text } OPTIONAL { ?x gov:carriedForward ?cf }
                      OPTIONAL { ?x gov:evidence/oa:hasSelector/oa:exact ?quote }""")
    owners: dict[str, list[str]] = {}
    for r in rows("?x a gov:Action ; gov:ownerNameAsWritten ?o ."):
        owners.setdefault(r["x"], []).append(r["o"])
    out_actions = []
    for r in sorted(actions, key=lambda r: _tail_number(r["x"])):
        names = _in_text_order(owners.get(r["x"], []), r["quote"] or "")
        a = {"owners": names, "item": item_ref(r), "text": r["text"] or "",
             "status": "done" if r["status"].endswith("CompletedActionStatus") else "open"}
        if r["cf"]:
            a["carried_forward"] = True
        out_actions.append(a)

    questions = rows("""?x a gov:Question ; gov:askerNameAsWritten ?asker .
                        OPTIONAL { ?x gov:answererNameAsWritten ?answerer } OPTIONAL { ?x rdf:value ?text }
                        OPTIONAL { ?x gov:agendaItem ?item } OPTIONAL { ?x gov:itemRef ?ref }""")
    questions.sort(key=lambda r: _tail_number(r["x"]))

    programmes = store.select(
        """SELECT DISTINCT ?label WHERE { GRAPH ?g { ?p gov:discussedAt ?m } GRAPH ?links { ?p skos:prefLabel ?label } }
           ORDER BY ?label""",
        bindings={**g, "links": ox.NamedNode(LINKS_GRAPH)},
    )
    return {
        "source": h["source"],
        "body": h["body"],
        "date": h["date"],
        "location": h["location"],
        "present": present,
        "apologies": apologies,
        "deputies": deputies,
        "items": [{"number": r["number"], "title": r["title"]} for r in items],
        "actions": out_actions,
        "decisions": [{"item": item_ref(r), "text": r["text"]} for r in decisions],
        "programmes": [r["label"] for r in programmes],
        "previous_meeting": h["previous"],
        "next_meetings": nxt,
        "questions": [{"asked_by": r["asker"], "answered_by": r["answerer"], "item": item_ref(r), "text": r["text"] or ""}
                      for r in questions],
    }


def _org_names(store, graph: str) -> dict[str, str]:
    """Organisation IRI -> name as this document gives it (the canonical label if it gives several)."""
    out: dict[str, set[str]] = {}
    for r in store.select(
        """SELECT ?o ?l WHERE { GRAPH ?g { ?o skos:altLabel ?l } FILTER(STRSTARTS(STR(?o), ?prefix)) }""",
        bindings={"g": ox.NamedNode(graph), "prefix": BASE + "org/"},
    ):
        out.setdefault(r["o"], set()).add(r["l"])
    names = {o: next(iter(labels)) for o, labels in out.items() if len(labels) == 1}
    several = [o for o, labels in out.items() if len(labels) > 1]
    for o in several:
        pref = store.select(
            "SELECT ?l WHERE { GRAPH ?links { ?o skos:prefLabel ?l } }",
            bindings={"o": ox.NamedNode(o), "links": ox.NamedNode(LINKS_GRAPH)},
        )
        names[o] = pref[0]["l"] if pref else sorted(out[o])[0]
    return names


def _in_text_order(names: list[str], quote: str) -> list[str]:
    """Owner names in the order the evidence sentence gives them (others after, alphabetically)."""
    def where(n: str) -> tuple[int, str]:
        i = quote.find(n)
        return (i if i >= 0 else len(quote) + 1, n)
    return sorted(dict.fromkeys(names), key=where)


def read_records(store) -> list[dict]:
    """The extraction records of every document graph in the store."""
    return [r for r in (read_record(store, g) for g in document_graphs(store)) if r]
