"""A query worker process: `python -m treatykg.serve.worker`, spoken to over its stdin/stdout.

The parent (`pool`) sends length-prefixed pickles: first the dataset file and the limits, then
one `Job` at a time; the worker answers each with a `Reply`. A plain subprocess, not
`multiprocessing`, so that the server can run from any script (spawned multiprocessing children
re-import the parent's main module) and can be killed outright at the timeout.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    requests = sys.stdin.buffer
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # nothing printed by a library may corrupt the reply stream
    from .engine import serve_jobs  # imported here: the package imports nothing of this module

    serve_jobs(requests, replies)


if __name__ == "__main__":
    main()
