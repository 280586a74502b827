"""Read the dataset back from a SPARQL 1.1 store, so that every read command runs unchanged.

`fetch_dataset(endpoint)` asks the store's query endpoint for the quads of the graphs under
https://w3id.org/treatykg/ and returns an rdflib Dataset like `dataset.build()` returns: the
catalogue, validation, analysis and reconciliation then run the *same* code with the *same*
engine, so their answers equal the embedded ones. Evaluating the queries inside the store would
not: Oxigraph's default graph is not the union of the named graphs, Virtuoso's includes its
system graphs and it returns some values in other forms (docs/stores.md).

Only the URL the user gave is contacted: no redirects are followed, no proxy or .netrc from the
environment is used. Credentials come from the environment only, never from the URL.
"""

from __future__ import annotations

import os
from collections.abc import Generator, Iterable
from pathlib import Path
from urllib.parse import urlparse

import httpx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from .dataset import build, new_dataset
from .errors import UserError

PREFIX = "https://w3id.org/treatykg/"
USER_VAR, PASSWORD_VAR = "TREATYKG_STORE_USER", "TREATYKG_STORE_PASSWORD"
PAGE = 5000  # rows per request: below Virtuoso's default ResultSetMaxRows (10000)
JSON_RESULTS = "application/sparql-results+json"

COUNTS = f"""SELECT ?g (COUNT(*) AS ?n) WHERE {{
  GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{PREFIX}"))
}} GROUP BY ?g"""


def check_url(url: str, what: str = "--endpoint") -> str:
    """Refuse anything but an http(s) URL, and credentials written into it."""
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise UserError(
            f"{what} {url!r} is not an http(s) URL", hint="give e.g. http://127.0.0.1:7878/query"
        )
    if parsed.username or parsed.password:
        raise UserError(
            f"{what}: credentials in the URL are refused (they would end up in the shell's "
            "history and the process list)",
            hint=f"remove 'user:password@' and set {USER_VAR} and {PASSWORD_VAR} "
            "in the environment",
        )
    return url


class StoreAuth(httpx.Auth):
    """Basic or digest authentication, whichever the store's first 401 challenge asks for."""

    requires_request_body = True

    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user, password
        self.delegate: httpx.Auth | None = None

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self.delegate is None:
            response = yield request
            if response.status_code != 401:
                return
            scheme = response.headers.get("www-authenticate", "").split(" ", 1)[0].lower()
            auth = httpx.DigestAuth if scheme == "digest" else httpx.BasicAuth
            self.delegate = auth(self.user, self.password)
        yield from self.delegate.auth_flow(request)


def credentials() -> tuple[str, str] | None:
    """(user, password) from the environment, or None if neither is set."""
    user, password = os.environ.get(USER_VAR), os.environ.get(PASSWORD_VAR)
    if not user and not password:
        return None
    if not user or not password:
        raise UserError(
            f"only one of {USER_VAR} and {PASSWORD_VAR} is set", hint="set both, or neither"
        )
    return user, password


def client(timeout: float = 60.0, *, store_auth: bool = True) -> httpx.Client:
    """An HTTP client that contacts only the URLs it is given (see module docstring). The
    store's credentials go only to the store: `store_auth=False` for anybody else's endpoint."""
    found = credentials() if store_auth else None
    return httpx.Client(
        auth=StoreAuth(*found) if found else None,
        follow_redirects=False,
        trust_env=False,
        timeout=timeout,
        headers={"User-Agent": "treatykg"},
    )


def select(http: httpx.Client, endpoint: str, text: str) -> list[dict[str, Node]]:
    """Run a SELECT on a SPARQL 1.1 endpoint (POST, form-encoded); rows of rdflib terms."""
    try:
        response = http.post(endpoint, data={"query": text}, headers={"Accept": JSON_RESULTS})
    except httpx.HTTPError as err:
        raise UserError(
            f"cannot reach the store: {err}", endpoint, hint="is the store running?"
        ) from None
    if response.status_code != 200:
        raise UserError(
            f"the store answered HTTP {response.status_code}: {response.text.strip()[:300]}",
            endpoint,
            hint="is this the store's SPARQL query endpoint (e.g. …/query, …/sparql)?",
        )
    try:
        bindings = response.json()["results"]["bindings"]
    except (ValueError, KeyError):
        raise UserError(
            "the store's answer is not SPARQL JSON results",
            endpoint,
            hint="give the SPARQL query endpoint itself (Oxigraph: /query, Virtuoso: /sparql)",
        ) from None
    return [{name: term(value) for name, value in row.items()} for row in bindings]


