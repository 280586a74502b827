"""Corroboration and network figures, computed with networkx over the whole graph."""

from __future__ import annotations

from treatykg import analyze

SEED = "https://w3id.org/treatykg/id/claim/seed-article-2024-06-13/"


def seed_figures(dataset) -> dict[str, tuple[int, int, bool]]:
    return {
        str(c.claim).removeprefix(SEED): (c.chains, c.independent, c.anonymous_only)
        for c in analyze.corroboration(dataset)
        if str(c.claim).startswith(SEED)
    }


def test_corroboration_of_the_seed_claims(dataset) -> None:
    figures = seed_figures(dataset)
    assert len(figures) == 21
    # CNN's insiders and Blinken (via LIGA.net) share no voice: two independent lines
    assert figures["ten-year-term"] == (2, 2, False)
    # the seed's own claim, Sullivan's "no specific dollar figures" and CNN's "no specific
    # monetary pledge" are linked as the same claim: three chains, three voices
    assert figures["no-monetary-obligation"] == (3, 3, False)
    # the seed relays CNN's insiders; CNN's own report (same claim) is CNN again: one voice
    assert figures["training"] == (2, 1, False)
    # Blinken via LIGA.net and Blinken via United24: the same speaker, one line of evidence
    assert figures["air-defence"] == (2, 1, False)
    # two anonymous lines (the seed's sources, CNN's sources): independent but both anonymous
    assert figures["executive-agreement"] == (2, 2, True)
    assert figures["consultations-after-attack"] == (1, 1, True)


def test_shared_voice_makes_chains_dependent() -> None:
    a, b, c, d = "outlet", "cnn", "insiders", "blinken"
    assert analyze.voices([(a, False), (b, False), (c, True)]) == {b, c}
    assert analyze.voices([(a, False)]) == {a}
    assert analyze.voices([(a, False), (b, False)]) & analyze.voices([(d, False), (b, False)])


def test_claims_resting_on_a_single_anonymous_chain(dataset) -> None:
    assert sorted(
        str(c.claim).rsplit("/", 2)[-2:][1] for c in analyze.single_anonymous(dataset)
    ) == ["consultations-after-attack"]


def test_actor_commitment_network(dataset) -> None:
    net = analyze.network(dataset)
    # the companions add the Parties to the North Atlantic Treaty (a component of their own:
    # Articles 4 and 5 name no other actor) and 7 commitments, 3 of them with unknown bearers
    assert (net.actors, net.commitments, net.components) == (6, 126, 2)
    # commitments whose bearer is unknown have no edge and are not nodes of the network
    assert (net.edges, net.density) == (239, 0.0289)
    assert net.degree == [
        ("Ukraine", 118),
        ("United States", 108),
        ("United States Congress", 6),
        ("Biden administration", 3),
        ("signatory countries of the Joint Declaration of 2023", 2),
        ("the Parties to the North Atlantic Treaty", 2),
    ]
    # catalogue T5: the cataloguer relays the unnamed reports of 23 signing dates
    assert net.relays[0] == ("treatykg curators", "the unnamed reports of catalogue entry T5", 23)
    assert net.relays[1] == ("The White House", "Jake Sullivan", 13)
    assert ("CNN", "CNN's unnamed insiders", 5) in net.relays
