"""Run a compiled plan on a pyoxigraph store and collect its results.

Most checks are one query each whose rows are the results. Two kinds need Python: "local"
checks fetch each distinct value node once, test it as pyshacl would, then fetch the focus nodes
of the bad values only; "pair" checks (sh:lessThan) compare each value with the focus node's
other values. A group whose evaluation meets something it cannot handle falls back whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from ..progress import OnProgress
from .plan import Check, Fallback, Group, Plan
from .results import Result, first_message, format_message, names, path_text
from .terms import NO_ORIGINALS, Originals, Unsupported

# the shape graph path_text needs for a result path that comes from the data, not a shape
NO_SHAPES = Graph()
CHUNK = 2000  # values per VALUES block when fetching the focus nodes of bad values


def run(
    plan: Plan,
    store: ox.Store,
    union: bool = False,
    back: Originals = NO_ORIGINALS,
    on_progress: OnProgress | None = None,
) -> tuple[set[Result], list[Fallback]]:
    """All results of the plan's groups; groups that failed at run time come back as fallbacks.
    `back` turns the store's terms into the rdflib terms the data had (see `Originals`);
    `on_progress(done, total)` is called after each top-level shape (total: the plan's)."""
    results: set[Result] = set()
    failed: list[Fallback] = []
    data_names = names()
    for done, group in enumerate(plan.groups, start=1):
        try:
            results |= set(_group(group, plan.shapes, Run(store, union, back), data_names))
        except Unsupported as why:
            failed.append(Fallback(group.shape, str(why)))
        if on_progress is not None:
            on_progress(done, len(plan.groups))
    return results, failed


@dataclass(frozen=True)
class Run:
    store: ox.Store
    union: bool
    back: Originals

    def query(self, text: str):
        return self.store.query(text, use_default_graph_as_union=self.union)


def _group(group: Group, sg: Graph, run: Run, data_names: Graph) -> Iterator[Result]:
    back = run.back
    for check in group.checks:
        path = path_text(sg, check.path, data_names)
        if check.kind == "sparql":
            yield from _sparql(check, run, data_names)
            continue
        message = first_message(check.messages)
        for focus, value in _rows(check, run):
            yield Result(
                back(focus),
                path,
                None if value is None else back(value),
                check.component,
                check.severity,
                check.shape,
                message,
            )


def _rows(check: Check, run: Run) -> Iterator[tuple]:
    """(focus, value or None) for each result of a non-SPARQL check."""
    query, back = run.query(check.query), run.back
    if check.kind == "focus":
        yield from ((row[0], None) for row in query)
    elif check.kind == "value":
        yield from ((row[0], row[1]) for row in query)
    elif check.kind == "pair":
        bad = set()
        for this, v, other in query:
            if (this, v) not in bad and check.test(back(v), back(other)):
                bad.add((this, v))
        yield from bad
    else:
        bad_values = [row[0] for row in query if check.test(back(row[0]))]
        yield from _focus_of(check, run, bad_values)


def _focus_of(check: Check, run: Run, bad_values: list) -> Iterator[tuple]:
    """The (focus, value) pairs of a local check whose value is one of `bad_values`."""
    if not bad_values:
        return
    var = "?this" if check.path is None else "?v"
    blanks = {v for v in bad_values if isinstance(v, ox.BlankNode)}
    named = [v for v in bad_values if not isinstance(v, ox.BlankNode)]
    for start in range(0, len(named), CHUNK):
        block = " ".join(str(v) for v in named[start : start + CHUNK])
        text = check.values_query.replace("#VALUES#", f"VALUES {var} {{ {block} }}")
        yield from ((row[0], row[1]) for row in run.query(text))
    if blanks:
        for row in run.query(check.values_query.replace("#VALUES#", "")):
            if row[1] in blanks:
                yield row[0], row[1]


def _sparql(check: Check, run: Run, data_names: Graph) -> Iterator[Result]:
    solutions = run.query(check.query)
    variables = [v.value for v in solutions.variables]
    back = run.back
    for row in solutions:
        bound = {
            name: back(row[i])
            for i, name in enumerate(variables)
            if row[i] is not None and name not in ("this", "path", "value", "failure")
        }
        focus = back(row["this"])
        path = back(row["path"]) if "path" in variables and row["path"] is not None else None
        value = back(row["value"]) if "value" in variables and row["value"] is not None else None
        value = value if value is not None else focus
        for name, term in (("this", focus), ("path", path), ("value", value)):
            if term is not None:
                bound[name] = term
        yield Result(
            focus,
            path_text(NO_SHAPES, path, data_names) if path is not None else "",
            value,
            check.component,
            check.severity,
            check.shape,
            first_message(format_message(m, bound) for m in check.messages),
        )
