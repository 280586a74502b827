"""Corroboration and network figures, computed with networkx over the seed graph."""

from __future__ import annotations

from treatykg import analyze


def test_corroboration_counts_independent_chains(dataset) -> None:
    figures = {
        c.label: (c.chains, c.independent, c.anonymous_only) for c in analyze.corroboration(dataset)
    }
    assert len(figures) == 21
    # CNN's insiders and Blinken (via LIGA.net) share no voice: two independent lines
    assert figures["The agreement runs for ten years"] == (2, 2, False)
    # CNN and the article's anonymous sources: two voices, though maybe the same people
    assert figures["The agreement will not require ratification"] == (2, 2, False)
    assert sum(1 for v in figures.values() if v[:2] == (1, 1)) == 19


def test_shared_voice_makes_chains_dependent() -> None:
    a, b, c, d = "outlet", "cnn", "insiders", "blinken"
    assert analyze.voices([(a, False), (b, False), (c, True)]) == {b, c}
    assert analyze.voices([(a, False)]) == {a}
    assert analyze.voices([(a, False), (b, False)]) & analyze.voices([(d, False), (b, False)])


def test_claims_resting_on_a_single_anonymous_chain(dataset) -> None:
    assert sorted(c.label for c in analyze.single_anonymous(dataset)) == [
        "The US promises consultations with Ukraine immediately after a new Russian attack",
        "The US will be obliged for 10 years to continue providing military aid",
        "The US will be obliged for 10 years to continue training Ukraine's armed forces",
        "The US will be obliged for 10 years to expand cooperation in producing weapons and military equipment",
        "The US will be obliged for 10 years to strengthen the exchange of intelligence",
        "The agreement is not binding on any future president",
        "The agreement will be an executive agreement",
    ]


def test_actor_commitment_network(dataset) -> None:
    net = analyze.network(dataset)
    # 15 commitments; 12 of them link the US (bearer) and Ukraine (beneficiary): 24 edges;
    # mutual defence links both (2), the annex links administration, Ukraine, Congress (3),
    # the consultation mechanism links its two bearers (2): 31 edges on 19 nodes.
    assert (net.actors, net.commitments, net.edges, net.components) == (4, 15, 31, 1)
    assert net.density == round(31 / (19 * 18 / 2), 4)
    assert net.degree == [
        ("Ukraine", 15),
        ("United States", 14),
        ("Biden administration", 1),
        ("United States Congress", 1),
    ]
    assert net.relays[:3] == [
        ("unidentified publisher of the seed article", "CNN", 7),
        ("CNN", "CNN's unnamed insiders", 5),
        ("LIGA.net", "Antony Blinken", 5),
    ]
    assert len(net.relays) == 7
