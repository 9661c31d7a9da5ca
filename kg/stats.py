"""What a graph holds, counted: the summary of ``kg build`` and ``kg stats``."""

from __future__ import annotations

from kg.rdf import LINKS_GRAPH

# name -> the class whose instances are counted (over the union of graphs)
COUNTED = {
    "meetings": "gov:Meeting",
    "people": "foaf:Person",
    "organisations": "org:Organization",
    "bodies": "gov:PartnershipBody",
    "programmes": "gov:Programme",
    "attendances": "gov:Attendance",
    "apologies": "gov:Apology",
    "agenda_items": "gov:AgendaItem",
    "decisions": "gov:Decision",
    "actions": "gov:Action",
    "memberships": "org:Membership",
}


def graph_stats(store) -> dict[str, int]:
    """Counts of documents, entities, facts, named graphs and triples."""
    unions = " UNION ".join(
        f"{{ ?x a {cls} . BIND({name!r} AS ?what) }}".replace("'", '"') for name, cls in COUNTED.items()
    )
    rows = store.select(f"SELECT ?what (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {unions} }} GROUP BY ?what")
    found = {r["what"]: r["n"] for r in rows}
    docs = store.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?d gov:sha256 ?sha } }")
    graphs = store.graphs()
    out = {"documents": docs[0]["n"] if docs else 0}
    out.update({name: found.get(name, 0) for name in COUNTED})
    out["named_graphs"] = len(graphs)
    out["links_graph_quads"] = store.quad_count(LINKS_GRAPH) if LINKS_GRAPH in graphs else 0
    out["triples"] = store.quad_count()
    return out
