"""Store.apply_batch commits all or nothing, and readers ride out a writer's compaction."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import kg.store as ks
from kg.errors import StoreError
from kg.store import Store, open_store

EX = "https://example.org/"


def quad(s: str, o: str, g: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(EX + "p"), ox.Literal(o), ox.NamedNode(EX + g))


def content(store) -> set[tuple[str, str, str]]:
    return {(q.subject.value, q.object.value, q.graph_name.value) for q in store.quads()}


@pytest.fixture(params=["memory", "disk"])
def store(request, tmp_path):
    s = open_store(":memory:" if request.param == "memory" else str(tmp_path / "s"))
    yield s
    s.close()


def test_additions_drops_and_updates_land_together(store):
    store.apply_batch([quad("a", "1", "g1"), quad("b", "2", "g2")])
    assert content(store) == {(EX + "a", "1", EX + "g1"), (EX + "b", "2", EX + "g2")}
    store.apply_batch([quad("c", "3", "g1")], drop=[EX + "g2"],
                      before=[f"DELETE DATA {{ GRAPH <{EX}g1> {{ <{EX}a> <{EX}p> \"1\" }} }}"])
    assert content(store) == {(EX + "c", "3", EX + "g1")}


def test_a_failing_batch_changes_nothing(store):
    store.apply_batch([quad("a", "1", "g1")])
    with pytest.raises(StoreError):
        # the last operation fails (the graph is absent), after the drop and the insert ran
        store.apply_batch([quad("b", "2", "g2")], drop=[EX + "g1"], before=[f"DROP GRAPH <{EX}absent>"])
    assert content(store) == {(EX + "a", "1", EX + "g1")}


def test_the_generic_batch_for_other_stores_sends_updates(monkeypatch):
    """What a store without its own apply_batch (a SPARQL endpoint) receives."""
    sent: list[str] = []

    class Recorder(Store):
        BATCH_REQUEST = 2

        def update(self, sparql: str) -> None:
            sent.append(sparql)

    mem = open_store(":memory:")
    Recorder().apply_batch([quad("a", "1", "g1")], drop=[EX + "g0"])
    assert len(sent) == 1 and "DROP SILENT GRAPH" in sent[0] and "INSERT DATA" in sent[0]
    mem.update(sent[0])
    assert content(mem) == {(EX + "a", "1", EX + "g1")}
    sent.clear()
    Recorder().apply_batch([quad(x, x, "g1") for x in "abcde"])
    assert len(sent) == 3  # chunks of BATCH_REQUEST quads
    for s in sent:
        mem.update(s)
    assert len(content(mem)) == 6


def test_a_reader_retries_a_table_file_deleted_under_it(tmp_path, monkeypatch):
    location = str(tmp_path / "s")
    open_store(location).close()
    real = ox.Store.read_only
    calls = []

    def flaky(path):
        calls.append(path)
        if len(calls) < 3:
            raise OSError("Corruption: IO error: No such file or directory: While open a file for random read: "
                          f"{path}/000036.sst")
        return real(path)

    monkeypatch.setattr(ks.ox.Store, "read_only", staticmethod(flaky))
    monkeypatch.setattr(ks.time, "sleep", lambda s: None)
    with open_store(location, read_only=True) as store:
        assert store.graphs() == []
    assert len(calls) == 3


def test_a_reader_reports_a_real_failure_at_once(tmp_path, monkeypatch):
    location = str(tmp_path / "s")
    open_store(location).close()
    calls = []

    def broken(path):
        calls.append(path)
        raise OSError("Permission denied")

    monkeypatch.setattr(ks.ox.Store, "read_only", staticmethod(broken))
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(location, read_only=True)
    assert len(calls) == 1


def test_nquads_bytes_load_each_quad_into_its_own_graph(store):
    data = ox.serialize([quad("a", "1", "g1"), quad("b", "2", "g2")], format=ox.RdfFormat.N_QUADS)
    store.load_nquads(data, count=2)
    store.load_nquads(ox.serialize([quad("c", "3", "g1")], format=ox.RdfFormat.N_QUADS))  # uncounted
    assert content(store) == {(EX + "a", "1", EX + "g1"), (EX + "b", "2", EX + "g2"), (EX + "c", "3", EX + "g1")}


def test_bad_nquads_change_nothing_and_name_the_store(store):
    store.apply_batch([quad("a", "1", "g1")])
    good = ox.serialize([quad("b", "2", "g2")], format=ox.RdfFormat.N_QUADS)
    with pytest.raises(StoreError, match="N-Quads"):
        store.load_nquads(good + b"<broken", count=2)
    assert content(store) == {(EX + "a", "1", EX + "g1")}


def test_statements_of_one_predicate_by_graph_and_object(store):
    other = ox.Quad(ox.NamedNode(EX + "a"), ox.NamedNode(EX + "q"), ox.NamedNode(EX + "x"), ox.NamedNode(EX + "g1"))
    store.apply_batch([quad("a", "1", "g1"), quad("b", "2", "g2"), other])
    assert sorted(store.statements(EX + "p")) == [(EX + "g1", EX + "a", "1"), (EX + "g2", EX + "b", "2")]
    assert list(store.statements(EX + "p", EX + "g2")) == [(EX + "g2", EX + "b", "2")]
    assert list(store.statements(EX + "q", obj=EX + "x")) == [(EX + "g1", EX + "a", EX + "x")]
    assert list(store.statements(EX + "q", obj=EX + "y")) == []


def test_statements_through_sparql_match_the_index_scan(store):
    """What a store without its own ``statements`` (a SPARQL endpoint) answers."""

    class Endpoint(Store):
        def select(self, sparql, bindings=None):
            return store.select(sparql, bindings)

    store.apply_batch([quad("a", "1", "g1"), quad("b", "2", "g2")])
    for args in ((EX + "p",), (EX + "p", EX + "g1"), (EX + "p", None, EX + "1")):
        assert sorted(Endpoint().statements(*args)) == sorted(store.statements(*args))


def test_an_nquads_file_loads_like_bytes(store, tmp_path):
    path = tmp_path / "batch.nq"
    path.write_bytes(ox.serialize([quad("a", "1", "g1"), quad("b", "2", "g2")], format=ox.RdfFormat.N_QUADS))
    store.load_nquads_file(str(path), count=2, trusted=True)
    assert content(store) == {(EX + "a", "1", EX + "g1"), (EX + "b", "2", EX + "g2")}
    path.write_bytes(path.read_bytes() + b"<broken")
    with pytest.raises(StoreError, match="N-Quads"):
        store.load_nquads_file(str(path), count=3)
    assert len(content(store)) == 2


def test_a_folder_a_build_has_just_claimed_reads_as_an_empty_store(tmp_path):
    location = tmp_path / "s"
    location.mkdir()
    (location / ks.BUILD_LOCK).write_text("123 2024-01-01T00:00:00Z\n")
    with open_store(str(location), read_only=True) as store:
        assert store.quad_count() == 0 and store.graphs() == []
    with pytest.raises(StoreError, match="no store here"):
        open_store(str(tmp_path / "absent"), read_only=True)


@pytest.mark.parametrize("error", ["Invalid argument: Column family not found: spog",
                                   "Inserts are only possible on read-write instances"])
def test_a_store_whose_creation_was_killed_reads_as_empty(tmp_path, monkeypatch, error):
    """A build killed while RocksDB and Oxigraph create the store (about 0.3 s) leaves a folder
    that a read-only open refuses in one of these ways; nothing was ever committed to it."""
    location = tmp_path / "s"
    location.mkdir()
    for name in ("CURRENT", "IDENTITY", "MANIFEST-000001", "000004.log"):  # what such a folder holds
        (location / name).write_bytes(b"")

    def unborn(path):
        raise RuntimeError(error)

    monkeypatch.setattr(ks.ox.Store, "read_only", staticmethod(unborn))
    with open_store(str(location), read_only=True) as store:
        assert store.quad_count() == 0
    (location / "000099.sst").write_bytes(b"")  # a store with tables is never taken for an empty one
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(str(location), read_only=True)
