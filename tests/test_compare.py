"""`treatykg compare`: the agreements × obligation types matrix, its exports and its plot.

The fixture `fixtures/compare/rows.srj` holds seven rows in the `obligation-matrix` query's
columns (SPARQL 1.1 JSON results), out of order on purpose: two agreements, two schemes, a cell
nobody coded, a coding without a provision, and two coders who disagree on one cell. The
project's own codings are tested against the rows the catalogue query returns.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.query import Result
from rich.console import Console
from typer.testing import CliRunner

from treatykg import catalogue, compare
from treatykg.cli import app
from treatykg.commands import compare as command
from treatykg.dataset import new_dataset
from treatykg.errors import UserError

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "compare" / "rows.srj"
T = "https://w3id.org/treatykg/test/"
CODING = T + "id/claim/coding/"
SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"
BOOLEAN = URIRef("http://www.w3.org/2001/XMLSchema#boolean")


def fixture_rows() -> list[dict]:
    with FIXTURE.open("rb") as handle:
        result = Result.parse(handle, format="json")
    return [{str(v): row[v] for v in result.vars} for row in result]


@pytest.fixture
def matrix() -> compare.Matrix:
    return compare.from_rows(fixture_rows())


def grid(m: compare.Matrix) -> dict[tuple[str, str, str], str]:
    return {
        (a.label, compare.scheme_name(c.scheme), c.notation): cell.status
        for a, c, cell in m.entries()
    }


def test_fixture_matrix_has_every_cell_with_its_status(matrix: compare.Matrix) -> None:
    assert [a.label for a in matrix.agreements] == ["Alpha Pact", "Beta Accord"]
    assert [(s.name, [c.notation for c in s.columns]) for s in matrix.schemes] == [
        ("atop", ["consultation", "defense"]),
        ("cow", ["defense-pact", "entente"]),
    ]
    assert grid(matrix) == {
        ("Alpha Pact", "atop", "consultation"): "yes",
        ("Alpha Pact", "atop", "defense"): "yes",
        ("Alpha Pact", "cow", "defense-pact"): "yes",
        ("Alpha Pact", "cow", "entente"): "not coded",
        ("Beta Accord", "atop", "consultation"): "yes",
        ("Beta Accord", "atop", "defense"): "conflict",
        ("Beta Accord", "cow", "defense-pact"): "not coded",
        ("Beta Accord", "cow", "entente"): "yes",
    }
    alpha, _ = matrix.agreements
    consultation = matrix.schemes[0].columns[0]
    assert matrix.cell(alpha, consultation).codings == (
        compare.Coding(
            CODING + "alpha-atop-consultation",
            True,
            T + "provision/alpha/art-4",
            "The parties will consult when one is threatened.",
            T + "actor/coder-a",
        ),
    )


def test_codings_that_disagree_are_a_conflict_with_both_claims(matrix: compare.Matrix) -> None:
    [(agreement, column, cell)] = matrix.conflicts()
    assert (agreement.label, column.type) == ("Beta Accord", T + "scheme/atop/defense")
    assert [(c.claim, c.value, c.coded_by) for c in cell.codings] == [
        (CODING + "beta-atop-defense-a", False, T + "actor/coder-a"),
        (CODING + "beta-atop-defense-b", True, T + "actor/coder-b"),
    ]
    assert json.loads(compare.to_json(matrix))["conflicts"] == [
        {
            "agreement": T + "agreement/beta",
            "type": T + "scheme/atop/defense",
            "codings": [CODING + "beta-atop-defense-a", CODING + "beta-atop-defense-b"],
        }
    ]


def test_two_codings_that_agree_are_not_a_conflict() -> None:
    rows = fixture_rows()
    rows = [r for r in rows if not str(r["coding"]).endswith("beta-atop-defense-b")]
    second = dict(next(r for r in rows if str(r["coding"]).endswith("beta-atop-defense-a")))
    second["coding"] = URIRef(CODING + "beta-atop-defense-c")
    m = compare.from_rows([*rows, second])
    assert m.conflicts() == []
    assert grid(m)[("Beta Accord", "atop", "defense")] == "no"
    beta, defense = m.agreements[1], m.schemes[0].columns[1]
    assert [c.claim for c in m.cell(beta, defense).codings] == [
        CODING + "beta-atop-defense-a",
        CODING + "beta-atop-defense-c",
    ]


def test_one_claim_in_two_rows_is_kept_twice_in_a_fixed_order() -> None:
    rows = fixture_rows()
    entente = next(r for r in rows if str(r["coding"]).endswith("beta-cow-entente"))
    twice = entente | {"provision": URIRef(T + "provision/beta/art-3")}
    forward, backward = compare.from_rows([*rows, twice]), compare.from_rows([twice, *rows])
    beta, entente_column = forward.agreements[1], forward.schemes[1].columns[1]
    cell = forward.cell(beta, entente_column)
    assert (cell.status, [c.provision for c in cell.codings]) == (
        "yes",
        [None, T + "provision/beta/art-3"],
    )
    assert compare.to_json(backward) == compare.to_json(forward)


A, B = T + "agreement/alpha", T + "agreement/beta"
ATOP, COW = T + "scheme/atop", T + "scheme/cow"  # the types' namespaces
EXPECTED_CSV = f"""\
agreement,agreementLabel,scheme,type,typeNotation,typeLabel,cell,value,coding,provision,reasoning,codedBy
{A},Alpha Pact,ATOP,{ATOP}/consultation,consultation,consultation,yes,true,{CODING}alpha-atop-consultation,{T}provision/alpha/art-4,The parties will consult when one is threatened.,{T}actor/coder-a
{A},Alpha Pact,ATOP,{ATOP}/defense,defense,defense,yes,true,{CODING}alpha-atop-defense,{T}provision/alpha/art-5,An attack on one is an attack on all.,{T}actor/coder-a
{A},Alpha Pact,COW,{COW}/defense-pact,defense-pact,defense pact,yes,true,{CODING}alpha-cow-defense-pact,{T}provision/alpha/art-5,An attack on one is an attack on all.,{T}actor/coder-a
{A},Alpha Pact,COW,{COW}/entente,entente,entente,not coded,,,,,
{B},Beta Accord,ATOP,{ATOP}/consultation,consultation,consultation,yes,true,{CODING}beta-atop-consultation,{T}provision/beta/art-1,Consultation within 24 hours of an attack.,{T}actor/coder-a
{B},Beta Accord,ATOP,{ATOP}/defense,defense,defense,conflict,false,{CODING}beta-atop-defense-a,{T}provision/beta/art-2,"Assistance is promised, but no armed defence.",{T}actor/coder-a
{B},Beta Accord,ATOP,{ATOP}/defense,defense,defense,conflict,true,{CODING}beta-atop-defense-b,{T}provision/beta/art-2,"Reads ""all necessary means"" as a defence pledge.",{T}actor/coder-b
{B},Beta Accord,COW,{COW}/defense-pact,defense-pact,defense pact,not coded,,,,,
{B},Beta Accord,COW,{COW}/entente,entente,entente,yes,true,{CODING}beta-cow-entente,,Promises to consult if a crisis occurs; no article is cited.,{T}actor/coder-b
"""  # noqa: E501


def test_csv_is_one_line_per_coding_and_per_uncoded_cell(matrix: compare.Matrix) -> None:
    assert compare.to_csv(matrix) == EXPECTED_CSV


def coding(name: str, value: bool, provision: str | None, reasoning: str, coder: str) -> dict:
    return {
        "value": value,
        "coding": CODING + name,
        "provision": provision and T + "provision/" + provision,
        "reasoning": reasoning,
        "codedBy": T + "actor/" + coder,
    }


def cell(namespace: str, notation: str, status: str, *codings: dict) -> dict:
    return {
        "scheme": namespace.rsplit("/", 1)[-1].upper(),
        "type": f"{namespace}/{notation}",
        "status": status,
        "codings": [*codings],
    }


FIVE = "An attack on one is an attack on all."
EXPECTED_JSON = {
    "schemes": [
        {
            "scheme": "ATOP",
            "name": "atop",
            "types": [
                {
                    "type": ATOP + "/consultation",
                    "notation": "consultation",
                    "label": "consultation",
                },
                {"type": ATOP + "/defense", "notation": "defense", "label": "defense"},
            ],
        },
        {
            "scheme": "COW",
            "name": "cow",
            "types": [
                {
                    "type": COW + "/defense-pact",
                    "notation": "defense-pact",
                    "label": "defense pact",
                },
                {"type": COW + "/entente", "notation": "entente", "label": "entente"},
            ],
        },
    ],
    "agreements": [
        {
            "agreement": A,
            "label": "Alpha Pact",
            "cells": [
                cell(
                    ATOP,
                    "consultation",
                    "yes",
                    coding(
                        "alpha-atop-consultation",
                        True,
                        "alpha/art-4",
                        "The parties will consult when one is threatened.",
                        "coder-a",
                    ),
                ),
                cell(
                    ATOP,
                    "defense",
                    "yes",
                    coding("alpha-atop-defense", True, "alpha/art-5", FIVE, "coder-a"),
                ),
                cell(
                    COW,
                    "defense-pact",
                    "yes",
                    coding("alpha-cow-defense-pact", True, "alpha/art-5", FIVE, "coder-a"),
                ),
                cell(COW, "entente", "not coded"),
            ],
        },
        {
            "agreement": B,
            "label": "Beta Accord",
            "cells": [
                cell(
                    ATOP,
                    "consultation",
                    "yes",
                    coding(
                        "beta-atop-consultation",
                        True,
                        "beta/art-1",
                        "Consultation within 24 hours of an attack.",
                        "coder-a",
                    ),
                ),
                cell(
                    ATOP,
                    "defense",
                    "conflict",
                    coding(
                        "beta-atop-defense-a",
                        False,
                        "beta/art-2",
                        "Assistance is promised, but no armed defence.",
                        "coder-a",
                    ),
                    coding(
                        "beta-atop-defense-b",
                        True,
                        "beta/art-2",
                        'Reads "all necessary means" as a defence pledge.',
                        "coder-b",
                    ),
                ),
                cell(COW, "defense-pact", "not coded"),
                cell(
                    COW,
                    "entente",
                    "yes",
                    coding(
                        "beta-cow-entente",
                        True,
                        None,
                        "Promises to consult if a crisis occurs; no article is cited.",
                        "coder-b",
                    ),
                ),
            ],
        },
    ],
    "conflicts": [
        {
            "agreement": B,
            "type": ATOP + "/defense",
            "codings": [CODING + "beta-atop-defense-a", CODING + "beta-atop-defense-b"],
        }
    ],
}


def test_json_is_exact_with_keys_in_a_fixed_order(matrix: compare.Matrix) -> None:
    text = compare.to_json(matrix)
    assert json.loads(text) == EXPECTED_JSON
    assert text == json.dumps(EXPECTED_JSON, ensure_ascii=False, indent=2) + "\n"


def test_row_order_does_not_change_a_byte(matrix: compare.Matrix) -> None:
    shuffled = compare.from_rows(reversed(fixture_rows()))
    assert compare.to_csv(shuffled) == compare.to_csv(matrix)
    assert compare.to_json(shuffled) == compare.to_json(matrix)
    assert compare.render(shuffled, "svg") == compare.render(matrix, "svg")


def test_a_value_that_is_not_a_boolean_is_a_user_error() -> None:
    rows = fixture_rows()
    rows[0] = rows[0] | {"value": Literal("yes")}
    with pytest.raises(UserError) as caught:
        compare.from_rows(rows)
    assert str(caught.value) == (
        f"error: the coding claim <{CODING}beta-cow-entente> has the value "
        "rdflib.term.Literal('yes'), not an xsd:boolean\n"
        "  how to fix: code each obligation type as true or false (unknown: leave it uncoded)"
    )
    with pytest.warns(UserWarning, match="weird boolean"):
        rows[0] = rows[0] | {"value": Literal("maybe", datatype=BOOLEAN)}
    with pytest.raises(UserError, match="not an xsd:boolean"):
        compare.from_rows(rows)


def test_a_row_without_its_coding_claim_is_a_user_error() -> None:
    rows = fixture_rows()
    rows[2] = rows[2] | {"coding": None}
    with pytest.raises(UserError) as caught:
        compare.from_rows(rows)
    assert str(caught.value) == (
        "error: a row of the obligation-matrix query has no coding\n"
        "  how to fix: queries/obligation-matrix.rq must bind agreement, scheme, type, value, "
        "coding in every row"
    )


def test_select_keeps_one_scheme_and_refuses_an_unknown_one(matrix: compare.Matrix) -> None:
    cow = compare.select(matrix, "cow")
    assert [s.name for s in cow.schemes] == ["cow"]
    assert grid(cow) == {k: v for k, v in grid(matrix).items() if k[1] == "cow"}
    assert cow.conflicts() == []
    assert compare.select(matrix, "all") is matrix
    with pytest.raises(UserError) as caught:
        compare.select(matrix, "nato")
    assert str(caught.value) == (
        "error: no obligation typology called 'nato' in this graph\n"
        "  how to fix: use --scheme all or one of: atop, cow"
    )


def test_svg_plot_names_every_agreement_and_links_each_cell_to_its_claim(
    matrix: compare.Matrix, tmp_path: Path
) -> None:
    target = compare.plot(matrix, tmp_path / "matrix.svg")
    root = ET.parse(target).getroot()
    texts = {"".join(t.itertext()) for t in root.iter(SVG + "text")}
    expected = {"Alpha Pact", "Beta Accord", "ATOP", "COW", "consultation", "defense pact", "✓✗"}
    assert expected <= texts
    links = sorted(a.get(XLINK) for a in root.iter(SVG + "a"))
    assert links == sorted(
        CODING + name
        for name in (
            "alpha-atop-consultation",
            "alpha-atop-defense",
            "alpha-cow-defense-pact",
            "beta-atop-consultation",
            "beta-atop-defense-a",  # the conflict links to its first coding
            "beta-cow-entente",
        )
    )
    again = compare.plot(matrix, tmp_path / "again.svg")
    assert again.read_bytes() == target.read_bytes()
    assert b"<dc:date>" not in target.read_bytes()


def test_png_plot_is_a_png_and_the_same_bytes_twice(matrix: compare.Matrix, tmp_path: Path) -> None:
    first = compare.plot(matrix, tmp_path / "matrix.png").read_bytes()
    assert first.startswith(b"\x89PNG\r\n\x1a\n")
    assert compare.plot(matrix, tmp_path / "again.PNG").read_bytes() == first
    assert sorted(p.name for p in tmp_path.iterdir()) == ["again.PNG", "matrix.png"]


def test_a_plot_file_of_another_kind_is_refused_and_nothing_is_written(
    matrix: compare.Matrix, tmp_path: Path
) -> None:
    with pytest.raises(UserError) as caught:
        compare.plot(matrix, tmp_path / "matrix.pdf")
    assert str(caught.value) == (
        f"{tmp_path / 'matrix.pdf'}: error: cannot tell the plot format from the suffix '.pdf'\n"
        "  how to fix: end the file name in .svg or .png, e.g. --plot matrix.svg"
    )
    with pytest.raises(UserError, match="the plot's directory does not exist"):
        compare.plot(matrix, tmp_path / "missing" / "matrix.svg")
    assert list(tmp_path.iterdir()) == []


def test_cli_bad_plot_suffix_exits_2_before_building(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "TREATYKG_HOME")}
    done = subprocess.run(
        [sys.executable, "-m", "treatykg", "compare", "--plot", "matrix"],
        cwd=tmp_path,
        env=env | {"NO_COLOR": "1", "COLUMNS": "1000"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "matrix: error: cannot tell the plot format from the suffix '(none)'\n"
        "  how to fix: end the file name in .svg or .png, e.g. --plot matrix.svg\n"
    )
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, matrix: compare.Matrix):
    """Run `treatykg compare …` in-process on the fixture matrix, with a wide console."""
    screen = io.StringIO()
    monkeypatch.setattr(command, "load", lambda project: matrix)
    monkeypatch.setattr(command, "out", Console(file=screen, width=250, no_color=True))

    def run(*args: str) -> tuple[int, str, str, str]:
        result = CliRunner().invoke(app, ["compare", *args])
        return result.exit_code, result.stdout, result.stderr, screen.getvalue()

    return run


def test_cli_csv_and_json_are_the_library_output(cli, matrix: compare.Matrix) -> None:
    assert cli("--format", "csv")[:3] == (0, EXPECTED_CSV, "")
    code, stdout, _, _ = cli("-f", "json", "--scheme", "cow")
    assert (code, stdout) == (0, compare.to_json(compare.select(matrix, "cow")))


def test_cli_table_marks_each_cell_and_names_its_coding_claim(cli) -> None:
    code, _, _, screen = cli()
    assert code == 0
    rows = [" ".join(line.replace("│", " ").split()) for line in screen.splitlines()]
    assert "Alpha Pact ✓ 1 ✓ 2 ✓ 3 –" in rows
    assert "Beta Accord ✓ 4 ✓✗ 5 – ✓ 6" in rows
    start = screen.splitlines().index("coding claims")
    assert screen.splitlines()[start + 1 :] == [
        f"  1  Alpha Pact · ATOP consultation: yes  <{CODING}alpha-atop-consultation>",
        f"     from <{T}provision/alpha/art-4>, coded by <{T}actor/coder-a>: "
        "The parties will consult when one is threatened.",
        f"  2  Alpha Pact · ATOP defense: yes  <{CODING}alpha-atop-defense>",
        f"     from <{T}provision/alpha/art-5>, coded by <{T}actor/coder-a>: {FIVE}",
        f"  3  Alpha Pact · COW defense pact: yes  <{CODING}alpha-cow-defense-pact>",
        f"     from <{T}provision/alpha/art-5>, coded by <{T}actor/coder-a>: {FIVE}",
        f"  4  Beta Accord · ATOP consultation: yes  <{CODING}beta-atop-consultation>",
        f"     from <{T}provision/beta/art-1>, coded by <{T}actor/coder-a>: "
        "Consultation within 24 hours of an attack.",
        f"  5  Beta Accord · ATOP defense: no  <{CODING}beta-atop-defense-a>",
        f"     from <{T}provision/beta/art-2>, coded by <{T}actor/coder-a>: "
        "Assistance is promised, but no armed defence.",
        f"  5  Beta Accord · ATOP defense: yes  <{CODING}beta-atop-defense-b>",
        f"     from <{T}provision/beta/art-2>, coded by <{T}actor/coder-b>: "
        'Reads "all necessary means" as a defence pledge.',
        f"  6  Beta Accord · COW entente: yes  <{CODING}beta-cow-entente>",
        f"     no provision named, coded by <{T}actor/coder-b>: "
        "Promises to consult if a crisis occurs; no article is cited.",
        "1 cell(s) where codings disagree:",
        f"  • Beta Accord · ATOP defense: <{CODING}beta-atop-defense-a>, "
        f"<{CODING}beta-atop-defense-b>",
    ]


def test_cli_plot_writes_the_file_beside_the_table(cli, tmp_path: Path) -> None:
    target = tmp_path / "m.svg"
    code, _, stderr, screen = cli("--scheme", "atop", "--plot", str(target))
    assert (code, stderr) == (0, f"wrote {target}\n")
    root = ET.parse(target).getroot()
    texts = {"".join(t.itertext()) for t in root.iter(SVG + "text")}
    assert {"ATOP", "Alpha Pact"} <= texts
    assert "COW" not in texts
    assert "Beta Accord ✓ 3 ✓✗ 4" in " ".join(screen.replace("│", " ").split())


def test_cli_unknown_scheme_exits_2(cli) -> None:
    assert cli("--scheme", "nato")[:3] == (
        2,
        "",
        "error: no obligation typology called 'nato' in this graph\n"
        "  how to fix: use --scheme all or one of: atop, cow\n",
    )


# The project's own codings (graph/codings/ and the companions' codings/), as the catalogue's
# obligation-matrix query returns them. Columns: ATOP consultation, defense, neutrality,
# non-aggression, offense | COW defense pact, entente, neutrality, non-aggression.
PROJECT_MATRIX = {
    "Budapest Memorandum (1994)": "– ✗ – ✓ – | ✗ – – ✓",
    "G7 Joint Declaration of Support for Ukraine (2023)": "✓ ✗ – – – | ✗ ✓ – –",
    "North Atlantic Treaty (1949)": "✓ ✓ ✗ – ✗ | ✓ ✓ ✗ –",
    "UK–Ukraine Agreement on Security Co-operation (2024)": "✓ – – – – | – ✓ – –",
    "US–Ukraine Bilateral Security Agreement (2024)": "✓ ✗ ✗ ✗ ✗ | ✗ ✓ ✗ ✗",
}
COLUMNS = [
    "agreement",
    "agreementLabel",
    "scheme",
    "type",
    "typeNotation",
    "typeLabel",
    "value",
    "coding",
    "provision",
    "reasoning",
    "codedBy",
]
AGREEMENT = "https://w3id.org/treatykg/id/agreement/"


@pytest.fixture(scope="module")
def project_rows(dataset) -> list[dict]:
    return catalogue.query(dataset, "obligation-matrix")


def marks(m: compare.Matrix) -> dict[str, str]:
    result = {}
    for agreement in m.agreements:
        by_scheme = [
            " ".join(compare.MARKS[m.cell(agreement, c).status] for c in s.columns)
            for s in m.schemes
        ]
        result[agreement.label] = " | ".join(by_scheme)
    return result


def test_project_matrix_is_what_the_codings_say(project_rows: list[dict]) -> None:
    assert all(list(row) == COLUMNS for row in project_rows)
    m = compare.from_rows(project_rows)
    assert [(s.id, [c.notation for c in s.columns]) for s in m.schemes] == [
        ("ATOP", ["consultation", "defense", "neutrality", "non-aggression", "offense"]),
        ("COW", ["defense-pact", "entente", "neutrality", "non-aggression"]),
    ]
    assert marks(m) == PROJECT_MATRIX
    assert m.conflicts() == []
    # every row is in its cell, and every coding in a cell is a row
    in_cells = sorted(c.claim for _, _, cell in m.entries() for c in cell.codings)
    assert in_cells == sorted(str(r["coding"]) for r in project_rows)
    for row in project_rows:
        [agreement] = [a for a in m.agreements if a.iri == str(row["agreement"])]
        [column] = [c for c in m.columns if c.type == str(row["type"])]
        [found] = m.cell(agreement, column).codings
        assert (found.claim, found.value, found.provision) == (
            str(row["coding"]),
            row["value"].toPython(),
            str(row["provision"]),
        )


def test_us_ukraine_is_a_consultation_pledge_and_nato_a_defence_pledge(
    project_rows: list[dict],
) -> None:
    def cells(slug: str) -> list[tuple[str, str, bool, str]]:
        return [
            (
                str(r["scheme"]),
                str(r["typeNotation"]),
                r["value"].toPython(),
                str(r["provision"]).removeprefix(AGREEMENT),
            )
            for r in project_rows
            if str(r["agreement"]) == AGREEMENT + slug
        ]

    assert cells("us-ukraine-bsa-2024") == [
        ("ATOP", "consultation", True, "us-ukraine-bsa-2024/art_2/para_4"),
        ("ATOP", "defense", False, "us-ukraine-bsa-2024/art_2/para_4"),
        ("ATOP", "neutrality", False, "us-ukraine-bsa-2024/art_2/para_4"),
        ("ATOP", "non-aggression", False, "us-ukraine-bsa-2024/art_2/para_3"),
        ("ATOP", "offense", False, "us-ukraine-bsa-2024/art_2/para_2"),
        ("COW", "defense-pact", False, "us-ukraine-bsa-2024/art_2/para_4"),
        ("COW", "entente", True, "us-ukraine-bsa-2024/art_2/para_4"),
        ("COW", "neutrality", False, "us-ukraine-bsa-2024/art_2/para_4"),
        ("COW", "non-aggression", False, "us-ukraine-bsa-2024/art_2/para_3"),
    ]
    assert cells("north-atlantic-treaty-1949") == [
        ("ATOP", "consultation", True, "north-atlantic-treaty-1949/art_4"),
        ("ATOP", "defense", True, "north-atlantic-treaty-1949/art_5"),
        ("ATOP", "neutrality", False, "north-atlantic-treaty-1949/art_5"),
        ("ATOP", "offense", False, "north-atlantic-treaty-1949/art_5"),
        ("COW", "defense-pact", True, "north-atlantic-treaty-1949/art_5"),
        ("COW", "entente", True, "north-atlantic-treaty-1949/art_4"),
        ("COW", "neutrality", False, "north-atlantic-treaty-1949/art_5"),
    ]


def test_cli_on_the_project_prints_its_csv_and_plots_every_agreement(
    monkeypatch: pytest.MonkeyPatch, dataset, project_rows: list[dict], tmp_path: Path
) -> None:
    monkeypatch.setattr(command, "build_dataset", lambda project: dataset)
    target = tmp_path / "atop.svg"
    result = CliRunner().invoke(
        app, ["compare", "-f", "csv", "--scheme", "ATOP", "--plot", str(target)]
    )
    assert result.exit_code == 0, result.output
    atop = compare.select(compare.from_rows(project_rows), "atop")
    assert result.stdout == compare.to_csv(atop)
    assert result.stdout.count("\n") == 1 + 5 * 5  # header, 5 agreements × 5 ATOP types
    root = ET.parse(target).getroot()
    texts = {"".join(t.itertext()) for t in root.iter(SVG + "text")}
    assert set(PROJECT_MATRIX) <= texts
    assert len(list(root.iter(SVG + "a"))) == sum(
        1 for r in project_rows if str(r["scheme"]) == "ATOP"
    )


def test_a_graph_without_codings_is_a_user_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(command, "build_dataset", lambda project: new_dataset())
    with pytest.raises(UserError) as caught:
        command.load(None)
    assert str(caught.value) == (
        "error: no agreement in this graph is coded under an obligation typology\n"
        "  how to fix: add coding claims (see docs/compare.md), then run compare again"
    )
