"""Compile one claim file (YAML) into nanopublication bundles in a Dataset.

Each claim becomes four named graphs: head, assertion (whose IRI is the claim), provenance
(attestations: anchored quotes and attribution chains) and publication info (where a person
wrote it). The source's own description and the claims' first assessments get a graph each.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from rdflib import XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS

from . import anchor, assertion, authoring, yamlfile
from . import namespaces as ns
from .authoring import UNKNOWN
from .errors import UserError
from .namespaces import NP, PROV, SCHEMA, TKG
from .terms import Terms

SOURCE_CLASSES = {
    "news-article": SCHEMA.NewsArticle,
    "report": SCHEMA.Report,
    "transcript": SCHEMA.CreativeWork,
    "speech": SCHEMA.CreativeWork,
    "agreement-text": SCHEMA.Legislation,
    "other": SCHEMA.CreativeWork,
}
SCHEMES = {"role", "area", "modality", "legal-form", "status"}


@dataclass
class Context:
    """What every emitting function needs about the file being compiled."""

    path: Path
    rel: str
    lines: dict
    terms: Terms
    source: authoring.Source
    text: str
    ds: Dataset

    @property
    def src(self) -> URIRef:
        return ns.source(self.source.id)

    def fail(self, where: tuple, message: str, hint: str) -> UserError:
        dotted = ".".join(str(p) for p in where)
        return UserError(
            f"{dotted}: {message}", self.path, yamlfile.line_of(self.lines, where), hint
        )

    def provision(self, agreement: URIRef, eid: str, where: tuple) -> URIRef:
        """The provision `eid` of `agreement`, which graph/provisions/ must define."""
        iri = URIRef(f"{agreement}/{eid}")
        if iri in self.terms.subjects:
            return iri
        raise self.fail(
            where,
            f"unknown provision {eid!r} of {agreement.rsplit('/', 1)[-1]}",
            "use an eId that graph/provisions/ defines (treatykg query provisions lists them)",
        )

    def term(self, kind: str, slug: str, where: tuple) -> URIRef:
        """The IRI of an actor/agreement/event/source slug or of a scheme concept's notation."""
        iri = self.terms.concept(kind, slug) if kind in SCHEMES else self.terms.entity(kind, slug)
        if iri is None and kind == "actor":  # a signing's location may be a place
            iri = self.terms.entity("place", slug)
        if iri is not None:
            return iri
        if kind in SCHEMES:
            known = sorted(self.terms.concepts.get(kind, {}))
            hint = f"use one of: {', '.join(known)} (or add a concept to ontology/schemes.ttl)"
        else:
            hint = (
                f"use one of: {', '.join(self.terms.known(kind))} (or define it in graph/entities/)"
            )
        raise self.fail(where, f"unknown {kind} {slug!r}", hint)


def compile_file(
    path: Path,
    graph_dir: Path,
    terms: Terms,
    ds: Dataset,
    seen: dict[str, Path] | None = None,
    graph_root: Path | None = None,
) -> list[URIRef]:
    """Add the bundles of one claim file to `ds`; return the claims' IRIs.

    `graph_dir` is the folder the file's paths are relative to (graph/, or a companion's
    folder); `graph_root` is graph/ itself, to which recorded paths are relative.
    `seen` maps the source ids compiled so far to their files: two files describing one
    source would silently merge their claims, so the second is refused."""
    graph_root = graph_root or graph_dir
    parsed, lines = authoring.read(path)
    seen = {} if seen is None else seen
    if parsed.source.id in seen:
        raise UserError(
            f"source.id: {parsed.source.id!r} is already the id of {seen[parsed.source.id]}",
            path,
            yamlfile.line_of(lines, ("source", "id")),
            "one file per source document: give this source its own id, or merge the files",
        )
    seen[parsed.source.id] = path
    text_path = graph_dir / parsed.source.text
    if not text_path.is_file():
        raise UserError(
            f"source.text: the stored text {parsed.source.text!r} does not exist",
            path,
            yamlfile.line_of(lines, ("source", "text")),
            "copy the source's text into graph/sources/ and give its path relative to graph/",
        )
    text = yamlfile.read_text(text_path)
    ctx = Context(
        path=path,
        rel=path.relative_to(graph_root).as_posix()
        if path.is_relative_to(graph_root)
        else path.name,
        lines=lines,
        terms=terms,
        source=parsed.source,
        text=text,
        ds=ds,
    )
    terms.add_source(parsed.source.id)
    chains = {
        name: [_hop(ctx, name, i, hop) for i, hop in enumerate(hops)]
        for name, hops in parsed.chains.items()
    }
    stored = (
        text_path.relative_to(graph_root).as_posix()
        if text_path.is_relative_to(graph_root)
        else parsed.source.text
    )
    _emit_source(ctx, hashlib.sha256(text_path.read_bytes()).hexdigest(), stored)
    claims = [_emit_claim(ctx, chains, i, claim) for i, claim in enumerate(parsed.claims)]
    terms.claims.update(claims)
    return claims


