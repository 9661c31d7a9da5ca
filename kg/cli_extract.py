"""``kg extract``: minutes files to extraction records."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.extract import extract_via_graph


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
def extract(paths: tuple[Path, ...], fmt: str) -> None:
    """Parse minutes files (or folders of them) into extraction records.

    The records are built into a graph in memory and read back from it, so
    they say exactly what `kg build` would store.

    \b
    Example:
      kg extract data/minutes --format json > records.json
    """
    result = extract_via_graph(list(paths))
    for warning in result.warnings:
        click.echo(f"kg: warning: {warning}", err=True)
    for failure in result.failures:
        click.echo(f"kg: {failure}", err=True)
    if fmt == "json":
        json.dump(result.records, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for r in result.records:
            click.echo(summary_line(r))
    if result.failures:
        sys.exit(1)


def summary_line(r: dict) -> str:
    n = {k: len(r.get(k) or []) for k in ("present", "apologies", "deputies", "items", "decisions", "actions",
                                           "questions", "programmes")}
    return (
        f"{r['source']}: {r.get('body') or '?'} {r.get('date') or '?'} | present {n['present']}, apologies "
        f"{n['apologies']}, deputies {n['deputies']}, items {n['items']}, decisions "
        f"{n['decisions']}, actions {n['actions']}, questions {n['questions']}, programmes {n['programmes']}"
    )
