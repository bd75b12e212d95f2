"""Property tests: whatever is in a content file, the loader answers with its own error.

Every problem it reports is one line, names the file and a line number, so
``validate`` can print it as FILE:LINE: FIELD: message.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from azrs_quiz.errors import ContentError
from azrs_quiz.facts import yamlfile
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.loader import load_content
from azrs_quiz.facts.models import SECTIONS, Event, Figure, Source

PACK_YAML = "id: fuzz\ntitle: Fuzz\nlicence: CC-BY-SA-4.0\nattribution: Test data.\n"
# AZRS_FUZZ_EXAMPLES=5000 for a long hunt; the default keeps the suite fast.
EXAMPLES = int(os.environ.get("AZRS_FUZZ_EXAMPLES", "100"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Property tests: hundreds of generated packs each, so they run in the full suite, not the fast one.
pytestmark = pytest.mark.slow

# Keys an author might write, so generated documents reach the model checks, not only the top.
KEYS = st.sampled_from(
    [
        *SECTIONS,
        "id",
        "topic",
        "sources",
        "date",
        "what",
        "title",
        "name",
        "kind",
        "amount",
        "value",
        "currency",
        "unit",
        "prompts",
        "when",
        "people",
        "place",
        "country",
        "parties",
        "explanation",
    ]
) | st.text(max_size=8)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["dates", "people", "ref-1", "2011-02-30", "2011-13", "1997-08-21", "EUR", "city"])
)
NESTED = st.recursive(
    SCALARS,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(KEYS, children, max_size=5),
    max_leaves=30,
)


@contextmanager
def _pack(content_file: bytes, pack_file: bytes = PACK_YAML.encode()) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        pack = Path(folder)
        (pack / "pack.yaml").write_bytes(pack_file)
        (pack / "facts.yaml").write_bytes(content_file)
        yield pack


def _load_or_problems(pack: Path) -> Content | None:
    """Load the pack; on a ContentError, check each problem reads as FILE:LINE: FIELD: message."""
    try:
        return load_content(pack)
    except ContentError as error:
        assert error.problems
        for problem in error.problems:
            text = str(problem)
            assert "\n" not in text, text
            assert problem.path.parent == pack, text
            assert problem.line is not None and problem.line >= 1, text
            assert problem.field and problem.message, text
        return None


@FUZZ
@given(st.binary(max_size=300))
def test_arbitrary_bytes_as_a_content_file(data: bytes) -> None:
    with _pack(data) as pack:
        _load_or_problems(pack)


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes_as_pack_yaml(data: bytes) -> None:
    with _pack(b"sources:\n  - id: ref-1\n    title: A book\n", data) as pack:
        _load_or_problems(pack)


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    with _pack(text.encode("utf-8", "surrogatepass")) as pack:
        _load_or_problems(pack)


@FUZZ
@given(
    st.lists(
        st.sampled_from(
            [
                "sources:",
                "  - id: ref-1",
                "    title: [",
                "  -",
                "events:",
                "    date: 2011-02-30",
                "    what: x",
                "    topic: dates",
                "\t",
                "  - &a {id: x}",
                "  - *a",
                "'",
                "? [a]",
                ": b",
                "---",
                "%YAML 1.1",
                "!!python/object:os.system",
                "    id: ref-1",
            ]
        ),
        max_size=12,
    )
)
def test_yaml_looking_fragments(lines: list[str]) -> None:
    with _pack("\n".join(lines).encode()) as pack:
        _load_or_problems(pack)


@FUZZ
@given(NESTED)
def test_arbitrary_yaml_structures(data: Any) -> None:
    with _pack(yaml.safe_dump(data, allow_unicode=True).encode()) as pack:
        _load_or_problems(pack)


@FUZZ
@given(
    st.dictionaries(st.sampled_from(list(SECTIONS)), st.lists(st.dictionaries(KEYS, NESTED, max_size=6), max_size=3))
)
def test_arbitrary_records_in_real_sections(data: dict[str, Any]) -> None:
    with _pack(yaml.safe_dump(data, allow_unicode=True).encode()) as pack:
        _load_or_problems(pack)


PURE_PYTHON_LOADER = yamlfile.strict_loader(yaml.SafeLoader)


@FUZZ
@given(st.binary(max_size=200) | NESTED.map(lambda data: yaml.safe_dump(data, allow_unicode=True).encode()))
def test_the_pure_python_parser_too(data: bytes) -> None:
    # What runs when PyYAML was built without libyaml.
    with _pack(data) as pack, mock.patch.object(yamlfile, "_StrictLoader", PURE_PYTHON_LOADER):
        _load_or_problems(pack)


SLUGS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
TEXTS = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1, max_size=30
)
DAYS = st.dates(min_value=datetime.date(1, 1, 1), max_value=datetime.date(9999, 12, 31))
DATES = (
    DAYS.map(lambda day: day.isoformat())
    | DAYS.map(lambda day: f"{day.year:04d}-{day.month:02d}")
    | DAYS.map(lambda day: day.year)
)


@st.composite
def valid_packs(draw: st.DrawFn) -> dict[str, list[dict[str, Any]]]:
    source_ids = draw(st.lists(SLUGS, min_size=1, max_size=4, unique=True))
    event_ids = draw(st.lists(SLUGS.map(lambda slug: f"event-{slug}"), max_size=6, unique=True))
    numbers = draw(st.lists(st.integers(1, 500), min_size=len(source_ids), max_size=len(source_ids), unique=True))
    sources = [
        {"id": source_id, "title": draw(TEXTS), "number": number, "date": draw(DATES)}
        for source_id, number in zip(source_ids, numbers)
    ]
    events = [
        {
            "id": event_id,
            "topic": draw(st.sampled_from(["dates", "people", "agreements", "related"])),
            "date": draw(DATES),
            "what": draw(TEXTS),
            "explanation": draw(TEXTS),
            "sources": draw(st.lists(st.sampled_from(source_ids), min_size=1, max_size=3)),
            "prompts": {"when": f"When did {event_id} happen? {draw(TEXTS)}"},  # questions are unique
        }
        for event_id in event_ids
    ]
    figures = [
        {
            "id": figure_id,
            "topic": "agreements",
            "what": draw(TEXTS),
            "amount": draw(AMOUNTS),
            "explanation": draw(TEXTS),
            "sources": [draw(st.sampled_from(source_ids))],
        }
        for figure_id in draw(st.lists(SLUGS.map(lambda slug: f"figure-{slug}"), max_size=4, unique=True))
    ]
    return {"sources": sources, "events": events, "figures": figures}


AMOUNTS = st.fixed_dictionaries(
    # Valid amounts are below 10^15 with at most six decimal places (azrs_quiz.facts.models.AMOUNT_LIMIT).
    {"value": st.integers(1, 10**15 - 1) | st.decimals("0.01", "1e12", places=2).map(float)},
    optional={"qualifier": st.sampled_from(["exact", "about", "over", "rumoured"]), "per": st.just("year")},
).flatmap(lambda amount: st.sampled_from([{**amount, "currency": "EUR"}, {**amount, "unit": "howitzers"}]))


@FUZZ
@given(valid_packs())
def test_valid_records_round_trip(data: dict[str, list[dict[str, Any]]]) -> None:
    with _pack(yaml.safe_dump(data, allow_unicode=True).encode()) as pack:
        content = load_content(pack)
    assert list(content.sources.values()) == [Source.model_validate(source) for source in data["sources"]]
    assert list(content.events.values()) == [Event.model_validate(event) for event in data["events"]]
    assert list(content.figures.values()) == [Figure.model_validate(figure) for figure in data["figures"]]
    for event in data["events"]:
        loaded = content.events[event["id"]]
        assert loaded.date is not None
        assert loaded.date.iso() == (f"{event['date']:04d}" if isinstance(event["date"], int) else event["date"])
        assert loaded.what == event["what"]
