"""Property: any content that ``validate`` accepts yields a bank, quizzes, every export and the screen, without exceptions.

Packs are drawn with hostile values on purpose: amounts from the tiniest to the
largest number text can hold, years far outside history, text with control
characters and bidirectional overrides. Most are refused by validation; whatever
is accepted must never make the engine raise.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from azrs_quiz.cli import render
from azrs_quiz.errors import ContentError
from azrs_quiz.exports.registry import EXPORTERS
from azrs_quiz.facts.loader import load_content
from azrs_quiz.questions import build_quiz, question_bank
from azrs_quiz.session import Answer

pytestmark = pytest.mark.slow

PACK = {"id": "hostile", "title": "Hostile", "licence": "CC0", "attribution": "Nobody"}
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=40).filter(str.strip)
#: Amounts at and near the edges of what validation accepts, and far beyond them.
EDGE_AMOUNT = st.decimals(min_value="0.000001", max_value="999999999999999.999999", places=6).map(str)
AMOUNT = st.one_of(
    EDGE_AMOUNT,
    EDGE_AMOUNT,
    EDGE_AMOUNT,
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["1e36", "1.0e+300", "1e-999999999", "0.000001", "999999999999999.999999", "1e15"]),
)
DATE = st.one_of(
    st.integers(1, 9999),
    st.integers(1, 9999),
    st.integers(-5, 10_005),
    st.sampled_from(["0001-01-01", "9999-12-31", "9999-12", "0000", "2011-02-30"]),
    st.dates().map(str),
)


@st.composite
def packs(draw: st.DrawFn) -> dict[str, Any]:
    base = {"sources": ["ref"], "explanation": draw(TEXT)}
    figures = [
        {
            "id": f"figure-{n}",
            "topic": "agreements",
            "what": draw(TEXT),
            **base,
            "amount": {"value": draw(AMOUNT), "currency": "EUR"},
        }
        for n in range(draw(st.integers(0, 4)))
    ]
    events = [
        {"id": f"event-{n}", "topic": "dates", "what": draw(TEXT), "date": draw(DATE), **base}
        for n in range(draw(st.integers(0, 5)))
    ]
    agreements = [
        {
            "id": f"agreement-{n}",
            "topic": "agreements",
            "kind": "loan",
            "what": draw(TEXT),
            "date": draw(DATE),
            "value": {"value": draw(AMOUNT), "unit": draw(TEXT)},
            **base,
        }
        for n in range(draw(st.integers(0, 3)))
    ]
    return {
        "sources": [{"id": "ref", "title": draw(TEXT), "number": 1}],
        "events": events,
        "figures": figures,
        "agreements": agreements,
    }


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(packs())
def test_content_that_validates_never_makes_the_engine_raise(data: dict[str, Any]) -> None:
    folder = Path(tempfile.mkdtemp(prefix="azrs-hostile-"))
    try:
        (folder / "pack.yaml").write_text(yaml.safe_dump(PACK), encoding="utf-8")
        (folder / "facts.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        try:
            content = load_content(folder)
        except ContentError:
            event("refused by validation")
            return  # refused, with a message: fine
        event("validated")
        bank = question_bank(content)
        if not bank:
            return
        quiz = build_quiz(content, count=len(bank), seed=1)
        symbols = render.symbols_for("utf-8")
        for number, question in enumerate(quiz.questions, start=1):
            render.question(question, number, len(quiz.questions), symbols, 80)
            render.feedback(Answer(question, question.answer, 1.0, _now()), symbols, 80)
            assert all(len(option) < 400 for option in question.options)
        for exporter in EXPORTERS:
            if exporter.name != "anki":
                exporter.load()(bank, content)
    finally:
        shutil.rmtree(folder)


def _now() -> Any:
    from datetime import datetime, timezone

    return datetime(2026, 3, 2, tzinfo=timezone.utc)
