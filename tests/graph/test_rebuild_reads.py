"""A rebuild's reads of the store: fast paths that give what the plain reads give."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.build as kb
import kg.linkgraph as kl
from kg.build import Source, build, plan_sources, stored_sources
from kg.documents import collect_below, file_sha256
from kg.gazetteer import default as default_gazetteer
from kg.resolve import Registry
from kg.store import OxigraphStore, open_store
from kg.validate import validate_store

from .conftest import MINUTES, toy_parse

WHEN = "2024-01-01T00:00:00Z"
N = ox.NamedNode


def quads(store) -> list[str]:
    return sorted(str(q) for q in store.quads())


def test_text_rows_gives_each_row_and_refuses_what_does_not_fit_a_line():
    store = OxigraphStore(":memory:")
    g, p = N("http://example.org/g"), N("http://example.org/p")
    store.ox.add(ox.Quad(N("http://example.org/a"), p, ox.Literal("two words"), g))
    store.ox.add(ox.Quad(N("http://example.org/b"), p, ox.Literal("x"), g))
    where = "GRAPH ?g { ?s <http://example.org/p> ?o }"
    assert sorted(store.text_rows(where, ("?s", "?o"))) == [["http://example.org/a", "two words"],
                                                            ["http://example.org/b", "x"]]
    assert store.text_rows("GRAPH ?g { ?s <http://example.org/none> ?o }", ("?s", "?o")) == []
    store.ox.add(ox.Quad(N("http://example.org/c"), p, ox.Literal("a line\nbreak"), g))
    assert store.text_rows(where, ("?s", "?o")) is None  # the row count tells
    store.ox.remove(ox.Quad(N("http://example.org/c"), p, ox.Literal("a line\nbreak"), g))
    store.ox.add(ox.Quad(ox.BlankNode("b1"), p, ox.Literal("y"), g))
    assert store.text_rows(where, ("?s", "?o")) is None  # no string for a blank node


def test_stored_sources_match_the_index_scans_and_mark_another_schema(toy_dir, tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        build([toy_dir], store, parser=toy_parse, ingested=WHEN)
        fast = stored_sources(store)
        assert fast == kb._scanned_sources(store)
        assert sorted(fast) == ["toy/a.txt", "toy/b.txt"] and all(len(sha) == 64 for _, sha in fast.values())
        graph = fast["toy/a.txt"][0]
        store.update(f"DELETE {{ GRAPH {N(graph)} {{ ?d gov:graphSchema ?v }} }} "
                     f"INSERT {{ GRAPH {N(graph)} {{ ?d gov:graphSchema 1 }} }} "
                     f"WHERE {{ GRAPH {N(graph)} {{ ?d gov:graphSchema ?v }} }}")
        again = stored_sources(store)
        assert again == kb._scanned_sources(store)
        assert again["toy/a.txt"] == (graph, "") and again["toy/b.txt"] == fast["toy/b.txt"]


def test_a_file_name_with_a_line_break_is_read_back_the_plain_way(toy_dir, tmp_path):
    (toy_dir / "odd\nname.txt").write_text(MINUTES.replace("2021-03-12", "2021-12-01"), encoding="utf-8")
    with open_store(str(tmp_path / "s")) as store:
        build([toy_dir], store, parser=toy_parse, ingested=WHEN)
        assert store.text_rows(kb._sources_where(), ("?g", "?src")) is None
        assert "toy/odd\nname.txt" in stored_sources(store)
        report = build([toy_dir], store, parser=toy_parse, ingested=WHEN)
    assert report.built == [] and len(report.skipped) == 3


def _registry_state(reg: Registry) -> tuple:
    people = [(k, p.name, sorted(p.name_keys), sorted(p.orgs)) for k, p in reg.people.items()]
    by_org = {org: sorted(keys) for org, keys in reg.by_org.items()}
    return people, sorted(reg.by_name_key.items()), by_org, [reg.order(k) for k in reg.people]


def test_the_registry_read_in_one_aggregate_equals_the_index_scans(three, tmp_path, monkeypatch):
    with open_store(str(tmp_path / "s")) as store:
        build([three], store, parser=toy_parse, ingested=WHEN)
        fast = Registry.from_store(store)
        monkeypatch.setattr(OxigraphStore, "text_rows", lambda self, *a, **k: None)
        scanned = Registry.from_store(store)
    assert fast.people and _registry_state(fast) == _registry_state(scanned)


def test_a_rebuild_reads_the_store_ahead_while_parsing_and_gives_the_clean_graph(three, tmp_path, monkeypatch):
    used = []
    update = kl.links_update

    def spy(*args, **kwargs):
        used.append(kwargs.get("ahead"))
        return update(*args, **kwargs)

    monkeypatch.setattr(kb, "links_update", spy)
    with open_store(str(tmp_path / "s")) as store:
        build([three], store, parser=toy_parse, ingested=WHEN)
        a = three / "a.txt"
        a.write_text(a.read_text().replace("£25,000", "£40,000").replace("Jo Evans (Deputising for Sam Price)",
                                                                          "Kim Hale"), encoding="utf-8")
        report = build([three], store, parser=toy_parse, ingested=WHEN)
        assert report.built == ["toy/a.txt"] and validate_store(store) == []
        got = quads(store)
    assert used and used[-1] is not None and used[-1].entities  # read ahead, and used
    with open_store(str(tmp_path / "clean")) as clean:
        build([three], clean, parser=toy_parse, ingested=WHEN)
        assert got == quads(clean)


def test_links_update_gives_the_same_with_or_without_a_read_ahead(three, tmp_path):
    gaz = default_gazetteer()
    with open_store(str(tmp_path / "s")) as store:
        build([three], store, parser=toy_parse, ingested=WHEN)
        sources = stored_sources(store)
        gone = [sources["toy/a.txt"][0]]
        entities = kl.mentioned_entities(store, gone) | {"https://w3id.org/partnership-kg/id/person/someone-new"}
        plain = kl.links_update(store, entities, gaz, exclude=gone)
        ahead = kl.read_ahead(store, gone)
        assert ahead.entities and ahead.facts.labels
        assert kl.links_update(store, entities, gaz, exclude=gone, ahead=ahead) == plain
        other = kl.read_ahead(store, [sources["toy/b.txt"][0]])  # read for another change: not used
        assert kl.links_update(store, entities, gaz, exclude=gone, ahead=other) == plain


def test_collect_below_gives_each_file_its_path_below_the_folder(tmp_path):
    root = tmp_path / "minutes"
    (root / "2019").mkdir(parents=True)
    (root / "a.txt").write_text("x")
    (root / "2019" / "b.MD").write_text("x")
    (root / "notes.csv").write_text("x")
    os.symlink(root / "a.txt", root / "c.txt")
    found = dict(collect_below(root))
    assert found == {f"{root}/2019/b.MD": "2019/b.MD", f"{root}/a.txt": "a.txt"}  # the symlink: same file
    (tmp_path / "d.txt").write_text("y")
    os.symlink(tmp_path / "d.txt", root / "e.txt")
    assert dict(collect_below(root))[f"{root}/e.txt"] is None  # a symlink: its name takes a system call
    names = [s.name for s in plan_sources([root])]
    assert names == ["minutes/2019/b.MD", "minutes/a.txt", "d.txt"]  # a symlink: named by what it points to


def test_a_source_makes_its_path_only_when_asked():
    s = Source("minutes/a.txt", "minutes/a.txt")
    assert s.where == "minutes/a.txt"
    assert s.path == Path("minutes/a.txt") and isinstance(s.where, Path)


@pytest.mark.parametrize("size", [0, 10, (1 << 20) + 7])
def test_file_sha256_is_the_sha256_of_the_bytes(tmp_path, size):
    f = tmp_path / "f.txt"
    data = os.urandom(size)
    f.write_bytes(data)
    assert file_sha256(f) == file_sha256(str(f)) == hashlib.sha256(data).hexdigest()


def test_opening_a_store_keeps_only_a_few_old_info_logs(tmp_path):
    from kg.store import KEEP_INFO_LOGS

    location = tmp_path / "s"
    for _ in range(KEEP_INFO_LOGS + 3):
        OxigraphStore(str(location)).close()
    (location / "LOG.old.notanumber").write_text("kept: not one of RocksDB's names")
    OxigraphStore(str(location)).close()
    old = sorted(p.name for p in location.iterdir() if p.name.startswith("LOG.old."))
    assert len(old) == KEEP_INFO_LOGS + 1 and "LOG.old.notanumber" in old
    assert (location / "LOG").exists()
