"""`treatykg generate`: a synthetic corpus to measure the pipeline with (docs/generate.md)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from ..console import ProjectOpt, friendly, out, progress


def register(app: typer.Typer) -> None:
    @app.command()
    @friendly
    def generate(
        triples: Annotated[
            int, typer.Option("--triples", "-n", help="Target number of quads of the build.")
        ],
        out_dir: Annotated[Path, typer.Option("--out", help="The corpus directory to write.")],
        seed: Annotated[int, typer.Option("--seed", help="Same seed, same bytes.")] = 1,
        faults: Annotated[
            int, typer.Option("--faults", help="Faults of each kind the shapes check (0: clean).")
        ] = 0,
        project: ProjectOpt = None,
    ) -> None:
        """Write a synthetic corpus (a project directory) of about N triples, never graph/."""
        from ..generate import generate as make

        start = time.perf_counter()
        with progress("generating (quads planned)") as tick:
            summary = make(triples, seed, out_dir, faults, project, on_progress=tick)
        out.print(
            f"wrote {summary.out}: {summary.quads:,} quads predicted, {summary.agreements} "
            f"agreements, {summary.sources} sources, {summary.claims} claims; "
            f"{summary.faults} faults → {summary.results} expected SHACL results "
            f"(faults.ru, faults.json) in {time.perf_counter() - start:.1f} s"
        )
        out.print(f"build it with: treatykg build --project {summary.out}")
