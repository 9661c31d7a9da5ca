"""``kg serve``: the graph as a read-only SPARQL 1.1 endpoint (see ``kg.server``)."""

from __future__ import annotations

import click

from kg.errors import KGError
from kg.server import DEFAULT_HOST, DEFAULT_PORT, Config, SparqlServer


@click.command()
@click.option("--store", "store_path", metavar="DIR", default=None,
              help="Graph store folder [default: $KG_STORE or .kg/store].")
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to listen on; anything but 127.0.0.1 exposes the graph to the network.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535))
@click.option("--timeout", default=10.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds a query may run before it is cancelled (503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(1),
              help="Solutions or triples per answer; more are cut (header X-KG-Truncated).")
@click.option("--max-body", default=1_000_000, show_default=True, type=click.IntRange(1),
              help="Largest POST body in bytes (413 beyond).")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 32),
              help="Query worker processes (queries that run at once).")
@click.option("--quiet", "-q", is_flag=True, help="Do not log requests on stderr.")
def serve(store_path, host, port, timeout, max_rows, max_body, workers, quiet) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql.

    GET ?query=, POST form and POST application/sparql-query; results as JSON,
    XML, CSV or TSV and graphs as Turtle or JSON-LD, by the Accept header.
    Updates and SERVICE are refused with 403.

    \b
    Example:
      kg serve --store .kg/store --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/sparql
    """
    from kg.store import DEFAULT_LOCATION

    config = Config(store_path or DEFAULT_LOCATION, host, port, timeout, max_rows, max_body, workers)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"kg: warning: listening on {host}: the graph is readable from the network", err=True)
    server = SparqlServer(config, verbose=not quiet)
    click.echo(f"kg: serving {config.store} at {server.url} (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    except KGError:
        raise
    finally:
        server.server_close()
        server.pool.close()
