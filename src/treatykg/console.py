"""What every command of the CLI shares: the two consoles, progress bars and the user-error
wrapper.

A `UserError` (the user's input is wrong) prints one message with file, line and a fix, and
exits 2; a graph that does not conform exits 1; anything else is a bug and keeps its traceback.

Long operations show a progress bar on stderr when it is a terminal and nothing otherwise, so
that piped output and CI logs stay exactly as they were. The library never imports rich: its
long functions take an `on_progress(done, total)` callback, which `progress()` supplies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)

from .errors import UserError
from .progress import OnProgress

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


def _quiet(done: int, total: int) -> None:
    """The progress callback when nobody is watching: does nothing."""


@contextmanager
def progress(description: str, console: Console | None = None) -> Iterator[OnProgress]:
    """A progress bar named `description` while the block runs; yields the callback
    `tick(done, total)` to pass to a library function as its `on_progress`.

    Shown only if the console (default: `err`, looked up at call time) is a terminal; otherwise
    the callback does nothing and nothing at all is printed."""
    shown = console if console is not None else err
    if not shown.is_terminal:
        yield _quiet
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=shown) as bar:
        task = bar.add_task(description, total=None)

        def tick(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield tick
