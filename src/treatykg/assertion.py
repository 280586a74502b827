"""The facts a claim asserts, in the ontology's terms: what goes into its assertion graph.

Commitments reported by a claim get their own IRIs (one per claim and position); the
agreement, its annex and its signing are shared resources that many claims talk about, so
that claims which disagree (on a date, a place) say so about the same node.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF

from . import authoring
from . import namespaces as ns
from .authoring import UNKNOWN, as_list
from .namespaces import SCHEMA, TKG

if TYPE_CHECKING:
    from .compile import Context


def emit(ctx: Context, g: Graph, claim: authoring.Claim, where: tuple, about: URIRef) -> None:
    if claim.agreement is not None:
        _agreement(ctx, g, claim.agreement, where + ("agreement",), about)
    if claim.signing is not None:
        _signing(ctx, g, claim.signing, where + ("signing",), about)
    for k, commitment in enumerate(claim.commitments):
        suffix = "" if len(claim.commitments) == 1 else f"-{k + 1}"
        node = ns.ID[f"commitment/{ctx.source.id}/{claim.id}{suffix}"]
        _commitment(ctx, g, node, commitment, where + ("commitments", k), about)


def _agreement(ctx: Context, g: Graph, facts, where: tuple, a: URIRef) -> None:
    for i, party in enumerate(facts.parties or []):
        g.add((a, TKG.party, ctx.term("actor", party, where + ("parties", i))))
    if facts.legal_form:
        g.add((a, TKG.legalForm, ctx.term("legal-form", facts.legal_form, where + ("legal-form",))))
    if facts.requires_ratification is not None:
        g.add((a, TKG.requiresRatification, Literal(facts.requires_ratification)))
    if facts.binds_successors is not None:
        g.add((a, TKG.bindsSuccessors, Literal(facts.binds_successors)))
    if facts.duration:
        g.add((a, SCHEMA.duration, Literal(facts.duration, datatype=XSD.duration)))
    if facts.annex:
        annex = URIRef(f"{a}/annex")
        g.add((a, TKG.hasAnnex, annex))
        g.add((annex, RDF.type, TKG.Annex))
        g.add((annex, DCTERMS.description, Literal(facts.annex, lang="en")))
    if facts.annex_legally_binding is not None:
        annex = URIRef(f"{a}/annex")
        g.add((a, TKG.hasAnnex, annex))
        g.add((annex, TKG.legallyBinding, Literal(facts.annex_legally_binding)))
    if facts.termination_notice:
        g.add((a, TKG.terminationNotice, Literal(facts.termination_notice, datatype=XSD.duration)))
    if facts.entry_into_force:
        g.add((a, TKG.entryIntoForce, Literal(facts.entry_into_force, lang="en")))
    if facts.ordinal is not None:
        g.add((a, TKG.ordinal, Literal(facts.ordinal, datatype=XSD.integer)))


def _signing(ctx: Context, g: Graph, signing, where: tuple, a: URIRef) -> None:
    event = URIRef(f"{a}/signing")
    g.add((event, RDF.type, TKG.SigningEvent))
    g.add((event, TKG.signedAgreement, a))
    if signing.date:
        g.add((event, SCHEMA.startDate, Literal(signing.date, datatype=XSD.date)))
    if signing.location:
        g.add((event, SCHEMA.location, ctx.term("actor", signing.location, where + ("location",))))
    if signing.during:
        g.add((event, SCHEMA.superEvent, ctx.term("event", signing.during, where + ("during",))))


def _commitment(ctx: Context, g: Graph, node: URIRef, c, where: tuple, a: URIRef) -> None:
    g.add((node, RDF.type, TKG.Commitment))
    g.add((node, TKG.agreement, a))
    g.add((node, DCTERMS.description, Literal(c.description, lang="en")))
    g.add((node, TKG.area, ctx.term("area", c.area, where + ("area",))))
    g.add((node, TKG.modality, ctx.term("modality", c.modality, where + ("modality",))))
    for prop, field in (
        (TKG.bearer, "bearer"),
        (TKG.beneficiary, "beneficiary"),
        (TKG.partner, "partner"),
    ):
        values = as_list(getattr(c, field))
        if values == [UNKNOWN]:
            g.add((node, TKG.unknownProperty, prop))
            continue
        for i, slug in enumerate(values):
            at = where + (field,) + ((i,) if len(values) > 1 else ())
            g.add((node, prop, ctx.term("actor", slug, at)))
    for prop, value in (
        (TKG.trigger, c.trigger),
        (TKG.deadline, c.deadline),
        (TKG.purpose, c.purpose),
        (TKG.condition, c.condition),
    ):
        if value:
            g.add((node, prop, Literal(value, lang="en")))
    if c.duration:
        g.add((node, SCHEMA.duration, Literal(c.duration, datatype=XSD.duration)))
    if c.compared_with:
        g.add(
            (node, TKG.comparedWith, ctx.term("actor", c.compared_with, where + ("compared-with",)))
        )
    if c.set_out_in:
        g.add((node, TKG.setOutIn, ctx.provision(a, c.set_out_in, (*where, "set-out-in"))))
