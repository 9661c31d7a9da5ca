"""The build: minutes files -> linked quads -> one named graph per file in a store.

Per file, reading, parsing, grouping the people of the document, emitting
its quads and serialising them as N-Quads is a pure function of the path
(``kg.prelink``), so it runs in worker processes (``jobs``), streamed back in
order with a bounded number in flight. Only matching people against the
registry is sequential (each document may introduce a spelling the next one
needs): the parent does that, puts the keys into the N-Quads bytes, and
commits documents in batches (``_Writer``), each batch all or nothing, the
bytes bulk-loaded by the store. A fresh build gathers what the links graph
needs document by document (``LinkFacts``) and writes it once at the end,
without querying the store.

Crash safety: a document graph is either wholly in the store or not at all,
and the store validates after every commit; a build killed at any point
leaves exactly the documents of the batches committed before, and running it
again finishes the work (a stale links graph is refreshed first).

Concurrency: one build per store (``kg.buildlock``, and RocksDB's own lock);
readers open the store read-only without locking and see the last commit.

Re-running is cheap and safe: a file whose sha256 its graph already records
is skipped without being parsed, a changed file replaces exactly its graph,
and ``prune`` drops the graphs of files not among the paths given. What a
rebuild reads from the store it reads in threads while Python works (the
store releases the GIL): the recorded hashes while the files are listed and
hashed, and, for a few changed files, the registry of people and what the
links update needs while those files parse.
"""

from __future__ import annotations

import gc
import os
import threading
from collections import Counter, defaultdict, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.documents import collect_below, file_sha256
from kg.gazetteer import default as default_gazetteer
from kg.linkgraph import (
    STALE,
    LinkFacts,
    StoreFacts,
    described_entities,
    entities_of,
    entity_labels,
    facts_quads,
    is_stale,
    link_facts,
    links_update,
    mentioned_entities,
    provisional_quads,
    read_ahead,
    refresh_links,
    stale_quad,
)
from kg.namespaces import BASE, DCTERMS, GOV
from kg.prelink import (
    NQ,
    Prelinked,
    evidence_count,
    fill_keys,
    injective,
    prelink_file,
    read_and_parse,
    renaming,
)
from kg.rdf import GRAPH_SCHEMA, LINKS_GRAPH, graph_iri, person_iri, record_quads
from kg.records import Document, MinutesRecord
from kg.resolve import Cluster, Registry, apply_keys, document_clusters, match_clusters
from kg.store import OxigraphStore, quad_data

Parser = Callable[[Document], MinutesRecord]
GRAPHS = BASE + "graph/"

DEFAULT_JOBS = os.cpu_count() or 1
PARSE_CHUNK = 8  # files per task sent to a worker process
# Files in flight: enough that the workers keep going while the parent bulk-loads a
# batch (about 300 documents), few enough to bound memory (about 250 KB each).
IN_FLIGHT = 480
IN_PROCESS = 12  # at most this many files are parsed here: starting workers costs more (0.3 s)
# Batch sizes; the environment may lower them (the kill tests do, to commit often).
# Quads per bulk batch (about 1,100 documents; one bulk load, one atomic ingestion). The
# store's loading work per quad falls a little as batches grow (fewer ingestions for
# RocksDB to compact), while its memory grows by about 0.9 KB a quad loaded at once; the
# batch's own N-Quads wait in a temporary file, not in memory (``_Spool``). Towards the
# end of a build batches shrink (``_Writer.target``), so that the last load, which
# nothing overlaps, is short.
BULK_QUADS = int(os.environ.get("KG_BUILD_BATCH_QUADS", 850_000))
EXACT_BATCH = int(os.environ.get("KG_BUILD_EXACT_BATCH", 50))  # documents per exact batch
BULK_LIMIT = 880_000  # quads: never more in one bulk batch (with the links it adds, at most the store's BULK_MAX)
SMALL_BUILD = 200  # at most this many files into a store that has documents: exact batches only


