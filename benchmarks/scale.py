"""The scale benchmark: the same pipeline at 10k, 100k and 1M triples, against the baselines.

    .venv/bin/python benchmarks/scale.py --sizes 10k,100k,1M --runs 3 --json benchmarks/results.json

For each size it generates a synthetic corpus (`treatykg generate`), builds it once
(`treatykg build --store`; with --reuse, a corpus of that size and seed already built in
--work is used as it is), then measures each step several times, each run in a fresh
process (benchmarks/steps.py) so that peak memory is the step's own:
- load: pyoxigraph parsing the built N-Quads, against plain rdflib (baseline);
- validate: the project's fast SHACL path, against rdflib + pyshacl and, where Debian's
  libapache-jena-java is installed, Jena's `shacl validate` (baselines; Jena's time is its JVM
  process's wall clock, JVM start included; benchmarks/jena.py);
- queries: every catalogue query (median ms each) twice: on an in-memory store loaded from the
  built N-Quads (`query_median_ms`, `query_max_median_ms`: what `treatykg serve` workers and
  an in-process session answer from; the query target is judged on these, rows converted to
  rdflib terms as `catalogue.run` returns them; `query_engine_median_ms` is Oxigraph alone,
  rows as pyoxigraph terms) and on the
  persistent on-disk store (`query_disk_median_ms`, `query_disk_max_median_ms`); against
  rdflib's engine on a few of them, each cut off after --baseline-timeout seconds;
- add: one more source added incrementally to the built store.
It prints medians and ratios as a table and writes everything as JSON. Timings belong here,
never in the test suite; tests/test_benchmark_smoke.py runs this script on a tiny corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
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
    """One step in a fresh process; a baseline that outlives `timeout` is recorded as such,
    and its whole process group (a JVM it started, too) is killed."""
    with subprocess.Popen(
        [sys.executable, str(HERE / "steps.py"), step, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    ) as proc:
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return {"step": step, "seconds": None, "peak_mb": None, "timed_out_after_s": timeout}
    if proc.returncode != 0:
        raise SystemExit(f"step {step} failed:\n{stderr[-3000:]}")
    return json.loads(stdout.strip().splitlines()[-1])


def timed(cmd: list[str]) -> tuple[float, float]:
    """Seconds and peak MB of one command (its own: wait4 gives the child's resource use)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        if child.returncode not in (0, 1):  # 1: the corpus does not conform (faults injected)
            errors.seek(0)
            text = errors.read().decode(errors="replace")
            raise SystemExit(f"{' '.join(cmd)} failed:\n{text[-3000:]}")
    return seconds, round(usage.ru_maxrss / 1024, 1)


def built(corpus: Path, n: int, seed: int) -> bool:
    """Does `corpus` hold a clean corpus of `n` triples from `seed`, built with its store?"""
    meta = corpus / "corpus.json"
    if not (meta.is_file() and (corpus / "dist" / "treatykg.nq").is_file()):
        return False
    if not (corpus / "store").is_dir():
        return False
    made = json.loads(meta.read_text(encoding="utf-8"))
    return (made.get("triples"), made.get("seed"), made.get("faults")) == (n, seed, 0)


def prepare(n: int, work: Path, seed: int, reuse: bool = False) -> dict:
    """Generate and build one corpus (or reuse one already built); return paths and the
    one-off timings (None when reused)."""
    corpus = work / f"corpus-{n}"
    if reuse and built(corpus, n, seed):
        extra = extra_source(corpus)  # the same bytes as when it was built
        return {
            "corpus": corpus,
            "generate_s": None,
            "build_s": None,
            "build_peak_mb": None,
            "extra": extra,
        }
    shutil.rmtree(corpus, ignore_errors=True)
    treatykg = str(BIN / "treatykg")
    gen, _ = timed(
        [treatykg, "generate", "--triples", str(n), "--seed", str(seed), "--out", str(corpus)]
    )
    extra = extra_source(corpus)
    build, build_peak = timed(
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
    return {
        "corpus": corpus,
        "generate_s": gen,
        "build_s": build,
        "build_peak_mb": build_peak,
        "extra": extra,
    }


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
    console.print(f"[bold]{n:,} triples[/bold]: preparing the corpus…")
    prep = prepare(n, args.work, args.seed, args.reuse)
    if prep["generate_s"] is None:
        console.print(f"  reusing {prep['corpus']} (built before, seed {args.seed})")
    corpus: Path = prep["corpus"]
    nq, project, store = str(corpus / "dist" / "treatykg.nq"), str(corpus), corpus / "store"
    runs = {"load": [], "validate": [], "add": []}
    memory: list[dict] = []
    disk: list[dict] = []
    for i in range(args.runs):
        console.print(f"  run {i + 1}/{args.runs}")
        runs["load"].append(run_step("load-oxigraph", nq))
        runs["validate"].append(run_step("validate-fast", nq, project))
        memory.append(run_step("queries-oxigraph-memory", nq, project, "3"))
        disk.append(run_step("queries-oxigraph", str(store), project, "3"))
        copy = corpus / "store-copy"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(store, copy)
        runs["add"].append(run_step("add-source", str(copy), str(prep["extra"]), project))
        shutil.rmtree(copy)
    baseline_q = baselines(nq, project, args, runs) if args.baseline else None
    in_memory, on_disk = per_query(memory), per_query(disk)
    engine = per_query(memory, "engine_median_ms")
    return {
        "triples_target": n,
        "quads": runs["load"][0]["quads"],
        "reused": prep["generate_s"] is None,
        "generate_s": rounded(prep["generate_s"], 2),
        "build_s": rounded(prep["build_s"], 2),
        "build_peak_mb": prep["build_peak_mb"],
        "steps": {k: summarise(v) for k, v in runs.items() if v},
        "validate_with_load_s": round(
            statistics.median(r["with_load_s"] for r in runs["validate"]), 3
        ),
        "query_median_ms": in_memory,
        "query_max_median_ms": max(in_memory.values()),
        "query_engine_median_ms": engine,
        "query_engine_max_median_ms": max(engine.values()),
        "query_disk_median_ms": on_disk,
        "query_disk_max_median_ms": max(on_disk.values()),
        "baseline_query_ms": (baseline_q or {}).get("median_ms"),
        "violations": runs["validate"][0]["violations"],
    }


def baselines(nq: str, project: str, args: argparse.Namespace, runs: dict) -> dict:
    """Run the baselines into `runs` (rdflib load, pyshacl and Jena validation); return the
    rdflib query timings."""
    limit = args.baseline_step_timeout
    jena_work = str(args.work / "jena")
    Path(jena_work).mkdir(parents=True, exist_ok=True)
    for key in ("load_baseline", "validate_baseline", "validate_jena"):
        runs[key] = []
    for i in range(args.baseline_runs):
        console.print(f"  baseline run {i + 1}/{args.baseline_runs}")
        runs["load_baseline"].append(run_step("load-rdflib", nq, timeout=limit))
        runs["validate_baseline"].append(run_step("validate-pyshacl", nq, project, timeout=limit))
        runs["validate_jena"].append(
            run_step("validate-jena", nq, project, jena_work, timeout=limit)
        )
    return run_step(
        "queries-rdflib",
        nq,
        project,
        BASELINE_QUERIES,
        str(args.baseline_timeout),
        timeout=limit,
    )


def per_query(runs: list[dict], key: str = "median_ms") -> dict[str, float]:
    """Each query's median over the runs of one query step."""
    return {name: statistics.median(q[key][name] for q in runs) for name in runs[0][key]}


def rounded(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def summarise(runs: list[dict]) -> dict:
    """Median seconds and peak memory of one step's runs (None where a baseline timed out or
    is not installed), with what the first run found (Jena: its SHACL results)."""
    done = [r for r in runs if r["seconds"] is not None]
    summary = {
        "median_s": round(statistics.median(r["seconds"] for r in done), 3) if done else None,
        "peak_mb": max(r["peak_mb"] for r in done) if done else None,
        "runs": len(runs),
        "timed_out": sum("timed_out_after_s" in r for r in runs),
    }
    if "not_installed" in runs[0]:
        return {**summary, "not_installed": runs[0]["not_installed"]}
    if not done:
        return {**summary, "timed_out_after_s": runs[0]["timed_out_after_s"]}
    if "convert_s" in done[0]:
        summary["convert_median_s"] = round(statistics.median(r["convert_s"] for r in done), 3)
    found = ("conforms", "results", "violations", "warnings", "examples")
    return {**summary, **{k: done[0][k] for k in found if k in done[0]}}


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
        n = f"{r['quads']:,}"
        for row in rows(r):
            table.add_row(n, *row)
    Console().print(table)
    largest = results[-1]
    targets = Table(title=f"targets at {largest['quads']:,} quads (set for 1,000,000)")
    targets.add_column("target")
    targets.add_column("met")
    for name, met in largest["targets"].items():
        targets.add_row(name, "yes" if met else "NO")
    Console().print(targets)


def rows(r: dict) -> list[tuple[str, ...]]:
    """The table's rows for one size: step, treatykg, baseline, ratio, peak MB."""
    s = r["steps"]
    with_load, load = r["validate_with_load_s"], s["load"]
    out = [
        ("load (parse)", f"{load['median_s']:.2f} s", *versus(load, s.get("load_baseline"))),
        (
            "load + SHACL validation (baseline: pyshacl)",
            f"{with_load:.2f} s",
            *versus({"median_s": with_load, **s["validate"]}, s.get("validate_baseline")),
        ),
    ]
    if "validate_jena" in s:
        out.append(
            (
                "load + SHACL validation (baseline: Jena, JVM start included)",
                f"{with_load:.2f} s",
                *versus({"median_s": with_load, "peak_mb": ""}, s["validate_jena"]),
            )
        )
    out.append(("SHACL validation alone", f"{s['validate']['median_s']:.2f} s", "", "", ""))
    for where, key in (
        ("in memory", "query"),
        ("in memory, Oxigraph alone (no rdflib terms)", "query_engine"),
        ("on disk", "query_disk"),
    ):
        per = r[f"{key}_median_ms"]
        mine = f"{r[f'{key}_max_median_ms']:.0f} / {statistics.median(per.values()):.0f} ms"
        out.append((f"queries {where}: slowest / median", mine, "", "", ""))
    for name, ms in (r["baseline_query_ms"] or {}).items():
        mine = r["query_median_ms"][name]
        theirs = f"{ms:.0f} ms" if ms is not None else "timed out"
        out.append((f"query {name} (in memory)", f"{mine:.0f} ms", theirs, ratio(mine, ms), ""))
    add = s["add"]
    out.append(("add one source", f"{add['median_s']:.2f} s", "", "", str(add["peak_mb"])))
    once = "reused" if r["reused"] else f"{r['generate_s']:.1f} s / {r['build_s']:.1f} s"
    out.append(("generate / build (once)", once, "", "", str(r["build_peak_mb"] or "")))
    return out


def versus(mine: dict, base: dict | None) -> tuple[str, str, str]:
    """Baseline cell, ratio and (treatykg's) peak MB of a step against its baseline."""
    peak = str(mine["peak_mb"])
    if base is None:
        return "–", "–", peak
    theirs = base["median_s"]
    if theirs is not None:
        return f"{theirs:.2f} s ({base['peak_mb']} MB)", ratio(mine["median_s"], theirs), peak
    if "not_installed" in base:
        return f"not installed: {base['not_installed']}", "–", peak
    return f"> {base['timed_out_after_s']} s", "–", peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, default=1)
    parser.add_argument("--no-baseline", dest="baseline", action="store_false")
    parser.add_argument("--baseline-timeout", type=int, default=120, help="per baseline query")
    parser.add_argument("--baseline-step-timeout", type=int, default=900)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="use a corpus of that size and seed already built in --work (no generate/build)",
    )
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
