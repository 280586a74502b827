"""Serialise a dataset to TriG, N-Quads and JSON-LD, byte-identically from build to build.

rdflib's serialisers follow its store's hash order, which changes between Python processes;
so the quads are sorted here and written by pyoxigraph's serialisers, which keep input order.
Files are written to a temporary name and renamed, so `dist/` never holds a half-written file.
"""

from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.term import Node

from . import namespaces as ns
from .errors import UserError
from .progress import OnProgress

FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "trig": ("treatykg.trig", ox.RdfFormat.TRIG),
    "nquads": ("treatykg.nq", ox.RdfFormat.N_QUADS),
    "jsonld": ("treatykg.jsonld", ox.RdfFormat.JSON_LD),
}
OxTerm = ox.NamedNode | ox.Literal | ox.BlankNode


def to_ox(node: Node) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    if isinstance(node, Literal):
        if node.language:
            return ox.Literal(str(node), language=node.language)
        datatype = ox.NamedNode(str(node.datatype)) if node.datatype else None
        return ox.Literal(str(node), datatype=datatype)
    raise TypeError(f"cannot serialise {node!r}")


def sorted_quads(ds: Dataset, on_progress: OnProgress | None = None) -> list[ox.Quad]:
    """Every quad of the named graphs in one canonical order: graph, subject, predicate, object
    (by each term's N-Triples form), which is what fixes the bytes of `dist/`.

    Fast because each distinct term is written (`n3()`) and converted to pyoxigraph once, not
    once per quad, and the graphs are read from the store one by one rather than through
    `Dataset.quads()`, which looks up every triple's graphs again. `on_progress(done, total)`
    is called after each graph (total: the number of graphs)."""
    graphs = list(ds.store.contexts())
    terms: dict[object, tuple[str, OxTerm]] = {}
    rows = []
    with _no_gc():  # millions of new tuples: the collector would rescan the graph many times
        for done, graph in enumerate(graphs, start=1):
            g_key, g_ox = str(graph.identifier), to_ox(graph.identifier)
            for (s, p, o), _ in ds.store.triples((None, None, None), context=graph):
                (s_key, s_ox), (p_key, p_ox) = _term(s, terms), _term(p, terms)
                o_key, o_ox = _term(o, terms)
                rows.append(((g_key, s_key, p_key, o_key), s_ox, p_ox, o_ox, g_ox))
            if on_progress is not None:
                on_progress(done, len(graphs))
        rows.sort(key=lambda row: row[0])
        return [ox.Quad(s, p, o, g) for _, s, p, o, g in rows]  # type: ignore[arg-type]


def _term(node: Node, seen: dict[object, tuple[str, OxTerm]]) -> tuple[str, OxTerm]:
    """A term's sort key (its N-Triples form) and its pyoxigraph twin, made once per term.

    Literals are looked up by (text, language, datatype): rdflib counts two literals equal
    whose language tags differ only in case, but they are written differently."""
    key = (str(node), node.language, node.datatype) if isinstance(node, Literal) else node
    found = seen.get(key)
    if found is None:
        found = seen[key] = (node.n3(), to_ox(node))
    return found


def counts(ds: Dataset) -> tuple[int, int]:
    """(quads, named graphs that hold any): what `sorted_quads` would return and how many
    graphs, from the store's per-graph sizes, without reading a single triple."""
    sizes = [len(graph) for graph in ds.store.contexts()]
    return sum(sizes), sum(1 for n in sizes if n)


@contextmanager
def _no_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def serialize(quads: Iterable[ox.Quad], fmt: str, output: Path | None = None) -> bytes | None:
    """The quads in one of FORMATS, as bytes, or written to `output` (then None)."""
    _, rdf_format = FORMATS[fmt]
    prefixes = None if fmt == "nquads" else dict(ns.PREFIXES)
    return ox.serialize(  # type: ignore[return-value]
        quads, None if output is None else str(output), format=rdf_format, prefixes=prefixes
    )


def write_dist(
    data: Dataset | Sequence[ox.Quad], outdir: Path, on_progress: OnProgress | None = None
) -> dict[str, Path]:
    """Write the dataset in every format to `outdir`: all or nothing, each file atomically.

    Every format is written to a temporary file beside its target before any target is
    replaced; streamed to disk, not held in memory (half a gigabyte at a million quads).
    `data` is the dataset or its `sorted_quads` (a build sorts them once for every output).
    `on_progress(done, total)` is called after each format is rendered and after each is moved.
    """
    quads = sorted_quads(data) if isinstance(data, Dataset) else data
    tick = on_progress or (lambda done, total: None)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(
            f"cannot create the output directory: {err.strerror}",
            outdir,
            hint="give --out a directory path (it is created if missing), not a file",
        ) from None
    rendered: dict[str, Path] = {}
    try:
        for fmt, (name, _) in FORMATS.items():
            rendered[fmt] = _temporary(outdir / name)
            serialize(quads, fmt, rendered[fmt])
            tick(len(rendered), 2 * len(FORMATS))
        written = {}
        for fmt, tmp in rendered.items():
            written[fmt] = outdir / FORMATS[fmt][0]
            os.replace(tmp, written[fmt])
            tick(len(FORMATS) + len(written), 2 * len(FORMATS))
    finally:
        for tmp in rendered.values():
            tmp.unlink(missing_ok=True)  # only those not moved into place
    return written


def atomic_write(target: Path, payload: bytes) -> None:
    """Write to a temporary file beside `target`, then rename it over `target`."""
    tmp = _temporary(target)
    try:
        tmp.write_bytes(payload)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _temporary(target: Path) -> Path:
    """A new empty file beside `target`, readable as `target` would be (mkstemp makes 0600;
    dist/ is for sharing)."""
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    os.fchmod(handle, 0o666 & ~umask)
    os.close(handle)
    return Path(tmp)
