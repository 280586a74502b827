"""Secure by default: each attack of issue 5 against a running `treatykg serve`, asserting the
refusal and that no outbound connection was made (a local listening socket must see none).

The control test shows the listener is not blind: once its host is allowed, SERVICE reaches it.
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import httpx
import pytest

from treatykg.serve import Limits, create_app
from treatykg.serve.running import background

TIMEOUT = 2.0
CAP = 50
BODY = 2_000
EVERYTHING = "ASK { ?s ?p ?o }"
TEST = "https://w3id.org/treatykg/test/"
INSERT = f"INSERT DATA {{ <{TEST}s> <{TEST}p> 1 }}"


class Listener:
    """A TCP socket on 127.0.0.1 that nobody should connect to."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.setblocking(False)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def connections(self) -> int:
        """Connections made so far (a connect completes in the kernel's backlog before the
        query that made it can answer, so none is missed)."""
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except BlockingIOError:
                return count
            conn.close()
            count += 1


@pytest.fixture
def listener() -> Iterator[Listener]:
    spy = Listener()
    yield spy
    spy.sock.close()


@pytest.fixture(scope="module")
def server(dataset) -> Iterator[httpx.Client]:
    limits = Limits(timeout=TIMEOUT, max_results=CAP, max_body=BODY, workers=2)
    with (
        background(create_app(dataset, limits)) as url,
        httpx.Client(base_url=url, timeout=60) as c,
    ):
        yield c


def ask(client: httpx.Client, query: str) -> bool:
    response = client.post("/sparql", data={"query": query})
    assert response.status_code == 200, response.text
    return response.json()["boolean"]


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{url}/sparql> {{ ?s ?p ?o }} }}",
        "PREFIX x: <{url}/> SELECT * {{ ?a ?b ?c . SERVICE x:sparql {{ ?s ?p ?o }} }} LIMIT 1",
    ],
)
def test_service_to_a_host_not_allowed_is_refused(server, listener, template):
    response = server.get("/sparql", params={"query": template.format(url=listener.url)})
    assert response.status_code == 403
    assert response.text.startswith(
        f"SERVICE <{listener.url}/sparql> is refused: host '127.0.0.1' is not on the allow-list"
    )
    assert listener.connections() == 0


def test_service_to_a_variable_endpoint_is_refused(server, listener):
    query = f"SELECT * WHERE {{ BIND(<{listener.url}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}"
    response = server.get("/sparql", params={"query": query})
    assert response.status_code == 403
    assert "SERVICE <e> is refused" in response.text
    assert listener.connections() == 0


def test_control_service_to_an_allowed_host_does_connect(dataset, listener):
    """Without this, 'no connection' could mean the listener cannot see one."""
    limits = Limits(timeout=TIMEOUT, allow_hosts=frozenset({"127.0.0.1"}), workers=1)
    with background(create_app(dataset, limits)) as url:
        query = f"SELECT * WHERE {{ SERVICE <{listener.url}/sparql> {{ ?s ?p ?o }} }}"
        response = httpx.get(f"{url}/sparql", params={"query": query}, timeout=60)
    assert response.status_code in (500, 503)  # our listener never answers
    assert listener.connections() == 1


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_from_a_url_is_not_dereferenced(server, listener, clause):
    pattern = "{ ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } }"
    query = f"ASK {clause} <{listener.url}/data.ttl> {{ {pattern} }}"
    assert ask(server, query) is False  # a graph the dataset does not have is empty
    assert listener.connections() == 0


def test_protocol_graph_uris_are_not_dereferenced(server, listener):
    response = server.get(
        "/sparql",
        params={
            "query": EVERYTHING,
            "default-graph-uri": f"{listener.url}/d.ttl",
            "named-graph-uri": f"{listener.url}/n.ttl",
        },
    )
    assert response.json()["boolean"] is False
    assert listener.connections() == 0


