"""A pool of query worker processes that can be killed at the timeout and replaced.

Oxigraph's query loop cannot be interrupted from Python; killing the process that runs it is
the only sure stop. Each worker (`worker.py`, a subprocess) loads the same N-Quads file written
at start, so a replacement is ready in about a second. Waiting for a free worker does not
count towards the timeout.
"""

from __future__ import annotations

import asyncio
import select
import subprocess
import sys

from .engine import Job, Reply, error
from .limits import Limits
from .wire import receive, send


class Worker:
    """One `python -m treatykg.serve.worker` process with the dataset loaded."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "treatykg.serve.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            bufsize=0,  # unbuffered: select() then sees every byte the worker has written
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.requests, self.replies = self.process.stdin, self.process.stdout
        send(self.requests, (path, limits))
        if not self._ready_within(120) or receive(self.replies) != "ready":
            self.stop()
            raise RuntimeError("a query worker did not start")

    def _ready_within(self, seconds: float) -> bool:
        readable, _, _ = select.select([self.replies], [], [], seconds)
        return bool(readable)

    def call(self, job: Job, timeout: float) -> Reply | None:
        """The worker's reply, or None if it did not answer within `timeout` seconds."""
        send(self.requests, job)
        if not self._ready_within(timeout):
            return None
        return receive(self.replies)  # type: ignore[return-value]

    def stop(self) -> None:
        self.process.kill()
        self.process.wait(10)
        self.requests.close()
        self.replies.close()


class Pool:
    def __init__(self, directory: str, limits: Limits) -> None:
        self.directory = directory
        self.limits = limits
        self.workers: list[Worker] = []
        self.idle: asyncio.Queue[Worker] | None = None
        self.closed = False

    async def start(self) -> None:
        self.idle = asyncio.Queue()
        started = await asyncio.gather(
            *(asyncio.to_thread(self._new) for _ in range(max(1, self.limits.workers)))
        )
        for worker in started:
            self.idle.put_nowait(worker)

    def _new(self) -> Worker:
        worker = Worker(self.directory, self.limits)
        self.workers.append(worker)
        return worker

    async def run(self, job: Job) -> Reply:
        assert self.idle is not None, "Pool.start() first"
        worker = await self.idle.get()
        try:
            reply = await asyncio.to_thread(worker.call, job, self.limits.timeout)
        except (EOFError, OSError, ValueError):
            reply = error(500, "the query worker died while evaluating the query")
            self._replace(worker)
            return reply
        if reply is None:
            self._replace(worker)
            return error(
                503,
                f"the query ran longer than the server's timeout of {self.limits.timeout:g} s "
                "and was stopped.\nhow to fix: make it cheaper (LIMIT, more specific patterns), "
                "or run `treatykg serve --timeout SECONDS` with a longer timeout",
            )
        self.idle.put_nowait(worker)
        return reply

    def _replace(self, worker: Worker) -> None:
        """Kill `worker` now; a fresh one joins the idle queue once it has started."""
        worker.stop()
        self.workers.remove(worker)

        async def respawn() -> None:
            fresh = await asyncio.to_thread(self._new)
            if self.closed:  # the server stopped while this one was starting
                fresh.stop()
                return
            assert self.idle is not None
            self.idle.put_nowait(fresh)

        task = asyncio.get_running_loop().create_task(respawn())
        self._pending = task  # keep a reference so the task is not garbage-collected

    def stop(self) -> None:
        self.closed = True
        for worker in list(self.workers):
            worker.stop()
        self.workers.clear()
