"""Where the project's files are: a checkout, a directory the user names, or the installed copy.

The wheel ships `ontology/`, `graph/` and `queries/` as package data (`treatykg/_data`), built
from the one copy at the top of the repository; an editable install reads that copy directly.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def ontology(self) -> Path:
        return self.root / "ontology"

    @property
    def graph(self) -> Path:
        return self.root / "graph"

    @property
    def queries(self) -> Path:
        return self.root / "queries"

    @property
    def shapes(self) -> Path:
        return self.ontology / "shapes.ttl"


def is_project(path: Path) -> bool:
    return (path / "ontology" / "treatykg.ttl").is_file() and (path / "graph").is_dir()


def find(root: Path | str | None = None) -> Project:
    """The project to work on: `root`, else $TREATYKG_HOME, else the working directory if it
    is a treatykg project, else the copy installed with the package."""
    from .errors import UserError

    if root is None and os.environ.get("TREATYKG_HOME"):
        root = os.environ["TREATYKG_HOME"]
    if root is not None:
        path = Path(root)
        if not is_project(path):
            raise UserError(
                "this is not a treatykg project (no ontology/treatykg.ttl and graph/)",
                path,
                hint="point --project (or TREATYKG_HOME) at a checkout of treatykg",
            )
        return Project(path)
    for candidate in (Path.cwd(), PACKAGE / "_data", PACKAGE.parent.parent):
        if is_project(candidate):
            return Project(candidate)
    raise UserError("no treatykg project found", hint="run from a checkout or pass --project DIR")
