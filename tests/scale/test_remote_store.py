"""The graph on a real SPARQL server answers exactly as the embedded store does.

The seeds are built into an embedded store and into an Oxigraph server started
on 127.0.0.1; every named query, a person lookup through the CLI, and raw
``select``/``ask`` with bindings must give the same answers from both.
"""

from __future__ import annotations

import http.server
import json
import socket
import threading

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import queries
from kg.build import build
from kg.cli import cli
from kg.errors import QueryError, StoreError
from kg.remote import RemoteStore, parse_location
from kg.store import OxigraphStore, open_store

INGESTED = "2024-01-01T00:00:00Z"
G = "https://w3id.org/partnership-kg/id/graph/test-remote"
FOAF_NAME = ox.NamedNode("http://xmlns.com/foaf/0.1/name")


def canonical(rows: list[dict]) -> list[str]:
    """Rows as an order-free, comparable list (floats rounded: servers print decimals differently)."""
    def value(v):
        return round(v, 6) if isinstance(v, float) else v
    return sorted(json.dumps({k: value(v) for k, v in r.items()}, sort_keys=True, default=str) for r in rows)


@pytest.fixture(scope="module")
def stores(oxigraph_url, minutes_dir, tmp_path_factory):
    embedded = OxigraphStore(str(tmp_path_factory.mktemp("embedded") / "store"))
    build([minutes_dir], embedded, ingested=INGESTED)
    remote = open_store(oxigraph_url)
    assert isinstance(remote, RemoteStore)
    build([minutes_dir], remote, ingested=INGESTED)
    yield embedded, remote
    embedded.close()


@pytest.mark.server
def test_the_server_holds_the_same_quads(stores):
    embedded, remote = stores
    assert remote.graphs() == embedded.graphs()
    assert remote.quad_count() == embedded.quad_count() > 1000
    g = embedded.graphs()[0]
    assert set(remote.quads(g)) == set(embedded.quads(g))


@pytest.mark.server
@pytest.mark.parametrize("name", sorted(queries.named_queries()))
def test_every_named_query_answers_alike(stores, name):
    embedded, remote = stores
    query = queries.get(name)
    if query.form in ("CONSTRUCT", "DESCRIBE"):
        pytest.skip("CONSTRUCT/DESCRIBE named queries run on the embedded store only")
    expected = canonical(queries.run(embedded, query))
    assert canonical(queries.run(remote, query)) == expected


@pytest.mark.server
def test_person_lookup_through_the_cli_is_the_same(stores, oxigraph_url):
    embedded, _ = stores
    runner = CliRunner()
    name = embedded.select("SELECT ?n WHERE { ?p a foaf:Person ; foaf:name ?n } ORDER BY ?n LIMIT 1")[0]["n"]
    local = runner.invoke(cli, ["person", name, "--format", "json", "--store", embedded.location])
    served = runner.invoke(cli, ["person", name, "--format", "json", "--store", oxigraph_url])
    assert local.exit_code == 0, local.output
    assert served.exit_code == 0, served.output
    assert json.loads(served.output) == json.loads(local.output)


@pytest.mark.server
def test_a_rebuild_into_the_server_changes_nothing(stores, minutes_dir):
    embedded, remote = stores
    before = remote.quad_count()
    report = build([minutes_dir], remote, ingested=INGESTED)
    assert report.built == [] and len(report.skipped) == 5
    assert remote.quad_count() == before


@pytest.mark.server
def test_bindings_carry_hostile_text_as_data(stores):
    _, remote = stores
    nasty = 'x" } ; DROP ALL ; SELECT * { "'
    assert remote.select("SELECT ?p WHERE { ?p foaf:name ?n }", bindings={"n": nasty}) == []
    assert remote.quad_count() > 0


@pytest.mark.server
@pytest.mark.parametrize("form", ["gsp", "update"])
def test_replace_graph_replaces_in_batches(oxigraph_url, form):
    store = RemoteStore(oxigraph_url if form == "gsp" else f"{oxigraph_url},gsp=none")
    graph = f"{G}-{form}"
    quads = [ox.Quad(ox.NamedNode(f"http://example.org/p{i}"), FOAF_NAME, ox.Literal(f'Name "{i}"\n'),
                     ox.NamedNode(graph)) for i in range(2500)]  # more than one 1,000-triple batch
    store.replace_graph(graph, quads)
    assert store.quad_count(graph) == 2500
    store.replace_graph(graph, quads[:10])
    assert store.quad_count(graph) == 10
    assert store.ask("ASK { ?p foaf:name ?n }", bindings={"n": 'Name "3"\n'})
    store.drop_graph(graph)
    assert graph not in store.graphs()


@pytest.mark.server
def test_a_read_only_remote_store_refuses_writes(oxigraph_url):
    store = open_store(oxigraph_url, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.replace_graph(G, [])


@pytest.mark.server
def test_malformed_sparql_is_a_query_error(oxigraph_url):
    with pytest.raises(QueryError, match="400"):
        RemoteStore(oxigraph_url).select("SELECT * WHERE { ?s ?p ")


def test_an_unreachable_server_is_one_clear_error(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    with pytest.raises(StoreError, match="cannot reach"):
        RemoteStore(url).select("SELECT * WHERE { ?s ?p ?o }")
    result = CliRunner().invoke(cli, ["stats", "--store", url])
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert url in result.output


def test_redirects_are_refused():
    """The store talks only to the URL it was given, even when the server points elsewhere."""
    seen = []

    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - http.server's naming
            seen.append(self.path)
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.2:9/elsewhere")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}"
        with pytest.raises(StoreError, match="redirect"):
            RemoteStore(url).select("SELECT * WHERE { ?s ?p ?o }")
        assert seen == ["/query"]
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("spec", "query", "update", "gsp", "union"), [
    ("http://127.0.0.1:7878", "http://127.0.0.1:7878/query", "http://127.0.0.1:7878/update",
     "http://127.0.0.1:7878/store", True),
    ("http://h:8890/sparql", "http://h:8890/sparql", "http://h:8890/sparql", None, False),
    ("http://h:3030/ds/query,update=http://h:3030/ds/update,gsp=http://h:3030/ds/data",
     "http://h:3030/ds/query", "http://h:3030/ds/update", "http://h:3030/ds/data", False),
    ("http://127.0.0.1:7878/,gsp=none,union=none", "http://127.0.0.1:7878/query",
     "http://127.0.0.1:7878/update", None, False),
])
def test_location_forms(spec, query, update, gsp, union):
    ep = parse_location(spec, env={})
    assert (ep.query, ep.update, ep.gsp, ep.union) == (query, update, gsp, union)


def test_environment_overrides_the_location():
    ep = parse_location("http://h:8890/sparql", env={"KG_SPARQL_UPDATE": "http://h:8890/sparql-auth",
                                                     "KG_SPARQL_TIMEOUT": "5"})
    assert ep.update == "http://h:8890/sparql-auth" and ep.timeout == 5


@pytest.mark.parametrize("spec", ["http://", "ftp://h/sparql,update=http://h/u", "http://h/q,update=file:///etc/x",
                                  "http://h/q,union=maybe", "http://h/q,timeout=soon"])
def test_bad_locations_are_store_errors(spec):
    with pytest.raises(StoreError):
        parse_location(spec, env={})


def test_passwords_stay_out_of_messages():
    store = RemoteStore("http://dba:secret@127.0.0.1:1/sparql", env={})
    assert "secret" not in store.location
    with pytest.raises(StoreError) as err:
        store.select("SELECT * WHERE { ?s ?p ?o }")
    assert "secret" not in str(err.value)
