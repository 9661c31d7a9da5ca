"""The build: minutes files -> linked quads -> one named graph per file in a store.

Per file, ``parse_file`` (read + parse) is a pure function of the path, so it
runs in worker processes (``jobs``), streamed back in order with a bounded
number in flight. Linking is sequential, because each document may introduce
a spelling the next one needs; emitting follows, and documents are committed
in batches (``_Writer``), each batch all or nothing.

Crash safety: a document graph is either wholly in the store or not at all,
and the store validates after every commit; a build killed at any point
leaves exactly the documents of the batches committed before, and running it
again finishes the work (a stale links graph is refreshed first).

Concurrency: one build per store (``kg.buildlock``, and RocksDB's own lock);
readers open the store read-only without locking and see the last commit.

Re-running is cheap and safe: a file whose sha256 its graph already records
is skipped without being parsed, a changed file replaces exactly its graph,
and ``prune`` drops the graphs of files not among the paths given.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from kg.documents import collect_files, read_document
from kg.errors import KGError
from kg.gazetteer import default as default_gazetteer
from kg.linkgraph import (
    described_entities,
    entities_of,
    entity_labels,
    is_stale,
    links_update,
    mentioned_entities,
    provisional_quads,
    refresh_links,
    stale_quad,
)
from kg.namespaces import BASE
from kg.rdf import LINKS_GRAPH, graph_iri, record_quads
from kg.records import Document, MinutesRecord
from kg.resolve import Registry, link_record
from kg.store import OxigraphStore

Parser = Callable[[Document], MinutesRecord]
GRAPHS = BASE + "graph/"

DEFAULT_JOBS = os.cpu_count() or 1
PARSE_CHUNK = 8  # files per task sent to a worker process
# Batch sizes; the environment may lower them (the kill tests do, to commit often).
BULK_QUADS = int(os.environ.get("KG_BUILD_BATCH_QUADS", 200_000))  # quads per bulk batch (about 200
# documents), well under the store's limit for one atomic bulk write
EXACT_BATCH = int(os.environ.get("KG_BUILD_EXACT_BATCH", 50))  # documents per exact batch
SMALL_BUILD = 200  # at most this many files into a store that has documents: exact batches only


@dataclass
class Source:
    path: Path
    name: str  # path relative to the build root's parent: "minutes/000.txt"

    known_graph: str = ""  # the graph a store already keeps for this name (saves deriving it)

    @property
    def graph(self) -> str:
        if not self.known_graph:
            self.known_graph = graph_iri(self.name)
        return self.known_graph


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
        here = p.resolve().name if p.is_dir() else None
        for f in collect_files([p]):
            try:
                if here is not None and not f.is_symlink():
                    # A file found in the folder: its path below the folder, without
                    # resolving every file (a second per 10,000 files).
                    name = f"{here}/{f.relative_to(p).as_posix()}"
                else:
                    name = f.resolve().relative_to(root).as_posix()
            except (ValueError, RuntimeError, OSError):  # outside the root, or a symlink loop (reported later)
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


def _parse_chunk(sources: list[Source], parser: Parser | None) -> list[Parsed]:
    return [parse_file(s, parser) for s in sources]


def _parse_all(sources: list[Source], parser: Parser | None, jobs: int) -> Iterator[Parsed]:
    """Parsed files in order, from ``jobs`` worker processes.

    Work goes out in small chunks with a bounded number in flight, so memory
    holds a few dozen parsed files however large the corpus is.
    """
    if jobs <= 1 or len(sources) < 2:
        for s in sources:
            yield parse_file(s, parser)
        return
    chunk = max(1, min(PARSE_CHUNK, len(sources) // (jobs * 2) or 1))
    pending: deque[Future] = deque()
    todo = iter(range(0, len(sources), chunk))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for start in todo:
            pending.append(pool.submit(_parse_chunk, sources[start: start + chunk], parser))
            if len(pending) >= jobs * 3:
                break
        while pending:
            done = pending.popleft().result()
            start = next(todo, None)
            if start is not None:
                pending.append(pool.submit(_parse_chunk, sources[start: start + chunk], parser))
            yield from done


def sha256_of(path: Path) -> str:
    from kg.documents import file_sha256  # refuses a FIFO instead of blocking on it

    return file_sha256(path)


def stored_hashes(store) -> dict[str, str]:
    """Document graph IRI -> sha256 of the file it was built from."""
    rows = store.select("SELECT ?g ?sha WHERE { GRAPH ?g { ?d gov:sha256 ?sha } }")
    return {r["g"]: r["sha"] for r in rows}


def stored_sources(store) -> dict[str, tuple[str, str]]:
    """Source name as built -> (its graph IRI, sha256 of the file it was built from)."""
    rows = store.select("SELECT ?g ?src ?sha WHERE { GRAPH ?g { ?d gov:sha256 ?sha ; dcterms:source ?src } }")
    return {r["src"]: (r["g"], r["sha"]) for r in rows}


class _Writer:
    """Commits documents in batches, each batch one all-or-nothing write.

    Two kinds of batch:

    - *exact*: the documents' graphs (replacing their old versions) together
      with the links graph's new description of every entity they touch, in one
      transaction. Used for changed files, for pruning, and for every document
      of a small build into an existing store, so the store is exact after each
      commit.
    - *bulk*: many new documents at once through the store's bulk path, with a
      provisional description of the entities they introduce and the links
      graph marked stale; ``finish`` refreshes the links graph (whole for a
      fresh store, else for the entities touched) and clears the mark. A build
      killed in between leaves a valid store whose mark makes the next build
      refresh in full.
    """

    def __init__(self, store, gaz, known: dict[str, str], exact: bool):
        self.store, self.gaz, self.known, self.exact = store, gaz, known, exact
        self._described: set[str] | None = None  # read when first needed: small builds never need it
        self.bulk: list = []
        self.bulk_graphs: list[str] = []
        self.exact_batch: list[tuple[str, list]] = []
        self.touched: set[str] = set()
        self.marked = False  # bulk batches written: the links graph is provisional until finish()

    @property
    def described(self) -> set[str]:
        """Entities the links graph describes (fully or provisionally)."""
        if self._described is None:
            self._described = described_entities(self.store)
        return self._described

    def add(self, graph: str, quads: list) -> None:
        if self.exact or graph in self.known:
            self.exact_batch.append((graph, quads))
            if len(self.exact_batch) >= EXACT_BATCH:
                self.flush_exact()
        else:
            self.bulk += quads
            self.bulk_graphs.append(graph)
            if len(self.bulk) >= BULK_QUADS:
                self.flush_bulk()

    def flush_bulk(self) -> None:
        if not self.bulk:
            return
        labels = entity_labels(self.bulk)
        self.touched |= labels.keys()
        extra = provisional_quads(labels, self.described, self.gaz)
        now = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
        self.store.apply_batch(self.bulk + extra + [stale_quad(now)])
        self.marked = True
        self.bulk, self.bulk_graphs = [], []

    def flush_exact(self, drop: list[str] | None = None) -> None:
        """Write the pending exact batch (and drop ``drop``) with the links of what it touches."""
        self.flush_bulk()
        if not self.exact_batch and not drop:
            return
        quads = [q for _, qs in self.exact_batch for q in qs]
        gone = [g for g, _ in self.exact_batch if g in self.known] + list(drop or [])
        touched = mentioned_entities(self.store, gone) | entities_of(quads)
        batch = OxigraphStore(":memory:")
        batch.ox.extend(quads)
        links, deletes = links_update(self.store, touched, self.gaz, exclude=gone, extra=batch,
                                      clear_stale=not self.marked)
        self.store.apply_batch(quads + links, drop=gone, before=deletes)
        if self._described is not None:
            self._described |= touched
        self.exact_batch = []

    def finish(self, prune: list[str]) -> None:
        self.flush_exact(prune)
        if not self.marked:
            return
        if not self.known or len(self.touched) * 2 > len(self.described):
            refresh_links(self.store, self.gaz)
        else:
            refresh_links(self.store, self.gaz, entities=self.touched)


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
    by_name = stored_sources(store)
    known = {g: sha for g, sha in by_name.values()}
    todo: list[Source] = []
    for s in sources:
        stored = by_name.get(s.name)
        if stored and stored[0].startswith(GRAPHS):  # built under this name and this base: that graph
            s.known_graph = stored[0]
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
    graphs = set(store.graphs())
    if LINKS_GRAPH in graphs and is_stale(store):
        refresh_links(store, gaz)  # an earlier build was killed between its batches and its refresh
    wanted = {s.graph for s in sources}
    dropped = sorted(set(known) - wanted - {LINKS_GRAPH}) if prune else []
    if todo or dropped:
        registry = Registry.from_store(store) if known else Registry()
        writer = _Writer(store, gaz, known, exact=bool(known) and len(todo) <= SMALL_BUILD)
        for parsed in _parse_all(todo, parser, jobs):
            if progress:
                progress(parsed.source.name)
            if parsed.error or parsed.record is None or parsed.doc is None:
                report.failed.append(parsed.error or f"{parsed.source.name}: nothing parsed")
                continue
            linked = link_record(parsed.record, registry, gaz)
            quads = record_quads(parsed.doc, parsed.record, linked, source=parsed.source.name, ingested=ingested)
            writer.add(parsed.source.graph, quads)
            report.built.append(parsed.source.name)
            report.graphs.append(parsed.source.graph)
        writer.finish(dropped)
        report.pruned = dropped
    if LINKS_GRAPH not in store.graphs():
        refresh_links(store, gaz)
    return report
