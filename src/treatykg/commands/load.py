"""`treatykg load`: a store from a built dataset file, without the YAML it was built from.

A million-quad N-Quads file loads into Oxigraph in seconds, where compiling the same graph
from its claim files takes minutes: so a user who has a `dist/treatykg.nq` (built here, or
downloaded) makes a store with this and then queries, validates and adds to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .. import store
from ..console import err, friendly, out


def register(app: typer.Typer) -> None:
    app.command()(friendly(load))


def load(
    file: Annotated[Path, typer.Argument(help="An N-Quads (.nq) or TriG (.trig) file.")],
    db: Annotated[
        Path, typer.Option("--store", help="The store to make (or replace) in this directory.")
    ],
) -> None:
    """Make the store at --store hold exactly FILE's quads (e.g. dist/treatykg.nq).

    The file is parsed strictly; the store is replaced only once the whole file has loaded,
    and a directory that is not a treatykg store is never replaced. Validate it afterwards
    with `treatykg validate --store DIR`.
    """
    with err.status(f"loading {file}…"):
        store.load_file(file, db)
    loaded = store.open_store(db)
    graphs = sum(1 for _ in loaded.named_graphs())
    out.print(f"loaded {len(loaded):,} quads in {graphs:,} named graphs into {db}")
