"""The ``kg`` command line: a click group whose commands load lazily.

Each command lives in a small ``kg/cli_*.py`` module and is imported only when
it runs, so ``kg --help`` and a lookup start fast. Commands are thin: they
wire options to functions of the Python API and print rows with
``kg.output.emit_rows``. Errors the user can cause are ``kg.errors.KGError``:
one line on stderr and the error's exit code, never a traceback.
"""

from __future__ import annotations

import importlib

import click

from kg import __version__
from kg.errors import KGError

# command name -> "module:attribute"; the module is imported on first use.
COMMANDS = {
    "extract": "kg.cli_extract:extract",
    "build": "kg.cli_graph:build",
    "validate": "kg.cli_graph:validate",
    "export": "kg.cli_graph:export",
    "stats": "kg.cli_graph:stats",
    "query": "kg.cli_lookup:query",
    "queries": "kg.cli_lookup:queries",
    "person": "kg.cli_lookup:person",
    "org": "kg.cli_lookup:org",
    "meeting": "kg.cli_lookup:meeting",
    "decisions": "kg.cli_lookup:decisions",
    "actions": "kg.cli_lookup:actions",
    "programmes": "kg.cli_lookup:programmes",
    "serve": "kg.cli_serve:serve",
    "analyse": "kg.cli_network:analyse",
    "map": "kg.cli_network:map_",
}

SHORT_HELP = {
    "extract": "Parse minutes files into extraction records.",
    "build": "Extract, link and write minutes into the graph store.",
    "validate": "Check the graph against the SHACL shapes.",
    "export": "Write the graph (or a network projection) to a file.",
    "stats": "Count what the graph holds.",
    "query": "Run a named query, a .rq file or SPARQL text.",
    "queries": "List the named queries.",
    "person": "What the graph knows about a person.",
    "org": "What the graph knows about an organisation.",
    "meeting": "Who attended a meeting and what it decided.",
    "decisions": "Decisions, filtered by programme, body and date.",
    "actions": "Actions, filtered by owner, organisation and status.",
    "programmes": "Programmes and how often they were discussed.",
    "serve": "Serve the graph as a read-only SPARQL 1.1 endpoint.",
    "analyse": "Network analytics: brokers, communities, collaboration.",
    "map": "Write an interactive offline network map (HTML).",
}


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command runs."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(module), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # The top-level help lists commands from SHORT_HELP without importing them.
        with formatter.section("Commands"):
            formatter.write_dl([(name, SHORT_HELP.get(name, "")) for name in COMMANDS])


class ErrorHandlingGroup(LazyGroup):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KGError as exc:
            click.echo(f"kg: error: {exc}", err=True)
            candidates = getattr(exc, "candidates", None)
            for c in candidates or []:
                click.echo(f"  {c}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            ctx.exit(0)
        except OSError as exc:
            # The environment refused (a name too long, a full disk, a file that vanished):
            # the user's to fix, so one line naming the file, not a traceback.
            where = str(exc.filename) if exc.filename is not None else ""
            where = where if len(where) <= 120 else where[:117] + "..."
            reason = exc.strerror or type(exc).__name__
            click.echo(f"kg: error: {where + ': ' if where else ''}{reason}", err=True)
            ctx.exit(1)


@click.group(cls=ErrorHandlingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """partnership-kg: minutes of partnership meetings as a knowledge graph.

    \b
    Example:
      kg build data/minutes          # parse, link and store the bundled minutes
      kg person "Mark Hawthorne"     # meetings, roles, decisions, actions
      kg actions --status open       # open actions by owner
      kg map -o map.html             # an offline network map
    """


def main() -> None:
    cli(prog_name="kg")


if __name__ == "__main__":
    main()
