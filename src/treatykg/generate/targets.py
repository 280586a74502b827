"""Where each node of a planned claim will be in the built graph: its IRIs and named graphs,
minted exactly as compile.py, assertion.py and anchor.py mint them (docs/model.md)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .. import namespaces as ns
from .plan import Agreement, Claim, Coding, CodingBatch, Document, Source


@dataclass(frozen=True)
class ClaimRef:
    agreement: Agreement
    source: Source
    claim: Claim

    @property
    def key(self) -> str:
        return f"{self.source.id}/{self.claim.id}"

    @property
    def iri(self) -> str:
        return str(ns.claim(self.source.id, self.claim.id))

    def nanopub(self, part: str = "") -> str:
        return str(ns.nanopub(self.source.id, self.claim.id, part))

    @property
    def provenance(self) -> str:
        return self.nanopub("provenance")

    def attestation(self, n: int) -> str:
        return f"{self.iri}/attestation/{n}"

    def anchor(self, n: int, m: int) -> str:
        return f"{self.attestation(n)}/anchor/{m}"

    def hop(self, n: int, h: int) -> str:
        return f"{self.attestation(n)}/hop/{h}"

    def hops(self, n: int) -> list:
        return self.source.chains[self.claim.attestations[n - 1].chain]

    def commitment(self, k: int) -> str:
        suffix = "" if len(self.claim.commitments) == 1 else f"-{k + 1}"
        return str(ns.ID[f"commitment/{self.source.id}/{self.claim.id}{suffix}"])

    @property
    def initial(self) -> str:
        return str(ns.ID[f"assessment/{self.source.id}/{self.claim.id}/initial"])

    @property
    def assessments_graph(self) -> str:
        return str(ns.GRAPH[f"assessments/{self.source.id}"])

    @property
    def signed(self) -> bool:
        return self.source.kind == "agreement-text"


@dataclass(frozen=True)
class SourceRef:
    """A source document a fault can break: a compiled one, or a speech of the entities."""

    id: str
    graph: str
    issued: dt.date
    stored: bool  # compiled from a stored text (so it has a tkg:textSHA256)

    @property
    def key(self) -> str:
        return f"source:{self.id}"

    @property
    def iri(self) -> str:
        return str(ns.source(self.id))


def sources(agreements: list[Agreement], documents: list[Document]) -> list[SourceRef]:
    found = [
        SourceRef(s.id, source_graph(s), s.issued, True)
        for a in agreements
        for s in ([a.text] if a.text else []) + a.reports
    ]
    entities = str(ns.GRAPH["entities/documents"])
    found += [SourceRef(d.slug, entities, d.issued, False) for d in documents if d.issued]
    return found


def source_iri(source: Source) -> str:
    return str(ns.source(source.id))


def source_graph(source: Source) -> str:
    return str(ns.GRAPH[f"source/{source.id}"])


def claims(agreements: list[Agreement]) -> list[ClaimRef]:
    found = []
    for a in agreements:
        for source in [a.text, *a.reports] if a.text else a.reports:
            found.extend(ClaimRef(a, source, c) for c in source.claims)
    return found


@dataclass(frozen=True)
class CodingRef:
    """One typology coding of an agreement."""

    agreement: Agreement
    batch: CodingBatch
    coding: Coding

    @property
    def key(self) -> str:
        return f"coding:{self.iri}"

    @property
    def iri(self) -> str:
        return str(ns.ID[f"coding/{self.batch.id}/{self.coding.type}"])

    @property
    def graph(self) -> str:
        return str(ns.GRAPH[f"codings/{self.batch.id}"])


def codings(agreements: list[Agreement]) -> list[CodingRef]:
    return [CodingRef(a, a.codings, c) for a in agreements if a.codings for c in a.codings.codings]
