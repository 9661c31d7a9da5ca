"""The build: idempotent, replaces changed files, prunes, isolates bad files, guards the store."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import cli
from kg.errors import StoreError
from kg.rdf import LINKS_GRAPH
from kg.store import open_store

from .conftest import toy_parse


def doc_graphs(store) -> list[str]:
    return [g for g in store.graphs() if g != LINKS_GRAPH]


def test_building_twice_adds_nothing(toy_dir, tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        first = build([toy_dir], store, parser=toy_parse)
        n = store.quad_count()
        second = build([toy_dir], store, parser=toy_parse)
        assert store.quad_count() == n
    assert len(first.built) == 2 and second.built == [] and len(second.skipped) == 2


def test_a_fresh_store_gets_the_same_quads(toy_dir, tmp_path):
    counts = []
    for name in ("s1", "s2"):
        with open_store(str(tmp_path / name)) as store:
            build([toy_dir], store, parser=toy_parse, ingested="2024-01-01T00:00:00Z")
            counts.append(sorted(str(q) for q in store.quads()))
    assert counts[0] == counts[1]


def test_a_changed_file_replaces_exactly_its_graph(toy_dir, tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        build([toy_dir], store, parser=toy_parse)
        other = {g: store.quad_count(g) for g in doc_graphs(store) if "toy-b" in g}
        a = toy_dir / "a.txt"
        a.write_text(a.read_text().replace("£25,000", "£40,000"), encoding="utf-8")
        report = build([toy_dir], store, parser=toy_parse)
        amounts = {r["v"] for r in store.select("SELECT ?v WHERE { ?a a schema:MonetaryAmount ; rdfs:label ?v }")}
        assert report.built == ["toy/a.txt"]
        assert "£40,000" in amounts and "£25,000" in amounts  # b.txt still says £25,000
        assert {g: store.quad_count(g) for g in other} == other
        a.write_text(a.read_text().replace("£40,000", "£1"), encoding="utf-8")
        b = toy_dir / "b.txt"
        b.write_text(b.read_text().replace("£25,000", "£2"), encoding="utf-8")
        build([toy_dir], store, parser=toy_parse)
        amounts = {r["v"] for r in store.select("SELECT ?v WHERE { ?a a schema:MonetaryAmount ; rdfs:label ?v }")}
        assert amounts == {"£1", "£2"}


def test_prune_drops_graphs_of_files_that_are_gone(toy_dir, tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        build([toy_dir], store, parser=toy_parse)
        (toy_dir / "b.txt").unlink()
        kept = build([toy_dir], store, parser=toy_parse)
        assert len(doc_graphs(store)) == 2 and kept.pruned == []
        report = build([toy_dir], store, parser=toy_parse, prune=True)
        assert len(report.pruned) == 1 and len(doc_graphs(store)) == 1
        # the links graph forgets what only the pruned file said
        names = {r["l"] for r in store.select("SELECT ?l WHERE { ?p skos:altLabel ?l }")}
        assert "Thomas Clarke" not in names


def test_bad_files_are_reported_and_the_rest_built(toy_dir, tmp_path):
    (toy_dir / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(cli, ["build", str(toy_dir), "--store", str(tmp_path / "s"), "-q"])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "Traceback" not in result.output
    with open_store(str(tmp_path / "s"), read_only=True) as store:
        assert len(doc_graphs(store)) == 2


def test_replace_graph_is_all_or_nothing():
    store = open_store(":memory:")
    g = "https://example.org/g"
    q = ox.Quad(ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p"), ox.Literal("old"),
                ox.NamedNode(g))
    store.replace_graph(g, [q])
    # replace_graph is one update request; one that fails after its drop and insert ran changes nothing
    with pytest.raises(StoreError):
        store.update(f'DROP GRAPH <{g}> ; INSERT DATA {{ GRAPH <{g}> {{ <https://example.org/s> '
                     f'<https://example.org/p> "new" }} }} ; DROP GRAPH <https://example.org/absent>')
    assert [q.object.value for q in store.quads(g)] == ["old"]


def test_a_locked_store_gives_a_clear_error(tmp_path):
    location = str(tmp_path / "s")
    holder = textwrap.dedent(f"""
        import sys, time
        from kg.store import open_store
        s = open_store({location!r})
        print("ready", flush=True)
        sys.stdin.readline()
    """)
    proc = subprocess.Popen([sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="locked"):
            open_store(location)
        result = CliRunner().invoke(cli, ["build", str(tmp_path), "--store", location, "-q"])
        assert result.exit_code == 1 and "locked" in result.stderr and "Traceback" not in result.output
    finally:
        proc.stdin.write("\n")
        proc.stdin.close()
        proc.wait(timeout=10)


@pytest.mark.parametrize("make", ["file", "folder"])
def test_a_path_that_is_not_a_store(tmp_path, make):
    target = tmp_path / "thing"
    if make == "file":
        target.write_text("hello")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("hello")
    for args in (["stats", "--store", str(target)], ["build", str(tmp_path), "--store", str(target), "-q"]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and "not a store" in result.stderr
    with pytest.raises(StoreError):
        open_store(str(target))
    if make == "folder":  # nothing was written into it
        assert [p.name for p in target.iterdir()] == ["notes.txt"]
    else:
        assert target.read_text() == "hello"


def test_a_missing_store_is_not_created_by_readers(tmp_path):
    result = CliRunner().invoke(cli, ["stats", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "kg build" in result.stderr
    assert not (tmp_path / "none").exists()


def test_parallel_parsing_writes_the_same_quads(toy_dir, tmp_path):
    quads = []
    for jobs in (1, 2):
        store = open_store(":memory:")
        build([toy_dir], store, parser=toy_parse, jobs=jobs, ingested=None)
        quads.append(sorted(str(q) for q in store.quads()))
    assert quads[0] == quads[1]


def test_a_missing_path_is_reported_and_the_rest_built(toy_dir, tmp_path):
    result = CliRunner().invoke(cli, ["build", str(tmp_path / "nope.txt"), str(toy_dir / "a.txt"),
                                      "--store", str(tmp_path / "s")])
    assert result.exit_code == 1 and "nope.txt: no such file" in result.stderr
    with open_store(str(tmp_path / "s"), read_only=True) as store:
        assert len(doc_graphs(store)) == 1
