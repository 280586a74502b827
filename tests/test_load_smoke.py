"""benchmarks/load.py works: a tiny run (2 clients, 2 s) against its own `treatykg serve`.

No timing is asserted (the figures depend on the machine); the run must make requests, all
of them must succeed, the figures must add up, and the server it started must be gone after.
The loopback guard, the bounds, the percentiles and the federated-query check are tested on
their own, without sending anything anywhere.
"""

from __future__ import annotations

import importlib.util
import json
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks/load.py"


def load_module():
    """benchmarks/load.py as a module (benchmarks/ is a folder of scripts, not a package)."""
    name = "treatykg_load_benchmark"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, SCRIPT)
        assert spec is not None and spec.loader is not None
        sys.modules[name] = importlib.util.module_from_spec(spec)  # dataclasses look it up
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def test_tiny_load_run_has_requests_and_no_errors(tmp_path: Path) -> None:
    figures = tmp_path / "load.json"
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--clients", "2", "--seconds", "2", "--json", str(figures)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(figures.read_text())
    assert result["errors"] == 0 and result["first_errors"] == []
    assert result["requests"] > 0
    assert result["clients"] == 2
    assert sum(q["requests"] for q in result["per_query"].values()) == result["requests"]
    assert set(result["latency"]) == {"p50_ms", "p95_ms", "p99_ms", "max_ms"}
    assert "treatykg serve under load" in done.stdout
    assert isinstance(result["skipped_federated"], list)
    url = urlparse(result["url"])
    assert url.hostname == "127.0.0.1"
    with socket.socket() as probe:  # the server the script started was stopped
        assert probe.connect_ex(("127.0.0.1", url.port)) != 0


def test_the_run_stops_at_either_bound() -> None:
    load = load_module()
    by_count = load.Tally(max_requests=5, deadline=time.monotonic() + 3600)
    assert [by_count.next_index() for _ in range(7)] == [0, 1, 2, 3, 4, None, None]
    by_time = load.Tally(max_requests=100, deadline=time.monotonic() - 1)
    assert by_time.next_index() is None


def test_percentiles_are_measured_values() -> None:
    load = load_module()
    values = [float(v) for v in range(1, 101)]  # 1..100
    assert [load.percentile(values, p) for p in (50, 95, 99)] == [50.0, 95.0, 99.0]
    assert load.percentile([3.0, 1.0, 2.0], 50) == 2.0
    assert load.percentile([7.0], 99) == 7.0


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/", "http://127.8.9.10:1", "http://[::1]:8080", "http://localhost:9"],
)
def test_loopback_urls_are_accepted(url: str) -> None:
    assert load_module().loopback_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://10.0.0.1:8000/", "host '10.0.0.1' is not loopback"),
        ("http://localhost.w3id.org/", "host 'localhost.w3id.org' is not loopback"),
        ("https://w3id.org/treatykg/sparql", "host 'w3id.org' is not loopback"),
        ("ftp://127.0.0.1/", "not an http(s) URL"),
    ],
)
def test_other_hosts_are_refused(url: str, why: str) -> None:
    with pytest.raises(ValueError, match=re.escape(why)):
        load_module().loopback_url(url)


@pytest.mark.parametrize(
    ("text", "calls_service"),
    [
        ("SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", True),
        ("SELECT * { service silent ?endpoint { ?s ?p ?o } }", True),
        ("PREFIX t: <https://w3id.org/treatykg/ontology#> SELECT * { SERVICE t:x {} }", True),
        ("# runs SERVICE elsewhere\nSELECT * { ?s ?p ?o }", False),
        ('SELECT * { ?s ?p "SERVICE area" }', False),
        ("SELECT * { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?o }", False),
    ],
)
def test_federated_queries_are_recognised(text: str, calls_service: bool) -> None:
    assert load_module().federated(text) is calls_service
