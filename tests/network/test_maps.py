"""The map file: self-contained, offline, escaped, and sized by the chosen measure."""

from __future__ import annotations

import json
import re

import pytest

from kg import analytics as A
from kg.maps import EXTERNAL_REF, MapError, make_offline, render_map, vis_data, write_map

HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def page(hostile_store, tmp_path) -> str:
    path = tmp_path / "map.html"
    write_map(hostile_store, path, projection="people-orgs")
    return path.read_text(encoding="utf-8")


def test_map_has_no_reference_to_another_host(page):
    assert not EXTERNAL_REF.search(page)
    assert not re.search(r"@import|url\(\s*['\"]?https?:", page)
    assert "Content-Security-Policy" in page and "default-src 'none'" in page


def test_map_inlines_vis_network(page):
    assert "vis-network" in page and "new vis.Network(" in page
    assert len(page) > 100_000  # the library itself is inside the file


def test_hostile_names_never_appear_as_markup(page):
    # Every name from the documents reaches the page only inside JSON with < > & escaped.
    assert HOSTILE not in page
    assert "<svg onload" not in page
    assert "data-pwned" not in page.replace("\\u0027data-pwned\\u0027", "")
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in page


def test_title_is_escaped(store, tmp_path):
    path = tmp_path / "t.html"
    write_map(store, path, title="<script>alert(5)</script>")
    text = path.read_text(encoding="utf-8")
    assert "<script>alert(5)" not in text
    assert "&lt;script&gt;alert(5)&lt;/script&gt;" in text


def test_legend_lists_the_types_on_the_map(page):
    legend = re.search(r'<div class="kg-legend">(.*?)</div>', page).group(1)
    assert re.findall(r'value="(\w+)"', legend) == ["person", "organisation"]
    assert 'id="kg-search"' in page


def test_nodes_sized_by_measure_and_positioned(store):
    g = A.project(store, "people", A.resolve_filters(store, since="2018"))
    m = A.measure(g)
    nodes, edges = vis_data(g, m, "betweenness")
    size = {n["label"]: n["size"] for n in nodes}
    assert max(size, key=size.get) == "Alice Archer"  # the broker (betweenness 5)
    assert size["Eve Evans"] == min(size.values())  # betweenness 0
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in nodes)
    widths = {frozenset((nodes[e["from"]]["label"], nodes[e["to"]]["label"])): e["width"] for e in edges}
    assert widths[frozenset(("Alice Archer", "Carol Clark"))] == max(widths.values())  # 2 meetings in 2018


def test_tooltip_carries_name_organisations_roles_meetings_and_evidence(store):
    g = A.project(store, "people")
    nodes, _ = vis_data(g, A.measure(g))
    tip = next(n["tip"] for n in nodes if n["label"] == "Alice Archer")
    assert tip[0] == "Alice Archer"
    assert "Organisations: Northshire County Council" in tip
    assert "Roles: Chair; Leader of the Council" in tip
    assert "Meetings: 5" in tip
    assert tip[-1] == "“Cllr Alice Archer (Chair)\tNorthshire County Council”"


def test_physics_off_so_the_layout_never_moves(page):
    options = json.loads(re.search(r"var options = (\{.*?\});\n", page).group(1))
    assert options["physics"]["enabled"] is False


def test_make_offline_strips_cdn_tags():
    html = ('<head><link href="https://cdn.example/b.css" rel="stylesheet" />'
            '<script\n src="https://cdn.example/b.js"\n integrity="x"></script></head>')
    assert make_offline(html) == "<head></head>"


def test_unknown_size_measure_is_an_error(store):
    g = A.project(store, "people")
    with pytest.raises(MapError, match="--size-by"):
        vis_data(g, A.measure(g), "loudness")


def test_empty_network_still_renders(store):
    g = A.project(store, "people", A.resolve_filters(store, since="2030"))
    assert "new vis.Network(" in render_map(g)


def test_big_maps_draw_only_the_strongest_ties(store):
    g = A.project(store, "people")
    nodes, edges = vis_data(g, A.measure(g), max_edges=3)
    assert len(nodes) == 7  # every person stays on the map
    drawn = {frozenset((nodes[e["from"]]["label"], nodes[e["to"]]["label"])) for e in edges}
    # the two ties of three meetings, and one of two meetings
    assert {frozenset(("Alice Archer", "Bob Baker")), frozenset(("Alice Archer", "Carol Clark"))} < drawn
    assert len(drawn) == 3
