"""The scale benchmark: the same pipeline at 10k, 100k and 1M triples, against the baselines.

    .venv/bin/python benchmarks/scale.py --sizes 10k,100k,1M --runs 3 --json benchmarks/results.json

For each size it generates a synthetic corpus (`treatykg generate`), builds it once
(`treatykg build --store`), then measures each step several times, each run in a fresh
process (benchmarks/steps.py) so that peak memory is the step's own:
- load: pyoxigraph parsing the built N-Quads, against plain rdflib (baseline);
- validate: the project's fast SHACL path, against rdflib + pyshacl (baseline);
- queries: every catalogue query on the persistent store (median ms each), against rdflib's
  engine on a few of them, each cut off after --baseline-timeout seconds;
- add: one more source added incrementally to the built store.
It prints medians and ratios as a table and writes everything as JSON. Timings belong here,
never in the test suite; tests/test_benchmark_smoke.py runs this script on a tiny corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml
from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
BIN = Path(sys.executable).parent
BASELINE_QUERIES = "claim-status,commitments-by-area,claim-attributions"
console = Console(stderr=True)


def size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * factor)


def run_step(step: str, *args: str, timeout: float | None = None) -> dict:
    """One step in a fresh process; a baseline that outlives `timeout` is recorded as such."""
    try:
        done = subprocess.run(
            [sys.executable, str(HERE / "steps.py"), step, *args],
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"step": step, "seconds": None, "peak_mb": None, "timed_out_after_s": timeout}
    if done.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode not in (0, 1):  # 1: the corpus does not conform (faults injected)
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def prepare(n: int, work: Path, seed: int) -> dict:
    """Generate and build one corpus; return paths and the one-off timings."""
    corpus = work / f"corpus-{n}"
    shutil.rmtree(corpus, ignore_errors=True)
    treatykg = str(BIN / "treatykg")
    gen = timed(
        [treatykg, "generate", "--triples", str(n), "--seed", str(seed), "--out", str(corpus)]
    )
    extra = extra_source(corpus)
    build = timed(
        [
            treatykg,
            "build",
            "--project",
            str(corpus),
            "--out",
            str(corpus / "dist"),
            "--store",
            str(corpus / "store"),
        ]
    )
    return {"corpus": corpus, "generate_s": gen, "build_s": build, "extra": extra}


def extra_source(corpus: Path) -> Path:
    """One more source for the incremental step: a copy of a generated news source under a
    new id, with its own copy of the text, written where an analyst would write it."""
    claims = sorted((corpus / "graph" / "claims").glob("*.yaml"))
    original = next(p for p in claims if "agreement-text" not in p.read_text(encoding="utf-8"))
    data = yaml.safe_load(original.read_text(encoding="utf-8"))
    source = data["source"]
    text = corpus / "graph" / source["text"]
    source["id"] = f"{source['id']}-again"
    source["text"] = f"sources/{source['id']}.txt"
    shutil.copy(text, corpus / "graph" / source["text"])
    extra = corpus / "extra" / f"{source['id']}.yaml"
    extra.parent.mkdir(exist_ok=True)
    extra.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return extra


def measure(n: int, args: argparse.Namespace) -> dict:
    console.print(f"[bold]{n:,} triples[/bold]: generating and building…")
    prep = prepare(n, args.work, args.seed)
    corpus: Path = prep["corpus"]
    nq, project, store = str(corpus / "dist" / "treatykg.nq"), str(corpus), corpus / "store"
    runs = {"load": [], "load_baseline": [], "validate": [], "validate_baseline": [], "add": []}
    queries: list[dict] = []
    for i in range(args.runs):
        console.print(f"  run {i + 1}/{args.runs}")
        runs["load"].append(run_step("load-oxigraph", nq))
        runs["validate"].append(run_step("validate-fast", nq, project))
        queries.append(run_step("queries-oxigraph", str(store), project, "3"))
        copy = corpus / "store-copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(store, copy)
        runs["add"].append(run_step("add-source", str(copy), str(prep["extra"]), project))
        shutil.rmtree(copy)
    baseline_q = None
    if args.baseline:
        for i in range(args.baseline_runs):
            console.print(f"  baseline run {i + 1}/{args.baseline_runs}")
            limit = args.baseline_step_timeout
            runs["load_baseline"].append(run_step("load-rdflib", nq, timeout=limit))
            runs["validate_baseline"].append(
                run_step("validate-pyshacl", nq, project, timeout=limit)
            )
        baseline_q = run_step(
            "queries-rdflib",
            nq,
            project,
            BASELINE_QUERIES,
            str(args.baseline_timeout),
            timeout=args.baseline_step_timeout,
        )
    per_query = {
        name: statistics.median(q["median_ms"][name] for q in queries)
        for name in queries[0]["median_ms"]
    }
    return {
        "triples_target": n,
        "quads": runs["load"][0]["quads"],
        "generate_s": round(prep["generate_s"], 2),
        "build_s": round(prep["build_s"], 2),
        "steps": {k: summarise(v) for k, v in runs.items() if v},
        "validate_with_load_s": round(
            statistics.median(r["with_load_s"] for r in runs["validate"]), 3
        ),
        "query_median_ms": per_query,
        "query_max_median_ms": max(per_query.values()),
        "baseline_query_ms": (baseline_q or {}).get("median_ms"),
        "violations": runs["validate"][0]["violations"],
    }


def summarise(runs: list[dict]) -> dict:
    """Median seconds and peak memory of one step's runs (None where a baseline timed out)."""
    done = [r for r in runs if r["seconds"] is not None]
    return {
        "median_s": round(statistics.median(r["seconds"] for r in done), 3) if done else None,
        "peak_mb": max(r["peak_mb"] for r in done) if done else None,
        "runs": len(runs),
        "timed_out": len(runs) - len(done),
        **({"timed_out_after_s": runs[0]["timed_out_after_s"]} if not done else {}),
    }


