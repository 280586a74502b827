"""Identity alignment (networkx components over identity links) and VoID linksets."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, RDFS, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS, VOID

from treatykg import align, catalogue, link, linkset
from treatykg import namespaces as ns
from treatykg.errors import UserError
from treatykg.importers import ISO3166

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "link"
WD = "http://www.wikidata.org/entity/"
IMPORT = "https://w3id.org/treatykg/id/import/t/"
ACTOR = "https://w3id.org/treatykg/id/actor/"
G_IMPORT = URIRef("https://w3id.org/treatykg/graph/import/t")
G_ACTORS = URIRef("https://w3id.org/treatykg/graph/entities/actors")


def small(*quads: tuple) -> Dataset:
    ds = Dataset(default_union=True)
    for s, p, o, g in quads:
        ds.graph(g).add((URIRef(s), p, o))
    return ds


def test_the_real_graph_aligns_without_conflict(dataset) -> None:
    g = align.identity_graph(dataset)
    align.check(g)
    linked = {o for s, o in dataset.subject_objects(SKOS.exactMatch) if str(o).startswith(WD)}
    assert len(linked) >= 10
    for item in linked:  # each Wikidata item is one thing: its component holds no other item
        component = nx.node_connected_component(g, item)
        assert [n for n in component if str(n).startswith(WD)] == [item]
    assert align.align(dataset) == []  # nothing imported, nothing to link


def test_a_chain_of_links_that_merges_two_items_is_an_error() -> None:
    ds = small(
        (IMPORT + "a", SKOS.exactMatch, URIRef(WD + "Q145"), G_IMPORT),
        (IMPORT + "a", ISO3166, Literal("GB"), G_IMPORT),
        (IMPORT + "b", ISO3166, Literal("GB"), G_IMPORT),
        (IMPORT + "b", RDFS.label, Literal("Ukraine"), G_IMPORT),
        (ACTOR + "ukraine", RDFS.label, Literal("Ukraine", lang="en"), G_ACTORS),
        (ACTOR + "ukraine", SKOS.exactMatch, URIRef(WD + "Q212"), G_ACTORS),
    )
    with pytest.raises(UserError) as caught:
        align.align(ds, path="their.ttl")
    assert caught.value.message.splitlines() == [
        f"identity alignment would merge two different Wikidata items, <{WD}Q145> and "
        f"<{WD}Q212>, through this chain of links:",
        f"    <{WD}Q145> —skos:exactMatch (in <{G_IMPORT}>)— <{IMPORT}a>",
        f'    <{IMPORT}a> —ISO 3166-1 alpha-2 "GB" (in <{G_IMPORT}>)— <{IMPORT}b>',
        f'    <{IMPORT}b> —same label "Ukraine" (in <{G_ACTORS}> and <{G_IMPORT}>)— '
        f"<{ACTOR}ukraine>",
        f"    <{ACTOR}ukraine> —skos:exactMatch (in <{G_ACTORS}>)— <{WD}Q212>",
    ]
    assert caught.value.path == "their.ttl"


def test_the_wikidata_fixture_with_a_wrong_iso_code_is_refused(dataset) -> None:
    path = FIXTURES / "wikidata-conflicting-codes.ttl"
    with pytest.raises(UserError) as caught:
        link.link(str(path), dataset)
    graph = "https://w3id.org/treatykg/graph/import/wikidata-conflicting-codes"
    node = "https://w3id.org/treatykg/id/import/wikidata-conflicting-codes/"
    assert caught.value.message.splitlines()[1:] == [
        f"    <{WD}Q145> —skos:exactMatch (in <{graph}>)— <{node}q145>",
        f'    <{node}q145> —ISO 3166-1 alpha-2 "GB" (in <{graph}>)— <{node}q212>',
        f"    <{node}q212> —skos:exactMatch (in <{graph}>)— <{WD}Q212>",
    ]


def test_iso_codes_align_only_where_both_sides_carry_one() -> None:
    ds = small(
        (IMPORT + "ua", ISO3166, Literal("UA"), G_IMPORT),
        (ACTOR + "ukraine", RDFS.label, Literal("Ukraine", lang="en"), G_ACTORS),
        (ACTOR + "ukraine", SKOS.exactMatch, URIRef(WD + "Q212"), G_ACTORS),
    )
    assert align.align(ds) == []


def test_labels_never_join_an_agreement() -> None:
    ds = small(
        (IMPORT + "deal", RDF.type, ns.TKG.Agreement, URIRef(str(ns.ID) + "claim/import-t/x")),
        (IMPORT + "deal", RDFS.label, Literal("Ukraine"), G_IMPORT),
        (IMPORT + "ua", RDFS.label, Literal("Ukraine"), G_IMPORT),
        (ACTOR + "ukraine", RDFS.label, Literal("Ukraine", lang="en"), G_ACTORS),
    )
    assert align.align(ds) == [
        align.Link(URIRef(IMPORT + "ua"), URIRef(ACTOR + "ukraine"), "label")
    ]


def test_links_of_an_import_with_their_kinds(dataset) -> None:
    result = link.link(str(FIXTURES / "schemaorg-g7-declaration.jsonld"), dataset)
    imported = "https://w3id.org/treatykg/id/import/schemaorg-g7-declaration/"
    place = "https://w3id.org/treatykg/id/place/"
    assert [(str(k.subject), str(k.object), k.kind) for k in result.links] == [
        (imported + "britain", ACTOR + "united-kingdom", "iso3166"),
        (imported + "canada", ACTOR + "canada", "wikidata"),
        (imported + "g7", ACTOR + "g7", "label"),
        (imported + "japan", ACTOR + "japan", "label"),
        (imported + "ukraine", ACTOR + "ukraine", "label"),
        (imported + "united-kingdom", ACTOR + "united-kingdom", "wikidata"),
        (imported + "vilnius", place + "vilnius", "label"),
    ]
    counts = {
        str(ls): int(result.dataset.value(ls, VOID.triples))
        for ls in result.dataset.subjects(RDF.type, VOID.Linkset)
    }
    base = "https://w3id.org/treatykg/id/linkset/import/schemaorg-g7-declaration"
    assert counts == {
        f"{base}/exactMatch/wikidata": 2,
        f"{base}/alignment/wikidata/exactMatch/treatykg": 2,
        f"{base}/alignment/iso3166/exactMatch/treatykg": 1,
        f"{base}/alignment/label/exactMatch/treatykg": 4,
    }


# ------------------------------------------------------------------ linksets


def test_linkset_counts_on_the_real_graph(dataset) -> None:
    description = linkset.linksets(dataset)
    actors = URIRef("https://w3id.org/treatykg/id/linkset/entities/actors/exactMatch/wikidata")
    alone = Graph().parse(ROOT / "graph" / "entities" / "actors.ttl")
    in_file = [o for o in alone.objects(None, SKOS.exactMatch) if str(o).startswith(WD)]
    assert int(description.value(actors, VOID.triples)) == len(in_file) >= 20
    assert set(description.objects(actors, VOID.target)) == {
        ns.ID["dataset/treatykg"],
        ns.ID["dataset/wikidata"],
    }
    assert description.value(actors, VOID.subjectsTarget) == ns.ID["dataset/treatykg"]
    assert description.value(actors, VOID.objectsTarget) == ns.ID["dataset/wikidata"]
    assert description.value(actors, VOID.linkPredicate) == SKOS.exactMatch
    assert description.value(ns.ID["dataset/wikidata"], VOID.uriSpace) == Literal(WD)
    for ls in description.subjects(RDF.type, VOID.Linkset):  # every count, recounted by SPARQL
        graph = description.value(ls, DCTERMS.source)
        space = description.value(description.value(ls, VOID.objectsTarget), VOID.uriSpace)
        predicate = description.value(ls, VOID.linkPredicate)
        rows = catalogue.run(
            dataset,
            f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s <{predicate}> ?o }} "
            f'FILTER (STRSTARTS(STR(?o), "{space}")) }}',
        ).rows
        assert int(description.value(ls, VOID.triples)) == int(rows[0]["n"]), ls


def test_add_linksets_puts_them_in_their_graph_once(dataset) -> None:
    ds = Dataset(default_union=True)
    for s, p, o, c in dataset.quads():
        ds.graph(getattr(c, "identifier", c)).add((s, p, o))
    expected = set(linkset.linksets(dataset))
    linkset.add_linksets(ds)
    linkset.add_linksets(ds)  # idempotent: the linksets graph itself is never counted
    assert set(ds.graph(linkset.LINKSETS_GRAPH)) == expected
    assert str(linkset.LINKSETS_GRAPH) == "https://w3id.org/treatykg/graph/linksets"
