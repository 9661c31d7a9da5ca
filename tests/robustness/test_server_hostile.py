"""``kg serve`` against a hostile client, over real HTTP on 127.0.0.1.

Read-only through every protocol path, no SERVICE (including spellings that
hide the keyword from a naive scan), no file reads through LOAD, FROM or a
function IRI, bounded time, rows and bodies, and odd methods, paths and
headers answered without taking the server down. The store is byte-for-byte
unchanged at the end.
"""

from __future__ import annotations

import csv
import http.client
import io
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rb_helpers import EXAMPLES, store_fingerprint

from kg.server import Config, SparqlServer

PASSWD = re.compile(rb"root:[^:\n]*:0:0:")


@pytest.fixture(scope="module")
def server(built_store):
    before = store_fingerprint(built_store)
    srv = SparqlServer(Config(built_store, port=0, timeout=3, max_rows=5, max_body=20_000, workers=2,
                              io_timeout=2))
    srv.serve_in_thread()
    yield srv
    srv.close()
    assert store_fingerprint(built_store) == before, "the store changed behind a read-only endpoint"


def request(server, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
            timeout: float = 30) -> tuple[int, dict, bytes]:
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        resp = conn.getresponse()
        return resp.status, dict(resp.getheaders()), resp.read()
    finally:
        conn.close()


def get(server, query: str, **extra) -> tuple[int, dict, bytes]:
    return request(server, "GET", "/sparql?" + urlencode({"query": query, **extra}))


def post_form(server, fields: dict) -> tuple[int, dict, bytes]:
    return request(server, "POST", "/sparql", urlencode(fields).encode(),
                   {"Content-Type": "application/x-www-form-urlencoded"})


def post_direct(server, text: str, ctype: str = "application/sparql-query") -> tuple[int, dict, bytes]:
    return request(server, "POST", "/sparql", text.encode(), {"Content-Type": ctype})


def alive(server) -> None:
    status, _, body = get(server, "ASK { ?s ?p ?o }")
    assert status == 200 and b"true" in body


UPDATES = [
    "INSERT DATA { <http://evil/a> <http://evil/b> <http://evil/c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "CREATE GRAPH <http://evil/g>",
    "LOAD <file:///etc/passwd>",
    "LOAD <file:///etc/passwd> INTO GRAPH <http://evil/g>",
    "ADD DEFAULT TO <http://evil/g>",
    "COPY DEFAULT TO <http://evil/g>",
    "MOVE DEFAULT TO <http://evil/g>",
    "WITH <http://evil/g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "# a comment first\ndrop all",
    "SELECT * WHERE { ?s ?p ?o } ;\nDROP ALL",
    'PREFIX x: <http://x/> INSERT DATA { x:a x:b "SELECT" }',
]


@pytest.mark.parametrize("update", UPDATES)
def test_updates_are_refused_on_every_protocol_path(server, update):
    answers = [
        get(server, update),
        request(server, "GET", "/sparql?" + urlencode({"update": update})),
        post_form(server, {"update": update}),
        post_form(server, {"query": update}),
        post_direct(server, update, "application/sparql-update"),
        post_direct(server, update),
    ]
    for status, _, body in answers:
        assert status == 403, (status, body[:200])
    alive(server)


SERVICES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
    "SELECT * WHERE { service silent <http://127.0.0.1:9/> { ?s ?p ?o } }",
    # The keyword right after a variable, a literal or a name, with no space before it:
    "SELECT * WHERE { ?s ?p ?o.SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }",
    'SELECT * WHERE { ?s ?p "x"@en.SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } }',
    "SELECT * WHERE { ?s ?p ?o }.SERVICE",
    "SELECT * WHERE { { ?s ?p ?o }SERVICE<http://127.0.0.1:9/>{ ?a ?b ?c } }",
    "SELECT * WHERE { ?s ?p ?o FILTER(true)SERVICE <file:///etc/passwd> { ?a ?b ?c } }",
]


@pytest.mark.parametrize("query", SERVICES)
def test_service_is_refused_however_it_is_written(server, query):
    for status, _, body in (get(server, query), post_direct(server, query)):
        assert status in (400, 403), (status, body[:200])
        assert status == 403 or b"malformed" in body


