"""The built dataset: its shape, its anchors, its determinism, and its three serialisations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import RDF

import treatykg
from treatykg import anchor, dump, paths
from treatykg import namespaces as ns
from treatykg.summary import summarise

OA = ns.OA
ROOT = Path(__file__).resolve().parents[1]
SEED_TEXT = ROOT / "graph" / "sources" / "seed-article-2024-06-13.txt"


def quads(ds: Dataset) -> set[tuple]:
    return {(s, p, o, g.identifier if isinstance(g, Graph) else g) for s, p, o, g in ds.quads()}


def test_summary_figures(dataset: Dataset) -> None:
    figures = summarise(dataset)
    # main: 8 claim files (the seed, the signed text, CNN, United24, Eurointegration, three
    # White House documents) and 2 documents known only through others (Blinken's speech,
    # LIGA.net); companions: 9 claim files (NATO 2, G7 2, UK–Ukraine 2, Budapest 2, T5 1).
    # Claims: 142 main + NATO 3, G7 3, UK–Ukraine 5, Budapest 5, T5 23; commitments: 119 main
    # + NATO 2, G7 1, UK–Ukraine 1, Budapest 3.
    assert (figures.sources, figures.claims, figures.commitments) == (19, 181, 126)
    assert figures.actors == 56
    # 4 graphs per claim; vocabulary; entity files (main and registers, and the companions'); one
    # source and one initial-assessment graph per claim file; provisions of 4 agreements; two
    # assessment batches; 5 coding batches; the VoID linksets
    entity_files = len(list((ROOT / "graph" / "entities").glob("*.ttl")))
    entity_files += len(list((ROOT / "graph" / "companions").glob("*/entities/*.ttl")))
    assert entity_files == 6 + 5
    assert figures.named_graphs == 181 * 4 + 1 + entity_files + 17 + 17 + 4 + 2 + 5 + 1
    assert figures.triples == len(quads(dataset))


def test_no_blank_nodes_and_everything_in_named_graphs(dataset: Dataset) -> None:
    for s, _p, o, g in dataset.quads():
        assert not isinstance(s, BNode) and not isinstance(o, BNode)
        assert str(g.identifier if isinstance(g, Graph) else g).startswith(ns.BASE)


def test_each_claim_is_a_nanopublication_with_four_graphs(dataset: Dataset) -> None:
    graphs = {q[3] for q in quads(dataset)}
    claims = set(dataset.subjects(RDF.type, ns.TKG.Claim))
    assert len(claims) == 181
    for claim in claims:
        head = dataset.value(None, ns.NP.hasAssertion, claim)
        assert claim in graphs  # the claim names its assertion graph
        assert dataset.value(head, ns.NP.hasProvenance) in graphs
        assert dataset.value(head, ns.NP.hasPublicationInfo) in graphs
        assert URIRef(f"{head}/head") in graphs


def test_every_quote_is_verbatim_at_its_position(dataset: Dataset) -> None:
    """Claims, provisions and evidence alike: each anchor's exact words are at its offsets."""
    anchors = list(dataset.subjects(RDF.type, OA.SpecificResource, unique=True))
    assert len(anchors) > 400
    texts = {}
    for node in anchors:
        source = dataset.value(node, OA.hasSource)
        if source not in texts:
            stored = dataset.value(source, ns.TKG.textFile)
            texts[source] = (ROOT / "graph" / str(stored)).read_text(encoding="utf-8")
        text = texts[source]
        quote = position = None
        for selector in dataset.objects(node, OA.hasSelector):
            if (selector, RDF.type, OA.TextQuoteSelector) in dataset:
                quote = selector
            else:
                position = selector
        exact = str(dataset.value(quote, OA.exact))
        start = int(dataset.value(position, OA.start))
        end = int(dataset.value(position, OA.end))
        assert text[start:end] == exact
        assert text[:start].endswith(str(dataset.value(quote, OA.prefix)))
        assert text[end:].startswith(str(dataset.value(quote, OA.suffix)))
        assert anchor.collapse(exact) in anchor.collapse(text)


# Lines of the seed article that state no checkable fact: headings, a by-line, the dateline.
NOT_FACTS = {
    "What is currently known about the Ukraine-US security agreement?",
    "Blinken disclosed the details of US-Ukraine security agreement",
}


