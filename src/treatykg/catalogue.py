"""The SPARQL catalogue: one competency question per `queries/*.rq`, and running queries.

Queries run in-process on rdflib's engine over the union of the named graphs (a query that
needs to know *which* graph a fact is in says `GRAPH`). A query never reaches the network:
`FROM` does not dereference, and `SERVICE` is refused unless its host is explicitly allowed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import rdflib.plugins.sparql as rdflib_sparql
from rdflib import Dataset
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.query import Result
from rdflib.term import Node

from . import paths
from .errors import UserError

rdflib_sparql.SPARQL_LOAD_GRAPHS = False  # FROM <url> must never fetch or read a file

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


def run(
    ds: Dataset, text: str, label: str = "query", allow_hosts: frozenset[str] = frozenset()
) -> Result:
    """Evaluate a SPARQL query after refusing what it must not do (see module docstring)."""
    try:
        parsed = parseQuery(text)
        algebra = translateQuery(parsed)
    except Exception as err:  # pyparsing's ParseException and friends: the user's syntax
        raise UserError(
            f"SPARQL syntax error: {getattr(err, 'msg', None) or err}",
            label,
            getattr(err, "lineno", None),
            "fix the query at that line (a missing '.', '}' or PREFIX is the usual cause)",
        ) from None
    for endpoint in _service_endpoints(algebra.algebra):
        host = urlparse(endpoint).hostname or endpoint
        if host not in allow_hosts:
            raise UserError(
                f"SERVICE <{endpoint}> is refused: host {host!r} is not on the allow-list",
                label,
                hint=f"if you trust it, allow it: --allow-host {host} (nothing was sent)",
            )
    return ds.query(algebra)


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


def rows(result: Result) -> list[Row]:
    """A result as plain rows: variable name → term (None where unbound)."""
    if result.type == "ASK":
        from rdflib import Literal

        return [{"ask": Literal(bool(result.askAnswer))}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return [{"s": s, "p": p, "o": o} for s, p, o in result.graph]  # type: ignore[union-attr]
    names = [str(v) for v in result.vars or []]
    return [{name: row[i] for i, name in enumerate(names)} for row in result]  # type: ignore[index]


def query(ds: Dataset, name_or_path: str, root: Path | str | None = None) -> list[Row]:
    """Run a catalogue query (by name) or a `.rq` file over `ds` and return its rows."""
    label, text = resolve(name_or_path, root)
    return rows(run(ds, text, label))
