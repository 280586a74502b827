"""Run the application on 127.0.0.1 in a background thread, or `treatykg serve` (or another
server) in its own process: for tests, benchmarks and the headless-browser check, which need
a real HTTP server and must stop it afterwards.

The port is the one the OS gives to a socket bound to port 0, handed to uvicorn as it is, so
two servers never race for a port.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from starlette.applications import Starlette


@contextmanager
def background(app: Starlette, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `app` until the block ends; yields its base URL (`http://127.0.0.1:PORT`)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the server did not start")
        time.sleep(0.05)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
        sock.close()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that the OS says is free now (for a server in another process,
    which must be given a number)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def answers(url: str, **params: str) -> bool:
    """Whether a GET of `url` answers 200 now."""
    try:
        return httpx.get(url, params=params, timeout=5).status_code == 200
    except httpx.HTTPError:
        return False


def wait_until(
    ready: Callable[[], bool], process: subprocess.Popen | None, what: str, timeout: float
) -> None:
    """Return once `ready()`; RuntimeError if `process` exits first or `timeout` s pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"{what} exited with code {process.returncode}")
        if ready():
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not come up within {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL if it has not stopped within 20 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def in_process(log: Path, *options: str, cwd: Path | None = None) -> Iterator[str]:
    """`treatykg serve OPTIONS` in its own process on a free port, its output in `log`, until
    the block ends; yields its base URL. A server that exits or stays silent for 180 s is a
    RuntimeError carrying the end of its log."""
    port = free_port()
    command = [sys.executable, "-m", "treatykg", "serve", "--port", str(port), *options]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: answers(f"{base}/catalogue.json"), process, "treatykg serve", 180)
    except RuntimeError as err:
        stop(process)
        raise RuntimeError(f"{err}:\n{log.read_text(errors='replace')[-3000:]}") from None
    try:
        yield base
    finally:
        stop(process)
