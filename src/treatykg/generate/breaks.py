"""The fault kinds on anchors, selectors, commitments, assessments, sources and actors, and
the registry of every kind: which nodes it can break (`ok`) and how (`make`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .. import namespaces as ns
from . import faults as F
from .codingfaults import CODING_KINDS
from .faults import DCT, OA, RDFS, SCHEMA, SKOS, TKG, Context, _iri, _lit, _p, result
from .targets import ClaimRef, SourceRef


def anchor_source(ctx: Context, r: ClaimRef):
    k, anchor = "Anchor-source", r.anchor(1, 1)
    other = next(d.slug for d in ctx.corpus.documents if d.kind == "back-translation")
    op = F.insert_data(
        r.provenance, (_iri(anchor), _iri(OA + "hasSource"), _iri(str(ns.source(other))))
    )
    return [op], [result(k, anchor, _p(OA + "hasSource"), "MaxCountConstraintComponent", k)]


def anchor_selector(part: str, k: str, severity: str) -> F.Maker:
    def make(ctx: Context, r: ClaimRef):
        anchor = r.anchor(1, 1)
        op = F.delete_data(
            r.provenance, (_iri(anchor), _iri(OA + "hasSelector"), _iri(f"{anchor}/{part}"))
        )
        return [op], [
            result(
                k,
                anchor,
                _p(OA + "hasSelector"),
                "QualifiedMinCountConstraintComponent",
                k,
                severity,
            )
        ]

    return make


def quote_exact(ctx: Context, r: ClaimRef):
    k, node = "QuoteSelector-exact", r.anchor(1, 1) + "/quote"
    return [F.replace(r.provenance, node, OA + "exact", '""')], [
        result(k, node, _p(OA + "exact"), "MinLengthConstraintComponent", k)
    ]


def position_start(ctx: Context, r: ClaimRef):
    k, node = "PositionSelector-start", _iri(r.anchor(1, 1) + "/position")
    g, start, end = r.provenance, _iri(OA + "start"), _iri(OA + "end")
    op = (
        f"DELETE {{ GRAPH <{g}> {{ {node} {start} ?s ; {end} ?e }} }}\n"
        f"INSERT {{ GRAPH <{g}> {{ {node} {start} ?e ; {end} ?s }} }}\n"
        f"WHERE {{ GRAPH <{g}> {{ {node} {start} ?s ; {end} ?e }} }}"
    )
    return [op], [
        result(k, r.anchor(1, 1) + "/position", _p(OA + "start"), "LessThanConstraintComponent", k)
    ]


def position_end(ctx: Context, r: ClaimRef):
    k, node = "PositionSelector-end", r.anchor(1, 1) + "/position"
    return [F.replace(r.provenance, node, OA + "end", None)], [
        result(k, node, _p(OA + "end"), "MinCountConstraintComponent", k)
    ]


def commitment_party(prop: str, k: str) -> F.Maker:
    def make(ctx: Context, r: ClaimRef):
        c = r.commitment(0)
        return [F.replace(r.iri, c, TKG + prop, None)], [
            result(k, c, None, "OrConstraintComponent", k)
        ]

    return make


def commitment_value(prop: str, new: str, component: str, k: str) -> F.Maker:
    def make(ctx: Context, r: ClaimRef):
        c = r.commitment(0)
        return [F.replace(r.iri, c, prop, new)], [result(k, c, _p(prop), component, k)]

    return make


def commitment_agreement(ctx: Context, r: ClaimRef):
    """The commitment belongs to the agreement's annex (not a tkg:Agreement) instead."""
    k, c = "Commitment-agreement", r.commitment(0)
    annex = _iri(f"{ns.agreement(r.agreement.slug)}/annex")
    return [F.replace(r.iri, c, TKG + "agreement", annex)], [
        result(k, c, _p(TKG + "agreement"), "ClassConstraintComponent", k)
    ]


def assessment_value(prop: str, new: str | None, component: str, k: str) -> F.Maker:
    def make(ctx: Context, r: ClaimRef):
        op = F.replace(r.assessments_graph, r.initial, prop, new)
        return [op], [result(k, r.initial, _p(prop), component, k)]

    return make


