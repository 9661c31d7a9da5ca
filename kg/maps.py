"""Interactive network maps: one self-contained HTML file made with pyvis.

Why the extra work around pyvis 0.3.2:

- Offline: ``cdn_resources='in_line'`` inlines vis-network, but the template still
  links Bootstrap from a CDN; those tags are removed and a Content-Security-Policy
  forbids any other fetch, so opening the file never contacts another host.
- Safe: names come from documents. Labels are drawn on the canvas as text, the node
  data is JSON-encoded by the template with ``<``, ``>`` and ``&`` escaped, and
  tooltips are DOM elements filled with ``textContent`` (vis-network would render a
  ``title`` string as HTML).
- Fast: positions are computed beforehand with networkx and physics is off, so the
  map draws at once and never keeps moving; nodes and edges are handed to pyvis as
  lists (its ``add_edge`` scans every existing edge).

``python -m kg.maps --store DIR --screenshot docs/img/map.png`` makes the README picture.
"""

from __future__ import annotations

import html
import math
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import networkx as nx

from kg.analytics import Filters, measure, project
from kg.errors import KGError
from kg.store import Store

# type -> (vis-network shape, colour, legend glyph)
STYLE = {
    "person": ("dot", "#4e79a7", "●"),
    "organisation": ("square", "#f28e2b", "■"),
    "body": ("diamond", "#59a14f", "◆"),
    "meeting": ("triangle", "#9c755f", "▲"),
    "programme": ("star", "#e15759", "★"),
}
SIZE_MEASURES = {"degree": "weighted_degree", "betweenness": "betweenness", "pagerank": "pagerank"}
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data: blob:; font-src data:")


class MapError(KGError):
    """The map could not be written."""


SPACING = 70  # screen units per node along a component's side
KAMADA_KAWAI_MAX = 150  # nicer for small components, but quadratic
CLUSTERED_MIN = 400  # above this, lay out Louvain groups separately
MAX_EDGES = 20_000  # a browser draws about this many edges in a few seconds; keep the strongest


def _clustered_layout(g: nx.Graph, seed: int) -> dict[Any, tuple[float, float]]:
    """Big components: Louvain groups placed by a layout of the group graph, each group laid
    out on its own. Force layouts of the whole are quadratic per step (3,000 people: about a
    minute); this is a few seconds and shows the groups."""
    groups = [sorted(c, key=str) for c in nx.community.louvain_communities(g, weight="weight", seed=seed)]
    if len(groups) == 1:
        return nx.spring_layout(g, seed=seed, iterations=30, weight=None)
    group_of = {v: i for i, c in enumerate(groups) for v in c}
    between = nx.Graph()
    between.add_nodes_from(range(len(groups)))
    for u, v in g.edges():
        a, b = group_of[u], group_of[v]
        if a != b:
            w = between.get_edge_data(a, b, {"weight": 0})["weight"]
            between.add_edge(a, b, weight=w + 1)
    centres = nx.spring_layout(between, seed=seed, weight=None)
    radius = [math.sqrt(len(c)) for c in groups]
    spread = 1.5 * max(radius) * math.sqrt(len(groups))
    pos: dict[Any, tuple[float, float]] = {}
    for i, members in enumerate(groups):
        cx, cy = centres[i]
        inner = _component_layout(g.subgraph(members), seed, fast=True)
        for v, (x, y) in inner.items():
            pos[v] = (cx * spread + (x - 0.5) * 2 * radius[i], cy * spread + (y - 0.5) * 2 * radius[i])
    return pos


def _component_layout(g: nx.Graph, seed: int, fast: bool = False) -> dict[Any, tuple[float, float]]:
    """Positions in [0, 1] for one connected component (hops, not weights: dense meetings
    would otherwise collapse into a ball)."""
    n = g.number_of_nodes()
    if n == 1:
        return {next(iter(g)): (0.5, 0.5)}
    if fast:
        pos = nx.spring_layout(g, seed=seed, iterations=40, weight=None)
    elif n <= KAMADA_KAWAI_MAX:
        pos = nx.kamada_kawai_layout(g, weight=None)
    elif n <= CLUSTERED_MIN:
        pos = nx.spring_layout(g, seed=seed, iterations=50, weight=None)
    else:
        pos = _clustered_layout(g, seed)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    w, h = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {v: ((x - min(xs)) / w, (y - min(ys)) / h) for v, (x, y) in pos.items()}


