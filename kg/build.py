"""The build: minutes files -> linked quads -> one named graph per file in a store.

Per file, ``parse_file`` (read + parse) is a pure function of the path, so it
can run in worker processes (``jobs``). Linking is sequential, because each
document may introduce a spelling the next one needs; emitting and writing
follow, one transaction per document. After the files, the links graph is
recomputed from all document graphs.

Re-running is cheap and safe: a file whose sha256 its graph already records
is skipped, a changed file replaces exactly its graph, and ``prune`` drops the
graphs of files not among the paths given.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from kg.documents import collect_files, read_document
from kg.errors import KGError
from kg.gazetteer import default as default_gazetteer
from kg.linkgraph import refresh_links
from kg.rdf import LINKS_GRAPH, graph_iri, record_quads
from kg.records import Document, MinutesRecord
from kg.resolve import Registry, link_record

Parser = Callable[[Document], MinutesRecord]


@dataclass
class Source:
    path: Path
    name: str  # path relative to the build root's parent: "minutes/000.txt"

    @property
    def graph(self) -> str:
        return graph_iri(self.name)


@dataclass
class Parsed:
    """What the pure per-file step returns: a document and its record, or why not."""

    source: Source
    doc: Document | None = None
    record: MinutesRecord | None = None
    error: str | None = None


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line each, naming the file
    pruned: list[str] = field(default_factory=list)
    graphs: list[str] = field(default_factory=list)  # graphs written, in build order


def plan_sources(paths: list[Path]) -> list[Source]:
    """Every minutes file under ``paths`` with the name its graph is keyed by.

    A folder argument keeps its own name in front ("minutes/000.txt"), a file
    argument is its bare name, so a file gets the same graph however it is named.
    """
    out: list[Source] = []
    for p in paths:
        if not p.exists():
            continue  # build() reports it and goes on with the rest
        root = p.resolve().parent
        for f in collect_files([p]):
            try:
                name = f.resolve().relative_to(root).as_posix()
            except ValueError:
                name = f.name
            out.append(Source(f, name))
    return list({s.name: s for s in out}.values())


def parse_file(source: Source, parser: Parser | None = None) -> Parsed:
    """Read and parse one file; never raises for a bad file (the error is returned)."""
    if parser is None:
        from kg.parse import parse as parser
    try:
        doc = read_document(source.path, source=source.name)
    except KGError as exc:
        return Parsed(source, error=str(exc))
    try:
        return Parsed(source, doc, parser(doc))
    except KGError as exc:
        return Parsed(source, doc, error=str(exc))
    except Exception as exc:  # a parser bug must not sink a thousand-file build
        return Parsed(source, doc, error=f"{source.name}: could not parse ({type(exc).__name__}: {exc})")


def _parse_all(sources: list[Source], parser: Parser | None, jobs: int) -> Iterator[Parsed]:
    if jobs <= 1 or len(sources) < 2:
        for s in sources:
            yield parse_file(s, parser)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(parse_file, sources, [parser] * len(sources), chunksize=4)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def stored_hashes(store) -> dict[str, str]:
    """Document graph IRI -> sha256 of the file it was built from."""
    rows = store.select("SELECT ?g ?sha WHERE { GRAPH ?g { ?d gov:sha256 ?sha } }")
    return {r["g"]: r["sha"] for r in rows}


def build(
    paths: list[Path],
    store,
    *,
    prune: bool = False,
    jobs: int = 1,
    parser: Parser | None = None,
    progress: Callable[[str], None] | None = None,
    ingested: str | None = "now",
) -> BuildReport:
    """Extract, link and write every file under ``paths`` into ``store``.

    ``progress`` is called once per file with its name; ``ingested`` is the
    timestamp recorded as ``prov:generatedAtTime`` ("now", an ISO string, or None).
    """
    report = BuildReport()
    report.failed += [f"{p}: no such file or folder" for p in paths if not p.exists()]
    sources = plan_sources(paths)
    known = stored_hashes(store)
    todo: list[Source] = []
    for s in sources:
        try:
            sha = sha256_of(s.path)
        except OSError as exc:
            report.failed.append(f"{s.path}: {exc.strerror or exc}")
            if progress:
                progress(s.name)
            continue
        if known.get(s.graph) == sha:
            report.skipped.append(s.name)
            if progress:
                progress(s.name)
        else:
            todo.append(s)
    if ingested == "now":
        ingested = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    gaz = default_gazetteer()
    registry = Registry.from_store(store) if known else Registry()
    for parsed in _parse_all(todo, parser, jobs):
        if progress:
            progress(parsed.source.name)
        if parsed.error or parsed.record is None or parsed.doc is None:
            report.failed.append(parsed.error or f"{parsed.source.name}: nothing parsed")
            continue
        linked = link_record(parsed.record, registry, gaz)
        quads = record_quads(parsed.doc, parsed.record, linked, source=parsed.source.name, ingested=ingested)
        store.replace_graph(parsed.source.graph, quads)
        report.built.append(parsed.source.name)
        report.graphs.append(parsed.source.graph)
    if prune:
        wanted = {s.graph for s in sources}
        for g in sorted(set(stored_hashes(store)) - wanted - {LINKS_GRAPH}):
            store.drop_graph(g)
            report.pruned.append(g)
    if report.built or report.pruned or LINKS_GRAPH not in store.graphs():
        refresh_links(store, gaz)
    return report
