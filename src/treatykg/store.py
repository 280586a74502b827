"""A persistent Oxigraph store on disk: build once, then query, validate and add many times.

A million-triple graph takes seconds to load into Oxigraph but minutes to compile from YAML
and gigabytes in rdflib's memory store; `--store DIR` keeps the built dataset in an on-disk
Oxigraph store so that later commands open it in milliseconds and never hold it in rdflib.

A store directory is written whole or not at all: it is built beside its final name and
renamed into place, and only a directory that carries this module's marker file is ever
replaced, so `--store` pointed at the wrong folder cannot destroy it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from .errors import UserError

MARKER = "TREATYKG-STORE"
MARKER_TEXT = "An Oxigraph store written by treatykg (`--store`); safe to delete and rebuild.\n"


def is_store(directory: Path) -> bool:
    return (directory / MARKER).is_file()


def write(quads: Iterable[ox.Quad], directory: Path) -> None:
    """Replace the store at `directory` by one holding exactly `quads`, atomically."""
    _write_with(directory, lambda store: store.bulk_extend(quads))


def load_file(path: Path, directory: Path) -> None:
    """Replace the store at `directory` by the contents of an N-Quads or TriG file."""
    formats = {".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG}
    fmt = formats.get(path.suffix)
    if fmt is None:
        raise UserError(
            f"cannot load {path.suffix or 'a file without suffix'} into a store",
            path,
            hint="give an N-Quads (.nq) or TriG (.trig) file, such as dist/treatykg.nq",
        )
    if not path.is_file():
        raise UserError("no such file", path, hint="build first: treatykg build")

    def load(store: ox.Store) -> None:
        try:
            store.bulk_load(path=str(path), format=fmt)
        except SyntaxError as err:
            raise UserError(
                f"not valid {path.suffix[1:]}: {err.msg}",
                path,
                err.lineno,
                hint="correct that line, or rebuild the file with `treatykg build` "
                "(the store was not changed)",
            ) from None

    _write_with(directory, load)


def open_store(directory: Path, *, writable: bool = False) -> ox.Store:
    """Open a store that `write` or `load_file` made; read-only unless asked."""
    if not is_store(directory):
        raise UserError(
            "not a treatykg store",
            directory,
            hint="make it: treatykg build --store DIR, or treatykg load FILE --store DIR",
        )
    try:
        return ox.Store(str(directory)) if writable else ox.Store.read_only(str(directory))
    except OSError as err:
        raise UserError(
            f"cannot open the store: {err}",
            directory,
            hint="another process may hold it for writing; stop it and retry",
        ) from None


def _write_with(directory: Path, fill: object) -> None:
    if directory.exists() and not is_store(directory):
        raise UserError(
            "this directory exists and is not a treatykg store: refusing to replace it",
            directory,
            hint="choose a new directory name for --store",
        )
    directory.parent.mkdir(parents=True, exist_ok=True)
    tmp = directory.with_name(f".{directory.name}.tmp-{os.getpid()}")
    old = directory.with_name(f".{directory.name}.old-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        store = ox.Store(str(tmp))
        fill(store)  # type: ignore[operator]
        store.flush()
        store.optimize()
        del store
        (tmp / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        if directory.exists():
            directory.rename(old)
        tmp.rename(directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old.exists() and not directory.exists():
            old.rename(directory)
        raise
    shutil.rmtree(old, ignore_errors=True)
