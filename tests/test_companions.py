"""The companion graphs (docs/companions.md): each builds alone and conforms, all together
conform; the typology codings follow from the data; the new catalogue queries return exactly
these rows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF
from typer.testing import CliRunner

import treatykg
from test_compare import COLUMNS
from treatykg import catalogue
from treatykg import namespaces as ns
from treatykg.cli import app
from treatykg.dataset import graph_names
from treatykg.errors import UserError
from treatykg.summary import summarise
from treatykg.validate import validate

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "companions"
ID = "https://w3id.org/treatykg/id/"
SCHEME = "https://w3id.org/treatykg/scheme/"
SHAPE = "https://w3id.org/treatykg/shapes#"
COMPANIONS = [
    "budapest-memorandum-1994",
    "g7-joint-declaration-2023",
    "north-atlantic-treaty",
    "uk-ukraine-2024",
    "ukraine-agreements-2024",
]
# each graph alone: (source documents, claims, commitments, codings)
ALONE = {
    "main": (10, 142, 119, 9),
    "budapest-memorandum-1994": (2, 5, 3, 4),
    "g7-joint-declaration-2023": (2, 3, 1, 4),
    "north-atlantic-treaty": (2, 3, 2, 7),
    "uk-ukraine-2024": (2, 5, 1, 2),
    "ukraine-agreements-2024": (1, 23, 0, 0),
}


def cell(term: object) -> str | None:
    return None if term is None else str(term).replace(ID, "id/").replace(SCHEME, "scheme/")


def count(ds: Dataset, cls: URIRef) -> int:
    return len(set(ds.subjects(RDF.type, cls)))


def violations(ds: Dataset) -> set[tuple[str, str]]:
    report = validate(ds, root=ROOT)
    return {(str(p.focus), str(p.shape)) for p in report.problems if p.severity == "violation"}


def test_the_graphs_a_build_can_select() -> None:
    assert graph_names(ROOT) == ["main", *COMPANIONS]
    with pytest.raises(UserError, match="no graph named 'nato'") as raised:
        treatykg.build(ROOT, graphs=["nato"])
    assert "choose among: main, budapest-memorandum-1994" in raised.value.hint


@pytest.mark.parametrize("name", sorted(ALONE))
def test_each_graph_builds_alone_and_conforms(name: str) -> None:
    ds = treatykg.build(ROOT, graphs=[name])
    figures = (
        summarise(ds).sources,
        count(ds, ns.TKG.Claim),
        count(ds, ns.TKG.Commitment),
        count(ds, ns.TKG.Coding),
    )
    assert figures == ALONE[name]
    report = validate(ds, root=ROOT)
    assert report.conforms
    # the seed article's three anonymous-relay warnings belong to the main graph alone
    assert report.count("warning") == (3 if name == "main" else 0)


def test_all_graphs_together_are_the_sum_of_each_alone(dataset: Dataset) -> None:
    totals = [sum(figures[i] for figures in ALONE.values()) for i in range(4)]
    assert (
        [
            summarise(dataset).sources,
            count(dataset, ns.TKG.Claim),
            count(dataset, ns.TKG.Commitment),
            count(dataset, ns.TKG.Coding),
        ]
        == totals
        == [19, 181, 126, 26]
    )


def test_two_companions_together() -> None:
    ds = treatykg.build(ROOT, graphs=["uk-ukraine-2024", "north-atlantic-treaty"])
    rows = treatykg.query(ds, "consultation-deadlines")
    assert [(cell(r["agreementLabel"]), cell(r["deadline"])) for r in rows] == [
        ("North Atlantic Treaty (1949)", "none stated"),
        ("UK–Ukraine Agreement on Security Co-operation (2024)", "within 24 hours"),
    ]
    assert violations(ds) == set()


def test_the_us_agreement_is_a_consultation_pledge_with_military_assistance_and_no_defence(
    dataset: Dataset,
) -> None:
    cells = {
        (str(r["scheme"]), str(r["typeNotation"])): r["value"].toPython()
        for r in treatykg.query(dataset, "obligation-matrix")
        if str(r["agreement"]) == ID + "agreement/us-ukraine-bsa-2024"
    }
    assert cells == {
        ("ATOP", "consultation"): True,
        ("ATOP", "defense"): False,
        ("ATOP", "neutrality"): False,
        ("ATOP", "non-aggression"): False,
        ("ATOP", "offense"): False,
        ("COW", "defense-pact"): False,
        ("COW", "entente"): True,
        ("COW", "neutrality"): False,
        ("COW", "non-aggression"): False,
    }
    # the military-assistance provisions: the signed text's own commitments in that area
    answer = catalogue.run(dataset, MILITARY_ASSISTANCE, "test").rows[0]
    assert (int(answer["commitments"]), int(answer["provisions"])) == (15, 14)
    point = next(
        r
        for r in treatykg.query(dataset, "side-by-side")
        if str(r["point"]) == "military assistance"
    )
    assert len(str(point["usUkraine"]).split("; ")) == 14
    assert "is the policy of (Article II, paragraph 2)" in str(point["usUkraine"])
    assert str(point["natoArticles4and5"]) == str(point["ukUkraine"]) == ""


MILITARY_ASSISTANCE = """
PREFIX tkg: <https://w3id.org/treatykg/ontology#>
SELECT (COUNT(DISTINCT ?c) AS ?commitments) (COUNT(DISTINCT ?p) AS ?provisions) WHERE {
  ?c tkg:agreement <https://w3id.org/treatykg/id/agreement/us-ukraine-bsa-2024> ;
     tkg:area <https://w3id.org/treatykg/scheme/area/military-assistance> ; tkg:setOutIn ?p .
}"""


def _project_with(tmp_path: Path, fixture: str, folder: str) -> Path:
    for part in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / part, tmp_path / part)
    shutil.copy(FIXTURES / fixture, tmp_path / "graph" / folder)
    return tmp_path


@pytest.mark.parametrize(
    ("fixture", "graph", "folder", "coding", "shape"),
    [
        (
            "g7-defense-yes.yaml",
            "g7-joint-declaration-2023",
            "companions/g7-joint-declaration-2023/codings",
            "typology-fixture-g7-defense-yes/atop/defense",
            "Coding-yesBacked",
        ),
        (
            "nato-defense-no.yaml",
            "north-atlantic-treaty",
            "companions/north-atlantic-treaty/codings",
            "typology-fixture-nato-defense-no/cow/defense-pact",
            "Coding-noContradicted",
        ),
        (
            "us-defense-yes.yaml",
            "main",
            "codings",
            "typology-fixture-us-defense-yes/atop/defense",
            "Coding-yesBacked",
        ),
    ],
)
def test_the_consistency_check_fires_on_a_bad_coding(
    tmp_path: Path, fixture: str, graph: str, folder: str, coding: str, shape: str
) -> None:
    ds = treatykg.build(_project_with(tmp_path, fixture, folder), graphs=[graph])
    assert violations(ds) == {(ID + "coding/" + coding, SHAPE + shape)}


def test_cli_selects_graphs() -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["query", "collective-defence-pledges", "-g", "north-atlantic-treaty", "-f", "csv"],
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "agreementLabel,provisionLabel,modality,trigger,deadline,claim",
        "North Atlantic Treaty (1949),Article 5,agrees to,an armed attack against one or more "
        "of them in Europe or North America,forthwith,"
        + ID
        + "claim/north-atlantic-treaty-1949/collective-defence-art-5",
    ]
    result = runner.invoke(app, ["validate", "--graph", "nope"])
    assert result.exit_code == 2
    assert "no graph named 'nope'" in result.output


# The new catalogue queries over all graphs, every row in order (checked by hand against the
# sources and the catalogue): name -> {columns, rows}. IRIs are shortened: id/… for
# https://w3id.org/treatykg/id/…, scheme/… for https://w3id.org/treatykg/scheme/….
NEW_QUERIES = json.loads((FIXTURES / "new-queries.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(NEW_QUERIES))
def test_new_query_returns_exactly_these_rows(dataset: Dataset, name: str) -> None:
    columns, expected = NEW_QUERIES[name]["columns"], NEW_QUERIES[name]["rows"]
    rows = treatykg.query(dataset, name)
    assert all(list(row) == columns for row in rows)
    assert [[cell(row[c]) for c in columns] for row in rows] == expected


def test_obligation_matrix_columns_are_the_interface_of_compare(dataset: Dataset) -> None:
    rows = treatykg.query(dataset, "obligation-matrix")
    assert list(rows[0]) == COLUMNS  # the columns `compare` reads (tests/test_compare.py)
    assert {row["value"].datatype for row in rows} == {
        URIRef("http://www.w3.org/2001/XMLSchema#boolean")
    }
    assert len({row["coding"] for row in rows}) == len(rows) == 26
