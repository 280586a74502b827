"""Wikidata-style RDF into treatykg: truthy `wdt:` triples and `p:`/`ps:`/`pq:` statements.

A statement becomes one claim with its rank and its references (`prov:wasDerivedFrom` →
`pr:P854` reference URL, `pr:P248` stated in, `pr:P813` retrieved). Deprecated statements are
not imported (Wikidata keeps them to say they are wrong) but listed. A truthy triple that a
statement node already states is the same fact, so it is counted as used; one without a
statement node becomes a claim with no rank. Mapped properties: P31 = treaty (Q131569) →
`tkg:Agreement`; P1891 signatory → `tkg:party`, with its P585 point in time → the signing's
`schema:startDate` and P276 location → its `schema:location`; P276 on the agreement → the
signing's location; P297 (ISO 3166-1 alpha-2) is kept, for identity alignment.
"""

from __future__ import annotations

import re

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS
from rdflib.term import Node

from ..namespaces import PROV, SCHEMA, TKG
from . import (
    ISO3166,
    WDT,
    WIKIBASE,
    Imported,
    Minter,
    Reference,
    Statement,
    Triple,
    first_label,
    local_name,
    slugify,
)

ENTITY = "http://www.wikidata.org/entity/"
P = "http://www.wikidata.org/prop/"
PS, PQ, PR = P + "statement/", P + "qualifier/", P + "reference/"
TREATY = URIRef(ENTITY + "Q131569")
LABELS = (RDFS.label, SKOS.prefLabel, SCHEMA.name)
DESCRIPTIONS = (SCHEMA.description,)
RANKS = {
    URIRef(WIKIBASE + "PreferredRank"): "preferred",
    URIRef(WIKIBASE + "NormalRank"): "normal",
    URIRef(WIKIBASE + "DeprecatedRank"): "deprecated",
}
STATEMENT_TYPES = {URIRef(WIKIBASE + t) for t in ("Statement", "BestRank", "Reference")}
DATE_TYPES = (None, XSD.date, XSD.dateTime, SCHEMA.Date, SCHEMA.DateTime)
REASON_FOR_DEPRECATION = URIRef(PQ + "P2241")


def is_item(node: Node) -> bool:
    return isinstance(node, URIRef) and re.fullmatch(re.escape(ENTITY) + r"Q[1-9]\d*", str(node))


def pid(predicate: Node, namespace: str) -> str | None:
    match = re.fullmatch(re.escape(namespace) + r"(P\d+)", str(predicate))
    return match.group(1) if match else None


