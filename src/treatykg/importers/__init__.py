"""Importers: each maps a treaty graph written in another vocabulary into treatykg's terms.

An importer reads an rdflib Graph and returns an `Imported`: the statements it could map
(each becomes one claim, attributed to the imported source), the descriptions of the things
they mention (labels, identifiers, identity links), and every input triple it could not map,
counted by predicate. Every input triple is either used or reported: `Imported.account`
checks that, so an importer cannot drop a fact silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .. import namespaces as ns
from ..errors import UserError

Triple = tuple[Node, Node, Node]
WDT = "http://www.wikidata.org/prop/direct/"
ISO3166 = URIRef(WDT + "P297")  # ISO 3166-1 alpha-2: no standard RDF property, Wikidata's own
PAV_RETRIEVED = URIRef("http://purl.org/pav/retrievedOn")
WIKIBASE = "http://wikiba.se/ontology#"


@dataclass(frozen=True)
class Reference:
    """Where an imported statement says it comes from (a Wikidata reference, a citation)."""

    url: str | None = None
    stated_in: URIRef | None = None
    retrieved: Literal | None = None


@dataclass
class Statement:
    """One imported statement: the claim it becomes, with its rank and references."""

    id: str
    label: str
    origin: Node
    triples: list[Triple] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    rank: str | None = None  # "preferred" | "normal" | None (not stated, e.g. a truthy triple)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Unmapped:
    predicate: str
    count: int
    example: str


@dataclass
class Imported:
    """What an importer made of one input graph."""

    vocabulary: str
    statements: list[Statement] = field(default_factory=list)
    entities: list[Triple] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (what, why), e.g. deprecated
    unmapped: list[Unmapped] = field(default_factory=list)

    def account(self, graph: Graph, used: set[Triple]) -> None:
        """Report every triple of `graph` not in `used`, by predicate (count, first subject)."""
        counts: dict[str, list] = {}
        for s, p, o in sorted(graph, key=lambda t: (t[1].n3(), t[0].n3(), t[2].n3())):
            if (s, p, o) in used:
                continue
            entry = counts.setdefault(str(p), [0, s])
            entry[0] += 1
        self.unmapped = [
            Unmapped(p, n, _show(example)) for p, (n, example) in sorted(counts.items())
        ]


def _show(node: Node) -> str:
    return str(node) if isinstance(node, URIRef) else f"_:{node} (blank node)"


def slugify(text: str) -> str:
    """A slug for an IRI: lower case letters, digits and hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "x"


def local_name(iri: Node) -> str:
    return re.split(r"[/#]", str(iri).rstrip("/#"))[-1]


class Minter:
    """Mints the IRIs of imported things under `id/import/{slug}/` from their own names, and
    refuses two different input nodes that would get the same IRI."""

    def __init__(self, slug: str, names: dict[Node, str] | None = None) -> None:
        self.slug = slug
        self.names = names or {}
        self.minted: dict[URIRef, Node] = {}

    def __call__(self, node: Node) -> URIRef:
        name = self.names.get(node) or (local_name(node) if isinstance(node, URIRef) else None)
        if name is None:
            raise UserError(
                f"a node without an IRI or a name cannot be imported ({node})",
                hint="give the node an @id (JSON-LD) or a name",
            )
        iri = ns.ID[f"import/{self.slug}/{slugify(name)}"]
        if self.minted.setdefault(iri, node) != node:
            raise UserError(
                f"two input nodes would both become <{iri}>: {self.minted[iri]} and {node}",
                hint="import them with different --slug values, or rename one",
            )
        return iri


def first_label(graph: Graph, node: Node, predicates: Iterable[URIRef]) -> str | None:
    """The node's English (else untagged, else any) label, smallest first for determinism."""
    labels = [o for p in predicates for o in graph.objects(node, p) if isinstance(o, Literal)]
    for wanted in ("en", None):
        chosen = sorted(str(x) for x in labels if x.language == wanted)
        if chosen:
            return chosen[0]
    return min((str(x) for x in labels), default=None)
