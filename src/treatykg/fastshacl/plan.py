"""Compile SHACL shapes into checks: SPARQL queries for pyoxigraph plus small Python tests.

One top-level shape (a shape with a target) compiles into a `Group` of `Check`s: its own
constraints and those of its property shapes. If anything in the group is outside what this
module compiles, the whole group is left to pyshacl (`Fallback`), so that a group's results
always come from one engine. Each check reproduces pyshacl 0.40's semantics for one constraint
component (see docs/validation.md for the list and for the exact fallback rules).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from . import conditions, localchecks, sparqltext
from .terms import Unsupported, sparql_path, sparql_term

TARGETS = conditions.TARGETS
# parameters that never produce a result by themselves: the descriptive ones, sub-shapes
# (planned on their own), and the qualified-shape parameters sh:qualifiedValueShape reads
PASSIVE = conditions.DESCRIPTIVE | {
    SH.property,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint,
    SH.flags,
}


@dataclass(frozen=True)
class Check:
    """One constraint of one shape: how to find its results on the store."""

    shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]
    path: Node | None  # the property shape's path in the shapes graph; None for node shapes
    kind: str  # "focus", "value", "local", "pair" or "sparql"
    query: str
    test: Callable | None = None  # "local": bad(value); "pair": bad(value, other)
    values_query: str = ""  # "local": the query for the focus nodes of given bad values


@dataclass
class Group:
    shape: Node
    checks: list[Check] = field(default_factory=list)


@dataclass(frozen=True)
class Fallback:
    shape: Node
    reason: str


@dataclass
class Plan:
    groups: list[Group]
    fallbacks: list[Fallback]
    shapes: Graph


def compile_shapes(sg: Graph, subclasses: Callable[[Node], list[Node]] | None = None) -> Plan:
    """Every top-level shape of `sg` as a group of checks, or as a fallback with its reason.

    `subclasses(C)` (every class that is rdfs:subClassOf* C in the data) lets the queries use
    plain rdf:type patterns; without it they use the property path (the same rows, slower)."""
    types = conditions.Instances(subclasses)
    groups, fallbacks = [], []
    if any(sg.triples((None, SH.rule, None))):
        reason = "SHACL rules (sh:rule) change the data before validation"
        return Plan([], [Fallback(s, reason) for s in top_level(sg)], sg)
    for shape in top_level(sg):
        try:
            groups.append(Group(shape, _group_checks(sg, shape, types)))
        except Unsupported as why:
            fallbacks.append(Fallback(shape, str(why)))
    return Plan(groups, fallbacks, sg)


def top_level(sg: Graph) -> list[Node]:
    """The shapes pyshacl starts from: those with a target (explicit or an implicit class)."""
    found = {s for t in TARGETS for s in sg.subjects(t, None)}
    classes = sparqltext.implicit_class_types(sg)
    for kind in (SH.NodeShape, SH.PropertyShape):
        found |= {s for s in sg.subjects(RDF.type, kind) if set(sg.objects(s, RDF.type)) & classes}
    return sorted((s for s in found if not _deactivated(sg, s)), key=str)


def _deactivated(sg: Graph, shape: Node) -> bool:
    value = sg.value(shape, SH.deactivated)
    return isinstance(value, Literal) and value.value is True


def _group_checks(sg: Graph, shape: Node, types: conditions.Instances) -> list[Check]:
    focus = sparqltext.focus_pattern(sg, shape, types)
    checks = list(_shape_checks(sg, shape, focus, types))
    if sg.value(shape, SH.path) is None:
        for prop in sorted(sg.objects(shape, SH.property), key=str):
            if not _deactivated(sg, prop):
                if sg.value(prop, SH.path) is None:
                    raise Unsupported(f"sh:property {prop} has no sh:path")
                checks.extend(_shape_checks(sg, prop, focus, types))
    elif any(sg.objects(shape, SH.property)):
        raise Unsupported("a property shape with its own sh:property")
    return checks


def _shape_checks(
    sg: Graph, shape: Node, focus: tuple[str, str], types: conditions.Instances
) -> list[Check]:
    unknown = {
        p for p in sg.predicates(shape, None) if str(p).startswith(str(SH)) and p not in PASSIVE
    } - set(HANDLERS)
    if unknown:
        names = ", ".join(sorted(sg.namespace_manager.normalizeUri(p) for p in unknown))
        raise Unsupported(
            f"{shape_name(sg, shape)} uses {names}, which the fast path does not compile"
        )
    path_node = sg.value(shape, SH.path)
    ctx = Context(
        sg=sg,
        shape=shape,
        path=path_node,
        severity=sg.value(shape, SH.severity) or SH.Violation,
        messages=tuple(sorted(sg.objects(shape, SH.message), key=str)),
        prologue=sparqltext.prologue(sg, shape),
        distinct=focus[0],
        focus=focus[1],
        body=focus[1] + (f" ?this {sparql_path(sg, path_node)} ?v ." if path_node else ""),
        types=types,
        val="?v" if path_node is not None else "?this",
    )
    checks: list[Check] = []
    for parameter in sorted(set(sg.predicates(shape, None)) & set(HANDLERS), key=str):
        for value in sorted(sg.objects(shape, parameter), key=str):
            checks.extend(HANDLERS[parameter](ctx, value))
    for check in checks:
        if not check.messages and check.kind != "sparql":
            raise Unsupported(
                f"{shape_name(sg, shape)} has no sh:message (pyshacl would write its own)"
            )
    return checks


def shape_name(sg: Graph, shape: Node) -> str:
    return (
        sg.namespace_manager.normalizeUri(shape) if isinstance(shape, URIRef) else "a blank shape"
    )


@dataclass(frozen=True)
class Context:
    sg: Graph
    shape: Node
    path: Node | None
    severity: URIRef
    messages: tuple[Literal, ...]
    prologue: str
    distinct: str  # binds ?this to each focus node once
    focus: str  # binds ?this to each focus node, maybe more than once
    body: str  # binds ?this (a focus node) and, for a property shape, ?v (a value node)
    val: str  # the variable holding the value node: ?v, or ?this for a node shape
    types: conditions.Instances

    def check(self, component: URIRef, kind: str, where: str, **extra) -> Check:
        select = "?this" if kind == "focus" else f"?this {self.project()}"
        if kind == "pair":
            select += " ?o"
        query = f"{self.prologue}SELECT DISTINCT {select} WHERE {{ {where} }}"
        return Check(
            self.shape, component, self.severity, self.messages, self.path, kind, query, **extra
        )

    def project(self) -> str:
        return "?v" if self.val == "?v" else "(?this AS ?v)"

    def need_path(self, what: str) -> str:
        if self.path is None:
            raise Unsupported(f"{what} on a node shape")
        return sparql_path(self.sg, self.path)


def _count(ctx: Context, value: Node, what: str) -> int:
    if not (isinstance(value, Literal) and isinstance(value.value, int)) or value.value < 0:
        raise Unsupported(f"{what} {value} is not a non-negative integer")
    return int(value.value)


def min_count(ctx: Context, value: Node) -> list[Check]:
    n, path = _count(ctx, value, "sh:minCount"), ctx.need_path("sh:minCount")
    if n == 0:
        return []
    where = sparqltext.count_below(ctx.focus, f"?this {path} ?v .", n)
    return [ctx.check(SH.MinCountConstraintComponent, "focus", where)]


def max_count(ctx: Context, value: Node) -> list[Check]:
    n, path = _count(ctx, value, "sh:maxCount"), ctx.need_path("sh:maxCount")
    where = sparqltext.count_above(ctx.focus, f"?this {path} ?v .", n)
    return [ctx.check(SH.MaxCountConstraintComponent, "focus", where)]


def class_(ctx: Context, value: Node) -> list[Check]:
    where = f"{ctx.body} MINUS {{ {ctx.types.pattern(ctx.val, value)} }}"
    return [ctx.check(SH.ClassConstraintComponent, "value", where)]


def has_value(ctx: Context, value: Node) -> list[Check]:
    term = sparql_term(value)
    if ctx.path is None:
        where = f"{ctx.focus} FILTER (!sameTerm(?this, {term}))"
    else:
        where = f"{ctx.focus} MINUS {{ ?this {ctx.need_path('')} {term} }}"
    return [ctx.check(SH.HasValueConstraintComponent, "focus", where)]


def node_kind(ctx: Context, value: Node) -> list[Check]:
    where = f"{ctx.body} FILTER (!({conditions.node_kind(value, ctx.val)}))"
    return [ctx.check(SH.NodeKindConstraintComponent, "value", where)]


def logical(component: URIRef) -> Callable[[Context, Node], list[Check]]:
    def handler(ctx: Context, value: Node) -> list[Check]:
        cond = conditions.Conditions(ctx.sg, ctx.types)
        pattern = None
        if component == SH.NodeConstraintComponent:
            pattern = cond.pattern(value, ctx.val)
        elif component == SH.OrConstraintComponent:
            pattern = cond.part(SH["or"], value, ctx.val, None, 0)
        if pattern is not None:
            where = f"{ctx.body} MINUS {{ {pattern} }}"
        else:
            where = f"{ctx.body} FILTER (!({cond.of_parameter(component, value, ctx.val)}))"
        return [ctx.check(component, "value", where)]

    return handler


def qualified(ctx: Context, value: Node) -> list[Check]:
    sg, path = ctx.sg, ctx.need_path("sh:qualifiedValueShape")
    disjoint = sg.value(ctx.shape, SH.qualifiedValueShapesDisjoint)
    if isinstance(disjoint, Literal) and disjoint.value is True:
        raise Unsupported("sh:qualifiedValueShapesDisjoint true")
    cond = conditions.Conditions(sg, ctx.types)
    inner = cond.pattern(value, "?v")
    if inner is None:
        inner = f"FILTER ({cond.conforms(value, '?v')})"
    pattern = f"?this {path} ?v . {inner}"
    checks = []
    low, high = sg.value(ctx.shape, SH.qualifiedMinCount), sg.value(ctx.shape, SH.qualifiedMaxCount)
    if low is not None and _count(ctx, low, "sh:qualifiedMinCount") > 0:
        where = sparqltext.count_below(ctx.focus, pattern, int(low.value))
        checks.append(ctx.check(SH.QualifiedMinCountConstraintComponent, "focus", where))
    if high is not None:
        where = sparqltext.count_above(ctx.focus, pattern, _count(ctx, high, "qualifiedMaxCount"))
        checks.append(ctx.check(SH.QualifiedMaxCountConstraintComponent, "focus", where))
    return checks


def local(component: URIRef, make: Callable) -> Callable[[Context, Node], list[Check]]:
    """A constraint on each value node alone, tested in Python exactly as pyshacl tests it,
    except for the values that SPARQL decides alone (see `localchecks.Local`)."""

    def handler(ctx: Context, value: Node) -> list[Check]:
        rule = make(ctx.sg, ctx.shape, value)
        checks = []
        if rule.sure_bad != "false":
            where = f"{ctx.body} FILTER ({rule.sure_bad.format(v=ctx.val)})"
            checks.append(ctx.check(component, "value", where))
        if rule.unsure != "false":
            unsure = f"{ctx.body} FILTER ({rule.unsure.format(v=ctx.val)})"
            distinct = f"{ctx.prologue}SELECT DISTINCT {ctx.project()} WHERE {{ {unsure} }}"
            pairs = ctx.check(component, "value", f"#VALUES# {ctx.body}").query
            check = ctx.check(component, "local", unsure, test=rule.test, values_query=pairs)
            checks.append(replace(check, query=distinct))
        return checks

    return handler


def less_than(component: URIRef, strict: bool) -> Callable[[Context, Node], list[Check]]:
    def handler(ctx: Context, value: Node) -> list[Check]:
        if not isinstance(value, URIRef):
            raise Unsupported("sh:lessThan whose value is not an IRI")
        unsure = localchecks.pair_unsure(strict)
        where = f"{ctx.body} ?this <{value}> ?o . FILTER ({unsure})"
        test = localchecks.less_than if strict else localchecks.less_than_or_equals
        return [ctx.check(component, "pair", where, test=test)]

    return handler


def sparql(ctx: Context, value: Node) -> list[Check]:
    if ctx.path is not None:
        raise Unsupported("a SPARQL constraint on a property shape")
    if _deactivated(ctx.sg, value):
        return []
    query, messages = sparqltext.constraint_query(ctx.sg, ctx.shape, value, ctx.distinct)
    messages = tuple(sorted(set(messages) | set(ctx.messages), key=str))
    if not messages:
        raise Unsupported("a SPARQL constraint without sh:message (pyshacl would write its own)")
    check = Check(
        ctx.shape, SH.SPARQLConstraintComponent, ctx.severity, messages, None, "sparql", query
    )
    return [check]


HANDLERS: dict[URIRef, Callable[[Context, Node], list[Check]]] = {
    SH.minCount: min_count,
    SH.maxCount: max_count,
    SH["class"]: class_,
    SH.hasValue: has_value,
    SH.nodeKind: node_kind,
    SH.node: logical(SH.NodeConstraintComponent),
    SH["or"]: logical(SH.OrConstraintComponent),
    SH["and"]: logical(SH.AndConstraintComponent),
    SH["not"]: logical(SH.NotConstraintComponent),
    SH.xone: logical(SH.XoneConstraintComponent),
    SH.qualifiedValueShape: qualified,
    SH.datatype: local(SH.DatatypeConstraintComponent, localchecks.datatype),
    SH.pattern: local(SH.PatternConstraintComponent, localchecks.pattern),
    SH.minLength: local(SH.MinLengthConstraintComponent, localchecks.min_length),
    SH.maxLength: local(SH.MaxLengthConstraintComponent, localchecks.max_length),
    SH["in"]: local(SH.InConstraintComponent, localchecks.in_list),
    SH.minInclusive: local(SH.MinInclusiveConstraintComponent, localchecks.range_check),
    SH.maxInclusive: local(SH.MaxInclusiveConstraintComponent, localchecks.range_check),
    SH.minExclusive: local(SH.MinExclusiveConstraintComponent, localchecks.range_check),
    SH.maxExclusive: local(SH.MaxExclusiveConstraintComponent, localchecks.range_check),
    SH.lessThan: less_than(SH.LessThanConstraintComponent, True),
    SH.lessThanOrEquals: less_than(SH.LessThanOrEqualsConstraintComponent, False),
    SH.sparql: sparql,
}
