"""Stores loaded from the hand-written TriG fixtures (shapes of docs/model.md)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # fixture_graph, headless

from fixture_graph import load  # noqa: E402

from kg.store import OxigraphStore  # noqa: E402


@pytest.fixture
def store() -> OxigraphStore:
    return load(OxigraphStore(":memory:"), "two_bodies.trig")


@pytest.fixture
def hostile_store() -> OxigraphStore:
    return load(OxigraphStore(":memory:"), "two_bodies.trig", "hostile.trig")


@pytest.fixture
def store_dir(tmp_path) -> str:
    """An on-disk store with both fixtures, for the CLI (which opens it read-only)."""
    location = str(tmp_path / "store")
    s = load(OxigraphStore(location), "two_bodies.trig", "hostile.trig")
    s.close()
    del s
    return location
