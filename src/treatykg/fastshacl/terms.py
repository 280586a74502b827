"""Terms between rdflib and pyoxigraph, and SHACL paths as SPARQL property paths.

The fast path evaluates on pyoxigraph but reports rdflib terms, so that its results can be
compared one for one with pyshacl's, and so that the value checks it does in Python (datatype,
pattern, lessThan) see exactly the rdflib literals that pyshacl would see.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SH, XSD
from rdflib.term import Node

from ..catalogue import to_rdflib
from ..dump import to_ox

XSD_STRING = str(XSD.string)
LANG_STRING = str(RDF.langString)


# one conversion each way for the whole package; results compare one for one with pyshacl's
# because xsd:string literals come back plain, as rdflib's parsers give them
__all__ = ["to_ox", "to_rdflib"]


class Unsupported(Exception):
    """A shape uses something the fast path does not compile: it falls back to pyshacl."""


def store_of(ds: Dataset | Graph) -> ox.Store:
    """An in-memory pyoxigraph store holding the union of `ds`'s graphs in its default graph."""
    return load(ds)[0]


def load(ds: Dataset | Graph) -> tuple[ox.Store, Originals]:
    """`store_of`, and the way back from the store's literals to the ones `ds` holds."""
    store = ox.Store()
    cache: dict[Node, object] = {}
    default = ox.DefaultGraph()

    def conv(term: Node):
        found = cache.get(term)
        if found is None:
            found = cache[term] = to_ox(term)
        return found

    if isinstance(ds, Dataset):
        triples: Iterable = ((s, p, o) for s, p, o, _ in ds.quads((None, None, None, None)))
    else:
        triples = ds.triples((None, None, None))
    store.bulk_extend(ox.Quad(conv(s), conv(p), conv(o), default) for s, p, o in triples)
    return store, Originals.of(t for t in cache if isinstance(t, Literal))


class Originals:
    """Oxigraph stores a typed literal by its value ("1.0"^^xsd:decimal comes back as "1");
    rdflib keeps the lexical form that pyshacl tests and reports. This maps each literal as the
    store gives it back to the rdflib literal it came from. `clash` names a case where two
    rdflib terms became one store term (the store would count them as one value)."""

    def __init__(self, back: dict[str, Literal], clash: str = ""):
        self.back = back
        self.clash = clash

    @classmethod
    def of(cls, literals: Iterable[Literal]) -> Originals:
        typed = [t for t in literals if t.datatype is not None and str(t.datatype) != XSD_STRING]
        scratch = ox.Store()
        p = ox.NamedNode("urn:x-treatykg:value")
        scratch.bulk_extend(
            ox.Quad(ox.NamedNode(f"urn:x-treatykg:{i}"), p, to_ox(t)) for i, t in enumerate(typed)
        )
        back: dict[str, Literal] = {}
        seen: dict[str, Literal] = {}
        clash = ""
        for quad in scratch:
            original = typed[int(quad.subject.value.rsplit(":", 1)[1])]
            key = str(quad.object)
            if seen.setdefault(key, original) != original:
                clash = f"{seen[key].n3()} and {original.n3()} are one value in Oxigraph"
            if quad.object.value != str(original):
                back[key] = original
        return cls(back, clash)

    def __call__(self, term):
        if isinstance(term, ox.Literal):
            found = self.back.get(str(term))
            if found is not None:
                return found
        return to_rdflib(term)


NO_ORIGINALS = Originals({})


def sparql_term(term: Node) -> str:
    """A constant of the shapes graph written into a query."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        return term.n3()
    raise Unsupported(f"a blank node ({term}) used as a constant")


def sparql_path(sg: Graph, path: Node) -> str:
    """A SHACL property path as a SPARQL 1.1 property path (same value nodes, as a set)."""
    if isinstance(path, URIRef):
        return f"<{path}>"
    if not isinstance(path, BNode):
        raise Unsupported(f"a literal as a path ({path})")
    if (path, RDF.first, None) in sg:
        items = list(sg.items(path))
        if len(items) < 2:
            raise Unsupported("a sequence path with fewer than two steps")
        return "(" + "/".join(sparql_path(sg, i) for i in items) + ")"
    unary = {
        SH.inversePath: "^{}",
        SH.zeroOrMorePath: "{}*",
        SH.oneOrMorePath: "{}+",
        SH.zeroOrOnePath: "{}?",
    }
    for predicate, form in unary.items():
        inner = sg.value(path, predicate)
        if inner is not None:
            return "(" + form.format(sparql_path(sg, inner)) + ")"
    alternatives = sg.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(sparql_path(sg, i) for i in sg.items(alternatives)) + ")"
    raise Unsupported(f"an unknown kind of path ({path})")


def graph_of(store: ox.Store, prefixes: dict[str, str]) -> Graph:
    """Every triple of `store` (all its graphs) as one rdflib Graph, for pyshacl."""
    g = Graph()
    for prefix, iri in prefixes.items():
        g.bind(prefix, iri, replace=True)
    for quad in store:
        g.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return g
