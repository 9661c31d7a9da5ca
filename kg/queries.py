"""Named SPARQL queries: load ``queries/*.rq`` with their headers and run them.

Each file opens with comment lines that document it::

    # title: Attendees of a meeting
    # description: Everyone the minutes record at a meeting ...
    # param: ?meeting — the meeting IRI

Parameters are variables bound at run time through ``Store.select(bindings=)``
(a VALUES block of serialised RDF terms), so a value typed by a user is data
and never SPARQL. Keeping the queries as files lets analysts read, copy and
run them in any SPARQL tool; the CLI lookups are thin wrappers over them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.namespaces import PREFIX_MAP, XSD
from kg.resources import queries_dir
from kg.sparql_guard import query_form

_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*)$")
_PARAM = re.compile(r"^\?([A-Za-z_][A-Za-z0-9_]*)\s*(?:[—–-]+\s*)?(.*)$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# "the person IRI", "the owner's person IRI": the kind of thing a parameter names.
_KIND = re.compile(r"\b(person|organisation|body|programme|meeting|fact) IRI\b")


@dataclass(frozen=True)
class Param:
    name: str
    meaning: str = ""

    @property
    def kind(self) -> str | None:
        """What the parameter names (person, organisation, body ...), for name lookup."""
        m = _KIND.search(self.meaning)
        return m.group(1) if m else None

    @property
    def is_date(self) -> bool:
        return "xsd:date" in self.meaning


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = field(default_factory=tuple)
    path: Path | None = None

    @property
    def form(self) -> str | None:
        return query_form(self.text)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse(text: str, name: str = "query", path: Path | None = None) -> NamedQuery:
    """A query with the header comments read into title, description and params."""
    title = description = ""
    params: list[Param] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if not line.startswith("#"):
            break
        m = _HEADER.match(line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "title":
            title = value
        elif key == "description":
            description = value
        else:
            pm = _PARAM.match(value)
            if pm:
                params.append(Param(pm.group(1), pm.group(2).strip()))
    return NamedQuery(name, text, title, description, tuple(params), path)


def load(path: str | Path) -> NamedQuery:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read the query ({exc})") from exc
    return parse(text, path.stem, path)


@lru_cache(maxsize=4)
def _catalogue(directory: str) -> dict[str, NamedQuery]:
    return {p.stem: load(p) for p in sorted(Path(directory).glob("*.rq"))}


def named_queries(directory: str | Path | None = None) -> dict[str, NamedQuery]:
    """All named queries by name (file stem), sorted by name."""
    return _catalogue(str(directory or queries_dir()))


def get(name: str) -> NamedQuery:
    catalogue = named_queries()
    if name in catalogue:
        return catalogue[name]
    close = difflib.get_close_matches(name, list(catalogue), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `kg queries` lists them"
    raise QueryError(f"no named query {name!r}{hint}")


def resolve(arg: str) -> NamedQuery:
    """A query from what a user typed: a named query, a file path, or SPARQL text."""
    if re.fullmatch(r"[A-Za-z0-9_\-]+", arg):
        catalogue = named_queries()
        if arg in catalogue:
            return catalogue[arg]
        if not Path(arg).is_file():
            return get(arg)  # raises with suggestions
    if "\n" not in arg and len(arg) < 4096 and Path(arg).is_file():
        return load(arg)
    if arg.strip().endswith(".rq") and "{" not in arg:
        raise QueryError(f"{arg}: no such query file")
    if query_form(arg) is None:
        raise QueryError(f"{arg[:60]!r}: not a named query, a file or SPARQL text (`kg queries` lists names)")
    return parse(arg, "<text>")


def expand_iri(value: str) -> str | None:
    """``<http://...>``, ``http://...`` or ``id:person/x`` as a full IRI; None if it is not one."""
    value = value.strip()
    if value.startswith("<") and value.endswith(">"):
        value = value[1:-1]
    if re.match(r"^https?://\S+$", value) or re.match(r"^urn:\S+$", value):
        return value
    m = re.match(r"^([A-Za-z][\w\-]*):(\S+)$", value)
    if m and m.group(1) in PREFIX_MAP:
        return PREFIX_MAP[m.group(1)] + m.group(2)
    return None


def to_term(value: Any, param: Param | None = None) -> Any:
    """A command-line value as an RDF term: IRIs, ISO dates, integers; else a string literal."""
    if not isinstance(value, str):
        return value
    iri = expand_iri(value)
    if iri is not None:
        try:
            return ox.NamedNode(iri)
        except ValueError as exc:
            raise QueryError(f"bad IRI {value!r}: {exc}") from exc
    if _ISO_DATE.match(value) or (param is not None and param.is_date and _ISO_DATE.match(value.strip())):
        return ox.Literal(value.strip(), datatype=ox.NamedNode(XSD.date))
    if re.fullmatch(r"-?\d+", value):
        return ox.Literal(value, datatype=ox.NamedNode(XSD.integer))
    return ox.Literal(value)


def parse_params(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["person=id:person/x", ...]`` as a dict; a pair without ``=`` is an error naming it."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE")
        out[name] = value
    return out


def check_params(query: NamedQuery, params: dict[str, Any]) -> None:
    """Refuse parameters a named query does not declare (a typo would silently match everything)."""
    if not query.params or query.name == "<text>":
        return
    declared = {p.name for p in query.params}
    for name in params:
        if name not in declared:
            raise QueryError(
                f"--param {name}: query {query.name!r} takes {', '.join('?' + d for d in sorted(declared))}",
            )


def run(store, query: NamedQuery | str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run a query with bindings; rows as dicts of plain values.

    ASK gives one row ``{"result": bool}``; CONSTRUCT / DESCRIBE give
    ``subject, predicate, object`` rows. Updates are refused.
    """
    if isinstance(query, str):
        query = get(query)
    params = dict(params or {})
    check_params(query, params)
    bindings = {k: to_term(v, query.param(k)) for k, v in params.items()}
    form = query.form
    if form == "UPDATE":
        raise QueryError(f"{query.name}: updates are not allowed here (the store is opened read-only)")
    if form == "ASK":
        return [{"result": store.ask(query.text, bindings=bindings)}]
    if form in ("CONSTRUCT", "DESCRIBE"):
        return _triples(store, query.text, bindings)
    return store.select(query.text, bindings=bindings)


def _triples(store, sparql: str, bindings: dict[str, Any]) -> list[dict[str, Any]]:
    from kg.store import bind_values, to_python

    if not hasattr(store, "ox"):
        raise QueryError("CONSTRUCT and DESCRIBE need the embedded store")
    try:
        result = store.ox.query(
            bind_values(sparql, bindings), use_default_graph_as_union=True, prefixes=dict(PREFIX_MAP),
        )
    except SyntaxError as exc:
        raise QueryError(f"malformed SPARQL: {exc}") from exc
    return [
        {"subject": to_python(t.subject), "predicate": to_python(t.predicate), "object": to_python(t.object)}
        for t in result
    ]
