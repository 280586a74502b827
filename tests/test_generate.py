"""The synthetic corpus generator: a real build accepts its corpus, a clean corpus conforms
without a single SHACL result, and with faults pyshacl reports exactly the manifest.

One tiny corpus (about 5,000 quads, one fault of each kind) is generated and built once for
the module; faults.ru is applied to a copy of its build, so the same corpus is both the clean
one and the faulty one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from pyshacl import validate as shacl_validate
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH
from typer.testing import CliRunner

from treatykg import namespaces as ns
from treatykg.cli import app
from treatykg.dataset import build, new_dataset
from treatykg.generate import apply_faults, expected_results, generate
from treatykg.generate.breaks import KINDS
from treatykg.generate.manifest import operations
from treatykg.validate import load_shapes, union, validate

ROOT = Path(__file__).resolve().parents[1]
SHAPE_FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"
SHAPE = "https://w3id.org/treatykg/shapes#"
TRIPLES, SEED = 5_000, 7
SEVERITY = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("generate") / "corpus"
    generate(TRIPLES, SEED, out, faults=1, root=ROOT)
    return out


@pytest.fixture(scope="module")
def built(corpus: Path) -> Dataset:
    return build(corpus)


@pytest.fixture(scope="module")
def faulty(corpus: Path, built: Dataset) -> Dataset:
    copy = new_dataset()
    for s, p, o, g in built.quads((None, None, None, None)):
        copy.add((s, p, o, g.identifier if isinstance(g, Graph) else g))
    apply_faults(copy, corpus)
    return copy


def quads(ds: Dataset) -> int:
    return sum(1 for _ in ds.quads((None, None, None, None)))


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def path_text(results: Graph, path) -> str | None:
    """sh:resultPath as the manifest writes it: SPARQL property path text, full IRIs."""
    if path is None:
        return None
    if isinstance(path, URIRef):
        return f"<{path}>"
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return f"^<{inverse}>"
    return "/".join(f"<{item}>" for item in results.items(path))


def pyshacl_results(ds: Dataset, corpus: Path) -> set[tuple]:
    """Every result pyshacl reports, with the options validate.validate uses."""
    _, results, _ = shacl_validate(
        union(ds),
        shacl_graph=load_shapes(corpus),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    report = results.value(predicate=RDF.type, object=SH.ValidationReport, any=False)
    return {
        (
            SEVERITY[results.value(r, SH.resultSeverity)],
            str(results.value(r, SH.focusNode)),
            path_text(results, results.value(r, SH.resultPath)),
            str(results.value(r, SH.sourceConstraintComponent)),
            str(results.value(r, SH.sourceShape)),
        )
        for r in results.objects(report, SH.result)
    }


def test_build_has_the_requested_size(corpus: Path, built: Dataset) -> None:
    n = quads(built)
    assert abs(n - TRIPLES) <= TRIPLES * 0.05
    described = json.loads((corpus / "corpus.json").read_text(encoding="utf-8"))
    # the generator counts the quads the build makes exactly (plan.py mirrors the compiler),
    # all but the build's own VoID description of its linksets, which describes the corpus
    linksets = len(built.graph(ns.GRAPH["linksets"]))
    assert linksets > 0
    assert described["predicted_quads"] == n - linksets
    assert described["claims"] == quads_of_type(built, ns.TKG.Claim)


def quads_of_type(ds: Dataset, cls: URIRef) -> int:
    return len(set(ds.subjects(RDF.type, cls)))


def test_clean_corpus_has_no_results_at_all(corpus: Path, built: Dataset) -> None:
    report = validate(built, root=corpus)
    assert report.conforms
    assert report.problems == ()


def test_faults_give_exactly_the_manifest(corpus: Path, faulty: Dataset) -> None:
    expected = {
        (r["severity"], r["focus"], r["path"], r["component"], r["shape"])
        for r in expected_results(corpus)
    }
    # faults.ru is applied one operation at a time (rdflib's parser recurses per operation)
    assert len(operations((corpus / "faults.ru").read_text(encoding="utf-8"))) >= len(KINDS)
    assert pyshacl_results(faulty, corpus) == expected
    # and validate.validate, which the CLI prints, reports the same problems
    report = validate(faulty, root=corpus)
    assert {(p.severity, str(p.focus), str(p.shape)) for p in report.problems} == {
        (severity, focus, shape) for severity, focus, _, _, shape in expected
    }
    assert not report.conforms


def reporting_shapes() -> set[str]:
    """Every named shape of shapes.ttl that can be the sh:sourceShape of a result: property
    shapes, and node shapes with a constraint of their own (not only targets and sh:property),
    except helpers used through sh:node, whose failures their parent reports."""
    shapes = load_shapes(ROOT)
    helpers = set(shapes.objects(None, SH.node))
    passive = {
        SH.property,
        SH.targetClass,
        SH.targetSubjectsOf,
        SH.targetObjectsOf,
        SH.severity,
        SH.message,
        SH.name,
        SH.description,
    }
    found = set()
    for kind in (SH.NodeShape, SH.PropertyShape):
        for shape in shapes.subjects(RDF.type, kind):
            own = {p for p in shapes.predicates(shape, None) if str(p).startswith(str(SH))}
            if shape in helpers or not str(shape).startswith(SHAPE):
                continue
            if kind == SH.PropertyShape or own - passive:
                found.add(str(shape))
    return found


def test_one_fault_of_every_kind_the_shapes_check(corpus: Path) -> None:
    manifest = json.loads((corpus / "faults.json").read_text(encoding="utf-8"))
    kinds = {k.name for k in KINDS}
    # every shape fixture's way of breaking the graph is a kind (one per shape, and a second
    # way to break Hop-agent); the codings' shapes have kinds of their own
    assert {p.stem for p in SHAPE_FIXTURES.glob("*.ru")} <= kinds
    assert manifest["faults_per_kind"] == dict.fromkeys(sorted(kinds), 1)
    # every shape that can report fires at least once, and only through its own kind
    assert {r["shape"] for r in manifest["results"]} == reporting_shapes()
    assert {SHAPE + name.split("--")[0] for name in kinds} == reporting_shapes()
    assert manifest["generator"] == {
        "triples": TRIPLES,
        "seed": SEED,
        "faults": 1,
        "predicted_quads": manifest["generator"]["predicted_quads"],
    }


def test_same_seed_same_bytes_other_seed_other_bytes(corpus: Path, tmp_path: Path) -> None:
    generate(TRIPLES, SEED, tmp_path / "again", faults=1, root=ROOT)
    generate(TRIPLES, SEED + 1, tmp_path / "other", faults=1, root=ROOT)
    assert digest(tmp_path / "again") == digest(corpus)
    assert digest(tmp_path / "other") != digest(corpus)


def test_everything_says_it_is_synthetic(built: Dataset) -> None:
    # the vocabulary, and the build's VoID description of the corpus, are not the corpus
    vocabulary = {ns.VOCABULARY_GRAPH, ns.GRAPH["linksets"]}
    labels = [
        (s, o)
        for s, p, o, g in built.quads((None, None, None, None))
        if p in (RDFS.label, DCTERMS.title) and getattr(g, "identifier", g) not in vocabulary
    ]
    assert len(labels) > 100
    assert [(s, o) for s, o in labels if "synthetic" not in str(o).lower()] == []
    minted = {
        str(node)
        for s, _, o, g in built.quads((None, None, None, None))
        if getattr(g, "identifier", g) not in vocabulary
        for node in (s, o)
        if str(node).startswith(str(ns.ID))
    }
    assert minted
    assert sorted(iri for iri in minted if "/synthetic-" not in iri) == []


def test_cli_writes_a_corpus_and_refuses_a_directory_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    result = CliRunner().invoke(
        app, ["generate", "--triples", "3000", "--seed", "3", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "graph" / "claims").is_dir() and (out / "ontology" / "shapes.ttl").is_file()
    assert json.loads((out / "faults.json").read_text(encoding="utf-8"))["results"] == []
    other = tmp_path / "mine"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["generate", "--triples", "3000", "--out", str(other)], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 2
    assert "the output directory exists and is not a generated corpus" in result.output
    assert sorted(p.name for p in other.iterdir()) == ["notes.txt"]
    result = CliRunner().invoke(app, ["generate", "--triples", "100", "--out", str(out)])
    assert result.exit_code == 2
    assert "--triples 100 is too small" in result.output
