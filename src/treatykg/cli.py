"""The `treatykg` command line: a thin layer of printing over the library.

The core commands are here; larger ones register themselves from `commands/`. Errors and exit
codes follow `console.friendly`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pyoxigraph as ox
import typer
from rdflib import Dataset
from rich.table import Table

from . import analyze as analysis
from . import catalogue, dump, remote, store, summary
from . import reconcile as reconciliation
from . import validate as validation
from .commands import register_all
from .console import ProjectOpt, err, friendly, out, progress
from .dataset import MAIN, load_files
from .dataset import build as build_dataset
from .errors import UserError
from .progress import OnProgress

app = typer.Typer(
    help="treatykg: who promised what to whom, and who says so.", no_args_is_help=True
)


GraphOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--graph",
        "-g",
        help="Build only this graph: 'main' or a companion's slug (repeatable; default: all).",
    ),
]


EndpointOpt = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        help="Read the graph from this SPARQL 1.1 query endpoint (e.g. a store that "
        "`treatykg publish` wrote to) instead of building it.",
    ),
]
StoreOpt = Annotated[
    Path | None,
    typer.Option(
        "--store",
        help="Use the Oxigraph store in this directory (made by `treatykg build --store`) "
        "instead of building the graph.",
    ),
]


def _source(
    project: Path | None, graph: list[str] | None, endpoint: str | None, db: Path | None
) -> Dataset | ox.Store:
    """The graph a read command works on: built, fetched from an endpoint, or a store, read
    in place (an rdflib copy of a million-quad store took minutes and gigabytes)."""
    if endpoint and db:
        raise UserError("give --endpoint or --store, not both", hint="drop one of them")
    if db and graph:
        raise UserError(
            "--graph selects graphs at build time; a store holds what was built into it",
            db,
            hint="build a store of those graphs: treatykg build --graph NAME --store DIR",
        )
    if db:
        return store.open_store(db)
    return remote.load(endpoint, project, graph)


class Fmt(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"


class ReconcileFmt(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    html = "html"


SUMMARY_ROWS = 200  # the build's table of claims stops here (the seed graph has 189)


@app.command()
@friendly
def build(
    project: ProjectOpt = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Where to write the dataset.")] = Path(
        "dist"
    ),
    graph: GraphOpt = None,
    db: Annotated[
        Path | None,
        typer.Option("--store", help="Also keep the dataset in an Oxigraph store here."),
    ] = None,
) -> None:
    """Build the graph, validate it, write dist/ (TriG, N-Quads, JSON-LD) and summarise it."""
    with progress("compiling") as tick:
        ds = build_dataset(project, graph, on_progress=tick)
    with progress("validating") as tick:
        report = validation.validate(ds, root=project, on_progress=tick)
    with progress("sorting quads") as tick:
        quads = dump.sorted_quads(ds, on_progress=tick)  # once, for every output below
    counts = dump.counts(ds)
    del ds  # from here on the sorted quads serve: rdflib's copy was 1.8 GB at 1M quads
    copy = catalogue.store_from(quads)  # what catalogue.store_of(ds) makes, without re-sorting
    _print_summary(summary.figures(copy, counts), report)
    _print_rows(
        catalogue.query(copy, "claim-attributions", project),
        "claims and who they are attributed to",
        columns=["claimLabel", "chain"],
        limit=(SUMMARY_ROWS, "treatykg query claim-attributions"),
    )
    del copy
    if not report.conforms:
        _print_report(report)
        err.print("the graph does not conform: nothing was written to", str(out_dir))
        raise typer.Exit(1)
    with progress("writing dist/") as tick:
        written = dump.write_dist(quads, out_dir, on_progress=tick)
    out.print("wrote " + ", ".join(str(p) for p in written.values()))
    if db:
        with progress("writing the store") as tick:
            store.write(_counted(quads, tick), db)
        out.print(f"wrote the store {db}")


def _print_summary(figures: summary.Summary, report: validation.Report) -> None:
    table = Table(title="treatykg dataset", show_header=False)
    for name, value in (
        ("sources", figures.sources),
        ("claims", figures.claims),
        ("actors", figures.actors),
        ("commitments (obligations)", figures.commitments),
        ("triples", figures.triples),
        ("named graphs", figures.named_graphs),
        (
            "conforms",
            f"{report.conforms} ({report.count('violation')} violations, "
            f"{report.count('warning')} warnings)",
        ),
    ):
        table.add_row(name, str(value))
    out.print(table)


def _counted(quads: list[ox.Quad], tick: OnProgress, every: int = 10_000) -> Iterator[ox.Quad]:
    """The quads, reporting every `every` of them to `tick` as the store takes them."""
    for done, quad in enumerate(quads, start=1):
        yield quad
        if done % every == 0 or done == len(quads):
            tick(done, len(quads))


@app.command()
@friendly
def validate(
    files: Annotated[
        list[Path] | None, typer.Argument(help="RDF files to check (default: the project's graph).")
    ] = None,
    project: ProjectOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    db: StoreOpt = None,
) -> None:
    """Validate the project's graph, or the RDF files given, against the SHACL shapes."""
    if files and (endpoint or db):
        raise UserError("give RDF files, --endpoint or --store, not several", hint="keep one")
    if files:
        ds, located = load_files(files, project)
        with progress("validating") as tick:
            report = validation.validate(ds, root=project, files=located, on_progress=tick)
    else:
        source = _source(project, graph, endpoint, db)  # a store is validated in place
        with progress("validating") as tick:
            report = validation.validate(source, root=project, on_progress=tick)
    _print_report(report)
    if not report.conforms:
        raise typer.Exit(1)


