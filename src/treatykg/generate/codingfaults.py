"""Fault kinds on typology codings (graph/codings/): one per coding shape of shapes.ttl.

A coding's two consistency shapes (Coding-yesBacked, Coding-noContradicted) look at the
agreement's commitments; the other coding faults therefore break 'no' codings only, whose
consistency does not depend on what the broken value was, and the commitment faults only
touch commitments that no provision sets out (breaks.py), which no coding looks at.
"""

from __future__ import annotations

from collections.abc import Callable

from .. import namespaces as ns
from . import faults as F
from .faults import PROV, TKG, XSD, Context, _iri, _lit, _p, result
from .targets import CodingRef

TRUE, FALSE = _lit("true", XSD + "boolean"), _lit("false", XSD + "boolean")


def replace(
    k: str, prop: str, new: Callable[[CodingRef], str | None], component: str | None
) -> Callable:
    """Replace (or, if `new` gives None, delete) the coding's value of `prop`."""

    def make(ctx: Context, c: CodingRef):
        op = F.replace(c.graph, c.iri, prop, new(c))
        path = None if component == "SPARQLConstraintComponent" else _p(prop)
        return [op], [result(k, c.iri, path, component or "SPARQLConstraintComponent", k)]

    return make


def annex(c: CodingRef) -> str:
    return _iri(f"{ns.agreement(c.agreement.slug)}/annex")


def agreement(c: CodingRef) -> str:
    return _iri(str(ns.agreement(c.agreement.slug)))


AREA = _iri(str(ns.concept("area", "drones")))
SPARQL = "SPARQLConstraintComponent"

# (name, maker, which codings it may break)
CODING_KINDS: list[tuple[str, Callable, Callable[[CodingRef], bool]]] = [
    (
        "Coding-noContradicted",
        replace("Coding-noContradicted", TKG + "codedValue", lambda c: FALSE, SPARQL),
        lambda c: c.coding.value,
    ),
    (
        "Coding-yesBacked",
        replace("Coding-yesBacked", TKG + "codedValue", lambda c: TRUE, SPARQL),
        lambda c: not c.coding.value,
    ),
    (
        "Coding-agreement",
        replace("Coding-agreement", TKG + "codedAgreement", annex, "ClassConstraintComponent"),
        lambda c: not c.coding.value,
    ),
    (
        "Coding-type",
        replace("Coding-type", TKG + "obligationType", lambda c: AREA, "NodeConstraintComponent"),
        lambda c: not c.coding.value,
    ),
    (
        "Coding-basis",
        replace("Coding-basis", TKG + "codedFrom", agreement, "OrConstraintComponent"),
        lambda c: not c.coding.value,
    ),
    (
        "Coding-value",
        replace(
            "Coding-value", TKG + "codedValue", lambda c: _lit("yes"), "DatatypeConstraintComponent"
        ),
        lambda c: True,
    ),
    (
        "Coding-by",
        replace(
            "Coding-by", PROV + "wasAttributedTo", lambda c: None, "MinCountConstraintComponent"
        ),
        lambda c: True,
    ),
    (
        "Coding-reasoning",
        replace(
            "Coding-reasoning",
            TKG + "reasoning",
            lambda c: _lit(c.coding.reasoning),
            "DatatypeConstraintComponent",
        ),
        lambda c: True,
    ),
]
