"""One validation result, as both engines report it, and the few texts derived from it.

Both the fast path and the pyshacl reference produce `Result`s, so that a differential test can
compare them as sets and `validate.py` turns either into the same `Problem`s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from .. import namespaces as ns


@dataclass(frozen=True)
class Result:
    focus: Node
    path: str  # the result path as text ("tkg:attestedBy/tkg:anchor", "^np:hasAssertion", "")
    value: Node | None
    component: URIRef  # sh:sourceConstraintComponent
    severity: URIRef
    shape: Node  # sh:sourceShape
    message: str

    def key(self) -> tuple[str, str, str, str, str]:
        """What the differential test compares (blank shapes compare as one)."""
        shape = "_:" if isinstance(self.shape, BNode) else str(self.shape)
        return (str(self.focus), self.path, str(self.component), str(self.severity), shape)


def names() -> Graph:
    """A graph whose only use is to compact IRIs the way reports always have."""
    g = Graph()
    for prefix, iri in ns.PREFIXES.items():
        g.bind(prefix, iri, replace=True)
    return g


def compact_iri(g: Graph, iri: URIRef) -> str:
    """`prefix:local` for an IRI under a bound namespace, else `<iri>`; never mints a prefix,
    so the text does not depend on the order in which results are written."""
    try:
        prefix, _, local = g.namespace_manager.compute_qname(iri, generate=False)
    except (KeyError, ValueError):
        return f"<{iri}>"
    return f"{prefix}:{local}" if prefix else f":{local}"


def path_text(g: Graph, path: Node | None, data_names: Graph) -> str:
    """A SHACL path (whose structure lives in `g`) as text."""
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return compact_iri(data_names, path)
    inverse = g.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + path_text(g, inverse, data_names)
    items = list(g.items(path))
    if items:
        return "/".join(path_text(g, i, data_names) for i in items)
    for predicate, suffix in (
        (SH.zeroOrMorePath, "*"),
        (SH.oneOrMorePath, "+"),
        (SH.zeroOrOnePath, "?"),
    ):
        inner = g.value(path, predicate)
        if inner is not None:
            return f"({path_text(g, inner, data_names)}){suffix}"
    alternatives = g.value(path, SH.alternativePath)
    if alternatives is not None:
        return "(" + "|".join(path_text(g, i, data_names) for i in g.items(alternatives)) + ")"
    return str(path)


def format_message(message: Literal, bound: dict[str, Node]) -> str:
    """A SPARQL constraint's message with {?var} / {$var} replaced, as pyshacl does it."""
    text = str(message.value) if isinstance(message, Literal) else str(message)
    for var, value in bound.items():
        text = re.sub(f"{{[?$]{var}}}", str(value), text)
    return text


def first_message(messages) -> str:
    """One message for a result that has several (deterministic: the least as text)."""
    texts = sorted(str(m) for m in messages)
    return texts[0] if texts else ""
