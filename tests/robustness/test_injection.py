"""User text in every CLI option is data: it can change an answer, never the query or the store.

Each injection string goes into each option that takes text (lookups, filters,
named-query parameters, analytics and map options, the store path). Every run
must end cleanly (exit 0, 1 or 2 with a message, no traceback), and the store
must be byte-for-byte what it was: same quad count, same N-Quads export.
"""

from __future__ import annotations

import pytest
from rb_helpers import assert_user_error, export_fingerprint, run_kg, store_fingerprint

from kg import queries as nq
from kg.store import open_store

INJECTIONS = [
    'x" } ; DROP ALL ; #',
    "'); DELETE WHERE {?s ?p ?o} #",
    "\u0000",
    "Helen\u0000Marsh",
    "<http://evil/>",
    "http://evil/> } ; DROP ALL ; <http://x",
    "?x",
    "$x",
    "} UNION { ?s ?p ?o",
    '""" } INSERT DATA { <a> <b> <c> } #',
    "\\",
    "\\u0022 } ; CLEAR DEFAULT",
    "x" * 50_000,
    "Helen " * 5_000,
    "\u202eHelen Marsh\u202c",
    "\u200fMarsh\u200e",
    "id:person/../../x",
    "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o }",
    "LOAD <file:///etc/passwd>",
    "%00%22",
    "\n} ;\nDROP ALL\n",
    "*",
    "",
    "2023-13-45",
    "😀 Marsh",
]
IDS = [f"inj{i}" for i in range(len(INJECTIONS))]
SANE = {0, 1, 2}


@pytest.fixture(scope="module")
def store(built_store):
    """The built store and its fingerprint before any hostile run."""
    return built_store, store_fingerprint(built_store), export_fingerprint(built_store)


def assert_unchanged(store) -> None:
    location, quads, export = store
    assert store_fingerprint(location) == quads
    assert export_fingerprint(location) == export


def run_all(commands: list[list[str]]) -> None:
    for args in commands:
        result = run_kg(*args)
        shown = [a if len(a) < 80 else a[:77] + "..." for a in args]
        assert result.exit_code in SANE, (shown, result.exit_code, result.stderr[-300:])
        if result.exit_code:
            assert_user_error(result)


@pytest.mark.parametrize("text", INJECTIONS, ids=IDS)
def test_lookup_arguments_and_filters(store, text, tmp_path):
    s = ["--store", store[0]]
    run_all([
        ["person", text, *s], ["org", text, *s], ["meeting", text, "2023-03-14", *s],
        ["meeting", "Wyvernshire Community Safety Partnership", text, *s],
        ["decisions", "--programme", text, *s], ["decisions", "--body", text, *s],
        ["decisions", "--since", text, *s], ["decisions", "--until", text, *s],
        ["actions", "--owner", text, *s], ["actions", "--org", text, *s], ["actions", "--body", text, *s],
        ["person", text, "--evidence", "--format", "json", *s],
    ])
    assert_unchanged(store)


def _param_runs(text: str, location: str) -> list[list[str]]:
    runs = []
    for q in nq.named_queries().values():
        for p in q.params:
            runs.append(["query", q.name, "--param", f"{p.name}={text}", "--store", location, "--format", "csv"])
    return runs


@pytest.mark.parametrize("text", INJECTIONS, ids=IDS)
def test_every_named_query_parameter(store, text):
    run_all(_param_runs(text, store[0]))
    assert_unchanged(store)


@pytest.mark.parametrize("text", INJECTIONS, ids=IDS)
def test_analytics_map_and_export_options(store, text, tmp_path):
    s = ["--store", store[0]]
    out = str(tmp_path / "map.html")
    run_all([
        ["analyse", "--body", text, *s], ["analyse", "--since", text, *s], ["analyse", "--until", text, *s],
        ["analyse", "--compare", text, "2023", "--section", "changes", *s],
        ["map", "--body", text, "-o", out, *s], ["map", "--since", text, "-o", out, *s],
        ["map", "--title", text, "-o", out, *s],
        ["export", "--graph", text, "--format", "gexf", "-o", str(tmp_path / "x.gexf"), *s],
    ])
    assert_unchanged(store)


