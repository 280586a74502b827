"""Build the dataset: vocabulary, hand-written entities and compiled claims, in named graphs.

`build()` is pure with respect to the project's files: the same files give the same quads,
and no blank node is ever created, so the serialisations in `dist/` are byte-stable.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from . import assessments, paths, provisions
from . import namespaces as ns
from .compile import compile_file
from .errors import UserError
from .terms import Terms


def new_dataset() -> Dataset:
    """An empty dataset whose default graph is the union of its named graphs."""
    ds = Dataset(default_union=True)
    for prefix, iri in ns.PREFIXES.items():
        ds.bind(prefix, iri, replace=True)
    return ds


def parse_rdf(path: Path, into: Graph, fmt: str | None = None) -> None:
    """Parse one RDF file, turning a syntax error into a `UserError` with its line."""
    try:
        into.parse(path, format=fmt or guess_format(path))
    except Exception as err:  # rdflib raises many kinds; all of them mean "bad file"
        message = " ".join(str(err).split()) or type(err).__name__
        message = re.sub(r"^at line \d+ of <[^>]*>:\s*", "", message)[:300]
        match = re.search(r"line (\d+)", str(err))
        raise UserError(
            f"this file is not valid RDF: {message}",
            path,
            int(match.group(1)) if match else None,
            "fix the syntax at that line (a missing ' .' or ';', an undeclared prefix, "
            "an unescaped quote)",
        ) from None


def guess_format(path: Path) -> str:
    formats = {
        ".ttl": "turtle",
        ".trig": "trig",
        ".nq": "nquads",
        ".nt": "nt",
        ".jsonld": "json-ld",
        ".json": "json-ld",
        ".rdf": "xml",
        ".owl": "xml",
    }
    return formats.get(path.suffix.lower(), "turtle")


def entity_graph_iri(path: Path) -> URIRef:
    return ns.GRAPH[f"entities/{path.stem}"]


def build(root: Path | str | None = None) -> Dataset:
    """Build the project's dataset (see docs/model.md for its named graphs)."""
    project = paths.find(root)
    ds = new_dataset()
    vocabulary = ds.graph(ns.VOCABULARY_GRAPH)
    for path in sorted(project.ontology.glob("*.ttl")):
        if path.name != "shapes.ttl":
            parse_rdf(path, vocabulary)
    for path in sorted((project.graph / "entities").glob("*.ttl")):
        parse_rdf(path, ds.graph(entity_graph_iri(path)))
    terms = Terms.of(ds)
    for path in sorted((project.graph / "provisions").glob("*.yaml")):
        provisions.compile_file(path, project.graph, terms, ds)
    claim_files = sorted((project.graph / "claims").glob("*.yaml"))
    if not claim_files:
        raise UserError(
            "no claim files found",
            project.graph / "claims",
            hint="add one YAML file per source document (README, 'Authoring claims')",
        )
    sources: dict[str, Path] = {}
    for path in claim_files:
        compile_file(path, project.graph, terms, ds, sources)
    assessments.compile_all(sorted((project.graph / "assessments").glob("*.yaml")), terms, ds)
    _check_no_blank_nodes(ds)
    return ds


def _check_no_blank_nodes(ds: Dataset) -> None:
    from rdflib import BNode

    for s, p, o, g in ds.quads():
        if isinstance(s, BNode) or isinstance(o, BNode):
            where = g.identifier if isinstance(g, Graph) else g
            raise UserError(
                f"a blank node appears in graph <{where}> ({s} {p} {o})",
                hint="give every node an IRI under https://w3id.org/treatykg/ (docs/model.md)",
            )


def load_files(files: list[Path], root: Path | str | None = None) -> tuple[Dataset, dict]:
    """A dataset of the user's RDF files beside the project's vocabulary (for class and scheme
    definitions); returns it with a map from each named graph to the file it came from."""
    ds = new_dataset()
    located: dict = {}
    for path in files:
        if not path.is_file():
            raise UserError("no such file", path, hint="check the path")
        fmt = guess_format(path)
        if fmt in ("trig", "nquads"):
            before = {g.identifier for g in ds.graphs()}
            parse_rdf(path, ds, fmt)
            for g in ds.graphs():
                if g.identifier not in before:
                    located[g.identifier] = path
        else:
            name = URIRef(path.resolve().as_uri())
            parse_rdf(path, ds.graph(name), fmt)
            located[name] = path
    project = paths.find(root)
    vocabulary = ds.graph(ns.VOCABULARY_GRAPH)
    for path in sorted(project.ontology.glob("*.ttl")):
        if path.name != "shapes.ttl":
            parse_rdf(path, vocabulary)
    return ds, located
