"""Shared fixtures. Test data lives under tests/data, found relative to this file."""

from __future__ import annotations

import os

import pytest
from click.testing import CliRunner
from helpers.paths import TINY_PACK
from hypothesis import settings

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.loader import load_content

# Properties are about behaviour, not speed: a busy CI machine must not fail them on timing.
settings.register_profile("azrs", deadline=None)
# CI explores the same examples on every run, so a landing is judged on the code, not on luck;
# a developer's runs keep drawing new examples (and the database replays what they found).
settings.register_profile("azrs-ci", deadline=None, derandomize=True)
settings.load_profile("azrs-ci" if os.environ.get("CI") else "azrs")


@pytest.fixture(scope="session")
def bundled_content() -> Content:
    """The content that ships with azrs_quiz, loaded once."""
    return load_content()


@pytest.fixture(scope="session")
def tiny_content() -> Content:
    """A small pack with one or two records of every kind (tests/data/packs/tiny)."""
    return load_content(TINY_PACK)


@pytest.fixture
def runner() -> CliRunner:
    """A click runner; stderr is kept apart from stdout (click 8.2+)."""
    return CliRunner()


@pytest.fixture(autouse=True)
def _isolated_progress(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever reads or writes the real user's progress."""
    monkeypatch.setenv("AZRS_QUIZ_DATA_DIR", str(tmp_path_factory.mktemp("progress")))


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test ever reads or writes the real user's cache of question banks."""
    monkeypatch.setenv("AZRS_QUIZ_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    monkeypatch.delenv("AZRS_QUIZ_NO_CACHE", raising=False)
