"""Read-back: the records `kg extract` prints come from the graph and equal the direct parse."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from kg.cli import cli
from kg.documents import read_document
from kg.extract import extract_paths, extract_via_graph
from kg.parse import parse

from .conftest import toy_parse

SET_FIELDS = ("programmes", "next_meetings")


def normalised(record: dict) -> dict:
    """Fields whose order carries no meaning compare as sets (action owners, programmes)."""
    out = dict(record)
    for f in SET_FIELDS:
        out[f] = sorted(out.get(f) or [])
    out["actions"] = [{**a, "owners": sorted(a["owners"])} for a in out.get("actions") or []]
    return out


def test_toy_record_survives_the_graph(toy_dir):
    direct = [toy_parse(read_document(p)).to_json() for p in sorted(toy_dir.glob("*.txt"))]
    back = extract_via_graph([toy_dir], parser=toy_parse).records
    assert [normalised(r) for r in back] == [normalised(r) for r in direct]
    first = back[0]
    assert first["deputies"] and first["actions"][1]["status"] == "done"
    assert "One Public Estate" in first["programmes"]  # canonical, though written "One Government Estate"


def test_seed_records_from_the_graph_equal_the_direct_parse(minutes_dir):
    direct = [r.to_json() for r in extract_paths([minutes_dir]).records]
    back = extract_via_graph([minutes_dir]).records
    assert [r["source"] for r in back] == [r["source"] for r in direct]
    for d, b in zip(direct, back):
        assert normalised(b) == normalised(d), d["source"]


def test_extract_json_scores_as_well_as_the_direct_parse(minutes_dir, shared_dir, tmp_path):
    direct = tmp_path / "direct.json"
    direct.write_text(json.dumps([parse(read_document(p)).to_json() for p in sorted(minutes_dir.glob("*.txt"))]))
    result = CliRunner().invoke(cli, ["extract", str(minutes_dir), "--format", "json"])
    assert result.exit_code == 0
    via_graph = tmp_path / "graph.json"
    via_graph.write_text(result.stdout)

    def overall(path):
        out = subprocess.run([sys.executable, str(shared_dir / "score.py"), str(path), str(shared_dir / "gold"),
                              "--json"], capture_output=True, text=True, check=True)
        return json.loads(out.stdout)["overall_f1"]

    assert overall(via_graph) >= overall(direct) - 1e-9