# The shell cannot put a NUL byte in an argument (execve takes C strings), so a user can
# never give one as a file name; in-process, click's Path check raises ValueError for it.
NUL_IN_PATH = "\u0000"


def _remaining_runs(text: str, location: str, minutes: str, tmp: str) -> list[list[str]]:
    """The options no test above reaches: paths, the query text and parameter names, the last dates."""
    s = ["--store", location]
    runs = [
        ["query", text, *s], ["query", "people", "--param", f"{text}=x", *s], ["query", "people", "--param", text, *s],
        ["analyse", "--compare", "2023", text, "--section", "changes", *s],
        ["map", "--until", text, "-o", f"{tmp}/u.html", *s],
        ["programmes", "--store", text], ["validate", "--store", text], ["export", "--store", text],
        ["analyse", "--store", text], ["map", "--store", text, "-o", f"{tmp}/s.html"], ["serve", "--store", text],
        ["org", text, *s], ["meeting", text, text, *s],
    ]
    if NUL_IN_PATH not in text:
        runs += [
            ["extract", text], ["build", text, "--store", f"{tmp}/other", "-q", "-j", "1"],
            ["build", minutes, "--store", text, "-q", "-j", "1"],
            ["validate", "--shapes", text, *s], ["export", "--format", "nt", "-o", text, *s],
            ["map", "-o", text, *s],
        ]
    return runs


