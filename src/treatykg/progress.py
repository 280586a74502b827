"""How the library's long functions report progress without drawing anything.

Each takes an optional `on_progress(done, total)` callback; the CLI's `console.progress`
supplies one that draws a bar on a terminal, and nothing is called when none is given.
"""

from __future__ import annotations

from collections.abc import Callable

OnProgress = Callable[[int, int], None]  # on_progress(steps done, steps in all)


class Steps:
    """Counts a long function's steps for its optional `on_progress(done, total)`."""

    def __init__(self, total: int, on_progress: OnProgress | None):
        self.count, self.total, self.report = 0, total, on_progress

    def done(self) -> None:
        self.count += 1
        if self.report is not None:
            self.report(self.count, self.total)
