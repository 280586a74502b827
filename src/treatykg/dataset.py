"""Build the dataset: vocabulary, hand-written entities and compiled claims, in named graphs.

`build()` is pure with respect to the project's files: the same files give the same quads,
and no blank node is ever created, so the serialisations in `dist/` are byte-stable.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from rdflib import BNode, Dataset, Graph, URIRef

from . import assessments, codings, linkset, paths, provisions
from . import namespaces as ns
from .compile import compile_file
from .errors import UserError
from .progress import OnProgress, Steps
from .terms import Terms

MAIN = "main"
COMPANIONS = "companions"
# Identities several graphs share (states, organisations, places, agreements): always loaded.
REGISTERS = ("actors.ttl", "agreements.ttl", "places.ttl", "signatories.ttl")


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


def entity_graph_iri(path: Path, part: str = MAIN) -> URIRef:
    """`graph/entities/X` for the main graph's and the registers' files,
    `graph/companions/{slug}/entities/X` for a companion's."""
    if part == MAIN:
        return ns.GRAPH[f"entities/{path.stem}"]
    return ns.GRAPH[f"companions/{part}/entities/{path.stem}"]


def graph_names(root: Path | str | None = None) -> list[str]:
    """The graphs a build can select: 'main', then each companion's slug (docs/companions.md)."""
    project = paths.find(root)
    folder = project.graph / COMPANIONS
    found = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    return [MAIN, *found]


def _folder(project: paths.Project, name: str) -> Path:
    return project.graph if name == MAIN else project.graph / COMPANIONS / name


def select(project: paths.Project, graphs: Iterable[str] | None) -> list[str]:
    """The selected graphs in build order (main first), each checked to exist."""
    known = graph_names(project.root)
    if graphs is None:
        return known
    chosen = set(graphs)
    unknown = sorted(chosen - set(known))
    if unknown:
        raise UserError(
            f"no graph named {unknown[0]!r}",
            project.graph / COMPANIONS,
            hint=f"choose among: {', '.join(known)}",
        )
    return [name for name in known if name in chosen]


def build(
    root: Path | str | None = None,
    graphs: Iterable[str] | None = None,
    on_progress: OnProgress | None = None,
) -> Dataset:
    """Build the project's dataset (see docs/model.md for its named graphs).

    `graphs` selects 'main' and/or companion slugs (default: all of them). The vocabulary and
    the registers (graph/entities/actors, agreements, places, signatories: the identities that
    several graphs share) are always loaded, so that each graph also builds and conforms alone.
    `on_progress(done, total)` is called after each provisions or claim file, then after the
    assessments, the codings and the linksets (one step each).
    """
    project = paths.find(root)
    selected = select(project, graphs)
    ds = new_dataset()
    _load_rdf(project, selected, ds)
    terms = Terms.of(ds)
    provision_files = _files(project, selected, "provisions")
    claim_files = _files(project, selected, "claims")
    steps = Steps(len(provision_files) + len(claim_files) + 3, on_progress)
    for path, folder in provision_files:
        provisions.compile_file(path, folder, terms, ds)
        steps.done()
    if not claim_files:
        raise UserError(
            "no claim files found",
            project.graph / "claims",
            hint="add one YAML file per source document (README, 'Authoring claims')",
        )
    sources: dict[str, Path] = {}
    for path, folder in claim_files:
        compile_file(path, folder, terms, ds, sources, graph_root=project.graph)
        steps.done()
    batches = sorted(path for path, _ in _files(project, selected, "assessments"))
    assessments.compile_all(batches, terms, ds)
    steps.done()
    codings.compile_all(_files(project, selected, "codings"), project.graph, terms, ds)
    steps.done()
    linkset.add_linksets(ds)
    _check_no_blank_nodes(ds)
    steps.done()
    return ds


def _load_rdf(project: paths.Project, selected: list[str], ds: Dataset) -> None:
    """The vocabulary, the registers, and the entity files of each selected graph."""
    vocabulary = ds.graph(ns.VOCABULARY_GRAPH)
    for path in sorted(project.ontology.glob("*.ttl")):
        if path.name != "shapes.ttl":
            parse_rdf(path, vocabulary)
    for name in REGISTERS:
        path = project.graph / "entities" / name
        if path.is_file():
            parse_rdf(path, ds.graph(entity_graph_iri(path)))
    for part in selected:
        for path in sorted((_folder(project, part) / "entities").glob("*.ttl")):
            if part != MAIN or path.name not in REGISTERS:
                parse_rdf(path, ds.graph(entity_graph_iri(path, part)))


def _files(project: paths.Project, selected: list[str], kind: str) -> list[tuple[Path, Path]]:
    """The YAML files of one kind (claims, provisions, …) of the selected graphs, each with the
    folder its paths are relative to; in graph order, then by name."""
    return [
        (path, _folder(project, part))
        for part in selected
        for path in sorted((_folder(project, part) / kind).glob("*.yaml"))
    ]


def _check_no_blank_nodes(ds: Dataset) -> None:
    """Refuse blank nodes (they would make dist/ change from build to build); reads each graph
    from the store directly, as `dump.sorted_quads` does, which is several times faster than
    `Dataset.quads()`."""
    for graph in ds.store.contexts():
        for (s, p, o), _ in ds.store.triples((None, None, None), context=graph):
            if isinstance(s, BNode) or isinstance(o, BNode):
                raise UserError(
                    f"a blank node appears in graph <{graph.identifier}> ({s} {p} {o})",
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
