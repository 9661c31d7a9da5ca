"""``kg analyse`` and ``kg map``: thin wrappers over ``kg.analytics`` and ``kg.maps``.

networkx and pyvis load inside the command functions, so importing this
module (for ``kg analyse --help``) stays cheap.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from kg.output import FORMATS, emit_rows

PROJECTIONS = ("people", "orgs", "people-orgs", "people-programmes", "bodies", "meetings")
SECTIONS = ("all", "brokers", "communities", "connectors", "collaboration", "trends", "changes")
COLUMNS = {
    "brokers": ["rank", "name", "type", "betweenness", "weighted_degree", "degree", "pagerank", "community",
                "bodies", "organisations"],
    "communities": ["community", "size", "members"],
    "connectors": ["name", "bodies", "meetings", "by_body"],
    "collaboration": ["organisation", "with", "meetings"],
    "trends": ["organisation", "year", "meetings", "attendances", "people"],
    "changes": ["period", "change", "who", "before", "after"],
}
TITLES = {
    "brokers": "Top brokers (betweenness: shortest paths that pass through them)",
    "communities": "Communities (Louvain, seeded)",
    "connectors": "People who connect bodies (attended meetings of more than one)",
    "collaboration": "Organisation collaboration (meetings where both were represented)",
    "trends": "Attendance per organisation per year",
    "changes": "Change between periods",
}


def network_options(f):
    """Options shared by analyse and map: projection, body, dates, store."""
    for opt in reversed([
        click.option("--projection", "-p", type=click.Choice(PROJECTIONS), default="people", show_default=True,
                     help="Which network: people by co-attendance, organisations by co-presence, ..."),
        click.option("--body", "-b", help="Only meetings of this body (name, part of a name, or IRI)."),
        click.option("--since", help="Only meetings on or after this date (2018, 2018-06, 2018-06-07)."),
        click.option("--until", help="Only meetings on or before this date."),
        click.option("--store", "store_dir", help="Store location (default .kg/store or $KG_STORE)."),
    ]):
        f = opt(f)
    return f


@click.command()
@network_options
@click.option("--top", "-n", type=click.IntRange(min=1), default=10, show_default=True, help="How many brokers.")
@click.option("--section", type=click.Choice(SECTIONS), default="all", show_default=True,
              help="Print one part of the report (csv prints one part; default brokers).")
@click.option("--compare", nargs=2, metavar="PERIOD PERIOD",
              help="Periods to compare (2017 2018, or 2017-01-01..2017-06-30 ...); default: the last two years.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="table", show_default=True, help="Output format.")
def analyse(projection, body, since, until, store_dir, top, section, compare, fmt) -> None:
    """Network analytics: brokers, communities, collaboration and trends.

    \b
    Example:
      kg analyse                                  # people by co-attendance
      kg analyse --projection orgs --since 2018   # organisations since 2018
      kg analyse --body "Leadership Gloucestershire" --section connectors
      kg analyse --compare 2017 2018 --section changes --format csv
    """
    from kg.analytics import analyse as run
    from kg.analytics import resolve_filters
    from kg.store import open_store

    with open_store(store_dir, read_only=True) as store:
        report = run(store, projection, resolve_filters(store, body, since, until), top=top,
                     compare=tuple(compare) if compare else None)
    data = report.to_json()
    if fmt == "json":
        json.dump(data if section == "all" else data[section], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return
    if fmt == "csv" and section == "all":
        click.echo("kg: csv prints one section: brokers (choose with --section)", err=True)
        section = "brokers"
    sections = list(SECTIONS[1:]) if section == "all" else [section]
    if fmt == "table":
        click.echo(f"{report.projection} network: {report.nodes} nodes, {report.edges} edges", err=True)
    for name in sections:
        if fmt == "table" and len(sections) > 1:
            click.echo(f"\n## {TITLES[name]}")
        rows = data[name]
        if fmt == "table" and not rows:
            click.echo("(none)")
            continue
        cap = top * 3 if len(sections) > 1 and name in ("collaboration", "trends") else None
        emit_rows(rows[:cap], fmt, COLUMNS[name])
        if cap and len(rows) > cap:
            click.echo(f"… {len(rows) - cap} more (--section {name})")


@click.command("map")
@network_options
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=Path("map.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--size-by", type=click.Choice(["degree", "betweenness", "pagerank"]), default="degree",
              show_default=True, help="Node size by this measure (degree is weighted).")
@click.option("--title", help="Heading shown on the map.")
def map_(projection, body, since, until, store_dir, output, size_by, title) -> None:
    """Write an interactive network map: one HTML file that works offline.

    \b
    Example:
      kg map -o map.html                          # people by co-attendance
      kg map --projection bodies -o bodies.html --size-by betweenness
      kg map --body cabinet --since 2018 -o cabinet-2018.html
    """
    from kg.analytics import resolve_filters
    from kg.maps import write_map
    from kg.store import open_store

    with open_store(store_dir, read_only=True) as store:
        f = resolve_filters(store, body, since, until)
        stats = write_map(store, output, projection=projection, filters=f, size_by=size_by, title=title)
    click.echo(f"kg: wrote {output} ({stats['nodes']} nodes, {stats['edges']} edges)", err=True)
