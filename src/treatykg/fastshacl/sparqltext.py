"""The SPARQL text of the checks: focus nodes of a shape, counts, and SHACL-SPARQL constraints.

pyshacl runs a SPARQL constraint once per focus node with $this pre-bound. Here it runs once
for all focus nodes: the focus-node pattern is joined in at the start of the WHERE clause. That
gives the same rows only for queries whose meaning does not depend on running alone, so queries
with sub-queries, LIMIT/OFFSET, VALUES, SERVICE or aggregates not grouped by $this fall back.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

from .. import namespaces as ns
from .conditions import Instances
from .terms import Unsupported, sparql_term

AGGREGATE = re.compile(r"\b(COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT)\s*\(|\bGROUP\s+BY\b", re.I)
GROUP_BY_THIS = re.compile(r"\bGROUP\s+BY\b[^{}]*?[?$]this\b", re.I)
REFUSED = {
    "a sub-query": re.compile(r"\bSELECT\b", re.I),
    "LIMIT or OFFSET": re.compile(r"\b(LIMIT|OFFSET)\b", re.I),
    "VALUES": re.compile(r"\bVALUES\b", re.I),
    "SERVICE": re.compile(r"\bSERVICE\b", re.I),
    "BOUND($this)": re.compile(r"\bBOUND\s*\(\s*[?$]this\b", re.I),
    "$PATH, $shapesGraph or $currentShape": re.compile(
        r"[?$](PATH|shapesGraph|currentShape)\b", re.I
    ),
    "?failure": re.compile(r"[?$]failure\b", re.I),
    "its own PREFIX or BASE": re.compile(r"^\s*(PREFIX|BASE)\b", re.I | re.M),
}


def bindings(sg: Graph, *nodes: Node) -> dict[str, str]:
    """The prefixes a pyshacl query sees: the data graph's (rdflib's defaults and the project's)
    overridden by the sh:declare of each node's sh:prefixes."""
    found = {prefix: str(iri) for prefix, iri in Graph().namespaces()}
    found.update(ns.PREFIXES)
    for node in nodes:
        for holder in sg.objects(node, SH.prefixes):
            for declaration in sg.objects(holder, SH.declare):
                prefix, iri = sg.value(declaration, SH.prefix), sg.value(declaration, SH.namespace)
                if prefix is not None and iri is not None:
                    found[str(prefix)] = str(iri)
    return found


def prologue(sg: Graph, *nodes: Node) -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(bindings(sg, *nodes).items()))


def focus_pattern(sg: Graph, shape: Node, types: Instances) -> tuple[str, str]:
    """Group patterns binding ?this to each focus node of `shape`: once (a DISTINCT sub-query,
    for SHACL-SPARQL constraints, whose aggregates count rows), and inline (possibly more than
    once, for the compiled checks, which all ask for distinct rows or count distinct values)."""
    branches = []
    nodes = sorted(sg.objects(shape, SH.targetNode), key=str)
    if nodes:
        branches.append("VALUES ?this { " + " ".join(sparql_term(n) for n in nodes) + " }")
    classes = set(sg.objects(shape, SH.targetClass))
    if set(sg.objects(shape, RDF.type)) & implicit_class_types(sg):
        classes.add(shape)
    branches += [types.pattern("?this", c) for c in sorted(classes, key=str)]
    for p in sorted(sg.objects(shape, SH.targetSubjectsOf), key=str):
        branches.append(f"?this {sparql_term(p)} ?target_o .")
    for p in sorted(sg.objects(shape, SH.targetObjectsOf), key=str):
        branches.append(f"?target_s {sparql_term(p)} ?this .")
    for target in sorted(sg.objects(shape, SH.target), key=str):
        branches.append(sparql_target(sg, target))
    if not branches:
        raise Unsupported("a shape without targets")
    union = " UNION ".join("{ " + b + " }" for b in branches)
    inline = branches[0] if len(branches) == 1 else union
    return f"{{ SELECT DISTINCT ?this WHERE {{ {union} }} }}", inline


def implicit_class_types(sg: Graph) -> set[Node]:
    """Types that make a shape its own target class (as pyshacl reads them: rdfs:Class and
    its direct subclasses in the shapes graph)."""
    return set(sg.subjects(RDFS.subClassOf, RDFS.Class)) | {RDFS.Class}


