"""pyshacl, the reference engine: its results as `Result`s, for validate.py and for the
differential test. Run exactly as validate.py always ran it: on the union of the named graphs,
no inference, SHACL Advanced Features on, warnings allowed."""

from __future__ import annotations

from pyshacl import validate as shacl_validate
from rdflib import Graph
from rdflib.namespace import RDF, SH

from .results import Result, first_message, names, path_text


def run(data: Graph, shapes: Graph) -> set[Result]:
    _, report_graph, _ = shacl_validate(
        data,
        shacl_graph=shapes,
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return results_of(report_graph)


def results_of(g: Graph) -> set[Result]:
    """The report's own results (not the nested sh:detail ones, which repeat them)."""
    report = g.value(predicate=RDF.type, object=SH.ValidationReport, any=False)
    data_names = names()
    found = set()
    for r in g.objects(report, SH.result):
        found.add(
            Result(
                focus=g.value(r, SH.focusNode),
                path=path_text(g, g.value(r, SH.resultPath), data_names),
                value=g.value(r, SH.value),
                component=g.value(r, SH.sourceConstraintComponent),
                severity=g.value(r, SH.resultSeverity) or SH.Violation,
                shape=g.value(r, SH.sourceShape),
                message=first_message(g.objects(r, SH.resultMessage)),
            )
        )
    return found


def only(shapes: Graph, keep: set) -> Graph:
    """A copy of `shapes` in which only the top-level shapes in `keep` have targets, so that
    pyshacl validates those and nothing else (helper shapes stay, for sh:node and the like)."""
    from .plan import TARGETS, top_level

    copy = Graph()
    for prefix, iri in shapes.namespaces():
        copy.bind(prefix, iri, replace=True)
    dropped = {s for s in top_level(shapes) if s not in keep}
    for s, p, o in shapes:
        if s in dropped and p in TARGETS:
            continue
        if s in dropped and p == RDF.type and o not in (SH.NodeShape, SH.PropertyShape):
            continue  # an implicit class target
        copy.add((s, p, o))
    return copy
