"""The figures `treatykg build` prints: what the dataset holds, counted by SPARQL."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Dataset, Graph

from . import catalogue

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
    row = catalogue.run(ds, COUNTS, "summary").rows[0]
    graphs = {g.identifier if isinstance(g, Graph) else g for *_, g in ds.quads()}
    return Summary(
        sources=int(row["sources"]),
        claims=int(row["claims"]),
        actors=int(row["actors"]),
        commitments=int(row["commitments"]),
        triples=sum(1 for _ in ds.quads()),
        named_graphs=len(graphs),
    )
