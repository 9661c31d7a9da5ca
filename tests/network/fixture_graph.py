"""Helpers for the network tests: load the TriG fixtures, name their IRIs, read edges by label."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.store import OxigraphStore

FIXTURES = Path(__file__).parent / "fixtures"
ID = "https://w3id.org/partnership-kg/id/"


def load(store: OxigraphStore, *names: str) -> OxigraphStore:
    for name in names:
        store.ox.load(path=str(FIXTURES / name), format=ox.RdfFormat.TRIG)
    return store


def person(slug: str) -> str:
    return f"{ID}person/{slug}"


def org(slug: str) -> str:
    return f"{ID}org/{slug}"


def by_label(g) -> dict[frozenset, dict]:
    """Edges keyed by the pair of labels, so a test reads like the hand count."""
    return {frozenset((g.nodes[u]["label"], g.nodes[v]["label"])): d for u, v, d in g.edges(data=True)}


def pair(a: str, b: str) -> frozenset:
    return frozenset((a, b))
