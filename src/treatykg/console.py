"""What every command of the CLI shares: the two consoles and the user-error wrapper.

A `UserError` (the user's input is wrong) prints one message with file, line and a fix, and
exits 2; a graph that does not conform exits 1; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from .errors import UserError

out = Console()
err = Console(stderr=True)

ProjectOpt = Annotated[
    Path | None, typer.Option("--project", help="Project directory (default: this checkout).")
]


def friendly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Report a UserError as one clear message and exit 2, without a traceback."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except UserError as problem:
            err.print(str(problem), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(2) from None

    return wrapper
