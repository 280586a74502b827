"""The W3C SPARQL 1.1 Protocol test suite against a running `treatykg serve`.

Manifest: tests/fixtures/w3c-protocol/manifest.ttl (w3c/rdf-tests,
sparql/sparql11/protocol/manifest.ttl). Each test there is a prose HTTP exchange over the
suite's own data (`http://kasei.us/2009/09/sparql/data/dataN.rdf` graphs, each holding
`<dataN.rdf> a foaf:Document`). Here each query_* and bad_* test keeps its request shape and
the protocol point it checks, over our graph: graph N is the head graph of a nanopublication
(`…/np/S/C/head`) holding `<…/np/S/C> a np:Nanopublication`, so "dataN.rdf a ?type" becomes
"nanopublication N a ?type" in head graph N. The endpoint is read-only: every update_* test
must be refused (403 for a well-formed update request) and change nothing; bad_update_* get
a 4xx as the suite asks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rdflib import Graph, URIRef

from treatykg.serve import Limits, create_app
from treatykg.serve.running import background

MANIFEST = Path(__file__).parent / "fixtures" / "w3c-protocol" / "manifest.ttl"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
BOOLEAN = {"application/sparql-results+json", "application/sparql-results+xml"}
TABULAR = BOOLEAN | {"text/csv", "text/tab-separated-values"}
RDF = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
UPDATE = {"Content-Type": "application/sparql-update"}


@pytest.fixture(scope="module")
def server(dataset) -> Iterator[httpx.Client]:
    app = create_app(dataset, Limits(workers=2))
    with background(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def data(dataset) -> list[tuple[str, str]]:
    """(graph, nanopublication) for the suite's data0..data3: the first four head graphs."""
    heads = sorted(
        str(g.identifier) for g in dataset.graphs() if str(g.identifier).endswith("/head")
    )[:4]
    return [(head, head.removesuffix("/head")) for head in heads]


def media(response: httpx.Response) -> str:
    return response.headers["content-type"].split(";")[0]


def boolean(response: httpx.Response) -> bool:
    assert response.status_code == 200, response.text
    assert media(response) in BOOLEAN
    return response.json()["boolean"]


def test_query_post_form(server, data):
    response = server.post(
        "/sparql/",
        params={"default-graph-uri": data[0][0]},
        content="query=ASK%20%7B%7D",
        headers=FORM,
    )
    assert boolean(response) is True


def _two_in_default(data) -> str:
    return f"ASK {{ <{data[1][1]}> a ?type . <{data[2][1]}> a ?type . }}"


def test_query_dataset_default_graphs_get(server, data):
    params = [("query", _two_in_default(data)), ("default-graph-uri", data[1][0])]
    assert boolean(server.get("/sparql/", params=[*params, ("default-graph-uri", data[2][0])]))
    assert boolean(server.get("/sparql/", params=params)) is False  # only graph 1: not both


def test_query_dataset_default_graphs_post(server, data):
    graphs = [("default-graph-uri", data[1][0]), ("default-graph-uri", data[2][0])]
    response = server.post("/sparql/", params=graphs, content=_two_in_default(data), headers=DIRECT)
    assert boolean(response) is True
    alone = server.post(
        "/sparql/", params=graphs[:1], content=_two_in_default(data), headers=DIRECT
    )
    assert boolean(alone) is False


def _two_named(data) -> str:
    return (
        f"ASK {{ GRAPH ?g1 {{ <{data[1][1]}> a ?type }} GRAPH ?g2 {{ <{data[2][1]}> a ?type }} }}"
    )


def test_query_dataset_named_graphs_post(server, data):
    graphs = [("named-graph-uri", data[1][0]), ("named-graph-uri", data[2][0])]
    response = server.post("/sparql/", params=graphs, content=_two_named(data), headers=DIRECT)
    assert boolean(response) is True
    alone = server.post("/sparql/", params=graphs[1:], content=_two_named(data), headers=DIRECT)
    assert boolean(alone) is False


def test_query_dataset_named_graphs_get(server, data):
    params = [("query", _two_named(data)), ("named-graph-uri", data[1][0])]
    assert boolean(server.get("/sparql/", params=[*params, ("named-graph-uri", data[2][0])]))
    assert boolean(server.get("/sparql/", params=params)) is False


