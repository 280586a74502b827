"""Fast SHACL validation: the project's shapes compiled to SPARQL and run on pyoxigraph.

pyshacl stays the reference: every shape this package does not compile exactly is validated by
pyshacl on the same data (`validate()` reports which, and why), and tests/test_fastshacl.py
checks that both engines give the same results. See docs/validation.md.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import RDFS

from ..progress import OnProgress
from . import reference
from .evaluate import run
from .plan import Fallback, Plan, compile_shapes
from .results import Result
from .terms import NO_ORIGINALS, Originals, load, store_of, to_rdflib

__all__ = [
    "Fallback",
    "Outcome",
    "Plan",
    "Result",
    "compile_shapes",
    "load",
    "store_of",
    "validate",
]


def subclasses(store: ox.Store, union: bool):
    """`C` -> every class that is rdfs:subClassOf* C in the store (C included)."""

    def find(cls) -> list:
        query = f"SELECT DISTINCT ?c WHERE {{ ?c <{RDFS.subClassOf}>* <{cls}> }}"
        rows = store.query(query, use_default_graph_as_union=union)
        return [to_rdflib(row[0]) for row in rows] + [cls]

    return find


@dataclass(frozen=True)
class Outcome:
    results: frozenset[Result]
    fallbacks: tuple[Fallback, ...]  # top-level shapes that pyshacl validated, with why


def validate(
    store: ox.Store,
    shapes: Graph,
    data=None,
    union: bool = False,
    back: Originals = NO_ORIGINALS,
    on_progress: OnProgress | None = None,
) -> Outcome:
    """Validate the triples of `store` (its default graph, or with `union` all its graphs).

    `data` is a callable returning the same triples as an rdflib Graph; it is called only if
    some shape falls back to pyshacl (building it is the slow part at scale). `back` maps the
    store's literals to the data's own (`terms.load` gives it). `on_progress(done, total)` is
    called after each top-level shape the fast path evaluates.
    """
    plan = compile_shapes(shapes, subclasses(store, union))
    if back.clash:
        reason = f"the data has literals the store cannot keep apart ({back.clash})"
        plan = Plan([], [Fallback(g.shape, reason) for g in plan.groups] + plan.fallbacks, shapes)
    results, failed = run(plan, store, union, back, on_progress)
    fallbacks = tuple(plan.fallbacks) + tuple(failed)
    if fallbacks:
        if data is None:
            raise ValueError("some shapes fall back to pyshacl, which needs the data as rdflib")
        keep = {f.shape for f in fallbacks}
        results |= {r for r in reference.run(data(), reference.only(shapes, keep))}
    return Outcome(frozenset(results), fallbacks)
