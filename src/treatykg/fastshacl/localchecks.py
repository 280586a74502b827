"""Tests on one value node (or one pair of values) in Python, written as pyshacl 0.40 writes
them, so that the fast path agrees with it on ill-typed literals, regular expressions and
comparisons, where SPARQL's own functions would differ in small ways.

Each factory takes the shapes graph, the shape and the parameter's value and returns
`bad(value) -> bool` (True: the value node violates the constraint).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from pyshacl.rdfutil.compare import compare_literal
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

from .terms import Unsupported

# what compare_literal raises for two values without an order between them (a date and a
# number, say): pyshacl catches these same two and counts the value as outside the range
UNORDERED = (TypeError, NotImplementedError)

NUMERIC = (XSD.integer, XSD.decimal, XSD.double, XSD.float)
STRINGS = f"(datatype({{v}}) = <{XSD.string}> || datatype({{v}}) = <{RDF.langString}>)"


@dataclass(frozen=True)
class Local:
    """A value test, with what SPARQL can decide alone: `sure_bad` values fail and only
    `unsure` values need the Python `test` (both are expressions over `{v}`). The shortcuts
    are taken only where Oxigraph and rdflib provably agree (strings, valid numbers)."""

    test: Callable[[Node], bool]
    sure_bad: str = "false"
    unsure: str = "true"


PYTHON_TYPES = {
    XSD.string: (str, bytes),
    RDF.langString: (str, bytes),
    XSD.integer: int,
    XSD.float: float,
    XSD.decimal: Decimal,
    XSD.boolean: bool,
    XSD.date: date,
    XSD.time: time,
    XSD.dateTime: datetime,
}


def datatype(sg: Graph, shape: Node, rule: Node) -> Local:
    def actual(v: Literal) -> bool:
        wanted = PYTHON_TYPES.get(rule)
        return True if wanted is None else isinstance(v.value, wanted)

    def bad(v: Node) -> bool:
        if not isinstance(v, Literal):
            return True
        if v.datatype == rule:
            return getattr(v, "ill_typed", None) is True or not actual(v)
        if rule == RDFS.Literal:
            return False
        if rule == RDFS.Datatype and v.datatype:
            return False
        if v.datatype is None and v.language is None and rule == XSD.string:
            return not actual(v)
        if rule == RDF.langString and v.language:
            return not actual(v)
        return True

    if rule in (RDFS.Literal, RDFS.Datatype):
        return Local(bad)
    wrong = f"(!isLiteral({{v}}) || datatype({{v}}) != <{rule}>)"
    if rule in (XSD.string, RDF.langString):
        return Local(bad, wrong, "false")
    same = f"(isLiteral({{v}}) && datatype({{v}}) = <{rule}>)"
    if rule in NUMERIC:  # a number valid for Oxigraph is a valid number for Python too
        return Local(bad, wrong, f"({same} && !isNumeric({{v}}))")
    return Local(bad, wrong, same)


def _text(v: Node) -> str:
    """pyshacl's string form of a value node for the string-based constraints."""
    if (
        isinstance(v, Literal)
        and v.value is not None
        and v.datatype in (None, RDF.langString, XSD.string)
    ):
        return str(v.value)
    return str(v)


def pattern(sg: Graph, shape: Node, rule: Node) -> Local:
    flags_value = sg.value(shape, SH.flags)
    flags = 0
    if flags_value is not None:
        text = str(getattr(flags_value, "value", flags_value)).lower()
        flags |= re.I if "i" in text else 0
        flags |= re.M if "m" in text else 0
    value = getattr(rule, "value", None)
    source = str(value) if value is not None and len(value) > 1 else str(rule)
    matcher = re.compile(source, flags)

    def bad(v: Node) -> bool:
        if isinstance(v, BNode):
            return True
        s = _text(v)
        return not (matcher.match(s) or matcher.search(s))

    return Local(bad)


def _length(rule: Node, what: str) -> int:
    if not (isinstance(rule, Literal) and isinstance(rule.value, int)) or rule.value < 0:
        raise Unsupported(f"{what} {rule} is not a non-negative integer")
    return int(rule.value)


