"""Emitting in the workers with placeholder keys gives exactly what emitting with the real keys gives."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.build import Source, build, keyed
from kg.documents import read_document
from kg.gazetteer import default
from kg.linkgraph import LinkFacts, entity_labels, facts_quads, gather_facts, link_facts, links_quads
from kg.prelink import injective, prelink_file
from kg.rdf import LINKS_GRAPH, record_quads
from kg.resolve import Registry, link_record
from kg.store import OxigraphStore, open_store

from .conftest import MINUTES, toy_parse

# One document merges a mistyped action owner into the attendee; the next lists both
# spellings, so two of its clusters get one key (the placeholders cannot map one to one).
TYPO = """Riverside Community Safety Partnership – 2021-09-24
Present: Dr Tanya Richardson, Riverside Police; Cllr Ann Baker (Chair), Riverside DC
1 Youth Hub
Action: Tanya Richards to circulate the business case.
"""
BOTH = """Riverside Community Safety Partnership – 2021-12-03
Present: Tanya Richards, Riverside Police; Tanya Richardson, Riverside Police; Ann Baker, Riverside DC
1 Youth Hub
Action: Tanya Richardson to report back.
"""


@pytest.fixture
def files(tmp_path):
    d = tmp_path / "m"
    d.mkdir()
    texts = [MINUTES, MINUTES.replace("2021-03-12", "2021-06-18").replace("Dr Tom Clarke", "Dr Thomas Clarke"),
             TYPO, BOTH]
    out = []
    for i, text in enumerate(texts):
        f = d / f"{i}.txt"
        f.write_text(text, encoding="utf-8")
        out.append(f)
    return out


def links(facts: LinkFacts) -> list[str]:
    """The links graph that facts imply, comparable."""
    return sorted(str(q) for q in facts_quads(facts))


def ordinary(files) -> list[list[ox.Quad]]:
    reg, out = Registry(), []
    for f in files:
        doc = read_document(f, source=f"m/{f.name}")
        rec = toy_parse(doc)
        out.append(record_quads(doc, rec, link_record(rec, reg), source=doc.source, ingested=None))
    return out


def test_prelinked_documents_equal_the_ordinary_emission(files):
    reg, gaz = Registry(), default()
    one_to_one = []
    for f, expected in zip(files, ordinary(files)):
        pre = prelink_file(f, f"m/{f.name}", toy_parse, None)
        doc = keyed(Source(f, f"m/{f.name}"), pre, reg, gaz, toy_parse, None)
        one_to_one.append(injective([c.key for c in pre.clusters]))
        got = list(ox.parse(doc.nquads, format=ox.RdfFormat.N_QUADS))
        assert sorted(map(str, got)) == sorted(map(str, expected))
        assert doc.count == len(expected)
        assert doc.labels == entity_labels(expected)
        facts = LinkFacts()
        facts.merge(doc.facts, doc.rename)
        assert links(facts) == links(link_facts(expected))
    assert one_to_one == [True, True, True, False]  # the last one is emitted the ordinary way


def test_both_spellings_of_a_merged_person_stay_one_person(files):
    last = ordinary(files)[-1]
    people = {str(q.subject) for q in last if q.predicate.value.endswith("altLabel") and "/person/" in q.subject.value
              and q.object.value.startswith("Tanya")}
    assert len(people) == 1


def test_facts_in_python_equal_the_queries(files):
    for quads in ordinary(files):
        mem = OxigraphStore(":memory:")
        mem.ox.extend(quads)
        assert links(link_facts(quads)) == links(gather_facts([(mem, [])]))


def test_a_fresh_build_writes_the_links_graph_the_store_implies(files, tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        report = build([files[0].parent], store, parser=toy_parse, jobs=2)
        assert len(report.built) == len(files) and not report.failed
        written = sorted(str(q) for q in store.quads(LINKS_GRAPH))
        assert written == sorted(str(q) for q in links_quads(store))


def test_worker_processes_give_the_single_process_graph(files, tmp_path):
    graphs = []
    for jobs in (1, 2):
        with open_store(str(tmp_path / f"s{jobs}")) as store:
            build([files[0].parent], store, parser=toy_parse, jobs=jobs, ingested=None)
            graphs.append(sorted(str(q) for q in store.quads()))
    assert graphs[0] == graphs[1]


def test_keys_go_into_the_bytes_only_when_one_to_one_and_iri_safe():
    """The store loads the build's N-Quads without checking IRIs again: a key that could break
    an IRI sends the document the ordinary, checked way."""
    assert injective(["ann-baker", "tom-clarke-2"])
    assert not injective(["ann-baker", "ann-baker"])
    assert not injective(["ann-baker", ""])
    assert not injective(["ann baker"]) and not injective(["a<b"]) and not injective(['a"b'])
