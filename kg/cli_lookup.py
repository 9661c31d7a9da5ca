"""``kg query``, ``kg queries`` and the lookups (person, org, meeting, decisions, actions, programmes).

Each lookup resolves the names it is given to IRIs (``kg.lookup``) and runs
named queries with those IRIs as bindings; it never builds SPARQL from text.
Sections print as tables (with headings), one JSON object, or one CSV whose
first column names the section.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from functools import partial

import click

from kg import lookup
from kg import queries as nq
from kg.errors import QueryError
from kg.output import emit_rows, format_option

EVIDENCE = ("source", "quote")


def store_option(f):
    return click.option(
        "--store", "store_path", metavar="DIR", default=None,
        help="Graph store folder [default: $KG_STORE or .kg/store].",
    )(f)


def evidence_option(f):
    return click.option(
        "--evidence", is_flag=True, help="Show, for each fact, its source file and the quoted sentence.",
    )(f)


def _open(store_path: str | None):
    from kg.store import DEFAULT_LOCATION, open_store

    return open_store(store_path or DEFAULT_LOCATION, read_only=True)


def _date(option: str, value: str | None) -> str | None:
    if value is None:
        return None
    from kg.parse.dates import parse_date

    iso = parse_date(value)
    if iso is None:
        raise QueryError(f"{option} {value!r}: not a date (try 2019-08-22 or '22 August 2019')")
    return iso


class Section:
    """One named query's rows under a heading, with the columns a reader wants."""

    def __init__(self, name: str, rows: list[dict], columns: Sequence[str]):
        self.name, self.rows, self.columns = name, rows, list(columns)


def _columns(columns: Sequence[str], evidence: bool) -> list[str]:
    return [*columns, *EVIDENCE] if evidence else list(columns)


def _strip(rows: list[dict], evidence: bool) -> list[dict]:
    if evidence:
        return rows
    return [{k: v for k, v in r.items() if k not in EVIDENCE} for r in rows]


def emit_sections(head: dict, sections: list[Section], fmt: str, evidence: bool) -> None:
    if fmt == "json":
        out = dict(head)
        for s in sections:
            out[s.name] = _strip(s.rows, evidence)
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False, default=str)
        sys.stdout.write("\n")
    elif fmt == "csv":
        columns = ["section", *dict.fromkeys(c for s in sections for c in _columns(s.columns, evidence))]
        rows = [{"section": s.name, **r} for s in sections for r in s.rows]
        emit_rows(rows, "csv", columns)
    else:
        click.echo(" ".join(str(v) for v in head.values() if v))
        for s in sections:
            click.echo(f"\n{s.name} ({len(s.rows)})")
            if s.rows:
                emit_rows(s.rows, "table", _columns(s.columns, evidence))


def _single(rows: list[dict], columns: Sequence[str], fmt: str, evidence: bool) -> None:
    if fmt == "json":
        emit_rows(_strip(rows, evidence), "json")
    else:
        emit_rows(rows, fmt, _columns(columns, evidence))


# ---------------------------------------------------------------- kg query / queries


@click.command()
@click.argument("query")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (an IRI, id:..., an ISO date, a number, else text; a person, "
                   "organisation, body or programme parameter also takes a name). Repeatable.")
@store_option
@format_option()
def query(query: str, params: tuple[str, ...], store_path: str | None, fmt: str) -> None:
    """Run a named query, a .rq file or SPARQL text, with parameters bound as data.

    \b
    Examples:
      kg query people-on-several-bodies
      kg query person-meetings --param person="Mark Hawthorne"
      kg query decisions -p since=2018-01-01 --format csv
      kg query 'SELECT ?m ?date WHERE { ?m a gov:Meeting ; dcterms:date ?date }'
    """
    q = nq.resolve(query)
    values = nq.parse_params(params)
    nq.check_params(q, values)
    with _open(store_path) as store:
        bound: dict[str, object] = {}
        for name, value in values.items():
            param = q.param(name)
            resolver = lookup.RESOLVERS.get(param.kind) if param and param.kind else None
            if resolver and nq.expand_iri(value) is None:
                bound[name] = f"<{resolver(store, value).iri}>"
            else:
                bound[name] = value
        rows = nq.run(store, q, bound)
    emit_rows(rows, fmt)


