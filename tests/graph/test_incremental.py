"""Batched and incremental builds give the same graph as one clean build, and stay valid between commits."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.build as kb
from kg.build import build
from kg.buildlock import BuildLock
from kg.errors import StoreError
from kg.linkgraph import is_stale
from kg.rdf import LINKS_GRAPH
from kg.store import OxigraphStore, open_store
from kg.validate import validate_store

from .conftest import MINUTES, toy_parse

WHEN = "2024-01-01T00:00:00Z"


def quads(store) -> list[str]:
    return sorted(str(q) for q in store.quads())


def clean_build(paths, tmp_path, name="clean") -> list[str]:
    with open_store(str(tmp_path / name)) as store:
        build(paths, store, parser=toy_parse, ingested=WHEN)
        return quads(store)


@pytest.mark.parametrize("small", [0, 1000], ids=["bulk-batches", "exact-batches"])
def test_one_file_at_a_time_gives_the_clean_graph(three, tmp_path, monkeypatch, small):
    monkeypatch.setattr(kb, "SMALL_BUILD", small)
    expected = clean_build([three], tmp_path)
    with open_store(str(tmp_path / "inc")) as store:
        for n in (1, 2, 3):
            sub = tmp_path / f"step{n}" / three.name
            sub.mkdir(parents=True)
            for name in ("a.txt", "b.txt", "c.txt")[:n]:
                (sub / name).write_bytes((three / name).read_bytes())
            build([sub], store, parser=toy_parse, ingested=WHEN)
            assert validate_store(store) == []
        assert quads(store) == expected


@pytest.mark.parametrize("jobs", [1, 2])  # two jobs: two bulk loads side by side, committing in any order
def test_small_batches_give_the_clean_graph(three, tmp_path, monkeypatch, jobs):
    expected = clean_build([three], tmp_path)
    monkeypatch.setattr(kb, "BULK_QUADS", 1)  # one document per bulk batch
    with open_store(str(tmp_path / "b")) as store:
        build([three], store, parser=toy_parse, ingested=WHEN, jobs=jobs)
        assert quads(store) == expected
        assert validate_store(store) == []


def test_a_new_spelling_links_to_the_known_person(three, tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        build([three / "a.txt"], store, parser=toy_parse)
        build([three / "c.txt"], store, parser=toy_parse)
        rows = store.select("SELECT DISTINCT ?p WHERE { ?p skos:altLabel ?l FILTER(?l IN (?a, ?b)) }",
                            bindings={"a": "Sam Price", "b": "Samuel Price"})
        assert len(rows) == 1
        names = store.select("SELECT ?n WHERE { ?p foaf:name ?n }", bindings={"p": ox.NamedNode(rows[0]["p"])})
        assert len(names) == 1


def test_a_changed_file_and_a_pruned_one_leave_the_clean_graph(three, tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        build([three], store, parser=toy_parse, ingested=WHEN)
        a = three / "a.txt"
        a.write_text(a.read_text().replace("£25,000", "£40,000").replace("Jo Evans (Deputising for Sam Price)",
                                                                          "Kim Hale"), encoding="utf-8")
        (three / "c.txt").unlink()
        report = build([three], store, parser=toy_parse, ingested=WHEN, prune=True)
        assert report.built == ["toy/a.txt"] and len(report.pruned) == 1
        assert validate_store(store) == []
        got = quads(store)
    assert got == clean_build([three], tmp_path, "again")


def test_unchanged_files_are_not_parsed_again(three, tmp_path):
    def refuse(doc):
        raise AssertionError(f"{doc.source} parsed again")

    with open_store(str(tmp_path / "s")) as store:
        build([three], store, parser=toy_parse)
        report = build([three], store, parser=refuse)
    assert report.built == [] and report.failed == [] and len(report.skipped) == 3


def test_a_build_stopped_before_its_links_refresh_leaves_a_valid_store_finished_by_the_next(three, tmp_path,
                                                                                            monkeypatch):
    expected = clean_build([three], tmp_path)
    monkeypatch.setattr(kb, "BULK_QUADS", 1)
    monkeypatch.setattr(kb._Writer, "finish", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with open_store(str(tmp_path / "s")) as store:
        with pytest.raises(KeyboardInterrupt):
            build([three], store, parser=toy_parse, ingested=WHEN)
        assert is_stale(store)
        assert validate_store(store) == []  # provisional descriptions keep it valid
        monkeypatch.undo()
        report = build([three], store, parser=toy_parse, ingested=WHEN)
        assert report.built == [] and not is_stale(store)
        assert quads(store) == expected


def test_a_build_stopped_between_its_last_load_and_the_links_update_leaves_a_valid_store(three, tmp_path,
                                                                                          monkeypatch):
    """A fresh build loads the final links graph with its last batch, then one update clears the
    provisional statements and the stale mark: stopped in between, the store is valid and marked stale."""
    expected = clean_build([three], tmp_path)
    monkeypatch.setattr(kb, "BULK_QUADS", 1)
    with open_store(str(tmp_path / "s")) as store:
        real = store.update

        def stop(sparql: str) -> None:
            raise KeyboardInterrupt()

        monkeypatch.setattr(store, "update", stop)
        with pytest.raises(KeyboardInterrupt):
            build([three], store, parser=toy_parse, ingested=WHEN)
        monkeypatch.setattr(store, "update", real)
        assert is_stale(store)
        assert validate_store(store) == []
        report = build([three], store, parser=toy_parse, ingested=WHEN)
        assert report.built == [] and not is_stale(store)
        assert quads(store) == expected


def test_a_fresh_build_in_one_batch_writes_no_stale_mark(three, tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        build([three], store, parser=toy_parse, ingested=WHEN)
        assert not is_stale(store)
        assert quads(store) == clean_build([three], tmp_path)


def test_a_second_build_lock_refuses_naming_the_holder(tmp_path):
    location = str(tmp_path / "s")
    with BuildLock(location):
        with pytest.raises(StoreError, match=f"pid {os.getpid()}"):
            BuildLock(location).acquire()
        lines: list[str] = []
        with pytest.raises(StoreError, match="--wait"):
            BuildLock(location, wait=0.3, notify=lines.append).acquire()
        assert lines and "waiting" in lines[0]
    with BuildLock(location):  # released: free again
        pass


def test_the_lock_of_a_killed_build_is_cleared(tmp_path):
    location = tmp_path / "s"
    location.mkdir()
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)  # a process that is gone
    (location / "kg-build.lock").write_text(f"{pid} 2024-01-01T00:00:00Z\n")
    lines: list[str] = []
    with BuildLock(str(location), notify=lines.append) as lock:
        assert lock.cleared == pid
    assert any(f"pid {pid}" in line for line in lines)


def test_links_graph_is_never_left_without_its_scheme(tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        build([], store)
        assert LINKS_GRAPH in store.graphs()


def test_graphs_written_under_another_schema_are_rebuilt(toy_dir, tmp_path, monkeypatch):
    """Unchanged files built by an older emitter are written again, then skipped as usual."""
    import kg.rdf as kr

    with open_store(str(tmp_path / "store")) as store:
        build([toy_dir], store, parser=toy_parse, ingested=WHEN)
        monkeypatch.setattr(kr, "GRAPH_SCHEMA", kr.GRAPH_SCHEMA + 1)
        monkeypatch.setattr(kb, "GRAPH_SCHEMA", kr.GRAPH_SCHEMA)
        again = build([toy_dir], store, parser=toy_parse, ingested=WHEN)
        assert again.skipped == [] and len(again.built) == 2
        versions = {str(v) for _, _, v in store.statements(kr.GOV.graphSchema)}
        assert versions == {str(kr.GRAPH_SCHEMA)}
        assert validate_store(store) == []
        assert len(build([toy_dir], store, parser=toy_parse, ingested=WHEN).skipped) == 2


def test_a_bulk_build_compacts_the_store_and_a_small_one_does_not(three, tmp_path, monkeypatch):
    compactions = []
    monkeypatch.setattr(OxigraphStore, "compact", lambda self: compactions.append(len(self)))
    with open_store(str(tmp_path / "s")) as store:
        first = build([three], store, parser=toy_parse, ingested=WHEN)
        assert first.bulk_quads > 0 and compactions == [len(store)]
        (three / "a.txt").write_text(MINUTES.replace("2021-03-12", "2022-01-07"), encoding="utf-8")
        second = build([three], store, parser=toy_parse, ingested=WHEN)  # one changed file: an exact batch
        assert second.built and second.bulk_quads == 0 and len(compactions) == 1


def test_compacting_keeps_every_quad(three, tmp_path):
    with open_store(str(tmp_path / "s")) as store:
        build([three], store, parser=toy_parse, ingested=WHEN, compact=False)
        before = quads(store)
        store.compact()
        assert quads(store) == before and validate_store(store) == []


class _RecordingStore:
    """Records the batches it loads (slowly, so later ones queue), failing on the one named ``bad``."""

    def __init__(self, bad: str | None = None):
        self.loaded: list[str] = []
        self.bad = bad

    def load_nquads_file(self, path, count=None, trusted=False):
        import time

        time.sleep(0.05)
        data = Path(path).read_text()
        if data == self.bad:
            raise StoreError(f"cannot load {data}")
        self.loaded.append(data)


def _spool(text: str) -> kb._Spool:
    spool = kb._Spool()
    spool.write(text.encode(), 1)
    return spool


def test_queued_bulk_loads_run_in_order():
    store = _RecordingStore()
    loader = kb._Loader(store)
    for name in ("one", "two", "three", "four"):
        loader.start(_spool(name))
    loader.wait()
    assert store.loaded == ["one", "two", "three", "four"]


def test_two_bulk_loads_run_side_by_side_and_every_batch_is_loaded():
    store = _RecordingStore()
    running, most, lock = [0], [0], threading.Lock()
    load = store.load_nquads_file

    def counting(path, count=None, *, trusted=False):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            load(path, count, trusted=trusted)
        finally:
            with lock:
                running[0] -= 1

    store.load_nquads_file = counting
    loader = kb._Loader(store, depth=2)
    for name in ("one", "two", "three", "four", "five"):
        loader.start(_spool(name))
    loader.wait()
    assert sorted(store.loaded) == ["five", "four", "one", "three", "two"]
    assert most[0] == 2


def test_no_bulk_load_starts_after_a_failure_is_seen():
    store = _RecordingStore(bad="one")
    loader = kb._Loader(store, depth=2)
    loader.start(_spool("one"))
    loader.join()
    with pytest.raises(StoreError, match="cannot load one"):
        loader.start(_spool("two"))
    loader.wait()
    assert store.loaded == []


def test_after_a_failed_bulk_load_no_later_batch_is_loaded():
    store = _RecordingStore(bad="two")
    loader = kb._Loader(store)
    loader.start(_spool("one"))
    loader.start(_spool("two"))
    with pytest.raises(StoreError, match="cannot load two"):
        loader.start(_spool("three"))  # queued behind the failure, or refused
        loader.wait()
    loader.join()
    assert store.loaded == ["one"]
