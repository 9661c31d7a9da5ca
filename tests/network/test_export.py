"""GraphML and GEXF exports load back into networkx with the same nodes, edges and attributes."""

from __future__ import annotations

import networkx as nx
import pytest

from kg import analytics as A
from kg.errors import KGError

READERS = {"graphml": nx.read_graphml, "gexf": nx.read_gexf}


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
@pytest.mark.parametrize("projection", ["people", "people-orgs", "people-programmes", "bodies"])
def test_export_round_trip(store, tmp_path, fmt, projection):
    path = tmp_path / f"net.{fmt}"
    A.export_projection(store, projection, fmt, path)
    original = A.project(store, projection)
    back = READERS[fmt](path)
    assert set(back.nodes) == set(original.nodes)
    assert {frozenset(e) for e in back.edges} == {frozenset(e) for e in original.edges}
    for n, attrs in original.nodes(data=True):
        assert back.nodes[n]["type"] == attrs["type"]
        assert back.nodes[n]["label"] == attrs["label"]
    for u, v, d in original.edges(data=True):
        assert float(back.edges[u, v]["weight"]) == d["weight"]


def test_export_carries_measures_and_flattens_lists(store, tmp_path):
    path = tmp_path / "people.graphml"
    A.export_projection(store, "people", "graphml", path, since="2018")
    alice = nx.read_graphml(path).nodes["https://w3id.org/partnership-kg/id/person/alice-archer"]
    assert alice["betweenness"] == 5.0  # the hand count of the 2018 network
    assert alice["organisations"] == "Northshire County Council"
    assert alice["bodies"] == "Northshire County Council Cabinet; Northshire Leadership Board"


def test_export_errors_name_the_problem(store, tmp_path):
    with pytest.raises(KGError, match="--format"):
        A.export_projection(store, "people", "png", tmp_path / "x.png")
    with pytest.raises(KGError, match="no-such-dir"):
        A.export_projection(store, "people", "gexf", tmp_path / "no-such-dir" / "x.gexf")
    with pytest.raises(KGError, match="--graph"):
        A.export_projection(store, "everything", "gexf", tmp_path / "x.gexf")


def test_export_accepts_the_usual_names(store, tmp_path):
    A.export_projection(store, "co-attendance", "gexf", tmp_path / "co.gexf")
    assert nx.read_gexf(tmp_path / "co.gexf").number_of_nodes() == 7  # the people projection
