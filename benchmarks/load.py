"""Load test of `treatykg serve`: concurrent clients run the catalogue's queries for a while.

Every client takes the next query of the catalogue in turn (round robin over
`/catalogue.json`) and POSTs it to `/sparql`, asking for SPARQL JSON results; an answer counts
as an error unless it is HTTP 200 with a parseable SPARQL result. The run is bounded twice,
by time (`--seconds`) and by requests (`--max-requests`), and sends traffic to loopback only:
it starts its own server on 127.0.0.1 unless `--url` names one, and refuses any other host.

    .venv/bin/python benchmarks/load.py --clients 20 --seconds 60 --json load.json

Exit status: 0 when every request succeeded, 1 when any failed (or none was made), 2 when the
arguments are refused or the server does not start.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import math
import os
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx
from rich.console import Console
from rich.table import Table

from treatykg.serve import running

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK_NAMES = {"localhost", "localhost."}
ACCEPT = "application/sparql-results+json"
FIRST_ERRORS = 5
COMMENT = re.compile(r"(^|\s)#.*$", re.MULTILINE)  # a comment; not the '#' inside an IRI
SERVICE_CALL = re.compile(r"\bSERVICE\s+(SILENT\s+)?([<?$]|[A-Za-z][\w.-]*:)", re.IGNORECASE)


def loopback_url(url: str) -> str:
    """`url` without its trailing slash if it names this machine, else a ValueError.

    Why: a load test aimed at another host is an attack on it; only 127.0.0.0/8, ::1 and
    `localhost` are accepted, by their literal text (no name is resolved).
    """
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    host = parsed.hostname
    if host.lower() not in LOOPBACK_NAMES:
        try:
            loopback = ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise ValueError(
                f"refusing {url!r}: host {host!r} is not loopback (use 127.0.0.1, ::1 or localhost)"
            )
    return url.rstrip("/")


@dataclass
class Tally:
    """What the clients measured, shared between threads under one lock."""

    max_requests: int
    deadline: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    started: int = 0
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    first_errors: list[str] = field(default_factory=list)

    def next_index(self) -> int | None:
        """The round-robin index of the next request, or None once a bound is reached."""
        with self.lock:
            if self.started >= self.max_requests or time.monotonic() >= self.deadline:
                return None
            self.started += 1
            return self.started - 1

    def record(self, name: str, seconds: float, problem: str | None) -> None:
        with self.lock:
            self.latencies[name].append(seconds)
            if problem is not None:
                self.errors[name] += 1
                if len(self.first_errors) < FIRST_ERRORS:
                    self.first_errors.append(f"{name}: {problem}")


def problem_with(response: httpx.Response) -> str | None:
    """Why `response` is not a good SPARQL JSON answer, or None if it is one."""
    if response.status_code != 200:
        return f"HTTP {response.status_code}: {response.text[:200]!r}"
    try:
        payload = response.json()
    except ValueError as err:
        return f"not JSON: {err}"
    if "boolean" not in payload and "bindings" not in payload.get("results", {}):
        return "JSON without SPARQL results"
    return None


def client(base: str, queries: list[dict], tally: Tally, timeout: float) -> None:
    """One client: send the next query in turn until the run's time or request bound."""
    with httpx.Client(timeout=timeout, headers={"Accept": ACCEPT}) as http:
        while (index := tally.next_index()) is not None:
            entry = queries[index % len(queries)]
            began = time.perf_counter()
            try:
                problem = problem_with(http.post(f"{base}/sparql", data={"query": entry["query"]}))
            except httpx.HTTPError as err:
                problem = f"{type(err).__name__}: {err}"
            tally.record(entry["name"], time.perf_counter() - began, problem)


def percentile(values: list[float], pct: float) -> float:
    """The nearest-rank percentile (a value that was measured, never interpolated)."""
    ordered = sorted(values)
    rank = max(1, math.ceil(len(ordered) * pct / 100))
    return ordered[rank - 1]


