"""The build's N-Quads text (``kg.prelink.Lines``) says exactly what pyoxigraph would write.

The store bulk-loads these lines as trusted, without checking them again, so
the shortcuts that write them without making pyoxigraph nodes (``nt_iri``,
``nt_text``, the evidence template) must refuse what pyoxigraph refuses and
write, byte for byte, what it writes: on random and hostile text alike.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.documents import read_document
from kg.namespaces import GOV, RDF, SKOS
from kg.prelink import Lines, fill_keys, injective, nt_iri, nt_text, prelink_file
from kg.rdf import _Quads, record_quads
from kg.resolve import Registry, link_record, match_clusters

from .conftest import MINUTES, toy_parse

NQ = ox.RdfFormat.N_QUADS
GRAPH = ox.NamedNode("https://example.org/graph/g")
# Characters that matter to an IRI or a literal: delimiters, escapes, controls, non-ASCII,
# noncharacters and a lone surrogate (which cannot be encoded at all).
HOSTILE = "<>\"'{}|\\^` \t\n\r\x00\x1f\x7f%#?/:@.[]éé’£\u2028\ufeff\ufffe\uffff\U0001f600\ud800"
PLAIN = "abcXYZ0129-._~!$&'()*+,;=:@/"


def outcome(fn, value):
    """fn(value), or the kind of error it raised."""
    try:
        return fn(value)
    except Exception as exc:  # noqa: BLE001 (the kind is what is compared)
        return ("error", type(exc).__name__)


def random_iris(n: int, seed: int = 7) -> list[str]:
    """IRI-like strings: a scheme, a separator, then pieces with a hostile character now and then."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rng.choice(["https", "http", "urn", "a+b.c-d", "1x", "", "h t"]), rng.choice(["://", ":", ":/", "//", ""])]
        for _ in range(rng.randint(0, 4)):
            alphabet = PLAIN if rng.random() < 0.7 else PLAIN + HOSTILE
            parts.append("".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))))
            parts.append(rng.choice(["", "/", "#", "?", "/./", "/../", "//"]))
        out.append("".join(parts))
    return out


def test_nt_iri_writes_and_refuses_as_named_node():
    for iri in random_iris(20_000) + ["https://w3id.org/partnership-kg/id/person/ann-baker", "http://a:/x",
                                      "http://a/b>c", 'http://a/b" <c', "http://a/%41", "http://a/%zz", "http://[::1]/x",
                                      "http://a/é", "", "relative/path", "http://", "http:///x", "http://a/#b#c"]:
        assert outcome(nt_iri, iri) == outcome(lambda s: str(ox.NamedNode(s)), iri), iri


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(PLAIN + HOSTILE)), st.sampled_from(["https://h/", "http://h", "urn:x:", ""]))
def test_nt_iri_on_generated_text(tail, head):
    iri = head + tail
    assert outcome(nt_iri, iri) == outcome(lambda s: str(ox.NamedNode(s)), iri)


def test_nt_text_writes_every_character_as_literal_does():
    for code in range(0x10000):  # the whole BMP, surrogates included
        c = chr(code)
        assert outcome(nt_text, c) == outcome(lambda s: str(ox.Literal(s)), c), hex(code)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec=None) | st.sampled_from(HOSTILE)))
def test_nt_text_on_generated_text(value):
    assert outcome(nt_text, value) == outcome(lambda s: str(ox.Literal(s)), value)


def filled(cls, fill) -> list | tuple[str, str]:
    """The collector ``cls`` after ``fill``, or the kind of error it raised."""
    def run(_):
        q = cls(GRAPH)
        fill(q)
        return q.out
    return outcome(run, None)


@pytest.mark.parametrize("value", random_iris(300, seed=11) + [HOSTILE, "Ann \"Nan\" O'Neill\\", "x\ud800"])
def test_lines_refuse_and_write_as_quads_do(value):
    """``value`` as a literal and as an IRI, hostile or not, through every kind of statement ``Lines`` writes."""
    iri = "https://example.org/" + value if value.isascii() and value.isprintable() else value

    def as_literal(q):
        q.add_text("https://example.org/s", SKOS.altLabel, value)
        q.evidence("https://example.org/f", "https://example.org/doc", 3, 9, value)

    def as_iri(q):
        q.add(iri, RDF.type, GOV.Meeting)
        q.add("https://example.org/s", GOV.attendee, iri)
        q.evidence(iri, "https://example.org/doc", 3, 9, "quote")
        q.evidence(iri, "https://example.org/doc", 4, 9, "quote")  # a second evidence of one fact

    for fill in (as_literal, as_iri):
        lines, quads = filled(Lines, fill), filled(_Quads, fill)
        if isinstance(lines, tuple) or isinstance(quads, tuple):  # refused: by both, for the same reason
            assert lines == quads
            continue
        assert b"".join(dict.fromkeys(lines)) == ox.serialize(list(dict.fromkeys(quads)), format=NQ)


HOSTILE_MINUTES = (MINUTES.replace("Dr Tom Clarke", 'Dr Tom "Tommy" Clarke\\')
                   .replace("Riverside Police", "Riverside <Police> {x}\x7f\ufffe")
                   .replace("Youth Hub business case", "Youth Hub business case \u2028 ‘quoted’ £5\t"))


def test_a_hostile_document_prelinks_to_the_ordinary_bytes(tmp_path):
    """Every line of a document full of quotes, brackets and controls, as ``ox.serialize`` writes it."""
    f = tmp_path / 'odd "name" <1>.txt'
    f.write_text(HOSTILE_MINUTES, encoding="utf-8")
    doc = read_document(f, source=f"m/{f.name}")
    record = toy_parse(doc)
    expected = record_quads(doc, record, link_record(record, Registry()), source=doc.source, ingested=None)
    pre = prelink_file(f, f"m/{f.name}", toy_parse, None)
    match_clusters(pre.clusters, Registry())  # the keys the ordinary linking gives, and its evidence
    keys = [c.key for c in pre.clusters]
    assert injective(keys)
    assert sorted(fill_keys(pre, keys).splitlines()) == sorted(ox.serialize(expected, format=NQ).splitlines())