@click.command()
@click.option("--verbose", "-v", is_flag=True, help="Also show each query's description.")
@format_option()
def queries(verbose: bool, fmt: str) -> None:
    """List the named queries with their titles and parameters.

    \b
    Example:
      kg queries
      kg query meeting-chain --param body="Leadership Gloucestershire"
    """
    rows = []
    for q in nq.named_queries().values():
        row = {"name": q.name, "title": q.title, "params": " ".join("?" + p.name for p in q.params)}
        if verbose or fmt == "json":
            row["description"] = q.description
        rows.append(row)
    emit_rows(rows, fmt)



# ---------------------------------------------------------------- lookups


@click.command()
@click.argument("name")
@store_option
@evidence_option
@format_option()
def person(name: str, store_path: str | None, evidence: bool, fmt: str) -> None:
    """What the graph knows about a person: meetings attended and missed, roles, items presented, actions.

    NAME may be "Cllr Mark Hawthorne", "mark hawthorne", "Hawthorne" or an IRI.

    \b
    Example:
      kg person "Mark Hawthorne" --evidence
    """
    with _open(store_path) as store:
        who = lookup.resolve_person(store, name)
        p = {"person": f"<{who.iri}>"}
        jobs = [("person-meetings", p), ("person-roles", p), ("person-memberships", p),
                ("person-presented", p), ("actions", {"owner": f"<{who.iri}>"})]
        rows = lookup.side_by_side(store, [partial(nq.run, store, name, params) for name, params in jobs])
        sections = [
            Section("meetings", rows[0], ["date", "bodyName", "status", "organisation", "role", "deputyName"]),
            Section("roles", rows[1], ["orgName", "role", "capacity", "first", "last", "meetings"]),
            Section("memberships", rows[2], ["orgName", "roleName", "from", "to"]),
            Section("presented", rows[3], ["date", "bodyName", "itemNumber", "title", "decisionText"]),
            Section("actions", rows[4], ["date", "bodyName", "state", "carriedForward", "due", "description"]),
        ]
    emit_sections({"name": who.label, "iri": who.iri}, sections, fmt, evidence)


@click.command()
@click.argument("name")
@click.option("--all", "all_actions", is_flag=True,
              help="List every action its people own, as `kg actions --org NAME` does (slow for a large "
                   "organisation: thousands of rows); without it, a count of their open actions.")
@store_option
@evidence_option
@format_option()
def org(name: str, all_actions: bool, store_path: str | None, evidence: bool, fmt: str) -> None:
    """What the graph knows about an organisation: who sat for it, attendance, apologies, actions.

    NAME may be the full name, an abbreviation ("Stroud DC", "GCC"), a distinctive word or an IRI.
    Representatives come one per body, person and role, with the meetings at which they were
    present or sent apologies and the first and last of them. Actions come as a count of the
    open actions owned by people who sat for it at the meeting that set them; --all lists them
    all (seat or membership) instead.

    \b
    Example:
      kg org "Stroud DC"
      kg org "Stroud DC" --all --format csv
    """
    with _open(store_path) as store:
        which = lookup.resolve_org(store, name)
        o = {"org": f"<{which.iri}>"}
        sections = [
            Section("representatives", nq.run(store, "org-representatives", o),
                    ["bodyName", "name", "role", "capacity", "present", "apologies", "first", "last",
                     "deputisingForName"]),
            Section("attendance", nq.run(store, "attendance-rate", o),
                    ["bodyName", "attended", "meetings", "percent"]),
            Section("apologies", nq.run(store, "apologies-by-organisation", o),
                    ["bodyName", "meetingsRecorded", "apologies", "deputies"]),
        ]
        if all_actions:
            sections.append(Section("actions", nq.run(store, "actions", o),
                                    ["date", "bodyName", "ownerName", "state", "due", "description"]))
        else:
            # The count only (its list of meetings runs to thousands for a large organisation).
            counts = [{"open": r["open"], "owners": r["owners"]}
                      for r in nq.run(store, "open-actions-by-organisation", o)] or [{"open": 0, "owners": 0}]
            sections.append(Section("openActions", counts, ["open", "owners"]))
    emit_sections({"name": which.label, "iri": which.iri}, sections, fmt, evidence)


