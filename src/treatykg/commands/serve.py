"""`treatykg serve`: the read-only SPARQL endpoint, its self-description and entity pages."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ..console import ProjectOpt, err, friendly


def register(app: typer.Typer) -> None:
    @app.command()
    @friendly
    def serve(
        host: Annotated[
            str, typer.Option(help="Interface to bind; 127.0.0.1 keeps it on this machine.")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
        timeout: Annotated[float, typer.Option(help="Seconds a query may run.")] = 10.0,
        max_results: Annotated[
            int, typer.Option("--max-results", help="Most rows/triples in one answer.")
        ] = 100_000,
        max_body: Annotated[
            str, typer.Option("--max-body", help="Largest request body (e.g. 1MB, 64kB).")
        ] = "1MB",
        allow_host: Annotated[
            list[str] | None,
            typer.Option(
                "--allow-host", help="A host SERVICE may reach (repeat; none by default)."
            ),
        ] = None,
        workers: Annotated[int, typer.Option(help="Query-evaluating processes.")] = 2,
        project: ProjectOpt = None,
        db: Annotated[
            Path | None,
            typer.Option(
                "--store",
                help="Serve the Oxigraph store in this directory (made by `treatykg build "
                "--store` or `treatykg load`) instead of building the graph.",
            ),
        ] = None,
    ) -> None:
        """Serve the dataset read-only: SPARQL 1.1 Protocol at /sparql, the query page at /."""
        import uvicorn

        from .. import store
        from ..dataset import build
        from ..serve import Limits, create_app, parse_size

        limits = Limits(
            timeout=timeout,
            max_results=max_results,
            max_body=parse_size(max_body),
            allow_hosts=frozenset(allow_host or ()),
            workers=workers,
        )
        if db is not None:
            with err.status(f"reading the store {db}…"):
                application = create_app(store.open_store(db), limits, project)
        else:
            with err.status("building the graph…"):
                application = create_app(build(project), limits, project)
        if host not in ("127.0.0.1", "localhost", "::1"):
            err.print(f"warning: listening on {host}: other machines can reach this endpoint")
        err.print(f"treatykg serve: http://{host}:{port}/ (SPARQL at /sparql; Ctrl-C stops it)")
        uvicorn.run(application, host=host, port=port, log_level="warning")
