"""Publish the dataset to a SPARQL 1.1 store through the Graph Store Protocol, then check it.

Each named graph is sent with one HTTP PUT, which the protocol defines as replacing that graph
as a whole: a reader sees a graph's old triples or its new ones, never a mixture (the publish as
a whole is not one transaction: during it, some graphs are new and others still old). Then the
store is asked how many triples each graph under https://w3id.org/treatykg/ holds, and every
difference from what was sent is reported: a store that silently dropped, merged or kept stale
triples is caught here, not by a reader later.

Stores differ only in where their endpoints are and what the graph parameter is called
(`Target`); credentials come from the environment (`remote.credentials`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlparse, urlunparse

import httpx
import pyoxigraph as ox
from rdflib import Dataset, URIRef

from . import dump, remote
from .errors import UserError

FLAVOURS = ("oxigraph", "virtuoso", "gsp")
N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class Target:
    """Where a store takes graphs (GSP) and answers queries, and its graph parameter's name."""

    flavour: str
    gsp: str
    query: str
    graph_param: str = "graph"


@dataclass(frozen=True)
class Difference:
    graph: URIRef
    sent: int
    found: int


def target(
    url: str,
    flavour: str | None = None,
    gsp: str | None = None,
    query: str | None = None,
    http: httpx.Client | None = None,
) -> Target:
    """The store's endpoints: from the flavour (given, or detected from the URL or the store's
    Server header) and any explicit `gsp`/`query` overrides."""
    for name, value in (("--to", url), ("--gsp-endpoint", gsp), ("--query-endpoint", query)):
        if value is not None:
            remote.check_url(value, name)
    flavour = flavour or _detect(url, http)
    base = _base(url)
    if flavour == "oxigraph":
        return Target(flavour, gsp or f"{base}/store", query or f"{base}/query")
    if flavour == "virtuoso":
        gsp = gsp or f"{base}/sparql-graph-crud-auth"
        return Target(flavour, gsp, query or f"{base}/sparql", "graph-uri")
    if flavour != "gsp":
        raise UserError(f"unknown store flavour {flavour!r}", hint=f"use one of {FLAVOURS}")
    if query is None:
        raise UserError(
            "a generic Graph Store Protocol store needs its query endpoint",
            hint="add --query-endpoint URL (the store's SPARQL query endpoint)",
        )
    return Target(flavour, gsp or url, query)


_KNOWN_PATHS = {
    "/store": "oxigraph",
    "/query": "oxigraph",
    "/sparql-graph-crud-auth": "virtuoso",
    "/sparql-graph-crud": "virtuoso",
    "/sparql": "virtuoso",
}


def _base(url: str) -> str:
    parsed = urlparse(url)
    path = parsed.path.rstrip("/")
    for suffix in _KNOWN_PATHS:
        if path.endswith(suffix):
            path = path[: -len(suffix)]
            break
    return urlunparse(parsed._replace(path=path, query="", fragment="")).rstrip("/")


def _detect(url: str, http: httpx.Client | None) -> str:
    path = urlparse(url).path.rstrip("/")
    for suffix, flavour in _KNOWN_PATHS.items():
        if path.endswith(suffix):
            return flavour
    try:
        with http or remote.client() as probe:
            server = probe.get(_base(url) + "/").headers.get("server", "")
    except httpx.HTTPError as err:
        raise UserError(f"cannot reach the store: {err}", url, hint="is it running?") from None
    for flavour in ("oxigraph", "virtuoso"):
        if server.lower().startswith(flavour):
            return flavour
    raise UserError(
        f"cannot tell what store this is (Server: {server or 'not given'})",
        url,
        hint="say it: --flavour oxigraph|virtuoso, or --flavour gsp with --gsp-endpoint URL "
        "and --query-endpoint URL for any other SPARQL 1.1 store",
    )


def graphs(ds: Dataset) -> dict[URIRef, tuple[int, bytes]]:
    """Each named graph with its number of triples and its N-Triples, in canonical order."""
    result = {}
    for name, quads in groupby(dump.sorted_quads(ds), key=lambda q: q.graph_name.value):
        triples = [q.triple for q in quads]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        result[URIRef(name)] = (len(triples), body)
    return result


def put(http: httpx.Client, store: Target, graph: URIRef, body: bytes) -> None:
    """Replace one graph in the store (GSP PUT), with a clear error for each way it fails."""
    try:
        response = http.put(
            store.gsp,
            params={store.graph_param: str(graph)},
            content=body,
            headers={"Content-Type": N_TRIPLES},
        )
    except httpx.HTTPError as err:
        raise UserError(
            f"cannot reach the store: {err}", store.gsp, hint="is it running?"
        ) from None
    if response.status_code in (200, 201, 204):
        return
    if response.status_code in (401, 403):
        raise UserError(_refusal(response), store.gsp, hint=_credentials_hint())
    raise UserError(
        f"the store answered HTTP {response.status_code} to PUT <{graph}>: "
        f"{response.text.strip()[:300]}",
        store.gsp,
        hint="is this the store's Graph Store Protocol endpoint? (--gsp-endpoint)",
    )


def _refusal(response: httpx.Response) -> str:
    scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0] or "authentication"
    if remote.credentials() is None:
        return f"the store asks for credentials ({scheme}) and none are set"
    return f"the store refused the credentials (HTTP {response.status_code})"


def _credentials_hint() -> str:
    return (
        f"set {remote.USER_VAR} and {remote.PASSWORD_VAR} in the environment to a user "
        "allowed to write (Virtuoso: one with the SPARQL_UPDATE role, e.g. dba)"
    )


def delete(http: httpx.Client, store: Target, graph: URIRef) -> None:
    """Drop a graph that the dataset no longer has (GSP DELETE)."""
    response = http.delete(store.gsp, params={store.graph_param: str(graph)})
    if response.status_code not in (200, 204, 404):
        raise UserError(
            f"the store answered HTTP {response.status_code} to DELETE <{graph}>",
            store.gsp,
            hint=_credentials_hint(),
        )


def publish(
    ds: Dataset,
    store: Target,
    on_graph: Callable[[URIRef], None] = lambda graph: None,
    prune: bool = False,
) -> list[Difference]:
    """Write every named graph of `ds` to the store, then return how its counts differ (none
    if the store holds exactly what was sent). With `prune`, treatykg graphs in the store that
    `ds` does not have are deleted; without it they are reported as differences."""
    sent = graphs(ds)
    with remote.client() as http:
        for graph, (_, body) in sent.items():
            put(http, store, graph, body)
            on_graph(graph)
        counts = _counts(sent)
        if prune:
            for graph in sorted(set(remote.graph_counts(http, store.query)) - set(counts)):
                delete(http, store, graph)
        return differences(counts, remote.graph_counts(http, store.query))


def verify(ds: Dataset, store: Target) -> list[Difference]:
    """Compare the store's counts with the dataset's, writing nothing."""
    with remote.client() as http:
        return differences(_counts(graphs(ds)), remote.graph_counts(http, store.query))


def _counts(sent: dict[URIRef, tuple[int, bytes]]) -> dict[URIRef, int]:
    return {graph: n for graph, (n, _) in sent.items()}


def differences(sent: dict[URIRef, int], found: dict[URIRef, int]) -> list[Difference]:
    """Graphs whose triple count in the store is not what was sent (0 = missing / extra)."""
    return [
        Difference(graph, sent.get(graph, 0), found.get(graph, 0))
        for graph in sorted(set(sent) | set(found))
        if sent.get(graph, 0) != found.get(graph, 0)
    ]
