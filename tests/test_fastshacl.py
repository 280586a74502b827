"""The fast SHACL path (shapes compiled to SPARQL on pyoxigraph) against pyshacl, the reference.

Every comparison is of whole results: focus node, result path, value, source constraint
component, severity, source shape and message must all be equal, as sets.

pyshacl needs ~8 s per run of the real graph, so the shape fixtures are not validated one by
one (39 runs) but in batches: fixtures are grouped so that no two in a batch change a triple
about the same node, and each batch is first proved free of interaction: what it adds to the
real graph's results is exactly the union of what test_shapes.py expects from each of its
fixtures alone. Then one pyshacl run per batch covers every fixture's fault.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef, namespace

from test_shapes import EXPECTED, FIXTURES, copy_of, reporting_shapes
from treatykg import fastshacl, generate
from treatykg import validate as validation
from treatykg.dataset import build, new_dataset
from treatykg.errors import UserError
from treatykg.fastshacl.sparqltext import EXISTS_REASON, exists_blocks, rdflib_differs
from treatykg.namespaces import PROV, TKG

ROOT = Path(__file__).resolve().parents[1]
TEST = "https://w3id.org/treatykg/test/"
RDF, SH = namespace.RDF, namespace.SH
DECIMAL, INTEGER = URIRef(namespace.XSD.decimal), URIRef(namespace.XSD.integer)
WORD = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


@pytest.fixture(scope="session")
def shapes() -> Graph:
    return validation.load_shapes(ROOT)


@pytest.fixture(scope="session")
def real(dataset: Dataset, shapes: Graph) -> set:
    """pyshacl's results on the real graph."""
    return validation.results(dataset, shapes, "pyshacl")[0]


def fast(ds: Dataset | ox.Store, shapes: Graph) -> set:
    return validation.results(ds, shapes, "auto")[0]


def short(results: set) -> set[tuple[str, str, str, str]]:
    """test_shapes.py's key: (severity, focus, path, shape)."""
    return {(WORD[r.severity], str(r.focus), r.path, str(r.shape)) for r in results}


def test_project_shapes_compile(shapes: Graph) -> None:
    plan = fastshacl.compile_shapes(shapes)
    # a shape is left to pyshacl only for the documented reason, and that reason is true of it
    for fallback in plan.fallbacks:
        assert fallback.reason == EXISTS_REASON
        select = str(shapes.value(shapes.value(fallback.shape, SH.sparql), SH.select))
        assert any(rdflib_differs(b) for b in exists_blocks(select))
    compiled = {str(c.shape) for g in plan.groups for c in g.checks}
    left = {str(f.shape) for f in plan.fallbacks}
    left |= {str(p) for f in plan.fallbacks for p in shapes.objects(f.shape, SH.property)}
    assert reporting_shapes(shapes) <= compiled | left


def test_real_graph(dataset: Dataset, shapes: Graph, real: set) -> None:
    assert real, "the real graph has warnings: the comparison is not of two empty sets"
    assert fast(dataset, shapes) == real


def test_real_graph_reports(dataset: Dataset, shapes: Graph, real: set) -> None:
    """The CLI's view: the same problems, labelled and located the same, either engine."""
    auto = validation.validate(dataset, shapes=shapes, root=ROOT)
    assert auto.engine == "fast"
    assert auto.problems == validation.report(dataset, real, root=ROOT).problems


def apply(ds: Dataset, names: list[str]) -> Dataset:
    copy = copy_of(ds)
    for name in names:
        copy.update((FIXTURES / f"{name}.ru").read_text(encoding="utf-8"))
    return copy


def batches(ds: Dataset, shapes: Graph, real: set) -> list[list[str]]:
    """Fixtures grouped so that no two in a group touch the same node, then groups merged
    while the fast path shows no interaction (checked again, against pyshacl, by the test)."""
    touched = touched_nodes(ds)
    groups: list[list[str]] = []
    for name in sorted(touched, key=lambda n: (-len(touched[n]), n)):
        home = next((g for g in groups if not any(touched[name] & touched[m] for m in g)), None)
        if home is None:
            groups.append([name])
        else:
            home.append(name)
    plan = fastshacl.compile_shapes(shapes)
    left = {str(f.shape) for f in plan.fallbacks}
    merged: list[list[str]] = []
    for group in groups:
        home = next((m for m in merged if no_interaction(ds, m + group, plan, left, real)), None)
        if home is None:
            merged.append(list(group))
        else:
            home.extend(group)
    return merged


