"""A read-only SPARQL 1.1 Protocol endpoint over the embedded store.

``/sparql`` takes GET ``?query=``, POST form (``query=``) and POST direct
(``application/sparql-query``); results come back as JSON, XML, CSV or TSV and
graphs as Turtle, JSON-LD, N-Triples or RDF/XML, by the Accept header (or a
``format=`` parameter). Everything that could change or leak the store is
refused before it runs: updates (403), SERVICE (403), oversized bodies (413).

Why worker processes: pyoxigraph cannot cancel a query from Python, so a
runaway query in a thread would hold a core until it ends. Each query runs in
one of a few worker processes that open the store read-only; a worker that
passes the time limit is killed and replaced, and the client gets a 503.
The result-size limit truncates (header ``X-KG-Truncated``) rather than
letting one query fill memory.
"""

from __future__ import annotations

import html
import os
import pickle
import queue
import select
import struct
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.errors import StoreError
from kg.sparql_guard import query_form, refusal

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878

# media type -> pyoxigraph format name (QueryResultsFormat / RdfFormat attribute)
RESULT_TYPES = {
    "application/sparql-results+json": "JSON", "application/json": "JSON",
    "application/sparql-results+xml": "XML", "application/xml": "XML", "text/xml": "XML",
    "text/csv": "CSV", "text/tab-separated-values": "TSV",
}
GRAPH_TYPES = {
    "text/turtle": "TURTLE", "application/x-turtle": "TURTLE",
    "application/ld+json": "JSON_LD", "application/json": "JSON_LD",
    "application/n-triples": "N_TRIPLES", "text/plain": "N_TRIPLES",
    "application/rdf+xml": "RDF_XML",
}
FORMAT_PARAM = {  # ?format= shortcuts for browsers
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
    "csv": "text/csv", "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ttl": "text/turtle",
    "jsonld": "application/ld+json", "json-ld": "application/ld+json", "nt": "application/n-triples",
    "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml",
}


@dataclass
class Config:
    store: str
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    timeout: float = 10.0  # seconds per query
    max_rows: int = 10_000  # solutions or triples per response
    max_body: int = 1_000_000  # bytes of a POST body
    workers: int = 2
    io_timeout: float = 30.0  # seconds a client may stall while sending its request


@dataclass
class Request:
    query: str
    accept: str = ""
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    max_rows: int = 10_000


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str) -> Reply:
        return cls(status, "text/plain; charset=utf-8", (message.rstrip() + "\n").encode())


def negotiate(accept: str, table: dict[str, str], default: str) -> tuple[str, str]:
    """The (media type, format name) the Accept header prefers among ``table``; ``default`` if none."""
    choices = []
    for i, part in enumerate(accept.split(",")):
        media, *opts = (p.strip() for p in part.split(";"))
        q = 1.0
        for opt in opts:
            if opt.startswith("q="):
                try:
                    q = float(opt[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            choices.append((-q, i, media.lower()))
    for _, _, media in sorted(choices):
        if media in table:
            return media, table[media]
    return default, table[default]


# ---------------------------------------------------------------- running one query (in a worker)


def execute(store, req: Request) -> Reply:
    """Run ``req`` on an open pyoxigraph store and serialise the answer by content negotiation."""
    import pyoxigraph as ox

    from kg.namespaces import PREFIX_MAP

    kwargs: dict = {"prefixes": dict(PREFIX_MAP)}
    try:
        if req.default_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in req.default_graphs]
        else:
            kwargs["use_default_graph_as_union"] = True
        if req.named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in req.named_graphs]
    except ValueError as exc:
        return Reply.text(400, f"bad graph IRI: {exc}")
    try:
        result = store.query(req.query, **kwargs)
        if isinstance(result, ox.QueryBoolean):
            media, name = negotiate(req.accept, RESULT_TYPES, "application/sparql-results+json")
            return Reply(200, media, result.serialize(format=getattr(ox.QueryResultsFormat, name)))
        if isinstance(result, ox.QuerySolutions):
            return _solutions(ox, result, req)
        return _triples(ox, result, req)
    except SyntaxError as exc:
        return Reply.text(400, f"malformed query: {exc}")
    except RuntimeError as exc:
        if "is not supported" in str(exc):  # a function IRI the engine does not know: the client's error
            return Reply.text(400, f"unsupported: {exc}")
        return Reply.text(500, f"query failed: {exc}")
    except (OSError, ValueError) as exc:
        return Reply.text(500, f"query failed: {exc}")