FILE_READS = [
    "SELECT * WHERE { LOAD <file:///etc/passwd> }",
    "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "SELECT ?x WHERE { BIND(<file:///etc/passwd>(\"x\") AS ?x) }",
    "SELECT ?x WHERE { BIND(<http://www.w3.org/2005/xpath-functions#unparsed-text>(\"file:///etc/passwd\") AS ?x) }",
    "SELECT ?x WHERE { BIND(<http://www.w3.org/2005/xpath-functions#doc>(\"/etc/passwd\") AS ?x) }",
    "DESCRIBE <file:///etc/passwd>",
    "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <file:///etc/passwd> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("query", FILE_READS)
def test_no_file_is_read_through_load_from_or_a_function(server, query):
    for status, _, body in (get(server, query), get(server, query, **{"default-graph-uri": "file:///etc/passwd"})):
        assert status in (200, 400, 403), status
        assert not PASSWD.search(body)


def test_a_runaway_query_is_cancelled_and_the_server_recovers(server):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    start = time.monotonic()
    status, _, body = get(server, heavy)
    assert status == 503 and b"time limit" in body
    assert time.monotonic() - start < 20
    deadline = time.monotonic() + 60
    while True:  # the killed worker is replaced in the background
        status, _, _ = get(server, "ASK { ?s ?p ?o }")
        if status == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert status == 200


def test_results_are_capped_in_rows(server):
    status, headers, body = get(server, "SELECT * WHERE { ?s ?p ?o }", format="csv")
    assert status == 200
    assert len(list(csv.reader(io.StringIO(body.decode())))) == 1 + 5  # a quote may hold line breaks
    assert headers.get("X-KG-Truncated")


def test_request_bodies_are_capped(server):
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 50_000
    status, _, _ = post_direct(server, big)
    assert status == 413
    status, _, _ = post_form(server, {"query": big})
    assert status == 413
    alive(server)


def test_a_body_announced_but_never_sent_times_out(server):
    """A client that promises 10 kB and sends 10 bytes loses the connection (io_timeout), not a thread."""
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Content-Length: 10000\r\n\r\nSELECT * W")
        start = time.monotonic()
        rest = sock.recv(1024)
        assert rest == b"" and time.monotonic() - start < 20
    alive(server)


def test_bad_content_lengths(server):
    for value in ("-5", "abc", "99999999999999999999"):
        status, _, _ = request(server, "POST", "/sparql", None,
                               {"Content-Type": "application/sparql-query", "Content-Length": value})
        assert status in (400, 413), value
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=30) as sock:  # no Content-Length at all
        sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n"
                     b"Transfer-Encoding: chunked\r\n\r\n5\r\nASK {\r\n0\r\n\r\n")
        assert sock.recv(64).startswith(b"HTTP/1.1 411")
    alive(server)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND", "FOO"])
def test_odd_methods(server, method):
    status, _, _ = request(server, method, "/sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status in (400, 403, 404, 405, 501), (method, status)
    alive(server)


@pytest.mark.parametrize("path", [
    "/sparql/../", "/../../../../etc/passwd", "//sparql", "/sparql/", "/sparql%00", "/%2e%2e/%2e%2e/etc/passwd",
    "/sparql?query=" + quote("ASK {}") + "&query=" + quote("DROP ALL"), "/sparql?update", "/sparql?query",
    "/" + "a" * 70_000, "/sparql?query=" + "%" * 10, "/%C3%A9", "/sparql?query=%FF%FE",
])
def test_odd_paths(server, path):
    try:
        status, _, body = request(server, "GET", path)
    except (http.client.HTTPException, ConnectionError):
        status, body = 0, b""  # the server may hang up on a request line it will not read
    assert status in (0, 400, 403, 404, 414), (path[:40], status)
    assert not PASSWD.search(body)
    alive(server)


def test_huge_and_many_headers(server):
    host, port = server.server_address[:2]
    for headers in ({"X-Big": "a" * 70_000}, {f"X-H{i}": "v" for i in range(150)}):
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            conn.request("GET", "/sparql?" + urlencode({"query": "ASK {}"}), headers=headers)
            status = conn.getresponse().status
        except (http.client.HTTPException, ConnectionError):
            status = 0
        finally:
            conn.close()
        assert status in (0, 400, 431), status
    alive(server)


def test_the_form_page_escapes_the_store_path(built_store, tmp_path):
    """The one HTML page the server makes shows the store path: a path holding markup stays text."""
    hostile = tmp_path / "<script>alert(1)<" / "script>"  # the slash makes it two folders
    shutil.copytree(built_store, hostile)
    srv = SparqlServer(Config(str(hostile), port=0, workers=1))
    srv.serve_in_thread()
    try:
        status, headers, body = request(srv, "GET", "/")
    finally:
        srv.close()
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"<script>alert(1)</script>" not in body
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_kg_serve_binds_loopback_by_default(built_store):
    """The real command: with no --host it listens on 127.0.0.1 only."""
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", built_store, "--port", "0", "-q"],
                            stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    try:
        line = ""
        deadline = time.monotonic() + 60
        while "serving" not in line and time.monotonic() < deadline:
            line = proc.stderr.readline()
        url = re.search(r"http://\S+", line).group(0)
        assert urlsplit(url).hostname == "127.0.0.1"
        host, port = urlsplit(url).hostname, urlsplit(url).port
        conn = http.client.HTTPConnection(host, port, timeout=30)
        conn.request("GET", "/sparql?" + urlencode({"query": "DROP ALL"}))
        assert conn.getresponse().status == 403
        conn.close()
    finally:
        proc.terminate()
        proc.wait(30)


@pytest.mark.parametrize("query", SERVICES)
def test_the_guard_sees_service_where_the_engine_does(query):
    """Regression: "?o.SERVICE" hid the keyword from the scanner while Oxigraph ran it."""
    from kg.sparql_guard import refusal

    assert refusal(query) == "service"


def test_the_guard_reads_any_letter_without_crashing():
    from kg.sparql_guard import query_form, refusal

    for text in ("é", "SELECT ?x WHERE { ?x ex:é ?y } ª", "\u202eSELECT", "ASK{}\u0000"):
        refusal(text)
        query_form(text)


# --- the guard against the engine, on text a fuzzer writes ------------------------------------------

# Text that sits right before a SERVICE keyword and might make a scanner miss it: the ends of
# variables, literals, IRIs, prefixed names, numbers, comments, blank nodes and brackets.
BEFORE = ["?o.", "?o .", '"x".', '"x"@en.', '"x"^^xsd:string.', "'''a\nb'''.", "<http://x/>.", ":a.", "ex:a.",
          "ex:a.b.", "1.", "1.5e3.", "true.", "_:b.", "[].", "# note\n", "}", "{}", "?o.#\n", "?o;", "$o.", "",
          'FILTER("\\"")', "FILTER(?a<?b)", "BIND(1 AS ?z)", "OPTIONAL{}"]
SPELLING = ["SERVICE", "service", "SeRvIcE", "SERVICE SILENT", "service\tsilent"]
GAP = ["", " ", "\t", "\n", "\r\n", "\x0c", "#c\n"]


@pytest.fixture(scope="module")
def trap():
    """A local port that counts connections: the SERVICE target of every fuzzed query."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    hits: list[bytes] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            hits.append(b"hit")
            conn.close()

    import threading

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1], hits
    listener.close()


@settings(max_examples=max(EXAMPLES, 60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.sampled_from(BEFORE), spelling=st.sampled_from(SPELLING), gap=st.sampled_from(GAP),
       after=st.sampled_from(["{ ?a ?b ?c }", "{}", "{ BIND(1 AS ?q) }"]))
def test_whatever_the_guard_lets_through_never_calls_out(trap, before, spelling, gap, after):
    """Differential: the engine itself (one triple in the store) runs every query the guard passes;
    the trap port must see no connection. Queries the engine rejects prove nothing and are fine."""
    import pyoxigraph as ox

    from kg.sparql_guard import refusal

    port, hits = trap
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")))
    query = (f"PREFIX ex: <http://x/> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> PREFIX : <http://x/>\n"
             f"SELECT * WHERE {{ ?s ?p ?o {before}{gap}{spelling}{gap}<http://127.0.0.1:{port}/>{gap}{after} }}")
    if refusal(query) is not None:
        return
    seen = len(hits)
    try:
        list(store.query(query))
    except (SyntaxError, OSError, RuntimeError, ValueError):
        pass
    time.sleep(0.01)
    assert len(hits) == seen, f"the guard passed a query that called out: {query!r}"


def test_the_trap_sees_an_unguarded_service_call(trap):
    """The control for the test above: run straight on the engine, SERVICE does reach the trap."""
    import pyoxigraph as ox

    port, hits = trap
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("http://x/s"), ox.NamedNode("http://x/p"), ox.Literal("o")))
    seen = len(hits)
    try:
        list(store.query(f"SELECT * WHERE {{ ?s ?p ?o SERVICE <http://127.0.0.1:{port}/> {{ ?a ?b ?c }} }}"))
    except (OSError, RuntimeError, ValueError):
        pass
    deadline = time.monotonic() + 5
    while len(hits) == seen and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(hits) > seen


def test_a_client_that_stalls_in_its_headers_is_dropped(server):
    """Slowloris: headers that never end cost the client its connection after io_timeout, not a thread."""
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=30) as sock:
        sock.sendall(b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: x\r\nX-Slow: a")
        start = time.monotonic()
        assert sock.recv(1024) == b""
        assert time.monotonic() - start < 20
    alive(server)


def test_more_runaway_queries_than_workers_all_get_an_answer(server):
    """Six runaway queries at once on two workers: each is answered (503) in bounded time, none hangs."""
    from concurrent.futures import ThreadPoolExecutor

    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    start = time.monotonic()
    with ThreadPoolExecutor(6) as pool:
        statuses = [status for status, _, _ in pool.map(lambda _: get(server, heavy), range(6))]
    assert statuses == [503] * 6
    assert time.monotonic() - start < 60
    deadline = time.monotonic() + 60
    while get(server, "ASK { ?s ?p ?o }")[0] != 200:
        assert time.monotonic() < deadline, "the pool did not recover"
        time.sleep(0.5)
