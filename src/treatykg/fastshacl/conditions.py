"""Whether a node conforms to a shape, as one SPARQL boolean expression.

sh:node, sh:or, sh:and, sh:not, sh:xone and sh:qualifiedValueShape ask whether a value node
conforms to another shape. pyshacl answers by validating the node against that shape; here the
same question becomes a FILTER expression over the node's variable, for the constraints that
have an exact SPARQL form. Anything else raises `Unsupported`, and its group falls back.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from .terms import Unsupported, sparql_path, sparql_term

TYPE_CLOSURE = f"<{RDF.type}>/<{RDFS.subClassOf}>*"
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
# parameters that describe or target a shape and never constrain a value by themselves
DESCRIPTIVE = {
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.defaultValue,
    SH.severity,
    SH.message,
    SH.deactivated,
    SH.path,
    SH.declare,
    SH.prefixes,
    *TARGETS,
}
KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
MAX_DEPTH = 8


def node_kind(kind: Node, var: str) -> str:
    if kind not in KINDS:
        raise Unsupported(f"sh:nodeKind {kind}")
    return KINDS[kind].format(v=var)


class Instances:
    """`?x rdf:type/rdfs:subClassOf* C` (a SHACL instance of C), written for the store at hand:
    with the subclasses of C looked up once, Oxigraph answers a plain `?x rdf:type C` (or a
    VALUES of its subclasses) many times faster than the property path, with the same rows."""

    def __init__(self, subclasses: Callable[[Node], list[Node]] | None = None):
        self.subclasses = subclasses
        self._names = count(1)
        self._cache: dict[Node, list[Node]] = {}

    def pattern(self, var: str, cls: Node) -> str:
        term = sparql_term(cls)
        if self.subclasses is None:
            return f"{var} {TYPE_CLOSURE} {term} ."
        if cls not in self._cache:
            self._cache[cls] = sorted(set(self.subclasses(cls)) | {cls}, key=str)
        found = self._cache[cls]
        if len(found) == 1:
            return f"{var} <{RDF.type}> {term} ."
        t = f"?type{next(self._names)}"
        return f"{var} <{RDF.type}> {t} . VALUES {t} {{ {' '.join(map(sparql_term, found))} }}"


class Conditions:
    """Builds conformance expressions, minting fresh variables for nested patterns."""

    def __init__(self, sg: Graph, types: Instances | None = None):
        self.sg = sg
        self.types = types or Instances()
        self._names = count(1)

    def fresh(self) -> str:
        return f"?c{next(self._names)}"

    def conforms(self, shape: Node, var: str, depth: int = 0) -> str:
        """True when the node in `var` conforms to `shape` (every constraint holds)."""
        if depth > MAX_DEPTH:
            raise Unsupported("shapes nested too deeply (or recursive)")
        sg = self.sg
        deactivated = sg.value(shape, SH.deactivated)
        if isinstance(deactivated, Literal) and deactivated.value is True:
            return "true"
        path = sg.value(shape, SH.path)
        parts = []
        for parameter, value in sorted(sg.predicate_objects(shape), key=str):
            if not str(parameter).startswith(str(SH)) or parameter in DESCRIPTIVE:
                continue
            if path is None:
                parts.append(self.node_level(parameter, value, var, depth))
            else:
                parts.append(self.property_level(parameter, value, var, path, depth))
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def node_level(self, parameter: Node, value: Node, var: str, depth: int) -> str:
        if parameter == SH["class"]:
            return f"EXISTS {{ {self.types.pattern(var, value)} }}"
        if parameter == SH.nodeKind:
            return node_kind(value, var)
        if parameter == SH.hasValue:
            return f"sameTerm({var}, {sparql_term(value)})"
        if parameter == SH["in"]:
            items = list(self.sg.items(value))
            if any(isinstance(a, Literal) and a.datatype in (None, XSD.string) for a in items):
                raise Unsupported("sh:in with a string literal")
            terms = [f"sameTerm({var}, {sparql_term(i)})" for i in items]
            return "(" + " || ".join(terms) + ")" if terms else "false"
        if parameter == SH.datatype and value == XSD.string:
            return f"(isLiteral({var}) && datatype({var}) = <{XSD.string}>)"
        if parameter == SH.property:
            return self.conforms(value, var, depth + 1)
        logical = {SH.node, SH["or"], SH["and"], SH["not"], SH.xone}
        if parameter in logical:
            component = {
                SH.node: SH.NodeConstraintComponent,
                SH["or"]: SH.OrConstraintComponent,
                SH["and"]: SH.AndConstraintComponent,
                SH["not"]: SH.NotConstraintComponent,
                SH.xone: SH.XoneConstraintComponent,
            }[parameter]
            return self.of_parameter(component, value, var, depth + 1)
        raise Unsupported(
            f"{self.sg.namespace_manager.normalizeUri(parameter)} inside a shape "
            "that is checked through sh:node, sh:or or sh:qualifiedValueShape"
        )

    def property_level(self, parameter: Node, value: Node, var: str, path: Node, depth: int) -> str:
        p = sparql_path(self.sg, path)
        if parameter in (SH.minCount, SH.maxCount):
            n = value.value if isinstance(value, Literal) else None
            if not isinstance(n, int) or n < 0:
                raise Unsupported(f"a count {value} that is not a non-negative integer")
            a, b = self.fresh(), self.fresh()
            if parameter == SH.minCount:
                if n > 1:
                    raise Unsupported("sh:minCount above 1 inside a nested shape")
                return f"EXISTS {{ {var} {p} {a} }}" if n == 1 else "true"
            if n == 0:
                return f"NOT EXISTS {{ {var} {p} {a} }}"
            if n == 1:
                return (
                    f"NOT EXISTS {{ {var} {p} {a} . {var} {p} {b} FILTER (!sameTerm({a}, {b})) }}"
                )
            raise Unsupported("sh:maxCount above 1 inside a nested shape")
        if parameter == SH.hasValue:
            return f"EXISTS {{ {var} {p} {sparql_term(value)} }}"
        if parameter == SH.property:
            raise Unsupported("sh:property inside a nested property shape")
        a = self.fresh()
        inner = self.node_level(parameter, value, a, depth)
        return f"NOT EXISTS {{ {var} {p} {a} FILTER (!({inner})) }}"

    def of_parameter(self, component: URIRef, value: Node, var: str, depth: int = 0) -> str:
        """True when `var` satisfies sh:node / sh:or / sh:and / sh:not / sh:xone `value`."""
        if component == SH.NodeConstraintComponent:
            return self.conforms(value, var, depth + 1)
        if component == SH.NotConstraintComponent:
            return f"(!{self.conforms(value, var, depth + 1)})"
        members = sorted(set(self.sg.items(value)), key=str)
        if not members:
            raise Unsupported("an empty or malformed list of shapes")
        each = [self.conforms(m, var, depth + 1) for m in members]
        if component == SH.OrConstraintComponent:
            return "(" + " || ".join(each) + ")"
        if component == SH.AndConstraintComponent:
            return "(" + " && ".join(each) + ")"
        return "((" + " + ".join(f"IF({c}, 1, 0)" for c in each) + ") = 1)"

    def pattern(self, shape: Node, var: str, depth: int = 0) -> str | None:
        """A graph pattern that has a match exactly when `var` conforms to `shape`, if there is
        one (shapes made of sh:class, sh:hasValue, sh:minCount 1, sh:node, sh:property, sh:or):
        used with MINUS, which Oxigraph runs as one anti-join rather than a probe per row."""
        sg = self.sg
        if depth > MAX_DEPTH:
            return None
        deactivated = sg.value(shape, SH.deactivated)
        if isinstance(deactivated, Literal) and deactivated.value is True:
            return None
        path = sg.value(shape, SH.path)
        parts = []
        for parameter, value in sorted(sg.predicate_objects(shape), key=str):
            if not str(parameter).startswith(str(SH)) or parameter in DESCRIPTIVE:
                continue
            part = self.part(parameter, value, var, path, depth)
            if part is None:
                return None
            parts.append(part)
        return " ".join(parts) if parts else None

    def part(self, parameter: Node, value: Node, var: str, path: Node | None, depth: int):
        if path is not None:
            p = sparql_path(self.sg, path)
            if parameter == SH.hasValue:
                return f"{var} {p} {sparql_term(value)} ."
            if parameter == SH.minCount and isinstance(value, Literal) and value.value == 1:
                return f"{var} {p} {self.fresh()} ."
            return None
        if parameter == SH["class"]:
            return self.types.pattern(var, value)
        if parameter in (SH.node, SH.property):
            return self.pattern(value, var, depth + 1)
        if parameter == SH["or"]:
            members = sorted(set(self.sg.items(value)), key=str)
            each = [self.pattern(m, var, depth + 1) for m in members]
            if not members or any(e is None for e in each):
                return None
            return " UNION ".join("{ " + e + " }" for e in each)
        return None
