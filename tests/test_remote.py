"""Every read command against a real store gives what it gives on the embedded dataset.

The session's dataset is published once to an Oxigraph server and to a Virtuoso
(tests/stores.py), read back with `remote.fetch_dataset`, and every catalogue query, the
validation report, the analysis and the reconciliation are compared with the embedded ones.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

import treatykg
from treatykg import analyze, catalogue, reconcile, remote, validate
from treatykg.cli import app
from treatykg.dataset import MAIN
from treatykg.errors import UserError

pytest_plugins = ("stores",)

if TYPE_CHECKING:
    from stores import Store

runner = CliRunner()


def quads(ds: Dataset) -> set[tuple]:
    return {(s, p, o, g.identifier if isinstance(g, Graph) else g) for s, p, o, g in ds.quads()}


@pytest.fixture(scope="session")
def fetched(published: Store) -> Dataset:
    return remote.fetch_dataset(published.query_endpoint)


def test_the_store_gives_back_every_quad(fetched: Dataset, dataset: Dataset) -> None:
    assert quads(fetched) == quads(dataset)


@pytest.mark.parametrize("store", ["virtuoso"], indirect=True)
def test_paged_reading_gives_back_every_quad(published: Store, dataset: Dataset) -> None:
    """Graphs bigger than a page are read in pages (ORDER BY, LIMIT, OFFSET): on Virtuoso,
    whose sorting and offsets are the ones that have limits."""
    biggest = max(len(g) for g in dataset.graphs())
    assert biggest > 1000
    assert quads(remote.fetch_dataset(published.query_endpoint, page=1000)) == quads(dataset)


def test_selected_graphs_only(published: Store, dataset: Dataset) -> None:
    names = sorted(g.identifier for g in dataset.graphs() if len(g))[:3]
    got = remote.fetch_dataset(published.query_endpoint, graphs=[str(n) for n in names])
    assert quads(got) == {q for q in quads(dataset) if q[3] in names}


def test_graphs_the_store_lacks_are_an_error(oxigraph_store: Store) -> None:
    absent = "https://w3id.org/treatykg/test/absent"
    with pytest.raises(UserError) as caught:
        remote.fetch_dataset(oxigraph_store.query_endpoint, graphs=[absent])
    assert str(caught.value) == (
        f"{oxigraph_store.query_endpoint}: error: the store lacks 1 of the 1 graphs asked for "
        f"(e.g. <{absent}>)\n  how to fix: publish the dataset again: treatykg publish --to URL"
    )


def test_every_catalogue_query_answers_the_same(fetched: Dataset, dataset: Dataset) -> None:
    entries = catalogue.catalogue()
    answered = 0
    for entry in entries:
        try:
            embedded = catalogue.run(dataset, entry.text, entry.name)
        except UserError as refused:  # a federated query without its --service: refused alike
            with pytest.raises(UserError) as caught:
                catalogue.run(fetched, entry.text, entry.name)
            assert str(caught.value) == str(refused)
            continue
        assert catalogue.run(fetched, entry.text, entry.name) == embedded, entry.name
        answered += bool(embedded.rows)
    assert answered > len(entries) // 2  # the comparison is not between empty answers


def test_analysis_is_the_same(fetched: Dataset, dataset: Dataset) -> None:
    assert analyze.corroboration(fetched) == analyze.corroboration(dataset)
    assert analyze.network(fetched) == analyze.network(dataset)


def test_reconciliation_is_the_same(fetched: Dataset, dataset: Dataset) -> None:
    rows = reconcile.rows(dataset)
    assert len(rows) > 100
    assert reconcile.rows(fetched) == rows


@pytest.mark.parametrize("store", ["virtuoso"], indirect=True)
def test_validation_report_is_the_same(fetched: Dataset, dataset: Dataset) -> None:
    """Validation is the slow one: the library on Virtuoso here, the CLI on Oxigraph below."""
    report = validate.validate(dataset)
    assert validate.validate(fetched) == report
    assert report.count("warning") > 0


def cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.output


@pytest.mark.parametrize("store", ["oxigraph"], indirect=True)
def test_cli_read_commands_with_endpoint(published: Store, dataset: Dataset) -> None:
    endpoint = published.query_endpoint
    code, output = cli("query", "commitments", "-f", "json", "--endpoint", endpoint)
    assert (code, output) == (0, catalogue.serialize(catalogue.run(dataset, _text()), "json"))
    main = treatykg.build(graphs=[MAIN])  # reconcile's default: the main graph only
    code, output = cli("reconcile", "-f", "json", "--endpoint", endpoint)
    assert (code, output) == (0, reconcile.to_json(reconcile.rows(main)))
    code, output = cli("analyze", "-f", "json", "--endpoint", endpoint)
    assert code == 0
    assert json.loads(output) == _analysis(dataset)
    report = validate.validate(dataset)
    code, output = cli("validate", "--endpoint", endpoint)
    assert code == 0
    assert " ".join(output.split()).endswith(
        f"conforms: {report.count('violation')} violations, {report.count('warning')} warnings"
    )


def _analysis(ds: Dataset) -> dict:
    """What `analyze -f json` prints, from the library."""
    claims = [
        {
            "claim": str(c.claim),
            "label": c.label,
            "chains": c.chains,
            "independent": c.independent,
            "anonymous_only": c.anonymous_only,
        }
        for c in analyze.corroboration(ds)
    ]
    return json.loads(json.dumps({"corroboration": claims, "network": vars(analyze.network(ds))}))


def _text() -> str:
    return next(e.text for e in catalogue.catalogue() if e.name == "commitments")


@pytest.mark.parametrize("store", ["virtuoso"], indirect=True)
def test_a_store_that_cuts_results_short_fails_loudly(published: Store) -> None:
    """Virtuoso returns at most ResultSetMaxRows (10000) rows, silently: it is caught."""
    with pytest.raises(UserError) as caught:
        remote.fetch_dataset(published.query_endpoint, page=100_000)
    assert re.fullmatch(
        r"graph <https://w3id.org/treatykg/\S+>: the store counts (\d+) triples but returned "
        r"(\d+)",
        caught.value.message,
    )
    assert caught.value.hint == (
        "the store cuts results short (Virtuoso: ResultSetMaxRows in [SPARQL]); raise that limit"
    )


def test_an_empty_store_is_a_clear_error(tmp_path: Path) -> None:
    from stores import oxigraph

    servers = oxigraph(tmp_path)
    empty = next(servers)
    try:
        with pytest.raises(UserError) as caught:
            remote.fetch_dataset(empty.query_endpoint)
    finally:
        servers.close()
    assert str(caught.value) == (
        f"{empty.query_endpoint}: error: the store has no graphs under https://w3id.org/treatykg/"
        "\n  how to fix: publish the dataset first: treatykg publish --to URL"
    )


def test_not_a_query_endpoint_is_a_clear_error(oxigraph_store: Store) -> None:
    with pytest.raises(UserError) as caught:
        remote.fetch_dataset(f"{oxigraph_store.base}/store")
    assert caught.value.message.startswith("the store answered HTTP 4")
    assert caught.value.hint == (
        "is this the store's SPARQL query endpoint (e.g. …/query, …/sparql)?"
    )


def test_nothing_listens_is_a_clear_error() -> None:
    from treatykg.serve.running import free_port

    endpoint = f"http://127.0.0.1:{free_port()}/sparql"
    with pytest.raises(UserError) as caught:
        remote.fetch_dataset(endpoint)
    assert caught.value.message.startswith("cannot reach the store: ")
    assert caught.value.hint == "is the store running?"


@pytest.mark.parametrize(
    ("text", "datatype", "canonical"),
    [
        ("0", "boolean", "false"),
        ("1", "boolean", "true"),
        ("true", "boolean", "true"),
        ("120", "duration", "P10Y"),
        ("14", "duration", "P1Y2M"),
        ("0", "duration", "P0M"),
        ("-3", "duration", "-P3M"),
        ("P1Y2M3DT4H", "duration", "P1Y2M3DT4H"),
        ("7", "integer", "7"),
    ],
)
def test_virtuoso_forms_are_given_back_canonical(text: str, datatype: str, canonical: str) -> None:
    assert remote.repair(text, f"http://www.w3.org/2001/XMLSchema#{datatype}") == canonical
