"""Reading YAML content files: fast parsing, duplicate keys caught, lines found for errors."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
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
from azrs_quiz.facts.yamlfast import construct_plain, parse_plain_block
from azrs_quiz.files import UnreadableFile, read_regular_file

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")

#: Whether the fast libyaml parser is in use.
USING_LIBYAML = _BaseLoader.__name__ == "CSafeLoader"


class StrictConstruction(yaml.constructor.SafeConstructor):
    """Safe construction that flags duplicate mapping keys, keeps dates as text and refuses huge numbers.

    Mixed into a loader class ahead of the parser: libyaml's when present, the
    pure-Python one otherwise (see :func:`strict_loader`).
    """

    has_duplicate_keys = False

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        if not isinstance(node, yaml.MappingNode):  # "!!map text": PyYAML's own error names it
            return super().construct_mapping(node, deep=deep)
        seen: set[str] = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if key_node.value in seen:
                    self.has_duplicate_keys = True
                seen.add(key_node.value)
        return super().construct_mapping(node, deep=deep)

    def construct_timestamp_as_text(self, node: yaml.ScalarNode) -> str:
        # Dates stay text so that PartialDate reports "2011-02-30" clearly instead of
        # the YAML library failing with a bare ValueError.
        return str(node.value)

    def construct_int_with_limit(self, node: yaml.ScalarNode) -> int:
        try:
            return super().construct_yaml_int(node)
        except ValueError as error:  # Python refuses to parse integers of over 4300 digits
            raise yaml.constructor.ConstructorError(
                None, None, f"the number {node.value[:20]}... is too long to read", node.start_mark
            ) from error


def strict_loader(base: type[Any]) -> type[Any]:
    """A loader class parsing with ``base`` (a safe loader) and constructing strictly."""
    loader: type[Any] = type(f"Strict{base.__name__}", (StrictConstruction, base), {})
    loader.add_constructor("tag:yaml.org,2002:timestamp", StrictConstruction.construct_timestamp_as_text)
    loader.add_constructor("tag:yaml.org,2002:int", StrictConstruction.construct_int_with_limit)
    return loader


_StrictLoader = strict_loader(_BaseLoader)
#: The strict scalar constructors, for values read without a loader (see :func:`parse_plain_block`).
_CONSTRUCTION = StrictConstruction()


@dataclass(frozen=True)
class YamlDocument:
    """A parsed content file: its data, and its text for finding lines later."""

    path: Path
    text: str
    data: Any

    def line_of(self, location: Sequence[str | int]) -> int:
        """The line of the deepest node along ``location`` (keys and list indexes)."""
        return _line_in_tree(self._tree, location, self._key_indexes)

    @cached_property
    def _key_indexes(self) -> dict[int, dict[str, tuple[yaml.Node, yaml.Node]]]:
        # Each mapping's keys, indexed the first time a problem looks into it: finding
        # the line of every one of n problems in a mapping stays linear, not quadratic.
        return {}

    @cached_property
    def _tree(self) -> yaml.Node | None:
        # Composed again only when a problem needs a line: the happy path never pays for it.
        try:
            return yaml.compose(self.text, Loader=_StrictLoader)
        except (yaml.YAMLError, RecursionError):
            return None


def read_yaml(path: Path) -> tuple[YamlDocument | None, list[ContentProblem]]:
    """Read and parse one YAML file, reporting every way it can fail as a problem."""
    try:
        raw = read_regular_file(path)
    except UnreadableFile as error:
        reason = "is a folder, not a YAML file" if error.kind == "a folder" else error.reason
        return None, [ContentProblem(path, 1, "file", reason)]
    return parse_yaml(path, raw)


def parse_yaml(path: Path, raw: bytes) -> tuple[YamlDocument | None, list[ContentProblem]]:
    """Parse the bytes ``raw`` read from ``path`` (see :func:`read_yaml`), reporting every way they can fail."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"is not UTF-8 text (byte 0x{raw[error.start]:02x} cannot start or continue a character)"
        return None, [ContentProblem(path, line, "file", message)]
    if text.startswith("\ufeff"):
        text = text[1:]
    data = parse_plain_block(text, _StrictLoader, _CONSTRUCTION)
    if data is not None:  # plain block YAML, read line by line: nothing to report
        return YamlDocument(path, text, data), []
    loader = None
    try:
        loader = _StrictLoader(text)  # the pure-Python reader checks characters here already
        node = loader.get_single_node()
        data = construct_plain(loader, node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else 1
        message = error.problem or error.context or "invalid YAML"
        if not isinstance(error, yaml.constructor.ConstructorError):  # a constructor parsed fine but refused a value
            message = f"syntax error: {message}"
        return None, [ContentProblem(path, line, "yaml", message)]
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        message = f"character U+{error.character:04X} is not allowed in a YAML file"
        return None, [ContentProblem(path, line, "yaml", message)]
    except yaml.YAMLError as error:  # pragma: no cover - every error the parsers raise is one of the above
        return None, [ContentProblem(path, 1, "yaml", f"syntax error: {' '.join(str(error).split())}")]
    except RecursionError:
        return None, [ContentProblem(path, 1, "yaml", "syntax error: the data is nested too deeply")]
    finally:
        if loader is not None:
            loader.dispose()
    document = YamlDocument(path, text, data)
    problems = []
    if loader.has_duplicate_keys:
        problems = [
            ContentProblem(path, line, label, "duplicate key in the same mapping (the earlier value would be lost)")
            for line, label in _duplicate_keys(document._tree)
        ]
    return document, problems


def key_label(key: object) -> str:
    """A mapping key as a field path shows it: bare when it is a plain word, else quoted."""
    text = str(key)
    return text if _PLAIN_KEY.fullmatch(text) else repr(text)


def _duplicate_keys(root: yaml.Node | None) -> Iterator[tuple[int, str]]:
    """Every repeated key in the document, as (line, dotted path such as ``events[2].date``)."""
    stack: list[tuple[yaml.Node, str]] = [(root, "")] if root is not None else []
    visited: set[int] = set()
    while stack:
        node, label = stack.pop()
        if id(node) in visited:  # an alias points at a node already walked
            continue
        visited.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            children = []
            for key_node, value_node in node.value:
                key = str(key_node.value) if isinstance(key_node, yaml.ScalarNode) else "?"
                child = f"{label}.{key_label(key)}" if label else key_label(key)
                if isinstance(key_node, yaml.ScalarNode) and key in seen:
                    yield key_node.start_mark.line + 1, child
                seen.add(key)
                children.append((value_node, child))
            stack.extend(reversed(children))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(reversed([(item, f"{label}[{index}]") for index, item in enumerate(node.value)]))


def _line_in_tree(
    node: yaml.Node | None,
    location: Sequence[str | int],
    indexes: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]],
) -> int:
    """Find the line of a key path such as ``("events", 3, "date")`` in a composed document."""
    line = node.start_mark.line + 1 if node is not None else 1
    for step in location:
        if isinstance(node, yaml.MappingNode):
            found = _keys_of(node, indexes).get(str(step))
            if found is None:
                return line
            key_node, node = found
            line = key_node.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
            line = node.start_mark.line + 1
        else:
            return line
    if isinstance(node, yaml.ScalarNode):
        line = node.start_mark.line + 1
    return line


def kind_of(value: object) -> str:
    """What a YAML value is, in an author's words: "a mapping", "a list", "text"..."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    return f"a {type(value).__name__}"


def _keys_of(
    node: yaml.MappingNode, indexes: dict[int, dict[str, tuple[yaml.Node, yaml.Node]]]
) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """The scalar keys of a mapping node (the first of duplicates), indexed once per node."""
    index = indexes.get(id(node))
    if index is None:
        index = {}
        for key_node, value_node in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                index.setdefault(key_node.value, (key_node, value_node))
        indexes[id(node)] = index
    return index