def assessment_claim(ctx: Context, r: ClaimRef):
    k = "Assessment-claim"
    other = ctx.take_other(r)
    op = F.insert_data(
        r.assessments_graph, (_iri(r.initial), _iri(TKG + "assessedClaim"), _iri(other.iri))
    )
    return [op], [result(k, r.initial, _p(TKG + "assessedClaim"), "MaxCountConstraintComponent", k)]


def start_date(ctx: Context, r: ClaimRef):
    k = "Dates-startDate"
    event = f"{ns.agreement(r.agreement.slug)}/signing"
    text = r.agreement.signed.strftime("%d %B %Y")
    return [F.replace(r.iri, event, SCHEMA + "startDate", _lit(text))], [
        result(k, event, _p(SCHEMA + "startDate"), "DatatypeConstraintComponent", k)
    ]


def source_fault(
    k: str, prop: str, new: Callable | None, component: str, path: bool, severity: str = "violation"
) -> Callable:
    """A fault on a source document's own description (the source is locked for it)."""

    def make(ctx: Context, s: SourceRef):
        value = new(ctx, s) if new else None
        return [F.replace(s.graph, s.iri, prop, value)], [
            result(k, s.iri, _p(prop) if path else None, component, k, severity)
        ]

    return make


def wikidata(ctx: Context, r: ClaimRef):
    k = "WikidataLink-iri"
    actor = ctx.take_actor()
    g = str(ns.GRAPH["entities/actors"])
    iri = str(ns.actor(actor.slug))
    page = _iri(f"https://www.wikidata.org/wiki/Q{actor.wikidata}")
    return [F.replace(g, iri, SKOS + "exactMatch", page)], [
        result(k, iri, _p(SKOS + "exactMatch"), "PatternConstraintComponent", k)
    ]


def _no_anonymous(r: ClaimRef) -> bool:
    return all(h.role != "anonymous-insider" for h in r.hops(1))


def _known(field: str) -> Callable[[ClaimRef], bool]:
    return lambda r: (
        bool(r.claim.commitments) and getattr(r.claim.commitments[0], field) != ["unknown"]
    )


@dataclass(frozen=True)
class Kind:
    name: str
    make: F.Maker
    ok: Callable[[ClaimRef], bool] = lambda r: True
    lock_source: bool = False  # the fault depends on its source's metadata
    target: str = "claim"  # what `make` takes: a ClaimRef, a SourceRef or a CodingRef
    prefer: Callable[[ClaimRef], bool] | None = None  # tried first, before any `ok` node


def _c(r: ClaimRef) -> bool:
    """The claim has a commitment that no provision sets out (so no coding depends on it)."""
    return bool(r.claim.commitments) and not r.claim.commitments[0].set_out_in


def _dated(r: ClaimRef) -> bool:
    return "date" in r.claim.signing


MOD, AREA = str(ns.concept("modality", "will")), str(ns.concept("area", "drones"))
ROLE = str(ns.concept("role", "reporting-outlet"))
MIN, NODE, DT = (
    "MinCountConstraintComponent",
    "NodeConstraintComponent",
    "DatatypeConstraintComponent",
)

