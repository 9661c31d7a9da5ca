"""Build throughput and memory: the seeds repeated to N documents, against extraction alone.

Copies the seed minutes to N files with varied names, every year in copy k
moved k rounds on (so each file is a distinct meeting of the same people, as
a real corpus of many meetings is), then in one run measures:

- extraction alone: read + parse of every file;
- the full build into a fresh on-disk store: read and parse in ``--jobs``
  worker processes, link, emit, commit in batches, then the links graph;
- rebuilding with nothing changed, and with one file changed (each as the
  whole ``kg build`` process, start-up included);

each in a fresh process, and prints wall time, documents per second, peak
resident memory of that process (RocksDB's caches and the workers' own
included) and the build/extract ratios.

    python benchmarks/bench_build.py [--docs 1000] [--jobs 2] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.build import build
from kg.documents import collect_files, read_document
from kg.parse import parse
from kg.stats import graph_stats
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent


def shift_years(text: str, by: int) -> str:
    """Move every year in the text ``by`` years on, so each copy is a meeting of its own."""
    return re.sub(r"\b(19|20)(\d\d)\b", lambda m: str(int(m.group(0)) + by), text)


def make_corpus(n: int, into: Path) -> list[Path]:
    """The seeds copied to ``n`` files: the same people, but a distinct meeting (date) per copy."""
    seeds = collect_files([ROOT / "data" / "minutes"])
    out = []
    for i in range(n):
        src = seeds[i % len(seeds)]
        dst = into / f"{i:05d}_{src.stem}{src.suffix}"
        dst.write_text(shift_years(src.read_text(encoding="utf-8"), i // len(seeds)), encoding="utf-8")
        out.append(dst)
    return out


def _present(f: Path) -> int:
    return len(parse(read_document(f)).present)


def in_child(fn) -> tuple[float, float, object]:
    """Run ``fn`` in a forked child: (seconds, peak RSS in MiB of that child, fn's small result)."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()

    def run() -> None:
        t = time.perf_counter()
        result = fn()
        peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                   resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)  # workers too
        queue.put((time.perf_counter() - t, peak / 1024, result))

    proc = ctx.Process(target=run)
    proc.start()
    out = queue.get()
    proc.join()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--corpus", type=Path, help="Use the minutes in this folder (e.g. from corpus.py) "
                    "instead of copies of the seeds; --docs is then ignored.")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        if args.corpus:
            corpus = tmp / "minutes"
            shutil.copytree(args.corpus, corpus)  # a copy: one file gets changed below
            files = collect_files([corpus])
        else:
            corpus = tmp / "minutes"
            corpus.mkdir()
            files = make_corpus(args.docs, corpus)

        def extract() -> int:
            if args.jobs <= 1:
                return sum(len(parse(read_document(f)).present) for f in files)
            with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
                return sum(pool.imap(_present, files, chunksize=8))

        def full_build() -> tuple[int, dict]:
            with open_store(str(tmp / "store")) as store:
                report = build([corpus], store, jobs=args.jobs)
                return len(report.failed), graph_stats(store)

        t_extract, m_extract, _ = in_child(extract)
        t_build, m_build, (failed, counts) = in_child(full_build)
        n = len(files)
        kg = [sys.executable, "-m", "kg.cli", "build", str(corpus), "--store", str(tmp / "store"), "-q"]
        t = time.perf_counter()
        subprocess.run(kg, check=False)
        t_same = time.perf_counter() - t
        files[0].write_text(files[0].read_text(encoding="utf-8") + "\nAction: Jo Bloggs to check the minutes.\n",
                            encoding="utf-8")
        t = time.perf_counter()
        subprocess.run(kg, check=False)
        t_one = time.perf_counter() - t
        print(f"documents              {n} (jobs {args.jobs})")
        print(f"extract only           {t_extract:8.2f} s  {n / t_extract:7.1f} docs/s  peak RSS {m_extract:7.1f} MiB")
        print(f"build (disk store)     {t_build:8.2f} s  {n / t_build:7.1f} docs/s  peak RSS {m_build:7.1f} MiB")
        print(f"ratio build/extract    {t_build / t_extract:8.2f} x time    {m_build / m_extract:7.2f} x memory")
        print(f"kg build, no change    {t_same:8.2f} s wall (whole process)")
        print(f"kg build, one changed  {t_one:8.2f} s wall (whole process)")
        print(f"store                  {counts['triples']} quads, {counts['people']} people, "
              f"{counts['meetings']} meetings, {counts['documents']} documents, failed {failed}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
