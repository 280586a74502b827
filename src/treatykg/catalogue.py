"""The SPARQL catalogue: one competency question per `queries/*.rq`, and running queries.

A query is checked by rdflib's parser (a syntax error comes with its line; `SERVICE` to a host
that is not explicitly allowed is refused before anything runs) and evaluated by Oxigraph over
the union of the named graphs: rdflib's own engine joins `GRAPH ?g` patterns by nested loops
and took minutes where Oxigraph takes milliseconds. A query that needs to know *which* graph
a fact is in says `GRAPH`. `FROM` names graphs of the dataset; nothing is ever fetched or read.

A federated catalogue query names its remote endpoint by a placeholder,
`SERVICE <https://w3id.org/treatykg/service/NAME>`, so that the catalogue does not hard-code
where a graph is served: `services={"NAME": URL}` (CLI: `--service NAME=URL`) puts the URL in.
The URL's host must still be allowed (`allow_hosts`): naming an endpoint is not trusting it.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import pyoxigraph as ox
import rdflib.plugins.sparql as rdflib_sparql
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.sparql import Query
from rdflib.term import Node

from . import dump, paths
from .errors import UserError

rdflib_sparql.SPARQL_LOAD_GRAPHS = False  # FROM <url> must never fetch or read a file
SERVICE_PLACEHOLDER = "https://w3id.org/treatykg/service/"

Row = dict[str, Node | None]


@dataclass(frozen=True)
class CatalogueEntry:
    name: str
    path: Path
    question: str
    returns: str
    example: str

    @property
    def text(self) -> str:
        return self.path.read_text(encoding="utf-8")


def catalogue(root: Path | str | None = None) -> list[CatalogueEntry]:
    """Every query of the catalogue, by name, with its documented question."""
    project = paths.find(root)
    return [_entry(path) for path in sorted(project.queries.glob("*.rq"))]


def _entry(path: Path) -> CatalogueEntry:
    fields: dict[str, list[str]] = {"question": [], "returns": [], "example": []}
    current = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        key, _, rest = body.partition(":")
        if key.lower() in ("question", "returns", "example answer"):
            current = "example" if key.lower() == "example answer" else key.lower()
            body = rest.strip()
        if current and body:
            fields[current].append(body)
    return CatalogueEntry(path.stem, path, *(" ".join(fields[k]) for k in fields))


def resolve(name_or_path: str, root: Path | str | None = None) -> tuple[str, str]:
    """The (label, text) of a catalogue name or of a `.rq` file."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".rq" or candidate.is_file():
        if not candidate.is_file():
            raise UserError("no such query file", candidate, hint="check the path")
        return str(candidate), candidate.read_text(encoding="utf-8")
    project = paths.find(root)
    path = project.queries / f"{name_or_path}.rq"
    if not path.is_file():
        names = ", ".join(e.name for e in catalogue(root))
        raise UserError(f"no catalogue query named {name_or_path!r}", hint=f"use one of: {names}")
    return str(path), path.read_text(encoding="utf-8")


@dataclass(frozen=True)
class Answer:
    """A query's answer: SELECT rows (variables in order), an ASK boolean, or CONSTRUCT triples."""

    kind: str  # "SELECT", "ASK" or "CONSTRUCT"
    variables: tuple[str, ...]
    rows: tuple[Row, ...]


# keyed by id(): a WeakKeyDictionary would hash the Dataset through rdflib's deprecated
# Dataset.identifier; the finalizer drops the copy when the dataset goes
_stores: dict[int, ox.Store] = {}


def store_of(ds: Dataset | ox.Store) -> ox.Store:
    """An in-memory Oxigraph copy of `ds`, made once per dataset object; a persistent store
    (`--store DIR`) is queried as it is."""
    if isinstance(ds, ox.Store):
        return ds
    key = id(ds)
    if key not in _stores:
        _stores[key] = store_from(dump.sorted_quads(ds))
        weakref.finalize(ds, _stores.pop, key, None)
    return _stores[key]


def store_from(quads: Iterable[ox.Quad]) -> ox.Store:
    """An in-memory Oxigraph store of `quads`, in their order (which sets the order in which
    the store iterates: give it the canonical order of `dump.sorted_quads`)."""
    store = ox.Store()
    store.bulk_extend(quads)
    return store


def run(
    ds: Dataset | ox.Store,
    text: str,
    label: str = "query",
    allow_hosts: frozenset[str] = frozenset(),
    services: Mapping[str, str] | None = None,
) -> Answer:
    """Evaluate a SPARQL query after refusing what it must not do (see module docstring)."""
    text = bind_services(text, services or {}, label)
    # the default graph is the union of the named graphs, unless the query names its own
    # with FROM (graphs of this dataset: nothing is ever fetched)
    union = not names_dataset(check(text, label, allow_hosts))
    try:
        result = store_of(ds).query(text, use_default_graph_as_union=union)
    except (SyntaxError, OSError) as err:
        raise UserError(f"the query failed: {err}", label, hint="fix the query text") from None
    if isinstance(result, ox.QueryBoolean):
        return Answer("ASK", ("ask",), ({"ask": Literal(bool(result))},))
    if isinstance(result, ox.QueryTriples):
        triples = tuple(
            {"s": to_rdflib(t.subject), "p": to_rdflib(t.predicate), "o": to_rdflib(t.object)}
            for t in result
        )
        return Answer("CONSTRUCT", ("s", "p", "o"), triples)
    names = tuple(v.value for v in result.variables)
    # each distinct term converted once per answer: rdflib's Literal costs up to 15 µs to
    # build, and labels, dates and statuses recur on thousands of rows (assessment-history
    # at 1M quads: 2.0 s -> 1.0 s)
    term = functools.cache(to_rdflib)
    rows = tuple(dict(zip(names, map(term, solution), strict=True)) for solution in result)
    return Answer("SELECT", names, rows)


