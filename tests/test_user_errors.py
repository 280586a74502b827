"""Bad input gets a clear error and loses nothing.

Each test copies the project (ontology/, graph/, queries/) into a temporary directory, breaks
one thing there and runs the `treatykg` command on the copy. A user's mistake must give: exit
code 2, `PATH:LINE: error: MESSAGE` and `  how to fix: HINT` on stderr, no traceback, and no
(half-)written output. A graph that does not conform exits 1 and writes nothing.

Expected line numbers are computed from the text each test writes, never guessed.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, URIRef
from rdflib.namespace import SKOS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "errors"
CLAIMS = Path("graph/claims/seed-article-2024-06-13.yaml")
SOURCE_TEXT = Path("graph/sources/seed-article-2024-06-13.txt")
ACTORS = Path("graph/entities/actors.ttl")
SCHEME = "https://w3id.org/treatykg/scheme/"
ACTOR = "https://w3id.org/treatykg/id/actor/"
WIDE = "1000"  # columns for rich: wrapping is tested once, in test_error_is_not_hard_wrapped


def _command() -> list[str]:
    """The console script of the Python running the tests (its venv), else the one on PATH."""
    beside = Path(sys.executable).parent / "treatykg"
    found = beside if beside.is_file() else shutil.which("treatykg")
    assert found, "the treatykg console script is not installed: pip install -e ."
    return [str(found)]


TREATYKG = _command()


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def treatykg(*args: object, cwd: Path, columns: str | None = WIDE) -> Run:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "FORCE_COLOR")}
    env.pop("TREATYKG_HOME", None)
    env["NO_COLOR"] = "1"
    if columns is not None:
        env["COLUMNS"] = columns
    done = subprocess.run(
        [*TREATYKG, *(str(a) for a in args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project's ontology/, graph/ and queries/."""
    copy = tmp_path / "project"
    for part in ("ontology", "graph", "queries"):
        shutil.copytree(ROOT / part, copy / part)
    return copy


def build(project: Path) -> Run:
    return treatykg("build", "--project", project, "--out", out_dir(project), cwd=project.parent)