@click.command()
@click.argument("body")
@click.argument("date")
@store_option
@evidence_option
@format_option()
def meeting(body: str, date: str, store_path: str | None, evidence: bool, fmt: str) -> None:
    """Who attended a meeting, what it decided and the actions it set.

    BODY is the body's name, initials or IRI; DATE is 2017-10-26 or "26 October 2017".

    \b
    Example:
      kg meeting "Leadership Gloucestershire" 2017-10-26
    """
    iso = _date("DATE", date)
    with _open(store_path) as store:
        which = lookup.resolve_body(store, body)
        found = nq.run(store, "meetings", {"body": f"<{which.iri}>", "on": iso})
        if not found:
            from kg.errors import NotFound

            dates = [r["date"] for r in nq.run(store, "meetings", {"body": f"<{which.iri}>"}) if r["date"]]
            raise NotFound(f"{which.label} has no meeting on {iso}; its meetings: {', '.join(dates) or 'none'}")
        m = {"meeting": f"<{found[0]['meeting']}>"}
        chain = nq.run(store, "meeting-chain", m)
        info = [{**found[0], **{k: chain[0].get(k) for k in ("confirmsDate", "confirmedByDate")}}] if chain else found
        sections = [
            Section("meeting", info, ["bodyName", "date", "location", "present", "apologies", "confirmsDate",
                                      "confirmedByDate", "source"]),
            Section("attendees", nq.run(store, "meeting-attendees", m),
                    ["status", "name", "orgName", "role", "capacity", "deputisingForName"]),
            Section("decisions", nq.run(store, "decisions", m), ["text", "programmes", "money"]),
            Section("actions", nq.run(store, "actions", m),
                    ["ownerName", "ownerOrgName", "state", "carriedForward", "due", "description"]),
        ]
    emit_sections({"name": f"{which.label}, {iso}", "iri": found[0]["meeting"]}, sections, fmt, evidence)


@click.command()
@click.option("--programme", metavar="NAME", help="Only decisions about this programme.")
@click.option("--body", metavar="NAME", help="Only decisions of this body.")
@click.option("--since", metavar="DATE", help="Only meetings on or after DATE.")
@click.option("--until", metavar="DATE", help="Only meetings on or before DATE.")
@store_option
@evidence_option
@format_option()
def decisions(programme, body, since, until, store_path, evidence, fmt) -> None:
    """Decisions in date order, with programmes and money, filtered by programme, body and date.

    \b
    Example:
      kg decisions --programme "Vision 2050" --since 2017-01-01
    """
    params = {"since": _date("--since", since), "until": _date("--until", until)}
    with _open(store_path) as store:
        if programme is not None:
            params["programme"] = f"<{lookup.resolve_programme(store, programme).iri}>"
        if body is not None:
            params["body"] = f"<{lookup.resolve_body(store, body).iri}>"
        rows = nq.run(store, "decisions", {k: v for k, v in params.items() if v is not None})
    _single(rows, ["date", "bodyName", "text", "programmes", "money"], fmt, evidence)


@click.command()
@click.option("--owner", metavar="NAME", help="Only actions this person owns.")
@click.option("--org", "org_name", metavar="NAME", help="Only actions owned by people of this organisation.")
@click.option("--body", metavar="NAME", help="Only actions set by this body.")
@click.option("--status", type=click.Choice(["open", "done"]), help="Only open or only completed actions.")
@store_option
@evidence_option
@format_option()
def actions(owner, org_name, body, status, store_path, evidence, fmt) -> None:
    """Actions with their owners, organisations and the meeting they came from.

    \b
    Example:
      kg actions --owner "Steve Baumber" --status open
    """
    params: dict[str, str] = {}
    if status:
        params["status"] = status
    with _open(store_path) as store:
        if owner is not None:
            params["owner"] = f"<{lookup.resolve_person(store, owner).iri}>"
        if org_name is not None:
            params["org"] = f"<{lookup.resolve_org(store, org_name).iri}>"
        if body is not None:
            params["body"] = f"<{lookup.resolve_body(store, body).iri}>"
        rows = nq.run(store, "actions", params)
    _single(rows, ["date", "bodyName", "ownerName", "ownerOrgName", "state", "carriedForward", "due",
                   "description"], fmt, evidence)


@click.command()
@store_option
@format_option()
def programmes(store_path, fmt) -> None:
    """Programmes with how often they were discussed, their decisions and the money agreed.

    \b
    Example:
      kg programmes --format csv
    """
    with _open(store_path) as store:
        rows = nq.run(store, "programmes")
    _single(rows, ["programmeName", "meetings", "decisions", "total", "first", "last"], fmt, False)
