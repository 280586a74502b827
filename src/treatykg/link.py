"""`treatykg link`: a treaty graph written by others, mapped into treatykg's terms.

The input is a file (Wikidata-style RDF in any syntax, or schema.org as JSON-LD or RDF) or
the URL of a SPARQL endpoint, read with one CONSTRUCT (the user named that host; nothing else
is fetched). The imported file or endpoint becomes a source document
(`id/source/import-{slug}`), described in the named graph `graph/import/{slug}` beside the
labels and identifiers of the things imported. Each imported statement becomes a claim as a
nanopublication (`id/claim/import-{slug}/{statement}`: assertion, provenance with the
statement's rank and references, publication info), attributed to that source. Imported
actors are then aligned with the project's (`align.py`): the links go to
`graph/import/{slug}/alignment/{kind}` and are described as VoID linksets (`linkset.py`).
What could not be mapped is reported by predicate, never dropped silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import httpx
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from . import align, dump, linkset, remote
from . import namespaces as ns
from .dataset import guess_format, new_dataset, parse_rdf
from .errors import UserError
from .importers import PAV_RETRIEVED, WIKIBASE, Imported, Statement, schemaorg, slugify, wikidata
from .namespaces import NP, PROV, SCHEMA, TKG

DEFAULT_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
IMPORTERS = {"wikidata": wikidata.import_graph, "schemaorg": schemaorg.import_graph}
MEDIA = {
    "application/n-triples": "nt",
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
}


@dataclass(frozen=True)
class Input:
    """What was read: the argument as given, its bytes, their media type and the graph."""

    arg: str
    data: bytes
    media: str
    graph: Graph

    @property
    def is_endpoint(self) -> bool:
        return is_url(self.arg)


@dataclass
class Result:
    dataset: Dataset
    imported: Imported
    links: list[align.Link]
    slug: str
    source: URIRef


def is_url(arg: str) -> bool:
    return arg.startswith(("http://", "https://"))


def read(arg: str, construct: str = DEFAULT_CONSTRUCT) -> Input:
    """Read a file, or an endpoint with one CONSTRUCT query (see module docstring)."""
    if is_url(arg):
        data, media = fetch(arg, construct)
        fmt = MEDIA.get(media)
        if fmt is None:
            raise UserError(
                f"the endpoint answered with {media!r}, not RDF",
                arg,
                hint="is this the SPARQL query URL of the endpoint (often …/query or …/sparql)?",
            )
        if fmt == "json-ld":
            return Input(arg, data, media, schemaorg.load_jsonld(data, arg, _base(arg)))
        g = Graph()
        try:
            g.parse(data=data, format=fmt)
        except Exception as err:  # any parser error: the endpoint sent broken RDF
            raise UserError(f"the endpoint's answer is not valid RDF: {err}", arg) from None
        return Input(arg, data, media, g)
    path = Path(arg)
    if not path.is_file():
        raise UserError("no such file", path, hint="give a file or an http(s) endpoint URL")
    data = path.read_bytes()
    fmt = guess_format(path)
    if fmt == "json-ld":
        return Input(
            arg, data, "application/ld+json", schemaorg.load_jsonld(data, path, _base(arg))
        )
    holder = Dataset() if fmt in ("trig", "nquads") else Graph()
    parse_rdf(path, holder, fmt)
    g = Graph()
    for s, p, o, *_ in holder.quads() if isinstance(holder, Dataset) else holder:
        g.add((s, p, o))
    media = {v: k for k, v in MEDIA.items()}.get(fmt, f"application/x-{fmt}")
    return Input(arg, data, media, g)


def _base(arg: str) -> str:
    return str(ns.ID[f"import/{slugify(Path(arg).stem if not is_url(arg) else arg)}/"])


def fetch(url: str, construct: str) -> tuple[bytes, str]:
    """POST one CONSTRUCT query to the endpoint; no redirect is followed (it could lead to a
    host the user did not name)."""
    headers = {"Accept": "application/n-triples, text/turtle;q=0.9"}
    remote.check_url(url, "SOURCE")
    try:
        with remote.client(store_auth=False) as http:
            response = http.post(url, data={"query": construct}, headers=headers)
    except httpx.HTTPError as err:
        raise UserError(
            f"the endpoint could not be queried: {err}",
            url,
            hint="check the URL and that the endpoint is running",
        ) from None
    if response.status_code != 200:
        raise UserError(
            f"the endpoint answered HTTP {response.status_code}: {response.text[:200]}",
            url,
            hint="give the endpoint's SPARQL query URL; check the CONSTRUCT query (--construct)",
        )
    return response.content, response.headers.get("content-type", "").split(";")[0].strip()


def detect(g: Graph, arg: str) -> str:
    """Which importer fits: Wikidata's property namespaces, else schema.org terms."""
    predicates = {str(p) for p in g.predicates()}
    if any(p.startswith("http://www.wikidata.org/prop/") for p in predicates):
        return "wikidata"
    if any(p.startswith(("https://schema.org/", "http://schema.org/")) for p in predicates):
        return "schemaorg"
    raise UserError(
        "neither Wikidata-style (wdt:, p:, ps:, pq:) nor schema.org terms found",
        arg,
        hint="treatykg link reads Wikidata-style RDF and schema.org (docs/linking.md)",
    )


