"""The endpoint describes itself: SPARQL 1.1 Service Description, VoID, example queries.

Figures are counted once at start (the dataset is read-only). The endpoint's own URL is only
known per request (host and port), so the triples are made per request from those figures.
The linksets in graph `graph/linksets` are copied into the VoID as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset

from .. import catalogue
from .. import namespaces as ns

N = ox.NamedNode
RDF_TYPE = N("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS = "http://www.w3.org/ns/formats/"
SH = "http://www.w3.org/ns/shacl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = str(ns.SCHEMA)
DCTERMS = "http://purl.org/dc/terms/"
XSD_INTEGER = N("http://www.w3.org/2001/XMLSchema#integer")
DATASET = ns.BASE + "dataset"
LINKSETS = ns.GRAPH["linksets"]
QUERY_BASE = ns.BASE + "query/"
RESULT_FORMATS = [
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "N-Quads",
    "JSON-LD",
    "RDF_XML",
]
FORM = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


@dataclass(frozen=True)
class Example:
    name: str
    question: str
    form: str  # select | ask | construct | describe
    text: str


@dataclass(frozen=True)
class Figures:
    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    properties: int
    classes: tuple[tuple[str, int], ...]  # class IRI, number of instances
    vocabularies: tuple[str, ...]
    graphs: tuple[str, ...]
    linksets: tuple[ox.Triple, ...]


def _count(store: ox.Store, body: str) -> int:
    result = store.query(f"SELECT (COUNT(*) AS ?n) {{ {body} }}", use_default_graph_as_union=True)
    return int(next(iter(result))["n"].value)


def figures(ds: Dataset | ox.Store) -> Figures:
    """Count what VoID reports, over the union of the named graphs."""
    store = catalogue.store_of(ds)
    base = ns.BASE
    classes = tuple(
        (row["c"].value, int(row["n"].value))
        for row in store.query(
            "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) { ?s a ?c FILTER isIRI(?c) } "
            "GROUP BY ?c ORDER BY ?c",
            use_default_graph_as_union=True,
        )
    )
    used = {
        row["t"].value
        for row in store.query(
            "SELECT DISTINCT ?t { { ?s ?t ?o } UNION { ?s a ?t } }", use_default_graph_as_union=True
        )
    }
    vocabularies = tuple(
        sorted({iri for iri in ns.PREFIXES.values() if any(t.startswith(iri) for t in used)})
    )
    linksets = tuple(
        ox.Triple(q.subject, q.predicate, q.object)
        for q in store.quads_for_pattern(None, None, None, N(str(LINKSETS)))
    )
    return Figures(
        triples=_count(store, "SELECT DISTINCT ?s ?p ?o { ?s ?p ?o }"),
        entities=_count(
            store, f'SELECT DISTINCT ?s {{ ?s ?p ?o FILTER STRSTARTS(STR(?s), "{base}") }}'
        ),
        distinct_subjects=_count(store, "SELECT DISTINCT ?s { ?s ?p ?o }"),
        distinct_objects=_count(store, "SELECT DISTINCT ?o { ?s ?p ?o }"),
        properties=_count(store, "SELECT DISTINCT ?p { ?s ?p ?o }"),
        classes=classes,
        vocabularies=vocabularies,
        graphs=tuple(
            sorted(g.value for g in store.named_graphs() if g.value.startswith("https://"))
        ),
        linksets=linksets,
    )


def query_form(text: str) -> str:
    """select | ask | construct | describe: the first query keyword outside comment lines and
    PREFIX declarations (rdflib's parser would take ~70 ms a query, at every start)."""
    body = "\n".join(
        line
        for line in text.splitlines()
        if not line.lstrip().startswith("#") and not line.lstrip().upper().startswith("PREFIX")
    )
    match = FORM.search(body)
    return match.group(1).lower() if match else "select"


def examples(root: object = None) -> tuple[Example, ...]:
    """The catalogue's queries, each with its question and its query form."""
    found = []
    for entry in catalogue.catalogue(root):  # type: ignore[arg-type]
        text = entry.text
        found.append(Example(entry.name, entry.question, query_form(text), text))
    return tuple(found)


def example_triples(items: tuple[Example, ...], endpoint: str) -> list[ox.Triple]:
    """Each query as a SHACL SPARQL executable, as SIB's and UniProt's endpoints publish them
    (`sh:select` + `rdfs:comment` + `schema:target`)."""
    triples = []
    for item in items:
        node = N(QUERY_BASE + item.name)
        kind = f"SPARQL{item.form.capitalize()}Executable"
        triples += [
            ox.Triple(node, RDF_TYPE, N(SH + "SPARQLExecutable")),
            ox.Triple(node, RDF_TYPE, N(SH + kind)),
            ox.Triple(node, N(RDFS + "label"), ox.Literal(item.name)),
            ox.Triple(node, N(RDFS + "comment"), ox.Literal(item.question, language="en")),
            ox.Triple(node, N(SH + item.form), ox.Literal(item.text)),
            ox.Triple(node, N(SCHEMA + "target"), N(endpoint)),
        ]
    return triples


def void_triples(fig: Figures, endpoint: str, dataset: str = DATASET) -> list[ox.Triple]:
    """The VoID description of the dataset, with its class partitions and linksets."""
    d = N(dataset)
    triples = [
        ox.Triple(d, RDF_TYPE, N(VOID + "Dataset")),
        ox.Triple(d, N(DCTERMS + "title"), ox.Literal("treatykg", language="en")),
        ox.Triple(d, N(VOID + "sparqlEndpoint"), N(endpoint)),
        ox.Triple(d, N(VOID + "uriSpace"), ox.Literal(ns.BASE)),
        ox.Triple(d, N(VOID + "triples"), _int(fig.triples)),
        ox.Triple(d, N(VOID + "entities"), _int(fig.entities)),
        ox.Triple(d, N(VOID + "distinctSubjects"), _int(fig.distinct_subjects)),
        ox.Triple(d, N(VOID + "distinctObjects"), _int(fig.distinct_objects)),
        ox.Triple(d, N(VOID + "properties"), _int(fig.properties)),
        ox.Triple(d, N(VOID + "classes"), _int(len(fig.classes))),
        ox.Triple(d, N(VOID + "rootResource"), N(str(ns.ONTOLOGY))),
    ]
    triples += [ox.Triple(d, N(VOID + "vocabulary"), N(v)) for v in fig.vocabularies]
    for cls, count in fig.classes:
        part = N(f"{dataset}#class-{_slug(cls)}")
        triples += [
            ox.Triple(d, N(VOID + "classPartition"), part),
            ox.Triple(part, N(VOID + "class"), N(cls)),
            ox.Triple(part, N(VOID + "entities"), _int(count)),
        ]
    linksets = {
        t.subject
        for t in fig.linksets
        if t.predicate == RDF_TYPE and t.object == N(VOID + "Linkset")
    }
    triples += [ox.Triple(d, N(VOID + "subset"), ls) for ls in sorted(linksets, key=str)]
    return triples + list(fig.linksets)


def _slug(iri: str) -> str:
    """A class's fragment in the partition's IRI: `tkg-State` for tkg:State, stable as classes
    come and go."""
    for prefix, base in sorted(ns.PREFIXES.items(), key=lambda pair: -len(pair[1])):
        if iri.startswith(base) and iri != base:
            return f"{prefix}-{iri.removeprefix(base)}"
    return "".join(c if c.isalnum() else "-" for c in iri)


def dataset_iri(fig: Figures) -> str:
    """The dataset's IRI: the one the linksets name as their subjects' target, if any."""
    for t in fig.linksets:
        if t.predicate == N(VOID + "subjectsTarget") and t.object.value.startswith(ns.BASE):
            return t.object.value
    return DATASET


def service_triples(fig: Figures, endpoint: str, federated: bool) -> list[ox.Triple]:
    """SPARQL 1.1 Service Description: what the endpoint speaks and which dataset it serves."""
    s, dataset = N(endpoint), dataset_iri(fig)
    d, default = N(dataset), N(f"{dataset}#default-graph")
    triples = [
        ox.Triple(s, RDF_TYPE, N(SD + "Service")),
        ox.Triple(s, N(SD + "endpoint"), s),
        ox.Triple(s, N(SD + "supportedLanguage"), N(SD + "SPARQL11Query")),
        ox.Triple(s, N(SD + "feature"), N(SD + "UnionDefaultGraph")),
        ox.Triple(
            s, N(SD + "defaultEntailmentRegime"), N("http://www.w3.org/ns/entailment/Simple")
        ),
        ox.Triple(s, N(SD + "defaultDataset"), d),
        ox.Triple(d, RDF_TYPE, N(SD + "Dataset")),
        ox.Triple(d, N(SD + "defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, N(SD + "Graph")),
        ox.Triple(default, N(VOID + "triples"), _int(fig.triples)),
    ]
    if federated:
        triples.append(ox.Triple(s, N(SD + "feature"), N(SD + "BasicFederatedQuery")))
    triples += [ox.Triple(s, N(SD + "resultFormat"), N(FORMATS + f)) for f in RESULT_FORMATS]
    for graph in fig.graphs:
        named = N(f"{dataset}#graph-{graph.removeprefix(ns.BASE)}")
        triples += [
            ox.Triple(d, N(SD + "namedGraph"), named),
            ox.Triple(named, RDF_TYPE, N(SD + "NamedGraph")),
            ox.Triple(named, N(SD + "name"), N(graph)),
        ]
    return triples
