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


@pytest.mark.parametrize("text", INJECTIONS, ids=IDS)
def test_the_store_option_itself(store, text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a relative junk path must not land in the checkout
    run_all([["person", "Helen Marsh", "--store", text], ["stats", "--store", text],
             ["query", "people", "--store", text]])
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