def check(text: str, label: str, allow_hosts: frozenset[str] = frozenset()) -> Query:
    """Parse the query (errors with their line) and refuse SERVICE to hosts not allowed;
    return rdflib's algebra of it, for callers that need to know more (its FROM clauses)."""
    try:
        algebra = _algebra(text)
    except Exception as err:  # pyparsing's ParseException and friends: the user's syntax
        raise UserError(
            f"SPARQL syntax error: {getattr(err, 'msg', None) or err}",
            label,
            getattr(err, "lineno", None),
            "fix the query at that line (a missing '.', '}' or PREFIX is the usual cause)",
        ) from None
    for endpoint in _service_endpoints(algebra.algebra):
        if endpoint.startswith(SERVICE_PLACEHOLDER):
            name = endpoint[len(SERVICE_PLACEHOLDER) :]
            raise UserError(
                f"SERVICE <{endpoint}> is a placeholder: no endpoint was given for {name!r}",
                label,
                hint=f"give it: --service {name}=URL (and --allow-host for the URL's host); "
                "write the placeholder as a full <IRI>, not a prefixed name",
            )
        host = urlparse(endpoint).hostname or endpoint
        if host not in allow_hosts:
            raise UserError(
                f"SERVICE <{endpoint}> is refused: host {host!r} is not on the allow-list",
                label,
                hint=f"if you trust it, allow it: --allow-host {host} (nothing was sent)",
            )
    return algebra


def names_dataset(query: Query) -> bool:
    """Whether a checked query names its own dataset (FROM / FROM NAMED); if not, its default
    graph is the union of the named graphs."""
    return bool(query.algebra.get("datasetClause"))


@functools.lru_cache(maxsize=256)
def _algebra(text: str) -> Query:
    """rdflib's parse of a query, kept: parsing cost up to 0.2 s a query, more than Oxigraph
    took to answer most of them (only successful parses are kept; errors are raised anew)."""
    return translateQuery(parseQuery(text))


def bind_services(text: str, services: Mapping[str, str], label: str) -> str:
    """Put each endpoint URL in place of its `<…/service/NAME>` placeholder."""
    for name, url in sorted(services.items()):
        placeholder = f"<{SERVICE_PLACEHOLDER}{name}>"
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname or ">" in url:
            raise UserError(
                f"--service {name}={url}: not an http(s) URL", hint="e.g. http://HOST:PORT/query"
            )
        if placeholder not in text:
            raise UserError(
                f"--service {name}=…: the query has no SERVICE {placeholder}",
                label,
                hint="check the name against the query's SERVICE placeholders",
            )
        text = text.replace(placeholder, f"<{url}>")
    return text


def parse_services(pairs: list[str] | None) -> dict[str, str]:
    """`NAME=URL` command-line pairs as a mapping."""
    services = {}
    for pair in pairs or ():
        name, sep, url = pair.partition("=")
        if not sep or not name or not url:
            raise UserError(f"--service {pair!r}: expected NAME=URL", hint="e.g. companion=URL")
        services[name] = url
    return services


def _service_endpoints(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            found.append(str(node.get("term")))
        for value in node.values():
            found.extend(_service_endpoints(value))
    elif isinstance(node, list | tuple):
        for value in node:
            found.extend(_service_endpoints(value))
    return found


def to_rdflib(term: object) -> Node | None:
    """An Oxigraph term as the rdflib term the rest of the package works with."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"unexpected term {term!r}")


def serialize(answer: Answer, fmt: str) -> str:
    """The answer in a W3C SPARQL 1.1 result format: csv, tsv or json."""
    if fmt == "json":
        if answer.kind == "ASK":
            return json.dumps({"head": {}, "boolean": bool(answer.rows[0]["ask"])}) + "\n"
        bindings = [
            {n: _json_term(v) for n, v in row.items() if v is not None} for row in answer.rows
        ]
        payload = {"head": {"vars": list(answer.variables)}, "results": {"bindings": bindings}}
        return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
    out = io.StringIO()
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(answer.variables)
        for row in answer.rows:
            writer.writerow(["" if row[n] is None else str(row[n]) for n in answer.variables])
        return out.getvalue()
    out.write("\t".join(f"?{n}" for n in answer.variables) + "\n")
    for row in answer.rows:
        cells = ("" if row[n] is None else row[n].n3() for n in answer.variables)  # type: ignore[union-attr]
        out.write("\t".join(cells) + "\n")
    return out.getvalue()


def _json_term(term: Node) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    item = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        item["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        item["datatype"] = str(term.datatype)
    return item


def query(ds: Dataset | ox.Store, name_or_path: str, root: Path | str | None = None) -> list[Row]:
    """Run a catalogue query (by name) or a `.rq` file over `ds` and return its rows."""
    label, text = resolve(name_or_path, root)
    return list(run(ds, text, label).rows)
