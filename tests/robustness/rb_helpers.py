"""Helpers of the robustness suite: a CLI runner that refuses tracebacks, and
fingerprints that prove a store unchanged.
"""

from __future__ import annotations

import hashlib
import io
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import cli

HERE = Path(__file__).parent

ROOT = HERE.parent.parent
# Examples per property test: modest for CI; KG_FUZZ_EXAMPLES=2000 for a long local hunt.
EXAMPLES = int(os.environ.get("KG_FUZZ_EXAMPLES", "40"))
SEEDS = sorted((ROOT / "data" / "minutes").glob("*.txt"))


def run_kg(*args: str, input: str | None = None) -> Result:
    """Run ``kg ARGS`` in-process; fail the test on any exception other than a clean exit.

    A traceback (an uncaught exception) is what a user must never see: the
    CLI's contract is one line on stderr and an exit code.
    """
    result = CliRunner().invoke(cli, list(args), input=input, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        tb = "".join(traceback.format_exception(result.exception))
        pytest.fail(f"kg {' '.join(args)[:200]!r} raised instead of exiting cleanly:\n{tb[-3000:]}")
    assert "Traceback (most recent call last)" not in result.output
    assert "Traceback (most recent call last)" not in result.stderr
    return result


def assert_user_error(result: Result) -> None:
    """A refusal the way the CLI promises it: non-zero exit, short message on stderr, no traceback."""
    assert result.exit_code not in (0, None)
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines, "an error exit must say why on stderr"
    # "kg: error: ..." for a refused command, "kg: FILE: reason" for a file a batch could not read.
    assert lines[0].startswith(("kg: ", "Error:", "Usage:")), lines[0]


def store_fingerprint(store_dir: str | Path) -> tuple[int, str]:
    """(quad count, sha256 of the N-Quads export, lines sorted): equal before and after means unchanged."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_dir))
    count = len(store)
    out = io.BytesIO()
    store.dump(out, ox.RdfFormat.N_QUADS)
    del store
    lines = sorted(out.getvalue().splitlines())
    return count, hashlib.sha256(b"\n".join(lines)).hexdigest()


def export_fingerprint(store_dir: str | Path) -> str:
    """sha256 of ``kg export --format nq`` (sorted lines), through the CLI a user runs."""
    result = run_kg("export", "--store", str(store_dir), "--format", "nq")
    assert result.exit_code == 0, result.stderr
    return hashlib.sha256(b"\n".join(sorted(result.stdout_bytes.splitlines()))).hexdigest()
