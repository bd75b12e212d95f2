"""The JSON Schema ``azrs-quiz schema`` prints accepts real content, as an editor would read it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers.paths import TINY_PACK
from jsonschema import Draft202012Validator

from azrs_quiz.facts.bundled import bundled_content_path
from azrs_quiz.facts.scaffold import new_pack
from azrs_quiz.facts.schema import content_file_schema, pack_file_schema
from azrs_quiz.facts.yamlfile import read_yaml

CONTENT = Draft202012Validator(content_file_schema())
PACK = Draft202012Validator(pack_file_schema())


def _data(path: Path) -> Any:
    # Read as YAML 1.2 editors do: 2011-02-21 is text, not a date object.
    document, problems = read_yaml(path)
    assert document is not None and not problems, problems
    return document.data


def _errors(validator: Draft202012Validator, path: Path) -> list[str]:
    return [
        f"{path}: {'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(_data(path))
    ]


def test_the_schemas_are_valid_json_schema() -> None:
    Draft202012Validator.check_schema(content_file_schema())
    Draft202012Validator.check_schema(pack_file_schema())


@pytest.mark.parametrize("pack", [*sorted(bundled_content_path().iterdir()), TINY_PACK], ids=lambda pack: pack.name)
def test_every_shipped_file_validates_against_the_schema(pack: Path) -> None:
    # review.yaml is the pack's review of its questions, read by tests, not a content file.
    files = sorted(path for path in pack.rglob("*.yaml") if path.name != "review.yaml")
    assert files
    errors = [error for path in files for error in _errors(PACK if path.name == "pack.yaml" else CONTENT, path)]
    assert errors == []


def test_the_starter_pack_validates_against_the_schema(tmp_path: Path) -> None:
    written = new_pack(tmp_path / "pack")
    errors = [error for path in written for error in _errors(PACK if path.name == "pack.yaml" else CONTENT, path)]
    assert errors == []


def test_the_schema_catches_what_an_editor_should_underline(tmp_path: Path) -> None:
    path = tmp_path / "facts.yaml"
    path.write_text(
        "events:\n  - id: x\n    topic: history\n    wat: a typo\n    explanation: e\n    sources: [s]\n",
        encoding="utf-8",
    )
    messages = [error.message for error in CONTENT.iter_errors(_data(path))]
    assert any("'history' is not one of" in message for message in messages), messages
    assert any("'wat' was unexpected" in message for message in messages), messages