def _hop(ctx: Context, name: str, index: int, hop: authoring.Hop) -> tuple:
    where = ("chains", name, index)
    through = ctx.term("source", hop.through, where + ("through",)) if hop.through else None
    return (
        ctx.term("actor", hop.agent, where + ("agent",)),
        ctx.term("role", hop.role, where + ("role",)),
        through,
    )


def _emit_source(ctx: Context, digest: str, stored: str) -> None:
    s, src = ctx.source, ctx.src
    g = ctx.ds.graph(ns.GRAPH[f"source/{s.id}"])
    g.add((src, RDF.type, TKG.SourceDocument))
    g.add((src, RDF.type, SOURCE_CLASSES[s.kind]))
    g.add((src, RDFS.label, Literal(s.label, lang="en")))
    g.add((src, DCTERMS.language, Literal(s.language)))
    g.add((src, DCTERMS.publisher, ctx.term("actor", s.publisher, ("source", "publisher"))))
    g.add((src, TKG.textFile, Literal(stored)))
    g.add((src, TKG.textSHA256, Literal(digest)))
    if s.catalogue:
        g.add((src, TKG.catalogueEntry, Literal(s.catalogue)))
    optional = (
        (DCTERMS.creator, s.author, lambda v: ctx.term("actor", v, ("source", "author"))),
        (DCTERMS.title, s.title, lambda v: Literal(v, lang=s.language)),
        (SCHEMA.url, s.url, lambda v: Literal(v, datatype=XSD.anyURI)),
        (DCTERMS.issued, s.issued, lambda v: Literal(v, datatype=XSD.date)),
    )
    for prop, value, make in optional:
        if value == UNKNOWN:
            g.add((src, TKG.unknownProperty, prop))
        else:
            g.add((src, prop, make(value)))


def _emit_claim(ctx: Context, chains: dict, index: int, claim: authoring.Claim) -> URIRef:
    sid, cid = ctx.source.id, claim.id
    iri = ns.claim(sid, cid)
    np_iri, prov_iri, info_iri = (ns.nanopub(sid, cid, p) for p in ("", "provenance", "pubinfo"))
    head = ctx.ds.graph(ns.nanopub(sid, cid, "head"))
    head.add((np_iri, RDF.type, NP.Nanopublication))
    head.add((np_iri, NP.hasAssertion, iri))
    head.add((np_iri, NP.hasProvenance, prov_iri))
    head.add((np_iri, NP.hasPublicationInfo, info_iri))

    where = ("claims", index)
    about = ctx.term("agreement", claim.about or ctx.source.about, where + ("about",))
    assertion.emit(ctx, ctx.ds.graph(iri), claim, where, about)
    _emit_more(ctx, ctx.ds.graph(iri), claim, where, about)

    prov = ctx.ds.graph(prov_iri)
    prov.add((iri, RDF.type, TKG.Claim))
    prov.add((iri, RDFS.label, Literal(claim.label, lang="en")))
    for n, attestation in enumerate(claim.attestations, start=1):
        chain = chains.get(attestation.chain)
        if chain is None:
            raise ctx.fail(
                where + ("attestations", n - 1, "chain"),
                f"unknown chain {attestation.chain!r}",
                f"use one of the chains this file defines: {', '.join(sorted(chains))}",
            )
        _emit_attestation(ctx, prov, iri, n, attestation, chain, where)

    info = ctx.ds.graph(info_iri)
    info.add((np_iri, TKG.authoringFile, Literal(ctx.rel)))
    info.add((np_iri, TKG.authoringLine, Literal(yamlfile.line_of(ctx.lines, where + ("id",)))))
    info.add((np_iri, PROV.wasDerivedFrom, ctx.src))
    first = claim.attestations[0]
    _emit_initial(ctx, iri, cid, chains[first.chain], first.date or ctx.source.issued)
    return iri


