"""Namespace IRIs as objects, so terms are checked names rather than strings.

``GOV.Meeting`` gives the full IRI string; ``term(GOV.Meeting)`` the
pyoxigraph node. The same prefixes are declared for SPARQL in ``PREFIXES``.
"""

from __future__ import annotations

import os


class Namespace(str):
    """A namespace whose attributes are IRIs: ``GOV.Meeting`` -> ``...ontology#Meeting``."""

    def __getattr__(self, name: str) -> str:
        """The term's IRI, kept on the instance: the next ``GOV.x`` finds it without calling this.

        Emitting looks terms up hundreds of times per document; one string per
        term also hashes once (a dictionary key, a set member).
        """
        if name.startswith("__"):
            raise AttributeError(name)
        iri = str(self) + name
        setattr(self, name, iri)
        return iri

    def __getitem__(self, name: str) -> str:  # for terms that are not identifiers
        return str(self) + name


GOV = Namespace("https://w3id.org/partnership-kg/ontology#")
BASE = Namespace(os.environ.get("KG_BASE", "https://w3id.org/partnership-kg/id/"))
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
SCHEMA = Namespace("http://schema.org/")
TIME = Namespace("http://www.w3.org/2006/time#")
OA = Namespace("http://www.w3.org/ns/oa#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
SH = Namespace("http://www.w3.org/ns/shacl#")

# Where the graph keeps what it says about documents together: the links graph, and people's IRIs
LINKS_GRAPH = BASE + "graph/links"
PERSON = BASE + "person/"
BESLUIT = Namespace("http://data.vlaanderen.be/ns/besluit#")
MANDAAT = Namespace("http://data.vlaanderen.be/ns/mandaat#")

PREFIX_MAP = {
    "gov": GOV, "id": BASE, "org": ORG, "foaf": FOAF, "prov": PROV, "dcterms": DCTERMS,
    "skos": SKOS, "schema": SCHEMA, "time": TIME, "oa": OA, "rdf": RDF, "rdfs": RDFS,
    "xsd": XSD, "owl": OWL, "besluit": BESLUIT, "mandaat": MANDAAT,
}
PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIX_MAP.items())