@app.command()
@friendly
def query(
    name: Annotated[
        str | None, typer.Argument(help="A catalogue name or a path to a .rq file.")
    ] = None,
    fmt: Annotated[Fmt, typer.Option("--format", "-f")] = Fmt.table,
    list_: Annotated[bool, typer.Option("--list", help="List the catalogue's questions.")] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="A host that SERVICE may query (repeatable)."),
    ] = None,
    service: Annotated[
        list[str] | None,
        typer.Option(
            "--service",
            help="NAME=URL: the endpoint of SERVICE <https://w3id.org/treatykg/service/NAME> "
            "(repeatable; its host must also be given to --allow-host).",
        ),
    ] = None,
    project: ProjectOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    db: StoreOpt = None,
) -> None:
    """Answer a competency question from the catalogue (or any SPARQL file)."""
    if list_ or name is None:
        table = Table("name", "question")
        for entry in catalogue.catalogue(project):
            table.add_row(entry.name, entry.question)
        out.print(table)
        return
    label, text = catalogue.resolve(name, project)
    source = _source(project, graph, endpoint, db)
    hosts, services = frozenset(allow_host or ()), catalogue.parse_services(service)
    result = catalogue.run(source, text, label, hosts, services)
    if fmt is Fmt.table:
        _print_rows(list(result.rows), Path(label).stem)
    else:
        sys.stdout.write(catalogue.serialize(result, fmt.value))


