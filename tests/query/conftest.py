"""Fixtures for the query layer: the hand-written TriG graph loaded into an on-disk store."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

FIXTURES = Path(__file__).parent / "fixtures"
ID = "https://w3id.org/partnership-kg/id/"


def load_store(trig: Path, directory: Path) -> str:
    store = ox.Store(str(directory))
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return str(directory)


@pytest.fixture(scope="session")
def store_dir(tmp_path_factory) -> str:
    """An on-disk store holding tests/query/fixtures/two_bodies.trig (opened read-only by tests)."""
    return load_store(FIXTURES / "two_bodies.trig", tmp_path_factory.mktemp("two-bodies") / "store")


@pytest.fixture(scope="session")
def store(store_dir):
    from kg.store import open_store

    s = open_store(store_dir, read_only=True)
    yield s
    s.close()


def quad_count(store_dir: str) -> int:
    s = ox.Store.read_only(store_dir)
    return len(s)
