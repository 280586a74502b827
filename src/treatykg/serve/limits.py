"""The server's limits and allow-list, in one immutable value shared by every module.

Defaults are the safe ones: loopback only, no SERVICE host allowed, a 10 s query timeout, a
100 000-row result cap and a 1 MB request body limit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import UserError


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds a query may run before its worker is killed
    max_results: int = 100_000  # rows (SELECT) or triples (CONSTRUCT/DESCRIBE) in one answer
    max_body: int = 1_000_000  # bytes of a request body
    allow_hosts: frozenset[str] = field(default_factory=frozenset)  # SERVICE may reach these
    workers: int = 2  # query-evaluating processes


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kKmMgG]?)[bB]?\s*$")


def parse_size(text: str) -> int:
    """'1MB', '512kB', '2000' → bytes (decimal units, as HTTP speaks of Content-Length)."""
    match = _SIZE.match(text)
    if not match:
        raise UserError(
            f"not a size: {text!r}", hint="write a number of bytes with an optional unit: 1MB, 64kB"
        )
    factor = {"": 1, "k": 1_000, "m": 1_000_000, "g": 1_000_000_000}[match.group(2).lower()]
    return int(float(match.group(1)) * factor)
