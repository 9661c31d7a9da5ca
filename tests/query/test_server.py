"""The SPARQL endpoint over real HTTP with a real client (SPARQLWrapper)."""

from __future__ import annotations

import urllib.error
import urllib.request

import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper

from kg.server import Config, SparqlServer, negotiate
from tests.query.conftest import quad_count

MEETINGS = "SELECT ?m ?date WHERE { ?m a gov:Meeting ; dcterms:date ?date } ORDER BY ?date"


@pytest.fixture(scope="module")
def server(store_dir):
    s = SparqlServer(Config(store_dir, port=0, timeout=5, max_rows=4, max_body=100_000))
    s.serve_in_thread()
    yield s
    s.close()


def client(server, query, fmt=JSON, method=None):
    sw = SPARQLWrapper(server.url)
    sw.setQuery(query)
    sw.setReturnFormat(fmt)
    if method:
        sw.setMethod(POST)
        if method == "direct":
            sw.setRequestMethod(POSTDIRECTLY)
    return sw.query()


def test_binds_loopback_by_default(server):
    assert Config("x").host == "127.0.0.1"
    assert server.server_address[0] == "127.0.0.1"


def test_select_as_json(server):
    result = client(server, "PREFIX gov: <https://w3id.org/partnership-kg/ontology#>\n"
                            "SELECT (COUNT(?m) AS ?n) WHERE { ?m a gov:Meeting }").convert()
    assert result["results"]["bindings"][0]["n"]["value"] == "5"


@pytest.mark.parametrize("method", [None, "form", "direct"])
def test_get_form_and_direct_post(server, method):
    result = client(server, "ASK { ?a gov:deputisesFor ?p }", method=method).convert()
    assert result["boolean"] is True


def test_ask_false(server):
    assert client(server, "ASK { ?m a gov:NoSuchClass }").convert()["boolean"] is False


@pytest.mark.parametrize(("fmt", "needle"), [(CSV, b"m,date"), (TSV, b"?m\t?date"), (XML, None)])
def test_results_by_content_negotiation(server, fmt, needle):
    result = client(server, MEETINGS, fmt)
    body = result.response.read() if fmt in (CSV, TSV) else None
    if needle:
        assert body.startswith(needle)
    else:
        doc = result.convert()  # an XML DOM
        assert doc.getElementsByTagName("result")


def test_result_size_limit_truncates_and_says_so(server):
    result = client(server, MEETINGS)
    assert len(result.convert()["results"]["bindings"]) == 4
    assert result.info()["x-kg-truncated"] == "max-rows=4"


def test_construct_as_turtle_and_json_ld(server):
    q = "CONSTRUCT { ?m gov:date ?d } WHERE { ?m a gov:Meeting ; dcterms:date ?d } LIMIT 2"
    body = client(server, q, TURTLE).convert()
    triples = list(ox.parse(body, format=ox.RdfFormat.TURTLE))
    assert len(triples) == 2
    req = urllib.request.Request(server.url + "?query=" + urllib.request.quote(q),
                                 headers={"Accept": "application/ld+json"})
    with urllib.request.urlopen(req) as resp:
        assert resp.headers["Content-Type"] == "application/ld+json"
        assert len(list(ox.parse(resp.read(), format=ox.RdfFormat.JSON_LD))) == 2


@pytest.mark.parametrize(("query", "method"), [
    ("INSERT DATA { <http://e.org/a> <http://e.org/b> <http://e.org/c> }", "form"),  # sent as update=
    ("DELETE WHERE { ?s ?p ?o }", "direct"),  # application/sparql-update
    ("CLEAR ALL", "form"),
])
def test_updates_are_refused_with_403(server, store_dir, query, method):
    before = quad_count(store_dir)
    with pytest.raises(urllib.error.HTTPError) as err:
        client(server, query, method=method)
    assert err.value.code == 403
    assert quad_count(store_dir) == before


def test_an_update_sent_as_a_query_is_refused(server):
    req = urllib.request.Request(server.url, data=b"DROP ALL",
                                 headers={"Content-Type": "application/sparql-query"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req)
    assert err.value.code == 403


def test_service_is_refused(server):
    with pytest.raises(urllib.error.HTTPError) as err:
        client(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert err.value.code == 403


def test_an_oversized_body_is_refused_with_413(server):
    padding = "#" + "x" * 150_000 + "\n"
    with pytest.raises(urllib.error.HTTPError) as err:
        client(server, padding + "ASK { ?s ?p ?o }", method="form")
    assert err.value.code == 413


def test_malformed_query_is_400(server):
    sw = SPARQLWrapper(server.url)
    sw.setQuery("SELECT ?s WHERE { ?s ?p }")
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    with pytest.raises(QueryBadFormed):
        sw.query()


def test_the_form_page_escapes_what_it_shows(server):
    with urllib.request.urlopen(server.url.replace("/sparql", "/")) as resp:
        page = resp.read().decode()
    assert "<form" in page and "&lt;" not in page.split("<textarea")[0]


@pytest.fixture(scope="module")
def big_store(tmp_path_factory) -> str:
    """A generated store on which a four-way cross product cannot finish in a second."""
    path = tmp_path_factory.mktemp("big") / "store"
    store = ox.Store(str(path))
    ex = "http://example.org/"
    store.extend(ox.Quad(ox.NamedNode(f"{ex}s{i}"), ox.NamedNode(f"{ex}p{i % 7}"), ox.Literal(str(i)),
                         ox.NamedNode(f"{ex}g")) for i in range(400))
    store.flush()
    del store
    return str(path)


def test_a_query_past_the_time_limit_is_cancelled_and_the_server_recovers(big_store):
    import time

    s = SparqlServer(Config(big_store, port=0, timeout=1.0, workers=1))
    s.serve_in_thread()
    try:
        started = time.monotonic()
        with pytest.raises(urllib.error.HTTPError) as err:
            client(s, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
        assert err.value.code == 503
        assert time.monotonic() - started < 4
        # the killed worker is replaced: the next query is answered
        assert client(s, "ASK { ?s ?p ?o }").convert()["boolean"] is True
    finally:
        s.close()


def test_negotiation_prefers_higher_quality():
    table = {"text/csv": "CSV", "application/sparql-results+json": "JSON"}
    assert negotiate("application/sparql-results+json;q=0.5, text/csv", table, "application/sparql-results+json") \
        == ("text/csv", "CSV")
    assert negotiate("*/*", table, "application/sparql-results+json")[1] == "JSON"
