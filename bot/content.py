"""Reading content files (YAML) with errors that name the file, the entry and the field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class ContentError(Exception):
    """A content file is malformed. The message names file, entry and field."""

    def __init__(self, path: Path, where: str | None, field: str | None, problem: str) -> None:
        parts = [str(path)]
        if where:
            parts.append(where)
        if field:
            parts.append(f"field '{field}'")
        super().__init__(": ".join(parts) + f": {problem}")


def read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ContentError(path, None, None, f"cannot be read ({error.strerror})") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark is not None else None
        raise ContentError(path, line, None, f"is not valid YAML ({error})") from None


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
