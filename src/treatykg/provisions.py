"""Compile an agreement's provisions (graph/provisions/*.yaml) into addressable resources.

Each provision gets a stable IRI from its eId (`id/agreement/{agreement}/art_2/para_4`), its
place in the tree (`dcterms:isPartOf`), and an anchor into the stored signed text, found from
a start phrase and an end phrase so that the YAML does not copy the text it points at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from rdflib import Dataset, URIRef
from rdflib import Literal as RDFLiteral
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
    starts: Text | None = None
    ends: Text | None = None
    # a provision known to exist whose wording no source keeps: no anchor, said so
    wording: Literal["unknown"] | None = None
    description: Text | None = None

    @model_validator(mode="after")
    def anchored_or_unknown(self) -> Provision:
        if (self.starts is None or self.ends is None) and self.wording != "unknown":
            raise ValueError("give starts and ends, or wording: unknown (with a description)")
        if self.wording == "unknown" and (self.starts or self.ends or not self.description):
            raise ValueError("a provision of unknown wording has a description and no phrases")
        return self


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
        iri = URIRef(f"{work}/{provision.eid}")
        parent = provision.eid.rsplit("/", 1)[0] if "/" in provision.eid else None
        g.add((iri, RDF.type, TKG.Provision))
        g.add((iri, TKG.eId, RDFLiteral(provision.eid)))
        g.add((iri, RDFS.label, RDFLiteral(provision.label, lang="en")))
        g.add((iri, DCTERMS.isPartOf, URIRef(f"{work}/{parent}") if parent else work))
        g.add((iri, TKG.inExpression, expression))
        terms.subjects.add(iri)
        if provision.wording == "unknown":
            # no source keeps its words: described, never quoted (docs/companions.md)
            g.add((iri, DCTERMS.description, RDFLiteral(provision.description, lang="en")))
            g.add((iri, TKG.unknownProperty, TKG.anchor))
            continue
        span = _span(text, provision, path, lines, where)
        _check_tree(provision.eid, span, seen, path, yamlfile.line_of(lines, where))
        g.add((iri, TKG.anchor, URIRef(f"{iri}/anchor")))
        anchor.add_anchor(g, URIRef(f"{iri}/anchor"), source, span)
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
