"""The vocabulary: documented, aligned, and consistent under OWL 2 RL."""

from __future__ import annotations

from pathlib import Path

import owlrl
from rdflib import OWL, RDF, RDFS, SKOS, Graph, URIRef

from treatykg import namespaces as ns

ONTOLOGY = Path(__file__).resolve().parents[1] / "ontology"


def vocabulary() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY / "treatykg.ttl")
    g.parse(ONTOLOGY / "schemes.ttl")
    return g


def test_ontology_metadata() -> None:
    g = vocabulary()
    assert (ns.ONTOLOGY, RDF.type, OWL.Ontology) in g
    assert g.value(ns.ONTOLOGY, OWL.versionIRI) == URIRef(
        "https://w3id.org/treatykg/ontology/0.1.0"
    )
    assert str(
        g.value(ns.ONTOLOGY, URIRef("http://purl.org/vocab/vann/preferredNamespaceUri"))
    ) == str(ns.TKG)


def test_every_term_has_label_definition_and_example() -> None:
    g = vocabulary()
    terms = {s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(str(ns.TKG))}
    assert len(terms) >= 40
    for term in terms:
        for prop in (RDFS.label, SKOS.definition, SKOS.example):
            assert g.value(term, prop) is not None, (term, prop)


def test_every_concept_has_notation_label_and_definition() -> None:
    g = vocabulary()
    concepts = set(g.subjects(RDF.type, SKOS.Concept))
    notations = {str(g.value(c, SKOS.notation)) for c in concepts}
    assert {
        "anonymous-insider",
        "air-defence",
        "explicitly-excluded",
        "executive-agreement",
        "reported",
    } <= notations
    for concept in concepts:
        assert str(concept).endswith("/" + str(g.value(concept, SKOS.notation)))
        assert g.value(concept, SKOS.prefLabel) is not None
        assert g.value(concept, SKOS.definition) is not None


ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")  # owlrl's marker


def closure_errors(g: Graph) -> list[str]:
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    err = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")
    return [str(g.value(m, err)) for m in g.subjects(RDF.type, ERROR)]


def test_owl_rl_closure_of_vocabulary_and_data_adds_no_contradiction(dataset) -> None:
    g = vocabulary()
    for s, p, o, _ in dataset.quads():
        g.add((s, p, o))
    assert closure_errors(g) == []
    assert list(g.subjects(RDF.type, OWL.Nothing)) == []
    # the closure did its work: a state is inferred to be a prov:Agent
    assert (ns.actor("ukraine"), RDF.type, ns.PROV.Agent) in g


def test_owl_rl_closure_would_report_a_contradiction() -> None:
    g = vocabulary()
    g.add((ns.actor("ukraine"), OWL.sameAs, ns.actor("russia")))
    g.add((ns.actor("ukraine"), OWL.differentFrom, ns.actor("russia")))
    assert closure_errors(g) != []
