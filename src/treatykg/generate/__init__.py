"""A synthetic corpus to measure the pipeline with: `treatykg generate` (docs/generate.md).

`generate(triples, seed, out, faults)` writes a treatykg project directory whose build has
about `triples` quads, in the project's own formats and ontology, with the proportions of the
real graph (proportions.py), deterministic for a seed, plus `faults.ru`/`faults.json`: the
injected faults and exactly the SHACL results they cause. Never written into graph/.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import SKOS

from .. import namespaces as ns
from .. import paths
from ..errors import UserError
from ..progress import OnProgress
from . import manifest, write
from .corpus import plan

MIN_TRIPLES = 3_000
FAULTS_HEADER = (
    "# Faults injected into a synthetic treatykg corpus (treatykg generate): apply this SPARQL\n"
    "# Update to the corpus's build (treatykg.generate.apply_faults). faults.json lists every\n"
    "# SHACL result it causes. Full IRIs only: any SPARQL 1.1 store can apply it, as one\n"
    "# request or operation by operation (they are separated by lines holding only ';').\n\n"
)


@dataclass(frozen=True)
class Summary:
    out: Path
    quads: int  # the quads the build will make (predicted from the plan, exactly)
    claims: int
    sources: int
    agreements: int
    faults: int
    results: int


def generate(
    triples: int,
    seed: int,
    out: Path,
    faults: int = 0,
    root: Path | str | None = None,
    on_progress: OnProgress | None = None,
) -> Summary:
    """Write the corpus for (triples, seed) to `out` (see the module docstring).
    `on_progress(done, total)` follows the planning, by quads planned out of `triples`."""
    if triples < MIN_TRIPLES:
        raise UserError(
            f"--triples {triples} is too small: the vocabulary alone has about 900",
            hint=f"ask for at least {MIN_TRIPLES} triples",
        )
    if faults < 0:
        raise UserError("--faults must be 0 or more", hint="e.g. --faults 1")
    project = paths.find(root)
    vocabulary = load_vocabulary(project)
    corpus = plan(triples, seed, len(vocabulary), typology(vocabulary), on_progress)
    texts = write.files(corpus)
    hashes = {
        s.id: hashlib.sha256(texts[f"sources/{s.id}.txt"].encode("utf-8")).hexdigest()
        for s in corpus.sources()
    }
    injected = manifest.inject(corpus, faults, hashes)
    params = {"triples": triples, "seed": seed, "faults": faults, "predicted_quads": corpus.quads}
    data = manifest.manifest(injected, params)
    extra = {
        "faults.ru": manifest.update_text(injected, FAULTS_HEADER),
        "faults.json": manifest.dump(data),
        "corpus.json": manifest.dump(_description(corpus, params)),
    }
    _write_atomically(out, project, texts, extra)
    return Summary(
        out,
        corpus.quads,
        sum(len(s.claims) for s in corpus.sources()),
        len(corpus.sources()),
        len(corpus.agreements),
        len(injected),
        len(data["results"]),
    )


def load_vocabulary(project: paths.Project) -> Graph:
    """The vocabulary graph, as dataset.build loads it (its size is part of the count)."""
    g = Graph()
    for path in sorted(project.ontology.glob("*.ttl")):
        if path.name != "shapes.ttl":
            g.parse(path, format="turtle")
    return g


def typology(vocabulary: Graph) -> list[tuple[str, frozenset[str]]]:
    """The obligation types of the typology schemes (scheme/atop, scheme/cow), each with the
    areas it maps to (skos:relatedMatch): what codings are coded against."""
    found = []
    for scheme in ("atop", "cow"):
        for concept in vocabulary.subjects(SKOS.inScheme, ns.SCHEME[scheme]):
            notation = vocabulary.value(concept, SKOS.notation)
            areas = frozenset(
                str(a).removeprefix(str(ns.SCHEME["area/"]))
                for a in vocabulary.objects(concept, SKOS.relatedMatch)
                if str(a).startswith(str(ns.SCHEME["area/"]))
            )
            if notation is not None:
                found.append((f"{scheme}/{notation}", areas))
    return sorted(found)


def _description(corpus, params: dict) -> dict:
    sources = corpus.sources()
    return {
        **params,
        "synthetic": "data to measure treatykg with, not knowledge: every label says so",
        "agreements": len(corpus.agreements),
        "provisions": sum(len(a.provisions) for a in corpus.agreements),
        "sources": len(sources),
        "claims": sum(len(s.claims) for s in sources),
        "actors": len(corpus.actors),
    }


def _write_atomically(out: Path, project: paths.Project, texts: dict, extra: dict) -> None:
    """Write everything into a temporary sibling of `out`, then move it into place: `out` is
    either the old corpus or the new one, never half of either."""
    if out.exists() and any(out.iterdir()) and not (out / "corpus.json").is_file():
        raise UserError(
            "the output directory exists and is not a generated corpus",
            out,
            hint="choose a new or empty directory (a previous corpus is replaced)",
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        shutil.copytree(project.ontology, tmp / "ontology", dirs_exist_ok=True)
        shutil.copytree(project.queries, tmp / "queries", dirs_exist_ok=True)
        for rel, text in texts.items():
            path = tmp / "graph" / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        for name, text in extra.items():
            (tmp / name).write_text(text, encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        tmp.rename(out)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def apply_faults(ds: Dataset, corpus: Path | str) -> None:
    """Inject the corpus's faults (faults.ru) into its built dataset, in place.

    One operation at a time: rdflib's SPARQL parser recurses once per operation of a request,
    and a request of a few hundred operations exceeds Python's recursion limit."""
    text = (Path(corpus) / "faults.ru").read_text(encoding="utf-8")
    for operation in manifest.operations(text):
        ds.update(operation)


def expected_results(corpus: Path) -> list[dict]:
    return json.loads((Path(corpus) / "faults.json").read_text(encoding="utf-8"))["results"]
