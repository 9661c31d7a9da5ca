"""``kg build``, ``kg validate``, ``kg export``, ``kg stats``: the commands that make and check the graph."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from kg.errors import KGError
from kg.output import emit_rows, format_option
from kg.store import DEFAULT_LOCATION, open_store

store_option = click.option(
    "--store", "store_dir", default=DEFAULT_LOCATION, show_default=True, metavar="DIR",
    help="Graph store: a folder (embedded Oxigraph), or an http(s) SPARQL endpoint. Env: KG_STORE.",
)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--prune", is_flag=True, help="Drop the graphs of files not among PATHS (e.g. deleted ones).")
@click.option("--jobs", "-j", default=os.cpu_count() or 1, show_default="the number of cores",
              type=click.IntRange(1, 64), help="Parse files in this many worker processes.")
@click.option("--wait", "wait", default=0.0, show_default=True, type=click.FloatRange(0), metavar="SECONDS",
              help="If another build is writing the store, wait this long for it before giving up.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar or summary.")
def build(paths: tuple[Path, ...], store_dir: str, prune: bool, jobs: int, wait: float, quiet: bool) -> None:
    """Extract, link and write minutes files (or folders of them) into the graph store.

    One named graph per file; a file already built with the same content is
    skipped, a changed one replaces its graph. Bad files are reported on
    stderr (one line each) and the others are still built; the exit code is
    then 1.

    Safe to interrupt: documents are committed in batches, each all or
    nothing, and running the build again finishes the work. One build at a
    time per store (a second one refuses, or waits with --wait); lookups,
    queries and the server keep answering from the last commit meanwhile.

    \b
    Example:
      kg build data/minutes                 # into .kg/store
      kg build data/minutes --store /tmp/kg --prune
      kg build new-minutes/ --wait 600      # queue behind a running build
    """
    from kg.build import build as run_build
    from kg.build import plan_sources
    from kg.buildlock import BuildLock

    def note(line: str) -> None:
        click.echo(f"kg: {line}", err=True)

    remote = store_dir.startswith(("http://", "https://"))
    lock = None if remote else BuildLock(store_dir, wait=wait, notify=note)
    if lock:
        lock.acquire()
    try:
        with open_store(store_dir) as store:
            if quiet:
                report = run_build(list(paths), store, prune=prune, jobs=jobs, compact=False)
            else:
                total = len(plan_sources(list(paths)))
                with click.progressbar(length=total, label="Building", file=sys.stderr,
                                       item_show_func=lambda n: n or "") as bar:
                    def tick(name: str) -> None:
                        bar.update(1, name)
                    report = run_build(list(paths), store, prune=prune, jobs=jobs, progress=tick, compact=False)
            if report.bulk_quads:
                if not quiet and report.bulk_quads >= 1_000_000:  # about 2 s a million quads: say why it waits
                    note(f"compacting the store after loading {report.bulk_quads:,} quads in bulk")
                store.compact()
            for line in report.warnings:
                note(f"warning: {line}")
            for line in report.failed:
                note(line)
            if not quiet:
                click.echo(
                    f"Built {len(report.built)}, unchanged {len(report.skipped)}, failed {len(report.failed)}, "
                    f"pruned {len(report.pruned)} into {store.location} (kg stats for counts)", err=True,
                )
    finally:
        if lock:
            lock.release()
    if report.failed:
        sys.exit(1)


@click.command()
@store_option
@click.option("--shapes", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="SHACL shapes file (default: the bundled ontology/shapes.ttl).")
@format_option()
def validate(store_dir: str, shapes: Path | None, fmt: str) -> None:
    """Check the graph against the SHACL shapes; exit 1 on any violation.

    \b
    Example:
      kg validate --store .kg/store
    """
    from kg.validate import validate_store

    with open_store(store_dir, read_only=True) as store:
        violations = validate_store(store, shapes)
    if violations:
        emit_rows([v.as_row() for v in violations], fmt)
        click.echo(f"{len(violations)} violation(s)", err=True)
        sys.exit(1)
    click.echo("valid: no SHACL violations", err=True)


@click.command()
@store_option
@click.option("--format", "fmt", default="ttl", show_default=True,
              type=click.Choice(["ttl", "nt", "nq", "trig", "jsonld", "graphml", "gexf"]),
              help="RDF format, or graphml/gexf for a network projection (needs --graph).")
@click.option("--graph", "projection", metavar="PROJECTION",
              help="Network projection to export as graphml/gexf (e.g. co-attendance).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write here instead of stdout.")
def export(store_dir: str, fmt: str, projection: str | None, output: Path | None) -> None:
    """Write the whole graph as RDF, or a network projection for Gephi.

    Turtle and N-Triples hold the union of all graphs; N-Quads, TriG and
    JSON-LD keep one named graph per document.

    \b
    Example:
      kg export --format trig -o graph.trig
      kg export --graph co-attendance --format gexf -o people.gexf
    """
    from kg.exporting import export_network, export_rdf

    with open_store(store_dir, read_only=True) as store:
        if fmt in ("graphml", "gexf"):
            if not projection:
                raise KGError(f"--format {fmt} needs --graph PROJECTION")
            if output is None:
                raise KGError(f"--format {fmt} needs -o FILE")
            export_network(store, projection, fmt, output)
            return
        if projection:
            raise KGError("--graph works with --format graphml or gexf only")
        if output is None:
            export_rdf(store, fmt, sys.stdout.buffer)
            sys.stdout.flush()
        else:
            try:
                with open(output, "wb") as out:
                    export_rdf(store, fmt, out)
            except OSError as exc:
                raise KGError(f"{output}: cannot write ({exc.strerror or exc})") from exc


@click.command()
@store_option
@format_option()
def stats(store_dir: str, fmt: str) -> None:
    """Count what the graph holds: documents, meetings, people, organisations ...

    \b
    Example:
      kg stats --format json
    """
    from kg.stats import graph_stats

    with open_store(store_dir, read_only=True) as store:
        counts = graph_stats(store)
    emit_rows([{"what": k, "count": v} for k, v in counts.items()], fmt)
