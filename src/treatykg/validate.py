"""Check a dataset against the SHACL shapes and report each problem where it was written.

pyshacl checks each named graph of a Dataset on its own, which would hide every link that
crosses graphs (a claim's provenance and its source's date live in different graphs); so the
union of all named graphs is checked, and each result is traced back to the named graph, and
from there to the file and line, that the offending node came from.

Two engines give the same results: the fast path (`fastshacl`: the shapes compiled to SPARQL on
pyoxigraph, seconds at a million triples) and pyshacl, the reference (minutes at that size).
`engine="auto"` (the default) uses the fast path and lets pyshacl validate only the shapes the
fast path does not compile, saying which; `TREATYKG_SHACL_ENGINE=pyshacl` forces the reference.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH, SKOS
from rdflib.term import Node

from . import dataset, fastshacl, paths
from . import namespaces as ns
from .errors import UserError
from .fastshacl import reference
from .fastshacl.results import Result
from .fastshacl.terms import graph_of, to_ox, to_rdflib
from .namespaces import NP, TKG
from .progress import OnProgress

SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}
ENGINES = ("auto", "fast", "pyshacl")
ENGINE_VARIABLE = "TREATYKG_SHACL_ENGINE"
log = logging.getLogger(__name__)


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
    engine: str = "pyshacl"
    # top-level shapes the fast path left to pyshacl, each as "shape: why"
    fallbacks: tuple[str, ...] = ()

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
    ds: Dataset | ox.Store,
    shapes: Graph | None = None,
    root: Path | str | None = None,
    files: dict[Node, Path] | None = None,
    engine: str | None = None,
    on_progress: OnProgress | None = None,
) -> Report:
    """Validate `ds` (its union) against the shapes. Conforms unless a Violation is found.

    `ds` is an rdflib Dataset or a pyoxigraph Store (all its graphs are read). `engine`:
    "auto" (default, or $TREATYKG_SHACL_ENGINE): the fast path, with pyshacl for what it does
    not cover; "fast": the fast path only (an error if any shape would fall back); "pyshacl".
    `on_progress(done, total)` follows the fast path's top-level shapes.
    """
    shapes = shapes if shapes is not None else load_shapes(root)
    view = _View(ds)
    engine = _engine(engine)
    found, fallbacks = _results(view, shapes, engine, on_progress)
    made = report(view, found, root, files)
    return Report(
        made.conforms, made.problems, "pyshacl" if engine == "pyshacl" else "fast", fallbacks
    )


def report(
    ds: Dataset | ox.Store | _View,
    found: set[Result],
    root: Path | str | None = None,
    files: dict[Node, Path] | None = None,
) -> Report:
    """Results (of either engine) as the report the CLI prints: labelled, located, sorted."""
    view = ds if isinstance(ds, _View) else _View(ds)
    locator = Locator(view, root, files)
    problems = sorted(
        {_problem(r, view, locator) for r in found},
        key=lambda p: (
            p.severity != "violation",
            p.where,
            str(p.focus),
            p.path,
            str(p.shape),
            p.message,
            p.value,
        ),
    )
    return Report(not any(p.severity == "violation" for p in problems), tuple(problems))


def results(
    ds: Dataset | ox.Store, shapes: Graph, engine: str | None = None
) -> tuple[set[Result], tuple[str, ...]]:
    """The raw results of one engine, and the shapes that fell back to pyshacl (with why):
    what the differential test compares."""
    return _results(_View(ds), shapes, _engine(engine))


def _engine(engine: str | None) -> str:
    engine = engine or os.environ.get(ENGINE_VARIABLE) or "auto"
    if engine not in ENGINES:
        raise UserError(
            f"unknown SHACL engine {engine!r}",
            hint=f"use one of {', '.join(ENGINES)} (argument or ${ENGINE_VARIABLE})",
        )
    return engine


def _results(
    view: _View, shapes: Graph, engine: str, on_progress: OnProgress | None = None
) -> tuple[set[Result], tuple[str, ...]]:
    if engine == "pyshacl":
        return reference.run(view.graph(), shapes), ()
    return _fast(view, shapes, engine == "fast", on_progress)


def _fast(
    view: _View, shapes: Graph, strict: bool, on_progress: OnProgress | None = None
) -> tuple[set[Result], tuple[str, ...]]:
    if strict:
        plan = fastshacl.compile_shapes(shapes)
        if plan.fallbacks:
            raise UserError(
                "the fast SHACL engine does not cover every shape: "
                + "; ".join(_why(shapes, f) for f in plan.fallbacks),
                hint='use engine "auto" (pyshacl validates those shapes) or "pyshacl"',
            )
    store = view.store()
    outcome = fastshacl.validate(
        store, shapes, data=view.graph, union=view.is_store, back=view.back, on_progress=on_progress
    )
    notes = tuple(_why(shapes, f) for f in outcome.fallbacks)
    if notes:
        if strict:
            raise UserError("the fast SHACL engine could not finish: " + "; ".join(notes))
        log.warning(
            "SHACL: %d shape(s) validated by pyshacl, not the fast path: %s",
            len(notes),
            "; ".join(notes),
        )
    return set(outcome.results), notes


def _why(shapes: Graph, fallback: fastshacl.Fallback) -> str:
    name = compact(fallback.shape) if isinstance(fallback.shape, URIRef) else str(fallback.shape)
    for prefix, iri in shapes.namespaces():
        if isinstance(fallback.shape, URIRef) and str(fallback.shape).startswith(str(iri)):
            name = f"{prefix}:{str(fallback.shape)[len(str(iri)) :]}" if prefix else name
            break
    return f"{name}: {fallback.reason}"


class _View:
    """The data as both engines and the report need it: an rdflib Dataset or a pyoxigraph
    Store, each turned into the other only when (and once) something asks for it."""

    def __init__(self, ds: Dataset | ox.Store):
        inner = getattr(getattr(ds, "store", None), "_inner", None)  # an oxrdflib Dataset
        self.ds = ds if isinstance(ds, Dataset) else None
        self.is_store = isinstance(ds, ox.Store) or isinstance(inner, ox.Store)
        self._store = ds if isinstance(ds, ox.Store) else inner if self.is_store else None
        self._graph: Graph | None = None
        self.back = fastshacl.terms.NO_ORIGINALS

    def store(self) -> ox.Store:
        if self._store is None:
            self._store, self.back = fastshacl.load(self.ds)
        return self._store

    def graph(self) -> Graph:
        if self._graph is None:
            if self.ds is not None and not self.is_store:
                self._graph = union(self.ds)
            else:
                self._graph = graph_of(self.store(), ns.PREFIXES)
        return self._graph

    def objects(self, s: Node, p: Node) -> list[Node]:
        if self.ds is not None and not self.is_store:
            return list(self.ds.objects(s, p))
        return [
            to_rdflib(q.object) for q in self.store().quads_for_pattern(to_ox(s), to_ox(p), None)
        ]

    def subjects(self, p: Node, o: Node) -> list[Node]:
        if self.ds is not None and not self.is_store:
            return list(self.ds.subjects(p, o))
        quads = self.store().quads_for_pattern(None, to_ox(p), to_ox(o))
        return [to_rdflib(q.subject) for q in quads]

    def graphs_of(self, node: Node) -> set[Node]:
        if self.ds is not None and not self.is_store:
            return {
                g.identifier if isinstance(g, Graph) else g
                for *_, g in self.ds.quads((node, None, None, None))
            }
        quads = self.store().quads_for_pattern(to_ox(node), None, None)
        return {
            to_rdflib(q.graph_name) for q in quads if not isinstance(q.graph_name, ox.DefaultGraph)
        }


def _problem(r: Result, view: _View, locator: Locator) -> Problem:
    return Problem(
        severity=SEVERITY.get(r.severity, "violation"),
        focus=r.focus,
        focus_label=_label(view, r.focus),
        path=r.path,
        message=r.message,
        value=_label(view, r.value) if r.value is not None else "",
        shape=r.shape,
        where=locator.where(r.focus),
    )


def _label(view: _View, node: Node | None) -> str:
    """A node's label (rdfs:label, else skos:prefLabel; the least of several, so that the
    report is deterministic), else its compact IRI, for humans."""
    if node is None or isinstance(node, Literal):
        return "" if node is None else str(node)
    for prop in (RDFS.label, SKOS.prefLabel):
        values = sorted(str(v) for v in view.objects(node, prop))
        if values:
            return values[0]
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

    def __init__(
        self,
        ds: Dataset | ox.Store | _View,
        root: Path | str | None = None,
        files: dict | None = None,
    ):
        self.view = ds if isinstance(ds, _View) else _View(ds)
        self.files = files or {}
        try:
            self.project = paths.find(root)
        except Exception:
            self.project = None

    def where(self, node: Node | None) -> str:
        if node is None:
            return ""
        for graph in sorted(self.view.graphs_of(node), key=str):
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
        heads: list[Node] = []
        for prop in (NP.hasAssertion, NP.hasProvenance, NP.hasPublicationInfo):
            heads = heads or sorted(self.view.subjects(prop, graph), key=str)
        if not heads:
            return ""
        file = _first(self.view.objects(heads[0], TKG.authoringFile))
        line = _first(self.view.objects(heads[0], TKG.authoringLine))
        if file is None:
            return ""
        return f"graph/{file}:{line}" if line is not None else f"graph/{file}"


def _first(values: list[Node]) -> Node | None:
    return min(values, key=str) if values else None


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
