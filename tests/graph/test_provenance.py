"""Provenance: every fact points at its evidence, and the quote is the source text at its offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.build import build, plan_sources
from kg.documents import read_document
from kg.store import open_store

from .conftest import toy_parse

EVIDENCE = """
SELECT ?fact ?type ?src ?start ?end ?exact WHERE {
  ?fact a ?type ; gov:evidence ?ev .
  ?ev oa:hasSource/dcterms:source ?src ;
      oa:hasSelector [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] ,
                     [ a oa:TextQuoteSelector ; oa:exact ?exact ] .
}"""


def check_quotes(store, paths: list[Path]) -> dict[str, int]:
    """Assert every evidence quote is the text at its offsets; count evidence per class."""
    texts = {s.name: read_document(s.path, source=s.name).text for s in plan_sources(paths)}
    counts: dict[str, int] = {}
    for r in store.select(EVIDENCE):
        assert texts[r["src"]][r["start"]:r["end"]] == r["exact"], r["fact"]
        kind = r["type"].rsplit("#", 1)[-1].rsplit("/", 1)[-1]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def test_every_fact_of_the_toy_minutes_has_a_true_quote(toy_dir):
    store = open_store(":memory:")
    build([toy_dir], store, parser=toy_parse)
    counts = check_quotes(store, [toy_dir])
    for kind in ("Attendance", "Apology", "AgendaItem", "Decision", "Action", "Presentation", "MonetaryAmount"):
        assert counts.get(kind), kind
    facts = store.select("""SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE {
        ?f a ?t . VALUES ?t { gov:Decision gov:Action } FILTER NOT EXISTS { ?f gov:evidence ?e } }""")
    assert facts[0]["n"] == 0


def test_document_graph_records_source_hash_and_time(toy_dir):
    store = open_store(":memory:")
    build([toy_dir], store, parser=toy_parse, ingested="2024-05-01T09:30:00Z")
    rows = store.select("""SELECT ?g ?src ?sha ?t WHERE { GRAPH ?g {
        ?d a prov:Entity ; dcterms:source ?src ; gov:sha256 ?sha ; prov:generatedAtTime ?t } }""")
    assert sorted(r["src"] for r in rows) == ["toy/a.txt", "toy/b.txt"]
    import hashlib
    for r in rows:
        assert r["sha"] == hashlib.sha256((toy_dir.parent / r["src"]).read_bytes()).hexdigest()
        assert r["t"].startswith("2024-05-01T09:30:00")


@pytest.fixture(scope="module")
def seed_store(minutes_dir):
    store = open_store(":memory:")
    report = build([minutes_dir], store)
    assert not report.failed
    return store


def test_every_seed_evidence_quote_is_the_source_text(seed_store, minutes_dir):
    counts = check_quotes(seed_store, [minutes_dir])
    assert sum(counts.values()) > 0
    missing = seed_store.select("""SELECT ?f WHERE { ?f a ?t . VALUES ?t { gov:Decision gov:Action }
        FILTER NOT EXISTS { ?f gov:evidence ?e } }""")
    assert missing == []


def test_one_meeting_in_two_documents_keeps_each_documents_offsets(minutes_dir, tmp_path):
    """The same minutes saved twice, once with a note above them: every fact has one piece of
    evidence in each document, at that document's offsets, never one whose offsets mix the two."""
    seed = sorted(minutes_dir.iterdir())[0]
    folder = tmp_path / "twice"
    folder.mkdir()
    (folder / "a.txt").write_bytes(seed.read_bytes())
    (folder / "b.txt").write_bytes(b"DRAFT - as circulated\n\n" + seed.read_bytes())
    store = open_store(":memory:")
    assert not build([folder], store).failed
    counts = check_quotes(store, [folder])  # every start and end read with its own document's text
    assert sum(counts.values()) > 0
    per_fact = store.select("""SELECT ?f (COUNT(DISTINCT ?ev) AS ?n) (COUNT(DISTINCT ?start) AS ?starts) WHERE {
        ?f a gov:Decision ; gov:evidence ?ev . ?ev oa:hasSelector/oa:start ?start } GROUP BY ?f""")
    assert per_fact and all(r["n"] == 2 and r["starts"] == 2 for r in per_fact)
    per_span = store.select("""SELECT ?ev (COUNT(DISTINCT ?start) AS ?n) WHERE {
        ?ev oa:hasSelector/oa:start ?start } GROUP BY ?ev HAVING (COUNT(DISTINCT ?start) > 1)""")
    assert per_span == []


def test_facts_read_from_one_sentence_share_one_annotation(seed_store):
    shared = seed_store.select("""SELECT ?ev (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f gov:evidence ?ev }
        GROUP BY ?ev HAVING (COUNT(DISTINCT ?f) > 1)""")
    assert shared, "no two facts of the seeds come from the same span"
    quads = seed_store.select("""SELECT (COUNT(*) AS ?n) WHERE { ?ev a oa:SpecificResource }""")
    annotations = seed_store.select("""SELECT (COUNT(DISTINCT ?ev) AS ?n) WHERE { ?f gov:evidence ?ev }""")
    assert quads[0]["n"] == annotations[0]["n"]  # one resource per span, typed once
