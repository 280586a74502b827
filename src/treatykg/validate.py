"""Check a dataset against the SHACL shapes and report each problem where it was written.

pyshacl checks each named graph of a Dataset on its own, which would hide every link that
crosses graphs (a claim's provenance and its source's date live in different graphs); so the
union of all named graphs is checked, and each result is traced back to the named graph, and
from there to the file and line, that the offending node came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, SKOS
from rdflib.term import Node

from . import dataset, paths
from . import namespaces as ns
from .namespaces import NP, TKG

SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@dataclass(frozen=True)
class Problem:
    severity: str
    focus: Node
    focus_label: str
    path: str
    message: str
    value: str
    shape: Node
    where: str


@dataclass(frozen=True)
class Report:
    conforms: bool
    problems: tuple[Problem, ...]

    def count(self, severity: str) -> int:
        return sum(1 for p in self.problems if p.severity == severity)


def union(ds: Dataset) -> Graph:
    """All named graphs' triples in one plain graph, for shapes that look across graphs."""
    g = Graph()
    for prefix, iri in ns.PREFIXES.items():
        g.bind(prefix, iri, replace=True)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def load_shapes(root: Path | str | None = None) -> Graph:
    shapes = Graph()
    dataset.parse_rdf(paths.find(root).shapes, shapes, "turtle")
    return shapes


def validate(
    ds: Dataset,
    shapes: Graph | None = None,
    root: Path | str | None = None,
    files: dict[Node, Path] | None = None,
) -> Report:
    """Validate `ds` (its union) against the shapes. Conforms unless a Violation is found."""
    data = union(ds)
    _, results, _ = shacl_validate(
        data,
        shacl_graph=shapes if shapes is not None else load_shapes(root),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    locator = Locator(ds, root, files)
    report = results.value(predicate=RDF.type, object=SH.ValidationReport, any=False)
    problems = sorted(
        # only the report's own results: nested ones (sh:detail of a failed sh:node) repeat them
        {_problem(results, r, data, locator) for r in results.objects(report, SH.result)},
        key=lambda p: (p.severity != "violation", p.where, str(p.focus), p.path, str(p.shape)),
    )
    return Report(not any(p.severity == "violation" for p in problems), tuple(problems))


def _problem(results: Graph, r: Node, data: Graph, locator: Locator) -> Problem:
    focus = results.value(r, SH.focusNode)
    path = results.value(r, SH.resultPath)
    value = results.value(r, SH.value)
    return Problem(
        severity=SEVERITY.get(results.value(r, SH.resultSeverity), "violation"),
        focus=focus,
        focus_label=label(data, focus),
        path=_path_text(results, path, data),
        message=str(results.value(r, SH.resultMessage) or ""),
        value=label(data, value) if value is not None else "",
        shape=results.value(r, SH.sourceShape),
        where=locator.where(focus),
    )


def _path_text(results: Graph, path: Node | None, data: Graph) -> str:
    if path is None:
        return ""
    if isinstance(path, URIRef):
        return data.namespace_manager.normalizeUri(path)
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return "^" + data.namespace_manager.normalizeUri(inverse)
    items = list(results.items(path))
    return "/".join(data.namespace_manager.normalizeUri(i) for i in items) if items else str(path)


def label(g: Graph, node: Node | None) -> str:
    """A node's label if it has one, else its compact IRI, for humans."""
    if node is None:
        return ""
    if isinstance(node, Literal):
        return str(node)
    for prop in (RDFS.label, SKOS.prefLabel):
        value = g.value(node, prop)
        if value is not None:
            return str(value)
    return compact(node)


def label_text(node: Node | None) -> str:
    """A term as a table cell: a literal's text, a compact IRI, or nothing."""
    if node is None:
        return ""
    return str(node) if isinstance(node, Literal) else compact(node)


def compact(node: Node) -> str:
    """An IRI shortened by the longest of the project's prefixes that it starts with."""
    text = str(node)
    best = max((iri for iri in ns.PREFIXES.values() if text.startswith(iri)), key=len, default="")
    if not best:
        return f"<{text}>" if isinstance(node, URIRef) else text
    prefix = next(p for p, iri in ns.PREFIXES.items() if iri == best)
    return f"{prefix}:{text[len(best) :]}"


class Locator:
    """Find the file (and line, where known) that a node's statements were written in."""

    def __init__(self, ds: Dataset, root: Path | str | None = None, files: dict | None = None):
        self.ds = ds
        self.files = files or {}
        try:
            self.project = paths.find(root)
        except Exception:
            self.project = None

    def where(self, node: Node | None) -> str:
        if node is None:
            return ""
        graphs = {
            g.identifier if isinstance(g, Graph) else g
            for *_, g in self.ds.quads((node, None, None, None))
        }
        for graph in sorted(graphs, key=str):
            found = self._graph_location(graph, node)
            if found:
                return found
        return ""

    def _graph_location(self, graph: Node, node: Node) -> str:
        if graph in self.files:
            return _line_in_file(self.files[graph], node)
        text = str(graph)
        if text.startswith(str(ns.ID["np/"])) or text.startswith(str(ns.ID["claim/"])):
            return self._authoring(graph)
        if text.startswith(str(ns.GRAPH["entities/"])) and self.project:
            name = f"graph/entities/{text.rsplit('/', 1)[1]}.ttl"
            found = _line_in_file(self.project.root / name, node)
            return found.replace(str(self.project.root / name), name)
        return ""

    def _authoring(self, graph: Node) -> str:
        head = self.ds.value(None, NP.hasAssertion, graph)
        for prop in (NP.hasProvenance, NP.hasPublicationInfo):
            head = head or self.ds.value(None, prop, graph)
        if head is None:
            return ""
        file, line = self.ds.value(head, TKG.authoringFile), self.ds.value(head, TKG.authoringLine)
        if file is None:
            return ""
        return f"graph/{file}:{line}" if line is not None else f"graph/{file}"


def _line_in_file(path: Path, node: Node) -> str:
    """The first line of `path` that mentions `node` (by full IRI or by its last segment)."""
    if not path.is_file():
        return str(path)
    iri = str(node)
    local = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if iri in line or (local and f":{local}" in line):
            return f"{path}:{number}"
    return str(path)
