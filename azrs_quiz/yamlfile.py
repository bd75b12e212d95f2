"""Reading YAML content files: fast parsing, duplicate keys caught, lines found for errors."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml's parser is several times faster; the pure-Python one is the fallback.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]

from azrs_quiz.errors import ContentProblem


class _StrictLoader(_BaseLoader):
    """A safe loader that records duplicate mapping keys instead of keeping the last one."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[tuple[int, str]] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.duplicate_keys.append((key_node.start_mark.line + 1, key_node.value))
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)  # type: ignore[no-any-return]

    def construct_timestamp_as_text(self, node: yaml.ScalarNode) -> str:
        # Dates stay text so that PartialDate reports "2011-02-30" clearly instead of
        # the YAML library failing with a bare ValueError.
        return str(node.value)


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _StrictLoader.construct_timestamp_as_text)


@dataclass(frozen=True)
class YamlDocument:
    """A parsed content file: its data, and its text for finding lines later."""

    path: Path
    text: str
    data: Any

    def line_of(self, location: Sequence[str | int]) -> int | None:
        """The line of the deepest node along ``location`` (keys and list indexes)."""
        return _line_in_tree(self._tree, location)

    @cached_property
    def _tree(self) -> yaml.Node | None:
        # Composed again only when a problem needs a line: the happy path never pays for it.
        try:
            return yaml.compose(self.text, Loader=_BaseLoader)
        except yaml.YAMLError:
            return None


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[ContentProblem]]:
    """Read and parse one YAML file, reporting every way it can fail as a problem."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [ContentProblem(path, None, "file", f"cannot be read: {error.strerror or error}")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [ContentProblem(path, line, "file", "is not UTF-8 text (found a byte that is not)")]
    if text.startswith("\ufeff"):
        text = text[1:]
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        message = error.problem or error.context or "invalid YAML"
        return None, [ContentProblem(path, line, "yaml", f"syntax error: {message}")]
    except yaml.YAMLError as error:  # e.g. a control character the reader rejects
        return None, [ContentProblem(path, _reader_error_line(text, error), "yaml", f"syntax error: {error}")]
    except (ValueError, TypeError, RecursionError) as error:  # a constructor refusing a value
        return None, [ContentProblem(path, None, "yaml", f"cannot read a value: {error}")]
    finally:
        loader.dispose()
    problems = [
        ContentProblem(path, line, key, "duplicate key in the same mapping (the earlier value would be lost)")
        for line, key in loader.duplicate_keys
    ]
    return YamlDocument(path, text, data), problems


def _line_in_tree(node: yaml.Node | None, location: Sequence[str | int]) -> int | None:
    """Find the line of a key path such as ``("events", 3, "date")`` in a composed document."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in location:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode) and key_node.value == str(step):
                    line = key_node.start_mark.line + 1
                    node = value_node
                    break
            else:
                return line
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    if isinstance(node, yaml.ScalarNode):
        line = node.start_mark.line + 1
    return line


def _reader_error_line(text: str, error: yaml.YAMLError) -> int | None:
    position = getattr(error, "position", None)
    if isinstance(position, int):
        return text[:position].count("\n") + 1
    return None
