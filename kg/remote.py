"""A graph on a SPARQL 1.1 server, behind the same ``Store`` interface as the embedded one.

When one machine is not enough, the graph lives in a real triple store
(Oxigraph server, Virtuoso, Apache Jena Fuseki, QLever ...) and every command
that takes ``--store`` talks to it over HTTP:

* reads: the SPARQL 1.1 Protocol (POST, JSON results), parameters bound with
  ``kg.store.bind_values`` exactly as for the embedded store;
* writes: a document's named graph replaced through the Graph Store Protocol
  (PUT, then POST for further batches of N-Triples), or, for servers without
  it, ``DROP SILENT GRAPH`` + ``INSERT DATA`` in batches of at most 1,000 triples.

The location forms (see docs/scaling.md)::

    http://127.0.0.1:7878                  Oxigraph server: /query, /update, /store
    http://host:8890/sparql                one URL for query and update; writes by SPARQL Update
    query=URL,update=URL,gsp=URL           each endpoint explicitly (gsp=none: SPARQL Update only)
    ...,union=param|none                   ask for the union default graph with the
                                           ``union-default-graph`` parameter (Oxigraph) or not

``user:password@`` in a URL is sent as HTTP basic or digest auth. Environment
variables ``KG_SPARQL_QUERY``, ``KG_SPARQL_UPDATE``, ``KG_SPARQL_GSP`` and
``KG_SPARQL_TIMEOUT`` override the parsed values. The store only ever talks to
these URLs (redirects are refused), never to URLs found in documents.

Standard library only (urllib), so a remote store needs nothing extra installed.
"""

from __future__ import annotations

import base64
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.namespaces import PREFIX_MAP, XSD
from kg.store import Store, bind_values

_INT = {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger,
        XSD.short, XSD.unsignedInt, XSD.unsignedLong}
_FLOAT = {XSD.decimal, XSD.double, XSD.float}
UPDATE_BATCH = 1000  # triples per INSERT DATA: Virtuoso rejects one of 2,000 ("SQL text has exceeded 10000 lines")
GSP_BATCH = 100_000  # triples per Graph Store Protocol request


@dataclass(frozen=True)
class Endpoints:
    query: str
    update: str | None
    gsp: str | None
    union: bool  # send union-default-graph=true with queries
    timeout: float = 60.0

    @property
    def shown(self) -> str:
        """The query URL without any password, for messages."""
        return _hide_password(self.query)


def _hide_password(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))


def _check_url(url: str, spec: str) -> str:
    # Spaces, control characters and bad ports would only fail later, inside http.client,
    # as a traceback; a password in the spec is masked in the message.
    try:
        parts = urllib.parse.urlsplit(url)
        _ = parts.port  # ValueError for a port that is not a number
        ok = parts.scheme in ("http", "https") and bool(parts.hostname)
    except ValueError:  # also a broken [IPv6] literal
        ok = False
    if not ok or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        shown = re.sub(r"//[^/@\s]*@", "//***@", spec)
        raise StoreError(f"{shown}: not an http(s) URL")
    return url


def parse_location(spec: str, env: dict[str, str] | None = None) -> Endpoints:
    """The endpoints a ``--store`` value names (pure: no network)."""
    env = dict(os.environ) if env is None else env
    fields: dict[str, str] = {}
    # Split "URL,key=value,key=value": a comma starts a new field only before "key=".
    for i, part in enumerate(re.split(r",(?=\s*(?:query|update|gsp|union|timeout)=)", spec.strip())):
        m = re.match(r"\s*(query|update|gsp|union|timeout)=(.*)$", part, re.S)
        if m:
            fields[m.group(1)] = m.group(2).strip()
        elif i == 0 and part:
            fields["base"] = part.strip()
        else:
            raise StoreError(f"{spec}: cannot read the store location near {part!r}")
    base = fields.get("base")
    query = fields.get("query")
    update = fields.get("update")
    gsp = fields.get("gsp")
    union = fields.get("union")
    if base:
        parts = urllib.parse.urlsplit(_check_url(base, spec))
        if parts.path in ("", "/"):  # a server root: the Oxigraph server layout
            root = base.rstrip("/")
            query = query or f"{root}/query"
            update = update or f"{root}/update"
            gsp = gsp or f"{root}/store"
            union = union or "param"
        else:  # one SPARQL endpoint for reads and writes (Virtuoso /sparql, Fuseki /ds)
            query = query or base
            update = update or base
    if not query:
        raise StoreError(f"{spec}: no query endpoint (give a URL or query=URL)")
    query = env.get("KG_SPARQL_QUERY") or query
    update = env.get("KG_SPARQL_UPDATE") or update
    gsp = env.get("KG_SPARQL_GSP") or gsp
    if gsp in ("none", ""):
        gsp = None
    if update in ("none", ""):
        update = None
    if union not in (None, "param", "none"):
        raise StoreError(f"{spec}: union must be 'param' or 'none', not {union!r}")
    try:
        timeout = float(env.get("KG_SPARQL_TIMEOUT") or fields.get("timeout") or 60)
    except ValueError as exc:
        raise StoreError(f"{spec}: timeout must be a number of seconds") from exc
    for url in (query, update, gsp):
        if url:
            _check_url(url, spec)
    return Endpoints(query, update, gsp, union == "param", timeout)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: the store talks to the URLs the user gave and nowhere else."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise urllib.error.HTTPError(req.full_url, code, f"redirect to {newurl} refused", headers, fp)


