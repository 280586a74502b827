"""Every IRI of the graph dereferences: `https://w3id.org/treatykg/<path>` is served at `/<path>`.

What an entity is, to a client: the triples whose subject it is (in any named graph), and, if
it names a graph (a claim's assertion), that graph's triples. To a browser: the same as HTML,
with the claims that mention it, their sources, quotes and latest status. `/ontology` stands
for the whole vocabulary (its terms are `ontology#Term`).
"""

from __future__ import annotations

from html import escape

import pyoxigraph as ox

from .. import namespaces as ns

N = ox.NamedNode
LABELS = [
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://purl.org/dc/terms/title",
]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
CLAIMS_ABOUT = """
PREFIX tkg: <https://w3id.org/treatykg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?claim (SAMPLE(?l) AS ?label) (SAMPLE(?src) AS ?source) (SAMPLE(?sl) AS ?sourceLabel)
       (SAMPLE(?x) AS ?exact) (SAMPLE(?st) AS ?status)
WHERE {
  VALUES ?entity { %s }
  { GRAPH ?claim { { ?entity ?p ?o } UNION { ?s ?q ?entity } } }
  UNION { GRAPH ?entity { ?a ?b ?c } BIND(?entity AS ?claim) }
  FILTER STRSTARTS(STR(?claim), "https://w3id.org/treatykg/id/claim/")
  OPTIONAL { ?claim rdfs:label ?l }
  OPTIONAL {
    ?claim tkg:attestedBy/tkg:anchor ?anchor . ?anchor oa:hasSource ?src .
    OPTIONAL { ?src rdfs:label ?sl }
    OPTIONAL { ?anchor oa:hasSelector ?sel . ?sel a oa:TextQuoteSelector ; oa:exact ?x }
  }
  OPTIONAL {
    ?assessment tkg:assessedClaim ?claim ; tkg:status/skos:prefLabel ?st .
    FILTER NOT EXISTS { ?later tkg:supersedes ?assessment }
  }
}
GROUP BY ?claim ORDER BY ?claim
"""


def iri_of(path: str) -> str:
    return ns.BASE + path.lstrip("/")


def triples_about(store: ox.Store, iri: str) -> list[ox.Triple]:
    """What the server says about `iri`, sorted (the same bytes every time); [] if unknown."""
    quads = []
    if iri == str(ns.ONTOLOGY):
        prefix = iri + "#"
        quads = [
            q
            for q in store.quads_for_pattern(None, None, None, N(str(ns.VOCABULARY_GRAPH)))
            if isinstance(q.subject, ox.NamedNode)
            and (q.subject.value == iri or q.subject.value.startswith(prefix))
        ]
    else:
        node = N(iri)
        quads = [q for q in store.quads_for_pattern(node, None, None, None)]
        if store.contains_named_graph(node):
            quads += store.quads_for_pattern(None, None, None, node)
        if not quads and next(store.quads_for_pattern(None, None, node, None), None) is None:
            return []
    unique = {(str(q.subject), str(q.predicate), str(q.object)): q for q in quads}
    return [ox.Triple(q.subject, q.predicate, q.object) for _, q in sorted(unique.items())]


def local(iri: str) -> str:
    """The link to follow on this server for one of our IRIs; other IRIs stay as they are."""
    if iri.startswith(ns.BASE):
        path = iri.removeprefix(ns.BASE)
        return "/" + (path.split("#")[0] if path.startswith("ontology#") else path)
    return iri


def _term_html(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f'<a href="{escape(local(term.value))}">{escape(short(term.value))}</a>'
    if isinstance(term, ox.Literal):
        suffix = f' <span class="lang">@{escape(term.language)}</span>' if term.language else ""
        return f"{escape(term.value)}{suffix}"
    return escape(str(term))


def short(iri: str) -> str:
    """A prefixed name where one of the project's prefixes fits."""
    best = max(
        ((p, base) for p, base in ns.PREFIXES.items() if iri.startswith(base)),
        key=lambda pair: len(pair[1]),
        default=None,
    )
    return f"{best[0]}:{iri.removeprefix(best[1])}" if best else iri


def label_of(store: ox.Store, iri: str) -> str:
    for predicate in LABELS:
        for quad in store.quads_for_pattern(N(iri), N(predicate), None, None):
            return quad.object.value
    return iri


def page(store: ox.Store, iri: str, triples: list[ox.Triple]) -> str:
    """The entity as a self-contained, escaped HTML page."""
    subject = [t for t in triples if isinstance(t.subject, ox.NamedNode) and t.subject.value == iri]
    types = [t.object for t in subject if t.predicate.value == RDF_TYPE]
    rows = "".join(
        f"<tr><td>{_term_html(t.predicate)}</td><td>{_term_html(t.object)}</td></tr>"
        for t in subject
    )
    title = escape(label_of(store, iri))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} — treatykg</title>
<style>body{{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}}
table{{border-collapse:collapse;width:100%}}td,th{{border:1px solid #ccc;padding:.3rem;
vertical-align:top;text-align:left}}code{{word-break:break-all}}.lang{{color:#777}}</style>
</head><body>
<p><a href="/">treatykg</a> · <a href="/sparql">SPARQL endpoint</a></p>
<h1>{title}</h1>
<p><code>{escape(iri)}</code></p>
<p>Type: {", ".join(_term_html(t) for t in types) or "—"}</p>
<h2>Statements</h2>
<table><tr><th>property</th><th>value</th></tr>{rows}</table>
{_others_html(iri, triples)}
{_claims_html(store, iri)}
<p>Also as <a href="?format=ttl">Turtle</a> (or ask for <code>text/turtle</code> or
<code>application/ld+json</code> in <code>Accept</code>).</p>
</body></html>
"""


def _others_html(iri: str, triples: list[ox.Triple]) -> str:
    """The other subjects served with this IRI: the terms of /ontology, a claim's facts."""
    rows = "".join(
        f"<tr><td>{_term_html(t.subject)}</td><td>{_term_html(t.predicate)}</td>"
        f"<td>{_term_html(t.object)}</td></tr>"
        for t in triples
        if not (isinstance(t.subject, ox.NamedNode) and t.subject.value == iri)
    )
    if not rows:
        return ""
    title = "Terms" if iri == str(ns.ONTOLOGY) else "In the graph it names"
    head = "<tr><th>subject</th><th>property</th><th>value</th></tr>"
    return f"<h2>{title}</h2>\n<table>{head}{rows}</table>"


def _claims_html(store: ox.Store, iri: str) -> str:
    if iri == str(ns.ONTOLOGY):
        return ""
    rows = []
    entity = str(N(iri))  # NamedNode checks it is an IRI: `<…>` cannot carry anything else
    for row in store.query(CLAIMS_ABOUT % entity, use_default_graph_as_union=True):
        claim, source = row["claim"].value, row["source"]
        name = (row["label"] or row["claim"]).value
        cells = [f'<a href="{escape(local(claim))}">{escape(name)}</a>']
        if source is not None:
            text = (row["sourceLabel"] or source).value
            cells.append(f'<a href="{escape(local(source.value))}">{escape(text)}</a>')
        else:
            cells.append("—")
        cells += [escape(row[k].value) if row[k] else "—" for k in ("exact", "status")]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    if not rows:
        return ""
    head = "<tr><th>claim</th><th>source</th><th>exact words</th><th>status</th></tr>"
    return f"<h2>Claims that mention it</h2>\n<table>{head}{''.join(rows)}</table>"
