"""`treatykg link FILE|URL`: import a treaty graph written by others (see link.py)."""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from .. import link as linking
from .. import namespaces as ns
from ..console import ProjectOpt, err, friendly, out
from ..dataset import build as build_dataset
from ..errors import UserError


class Vocabulary(StrEnum):
    auto = "auto"
    wikidata = "wikidata"
    schemaorg = "schemaorg"


class ReportFmt(StrEnum):
    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    @app.command()
    @friendly
    def link(
        source: Annotated[
            str, typer.Argument(help="An RDF/JSON-LD file, or the URL of a SPARQL endpoint.")
        ],
        out_file: Annotated[
            Path | None, typer.Option("--out", help="Write the imported graph here (TriG).")
        ] = None,
        slug: Annotated[
            str | None, typer.Option(help="Name of the import in IRIs (default: from SOURCE).")
        ] = None,
        vocabulary: Annotated[Vocabulary, typer.Option(help="Input vocabulary.")] = (
            Vocabulary.auto
        ),
        construct: Annotated[
            Path | None,
            typer.Option(help="A CONSTRUCT query for an endpoint (default: every triple)."),
        ] = None,
        retrieved: Annotated[
            str | None, typer.Option(help="When the input was retrieved (YYYY-MM-DD).")
        ] = None,
        fmt: Annotated[ReportFmt, typer.Option("--format", "-f")] = ReportFmt.table,
        project: ProjectOpt = None,
    ) -> None:
        """Map a treaty graph in another vocabulary (Wikidata, schema.org) into treatykg's
        terms, align its actors with ours, and report what could not be mapped."""
        if retrieved is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", retrieved):
            raise UserError(f"--retrieved {retrieved!r} is not a date", hint="use YYYY-MM-DD")
        given = linking.read(source, _construct(construct))  # input errors before the build
        with err.status("building the project's graph (for alignment)…"):
            ds = build_dataset(project)
        vocab = None if vocabulary is Vocabulary.auto else vocabulary.value
        result = linking.link(given, ds, slug, vocab, retrieved)
        if out_file is not None:
            linking.write(result, out_file)
        if fmt is ReportFmt.json:
            sys.stdout.write(json.dumps(report(result), ensure_ascii=False, indent=1) + "\n")
        else:
            _print(result)
        if out_file is not None:
            err.print(f"wrote {out_file}")


def _construct(path: Path | None) -> str:
    if path is None:
        return linking.DEFAULT_CONSTRUCT
    if not path.is_file():
        raise UserError("no such query file", path, hint="give a file holding a CONSTRUCT query")
    return path.read_text(encoding="utf-8")


def report(result: linking.Result) -> dict:
    """The import report as plain data (the table view prints the same)."""
    imported = result.imported
    return {
        "source": str(result.source),
        "vocabulary": imported.vocabulary,
        "statements": [
            {
                "claim": st.id,
                "rank": st.rank,
                "label": st.label,
                "triples": len(st.triples),
                "references": len(st.references),
                "notes": st.notes,
            }
            for st in imported.statements
        ],
        "not_imported": [{"what": w, "why": y} for w, y in imported.skipped],
        "unmapped": [
            {"predicate": u.predicate, "count": u.count, "example": u.example}
            for u in imported.unmapped
        ],
        "links": [
            {"imported": str(k.subject), "ours": str(k.object), "kind": k.kind}
            for k in result.links
        ],
    }


SHORT = sorted(
    {
        "http://www.wikidata.org/prop/direct/": "wdt:",
        "http://www.wikidata.org/prop/statement/": "ps:",
        "http://www.wikidata.org/prop/qualifier/": "pq:",
        "http://www.wikidata.org/prop/reference/": "pr:",
        "http://www.wikidata.org/prop/": "p:",
        "http://www.wikidata.org/entity/statement/": "wds:",
        "http://www.wikidata.org/entity/": "wd:",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:",
        "https://schema.org/": "schema:",
        str(ns.ID["import/"]): "import:",
        str(ns.ID["actor/"]): "actor:",
        str(ns.ID["place/"]): "place:",
        str(ns.ID["source/"]): "source:",
    }.items(),
    key=lambda kv: -len(kv[0]),
)


def _short(iri: str) -> str:
    """An IRI as a prefixed name where a common prefix fits (tables only; JSON keeps IRIs)."""
    for space, prefix in SHORT:
        if iri.startswith(space):
            return prefix + iri[len(space) :]
    return iri


def _print(result: linking.Result) -> None:
    data = report(result)
    out.print(f"imported a {data['vocabulary']} graph as {_short(data['source'])}")
    table = Table("claim", "rank", "statement", "refs", "notes", title="imported statements")
    for st in data["statements"]:
        notes = "; ".join(st["notes"])
        table.add_row(st["claim"], st["rank"] or "—", st["label"], str(st["references"]), notes)
    out.print(table)
    skipped = Table("statement", "why", title="not imported")
    for item in data["not_imported"]:
        skipped.add_row(item["what"], item["why"])
    out.print(skipped)
    unmapped = Table("predicate", "triples", "example subject", title="not mapped")
    for item in data["unmapped"]:
        unmapped.add_row(_short(item["predicate"]), str(item["count"]), _short(item["example"]))
    out.print(unmapped)
    links = Table("imported", "treatykg", "aligned by", title="identity links")
    for item in data["links"]:
        links.add_row(_short(item["imported"]), _short(item["ours"]), item["kind"])
    out.print(links)