def _opener(urls: Iterable[str]) -> urllib.request.OpenerDirector:
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    for url in urls:
        parts = urllib.parse.urlsplit(url)
        if parts.username is not None:
            clean = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
            passwords.add_password(None, clean, urllib.parse.unquote(parts.username),
                                   urllib.parse.unquote(parts.password or ""))
    return urllib.request.build_opener(
        _NoRedirect(), urllib.request.HTTPDigestAuthHandler(passwords), urllib.request.HTTPBasicAuthHandler(passwords),
    )


def _strip_userinfo(url: str) -> tuple[str, str | None]:
    """The URL without ``user:password@`` and a basic auth header for it (sent up front)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None
    clean = urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
    token = f"{urllib.parse.unquote(parts.username)}:{urllib.parse.unquote(parts.password or '')}"
    return clean, "Basic " + base64.b64encode(token.encode()).decode()


def with_prefixes(sparql: str) -> str:
    """Declare the project's prefixes the query uses but does not declare (the embedded store does the same)."""
    declared = {m.group(1) for m in re.finditer(r"(?i)\bPREFIX\s+([\w.-]*):", sparql)}
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIX_MAP.items() if p not in declared)
    return head + sparql


def json_value(term: dict | None) -> Any:
    """A SPARQL JSON results term as the plain Python value ``kg.store.to_python`` gives."""
    if term is None:
        return None
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return value
    if kind == "bnode":
        return f"_:{value}"
    dt = term.get("datatype")
    if dt in _INT:
        try:
            return int(value)
        except ValueError:
            return value
    if dt in _FLOAT:
        try:
            return float(value)
        except ValueError:
            return value
    if dt == XSD.boolean:
        return value in ("true", "1")
    return value


def json_term(term: dict) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """A SPARQL JSON results term as a pyoxigraph term (for ``quads`` and ``serialize``)."""
    kind, value = term.get("type"), term.get("value", "")
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if term.get("xml:lang"):
        return ox.Literal(value, language=term["xml:lang"])
    if term.get("datatype"):
        return ox.Literal(value, datatype=ox.NamedNode(term["datatype"]))
    return ox.Literal(value)


