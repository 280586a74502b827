"""Agreements × obligation types: the matrix that `treatykg compare` prints, exports and plots.

The matrix is made from the rows of the catalogue's `obligation-matrix` query and nothing else,
so every cell is exactly what a SPARQL user gets: one row per coding claim (who coded which
agreement under which type of a typology, from which provision, with what reasoning). A cell
is *yes* or *no* when its codings agree, *not coded* when there is none, and a *conflict* when
two codings disagree — shown, never collapsed, because a typology coding is a claim and two
coders may read one provision differently.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import XSD, Literal
from rdflib.term import Node

from . import dump
from .errors import UserError

if TYPE_CHECKING:
    from matplotlib.axes import Axes

QUERY = "obligation-matrix"
YES, NO, NOT_CODED, CONFLICT = "yes", "no", "not coded", "conflict"
MARKS = {YES: "✓", NO: "✗", NOT_CODED: "–", CONFLICT: "✓✗"}
REQUIRED = ("agreement", "scheme", "type", "value", "coding")


@dataclass(frozen=True)
class Coding:
    """One coding claim: `claim` says that the agreement has (`value`) the obligation type."""

    claim: str
    value: bool
    provision: str | None
    reasoning: str | None
    coded_by: str | None


@dataclass(frozen=True)
class Cell:
    codings: tuple[Coding, ...] = ()

    @property
    def status(self) -> str:
        values = {c.value for c in self.codings}
        if not values:
            return NOT_CODED
        if len(values) > 1:
            return CONFLICT
        return YES if values.pop() else NO


@dataclass(frozen=True)
class Column:
    """An obligation type of a scheme (a SKOS concept)."""

    scheme: str  # the Scheme's id
    type: str
    notation: str
    label: str


@dataclass(frozen=True)
class Scheme:
    id: str  # as the query gives it: the scheme's notation (or its IRI)
    name: str  # lower-cased notation: what --scheme takes
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Agreement:
    iri: str
    label: str


@dataclass(frozen=True)
class Matrix:
    agreements: tuple[Agreement, ...]
    schemes: tuple[Scheme, ...]
    cells: Mapping[tuple[str, str], Cell] = field(default_factory=dict)

    @property
    def columns(self) -> tuple[Column, ...]:
        return tuple(c for s in self.schemes for c in s.columns)

    def cell(self, agreement: Agreement, column: Column) -> Cell:
        return self.cells.get((agreement.iri, column.type), Cell())

    def entries(self) -> list[tuple[Agreement, Column, Cell]]:
        """Every cell, agreement by agreement, in column order (not-coded cells included)."""
        return [(a, c, self.cell(a, c)) for a in self.agreements for c in self.columns]

    def conflicts(self) -> list[tuple[Agreement, Column, Cell]]:
        return [e for e in self.entries() if e[2].status == CONFLICT]


def _text(term: Node | None) -> str | None:
    return None if term is None else str(term)


def _boolean(term: Node | None, coding: str) -> bool:
    if isinstance(term, Literal) and term.datatype == XSD.boolean and term.ill_typed is False:
        return bool(term.toPython())
    raise UserError(
        f"the coding claim <{coding}> has the value {term!r}, not an xsd:boolean",
        hint="code each obligation type as true or false (unknown: leave it uncoded)",
    )


def last_segment(text: str) -> str:
    """An IRI's last path segment (a plain notation stays as it is)."""
    return text.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def scheme_name(scheme: str) -> str:
    """What --scheme takes: the scheme's notation ("ATOP") or IRI's last segment, lower-cased."""
    return last_segment(scheme).lower()


def from_rows(rows: Iterable[Mapping[str, Node | None]]) -> Matrix:
    """The matrix of the `obligation-matrix` rows, sorted by label, scheme and notation."""
    agreements: dict[str, Agreement] = {}
    columns: dict[str, Column] = {}
    codings: dict[tuple[str, str], set[Coding]] = {}
    for row in rows:
        _check(row)
        iri, kind, claim = str(row["agreement"]), str(row["type"]), str(row["coding"])
        label = _text(row.get("agreementLabel")) or iri
        agreements.setdefault(iri, Agreement(iri, label))
        notation = _text(row.get("typeNotation")) or last_segment(kind)
        columns.setdefault(
            kind,
            Column(str(row["scheme"]), kind, notation, _text(row.get("typeLabel")) or notation),
        )
        fields = ("provision", "reasoning", "codedBy")
        coding = Coding(claim, _boolean(row["value"], claim), *(_text(row.get(f)) for f in fields))
        codings.setdefault((iri, kind), set()).add(coding)
    return Matrix(
        tuple(sorted(agreements.values(), key=lambda a: (a.label, a.iri))),
        _schemes(columns.values()),
        {key: Cell(tuple(sorted(found, key=_order))) for key, found in codings.items()},
    )


