"""The project's IRIs, in one place, so that every module mints them the same way.

The patterns are documented in docs/model.md; changing one here changes the published IRIs.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef

BASE = "https://w3id.org/treatykg/"

TKG = Namespace(BASE + "ontology#")
ONTOLOGY = URIRef(BASE + "ontology")
SCHEME = Namespace(BASE + "scheme/")
ID = Namespace(BASE + "id/")
GRAPH = Namespace(BASE + "graph/")

PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
NP = Namespace("http://www.nanopub.org/nschema#")
NPX = Namespace("http://purl.org/nanopub/x/")
SCHEMA = Namespace("https://schema.org/")
CITO = Namespace("http://purl.org/spar/cito/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES: dict[str, str] = {
    "tkg": str(TKG),
    "scheme": str(SCHEME),
    "actor": BASE + "id/actor/",
    "agreement": BASE + "id/agreement/",
    "event": BASE + "id/event/",
    "source": BASE + "id/source/",
    "claim": BASE + "id/claim/",
    "commitment": BASE + "id/commitment/",
    "prov": str(PROV),
    "oa": str(OA),
    "np": str(NP),
    "npx": str(NPX),
    "schema": str(SCHEMA),
    "cito": str(CITO),
    "wd": str(WD),
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "sh": "http://www.w3.org/ns/shacl#",
    "void": "http://rdfs.org/ns/void#",
}

VOCABULARY_GRAPH = GRAPH["vocabulary"]


def actor(slug: str) -> URIRef:
    return ID[f"actor/{slug}"]


def agreement(slug: str) -> URIRef:
    return ID[f"agreement/{slug}"]


def event(slug: str) -> URIRef:
    return ID[f"event/{slug}"]


def source(slug: str) -> URIRef:
    return ID[f"source/{slug}"]


def concept(scheme: str, slug: str) -> URIRef:
    return SCHEME[f"{scheme}/{slug}"]


def claim(source_id: str, claim_id: str) -> URIRef:
    """The claim's IRI, which is also the IRI of its assertion graph."""
    return ID[f"claim/{source_id}/{claim_id}"]


def nanopub(source_id: str, claim_id: str, part: str = "") -> URIRef:
    """The nanopublication of a claim, or one of its graphs (head, provenance, pubinfo)."""
    suffix = f"/{part}" if part else ""
    return ID[f"np/{source_id}/{claim_id}{suffix}"]
