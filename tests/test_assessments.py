"""Assessment batches and provision files: mistakes are refused at their line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import treatykg
from treatykg import UserError

ROOT = Path(__file__).resolve().parents[1]
BATCH = "graph/assessments/signed-text-2026-11-29.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    for part in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def replace(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def test_evidence_must_quote_the_cited_provision(project: Path) -> None:
    # the words are in the text, but in Article IX, not in the conclusion cited
    line = replace(
        project / BATCH,
        "        quote: Done at Puglia, Italy, this 13th day of June, 2024",
        "        quote: This Agreement shall enter into force upon signature",
    )
    with pytest.raises(UserError) as caught:
        treatykg.build(project)
    assert caught.value.line == line
    assert "not in provision conclusion" in caught.value.message


def test_an_unknown_claim_is_refused(project: Path) -> None:
    line = replace(
        project / BATCH,
        "  - claim: seed-article-2024-06-13/signing-date",
        "  - claim: seed-article-2024-06-13/signing-dates",
    )
    with pytest.raises(UserError) as caught:
        treatykg.build(project)
    assert (caught.value.line, caught.value.message) == (
        line,
        "assessments.0.claim: unknown claim 'seed-article-2024-06-13/signing-dates'",
    )


def test_an_unknown_status_lists_the_valid_ones(project: Path) -> None:
    replace(
        project / BATCH,
        "    status: not-addressed\n    evidence:\n      - provision: art_9",
        "    status: unclear\n    evidence:\n      - provision: art_9",
    )
    with pytest.raises(UserError) as caught:
        treatykg.build(project)
    assert "unknown status 'unclear'" in caught.value.message
    assert "confirmed-with-difference" in caught.value.hint


def test_a_provision_outside_its_parent_is_refused(project: Path) -> None:
    path = project / "graph/provisions/us-ukraine-bsa-2024.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - eid: art_9/para_1")
    block_end = text.index("  - eid:", start + 5)
    bad = text[start:block_end].replace("art_9/para_1", "art_10/para_9")
    moved = text[:start] + text[block_end:].replace(
        "  - eid: art_11\n", bad + "  - eid: art_11\n", 1
    )
    path.write_text(moved, encoding="utf-8")
    line = moved[: moved.index("  - eid: art_10/para_9")].count("\n") + 1
    with pytest.raises(UserError) as caught:
        treatykg.build(project)
    assert "lies outside its parent 'art_10'" in caught.value.message
    assert caught.value.line == line  # where the misplaced entry now stands