@app.command()
@friendly
def analyze(
    fmt: Annotated[Fmt, typer.Option("--format", "-f", help="table or json")] = Fmt.table,
    project: ProjectOpt = None,
    graph: GraphOpt = None,
    endpoint: EndpointOpt = None,
    db: StoreOpt = None,
) -> None:
    """Corroboration of each claim and the actor–commitment network (networkx)."""
    ds = _source(project, graph, endpoint, db)
    read = analysis.Reading.of(ds)  # once for both analyses
    corroboration = analysis.corroboration(ds, read)
    net = analysis.network(ds, read)
    if fmt is not Fmt.table:
        payload = {
            "corroboration": [
                {
                    "claim": str(c.claim),
                    "label": c.label,
                    "chains": c.chains,
                    "independent": c.independent,
                    "anonymous_only": c.anonymous_only,
                }
                for c in corroboration
            ],
            "network": {k: v for k, v in net.__dict__.items()},
        }
        out.print_json(json.dumps(payload))
        return
    table = Table("claim", "chains", "independent", "anonymous only", title="corroboration")
    for c in corroboration:
        table.add_row(c.label, str(c.chains), str(c.independent), "yes" if c.anonymous_only else "")
    out.print(table)
    lonely = [c.label for c in corroboration if c.independent == 1 and c.anonymous_only]
    out.print(f"[bold]{len(lonely)} claims rest on a single anonymous chain:[/bold]")
    for text in lonely:
        out.print(f"  • {text}", markup=False)
    out.print(
        f"actor–commitment network: {net.actors} actors, {net.commitments} commitments, "
        f"{net.edges} edges, {net.components} component(s), density {net.density}"
    )
    degree = Table("actor", "commitments", title="actors by degree")
    for name, d in net.degree:
        degree.add_row(name, str(d))
    out.print(degree)
    relays = Table("relays", "whom", "attestations", title="who relays whom")
    for upper, lower, w in net.relays:
        relays.add_row(upper, lower, str(w))
    out.print(relays)


@app.command()
@friendly
def reconcile(
    fmt: Annotated[ReconcileFmt, typer.Option("--format", "-f")] = ReconcileFmt.table,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", help="Write here (html: default dist/reconciliation.html)."),
    ] = None,
    project: ProjectOpt = None,
    graph: Annotated[
        list[str] | None,
        typer.Option(
            "--graph",
            "-g",
            help="Graphs to include (repeatable; default: main, the graph whose reported claims "
            "are checked against the signed text).",
        ),
    ] = None,
    endpoint: EndpointOpt = None,
    db: StoreOpt = None,
) -> None:
    """Each claim against the signed text: its words, who said it, status, provision, difference."""
    items = reconciliation.rows(_source(project, graph or (None if db else [MAIN]), endpoint, db))
    if fmt is ReconcileFmt.table:
        table = Table(
            "claim", "said by", "status", "provision", "difference", title="reported vs signed"
        )
        for i in items:
            table.add_row(
                f"{i.label}\n[dim]{i.quote}[/dim]",
                i.said_by,
                i.status,
                i.provisions,
                f"{i.difference}\n[dim]{i.note}[/dim]",
            )
        out.print(table)
        return
    render = {
        "csv": reconciliation.to_csv,
        "json": reconciliation.to_json,
        "html": reconciliation.to_html,
    }
    text = render[fmt.value](items)
    target = out_file or (Path("dist/reconciliation.html") if fmt is ReconcileFmt.html else None)
    if target is None:
        sys.stdout.write(text)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    dump.atomic_write(target, text.encode("utf-8"))
    out.print(f"wrote {target}")


def _print_rows(
    rows: list[dict],
    title: str,
    columns: list[str] | None = None,
    limit: tuple[int, str] | None = None,
) -> None:
    """A table of query rows; with `limit` (at most, command that lists them all), only the
    first rows and where to find the rest: a summary of a million-triple graph should not
    print twelve thousand rows (about 5 s of output)."""
    columns = columns or (list(rows[0]) if rows else [])
    shown = rows if limit is None else rows[: limit[0]]
    more = f", the first {len(shown)} shown" if len(shown) < len(rows) else ""
    table = Table(*columns, title=f"{title} ({len(rows)} rows{more})")
    for row in shown:
        table.add_row(*(validation.label_text(row[c]) for c in columns))
    out.print(table)
    if more and limit is not None:
        out.print(f"… {len(rows) - len(shown)} more rows: {limit[1]}")


def _print_report(report: validation.Report) -> None:
    if not report.problems:
        out.print("[green]conforms: no problems[/green]")
        return
    table = Table("severity", "focus", "path", "message", "where", title="SHACL report")
    for p in report.problems:
        table.add_row(p.severity, p.focus_label, p.path, p.message, p.where)
    out.print(table)
    verdict = "conforms" if report.conforms else "does not conform"
    out.print(
        f"{verdict}: {report.count('violation')} violations, {report.count('warning')} warnings"
    )


register_all(app)


def main() -> None:
    app()
