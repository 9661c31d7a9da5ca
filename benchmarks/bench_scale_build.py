"""Build a synthetic corpus at scale, side by side with extraction alone, then rebuild.

    python benchmarks/bench_scale_build.py --corpus DIR [--docs 10000] [--jobs 2] [--store DIR]

One run measures, on the same files: read + parse alone (``kg extract``'s work,
in ``--jobs`` processes), the full ``kg build --jobs N`` into a fresh embedded
store as a separate process (wall time and peak memory), a rebuild with nothing
changed, and a rebuild with one file changed. The corpus is generated with
``benchmarks/corpus.py`` when DIR has no ``minutes/`` yet. Targets (issue 6):
build 10,000 documents <= 120 s wall and <= 2 GB peak on 2 cores; one changed
file <= 3 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"]


def _extract_chunk(paths: list[str]) -> int:
    from kg.documents import read_document
    from kg.parse import parse

    for p in paths:
        parse(read_document(Path(p)))
    return len(paths)


def time_extract(files: list[Path], jobs: int) -> float:
    t = time.perf_counter()
    if jobs <= 1:
        _extract_chunk([str(f) for f in files])
    else:
        chunks = [[str(f) for f in files[i::jobs * 8]] for i in range(jobs * 8)]
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            sum(pool.map(_extract_chunk, chunks))
    return time.perf_counter() - t


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_kg(args: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one ``kg`` process and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    proc = subprocess.run(KG + args, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"kg {' '.join(args)} failed:\n{proc.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KB on Linux: the largest child so far
    return wall, max(peak, before) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, required=True, help="corpus folder (generated if it has no minutes/)")
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--store", type=Path, help="where to build (default: a temporary folder, removed after)")
    ap.add_argument("--keep", action="store_true", help="keep the store (to run bench_queries.py on it)")
    args = ap.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # rows appear as they are measured

    minutes = args.corpus / "minutes"
    if not minutes.is_dir():
        t = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "corpus.py"), "--docs", str(args.docs),
                        "--seed", str(args.seed), "--out", str(args.corpus)], check=True)
        print(f"generated {args.docs} documents in {time.perf_counter() - t:.1f} s", file=sys.stderr)
    files = sorted(p for p in minutes.iterdir() if p.is_file())
    n = len(files)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    store = args.store or tmp / "store"
    if store.exists():
        shutil.rmtree(store)
    try:
        cpu = _cpu()
        extract = time_extract(files, args.jobs)
        cpu_extract, cpu = _cpu() - cpu, _cpu()
        build, peak = run_kg(["build", str(minutes), "--store", str(store), "--jobs", str(args.jobs), "--quiet"])
        cpu_build = _cpu() - cpu
        again, _ = run_kg(["build", str(minutes), "--store", str(store), "--jobs", str(args.jobs), "--quiet"])
        changed = files[n // 2]
        original = changed.read_bytes()
        try:
            changed.write_bytes(original + b"\nAny other business: none was raised.\n")
            one, _ = run_kg(["build", str(minutes), "--store", str(store), "--jobs", str(args.jobs), "--quiet"])
        finally:
            changed.write_bytes(original)
        run_kg(["build", str(minutes), "--store", str(store), "--quiet"])  # back to the generated state
        size_mb = sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 1e6
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    rows = [
        ("documents", f"{n}", "", ""),
        ("jobs", f"{args.jobs}", "", ""),
        ("extract alone (read+parse)", f"{extract:.1f} s", f"{n / extract:.0f} docs/s", ""),
        ("kg build (fresh store)", f"{build:.1f} s", f"{n / build:.0f} docs/s",
         "met" if build <= 120 * n / 10000 else "NOT met"),
        ("build / extract", f"{build / extract:.2f} x", "", ""),
        ("CPU: extract alone / build", f"{cpu_extract:.0f} / {cpu_build:.0f} s", "all processes", ""),
        ("load average at the end", f"{os.getloadavg()[0]:.1f}", "other jobs too", ""),
        ("peak memory (largest process)", f"{peak:.0f} MB", "", "met" if peak <= 2048 else "NOT met"),
        ("rebuild, nothing changed", f"{again:.2f} s", "", ""),
        ("rebuild, one file changed", f"{one:.2f} s", "", "met" if one <= 3 else "NOT met"),
        ("store on disk", f"{size_mb:.0f} MB", "", ""),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'value':>10}  {'rate':>14}  target")
    for name, value, rate, target in rows:
        print(f"{name:<{width}}  {value:>10}  {rate:>14}  {target}")
    if args.keep:
        print(f"store kept at {store}", file=sys.stderr)


if __name__ == "__main__":
    main()
