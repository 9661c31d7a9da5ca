"""The named queries answer the questions of issue 4 on a graph that follows docs/model.md."""

from __future__ import annotations

import re

import pytest

from kg import queries
from kg.errors import QueryError

CPB = "id:body/county-partnership-board"
SLG = "id:body/safeguarding-leadership-group"


def run(store, name, **params):
    return queries.run(store, name, params)


def names(rows, key="name"):
    return sorted(r[key] for r in rows)


# ------------------------------------------------------------------ the catalogue


def test_at_least_twelve_documented_queries():
    catalogue = queries.named_queries()
    assert len(catalogue) >= 12
    for q in catalogue.values():
        assert q.title and q.description, q.name
        assert q.form in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"), q.name


@pytest.mark.parametrize("name", sorted(queries.named_queries()))
def test_declared_parameters_are_variables_of_the_query(name):
    q = queries.named_queries()[name]
    body = "\n".join(line for line in q.text.splitlines() if not line.startswith("#"))
    for p in q.params:
        assert re.search(rf"\?{p.name}\b", body), f"{name}: ?{p.name} is declared but never used"


@pytest.mark.parametrize("name", sorted(queries.named_queries()))
def test_every_named_query_runs_and_returns_rows(store, name):
    assert run(store, name), name


# ------------------------------------------------------------------ the questions


def test_attendees_of_a_meeting_with_deputy_and_apologies(store):
    rows = run(store, "meeting-attendees", meeting="id:meeting/county-partnership-board/2020-03-12")
    by_name = {r["name"]: r for r in rows}
    assert set(by_name) == {"Alice Carter", "Frank Carter", "Emma Green", "Robert Dalton"}
    assert by_name["Frank Carter"]["deputisingForName"] == "Robert Dalton"
    assert by_name["Frank Carter"]["orgName"] == "Westvale District Council"
    assert by_name["Robert Dalton"]["status"] == "apologies"
    assert by_name["Alice Carter"]["capacity"] == "Chair"
    assert by_name["Alice Carter"]["role"] == "Leader"


def test_meetings_a_person_attended_and_missed(store):
    dan = {(r["date"], r["status"]) for r in run(store, "person-meetings", person="id:person/dan-foster")}
    assert dan == {("2020-02-20", "attended"), ("2020-06-18", "absent")}
    bob = {r["date"]: r for r in run(store, "person-meetings", person="id:person/robert-dalton")}
    assert {d: r["status"] for d, r in bob.items()} == {
        "2020-01-10": "attended", "2020-03-12": "apologies", "2020-05-14": "attended"}
    assert bob["2020-03-12"]["deputyName"] == "Frank Carter"


def test_a_persons_roles_over_time(store):
    rows = run(store, "person-roles", person="id:person/alice-carter")
    leader = next(r for r in rows if r["role"] == "Leader")
    assert (leader["orgName"], leader["first"], leader["last"], leader["meetings"]) == (
        "Northshire County Council", "2020-01-10", "2020-05-14", 3)
    assert any(r["role"] == "Cabinet Member" and r["first"] == "2020-02-20" for r in rows)
    ms = run(store, "person-memberships", person="id:person/alice-carter")
    assert [(m["orgName"], m["roleName"], m["from"], m["to"]) for m in ms] == [
        ("Northshire County Council", "Leader", "2020-01-10", "2020-06-18")]


def test_who_represented_an_organisation_at_a_body(store):
    rows = run(store, "org-representatives", org="id:org/westvale-district-council", body=CPB)
    seen = [(r["name"], r["role"], r["present"], r["apologies"], r["first"], r["last"], r["deputisingForName"])
            for r in rows]
    assert seen == [  # one row per person and role, the latest first
        ("Robert Dalton", "Deputy Leader", 1, 0, "2020-05-14", "2020-05-14", None),
        ("Frank Carter", None, 1, 0, "2020-03-12", "2020-03-12", "Robert Dalton"),
        ("Robert Dalton", None, 0, 1, "2020-03-12", "2020-03-12", None),
        ("Robert Dalton", "Leader", 1, 0, "2020-01-10", "2020-01-10", None),
    ]
    assert all(r["bodyName"] == "County Partnership Board" and r["fact"] for r in rows)
    assert (rows[1]["source"], rows[1]["quote"]) == ("minutes/cpb-2020-03-12.txt", "Frank Carter (deputising for Bob Dalton)")
    assert run(store, "org-representatives", org="id:org/westvale-district-council", body=SLG) == []


