"""Choose the faults' targets and write `faults.ru` (the SPARQL Update that injects them) and
`faults.json` (the manifest: every SHACL result the faulty corpus must give, and counts)."""

from __future__ import annotations

import json
import random
from collections import Counter

from .breaks import KINDS, Kind
from .faults import Context, Fault, too_small
from .plan import Corpus
from .targets import ClaimRef, CodingRef, SourceRef, claims, codings, sources


def inject(corpus: Corpus, per_kind: int, hashes: dict[str, str]) -> list[Fault]:
    """`per_kind` faults of every kind, each on nodes no other fault touches."""
    if per_kind <= 0:
        return []
    rng = random.Random(f"treatykg-faults-{corpus.seed}")
    pool = claims(corpus.agreements)
    rng.shuffle(pool)
    targets = {
        "claim": pool,
        "source": sources(corpus.agreements, corpus.documents),
        "coding": codings(corpus.agreements),
    }
    rng.shuffle(targets["source"])
    rng.shuffle(targets["coding"])
    ctx = Context(corpus, rng, hashes, pool)
    found: list[Fault] = []
    for kind in KINDS:
        taken = 0
        for test in (kind.prefer, kind.ok) if kind.prefer else (kind.ok,):
            for r in targets[kind.target]:
                if taken == per_kind:
                    break
                if _free(ctx, kind, r) and test(r):
                    found.append(_take(ctx, kind, r))
                    taken += 1
        if taken < per_kind:
            raise too_small(kind.name, taken)
    return found


def _keys(kind: Kind, r: ClaimRef | SourceRef | CodingRef) -> list[str]:
    """The locks a fault of `kind` on `r` takes: the claim or source, and what it depends on."""
    keys = [r.key]
    if not isinstance(r, ClaimRef):
        return keys
    if kind.lock_source:
        keys.append(f"source:{r.source.id}")
    if kind.name == "Dates-startDate":
        keys.append(f"signing:{r.agreement.slug}")
    return keys


def _free(ctx: Context, kind: Kind, r: ClaimRef) -> bool:
    return not any(key in ctx.locks for key in _keys(kind, r))


def _take(ctx: Context, kind: Kind, r: ClaimRef) -> Fault:
    ctx.locks.update(_keys(kind, r))
    operations, results = kind.make(ctx, r)
    return Fault(kind.name, r.key, operations, results)


def update_text(faults: list[Fault], header: str) -> str:
    """One SPARQL Update request; its operations are separated by lines holding only ";" so
    that a client can also run them one by one (see operations())."""
    blocks = [f"# {f.kind}: {f.target}\n" + SEPARATOR.join(f.operations) for f in faults]
    return header + SEPARATOR.join(blocks) + ("\n" if blocks else "")


SEPARATOR = "\n;\n"


def operations(text: str) -> list[str]:
    """The operations of a faults.ru, each on its own (comments kept with the next one)."""
    chunks = (chunk.strip() for chunk in text.split(SEPARATOR))
    return [
        c
        for c in chunks
        if any(line.strip() and not line.lstrip().startswith("#") for line in c.splitlines())
    ]


def manifest(faults: list[Fault], params: dict) -> dict:
    results = sorted(
        {r for f in faults for r in f.results},
        key=lambda r: (r.kind, r.focus, r.shape, r.path or ""),
    )
    return {
        "generator": params,
        "about": (
            "Every SHACL result (ontology/shapes.ttl, pyshacl with advanced=True, on the union "
            "of all named graphs) of the corpus after faults.ru is applied to its build; a "
            "clean corpus (faults=0) has none, not even warnings. path: the sh:resultPath as "
            "SPARQL property path text with full IRIs (null where the shape has none); "
            "duplicates of one (focus, path, component, shape) are one result."
        ),
        "faults_per_kind": dict(sorted(Counter(f.kind for f in faults).items())),
        "results_per_shape": dict(
            sorted(Counter(r.shape.rsplit("#", 1)[1] for r in results).items())
        ),
        "faults": [{"kind": f.kind, "target": f.target, "results": len(f.results)} for f in faults],
        "results": [
            {
                "kind": r.kind,
                "severity": r.severity,
                "focus": r.focus,
                "path": r.path,
                "component": r.component,
                "shape": r.shape,
            }
            for r in results
        ],
    }


def dump(data: dict) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