def layout(g: nx.Graph, seed: int = 42) -> dict[Any, tuple[float, float]]:
    """Positions in screen units, computed once so the browser need not simulate physics.

    Each connected component is laid out on its own and the components are packed
    in rows, largest first, so a small separate group does not fly off the screen.
    """
    n = g.number_of_nodes()
    if n == 0:
        return {}
    components = sorted(nx.connected_components(g), key=lambda c: (-len(c), min(map(str, c))))
    width = SPACING * math.sqrt(n) * 1.6
    gap = SPACING
    out: dict[Any, tuple[float, float]] = {}
    x0 = y0 = row = 0.0
    for nodes in components:
        side = SPACING * math.sqrt(len(nodes)) * (1.3 if len(nodes) > 1 else 0)
        if x0 > 0 and x0 + side > width:
            x0, y0, row = 0.0, y0 + row + gap, 0.0
        for v, (x, y) in _component_layout(g.subgraph(nodes), seed).items():
            out[v] = (x0 + x * side, y0 + y * side)
        x0 += side + gap
        row = max(row, side)
    return out


def tooltip_lines(attrs: dict[str, Any], m: dict[str, Any]) -> list[str]:
    """What a tooltip says, as plain text lines (the page turns them into DOM text)."""
    lines = [str(attrs.get("label", "")), attrs.get("type", "")]
    for key, name in (("organisations", "Organisations"), ("roles", "Roles"), ("bodies", "Bodies")):
        if attrs.get(key):
            lines.append(f"{name}: {'; '.join(attrs[key])}")
    if "meetings" in attrs:
        lines.append(f"Meetings: {attrs['meetings']}")
    if "people" in attrs:
        lines.append(f"People: {attrs['people']}")
    figures = [f"weighted degree {m['weighted_degree']:g}"]
    if m.get("betweenness") is not None:
        figures.append(f"betweenness {m['betweenness']:.1f}")
    if m.get("pagerank") is not None:
        figures.append(f"pagerank {m['pagerank']:.3f}")
    lines.append(", ".join(figures).capitalize())
    if attrs.get("evidence"):
        lines.append(f"“{attrs['evidence']}”")
    return lines


def _edge_detail(g: nx.Graph, d: dict) -> str:
    if g.graph.get("projection") == "people-programmes":
        return ", ".join(f"{k} {d.get(k, 0)}" for k in ("presented", "decided", "actions"))
    if g.graph.get("projection") == "meetings":
        return "attended" if d.get("weight", 1) else ""
    return f"{d.get('weight', 1):g} meeting(s)"


def strongest_edges(g: nx.Graph, limit: int = MAX_EDGES) -> list[tuple[Any, Any, dict]]:
    """The ``limit`` heaviest edges (all of them when there are fewer)."""
    edges = list(g.edges(data=True))
    if len(edges) <= limit:
        return edges
    return sorted(edges, key=lambda e: -e[2].get("weight", 1))[:limit]


def vis_data(g: nx.Graph, measures: dict, size_by: str = "degree",
             max_edges: int = MAX_EDGES) -> tuple[list[dict], list[dict]]:
    """Node and edge dicts for vis-network, with precomputed positions and sizes.

    Past ``max_edges`` only the strongest ties are drawn (and laid out): the browser's
    drawing time grows with edges, and weak ties hide the structure anyway.
    """
    key = SIZE_MEASURES.get(size_by)
    if key is None:
        raise MapError(f"--size-by: {size_by!r} is not one of {', '.join(SIZE_MEASURES)}")
    kept = strongest_edges(g, max_edges)
    drawn = g if len(kept) == g.number_of_edges() else nx.Graph(kept)
    drawn.add_nodes_from(g.nodes(data=True))
    pos = layout(drawn)
    top = max((measures[n][key] or 0 for n in g), default=0) or 1
    index = {n: i for i, n in enumerate(g)}
    nodes = []
    for n, attrs in g.nodes(data=True):
        kind = attrs.get("type", "person")
        shape, colour, _ = STYLE.get(kind, STYLE["person"])
        x, y = pos[n]
        nodes.append({
            "id": index[n], "label": str(attrs.get("label", n)), "kind": kind, "shape": shape, "color": colour,
            "size": round(8 + 30 * math.sqrt(max(measures[n][key] or 0, 0) / top), 2),
            "x": round(x, 1), "y": round(y, 1), "tip": tooltip_lines(attrs, measures[n]),
        })
    wmax = max((d.get("weight", 1) for _, _, d in kept), default=1) or 1
    edges = [
        {"id": i, "from": index[u], "to": index[v], "width": round(1 + 7 * d.get("weight", 1) / wmax, 2),
         "detail": _edge_detail(g, d)}
        for i, (u, v, d) in enumerate(kept)
    ]
    return nodes, edges


