"""Printing rows as a table, JSON or CSV: the ``--format`` of every command.

Machine-readable output goes to stdout; messages go to stderr.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Any

import click

FORMATS = ("table", "json", "csv")


def format_option(default: str = "table"):
    return click.option(
        "--format", "fmt", type=click.Choice(FORMATS), default=default, show_default=True,
        help="Output format.",
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def emit_rows(rows: Iterable[dict], fmt: str, columns: Sequence[str] | None = None, out=None) -> int:
    """Print ``rows`` (dicts) in ``fmt``; returns the number of rows printed."""
    out = out or sys.stdout
    rows = list(rows)
    if columns is None:
        columns = list(dict.fromkeys(k for r in rows for k in r))
    if fmt == "json":
        json.dump(rows, out, indent=2, ensure_ascii=False, default=str)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in columns])
    else:
        print_table(rows, columns, out)
    return len(rows)


def print_table(rows: list[dict], columns: Sequence[str], out=None, max_width: int = 60) -> None:
    out = out or sys.stdout
    if not rows:
        click.echo("(no rows)", err=True)
        return
    cells = [[_cell(r.get(c)) for c in columns] for r in rows]
    cells = [[c if len(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells]
    widths = [max(len(str(h)), *(len(row[i]) for row in cells)) for i, h in enumerate(columns)]
    line = "  ".join(str(h).ljust(w) for h, w in zip(columns, widths)).rstrip()
    out.write(line + "\n" + "  ".join("-" * w for w in widths) + "\n")
    for row in cells:
        out.write("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")
