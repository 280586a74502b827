"""The faster build writes what the slower one wrote: `dump.sorted_quads` keeps the canonical
order (graph, subject, predicate, object by their N-Triples form) that fixes the bytes of
dist/, `dump.counts` gives the figures that walking every quad gave, and `write_dist` writes the
same bytes from the dataset or from quads sorted once (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef

from treatykg import dump, summary
from treatykg.dataset import new_dataset

T = "https://w3id.org/treatykg/test/"
DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")


def naive(ds: Dataset) -> list[ox.Quad]:
    """The definition sorted_quads had before it was made fast: every quad of
    Dataset.quads(), sorted by its terms' N-Triples forms."""
    rows = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        graph = g.identifier if isinstance(g, Graph) else g
        rows.append(((str(graph), s.n3(), p.n3(), o.n3()), (s, p, o, graph)))
    rows.sort(key=lambda row: row[0])
    return [ox.Quad(*(dump.to_ox(t) for t in quad)) for _, quad in rows]  # type: ignore[misc]


def tricky() -> Dataset:
    """Literals that rdflib counts equal but writes differently, one triple in two graphs,
    a triple in the default graph, an empty graph, and values Oxigraph would fold into one."""
    ds = new_dataset()
    a, p, q = URIRef(T + "a"), URIRef(T + "p"), URIRef(T + "q")
    g1, g2 = URIRef(T + "graph/1"), URIRef(T + "graph/2")
    for graph in (g1, g2):
        ds.add((a, p, Literal("colour", lang="en-GB"), graph))
    ds.add((a, p, Literal("colour", lang="EN-gb"), g2))  # rdflib: the same triple
    ds.add((a, q, Literal("1.0", datatype=DECIMAL), g1))
    ds.add((a, q, Literal("1.00", datatype=DECIMAL), g1))
    ds.add((a, q, Literal("Zebra"), g1))
    ds.add((URIRef(T + "b"), q, a, g2))
    ds.add((a, p, URIRef(T + "b")))  # the default graph
    ds.graph(URIRef(T + "graph/empty"))
    return ds


def test_sorted_quads_keeps_the_canonical_order_of_the_project(dataset: Dataset):
    quads = dump.sorted_quads(dataset)
    assert quads == naive(dataset)
    assert len(quads) == sum(1 for _ in dataset.quads((None, None, None, None)))


def test_sorted_quads_orders_and_counts_edge_cases_as_before():
    ds = tricky()
    quads = dump.sorted_quads(ds)
    assert quads == naive(ds)
    decimal = f"^^<{DECIMAL}>"
    assert [(q.graph_name.value.removeprefix(T), str(q.object)) for q in quads] == [
        ("graph/1", '"colour"@en-gb'),  # rdflib's store keeps one of the equal literals
        ("graph/1", f'"1.0"{decimal}'),  # Oxigraph's store would keep one of these two
        ("graph/1", f'"1.00"{decimal}'),
        ("graph/1", '"Zebra"'),
        ("graph/2", '"colour"@en-gb'),
        ("graph/2", f"<{T}a>"),
        ("urn:x-rdflib:default", f"<{T}b>"),
    ]
    assert dump.counts(ds) == (7, 3)


def test_counts_are_the_quads_and_graphs_of_the_project(dataset: Dataset):
    graphs = {g.identifier if isinstance(g, Graph) else g for *_, g in dataset.quads()}
    triples = sum(1 for _ in dataset.quads())
    assert dump.counts(dataset) == (triples, len(graphs))
    store = ox.Store()
    store.bulk_extend(dump.sorted_quads(dataset))
    assert summary.figures(store, dump.counts(dataset)) == summary.summarise(dataset)


def test_write_dist_writes_the_same_bytes_from_sorted_quads(dataset: Dataset, tmp_path: Path):
    steps: list[tuple[int, int]] = []
    quads = dump.sorted_quads(dataset)
    from_quads = dump.write_dist(quads, tmp_path / "a", lambda *step: steps.append(step))
    from_dataset = dump.write_dist(dataset, tmp_path / "b")
    for fmt, path in from_quads.items():
        assert path.read_bytes() == from_dataset[fmt].read_bytes(), fmt
    assert steps == [(1, 6), (2, 6), (3, 6), (4, 6), (5, 6), (6, 6)]