def touched_nodes(ds: Dataset) -> dict[str, set]:
    """Each fixture's changed subjects and objects (applied to one copy, then undone)."""
    copy = copy_of(ds)
    before = set(copy.quads((None, None, None, None)))
    touched = {}
    for name in sorted(EXPECTED):
        copy.update((FIXTURES / f"{name}.ru").read_text(encoding="utf-8"))
        after = set(copy.quads((None, None, None, None)))
        touched[name] = {t for s, _, o, _ in before ^ after for t in (s, o)}
        for quad in after - before:
            copy.remove(quad)
        for quad in before - after:
            copy.add(quad)
    return touched


def no_interaction(ds: Dataset, names: list[str], plan, left: set, real: set) -> bool:
    """What the compiled shapes alone add for `names` together is what they add one by one
    (a quick test: shapes left to pyshacl are ignored here, not in test_fixtures)."""
    store, back = fastshacl.load(apply(ds, names))
    found = fastshacl.evaluate.run(plan, store, False, back)[0]
    expected = {k for k in wanted(names) if k[3] not in left}
    return short(found) - short(real) == expected


def wanted(names: list[str]) -> set:
    return set().union(*(EXPECTED[n] for n in names))


def test_fixtures(dataset: Dataset, shapes: Graph, real: set) -> None:
    groups = batches(dataset, shapes, real)
    assert sorted(n for g in groups for n in g) == sorted(EXPECTED)
    for group in groups:
        copy = apply(dataset, group)
        mine = fast(copy, shapes)
        # no interaction: the batch adds exactly what its fixtures add one by one
        assert short(mine) - short(real) == wanted(group), group
        assert mine == validation.results(copy, shapes, "pyshacl")[0], group


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("corpus") / "c"
    generate.generate(6_000, 1, out, faults=1, root=ROOT)
    return out


def test_generated_corpus_with_faults(corpus: Path) -> None:
    ds = build(corpus)
    generate.apply_faults(ds, corpus)
    shapes = validation.load_shapes(corpus)
    reference = validation.results(ds, shapes, "pyshacl")[0]
    expected = {(r["focus"], r["shape"], r["component"]) for r in generate.expected_results(corpus)}
    assert {(str(r.focus), str(r.shape), str(r.component)) for r in reference} == expected
    assert fast(ds, shapes) == reference
    # the same data in a pyoxigraph store with its named graphs (the `--store` path)
    store = ox.Store()
    store.bulk_extend(
        ox.Quad(*(fastshacl.terms.to_ox(t) for t in (s, p, o, getattr(g, "identifier", g))))
        for s, p, o, g in ds.quads((None, None, None, None))
    )
    assert fast(store, shapes) == reference
    from_store = validation.validate(store, shapes=shapes, root=corpus)
    assert from_store.problems == validation.validate(ds, shapes=shapes, root=corpus).problems


# ---- small graphs for what the project's data never does


def hop_graph(*numbers: Literal) -> Dataset:
    """One attestation with a hop numbered `numbers` (a number that is not an xsd:integer)."""
    ds = new_dataset()
    g = ds.graph(URIRef(TEST + "graph"))
    hop, att = URIRef(TEST + "hop"), URIRef(TEST + "attestation")
    g.add((att, RDF.type, TKG.Attestation))
    g.add((att, PROV.qualifiedAttribution, hop))
    g.add((hop, RDF.type, PROV.Attribution))
    for n in numbers:
        g.add((hop, TKG.hop, n))
    return ds


