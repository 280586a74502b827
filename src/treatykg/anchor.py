"""Find a quote in its source text and describe the place as W3C Web Annotation selectors.

Source texts are hard-wrapped, so a quote matches when it equals the text with runs of
whitespace collapsed to one space. The selectors still point into the stored text as it is:
`oa:exact` is the original slice and the positions are code-point offsets into the file.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from rdflib import XSD, Graph, Literal, URIRef
from rdflib.namespace import RDF

from .namespaces import OA

CONTEXT = 32  # characters of prefix and suffix kept beside a quote


@dataclass(frozen=True)
class Anchor:
    exact: str
    prefix: str
    suffix: str
    start: int
    end: int


class QuoteNotFound(ValueError):
    """The quote does not occur in the text (whitespace collapsed)."""


class QuoteAmbiguous(ValueError):
    """The quote occurs more than once, so its position would be a guess."""


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@functools.lru_cache(maxsize=32)  # one source text is searched for many quotes
def _collapsed_with_offsets(text: str) -> tuple[str, list[int]]:
    """The text with whitespace runs collapsed, and for each kept character its offset."""
    chars: list[str] = []
    offsets: list[int] = []
    for match in re.finditer(r"\s+|\S+", text):
        if match.group().isspace():
            chars.append(" ")
            offsets.append(match.start())
        else:
            chars.extend(match.group())
            offsets.extend(range(match.start(), match.end()))
    return "".join(chars), offsets


def find(text: str, quote: str) -> Anchor:
    """Locate `quote` in `text`; raise QuoteNotFound or QuoteAmbiguous."""
    haystack, offsets = _collapsed_with_offsets(text)
    first, last = _unique(haystack, collapse(quote), "the quote")
    return _anchor(text, offsets[first], offsets[last] + 1)


def find_within(text: str, quote: str, start: int, end: int) -> Anchor:
    """Locate `quote` inside text[start:end] (unique there), with offsets into the whole text.

    It searches the whole text's cached collapsed form between the two offsets, rather than
    collapsing a fresh slice for every evidence quote."""
    haystack, offsets = _collapsed_with_offsets(text)
    lo, hi = bisect.bisect_left(offsets, start), bisect.bisect_left(offsets, end)
    first, last = _unique(haystack[lo:hi], collapse(quote), "the quote")
    return _anchor(text, offsets[lo + first], offsets[lo + last] + 1)


def find_range(text: str, starts: str, ends: str) -> Anchor:
    """Locate the passage that begins with the unique `starts` and runs to the first `ends`
    after it (inclusive): how a long provision is anchored without copying its text."""
    haystack, offsets = _collapsed_with_offsets(text)
    first, _ = _unique(haystack, collapse(starts), "the start")
    tail = collapse(ends)
    hit = haystack.find(tail, first) if tail else -1
    if hit < 0:
        raise QuoteNotFound(f"the end {tail!r} does not occur after the start")
    return _anchor(text, offsets[first], offsets[hit + len(tail) - 1] + 1)


def _unique(haystack: str, needle: str, what: str) -> tuple[int, int]:
    """First and last collapsed offsets of the one occurrence of `needle`."""
    if not needle:
        raise QuoteNotFound(f"{what} is empty")
    first = haystack.find(needle)
    # as re.finditer would: the next occurrence that does not overlap the first
    hits = [] if first < 0 else [first, haystack.find(needle, first + len(needle))]
    hits = [h for h in hits if h >= 0]
    if not hits:
        raise QuoteNotFound(_nearest_hint(haystack, needle))
    if len(hits) > 1:
        count = len(re.findall(re.escape(needle), haystack))
        raise QuoteAmbiguous(f"{what} occurs {count} times in the source")
    return hits[0], hits[0] + len(needle) - 1


def _anchor(text: str, start: int, end: int) -> Anchor:
    return Anchor(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT) : start],
        suffix=text[end : end + CONTEXT],
        start=start,
        end=end,
    )


def _nearest_hint(haystack: str, needle: str) -> str:
    """Say how much of the quote does match, to point the author at the first difference."""
    low, high = 0, len(needle)
    while low < high:
        mid = (low + high + 1) // 2
        if needle[:mid] in haystack:
            low = mid
        else:
            high = mid - 1
    if low == 0:
        return "not even its first character occurs in the source"
    return f"the text matches up to {needle[:low]!r} but differs after it"


def add_anchor(g: Graph, node: URIRef, source: URIRef, found: Anchor) -> None:
    """Describe `found` as `node`, an oa:SpecificResource of `source` with both selectors
    (`{node}/quote` and `{node}/position`): the one way the project writes an anchor."""
    quote, position = URIRef(f"{node}/quote"), URIRef(f"{node}/position")
    g.add((node, RDF.type, OA.SpecificResource))
    g.add((node, OA.hasSource, source))
    g.add((node, OA.hasSelector, quote))
    g.add((node, OA.hasSelector, position))
    g.add((quote, RDF.type, OA.TextQuoteSelector))
    g.add((quote, OA.exact, Literal(found.exact)))
    g.add((quote, OA.prefix, Literal(found.prefix)))
    g.add((quote, OA.suffix, Literal(found.suffix)))
    g.add((position, RDF.type, OA.TextPositionSelector))
    g.add((position, OA.start, Literal(found.start, datatype=XSD.integer)))
    g.add((position, OA.end, Literal(found.end, datatype=XSD.integer)))
