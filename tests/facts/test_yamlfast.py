"""The fast constructor gives exactly what PyYAML's constructor gives, or hands over to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from azrs_quiz.facts.yamlfast import construct_plain
from azrs_quiz.facts.yamlfile import _StrictLoader, read_yaml
from tests.helpers.paths import TINY_PACK


def _both(text: str) -> tuple[tuple[Any, bool] | str, tuple[Any, bool] | str]:
    """(fast, general): each the data and the duplicate-key flag, or the error it raised."""
    results: list[tuple[Any, bool] | str] = []
    for construct in (construct_plain, lambda loader, node: loader.construct_document(node) if node else None):
        loader = _StrictLoader(text)
        try:
            data = construct(loader, loader.get_single_node())
            results.append((data, loader.has_duplicate_keys))
        except Exception as error:  # whatever either raises, both must raise it
            results.append(f"{type(error).__name__}: {error}")
        finally:
            loader.dispose()
    return results[0], results[1]


SNIPPETS = [
    "events:\n  - id: a\n    date: 2011-02-03\n    amount: 1_000\n    ok: yes\n    none: ~\n    f: 1.5e3\n",
    "a: 1\na: 2\n",  # a duplicate key
    "1: one\n'1': text one\n",  # the same key text, as the strict rule sees it
    "base: &b {x: 1}\nother: *b\n",  # an alias shares one object
    "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",  # a merge key
    "s: !!set {a, b}\n",
    "o: !!omap [{a: 1}, {b: 2}]\n",
    "? [a, b]\n: c\n",  # a list as a key
    "? {a: 1}\n: c\n",
    "=: value key\n",
    "bin: !!binary aGVsbG8=\n",
    "big: " + "9" * 5000 + "\n",  # refused by the strict int constructor
    "t: !custom x\n",
    "m: !!map x\n",
    "- [1, 2, [3, [4, {a: b}]]]\n- {}\n- []\n- ''\n",
    "true: t\nnull: n\n1.5: f\n2011-02-03: d\n",
    "",
    "just text\n",
]


@pytest.mark.parametrize("text", SNIPPETS)
def test_the_fast_constructor_agrees_on_every_kind_of_document(text: str) -> None:
    fast, general = _both(text)
    assert fast == general


def test_it_keeps_an_alias_shared() -> None:
    loader = _StrictLoader("base: &b [1]\nother: *b\n")
    data = construct_plain(loader, loader.get_single_node())
    assert data["base"] is data["other"]


_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(["2011-02-03", "yes", "no", "on", "0x1f", "0o17", "1_000", "~", "<<", "=", "1:30"]),
)
_keys = st.one_of(st.text(max_size=10), st.integers(), st.booleans(), st.sampled_from(["<<", "=", "2011-02-03"]))
_documents = st.recursive(
    _scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(_keys, children, max_size=4)),
    max_leaves=25,
)


@given(_documents, st.booleans())
def test_any_document_constructs_the_same(data: object, flow: bool) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    fast, general = _both(text)
    assert fast == general


def test_a_real_pack_reads_the_same() -> None:
    for path in sorted(TINY_PACK.glob("*.yaml")):
        document, problems = read_yaml(path)
        assert document is not None and not problems
        assert document.data == yaml.load(path.read_text(encoding="utf-8"), Loader=_StrictLoader)


def test_a_scalar_tagged_as_a_mapping_is_a_clear_problem(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text("events: !!map not a mapping\n", encoding="utf-8")
    document, problems = read_yaml(path)
    assert document is None
    assert [(problem.line, problem.field, problem.message) for problem in problems] == [
        (1, "yaml", "expected a mapping node, but found scalar")
    ]
