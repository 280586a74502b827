"""`treatykg serve`: answers through the endpoint equal the catalogue's, every result format,
the self-description (SD, VoID, examples), `/catalogue.json`, entity pages and the query page.

One real uvicorn server on 127.0.0.1 (a free port) serves the session's dataset.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import httpx
import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from treatykg import catalogue
from treatykg.serve import Limits, create_app
from treatykg.serve.running import background

US = "https://w3id.org/treatykg/id/actor/united-states"
STATES = "SELECT ?s WHERE { ?s a <https://w3id.org/treatykg/ontology#State> } ORDER BY ?s"
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SKOS_EXACT = "http://www.w3.org/2004/02/skos/core#exactMatch"


@pytest.fixture(scope="module")
def server(dataset):
    app = create_app(dataset, Limits(timeout=120, workers=2))  # equality here, not speed
    with background(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


def _term(binding: dict) -> object:
    if binding["type"] == "uri":
        return URIRef(binding["value"])
    if binding["type"] == "bnode":
        return BNode(binding["value"])
    if "xml:lang" in binding:
        return Literal(binding["value"], lang=binding["xml:lang"])
    datatype = binding.get("datatype")
    return Literal(binding["value"], datatype=URIRef(datatype) if datatype else None)


def _rows(payload: dict) -> list[dict]:
    names = payload["head"]["vars"]
    return [
        {n: _term(b[n]) if n in b else None for n in names} for b in payload["results"]["bindings"]
    ]


@pytest.mark.parametrize("entry", catalogue.catalogue(), ids=lambda e: e.name)
def test_catalogue_query_through_endpoint_equals_catalogue_run(server, dataset, entry):
    response = server.post("/sparql", data={"query": entry.text})
    if catalogue.SERVICE_PLACEHOLDER in entry.text:  # federated: needs --service, refused here
        assert response.status_code == 403
        assert "is a placeholder: no endpoint was given" in response.text
        return
    expected = catalogue.run(dataset, entry.text, entry.name)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/sparql-results+json"
    got = _rows(response.json())
    assert expected.rows, f"{entry.name} has no rows: the comparison would prove nothing"
    if "ORDER BY" in entry.text:
        assert got == list(expected.rows)
    else:
        key = lambda row: sorted((k, str(v)) for k, v in row.items())  # noqa: E731
        assert sorted(got, key=key) == sorted(expected.rows, key=key)


def test_select_in_every_result_format(server, dataset):
    states = [str(r["s"]) for r in catalogue.run(dataset, STATES).rows]
    assert US in states
    as_json = server.get("/sparql", params={"query": STATES})
    assert [b["s"]["value"] for b in as_json.json()["results"]["bindings"]] == states
    as_xml = server.get(
        "/sparql", params={"query": STATES}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert as_xml.headers["content-type"] == "application/sparql-results+xml"
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(as_xml.content)
    assert [u.text for u in root.findall(".//r:uri", ns)] == states
    as_csv = server.get("/sparql", params={"query": STATES}, headers={"Accept": "text/csv"})
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert list(csv.reader(io.StringIO(as_csv.text))) == [["s"], *([s] for s in states)]
    as_tsv = server.get(
        "/sparql", params={"query": STATES}, headers={"Accept": "text/tab-separated-values"}
    )
    assert as_tsv.text.splitlines() == ["?s", *(f"<{s}>" for s in states)]


def test_q_values_pick_the_weightiest_format(server):
    accept = "application/sparql-results+json;q=0.5, text/csv;q=0.9, */*;q=0.1"
    response = server.get("/sparql", params={"query": STATES}, headers={"Accept": accept})
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    refused = server.get("/sparql", params={"query": STATES}, headers={"Accept": "image/png"})
    assert refused.status_code == 406
    assert "application/sparql-results+json" in refused.text


CONSTRUCT = f"CONSTRUCT {{ <{US}> ?p ?o }} WHERE {{ <{US}> ?p ?o }}"


@pytest.mark.parametrize(
    ("media", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
    ],
)
def test_construct_in_every_rdf_format(server, dataset, media, fmt):
    expected = {
        (str(r["s"]), str(r["p"]), str(r["o"])) for r in catalogue.run(dataset, CONSTRUCT).rows
    }
    response = server.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": media})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    parsed = ox.parse(response.content, format=fmt)
    got = {(q.subject.value, q.predicate.value, q.object.value) for q in parsed}
    assert got == expected and len(got) >= 4


def test_describe_is_rdf(server):
    response = server.post(
        "/sparql",
        content=f"DESCRIBE <{US}>",
        headers={"Content-Type": "application/sparql-query", "Accept": "application/n-triples"},
    )
    triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
    assert {t.subject.value for t in triples} == {US}
    assert any(t.object.value == "United States" for t in triples)


def test_service_description_at_the_endpoint(server):
    response = server.get("/sparql", headers={"Accept": "application/n-triples"})
    assert response.status_code == 200
    graph = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
    endpoint = f"{server.base_url}/sparql".replace("//sparql", "/sparql")
    facts = {(t.subject.value, t.predicate.value, t.object.value) for t in graph}
    assert (endpoint, SD + "endpoint", endpoint) in facts
    assert (endpoint, SD + "supportedLanguage", SD + "SPARQL11Query") in facts
    assert (endpoint, SD + "feature", SD + "UnionDefaultGraph") in facts
    assert (endpoint, SD + "feature", SD + "BasicFederatedQuery") not in facts  # no host allowed
    named = {t.object.value for t in graph if t.predicate.value == SD + "name"}
    assert "https://w3id.org/treatykg/graph/vocabulary" in named


def test_void_counts_the_dataset(server, dataset):
    response = server.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    graph = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
    # the served dataset is the one with the endpoint (the linksets name it as their source)
    (served,) = {t.subject for t in graph if t.predicate.value == VOID + "sparqlEndpoint"}
    values = {t.predicate.value: t.object.value for t in graph if t.subject == served}
    distinct = {(s, p, o) for s, p, o, _ in dataset.quads()}
    assert int(values[VOID + "triples"]) == len(distinct)
    assert values[VOID + "uriSpace"] == "https://w3id.org/treatykg/"
    assert values[VOID + "sparqlEndpoint"].endswith("/sparql")
    vocabularies = {t.object.value for t in graph if t.predicate.value == VOID + "vocabulary"}
    assert "http://www.w3.org/ns/prov#" in vocabularies


def test_examples_are_the_catalogue(server):
    response = server.get(
        "/.well-known/sparql-examples", headers={"Accept": "application/n-triples"}
    )
    graph = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
    selects = {
        t.subject.value.rsplit("/", 1)[1]: t.object.value
        for t in graph
        if t.predicate.value == "http://www.w3.org/ns/shacl#select"
    }
    assert selects == {e.name: e.text for e in catalogue.catalogue()}


def test_catalogue_json_contract(server):
    entries = server.get("/catalogue.json").json()
    assert [set(e) for e in entries] == [{"name", "question", "returns", "example", "query"}] * len(
        entries
    )
    by_name = {e["name"]: e for e in entries}
    commitments = next(e for e in catalogue.catalogue() if e.name == "commitments")
    assert by_name["commitments"]["query"] == commitments.text
    assert by_name["commitments"]["question"] == commitments.question


def test_entity_dereferences_by_content_negotiation(server):
    turtle = server.get("/id/actor/united-states", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"] == "text/turtle; charset=utf-8"
    triples = [
        (q.subject.value, q.predicate.value, q.object.value)
        for q in ox.parse(turtle.content, format=ox.RdfFormat.TURTLE)
    ]
    assert (US, "http://www.w3.org/2000/01/rdf-schema#label", "United States") in triples
    jsonld = server.get("/id/actor/united-states", headers={"Accept": "application/ld+json"})
    assert {t.subject.value for t in ox.parse(jsonld.content, format=ox.RdfFormat.JSON_LD)} == {US}
    html = server.get("/id/actor/united-states", headers={"Accept": "text/html,*/*;q=0.8"})
    assert html.headers["content-type"] == "text/html; charset=utf-8"
    assert "<h1>United States</h1>" in html.text
    assert "Claims that mention it" in html.text and "confirmed" in html.text
    assert server.get("/id/actor/united-states", headers={"Accept": "image/png"}).status_code == 406
    assert server.get("/id/actor/nobody-of-that-name").status_code == 404


def test_claim_page_shows_its_source_quote_and_status(server, dataset):
    label, text = catalogue.resolve("claim-status")
    row = catalogue.run(dataset, text, label).rows[0]
    path = str(row["claim"]).removeprefix("https://w3id.org/treatykg/")
    html = server.get(f"/{path}", headers={"Accept": "text/html"}).text
    assert f"<td>{row['status']}</td>" in html
    assert 'href="/id/source/' in html


def test_ontology_and_scheme_dereference(server):
    ontology = server.get("/ontology", headers={"Accept": "application/n-triples"})
    subjects = {t.subject.value for t in ox.parse(ontology.content, format=ox.RdfFormat.N_TRIPLES)}
    assert "https://w3id.org/treatykg/ontology#Commitment" in subjects
    scheme = server.get("/scheme/role", headers={"Accept": "text/html"})
    assert scheme.status_code == 200 and "scheme/role" in scheme.text


def test_query_page_and_yasgui_files(server):
    page = server.get("/")
    assert page.status_code == 200 and "/static/yasgui/yasgui.min.js" in page.text
    script = server.get("/static/yasgui/yasgui.min.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    escape = httpx.get(f"{server.base_url}/static/yasgui/%2e%2e/%2e%2e/%2e%2e/package.json")
    assert escape.status_code == 404


def test_void_carries_every_linkset_of_the_dataset(dataset):
    """Linksets (graph/linksets, written by `treatykg link`) are copied into the VoID and made
    subsets of the dataset they link from."""
    from treatykg import namespaces as ns
    from treatykg.dataset import new_dataset
    from treatykg.serve import describe

    copy = new_dataset()
    copy.addN(dataset.quads())
    linkset = URIRef("https://w3id.org/treatykg/test/linkset/wikidata")
    void = "http://rdfs.org/ns/void#"
    graph = copy.graph(ns.GRAPH["linksets"])
    graph.add((linkset, URIRef(RDF_TYPE), URIRef(void + "Linkset")))
    graph.add((linkset, URIRef(void + "subjectsTarget"), URIRef(ns.BASE + "dataset")))
    graph.add((linkset, URIRef(void + "linkPredicate"), URIRef(SKOS_EXACT)))
    graph.add((linkset, URIRef(void + "triples"), Literal(12)))
    triples = describe.void_triples(describe.figures(copy), "http://127.0.0.1:1/sparql")
    facts = {(t.subject.value, t.predicate.value, t.object.value) for t in triples}
    assert (ns.BASE + "dataset", void + "subset", str(linkset)) in facts
    assert (str(linkset), void + "linkPredicate", SKOS_EXACT) in facts
    assert (str(linkset), void + "triples", "12") in facts


def test_query_page_without_yasgui_says_how_to_install_it(dataset, tmp_path):
    from starlette.testclient import TestClient

    from treatykg import paths

    checkout = paths.find().root
    for part in ("ontology", "graph", "queries"):
        (tmp_path / part).symlink_to(checkout / part)
    (tmp_path / "web").mkdir()  # no node_modules: the setup has not run
    client = TestClient(create_app(dataset, root=tmp_path))  # no lifespan: no workers needed
    page = client.get("/")
    assert page.status_code == 503
    assert "<pre>npm ci --prefix web</pre>" in page.text
    assert client.get("/static/yasgui/yasgui.min.js").status_code == 404


def test_a_store_is_served_as_the_built_dataset(server, dataset, tmp_path_factory):
    """`serve --store DIR` (no build): the same answers, VoID, and entity pages."""
    from treatykg import dump, store

    directory = tmp_path_factory.mktemp("serve-store") / "db"
    store.write(dump.sorted_quads(dataset), directory)
    app = create_app(store.open_store(directory), Limits(timeout=120, workers=1))
    with background(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        for entry in catalogue.catalogue():
            if catalogue.SERVICE_PLACEHOLDER in entry.text:
                continue
            response = client.post("/sparql", data={"query": entry.text})
            assert response.status_code == 200, (entry.name, response.text)
            assert _rows(response.json()) == list(catalogue.run(dataset, entry.text).rows)
        for path in ("/.well-known/void", "/id/actor/united-states"):
            turtle = {"Accept": "application/n-triples"}
            ours, theirs = client.get(path, headers=turtle), server.get(path, headers=turtle)
            assert ours.status_code == 200
            mine = {str(t) for t in ox.parse(ours.content, format=ox.RdfFormat.N_TRIPLES)}
            base = {str(t) for t in ox.parse(theirs.content, format=ox.RdfFormat.N_TRIPLES)}
            assert mine == {t.replace(str(server.base_url), url) for t in base}, path