OPTIONS = {
    "physics": {"enabled": False},
    "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True, "navigationButtons": False},
    "edges": {"smooth": False, "color": {"color": "#9aa5b1", "highlight": "#333333", "opacity": 0.6}},
    "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
}

PAGE_CSS = """
body { margin: 0; font-family: sans-serif; }
#mynetwork { width: 100vw !important; height: 100vh !important; border: 0 !important; float: none !important; }
.kg-panel { position: fixed; top: 10px; left: 10px; z-index: 10; background: rgba(255,255,255,.92);
            border: 1px solid #ccc; border-radius: 6px; padding: 8px 10px; font-size: 13px; max-width: 320px; }
.kg-panel h1 { font-size: 15px; margin: 0 0 6px 0; }
.kg-panel input[type=search] { width: 100%; box-sizing: border-box; margin-bottom: 4px; }
.kg-legend label { display: block; cursor: pointer; }
.kg-tip { display: none; position: fixed; z-index: 20; max-width: 360px; white-space: normal; font-size: 12px;
          background: #fffff4; border: 1px solid #888; border-radius: 4px; padding: 5px 7px; pointer-events: none; }
.kg-tip strong { display: block; font-size: 13px; }
"""

PAGE_JS = """
(function () {
  // Tooltips are our own element filled with textContent: names from documents never become markup.
  var tip = document.createElement('div');
  tip.className = 'kg-tip';
  document.body.appendChild(tip);
  function show(lines, event) {
    tip.textContent = '';
    lines.forEach(function (line, i) {
      var el = document.createElement(i === 0 ? 'strong' : 'div');
      el.textContent = line;
      tip.appendChild(el);
    });
    var p = event && event.pointer ? event.pointer.DOM : {x: 0, y: 0};
    tip.style.left = (p.x + 14) + 'px';
    tip.style.top = (p.y + 14) + 'px';
    tip.style.display = 'block';
  }
  function hide() { tip.style.display = 'none'; }
  network.on('hoverNode', function (e) { show(nodes.get(e.node).tip, e); });
  network.on('hoverEdge', function (e) {
    var edge = edges.get(e.edge);
    show([nodes.get(edge.from).label + ' \u2013 ' + nodes.get(edge.to).label, edge.detail], e);
  });
  network.on('blurNode', hide);
  network.on('blurEdge', hide);
  network.on('dragStart', hide);

  var search = document.getElementById('kg-search');
  var found = document.getElementById('kg-found');
  search.addEventListener('input', function () {
    var q = search.value.trim().toLowerCase();
    if (!q) { network.unselectAll(); found.textContent = ''; return; }
    var hits = nodes.getIds({filter: function (n) {
      return !n.hidden && n.label.toLowerCase().indexOf(q) >= 0;
    }});
    network.selectNodes(hits);
    if (hits.length) { network.fit({nodes: hits, animation: false}); }
    found.textContent = hits.length + ' found';
  });
  document.querySelectorAll('.kg-legend input').forEach(function (box) {
    box.addEventListener('change', function () {
      var kind = box.value, hide = !box.checked;
      nodes.update(nodes.get({filter: function (n) { return n.kind === kind; }})
        .map(function (n) { return {id: n.id, hidden: hide}; }));
    });
  });
  network.once('afterDrawing', function () {
    window.kgDrawnMs = performance.now();
    document.body.setAttribute('data-kg-drawn', String(nodes.length));
  });
  network.redraw();  // the first frame may already be drawn: mark the next one
})();
"""