def test_from_a_file_is_not_read(server, tmp_path):
    secret = tmp_path / "secret.ttl"
    secret.write_text(
        "<https://w3id.org/treatykg/test/secret> <https://w3id.org/treatykg/test/p> 'leak' .\n"
    )
    for target in (secret.as_uri(), "file:///etc/passwd"):
        query = f"SELECT ?s ?p ?o FROM <{target}> FROM NAMED <{target}> WHERE {{ ?s ?p ?o }}"
        response = server.post("/sparql", data={"query": query})
        assert response.status_code == 200
        assert response.json()["results"]["bindings"] == []
        assert ask(server, f"ASK FROM NAMED <{target}> {{ GRAPH ?g {{ ?s ?p ?o }} }}") is False


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", "update=LOAD+<{url}/data.ttl>"),
        ("application/sparql-update", "LOAD <{url}/data.ttl>"),
        ("application/sparql-update", "LOAD <file:///etc/passwd> INTO GRAPH <{url}/g>"),
    ],
)
def test_load_is_refused(server, listener, content_type, body):
    response = server.post(
        "/sparql", content=body.format(url=listener.url), headers={"Content-Type": content_type}
    )
    assert response.status_code == 403
    assert response.text.startswith("this endpoint is read-only")
    assert listener.connections() == 0


def test_load_as_a_query_is_a_syntax_error(server, listener):
    response = server.get("/sparql", params={"query": f"LOAD <{listener.url}/data.ttl>"})
    assert response.status_code == 400
    assert response.text.startswith("SPARQL syntax error")
    assert listener.connections() == 0


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/x-www-form-urlencoded", "update=DROP+ALL"),
        ("application/sparql-update", "CLEAR ALL"),
        (
            "application/sparql-update",
            INSERT,
        ),
    ],
)
def test_updates_are_refused_and_change_nothing(server, content_type, body):
    response = server.post("/sparql", content=body, headers={"Content-Type": content_type})
    assert response.status_code == 403
    assert ask(server, EVERYTHING) is True
    assert ask(server, "ASK { <https://w3id.org/treatykg/test/s> ?p ?o }") is False


def test_remote_jsonld_context_is_never_fetched(server, listener):
    document = f'{{"@context": "{listener.url}/context.jsonld", "@id": "https://w3id.org/treatykg/test/x"}}'
    response = server.post(
        "/sparql", content=document, headers={"Content-Type": "application/ld+json"}
    )
    assert response.status_code == 415
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3"
    answer = server.get(
        "/sparql", params={"query": construct}, headers={"Accept": "application/ld+json"}
    )
    assert answer.status_code == 200 and "@context" not in answer.text
    entity = server.get("/id/actor/united-states", headers={"Accept": "application/ld+json"})
    assert entity.status_code == 200 and "@context" not in entity.text
    assert listener.connections() == 0


def test_timeout_stops_the_query_and_the_server_recovers(server):
    product = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    response = server.get("/sparql", params={"query": product})
    assert response.status_code == 503
    assert response.text.startswith(
        f"the query ran longer than the server's timeout of {TIMEOUT:g} s and was stopped."
    )
    for _ in range(3):  # every worker answers again (the killed one was replaced)
        assert ask(server, EVERYTHING) is True


def test_result_cap_ends_the_query(server):
    response = server.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 500
    assert response.text.startswith(f"the answer has more than {CAP} rows, the server's result cap")
    triples = server.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert triples.status_code == 500 and f"more than {CAP} triples" in triples.text
    limited = server.get("/sparql", params={"query": f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {CAP}"})
    assert len(limited.json()["results"]["bindings"]) == CAP


def test_oversize_body_is_refused(server):
    query = "ASK {}" + " " * BODY
    declared = server.post(
        "/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
    )
    assert declared.status_code == 413
    assert declared.text.startswith(
        f"the request body is larger than the server's limit of {BODY} bytes"
    )

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds on the stream too
        yield b"query=ASK%20%7B%7D"
        for _ in range(10):
            yield b"%20" * 100

    streamed = server.post(
        "/sparql", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert streamed.status_code == 413
    small = server.post(
        "/sparql", content="ASK {}", headers={"Content-Type": "application/sparql-query"}
    )
    assert small.status_code == 200


def test_serve_binds_loopback_by_default():
    import typer
    from typer.main import get_command

    from treatykg.cli import app

    command = get_command(app)
    serve = command.commands["serve"]  # type: ignore[attr-defined]
    defaults = {p.name: p.default for p in serve.params}
    assert defaults["host"] == "127.0.0.1"
    assert defaults["allow_host"] in (None, [], ())
    assert isinstance(app, typer.Typer)
