"""The proportions of the real graph that the generator reproduces, measured, not guessed.

Measured on the project's own main graph (8 claim files, 142 claims, 13,186 quads before the
typology codings were added) on 2026-11-29 with

    .venv/bin/python -c "from treatykg.generate.proportions import main; main()"

which builds the real main graph and prints the figures below from SPARQL over it (`measure`;
the actors it counts have since grown with the companion graphs' states).
Weights are counts, used as relative weights: e.g. 135 of the 142 claims have one
attestation and 7 have two. Where the real graph is too small to show a proportion (one
agreement), the choice is documented beside the constant.
"""

from __future__ import annotations

import json

# ------------------------------------------------------------------ one agreement's worth
# The real graph is one agreement: its signed text (153 provisions, 63 claims) and 7 reporting
# sources (79 claims). The generator makes as many such units as the requested size needs,
# scaling the last one down.
PROVISIONS_PER_AGREEMENT = 153
SIGNED_CLAIMS_PER_AGREEMENT = 63
REPORTING_SOURCES_PER_AGREEMENT = 7
REPORTED_CLAIMS_PER_AGREEMENT = 79
# quads a whole unit adds beyond the vocabulary (13,186 - 883 vocabulary): used only to size
# the last, partial unit; the generator counts every quad it makes exactly (plan.py)
QUADS_PER_AGREEMENT = 12_303
# claims per reporting source, one entry per real reporting source (sampled uniformly)
CLAIMS_PER_REPORTING_SOURCE = (9, 1, 21, 6, 19, 13, 10)
# provisions by depth in the tree (0: article, 1: paragraph, 2-4: items)
PROVISION_DEPTHS = {0: 15, 1: 43, 2: 34, 3: 47, 4: 14}

# ------------------------------------------------------------------ claims
# the signed text's claims have one attestation each (63); reported claims one (72) or two (7)
ATTESTATIONS_PER_REPORTED_CLAIM = {1: 72, 2: 7}
# anchors (quoted passages) per attestation: signed text 1 (50) or 2 (13); reported 1/2/3
ANCHORS_PER_SIGNED_ATTESTATION = {1: 50, 2: 13}
ANCHORS_PER_REPORTED_ATTESTATION = {1: 55, 2: 22, 3: 9}
COMMITMENTS_PER_SIGNED_CLAIM = {0: 8, 1: 51, 2: 4}
COMMITMENTS_PER_REPORTED_CLAIM = {0: 19, 1: 60}
# chains of reported attestations by role pattern, outermost first (the 76 primary-document
# attestations are the signed text's 63 and the fact sheet's 13, a government "report").
# Hops per attestation overall: 1: 87, 2: 51, 3: 11.
NEWS_CHAINS = {
    ("reporting-outlet",): 11,
    ("republishing-outlet", "reporting-outlet", "anonymous-insider"): 5,
    ("republishing-outlet", "translator", "named-official"): 5,
    ("reporting-outlet", "anonymous-insider"): 4,
    ("republishing-outlet", "anonymous-insider"): 3,
    ("republishing-outlet", "reporting-outlet"): 2,
    ("republishing-outlet", "unattributed-source"): 1,
    ("republishing-outlet", "named-official"): 6,  # of 41: the news sources' share
}
TRANSCRIPT_CHAINS = {
    ("republishing-outlet", "named-official"): 35,  # of 41: the transcripts' share
    ("republishing-outlet", "named-official", "named-official"): 1,
}
REPORT_CHAINS = {("primary-document",): 13}
SOURCE_KINDS = {"news-article": 4, "transcript": 2, "report": 1}

# ------------------------------------------------------------------ commitments
SIGNED_MODALITIES = {
    "intends": 19,
    "commits-to": 15,
    "may": 7,
    "shall": 5,
    "agrees-to": 5,
    "is-policy-of": 3,
    "stands-ready": 2,
    "plans": 2,
    "provides-for": 1,
}
REPORTED_MODALITIES = {
    "will": 26,
    "provides-for": 12,
    "explicitly-excluded": 7,
    "commits-to": 6,
    "obliged": 4,
    "plans": 2,
    "promises": 2,
    "intends": 1,
}
AREAS = {
    "military-assistance": 27,
    "defence-industrial-cooperation": 15,
    "consultation": 12,
    "funding": 11,
    "euro-atlantic-integration": 11,
    "training": 10,
    "intelligence-sharing": 9,
    "air-defence": 6,
    "drones": 6,
    "demining": 5,
    "aviation": 4,
    "defence-guarantee": 2,
    "collective-defence": 1,
}
COMMITMENTS = 119
# bearers / beneficiaries per commitment (0 = recorded as unknown)
BEARERS = {1: 75, 2: 38, 0: 6}
BENEFICIARIES = {1: 88, 2: 21, 0: 10}
# optional fields: commitments (of 119) that have each
OPTIONAL_FIELDS = {
    "partner": 8,
    "trigger": 10,
    "deadline": 4,
    "purpose": 14,
    "condition": 7,
    "duration": 8,
    "compared-with": 8,
}
SET_OUT_IN = (61, 63)  # signed-text claims whose commitment names its provision
# facts of the 27 claims without a commitment (quads in their assertion graphs)
AGREEMENT_FACTS = {
    "parties": 6,
    "signing": 9,
    "duration": 4,
    "annex": 3,
    "binds-successors": 2,
    "legal-form": 2,
    "ordinal": 2,
    "requires-ratification": 1,
    "entry-into-force": 1,
    "termination-notice": 1,
}