def test_every_factual_line_of_the_seed_is_anchored(dataset: Dataset) -> None:
    """'Miss none': each line that states something is covered by at least one claim."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    spans = [
        (int(dataset.value(p, OA.start)), int(dataset.value(p, OA.end)))
        for p in dataset.subjects(RDF.type, OA.TextPositionSelector)
    ]
    offset = 0
    uncovered = []
    for line in text.splitlines(keepends=True):
        start, end = offset, offset + len(line.rstrip())
        offset += len(line)
        if not line.strip() or line.strip() in NOT_FACTS:
            continue
        if not any(s < end and e > start for s, e in spans):
            uncovered.append(line.strip())
    assert uncovered == []


def test_anchor_finds_across_hard_wraps_and_reports_problems() -> None:
    text = "The Parties\n   will consult\ntogether whenever.\nThe Parties agree."
    found = anchor.find(text, "will consult together")
    assert (found.start, found.end, found.exact) == (15, 36, "will consult\ntogether")
    with pytest.raises(anchor.QuoteNotFound, match="matches up to 'will consult ' but differs"):
        anchor.find(text, "will consult often")
    with pytest.raises(anchor.QuoteAmbiguous, match="2 times"):
        anchor.find(text, "The Parties")


def test_round_trip_trig_nquads_jsonld_are_the_same_dataset(dataset: Dataset, tmp_path) -> None:
    written = dump.write_dist(dataset, tmp_path)
    expected = quads(dataset)
    for fmt, rdflib_format in (("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")):
        parsed = Dataset()
        parsed.parse(written[fmt], format=rdflib_format)
        assert quads(parsed) == expected, fmt


def _build_in_subprocess(out: Path, seed: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    subprocess.run(
        [sys.executable, "-m", "treatykg", "build", "--out", str(out), "--project", str(ROOT)],
        check=True,
        capture_output=True,
        env=env,
    )


def test_two_builds_in_different_processes_are_byte_identical(tmp_path) -> None:
    _build_in_subprocess(tmp_path / "a", "1")
    _build_in_subprocess(tmp_path / "b", "2")
    for name in ("treatykg.trig", "treatykg.nq", "treatykg.jsonld"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_installed_wheel_finds_its_data_without_the_repository(tmp_path) -> None:
    """The wheel carries ontology/, graph/ and queries/; built from the one copy in the repo."""
    import zipfile

    from hatchling.builders.wheel import WheelBuilder

    builder = WheelBuilder(str(ROOT))
    wheel = Path(next(builder.build(directory=str(tmp_path / "wheel"), versions=["standard"])))
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        assert "treatykg/_data/ontology/treatykg.ttl" in names
        assert "treatykg/_data/graph/claims/seed-article-2024-06-13.yaml" in names
        assert "treatykg/_data/queries/commitments.rq" in names
        archive.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import treatykg; ds = treatykg.build(); "
        "print(len(treatykg.query(ds, 'commitments')), treatykg.paths.find().root)"
    )
    env = {k: v for k, v in os.environ.items() if k != "TREATYKG_HOME"}
    env["PYTHONPATH"] = str(site)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    count, root = result.stdout.split()
    assert count == "186"
    assert Path(root) == site / "treatykg" / "_data"


def test_project_is_found_from_a_checkout() -> None:
    assert paths.find(ROOT).root == ROOT


def test_python_api_returns_dataset_and_rows(dataset: Dataset) -> None:
    assert isinstance(dataset, Dataset)
    rows = treatykg.query(dataset, "exclusions")
    assert [str(r["area"]) for r in rows][:2] == ["collective defence", "defence guarantee"]
    assert treatykg.query(dataset, str(ROOT / "queries" / "exclusions.rq")) == rows


def test_the_build_summary_shows_at_most_its_limit_and_where_the_rest_is(
    dataset: Dataset, monkeypatch
) -> None:
    from rich.console import Console

    from treatykg import catalogue, cli

    rows = catalogue.query(dataset, "claim-attributions")
    shown = []
    for subset in (rows, rows[:3]):
        recorder = Console(record=True, width=300)
        monkeypatch.setattr(cli, "out", recorder)
        cli._print_rows(subset, "claims", columns=["claimLabel"], limit=(5, "treatykg query Q"))
        shown.append(recorder.export_text())
    body = [line for line in shown[0].splitlines() if line.startswith("│")]  # head: ┃
    assert [line.strip("│ ") for line in body] == [str(r["claimLabel"]) for r in rows[:5]]
    assert f"claims ({len(rows)} rows, the first 5 shown)" in shown[0]
    assert shown[0].endswith(f"… {len(rows) - 5} more rows: treatykg query Q\n")
    assert "claims (3 rows)" in shown[1] and "more rows" not in shown[1]
