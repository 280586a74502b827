"""`treatykg load FILE --store DIR`: a store from a built N-Quads file holds exactly its quads
and answers as the built dataset does; a bad file is a located error that leaves the store
as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset

from test_user_errors import treatykg
from treatykg import catalogue, dump, store

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def nquads(dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("load") / "treatykg.nq"
    path.write_bytes(dump.serialize(dump.sorted_quads(dataset), "nquads"))
    return path


def test_a_loaded_store_holds_the_file_and_answers_as_the_dataset(
    nquads: Path, dataset: Dataset, tmp_path: Path
) -> None:
    run = treatykg("load", nquads, "--store", tmp_path / "db", cwd=ROOT)
    assert run.code == 0, run.output
    db = store.open_store(tmp_path / "db")
    quads = dump.sorted_quads(dataset)
    expected = {str(q) for q in quads}
    assert {str(q) for q in db} == expected
    graphs = {q.graph_name for q in quads}
    assert f"loaded {len(expected):,} quads in {len(graphs):,} named graphs" in run.stdout
    # every catalogue answer, row order and concatenations included, is the store's as well
    # as the in-memory dataset's (GROUP_CONCAT and ties in ORDER BY used to follow the store)
    for entry in catalogue.catalogue():
        if "SERVICE <https://w3id.org/treatykg/service/" not in entry.text:  # needs a remote
            ours = catalogue.run(dataset, entry.text, entry.name).rows
            assert catalogue.run(db, entry.text, entry.name).rows == ours, entry.name


def test_a_bad_line_is_located_and_the_store_is_kept(nquads: Path, tmp_path: Path) -> None:
    db = tmp_path / "db"
    store.write([], db)
    before = sorted(p.name for p in db.iterdir())
    lines = nquads.read_text(encoding="utf-8").splitlines(keepends=True)
    bad = tmp_path / "bad.nq"
    bad.write_text("".join(lines[:2]) + "<no-scheme> <p> <o> .\n" + "".join(lines[2:]))
    run = treatykg("load", bad, "--store", db, cwd=ROOT)
    assert run.code == 2
    assert f"{bad}:3: error: not valid nq: Parser error at line 3" in run.stderr
    assert "No scheme found in an absolute IRI" in run.stderr
    assert "Traceback" not in run.output
    assert sorted(p.name for p in db.iterdir()) == before
    assert len(store.open_store(db)) == 0


def test_a_folder_that_is_not_a_store_is_refused(nquads: Path, tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    run = treatykg("load", nquads, "--store", precious, cwd=ROOT)
    assert run.code == 2
    assert "not a treatykg store: refusing to replace it" in run.stderr
    assert [p.name for p in precious.iterdir()] == ["notes.txt"]


def test_a_file_of_another_format_is_refused(tmp_path: Path) -> None:
    turtle = tmp_path / "data.ttl"
    turtle.write_text("<https://w3id.org/treatykg/a> <https://w3id.org/treatykg/b> 1 .\n")
    run = treatykg("load", turtle, "--store", tmp_path / "db", cwd=ROOT)
    assert run.code == 2
    assert "cannot load .ttl into a store" in run.stderr
    assert not (tmp_path / "db").exists()


def test_analysis_and_reconciliation_read_a_store_in_place(
    nquads: Path, dataset: Dataset, tmp_path: Path
) -> None:
    """`analyze` and `reconcile` with `--store` work on the store itself (no rdflib copy) and
    say what they say of the built dataset."""
    from treatykg import analyze, reconcile

    store.load_file(nquads, tmp_path / "db")
    db = store.open_store(tmp_path / "db")
    assert analyze.corroboration(db) == analyze.corroboration(dataset)
    assert analyze.network(db) == analyze.network(dataset)
    assert reconcile.rows(db) == reconcile.rows(dataset)
    run = treatykg("reconcile", "-f", "csv", "--store", tmp_path / "db", cwd=ROOT)
    assert run.code == 0, run.output
    assert run.stdout == reconcile.to_csv(reconcile.rows(dataset))
