"""Injected faults: for each kind of problem the SHACL shapes check, a SPARQL Update that
breaks one node of the built corpus, and exactly the results pyshacl then reports.

Most faults cannot be written in the authoring format (the compiler refuses a claim without
a source, a hop without an agent…), so every fault is a post-build update, written to
`faults.ru`; `faults.json` is the manifest of the results expected from the shapes. The
kinds mirror tests/fixtures/shapes/*.ru, one per shape (and a second way to break Hop-agent);
the codings' shapes have theirs in codingfaults.py.
Each fault gets nodes of its own (locks), so that no two faults change each other's results.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import namespaces as ns
from ..errors import UserError
from .plan import Corpus
from .targets import ClaimRef, source_iri

SH = "http://www.w3.org/ns/shacl#"
SHAPE = "https://w3id.org/treatykg/shapes#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TKG, PROV, OA = str(ns.TKG), str(ns.PROV), str(ns.OA)
NP, DCT, RDFS = str(ns.NP), "http://purl.org/dc/terms/", "http://www.w3.org/2000/01/rdf-schema#"
SKOS, SCHEMA = "http://www.w3.org/2004/02/skos/core#", str(ns.SCHEMA)


@dataclass(frozen=True)
class Result:
    """One SHACL result: what pyshacl reports (sh:focusNode, sh:resultPath as SPARQL property
    path text with full IRIs or None, sh:sourceConstraintComponent, sh:sourceShape)."""

    kind: str
    severity: str
    focus: str
    path: str | None
    component: str
    shape: str


@dataclass
class Fault:
    kind: str
    target: str
    operations: list[str]
    results: list[Result]


@dataclass
class Context:
    corpus: Corpus
    rng: random.Random
    hashes: dict[str, str]  # source id -> sha256 of its text
    pool: list[ClaimRef] = field(default_factory=list)  # every claim, in a seeded order
    locks: set[str] = field(default_factory=set)
    n: int = 0

    def take_other(self, r: ClaimRef) -> ClaimRef:
        """A second claim, locked too (e.g. one that an assessment wrongly also judges)."""
        for other in self.pool:
            if other.key not in self.locks:
                self.locks.add(other.key)
                return other
        raise too_small("Assessment-claim")

    def take_actor(self):  # -> plan.Actor
        for actor in self.corpus.actors:
            key = f"actor:{actor.slug}"
            if actor.wikidata is not None and key not in self.locks:
                self.locks.add(key)
                return actor
        raise too_small("WikidataLink-iri")


def too_small(kind: str, found: int | None = None) -> UserError:
    room = f" (it has room for {found})" if found is not None else ""
    return UserError(
        f"the corpus is too small for this many faults of kind {kind}{room}",
        hint="raise --triples or lower --faults: each fault of every kind needs about 5,000 "
        "triples, and Dates-startDate one agreement (about 12,000 triples) per fault",
    )


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: str, datatype: str | None = None) -> str:
    text = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text + (f"^^<{datatype}>" if datatype else "")


def delete_data(graph: str, *triples: tuple[str, str, str]) -> str:
    body = "\n".join(f"    {s} {p} {o} ." for s, p, o in triples)
    return f"DELETE DATA {{\n  GRAPH <{graph}> {{\n{body}\n  }}\n}}"


def insert_data(graph: str, *triples: tuple[str, str, str]) -> str:
    return delete_data(graph, *triples).replace("DELETE DATA", "INSERT DATA", 1)


def replace(graph: str, subject: str, prop: str, new: str | None) -> str:
    """Delete every value of `prop` on `subject` in `graph` (whatever it is) and, if `new` is
    given, insert that one instead."""
    s, p = _iri(subject), _iri(prop)
    insert = f" INSERT {{ GRAPH <{graph}> {{ {s} {p} {new} }} }}" if new else ""
    return (
        f"DELETE {{ GRAPH <{graph}> {{ {s} {p} ?old }} }}{insert}\n"
        f"WHERE {{ GRAPH <{graph}> {{ {s} {p} ?old }} }}"
    )


def result(
    kind: str, focus: str, path: str | None, component: str, shape: str, severity: str = "violation"
) -> Result:
    return Result(kind, severity, focus, path, SH + component, SHAPE + shape)


def _p(*props: str) -> str:
    return "/".join(_iri(p) for p in props)


# ------------------------------------------------------------------ claim-level kinds
# Each maker takes a claim (its nodes are locked for it) and returns the operations and the
# results; `ok` says which claims it can break.

Maker = Callable[[Context, ClaimRef], tuple[list[str], list[Result]]]


def claim_attestation(ctx: Context, r: ClaimRef) -> tuple[list[str], list[Result]]:
    links = [
        (_iri(r.iri), _iri(TKG + "attestedBy"), _iri(r.attestation(n)))
        for n in range(1, len(r.claim.attestations) + 1)
    ]
    k = "Claim-attestation"
    return [delete_data(r.provenance, *links)], [
        result(k, r.iri, _p(TKG + "attestedBy"), "MinCountConstraintComponent", k),
        result(
            k,
            r.iri,
            _p(TKG + "attestedBy", TKG + "anchor", OA + "hasSource"),
            "MinCountConstraintComponent",
            "Claim-source",
        ),
    ]


def claim_source(ctx: Context, r: ClaimRef) -> tuple[list[str], list[Result]]:
    k, src = "Claim-source", _iri(source_iri(r.source))
    anchors = [
        r.anchor(n, m)
        for n, att in enumerate(r.claim.attestations, 1)
        for m in range(1, len(att.quotes) + 1)
    ]
    op = delete_data(r.provenance, *[(_iri(a), _iri(OA + "hasSource"), src) for a in anchors])
    return [op], [
        result(
            k,
            r.iri,
            _p(TKG + "attestedBy", TKG + "anchor", OA + "hasSource"),
            "MinCountConstraintComponent",
            k,
        ),
        *[
            result(k, a, _p(OA + "hasSource"), "MinCountConstraintComponent", "Anchor-source")
            for a in anchors
        ],
    ]


def claim_label(ctx: Context, r: ClaimRef):
    k = "Claim-label"
    return [replace(r.provenance, r.iri, RDFS + "label", None)], [
        result(k, r.iri, _p(RDFS + "label"), "MinCountConstraintComponent", k, "warning")
    ]


def claim_nanopub(ctx: Context, r: ClaimRef):
    k = "Claim-nanopub"
    op = delete_data(r.nanopub("head"), (_iri(r.nanopub()), _iri(NP + "hasAssertion"), _iri(r.iri)))
    return [op], [result(k, r.iri, "^" + _p(NP + "hasAssertion"), "MinCountConstraintComponent", k)]


def claim_status(ctx: Context, r: ClaimRef):
    k = "Claim-status"
    g, node = r.assessments_graph, _iri(r.initial)
    op = f"DELETE WHERE {{ GRAPH <{g}> {{ {node} ?p ?o }} }}"
    return [op], [
        result(k, r.iri, "^" + _p(TKG + "assessedClaim"), "MinCountConstraintComponent", k)
    ]


def nanopub_part(prop: str, part: str, k: str) -> Maker:
    def make(ctx: Context, r: ClaimRef):
        op = delete_data(
            r.nanopub("head"), (_iri(r.nanopub()), _iri(NP + prop), _iri(r.nanopub(part)))
        )
        return [op], [result(k, r.nanopub(), _p(NP + prop), "MinCountConstraintComponent", k)]

    return make


def attestation_anchor(ctx: Context, r: ClaimRef):
    k, att = "Attestation-anchor", r.attestation(1)
    links = [
        (_iri(att), _iri(TKG + "anchor"), _iri(r.anchor(1, m)))
        for m in range(1, len(r.claim.attestations[0].quotes) + 1)
    ]
    found = [result(k, att, _p(TKG + "anchor"), "MinCountConstraintComponent", k)]
    if len(r.claim.attestations) == 1:  # the claim then has no anchored source at all
        found.append(
            result(
                k,
                r.iri,
                _p(TKG + "attestedBy", TKG + "anchor", OA + "hasSource"),
                "MinCountConstraintComponent",
                "Claim-source",
            )
        )
    return [delete_data(r.provenance, *links)], found


def attestation_chain(ctx: Context, r: ClaimRef):
    k, att = "Attestation-chain", r.attestation(1)
    links = [
        (_iri(att), _iri(PROV + "qualifiedAttribution"), _iri(r.hop(1, h)))
        for h in range(1, len(r.hops(1)) + 1)
    ]
    return [delete_data(r.provenance, *links)], [
        result(k, att, _p(PROV + "qualifiedAttribution"), "MinCountConstraintComponent", k)
    ]


def attestation_date(ctx: Context, r: ClaimRef):
    k = "Attestation-date"
    return [replace(r.provenance, r.attestation(1), DCT + "date", None)], [
        result(k, r.attestation(1), _p(DCT + "date"), "MinCountConstraintComponent", k)
    ]


def hops_contiguous(ctx: Context, r: ClaimRef):
    k, last = "Attestation-hopsContiguous", len(r.hops(1))
    op = replace(r.provenance, r.hop(1, last), TKG + "hop", _lit("5", XSD + "integer"))
    return [op], [result(k, r.attestation(1), None, "SPARQLConstraintComponent", k)]


def not_after_source(ctx: Context, r: ClaimRef):
    import datetime as dt

    k = "Attestation-notAfterSource"
    later = (r.source.issued + dt.timedelta(days=10)).isoformat()
    op = replace(r.provenance, r.attestation(1), DCT + "date", _lit(later, XSD + "date"))
    return [op], [result(k, r.attestation(1), None, "SPARQLConstraintComponent", k)]


def hop_untyped(ctx: Context, r: ClaimRef):
    last = len(r.hops(1))
    ctx.n += 1
    agent = _iri(str(ns.actor(f"synthetic-untyped-agent-{ctx.n}")))
    op = replace(r.provenance, r.hop(1, last), PROV + "agent", agent)
    return [op], [
        result(
            "Hop-agent--untyped-last-hop",
            r.hop(1, last),
            _p(PROV + "agent"),
            "ClassConstraintComponent",
            "Hop-agent",
        )
    ]


def hop_agent(ctx: Context, r: ClaimRef):
    return [replace(r.provenance, r.hop(1, 1), PROV + "agent", None)], [
        result(
            "Hop-agent", r.hop(1, 1), _p(PROV + "agent"), "MinCountConstraintComponent", "Hop-agent"
        )
    ]


def hop_role(ctx: Context, r: ClaimRef):
    area = _iri(str(ns.concept("area", "air-defence")))
    return [replace(r.provenance, r.hop(1, 1), PROV + "hadRole", area)], [
        result("Hop-role", r.hop(1, 1), _p(PROV + "hadRole"), "NodeConstraintComponent", "Hop-role")
    ]


def hop_number(ctx: Context, r: ClaimRef):
    op = replace(r.provenance, r.hop(1, 1), TKG + "hop", _lit("1", XSD + "decimal"))
    return [op], [
        result(
            "Hop-number", r.hop(1, 1), _p(TKG + "hop"), "DatatypeConstraintComponent", "Hop-number"
        )
    ]


def hop_anonymous(ctx: Context, r: ClaimRef):
    k = "Hop-anonymousReportedByNamedOutlet"
    h = next(i for i, hop in enumerate(r.hops(1), 1) if hop.role == "anonymous-insider")
    insiders = next(a.slug for a in ctx.corpus.actors if a.role == "unattributed")
    op = replace(r.provenance, r.hop(1, h - 1), PROV + "agent", _iri(str(ns.actor(insiders))))
    return [op], [result(k, r.hop(1, h), None, "SPARQLConstraintComponent", k, "warning")]
