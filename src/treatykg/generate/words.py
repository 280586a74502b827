"""Synthetic wording: sentences that read like the real sources' and say they are synthetic.

Only the markers the generator adds ("passage 12", "(provision art_2/para_1)") make a
sentence unique; the words around them are drawn from small fixed lists, so the texts
compress and parse like real prose without meaning anything.
"""

from __future__ import annotations

import random

VERBS = (
    "shall continue",
    "intends to expand",
    "commit to support",
    "stands ready to provide",
    "plans to strengthen",
    "agrees to maintain",
    "may pursue",
)
OBJECTS = (
    "synthetic training programmes",
    "synthetic deliveries of equipment",
    "synthetic consultations",
    "synthetic co-production of munitions",
    "synthetic sharing of information",
    "synthetic support for air defence",
    "synthetic demining assistance",
    "synthetic funding arrangements",
)
NOUNS = ("synthetic matter", "synthetic clause", "synthetic schedule", "synthetic measure")
SPEAKERS = (
    "an outlet reported",
    "officials said",
    "people familiar with the matter said",
    "a spokesperson stated",
    "the transcript records",
)


def noun(rng: random.Random) -> str:
    return f"{rng.choice(NOUNS)} {rng.randint(1, 99)}"


def provision_sentence(rng: random.Random) -> str:
    return f"The Parties {rng.choice(VERBS)} {rng.choice(OBJECTS)} on {noun(rng)}"


def report_sentence(rng: random.Random, marker: str) -> str:
    """A reported statement, unique by its `marker` (e.g. "passage 12")."""
    return (
        f"In {marker}, {rng.choice(SPEAKERS)} that the synthetic parties "
        f"{rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    )
