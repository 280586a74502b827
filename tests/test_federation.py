"""Federated catalogue queries: SERVICE to a live Oxigraph server, and refusal of all others.

The server is started here on 127.0.0.1 (a free port the OS picks), read-only, holding one
companion graph (uk-ukraine-2024, built alone); the local dataset is the main graph alone, so
every companion fact in an answer came over HTTP from the server.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import treatykg
from treatykg import catalogue, dump
from treatykg.cli import app
from treatykg.errors import UserError
from treatykg.serve import running

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
COMPANION = "uk-ukraine-2024"
NAME = "federated-companion-parties"


@contextlib.contextmanager
def oxigraph_server(tmp: Path, data: Path, fmt: str) -> Iterator[str]:
    """A read-only Oxigraph server on 127.0.0.1 holding `data`; yields its query URL."""
    store = tmp / "store"
    subprocess.run(
        [OXIGRAPH, "load", "-l", store, "-f", data, "--format", fmt],
        check=True,
        capture_output=True,
    )
    port = running.free_port()
    server = subprocess.Popen(
        [OXIGRAPH, "serve-read-only", "-l", store, "-b", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        running.wait_until(lambda: running.answers(url, query="ASK {}"), server, "oxigraph", 30)
        yield url
    finally:
        running.stop(server)


@pytest.fixture(scope="module")
def companion_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("companion")
    data = tmp / "companion.nq"
    data.write_bytes(
        dump.serialize(dump.sorted_quads(treatykg.build(graphs=[COMPANION])), "nquads")
    )
    with oxigraph_server(tmp, data, "nq") as url:
        yield url


@pytest.fixture(scope="module")
def main_only():
    return treatykg.build(graphs=["main"])


def test_federated_query_reads_the_companion_over_http(main_only, companion_endpoint) -> None:
    label, text = catalogue.resolve(NAME)
    answer = catalogue.run(
        main_only, text, label, frozenset({"127.0.0.1"}), {"companion": companion_endpoint}
    )
    rows = [tuple(str(v) for v in row.values()) for row in answer.rows]
    assert answer.variables == ("agreementLabel", "partyLabel", "signed", "placeLabel", "claim")
    assert rows == [
        (
            "UK–Ukraine Agreement on Security Co-operation (2024)",
            "Ukraine",
            "2024-01-12",
            "Kyiv",
            "https://w3id.org/treatykg/id/claim/catalogue-t3/parties",
        )
    ]


def test_without_the_endpoint_the_main_graph_alone_has_no_such_row(main_only) -> None:
    """The row above needs the server: the main graph does not hold the companion's claims."""
    rows = catalogue.run(
        main_only,
        "PREFIX tkg: <https://w3id.org/treatykg/ontology#>\n"
        "ASK { GRAPH ?g { <https://w3id.org/treatykg/id/agreement/uk-ukraine-2024> "
        "tkg:party ?p } }",
    ).rows
    assert rows[0]["ask"].toPython() is False


def test_cli_query_with_an_allowed_host(companion_endpoint, tmp_path: Path) -> None:
    text = catalogue.resolve(NAME)[1].replace(
        "<https://w3id.org/treatykg/service/companion>", f"<{companion_endpoint}>"
    )
    query = tmp_path / "federated.rq"
    query.write_text(text, encoding="utf-8")
    run = CliRunner().invoke(
        app, ["query", str(query), "--allow-host", "127.0.0.1", "--format", "csv"]
    )
    assert run.exit_code == 0, run.output
    assert run.stdout.splitlines() == [
        "agreementLabel,partyLabel,signed,placeLabel,claim",
        "UK–Ukraine Agreement on Security Co-operation (2024),Ukraine,2024-01-12,Kyiv,"
        "https://w3id.org/treatykg/id/claim/catalogue-t3/parties",
    ]


class Connections:
    """Every outgoing socket connection this process attempts (Python audit events)."""

    def __init__(self) -> None:
        self.active = False
        self.seen: list[object] = []
        sys.addaudithook(self._hook)

    def _hook(self, event: str, args: tuple) -> None:
        if self.active and event == "socket.connect":
            self.seen.append(args[1])


CONNECTIONS = Connections()


def test_service_to_a_host_not_allowed_is_refused_and_nothing_is_sent(main_only) -> None:
    label, text = catalogue.resolve(NAME)
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        endpoint = f"http://localhost:{listener.getsockname()[1]}/query"
        CONNECTIONS.active = True
        try:
            with pytest.raises(UserError) as caught:
                catalogue.run(
                    main_only, text, label, frozenset({"127.0.0.1"}), {"companion": endpoint}
                )
        finally:
            CONNECTIONS.active = False
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected
    assert CONNECTIONS.seen == []
    assert caught.value.message == (
        f"SERVICE <{endpoint}> is refused: host 'localhost' is not on the allow-list"
    )
    assert (
        caught.value.hint == "if you trust it, allow it: --allow-host localhost (nothing was sent)"
    )
    assert caught.value.path == label


def test_a_placeholder_without_an_endpoint_is_refused(main_only) -> None:
    label, text = catalogue.resolve(NAME)
    with pytest.raises(UserError) as caught:
        catalogue.run(main_only, text, label, frozenset({"127.0.0.1"}))
    assert caught.value.message == (
        "SERVICE <https://w3id.org/treatykg/service/companion> is a placeholder: "
        "no endpoint was given for 'companion'"
    )
    assert caught.value.hint.startswith("give it: --service companion=URL")


@pytest.mark.parametrize(
    ("services", "message"),
    [
        ({"nato": "http://127.0.0.1:1/query"}, "--service nato=…: the query has no SERVICE "
         "<https://w3id.org/treatykg/service/nato>"),
        ({"companion": "file:///etc/passwd"}, "--service companion=file:///etc/passwd: "
         "not an http(s) URL"),
    ],
    ids=["unknown-name", "not-http"],
)  # fmt: skip
def test_bad_service_mappings(main_only, services: dict, message: str) -> None:
    label, text = catalogue.resolve(NAME)
    with pytest.raises(UserError) as caught:
        catalogue.run(main_only, text, label, frozenset({"127.0.0.1"}), services)
    assert caught.value.message == message


def test_parse_services() -> None:
    assert catalogue.parse_services(["companion=http://127.0.0.1:7878/query"]) == {
        "companion": "http://127.0.0.1:7878/query"
    }
    with pytest.raises(UserError) as caught:
        catalogue.parse_services(["companion"])
    assert caught.value.message == "--service 'companion': expected NAME=URL"
