"""The one error type a user ever sees: where the mistake is, what is wrong, how to fix it.

Everything a user can get wrong (a YAML typo, an unknown term, a quote that is not in its
source, malformed Turtle) is raised as `UserError`; the CLI prints it without a traceback.
Anything else is a bug in treatykg and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class UserError(Exception):
    message: str
    path: Path | str | None = None
    line: int | None = None
    hint: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        text = f"{where}error: {self.message}"
        if self.hint:
            text += f"\n  how to fix: {self.hint}"
        return text
