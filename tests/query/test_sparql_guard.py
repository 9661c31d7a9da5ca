"""Refusals look at keywords, never at words inside strings, IRIs or comments."""

from __future__ import annotations

import pytest

from kg.sparql_guard import query_form, refusal


@pytest.mark.parametrize(("text", "form"), [
    ("PREFIX ex: <http://example.org/select#> ASK { ?s ?p ?o }", "ASK"),
    ("# SELECT in a comment\nCONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("select * where { ?s ?p ?o }", "SELECT"),
    ("DESCRIBE <http://example.org/a>", "DESCRIBE"),
    ("INSERT DATA { <a:b> <a:c> <a:d> }", "UPDATE"),
    ("nothing to see", None),
])
def test_query_form(text, form):
    assert query_form(text) == form


@pytest.mark.parametrize("text", [
    'SELECT ?s WHERE { ?s ?p "DELETE everything; SERVICE" }',
    "SELECT ?s WHERE { ?s <http://example.org/insert/service> ?o }  # DROP ALL",
    "PREFIX drop: <http://example.org/> SELECT ?insert WHERE { ?insert drop:service ?o }",
    "SELECT ?s WHERE { ?s :load ?o }",
    "SELECT ?s WHERE { ?s ?p '''multi\nline CLEAR''' }",
])
def test_words_in_data_do_not_trigger_a_refusal(text):
    assert refusal(text) is None


@pytest.mark.parametrize(("text", "why"), [
    ("DELETE WHERE { ?s ?p ?o }", "update"),
    ("PREFIX x: <http://example.org/> LOAD <http://example.org/data.ttl>", "update"),
    ("SELECT * WHERE { ?s ?p ?o } ; DROP ALL", "update"),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "service"),
    ("SELECT * WHERE { service silent ?endpoint { ?s ?p ?o } }", "service"),
    ('SELECT * WHERE { ?s ?p "a\\"" . SERVICE <http://x/> { ?s ?p ?o } }', "service"),
])
def test_updates_and_service_are_found_outside_strings(text, why):
    assert refusal(text) == why
