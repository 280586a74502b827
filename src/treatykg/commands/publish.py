"""`treatykg publish --to URL`: the built dataset into a SPARQL 1.1 store, then checked."""

from __future__ import annotations

import itertools
from enum import StrEnum
from typing import Annotated

import typer
from rich.table import Table

from .. import publish as publishing
from ..console import ProjectOpt, err, friendly, out, progress
from ..dataset import build as build_dataset


class Flavour(StrEnum):
    oxigraph = "oxigraph"
    virtuoso = "virtuoso"
    gsp = "gsp"


def register(app: typer.Typer) -> None:
    app.command()(friendly(publish))


def publish(
    to: Annotated[
        str,
        typer.Option(
            "--to", help="The store: its base URL (Oxigraph, Virtuoso) or its GSP endpoint."
        ),
    ],
    flavour: Annotated[
        Flavour | None,
        typer.Option("--flavour", help="The kind of store (default: detected)."),
    ] = None,
    gsp_endpoint: Annotated[
        str | None, typer.Option("--gsp-endpoint", help="Its Graph Store Protocol endpoint.")
    ] = None,
    query_endpoint: Annotated[
        str | None, typer.Option("--query-endpoint", help="Its SPARQL query endpoint.")
    ] = None,
    prune: Annotated[
        bool,
        typer.Option("--prune", help="Delete treatykg graphs in the store that the build lacks."),
    ] = False,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Only compare the store's counts with the build; write nothing."
        ),
    ] = False,
    project: ProjectOpt = None,
) -> None:
    """Write the built dataset to a triple store (one PUT per named graph), then compare the
    store's triple counts with what was sent: any difference exits 1 with a table.

    Credentials come from the environment only: TREATYKG_STORE_USER and
    TREATYKG_STORE_PASSWORD (basic or digest authentication, as the store asks).
    """
    store = publishing.target(to, flavour.value if flavour else None, gsp_endpoint, query_endpoint)
    with err.status("building the graph…"):
        ds = build_dataset(project)
    sizes = [n for n, _ in publishing.graphs(ds).values()]
    if check:
        _report(publishing.verify(ds, store), store)
        out.print(f"the store's counts match the build ({len(sizes)} graphs)", markup=False)
        return
    sent = itertools.count(1)
    with progress("publishing") as tick:
        found = publishing.publish(
            ds, store, on_graph=lambda _: tick(next(sent), len(sizes)), prune=prune
        )
    _report(found, store)
    out.print(
        f"published {len(sizes)} graphs ({sum(sizes)} triples)"
        f" to {store.gsp} ({store.flavour}); the store's counts match",
        markup=False,
    )


def _report(found: list[publishing.Difference], store: publishing.Target) -> None:
    """Nothing if the store matches; else a table of the differences, and exit 1."""
    if found:
        table = Table("graph", "sent", "in the store", title="the store differs from the build")
        for d in found:
            table.add_row(str(d.graph), str(d.sent), str(d.found))
        out.print(table)
        err.print(
            f"publish failed: {len(found)} graph(s) differ in {store.query}"
            + (" (graphs the build lacks: --prune deletes them)" if _extra(found) else ""),
            markup=False,
        )
        raise typer.Exit(1)


def _extra(found: list[publishing.Difference]) -> bool:
    return any(d.sent == 0 for d in found)