# ------------------------------------------------------------------ assessments and links
# every reported claim gets one later assessment (its initial one is 'reported'); the signed
# text's claims keep their initial 'signed-text' only
LATER_STATUSES = {"confirmed": 36, "confirmed-with-difference": 36, "not-addressed": 7}
EVIDENCE_PER_ASSESSMENT = {
    "confirmed": {1: 21, 2: 15},  # 51 passages for 36 assessments
    "confirmed-with-difference": {1: 16, 2: 18, 3: 2},  # 58 for 36
    "not-addressed": {0: 2, 1: 5},  # 5 for 7
}
DIFFERENCES_PER_ASSESSMENT = {1: 28, 2: 6, 3: 2}
DIFFERENCES = {
    "stronger-modality-reported": 18,
    "weaker-modality-reported": 14,
    "different-detail": 7,
    "different-location": 4,
    "narrower-scope": 3,
}
# claim-to-claim relations per reported claim (of 79)
RELATIONS = {"same-as": 18, "supports": 7, "disputes": 1}

# ------------------------------------------------------------------ actors
ACTORS_PER_AGREEMENT = 26
# actors with skos:exactMatch: 10 of the 26, i.e. of the 21 named ones (states, organisations,
# people; the anonymous and unidentified ones are never linked)
WIKIDATA_LINKED = (10, 21)
# synthetic Wikidata-style Q numbers start here: far beyond any item Wikidata has minted, so
# no synthetic actor is ever linked to a real one
SYNTHETIC_Q_BASE = 9_000_000_000


def measure(ds) -> dict:
    """The figures above, from a built dataset (by default: the real graph)."""
    from ..catalogue import run

    prefixes = (
        "PREFIX tkg: <https://w3id.org/treatykg/ontology#>\n"
        "PREFIX prov: <http://www.w3.org/ns/prov#>\n"
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        "PREFIX oa: <http://www.w3.org/ns/oa#>\n"
    )

    def rows(text: str) -> list[tuple]:
        result = run(ds, prefixes + text, "measure")
        return sorted(tuple(_short(row[v]) for v in row) for row in result.rows)

    histogram = (
        "SELECT ?k (COUNT(*) AS ?n) "
        "{{ {{ SELECT ?x (COUNT(?y) AS ?k) {{ {} }} GROUP BY ?x }} }} GROUP BY ?k"
    )
    return {
        "quads": len(ds),
        "claims": rows("SELECT (COUNT(*) AS ?n) { ?c a tkg:Claim }"),
        "attestations per claim": rows(histogram.format("?x tkg:attestedBy ?y")),
        "anchors per attestation": rows(histogram.format("?x a tkg:Attestation ; tkg:anchor ?y")),
        "anchors per attestation of an agreement text": rows(
            histogram.format(
                "?x a tkg:Attestation ; tkg:anchor ?y . "
                "?y oa:hasSource/a <https://schema.org/Legislation>"
            )
        ),
        "hops per attestation": rows(
            histogram.format("?x a tkg:Attestation ; prov:qualifiedAttribution ?y")
        ),
        "roles": rows("SELECT ?r (COUNT(*) AS ?n) { ?h prov:hadRole ?r } GROUP BY ?r"),
        "commitments": rows("SELECT (COUNT(*) AS ?n) { ?c a tkg:Commitment }"),
        "modalities": rows("SELECT ?m (COUNT(*) AS ?n) { ?c tkg:modality ?m } GROUP BY ?m"),
        "areas": rows("SELECT ?m (COUNT(*) AS ?n) { ?c tkg:area ?m } GROUP BY ?m"),
        "statuses": rows("SELECT ?s (COUNT(*) AS ?n) { ?a tkg:status ?s } GROUP BY ?s"),
        "assessments per claim": rows(histogram.format("?y tkg:assessedClaim ?x")),
        "evidence": rows("SELECT (COUNT(*) AS ?n) { ?a tkg:evidence ?e }"),
        "differences": rows("SELECT ?d (COUNT(*) AS ?n) { ?a tkg:difference ?d } GROUP BY ?d"),
        "provisions": rows("SELECT (COUNT(*) AS ?n) { ?p a tkg:Provision }"),
        "wikidata links": rows("SELECT (COUNT(*) AS ?n) { ?a skos:exactMatch ?w }"),
        "relations": rows(
            "SELECT ?p (COUNT(*) AS ?n) { ?a ?p ?b FILTER (?p IN (tkg:sameClaimAs, "
            "<http://purl.org/spar/cito/supports>, <http://purl.org/spar/cito/disputes>)) }"
            " GROUP BY ?p"
        ),
    }


def _short(term) -> str:
    return str(term).rsplit("/", 1)[-1].rsplit("#", 1)[-1] if term is not None else ""


def weights(table: dict) -> tuple[list, list[int]]:
    """A weight table as the two lists random.choices takes, in the table's order."""
    return list(table), list(table.values())


def main() -> None:
    from ..dataset import build

    figures = measure(build(graphs=["main"]))
    print(json.dumps(figures, indent=1, ensure_ascii=False, default=str))
