"""Building Python data from a parsed YAML document, fast, for the plain documents content is.

PyYAML's constructor is general: generators for every mapping and list, a memo of every
node for aliases, merge keys. For a big pack that machinery costs more than parsing
(2.2 s of 4.3 s on 10,000 facts). Content files are plain mappings, lists and scalars,
so :func:`construct_plain` walks them directly (5 times faster), and hands anything
else (an alias, a merge key, an unusual tag) and any error back to the loader's own
constructor, whose result and messages therefore stay exactly what they were.
"""

from __future__ import annotations

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
