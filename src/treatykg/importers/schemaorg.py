"""schema.org (JSON-LD or any RDF syntax) into treatykg: `schema:Legislation` and friends.

A `schema:Legislation` node becomes an agreement and its facts one claim: the parties
(`legislationJurisdiction`, `legislationPassedBy` → `tkg:party`), the signing
(`legislationDate` → `schema:startDate`, `locationCreated` → `schema:location`), the legal form
(`legislationType` "treaty" / "executive agreement"), and its references (`citation`,
`isBasedOn`). Names, `sameAs` Wikidata items and ISO 3166-1 codes (`identifier` as a
`PropertyValue` whose `propertyID` names ISO 3166) describe the things mentioned.

JSON-LD never fetches a remote `@context`: a schema.org context URL is replaced by a small
bundled context; any other remote context is refused, since reading the document must not
make a request.
"""

from __future__ import annotations

import json
from pathlib import Path

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from .. import namespaces as ns
from ..errors import UserError
from ..namespaces import PROV, SCHEMA, TKG
from . import ISO3166, Imported, Minter, Reference, Statement, Triple, first_label
from .wikidata import as_date, is_item

SCHEMA_CONTEXTS = {
    f"{scheme}://schema.org{path}"
    for scheme in ("http", "https")
    for path in ("", "/", "/docs/jsonldcontext.jsonld", "/docs/jsonldcontext.json")
}
LOCAL_CONTEXT = {
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "sameAs": {"@id": "schema:sameAs", "@type": "@id"},
    "url": {"@id": "schema:url", "@type": "@id"},
    "legislationDate": {"@id": "schema:legislationDate", "@type": "schema:Date"},
}
AGREEMENTS = {SCHEMA.Legislation, SCHEMA.LegislationObject}
PARTIES = (SCHEMA.legislationJurisdiction, SCHEMA.legislationPassedBy)
REFERENCES = (SCHEMA.citation, SCHEMA.isBasedOn)
LEGAL_FORMS = {"treaty": "treaty", "executive agreement": "executive-agreement"}
ACTOR_TYPES = {
    SCHEMA.Country: TKG.State,
    SCHEMA.Organization: PROV.Organization,
    SCHEMA.GovernmentOrganization: PROV.Organization,
    SCHEMA.Place: SCHEMA.Place,
    SCHEMA.City: SCHEMA.Place,
}


def load_jsonld(data: bytes, path: Path | str, base: str) -> Graph:
    """Parse JSON-LD with every context local (see module docstring)."""
    text = data.decode("utf-8")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as err:
        raise UserError(
            f"this file is not valid JSON: {err.msg}", path, err.lineno, "fix the JSON syntax"
        ) from None
    g = Graph()
    g.parse(data=json.dumps(_localise(doc, text, path)), format="json-ld", base=base)
    return normalise(g)


def _localise(node: object, text: str, path: Path | str) -> object:
    if isinstance(node, list):
        return [_localise(v, text, path) for v in node]
    if not isinstance(node, dict):
        return node
    return {
        k: _context(v, text, path) if k == "@context" else _localise(v, text, path)
        for k, v in node.items()
    }


def _context(ctx: object, text: str, path: Path | str) -> object:
    if isinstance(ctx, list):
        return [_context(c, text, path) for c in ctx]
    if isinstance(ctx, str):
        if ctx in SCHEMA_CONTEXTS:
            return LOCAL_CONTEXT
        line = text[: max(text.find(json.dumps(ctx)), 0)].count("\n") + 1
        raise UserError(
            f"remote JSON-LD @context <{ctx}> is not fetched (reading a document never makes "
            "a request)",
            path,
            line,
            "inline that context as a JSON object in the file; a schema.org context URL is "
            "replaced by a bundled one",
        )
    if isinstance(ctx, dict):
        if "@import" in ctx:
            return _context(ctx["@import"], text, path)
        return {k: _localise(v, text, path) for k, v in ctx.items()}
    return ctx


def normalise(g: Graph) -> Graph:
    """http://schema.org/ terms as https://schema.org/ ones, as the project writes them."""
    old = "http://schema.org/"

    def fix(node: Node) -> Node:
        if isinstance(node, URIRef) and str(node).startswith(old):
            return SCHEMA[str(node)[len(old) :]]
        return node

    out = Graph()
    for s, p, o in g:
        out.add((s, fix(p), fix(o) if p == RDF.type else o))
    return out


