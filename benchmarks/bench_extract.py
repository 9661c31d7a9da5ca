"""Extraction throughput: the seeds repeated to N documents, in one process.

Reports documents per second for read + parse against the time to merely read
the same files (the baseline measured in the same run), so the figure is a
ratio that survives a noisy machine.

    python benchmarks/bench_extract.py [--docs 1000] [--repeat 3] [--against DIR]

``--against DIR`` times another copy of the package (a folder holding ``kg/``,
e.g. ``git archive HEAD kg | tar -x -C /tmp/oldkg``; it needs ``ontology/``
beside ``kg/`` too) on the same files in the same run, rounds alternating, so
a before/after figure is not skewed by whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.documents import collect_files, read_document
from kg.parse import parse

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(n: int, into: Path) -> list[Path]:
    seeds = collect_files([ROOT / "data" / "minutes"])
    out = []
    for i in range(n):
        src = seeds[i % len(seeds)]
        dst = into / f"{i:05d}_{src.name}"
        shutil.copyfile(src, dst)
        out.append(dst)
    return out


def time_read(files: list[Path]) -> float:
    t = time.perf_counter()
    for f in files:
        read_document(f)
    return time.perf_counter() - t


def time_extract(files: list[Path]) -> float:
    t = time.perf_counter()
    for f in files:
        parse(read_document(f))
    return time.perf_counter() - t


def time_other(package: Path, folder: Path) -> float:
    """read + parse of ``folder`` by the package in ``package``, in a fresh process."""
    code = ("import sys, time, json; from pathlib import Path; from kg.documents import read_document; "
            "from kg.parse import parse; fs = sorted(Path(sys.argv[1]).iterdir()); parse(read_document(fs[0])); "
            "t = time.perf_counter(); [parse(read_document(f)) for f in fs]; print(json.dumps(time.perf_counter() - t))")
    env = {**os.environ, "PYTHONPATH": str(package)}
    # run from inside ``package``: "-c" puts the working directory first on sys.path, so started
    # from a checkout it would import that checkout's kg/ instead of the one asked for
    run = subprocess.run([sys.executable, "-c", code, str(folder)], capture_output=True, text=True, env=env, check=True,
                         cwd=package)
    return json.loads(run.stdout)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", type=Path, help="a folder holding another copy of kg/ to time side by side")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_corpus(args.docs, Path(tmp))
        parse(read_document(files[0]))  # warm-up: gazetteer, regex compilation
        reads, extracts, others = [], [], []
        for _ in range(args.repeat):
            reads.append(time_read(files))
            extracts.append(time_extract(files))
            if args.against:
                others.append(time_other(args.against, Path(tmp)))
    r, e = statistics.median(reads), statistics.median(extracts)
    n = args.docs
    print(f"documents            {n}")
    print(f"read only            {r:8.3f} s  {n / r:10.0f} docs/s")
    print(f"read + parse         {e:8.3f} s  {n / e:10.0f} docs/s")
    if others:
        o = statistics.median(others)
        print(f"  --against {args.against}: {o:8.3f} s  {n / o:10.0f} docs/s  (this copy is x{o / e:.2f})")
    print(f"parse cost / read    {e / r:8.1f} x")
    print(f"target >= 200 docs/s: {'met' if n / e >= 200 else 'NOT met'}")


if __name__ == "__main__":
    main()