def _emit_more(ctx: Context, g: Graph, claim: authoring.Claim, where: tuple, a: URIRef) -> None:
    """The facts added with the companion graphs: an agreement's framework, and a signing date
    known only as reported (its words, its bounds, whether the source verified it)."""
    facts, signing = claim.agreement, claim.signing
    if facts is not None and facts.framework:
        at = (*where, "agreement", "framework")
        g.add((a, TKG.framework, ctx.term("agreement", facts.framework, at)))
    if signing is None:
        return
    event = URIRef(f"{a}/signing")
    if signing.date_as_reported:
        g.add((event, TKG.dateAsReported, Literal(signing.date_as_reported, lang="en")))
    for prop, value in ((TKG.notBefore, signing.not_before), (TKG.notAfter, signing.not_after)):
        if value is not None:
            g.add((event, prop, Literal(value, datatype=XSD.date)))
    if signing.date_verified is not None:
        g.add((event, TKG.dateVerified, Literal(signing.date_verified)))
    if signing.date is None and (signing.date_as_reported or signing.date_verified is False):
        g.add((event, TKG.unknownProperty, SCHEMA.startDate))


def _emit_attestation(ctx, prov: Graph, claim: URIRef, n: int, att, chain, where) -> None:
    node = URIRef(f"{claim}/attestation/{n}")
    prov.add((claim, TKG.attestedBy, node))
    prov.add((node, RDF.type, TKG.Attestation))
    when = att.date or ctx.source.issued
    if when == UNKNOWN:
        raise ctx.fail(
            (*where, "attestations", n - 1),
            "the source's date is unknown, so this attestation needs its own date",
            "add date: YYYY-MM-DD (when the words were said or reported)",
        )
    prov.add((node, DCTERMS.date, Literal(when, datatype=XSD.date)))
    for m, quote in enumerate(att.quotes(), start=1):
        quote_where = where + ("attestations", n - 1, "quote")
        if isinstance(att.quote, list):
            quote_where += (m - 1,)
        _emit_anchor(ctx, prov, node, m, quote, quote_where)
    for h, (agent, role, through) in enumerate(chain, start=1):
        hop = URIRef(f"{node}/hop/{h}")
        prov.add((node, PROV.qualifiedAttribution, hop))
        prov.add((hop, RDF.type, PROV.Attribution))
        prov.add((hop, PROV.agent, agent))
        prov.add((hop, PROV.hadRole, role))
        prov.add((hop, TKG.hop, Literal(h, datatype=XSD.integer)))
        via = through or (ctx.src if h == 1 else None)
        if via is not None:
            prov.add((hop, TKG.through, via))


def _emit_anchor(ctx: Context, prov: Graph, attestation: URIRef, m: int, quote: str, where) -> None:
    try:
        found = anchor.find(ctx.text, quote)
    except (anchor.QuoteNotFound, anchor.QuoteAmbiguous) as err:
        hint = (
            "copy the words exactly from the source (line breaks and spacing may differ)"
            if isinstance(err, anchor.QuoteNotFound)
            else "quote a few more words so that the passage is unique"
        )
        problem = "not found" if isinstance(err, anchor.QuoteNotFound) else "ambiguous"
        raise ctx.fail(where, f"quote {problem} in {ctx.source.text}: {err}", hint) from None
    node = URIRef(f"{attestation}/anchor/{m}")
    prov.add((attestation, TKG.anchor, node))
    anchor.add_anchor(prov, node, ctx.src, found)


def _emit_initial(ctx: Context, claim: URIRef, cid: str, chain: list, when) -> None:
    """The claim's first assessment: 'reported' (or 'signed text' for the agreement's own
    text), by the source's outermost voice, on the date it was said or published.

    Assessments are separate resources in their own graph so that later ones (checks against
    the signed text) can be appended and supersede this one without touching the claim.
    """
    g = ctx.ds.graph(ns.GRAPH[f"assessments/{ctx.source.id}"])
    node = ns.ID[f"assessment/{ctx.source.id}/{cid}/initial"]
    g.add((node, RDF.type, TKG.Assessment))
    g.add((node, TKG.assessedClaim, claim))
    first = "signed-text" if ctx.source.kind == "agreement-text" else "reported"
    g.add((node, TKG.status, ctx.term("status", first, ("claims",))))
    g.add((node, PROV.wasAttributedTo, chain[0][0]))
    g.add((node, PROV.wasDerivedFrom, ctx.src))
    g.add((node, DCTERMS.date, Literal(when, datatype=XSD.date)))