def out_dir(project: Path) -> Path:
    return project.parent / "dist"


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of `old` with `new`; return the 1-based line it starts on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}: the project changed, update this test"
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the one line of `path` that contains `needle`."""
    found = [
        n
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if needle in line
    ]
    assert len(found) == 1, f"{needle!r} is on lines {found} of {path}"
    return found[0]


def assert_user_error(run: Run, path: Path, line: int | None, *phrases: str) -> str:
    """Exit 2, `PATH:LINE: error:` with each phrase, a hint, no traceback; return the hint."""
    assert "Traceback" not in run.output, run.output
    assert run.code == 2, run.output
    where = f"{path}:{line}: error: " if line is not None else f"{path}: error: "
    lines = run.stderr.splitlines()
    errors = [n for n, text in enumerate(lines) if text.startswith(where)]
    assert errors, f"no line starting with {where!r} in stderr:\n{run.stderr}"
    message = lines[errors[0]]
    hints = [text for text in lines[errors[0] + 1 :] if text.startswith("  how to fix: ")]
    assert hints, f"no '  how to fix:' hint after the error:\n{run.stderr}"
    for phrase in phrases:
        assert phrase in message, f"{phrase!r} is not in the message {message!r}"
    return hints[0].removeprefix("  how to fix: ")


def assert_nothing_written(project: Path) -> None:
    assert not out_dir(project).exists(), list(out_dir(project).rglob("*"))


def snapshot(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def concepts(project: Path, scheme: str) -> list[str]:
    g = Graph().parse(project / "ontology" / "schemes.ttl", format="turtle")
    return sorted(
        str(n)
        for c in g.subjects(SKOS.inScheme, URIRef(SCHEME + scheme))
        for n in g.objects(c, SKOS.notation)
    )


def actors(project: Path) -> list[str]:
    g = Graph()
    for path in (project / "graph" / "entities").glob("*.ttl"):
        g.parse(path, format="turtle")
    return sorted(
        {
            str(s).removeprefix(ACTOR)
            for s in g.subjects()
            if str(s).startswith(ACTOR) and "/" not in str(s).removeprefix(ACTOR)
        }
    )


def collapsed_source(project: Path) -> str:
    return re.sub(r"\s+", " ", (project / SOURCE_TEXT).read_text(encoding="utf-8")).strip()


# ------------------------------------------------------------------ YAML syntax


def test_bad_indentation(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(
        claims,
        "    label: The agreement will not require ratification",
        "     label: The agreement will not require ratification",
    )
    hint = assert_user_error(build(project), claims, line, "not valid YAML")
    assert "indentation" in hint
    assert_nothing_written(project)


def test_unclosed_quote_points_at_the_quote(project: Path) -> None:
    claims = project / CLAIMS
    label = "The agreement will provide military assistance to Ukraine in various areas"
    line = edit(claims, f"    label: {label}\n", f'    label: "{label}\n')
    hint = assert_user_error(build(project), claims, line, "not valid YAML")
    assert "quot" in hint
    assert_nothing_written(project)


def test_duplicate_key_is_refused(project: Path) -> None:
    claims = project / CLAIMS
    first = edit(
        claims,
        "        area: consultation\n",
        "        area: consultation\n        area: funding\n",
    )
    line = first + 1  # the second `area:` of the same commitment
    assert_user_error(build(project), claims, line, "area")
    assert_nothing_written(project)


def test_file_not_utf8(project: Path) -> None:
    claims = project / CLAIMS
    raw = claims.read_bytes()
    claims.write_bytes(raw + b"  # caf\xe9\n")
    line = raw.count(b"\n") + 1
    run = build(project)
    assert_user_error(run, claims, line)
    assert "utf-8" in run.stderr.lower()
    assert_nothing_written(project)


# ------------------------------------------------------------------ the authoring schema


def test_missing_required_field(project: Path) -> None:
    claims = project / CLAIMS
    edit(claims, "    label: The agreement will not require ratification\n", "")
    line = line_of(claims, "  - id: no-ratification")
    hint = assert_user_error(build(project), claims, line, "claims.2.label", "required")
    assert "add this field" in hint
    assert_nothing_written(project)


def test_unknown_optional_field(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(
        claims,
        "        purpose: to discuss a plan of action",
        "        purpos: to discuss a plan of action",
    )
    hint = assert_user_error(build(project), claims, line, "purpos")
    assert "spelling" in hint
    assert_nothing_written(project)


def test_misspelt_required_field(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(claims, "        modality: obliged", "        modalty: obliged")
    hint = assert_user_error(build(project), claims, line, "modalty")
    assert "spelling" in hint
    assert_nothing_written(project)


def test_bad_date(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(claims, "  issued: 2024-06-13", "  issued: June 13")
    hint = assert_user_error(build(project), claims, line, "source.issued", "date")
    assert "YYYY-MM-DD" in hint
    assert_nothing_written(project)


def test_impossible_date(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(claims, "  issued: 2024-06-13", "  issued: 2024-02-30")
    run = build(project)
    assert_user_error(run, claims, line)
    assert any(p in run.stderr for p in ("out of range", "not a valid date", "2024-02-30"))
    assert_nothing_written(project)


def test_bad_duration(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(claims, "      duration: P10Y", "      duration: ten years")
    hint = assert_user_error(
        build(project), claims, line, "'ten years' is not an ISO 8601 duration"
    )
    assert "P10Y" in hint
    assert_nothing_written(project)


def test_duplicated_claim_id(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(claims, "  - id: signing-venue", "  - id: signing-date")
    hint = assert_user_error(build(project), claims, line, "'signing-date' is used twice")
    assert "own id" in hint
    assert_nothing_written(project)


def test_source_id_used_by_two_files(project: Path) -> None:
    original = project / CLAIMS
    copy = original.with_name("zz-copy-of-seed-article.yaml")
    shutil.copyfile(original, copy)
    line = line_of(copy, "  id: seed-article-2024-06-13")
    run = build(project)
    assert "Traceback" not in run.output, run.output
    assert run.code == 2, run.output
    assert re.search(rf"^({re.escape(str(original))}|{re.escape(str(copy))}):{line}: error: ",
                     run.stderr, re.M), run.stderr  # fmt: skip
    assert "seed-article-2024-06-13" in run.stderr
    assert "  how to fix: " in run.stderr
    assert_nothing_written(project)


# ------------------------------------------------------------------ terms and chains


def test_unknown_area(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(claims, "        area: air-defence", "        area: air-defense")
    hint = assert_user_error(build(project), claims, line, "unknown area 'air-defense'")
    areas = concepts(project, "area")
    assert "air-defence" in areas
    for area in areas:
        assert area in hint
    assert_nothing_written(project)


def test_unknown_actor(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(claims, "      - bearer: united-states", "      - bearer: united-state")
    hint = assert_user_error(build(project), claims, line, "unknown actor 'united-state'")
    known = actors(project)
    assert "united-states" in known
    for actor in known:
        assert actor in hint
    assert_nothing_written(project)


def test_unknown_actor_in_a_chain(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(
        claims, "{agent: cnn, role: reporting-outlet}", "{agent: cnm, role: reporting-outlet}"
    )
    hint = assert_user_error(build(project), claims, line, "chains.cnn.1.agent", "'cnm'")
    assert "cnn" in hint
    assert_nothing_written(project)


def test_unknown_chain(project: Path) -> None:
    claims = project / CLAIMS
    chains = sorted(yaml.safe_load(claims.read_text(encoding="utf-8"))["chains"])
    line = edit(claims, "      - chain: article", "      - chain: articel")
    hint = assert_user_error(build(project), claims, line, "unknown chain 'articel'")
    for chain in chains:
        assert chain in hint
    assert_nothing_written(project)


# ------------------------------------------------------------------ quotes


def test_quote_not_in_source(project: Path) -> None:
    claims = project / CLAIMS
    right = "to continue the training of the Ukrainian armed forces"
    wrong = "to continue the training of the Ukrainian naval forces"
    assert right in collapsed_source(project)
    line = edit(claims, f"          - {right}", f"          - {wrong}")
    matched = right[: next(i for i, (a, b) in enumerate(zip(right, wrong, strict=True)) if a != b)]
    hint = assert_user_error(
        build(project), claims, line, "quote not found", f"matches up to {matched!r}"
    )
    assert "copy the words exactly" in hint
    assert_nothing_written(project)


def test_ambiguous_quote(project: Path) -> None:
    claims = project / CLAIMS
    times = collapsed_source(project).count("agreement")
    assert times > 1
    line = edit(
        claims,
        "        quote: help it move closer to NATO membership",
        "        quote: agreement",
    )
    hint = assert_user_error(build(project), claims, line, f"occurs {times} times")
    assert "more words" in hint
    assert_nothing_written(project)


def test_ambiguous_quote_is_not_called_not_found(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(
        claims,
        "        quote: help it move closer to NATO membership",
        "        quote: agreement",
    )
    run = build(project)
    assert_user_error(run, claims, line, "occurs")
    assert "not found" not in run.stderr


# ------------------------------------------------------------------ Turtle


def test_malformed_project_turtle(project: Path) -> None:
    actors_ttl = project / ACTORS
    line = edit(actors_ttl, "    skos:exactMatch wd:Q30 .\n", "    skos:exactMatch wd:Q30\n")
    following = line_of(actors_ttl, "actor:ukraine a tkg:State")
    run = build(project)
    assert "Traceback" not in run.output, run.output
    assert run.code == 2, run.output
    # The parser notices a missing ' .' where the next statement starts.
    found = re.search(rf"^{re.escape(str(actors_ttl))}:(\d+): error: (.*)$", run.stderr, re.M)
    assert found, run.stderr
    assert int(found.group(1)) in (line, following)
    assert "not valid RDF" in found.group(2)
    assert "  how to fix: " in run.stderr
    assert_nothing_written(project)


def test_malformed_turtle_says_what_is_wrong(project: Path) -> None:
    actors_ttl = project / ACTORS
    edit(actors_ttl, "    skos:exactMatch wd:Q30 .\n", "    skos:exactMatch wd:Q30\n")
    run = build(project)
    found = re.search(rf"^{re.escape(str(actors_ttl))}:\d+: error: (.*)$", run.stderr, re.M)
    assert found, run.stderr
    assert "'.'" in found.group(1), found.group(1)


def test_validate_malformed_user_turtle(project: Path) -> None:
    user_file = FIXTURES / "undeclared-prefix.ttl"
    line = line_of(user_file, "foo:bar")
    run = treatykg("validate", user_file, "--project", project, cwd=project.parent)
    hint = assert_user_error(run, user_file, line, "not valid RDF")
    assert "prefix" in hint


def test_validate_user_turtle_violating_shapes(project: Path) -> None:
    user_file = FIXTURES / "bare-commitment.ttl"
    line = line_of(user_file, "<https://w3id.org/treatykg/id/commitment/fixture/bare>")
    run = treatykg("validate", user_file, "--project", project, cwd=project.parent)
    assert "Traceback" not in run.output, run.output
    assert run.code == 1, run.output
    assert "bare commitment (test fixture)" in run.stdout
    assert f"{user_file}:{line}" in run.stdout
    for needs in ("needs an area", "needs exactly one modality", "needs a bearer"):
        assert needs in run.stdout
    assert "does not conform" in run.stdout


def test_build_of_nonconforming_graph_writes_nothing(project: Path) -> None:
    events = project / "graph" / "entities" / "events.ttl"
    bare = (FIXTURES / "bare-commitment.ttl").read_text(encoding="utf-8")
    statement = bare[bare.index("<https://") :]
    with events.open("a", encoding="utf-8") as handle:
        handle.write("\n" + statement)
    line = line_of(events, "<https://w3id.org/treatykg/id/commitment/fixture/bare>")
    run = build(project)
    assert "Traceback" not in run.output, run.output
    assert run.code == 1, run.output
    assert f"graph/entities/events.ttl:{line}" in run.stdout
    assert "nothing was written" in run.stderr
    assert_nothing_written(project)


# ------------------------------------------------------------------ output directory


def test_failed_build_leaves_previous_dist_untouched(project: Path) -> None:
    first = build(project)
    assert first.code == 0, first.output
    before = snapshot(out_dir(project))
    assert set(before) == {"treatykg.trig", "treatykg.nq", "treatykg.jsonld"}
    claims = project / CLAIMS
    line = edit(claims, "        area: air-defence", "        area: air-defense")
    assert_user_error(build(project), claims, line, "unknown area")
    assert snapshot(out_dir(project)) == before


def test_out_is_a_file(project: Path) -> None:
    target = out_dir(project)
    target.write_text("not a directory\n")
    run = build(project)
    assert_user_error(run, target, None, "cannot create the output directory")
    assert target.read_text() == "not a directory\n"


# ------------------------------------------------------------------ queries


def test_query_unknown_name(project: Path) -> None:
    run = treatykg("query", "no-such-question", "--project", project, cwd=project.parent)
    assert "Traceback" not in run.output, run.output
    assert run.code == 2, run.output
    assert "no catalogue query named 'no-such-question'" in run.stderr
    hint = run.stderr.split("  how to fix: ", 1)[1]
    names = sorted(p.stem for p in (project / "queries").glob("*.rq"))
    assert names
    for name in names:
        assert name in hint


def test_query_syntax_error(project: Path) -> None:
    query = FIXTURES / "syntax-error.rq"
    run = treatykg("query", query, "--project", project, cwd=project.parent)
    assert "Traceback" not in run.output, run.output
    assert run.code == 2, run.output
    assert re.search(rf"^{re.escape(str(query))}(:\d+)?: error: SPARQL syntax error", run.stderr,
                     re.M), run.stderr  # fmt: skip
    assert "  how to fix: " in run.stderr


def test_query_syntax_error_has_a_line(project: Path) -> None:
    query = FIXTURES / "syntax-error.rq"
    line = line_of(query, "FILTER(")
    run = treatykg("query", query, "--project", project, cwd=project.parent)
    assert_user_error(run, query, line, "SPARQL syntax error")


@pytest.mark.parametrize(
    "pattern",
    [
        "SERVICE <{endpoint}> {{ ?s ?p ?o }}",
        "{{ SELECT ?s WHERE {{ SERVICE <{endpoint}> {{ ?s ?p ?o }} }} }}",
        "?s ?p ?o . FILTER EXISTS {{ SERVICE SILENT <{endpoint}> {{ ?s ?p ?x }} }}",
    ],
    ids=["plain", "subquery", "filter-exists"],
)
def test_query_service_is_refused(project: Path, pattern: str) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        endpoint = f"http://127.0.0.1:{listener.getsockname()[1]}/sparql"
        query = project.parent / "service.rq"
        query.write_text(f"SELECT * WHERE {{\n  {pattern.format(endpoint=endpoint)}\n}}\n")
        run = treatykg("query", query, "--project", project, cwd=project.parent)
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody connected: nothing was sent
    assert "Traceback" not in run.output, run.output
    assert run.code == 2, run.output
    assert f"SERVICE <{endpoint}> is refused" in run.stderr
    assert "host '127.0.0.1' is not on the allow-list" in run.stderr
    assert "  how to fix: " in run.stderr


# ------------------------------------------------------------------ how the error is printed


def test_error_is_not_hard_wrapped(project: Path) -> None:
    claims = project / CLAIMS
    line = edit(claims, "        area: air-defence", "        area: air-defense")
    out = out_dir(project)
    run = treatykg("build", "--project", project, "--out", out, cwd=project.parent, columns=None)
    hint = assert_user_error(run, claims, line, "unknown area 'air-defense'")
    for area in concepts(project, "area"):
        assert area in hint
