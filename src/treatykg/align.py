"""Identity alignment: which nodes of several graphs are the same actor or place.

Identity is computed as a graph (networkx): nodes are IRIs; edges are the identity links the
data states (`skos:exactMatch` to a Wikidata item), shared ISO 3166-1 alpha-2 codes (only
where *both* sides carry one: the project's sources give no ISO codes, so none is added to our
data) and exact labels of actors and places. A connected component is one thing. A component
holding two different Wikidata items would merge two things the world keeps apart, so it is
refused, naming the shortest chain of links that joins them: the wrong link is on it.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import networkx as nx
from rdflib import RDF, RDFS, Dataset, Graph, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from . import namespaces as ns
from .errors import UserError
from .importers import ISO3166
from .importers.wikidata import is_item
from .namespaces import TKG

OURS = (str(ns.ID["actor/"]), str(ns.ID["place/"]))  # the project's actors and places
IMPORTS = str(ns.ID["import/"])
LABELS = (RDFS.label, SKOS.prefLabel)
WIKIDATA, ISO, LABEL = "skos:exactMatch", "ISO 3166-1 alpha-2", "same label"  # edge kinds


@dataclass(frozen=True)
class Link:
    """A derived identity link from an imported node to one of the project's actors or places."""

    subject: URIRef
    object: URIRef
    kind: str  # "wikidata" | "iso3166" | "label": the weakest kind of edge on its chain


def identity_graph(*datasets: Dataset) -> nx.Graph:
    """The identity links of the datasets as one undirected graph; each edge has `kind`,
    `detail` (the shared code or label) and `where` (the named graphs it came from)."""
    g = nx.Graph()
    quads = _quads(datasets)
    for s, p, o, where in quads:
        if p == SKOS.exactMatch and is_item(o) and not g.has_edge(s, o):
            g.add_edge(s, o, kind=WIKIDATA, detail="", where=(where,))
    for predicates, kind in (((ISO3166,), ISO), (LABELS, LABEL)):
        _shared_values(g, quads, predicates, kind)
    return g


def _quads(datasets: tuple[Dataset, ...]) -> list[tuple]:
    """Only the quads alignment reads (identity links, codes, labels, agreement types), in
    one canonical order so that edges, and so chains, are the same from run to run."""
    wanted = [(None, p, None, None) for p in (SKOS.exactMatch, ISO3166, *LABELS)]
    wanted.append((None, RDF.type, TKG.Agreement, None))
    quads = {
        (s, p, o, _name(c))
        for ds in datasets
        for pattern in wanted
        for s, p, o, c in ds.quads(pattern)
    }
    return sorted(quads, key=lambda q: (q[3], q[0].n3(), q[1].n3(), q[2].n3()))


def _shared_values(g: nx.Graph, quads: list, predicates: tuple, kind: str) -> None:
    """Join the candidate nodes that carry the same value of `predicates`."""
    candidates = _candidates(quads)
    holders: dict[str, list[tuple[Node, str]]] = {}
    for s, p, o, where in quads:
        if p in predicates and s in candidates:
            holders.setdefault(str(o), []).append((s, where))
    for value, nodes in sorted(holders.items()):
        for (a, wa), (b, wb) in itertools.pairwise(nodes):
            if a != b and not g.has_edge(a, b):
                where = (wa,) if wa == wb else (wa, wb)
                g.add_edge(a, b, kind=kind, detail=value, where=where)


def _candidates(quads: list) -> set[Node]:
    """Actors and places: the project's and the imported nodes that are not agreements
    (labels must not join an agreement to the state it is named after)."""
    agreements = {s for s, p, o, _ in quads if p == RDF.type and o == TKG.Agreement}
    return {
        s
        for s, _, _, _ in quads
        if isinstance(s, URIRef)
        and s not in agreements
        and (str(s).startswith(OURS) or _imported(s))
    }


def _imported(node: Node) -> bool:
    return str(node).startswith(IMPORTS) and str(node)[len(IMPORTS) :].count("/") == 1


def _name(context: object) -> str:
    return str(context.identifier if isinstance(context, Graph) else context)


def check(g: nx.Graph, path: str | None = None) -> None:
    """Refuse a component that holds two different Wikidata items (see module docstring)."""
    for component in sorted((sorted(c, key=str) for c in nx.connected_components(g)), key=str):
        items = [n for n in component if is_item(n)]
        if len(items) < 2:
            continue
        chain = nx.shortest_path(g, items[0], items[1])
        steps = [_step(g, a, b) for a, b in itertools.pairwise(chain)]
        raise UserError(
            f"identity alignment would merge two different Wikidata items, <{items[0]}> and "
            f"<{items[1]}>, through this chain of links:\n    " + "\n    ".join(steps),
            path,
            hint="correct or remove the wrong link on that chain (a wrong sameAs or ISO code, "
            "or a label that two different things share)",
        )


def _step(g: nx.Graph, a: Node, b: Node) -> str:
    edge = g.edges[a, b]
    detail = f' "{edge["detail"]}"' if edge["detail"] else ""
    where = " and ".join(f"<{w}>" for w in edge["where"])
    return f"<{a}> —{edge['kind']}{detail} (in {where})— <{b}>"


def align(*datasets: Dataset, path: str | None = None) -> list[Link]:
    """The links from each imported node to the project's actors and places it is identical
    to, over the union of `datasets` (e.g. the project's and an import)."""
    g = identity_graph(*datasets)
    check(g, path)
    links = []
    for component in nx.connected_components(g):
        ours = sorted(n for n in component if str(n).startswith(OURS))
        theirs = sorted(n for n in component if _imported(n))
        for imported in theirs:
            for actor in ours:
                links.append(Link(imported, actor, _kind(g, imported, actor)))
    return sorted(links, key=lambda k: (str(k.subject), str(k.object)))


def _kind(g: nx.Graph, a: Node, b: Node) -> str:
    """The strongest kind of evidence that joins a and b: Wikidata links alone, else with ISO
    codes, else only through a shared label."""
    for kind, allowed in (("wikidata", {WIKIDATA}), ("iso3166", {WIKIDATA, ISO})):
        view = nx.subgraph_view(g, filter_edge=lambda x, y, ok=allowed: g.edges[x, y]["kind"] in ok)
        if nx.has_path(view, a, b):
            return kind
    return "label"