_EXTERNAL_TAG = re.compile(
    r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>"
    r"|<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script>",
    re.IGNORECASE | re.DOTALL,
)
# Only inside a tag: node data is JSON with "<" escaped, so it can never open one, and a name
# from a document that reads "src=http://..." is text, not a reference (it used to fail the map).
EXTERNAL_REF = re.compile(r"<[A-Za-z][^<>]*?\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.IGNORECASE)


def make_offline(page: str) -> str:
    """Remove every tag that would load from another host; fail loudly if one is left."""
    page = _EXTERNAL_TAG.sub("", page)
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    page = re.sub(r"<!--\s*<link.*?-->", "", page, flags=re.DOTALL)  # a commented-out local vis link
    if EXTERNAL_REF.search(page):
        raise MapError("the map template still refers to another host")  # a pyvis upgrade changed it
    return page


def _panel(title: str, kinds: list[str], nodes: int, edges: int, drawn: int) -> str:
    legend = "".join(
        f'<label><input type="checkbox" value="{k}" checked> '
        f'<span style="color:{STYLE[k][1]}">{STYLE[k][2]}</span> {html.escape(k)}</label>'
        for k in kinds if k in STYLE
    )
    return (
        f'<div class="kg-panel"><h1>{html.escape(title)}</h1>'
        f'<div>{nodes:,} nodes, {edges:,} edges'
        f'{f" (the {drawn:,} strongest drawn)" if drawn < edges else ""}</div>'
        f'<input id="kg-search" type="search" placeholder="Find a name…" aria-label="Find a name">'
        f'<div id="kg-found"></div><div class="kg-legend">{legend}</div></div>'
    )


def render_map(g: nx.Graph, size_by: str = "degree", title: str = "Network", measures: dict | None = None,
               max_edges: int = MAX_EDGES) -> str:
    """The map of ``g`` as one HTML page that needs nothing but itself."""
    from pyvis.network import Network

    if measures is None:
        measures = measure(g, which={SIZE_MEASURES.get(size_by, "weighted_degree")})
    nodes, edges = vis_data(g, measures, size_by, max_edges)
    net = Network(height="100vh", width="100%", cdn_resources="in_line", heading="")
    net.nodes, net.edges = nodes, edges  # in one go: add_edge is O(E) per call
    net.node_ids = [n["id"] for n in nodes]
    net.options = OPTIONS
    page = make_offline(net.generate_html())
    head = f'<meta http-equiv="Content-Security-Policy" content="{CSP}"><title>{html.escape(title)}</title>'
    page = page.replace("<head>", "<head>" + head, 1).replace("</head>", f"<style>{PAGE_CSS}</style></head>", 1)
    kinds = sorted({n["kind"] for n in nodes}, key=lambda k: list(STYLE).index(k) if k in STYLE else 99)
    tail = _panel(title, kinds, len(nodes), g.number_of_edges(), len(edges)) + f"<script>{PAGE_JS}</script>"
    i = page.rindex("</body>")
    return page[:i] + tail + page[i:]


def default_title(projection: str, f: Filters, body_label: str | None = None) -> str:
    parts = [f"{projection} network"]
    if f.body:
        parts.append(body_label or f.body.rsplit("/", 1)[-1])
    if f.since or f.until:
        parts.append(f"{f.since or '…'} to {f.until or '…'}")
    return ", ".join(parts)


def write_map(store: Store, path: Path, projection: str = "people", filters: Filters | None = None,
              size_by: str = "degree", title: str | None = None) -> dict[str, int]:
    """Build a projection from the store and write its map to ``path``; returns node and edge counts."""
    f = filters or Filters()
    g = project(store, projection, f)
    if title is None:
        body_label = None
        if f.body:
            rows = store.select("SELECT ?l WHERE { ?b skos:prefLabel ?l }", bindings={"b": _iri(f.body)})
            body_label = rows[0]["l"] if rows else None
        title = default_title(projection, f, body_label)
    page = render_map(g, size_by, title)
    try:
        Path(path).write_text(page, encoding="utf-8")
    except OSError as exc:
        raise MapError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges()}


def _iri(value: str):
    import pyoxigraph as ox

    return ox.NamedNode(value)


# ---------------------------------------------------------------------------
# headless chromium, for the README screenshot


CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def screenshot(page: Path, png: Path, size: tuple[int, int] = (1400, 900), budget_ms: int = 5000) -> None:
    """Render ``page`` in headless chromium and save a PNG."""
    exe = find_chromium()
    if exe is None:
        raise MapError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        cmd = [exe, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={size[0]},{size[1]}",
               f"--virtual-time-budget={budget_ms}", f"--screenshot={Path(png).resolve()}",
               Path(page).resolve().as_uri()]
        subprocess.run(cmd, check=True, capture_output=True, timeout=120)


def main(argv: list[str] | None = None) -> int:
    """``python -m kg.maps [--store DIR] [--projection P] [-o map.html] --screenshot PNG``."""
    import argparse

    from kg.store import open_store

    ap = argparse.ArgumentParser(prog="python -m kg.maps", description="Write a map and a screenshot of it.")
    ap.add_argument("--store", default=None)
    ap.add_argument("--projection", default="people")
    ap.add_argument("--size-by", default="degree")
    ap.add_argument("-o", "--output", type=Path, default=None, help="keep the HTML here (default: a temporary file)")
    ap.add_argument("--screenshot", type=Path, required=True, help="PNG to write")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.output or Path(tmp) / "map.html"
        try:
            with open_store(args.store, read_only=True) as store:
                write_map(store, out, projection=args.projection, size_by=args.size_by)
            args.screenshot.parent.mkdir(parents=True, exist_ok=True)
            screenshot(out, args.screenshot)
        except KGError as exc:
            print(f"kg: error: {exc}", file=sys.stderr)
            return 1
    print(f"wrote {args.screenshot}" + (f" and {args.output}" if args.output else ""), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
