"""Building Python data from YAML content fast, for the plain documents content is.

Two shortcuts, each giving exactly what PyYAML's loader gives, or handing over to it:

- :func:`parse_plain_block` reads a file written in plain block style (one key or
  item per line, plain or simply quoted scalars: what ``yaml.safe_dump`` writes) line
  by line, with the loader's own resolver and scalar constructors, never building a
  node: 2 to 3 times faster than libyaml's parser and the walk below together.
- :func:`construct_plain` builds the data of a parsed document. PyYAML's constructor
  is general: generators for every mapping and list, a memo of every node for
  aliases, merge keys. For a big pack that machinery costs more than parsing (2.2 s of
  4.3 s on 10,000 facts). Content files are plain mappings, lists and scalars, so it
  walks them directly (5 times faster), and hands anything else (an alias, a merge
  key, an unusual tag) and any error back to the loader's own constructor, whose
  result and messages therefore stay exactly what they were.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

_TAG = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ = _TAG + "str", _TAG + "map", _TAG + "seq"
#: Scalar tags whose constructors (the loader's own, looked up at run time) return plain, hashable values.
_SCALAR_TAGS = frozenset(_TAG + name for name in ("null", "bool", "int", "float", "binary", "timestamp"))


class _NotPlain(Exception):
    """The document needs the general constructor."""


def construct_plain(loader: Any, node: Node | None) -> Any:
    """The data of ``node`` as ``loader.construct_document(node)`` gives it.

    ``loader`` is a strict loader (see :mod:`azrs_quiz.facts.yamlfile`): its scalar
    constructors are used, and its ``has_duplicate_keys`` flag is set the same way.
    """
    if node is None:
        return None
    try:
        return _Walk(loader).value(node)
    except Exception:  # anything unusual or wrong: the general constructor decides
        loader.has_duplicate_keys = False
        return loader.construct_document(node)


class _Walk:
    def __init__(self, loader: Any) -> None:
        self.loader = loader
        self.constructors = loader.yaml_constructors
        self.seen: set[int] = set()

    def value(self, node: Node) -> Any:
        kind = type(node)
        tag = node.tag
        if kind is ScalarNode:
            if tag == _STR:
                return node.value
            if tag not in _SCALAR_TAGS:
                raise _NotPlain
            return self.constructors[tag](self.loader, node)
        if id(node) in self.seen:  # an alias: the general constructor shares the object
            raise _NotPlain
        self.seen.add(id(node))
        if kind is MappingNode and tag == _MAP:
            return self.mapping(node)
        if kind is SequenceNode and tag == _SEQ:
            return [self.value(item) for item in node.value]
        raise _NotPlain

    def mapping(self, node: Node) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        keys: set[str] = set()
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode or (key_node.tag != _STR and key_node.tag not in _SCALAR_TAGS):
                raise _NotPlain  # a merge key, a '=' key, a mapping or list as a key
            if key_node.value in keys:  # the same rule as StrictConstruction.construct_mapping
                self.loader.has_duplicate_keys = True
            keys.add(key_node.value)
            result[self.value(key_node)] = self.value(value_node)
        return result


# Reading the plain block YAML that content files are, without building nodes.

#: A key the line reader takes as it is: a word of letters, digits, "_" and "-" (resolved as text).
_WORD_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,99}")
#: Characters that start something other than a plain scalar (an anchor, a tag, a flow collection...).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")


class _Unusual(Exception):
    """The text needs the full parser."""


def parse_plain_block(text: str, loader_class: Any, construction: Any) -> dict[Any, Any] | None:
    """The data of a content file written in plain block style, or ``None`` when it is anything else.

    Content files are mappings and lists in block style, one key or item per line, with
    plain or simply quoted scalars. Such a file is read here line by line, several times
    faster than through libyaml's nodes, with ``loader_class``'s own resolver and scalar
    constructors (called on ``construction``, an instance of its constructor class), so
    every value is exactly what the loader makes of it. Anything else
    (a flow collection, an anchor, a tag, a block or multi-line scalar, an escape, a
    comment after a value, a tab, a duplicate key, any error) gives ``None``: the full
    parser then reads the file, and reports its problems with their lines.
    """
    try:
        return _LineReader(text, loader_class, construction).document()
    except (_Unusual, RecursionError):
        return None
    except Exception:  # a scalar constructor refused a value: the full parser says why
        return None


#: What the resolver cache holds for a scalar not yet resolved.
_UNSEEN = object()


class _LineReader:
    def __init__(self, text: str, loader_class: Any, construction: Any) -> None:
        # Tabs, carriage returns, other line breaks, control characters: one check of the whole text.
        if not text.replace("\n", "").isprintable():
            raise _Unusual
        lines: list[tuple[int, str]] = []
        append = lines.append
        for raw in text.split("\n"):
            content = raw.lstrip(" ")
            if content and content[0] != "#":
                append((len(raw) - len(content), content.rstrip(" ")))
        self.lines = lines
        self.resolvers: dict[Any, list[tuple[str, Any]]] = loader_class.yaml_implicit_resolvers
        self.wildcard = self.resolvers.get(None, [])
        #: First characters of a scalar that may be anything but plain text (with a wildcard resolver: any).
        self.special: frozenset[Any] | None = None if self.wildcard else _INDICATORS | frozenset(self.resolvers)
        self.constructors = loader_class.yaml_constructors
        self.construction = construction
        self.keys: set[str] = set()
        #: Scalars already resolved (and built: every value a resolved scalar gives is immutable).
        self.resolved: dict[str, Any] = {}

    def plain(self, text: str) -> bool:
        """Whether ``text`` (a value, not empty) is plain text that no resolver looks at: the commonest case."""
        special = self.special
        return (
            special is not None and text[0] not in special and text[-1] != ":" and " #" not in text and ": " not in text
        )

    def document(self) -> dict[Any, Any]:
        lines = self.lines
        if not lines or lines[0][0] != 0 or lines[0][1].startswith("- ") or lines[0][1] == "-":
            raise _Unusual
        data, end = self.mapping(0, 0)
        if end != len(lines):
            raise _Unusual
        return data

    def mapping(self, at: int, indent: int) -> tuple[dict[Any, Any], int]:
        lines = self.lines
        count = len(lines)
        keys = self.keys
        special = self.special
        result: dict[Any, Any] = {}
        while at < count:
            depth, content = lines[at]
            if depth != indent:
                break
            key, colon, rest = content.partition(": ")
            if not colon:
                if content[-1:] != ":":
                    raise _Unusual
                key, rest = content[:-1], ""
            else:
                rest = rest.lstrip(" ")
            if key not in keys:
                if not _WORD_KEY.fullmatch(key) or self.tag(key) != _STR:
                    raise _Unusual
                keys.add(key)
            if key in result:
                raise _Unusual  # a duplicate key: the full parser reports it with its line
            at += 1
            if rest:
                # Plain text no resolver looks at (the plain() test, inline: most values are such text).
                if (
                    special is not None
                    and rest[0] not in special
                    and rest[-1] != ":"
                    and " #" not in rest
                    and ": " not in rest
                ):
                    result[key] = rest
                else:
                    result[key] = self.scalar(rest)
            elif at < count and lines[at][0] > indent:
                result[key], at = self.block(at, lines[at][0])
            elif at < count and lines[at][0] == indent and (lines[at][1][:2] == "- " or lines[at][1] == "-"):
                result[key], at = self.sequence(at, indent)
            else:
                result[key] = None
            if at < count and lines[at][0] > indent:
                raise _Unusual  # a continued scalar, or indentation the full parser must judge
        return result, at

    def block(self, at: int, indent: int) -> tuple[Any, int]:
        content = self.lines[at][1]
        if content[:2] == "- " or content == "-":
            return self.sequence(at, indent)
        return self.mapping(at, indent)

    def sequence(self, at: int, indent: int) -> tuple[list[Any], int]:
        lines = self.lines
        count = len(lines)
        items: list[Any] = []
        while at < count:
            depth, content = lines[at]
            if depth != indent or content[:2] != "- ":
                break
            body = content[2:].lstrip(" ")
            if body[:1] in ("'", '"') or (": " not in body and body[-1:] != ":"):
                if body[:2] == "- ":
                    raise _Unusual
                items.append(body if self.plain(body) else self.scalar(body))
                at += 1
                if at < count and lines[at][0] > indent:
                    raise _Unusual
                continue
            # "- key: value" opens a mapping indented as far as its first key.
            lines[at] = (indent + len(content) - len(body), body)
            item, at = self.mapping(at, lines[at][0])
            items.append(item)
            if at < count and lines[at][0] > indent:
                raise _Unusual
        if at < count and lines[at][0] == indent and lines[at][1] == "-":
            raise _Unusual
        return items, at

    def scalar(self, text: str) -> Any:
        first = text[0]
        if first in _INDICATORS:
            if first == "'":
                inner = text[1:-1]
                if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
                    raise _Unusual
                return inner.replace("''", "'")
            if first == '"':
                inner = text[1:-1]
                if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
                    raise _Unusual
                return inner
            if first != "-" or text[1:2] in ("", " "):
                raise _Unusual
        if " #" in text or ": " in text or text[-1] == ":":
            raise _Unusual
        if first not in self.resolvers and not self.wildcard:
            return text
        value = self.resolved.get(text, _UNSEEN)
        if value is _UNSEEN:
            tag = self.tag(text)
            if tag == _STR:
                value = text
            elif tag not in _SCALAR_TAGS:
                raise _Unusual  # a merge key, a '=' value
            else:
                value = self.constructors[tag](self.construction, ScalarNode(tag, text))
            self.resolved[text] = value
        return value

    def tag(self, text: str) -> str:
        """The tag the loader's resolver gives a plain scalar."""
        for tag, pattern in self.resolvers.get(text[0], ()):
            if pattern.match(text):
                return str(tag)
        for tag, pattern in self.wildcard:
            if pattern.match(text):
                return str(tag)
        return _STR
