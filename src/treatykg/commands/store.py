"""`treatykg add`: one more source into a built store, without rebuilding the graph."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .. import incremental
from ..console import ProjectOpt, err, friendly, out, progress

StoreOpt = Annotated[
    Path, typer.Option("--store", help="A store made by `treatykg build --store DIR`.")
]


def register(app: typer.Typer) -> None:
    app.command()(friendly(add))


def add(
    claim_file: Annotated[Path, typer.Argument(help="The new source's claim file (YAML).")],
    store: StoreOpt,
    project: ProjectOpt = None,
) -> None:
    """Add one source's claims to a built store, re-checking only what that source touches.

    Its stored text must already be in the project's graph/sources/, and the actors it names
    in graph/entities/ of the store's build. Nothing is written unless the result conforms.
    """
    with progress("compiling and checking the new source") as tick:
        added = incremental.add(store, claim_file, project, on_progress=tick)
    table = Table("claim", "status", "said by", title=f"{claim_file.name}: reconciled claims")
    for row in added.rows:
        table.add_row(row.label, row.status, row.said_by)
    out.print(table)
    for p in added.report.problems:
        out.print(f"{p.severity}: {p.focus_label}: {p.message} ({p.where})", markup=False)
    if not added.inserted:
        err.print("the new source does not conform: the store was not changed")
        raise typer.Exit(1)
    out.print(f"added {added.quads} quads in {added.graphs} named graphs to {store}")