def test_apologies_and_deputising_per_person_and_organisation(store):
    people = {r["name"]: r for r in run(store, "apologies-by-person")}
    assert people["Robert Dalton"]["apologies"] == 1
    assert people["Robert Dalton"]["deputies"] == "Frank Carter"
    assert people["Dan Foster"]["deputising"] == 1 and people["Dan Foster"]["deputisingFor"] == "Carol Evans"
    orgs = run(store, "apologies-by-organisation", org="id:org/northshire-police")
    assert [(r["bodyName"], r["apologies"], r["deputies"]) for r in orgs] == [
        ("Safeguarding Leadership Group", 1, 1)]


def test_attendance_rate_per_body(store):
    rows = {(r["bodyName"], r["orgName"]): r for r in run(store, "attendance-rate")}
    ccg = rows[("County Partnership Board", "NHS Northshire Clinical Commissioning Group")]
    assert (ccg["attended"], ccg["meetings"]) == (2, 3)
    ncc = rows[("Safeguarding Leadership Group", "Northshire County Council")]
    assert (ncc["attended"], ncc["meetings"], ncc["percent"]) == (1, 2, 50)


def test_people_lists_the_spellings_of_the_links_graph(store):
    import pyoxigraph as ox

    from kg.rdf import LINKS_GRAPH

    assert LINKS_GRAPH in queries.named_queries()["people"].text  # the graph the query reads
    listed = {r["person"]: set((r["spellings"] or "").split("|")) - {""} for r in run(store, "people")}
    links = {}
    for r in store.select("SELECT ?p ?alt WHERE { GRAPH ?g { ?p a foaf:Person ; skos:altLabel ?alt } }",
                          bindings={"g": ox.NamedNode(LINKS_GRAPH)}):
        links.setdefault(r["p"], set()).add(r["alt"])
    assert listed == {p: links.get(p, set()) for p in listed} and any(listed.values())


def test_people_on_more_than_one_body(store):
    assert names(run(store, "people-on-several-bodies")) == ["Alice Carter", "Emma Green"]


def test_decisions_about_a_programme_over_time(store):
    rows = run(store, "decisions", programme="id:programme/clean-air-programme")
    assert [r["date"] for r in rows] == ["2020-01-10", "2020-02-20", "2020-03-12"]
    later = run(store, "decisions", programme="id:programme/clean-air-programme", since="2020-02-01",
                until="2020-02-29")
    assert [r["text"] for r in later] == ["To fund air quality monitoring near schools with £10,000."]
    assert len(run(store, "decisions", body=SLG)) == 1


def test_money_by_programme_and_by_body(store):
    by_programme = {r["programmeName"]: (r["total"], r["decisions"]) for r in run(store, "money-by-programme")}
    assert by_programme == {"Clean Air Programme": (85000, 3), "Housing Growth Deal": (100000, 1)}
    by_body = {r["bodyName"]: r["total"] for r in run(store, "money-by-body")}
    assert by_body == {"County Partnership Board": 175000, "Safeguarding Leadership Group": 10000}
    assert {r["bodyName"] for r in run(store, "money-by-body", since="2020-03-01")} == {
        "County Partnership Board"}


