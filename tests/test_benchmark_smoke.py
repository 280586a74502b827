"""The scale benchmark runs end to end on a tiny corpus: every step, the baselines, the table
and the JSON. Its timings are never asserted here — they belong to benchmarks/.

Jena's SHACL validator is an optional baseline (Debian's libapache-jena-java, not installed
by CI): the test asserts its figures where the jar is installed and its "not installed"
marker where it is not, so it is honest on both machines."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from treatykg import catalogue

ROOT = Path(__file__).resolve().parents[1]
JENA = Path("/usr/share/java/jena-cmds.jar")


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
        "validate_jena",
        "add",
    }
    assert all(step["runs"] == 1 for step in result["steps"].values())
    jena = result["steps"]["validate_jena"]
    if JENA.is_file() and shutil.which("java"):
        assert (jena["conforms"], jena["violations"], jena["results"]) == (True, 0, 0)
        assert jena["median_s"] > 0 and jena["peak_mb"] > 0
        assert "validation (baseline: Jena" in done.stdout
    else:
        assert jena["median_s"] is None
        assert jena["not_installed"].startswith(("java not found", str(JENA)))
    assert result["reused"] is False and result["build_s"] > 0
    local = {e.name for e in catalogue.catalogue(ROOT) if not e.name.startswith("federated-")}
    assert set(result["query_median_ms"]) == local
    assert set(result["query_disk_median_ms"]) == local
    assert set(result["query_engine_median_ms"]) == local
    assert result["query_engine_max_median_ms"] == max(result["query_engine_median_ms"].values())
    assert result["query_max_median_ms"] == max(result["query_median_ms"].values())
    assert result["query_disk_max_median_ms"] == max(result["query_disk_median_ms"].values())
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
    assert "queries in memory" in done.stdout and "queries on disk" in done.stdout
    assert "Oxigraph alone (no rdflib terms)" in done.stdout


def test_without_java_the_jena_step_says_it_is_not_installed(tmp_path: Path) -> None:
    """The branch CI takes, checked on every machine: no java on PATH, no JVM started."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "steps.py"), "validate-jena"]
        + [str(tmp_path / "absent.nq"), str(ROOT), str(tmp_path)],
        capture_output=True,
        text=True,
        env={"PATH": str(tmp_path)},
        check=True,
    )
    assert json.loads(done.stdout) == {
        "seconds": None,
        "peak_mb": None,
        "not_installed": "java not found on PATH",
        "step": "validate-jena",
    }