def test_query_dataset_full(server, data):
    query = (
        f"ASK {{\n  <{data[3][1]}> a ?type\n  GRAPH ?g1 {{ <{data[1][1]}> a ?type }}\n"
        f"  GRAPH ?g2 {{ <{data[2][1]}> a ?type }}\n}}"
    )
    graphs = [
        ("default-graph-uri", data[3][0]),
        ("named-graph-uri", data[1][0]),
        ("named-graph-uri", data[2][0]),
    ]
    assert boolean(server.post("/sparql/", params=graphs, content=query, headers=DIRECT)) is True
    swapped = [("default-graph-uri", data[1][0]), *graphs[1:]]
    assert boolean(server.post("/sparql/", params=swapped, content=query, headers=DIRECT)) is False


def test_query_multiple_dataset(server, data):
    """The protocol's dataset wins over the query's FROM. (The manifest percent-encodes the
    second `&named-graph-uri=`, which makes one odd IRI of the two; the test's evident intent,
    two named graphs, is kept.)"""
    query = (
        f"ASK FROM <{data[3][0]}> {{ GRAPH ?g1 {{ <{data[1][1]}> a ?type }} "
        f"GRAPH ?g2 {{ <{data[2][1]}> a ?type }} }}"
    )
    graphs = [("named-graph-uri", data[1][0]), ("named-graph-uri", data[2][0])]
    assert boolean(server.post("/sparql/", params=graphs, content=query, headers=DIRECT)) is True
    from_ignored = f"ASK FROM <{data[3][0]}> {{ <{data[3][1]}> a ?type }}"
    assert boolean(server.post("/sparql/", content=from_ignored, headers=DIRECT)) is True
    response = server.post("/sparql/", params=graphs, content=from_ignored, headers=DIRECT)
    assert boolean(response) is False


def test_query_get(server, data):
    params = {"query": "ASK {}", "default-graph-uri": data[0][0]}
    assert boolean(server.get("/sparql/", params=params)) is True


def test_query_content_type_select(server, data):
    response = server.post(
        "/sparql/",
        params={"default-graph-uri": data[0][0]},
        content="SELECT (1 AS ?value) {}",
        headers=DIRECT,
    )
    assert response.status_code == 200 and media(response) in TABULAR
    assert response.json()["results"]["bindings"][0]["value"]["value"] == "1"


def test_query_content_type_ask(server, data):
    response = server.post(
        "/sparql/", params={"default-graph-uri": data[0][0]}, content="ASK {}", headers=DIRECT
    )
    assert boolean(response) is True


def test_query_content_type_describe(server, data):
    query = f"DESCRIBE <{data[0][1]}>"  # the suite describes http://example.org/
    response = server.post(
        "/sparql/", params={"default-graph-uri": data[0][0]}, content=query, headers=DIRECT
    )
    assert response.status_code == 200 and media(response) in RDF
    graph = Graph().parse(data=response.text, format="turtle")
    assert (URIRef(data[0][1]), None, None) in graph


def test_query_content_type_construct(server, data):
    response = server.post(
        "/sparql/",
        params={"default-graph-uri": data[0][0]},
        content="CONSTRUCT { <s> <p> 1 } WHERE {}",
        headers=DIRECT,
    )
    assert response.status_code == 200 and media(response) in RDF
    graph = Graph().parse(data=response.text, format="turtle")
    base = f"{server.base_url}/sparql/"
    assert [(str(s), str(p), o.toPython()) for s, p, o in graph] == [(base + "s", base + "p", 1)]


def test_query_post_direct(server):
    assert boolean(server.post("/sparql/", content="ASK {}", headers=DIRECT)) is True


def test_bad_query_method(server, data):
    response = server.put(
        "/sparql/", params={"query": "ASK {}", "default-graph-uri": data[0][0]}, headers=FORM
    )
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"HEAD", "GET", "POST"}


def test_bad_multiple_queries(server):
    response = server.get("/sparql/", params=[("query", "ASK {}"), ("query", "SELECT * {}")])
    assert response.status_code == 400
    assert response.text == "more than one 'query' parameter: send exactly one\n"


def test_bad_query_wrong_media_type(server):
    response = server.post("/sparql/", content="ASK {}", headers={"Content-Type": "text/plain"})
    assert response.status_code == 415
    assert response.text.startswith("unsupported request media type 'text/plain'")


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("bad_query_missing_form_type", "query=ASK%20%7B%7D"),
        ("bad_query_missing_direct_type", "ASK {}"),
    ],
)
def test_bad_query_missing_type(server, name, body):
    response = server.post("/sparql/", content=body.encode(), headers={"Content-Type": ""})
    assert response.status_code == 415, name
    assert response.text.startswith("unsupported request media type '(none)'")


