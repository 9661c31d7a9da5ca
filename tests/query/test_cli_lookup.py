"""The lookup commands as a user runs them: names in, tables / JSON / CSV out, one-line errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from kg.cli import cli
from tests.query.conftest import quad_count

INJECTION = 'x" } ; DROP ALL ; #'


@pytest.fixture(scope="module")
def kg(store_dir):
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, [*args, "--store", store_dir])

    return invoke


def test_person_shows_meetings_roles_and_actions(kg):
    r = kg("person", "Cllr Alice Carter", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["name"] == "Alice Carter"
    assert [m["date"] for m in data["meetings"] if m["status"] == "attended"] == [
        "2020-01-10", "2020-02-20", "2020-03-12", "2020-05-14"]
    assert [m["date"] for m in data["meetings"] if m["status"] == "apologies"] == ["2020-06-18"]
    assert {r["role"] for r in data["roles"]} >= {"Leader", "Cabinet Member"}
    assert [p["title"] for p in data["presented"]] == ["Housing"]
    assert {a["description"] for a in data["actions"]} == {
        "Circulate the terms of reference", "Write to the minister"}
    assert "quote" not in data["meetings"][0]


def test_evidence_shows_source_file_and_quoted_sentence(kg):
    r = kg("person", "alice carter", "--evidence")
    assert r.exit_code == 0, r.output
    assert "minutes/cpb-2020-01-10.txt" in r.stdout
    assert "Cllr Alice Carter (Chair), Leader" in r.stdout
    plain = kg("person", "alice carter")
    assert "minutes/cpb-2020-01-10.txt" not in plain.stdout


def test_person_csv_is_one_table_with_a_section_column(kg):
    r = kg("person", "Dan Foster", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {row["section"] for row in rows} >= {"meetings", "actions"}
    assert {(row["date"], row["status"]) for row in rows if row["section"] == "meetings"} == {
        ("2020-02-20", "attended"), ("2020-06-18", "absent")}


def test_ambiguous_name_lists_candidates_and_exits_1(kg):
    r = kg("person", "Carter")
    assert r.exit_code == 1
    assert "Alice Carter" in r.stderr and "Frank Carter" in r.stderr
    assert "Traceback" not in r.output


def test_unknown_name_says_so_and_exits_1(kg):
    r = kg("person", "Zed Nobody")
    assert r.exit_code == 1
    assert "Zed Nobody" in r.stderr and r.stdout == ""


def test_org_lookup(kg):
    r = kg("org", "Westvale DC", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["name"] == "Westvale District Council"
    assert {(x["name"], x["first"], x["last"]) for x in data["representatives"]} >= {
        ("Frank Carter", "2020-03-12", "2020-03-12")}
    assert [(a["attended"], a["meetings"]) for a in data["attendance"]] == [(3, 3)]


def test_meeting_lookup_takes_a_body_name_and_a_written_date(kg):
    r = kg("meeting", "partnership board", "12 March 2020", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["meeting"][0]["confirmsDate"] == "2020-01-10"
    deputy = next(a for a in data["attendees"] if a["name"] == "Frank Carter")
    assert deputy["deputisingForName"] == "Robert Dalton"
    assert len(data["decisions"]) == 2


def test_meeting_on_a_date_without_one_lists_the_dates(kg):
    r = kg("meeting", "SLG", "2020-01-01")
    assert r.exit_code == 1
    assert "2020-02-20" in r.stderr and "2020-06-18" in r.stderr


def test_decisions_filters(kg):
    r = kg("decisions", "--programme", "Clean Air", "--body", "County Partnership Board", "--format", "json")
    assert r.exit_code == 0, r.output
    assert [d["date"] for d in json.loads(r.stdout)] == ["2020-01-10", "2020-03-12"]
    r = kg("decisions", "--since", "1 May 2020", "--format", "json")
    assert [d["text"] for d in json.loads(r.stdout)] == ["To extend the Housing Growth Deal to 2025."]


def test_bad_date_names_the_option(kg):
    r = kg("decisions", "--since", "someday")
    assert r.exit_code == 2 and "--since" in r.stderr


def test_actions_filters(kg):
    r = kg("actions", "--owner", "Bob Dalton", "--status", "open", "--format", "json")
    assert [(a["date"], a["state"]) for a in json.loads(r.stdout)] == [("2020-01-10", "open"), ("2020-03-12", "open")]
    r = kg("actions", "--org", "Northshire Police", "--format", "json")
    assert sorted(a["ownerName"] for a in json.loads(r.stdout)) == ["Carol Evans", "Dan Foster"]


def test_programmes(kg):
    r = kg("programmes", "--format", "csv")
    rows = {row["programmeName"]: row for row in csv.DictReader(io.StringIO(r.stdout))}
    assert rows["Clean Air Programme"]["meetings"] == "3"
    assert rows["Housing Growth Deal"]["total"] == "100000"


def test_query_by_name_with_a_name_for_a_person_parameter(kg):
    r = kg("query", "co-attendance", "--param", "person=Alice Carter", "-p", "other=Emma Green",
           "--format", "json")
    assert r.exit_code == 0, r.output
    assert [row["meetings"] for row in json.loads(r.stdout)] == [3]


def test_query_text_and_file(kg, tmp_path):
    r = kg("query", "SELECT (COUNT(?m) AS ?n) WHERE { ?m a gov:Meeting }", "--format", "csv")
    assert r.stdout.splitlines() == ["n", "5"]
    f = tmp_path / "chairs.rq"
    f.write_text("SELECT DISTINCT ?p WHERE { ?a gov:capacity gov:Chair ; gov:attendee ?p }\n")
    r = kg("query", str(f), "--format", "json")
    assert len(json.loads(r.stdout)) == 2


def test_malformed_sparql_is_one_line_and_exit_2(kg):
    r = kg("query", "SELECT ?s WHERE { ?s ?p }")
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.output


def test_an_update_through_query_is_refused(kg, store_dir):
    before = quad_count(store_dir)
    r = kg("query", "DELETE WHERE { ?s ?p ?o }")
    assert r.exit_code == 2
    assert quad_count(store_dir) == before


def test_queries_lists_names_and_titles(store_dir):
    r = CliRunner().invoke(cli, ["queries", "--format", "json"])
    listed = {q["name"]: q for q in json.loads(r.stdout)}
    assert len(listed) >= 12
    assert listed["meeting-chain"]["title"]


def test_missing_store_is_one_clear_line(tmp_path):
    r = CliRunner().invoke(cli, ["person", "Alice", "--store", str(tmp_path / "nowhere")])
    assert r.exit_code == 1 and "nowhere" in r.stderr and "Traceback" not in r.output


@pytest.mark.parametrize("args", [
    ["person", INJECTION], ["org", INJECTION], ["meeting", INJECTION, "2020-03-12"],
    ["decisions", "--programme", INJECTION], ["decisions", "--body", INJECTION],
    ["decisions", "--since", INJECTION], ["actions", "--owner", INJECTION], ["actions", "--org", INJECTION],
    ["actions", "--body", INJECTION], ["query", "person-meetings", "--param", f"person={INJECTION}"],
    ["query", "decisions", "--param", f"since={INJECTION}"], ["query", INJECTION],
])
def test_hostile_text_is_data_on_every_option(kg, store_dir, args):
    before = quad_count(store_dir)
    r = kg(*args)
    assert r.exit_code in (0, 1, 2)
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert "Traceback" not in r.output
    assert quad_count(store_dir) == before


@pytest.mark.parametrize("command", ["query", "queries", "person", "org", "meeting", "decisions", "actions",
                                     "programmes", "serve"])
def test_help_shows_an_example(command):
    r = CliRunner().invoke(cli, [command, "--help"])
    assert r.exit_code == 0
    assert "Example" in r.output and f"kg {command}" in r.output


def test_lookup_modules_stay_light():
    import subprocess
    import sys

    code = ("import sys, kg.cli_lookup, kg.cli_serve, kg.server, kg.lookup, kg.queries; "
            "print(' '.join(m for m in ('rdflib', 'networkx', 'pyshacl', 'numpy', 'scipy', 'pyvis') "
            "if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_org_lookup_counts_open_actions_and_lists_them_with_all(kg):
    r = kg("org", "Northshire Police", "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert "actions" not in data and data["openActions"] == [{"open": 2, "owners": 2}]
    full = kg("org", "Northshire Police", "--all", "--format", "json")
    assert full.exit_code == 0, full.output
    listed = kg("actions", "--org", "Northshire Police", "--format", "json")
    assert "openActions" not in json.loads(full.stdout)
    assert json.loads(full.stdout)["actions"] == json.loads(listed.stdout)
