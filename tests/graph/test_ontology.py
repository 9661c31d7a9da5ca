"""The ontology documents every term the build uses, and the shapes cover every class it emits."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.build import build
from kg.namespaces import GOV
from kg.resources import ontology_dir
from kg.store import open_store

from .conftest import toy_parse


@pytest.fixture(scope="module")
def built(minutes_dir, tmp_path_factory):
    toy = tmp_path_factory.mktemp("toy")
    from .conftest import MINUTES

    (toy / "a.txt").write_text(MINUTES, encoding="utf-8")
    store = open_store(":memory:")
    build([minutes_dir], store)
    build([toy], store, parser=toy_parse)
    return store


def load(name: str) -> ox.Store:
    s = ox.Store()
    s.load(path=str(ontology_dir() / name), format=ox.RdfFormat.TURTLE)
    return s


def test_every_gov_term_in_the_data_has_a_label_and_a_comment(built):
    ont = load("governance.ttl")
    used = {r["t"] for r in built.select("""SELECT DISTINCT ?t WHERE {
        { ?s ?t ?o } UNION { ?s a ?t } UNION { ?s gov:capacity ?t } }""") if r["t"].startswith(GOV)}
    assert len(used) > 20
    undocumented = [t for t in sorted(used) if not ont.query(
        "ASK { ?t rdfs:label ?l ; rdfs:comment ?c }",
        prefixes={"rdfs": "http://www.w3.org/2000/01/rdf-schema#"}, substitutions={ox.Variable("t"): ox.NamedNode(t)})]
    assert undocumented == []


def test_every_emitted_class_has_a_shape(built):
    shapes = load("shapes.ttl")
    targets = {q.object.value for q in shapes.quads_for_pattern(
        None, ox.NamedNode("http://www.w3.org/ns/shacl#targetClass"), None)}
    emitted = {r["c"] for r in built.select("SELECT DISTINCT ?c WHERE { ?s a ?c }")}
    emitted -= {"http://www.w3.org/ns/prov#Entity", "http://www.w3.org/2004/02/skos/core#Concept",
                "http://www.w3.org/ns/org#OrganizationalCollaboration", "http://www.w3.org/ns/org#OrganizationalUnit",
                GOV.Membership}  # covered through a more specific shape of the same node
    assert sorted(emitted - targets) == []


def test_lblod_alignment_axioms():
    ont = load("governance.ttl")
    pairs = {(q.subject.value, q.object.value) for q in ont.quads_for_pattern(None, None, None)
             if q.predicate.value.endswith(("subClassOf", "subPropertyOf"))}
    besluit = "http://data.vlaanderen.be/ns/besluit#"
    for ours, theirs in [("Meeting", "Zitting"), ("AgendaItem", "Agendapunt"), ("Decision", "Besluit"),
                         ("hasAttendee", "heeftAanwezige"), ("chairedBy", "heeftVoorzitter"),
                         ("minutedBy", "heeftSecretaris")]:
        assert (GOV[ours], besluit + theirs) in pairs
    assert (GOV.Membership, "http://data.vlaanderen.be/ns/mandaat#Mandataris") in pairs
