"""Long operations show progress bars on a terminal and nothing otherwise (issue 6): the bar
names its step and ends at its full count; piped, the CLI prints exactly what it printed."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset
from rich.console import Console
from typer.testing import CliRunner

from treatykg import console, dataset, dump, fastshacl, incremental, store
from treatykg.cli import app
from treatykg.generate import generate
from treatykg.validate import load_shapes

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def terminal() -> tuple[Console, io.StringIO]:
    screen = io.StringIO()
    return Console(file=screen, force_terminal=True, width=120), screen


def shown(screen: io.StringIO) -> str:
    return ANSI.sub("", screen.getvalue())


@pytest.fixture()
def tty(monkeypatch: pytest.MonkeyPatch) -> io.StringIO:
    """stderr as a terminal: progress() draws on this screen instead."""
    fake, screen = terminal()
    monkeypatch.setattr(console, "err", fake)
    return screen


def test_a_bar_on_a_terminal_names_its_step_and_ends_at_its_count():
    fake, screen = terminal()
    with console.progress("validating", fake) as tick:
        for done in range(1, 48):
            tick(done, 47)
    assert re.search(r"validating .*47/47", shown(screen))


def test_nothing_is_printed_when_stderr_is_not_a_terminal():
    screen = io.StringIO()
    with console.progress("validating", Console(file=screen, width=120)) as tick:
        tick(1, 2)
    assert screen.getvalue() == ""


def shape_groups() -> int:
    return len(fastshacl.compile_shapes(load_shapes(ROOT)).groups)


def test_validate_shows_a_bar_per_shape_only_on_a_terminal(monkeypatch: pytest.MonkeyPatch):
    piped = CliRunner().invoke(app, ["validate"])
    assert piped.exit_code == 0, piped.output
    assert piped.stderr == ""
    fake, screen = terminal()
    monkeypatch.setattr(console, "err", fake)
    on_terminal = CliRunner().invoke(app, ["validate"])
    n = shape_groups()
    assert n > 20
    assert re.search(rf"validating .*{n}/{n}", shown(screen))
    assert on_terminal.stdout == piped.stdout
    assert "conforms" in piped.stdout


def test_build_piped_prints_nothing_on_stderr(tmp_path: Path):
    result = CliRunner().invoke(app, ["build", "--out", str(tmp_path / "dist")])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "conforms" in result.stdout and "wrote " in result.stdout


def test_build_on_a_terminal_shows_each_step_at_its_full_count(
    tty: io.StringIO, tmp_path: Path, dataset: Dataset
):
    args = ["build", "--out", str(tmp_path / "dist"), "--store", str(tmp_path / "store")]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    folders = [ROOT / "graph", *sorted((ROOT / "graph" / "companions").iterdir())]
    kinds = ("provisions", "claims")
    files = sum(len(list((f / kind).glob("*.yaml"))) for f in folders for kind in kinds)
    graphs = len(list(dataset.store.contexts()))
    quads = dump.counts(dataset)[0]
    text = shown(tty)
    for step, total in (
        ("compiling", files + 3),
        ("validating", shape_groups()),
        ("sorting quads", graphs),
        ("writing dist/", 6),
        ("writing the store", quads),
    ):
        assert re.search(rf"{re.escape(step)} .*{total}/{total}", text), (step, total)
    assert result.stderr == ""


def test_generate_reports_the_quads_planned_up_to_its_target(tmp_path: Path):
    steps: list[tuple[int, int]] = []
    generate(5_000, 7, tmp_path / "corpus", root=ROOT, on_progress=lambda *s: steps.append(s))
    assert steps[-1] == (5_000, 5_000)
    assert {total for _, total in steps} == {5_000}
    done = [d for d, _ in steps]
    assert done == sorted(done) and done[0] < 5_000


def test_add_reports_its_five_phases(tmp_path: Path):
    project = tmp_path / "project"
    for part in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / part, project / part)
    workflow = FIXTURES / "workflow"
    shutil.copy(workflow / "example-ministry-statement.txt", project / "graph" / "sources")
    shutil.copy(workflow / "example-ministry.ttl", project / "graph" / "entities")
    built = tmp_path / "store"
    store.write(dump.sorted_quads(dataset.build(project)), built)
    claims = project / "graph" / "claims" / "example-ministry-statement.yaml"
    shutil.copy(workflow / claims.name, claims)
    steps: list[tuple[int, int]] = []
    added = incremental.add(built, claims, project, on_progress=lambda *s: steps.append(s))
    assert added.inserted
    assert steps == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]
