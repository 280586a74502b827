"""`treatykg serve`: a read-only SPARQL 1.1 Protocol endpoint over the built dataset.

Secure by default (docs/serve.md): loopback only, no SERVICE host allowed, FROM never
dereferenced, no update, no JSON-LD context fetched, a timeout, a result cap, a body limit.
"""

from __future__ import annotations

from .app import create_app
from .limits import Limits, parse_size

__all__ = ["Limits", "create_app", "parse_size"]
