"""Extraction throughput: the seeds repeated to N documents, in one process.

Reports documents per second for read + parse against the time to merely read
the same files (the baseline measured in the same run), so the figure is a
ratio that survives a noisy machine.

    python benchmarks/bench_extract.py [--docs 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        files = make_corpus(args.docs, Path(tmp))
        parse(read_document(files[0]))  # warm-up: gazetteer, regex compilation
        reads, extracts = [], []
        for _ in range(args.repeat):
            reads.append(time_read(files))
            extracts.append(time_extract(files))
    r, e = statistics.median(reads), statistics.median(extracts)
    n = args.docs
    print(f"documents            {n}")
    print(f"read only            {r:8.3f} s  {n / r:10.0f} docs/s")
    print(f"read + parse         {e:8.3f} s  {n / e:10.0f} docs/s")
    print(f"parse cost / read    {e / r:8.1f} x")
    print(f"target >= 200 docs/s: {'met' if n / e >= 200 else 'NOT met'}")


if __name__ == "__main__":
    main()
