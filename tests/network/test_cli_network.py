"""``kg analyse`` and ``kg map`` through click, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

from click.testing import CliRunner

from kg.cli import cli


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_analyse_json_report(store_dir):
    result = run("analyse", "--store", store_dir, "--body", "Leadership Board", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["brokers"][0]["name"] == "Alice Archer"
    assert {c["name"] for c in report["connectors"]} == set()  # one body only: nobody connects two
    pairs = {(r["organisation"], r["with"]): r["meetings"] for r in report["collaboration"]}
    assert pairs[("Eastbrook District Council", "Northshire County Council")] == 3
    assert report["matrix"]["labels"][0] == "Eastbrook District Council"


def test_analyse_names_people_who_connect_the_two_bodies(store_dir):
    result = run("analyse", "--store", store_dir, "--section", "connectors", "--format", "json")
    rows = json.loads(result.stdout)
    assert [r["name"] for r in rows] == ["Alice Archer", "Bob Baker"]
    assert rows[0]["by_body"] == ["Northshire County Council Cabinet (2)", "Northshire Leadership Board (3)"]


def test_analyse_table_has_every_section(store_dir):
    result = run("analyse", "--store", store_dir, "--projection", "orgs", "--top", "2")
    assert result.exit_code == 0, result.output
    for heading in ("Top brokers", "Communities", "connect bodies", "collaboration", "per year", "Change"):
        assert heading in result.stdout


def test_analyse_csv_one_section(store_dir):
    result = run("analyse", "--store", store_dir, "--section", "trends", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    ncc = {r["year"]: r for r in rows if r["organisation"] == "Northshire County Council"}
    # 2017: LB 10-26 (Alice, Bob) + CC 11-02 (Alice, Bob, Eve, Frank); 2018: LB x2 + CC: Alice x3, Bob, Eve
    assert (ncc["2017"]["meetings"], ncc["2017"]["attendances"]) == ("2", "6")
    assert (ncc["2018"]["meetings"], ncc["2018"]["attendances"], ncc["2018"]["people"]) == ("3", "5", "3")


def test_analyse_compare_periods(store_dir):
    result = run("analyse", "--store", store_dir, "--compare", "2017", "2018", "--section", "changes",
                 "--format", "json")
    rows = json.loads(result.stdout)
    assert {"change": "joined", "who": "Gina Green", "before": 0, "after": None, "period": "2017 → 2018"} in rows
    assert any(r["change"] == "strengthened" and r["who"] == "Alice Archer – Carol Clark" for r in rows)


def test_user_errors_are_one_line(store_dir, tmp_path):
    for args in (["--since", "soon"], ["--body", "nowhere"], ["--store", str(tmp_path / "none")]):
        result = run("analyse", "--store", store_dir, *args)
        assert result.exit_code != 0
        assert result.stderr.startswith("kg: error:") and result.stderr.count("\n") <= 1
        assert "Traceback" not in result.output


def test_map_writes_an_html_file(store_dir, tmp_path):
    out = tmp_path / "m.html"
    result = run("map", "--store", store_dir, "-o", str(out), "--projection", "bodies", "--size-by", "betweenness")
    assert result.exit_code == 0, result.output
    assert "wrote" in result.stderr
    assert out.read_text(encoding="utf-8").startswith("<html>")


def test_map_error_names_the_output_path(store_dir, tmp_path):
    result = run("map", "--store", store_dir, "-o", str(tmp_path / "missing" / "m.html"))
    assert result.exit_code != 0 and "missing" in result.stderr


def test_help_shows_examples():
    assert "kg analyse --projection orgs" in run("analyse", "--help").output
    assert "kg map -o map.html" in run("map", "--help").output


def test_projection_choices_match_the_api():
    from kg import analytics
    from kg.cli_network import PROJECTIONS

    assert PROJECTIONS == analytics.PROJECTIONS


def test_cli_modules_import_without_networkx_or_pyvis():
    code = "import sys, kg.cli, kg.cli_network; print(sorted(m for m in ('networkx', 'pyvis') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