def test_literal_kept_as_written(shapes: Graph) -> None:
    # Oxigraph stores "1.0"^^xsd:decimal as 1; the report must show the data's own "1.0"
    ds = hop_graph(Literal("1.0", datatype=DECIMAL))
    mine = fast(ds, shapes)
    assert mine == validation.results(ds, shapes, "pyshacl")[0]
    datatype = {r for r in mine if r.component == SH.DatatypeConstraintComponent}
    assert [str(r.value) for r in datatype] == ["1.0"]


def test_a_value_with_no_order_against_the_bound_is_out_of_range(shapes: Graph) -> None:
    # compare_literal raises TypeError for a time against the integer 1 (localchecks.UNORDERED):
    # pyshacl counts it outside sh:minInclusive, and so must the fast path
    ds = hop_graph(Literal("12:00:00", datatype=namespace.XSD.time))
    mine = fast(ds, shapes)
    assert mine == validation.results(ds, shapes, "pyshacl")[0]
    ranged = {
        (str(r.value), str(r.shape))
        for r in mine
        if r.component == SH.MinInclusiveConstraintComponent
    }
    assert ranged == {("12:00:00", "https://w3id.org/treatykg/shapes#Hop-number")}


def test_literals_the_store_merges_fall_back(shapes: Graph) -> None:
    # two rdflib terms, one Oxigraph term: counts would differ, so pyshacl validates all
    ds = hop_graph(Literal("1.0", datatype=DECIMAL), Literal("1.00", datatype=DECIMAL))
    mine, notes = validation.results(ds, shapes, "auto")
    merged = [n for n in notes if "one value in Oxigraph" in n]
    assert len(merged) == len(fastshacl.compile_shapes(shapes).groups)
    assert mine == validation.results(ds, shapes, "pyshacl")[0]
    maxcount = {str(r.shape) for r in mine if r.component == SH.MaxCountConstraintComponent}
    assert maxcount == {"https://w3id.org/treatykg/shapes#Hop-number"}


UNCOVERED = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix tkg: <https://w3id.org/treatykg/ontology#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<https://w3id.org/treatykg/test/shapes#Closed> a sh:NodeShape ;
    sh:targetClass prov:Attribution ;
    sh:closed true ; sh:ignoredProperties ( <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> ) ;
    sh:message "closed"@en .
<https://w3id.org/treatykg/test/shapes#Number> a sh:PropertyShape ;
    sh:targetClass prov:Attribution ;
    sh:path tkg:hop ; sh:datatype <http://www.w3.org/2001/XMLSchema#integer> ;
    sh:message "integer"@en .
"""


def test_uncovered_shape_falls_back_and_says_so(caplog: pytest.LogCaptureFixture) -> None:
    shapes = Graph().parse(data=UNCOVERED, format="turtle")
    ds = hop_graph(Literal("one"))
    report = validation.validate(ds, shapes=shapes, root=ROOT)
    assert report.fallbacks == (
        "<https://w3id.org/treatykg/test/shapes#Closed>: <https://w3id.org/treatykg/test/"
        "shapes#Closed> uses sh:closed, sh:ignoredProperties, which the fast path does not "
        "compile",
    )
    assert "validated by pyshacl, not the fast path" in caplog.text
    reference = validation.validate(ds, shapes=shapes, root=ROOT, engine="pyshacl")
    assert report.problems == reference.problems
    assert {(str(p.shape).rsplit("#")[1], p.path) for p in report.problems} == {
        ("Closed", "tkg:hop"),
        ("Number", "tkg:hop"),
    }
    with pytest.raises(UserError, match=re.escape("does not cover every shape: <https://w3id")):
        validation.validate(ds, shapes=shapes, root=ROOT, engine="fast")


def test_engine_choice(monkeypatch: pytest.MonkeyPatch, shapes: Graph) -> None:
    ds = hop_graph(Literal(1, datatype=INTEGER))
    monkeypatch.setenv(validation.ENGINE_VARIABLE, "pyshacl")
    assert validation.validate(ds, shapes=shapes, root=ROOT).engine == "pyshacl"
    monkeypatch.setenv(validation.ENGINE_VARIABLE, "quick")
    with pytest.raises(UserError, match="unknown SHACL engine 'quick'"):
        validation.validate(ds, shapes=shapes, root=ROOT)
