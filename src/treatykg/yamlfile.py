"""Read a YAML file together with the line of every value, for line-numbered errors.

PyYAML's composer keeps each node's position; we walk the node tree beside the loaded data so
that any path an error names (`claims.3.attestations.0.quote`) maps back to a line. The loader
is PyYAML's safe one made stricter: a key given twice, or an impossible date, is an error at
its line instead of a silently kept last value or a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from .errors import UserError

Path_ = tuple[str | int, ...]


# libyaml's parser (CSafeLoader) keeps node positions like the pure-Python one and composes
# ten times faster, which matters at a million triples of claims
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that refuses duplicate keys and reports bad dates at their node."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise ConstructorError(
                    None,
                    None,
                    f"the key {key!r} appears twice in one mapping (first on line {seen[key]})",
                    key_node.start_mark,
                )
            seen[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as err:
            raise ConstructorError(
                None, None, f"{node.value!r} is not a valid date ({err})", node.start_mark
            ) from None


StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", StrictLoader.construct_yaml_timestamp)


def read_text(path: Path) -> str:
    """A file's text, or a `UserError` if it is not UTF-8."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise UserError(
            f"this file is not UTF-8 text (byte {raw[err.start]:#04x} at offset {err.start})",
            path,
            line,
            "save the file as UTF-8 (most editors: 'Save with encoding' → UTF-8)",
        ) from None


def load(path: Path) -> tuple[Any, dict[Path_, int]]:
    """Return the file's data and a map from each value's path to its 1-based line."""
    text = read_text(path)
    try:
        loader = StrictLoader(text)  # a SafeLoader: builds no objects
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as err:
        raise _syntax_error(err, path) from None
    lines: dict[Path_, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return data, lines


def _syntax_error(err: yaml.MarkedYAMLError, path: Path) -> UserError:
    problem = err.problem or str(err)
    mark = err.problem_mark
    opened = err.context_mark
    unclosed = "quoted scalar" in (err.context or "") or "end of stream" in problem
    if unclosed and opened is not None and mark is not None and opened.line != mark.line:
        # an unclosed quote: the problem surfaces far below where it starts
        problem = f"{err.context} (line {opened.line + 1}): {problem} (line {mark.line + 1})"
        mark = opened
    if isinstance(err, ConstructorError):
        return UserError(
            problem,
            path,
            mark.line + 1 if mark else None,
            "remove or rename one of the two keys"
            if "twice" in problem
            else "write a real calendar date as YYYY-MM-DD",
        )
    return UserError(
        f"this is not valid YAML: {problem}",
        path,
        mark.line + 1 if mark else None,
        "close the quote that opens on that line"
        if unclosed
        else "check the indentation and quoting on that line; "
        "a value containing ': ' or starting with a quote must be quoted whole",
    )


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