def _solutions(ox, result, req: Request) -> Reply:
    # Rows are re-read through pyoxigraph's own TSV parser so that its serialisers
    # (JSON, XML, CSV, TSV) write the possibly truncated answer.
    names = [v.value for v in result.variables]
    lines = ["\t".join("?" + n for n in names)]
    truncated = False
    for count, solution in enumerate(result):
        if count >= req.max_rows:
            truncated = True
            break
        lines.append("\t".join("" if solution[n] is None else str(solution[n]) for n in names))
    rows = ox.parse_query_results(("\n".join(lines) + "\n").encode(), ox.QueryResultsFormat.TSV)
    media, name = negotiate(req.accept, RESULT_TYPES, "application/sparql-results+json")
    body = rows.serialize(format=getattr(ox.QueryResultsFormat, name))
    headers = {"X-KG-Truncated": f"max-rows={req.max_rows}"} if truncated else {}
    return Reply(200, media, body, headers)


def _triples(ox, result, req: Request) -> Reply:
    triples = []
    truncated = False
    for count, triple in enumerate(result):
        if count >= req.max_rows:
            truncated = True
            break
        triples.append(triple)
    media, name = negotiate(req.accept, GRAPH_TYPES, "text/turtle")
    try:
        body = ox.serialize(triples, format=getattr(ox.RdfFormat, name))
    except (ValueError, AttributeError):
        media, body = "application/n-triples", ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    headers = {"X-KG-Truncated": f"max-rows={req.max_rows}"} if truncated else {}
    return Reply(200, media, body, headers)


def _send(stream, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack(">Q", len(data)) + data)
    stream.flush()


def _read_exactly(stream, n: int) -> bytes:
    parts, left = [], n
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError("the other end closed the pipe")
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _recv(stream):
    (n,) = struct.unpack(">Q", _read_exactly(stream, 8))
    return pickle.loads(_read_exactly(stream, n))


def worker_main(store_path: str) -> None:
    """A worker process: open the store read-only, then answer requests on stdin/stdout until EOF."""
    import pyoxigraph as ox

    inp, out = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write on the message pipe
    try:
        store = ox.Store.read_only(store_path)
    except OSError as exc:
        _send(out, ("error", str(exc)))
        return
    _send(out, ("ready", None))
    while True:
        try:
            req = _recv(inp)
        except EOFError:
            return
        if req is None:
            return
        _send(out, execute(store, req))


# ---------------------------------------------------------------- the pool of workers


class Worker:
    """A child Python process (not multiprocessing: its spawn re-imports the caller's __main__)."""

    def __init__(self, store_path: str):
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self.process = subprocess.Popen(
            [sys.executable, "-c", "import sys; from kg.server import worker_main; worker_main(sys.argv[1])",
             store_path],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=0, env=env,
        )

    def send(self, obj) -> None:
        _send(self.process.stdin, obj)

    def poll(self, seconds: float) -> bool:
        ready, _, _ = select.select([self.process.stdout], [], [], seconds)
        return bool(ready)

    def recv(self):
        return _recv(self.process.stdout)

    def wait_ready(self, seconds: float = 60.0) -> None:
        try:
            if not self.poll(seconds):
                raise StoreError("a query worker did not start in time")
            status, detail = self.recv()
        except EOFError as exc:
            self.kill()
            raise StoreError("a query worker failed to start") from exc
        except StoreError:
            self.kill()
            raise
        if status != "ready":
            self.kill()
            raise StoreError(f"cannot open the store read-only ({detail})")

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


