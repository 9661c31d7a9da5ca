"""Export: the graph as RDF files, or a network projection for Gephi.

RDF goes through pyoxigraph's serialisers, JSON-LD included: rdflib's are
two orders of magnitude slower on big graphs.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kg.errors import KGError

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,  # expanded JSON-LD, one @graph per named graph
}


def export_rdf(store, fmt: str, out: BinaryIO) -> None:
    """Write the store in ``fmt`` (ttl, nt, nq, trig, jsonld) to a binary stream."""
    if fmt not in RDF_FORMATS:
        raise KGError(f"--format {fmt}: unknown RDF format (choose from {', '.join(RDF_FORMATS)})")
    store.serialize(RDF_FORMATS[fmt], out)


def export_network(store, projection: str, fmt: str, path: Path) -> None:
    """Hand a network projection to ``kg.analytics`` (imported only when asked)."""
    try:
        from kg.analytics import export_projection
    except ImportError as exc:
        raise KGError(f"--graph {projection}: network export is not available in this install ({exc})") from exc
    export_projection(store, projection, fmt, path)
