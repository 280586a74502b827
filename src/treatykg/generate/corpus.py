"""Decide the whole corpus for (triples, seed): agreements one after another until the
predicted number of quads reaches the target. Nothing here touches the disk."""

from __future__ import annotations

import datetime as dt
import math
import random

from ..progress import OnProgress
from . import agreement as signed
from . import proportions as P
from . import reports
from .plan import (
    BATCH_QUADS,
    CODING_QUADS,
    PROVISION_FILE_QUADS,
    PROVISION_QUADS,
    SOURCE_QUADS,
    Corpus,
)
from .world import World, cast

FIRST_SIGNING = dt.date(2024, 1, 12)


def plan(
    triples: int,
    seed: int,
    vocabulary_quads: int,
    typology: list | None = None,
    on_progress: OnProgress | None = None,
) -> Corpus:
    """The corpus for (triples, seed); `typology` lists the obligation types to code.
    `on_progress(quads planned, triples)` is called after each agreement."""
    rng = random.Random(seed)
    corpus = Corpus(triples, seed, typology=list(typology or []))
    world = World(corpus, rng)
    total = vocabulary_quads + world.start()
    k = 0
    while triples - total > triples * 0.005:
        k += 1
        scale = min(1.0, (triples - total) / P.QUADS_PER_AGREEMENT)
        target = min(triples, total + P.QUADS_PER_AGREEMENT)
        total += _agreement(world, k, scale, target - total)
        if on_progress is not None:
            on_progress(min(total, triples), triples)
    corpus.quads = total
    return corpus


def _agreement(world: World, k: int, scale: float, budget: int) -> int:
    """Add agreement `k` (its provisions, signed text, reports and batch) within `budget`
    quads, or a little over; return the quads added."""
    rng = world.rng
    when = FIRST_SIGNING + dt.timedelta(days=7 * (k - 1) + rng.randint(0, 6))
    summit = f"synthetic-summit-{k}"
    world.corpus.summits.append((summit, f"Synthetic summit {k}"))
    people, quads = cast(world, k, when)
    quads += 2 + 3  # the summit (type, label) and the agreement (type, label, title)
    a = signed.make(rng, k, people.parties, summit, when, scale)
    world.corpus.agreements.append(a)
    quads += PROVISION_FILE_QUADS + PROVISION_QUADS * len(a.provisions)
    a.text = signed.signed_source(a, people.offices[0])
    a.text.claims = signed.signed_claims(rng, a, round(P.SIGNED_CLAIMS_PER_AGREEMENT * scale))
    quads += SOURCE_QUADS + sum(a.text.claim_quads(c) for c in a.text.claims)
    if world.corpus.typology:
        a.codings = signed.codings(a, world.corpus.typology, world.curators)
        quads += CODING_QUADS * len(a.codings.codings)
    a.batch = reports.new_batch(world, a)
    quads += BATCH_QUADS
    earlier: list[str] = []
    sources = max(1, math.ceil(P.REPORTING_SOURCES_PER_AGREEMENT * scale))
    for j in range(1, sources + 1):
        if quads >= budget:
            break
        source = reports.new_source(world, people, a, j)
        a.reports.append(source)
        quads += SOURCE_QUADS
        for _ in range(rng.choice(P.CLAIMS_PER_REPORTING_SOURCE)):
            claim = reports.claim(world, people, a, source)
            assessment = reports.assess(rng, a, source, claim)
            a.batch.assessments.append(assessment)
            quads += source.claim_quads(claim) + assessment.quads()
            quads += reports.relate(rng, a.batch, assessment.claim, earlier)
            earlier.append(assessment.claim)
            if quads >= budget:
                break
    if not a.batch.assessments:  # nothing to assess: no batch file, no batch graph
        a.batch = None
        quads -= BATCH_QUADS
    return quads
