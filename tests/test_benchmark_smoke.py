"""The scale benchmark runs end to end on a tiny corpus: every step, the baselines, the table
and the JSON. Its timings are never asserted here — they belong to benchmarks/."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from treatykg import catalogue

ROOT = Path(__file__).resolve().parents[1]


def test_the_scale_benchmark_runs_on_a_tiny_corpus(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "scale.py"),
            *("--sizes", "6k", "--runs", "1", "--baseline-timeout", "30"),
            *("--work", str(tmp_path / "work"), "--json", str(out)),
        ],
        capture_output=True,
        text=True,
        env={"PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin", "COLUMNS": "200"},
    )
    assert done.returncode == 0, done.stderr[-3000:]
    (result,) = json.loads(out.read_text())["results"]
    assert abs(result["quads"] - 6000) <= 300  # the generator's ±5 %
    assert result["violations"] == 0  # a clean corpus
    assert set(result["steps"]) == {
        "load",
        "load_baseline",
        "validate",
        "validate_baseline",
        "add",
    }
    assert all(step["runs"] == 1 for step in result["steps"].values())
    local = {e.name for e in catalogue.catalogue(ROOT) if not e.name.startswith("federated-")}
    assert set(result["query_median_ms"]) == local
    assert set(result["baseline_query_ms"]) == {
        "claim-status",
        "commitments-by-area",
        "claim-attributions",
    }
    assert set(result["targets"]) == {
        "load ≤ 6 s",
        "every catalogue query p50 ≤ 200 ms",
        "full SHACL validation ≤ 15 s",
        "add one source ≤ 1 s",
        "peak memory ≤ 2 GB",
    }
    assert "scale benchmark" in done.stdout and "targets at" in done.stdout
