"""Serialise a dataset to TriG, N-Quads and JSON-LD, byte-identically from build to build.

rdflib's serialisers follow its store's hash order, which changes between Python processes;
so the quads are sorted here and written by pyoxigraph's serialisers, which keep input order.
Files are written to a temporary name and renamed, so `dist/` never holds a half-written file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.term import Node

from . import namespaces as ns
from .errors import UserError

FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "trig": ("treatykg.trig", ox.RdfFormat.TRIG),
    "nquads": ("treatykg.nq", ox.RdfFormat.N_QUADS),
    "jsonld": ("treatykg.jsonld", ox.RdfFormat.JSON_LD),
}


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


def sorted_quads(ds: Dataset) -> list[ox.Quad]:
    """Every quad of the named graphs in one canonical order: graph, subject, predicate, object."""
    quads = []
    for s, p, o, g in ds.quads((None, None, None, None)):
        graph = g.identifier if isinstance(g, Graph) else g
        quads.append(((str(graph), s.n3(), p.n3(), o.n3()), (s, p, o, graph)))
    quads.sort(key=lambda pair: pair[0])
    return [
        ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))  # type: ignore[arg-type]
        for _, (s, p, o, g) in quads
    ]


def serialize(quads: Iterable[ox.Quad], fmt: str) -> bytes:
    _, rdf_format = FORMATS[fmt]
    prefixes = None if fmt == "nquads" else dict(ns.PREFIXES)
    return ox.serialize(quads, format=rdf_format, prefixes=prefixes)  # type: ignore[return-value]


def write_dist(ds: Dataset, outdir: Path) -> dict[str, Path]:
    """Write the dataset in every format to `outdir`, atomically per file."""
    quads = sorted_quads(ds)
    payloads = {fmt: serialize(quads, fmt) for fmt in FORMATS}  # all or nothing: render first
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise UserError(
            f"cannot create the output directory: {err.strerror}",
            outdir,
            hint="give --out a directory path (it is created if missing), not a file",
        ) from None
    written = {}
    for fmt, payload in payloads.items():
        target = outdir / FORMATS[fmt][0]
        atomic_write(target, payload)
        written[fmt] = target
    return written


def atomic_write(target: Path, payload: bytes) -> None:
    """Write to a temporary file beside `target`, then rename it over `target`."""
    handle, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(handle, 0o666 & ~umask)  # mkstemp makes 0600; dist/ is for sharing
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
