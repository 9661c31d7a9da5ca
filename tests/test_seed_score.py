"""The five seeds end to end: `kg extract` scored against ../shared/gold."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from kg.cli import cli


def test_seed_extraction_meets_the_bar(minutes_dir, shared_dir, tmp_path):
    result = CliRunner().invoke(cli, ["extract", str(minutes_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    out = tmp_path / "out.json"
    out.write_text(result.stdout)
    records = json.loads(result.stdout)
    assert len(records) == 5
    scored = subprocess.run(
        [sys.executable, str(shared_dir / "score.py"), str(out), str(shared_dir / "gold"), "--json"],
        capture_output=True, text=True, check=True,
    )
    scores = json.loads(scored.stdout)
    low = {f: s["f1"] for f, s in scores["fields"].items() if s["f1"] < 0.85}
    assert scores["overall_f1"] >= 0.90, scores["fields"]
    assert not low, f"fields below 0.85: {low}"