def _ntriples(quads: list[ox.Quad]) -> bytes:
    return ox.serialize([ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES)


class RemoteStore(Store):
    """A store on a SPARQL 1.1 server: queries by the Protocol, writes by GSP or Update."""

    def __init__(self, location: str, *, read_only: bool = False, env: dict[str, str] | None = None):
        self.endpoints = parse_location(location, env)
        self.location = _hide_password(location)
        self.read_only = read_only
        ep = self.endpoints
        self._opener = _opener(u for u in (ep.query, ep.update, ep.gsp) if u)

    # -- HTTP ------------------------------------------------------------------------------
    def _request(self, url: str, data: bytes | None, headers: dict[str, str], method: str = "POST") -> bytes:
        clean, auth = _strip_userinfo(url)
        req = urllib.request.Request(clean, data=data, headers=headers, method=method)
        if auth:
            req.add_header("Authorization", auth)
        try:
            with self._opener.open(req, timeout=self.endpoints.timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read()[:300].decode("utf-8", "replace").strip() if exc.fp else ""
            message = f"{_hide_password(clean)}: the server answered {exc.code} {exc.reason}" + (
                f": {detail}" if detail else "")
            if exc.code == 400:
                raise QueryError(message) from exc
            raise StoreError(message) from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"{_hide_password(clean)}: cannot reach the SPARQL server ({reason})") from exc

    def _query_json(self, sparql: str, bindings: dict[str, Any] | None) -> dict:
        text = with_prefixes(bind_values(sparql, bindings))
        form = {"query": text}
        if self.endpoints.union:
            form["union-default-graph"] = "true"
        raw = self._request(self.endpoints.query, urllib.parse.urlencode(form).encode(), {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
        })
        try:
            return json.loads(raw)
        except ValueError as exc:
            raise StoreError(f"{self.location}: the server's answer is not SPARQL JSON results") from exc

    def update(self, sparql: str) -> None:
        """Run a SPARQL 1.1 Update request (the project's prefixes are declared for it)."""
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")
        if not self.endpoints.update:
            raise StoreError(f"{self.location}: no update endpoint configured (add update=URL)")
        text = with_prefixes(sparql)
        self._request(self.endpoints.update, urllib.parse.urlencode({"update": text}).encode(), {
            "Content-Type": "application/x-www-form-urlencoded",
        })

    # -- Store interface -------------------------------------------------------------------
    def select(self, sparql: str, bindings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        return list(self.iter_select(sparql, bindings))

    def iter_select(self, sparql: str, bindings: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        result = self._query_json(sparql, bindings)
        if "results" not in result:
            raise QueryError("expected a SELECT query")
        names = result.get("head", {}).get("vars", [])
        for row in result["results"].get("bindings", []):
            yield {n: json_value(row.get(n)) for n in names}

    def ask(self, sparql: str, bindings: dict[str, Any] | None = None) -> bool:
        result = self._query_json(sparql, bindings)
        if "boolean" not in result:
            raise QueryError("expected an ASK query")
        return bool(result["boolean"])

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one named graph: GSP PUT (+ POSTs past 100,000 triples), else SPARQL Update.

        Atomic when it fits one request (GSP, or DROP + INSERT DATA of <= 1,000
        triples in one update); larger graphs go in batches, and a build that is
        interrupted there is finished by running it again.
        """
        if self.read_only:
            raise StoreError(f"{self.location}: opened read-only")
        quads = list(quads)
        # Blank node labels are scoped to one request: keep a graph that has any in one batch.
        whole = any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object))
        if self.endpoints.gsp:
            target = f"{self.endpoints.gsp}?{urllib.parse.urlencode({'graph': graph})}"
            size = len(quads) if whole else GSP_BATCH
            batches = [quads[i: i + size] for i in range(0, len(quads), size)] or [[]]
            for n, batch in enumerate(batches):
                self._request(target, _ntriples(batch), {"Content-Type": "application/n-triples"},
                              method="PUT" if n == 0 else "POST")
            return
        g = ox.NamedNode(graph)
        size = len(quads) if whole else UPDATE_BATCH
        batches = [quads[i: i + size] for i in range(0, len(quads), size or 1)]
        drop = f"DROP SILENT GRAPH {g}"
        if not batches:
            self.update(drop)
        for n, batch in enumerate(batches):
            insert = f"INSERT DATA {{ GRAPH {g} {{\n{_ntriples(batch).decode('utf-8')}}} }}"
            self.update(f"{drop} ;\n{insert}" if n == 0 else insert)

    def drop_graph(self, graph: str) -> None:
        self.update(f"DROP SILENT GRAPH {ox.NamedNode(graph)}")

    def graphs(self) -> list[str]:
        """The named graphs the server holds."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(r["g"] for r in rows)

    def quad_count(self, graph: str | None = None) -> int:
        if graph is None:
            rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        else:
            rows = self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                               bindings={"g": ox.NamedNode(graph)})
        return int(rows[0]["n"] or 0) if rows else 0

    def __len__(self) -> int:
        return self.quad_count()

    def quads(self, graph: str | None = None) -> Iterator[ox.Quad]:
        sparql = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        bindings = {"g": ox.NamedNode(graph)} if graph else None
        result = self._query_json(sparql, bindings)
        for row in result.get("results", {}).get("bindings", []):
            g = ox.NamedNode(graph) if graph else json_term(row["g"])
            yield ox.Quad(json_term(row["s"]), json_term(row["p"]), json_term(row["o"]), g)

    def serialize(self, fmt: ox.RdfFormat, out: BinaryIO, graph: str | None = None) -> None:
        if fmt.supports_datasets:
            ox.serialize(self.quads(graph), out, fmt, prefixes=dict(PREFIX_MAP))
            return
        seen: set[ox.Triple] = set()
        triples = []
        for q in self.quads(graph):
            t = ox.Triple(q.subject, q.predicate, q.object)
            if t not in seen:
                seen.add(t)
                triples.append(t)
        ox.serialize(triples, out, fmt, prefixes=dict(PREFIX_MAP))

    def ping(self) -> None:
        """Raise ``StoreError`` unless the query endpoint answers."""
        self.ask("ASK { }")
