"""Graph analysis with networkx: how well each claim is corroborated, and who commits to whom.

Corroboration counts *independent* attribution chains. A claim is supported by its own
attestations and by those of every claim an analyst linked to it as the same proposition
(`tkg:sameClaimAs`: the connected components of that relation). Two chains are dependent when
they share a voice — an agent below the outlet that relays them (or the outlet itself, when it
speaks in its own name) — because one voice repeated is not two witnesses. Chains are the nodes
of a graph with an edge between dependent ones; its connected components are the independent
lines of evidence.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

import networkx as nx
import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.term import Node

from . import catalogue
from .validate import compact

# what analysis reads: the built dataset, or a store (`--store`) without an rdflib copy
Data = Dataset | ox.Store

CHAINS = """
PREFIX tkg: <https://w3id.org/treatykg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?claim ?attestation ?n ?agent ?anonymous WHERE {
  ?claim a tkg:Claim ; tkg:attestedBy ?attestation .
  ?attestation prov:qualifiedAttribution ?hop .
  ?hop tkg:hop ?n ; prov:agent ?agent .
  BIND (EXISTS { ?agent a tkg:AnonymousSource } AS ?anonymous)
}"""

SAME_CLAIMS = """
PREFIX tkg: <https://w3id.org/treatykg/ontology#>
SELECT ?claim ?same WHERE { ?claim tkg:sameClaimAs ?same }"""

COMMITMENTS = """
PREFIX tkg: <https://w3id.org/treatykg/ontology#>
SELECT (COUNT(DISTINCT ?commitment) AS ?n) WHERE { ?commitment a tkg:Commitment }"""

# a node's label: its rdfs:label, else its skos:prefLabel (else, in `labels`, its compact IRI)
LABELS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?node ?label WHERE {
  { ?node rdfs:label ?label }
  UNION { ?node skos:prefLabel ?label FILTER NOT EXISTS { ?node rdfs:label ?any } }
}"""

COMMITMENT_EDGES = """
PREFIX tkg: <https://w3id.org/treatykg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?commitment ?role ?actor WHERE {
  ?commitment a tkg:Commitment ; ?property ?actor .
  VALUES (?property ?role) { (tkg:bearer "bearer") (tkg:beneficiary "beneficiary")
                             (tkg:partner "partner") }
}"""


@dataclass(frozen=True)
class Corroboration:
    claim: URIRef
    label: str
    chains: int
    independent: int
    anonymous_only: bool


@dataclass(frozen=True)
class Network:
    actors: int
    commitments: int
    edges: int
    components: int
    density: float
    degree: list[tuple[str, int]]
    relays: list[tuple[str, str, int]]


def labels(ds: Data) -> dict[Node, str]:
    """Every labelled node's label, read in one query (one lookup per node cost seconds on a
    store of a million quads)."""
    return {row["node"]: str(row["label"]) for row in catalogue.run(ds, LABELS, "analyze").rows}


def _label(names: dict[Node, str], node: Node) -> str:
    return names.get(node) or compact(node)


def chains(ds: Data) -> dict[URIRef, dict[URIRef, list[tuple[URIRef, bool]]]]:
    """claim → attestation → [(agent, is anonymous)] in hop order."""
    hops: dict = {}
    for row in catalogue.run(ds, CHAINS, "analyze").rows:
        hops.setdefault(row["claim"], {}).setdefault(row["attestation"], []).append(
            (int(row["n"]), row["agent"], bool(row["anonymous"].toPython()))
        )
    return {
        claim: {att: [(a, anon) for _, a, anon in sorted(chain)] for att, chain in atts.items()}
        for claim, atts in hops.items()
    }


def voices(chain: list[tuple[URIRef, bool]]) -> set[URIRef]:
    """The agents a chain rests on: all below the relaying outlet, or the outlet alone."""
    agents = [agent for agent, _ in chain]
    return set(agents[1:]) if len(agents) > 1 else set(agents)


def same_claims(ds: Data, claims: list[URIRef]) -> dict[URIRef, set[URIRef]]:
    """Each claim with the claims stated to be the same proposition (transitively)."""
    g = nx.Graph()
    g.add_nodes_from(claims)
    g.add_edges_from((r["claim"], r["same"]) for r in catalogue.run(ds, SAME_CLAIMS).rows)
    return {claim: component for component in nx.connected_components(g) for claim in component}


@dataclass(frozen=True)
class Reading:
    """What both analyses read from the graph (each claim's chains, every label): `analyze`
    reads it once for both, not once each (seconds at a million quads)."""

    chains: dict[URIRef, dict[URIRef, list[tuple[URIRef, bool]]]]
    names: dict[Node, str]

    @classmethod
    def of(cls, ds: Data) -> Reading:
        return cls(chains(ds), labels(ds))


def corroboration(ds: Data, read: Reading | None = None) -> list[Corroboration]:
    result = []
    read = read or Reading.of(ds)
    names, by_claim = read.names, read.chains
    groups = same_claims(ds, list(by_claim))
    for claim in by_claim:
        atts = {a: c for other in groups[claim] for a, c in by_claim.get(other, {}).items()}
        g = nx.Graph()
        g.add_nodes_from(atts)
        items = sorted(atts.items())
        for i, (a, chain_a) in enumerate(items):
            for b, chain_b in items[i + 1 :]:
                if voices(chain_a) & voices(chain_b):
                    g.add_edge(a, b)
        independent = nx.number_connected_components(g)
        anonymous_only = all(chain[-1][1] for chain in atts.values())
        result.append(
            Corroboration(claim, _label(names, claim), len(atts), independent, anonymous_only)
        )
    return sorted(result, key=lambda c: (-c.independent, c.label))


def single_anonymous(ds: Data) -> list[Corroboration]:
    """Claims whose only line of evidence ends in an anonymous source."""
    return [c for c in corroboration(ds) if c.independent == 1 and c.anonymous_only]


def network(ds: Data, read: Reading | None = None) -> Network:
    """Figures of the actor–commitment network and of who relays whom."""
    read = read or Reading.of(ds)
    names = read.names
    g = nx.Graph()
    for row in catalogue.run(ds, COMMITMENT_EDGES, "analyze").rows:
        g.add_node(row["commitment"], kind="commitment")
        g.add_node(row["actor"], kind="actor")
        g.add_edge(row["actor"], row["commitment"], role=str(row["role"]))
    actors = [n for n, kind in g.nodes(data="kind") if kind == "actor"]
    degree = sorted(((_label(names, a), g.degree(a)) for a in actors), key=lambda x: (-x[1], x[0]))
    relay = nx.DiGraph()
    counts: Counter = Counter()
    for atts in read.chains.values():
        for chain in atts.values():
            for (upper, _), (lower, _) in pairwise(chain):
                counts[(upper, lower)] += 1
    for (upper, lower), weight in counts.items():
        relay.add_edge(upper, lower, weight=weight)
    relays = sorted(
        ((_label(names, u), _label(names, v), w) for u, v, w in relay.edges(data="weight")),
        key=lambda x: (-x[2], x[0], x[1]),
    )
    return Network(
        actors=len(actors),
        commitments=int(catalogue.run(ds, COMMITMENTS).rows[0]["n"]),
        edges=g.number_of_edges(),
        components=nx.number_connected_components(g) if len(g) else 0,
        density=round(nx.density(g), 4) if len(g) > 1 else 0.0,
        degree=degree,
        relays=relays,
    )