class WorkerPool:
    """A fixed number of worker processes; a query past the time limit costs its worker."""

    def __init__(self, store_path: str, size: int = 2, timeout: float = 10.0):
        self.store_path, self.timeout = store_path, timeout
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._all: set[Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        workers = [self._start() for _ in range(max(1, size))]
        try:
            for w in workers:
                w.wait_ready()
        except StoreError:
            self.close()
            raise
        for w in workers:
            self._idle.put(w)

    def _start(self) -> Worker:
        w = Worker(self.store_path)
        with self._lock:
            self._all.add(w)
        return w

    def _retire(self, w: Worker) -> None:
        w.kill()
        with self._lock:
            self._all.discard(w)
        if not self._closed:
            threading.Thread(target=self._replace, daemon=True).start()

    def _replace(self) -> None:
        try:
            w = self._start()
            w.wait_ready()
        except StoreError:
            return
        if self._closed:
            w.kill()
        else:
            self._idle.put(w)

    def run(self, req: Request) -> Reply:
        try:
            w = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            return Reply.text(503, f"all query workers are busy; try again (limit {self.timeout:g} s)")
        try:
            w.send(req)
            if w.poll(self.timeout):
                reply = w.recv()
                self._idle.put(w)
                return reply
        except (EOFError, OSError):
            self._retire(w)
            return Reply.text(500, "the query worker failed")
        self._retire(w)
        return Reply.text(503, f"query cancelled: it ran past the time limit of {self.timeout:g} s")

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            try:
                w.send(None)
            except (OSError, ValueError):
                pass
            w.kill()


# ---------------------------------------------------------------- HTTP


FORM = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>partnership-kg SPARQL</title></head>
<body><h1>partnership-kg SPARQL endpoint</h1>
<p>Store: <code>{store}</code>. Read-only; queries stop after {timeout:g} s and {max_rows} rows.</p>
<form action="/sparql" method="post">
<textarea name="query" rows="12" cols="90">{example}</textarea><br>
<select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option>
<option>turtle</option><option>jsonld</option></select>
<button type="submit">Run</button></form></body></html>
"""
EXAMPLE = "SELECT ?meeting ?date WHERE {\n  ?meeting a gov:Meeting ; dcterms:date ?date\n} ORDER BY ?date LIMIT 20"


class Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "partnership-kg"
    protocol_version = "HTTP/1.1"

    def setup(self) -> None:
        # A socket timeout, so a client that sends half a request (a Content-Length it never
        # fills, headers a byte a minute) loses its connection instead of holding a thread.
        self.timeout = self.server.config.io_timeout
        super().setup()

    def log_message(self, fmt: str, *args) -> None:
        if self.server.verbose:
            sys.stderr.write(f"{self.address_string()} {fmt % args}\n")

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for k, v in reply.headers.items():
            self.send_header(k, v)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(reply.body)

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == "/":
            cfg = self.server.config
            page = FORM.format(store=html.escape(cfg.store), timeout=cfg.timeout, max_rows=cfg.max_rows,
                               example=html.escape(EXAMPLE))
            return self._send(Reply(200, "text/html; charset=utf-8", page.encode()))
        if url.path != "/sparql":
            return self._send(Reply.text(404, "not found; the endpoint is /sparql"))
        self._answer(parse_qs(url.query, keep_blank_values=True))

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            return self._send(Reply.text(404, "not found; the endpoint is /sparql"))
        body = self._body()
        if body is None:
            return
        params = parse_qs(url.query, keep_blank_values=True)
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            return self._send(Reply.text(403, "this endpoint is read-only: updates are refused"))
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False)
            except UnicodeDecodeError:
                return self._send(Reply.text(400, "the form is not UTF-8"))
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
        elif ctype == "application/sparql-query":
            try:
                params["query"] = [*params.get("query", []), body.decode("utf-8")]
            except UnicodeDecodeError:
                return self._send(Reply.text(400, "the query is not UTF-8"))
        else:
            return self._send(Reply.text(
                415, "send application/sparql-query or application/x-www-form-urlencoded"))
        self._answer(params)

    def _body(self) -> bytes | None:
        limit = self.server.config.max_body
        length = self.headers.get("Content-Length")
        if length is None:
            self.close_connection = True
            self._send(Reply.text(411, "a Content-Length is required"))
            return None
        try:
            n = int(length)
        except ValueError:
            self.close_connection = True
            self._send(Reply.text(400, "bad Content-Length"))
            return None
        if n > limit:
            self.close_connection = True
            # Drain a moderate excess so the client reads our answer instead of a reset.
            left = min(n, 8 * limit)
            try:
                while left > 0:
                    chunk = self.rfile.read(min(65536, left))
                    if not chunk:
                        break
                    left -= len(chunk)
            except (TimeoutError, ConnectionError):
                pass  # the client sent less than it announced: answer anyway, then hang up
            self._send(Reply.text(413, f"request body too large ({n} bytes; the limit is {limit})"))
            return None
        if n < 0:
            self.close_connection = True
            self._send(Reply.text(400, "bad Content-Length"))
            return None
        try:
            data = self.rfile.read(n)
        except (TimeoutError, ConnectionError):
            data = b""
        if len(data) < n:  # the client stalled or hung up before sending what it announced
            self.close_connection = True
            return None
        return data

    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            return self._send(Reply.text(403, "this endpoint is read-only: updates are refused"))
        queries = params.get("query", [])
        if len(queries) != 1:
            return self._send(Reply.text(400, "give exactly one query parameter"))
        text = queries[0]
        why = refusal(text)
        if why == "update":
            return self._send(Reply.text(403, "this endpoint is read-only: updates are refused"))
        if why == "service":
            return self._send(Reply.text(403, "SERVICE (federated query) is not allowed on this endpoint"))
        if query_form(text) is None:
            return self._send(Reply.text(400, "malformed query: no SELECT, ASK, CONSTRUCT or DESCRIBE"))
        accept = self.headers.get("Accept", "")
        fmt = (params.get("format") or [""])[0].lower()
        if fmt:
            if fmt not in FORMAT_PARAM:
                return self._send(Reply.text(400, f"unknown format {fmt!r}"))
            accept = FORMAT_PARAM[fmt]
        req = Request(text, accept, params.get("default-graph-uri", []), params.get("named-graph-uri", []),
                      self.server.config.max_rows)
        self._send(self.server.pool.run(req))


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, config: Config, verbose: bool = False):
        if not Path(config.store).is_dir():
            raise StoreError(f"{config.store}: no store here (run `kg build` first)")
        self.config, self.verbose = config, verbose
        if not config.host.strip():
            # The socket layer reads "" as every interface: an unset variable in `--host "$HOST"`
            # must not publish the graph. Exposing it takes an explicit 0.0.0.0 or ::.
            raise StoreError("--host is empty: give an address (127.0.0.1, or 0.0.0.0 for every interface)")
        # Listen first: a bad --host (a NUL, letters no resolver takes, a name that is not
        # there) is the user's error in one line, before any worker process is started.
        # The socket module raises TypeError or UnicodeError, not only OSError, for such names.
        try:
            super().__init__((config.host, config.port), Handler)
        except (OSError, TypeError, ValueError) as exc:
            raise StoreError(f"cannot listen on {config.host!r} port {config.port} ({exc})") from exc
        try:
            self.pool = WorkerPool(config.store, config.workers, config.timeout)
        except BaseException:
            self.server_close()
            raise

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/sparql"

    def serve_in_thread(self) -> threading.Thread:
        t = threading.Thread(target=self.serve_forever, daemon=True)
        t.start()
        return t

    def close(self) -> None:
        self.shutdown()
        self.server_close()
        self.pool.close()
