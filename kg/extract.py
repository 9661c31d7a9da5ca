"""Read and parse many files, collecting failures instead of stopping."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.documents import collect_files, read_document
from kg.errors import KGError
from kg.parse import parse
from kg.records import MinutesRecord


@dataclass
class ExtractResult:
    records: list[MinutesRecord] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one line each, naming the file


def extract_paths(paths: list[Path]) -> ExtractResult:
    result = ExtractResult()
    for path in collect_files(paths):
        try:
            doc = read_document(path)
        except KGError as exc:
            result.failures.append(str(exc))
            continue
        result.records.append(parse(doc))
    return result


@dataclass
class GraphExtract:
    """Extraction records read back from a graph built in memory."""

    records: list[dict] = field(default_factory=list)  # SCHEMA.md shape
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # files extracted anyway, with a caveat
    store: object = None  # the in-memory store, for callers that want the triples too


def extract_via_graph(paths: list[Path], parser=None) -> GraphExtract:
    """Build ``paths`` into an in-memory store and read every record back from it.

    The JSON therefore says exactly what the triples say. ``source`` is the
    file name, as the direct parse gives it.
    """
    from kg.build import build
    from kg.readback import read_record
    from kg.store import open_store

    store = open_store(":memory:")
    report = build(paths, store, parser=parser, ingested=None)
    out = GraphExtract(failures=list(report.failed), warnings=list(report.warnings), store=store)
    for graph in report.graphs:
        record = read_record(store, graph)
        if record:
            record["source"] = Path(record["source"]).name
            out.records.append(record)
    return out
