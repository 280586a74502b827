"""Add one source to a built store, re-checking only what that source touches.

Rebuilding a million-triple graph to add one news article would take minutes; but a claim
file only adds new named graphs (its source's description, its claims' nanopublications and
first assessments) whose nodes point at a few existing ones (actors, agreements, provisions,
concepts). So the file is compiled on its own, against terms looked up in the store, and the
shapes are checked on a neighbourhood: the new quads, everything the store says about each
existing node they mention, and the vocabulary (for class hierarchies). Only results whose
focus node the new file defines are kept; `tests/test_incremental.py` shows they are exactly
the results a full validation reports for that file. The quads are inserted only if they
conform, in one transaction: a refused source leaves the store as it was.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.namespace import SKOS

from . import catalogue, compile, dump, paths, reconcile, store, validate
from . import namespaces as ns
from .dataset import new_dataset
from .errors import UserError
from .progress import OnProgress, Steps
from .terms import Terms


class StoreSubjects:
    """The set of subjects of a store, looked up on demand instead of loaded whole."""

    def __init__(self, db: ox.Store) -> None:
        self.db = db
        self.added: set[URIRef] = set()

    def __contains__(self, iri: object) -> bool:
        if iri in self.added:
            return True
        found = self.db.quads_for_pattern(ox.NamedNode(str(iri)), None, None)
        return next(iter(found), None) is not None

    def __iter__(self) -> Iterator[URIRef]:  # only for the hint of an error message
        result = self.db.query("SELECT DISTINCT ?s { GRAPH ?g { ?s ?p ?o } FILTER isIRI(?s) }")
        yield from (URIRef(row["s"].value) for row in result)
        yield from self.added

    def add(self, iri: URIRef) -> None:
        self.added.add(iri)

    def update(self, iris: object) -> None:
        self.added.update(iris)  # type: ignore[arg-type]


def store_terms(db: ox.Store) -> Terms:
    """The terms a claim file may use, read from the store's vocabulary and entities."""
    terms = Terms(subjects=StoreSubjects(db))  # type: ignore[arg-type]
    rows = db.query(
        f"SELECT ?c ?scheme ?notation {{ GRAPH <{ns.VOCABULARY_GRAPH}> {{"
        f" ?c a <{SKOS.Concept}> ; <{SKOS.inScheme}> ?scheme ; <{SKOS.notation}> ?notation }} }}"
    )
    for row in rows:
        name = row["scheme"].value.removeprefix(str(ns.SCHEME))
        terms.concepts.setdefault(name, {})[row["notation"].value] = URIRef(row["c"].value)
    return terms


@dataclass(frozen=True)
class Added:
    quads: int
    graphs: int
    report: validate.Report
    rows: tuple[reconcile.Row, ...]
    inserted: bool


def add(
    directory: Path,
    claim_file: Path,
    root: Path | str | None = None,
    on_progress: OnProgress | None = None,
) -> Added:
    """Compile `claim_file`, check what it touches, and insert it into the store if it conforms.

    The checking reads a read-only handle, which takes no lock; the store is opened for
    writing only for the insert, so a handle that rdflib's reference cycles keep alive can
    never lock out the next writer. `on_progress(done, total)` follows its five phases:
    compile, gather the neighbourhood, validate, reconcile, insert."""
    project = paths.find(root)
    steps = Steps(5, on_progress)
    added, quads = _check(store.open_store(directory), claim_file, project, steps)
    if added.inserted:
        _insert(directory, quads)
    steps.done()
    return added


def _insert(directory: Path, quads: list[ox.Quad]) -> None:
    db = store.open_store(directory, writable=True)
    db.extend(quads)  # one transaction: all of the file or nothing
    db.flush()
    del db
    gc.collect()


def _check(
    db: ox.Store, claim_file: Path, project: paths.Project, steps: Steps
) -> tuple[Added, list]:
    new = new_dataset()
    terms = store_terms(db)
    claims = compile.compile_file(claim_file, project.graph, terms, new, {})
    quads = dump.sorted_quads(new)
    steps.done()
    graphs = {q.graph_name for q in quads}
    clash = sorted(g.value for g in graphs if db.contains_named_graph(g))
    if clash:
        raise UserError(
            f"the store already holds {len(clash)} of this file's graphs (e.g. <{clash[0]}>)",
            claim_file,
            hint="a source is added once; to change it, edit the file and rebuild the store",
        )
    hood = neighbourhood(db, new)
    steps.done()
    new_nodes = {s for s, *_ in new.quads((None, None, None, None))}
    report = validate.validate(hood, root=project.root)
    steps.done()
    problems = tuple(p for p in report.problems if p.focus in new_nodes)
    report = validate.Report(not any(p.severity == "violation" for p in problems), problems)
    mine = {str(c) for c in claims}
    rows = tuple(r for r in reconcile.rows(hood) if r.claim in mine)
    steps.done()
    return Added(len(quads), len(graphs), report, rows, report.conforms), quads


def neighbourhood(db: ox.Store, new: Dataset) -> Dataset:
    """The new quads, the store's quads about every existing node they mention, and the
    vocabulary — everything the shapes and the reconcile queries read about the new nodes."""
    hood = new_dataset()
    for quad in new.quads((None, None, None, None)):
        hood.add(quad)
    mentioned = {
        term
        for s, p, o, _ in new.quads((None, None, None, None))
        for term in (s, o, p)
        if isinstance(term, URIRef)
    }
    subjects = {s for s, *_ in new.quads((None, None, None, None))}
    vocabulary = ox.NamedNode(str(ns.VOCABULARY_GRAPH))
    wanted = [ox.NamedNode(str(t)) for t in sorted(mentioned - subjects)]
    seen: set[ox.Quad] = set()
    for quad in db.quads_for_pattern(None, None, None, vocabulary):
        seen.add(quad)
    for node in wanted:
        seen.update(db.quads_for_pattern(node, None, None))
    for quad in seen:
        s, p, o = (catalogue.to_rdflib(t) for t in (quad.subject, quad.predicate, quad.object))
        hood.add((s, p, o, URIRef(quad.graph_name.value)))
    return hood
