"""The links graph: shared entities recomputed from the document graphs.

Document graphs say how each document spells a person, organisation,
programme or body; this module reads all of them back (over the union, so it
works on any store) and writes one consistent description of each entity:
types, canonical labels, merge evidence, memberships over time and each
body's member organisations. Being derived, it is rebuilt whole after every
build, so removing or replacing a document can never leave a stale label.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pyoxigraph as ox

from kg.gazetteer import Gazetteer
from kg.gazetteer import default as default_gazetteer
from kg.names import slug, split_name
from kg.namespaces import BASE, FOAF, GOV, ORG, RDF, SKOS, TIME
from kg.rdf import LINKS_GRAPH, _Quads, date, org_iri, text

PERSON, ORGS, PROGRAMME, BODY = (BASE + x for x in ("person/", "org/", "programme/", "body/"))


def _best(counts: Counter) -> str:
    """Most frequent label; ties go to one not in capitals ("Stalking Clinic" over
    "STALKING CLINIC", a heading's spelling), then the longer, then the alphabetically first."""
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0].isupper(), -len(kv[0]), kv[0]))[0][0]


def links_quads(store, gaz: Gazetteer | None = None) -> list[ox.Quad]:
    """Every quad of the links graph, computed from what the document graphs say.

    Joins stay inside one graph (``GRAPH ?g``): over the union, a statement
    repeated in many graphs would multiply the rows of every join.
    """
    gaz = gaz or default_gazetteer()
    q = _Quads(ox.NamedNode(LINKS_GRAPH))
    labels: dict[str, Counter] = defaultdict(Counter)
    for r in store.select(
        """SELECT ?s ?l (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s skos:altLabel ?l } FILTER(?g != ?links) }
           GROUP BY ?s ?l""",
        bindings={"links": ox.NamedNode(LINKS_GRAPH)},
    ):
        labels[r["s"]][r["l"]] += r["n"]

    # -- people -----------------------------------------------------------------------
    written: dict[str, Counter] = defaultdict(Counter)
    honorifics: dict[str, Counter] = defaultdict(Counter)
    for r in store.select(
        """SELECT ?p ?name ?hon (COUNT(*) AS ?n) WHERE { GRAPH ?g {
             ?f gov:attendee|gov:absentee ?p ; gov:nameAsWritten ?name . OPTIONAL { ?f gov:honorific ?hon } } }
           GROUP BY ?p ?name ?hon"""
    ):
        written[r["p"]][r["name"]] += r["n"]
        if r["hon"]:
            honorifics[r["p"]][r["hon"]] += r["n"]
    for p in sorted(s for s in labels if s.startswith(PERSON)):
        name = _best(written[p] or labels[p])
        q.add(p, RDF.type, FOAF.Person)
        q.add(p, FOAF.name, text(name))
        words = split_name(name).name.split()
        if len(words) >= 2:
            q.add(p, FOAF.givenName, text(words[0]))
            q.add(p, FOAF.familyName, text(" ".join(words[1:])))
        if honorifics[p]:
            q.add(p, GOV.honorific, text(_best(honorifics[p])))
    for r in store.select(
        "SELECT DISTINCT ?p ?e WHERE { GRAPH ?g { ?p gov:linkEvidence ?e } FILTER(?g != ?links) }",
        bindings={"links": ox.NamedNode(LINKS_GRAPH)},
    ):
        q.add(r["p"], GOV.mergeEvidence, text(r["e"]))

    # -- organisations ------------------------------------------------------------------
    def organisation(iri: str, label: str) -> None:
        q.add(iri, RDF.type, ORG.Organization)
        q.add(iri, SKOS.prefLabel, text(label))
        kind = gaz.org_kind(label)
        if kind:
            q.add(iri, GOV.orgKind, text(kind))

    for o in sorted(s for s in labels if s.startswith(ORGS)):
        canon = Counter({(gaz.canonical_org(lab) or lab): n for lab, n in labels[o].items()})
        known = [c for c in canon if gaz.org(c)]
        organisation(o, known[0] if known else _best(canon))

    # -- programmes ---------------------------------------------------------------------
    scheme = BASE + "programmes"
    q.add(scheme, RDF.type, SKOS.ConceptScheme)
    q.add(scheme, SKOS.prefLabel, text("Programmes discussed in the minutes"))
    for p in sorted(s for s in labels if s.startswith(PROGRAMME)):
        hits = [gaz.programme(lab) for lab in labels[p]]
        entry = next((h for h in hits if h), None)
        own = Counter({lab: n for lab, n in labels[p].items() if slug(lab) == p[len(PROGRAMME):]})
        pref = entry.label if entry else _best(own or labels[p])
        q.add(p, RDF.type, GOV.Programme)
        q.add(p, RDF.type, SKOS.Concept)
        q.add(p, SKOS.inScheme, scheme)
        q.add(p, SKOS.prefLabel, text(pref))
        for alt in (entry.alt if entry else []):
            q.add(p, SKOS.altLabel, text(alt))

    # -- bodies and their member organisations --------------------------------------------
    for b in sorted(s for s in labels if s.startswith(BODY)):
        name = _best(labels[b])
        q.add(b, RDF.type, GOV.PartnershipBody)
        q.add(b, SKOS.prefLabel, text(name))
        parent = gaz.org_prefix(name)
        if parent and parent[1] < len(name.strip()):
            # "Gloucestershire County Council Cabinet": a unit of the council.
            q.add(b, RDF.type, ORG.OrganizationalUnit)
            unit_of = org_iri(slug(parent[0]))
            q.add(b, ORG.unitOf, unit_of)
            if unit_of not in labels:
                organisation(unit_of, parent[0])
        else:
            q.add(b, RDF.type, ORG.OrganizationalCollaboration)
    for r in store.select(
        """SELECT DISTINCT ?b ?o WHERE { GRAPH ?g { ?m gov:body ?b . ?f gov:meeting ?m ; gov:representing ?o } }"""
    ):
        q.add(r["b"], ORG.hasMember, r["o"])

    # -- memberships over time ----------------------------------------------------------
    spans: dict[tuple[str, str], list[str]] = defaultdict(list)
    roles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in store.select(
        """SELECT ?p ?o (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE { GRAPH ?g {
             ?f gov:attendee|gov:absentee ?p ; gov:representing ?o ; gov:meeting ?m .
             OPTIONAL { ?m dcterms:date ?d } } } GROUP BY ?p ?o"""
    ):
        spans[(r["p"], r["o"])] = [str(d) for d in (r["first"], r["last"]) if d]
    for r in store.select(
        """SELECT DISTINCT ?p ?o ?role WHERE { GRAPH ?g {
             ?f gov:attendee|gov:absentee ?p ; gov:representing ?o ; gov:roleLabel ?role } }"""
    ):
        roles[(r["p"], r["o"])].add(r["role"])
    role_labels: dict[str, Counter] = defaultdict(Counter)  # one label per role IRI ("Chair" / "chair")
    for pair_roles in roles.values():
        for role in pair_roles:
            role_labels[slug(role)][role] += 1
    for key, counts in sorted(role_labels.items()):
        q.add(BASE + "role/" + key, RDF.type, ORG.Role)
        q.add(BASE + "role/" + key, SKOS.prefLabel, text(_best(counts)))
    for (p, o), dates in sorted(spans.items()):
        mem = f"{BASE}membership/{p[len(PERSON):]}/{o[len(ORGS):]}"
        q.add(mem, RDF.type, ORG.Membership)
        q.add(mem, RDF.type, GOV.Membership)
        q.add(mem, ORG.member, p)
        q.add(mem, ORG.organization, o)
        for role in sorted(roles[(p, o)]):
            q.add(mem, ORG.role, BASE + "role/" + slug(role))
        if dates:
            interval = mem + "/interval"
            q.add(mem, ORG.memberDuring, interval)
            q.add(interval, RDF.type, TIME.Interval)
            for end, value in (("hasBeginning", min(dates)), ("hasEnd", max(dates))):
                instant = f"{interval}/{end[3:].lower()}"
                q.add(interval, TIME[end], instant)
                q.add(instant, RDF.type, TIME.Instant)
                q.add(instant, TIME.inXSDDate, date(value))
    return list(dict.fromkeys(q.out))


def refresh_links(store, gaz: Gazetteer | None = None) -> int:
    """Recompute the links graph in one transaction; returns its quad count."""
    quads = links_quads(store, gaz)
    store.replace_graph(LINKS_GRAPH, quads)
    return len(quads)