def _order(coding: Coding) -> tuple[str, bool, str, str, str]:
    """By claim IRI; a claim given twice (two provisions, say) keeps both, in a fixed order."""
    c = coding
    return (c.claim, c.value, c.provision or "", c.reasoning or "", c.coded_by or "")


def _check(row: Mapping[str, Node | None]) -> None:
    missing = [name for name in REQUIRED if row.get(name) is None]
    if missing:
        raise UserError(
            f"a row of the {QUERY} query has no {', '.join(missing)}",
            hint=f"queries/{QUERY}.rq must bind {', '.join(REQUIRED)} in every row",
        )


def _schemes(columns: Iterable[Column]) -> tuple[Scheme, ...]:
    by_scheme: dict[str, list[Column]] = {}
    for column in columns:
        by_scheme.setdefault(column.scheme, []).append(column)
    schemes = (
        Scheme(key, scheme_name(key), tuple(sorted(cols, key=lambda c: (c.notation, c.type))))
        for key, cols in by_scheme.items()
    )
    return tuple(sorted(schemes, key=lambda s: (s.name, s.id)))


def select(matrix: Matrix, name: str) -> Matrix:
    """Only the scheme called `name` (any case), or every scheme for "all"."""
    if name.lower() == "all":
        return matrix
    chosen = [s for s in matrix.schemes if s.name == name.lower()]
    if len(chosen) != 1:
        names = ", ".join(s.name for s in matrix.schemes) or "none"
        raise UserError(
            f"no obligation typology called {name!r} in this graph",
            hint=f"use --scheme all or one of: {names}",
        )
    kept = {c.type for c in chosen[0].columns}
    cells = {k: v for k, v in matrix.cells.items() if k[1] in kept}
    return Matrix(matrix.agreements, tuple(chosen), cells)


CODING_FIELDS = ("value", "coding", "provision", "reasoning", "codedBy")
CSV_COLUMNS = (
    *("agreement", "agreementLabel", "scheme", "type", "typeNotation", "typeLabel", "cell"),
    *CODING_FIELDS,
)


def records(matrix: Matrix) -> list[dict[str, str | bool | None]]:
    """One record per coding claim, and one per cell nobody coded (value and coding empty)."""
    result: list[dict[str, str | bool | None]] = []
    for agreement, column, cell in matrix.entries():
        where = {
            "agreement": agreement.iri,
            "agreementLabel": agreement.label,
            "scheme": column.scheme,
            "type": column.type,
            "typeNotation": column.notation,
            "typeLabel": column.label,
            "cell": cell.status,
        }
        for coding in cell.codings or (None,):
            result.append(where | _coding_fields(coding))
    return result


def _coding_fields(coding: Coding | None) -> dict[str, str | bool | None]:
    if coding is None:
        return dict.fromkeys(CODING_FIELDS)
    return {
        "value": coding.value,
        "coding": coding.claim,
        "provision": coding.provision,
        "reasoning": coding.reasoning,
        "codedBy": coding.coded_by,
    }


def to_csv(matrix: Matrix) -> str:
    """Tidy CSV: a line per coding claim (a conflicting cell has two), booleans as true/false."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for record in records(matrix):
        value = record["value"]
        writer.writerow(record | {"value": "" if value is None else str(value).lower()})
    return out.getvalue()


def to_json(matrix: Matrix) -> str:
    """The matrix as nested JSON, keys in a fixed order: schemes, agreements with their cells."""
    payload = {
        "schemes": [
            {
                "scheme": s.id,
                "name": s.name,
                "types": [
                    {"type": c.type, "notation": c.notation, "label": c.label} for c in s.columns
                ],
            }
            for s in matrix.schemes
        ],
        "agreements": [
            {
                "agreement": a.iri,
                "label": a.label,
                "cells": [
                    {
                        "scheme": c.scheme,
                        "type": c.type,
                        "status": matrix.cell(a, c).status,
                        "codings": [_coding_fields(k) for k in matrix.cell(a, c).codings],
                    }
                    for c in matrix.columns
                ],
            }
            for a in matrix.agreements
        ],
        "conflicts": [
            {"agreement": a.iri, "type": c.type, "codings": [k.claim for k in cell.codings]}
            for a, c, cell in matrix.conflicts()
        ],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


PLOT_FORMATS = {".svg": "svg", ".png": "png"}
COLOURS = {YES: "#3a8d3f", NO: "#e4e4e4", NOT_CODED: "#ffffff", CONFLICT: "#f0a030"}
INK = {YES: "#ffffff", NO: "#555555", NOT_CODED: "#999999", CONFLICT: "#000000"}
CELL_W, ROW_H, GAP, HEADER, FOOTER, MIN_W = 1.0, 0.42, 0.25, 1.55, 0.95, 5.5  # inches


def plot_format(path: Path) -> str:
    """ "svg" or "png" from the file's suffix; checked before any work is done."""
    fmt = PLOT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise UserError(
            f"cannot tell the plot format from the suffix {path.suffix or '(none)'!r}",
            path,
            hint="end the file name in .svg or .png, e.g. --plot matrix.svg",
        )
    if not path.parent.is_dir():
        raise UserError(
            "the plot's directory does not exist", path, hint="create it, or write elsewhere"
        )
    return fmt