def latency_ms(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    return {f"p{p}_ms": round(percentile(values, p) * 1000, 1) for p in (50, 95, 99)} | {
        "max_ms": round(max(values) * 1000, 1)
    }


def summary(tally: Tally, elapsed: float, args: argparse.Namespace, base: str) -> dict:
    """The run as plain data: overall figures, then per query (for `--json` and the tables)."""
    every = [s for values in tally.latencies.values() for s in values]
    per_query = {
        name: {"requests": len(values), "errors": tally.errors.get(name, 0)} | latency_ms(values)
        for name, values in sorted(tally.latencies.items())
    }
    return {
        "url": base,
        "clients": args.clients,
        "seconds_limit": args.seconds,
        "max_requests": args.max_requests,
        "elapsed_s": round(elapsed, 2),
        "requests": len(every),
        "errors": sum(tally.errors.values()),
        "first_errors": tally.first_errors,
        "throughput_rps": round(len(every) / elapsed, 1) if elapsed else 0.0,
        "latency": latency_ms(every),
        "per_query": per_query,
    }


def report(result: dict, console: Console) -> None:
    overall = Table(title=f"treatykg serve under load: {result['url']}")
    columns = ("clients", "seconds", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms")
    for column in columns:
        overall.add_column(column, justify="right")
    lat = result["latency"]
    overall.add_row(
        str(result["clients"]),
        f"{result['elapsed_s']:.1f}",
        str(result["requests"]),
        str(result["errors"]),
        f"{result['throughput_rps']:.1f}",
        *(f"{lat.get(k, 0):.1f}" for k in ("p50_ms", "p95_ms", "p99_ms")),
    )
    console.print(overall)
    per = Table(title="per catalogue query")
    for column in ("query", "requests", "errors", "p50 ms", "p95 ms", "max ms"):
        per.add_column(column, justify="left" if column == "query" else "right")
    for name, row in result["per_query"].items():
        cells = (f"{row.get(k, 0):.1f}" for k in ("p50_ms", "p95_ms", "max_ms"))
        per.add_row(name, str(row["requests"]), str(row["errors"]), *cells)
    console.print(per)
    if result["skipped_federated"]:
        names = ", ".join(result["skipped_federated"])
        console.print(f"skipped (federated, need --service): {names}", highlight=False)
    for message in result["first_errors"]:
        console.print(f"[red]error[/red] {message}", markup=True, highlight=False)


def federated(text: str) -> bool:
    """Whether a query calls SERVICE (outside its comments).

    Why: such a query needs a companion endpoint mapped with `--service` and allowed with
    `--allow-host`; the server refuses it by design without them, so it is not load.
    """
    code = COMMENT.sub("", text)
    return SERVICE_CALL.search(code) is not None


def run(base: str, args: argparse.Namespace) -> dict:
    """Fetch the catalogue, run the clients within the bounds, and summarise."""
    offered = httpx.get(f"{base}/catalogue.json", timeout=30).raise_for_status().json()
    queries = [entry for entry in offered if not federated(entry["query"])]
    if not queries:
        raise RuntimeError(f"{base}/catalogue.json lists no query to run")
    began = time.monotonic()
    tally = Tally(max_requests=args.max_requests, deadline=began + args.seconds)
    threads = [
        threading.Thread(target=client, args=(base, queries, tally, args.timeout), daemon=True)
        for _ in range(args.clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = summary(tally, time.monotonic() - began, args, base)
    result["skipped_federated"] = sorted(e["name"] for e in offered if federated(e["query"]))
    return result


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running server (loopback only); default: start one")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (20)")
    parser.add_argument("--seconds", type=float, default=60.0, help="run time bound (60)")
    parser.add_argument("--max-requests", type=int, default=100_000, help="request bound")
    parser.add_argument("--timeout", type=float, default=60.0, help="per-request timeout (s)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--project", type=Path, help="serve this project (default: this one)")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0 or args.max_requests < 1 or args.timeout <= 0:
        parser.error("--clients, --seconds, --max-requests and --timeout must be positive")
    if args.url and args.project:
        parser.error("--project is for the server this script starts; not with --url")
    if args.url:
        try:
            args.url = loopback_url(args.url)
        except ValueError as err:
            parser.error(str(err))
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    console = Console()
    with tempfile.TemporaryDirectory(prefix="treatykg-load-") as scratch:
        log = Path(scratch) / "server.log"
        try:
            if args.url:
                url = f"{args.url}/catalogue.json"
                running.wait_until(lambda: running.answers(url), None, args.url, 10)
                result = run(args.url, args)
            else:
                options = ("--project", str(args.project)) if args.project else ()
                with running.in_process(log, *options, cwd=ROOT) as base:
                    result = run(base, args)
        except (RuntimeError, httpx.HTTPError) as err:
            console.print(f"[red]load test not run:[/red] {err}", highlight=False)
            if log.exists():
                sys.stderr.write(log.read_text(errors="replace")[-4000:])
            return 2
    report(result, console)
    if args.json:
        text = json.dumps(result, indent=1, sort_keys=True) + "\n"
        args.json.parent.mkdir(parents=True, exist_ok=True)
        temporary = args.json.with_name(args.json.name + ".tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, args.json)
    return 0 if result["requests"] and not result["errors"] else 1


if __name__ == "__main__":
    sys.exit(main())
