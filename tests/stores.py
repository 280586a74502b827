"""Real triple stores for the tests: an Oxigraph server and a Virtuoso, each on 127.0.0.1.

Each server runs in its own temporary directory with its own configuration, on a port the OS
chose, and is stopped (SIGTERM, then SIGKILL) when the fixture ends. Virtuoso takes seconds to
start, so the fixtures that use it are session-scoped: one start per test session.

Virtuoso comes from Debian's `virtuoso-opensource` (`.ci/virtuoso-install.sh`). Without it the
Virtuoso tests are skipped locally, but fail when `CI` is set: CI must not silently skip.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from rdflib import Dataset

from treatykg import publish
from treatykg.remote import PASSWORD_VAR, USER_VAR
from treatykg.serve import running

OXIGRAPH = Path(sys.executable).parent / "oxigraph"
VIRTUOSO = shutil.which("virtuoso-t")
ISQL = shutil.which("isql-vt")
STOCK_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")


@dataclass(frozen=True)
class Store:
    """A running store: its flavour, base URL and the credentials that may write to it."""

    flavour: str
    base: str
    user: str | None = None
    password: str | None = None

    @property
    def query_endpoint(self) -> str:
        return f"{self.base}/query" if self.flavour == "oxigraph" else f"{self.base}/sparql"

    @contextmanager
    def credentials(self) -> Iterator[None]:
        """The store's credentials in the environment (where treatykg reads them) meanwhile."""
        saved = {name: os.environ.get(name) for name in (USER_VAR, PASSWORD_VAR)}
        _set_env({USER_VAR: self.user, PASSWORD_VAR: self.password})
        try:
            yield
        finally:
            _set_env(saved)

    def update(self, text: str) -> None:
        """A SPARQL Update on the store (to tamper with it in tests)."""
        if self.flavour == "oxigraph":
            response = httpx.post(f"{self.base}/update", data={"update": text})
        else:
            auth = httpx.DigestAuth(self.user or "", self.password or "")
            response = httpx.post(f"{self.base}/sparql-auth", data={"update": text}, auth=auth)
        response.raise_for_status()


def _set_env(values: dict[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def ready(store: Store) -> Callable[[], bool]:
    """Whether the store's query endpoint answers a query now."""
    return lambda: running.answers(store.query_endpoint, query="ASK {}")


def oxigraph(tmp: Path) -> Iterator[Store]:
    """An Oxigraph server on disk in `tmp` (read-write, no authentication)."""
    port = running.free_port()
    process = subprocess.Popen(
        [str(OXIGRAPH), "serve", "-l", str(tmp / "oxigraph"), "-b", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    store = Store("oxigraph", f"http://127.0.0.1:{port}")
    try:
        running.wait_until(ready(store), process, "oxigraph serve", 60)
        yield store
    finally:
        running.stop(process)


def require_virtuoso() -> None:
    """Skip without Virtuoso, except in CI, where a missing Virtuoso is a failure."""
    if VIRTUOSO and ISQL and STOCK_INI.is_file():
        return
    message = "virtuoso-t not installed (run .ci/virtuoso-install.sh)"
    if os.environ.get("CI"):
        pytest.fail(message + " — CI must run the Virtuoso tests", pytrace=False)
    pytest.skip(message)


def virtuoso_ini(tmp: Path, sql_port: int, http_port: int) -> Path:
    """The stock virtuoso.ini with its own database directory and loopback-only ports."""
    text = STOCK_INI.read_text(encoding="utf-8")
    text = text.replace("/var/lib/virtuoso-opensource-7/db", str(tmp))
    section = ""
    lines = []
    for line in text.splitlines():
        if line.startswith("["):
            section = line.strip()
        key = line.split("=", 1)[0].strip()
        if key == "ServerPort" and section == "[Parameters]":
            line = f"ServerPort = 127.0.0.1:{sql_port}"
        elif key == "ServerPort" and section == "[HTTPServer]":
            line = f"ServerPort = 127.0.0.1:{http_port}"
        elif key == "DirsAllowed":
            line = f"DirsAllowed = ., {tmp}, /usr/share/virtuoso-opensource-7/vad"
        elif re.match(r"Load\d+$", key) and section == "[Plugins]":
            line = ";" + line  # wiki plugins: not needed, and each costs start-up time
        lines.append(line)
    ini = tmp / "virtuoso.ini"
    ini.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ini


def set_password(sql_port: int, password: str) -> None:
    """Give `dba` a new password. (`SET PASSWORD` takes identifiers, not any string; and
    isql-vt exits 0 even when its statement fails, so its output is read.)"""
    done = subprocess.run(
        [str(ISQL), f"127.0.0.1:{sql_port}", "dba", "dba"],
        input=f"USER_SET_PASSWORD ('dba', '{password}');\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode != 0 or "Error" in done.stdout + done.stderr:
        raise RuntimeError(f"could not set Virtuoso's dba password: {done.stdout}{done.stderr}")


def virtuoso(tmp: Path) -> Iterator[Store]:
    """A Virtuoso server with its own database in `tmp`; `dba` gets a fresh random password."""
    require_virtuoso()
    sql_port, http_port = running.free_port(), running.free_port()
    ini = virtuoso_ini(tmp, sql_port, http_port)
    log = tmp / "virtuoso.log"
    process = subprocess.Popen(
        [str(VIRTUOSO), "+configfile", str(ini), "+foreground"],
        cwd=tmp,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        running.wait_until(
            lambda: log.is_file() and "Server online" in log.read_text(errors="replace"),
            process,
            "virtuoso-t",
            120,
        )
        password = secrets.token_hex(12)
        set_password(sql_port, password)
        store = Store("virtuoso", f"http://127.0.0.1:{http_port}", "dba", password)
        running.wait_until(ready(store), process, "virtuoso HTTP", 60)
        yield store
    finally:
        running.stop(process)


# Fixtures: test modules load them with `pytest_plugins = ("stores",)` (and do not import this
# module), so that the session-scoped servers start once however many modules use them.


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    yield from oxigraph(tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture(scope="session")
def virtuoso_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    require_virtuoso()
    yield from virtuoso(tmp_path_factory.mktemp("virtuoso"))


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def store(request: pytest.FixtureRequest) -> Store:
    """Each real store in turn."""
    return request.getfixturevalue(f"{request.param}_store")


@pytest.fixture(scope="session")
def published(store: Store, dataset: Dataset) -> Store:
    """The store with the session's dataset published in it (tests that tamper restore it)."""
    with store.credentials():
        found = publish.publish(dataset, publish.target(store.base), prune=True)
    if found:
        raise RuntimeError(f"publishing to {store.flavour} for the tests failed: {found}")
    return store
