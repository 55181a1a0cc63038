"""Reading content files (YAML) with errors that name the file, the entry and the field.

Every YAML file the bot reads (content/ and catalogue imports) goes through `load_yaml`: the
safe loader without anchors and aliases (a 430-byte "billion laughs" file otherwise expands
to gigabytes), with nesting and node counts bounded before anything is built, and with a
repeated key refused (naming its line) instead of the last one silently winning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, NodeEvent
from yaml.nodes import MappingNode, Node, ScalarNode

MAX_YAML_DEPTH = 20  # a catalogue needs 5 levels; content files fewer
MAX_YAML_NODES = 500_000  # a 5 MB catalogue of ~4,000 courses has about 170,000
_MERGE_TAG = "tag:yaml.org,2002:merge"


class ContentError(Exception):
    """A content file is malformed. The message names file, entry and field."""

    def __init__(self, path: Path, where: str | None, field: str | None, problem: str) -> None:
        parts = [str(path)]
        if where:
            parts.append(where)
        if field:
            parts.append(f"field '{field}'")
        super().__init__(": ".join(parts) + f": {problem}")


class YamlRefused(yaml.MarkedYAMLError):
    """Valid YAML the bot will not read: an anchor or alias, a repeated key, too deep or too big."""

    def __init__(self, problem: str, mark: Any) -> None:
        super().__init__(problem=problem, problem_mark=mark)


def _refuse_event(event: yaml.Event, depth: int, nodes: int) -> None:
    if isinstance(event, AliasEvent):
        raise YamlRefused(f"aliases (*{event.anchor}) are not allowed: write the value out", event.start_mark)
    if isinstance(event, NodeEvent) and event.anchor is not None:
        raise YamlRefused(f"anchors (&{event.anchor}) are not allowed: write the value out", event.start_mark)
    if depth > MAX_YAML_DEPTH:
        raise YamlRefused(f"nested deeper than {MAX_YAML_DEPTH} levels", event.start_mark)
    if nodes > MAX_YAML_NODES:
        raise YamlRefused(f"more than {MAX_YAML_NODES:,} values: split the file", event.start_mark)


class _NoDuplicateKeys(yaml.constructor.SafeConstructor):
    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        first_line: dict[tuple[str, str], int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _MERGE_TAG:
                continue
            key = (key_node.tag, key_node.value)
            if key in first_line:
                raise YamlRefused(
                    f"key '{key_node.value}' appears twice (first on line {first_line[key]})",
                    key_node.start_mark,
                )
            first_line[key] = key_node.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


class StrictSafeLoader(yaml.SafeLoader, _NoDuplicateKeys):
    """PyYAML's SafeLoader, refusing anchors, aliases, repeated keys, deep nesting, huge files."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event: yaml.Event = self.peek_event()  # type: ignore[no-untyped-call]
        self._nodes += 1
        _refuse_event(event, self._depth + 1, self._nodes)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _CStrictLoader(yaml.CSafeLoader, _NoDuplicateKeys):  # type: ignore[misc]
        """libyaml's parser (5x faster) for files `_check_events` has already vetted."""

    _FastLoader = _CStrictLoader


def _check_events(text: str) -> None:
    """Stream the file's events (nothing is built) and refuse it before loading if need be."""
    depth = nodes = 0
    assert _FastLoader is not None
    for event in yaml.parse(text, Loader=_FastLoader):
        if isinstance(event, CollectionEndEvent):
            depth -= 1
            continue
        if isinstance(event, NodeEvent):
            nodes += 1
            _refuse_event(event, depth + 1, nodes)
        if isinstance(event, CollectionStartEvent):
            depth += 1


def load_yaml(text: str) -> Any:
    """Parse YAML text with `StrictSafeLoader`'s rules; raises `yaml.YAMLError`."""
    if _FastLoader is None:
        return yaml.load(text, Loader=StrictSafeLoader)  # noqa: S506 (a SafeLoader subclass)
    _check_events(text)
    return yaml.load(text, Loader=_FastLoader)  # noqa: S506 (a CSafeLoader subclass)


def yaml_problem(error: yaml.YAMLError) -> tuple[str | None, str]:
    """(line N, what) on one line, without PyYAML's multi-line excerpt of the file."""
    mark = None
    what: object = error
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        what = error.problem or error.context or "not valid YAML"
    return (f"line {mark.line + 1}" if mark is not None else None), " ".join(str(what).split())


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise ContentError(path, None, None, f"cannot be read ({error.strerror})") from None
    except ValueError as error:
        raise ContentError(path, None, None, f"is not UTF-8 text ({error})") from None
    try:
        return load_yaml(text)
    except yaml.YAMLError as error:
        line, what = yaml_problem(error)
        raise ContentError(path, line, None, f"is not valid YAML ({what})") from None


def require_list(path: Path, data: Any, key: str, where: str | None = None) -> list[Any]:
    value = data.get(key) if isinstance(data, dict) else None
    if not isinstance(value, list):
        raise ContentError(path, where, key, "is missing or is not a list")
    return value


def require_str(path: Path, where: str, data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(path, where, key, "is missing or empty")
    return value
