"""treatykg: a provenance knowledge graph of security commitments between states.

>>> import treatykg
>>> ds = treatykg.build()                      # an rdflib.Dataset
>>> rows = treatykg.query(ds, "commitments")   # a catalogue name or a .rq path
"""

from __future__ import annotations

from .catalogue import query
from .dataset import build
from .errors import UserError

__all__ = ["UserError", "build", "query"]
__version__ = "0.1.0"
