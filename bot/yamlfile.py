"""Loading YAML files so that every problem can be reported with the file and the line.

Editors change `prompts/` and operators change `config/` without reading code, so a
mistake must be reported as "file:line: what is wrong", never as a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class ConfigError(Exception):
    """A problem in a file an editor or operator wrote; carries where it is."""

    def __init__(self, path: str | Path, line: int | None, problem: str):
        self.path = str(path)
        self.line = line
        self.problem = problem
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {problem}")


class Mapping(dict):
    """A YAML mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict


class Sequence(list):
    """A YAML sequence that remembers the line it starts on and the line of each item."""

    line: int = 0
    item_lines: list


# libyaml's parser when PyYAML has it (the prompts load about ten times faster); same nodes, same marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseLoader):
    """A safe loader whose mappings and sequences carry 1-based line numbers."""

    def construct_mapping(self, node, deep=False):
        base = super().construct_mapping(node, deep=True)
        out = Mapping(base)
        out.line = node.start_mark.line + 1
        out.key_lines = {}
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                # PyYAML silently keeps the last duplicate; an editor would never notice.
                raise ConfigError(self.name, key_node.start_mark.line + 1, f"the key '{key}' appears twice")
            seen.add(key)
            out.key_lines[key] = key_node.start_mark.line + 1
        return out

    def construct_sequence(self, node, deep=False):
        out = Sequence(super().construct_sequence(node, deep=True))
        out.line = node.start_mark.line + 1
        out.item_lines = [child.start_mark.line + 1 for child in node.value]
        return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _LineLoader.construct_sequence)


def load(path: str | Path) -> Any:
    """Parse one YAML file; raise ConfigError naming the file and line on any problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(path, None, "the file does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, None, f"the file cannot be read ({exc.__class__.__name__}: {exc})") from None
    loader = _LineLoader(text)
    loader.name = str(path)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "the YAML is not valid"
        if (
            exc.context
            and exc.context_mark
            and exc.problem_mark
            and exc.context_mark.line != exc.problem_mark.line
        ):
            # "while parsing a flow sequence" started earlier: that line is usually the one to fix.
            problem += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise ConfigError(path, line, f"YAML syntax: {problem}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(path, None, f"YAML syntax: {exc}") from None
    finally:
        loader.dispose()


def line_of(node: Any, key: Any = None) -> int | None:
    """The line of `node` (or of `key` inside it) when the loader recorded one."""
    if key is not None and isinstance(node, Mapping):
        return node.key_lines.get(key, node.line)
    if isinstance(node, Sequence) and isinstance(key, int) and key < len(node.item_lines):
        return node.item_lines[key]
    return getattr(node, "line", None) or None


class Checker:
    """Small helpers that read typed fields out of a mapping, or raise ConfigError with the line."""

    def __init__(self, path: str | Path):
        self.path = str(path)

    def fail(self, node: Any, key: Any, problem: str) -> ConfigError:
        return ConfigError(self.path, line_of(node, key), problem)

    def mapping(self, node: Any, what: str, parent: Any = None, key: Any = None) -> Mapping:
        if not isinstance(node, dict):
            raise self.fail(
                parent if parent is not None else node, key, f"{what} must be a mapping (key: value)"
            )
        return node  # type: ignore[return-value]

    def text(self, node: dict, key: str, what: str, *, required: bool = True, default: str = "") -> str:
        if key not in node or node[key] is None:
            if required:
                raise self.fail(node, None, f"{what} is missing '{key}'")
            return default
        value = node[key]
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise self.fail(node, key, f"'{key}' in {what} must be text")
        value = str(value).strip()
        if required and not value:
            raise self.fail(node, key, f"'{key}' in {what} is empty")
        return value

    def texts(
        self, node: dict, key: str, what: str, *, required: bool = True, min_items: int = 1
    ) -> list[str]:
        if key not in node or node[key] is None:
            if required:
                raise self.fail(node, None, f"{what} is missing '{key}'")
            return []
        value = node[key]
        if not isinstance(value, list):
            raise self.fail(node, key, f"'{key}' in {what} must be a list")
        out = []
        for i, item in enumerate(value):
            if isinstance(item, bool) or not isinstance(item, str | int | float) or not str(item).strip():
                raise self.fail(value, i, f"item {i + 1} of '{key}' in {what} must be non-empty text")
            out.append(str(item).strip())
        if required and len(out) < min_items:
            raise self.fail(
                node, key, f"'{key}' in {what} needs at least {min_items} item(s), it has {len(out)}"
            )
        return out

    def number(self, node: dict, key: str, what: str, default: float, *, minimum: float = 0) -> float:
        value = node.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(node, key, f"'{key}' in {what} must be a number")
        if value < minimum:
            raise self.fail(node, key, f"'{key}' in {what} must be at least {minimum}")
        return value