def link(
    arg: str | Input,
    project: Dataset,
    slug: str | None = None,
    vocabulary: str | None = None,
    retrieved: str | None = None,
    construct: str = DEFAULT_CONSTRUCT,
) -> Result:
    """Import `arg` (a path, a URL, or what `read` made of one) beside the `project` dataset,
    which is used for alignment only, not copied."""
    source = arg if isinstance(arg, Input) else read(arg, construct)
    arg = source.arg
    slug = slug or slugify(Path(arg).stem if not is_url(arg) else arg)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        raise UserError(f"invalid slug {slug!r}", hint="use lower-case letters, digits and '-'")
    vocabulary = vocabulary or detect(source.graph, arg)
    imported = IMPORTERS[vocabulary](schemaorg.normalise(source.graph), slug)
    out = new_dataset()
    src = _describe_source(out, source, slug, imported.vocabulary, retrieved)
    for triple in imported.entities:
        out.graph(ns.GRAPH[f"import/{slug}"]).add(triple)
    for statement in imported.statements:
        _bundle(out, statement, f"import-{slug}", src)
    links = align.align(project, out, path=arg)
    for link_ in links:
        graph = out.graph(ns.GRAPH[f"import/{slug}/alignment/{link_.kind}"])
        graph.add((link_.subject, SKOS.exactMatch, link_.object))
    linkset.add_linksets(out)
    return Result(out, imported, links, slug, src)


def _describe_source(out: Dataset, source: Input, slug: str, vocab: str, retrieved) -> URIRef:
    src = ns.source(f"import-{slug}")
    g = out.graph(ns.GRAPH[f"import/{slug}"])
    kind = "SPARQL endpoint" if source.is_endpoint else "file"
    g.add((src, RDF.type, TKG.SourceDocument))
    g.add((src, RDF.type, PROV.Entity))
    g.add(
        (
            src,
            RDFS.label,
            Literal(f"{vocab} graph imported from the {kind} {source.arg}", lang="en"),
        )
    )
    g.add((src, DCTERMS.identifier, Literal(source.arg)))
    g.add((src, DCTERMS["format"], Literal(source.media)))
    g.add((src, TKG.textSHA256, Literal(hashlib.sha256(source.data).hexdigest())))
    g.add((src, TKG.unknownProperty, DCTERMS.issued))
    if source.is_endpoint:
        g.add((src, SCHEMA.url, Literal(source.arg, datatype=XSD.anyURI)))
    if retrieved:
        g.add((src, PAV_RETRIEVED, Literal(retrieved, datatype=XSD.date)))
    else:
        g.add((src, TKG.unknownProperty, PAV_RETRIEVED))
    g.add((g.identifier, PROV.wasDerivedFrom, src))
    return src


def _bundle(out: Dataset, st: Statement, sid: str, src: URIRef) -> None:
    """One imported statement as a nanopublication attributed to the imported source."""
    claim = ns.claim(sid, st.id)
    np_iri, prov_iri, info_iri = (ns.nanopub(sid, st.id, p) for p in ("", "provenance", "pubinfo"))
    head = out.graph(ns.nanopub(sid, st.id, "head"))
    head.add((np_iri, RDF.type, NP.Nanopublication))
    head.add((np_iri, NP.hasAssertion, claim))
    head.add((np_iri, NP.hasProvenance, prov_iri))
    head.add((np_iri, NP.hasPublicationInfo, info_iri))
    assertion = out.graph(claim)
    for triple in st.triples:
        assertion.add(triple)
    prov = out.graph(prov_iri)
    prov.add((claim, RDF.type, PROV.Entity))
    prov.add((claim, RDFS.label, Literal(st.label, lang="en")))
    prov.add((claim, PROV.wasAttributedTo, src))
    prov.add((claim, PROV.wasDerivedFrom, src))
    if isinstance(st.origin, URIRef):
        prov.add((claim, PROV.wasDerivedFrom, st.origin))
    if st.rank:
        prov.add((claim, URIRef(WIKIBASE + "rank"), URIRef(f"{WIKIBASE}{st.rank.title()}Rank")))
    for note in st.notes:
        prov.add((claim, RDFS.comment, Literal(note, lang="en")))
    for n, ref in enumerate(st.references, start=1):
        node = URIRef(f"{claim}/reference/{n}")
        prov.add((claim, PROV.wasDerivedFrom, node))
        prov.add((node, RDF.type, PROV.Entity))
        if ref.url:
            prov.add((node, SCHEMA.url, Literal(ref.url, datatype=XSD.anyURI)))
        if ref.stated_in is not None:
            prov.add((node, PROV.hadPrimarySource, ref.stated_in))
        if ref.retrieved is not None:
            prov.add((node, PAV_RETRIEVED, ref.retrieved))
    info = out.graph(info_iri)
    info.add((np_iri, PROV.wasDerivedFrom, src))


def write(result: Result, target: Path) -> None:
    """The imported dataset as TriG, byte-stable, written atomically."""
    dump.atomic_write(target, dump.serialize(dump.sorted_quads(result.dataset), "trig"))
