"""VoID linksets: every set of links between this dataset and another, described.

A linkset is the triples of one named graph with one link predicate whose subjects lie in one
dataset and objects in another (`void:subjectsTarget`, `void:objectsTarget`, both also as
`void:target` for readers without RDFS inference), counted (`void:triples`). Datasets are
told apart by URI space: treatykg's own (`https://w3id.org/treatykg/`), each import
(`id/import/{slug}/`), Wikidata's items, and any other host. The descriptions live in the
named graph `graph/linksets`, which is itself never counted.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlparse

from rdflib import OWL, RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, VOID
from rdflib.term import Node

from . import namespaces as ns
from .importers import local_name, slugify

LINKSETS_GRAPH = ns.GRAPH["linksets"]
LINK_PREDICATES = (
    SKOS.exactMatch,
    SKOS.closeMatch,
    SKOS.broadMatch,
    SKOS.narrowMatch,
    SKOS.relatedMatch,
    OWL.sameAs,
)
WIKIDATA = "http://www.wikidata.org/entity/"


def dataset_of(node: Node) -> tuple[URIRef, str, str] | None:
    """The (IRI, URI space, label) of the dataset an IRI belongs to; None for literals."""
    if not isinstance(node, URIRef):
        return None
    text = str(node)
    imports = str(ns.ID["import/"])
    if text.startswith(imports):
        slug = text[len(imports) :].split("/", 1)[0]
        return ns.ID[f"dataset/import-{slug}"], f"{imports}{slug}/", f"import {slug}"
    if text.startswith(ns.BASE):
        return ns.ID["dataset/treatykg"], ns.BASE, "treatykg"
    if text.startswith(WIKIDATA):
        return ns.ID["dataset/wikidata"], WIKIDATA, "Wikidata items"
    parsed = urlparse(text)
    space = f"{parsed.scheme}://{parsed.netloc}/"
    return ns.ID[f"dataset/{slugify(parsed.netloc)}"], space, parsed.netloc


def linksets(ds: Dataset) -> Graph:
    """The VoID description of every linkset in `ds` (pure: `ds` is not changed)."""
    counts: Counter = Counter()
    for s, p, o, c in ds.quads((None, None, None, None)):
        graph = c.identifier if isinstance(c, Graph) else c
        if p not in LINK_PREDICATES or graph == LINKSETS_GRAPH:
            continue
        subjects, objects = dataset_of(s), dataset_of(o)
        if subjects and objects and subjects[0] != objects[0]:
            counts[(graph, p, subjects, objects)] += 1
    out = Graph()
    for (graph, p, subjects, objects), n in sorted(counts.items(), key=lambda kv: str(kv[0])):
        linkset = _linkset_iri(graph, p, objects[0])
        out.add((linkset, RDF.type, VOID.Linkset))
        out.add((linkset, VOID.linkPredicate, p))
        out.add((linkset, VOID.triples, Literal(n, datatype=XSD.integer)))
        out.add((linkset, DCTERMS.source, graph))
        for prop, (iri, space, label) in (
            (VOID.subjectsTarget, subjects),
            (VOID.objectsTarget, objects),
        ):
            out.add((linkset, prop, iri))
            out.add((linkset, VOID.target, iri))
            out.add((iri, RDF.type, VOID.Dataset))
            out.add((iri, VOID.uriSpace, Literal(space)))
            out.add((iri, RDFS.label, Literal(label, lang="en")))
        out.add((subjects[0], VOID.subset, linkset))
        out.add((linkset, RDFS.label, Literal(_label(graph, p, objects[2]), lang="en")))
    return out


def _linkset_iri(graph: Node, predicate: Node, objects: URIRef) -> URIRef:
    name = str(graph)
    name = name[len(str(ns.GRAPH)) :] if name.startswith(str(ns.GRAPH)) else slugify(name)
    return ns.ID[f"linkset/{name}/{local_name(predicate)}/{local_name(objects)}"]


def _label(graph: Node, predicate: Node, target: str) -> str:
    return f"{local_name(predicate)} links of <{graph}> to {target}"


def add_linksets(ds: Dataset) -> None:
    """Replace the named graph `graph/linksets` of `ds` with the linksets of `ds`."""
    ds.remove_graph(ds.graph(LINKSETS_GRAPH))
    target = ds.graph(LINKSETS_GRAPH)
    for triple in linksets(ds):
        target.add(triple)
