"""The fast constructor gives exactly what PyYAML's constructor gives, or hands over to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from azrs_quiz.facts.yamlfast import construct_plain, parse_plain_block
from azrs_quiz.facts.yamlfile import _CONSTRUCTION, _StrictLoader, read_yaml
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


# The line reader: plain block YAML read without nodes, or handed to the full parser.


def _typed(data: Any) -> Any:
    """The data with every value's type beside it: 1, 1.0 and True are told apart."""
    if isinstance(data, dict):
        return [(_typed(key), _typed(value)) for key, value in data.items()]
    if isinstance(data, list):
        return [_typed(item) for item in data]
    return (type(data).__name__, repr(data))


def _full(text: str) -> Any:
    """The full parser's data, with types, and its duplicate-key flag (or its error)."""
    result = _both(text)[1]
    return result if isinstance(result, str) else (_typed(result[0]), result[1])


def _read_by_lines(text: str) -> Any:
    return parse_plain_block(text, _StrictLoader, _CONSTRUCTION)


LINE_SNIPPETS = [
    "events:\n- id: a\n  date: 2011-02-03\n  amount: 1_000\n  ok: yes\n  none: ~\n  f: 1.5e3\n  g: -5\n",
    "events:\n  - id: a  \n    what: 'it''s'\n    when: \"2011-02\"\n    people:\n    - p\n    - q\n# a comment\n",
    "a:\nb: 1\nc:\n  - x: 1\n    y:\n      z: null\n  - plain text, with commas [and brackets]\n",
    "a: C# and http://x.org/a:b\nb: -\n",  # '-' alone is not plain text
    "a: one # a comment\n",
    "a: folded\n  on two lines\n",
    "a: [1, 2]\n",
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: |\n  block\n",
    "a: 1\na: 2\n",
    "a:\tb\n",
    "a: b\r\nc: d\r\n",
    "yes: 1\n",
    "- a\n- b\n",
    "a: 'unclosed\n",
    'a: "an \\t escape"\n',
    "a:\n   - 1\n  - 2\n",
    "a: " + "9" * 5000 + "\n",
    # The same resolved scalars again and again (the reader resolves each text once).
    "a:\n- 1\n- 1\n- yes\n- yes\n- 2011-02-03\n- 2011-02-03\nb: 1\nc: yes\nd: 1.5\ne: 1.5\nf: ~\ng: ~\n",
    "a: 1\nb:\n  c: 1\n  d: '1'\n  e: 1\n",
]


@pytest.mark.parametrize("text", LINE_SNIPPETS)
def test_the_line_reader_reads_the_same_or_hands_over(text: str) -> None:
    data = _read_by_lines(text)
    if data is not None:
        assert _full(text) == (_typed(data), False)


def test_the_line_reader_reads_a_plain_file() -> None:
    assert _read_by_lines(LINE_SNIPPETS[0]) is not None
    assert _read_by_lines(LINE_SNIPPETS[1]) == {
        "events": [{"id": "a", "what": "it's", "when": "2011-02", "people": ["p", "q"]}]
    }


_plain_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(alphabet="abyntfoYNTFOe019-_ .:#'\"é,[]?&*|>=~+x", min_size=1, max_size=12),
    st.sampled_from(["2011-02-03", "2011-02", "yes", "Off", "0x1f", "0o17", "1_000", "~", "1:30", ".5", "1e3", "-5"]),
)
_plain_keys = st.one_of(st.text(alphabet="abyntfoYNTFO01_-", min_size=1, max_size=8), st.sampled_from(["id", "on"]))
_plain_documents = st.dictionaries(
    _plain_keys,
    st.recursive(
        _plain_scalars,
        lambda children: st.one_of(
            st.lists(children, min_size=1, max_size=4), st.dictionaries(_plain_keys, children, min_size=1, max_size=4)
        ),
        max_leaves=20,
    ),
    min_size=1,
    max_size=4,
)


@given(_plain_documents, st.integers(min_value=2, max_value=4), st.randoms(use_true_random=False))
def test_any_block_document_reads_the_same_by_lines(data: dict[Any, Any], indent: int, rng: Any) -> None:
    text = yaml.safe_dump(data, default_flow_style=False, allow_unicode=True, indent=indent, width=10**6)
    lines = text.split("\n")
    mutated = list(lines)
    at = rng.randrange(len(mutated))
    mutated[at] = rng.choice(["", " ", "  ", "- "]) + mutated[at]
    for each in (text, "\n".join(mutated)):
        read = _read_by_lines(each)
        if read is not None:
            assert _full(each) == (_typed(read), False)
