"""Typology codings: an agreement's commitments coded under ATOP's and COW's obligation types.

A coding is a claim by its coder, not a fact about the agreement: "agreement A does (or does
not) contain a pledge of type T, because of provision P". One YAML file per batch
(graph/codings/*.yaml, or a companion's codings/): the coder, the date, and one entry per
cell with its value, the provision it rests on (by eId; for an agreement whose text no source
keeps, the reported claim instead) and one line of reasoning. Whether the value follows from
the data is checked by shapes (tkgsh:Coding-yesBacked, tkgsh:Coding-noContradicted).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator
from rdflib import XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from . import namespaces as ns
from . import yamlfile
from .assessments import ClaimRef
from .authoring import EId, Slug, Text, load_as
from .errors import UserError
from .namespaces import PROV, TKG
from .terms import Terms

SCHEMES = ("atop", "cow")
TypeRef = Annotated[str, Field(pattern=r"^(atop|cow)/[a-z0-9]+(-[a-z0-9]+)*$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Coding(Strict):
    type: TypeRef  # scheme/notation, e.g. atop/consultation
    value: bool  # yes | no
    provision: EId | None = None
    claim: ClaimRef | None = None
    reasoning: Text

    @model_validator(mode="after")
    def one_basis(self) -> Coding:
        if (self.provision is None) == (self.claim is None):
            raise ValueError("give exactly one of provision (an eId) or claim (source/claim)")
        return self


class Batch(Strict):
    id: Slug
    coder: Slug
    date: dt.date
    agreement: Slug
    codings: Annotated[list[Coding], Field(min_length=1)]


def compile_all(
    files: list[tuple[Path, Path]], graph_root: Path, terms: Terms, ds: Dataset
) -> None:
    """Compile every coding batch; a batch id and a cell (agreement, type) per batch once."""
    seen: dict[str, Path] = {}
    for path, _folder in files:
        batch, lines = load_as(Batch, path)
        if batch.id in seen:
            raise UserError(
                f"id: the coding batch id {batch.id!r} is already used by {seen[batch.id]}",
                path,
                yamlfile.line_of(lines, ("id",)),
                "give each batch its own id: it is part of every coding's IRI",
            )
        seen[batch.id] = path
        rel = (
            path.relative_to(graph_root).as_posix()
            if path.is_relative_to(graph_root)
            else path.name
        )
        _compile(batch, lines, path, rel, terms, ds)


def _compile(batch: Batch, lines: dict, path: Path, rel: str, terms: Terms, ds: Dataset) -> None:
    g = ds.graph(ns.GRAPH[f"codings/{batch.id}"])
    work = _need(
        terms.entity("agreement", batch.agreement),
        path,
        lines,
        ("agreement",),
        f"unknown agreement {batch.agreement!r}",
        "define it in graph/entities/agreements.ttl",
    )
    coder = _need(
        terms.entity("actor", batch.coder),
        path,
        lines,
        ("coder",),
        f"unknown actor {batch.coder!r}",
        "define the coder in graph/entities/actors.ttl",
    )
    cells: set[str] = set()
    for i, item in enumerate(batch.codings):
        where = ("codings", i)
        if item.type in cells:
            raise UserError(
                f"codings.{i}.type: {item.type!r} is coded twice in this batch",
                path,
                yamlfile.line_of(lines, (*where, "type")),
                "code each obligation type once per agreement and batch",
            )
        cells.add(item.type)
        scheme, notation = item.type.split("/")
        concept = _need(
            terms.concept(scheme, notation),
            path,
            lines,
            (*where, "type"),
            f"unknown {scheme} type {notation!r}",
            f"use one of: {', '.join(sorted(terms.concepts.get(scheme, {})))}",
        )
        node = ns.ID[f"coding/{batch.id}/{scheme}/{notation}"]
        g.add((node, RDF.type, TKG.Coding))
        g.add(
            (
                node,
                RDFS.label,
                Literal(
                    f"{batch.agreement}: {item.type} = {'yes' if item.value else 'no'}", lang="en"
                ),
            )
        )
        g.add((node, TKG.codedAgreement, work))
        g.add((node, TKG.obligationType, concept))
        g.add((node, TKG.codedValue, Literal(item.value)))
        g.add((node, TKG.codedFrom, _basis(item, work, terms, path, lines, where)))
        g.add((node, TKG.reasoning, Literal(item.reasoning, lang="en")))
        g.add((node, PROV.wasAttributedTo, coder))
        g.add((node, DCTERMS.date, Literal(batch.date, datatype=XSD.date)))
        g.add((node, TKG.authoringFile, Literal(rel)))
        g.add((node, TKG.authoringLine, Literal(yamlfile.line_of(lines, (*where, "type")))))


def _basis(item: Coding, work: URIRef, terms: Terms, path, lines, where) -> URIRef:
    if item.provision is not None:
        iri = URIRef(f"{work}/{item.provision}")
        return _need(
            iri if iri in terms.subjects else None,
            path,
            lines,
            (*where, "provision"),
            f"unknown provision {item.provision!r} of {work.rsplit('/', 1)[-1]}",
            "use an eId that the agreement's provisions file defines",
        )
    source, claim = item.claim.split("/")  # type: ignore[union-attr]
    iri = ns.claim(source, claim)
    return _need(
        iri if iri in terms.claims else None,
        path,
        lines,
        (*where, "claim"),
        f"unknown claim {item.claim!r}",
        "claims are 'source-id/claim-id'",
    )


def _need(iri: URIRef | None, path: Path, lines: dict, where: tuple, problem: str, hint: str):
    if iri is None:
        raise UserError(
            f"{'.'.join(map(str, where))}: {problem}", path, yamlfile.line_of(lines, where), hint
        )
    return iri
