"""``kg validate``: the SHACL shapes over the union of all graphs, via pyshacl.

pyshacl works on rdflib graphs, so the store is dumped once as N-Triples
(fast in pyoxigraph) and parsed by rdflib; the ontology goes along so that
``sh:class`` sees subclasses (a gov:PartnershipBody is an org:Organization).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import KGError
from kg.resources import ontology_dir

SH = "http://www.w3.org/ns/shacl#"


@dataclass
class Violation:
    focus: str
    path: str | None
    message: str
    value: str | None
    shape: str | None

    def as_row(self) -> dict:
        return {"focus": self.focus, "path": self.path, "value": self.value, "message": self.message}

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.focus}{where}: {self.message}"


def _rdflib_graph(store):
    import rdflib

    buf = io.BytesIO()
    store.serialize(ox.RdfFormat.N_TRIPLES, buf)
    g = rdflib.Graph()
    g.parse(data=buf.getvalue().decode("utf-8"), format="nt")
    return g


def validate_graph(data, shapes: Path | None = None) -> list[Violation]:
    """Violations of the shapes in an rdflib graph (empty list: valid)."""
    import pyshacl
    import rdflib

    shapes = shapes or ontology_dir() / "shapes.ttl"
    try:
        shacl = rdflib.Graph().parse(shapes, format="turtle")
    except Exception as exc:  # rdflib raises many kinds of parse errors
        raise KGError(f"{shapes}: cannot read the shapes ({exc})") from exc
    ont = rdflib.Graph().parse(ontology_dir() / "governance.ttl", format="turtle")
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shacl, ont_graph=ont, inference="none", allow_warnings=True,
    )
    if conforms:
        return []
    sh = rdflib.Namespace(SH)
    out = []
    for r in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        if report.value(r, sh.resultSeverity) != sh.Violation:
            continue

        def val(p, r=r):
            v = report.value(r, p)
            return None if v is None else str(v)

        out.append(Violation(val(sh.focusNode) or "", val(sh.resultPath), val(sh.resultMessage) or "violation",
                             val(sh.value), val(sh.sourceShape)))
    return sorted(out, key=lambda v: (v.focus, v.path or "", v.message))


def validate_store(store, shapes: Path | None = None) -> list[Violation]:
    """Violations of the shapes over the union of the store's graphs."""
    return validate_graph(_rdflib_graph(store), shapes)
