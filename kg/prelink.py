"""A document's quads emitted before its people have keys, so workers can do it.

Linking people is sequential (each document may teach the registry a
spelling the next one needs), but everything around it is a pure function of
one file: reading, parsing, grouping the people within the document,
emitting the quads and serialising them. ``prelink_file`` does all of that in
a worker process with a *placeholder* key per person cluster; the parent only
matches the clusters against the registry (``kg.resolve.match_clusters``) and
puts the real keys in with ``fill_keys``, a split and a join over bytes.

The result equals emitting with the real keys whenever the clusters get
distinct, non-empty keys (``injective``); the build emits the rare other
documents the ordinary way.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

import pyoxigraph as ox

from kg.documents import read_document
from kg.errors import KGError
from kg.gazetteer import default as default_gazetteer
from kg.linkgraph import FACT_PREDICATES, LinkFacts, triple_facts
from kg.namespaces import GOV, OA, RDF, XSD
from kg.rdf import _Quads, evidence_iri, graph_iri, person_iri, record_quads
from kg.records import Document, MinutesRecord
from kg.resolve import Cluster, apply_keys, document_clusters

Parser = Callable[[Document], MinutesRecord]
NQ = ox.RdfFormat.N_QUADS
_NONCE = secrets.token_hex(6)  # per process: a placeholder no text will contain by chance
_LINK_EVIDENCE = str(ox.NamedNode(GOV.linkEvidence))
# The terms of the evidence pattern as N-Triples writes them (``Lines.evidence``).
_EVIDENCE, _TYPE, _HAS_SOURCE, _HAS_SELECTOR, _SPECIFIC_RESOURCE, _POSITION_SELECTOR, _QUOTE_SELECTOR, _START, _END, \
    _EXACT, _INTEGER = (str(ox.NamedNode(t)) for t in (
        GOV.evidence, RDF.type, OA.hasSource, OA.hasSelector, OA.SpecificResource, OA.TextPositionSelector,
        OA.TextQuoteSelector, OA.start, OA.end, OA.exact, XSD.integer))


@dataclass
class Prelinked:
    """One file, emitted with placeholder keys (or why it could not be)."""

    name: str  # the source name ("minutes/000.txt")
    error: str | None = None
    warnings: list[str] = field(default_factory=list)  # the reader's, e.g. "decoded as cp1252"
    clusters: list[Cluster] = field(default_factory=list)
    marker: str = ""  # placeholder of cluster i: marker + "i."
    # The document graph as N-Quads, cut at the placeholders: parts[0], key of slots[0],
    # parts[1], key of slots[1] ... (cut here, so the parent only joins).
    parts: list[bytes] = field(default_factory=list)
    slots: list[int] = field(default_factory=list)
    count: int = 0  # quads in it
    # What the links graph needs from it (placeholder keys); its labels are also the spellings
    # of the entities the document mentions (``LinkFacts.entity_labels``), not sent twice.
    facts: LinkFacts | None = None


# IRIs of a plain shape: a scheme, "//", a host, then an optional path and fragment, all of
# characters RFC 3987 allows there as they are (no "%", space, quote, bracket, non-ASCII).
# Every string of this shape is an IRI that N-Triples writes unchanged between angle
# brackets; anything else is left to ``ox.NamedNode`` to decide.
_PLAIN_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9._~-]+"
                        r"(?:/[A-Za-z0-9._~!$&'()*+,;=:@/-]*)?(?:#[A-Za-z0-9._~!$&'()*+,;=:@/?-]*)?")


def nt_iri(iri: str) -> str:
    """``str(ox.NamedNode(iri))``, raising as it does for what is not an IRI.

    The bulk loader trusts the build's N-Quads, so every IRI written must pass
    this; a plain one (almost all) is recognised by a regular expression in
    about two thirds of the time of making a pyoxigraph node and printing it.
    """
    if _PLAIN_IRI.fullmatch(iri):
        return f"<{iri}>"
    return str(ox.NamedNode(iri))


# What N-Triples escapes in a string literal (pyoxigraph: control characters, quote,
# backslash, DEL, U+FFFE and U+FFFF), and lone surrogates, which cannot be encoded: a
# value free of them is written as it is, between quotes.
_ESCAPED = re.compile(r'[\x00-\x1f"\\\x7f\ufffe\uffff\ud800-\udfff]')


def nt_text(value: str) -> str:
    """``str(ox.Literal(value))`` (a plain string literal), without making the node when nothing needs escaping."""
    if _ESCAPED.search(value) is None:
        return f'"{value}"'
    return str(ox.Literal(value))


_PREDICATE_TEXT: dict[str, str] = {}  # predicate IRI -> nt_iri: a bounded vocabulary, shared by every document


class Lines(_Quads):
    """Collects a graph's quads as N-Quads lines (bytes), without a pyoxigraph object per quad.

    Each IRI is still checked (``nt_iri``) once per graph, predicates once per
    process; the statements the links graph needs are kept aside as (line,
    subject, predicate, object value). Each line is encoded on its own: most
    are ASCII, which encodes as a copy, where one string of the whole
    document holding a "£" or a "’" would not.
    """

    def __init__(self, graph: ox.NamedNode):
        super().__init__(graph)
        self.end = f" {graph} .\n"
        self.iris: dict[str, str] = {}
        self.watched: list[tuple[bytes, tuple[str, str, str]]] = []

    def _iri(self, iri: str) -> str:
        text = self.iris[iri] = nt_iri(iri)
        return text

    def add(self, s: str, p: str, o: ox.NamedNode | ox.Literal | str) -> None:
        iris = self.iris
        subject = iris.get(s) or self._iri(s)
        predicate = _PREDICATE_TEXT.get(p) or _predicate(p)
        if isinstance(o, str):
            line = f"{subject} {predicate} {iris.get(o) or self._iri(o)}{self.end}".encode()
            value = o
        else:
            line = f"{subject} {predicate} {o}{self.end}".encode()
            value = None
        self.out.append(line)
        if p in FACT_PREDICATES:
            self.watched.append((line, (s, p, o.value if value is None else value)))

    def add_text(self, s: str, p: str, value: str) -> None:
        """``add(s, p, text(value))`` written straight from the string (a sixth of the lines)."""
        line = f"{self.iris.get(s) or self._iri(s)} {_PREDICATE_TEXT.get(p) or _predicate(p)} {nt_text(value)}{self.end}"
        self.out.append(line.encode())
        if p in FACT_PREDICATES:
            self.watched.append((self.out[-1], (s, p, value)))

    def evidence(self, fact: str, source: str, start: int, end: int, quote: str) -> None:
        """The ten lines of ``_Quads.evidence``, formatted here (over half of a document's quads are these).

        None of them is watched (no predicate of ``FACT_PREDICATES``), and each
        line stays an item of ``out``, so a repeated one is dropped as in ``add``.
        """
        iris, tail = self.iris, self.end
        ev = evidence_iri(source, start, end)
        s = iris.get(fact) or self._iri(fact)
        e = iris.get(ev) or self._iri(ev)
        pos = self._iri(ev + "/position")  # not looked up first: few spans are the evidence of two facts
        quo = self._iri(ev + "/quote")
        self.out += [f"{s} {_EVIDENCE} {e}{tail}".encode(),
                     f"{e} {_TYPE} {_SPECIFIC_RESOURCE}{tail}".encode(),
                     f"{e} {_HAS_SOURCE} {iris.get(source) or self._iri(source)}{tail}".encode(),
                     f"{e} {_HAS_SELECTOR} {pos}{tail}".encode(),
                     f"{e} {_HAS_SELECTOR} {quo}{tail}".encode(),
                     f"{pos} {_TYPE} {_POSITION_SELECTOR}{tail}".encode(),
                     f'{pos} {_START} "{start:d}"^^{_INTEGER}{tail}'.encode(),
                     f'{pos} {_END} "{end:d}"^^{_INTEGER}{tail}'.encode(),
                     f"{quo} {_TYPE} {_QUOTE_SELECTOR}{tail}".encode(),
                     f"{quo} {_EXACT} {nt_text(quote)}{tail}".encode()]


def _predicate(iri: str) -> str:
    """``nt_iri`` of a predicate, remembered for every later document of the process."""
    text = _PREDICATE_TEXT[iri] = nt_iri(iri)
    return text


def read_and_parse(path, name: str, parser: Parser | None = None) -> tuple[Document | None, MinutesRecord | None, str | None]:
    """(document, record, error): never raises for a bad file."""
    if parser is None:
        from kg.parse import parse as parser
    try:
        doc = read_document(path, source=name)
    except KGError as exc:
        return None, None, str(exc)
    try:
        return doc, parser(doc), None
    except KGError as exc:
        return doc, None, str(exc)
    except Exception as exc:  # a parser bug must not sink a thousand-file build
        return doc, None, f"{name}: could not parse ({type(exc).__name__}: {exc})"


def _marker(doc: Document, name: str) -> str:
    n = 0
    while True:
        marker = f"kgkey{_NONCE}{n}x"
        if marker not in doc.text and marker not in name:
            return marker
        n += 1


def prelink_file(path, name: str, parser: Parser | None = None, ingested: str | None = None) -> Prelinked:
    """Read, parse, group and emit one file with placeholder person keys."""
    doc, record, error = read_and_parse(path, name, parser)
    if error or doc is None or record is None:
        return Prelinked(name, error=error or f"{name}: nothing parsed", warnings=list(doc.warnings) if doc else [])
    gaz = default_gazetteer()
    clusters = document_clusters(record, gaz)
    marker = _marker(doc, name)
    for i, c in enumerate(clusters):
        c.key = f"{marker}{i}."
    own_evidence = [list(c.evidence) for c in clusters]
    for c in clusters:
        c.evidence = []  # the parent writes every merge sentence, with the registry's own
    linked = apply_keys(record, clusters, gaz)
    sinks: list[Lines] = []
    lines = record_quads(doc, record, linked, source=name, ingested=ingested,
                         sink=lambda graph: sinks.append(Lines(graph)) or sinks[-1])
    for c, ev in zip(clusters, own_evidence):
        c.evidence = ev
        c.key = ""
    watched = list(dict(sinks[0].watched).values())  # one per distinct line, as the quads are
    parts, slots = _cut(b"".join(lines), marker.encode())
    return Prelinked(name, warnings=list(doc.warnings), clusters=clusters, marker=marker, parts=parts, slots=slots,
                     count=len(lines), facts=triple_facts(watched))


def _cut(data: bytes, marker: bytes) -> tuple[list[bytes], list[int]]:
    """The bytes between the placeholders ``marker`` + i + ".", and each placeholder's i."""
    pieces = re.split(re.escape(marker) + rb"(\d+)\.", data)
    return pieces[0::2], list(map(int, pieces[1::2]))


# What a key may hold to be pasted into an IRI as it is (keys are slugs; one read back from
# a store could in principle hold anything). The store loads the build's N-Quads without
# checking IRIs again (``trusted``), so a key that fails here goes the ordinary, checked way.
_IRI_SAFE = re.compile(r"[^\x00-\x20<>\"{}|^`\\]+")


def injective(keys: list[str]) -> bool:
    """True when every cluster got its own non-empty, IRI-safe key: placeholders then map one to one."""
    return all(_IRI_SAFE.fullmatch(k) for k in keys) and len(set(keys)) == len(keys)


def renaming(p: Prelinked, keys: list[str]) -> dict[str, str]:
    """Placeholder person IRI -> real person IRI, for the facts of ``p``."""
    return {person_iri(f"{p.marker}{i}."): person_iri(k) for i, k in enumerate(keys)}


def fill_keys(p: Prelinked, keys: list[str]) -> bytes:
    """The document's N-Quads with real keys, and the merge evidence of its people."""
    encoded = [k.encode() for k in keys]
    out: list[bytes] = [b""] * (2 * len(p.parts) - 1)  # part, key, part, key ... part
    out[0::2] = p.parts
    out[1::2] = [encoded[i] for i in p.slots]
    graph = ""
    for c in p.clusters:
        if c.evidence and not graph:
            graph = str(ox.NamedNode(graph_iri(p.name)))
        for sentence in dict.fromkeys(c.evidence):
            out.append(f"{ox.NamedNode(person_iri(c.key))} {_LINK_EVIDENCE} {ox.Literal(sentence)} {graph} .\n"
                       .encode())
    return b"".join(out)


def evidence_count(p: Prelinked) -> int:
    return sum(len(dict.fromkeys(c.evidence)) for c in p.clusters)
