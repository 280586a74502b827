"""Apache Jena's SHACL validator as a second validation baseline (Debian `libapache-jena-java`).

Jena is optional: the project's CI does not install it, so `missing()` says why it cannot run
and the benchmark records the step as not installed. Where it is installed, Debian's 4.5
package has two gaps this module closes at benchmark time, in the benchmark's work directory
(nothing binary in the repository):
- every command dies at start (ExceptionInInitializerError in XSSimpleTypeDecl): the shaded
  Xerces looks up its message bundles under `xerces/impl/msg/` but the jar ships them under
  `org/apache/jena/ext/xerces/impl/msg/`;
- no jar names its dependencies (no manifest Class-Path, no launcher script).
`fix_jar` writes one small jar holding the bundles at the expected path and a manifest whose
Class-Path lists Jena's jars and their Debian dependencies, so that
`java -cp FIX:jena-cmds.jar shacl.shacl …` runs.

Jena's `shacl validate` reads its data into one graph, and reading N-Quads into a graph keeps
only the default graph (all of ours are named), so `union_ntriples` first writes the union of
all graphs — the vocabulary graph included, which the shapes' sh:class checks need — as
N-Triples, as the project's own validator sees it.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import SH

JAVA_DIR = Path("/usr/share/java")
CMDS = JAVA_DIR / "jena-cmds.jar"
BUNDLES = "org/apache/jena/ext/"  # shipped here, looked up without this prefix
DEPENDENCIES = (  # jars of the packages libapache-jena-java depends on (Debian 12)
    "commons-cli",
    "commons-codec",
    "commons-compress",
    "commons-csv",
    "commons-io",
    "commons-lang3",
    "dexx.collection",
    "gson",
    "guava",
    "httpclient",
    "httpcore",
    "jackson-annotations",
    "jackson-core",
    "jackson-databind",
    "jakarta.json-api",
    "jsonld-java",
    "protobuf",
    "slf4j-api",
    "slf4j-simple",  # Jena's warnings, if any, to stderr
    "thrift",
    "titanium-json-ld",
)
_STAMP = (2024, 1, 1, 0, 0, 0)  # fixed entry dates: same inputs, same bytes


def missing() -> str | None:
    """Why Jena cannot run here, or None when it can."""
    if shutil.which("java") is None:
        return "java not found on PATH"
    if not CMDS.is_file():
        return f"{CMDS} absent (apt-get install libapache-jena-java)"
    return None


def fix_jar(work: Path) -> Path:
    """Write the jar that makes Debian's Jena runnable (see the module docstring)."""
    work.mkdir(parents=True, exist_ok=True)
    unversioned = re.compile(r"-\d+(\.\d+)+")  # jena-arq.jar, not jena-arq-4.5.0.jar
    jena = sorted(p.name for p in JAVA_DIR.glob("jena-*.jar") if not unversioned.search(p.stem))
    jars = [*jena, *(f"{name}.jar" for name in DEPENDENCIES)]
    out = work / "jena-fix.jar"
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as fix:
        fix.writestr(zipfile.ZipInfo("META-INF/MANIFEST.MF", _STAMP), _manifest(jars))
        with zipfile.ZipFile(JAVA_DIR / "jena-core.jar") as core:
            for name in sorted(core.namelist()):
                if name.startswith(BUNDLES + "xerces/") and name.endswith(".properties"):
                    entry = zipfile.ZipInfo(name.removeprefix(BUNDLES), _STAMP)
                    fix.writestr(entry, core.read(name))
    return out


def _manifest(jars: list[str]) -> str:
    """A manifest whose Class-Path names the jars (lines of at most 72 bytes, continued)."""
    line = "Class-Path: " + " ".join(f"file:{JAVA_DIR / jar}" for jar in jars)
    lines = [line[:72]] + [" " + line[i : i + 71] for i in range(72, len(line), 71)]
    return "Manifest-Version: 1.0\r\n" + "\r\n".join(lines) + "\r\n\r\n"


def classpath(work: Path) -> str:
    return f"{fix_jar(work)}:{CMDS}"


def union_ntriples(nquads: str, out: Path) -> None:
    """The union of every graph of the N-Quads file as one N-Triples file."""
    quads = ox.parse(path=nquads, format=ox.RdfFormat.N_QUADS)
    triples = (ox.Triple(q.subject, q.predicate, q.object) for q in quads)
    ox.serialize(triples, output=str(out), format=ox.RdfFormat.N_TRIPLES)


def read_report(report: Path, examples: int = 3) -> dict:
    """sh:conforms and the results by severity of Jena's Turtle report (it exits 0 either way)."""
    graph = Graph().parse(report, format="turtle")
    (conforms,) = graph.objects(None, SH.conforms)
    results = list(graph.objects(None, SH.result))
    severity = [graph.value(r, SH.resultSeverity) for r in results]
    shown = [
        {
            "focus": str(graph.value(r, SH.focusNode)),
            "path": str(graph.value(r, SH.resultPath)),
            "shape": str(graph.value(r, SH.sourceShape)),
            "message": str(graph.value(r, SH.resultMessage)),
        }
        for r in sorted(results, key=lambda r: str(graph.value(r, SH.focusNode)))[:examples]
    ]
    return {
        "conforms": conforms.toPython(),
        "results": len(results),
        "violations": severity.count(SH.Violation),
        "warnings": severity.count(SH.Warning),
        "examples": shown,
    }
