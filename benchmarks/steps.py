"""One measured step of the scale benchmark, run in a fresh process so that its peak memory
is its own: `python benchmarks/steps.py STEP ARGS…` prints one JSON object
{"step", "seconds", "peak_mb", …} on stdout. `scale.py` drives it.

Each step times only the operation it names (not the interpreter's start or imports), except
validate-jena, which times the whole JVM process (see its docstring).
"""

from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def load_oxigraph(nquads: str) -> dict:
    """pyoxigraph parses the built N-Quads into an in-memory store (the project's path)."""
    start = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "quads": len(store)}


def load_rdflib(nquads: str) -> dict:
    """Plain rdflib parses the same file into its memory store (the baseline)."""
    from rdflib import Dataset

    start = time.perf_counter()
    ds = Dataset()
    ds.parse(nquads, format="nquads")
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "quads": len(ds)}


def queries_oxigraph(store_dir: str, project: str, runs: str) -> dict:
    """Every catalogue query, `runs` times each, on the persistent (on-disk) store."""
    from treatykg import store

    return _time_queries(store.open_store(Path(store_dir)), project, int(runs))


def queries_oxigraph_memory(nquads: str, project: str, runs: str) -> dict:
    """The same on an in-memory store loaded from the built N-Quads (the load is not timed):
    what `treatykg serve` workers and an in-process session answer from."""
    db = ox.Store()
    db.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    return _time_queries(db, project, int(runs))


def _time_queries(db: ox.Store, project: str, runs: int) -> dict:
    """Median ms of each local catalogue query over `runs` runs, two ways: `median_ms` is
    `catalogue.run`, the rows as rdflib terms (what the CLI and the library return);
    `engine_median_ms` is Oxigraph alone, every row's terms taken out as pyoxigraph's own
    (what a pyoxigraph user gets). The difference is the cost of rdflib's terms."""
    from treatykg import catalogue

    medians, engine = {}, {}
    start = time.perf_counter()
    for entry in catalogue.catalogue(project):
        if entry.name.startswith("federated-"):
            continue  # needs a live remote endpoint; measured by the load test, not here
        union = not catalogue.names_dataset(catalogue.check(entry.text, entry.name))
        times, raw = [], []
        for _ in range(runs):
            t = time.perf_counter()
            catalogue.run(db, entry.text, entry.name)
            times.append((time.perf_counter() - t) * 1000)
            t = time.perf_counter()
            _ = [tuple(row) for row in db.query(entry.text, use_default_graph_as_union=union)]
            raw.append((time.perf_counter() - t) * 1000)
        medians[entry.name] = round(statistics.median(times), 2)
        engine[entry.name] = round(statistics.median(raw), 2)
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "median_ms": medians, "engine_median_ms": engine}


def queries_rdflib(nquads: str, project: str, names: str, timeout: str) -> dict:
    """The same queries on plain rdflib (baseline); each stops counting after `timeout` s."""
    import signal

    from rdflib import Dataset

    from treatykg import catalogue

    ds = Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    medians: dict[str, float | None] = {}

    def expire(*_: object) -> None:
        raise TimeoutError

    signal.signal(signal.SIGALRM, expire)
    start = time.perf_counter()
    for name in names.split(","):
        _, text = catalogue.resolve(name, project)
        t = time.perf_counter()
        signal.alarm(int(timeout))
        try:
            list(ds.query(text))
            medians[name] = round((time.perf_counter() - t) * 1000, 2)
        except TimeoutError:
            medians[name] = None  # more than `timeout` seconds
        finally:
            signal.alarm(0)
    return {"seconds": time.perf_counter() - start, "median_ms": medians}


def validate_fast(nquads: str, project: str) -> dict:
    """The project's validation (SHACL compiled to SPARQL on Oxigraph) on the built data."""
    from treatykg import validate

    start = time.perf_counter()
    db = ox.Store()
    db.bulk_load(path=nquads, format=ox.RdfFormat.N_QUADS)
    loaded = time.perf_counter()
    report = validate.validate(db, root=project, engine="auto")
    return {
        "seconds": time.perf_counter() - loaded,
        "with_load_s": time.perf_counter() - start,
        "violations": report.count("violation"),
        "warnings": report.count("warning"),
        "fallbacks": list(report.fallbacks),
    }


def validate_pyshacl(nquads: str, project: str) -> dict:
    """Plain rdflib + pyshacl on the union graph: parse and validate (the baseline)."""
    from pyshacl import validate as shacl
    from rdflib import Dataset, Graph

    start = time.perf_counter()
    ds = Dataset()
    ds.parse(nquads, format="nquads")
    data = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        data.add((s, p, o))
    del ds
    shapes = Graph().parse(Path(project) / "ontology" / "shapes.ttl")
    conforms, _, _ = shacl(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
    )
    return {"seconds": time.perf_counter() - start, "conforms": bool(conforms)}


def validate_jena(nquads: str, project: str, work: str) -> dict:
    """Jena's `shacl validate` (baseline) on the union of the built graphs as N-Triples.

    `seconds` is the JVM process's wall clock (JVM start, parsing data and shapes,
    validating, writing the report); the conversion to N-Triples is `convert_s`, apart.
    `peak_mb` is the JVM's own peak (this process's children)."""
    import subprocess
    import tempfile

    import jena

    reason = jena.missing()
    if reason:
        return {"seconds": None, "peak_mb": None, "not_installed": reason}
    classpath = jena.classpath(Path(work))
    with tempfile.TemporaryDirectory(dir=work) as tmp:
        data, report = Path(tmp) / "union.nt", Path(tmp) / "report.ttl"
        start = time.perf_counter()
        jena.union_ntriples(nquads, data)
        converted = time.perf_counter()
        shapes = str(Path(project) / "ontology" / "shapes.ttl")
        cmd = ["java", "-cp", classpath, "shacl.shacl", "validate", "--shapes", shapes]
        with report.open("wb") as sink:
            done = subprocess.run(
                [*cmd, "--data", str(data)], stdout=sink, stderr=subprocess.PIPE, check=False
            )
        seconds = time.perf_counter() - converted
        if done.returncode != 0:
            raise SystemExit(f"jena failed:\n{done.stderr.decode()[-3000:]}")
        return {
            "seconds": seconds,
            "convert_s": converted - start,
            "peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
            **jena.read_report(report),
            "jvm_messages": done.stderr.decode().splitlines()[:5],
        }


def add_source(store_dir: str, claim_file: str, project: str) -> dict:
    """Add one source's claim file to the built store: compile, validate, reconcile, insert."""
    from treatykg import incremental

    start = time.perf_counter()
    result = incremental.add(Path(store_dir), Path(claim_file), project)
    return {
        "seconds": time.perf_counter() - start,
        "added_quads": result.quads,
        "inserted": result.inserted,
    }


STEPS = {
    f.__name__.replace("_", "-"): f
    for f in (
        load_oxigraph,
        load_rdflib,
        queries_oxigraph,
        queries_oxigraph_memory,
        queries_rdflib,
        validate_fast,
        validate_pyshacl,
        validate_jena,
        add_source,
    )
}

if __name__ == "__main__":
    step, *args = sys.argv[1:]
    result = STEPS[step](*args)
    result.update(step=step)
    result.setdefault("peak_mb", _peak_mb())  # validate-jena reports the JVM's own
    print(json.dumps(result))
