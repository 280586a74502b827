"""Read a YAML file together with the line of every value, for line-numbered errors.

PyYAML's composer keeps each node's position; we walk the node tree beside the loaded data so
that any path an error names (`claims.3.attestations.0.quote`) maps back to a line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import UserError

Path_ = tuple[str | int, ...]


def load(path: Path) -> tuple[Any, dict[Path_, int]]:
    """Return the file's data and a map from each value's path to its 1-based line."""
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(err, "problem", None) or str(err)
        raise UserError(
            f"this is not valid YAML ({problem})",
            path,
            line,
            "check the indentation and quoting on that line; "
            "a value containing ': ' or starting with a quote must be quoted whole",
        ) from None
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _walk(node: yaml.Node, here: Path_, lines: dict[Path_, int]) -> None:
    lines[here] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            child = here + (str(key.value),)
            _walk(value, child, lines)
            lines[child] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, here + (index,), lines)


def line_of(lines: dict[Path_, int], where: Path_) -> int | None:
    """The line of `where`, or of its nearest ancestor that the file has."""
    for cut in range(len(where), -1, -1):
        if where[:cut] in lines:
            return lines[where[:cut]]
    return None
