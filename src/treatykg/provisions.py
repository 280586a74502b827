"""Compile an agreement's provisions (graph/provisions/*.yaml) into addressable resources.

Each provision gets a stable IRI from its eId (`id/agreement/{agreement}/art_2/para_4`), its
place in the tree (`dcterms:isPartOf`), and an anchor into the stored signed text, found from
a start phrase and an end phrase so that the YAML does not copy the text it points at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from . import anchor, yamlfile
from . import namespaces as ns
from .authoring import EId, Slug, Text, load_as
from .errors import UserError
from .namespaces import TKG
from .terms import Terms

ELI = ns.Namespace("http://data.europa.eu/eli/ontology#")


class Provision(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    eid: EId
    label: Text
    starts: Text
    ends: Text


class ProvisionFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    agreement: Slug
    source: Slug
    expression: Slug = "signed-en"
    language: Annotated[str, Field(pattern=r"^[a-z]{2,3}$")] = "en"
    text: Text
    provisions: Annotated[list[Provision], Field(min_length=1)]


def compile_file(path: Path, graph_dir: Path, terms: Terms, ds: Dataset) -> None:
    """Add the provisions of one file to `ds` and to the known terms."""
    parsed, lines = load_as(ProvisionFile, path)
    work = terms.entity("agreement", parsed.agreement)
    if work is None:
        raise UserError(
            f"agreement: unknown agreement {parsed.agreement!r}",
            path,
            yamlfile.line_of(lines, ("agreement",)),
            "define it in graph/entities/agreements.ttl",
        )
    text = yamlfile.read_text(graph_dir / parsed.text)
    g = ds.graph(ns.GRAPH[f"provisions/{parsed.agreement}"])
    expression = URIRef(f"{work}/expression/{parsed.expression}")
    source = ns.source(parsed.source)
    seen: dict[str, tuple[int, int]] = {}
    for index, provision in enumerate(parsed.provisions):
        where = ("provisions", index)
        span = _span(text, provision, path, lines, where)
        _check_tree(provision.eid, span, seen, path, yamlfile.line_of(lines, where))
        iri = URIRef(f"{work}/{provision.eid}")
        parent = provision.eid.rsplit("/", 1)[0] if "/" in provision.eid else None
        g.add((iri, RDF.type, TKG.Provision))
        g.add((iri, TKG.eId, Literal(provision.eid)))
        g.add((iri, RDFS.label, Literal(provision.label, lang="en")))
        g.add((iri, DCTERMS.isPartOf, URIRef(f"{work}/{parent}") if parent else work))
        g.add((iri, TKG.inExpression, expression))
        g.add((iri, TKG.anchor, URIRef(f"{iri}/anchor")))
        anchor.add_anchor(g, URIRef(f"{iri}/anchor"), source, span)
        terms.subjects.add(iri)
        terms.spans[iri] = (source, text, span.start, span.end)
    g.add((work, ELI.is_realized_by, expression))
    g.add((source, ELI.embodies, expression))


def _span(text: str, provision: Provision, path: Path, lines: dict, where: tuple) -> anchor.Anchor:
    try:
        return anchor.find_range(text, provision.starts, provision.ends)
    except (anchor.QuoteNotFound, anchor.QuoteAmbiguous) as err:
        raise UserError(
            f"provisions.{where[1]} ({provision.eid}): {err}",
            path,
            yamlfile.line_of(lines, where),
            "copy the start and end phrases exactly from the text; the start must be unique",
        ) from None


def _check_tree(eid: str, span: anchor.Anchor, seen: dict, path: Path, line: int | None) -> None:
    """A provision comes after its parent, once, and lies inside the parent's text."""
    if eid in seen:
        raise UserError(
            f"the eId {eid!r} is used twice", path, line, "give each provision its own eId"
        )
    parent = eid.rsplit("/", 1)[0] if "/" in eid else None
    if parent is not None:
        if parent not in seen:
            raise UserError(
                f"{eid!r} comes before its parent {parent!r}",
                path,
                line,
                "list provisions in document order, parents first",
            )
        start, end = seen[parent]
        if not (start <= span.start and span.end <= end):
            raise UserError(
                f"{eid!r} ({span.start}-{span.end}) lies outside its parent "
                f"{parent!r} ({start}-{end})",
                path,
                line,
                "check the start and end phrases of both",
            )
    seen[eid] = (span.start, span.end)
