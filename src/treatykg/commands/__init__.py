"""Commands that live in their own module: each module here defines `register(app)`.

`cli.py` keeps the core commands (build, validate, query, analyze, reconcile); larger
commands (link, compare, serve, publish, generate, …) sit beside their library module so that
each can grow without touching the others. They are registered in name order.
"""

from __future__ import annotations

import importlib
import pkgutil

import typer


def register_all(app: typer.Typer) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(app)
