"""`treatykg compare`: agreements × obligation types, each cell backed by its coding claim.

A thin layer of printing over `treatykg.compare`: the table marks each cell ✓ / ✗ / – (not
coded) / ✓✗ (codings disagree) with a note number, and the notes under it name the coding
claim, provision, reasoning and coder of every cell; csv and json go to stdout for machines.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rdflib import URIRef
from rich.markup import escape
from rich.table import Table

from .. import catalogue
from .. import compare as comparison
from ..console import ProjectOpt, err, friendly, out
from ..dataset import build as build_dataset
from ..errors import UserError
from ..validate import compact

STYLE = {
    comparison.YES: "green",
    comparison.NO: "",
    comparison.NOT_CODED: "dim",
    comparison.CONFLICT: "bold red",
}


class CompareFmt(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command()
    @friendly
    def compare(
        scheme: Annotated[
            str, typer.Option("--scheme", help="atop, cow (a typology's name) or all.")
        ] = "all",
        fmt: Annotated[CompareFmt, typer.Option("--format", "-f")] = CompareFmt.table,
        plot: Annotated[
            Path | None, typer.Option("--plot", help="Also draw the matrix to FILE (.svg, .png).")
        ] = None,
        project: ProjectOpt = None,
    ) -> None:
        """Agreements × obligation types (ATOP, Correlates of War), each cell with its coding."""
        if plot is not None:
            comparison.plot_format(plot)  # a bad file name fails before the graph is built
        matrix = comparison.select(load(project), scheme)
        if fmt is CompareFmt.table:
            print_table(matrix)
        else:
            render = comparison.to_csv if fmt is CompareFmt.csv else comparison.to_json
            sys.stdout.write(render(matrix))
        if plot is not None:
            comparison.plot(matrix, plot)
            err.print(f"wrote {plot}", markup=False, highlight=False)


def load(project: Path | None) -> comparison.Matrix:
    """The project's matrix, from the catalogue's obligation-matrix query."""
    ds = build_dataset(project)
    matrix = comparison.from_rows(catalogue.query(ds, comparison.QUERY, project))
    if not matrix.agreements:
        raise UserError(
            "no agreement in this graph is coded under an obligation typology",
            hint="add coding claims (see docs/compare.md), then run compare again",
        )
    return matrix


def short(text: str | None) -> str:
    """An IRI compacted by the project's prefixes; any other text as it is."""
    if text is None:
        return ""
    return compact(URIRef(text)) if text.startswith(("http://", "https://")) else text


def print_table(matrix: comparison.Matrix) -> None:
    """The matrix with a note number in each coded cell, then the notes, then any conflicts.

    The notes are lines, not a table, so that no IRI is ever cut short to fit a column.
    """
    table = Table("agreement", title="obligation types by agreement")
    for column in matrix.columns:
        header = f"{comparison.scheme_name(column.scheme).upper()}\n{column.label}"
        table.add_column(header, justify="center", no_wrap=True)
    notes: list[tuple[str, str | None]] = []
    number = 0
    for agreement in matrix.agreements:
        marks = []
        for column in matrix.columns:
            cell = matrix.cell(agreement, column)
            mark = comparison.MARKS[cell.status]
            if cell.codings:
                number += 1
                mark = f"{mark} {number}"
                notes.extend(note(number, agreement, column, cell))
            marks.append(f"[{STYLE[cell.status]}]{mark}[/]" if STYLE[cell.status] else mark)
        table.add_row(escape(agreement.label), *marks)
    out.print(table)
    out.print("✓ yes   ✗ no   – not coded   ✓✗ conflict (codings disagree)", markup=False)
    out.print("[bold]coding claims[/bold]")
    for line, style in notes:
        out.print(line, style=style, markup=False, highlight=False, soft_wrap=True)
    conflicts = matrix.conflicts()
    if conflicts:
        out.print(f"[bold red]{len(conflicts)} cell(s) where codings disagree:[/]")
        for agreement, column, cell in conflicts:
            claims = ", ".join(short(c.claim) for c in cell.codings)
            text = f"  • {where(agreement, column)}: {claims}"
            out.print(text, markup=False, highlight=False, soft_wrap=True)


def where(agreement: comparison.Agreement, column: comparison.Column) -> str:
    return f"{agreement.label} · {comparison.scheme_name(column.scheme).upper()} {column.label}"


def note(
    number: int, agreement: comparison.Agreement, column: comparison.Column, cell: comparison.Cell
) -> list[tuple[str, str | None]]:
    """Two lines per coding: the cell, value and claim; then provision, coder and reasoning."""
    style = STYLE[comparison.CONFLICT] if cell.status == comparison.CONFLICT else None
    lines: list[tuple[str, str | None]] = []
    for coding in cell.codings:
        value = "yes" if coding.value else "no"
        lines.append(
            (f"{number:>3}  {where(agreement, column)}: {value}  {short(coding.claim)}", style)
        )
        source = f"from {short(coding.provision)}" if coding.provision else "no provision named"
        by = f", coded by {short(coding.coded_by)}" if coding.coded_by else ""
        lines.append((f"     {source}{by}: {coding.reasoning or '(no reasoning given)'}", None))
    return lines
