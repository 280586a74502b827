"""Find a quote in its source text and describe the place as W3C Web Annotation selectors.

Source texts are hard-wrapped, so a quote matches when it equals the text with runs of
whitespace collapsed to one space. The selectors still point into the stored text as it is:
`oa:exact` is the original slice and the positions are code-point offsets into the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    needle = collapse(quote)
    if not needle:
        raise QuoteNotFound("the quote is empty")
    haystack, offsets = _collapsed_with_offsets(text)
    hits = [m.start() for m in re.finditer(re.escape(needle), haystack)]
    if not hits:
        raise QuoteNotFound(_nearest_hint(haystack, needle))
    if len(hits) > 1:
        raise QuoteAmbiguous(f"the quote occurs {len(hits)} times in the source")
    start = offsets[hits[0]]
    end = offsets[hits[0] + len(needle) - 1] + 1
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