def test_open_actions_by_owner_and_organisation(store):
    bob = run(store, "actions", owner="id:person/robert-dalton", status="open")
    assert [(r["date"], r["carriedForward"]) for r in bob] == [("2020-01-10", False), ("2020-03-12", True)]
    police = run(store, "actions", org="id:org/northshire-police", status="open")
    assert names(police, "ownerName") == ["Carol Evans", "Dan Foster"]
    assert {r["ownerName"]: r["open"] for r in run(store, "open-actions-by-owner")}["Robert Dalton"] == 2
    per_org = {r["orgName"]: r["open"] for r in run(store, "open-actions-by-organisation")}
    assert per_org == {"Westvale District Council": 2, "Northshire Police": 2,
                       "NHS Northshire Clinical Commissioning Group": 1}


def test_done_actions_and_shared_ownership(store):
    done = run(store, "actions", status="done", meeting="id:meeting/county-partnership-board/2020-03-12")
    assert names(done, "ownerName") == ["Alice Carter", "Frank Carter"]


def test_actions_carried_forward(store):
    rows = run(store, "actions-carried-forward")
    assert [(r["date"], r["firstRaised"]) for r in rows] == [
        ("2020-03-12", "2020-01-10"), ("2020-05-14", "2020-01-10"), ("2020-06-18", "2020-02-20")]


def test_actions_carried_forward_of_one_body(store):
    everywhere = run(store, "actions-carried-forward")
    rows = run(store, "actions-carried-forward", body=CPB)
    assert rows and rows == [r for r in everywhere if r["bodyName"] == "County Partnership Board"]
    assert run(store, "actions-carried-forward", body=SLG) == [
        r for r in everywhere if r["bodyName"] == "Safeguarding Leadership Group"]


MARKED = sorted(n for n, q in queries.named_queries().items() if "# values:" in q.text)


@pytest.mark.parametrize("name", MARKED)
def test_a_values_mark_gives_the_rows_of_the_unmarked_query(store, name):
    """The mark is an optimisation only: with it bound or left a comment, the same rows."""
    q = queries.named_queries()[name]
    plain = queries.parse(q.text.replace("# values:", "# (mark removed):"), name)
    marked = {m for m in re.findall(r"# values: \?(\w+)", q.text)}
    for param in marked:
        prefix = queries.expand_iri(f"id:{param}/")  # the IRIs of that kind: id:body/..., id:org/...
        values = sorted({s for s in (r["s"] for r in store.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o }"))
                         if s.startswith(prefix) and "/" not in s[len(prefix):]})
        assert values, f"no {param} in the fixture"
        for value in values:
            bound = queries.run(store, q, {param: f"<{value}>"})
            assert bound == queries.run(store, plain, {param: f"<{value}>"}), (name, value)


def test_how_often_two_people_met(store):
    rows = run(store, "co-attendance", person="id:person/alice-carter", other="id:person/emma-green")
    assert [(r["meetings"], r["first"], r["last"]) for r in rows] == [(3, "2020-01-10", "2020-03-12")]
    everyone = {r["otherName"]: r["meetings"] for r in run(store, "co-attendance", person="id:person/alice-carter")}
    assert everyone["Robert Dalton"] == 2 and "Carol Evans" not in everyone


def test_chain_of_meetings(store):
    rows = {r["date"]: r for r in run(store, "meeting-chain", body=CPB)}
    assert rows["2020-03-12"]["confirmsDate"] == "2020-01-10"
    assert rows["2020-03-12"]["confirmedByDate"] == "2020-05-14"
    assert rows["2020-01-10"]["confirmsDate"] is None


def test_evidence_of_a_fact(store):
    [row] = run(store, "fact-evidence", fact="id:meeting/county-partnership-board/2020-01-10/decision/1")
    assert row["source"] == "minutes/cpb-2020-01-10.txt"
    assert (row["start"], row["end"]) == (410, 470)
    assert "£50,000" in row["quote"]


# ------------------------------------------------------------------ parameters and errors


