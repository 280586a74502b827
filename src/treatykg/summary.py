"""The figures `treatykg build` prints: what the dataset holds, counted by SPARQL."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import RDFS, Dataset, Graph, Literal

from . import namespaces as ns

COUNTS = """
SELECT
  (COUNT(DISTINCT ?source) AS ?sources) (COUNT(DISTINCT ?claim) AS ?claims)
  (COUNT(DISTINCT ?commitment) AS ?commitments) (COUNT(DISTINCT ?actor) AS ?actors)
WHERE {
  { ?source a/rdfs:subClassOf* tkg:SourceDocument } UNION { ?claim a tkg:Claim }
  UNION { ?commitment a tkg:Commitment }
  UNION { ?actor ?p ?o . FILTER STRSTARTS(STR(?actor), ?actorBase) }
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
    bindings = {"actorBase": Literal(str(ns.ID["actor/"]))}
    row = next(iter(ds.query(COUNTS, initNs={"tkg": ns.TKG, "rdfs": RDFS}, initBindings=bindings)))
    graphs = {g.identifier if isinstance(g, Graph) else g for *_, g in ds.quads()}
    return Summary(
        sources=int(row.sources),
        claims=int(row.claims),
        actors=int(row.actors),
        commitments=int(row.commitments),
        triples=sum(1 for _ in ds.quads()),
        named_graphs=len(graphs),
    )
