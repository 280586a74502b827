"""`treatykg reconcile`: the rows, and the page a journalist can share."""

from __future__ import annotations

import csv
import io
import re

import pytest

import treatykg
from treatykg import reconcile

SEED = "https://w3id.org/treatykg/id/claim/seed-article-2024-06-13/"


@pytest.fixture(scope="module")
def main_graph():
    """The main graph alone, as `treatykg reconcile` builds it by default: its reported claims
    are what is checked against the US–Ukraine signed text (the companions have none)."""
    return treatykg.build(graphs=["main"])


def test_one_row_per_claim_with_quote_voice_status_provision(main_graph) -> None:
    items = reconcile.rows(main_graph)
    assert len(items) == 142
    training = next(i for i in items if i.claim == SEED + "training")
    assert training.quote == (
        "“the United States will be obliged for 10 years” … "
        "“to continue the training of the Ukrainian armed forces”"
    )
    assert training.said_by == (
        "unidentified publisher of the seed article (republishing outlet) → CNN (reporting outlet)"
        " → CNN's unnamed insiders (anonymous insider)"
    )
    assert training.status == "confirmed with a difference"
    assert training.provisions == "annex/impl_art_2/sec_b/para_1; art_2/para_5/item_3/item_1"
    assert training.difference == "reported firmer than signed"
    statuses = {i.status for i in items}
    assert statuses == {"confirmed", "confirmed with a difference", "not addressed", "signed text"}


def test_csv_has_every_field(main_graph) -> None:
    table = list(csv.DictReader(io.StringIO(reconcile.to_csv(reconcile.rows(main_graph)))))
    assert len(table) == 142
    row = next(r for r in table if r["claim"] == SEED + "executive-agreement")
    assert (row["status"], row["provisions"]) == ("not addressed", "art_9/para_1")


def test_html_is_one_self_contained_page(main_graph) -> None:
    page = reconcile.to_html(reconcile.rows(main_graph))
    assert page.startswith("<!doctype html>")
    # two tables, each with its header row: the 79 reported claims, then the 63 of the text
    assert page.count("<tr>") == 142 + 2
    reported, signed = page.split("What the signed text itself says (63 claims)")
    assert reported.count('class="s signed-text"') == 0
    assert signed.count('class="s signed-text"') == 63
    # no scripts, no external resources: readable offline and safe to share
    assert "<script" not in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "142 claims" in page


def test_the_whole_dataset_adds_the_companions_claims(dataset) -> None:
    """Over every graph, each companion claim has its row too: the agreement texts' own claims
    (NATO 2, G7 1, Budapest 2) as signed text, the reported ones as reported, never assessed."""
    items = reconcile.rows(dataset)
    assert len(items) == 181
    statuses = [i.status for i in items]
    assert statuses.count("signed text") == 63 + 5
    assert statuses.count("reported") == 34


def test_html_escapes_what_it_shows() -> None:
    row = reconcile.Row(
        claim="x",
        label="<b>A & B</b>",
        quote="“<script>”",
        said_by="a | b",
        status="confirmed",
        provisions="art_1",
        difference="",
        note="n",
        assessed_by="c",
        date="2026-11-29",
    )
    page = reconcile.to_html([row])
    assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in page
    assert "<script>" not in page
    assert "a<br>b" in page