TARGETS = {  # issue 6, at 1,000,000 triples on 2 cores
    "load ≤ 6 s": lambda r: r["steps"]["load"]["median_s"] <= 6,
    "every catalogue query p50 ≤ 200 ms": lambda r: r["query_max_median_ms"] <= 200,
    "full SHACL validation ≤ 15 s": lambda r: r["steps"]["validate"]["median_s"] <= 15,
    "add one source ≤ 1 s": lambda r: r["steps"]["add"]["median_s"] <= 1,
    "peak memory ≤ 2 GB": lambda r: (
        max(r["steps"][k]["peak_mb"] for k in ("load", "validate", "add")) <= 2048
    ),
}


def ratio(a: float | None, b: float | None) -> str:
    return f"{b / a:.1f}×" if a and b else "–"


def show(results: list[dict]) -> None:
    table = Table(title="scale benchmark (medians; ratio = baseline ÷ treatykg)")
    for col in ("triples", "step", "treatykg", "baseline", "ratio", "peak MB"):
        table.add_column(col)
    for r in results:
        s = r["steps"]
        n = f"{r['quads']:,}"
        rows = (
            ("load (parse)", s["load"]["median_s"], s.get("load_baseline"), s["load"]["peak_mb"]),
            (
                "load + SHACL validation",
                r["validate_with_load_s"],
                s.get("validate_baseline"),
                s["validate"]["peak_mb"],
            ),
            ("SHACL validation alone", s["validate"]["median_s"], None, ""),
        )
        for step, mine, base, peak in rows:
            theirs = base and base["median_s"]
            shown = f"{theirs:.2f} s" if theirs else "–"
            if base and theirs is None:
                shown = f"> {base['timed_out_after_s']} s"
            table.add_row(n, step, f"{mine:.2f} s", shown, ratio(mine, theirs), str(peak))
        table.add_row(n, "slowest query (median)", f"{r['query_max_median_ms']:.0f} ms", "", "", "")
        for name, ms in (r["baseline_query_ms"] or {}).items():
            mine = r["query_median_ms"].get(name)
            table.add_row(
                n,
                f"query {name}",
                f"{mine:.0f} ms",
                f"{ms:.0f} ms" if ms is not None else "timed out",
                ratio(mine, ms),
                "",
            )
        table.add_row(
            n, "add one source", f"{s['add']['median_s']:.2f} s", "", "", str(s["add"]["peak_mb"])
        )
        table.add_row(
            n,
            "generate / build (once)",
            f"{r['generate_s']:.1f} s / {r['build_s']:.1f} s",
            "",
            "",
            "",
        )
    Console().print(table)
    largest = results[-1]
    targets = Table(title=f"targets at {largest['quads']:,} quads (set for 1,000,000)")
    targets.add_column("target")
    targets.add_column("met")
    for name, met in largest["targets"].items():
        targets.add_row(name, "yes" if met else "NO")
    Console().print(targets)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, default=1)
    parser.add_argument("--no-baseline", dest="baseline", action="store_false")
    parser.add_argument("--baseline-timeout", type=int, default=120, help="per baseline query")
    parser.add_argument("--baseline-step-timeout", type=int, default=900)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=Path, default=PROJECT / "benchmarks" / "work")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = [measure(size(s), args) for s in args.sizes.split(",")]
    for r in results:
        r["targets"] = {name: bool(check(r)) for name, check in TARGETS.items()}
    show(results)
    if args.json:
        payload = {
            "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
            "results": results,
        }
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