def sparql_target(sg: Graph, target: Node) -> str:
    select = sg.value(target, SH.select)
    if (target, RDF.type, SH.SPARQLTarget) not in sg or select is None:
        raise Unsupported("a custom target that is not a sh:SPARQLTarget with sh:select")
    text = str(select)
    if REFUSED["its own PREFIX or BASE"].search(text) or REFUSED["SERVICE"].search(text):
        raise Unsupported("a SPARQL target with its own PREFIX, BASE or SERVICE")
    return "{ " + text + " }"


def target_nodes(sg: Graph, shape: Node) -> list[Node]:
    return [t for t in sg.objects(shape, SH.target)]


def count_below(focus: str, pattern: str, n: int) -> str:
    """Focus nodes with fewer than `n` distinct ?v matching `pattern` (which uses ?this, ?v)."""
    if n == 1:
        # MINUS, not FILTER NOT EXISTS: the same rows here (the pattern shares only ?this, which
        # is always bound), and Oxigraph runs it as one anti-join instead of a probe per row
        return f"{focus} MINUS {{ {pattern} }}"
    return (
        f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?count) WHERE {{ {focus} "
        f"OPTIONAL {{ {pattern} }} }} GROUP BY ?this }} FILTER (?count < {n})"
    )


def count_above(focus: str, pattern: str, n: int) -> str:
    return (
        f"{{ SELECT ?this (COUNT(DISTINCT ?v) AS ?count) WHERE {{ {focus} {pattern} }}"
        f" GROUP BY ?this }} FILTER (?count > {n})"
    )


def constraint_query(sg: Graph, shape: Node, constraint: Node, focus: str) -> tuple[str, list]:
    """The constraint's SELECT with the focus nodes joined in, and its messages."""
    select = sg.value(constraint, SH.select)
    if select is None:
        raise Unsupported("a SPARQL constraint without sh:select")
    text = str(select)
    head, where, body = _split(text)
    for reason, pattern in REFUSED.items():
        if pattern.search(body) or (reason != "a sub-query" and pattern.search(head)):
            raise Unsupported(f"a SPARQL constraint with {reason}")
    if any(rdflib_differs(block) for block in exists_blocks(body)):
        raise Unsupported(EXISTS_REASON)
    if AGGREGATE.search(text) and not GROUP_BY_THIS.search(text):
        raise Unsupported("a SPARQL constraint with aggregates not grouped by $this")
    if not re.search(r"[?$]this\b|\*", head):
        raise Unsupported("a SPARQL constraint that does not select $this")
    messages = [m for m in sg.objects(constraint, SH.message) if isinstance(m, Literal)]
    nodes = (constraint, *target_nodes(sg, shape))
    return f"{prologue(sg, *nodes)}{head}{where} {focus} {body}", messages


EXISTS_REASON = (
    "a SPARQL constraint with BIND, or FILTER in a nested group, inside EXISTS or NOT EXISTS"
)


def rdflib_differs(block: str) -> bool:
    """Whether rdflib (pyshacl's engine) may answer this EXISTS group differently from
    Oxigraph: rdflib evaluates a BIND, and a FILTER inside a nested group ({…}, UNION,
    OPTIONAL), without the outer solution's bindings; SPARQL 1.1 and Oxigraph substitute them."""
    if re.search(r"\bBIND\b", block, re.I):
        return True
    return any(re.search(r"\bFILTER\b", inner, re.I) for inner in groups_in(block))


def groups_in(text: str) -> list[str]:
    """The text of each `{ … }` group inside `text` (nested ones included)."""
    found = []
    for start, char in enumerate(text):
        if char == "{":
            depth, end = 1, start + 1
            while depth and end < len(text):
                depth += {"{": 1, "}": -1}.get(text[end], 0)
                end += 1
            found.append(text[start + 1 : end])
    return found


def exists_blocks(text: str) -> list[str]:
    """The text of each `EXISTS { … }` group (nested ones included)."""
    blocks = []
    for match in re.finditer(r"\bEXISTS\s*\{", text, re.I):
        depth, end = 1, match.end()
        while depth and end < len(text):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        blocks.append(text[match.end() : end])
    return blocks


def _split(text: str) -> tuple[str, str, str]:
    """(the SELECT clause, 'WHERE {', the rest) of a constraint's query."""
    match = re.search(r"\bWHERE\s*\{", text, re.I)
    if match is None:
        raise Unsupported("a SPARQL constraint without WHERE {")
    return text[: match.start()], match.group(0), text[match.end() :]
