"""Query evaluation inside a worker process, over an in-memory copy of the dataset.

pyoxigraph cannot be interrupted mid-query, so the server evaluates in worker processes it can
kill at the timeout (see `pool`). The dataset is written once at start as N-Quads (a built
dataset in canonical order, a `--store` in its own order: see `write_store`); each worker loads
it into an in-memory Oxigraph store, and the catalogue's answers do not depend on that order
(every GROUP_CONCAT is fed in a defined order and every ORDER BY is total). The default graph
is the union of the named graphs (as in `catalogue.run`) unless the query says `FROM`/`FROM
NAMED` or the request gives `default-graph-uri`/`named-graph-uri`: those name graphs of the
dataset. Oxigraph treats such IRIs as names of stored graphs: nothing is fetched, no file is
read.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox
from rdflib import Dataset

from .. import catalogue, dump
from .. import namespaces as ns
from ..errors import UserError
from . import results
from .limits import Limits
from .negotiate import choose

TEXT = "text/plain; charset=utf-8"
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
CHARSET = {"text/turtle", "text/csv", "text/tab-separated-values"}


@dataclass(frozen=True)
class Job:
    """One query request, as the protocol layer understood it."""

    query: str
    default_graphs: tuple[str, ...] | None = None  # the protocol's default-graph-uri
    named_graphs: tuple[str, ...] | None = None  # the protocol's named-graph-uri
    accept: str | None = None
    base_iri: str | None = None  # relative IRIs in the query resolve against the endpoint


@dataclass(frozen=True)
class Reply:
    status: int
    media_type: str
    body: bytes


def error(status: int, message: str) -> Reply:
    return Reply(status, TEXT, (message.rstrip() + "\n").encode())


def write_store(ds: Dataset | ox.Store, path: Path) -> None:
    """Write the dataset once, as N-Quads, for the workers to load: a built dataset in
    canonical order, a store (`serve --store`) in its own index order (sorting a million quads
    in Python would cost more than the rest of the start)."""
    if isinstance(ds, ox.Store):
        ds.dump(output=str(path), format=ox.RdfFormat.N_QUADS)
    else:
        dump.serialize(dump.sorted_quads(ds), "nquads", path)  # streamed, not held in memory


@lru_cache(maxsize=1024)
def inspect(text: str, allow_hosts: frozenset[str]) -> Reply | bool:
    """A 400 for a syntax error, a 403 for SERVICE to a host not allowed; else whether the
    query names its own dataset (FROM / FROM NAMED).

    rdflib's parser is slow (tens of ms); the load test repeats the catalogue's queries, so
    the verdict is cached per query text."""
    try:
        parsed = catalogue.check(text, "query", allow_hosts)
    except UserError as problem:
        status = 400 if problem.message.startswith("SPARQL syntax error") else 403
        hint = f"\nhow to fix: {problem.hint}" if problem.hint else ""
        return error(status, f"{problem.message}{hint}")
    return catalogue.names_dataset(parsed)


class Evaluator:
    """Answers jobs over the dataset in the N-Quads file at `path`; one per worker process."""

    def __init__(self, path: str, limits: Limits) -> None:
        # `write_store` wrote this file moments ago from terms Oxigraph or rdflib had already
        # checked, so it is read without checking every IRI again (`lenient`): at 1M quads
        # 4.3 s instead of 6.4 s, in every worker. Files a user gives are parsed strictly.
        self.store = ox.Store()
        self.store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS, lenient=True)
        self.limits = limits

    def evaluate(self, job: Job) -> Reply:
        verdict = inspect(job.query, self.limits.allow_hosts)
        if isinstance(verdict, Reply):
            return verdict
        try:
            dataset = self._dataset(job, verdict)
            result = self.store.query(job.query, base_iri=job.base_iri, **dataset)
        except ValueError as err:  # a default-graph-uri / named-graph-uri that is no IRI
            return error(400, f"not an IRI in default-graph-uri or named-graph-uri: {err}")
        except SyntaxError as err:
            return error(400, f"SPARQL syntax error: {err}")
        if isinstance(result, ox.QueryBoolean):
            return self._boolean(bool(result), job.accept)
        if isinstance(result, ox.QueryTriples):
            return self._triples(result, job.accept)
        return self._solutions(result, job.accept)

    @staticmethod
    def _dataset(job: Job, from_clause: bool) -> dict:
        if job.default_graphs is None and job.named_graphs is None:
            return {} if from_clause else {"use_default_graph_as_union": True}
        return {  # SPARQL 1.1 Protocol §2.1.4: these replace the dataset, FROM included
            "default_graph": [ox.NamedNode(iri) for iri in job.default_graphs or ()],
            "named_graphs": [ox.NamedNode(iri) for iri in job.named_graphs or ()],
        }

    def _capped(self, items: object) -> list | None:
        collected = []
        for item in items:  # type: ignore[attr-defined]
            collected.append(item)
            if len(collected) > self.limits.max_results:
                return None
        return collected

    def _too_many(self, what: str) -> Reply:
        return error(
            500,
            f"the answer has more than {self.limits.max_results} {what}, the server's result "
            "cap; the query was stopped.\nhow to fix: add LIMIT (and OFFSET to page), or run "
            "`treatykg serve --max-results N` with a higher cap",
        )

    def _boolean(self, value: bool, accept: str | None) -> Reply:
        media = choose(accept, list(results.BOOLEAN_WRITERS))
        if media is None:
            return not_acceptable(list(results.BOOLEAN_WRITERS))
        return Reply(200, media, results.BOOLEAN_WRITERS[media](value))

    def _solutions(self, solutions: ox.QuerySolutions, accept: str | None) -> Reply:
        media = choose(accept, list(results.SELECT_WRITERS))
        if media is None:
            return not_acceptable(list(results.SELECT_WRITERS))
        names = [v.value for v in solutions.variables]
        rows = self._capped([solution[name] for name in names] for solution in solutions)
        if rows is None:
            return self._too_many("rows")
        return Reply(200, with_charset(media), results.SELECT_WRITERS[media](names, rows))

    def _triples(self, triples: ox.QueryTriples, accept: str | None) -> Reply:
        media = choose(accept, list(RDF_FORMATS))
        if media is None:
            return not_acceptable(list(RDF_FORMATS))
        collected = self._capped(triples)
        if collected is None:
            return self._too_many("triples")
        return Reply(200, with_charset(media), serialize(collected, media))


def serialize(triples: list, media: str) -> bytes:
    """Triples in an RDF syntax; prefixes only where the syntax has them. JSON-LD is written
    expanded, with no @context to fetch."""
    fmt = RDF_FORMATS[media]
    prefixes = dict(ns.PREFIXES) if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes)  # type: ignore[return-value]


def with_charset(media: str) -> str:
    return f"{media}; charset=utf-8" if media in CHARSET else media


def not_acceptable(offers: list[str]) -> Reply:
    return error(
        406, "none of the requested media types can be given; ask for one of: " + ", ".join(offers)
    )


def _no_outbound(allow_hosts: frozenset[str]):
    """An audit hook for the worker: Python code may only connect to allowed hosts (defence in
    depth: SERVICE is refused before evaluation; rdflib never loads FROM graphs)."""

    def hook(event: str, args: tuple) -> None:
        if event == "socket.connect":
            address = args[1]
            host = address[0] if isinstance(address, tuple) else str(address)
            if host not in allow_hosts:
                raise PermissionError(f"treatykg serve: outbound connection to {host} refused")

    return hook


def serve_jobs(requests: BinaryIO, replies: BinaryIO) -> None:
    """The worker's loop: read the dataset file and limits, then answer jobs until EOF."""
    from .wire import receive, send

    path, limits = receive(requests)  # type: ignore[misc]
    sys.addaudithook(_no_outbound(limits.allow_hosts))
    evaluator = Evaluator(path, limits)
    send(replies, "ready")
    while True:
        try:
            job = receive(requests)
        except EOFError:
            return
        try:
            reply = evaluator.evaluate(job)  # type: ignore[arg-type]
        except OSError as err:
            reply = error(500, f"the store could not be read: {err}")
        send(replies, reply)
