"""`kg validate`, `kg export`, `kg stats` and the links graph, through the CLI."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.rdf import LINKS_GRAPH
from kg.store import open_store
from kg.validate import validate_store

from .conftest import toy_parse


@pytest.fixture
def toy_store(toy_dir, tmp_path) -> str:
    location = str(tmp_path / "store")
    with open_store(location) as store:
        build([toy_dir], store, parser=toy_parse)
    return location


@pytest.fixture(scope="module")
def seed_store(minutes_dir, tmp_path_factory) -> str:
    location = str(tmp_path_factory.mktemp("seeds") / "store")
    result = CliRunner().invoke(cli, ["build", str(minutes_dir), "--store", location])
    assert result.exit_code == 0, result.output
    return location


def test_seed_build_validates_with_zero_violations(seed_store):
    result = CliRunner().invoke(cli, ["validate", "--store", seed_store])
    assert result.exit_code == 0, result.output
    assert "no SHACL violations" in result.stderr


def test_toy_build_validates(toy_store):
    with open_store(toy_store, read_only=True) as store:
        assert validate_store(store) == []


def test_a_violation_is_reported_readably_with_a_non_zero_exit(toy_store):
    with open_store(toy_store) as store:
        decision = store.select("SELECT ?d WHERE { ?d a gov:Decision } LIMIT 1")[0]["d"]
        store.update(f"DELETE WHERE {{ GRAPH ?g {{ <{decision}> rdf:value ?v }} }}")
    result = CliRunner().invoke(cli, ["validate", "--store", toy_store, "--format", "json"])
    assert result.exit_code == 1
    rows = json.loads(result.stdout)
    assert [r["focus"] for r in rows] == [decision]
    assert "rdf-syntax-ns#value" in rows[0]["path"]


@pytest.mark.parametrize("fmt,rdf_format", [
    ("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES),
    ("nq", ox.RdfFormat.N_QUADS), ("trig", ox.RdfFormat.TRIG), ("jsonld", ox.RdfFormat.JSON_LD),
])
def test_export_formats_parse_back(toy_store, tmp_path, fmt, rdf_format):
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(cli, ["export", "--store", toy_store, "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    parsed = list(ox.parse(path=str(out), format=rdf_format))
    with open_store(toy_store, read_only=True) as store:
        total = store.quad_count()
        if rdf_format.supports_datasets:
            assert len(parsed) == total
        else:  # the union: statements repeated across graphs count once
            assert 0 < len(parsed) <= total


def test_network_export_needs_a_projection_and_a_file(toy_store):
    result = CliRunner().invoke(cli, ["export", "--store", toy_store, "--format", "gexf"])
    assert result.exit_code == 1 and "--graph" in result.stderr


def test_stats_counts_one_person_per_real_person(toy_store):
    result = CliRunner().invoke(cli, ["stats", "--store", toy_store, "--format", "json"])
    counts = {r["what"]: r["count"] for r in json.loads(result.stdout)}
    # Ann Baker, Tom/Thomas Clarke (and "Tom Clark"), Jo Evans, Sam Price
    assert counts["people"] == 4
    assert counts["documents"] == 2 and counts["meetings"] == 2 and counts["decisions"] == 4


def test_links_graph_holds_memberships_over_time_and_body_members(toy_store):
    with open_store(toy_store, read_only=True) as store:
        rows = store.select("""SELECT ?from ?to WHERE { GRAPH ?links {
            ?m org:member ?p ; org:organization ?o ; org:memberDuring ?i .
            ?i time:hasBeginning/time:inXSDDate ?from ; time:hasEnd/time:inXSDDate ?to .
            ?p foaf:name ?n . ?o skos:prefLabel ?org } }""",
            bindings={"links": ox.NamedNode(LINKS_GRAPH), "n": "Ann Baker", "org": "Riverside District Council"})
        assert rows == [{"from": "2021-03-12", "to": "2021-06-18"}]
        members = store.select("""SELECT ?label WHERE { ?b a org:OrganizationalCollaboration ;
            org:hasMember/skos:prefLabel ?label }""")
        assert {r["label"] for r in members} >= {"Riverside District Council", "Riverside Police"}
        evidence = store.select("SELECT ?e WHERE { GRAPH ?links { ?p gov:mergeEvidence ?e } }",
                                bindings={"links": ox.NamedNode(LINKS_GRAPH)})
        assert any("Tom Clark" in r["e"] for r in evidence)


def test_a_council_cabinet_is_a_unit_of_the_council(tmp_path):
    from kg.linkgraph import refresh_links
    from kg.rdf import record_quads
    from kg.records import Document, MinutesRecord
    from kg.resolve import Registry, link_record

    store = open_store(":memory:")
    rec = MinutesRecord(source="c.txt", body="Gloucestershire County Council Cabinet", date="2020-01-01")
    doc = Document("c.txt", "Cabinet minutes", "f" * 64, "text")
    store.replace_graph("https://example.org/g", record_quads(doc, rec, link_record(rec, Registry())))
    refresh_links(store)
    rows = store.select("SELECT ?org WHERE { ?b a org:OrganizationalUnit ; org:unitOf/skos:prefLabel ?org }")
    assert rows == [{"org": "Gloucestershire County Council"}]


def test_spellings_that_differ_in_case_still_validate(toy_dir, tmp_path):
    b = toy_dir / "b.txt"
    b.write_text(b.read_text().replace("(Chair)", "(chair)"),
                 encoding="utf-8")
    store = open_store(":memory:")
    build([toy_dir], store, parser=toy_parse)
    roles = store.select("SELECT ?r ?l WHERE { ?m org:role ?r . ?r skos:prefLabel ?l }")
    assert len({r["r"] for r in roles}) == 1 and len({r["l"] for r in roles}) == 1
    assert validate_store(store) == []


def test_seed_build_twice_gives_the_same_quad_count(seed_store, minutes_dir, tmp_path):
    with open_store(seed_store, read_only=True) as store:
        before = store.quad_count()
    result = CliRunner().invoke(cli, ["build", str(minutes_dir), "--store", seed_store])
    assert result.exit_code == 0 and "unchanged 5" in result.stderr
    with open_store(seed_store, read_only=True) as store:
        assert store.quad_count() == before
    with open_store(str(tmp_path / "again")) as fresh:
        build([minutes_dir], fresh)
        assert fresh.quad_count() == before
