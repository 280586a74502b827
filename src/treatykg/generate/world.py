"""The synthetic actors and the documents chains pass through, added agreement by agreement.

Every agreement brings its own state, offices, officials, outlets (each with its unnamed
insiders), a translator, a speech and its back-translation; reporting sources draw outlets
from everything made so far, so outlets report on several agreements, as real ones do.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from . import proportions as P
from .plan import Actor, Corpus, Document

OUTLETS_PER_AGREEMENT = 5
OFFICIALS_PER_AGREEMENT = 4
OFFICES_PER_AGREEMENT = 2


@dataclass
class World:
    corpus: Corpus
    rng: random.Random
    outlets: list[str] = field(default_factory=list)
    insiders: dict[str, str] = field(default_factory=dict)  # outlet -> its unnamed insiders
    counters: dict[str, int] = field(default_factory=dict)
    hub: str = ""
    curators: str = ""
    unattributed: str = ""

    def actor(
        self,
        kind: str,
        label: str,
        types: list[str],
        on_behalf_of: str | None = None,
        linked: bool = True,
    ) -> Actor:
        n = self.counters[kind] = self.counters.get(kind, 0) + 1
        wikidata = None
        if linked and self.rng.random() < P.WIKIDATA_LINKED[0] / P.WIKIDATA_LINKED[1]:
            wikidata = P.SYNTHETIC_Q_BASE + len(self.corpus.actors) + 1
        a = Actor(
            f"synthetic-{kind}-{n}", f"Synthetic {label} {n}", types, wikidata, on_behalf_of, kind
        )
        self.corpus.actors.append(a)
        return a

    def start(self) -> int:
        """The actors every corpus has; returns the quads they add."""
        self.hub = self.actor("state", "state", ["tkg:State"]).slug
        self.curators = self.actor("curators", "curators", ["prov:Organization"], linked=False).slug
        self.unattributed = self.actor(
            "unattributed", "unattributed source", ["tkg:AnonymousSource"], linked=False
        ).slug
        return sum(a.quads() for a in self.corpus.actors)


@dataclass
class Cast:
    """Who takes part in one agreement."""

    parties: list[str]
    offices: list[str]
    officials: list[str]
    translator: str
    speech: str
    back_translation: str


def cast(world: World, k: int, signed: dt.date) -> tuple[Cast, int]:
    """The actors and documents agreement `k` adds, and the quads they make."""
    before = len(world.corpus.actors)
    docs_before = len(world.corpus.documents)
    state = world.actor("state", "state", ["tkg:State"]).slug
    parties = [world.hub, state]
    offices = [
        world.actor(
            "office",
            "government office",
            ["prov:Organization", "schema:GovernmentOrganization"],
            parties[i % 2],
        ).slug
        for i in range(OFFICES_PER_AGREEMENT)
    ]
    officials = [
        world.actor("official", "official", ["prov:Person"], parties[i % 2]).slug
        for i in range(OFFICIALS_PER_AGREEMENT)
    ]
    for _ in range(OUTLETS_PER_AGREEMENT):
        outlet = world.actor("outlet", "news outlet", ["prov:Organization"]).slug
        world.outlets.append(outlet)
        world.insiders[outlet] = world.actor(
            "insiders", "unnamed insiders of an outlet", ["tkg:AnonymousSource"], linked=False
        ).slug
    translator = world.actor("translator", "translating outlet", ["prov:Organization"]).slug
    speech, back = _documents(world, k, signed, officials, translator)
    quads = sum(a.quads() for a in world.corpus.actors[before:])
    quads += sum(d.quads() for d in world.corpus.documents[docs_before:])
    return Cast(parties, offices, officials, translator, speech, back), quads


def _documents(
    world: World, k: int, signed: dt.date, officials: list[str], translator: str
) -> tuple[str, str]:
    """A speech and its back-translation (which translator chains pass through), and a second
    party's speech that no chain passes through (as the real graph's documents); returns the
    slugs of the first two."""
    speech = Document(
        f"synthetic-speech-{k}",
        f"Synthetic speech {k}",
        "speech",
        signed - dt.timedelta(days=30),
        officials[0],
    )
    back = Document(
        f"synthetic-back-translation-{k}",
        f"Synthetic back-translation {k}",
        "back-translation",
        None,
        translator,
        speech.slug,
    )
    other = Document(
        f"synthetic-speech-{k}-b",
        f"Synthetic speech {k}b",
        "speech",
        signed - dt.timedelta(days=20),
        officials[1],
    )
    world.corpus.documents.extend([speech, back, other])
    return speech.slug, back.slug
