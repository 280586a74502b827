"""HTTP content negotiation (RFC 9110 §12.5.1): the offer the client weights highest.

Each offer takes the q-value of the most specific media range that matches it (exact type,
then `type/*`, then `*/*`); ties go to the server's order, so the first offer is the default
for `*/*` and for a request without `Accept`.
"""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept(header: str) -> list[tuple[str, float]]:
    """`text/html;q=0.9, */*;q=0.1` → [("text/html", 0.9), ("*/*", 0.1)]."""
    ranges = []
    for part in header.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        if not media:
            continue
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value)))
                except ValueError:
                    q = 0.0
        ranges.append((media.lower(), q))
    return ranges


def _quality(offer: str, ranges: list[tuple[str, float]]) -> float:
    kind = offer.split("/")[0]
    best: tuple[int, float] = (-1, 0.0)
    for media, q in ranges:
        specificity = 2 if media == offer else 1 if media == f"{kind}/*" else 0
        if media not in (offer, f"{kind}/*", "*/*"):
            continue
        if specificity > best[0]:
            best = (specificity, q)
    return best[1]


def choose(accept: str | None, offers: Sequence[str]) -> str | None:
    """The offer to answer with, or None when the client accepts none of them (406)."""
    if not accept or not accept.strip():
        return offers[0]
    ranges = parse_accept(accept)
    scored = [(_quality(offer, ranges), -index, offer) for index, offer in enumerate(offers)]
    q, _, offer = max(scored)
    return offer if q > 0 else None
