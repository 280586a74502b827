"""`treatykg publish`: the dataset into a real Oxigraph server and a real Virtuoso, checked.

The servers are started once per session by tests/stores.py (Virtuoso: skipped if it is not
installed, except in CI).
"""

from __future__ import annotations

import http.server
import threading
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from rdflib import Dataset, URIRef
from typer.testing import CliRunner

from treatykg import publish, remote
from treatykg.cli import app
from treatykg.errors import UserError

pytest_plugins = ("stores",)

if TYPE_CHECKING:
    from stores import Store

GRAPH = URIRef("https://w3id.org/treatykg/graph/vocabulary")
TEST = "https://w3id.org/treatykg/test/"
runner = CliRunner()


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, " ".join(result.output.split())


def test_cli_publish_then_check(published: Store, dataset: Dataset) -> None:
    """Publish, check, tamper, check again: the second check fails loudly, with the table."""
    try:
        with published.credentials():
            code, output = cli("publish", "--to", published.base)
        with remote.client() as http:
            counts = remote.graph_counts(http, published.query_endpoint)
        assert code == 0, output
        assert output == (
            f"published {len(counts)} graphs ({sum(counts.values())} triples)"
            f" to {publish.target(published.base).gsp} ({published.flavour});"
            " the store's counts match"
        )
        published.update(
            f"INSERT DATA {{ GRAPH <{GRAPH}> {{ <{TEST}x> <{TEST}p> <{TEST}y> }} "
            f"GRAPH <{TEST}stale> {{ <{TEST}x> <{TEST}p> <{TEST}y> }} }}"
        )
        code, output = cli("publish", "--to", published.base, "--check")
    finally:  # back to the session's dataset (the CLI built the project afresh)
        with published.credentials():
            publish.publish(dataset, publish.target(published.base), prune=True)
    assert code == 1
    assert "the store differs from the build" in output
    assert f"│ {GRAPH} │ {counts[GRAPH]} │ {counts[GRAPH] + 1} │" in output
    assert f"│ {TEST}stale │ 0 │ 1 │" in output
    assert output.endswith(
        f"publish failed: 2 graph(s) differ in {published.query_endpoint} "
        "(graphs the build lacks: --prune deletes them)"
    )


def test_a_triple_lost_during_publish_is_reported(published: Store, dataset: Dataset) -> None:
    """Another writer deletes a triple from a graph already sent: the read-back catches it."""
    sent = publish.graphs(dataset)
    victim = next(iter(sent))
    s, p, o = next(t for t in sorted(dataset.graph(victim)) if isinstance(t[2], URIRef))
    n = sent[victim][0]
    done: list[URIRef] = []

    def tamper(graph: URIRef) -> None:
        done.append(graph)
        if len(done) == 2:  # the first graph is in the store now: take one triple out of it
            published.update(f"DELETE DATA {{ GRAPH <{victim}> {{ <{s}> <{p}> <{o}> }} }}")

    with published.credentials():
        found = publish.publish(dataset, publish.target(published.base), on_graph=tamper)
        with remote.client() as http:
            publish.put(http, publish.target(published.base), victim, sent[victim][1])
        assert publish.verify(dataset, publish.target(published.base)) == []
    assert found == [publish.Difference(victim, n, n - 1)]


def test_prune_deletes_graphs_the_build_lacks(published: Store, dataset: Dataset) -> None:
    stale = URIRef(f"{TEST}stale")
    published.update(f"INSERT DATA {{ GRAPH <{stale}> {{ <{stale}> <{stale}> <{stale}> }} }}")
    store = publish.target(published.base)
    assert publish.verify(dataset, store) == [publish.Difference(stale, 0, 1)]
    with published.credentials():
        assert publish.publish(dataset, store, prune=True) == []
    with remote.client() as http:
        assert stale not in remote.graph_counts(http, published.query_endpoint)


def test_credentials_on_the_command_line_are_refused() -> None:
    code, output = cli("publish", "--to", "http://dba:secret@127.0.0.1:8890/")
    assert code == 2
    assert output == (
        "error: --to: credentials in the URL are refused (they would end up in the shell's "
        "history and the process list) how to fix: remove 'user:password@' and set "
        "TREATYKG_STORE_USER and TREATYKG_STORE_PASSWORD in the environment"
    )
    with pytest.raises(UserError, match="--endpoint: credentials in the URL are refused"):
        remote.fetch_dataset("http://reader:secret@127.0.0.1:8890/sparql")


def test_virtuoso_without_credentials_is_a_clear_error(
    virtuoso_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(remote.USER_VAR, raising=False)
    monkeypatch.delenv(remote.PASSWORD_VAR, raising=False)
    code, output = cli("publish", "--to", virtuoso_store.base)
    assert code == 2
    assert output.startswith(
        f"{virtuoso_store.base}/sparql-graph-crud-auth: error: the store asks for credentials "
        "(Digest) and none are set how to fix: set TREATYKG_STORE_USER and "
        "TREATYKG_STORE_PASSWORD in the environment"
    ), output


def test_virtuoso_wrong_password_is_a_clear_error(virtuoso_store: Store) -> None:
    wrong = replace(virtuoso_store, password="not-the-password")
    graph = URIRef("https://w3id.org/treatykg/test/never-written")
    with wrong.credentials(), remote.client() as http, pytest.raises(UserError) as caught:
        publish.put(http, publish.target(wrong.base), graph, b"")
    assert caught.value.message == "the store refused the credentials (HTTP 401)"


def test_flavour_is_detected_from_the_server(oxigraph_store: Store, virtuoso_store: Store) -> None:
    base = oxigraph_store.base
    assert publish.target(base) == publish.Target("oxigraph", f"{base}/store", f"{base}/query")
    assert publish.target(f"{base}/store") == publish.target(base)
    v = virtuoso_store.base
    assert publish.target(v) == publish.Target(
        "virtuoso", f"{v}/sparql-graph-crud-auth", f"{v}/sparql", "graph-uri"
    )


def test_any_graph_store_protocol_store(oxigraph_store: Store, dataset: Dataset) -> None:
    base = oxigraph_store.base
    with pytest.raises(UserError, match="needs its query endpoint"):
        publish.target(f"{base}/store", "gsp")
    store = publish.target(f"{base}/store", "gsp", query=f"{base}/query")
    assert store == publish.Target("gsp", f"{base}/store", f"{base}/query")
    assert publish.publish(dataset, store, prune=True) == []


def test_unknown_server_needs_a_flavour() -> None:
    """A server that is neither Oxigraph nor Virtuoso is not guessed at."""
    server = http.server.HTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        with pytest.raises(UserError) as caught:
            publish.target(f"http://127.0.0.1:{server.server_port}/")
    finally:
        server.shutdown()
        server.server_close()
    assert caught.value.message.startswith("cannot tell what store this is (Server: SimpleHTTP/")
    assert caught.value.hint == (
        "say it: --flavour oxigraph|virtuoso, or --flavour gsp with --gsp-endpoint URL "
        "and --query-endpoint URL for any other SPARQL 1.1 store"
    )