def _lengths(n: int, op: str, bad: Callable[[Node], bool]) -> Local:
    """STRLEN(STR(v)) is pyshacl's len() for IRIs and strings; other literals go to Python
    (Oxigraph may have rewritten their lexical form)."""
    text_like = f"(isIRI({{v}}) || {STRINGS})"
    sure = f"(isBlank({{v}}) || ({text_like} && STRLEN(STR({{v}})) {op} {n}))"
    return Local(bad, sure, f"(isLiteral({{v}}) && !{STRINGS})")


def min_length(sg: Graph, shape: Node, rule: Node) -> Local:
    n = _length(rule, "sh:minLength")
    if n == 0:
        return Local(lambda v: False, "false", "false")
    return _lengths(n, "<", lambda v: isinstance(v, BNode) or len(_text(v)) < n)


def max_length(sg: Graph, shape: Node, rule: Node) -> Local:
    n = _length(rule, "sh:maxLength")
    return _lengths(n, ">", lambda v: isinstance(v, BNode) or len(_text(v)) > n)


def in_list(sg: Graph, shape: Node, rule: Node) -> Local:
    allowed = set(sg.items(rule))
    if any(isinstance(a, Literal) and a.datatype in (None, XSD.string) for a in allowed):
        # the store cannot tell "a" from "a"^^xsd:string; rdflib's equality can
        raise Unsupported("sh:in with a string literal")
    return Local(lambda v: v not in allowed)


def range_check(sg: Graph, shape: Node, rule: Node) -> Local:
    """sh:minInclusive and its three siblings, by which of them names `rule` on `shape`."""
    if not isinstance(rule, Literal):
        raise Unsupported(f"a range bound that is not a literal ({rule})")
    names = {
        SH.minExclusive: "<",
        SH.minInclusive: "<=",
        SH.maxExclusive: ">",
        SH.maxInclusive: ">=",
    }
    found = [op for p, op in names.items() if (shape, p, rule) in sg]
    if len(found) != 1:
        raise Unsupported("the same literal bounds a range twice")
    op = found[0]
    accept = {
        "<": lambda c: c > 0,
        "<=": lambda c: c >= 0,
        ">": lambda c: c < 0,
        ">=": lambda c: c <= 0,
    }[op]
    rule_is_string = isinstance(rule.value, str)

    def bad(v: Node) -> bool:
        if not isinstance(v, Literal):
            return True
        if rule_is_string != isinstance(v.value, str):
            return True
        try:
            return not accept(compare_literal(v, rule))
        except UNORDERED:
            return True  # a value that cannot be compared is outside the range, as in pyshacl

    if rule.datatype != XSD.integer or rule.ill_typed:
        return Local(bad)
    integer = f"(isLiteral({{v}}) && datatype({{v}}) = <{XSD.integer}> && isNumeric({{v}}))"
    within = {"<": "{v} > B", "<=": "{v} >= B", ">": "{v} < B", ">=": "{v} <= B"}[op]
    within = within.replace("B", str(int(rule.value)))
    return Local(bad, f"(!isLiteral({{v}}) || ({integer} && !({within})))", f"!{integer}")


def _comparable(node: Node) -> tuple[object, bool]:
    if isinstance(node, BNode):
        raise Unsupported("sh:lessThan on a blank node (pyshacl stops with an error)")
    if isinstance(node, URIRef):
        return str(node), True
    if isinstance(node, Literal) and isinstance(node.value, str):
        return node.value, True
    return node, False


def pair_unsure(strict: bool) -> str:
    """Pairs of valid xsd:integers in order pass for pyshacl too; only the others go to Python."""
    both = " && ".join(f"datatype({x}) = <{XSD.integer}> && isNumeric({x})" for x in ("?v", "?o"))
    return f"!COALESCE({both} && ?v {'<' if strict else '<='} ?o, false)"


def less_than(value: Node, other: Node) -> bool:
    (a, a_text), (b, b_text) = _comparable(value), _comparable(other)
    return a_text != b_text or not a < b


def less_than_or_equals(value: Node, other: Node) -> bool:
    (a, a_text), (b, b_text) = _comparable(value), _comparable(other)
    return a_text != b_text or not a <= b
