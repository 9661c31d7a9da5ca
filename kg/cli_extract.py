"""``kg extract``: minutes files to extraction records."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.extract import extract_paths


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
def extract(paths: tuple[Path, ...], fmt: str) -> None:
    """Parse minutes files (or folders of them) into extraction records.

    \b
    Example:
      kg extract data/minutes --format json > records.json
    """
    result = extract_paths(list(paths))
    for failure in result.failures:
        click.echo(f"kg: {failure}", err=True)
    if fmt == "json":
        json.dump([r.to_json() for r in result.records], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for r in result.records:
            click.echo(summary_line(r))
    if result.failures:
        sys.exit(1)


def summary_line(r) -> str:
    return (
        f"{r.source}: {r.body or '?'} {r.date or '?'} | present {len(r.present)}, apologies "
        f"{len(r.apologies)}, deputies {len(r.deputies)}, items {len(r.items)}, decisions "
        f"{len(r.decisions)}, actions {len(r.actions)}, programmes {len(r.programmes)}"
    )