def test_values_become_typed_terms():
    assert queries.to_term("id:person/x").value.endswith("/id/person/x")
    assert queries.to_term("<http://example.org/a>").value == "http://example.org/a"
    assert queries.to_term("2019-08-22").datatype.value.endswith("#date")
    assert queries.to_term("12").datatype.value.endswith("#integer")
    assert queries.to_term("Cllr: Smith").value == "Cllr: Smith"


def test_a_values_mark_binds_the_parameter_again_only_when_bound():
    from kg.store import bind_values

    text = 'SELECT * WHERE {\n  { SELECT ?b WHERE {\n    # values: ?b\n    ?m <p> ?b } }\n  ?x <q> "# values: ?b" }'
    bound = bind_values(text, {"b": "x"})
    assert bound.count('VALUES (?b) { ("x") }') == 2  # at the top and at the mark
    assert '"# values: ?b"' in bound  # a string is data, never a mark
    assert bind_values(text, {"other": "y"}).count("# values: ?b") == 2  # unbound: the mark stays a comment
    assert "VALUES" not in bind_values(text, None)
    before = "# values: ?b\n" + text  # a mark before the WHERE group (a header) is left alone
    assert bind_values(before, {"b": "x"}).startswith("# values: ?b\nSELECT")


def test_an_unknown_parameter_is_refused_naming_it(store):
    with pytest.raises(QueryError, match="prson"):
        run(store, "person-meetings", prson="id:person/alice-carter")


def test_param_pairs_need_an_equals_sign():
    assert queries.parse_params(["a=b=c", "?since=2020-01-01"]) == {"a": "b=c", "since": "2020-01-01"}
    with pytest.raises(QueryError, match="NAME=VALUE"):
        queries.parse_params(["oops"])


def test_resolve_a_name_a_file_or_text(tmp_path):
    assert queries.resolve("meeting-chain").name == "meeting-chain"
    f = tmp_path / "mine.rq"
    f.write_text("# title: Mine\nSELECT ?s WHERE { ?s ?p ?o } LIMIT 1\n")
    assert queries.resolve(str(f)).title == "Mine"
    assert queries.resolve("ASK { ?s ?p ?o }").form == "ASK"
    with pytest.raises(QueryError, match="meeting-chain"):
        queries.resolve("meeting-chian")


def test_malformed_sparql_is_a_query_error_with_exit_code_2(store):
    with pytest.raises(QueryError) as err:
        queries.run(store, queries.resolve("SELECT ?s WHERE { ?s ?p }"))
    assert err.value.exit_code == 2


def test_ask_and_construct_give_rows(store):
    assert queries.run(store, queries.resolve("ASK { ?m a gov:Meeting }")) == [{"result": True}]
    triples = queries.run(store, queries.resolve("CONSTRUCT { ?m a gov:Meeting } WHERE { ?m a gov:Meeting }"))
    assert len(triples) == 5 and set(triples[0]) == {"subject", "predicate", "object"}


INJECTION = 'x" } ; DROP ALL ; #'


@pytest.mark.parametrize("name", ["person-meetings", "decisions", "actions", "meetings"])
def test_a_hostile_value_is_only_data(store, store_dir, name):
    from tests.query.conftest import quad_count

    before = quad_count(store_dir)
    q = queries.get(name)
    param = q.params[0].name
    assert queries.run(store, q, {param: INJECTION}) == []
    assert quad_count(store_dir) == before


def test_questions_with_who_asked_and_who_answered(store):
    rows = run(store, "questions")
    assert [(r["askedByName"], r["answeredByName"], r["question"], r["title"]) for r in rows] == [
        ("Emma Green", "Alice Carter", "whether the housing figures included Westvale", "Housing"),
        ("Frank Carter", None, None, None),
    ]
    # bound to a person, as asker or as answerer
    assert [r["askedByName"] for r in run(store, "questions", person="id:person/alice-carter")] == ["Emma Green"]
    assert [r["askedByName"] for r in run(store, "questions", person="id:person/frank-carter")] == ["Frank Carter"]
    assert run(store, "questions", body=SLG) == []