def test_bad_query_non_utf8(server):
    response = server.post(
        "/sparql/",
        content="ASK {}".encode("utf-16"),  # with a BOM, as the suite says
        headers={"Content-Type": "application/sparql-query; charset=UTF-16"},
    )
    assert response.status_code == 415
    assert response.text == "charset 'utf-16' is not supported: send the request in UTF-8\n"


def test_bad_query_syntax(server):
    response = server.get("/sparql/", params={"query": "ASK {"})
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error: ")


T = "https://w3id.org/treatykg/test/"
INSERT = f"INSERT DATA {{ GRAPH <{T}g> {{ <{T}s> a <{T}C> }} }}"
UPDATES = {  # name: (content type, body) — the suite's first request of each update test
    "update_dataset_default_graph": (
        "application/sparql-update",
        f"CLEAR ALL ; {INSERT}",
    ),
    "update_dataset_default_graphs": ("application/sparql-update", "DROP ALL"),
    "update_dataset_named_graphs": (
        "application/sparql-update",
        f"DROP ALL ; {INSERT}",
    ),
    "update_dataset_full": ("application/sparql-update", "DROP ALL"),
    "update_post_form": ("application/x-www-form-urlencoded", "update=CLEAR+ALL"),
    "update_post_direct": ("application/sparql-update", "CLEAR ALL"),
    "update_base_uri": (
        "application/sparql-update",
        f"INSERT DATA {{ GRAPH <{T}g> {{ <{T}s> <{T}p> <test> }} }}",
    ),
}


@pytest.mark.parametrize("name", sorted(UPDATES))
def test_update_is_refused_and_changes_nothing(server, name):
    content_type, body = UPDATES[name]
    response = server.post("/sparql/", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 403
    assert response.text.startswith("this endpoint is read-only")
    assert boolean(server.post("/sparql/", content="ASK { ?s ?p ?o }", headers=DIRECT)) is True
    test_graph = f"ASK {{ GRAPH <{T}g> {{ ?s ?p ?o }} }}"
    assert boolean(server.post("/sparql/", content=test_graph, headers=DIRECT)) is False


BAD_UPDATES = {  # name: (method, query string, content type, body, status)
    "bad_update_get": ("GET", "update=CLEAR%20ALL", None, b"", 400),
    "bad_multiple_updates": (
        "POST",
        "",
        FORM["Content-Type"],
        b"update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
        400,
    ),
    "bad_update_wrong_media_type": ("POST", "", "text/plain", b"CLEAR NAMED", 415),
    "bad_update_missing_form_type": ("POST", "", "", b"update=CLEAR%20NAMED", 415),
    "bad_update_non_utf8": (
        "POST",
        "",
        "application/sparql-update; charset=UTF-16",
        "CLEAR NAMED".encode("utf-16"),
        403,
    ),
    "bad_update_syntax": ("POST", "", FORM["Content-Type"], b"update=CLEAR%20XYZ", 403),
    "bad_update_dataset_conflict": (
        "POST",
        "using-named-graph-uri=https%3A%2F%2Fw3id.org%2Ftreatykg%2Ftest%2Fpeople",
        "application/sparql-update",
        f"WITH <{T}addresses> DELETE {{ ?p <{T}n> 'Bill' }} WHERE {{ ?p <{T}n> 'Bill' }}".encode(),
        403,
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_UPDATES))
def test_bad_update_is_a_client_error(server, name):
    method, query, content_type, body, status = BAD_UPDATES[name]
    headers = {} if content_type is None else {"Content-Type": content_type}
    response = server.request(method, f"/sparql/?{query}", content=body, headers=headers)
    assert response.status_code == status


def test_every_test_of_the_manifest_is_covered():
    manifest = Graph().parse(MANIFEST, format="turtle")
    names = {
        str(s).rsplit("#", 1)[1]
        for s in manifest.subjects(
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(MF + "ProtocolTest")
        )
    }
    covered = (
        {name.removeprefix("test_") for name in globals() if name.startswith("test_")}
        | set(UPDATES)
        | set(BAD_UPDATES)
        | {"bad_query_missing_form_type", "bad_query_missing_direct_type"}
    )
    assert len(names) == 34
    assert names - covered == set()