@pytest.mark.parametrize("text", INJECTIONS, ids=IDS)
def test_paths_query_text_and_the_remaining_options(store, minutes_folder, text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # relative junk paths (a new store, a map) land here, not in the checkout
    run_all(_remaining_runs(text, store[0], str(minutes_folder), str(tmp_path)))
    assert_unchanged(store)


@pytest.mark.parametrize("text", INJECTIONS, ids=IDS)
def test_serve_host(store, text, monkeypatch):
    """``--host`` reaches the socket layer: a bad name is one line, never a traceback (a NUL or a
    bidi mark once raised TypeError there), and "" is refused rather than read as every interface."""
    from kg.server import SparqlServer

    monkeypatch.setattr(SparqlServer, "serve_forever", lambda self, *a, **k: None)
    result = run_kg("serve", "--store", store[0], "--host", text, "--port", "0", "--workers", "1", "-q")
    if result.exit_code == 0:  # a name that binds: anything but loopback must be announced
        assert "readable from the network" in result.stderr
    else:
        assert result.exit_code == 1
        assert [ln for ln in result.stderr.splitlines() if ln.startswith(("kg: error: cannot listen on ",
                                                                           "kg: error: --host is empty"))]


# Every command parameter that takes free text, and the test that puts each injection string in it.
# The test below fails when a new option appears that no test tries. Key: lookup, named query parameter,
# analytics, store, remaining, serve host = test_lookup_arguments_and_filters, test_every_named_query_parameter,
# test_analytics_map_and_export_options, test_the_store_option_itself, test_paths_query_text_and_the_remaining_options,
# test_serve_host.
COVERED = {
    "person": {"name": "lookup", "store_path": "store"},
    "org": {"name": "lookup", "store_path": "store"},
    "meeting": {"body": "lookup", "date": "lookup", "store_path": "store"},
    "decisions": {"programme": "lookup", "body": "lookup", "since": "lookup", "until": "lookup",
                  "store_path": "store"},
    "actions": {"owner": "lookup", "org_name": "lookup", "body": "lookup", "store_path": "store"},
    "programmes": {"store_path": "remaining"},
    "query": {"query": "remaining", "params": "named query parameter", "store_path": "store"},
    "stats": {"store_dir": "store"},
    "extract": {"paths": "remaining"},
    "build": {"paths": "remaining", "store_dir": "remaining"},
    "validate": {"store_dir": "remaining", "shapes": "remaining"},
    "export": {"store_dir": "remaining", "projection": "analytics", "output": "remaining"},
    "analyse": {"body": "analytics", "since": "analytics", "until": "analytics", "compare": "analytics",
                "store_dir": "remaining"},
    "map": {"body": "analytics", "since": "analytics", "until": "remaining", "title": "analytics",
            "output": "remaining", "store_dir": "remaining"},
    "serve": {"store_path": "remaining", "host": "serve host"},
}


def test_every_text_option_is_tried():
    """Listed from the CLI itself (as ``kg CMD --help`` shows them): each takes text, each is covered."""
    import click

    from kg.cli import cli

    ctx = click.Context(cli)
    found: dict[str, set[str]] = {}
    for name in cli.list_commands(ctx):
        for p in cli.get_command(ctx, name).params:
            if getattr(p, "is_flag", False) or isinstance(p.type, (click.Choice, click.types.IntParamType,
                                                                  click.types.FloatParamType)):
                continue
            found.setdefault(name, set()).add(p.name)
    assert found == {cmd: set(params) for cmd, params in COVERED.items()}


@pytest.mark.parametrize("text", INJECTIONS, ids=IDS)
def test_the_store_option_itself(store, text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative junk path must not land in the checkout
    run_all([["person", "Helen Marsh", "--store", text], ["org", "Wyvern District Council", "--store", text],
             ["meeting", "Wyvernshire", "2023-03-14", "--store", text], ["decisions", "--store", text],
             ["actions", "--store", text], ["stats", "--store", text], ["query", "people", "--store", text]])
    assert_unchanged(store)


UPDATES = [
    "DROP ALL", "CLEAR DEFAULT", "DELETE WHERE { ?s ?p ?o }", "INSERT DATA { <http://a> <http://b> <http://c> }",
    "LOAD <file:///etc/passwd>", "CREATE GRAPH <http://g>", "SELECT * WHERE { ?s ?p ?o } ; DROP ALL",
    "DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "drop all", "ADD DEFAULT TO <http://g>",
    'x" } ; DROP ALL ; #', "'); DELETE WHERE {?s ?p ?o} #",
]


@pytest.mark.parametrize("text", UPDATES)
def test_query_text_that_updates_is_refused(store, text):
    """``kg query`` runs SPARQL text a user types, but only to read: the store is opened read-only."""
    result = run_kg("query", text, "--store", store[0])
    assert result.exit_code in {1, 2}
    assert_user_error(result)
    assert_unchanged(store)


@pytest.mark.parametrize("text", INJECTIONS, ids=IDS)
def test_bound_values_come_back_as_the_same_data(text):
    """The binding path itself: a value is returned verbatim, so it was never parsed as SPARQL."""
    store = open_store(":memory:")
    rows = store.select("SELECT ?v WHERE { }", bindings={"v": text})
    assert rows == [{"v": text}]
    assert store.ask("ASK { FILTER(STRLEN(?v) = ?n) }", bindings={"v": text, "n": len(text)})
    assert len(store) == 0


# SPARQL text assembled with f-strings, %, + or .format, reviewed: what each pastes is a constant
# of the code, never user or document text (that goes in through ``bindings=``).
REVIEWED_PASTES = {
    ("kg/stats.py", "graph_stats"),  # class names from the module's COUNTED table
    ("kg/readback.py", "read_record"),  # graph patterns written in readback.py; the graph is bound
    ("kg/readback.py", "rows"),  # (the same, the helper nested in read_record)
    # Graph IRIs written through ox.NamedNode (kg.store._drop, _insert_data), which refuses a bad IRI;
    # kg.rdf.graph_iri also keeps [a-z0-9-] only (test_parser_fuzz.test_name_functions).
    ("kg/store.py", "replace_graph"),
    ("kg/remote.py", "drop_graph"),
}
SPARQL_CALLS = {"select", "ask", "query", "construct", "update", "describe"}


def test_no_sparql_is_pasted_together_outside_the_reviewed_places():
    """A new f-string query fails here until someone checks it pastes no user text."""
    import ast

    from rb_helpers import ROOT

    found = set()
    for path in sorted((ROOT / "kg").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]:
            for call in ast.walk(func):
                if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute)
                        and call.func.attr in SPARQL_CALLS and call.args):
                    continue
                text = call.args[0]
                pasted = isinstance(text, (ast.JoinedStr, ast.BinOp)) or (
                    isinstance(text, ast.Call) and isinstance(text.func, ast.Attribute) and text.func.attr == "format")
                if pasted:
                    found.add((path.relative_to(ROOT).as_posix(), func.name))
    assert found == REVIEWED_PASTES
