"""The analyst's workflow, end to end: add a source that is not in the catalogue, check it,
assess it against the signed text, and see it in the queries, the reconciliation and the
conflicts — with a later batch superseding an earlier assessment without deleting it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "workflow"
NEW = "https://w3id.org/treatykg/id/claim/example-ministry-statement/"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("workflow")
    for part in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copy(FIXTURES / "example-ministry-statement.txt", root / "graph" / "sources")
    shutil.copy(FIXTURES / "example-ministry.ttl", root / "graph" / "entities")
    shutil.copy(FIXTURES / "example-ministry-statement.yaml", root / "graph" / "claims")
    shutil.copy(FIXTURES / "example-check.yaml", root / "graph" / "assessments")
    return root


def treatykg(project: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "treatykg", *args, "--project", str(project)],
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr + result.stdout
    return result.stdout


def csv_rows(text: str) -> list[list[str]]:
    import csv
    import io

    return list(csv.reader(io.StringIO(text)))


def test_the_new_source_builds_and_conforms(project: Path, tmp_path: Path) -> None:
    out = treatykg(project, "build", "--out", str(tmp_path / "dist"))
    assert "True (0 violations" in out
    assert (tmp_path / "dist" / "treatykg.trig").is_file()


def test_new_claims_get_their_status_from_the_new_batch(project: Path) -> None:
    rows = csv_rows(treatykg(project, "query", "claim-status", "-f", "csv"))
    header, body = rows[0], rows[1:]
    mine = {r[header.index("claim")]: r for r in body if r[header.index("claim")].startswith(NEW)}
    assert {k: v[header.index("status")] for k, v in mine.items()} == {
        NEW + "ten-years": "confirmed",
        NEW + "eighteenth": "not addressed",
    }
    assert mine[NEW + "ten-years"][header.index("provisions")] == "art_9/para_1"


def test_a_later_batch_supersedes_and_history_keeps_both(project: Path) -> None:
    venue = "https://w3id.org/treatykg/id/claim/seed-article-2024-06-13/signing-venue"
    rows = csv_rows(treatykg(project, "query", "assessment-history", "-f", "csv"))
    history = [(r[1], r[2]) for r in rows[1:] if r[0] == venue]
    assert history == [
        ("reported", "2024-06-13"),
        ("confirmed", "2026-11-29"),
        ("confirmed with a difference", "2026-11-30"),
    ]
    status = csv_rows(treatykg(project, "query", "claim-status", "-f", "csv"))
    current = [r for r in status[1:] if r[-1] == venue]
    assert [r[1] for r in current] == ["confirmed with a difference"]


def test_the_conflict_rule_finds_the_new_count_without_being_told(project: Path) -> None:
    rows = csv_rows(treatykg(project, "query", "conflicts", "-f", "csv"))
    pairs = {frozenset((r[2], r[4])) for r in rows[1:]}
    assert len(rows) == 4
    assert pairs == {frozenset(p) for p in (("16", "17"), ("16", "18"), ("17", "18"))}


def test_reconcile_shows_the_new_claim(project: Path) -> None:
    items = json.loads(treatykg(project, "reconcile", "-f", "json"))
    mine = [i for i in items if i["claim"] == NEW + "ten-years"]
    assert mine == [
        {
            "claim": NEW + "ten-years",
            "label": "The agreement remains in force for ten years",
            "quote": "“the agreement will remain in force for ten years.”",
            "said_by": "a ministry (test fixture) (primary document)",
            "status": "confirmed",
            "provisions": "art_9/para_1",
            "difference": "",
            "note": "Article IX says ten years.",
            "assessed_by": "treatykg curators",
            "date": "2026-11-30",
        }
    ]