@dataclass
class Source:
    where: Path | str  # the file (a ``str`` until ``path`` is asked for: most files of a rebuild never are)
    name: str  # path relative to the build root's parent: "minutes/000.txt"

    known_graph: str = ""  # the graph a store already keeps for this name (saves deriving it)

    @property
    def path(self) -> Path:
        if not isinstance(self.where, Path):
            self.where = Path(self.where)
        return self.where

    @property
    def graph(self) -> str:
        if not self.known_graph:
            self.known_graph = graph_iri(self.name)
        return self.known_graph


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line each, naming the file
    pruned: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # one line each, naming the file (built anyway)
    graphs: list[str] = field(default_factory=list)  # graphs written, in build order
    bulk_quads: int = 0  # quads bulk-loaded (the store wants compacting afterwards when > 0)


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
        for where, below in collect_below(p):
            if here is not None and below is not None:  # most files: no system call, no Path
                out.append(Source(where, f"{here}/{below}"))
                continue
            f = Path(where)
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


def _prelink_chunk(items: list[tuple[Path, str]], parser: Parser | None, ingested: str | None) -> list[Prelinked]:
    return [prelink_file(path, name, parser, ingested) for path, name in items]


def _prelink_all(sources: list[Source], parser: Parser | None, jobs: int, ingested: str | None
                 ) -> Iterator[tuple[Source, Prelinked]]:
    """Each file read, parsed and emitted with placeholder keys, in order, from ``jobs`` worker processes.

    Work goes out in small chunks with a bounded number in flight, so memory
    holds a few hundred emitted files however large the corpus is.
    """
    if jobs <= 1 or len(sources) <= IN_PROCESS:
        for s in sources:
            yield s, prelink_file(s.path, s.name, parser, ingested)
        return
    chunk = max(1, min(PARSE_CHUNK, len(sources) // (jobs * 2) or 1))
    starts = iter(range(0, len(sources), chunk))
    pending: deque[tuple[int, Future]] = deque()

    def submit(pool, start: int) -> None:
        items = [(s.path, s.name) for s in sources[start: start + chunk]]
        pending.append((start, pool.submit(_prelink_chunk, items, parser, ingested)))

    from concurrent.futures import ProcessPoolExecutor  # here: a rebuild of a few files never needs it

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for start in starts:
            submit(pool, start)
            if len(pending) >= max(jobs * 3, IN_FLIGHT // chunk):
                break
        while pending:
            start, future = pending.popleft()
            done = future.result()
            following = next(starts, None)
            if following is not None:
                submit(pool, following)
            yield from zip(sources[start: start + chunk], done)


def _hash_one(s: Source) -> str | OSError:
    try:
        return file_sha256(s.where)  # refuses a FIFO instead of blocking on it
    except OSError as exc:
        return exc


T = TypeVar("T")


def _in_thread(work: Callable[[], T], name: str, *, now: bool = False) -> Future[T]:
    """``work`` run in a daemon thread, its value or exception in the returned ``Future``.

    For the store's reads: pyoxigraph releases the GIL while a query runs, so
    the build goes on listing, hashing or parsing files meanwhile. ``now``: run
    here, before returning (no thread is worth starting).
    """
    future: Future[T] = Future()

    def run() -> None:
        try:
            future.set_result(work())
        except BaseException as exc:  # handed to whoever asks for the result
            future.set_exception(exc)

    if now:
        run()
    else:
        threading.Thread(target=run, name=name, daemon=True).start()
    return future


def stored_sources(store) -> dict[str, tuple[str, str]]:
    """Source name as built -> (its graph IRI, sha256 of the file it was built from).

    A graph written under another ``GRAPH_SCHEMA`` gets an empty hash, so its
    file is built again however unchanged it is.
    """
    rows = store.text_rows(_sources_where(), ("?g", 'IF(BOUND(?current), "1", "0")', "STRLEN(?sha)", "?sha", "?src"))
    if rows is None:
        return _scanned_sources(store)
    found = []
    for g, current, length, *rest in rows:
        text, n = " ".join(rest), int(length)  # the hash, a space, the name: cut by the hash's length
        found.append((text[n + 1:], g, text[:n] if current == "1" else ""))
    return {src: (g, sha) for src, g, sha in sorted(found)}  # sorted: one name in two graphs reads the same each time


def _sources_where() -> str:
    """Each document's name, hash and whether its schema is current, joined inside the store.

    One property at a time, joined by graph and document (Oxigraph joins
    sub-selects by hash; otherwise one index lookup a row, 2.5x the time).
    Current means the schema term exactly as a build writes it.
    """
    return f"""
      {{ SELECT ?g ?d ?src WHERE {{ GRAPH ?g {{ ?d dcterms:source ?src }} }} }}
      {{ SELECT ?g ?d ?sha WHERE {{ GRAPH ?g {{ ?d gov:sha256 ?sha }} }} }}
      OPTIONAL {{ SELECT ?g ?d (1 AS ?current) WHERE {{ GRAPH ?g {{ ?d gov:graphSchema {int(GRAPH_SCHEMA)} }} }} }}"""


def _scanned_sources(store) -> dict[str, tuple[str, str]]:
    """``stored_sources`` by index scans (any store; the rows of ``text_rows`` are faster)."""
    current = {(g, d) for g, d, value in store.statements(GOV.graphSchema) if str(value) == str(GRAPH_SCHEMA)}
    sha = {(g, d): value if (g, d) in current else "" for g, d, value in store.statements(GOV.sha256)}
    return {src: (g, sha[(g, d)]) for g, d, src in store.statements(DCTERMS.source) if (g, d) in sha}


@dataclass
class Emitted:
    """One document ready to write: its graph as N-Quads, and what the links graph needs from it."""

    graph: str
    nquads: bytes
    count: int  # quads in ``nquads``
    labels: dict[str, Counter]  # entity IRI -> spellings (provisional descriptions)
    facts: LinkFacts
    rename: dict[str, str] | None = None  # IRIs in ``facts`` to rename (placeholder -> real person)


def keyed(source: Source, pre: Prelinked, registry: Registry, gaz, parser: Parser | None,
          ingested: str | None) -> Emitted | None:
    """Match a worker's clusters against the registry and put the keys into its output.

    When two clusters get one key (or a key is empty) the placeholders do not
    map one to one, and the document is emitted here the ordinary way.
    """
    match_clusters(pre.clusters, registry)
    keys = [c.key for c in pre.clusters]
    if not injective(keys) or pre.facts is None:
        return _emit_here(source, pre.clusters, gaz, parser, ingested)
    rename = renaming(pre, keys)
    pre.facts.evidence.update((person_iri(c.key), e) for c in pre.clusters for e in c.evidence)
    return Emitted(source.graph, fill_keys(pre, keys), pre.count + evidence_count(pre),
                   {rename.get(k, k): v for k, v in pre.facts.entity_labels().items()}, pre.facts, rename)


def _emit_here(source: Source, matched: list[Cluster], gaz, parser: Parser | None,
               ingested: str | None) -> Emitted | None:
    doc, record, _ = read_and_parse(source.path, source.name, parser)
    if doc is None or record is None:  # the file changed since the worker read it
        return None
    clusters = document_clusters(record, gaz)
    for c, m in zip(clusters, matched):
        c.key, c.evidence = m.key, m.evidence
    quads = record_quads(doc, record, apply_keys(record, clusters, gaz), source=source.name, ingested=ingested)
    return Emitted(source.graph, ox.serialize(quads, format=NQ), len(quads), entity_labels(quads), link_facts(quads))


class _Spool:
    """A bulk batch's N-Quads gathered in an anonymous temporary file, not in memory.

    The parent writes each document's bytes as it comes; the store then reads
    the file itself (``load_nquads_file``: in Rust, without the GIL), so no
    batch is ever held, joined or copied in Python memory. On Linux the file
    has no name (it is reopened through ``/proc/self/fd``), so a killed build
    leaves nothing behind.
    """

    def __init__(self):
        import tempfile  # here: a rebuild of a few files never needs it

        self.named = not os.path.isdir("/proc/self/fd")
        if self.named:
            self.file = tempfile.NamedTemporaryFile(prefix="kg-batch-", suffix=".nq", delete=False)  # noqa: SIM115
            self.path = self.file.name
        else:
            self.file = tempfile.TemporaryFile(prefix="kg-batch-")  # noqa: SIM115 (closed by close())
            self.path = f"/proc/self/fd/{self.file.fileno()}"
        self.count = 0  # quads written

    def write(self, data: bytes, count: int) -> None:
        self.file.write(data)
        self.count += count

    def ready(self) -> None:
        self.file.flush()

    def close(self) -> None:
        self.file.close()
        if self.named:
            try:
                os.unlink(self.path)
            except OSError:
                pass


class _Loader:
    """Runs the bulk loads in threads, started in order, at most ``depth`` at a time.

    pyoxigraph releases the GIL while it loads, so the parent keeps linking
    and filling in keys for the next batch meanwhile: without it the store's
    work and the parent's stand in line. One bulk load uses about one core,
    and the store is the build's critical path once the workers are done, so
    with two cores two loads run side by side (two halves of 850,000 quads:
    6.0-6.4 s instead of 10.1-12.8 s one after the other). Batches may then
    commit out of order; each is still all or nothing and marks the links
    graph stale, so a build killed in between leaves whole documents and a
    mark that makes the next build finish the work. An error is raised by
    the next ``start`` or ``wait``, and no batch starts after one is seen.
    """

    def __init__(self, store, depth: int = 1):
        self.store = store
        self.depth = max(1, depth)
        self.threads: deque[threading.Thread] = deque()
        self.error: BaseException | None = None

    def start(self, spool: _Spool) -> None:
        try:
            while len(self.threads) >= self.depth:
                self.threads.popleft().join()
            self._raise()
            spool.ready()
        except BaseException:
            spool.close()  # never handed over: nothing else would close it
            raise

        def run() -> None:
            try:
                # Trusted: every line is pyoxigraph's serialisation or ``kg.prelink.Lines``'
                # (each IRI and literal written as pyoxigraph writes it, refused as it refuses
                # it: ``nt_iri``, ``nt_text``), the person keys checked by ``keyed``.
                self.store.load_nquads_file(spool.path, count=spool.count, trusted=True)
            except BaseException as exc:  # handed to the main thread (the first one)
                if self.error is None:
                    self.error = exc
            finally:
                spool.close()

        thread = threading.Thread(target=run, name="kg-bulk-load", daemon=True)
        thread.start()
        self.threads.append(thread)

    def join(self) -> None:
        """Wait for every running load (an error stays for ``wait``)."""
        while self.threads:
            self.threads.popleft().join()

    def wait(self) -> None:
        self.join()
        self._raise()

    def _raise(self) -> None:
        if self.error is not None:
            error, self.error = self.error, None
            raise error


class _Writer:
    """Commits documents in batches, each batch one all-or-nothing write.

    Two kinds of batch:

    - *exact*: the documents' graphs (replacing their old versions) together
      with the links graph's new description of every entity they touch, in one
      transaction. Used for changed files, for pruning, and for every document
      of a small build into an existing store, so the store is exact after each
      commit.
    - *bulk*: many new documents at once, their N-Quads bulk-loaded, with a
      provisional description of the entities they introduce and the links
      graph marked stale; ``finish`` writes the links graph (from the facts
      gathered document by document on a fresh store, else refreshed from the
      store for the entities touched) and clears the mark. A build killed in
      between leaves a valid store whose mark makes the next build refresh in full.
    """

    def __init__(self, store, gaz, known: dict[str, str], exact: bool, expected: int = 0, loads: int = 1):
        self.store, self.gaz, self.known, self.exact = store, gaz, known, exact
        self.expected = expected  # documents this build will add (to plan the last batches)
        self.seen_docs = self.seen_quads = 0
        self.bulk_quads = 0  # quads handed to bulk loads
        self._described: set[str] | None = None  # read when first needed: small builds never need it
        self.bulk: _Spool | None = None
        self.bulk_labels: dict[str, Counter] = defaultdict(Counter)
        self.exact_batch: list[tuple[str, list]] = []
        self.touched: set[str] = set()
        self.marked = False  # bulk batches written: the links graph is provisional until finish()
        # A fresh store: the links graph is computed from the documents' own facts at the end.
        self.facts: LinkFacts | None = None if known else LinkFacts()
        self.provisional: set[ox.Quad] = set()  # provisional descriptions written (fresh store only)
        # ... and written with the last batch when the store has no links graph yet.
        self.links_empty = not known and not store.ask(
            "ASK { GRAPH ?links { ?s ?p ?o } }", bindings={"links": ox.NamedNode(LINKS_GRAPH)})
        self.graphs: set[str] = set()
        self.loader = _Loader(store, depth=loads)
        self.ahead: Future[StoreFacts] | None = None  # the first exact batch's reads, while files parse

    @property
    def described(self) -> set[str]:
        """Entities the links graph describes (fully or provisionally)."""
        if self._described is None:
            self._described = described_entities(self.store)
        return self._described

    def target(self) -> int:
        """Quads at which to close the current bulk batch.

        ``BULK_QUADS``, until what is left to load (this batch and the documents
        still to come, estimated from those so far) is less than two batches:
        then half of it, but not under a quarter of ``BULK_QUADS``.
        """
        pending = self.bulk.count if self.bulk is not None else 0
        if not self.seen_docs or self.expected <= self.seen_docs:
            return BULK_QUADS
        left = pending + (self.expected - self.seen_docs) * self.seen_quads // self.seen_docs
        if left >= 2 * BULK_QUADS:
            return BULK_QUADS
        return min(BULK_QUADS, max(BULK_QUADS // 4, left // 2))

    def add(self, doc: Emitted) -> None:
        self.seen_docs += 1
        self.seen_quads += doc.count
        if self.facts is not None:
            if doc.graph in self.graphs:  # two files, one graph: their facts do not add up
                self.facts = None
            else:
                self.facts.merge(doc.facts, doc.rename)
        self.graphs.add(doc.graph)
        if self.exact or doc.graph in self.known:
            self.exact_batch.append((doc.graph, list(ox.parse(doc.nquads, format=NQ))))
            if len(self.exact_batch) >= EXACT_BATCH:
                self.flush_exact()
            return
        if self.bulk is not None and self.bulk.count + doc.count > BULK_LIMIT:
            self.flush_bulk()
        if self.bulk is None:
            self.bulk = _Spool()
        self.bulk.write(doc.nquads, doc.count)
        described, labels = self.described, self.bulk_labels
        for entity, counts in doc.labels.items():
            if entity in described:  # described already: only that it was touched matters
                self.touched.add(entity)
            else:
                total = labels[entity]
                for label, n in counts.items():
                    total[label] += n
        if self.bulk.count >= self.target():
            self.flush_bulk()

    def flush_bulk(self) -> None:
        if self.bulk is None:
            return
        labels = self.bulk_labels
        self.touched |= labels.keys()
        extra = provisional_quads(labels, self.described, self.gaz)
        if self.facts is not None:
            self.provisional.update(extra)
        now = datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")
        self.bulk.write(ox.serialize([*extra, stale_quad(now)], format=NQ), len(extra) + 1)
        self._load_bulk()
        self.marked = True

    def _load_bulk(self) -> None:
        """Hand the current bulk batch to the loader (which waits while ``depth`` loads are running)."""
        spool, self.bulk, self.bulk_labels = self.bulk, None, defaultdict(Counter)
        self.bulk_quads += spool.count
        self.loader.start(spool)

    def discard(self) -> None:
        """Drop a batch not handed to the store (the build failed before it)."""
        if self.bulk is not None:
            self.bulk.close()
            self.bulk = None

    def read_ahead(self, graphs: list[str]) -> None:
        """Start reading what replacing (or dropping) ``graphs`` will need from the store, in a thread.

        For a build of a few files into an exact batch: the reads take about
        as long as parsing the files, and need nothing from it. ``flush_exact``
        uses them only if its batch replaces exactly ``graphs`` and nothing was
        written before (it takes them at its start, once).
        """
        if graphs and self.exact and not self.marked and self.bulk is None:
            self.ahead = _in_thread(lambda: read_ahead(self.store, graphs), "kg-read-ahead")

    def _take_ahead(self, gone: list[str]) -> StoreFacts | None:
        """The read-ahead if it was for exactly the graphs ``gone`` (waiting for it either way)."""
        if self.ahead is None:
            return None
        ahead, self.ahead = self.ahead.result(), None
        return ahead if ahead.exclude == frozenset(gone) else None

    def flush_exact(self, drop: list[str] | None = None) -> None:
        """Write the pending exact batch (and drop ``drop``) with the links of what it touches."""
        gone = [g for g, _ in self.exact_batch if g in self.known] + list(drop or [])
        ahead = self._take_ahead(gone)  # first: it describes the store before any write
        self.flush_bulk()
        self.loader.wait()  # the queries below read what the bulk batches wrote
        if not self.exact_batch and not drop:
            return
        quads = [q for _, qs in self.exact_batch for q in qs]
        touched = (ahead.entities if ahead else mentioned_entities(self.store, gone)) | entities_of(quads)
        batch = OxigraphStore(":memory:")
        batch.ox.extend(quads)
        links, deletes = links_update(self.store, touched, self.gaz, exclude=gone, extra=batch,
                                      clear_stale=not self.marked, ahead=ahead)
        self.store.apply_batch(quads + links, drop=gone, before=deletes)
        if self._described is not None:
            self._described |= touched
        self.exact_batch = []

    def finish(self, prune: list[str]) -> None:
        if self.facts is not None and self.links_empty and not prune and not self.exact_batch:
            self._finish_fresh()
            return
        self.flush_exact(prune)
        if not self.marked:
            return
        if self.facts is not None:
            self.store.replace_graph(LINKS_GRAPH, facts_quads(self.facts, self.gaz))
        elif not self.known or len(self.touched) * 2 > len(self.described):
            refresh_links(self.store, self.gaz)
        else:
            refresh_links(self.store, self.gaz, entities=self.touched)

    def _finish_fresh(self) -> None:
        """The links graph of a fresh store, bulk-loaded: with the documents if they are one batch, else last.

        Replacing the graph in one SPARQL update cost more than any bulk batch
        (parsing INSERT DATA, deleting through a transaction: about 10 s for
        10,000 documents). Instead the final description is bulk-loaded too; if
        batches wrote provisional descriptions and the stale mark, one small
        update then deletes the provisional statements the final graph lacks,
        clears the mark, and adds the final statements about the same subject
        and property (held back so that, between the two writes, each
        subject's property has either its provisional values or its final
        ones, never both: the store validates after a kill there, and the mark
        makes the next build refresh the links graph).
        """
        if self.bulk is None and not self.marked:
            return  # nothing written
        if self.marked:
            # Earlier batches may still be loading, and may commit out of order: the last
            # documents go as a batch like theirs, and the final description only once every
            # batch is in, so no kill leaves it describing documents the store lacks.
            self.flush_bulk()
            self.loader.wait()
        final = facts_quads(self.facts, self.gaz)
        keep = set(final)
        gone = [q for q in self.provisional if q not in keep]
        moved = {(q.subject, q.predicate) for q in gone}
        later = [q for q in final if (q.subject, q.predicate) in moved]
        now = [q for q in final if (q.subject, q.predicate) not in moved]
        if self.bulk is None:
            self.bulk = _Spool()
        self.bulk.write(ox.serialize(now, format=NQ), len(now))
        self._load_bulk()
        self.loader.wait()
        if self.marked:  # earlier batches: provisional descriptions and the stale mark to clear
            links = ox.NamedNode(LINKS_GRAPH)
            ops = [quad_data("DELETE", gone), quad_data("INSERT", later),
                   f"DELETE WHERE {{ GRAPH {links} {{ {links} {ox.NamedNode(STALE[1])} ?t }} }}"]
            self.store.update(" ;\n".join(op for op in ops if op))
        self.marked = True


def build(
    paths: list[Path],
    store,
    *,
    prune: bool = False,
    jobs: int = 1,
    parser: Parser | None = None,
    progress: Callable[[str], None] | None = None,
    ingested: str | None = "now",
    compact: bool = True,
) -> BuildReport:
    """Extract, link and write every file under ``paths`` into ``store``.

    ``progress`` is called once per file with its name; ``ingested`` is the
    timestamp recorded as ``prov:generatedAtTime`` ("now", an ISO string, or None).
    A build that bulk-loaded compacts the store at the end unless ``compact`` is
    False (the caller then calls ``store.compact()`` when ``report.bulk_quads``).
    """
    report = BuildReport()
    report.failed += [f"{p}: no such file or folder" for p in paths if not p.exists()]
    reading = _in_thread(lambda: stored_sources(store), "kg-stored-sources")
    try:
        sources = plan_sources(paths)
        hashes = [_hash_one(s) for s in sources]
    finally:
        wait([reading])  # never left reading a store the caller may close
    by_name = reading.result()
    known = {g: sha for g, sha in by_name.values()}
    todo: list[Source] = []
    for s, sha in zip(sources, hashes):
        stored = by_name.get(s.name)
        if stored and stored[0].startswith(GRAPHS):  # built under this name and this base: that graph
            s.known_graph = stored[0]
        if isinstance(sha, OSError):
            report.failed.append(f"{s.path}: {sha.strerror or sha}")
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
    if is_stale(store):
        refresh_links(store, gaz)  # an earlier build was killed between its batches and its refresh
    wanted = {s.graph for s in sources}
    dropped = sorted(set(known) - wanted - {LINKS_GRAPH}) if prune else []
    if todo or dropped:
        with _rare_collections():
            _write(todo, dropped, store, known, gaz, parser, jobs, ingested, progress, report)
    if not store.ask("ASK { GRAPH ?links { ?s ?p ?o } }", bindings={"links": ox.NamedNode(LINKS_GRAPH)}):
        refresh_links(store, gaz)
    if compact and report.bulk_quads:
        store.compact()
    return report


@contextmanager
def _rare_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while the build runs.

    The parent keeps the registry and the facts of every document (long-lived,
    growing) and makes many short-lived objects per document, none in cycles
    (freed by their reference counts): with the default thresholds the full
    collections alone cost a fifth of the parent's own work.
    """
    before = gc.get_threshold()
    gc.set_threshold(50_000, 50, 100)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _write(todo: list[Source], dropped: list[str], store, known: dict[str, str], gaz, parser: Parser | None,
           jobs: int, ingested: str | None, progress: Callable[[str], None] | None, report: BuildReport) -> None:
    """Link and write the files ``todo``, drop the graphs ``dropped`` (the body of ``build``)."""
    writer = _Writer(store, gaz, known, exact=bool(known) and len(todo) <= SMALL_BUILD, expected=len(todo),
                     loads=min(2, jobs))  # a second core, if the build may use one, loads side by side
    registry: Future[Registry] | None = None
    try:
        few = len(todo) <= IN_PROCESS  # parsed here: the store's reads go on in threads meanwhile
        registry = _registry(store, known, in_background=few)
        if few:
            writer.read_ahead([s.graph for s in todo if s.graph in known] + dropped)
        for source, pre in _prelink_all(todo, parser, jobs, ingested):
            if progress:
                progress(source.name)
            report.warnings += [f"{source.name}: {w}" for w in pre.warnings]
            doc = None if pre.error else keyed(source, pre, registry.result(), gaz, parser, ingested)
            if doc is None:
                report.failed.append(pre.error or f"{source.name}: nothing parsed")
                continue
            writer.add(doc)
            report.built.append(source.name)
            report.graphs.append(source.graph)
        writer.finish(dropped)
        report.bulk_quads = writer.bulk_quads
    finally:
        for reading in (registry, writer.ahead):
            if reading is not None:
                wait([reading])  # never leave a read running under a store about to close
        writer.loader.join()  # nor a load
        writer.discard()
    report.pruned = dropped


def _registry(store, known: dict[str, str], in_background: bool) -> Future[Registry]:
    """The people the store knows (none on a fresh store).

    Read in a thread while the first files parse, when they parse here: a
    rebuild of a few files then waits for neither alone. Never while worker
    processes start (a fork copies only the forking thread).
    """
    if not known:
        return _in_thread(Registry, "kg-registry", now=True)
    return _in_thread(lambda: Registry.from_store(store), "kg-registry", now=not in_background)
