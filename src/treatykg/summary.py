"""The figures `treatykg build` prints: what the dataset holds, counted by SPARQL.

The triples and graphs are counted from rdflib's per-graph sizes, not by walking every quad
(twice, before: seconds at 100,000 quads), and not from Oxigraph, whose store counts two
literals of one value ("1.0" and "1.00" as xsd:decimal) as one quad."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset

from . import catalogue, dump

COUNTS = """
PREFIX tkg: <https://w3id.org/treatykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT
  (COUNT(DISTINCT ?source) AS ?sources) (COUNT(DISTINCT ?claim) AS ?claims)
  (COUNT(DISTINCT ?commitment) AS ?commitments) (COUNT(DISTINCT ?actor) AS ?actors)
WHERE {
  { ?source a/rdfs:subClassOf* tkg:SourceDocument } UNION { ?claim a tkg:Claim }
  UNION { ?commitment a tkg:Commitment }
  UNION { ?actor ?p ?o . FILTER STRSTARTS(STR(?actor), "https://w3id.org/treatykg/id/actor/") }
}"""


@dataclass(frozen=True)
class Summary:
    sources: int
    claims: int
    actors: int
    commitments: int
    triples: int
    named_graphs: int


def summarise(ds: Dataset) -> Summary:
    """The figures of `ds`."""
    return figures(catalogue.store_of(ds), dump.counts(ds))


def figures(store: ox.Store, counts: tuple[int, int]) -> Summary:
    """The figures from an Oxigraph copy of the quads (its SPARQL counts) and rdflib's
    `dump.counts` (see above): a build passes the copy it made from its sorted quads, after
    letting the rdflib dataset go."""
    row = catalogue.run(store, COUNTS, "summary").rows[0]
    triples, graphs = counts
    return Summary(
        sources=int(row["sources"]),
        claims=int(row["claims"]),
        actors=int(row["actors"]),
        commitments=int(row["commitments"]),
        triples=triples,
        named_graphs=graphs,
    )