def plot(matrix: Matrix, path: Path) -> Path:
    """Draw the matrix to `path` (SVG or PNG by its suffix); the file appears whole or not at all.

    The same matrix gives the same bytes: fixed SVG id salt, no date, a fixed creator. SVG text
    stays text (not glyph outlines), so labels can be searched, and each coded cell links to its
    coding claim.
    """
    dump.atomic_write(path, render(matrix, plot_format(path)))
    return path


def render(matrix: Matrix, fmt: str) -> bytes:
    """The plot's bytes in `fmt` ("svg" or "png"), drawn on a Figure of its own (no pyplot).

    matplotlib is imported here, not at the top: every CLI command imports this module.
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rc = {"svg.hashsalt": "treatykg", "svg.fonttype": "none", "font.family": "DejaVu Sans"}
    with matplotlib.rc_context(rc):
        label_w = 0.35 + 0.075 * max((len(a.label) for a in matrix.agreements), default=10)
        width = max(MIN_W, label_w + CELL_W * len(matrix.columns) + GAP * len(matrix.schemes))
        height = HEADER + ROW_H * len(matrix.agreements) + FOOTER
        figure = Figure(figsize=(width, height))
        FigureCanvasAgg(figure)
        ax = figure.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)  # y grows downwards, in inches
        ax.set_axis_off()
        _header(ax, matrix, label_w)
        _rows(ax, matrix, label_w)
        _legend(ax, HEADER + ROW_H * len(matrix.agreements) + 0.3)
        buffer = io.BytesIO()
        metadata = {"Date": None, "Creator": "treatykg"} if fmt == "svg" else {"Software": None}
        figure.savefig(buffer, format=fmt, dpi=150, metadata=metadata)
    return buffer.getvalue()


def _write(ax: Axes, x: float, y: float, words: str, **style: object) -> None:
    """Text taken as it is: a `$` in a label must not start matplotlib's math mode."""
    ax.text(x, y, words, parse_math=False, **style)  # type: ignore[arg-type]


def _lefts(matrix: Matrix, label_w: float) -> dict[str, float]:
    """Each column's left edge: cells side by side, a gap between schemes."""
    lefts, x = {}, label_w
    for scheme in matrix.schemes:
        for column in scheme.columns:
            lefts[column.type] = x
            x += CELL_W
        x += GAP
    return lefts


def _header(ax: Axes, matrix: Matrix, label_w: float) -> None:
    import textwrap

    _write(ax, 0.2, 0.35, "Obligation types by agreement", fontsize=13, weight="bold")
    lefts = _lefts(matrix, label_w)
    for scheme in matrix.schemes:
        x, span = lefts[scheme.columns[0].type], CELL_W * len(scheme.columns)
        _write(ax, x + span / 2, 0.75, scheme.name.upper(), ha="center", weight="bold")
        ax.plot([x + 0.05, x + span - 0.05], [0.85, 0.85], color="#333333", lw=0.8)
        for column in scheme.columns:
            label = "\n".join(textwrap.wrap(column.label, 13, break_long_words=False))
            centre = lefts[column.type] + CELL_W / 2
            _write(ax, centre, 1.45, label, ha="center", va="bottom", fontsize=8.5)


def _rows(ax: Axes, matrix: Matrix, label_w: float) -> None:
    from matplotlib.patches import Rectangle

    lefts = _lefts(matrix, label_w)
    for row, agreement in enumerate(matrix.agreements):
        y = HEADER + ROW_H * row
        _write(ax, label_w - 0.12, y + ROW_H / 2, agreement.label, ha="right", va="center")
        for column in matrix.columns:
            cell, x = matrix.cell(agreement, column), lefts[column.type]
            box = Rectangle(
                (x, y), CELL_W, ROW_H, facecolor=COLOURS[cell.status], edgecolor="#bbbbbb", lw=0.6
            )
            if cell.codings:
                box.set_url(cell.codings[0].claim)
            ax.add_patch(box)
            mark = MARKS[cell.status]
            style = {"ha": "center", "va": "center", "fontsize": 12, "color": INK[cell.status]}
            _write(ax, x + CELL_W / 2, y + ROW_H / 2, mark, **style)


def _legend(ax: Axes, y: float) -> None:
    from matplotlib.patches import Rectangle

    x = 0.2
    for status in (YES, NO, NOT_CODED, CONFLICT):
        swatch = Rectangle((x, y - 0.1), 0.2, 0.2, facecolor=COLOURS[status], edgecolor="#bbbbbb")
        ax.add_patch(swatch)
        _write(ax, x + 0.28, y, status, va="center", fontsize=8.5)
        x += 1.1
    note = "In the SVG, each coded cell links to its coding claim."
    _write(ax, 0.2, y + 0.35, note, va="center", fontsize=8, color="#666666")
