"""Loading YAML files so that every problem can be reported with the file and the line.

Editors change `prompts/` and operators change `config/` without reading code, so a
mistake must be reported as "file:line: what is wrong", never as a traceback.
"""

from __future__ import annotations

import string
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


# The languages every word a user sees is written in (`{en: ..., cy: ...}`), English first in the files.
LANGUAGES = ("en", "cy")


def _slots(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return {"?"}


class Checker:
    """Small helpers that read typed fields out of a mapping, or raise ConfigError with the line.

    `lang`: the language words a user sees are read in (`say`, `says`); both must be there either way.
    """

    def __init__(self, path: str | Path, lang: str = "en", *, one_language: bool = False):
        self.path = str(path)
        self.lang = lang
        # a file in one language (a workspace's exported deck): its plain text stands for both
        self.one_language = one_language

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

    def said(self, value: Any, parent: Any, key: Any, what: str, *, same_in_both: bool = False) -> str:
        """Words a user sees, `{en: ..., cy: ...}`: both there, naming the same {slots}; the one in `lang`.

        `same_in_both`: plain text is allowed and means the same in both languages (a brand name).
        """
        if isinstance(value, str | int | float) and not isinstance(value, bool) and str(value).strip():
            if same_in_both:
                return str(value).strip()
            raise self.fail(
                parent, key, f"{what} has no Welsh: write it as {{en: ..., cy: ...}}, English and Welsh"
            )
        if not isinstance(value, dict):
            raise self.fail(parent, key, f"{what} must be text in both languages: {{en: ..., cy: ...}}")
        unknown = sorted(set(value) - set(LANGUAGES))
        if unknown:
            raise self.fail(value, unknown[0], f"{what} takes 'en:' and 'cy:' only, not '{unknown[0]}'")
        texts = {}
        for lang in LANGUAGES:
            text = value.get(lang)
            if isinstance(text, bool) or not isinstance(text, str | int | float) or not str(text).strip():
                name = "Welsh" if lang == "cy" else "English"
                raise self.fail(
                    value, lang if lang in value else None, f"{what} is missing its {name} ('{lang}:')"
                )
            texts[lang] = " ".join(str(text).split()) if "\n" not in str(text) else str(text).strip()
        if _slots(texts["en"]) != _slots(texts["cy"]):
            en, cy = sorted(_slots(texts["en"])), sorted(_slots(texts["cy"]))
            raise self.fail(
                value, "cy", f"{what}: the Welsh names the slots {cy}, the English {en}; they must match"
            )
        return texts[self.lang]

    def say(self, node: dict, key: str, what: str, *, same_in_both: bool = False) -> str:
        if key not in node or node[key] is None:
            raise self.fail(node, None, f"{what} is missing '{key}'")
        return self.said(node[key], node, key, f"'{key}' in {what}", same_in_both=same_in_both)

    def says(self, node: dict, key: str, what: str, *, min_items: int = 1) -> list[str]:
        value = node.get(key)
        if value is None:
            raise self.fail(node, None, f"{what} is missing '{key}'")
        if not isinstance(value, list):
            raise self.fail(node, key if key in node else None, f"'{key}' in {what} must be a list")
        out = [
            self.said(item, value, i, f"item {i + 1} of '{key}' in {what}") for i, item in enumerate(value)
        ]
        if len(out) < min_items:
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
