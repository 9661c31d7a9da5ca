"""Start-up cost of the CLI: ``kg --help`` and ``kg person NAME`` as whole processes.

A lookup is something people type many times a day, so what matters is the
wall time of a fresh process, imports included. Each command runs N times;
the report gives medians and the ratio against ``python -c pass`` measured in
the same run, so the figure survives a noisy shared machine.

    python benchmarks/bench_cli.py [--store DIR] [--person "Mark Hawthorne"] [--runs 7]

Without --store the seeds are built into a temporary store first (``kg build``).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"]


def median_seconds(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
        times.append(time.perf_counter() - t)
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.decode().strip()}")
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", help="a built store (default: build the seeds into a temporary one)")
    ap.add_argument("--person", default="Mark Hawthorne")
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    tmp = None
    store = args.store
    if store is None:
        tmp = tempfile.mkdtemp(prefix="kg-bench-")
        store = str(Path(tmp) / "store")
        subprocess.run([*KG, "build", str(ROOT / "data" / "minutes"), "--store", store], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        base = median_seconds([sys.executable, "-c", "pass"], args.runs)
        rows = [
            ("python -c pass", base),
            ("kg --help", median_seconds([*KG, "--help"], args.runs)),
            (f"kg person {args.person!r}", median_seconds([*KG, "person", args.person, "--store", store], args.runs)),
            (f"kg person {args.person!r} --format json",
             median_seconds([*KG, "person", args.person, "--store", store, "--format", "json"], args.runs)),
        ]
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"{'command':45} {'median s':>9} {'x python':>9}   ({args.runs} runs each)")
    for name, secs in rows:
        print(f"{name:45} {secs:9.3f} {secs / base:9.1f}")


if __name__ == "__main__":
    main()