def import_graph(g: Graph, slug: str) -> Imported:
    """Map a Wikidata-style graph (see module docstring); report what is left."""
    mint = Minter(slug)
    imported = Imported("Wikidata")
    used: set[Triple] = set()
    stated: set[tuple[Node, str]] = set()
    for s, p, stmt in sorted(g, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        prop = pid(p, P)
        if prop is None:
            continue
        stated.add((s, prop))
        _statement(g, s, prop, stmt, mint, imported, used)
    for s, p, o in sorted(g, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        prop = pid(p, WDT)
        if prop is None or prop == "P297":
            continue
        if (s, prop) in stated:
            used.add((s, p, o))  # the same fact as a statement node of this file
            continue
        cid = f"truthy-{slugify(local_name(s))}-{prop.lower()}-{slugify(local_name(o))}"
        statement = Statement(cid, "", s, notes=["truthy triple (wdt:), rank not stated"])
        if _map(g, s, prop, o, {}, mint, statement) is not None:
            statement.label = _label(g, s, prop, o)
            imported.statements.append(statement)
            used.add((s, p, o))
    _entities(g, mint, imported, used)
    imported.statements.sort(key=lambda st: st.id)
    imported.account(g, used)
    return imported


def _statement(g, s, prop, stmt, mint, imported: Imported, used: set) -> None:
    rank = next((RANKS[r] for r in g.objects(stmt, URIRef(WIKIBASE + "rank")) if r in RANKS), None)
    values = sorted(g.objects(stmt, URIRef(PS + prop)), key=lambda n: n.n3())
    own = {(s, URIRef(P + prop), stmt)}
    own |= {(stmt, p, o) for p, o in g.predicate_objects(stmt) if _is_statement_part(p, o)}
    if rank == "deprecated":
        reasons = sorted(_label_of(g, r) for r in g.objects(stmt, REASON_FOR_DEPRECATION))
        why = "deprecated rank" + (f" (reason: {', '.join(reasons)})" if reasons else "")
        what = f"{local_name(stmt)}: {prop} = {', '.join(_label_of(g, v) for v in values)}"
        imported.skipped.append((what, why))
        used |= {(stmt, p, o) for p, o in g.predicate_objects(stmt)} | own
        return
    if len(values) != 1:
        return  # no single main value: its triples stay unmapped and are reported
    qualifiers: dict[str, list[Node]] = {}
    for p, o in g.predicate_objects(stmt):
        if (q := pid(p, PQ)) is not None:
            qualifiers.setdefault(q, []).append(o)
    statement = Statement(slugify(local_name(stmt)), _label(g, s, prop, values[0]), stmt, rank=rank)
    mapped = _map(g, s, prop, values[0], qualifiers, mint, statement)
    if mapped is None:
        return
    used |= own | {(stmt, URIRef(PQ + q), o) for q in mapped for o in qualifiers[q]}
    for ref in sorted(g.objects(stmt, PROV.wasDerivedFrom), key=lambda n: n.n3()):
        statement.references.append(_reference(g, ref, used))
        used.add((stmt, PROV.wasDerivedFrom, ref))
    imported.statements.append(statement)


def _is_statement_part(p: Node, o: Node) -> bool:
    return (
        (p == RDF.type and o in STATEMENT_TYPES)
        or p == URIRef(WIKIBASE + "rank")
        or str(p).startswith(PS)
    )


def _reference(g: Graph, ref: Node, used: set) -> Reference:
    url = next(iter(sorted(g.objects(ref, URIRef(PR + "P854")))), None)
    stated_in = next(iter(sorted(g.objects(ref, URIRef(PR + "P248")))), None)
    retrieved = next(iter(sorted(g.objects(ref, URIRef(PR + "P813")))), None)
    for p, o in g.predicate_objects(ref):
        if str(p) in (PR + "P854", PR + "P248", PR + "P813") or (
            p == RDF.type and o in STATEMENT_TYPES
        ):
            used.add((ref, p, o))
    return Reference(
        str(url) if url is not None else None,
        stated_in if isinstance(stated_in, URIRef) else None,
        retrieved if isinstance(retrieved, Literal) else None,
    )


def _map(g, s, prop, value, qualifiers, mint, st: Statement) -> set[str] | None:
    """Add the statement's facts in treatykg's terms; the qualifiers used, None if unmappable."""
    if prop == "P31":
        if value != TREATY:
            return None
        st.triples.append((mint(s), RDF.type, TKG.Agreement))
        return set()
    if prop == "P1891" and isinstance(value, URIRef):
        agreement = mint(s)
        st.triples += [(agreement, RDF.type, TKG.Agreement), (agreement, TKG.party, mint(value))]
        return _signing(agreement, qualifiers, mint, st, dated=True)
    if prop == "P276" and isinstance(value, URIRef):
        return _signing(mint(s), {"P276": [value]}, mint, st, dated=False)
    return None


def _signing(agreement: URIRef, qualifiers, mint, st: Statement, dated: bool) -> set[str]:
    event = URIRef(f"{agreement}/signing")
    st.triples += [(event, RDF.type, TKG.SigningEvent), (event, TKG.signedAgreement, agreement)]
    used = set()
    dates = [d for d in map(as_date, qualifiers.get("P585", [])) if d is not None]
    if len(dates) == len(qualifiers.get("P585", [])) and dates:
        st.triples += [(event, SCHEMA.startDate, d) for d in dates]
        used.add("P585")
    elif dated:
        st.triples.append((event, TKG.unknownProperty, SCHEMA.startDate))
        st.notes.append("no point in time (P585): signing date unknown")
    places = [p for p in qualifiers.get("P276", []) if isinstance(p, URIRef)]
    if places:
        st.triples += [(event, SCHEMA.location, mint(p)) for p in places]
        used.add("P276")
    return used


def as_date(value: Node) -> Literal | None:
    """A day-precision time value (Wikidata's xsd:dateTime, schema:Date) as an xsd:date."""
    if not isinstance(value, Literal):
        return None
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(T00:00:00(Z|\+00:00)?)?", str(value))
    if match is None or value.datatype not in DATE_TYPES:
        return None
    return Literal(match.group(1), datatype=XSD.date)


def _entities(g: Graph, mint: Minter, imported: Imported, used: set) -> None:
    """Labels, descriptions, ISO codes of the things the statements mention; identity links."""
    for s, p, o in sorted(g, key=lambda t: (t[0].n3(), t[1].n3(), t[2].n3())):
        if isinstance(s, URIRef) and p in LABELS + DESCRIPTIONS + (ISO3166,):
            target = {ISO3166: ISO3166}.get(p, RDFS.label if p in LABELS else DCTERMS.description)
            imported.entities.append((mint(s), target, o))
            used.add((s, p, o))
    for iri, node in sorted(mint.minted.items()):
        link = SKOS.exactMatch if is_item(node) else PROV.alternateOf
        imported.entities.append((iri, link, node))


def _label_of(g: Graph, node: Node) -> str:
    fallback = local_name(node) if isinstance(node, URIRef) else str(node)
    return first_label(g, node, LABELS) or fallback


def _label(g: Graph, s: Node, prop: str, value: Node) -> str:
    names = {"P31": "instance of", "P1891": "signatory", "P276": "location"}
    return f"{_label_of(g, s)} – {names.get(prop, prop)}: {_label_of(g, value)}"
