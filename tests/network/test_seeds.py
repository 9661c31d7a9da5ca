"""Acceptance on the five seed minutes: ``kg analyse`` names the people who connect
Leadership Gloucestershire and the County Council Cabinet, and ``kg map`` draws.

The expectation comes from the independent gold records (../shared/gold): the
people present at both bodies' meetings. Skips while ``kg build`` writes no
attendance yet.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from headless import Browser, chromium

from kg.cli import cli
from kg.names import person_key


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory, minutes_dir) -> str:
    location = str(tmp_path_factory.mktemp("seeds") / "store")
    result = CliRunner().invoke(cli, ["build", str(minutes_dir), "--store", location])
    assert result.exit_code == 0, result.output
    from kg.store import open_store

    with open_store(location, read_only=True) as store:
        if not store.ask("ASK { ?a a gov:Attendance }"):
            pytest.skip("kg build writes no attendance yet")
    return location


def gold_cross_attendees(shared_dir) -> set[str]:
    present: dict[str, set[str]] = {}
    for path in sorted((shared_dir / "gold").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        present.setdefault(record["body"] or "", set()).update(person_key(p["name"]) for p in record["present"])
    lg = present.get("Leadership Gloucestershire", set())
    cabinet = set().union(*(v for k, v in present.items() if "Cabinet" in k))
    return lg & cabinet


def test_analyse_names_people_connecting_the_bodies(seed_store, shared_dir):
    expected = gold_cross_attendees(shared_dir)
    assert expected  # the gold has people at both bodies
    result = CliRunner().invoke(cli, ["analyse", "--store", seed_store, "--section", "connectors", "--format", "json"])
    assert result.exit_code == 0, result.output
    connecting = {
        person_key(r["name"]) for r in json.loads(result.stdout)
        if any("Leadership Gloucestershire" in b for b in r["by_body"]) and any("Cabinet" in b for b in r["by_body"])
    }
    assert expected <= connecting


def test_brokers_on_the_seeds_include_a_connector(seed_store, shared_dir):
    result = CliRunner().invoke(cli, ["analyse", "--store", seed_store, "--section", "brokers", "--top", "5",
                                      "--format", "json"])
    top = {person_key(r["name"]) for r in json.loads(result.stdout)}
    assert top & gold_cross_attendees(shared_dir)


@pytest.mark.browser
@pytest.mark.skipif(chromium() is None, reason="chromium is not installed (.ci/setup.d/20-chromium.sh)")
def test_seed_map_draws_in_the_browser(seed_store, tmp_path):
    page = tmp_path / "seeds.html"
    result = CliRunner().invoke(cli, ["map", "--store", seed_store, "-o", str(page)])
    assert result.exit_code == 0, result.output
    with Browser(timeout=60) as b:
        b.open(page)
        assert int(b.evaluate("document.body.getAttribute('data-kg-drawn')")) > 10
        assert all(url.startswith("file://") for url in b.requests)
        assert b.dialogs == []
