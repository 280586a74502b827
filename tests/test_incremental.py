"""Adding one source to a built store (`treatykg add`) gives the same store, the same
problems and the same reconciliation as rebuilding everything with that source."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from treatykg import dataset, dump, incremental, reconcile, store, validate
from treatykg.errors import UserError

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / "tests" / "fixtures" / "workflow"
LATE = ROOT / "tests" / "fixtures" / "incremental" / "example-ministry-late.yaml"
CLAIMS = WORKFLOW / "example-ministry-statement.yaml"
CLAIM = "https://w3id.org/treatykg/id/claim/example-ministry-statement/"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project plus the synthetic ministry's text and actor, but not its claims."""
    root = tmp_path_factory.mktemp("incremental")
    for part in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy(WORKFLOW / "example-ministry-statement.txt", root / "graph" / "sources")
    shutil.copy(WORKFLOW / "example-ministry.ttl", root / "graph" / "entities")
    return root


@pytest.fixture()
def built(project: Path, tmp_path: Path) -> Path:
    directory = tmp_path / "store"
    store.write(dump.sorted_quads(dataset.build(project)), directory)
    return directory


def with_claims(project: Path, claim_file: Path, tmp: Path) -> Path:
    full = tmp / "full"
    shutil.copytree(project, full)
    shutil.copy(claim_file, full / "graph" / "claims" / "example-ministry-statement.yaml")
    return full


def test_adding_a_source_equals_rebuilding_with_it(project: Path, built: Path, tmp_path: Path):
    """The analyst writes the claim file into graph/claims/, then adds it to the store."""
    after = with_claims(project, CLAIMS, tmp_path)
    added = incremental.add(built, after / "graph" / "claims" / CLAIMS.name, after)
    full = dataset.build(after)
    assert added.inserted and added.report.problems == ()
    assert {str(q) for q in store.open_store(built)} == {str(q) for q in dump.sorted_quads(full)}
    assert (added.quads, added.graphs) == (85, 10)
    expected = [r for r in reconcile.rows(full) if r.claim.startswith(CLAIM)]
    assert sorted(added.rows, key=str) == sorted(expected, key=str)
    assert sorted((r.label, r.status) for r in added.rows) == [
        ("The agreement is the 18th such agreement", "reported"),
        ("The agreement remains in force for ten years", "reported"),
    ]


def test_a_faulty_source_gets_the_full_validations_results_and_changes_nothing(
    project: Path, built: Path, tmp_path: Path
):
    before = {str(q) for q in store.open_store(built)}
    added = incremental.add(built, LATE, project)
    report = validate.validate(dataset.build(with_claims(project, LATE, tmp_path)))
    mine = {(p.severity, str(p.focus), p.path, str(p.shape)) for p in added.report.problems}
    full = {
        (p.severity, str(p.focus), p.path, str(p.shape))
        for p in report.problems
        if str(p.focus).startswith(CLAIM)
    }
    assert (
        mine
        == full
        == {
            (
                "violation",
                CLAIM + "ten-years/attestation/1",
                "",
                "https://w3id.org/treatykg/shapes#Attestation-notAfterSource",
            )
        }
    )
    assert not added.inserted
    assert {str(q) for q in store.open_store(built)} == before


def test_a_source_is_added_once(project: Path, built: Path) -> None:
    incremental.add(built, CLAIMS, project)
    with pytest.raises(UserError, match="already holds 10 of this file's graphs"):
        incremental.add(built, CLAIMS, project)


def test_the_cli_adds_and_reports(project: Path, built: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "treatykg",
            "add",
            str(CLAIMS),
            "--store",
            str(built),
            "--project",
            str(project),
        ],
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert f"added 85 quads in 10 named graphs to {built}" in done.stdout
    db = store.open_store(built)
    assert ox.NamedNode(CLAIM + "ten-years") in set(db.named_graphs())


def test_a_folder_that_is_not_a_store_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "precious").mkdir()
    (tmp_path / "precious" / "notes.txt").write_text("keep me")
    with pytest.raises(UserError, match="not a treatykg store: refusing to replace it"):
        store.write([], tmp_path / "precious")
    assert (tmp_path / "precious" / "notes.txt").read_text() == "keep me"
