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