def import_graph(g: Graph, slug: str) -> Imported:
    names = {s: str(o) for s, o in sorted(g.subject_objects(SCHEMA.name))}
    mint = Minter(slug, names={s: n for s, n in names.items() if not isinstance(s, URIRef)})
    imported = Imported("schema.org")
    used: set[Triple] = set()
    agreements = sorted({s for t in AGREEMENTS for s in g.subjects(RDF.type, t)}, key=str)
    for node in agreements:
        imported.statements.append(_agreement(g, node, mint, used))
    _entities(g, mint, imported, used)
    imported.statements.sort(key=lambda st: st.id)
    imported.account(g, used)
    return imported


def _agreement(g: Graph, node: Node, mint: Minter, used: set) -> Statement:
    a = mint(node)
    label = first_label(g, node, (SCHEMA.name,)) or str(node)
    st = Statement(a.rsplit("/", 1)[-1], f"{label} – as the imported graph describes it", node)
    st.triples.append((a, RDF.type, TKG.Agreement))
    used |= {(node, RDF.type, t) for t in AGREEMENTS}
    for p in PARTIES:
        for party in sorted(g.objects(node, p), key=str):
            st.triples.append((a, TKG.party, mint(party)))
            used.add((node, p, party))
    event = URIRef(f"{a}/signing")
    st.triples += [(event, RDF.type, TKG.SigningEvent), (event, TKG.signedAgreement, a)]
    dates = [(d, as_date(d)) for d in g.objects(node, SCHEMA.legislationDate)]
    for raw, date in sorted(dates, key=str):
        if date is not None:
            st.triples.append((event, SCHEMA.startDate, date))
            used.add((node, SCHEMA.legislationDate, raw))
    if not any(d for _, d in dates):
        st.triples.append((event, TKG.unknownProperty, SCHEMA.startDate))
        st.notes.append("no legislationDate: signing date unknown")
    for place in sorted(g.objects(node, SCHEMA.locationCreated), key=str):
        st.triples.append((event, SCHEMA.location, mint(place)))
        used.add((node, SCHEMA.locationCreated, place))
    for kind in sorted(g.objects(node, SCHEMA.legislationType), key=str):
        form = LEGAL_FORMS.get(" ".join(str(kind).lower().split()))
        if form is not None:
            st.triples.append((a, TKG.legalForm, ns.concept("legal-form", form)))
            used.add((node, SCHEMA.legislationType, kind))
    for p in REFERENCES:
        for ref in sorted(g.objects(node, p), key=str):
            st.references.append(_reference(g, ref, used))
            used.add((node, p, ref))
    return st


def _reference(g: Graph, ref: Node, used: set) -> Reference:
    if isinstance(ref, URIRef):
        return Reference(url=str(ref))
    if isinstance(ref, Literal) and ref.datatype in (None, XSD.anyURI):
        return Reference(url=str(ref))
    url = next(iter(sorted(g.objects(ref, SCHEMA.url))), None)
    if url is not None:
        used.add((ref, SCHEMA.url, url))
    used |= {(ref, RDF.type, t) for t in g.objects(ref, RDF.type)}
    return Reference(url=str(url) if url is not None else None)


def _entities(g: Graph, mint: Minter, imported: Imported, used: set) -> None:
    for s, o in sorted(g.subject_objects(SCHEMA.name), key=str):
        if (s, RDF.type, SCHEMA.PropertyValue) not in g:
            imported.entities.append((mint(s), RDFS.label, o))
            used.add((s, SCHEMA.name, o))
    for s, t in sorted(g.subject_objects(RDF.type), key=str):
        if t in ACTOR_TYPES:
            imported.entities.append((mint(s), RDF.type, ACTOR_TYPES[t]))
            used.add((s, RDF.type, t))
    for s, o in sorted(g.subject_objects(SCHEMA.sameAs), key=str):
        if is_item(o):
            imported.entities.append((mint(s), SKOS.exactMatch, o))
            used.add((s, SCHEMA.sameAs, o))
    for s, pv in sorted(g.subject_objects(SCHEMA.identifier), key=str):
        kind = " ".join(str(k) for k in g.objects(pv, SCHEMA.propertyID))
        code = next(iter(g.objects(pv, SCHEMA.value)), None)
        if "ISO 3166" in kind and isinstance(code, Literal):
            imported.entities.append((mint(s), ISO3166, Literal(str(code))))
            used |= {(s, SCHEMA.identifier, pv)} | {(pv, p, o) for p, o in g.predicate_objects(pv)}
    for iri, node in sorted(mint.minted.items()):
        if isinstance(node, URIRef) and not is_item(node):
            imported.entities.append((iri, PROV.alternateOf, node))