def term(value: dict[str, str]) -> Node:
    """A SPARQL JSON term as an rdflib term, undoing the forms Virtuoso returns values in."""
    kind, text = value["type"], value["value"]
    if kind == "uri":
        return URIRef(text)
    if kind == "bnode":
        return BNode(text.removeprefix("nodeID://"))
    if "xml:lang" in value:
        return Literal(text, lang=value["xml:lang"])
    datatype = value.get("datatype")  # "typed-literal" is Virtuoso's pre-standard name
    if datatype is None or datatype == str(XSD.string):
        return Literal(text)
    return Literal(repair(text, datatype), datatype=URIRef(datatype))


def repair(text: str, datatype: str) -> str:
    """Virtuoso returns xsd:boolean as 0/1 and stores a year-month xsd:duration as a count of
    months ("P10Y" comes back as "120"): give back the canonical lexical forms."""
    if datatype == str(XSD.boolean) and text in ("0", "1"):
        return "true" if text == "1" else "false"
    if datatype == str(XSD.duration) and text.lstrip("-").isdigit():
        sign, months = ("-", int(text[1:])) if text.startswith("-") else ("", int(text))
        years, months = divmod(months, 12)
        body = (f"{years}Y" if years else "") + (f"{months}M" if months or not years else "")
        return f"{sign}P{body}"
    return text


def graph_counts(http: httpx.Client, endpoint: str) -> dict[URIRef, int]:
    """Each treatykg graph in the store with its number of triples."""
    return {row["g"]: int(row["n"]) for row in select(http, endpoint, COUNTS)}  # type: ignore[arg-type, call-overload]


def batches(counts: dict[URIRef, int], page: int) -> list[list[URIRef]]:
    """Graphs grouped so that each request asks for at most `page` rows (a bigger graph alone)."""
    groups: list[list[URIRef]] = []
    size = page
    for graph in sorted(counts):
        if size + counts[graph] > page:
            groups.append([])
            size = 0
        groups[-1].append(graph)
        size += counts[graph]
    return groups


def _quads_query(graphs: Iterable[URIRef], offset: int | None, page: int) -> str:
    values = " ".join(f"<{g}>" for g in graphs)
    text = f"SELECT ?g ?s ?p ?o WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
    if offset is not None:  # one graph bigger than a page: pages need a stable order
        text += f" ORDER BY ?s ?p ?o LIMIT {page} OFFSET {offset}"
    return text


def fetch_dataset(endpoint: str, graphs: Iterable[str] | None = None, page: int = PAGE) -> Dataset:
    """The treatykg graphs of the store behind `endpoint` (or only `graphs`) as a Dataset.

    Each graph's triples are counted first and compared with what arrived: a store that cuts
    results short (Virtuoso's ResultSetMaxRows) fails loudly instead of giving a partial graph.
    """
    check_url(endpoint)
    with client() as http:
        counts = graph_counts(http, endpoint)
        if graphs is not None:
            counts = _selected(counts, {URIRef(g) for g in graphs}, endpoint)
        if not counts:
            raise UserError(
                f"the store has no graphs under {PREFIX}",
                endpoint,
                hint="publish the dataset first: treatykg publish --to URL",
            )
        ds = new_dataset()
        for group in batches(counts, page):
            offsets = range(0, counts[group[0]], page) if len(group) == 1 else [None]
            for offset in offsets:
                for row in select(http, endpoint, _quads_query(group, offset, page)):
                    ds.graph(row["g"]).add((row["s"], row["p"], row["o"]))
    _check_complete(ds, counts, endpoint)
    return ds


def _selected(counts: dict[URIRef, int], wanted: set[URIRef], endpoint: str) -> dict:
    missing = sorted(wanted - set(counts))
    if missing:
        raise UserError(
            f"the store lacks {len(missing)} of the {len(wanted)} graphs asked for "
            f"(e.g. <{missing[0]}>)",
            endpoint,
            hint="publish the dataset again: treatykg publish --to URL",
        )
    return {g: n for g, n in counts.items() if g in wanted}


def _check_complete(ds: Dataset, counts: dict[URIRef, int], endpoint: str) -> None:
    for graph, expected in sorted(counts.items()):
        got = len(ds.graph(graph))
        if got != expected:
            raise UserError(
                f"graph <{graph}>: the store counts {expected} triples but returned {got}",
                endpoint,
                hint="the store cuts results short (Virtuoso: ResultSetMaxRows in [SPARQL]); "
                "raise that limit",
            )


def load(
    endpoint: str | None,
    project: Path | str | None = None,
    graphs: Iterable[str] | None = None,
) -> Dataset:
    """The dataset a read command works on: built from the project's files, or, with an
    `endpoint`, read from the store. A selection of `graphs` ('main', companions' slugs) is
    built locally to learn which named graphs it consists of, and only those are read."""
    if not endpoint:
        return build(project, graphs)
    if graphs is None:
        return fetch_dataset(endpoint)
    local = build(project, graphs)
    names = {g.identifier if isinstance(g, Graph) else g for *_, g in local.quads()}
    return fetch_dataset(endpoint, sorted(str(n) for n in names))
