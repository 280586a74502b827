"""`treatykg link`: Wikidata-style RDF and schema.org JSON-LD mapped into treatykg's terms.

The fixtures in tests/fixtures/link/ are written in each vocabulary, awkward on purpose
(deprecated rank, missing dates, an unmappable qualifier, conflicting identifiers, a remote
@context). Each test checks exact triples, the exact report or the exact error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from typer.testing import CliRunner

from treatykg import link
from treatykg.cli import app
from treatykg.errors import UserError

sys.path.insert(0, str(Path(__file__).parent))
from test_federation import CONNECTIONS, oxigraph_server

FIXTURES = Path(__file__).parent / "fixtures" / "link"
WIKIDATA = FIXTURES / "wikidata-uk-ukraine.ttl"
SCHEMAORG = FIXTURES / "schemaorg-g7-declaration.jsonld"
BASE = "https://w3id.org/treatykg/"
SHORT = [
    (BASE + "id/import/", "I:"),
    (BASE + "id/claim/", "claim:"),
    (BASE + "id/source/", "source:"),
    (BASE + "id/actor/", "actor:"),
    (BASE + "id/place/", "place:"),
    (BASE + "ontology#", "tkg:"),
    (BASE + "scheme/", "scheme:"),
    ("https://schema.org/", "schema:"),
    ("http://www.w3.org/ns/prov#", "prov:"),
    ("http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"),
    ("http://www.w3.org/2000/01/rdf-schema#", "rdfs:"),
    ("http://www.w3.org/2004/02/skos/core#", "skos:"),
    ("http://wikiba.se/ontology#", "wikibase:"),
    ("http://www.wikidata.org/entity/statement/", "wds:"),
    ("http://www.wikidata.org/entity/", "wd:"),
    ("http://www.wikidata.org/prop/direct/", "wdt:"),
    ("http://purl.org/pav/", "pav:"),
]


def short(term: object) -> str:
    text = str(term)
    for space, prefix in SHORT:
        if text.startswith(space):
            return prefix + text[len(space) :]
    return text


def quad_set(ds: Dataset) -> set:
    return {(s, p, o, getattr(c, "identifier", c)) for s, p, o, c in ds.quads()}


def triples(ds: Dataset, graph: str) -> set[tuple[str, str, str]]:
    g = ds.graph(URIRef(BASE + graph))
    return {(short(s), short(p), short(o)) for s, p, o in g}


@pytest.fixture(scope="module")
def wikidata_import(dataset) -> link.Result:
    return link.link(str(WIKIDATA), dataset)


@pytest.fixture(scope="module")
def schemaorg_import(dataset) -> link.Result:
    return link.link(str(SCHEMAORG), dataset)


# ------------------------------------------------------------------ Wikidata-style RDF

WD_CLAIM = "id/claim/import-wikidata-uk-ukraine/"
Q1 = "I:wikidata-uk-ukraine/q1"
SIGNING = f"{Q1}/signing"


def test_wikidata_statements_become_claims(wikidata_import: link.Result) -> None:
    ds = wikidata_import.dataset
    assert [s.id for s in wikidata_import.imported.statements] == [
        "q1-ua",
        "q1-uk",
        "truthy-q1-p31-q131569",
    ]
    assert triples(ds, WD_CLAIM + "q1-uk") == {
        (Q1, "rdf:type", "tkg:Agreement"),
        (Q1, "tkg:party", "I:wikidata-uk-ukraine/q145"),
        (SIGNING, "rdf:type", "tkg:SigningEvent"),
        (SIGNING, "tkg:signedAgreement", Q1),
        (SIGNING, "schema:startDate", "2024-01-12"),
        (SIGNING, "schema:location", "I:wikidata-uk-ukraine/q2"),
    }
    # no point in time: the date is recorded as unknown, not guessed
    assert triples(ds, WD_CLAIM + "q1-ua") == {
        (Q1, "rdf:type", "tkg:Agreement"),
        (Q1, "tkg:party", "I:wikidata-uk-ukraine/q212"),
        (SIGNING, "rdf:type", "tkg:SigningEvent"),
        (SIGNING, "tkg:signedAgreement", Q1),
        (SIGNING, "tkg:unknownProperty", "schema:startDate"),
    }
    assert triples(ds, WD_CLAIM + "truthy-q1-p31-q131569") == {(Q1, "rdf:type", "tkg:Agreement")}


def test_wikidata_claims_keep_rank_and_references(wikidata_import: link.Result) -> None:
    ds = wikidata_import.dataset
    claim = "claim:import-wikidata-uk-ukraine/q1-uk"
    assert triples(ds, "id/np/import-wikidata-uk-ukraine/q1-uk/provenance") == {
        (claim, "rdf:type", "prov:Entity"),
        (claim, "rdfs:label", "UK–Ukraine Agreement on Security Co-operation – signatory: "
         "United Kingdom"),
        (claim, "prov:wasAttributedTo", "source:import-wikidata-uk-ukraine"),
        (claim, "prov:wasDerivedFrom", "source:import-wikidata-uk-ukraine"),
        (claim, "prov:wasDerivedFrom", "wds:Q1-uk"),
        (claim, "prov:wasDerivedFrom", f"{claim}/reference/1"),
        (claim, "wikibase:rank", "wikibase:PreferredRank"),
        (f"{claim}/reference/1", "rdf:type", "prov:Entity"),
        (f"{claim}/reference/1", "schema:url",
         "https://www.pravda.com.ua/eng/news/2024/01/12/7436957/"),
        (f"{claim}/reference/1", "pav:retrievedOn", "2026-11-29T00:00:00+00:00"),
    }  # fmt: skip
    ua = triples(ds, "id/np/import-wikidata-uk-ukraine/q1-ua/provenance")
    ua_claim = "claim:import-wikidata-uk-ukraine/q1-ua"
    assert (ua_claim, "wikibase:rank", "wikibase:NormalRank") in ua
    assert (ua_claim, "rdfs:comment", "no point in time (P585): signing date unknown") in ua
    assert (f"{ua_claim}/reference/1", "prov:hadPrimarySource",
            "https://w3id.org/treatykg/test/wikibase/entity/Q3") in ua  # fmt: skip
    truthy = triples(ds, "id/np/import-wikidata-uk-ukraine/truthy-q1-p31-q131569/provenance")
    assert not any(p == "wikibase:rank" for _, p, _ in truthy)


def test_wikidata_deprecated_and_unmapped_are_reported(wikidata_import: link.Result) -> None:
    imported = wikidata_import.imported
    assert imported.skipped == [
        ("Q1-ru: P1891 = Russia", "deprecated rank (reason: error in referenced source or sources)")
    ]
    assert [(short(u.predicate), u.count, short(u.example)) for u in imported.unmapped] == [
        ("rdf:type", 1, "https://w3id.org/treatykg/test/wikibase/entity/Q1"),
        ("wdt:P1476", 1, "https://w3id.org/treatykg/test/wikibase/entity/Q1"),
        ("http://www.wikidata.org/prop/qualifier/P1545", 1, "wds:Q1-ua"),
    ]
    parties = {
        short(o) for _, p, o, _ in wikidata_import.dataset.quads() if short(p) == "tkg:party"
    }
    assert parties == {"I:wikidata-uk-ukraine/q145", "I:wikidata-uk-ukraine/q212"}  # no Russia


def test_wikidata_source_and_entities(wikidata_import: link.Result) -> None:
    entities = triples(wikidata_import.dataset, "graph/import/wikidata-uk-ukraine")
    src = "source:import-wikidata-uk-ukraine"
    digest = __import__("hashlib").sha256(WIKIDATA.read_bytes()).hexdigest()
    assert {t for t in entities if t[0] == src} == {
        (src, "rdf:type", "tkg:SourceDocument"),
        (src, "rdf:type", "prov:Entity"),
        (src, "rdfs:label", f"Wikidata graph imported from the file {WIKIDATA}"),
        (src, "http://purl.org/dc/terms/identifier", str(WIKIDATA)),
        (src, "http://purl.org/dc/terms/format", "text/turtle"),
        (src, "tkg:textSHA256", digest),
        (src, "tkg:unknownProperty", "http://purl.org/dc/terms/issued"),
        (src, "tkg:unknownProperty", "pav:retrievedOn"),
    }
    assert ("I:wikidata-uk-ukraine/q145", "wdt:P297", "GB") in entities
    assert ("I:wikidata-uk-ukraine/q145", "skos:exactMatch", "wd:Q145") in entities
    assert ("I:wikidata-uk-ukraine/q1", "prov:alternateOf",
            "https://w3id.org/treatykg/test/wikibase/entity/Q1") in entities  # fmt: skip


# ------------------------------------------------------------------ schema.org JSON-LD

SO = "I:schemaorg-g7-declaration/"


def test_schemaorg_legislation_becomes_claims(schemaorg_import: link.Result) -> None:
    ds = schemaorg_import.dataset
    g7 = SO + "g7-joint-declaration-2023"
    assert triples(ds, "id/claim/import-schemaorg-g7-declaration/g7-joint-declaration-2023") == {
        (g7, "rdf:type", "tkg:Agreement"),
        (g7, "tkg:party", SO + "canada"),
        (g7, "tkg:party", SO + "japan"),
        (g7, "tkg:party", SO + "united-kingdom"),
        (f"{g7}/signing", "rdf:type", "tkg:SigningEvent"),
        (f"{g7}/signing", "tkg:signedAgreement", g7),
        (f"{g7}/signing", "schema:startDate", "2023-07-12"),
        (f"{g7}/signing", "schema:location", SO + "vilnius"),
    }
    uk = SO + "uk-ukraine-2024"
    assert triples(ds, "id/claim/import-schemaorg-g7-declaration/uk-ukraine-2024") == {
        (uk, "rdf:type", "tkg:Agreement"),
        (uk, "tkg:party", SO + "britain"),
        (uk, "tkg:party", SO + "ukraine"),
        (f"{uk}/signing", "rdf:type", "tkg:SigningEvent"),
        (f"{uk}/signing", "tkg:signedAgreement", uk),
        (f"{uk}/signing", "tkg:unknownProperty", "schema:startDate"),
    }
    prov = triples(ds, "id/np/import-schemaorg-g7-declaration/g7-joint-declaration-2023/provenance")
    ref = "claim:import-schemaorg-g7-declaration/g7-joint-declaration-2023/reference/1"
    assert (
        ref,
        "schema:url",
        "https://uatv.ua/en/joint-declaration-of-support-for-ukraine",
    ) in prov


def test_schemaorg_unmapped_are_reported(schemaorg_import: link.Result) -> None:
    unmapped = [
        (short(u.predicate), u.count, u.example) for u in schemaorg_import.imported.unmapped
    ]
    assert unmapped == [
        ("schema:inLanguage", 1, "https://w3id.org/treatykg/test/schemaorg/uk-ukraine-2024"),
        ("schema:legislationType", 1,
         "https://w3id.org/treatykg/test/schemaorg/g7-joint-declaration-2023"),
        ("schema:sourceOrganization", 1,
         "https://w3id.org/treatykg/test/schemaorg/g7-joint-declaration-2023"),
    ]  # fmt: skip
    assert schemaorg_import.imported.skipped == []


def test_schemaorg_legislation_type_maps_to_legal_form(dataset, tmp_path: Path) -> None:
    doc = {
        "@context": "https://schema.org/",
        "@id": "https://w3id.org/treatykg/test/schemaorg/north-atlantic-treaty",
        "@type": "Legislation",
        "name": "North Atlantic Treaty",
        "legislationType": "Treaty",
        "legislationDate": "1949-04-04",
    }
    path = tmp_path / "nato.jsonld"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = link.link(str(path), dataset)
    nat = "I:nato/north-atlantic-treaty"
    assert (nat, "tkg:legalForm", "scheme:legal-form/treaty") in triples(
        result.dataset, "id/claim/import-nato/north-atlantic-treaty"
    )
    assert result.imported.unmapped == []


@pytest.mark.parametrize(
    "context",
    [
        "https://w3id.org/treatykg/test/contexts/treaty.jsonld",
        ["https://schema.org", "https://w3id.org/treatykg/test/contexts/treaty.jsonld"],
        {"@import": "https://w3id.org/treatykg/test/contexts/treaty.jsonld"},
    ],
    ids=["string", "in-a-list", "import"],
)
def test_remote_context_is_refused_without_a_request(tmp_path: Path, context) -> None:
    doc = {"@context": context, "@type": "Legislation", "name": "North Atlantic Treaty"}
    path = tmp_path / "remote.jsonld"
    path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    CONNECTIONS.active = True
    try:
        with pytest.raises(UserError) as caught:
            link.read(str(path))
    finally:
        CONNECTIONS.active = False
    assert CONNECTIONS.seen == []
    assert caught.value.message == (
        "remote JSON-LD @context <https://w3id.org/treatykg/test/contexts/treaty.jsonld> is "
        "not fetched (reading a document never makes a request)"
    )
    assert caught.value.path == path


def test_remote_context_fixture_names_its_line() -> None:
    with pytest.raises(UserError) as caught:
        link.read(str(FIXTURES / "schemaorg-remote-context.jsonld"))
    assert caught.value.line == 2


# ------------------------------------------------------------------ conflicts, output, endpoint

CONFLICT_HINT = (
    "correct or remove the wrong link on that chain (a wrong sameAs or ISO code, or a label "
    "that two different things share)"
)


def test_conflicting_identifiers_are_an_error_with_the_chain(dataset) -> None:
    path = FIXTURES / "schemaorg-conflicting-identifiers.jsonld"
    with pytest.raises(UserError) as caught:
        link.link(str(path), dataset)
    graph = "https://w3id.org/treatykg/graph/import/schemaorg-conflicting-identifiers"
    node = "https://w3id.org/treatykg/id/import/schemaorg-conflicting-identifiers/united-kingdom"
    assert caught.value.message.splitlines() == [
        "identity alignment would merge two different Wikidata items, "
        "<http://www.wikidata.org/entity/Q145> and <http://www.wikidata.org/entity/Q212>, "
        "through this chain of links:",
        f"    <http://www.wikidata.org/entity/Q145> —skos:exactMatch (in <{graph}>)— <{node}>",
        f"    <{node}> —skos:exactMatch (in <{graph}>)— <http://www.wikidata.org/entity/Q212>",
    ]
    assert caught.value.hint == CONFLICT_HINT
    assert caught.value.path == str(path)


def test_output_is_byte_stable_trig(dataset, tmp_path: Path) -> None:
    first, second = tmp_path / "a.trig", tmp_path / "b.trig"
    link.write(link.link(str(WIKIDATA), dataset), first)
    link.write(link.link(str(WIKIDATA), dataset), second)
    assert first.read_bytes() == second.read_bytes()
    back = Dataset()
    back.parse(first, format="trig")
    made = link.link(str(WIKIDATA), dataset).dataset
    assert quad_set(back) == quad_set(made)
    assert not list(tmp_path.glob(".*.tmp"))


def test_endpoint_import_matches_the_file_import(dataset, tmp_path: Path, wikidata_import) -> None:
    with oxigraph_server(tmp_path, WIKIDATA, "ttl") as url:
        result = link.link(url, dataset, slug="wikidata-uk-ukraine", retrieved="2026-11-29")
    claims = [g for g in {c for *_, c in result.dataset.quads()} if "/id/" in str(g)]
    assert len(claims) == 12  # 3 claims × head, assertion, provenance, pubinfo
    for graph in claims:
        name = str(graph)[len(BASE) :]
        assert triples(result.dataset, name) == triples(wikidata_import.dataset, name), name
    src = triples(result.dataset, "graph/import/wikidata-uk-ukraine")
    source = "source:import-wikidata-uk-ukraine"
    assert (source, "schema:url", url) in src
    assert (source, "pav:retrievedOn", "2026-11-29") in src
    assert (source, "rdfs:label", f"Wikidata graph imported from the SPARQL endpoint {url}") in src


def test_unknown_vocabulary_is_an_error(dataset, tmp_path: Path) -> None:
    path = tmp_path / "other.ttl"
    path.write_text("<https://w3id.org/treatykg/test/a> <https://w3id.org/treatykg/test/p> 1 .\n")
    with pytest.raises(UserError) as caught:
        link.link(str(path), dataset)
    assert caught.value.message == (
        "neither Wikidata-style (wdt:, p:, ps:, pq:) nor schema.org terms found"
    )


def test_cli_link_writes_trig_and_reports(tmp_path: Path) -> None:
    out = tmp_path / "import.trig"
    run = CliRunner().invoke(app, ["link", str(WIKIDATA), "--out", str(out), "--format", "json"])
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout)
    assert [s["claim"] for s in report["statements"]] == ["q1-ua", "q1-uk", "truthy-q1-p31-q131569"]
    assert report["not_imported"] == [
        {
            "what": "Q1-ru: P1891 = Russia",
            "why": "deprecated rank (reason: error in referenced source or sources)",
        }
    ]
    assert [u["predicate"] for u in report["unmapped"]] == [
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
        "http://www.wikidata.org/prop/direct/P1476",
        "http://www.wikidata.org/prop/qualifier/P1545",
    ]
    Graph().parse(out, format="trig")


def test_cli_link_user_errors_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "import.trig"
    fixture = FIXTURES / "schemaorg-remote-context.jsonld"
    run = CliRunner().invoke(app, ["link", str(fixture), "--out", str(out)])
    assert run.exit_code == 2, run.output
    assert f"{fixture}:2: error: remote JSON-LD @context" in run.output
    assert "Traceback" not in run.output
    assert not out.exists()
    run = CliRunner().invoke(app, ["link", str(tmp_path / "missing.ttl")])
    assert run.exit_code == 2
    assert "missing.ttl: error: no such file" in run.output