# rarest first, so that the common kinds do not use up the few nodes the rare ones need
KINDS: list[Kind] = [
    Kind(
        "Hop-anonymousReportedByNamedOutlet",
        F.hop_anonymous,
        lambda r: any(h.role == "anonymous-insider" for h in r.hops(1)),
    ),
    Kind("Dates-startDate", start_date, _dated),
    Kind(
        "Durations-duration",
        commitment_value(SCHEMA + "duration", _lit("ten years"), DT, "Durations-duration"),
        lambda r: bool(r.claim.commitments) and "duration" in r.claim.commitments[0].extras,
    ),
    Kind(
        "Attestation-hopsContiguous",
        F.hops_contiguous,
        lambda r: len(r.hops(1)) >= 2 and _no_anonymous(r),
    ),
    # a claim with a second attestation keeps a source; else Claim-source fires too (said so)
    Kind(
        "Attestation-anchor", F.attestation_anchor, prefer=lambda r: len(r.claim.attestations) >= 2
    ),
    Kind("Claim-status", F.claim_status, lambda r: r.signed),
    Kind("Commitment-bearer", commitment_party("bearer", "Commitment-bearer"), _known("bearer")),
    Kind(
        "Commitment-beneficiary",
        commitment_party("beneficiary", "Commitment-beneficiary"),
        _known("beneficiary"),
    ),
    Kind("Commitment-area", commitment_value(TKG + "area", _iri(MOD), NODE, "Commitment-area"), _c),
    Kind(
        "Commitment-modality",
        commitment_value(TKG + "modality", _iri(AREA), NODE, "Commitment-modality"),
        _c,
    ),
    Kind("Commitment-agreement", commitment_agreement, _c),
    Kind("Hop-number", F.hop_number, lambda r: len(r.hops(1)) == 1),
    Kind(
        "Hop-agent",
        F.hop_agent,
        lambda r: len(r.hops(1)) == 1 or r.hops(1)[1].role != "anonymous-insider",
    ),
    Kind("Hop-agent--untyped-last-hop", F.hop_untyped),
    Kind("Hop-role", F.hop_role),
    Kind("Attestation-notAfterSource", F.not_after_source, lock_source=True),
    Kind(
        "SourceDocument-textHash",
        source_fault(
            "SourceDocument-textHash",
            TKG + "textSHA256",
            lambda ctx, s: _lit(ctx.hashes[s.id].upper()),
            "PatternConstraintComponent",
            True,
        ),
        lambda s: s.stored,
        target="source",
    ),
    Kind(
        "SourceDocument-label",
        source_fault("SourceDocument-label", RDFS + "label", None, MIN, True),
        target="source",
    ),
    Kind(
        "SourceDocument-issued",
        source_fault(
            "SourceDocument-issued", DCT + "issued", None, "OrConstraintComponent", False, "warning"
        ),
        target="source",
    ),
    Kind(
        "Dates-issued",
        source_fault(
            "Dates-issued",
            DCT + "issued",
            lambda ctx, s: _lit(s.issued.strftime("%d %B %Y")),
            DT,
            True,
        ),
        target="source",
    ),
    Kind("WikidataLink-iri", wikidata),
    Kind("Claim-attestation", F.claim_attestation),
    Kind("Claim-source", F.claim_source),
    Kind("Claim-label", F.claim_label),
    Kind("Claim-nanopub", F.claim_nanopub),
    Kind(
        "Nanopublication-provenance",
        F.nanopub_part("hasProvenance", "provenance", "Nanopublication-provenance"),
    ),
    Kind(
        "Nanopublication-pubinfo",
        F.nanopub_part("hasPublicationInfo", "pubinfo", "Nanopublication-pubinfo"),
    ),
    Kind("Attestation-chain", F.attestation_chain),
    Kind("Attestation-date", F.attestation_date),
    Kind("Anchor-source", anchor_source),
    Kind("Anchor-quote", anchor_selector("quote", "Anchor-quote", "violation")),
    Kind("Anchor-position", anchor_selector("position", "Anchor-position", "warning")),
    Kind("QuoteSelector-exact", quote_exact),
    Kind("PositionSelector-start", position_start),
    Kind("PositionSelector-end", position_end),
    Kind("Assessment-claim", assessment_claim),
    Kind(
        "Assessment-status", assessment_value(TKG + "status", _iri(ROLE), NODE, "Assessment-status")
    ),
    Kind(
        "Assessment-by",
        assessment_value("http://www.w3.org/ns/prov#wasAttributedTo", None, MIN, "Assessment-by"),
    ),
    Kind("Assessment-date", assessment_value(DCT + "date", None, MIN, "Assessment-date")),
]
KINDS += [Kind(name, make, ok, target="coding") for name, make, ok in CODING_KINDS]
