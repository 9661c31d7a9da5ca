"""``kg person NAME`` as a whole process on a built store, beside the bare start-up of ``kg``.

    python benchmarks/bench_person.py --store DIR [--name "Full Name"] [--repeat 5]

Without ``--name`` the person who attended most meetings is used (the largest
answer). Reports the median wall time of the lookup and of ``kg --version``
measured in the same run, so the cost of the lookup itself shows as the
difference. Target (issue 6): <= 1.5 s on the 10,000-document store.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from kg.store import OxigraphStore

KG = [sys.executable, "-m", "kg.cli"]


def busiest_person(location: str) -> str:
    store = OxigraphStore(location, read_only=True)
    rows = store.select("""
        SELECT ?name (COUNT(DISTINCT ?m) AS ?n) WHERE { ?p gov:attended ?m ; foaf:name ?name }
        GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 1""")
    if not rows:
        sys.exit(f"{location}: no people in this store")
    return rows[0]["name"]


def wall(cmd: list[str], repeat: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(repeat):
        t = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed: {proc.stderr.strip()}")
        out = proc.stdout
    return statistics.median(times), out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", required=True, type=Path)
    ap.add_argument("--name")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # rows appear as they are measured
    name = args.name or busiest_person(str(args.store))
    start, _ = wall(KG + ["--version"], args.repeat)
    lookup, out = wall(KG + ["person", name, "--store", str(args.store), "--format", "json"], args.repeat)
    print(f"{'measure':<34} {'median s':>9}")
    print(f"{'kg --version (start-up)':<34} {start:>9.3f}")
    print(f"{'kg person ' + repr(name):<34} {lookup:>9.3f}   output {len(out)} bytes")
    print(f"{'lookup beyond start-up':<34} {lookup - start:>9.3f}")
    print(f"target <= 1.5 s: {'met' if lookup <= 1.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
