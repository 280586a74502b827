"""Assessments: an analyst's dated judgement of each claim against the signed text.

One YAML file per batch of assessments (graph/assessments/*.yaml). Batches are append-only:
a later batch's assessment of a claim supersedes (`tkg:supersedes`) the claim's current one
without deleting it, so the history stays queryable and the "current status" is the one that
nothing supersedes. Each assessment cites its evidence: passages of the signed text, checked
to lie inside the provision they are said to come from.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field
from rdflib import XSD, Dataset, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import DCTERMS, RDF, RDFS

from . import anchor, yamlfile
from . import namespaces as ns
from .authoring import EId, Slug, Text, load_as
from .errors import UserError
from .namespaces import CITO, PROV, TKG
from .terms import Terms

ClaimRef = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")]
RELATIONS = {"supports": CITO.supports, "disputes": CITO.disputes, "same-as": TKG.sameClaimAs}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(Strict):
    provision: EId
    quote: Text


class Assessment(Strict):
    claim: ClaimRef
    status: Slug
    differences: list[Slug] = []
    evidence: list[Evidence] = []
    note: Text


class Relation(Strict):
    claim: ClaimRef
    relation: Literal["supports", "disputes", "same-as"]
    other: ClaimRef


class Batch(Strict):
    id: Slug
    assessor: Slug
    date: dt.date
    agreement: Slug
    assessments: list[Assessment] = []
    relations: list[Relation] = []


def read(path: Path) -> tuple[Batch, dict]:
    return load_as(Batch, path)


def compile_all(paths: list[Path], terms: Terms, ds: Dataset) -> None:
    """Compile every batch, oldest first, chaining each claim's assessments."""
    batches = sorted((read(p) + (p,) for p in paths), key=lambda b: (b[0].date, b[0].id))
    current = {
        claim: node
        for node, claim in ds.subject_objects(TKG.assessedClaim)
        if isinstance(claim, URIRef)
    }
    seen: set[str] = set()
    for batch, lines, path in batches:
        if batch.id in seen:
            raise UserError(
                f"id: the batch id {batch.id!r} is used twice",
                path,
                yamlfile.line_of(lines, ("id",)),
                "give each batch its own id",
            )
        seen.add(batch.id)
        _compile(batch, lines, path, terms, ds, current)


def _compile(
    batch: Batch, lines: dict, path: Path, terms: Terms, ds: Dataset, current: dict
) -> None:
    g = ds.graph(ns.GRAPH[f"assessments/{batch.id}"])
    work = ns.agreement(batch.agreement)
    assessor = _known(
        terms.entity("actor", batch.assessor), "assessor", batch.assessor, path, lines
    )
    g.add((g.identifier, PROV.wasAttributedTo, assessor))
    g.add((g.identifier, DCTERMS.date, RDFLiteral(batch.date, datatype=XSD.date)))
    for i, item in enumerate(batch.assessments):
        where = ("assessments", i)
        claim = _claim(item.claim, terms, path, lines, (*where, "claim"))
        node = ns.ID[f"assessment/{item.claim}/{batch.id}"]
        g.add((node, RDF.type, TKG.Assessment))
        g.add((node, TKG.assessedClaim, claim))
        g.add(
            (
                node,
                TKG.status,
                _concept(terms, "status", item.status, path, lines, (*where, "status")),
            )
        )
        for k, slug in enumerate(item.differences):
            g.add(
                (
                    node,
                    TKG.difference,
                    _concept(terms, "difference", slug, path, lines, (*where, "differences", k)),
                )
            )
        g.add((node, PROV.wasAttributedTo, assessor))
        g.add((node, DCTERMS.date, RDFLiteral(batch.date, datatype=XSD.date)))
        g.add((node, RDFS.comment, RDFLiteral(item.note, lang="en")))
        if claim in current:
            g.add((node, TKG.supersedes, current[claim]))
        current[claim] = node
        for n, evidence in enumerate(item.evidence, start=1):
            _evidence(g, node, n, work, evidence, terms, path, lines, (*where, "evidence", n - 1))
    for i, rel in enumerate(batch.relations):
        where = ("relations", i)
        a = _claim(rel.claim, terms, path, lines, (*where, "claim"))
        b = _claim(rel.other, terms, path, lines, (*where, "other"))
        g.add((a, RELATIONS[rel.relation], b))


def _evidence(g, node, n, work, evidence: Evidence, terms, path, lines, where) -> None:
    provision = URIRef(f"{work}/{evidence.provision}")
    if provision not in terms.spans:
        raise UserError(
            f"{_dotted(where)}.provision: unknown provision {evidence.provision!r}",
            path,
            yamlfile.line_of(lines, (*where, "provision")),
            "use an eId from graph/provisions/ (treatykg query provisions)",
        )
    source, text, start, end = terms.spans[provision]
    try:
        found = anchor.find_within(text, evidence.quote, start, end)
    except (anchor.QuoteNotFound, anchor.QuoteAmbiguous) as err:
        raise UserError(
            f"{_dotted(where)}.quote: not in provision {evidence.provision}: {err}",
            path,
            yamlfile.line_of(lines, (*where, "quote")),
            "quote the words of that provision exactly (spacing may differ)",
        ) from None
    target = URIRef(f"{node}/evidence/{n}")
    g.add((node, TKG.evidence, target))
    g.add((target, TKG.provision, provision))
    anchor.add_anchor(g, target, source, found)


def _claim(ref: str, terms: Terms, path, lines, where) -> URIRef:
    source, claim = ref.split("/")
    return _known(
        ns.claim(source, claim) if ns.claim(source, claim) in terms.claims else None,
        "claim",
        ref,
        path,
        lines,
        where,
    )


def _concept(terms: Terms, scheme: str, slug: str, path, lines, where) -> URIRef:
    iri = terms.concept(scheme, slug)
    if iri is None:
        known = ", ".join(sorted(terms.concepts.get(scheme, {})))
        raise UserError(
            f"{_dotted(where)}: unknown {scheme} {slug!r}",
            path,
            yamlfile.line_of(lines, where),
            f"use one of: {known}",
        )
    return iri


def _known(iri, kind: str, slug: str, path, lines, where=None) -> URIRef:
    if iri is None:
        where = where or (kind,)
        raise UserError(
            f"{_dotted(where)}: unknown {kind} {slug!r}",
            path,
            yamlfile.line_of(lines, where),
            "claims are 'source-id/claim-id' (treatykg query claim-status lists them)"
            if kind == "claim"
            else "define it in graph/entities/",
        )
    return iri


def _dotted(where: tuple) -> str:
    return ".".join(map(str, where))
