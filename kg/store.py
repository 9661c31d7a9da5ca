"""One interface over the places a graph can live.

``open_store(location)`` gives a ``Store``: an embedded Oxigraph store on disk
(the default, ``.kg/store``), an in-memory one (``location=":memory:"``), or a
remote SPARQL 1.1 endpoint (``http://...``). Queries see the union of all named
graphs as their default graph. Parameters are passed as bindings
(``bindings={"name": Literal("Mark Hawthorne")}``), never pasted into text.

Rows of a SELECT come back as ``dict[str, value]`` of plain Python values:
IRIs and strings as ``str``, numbers as ``int``/``float``, booleans as
``bool``, dates as ISO strings, unbound as ``None``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError, StoreError
from kg.namespaces import PREFIX_MAP, XSD

DEFAULT_LOCATION = os.environ.get("KG_STORE", ".kg/store")

_INT = {XSD.integer, XSD.int, XSD.long, XSD.nonNegativeInteger, XSD.positiveInteger}
_FLOAT = {XSD.decimal, XSD.double, XSD.float}


def to_python(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if dt in _INT:
            try:
                return int(term.value)
            except ValueError:
                return term.value
        if dt in _FLOAT:
            try:
                return float(term.value)
            except ValueError:
                return term.value
        if dt == XSD.boolean:
            return term.value in ("true", "1")
        return term.value
    return str(term)


def to_term(value: Any) -> ox.NamedNode | ox.Literal:
    """A Python value as a pyoxigraph term for bindings: str -> xsd:string literal."""
    if isinstance(value, (ox.NamedNode, ox.Literal, ox.BlankNode)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(XSD.boolean))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(XSD.integer))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(XSD.double))
    return ox.Literal(str(value))


def _where_brace(sparql: str) -> int:
    """Index of the ``{`` that opens the outermost WHERE group, skipping comments, strings and IRIs."""
    i, n = 0, len(sparql)
    while i < n:
        c = sparql[i]
        if c == "#":
            j = sparql.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c in "\"'":
            triple = sparql[i : i + 3] in ('"""', "'''")
            q = sparql[i : i + 3] if triple else c
            i += len(q)
            while i < n and not sparql.startswith(q, i):
                i += 2 if sparql[i] == "\\" else 1
            i += len(q)
            continue
        if c == "<" and re.match(r"<[^<>\"{}|^`\\\s]*>", sparql[i:]):
            i = sparql.index(">", i) + 1
            continue
        if c == "{":
            return i
        i += 1
    raise QueryError("cannot bind parameters: the query has no WHERE group")


def bind_values(sparql: str, bindings: dict[str, Any] | None) -> str:
    """Bind variables by a VALUES block at the top of the WHERE group.

    The values are RDF terms serialised by pyoxigraph (quotes and escapes
    handled there), so user input can never change the query's structure.
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"bad parameter name {name!r}")
    names = list(bindings)
    row = " ".join(str(to_term(bindings[k])) for k in names)
    values = f" VALUES ({' '.join('?' + k for k in names)}) {{ ({row}) }} "
    at = _where_brace(sparql) + 1
    return sparql[:at] + values + sparql[at:]


class Store:
    """Base class; see ``OxigraphStore`` and (later) ``RemoteStore``."""

    location: str

    def select(self, sparql: str, bindings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def ask(self, sparql: str, bindings: dict[str, Any] | None = None) -> bool:
        raise NotImplementedError

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        """Replace a named graph's content in one transaction."""
        raise NotImplementedError

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class OxigraphStore(Store):
    """An embedded pyoxigraph store, on disk or in memory."""

    def __init__(self, location: str | None = None, read_only: bool = False):
        self.location = location or ":memory:"
        try:
            if location in (None, ":memory:"):
                self.ox = ox.Store()
            elif read_only:
                if not Path(location).exists():
                    raise StoreError(f"{location}: no store here (run `kg build` first)")
                self.ox = ox.Store.read_only(location)
            else:
                self.ox = ox.Store(location)
        except OSError as exc:
            raise StoreError(f"{location}: cannot open the store ({exc})") from exc

    def _query(self, sparql: str, bindings: dict[str, Any] | None):
        try:
            return self.ox.query(
                bind_values(sparql, bindings), use_default_graph_as_union=True, prefixes=dict(PREFIX_MAP),
            )
        except SyntaxError as exc:
            raise QueryError(f"malformed SPARQL: {exc}") from exc

    def select(self, sparql: str, bindings: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self._query(sparql, bindings)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: to_python(sol[n]) for n in names} for sol in result]

    def iter_select(self, sparql: str, bindings: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        result = self._query(sparql, bindings)
        names = [v.value for v in result.variables]
        for sol in result:
            yield {n: to_python(sol[n]) for n in names}

    def ask(self, sparql: str, bindings: dict[str, Any] | None = None) -> bool:
        result = self._query(sparql, bindings)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query")
        return bool(result)

    def replace_graph(self, graph: str, quads: Iterable[ox.Quad]) -> None:
        g = ox.NamedNode(graph)
        quads = list(quads)
        try:
            self.ox.clear_graph(g)
            self.ox.extend(quads)
        except OSError as exc:
            raise StoreError(f"{self.location}: write failed ({exc})") from exc

    def __len__(self) -> int:
        return len(self.ox)

    def close(self) -> None:
        try:
            self.ox.flush()
        except (OSError, AttributeError):
            pass


def open_store(location: str | None = None, *, read_only: bool = False) -> Store:
    """Open the store at ``location`` (a folder, ``:memory:``, or an http(s) URL)."""
    location = location or DEFAULT_LOCATION
    if location.startswith(("http://", "https://")):
        raise StoreError(f"{location}: remote stores are not supported yet")
    return OxigraphStore(location, read_only=read_only)
