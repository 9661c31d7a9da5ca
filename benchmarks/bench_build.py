"""Build throughput and memory: the seeds repeated to N documents, against extraction alone.

Copies the seed minutes to N files with varied names, every year in copy k
moved k rounds on (so each file is a distinct meeting of the same people, as
a real corpus of many meetings is), then in one run measures:

- extraction alone: read + parse of every file;
- the full build into a fresh on-disk store: read, parse, link, emit, one
  transaction per document, then the links graph;

each in a fresh child process, and prints wall time, documents per second,
peak resident memory of that process (RocksDB's caches included) and the
build/extract ratios.

    python benchmarks/bench_build.py [--docs 1000] [--jobs 1]
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import resource
import shutil
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


def in_child(fn) -> tuple[float, float, object]:
    """Run ``fn`` in a forked child: (seconds, peak RSS in MiB of that child, fn's small result)."""
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()

    def run() -> None:
        t = time.perf_counter()
        result = fn()
        queue.put((time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, result))

    proc = ctx.Process(target=run)
    proc.start()
    out = queue.get()
    proc.join()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=1)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        corpus = tmp / "minutes"
        corpus.mkdir()
        files = make_corpus(args.docs, corpus)

        def extract() -> int:
            return sum(len(parse(read_document(f)).present) for f in files)

        def full_build() -> tuple[int, dict]:
            with open_store(str(tmp / "store")) as store:
                report = build([corpus], store, jobs=args.jobs)
                return len(report.failed), graph_stats(store)

        t_extract, m_extract, _ = in_child(extract)
        t_build, m_build, (failed, counts) = in_child(full_build)
        n = len(files)
        print(f"documents              {n} (jobs {args.jobs})")
        print(f"extract only           {t_extract:8.2f} s  {n / t_extract:7.1f} docs/s  peak RSS {m_extract:7.1f} MiB")
        print(f"build (disk store)     {t_build:8.2f} s  {n / t_build:7.1f} docs/s  peak RSS {m_build:7.1f} MiB")
        print(f"ratio build/extract    {t_build / t_extract:8.2f} x time    {m_build / m_extract:7.2f} x memory")
        print(f"store                  {counts['triples']} quads, {counts['people']} people, "
              f"{counts['meetings']} meetings, {counts['documents']} documents, failed {failed}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
