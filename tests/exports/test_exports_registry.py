"""The exporter registry: one module and one entry make a format, and the CLI follows the registry."""

from __future__ import annotations

import importlib
import inspect
import re
import sys
import types
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.paths import TINY_PACK

from azrs_quiz.cli.export_formats import export_command
from azrs_quiz.cli.main import main
from azrs_quiz.exports.registry import EXPORTERS, Exporter, Flag, exporter
from azrs_quiz.facts.content import Content
from azrs_quiz.questions import question_bank, spaced_order
from azrs_quiz.questions.model import Question


@pytest.mark.parametrize("entry", EXPORTERS, ids=lambda entry: entry.name)
def test_each_format_module_is_named_after_its_command_and_takes_its_flags(entry: Exporter) -> None:
    module = importlib.import_module(entry.module)
    assert Path(module.__file__ or "").stem in (entry.name.replace("-", "_"), "__init__")
    parameters = list(inspect.signature(entry.load()).parameters.values())
    positional = [p.name for p in parameters if p.kind is inspect.Parameter.POSITIONAL_ONLY]
    keywords = {p.name: p.default for p in parameters if p.kind is inspect.Parameter.KEYWORD_ONLY}
    assert positional == ["questions", "content"]
    assert keywords == {flag.name: False for flag in entry.flags}
    assert entry.extension.startswith(".")


def test_names_are_unique_and_found_by_name() -> None:
    names = [entry.name for entry in EXPORTERS]
    assert len(names) == len(set(names))
    assert all(exporter(name).name == name for name in names)
    with pytest.raises(KeyError):
        exporter("docx")


def test_the_export_help_lists_every_format_with_its_title(runner: CliRunner) -> None:
    result = runner.invoke(main, ["export", "--help"])

    assert result.exit_code == 0
    listing = result.stdout.split("Commands:\n", 1)[1]
    names = [line.split()[0] for line in listing.splitlines() if line.strip()]
    assert names == sorted(["anki", *(entry.name for entry in EXPORTERS)])
    for entry in EXPORTERS:
        assert re.search(rf"^  {re.escape(entry.name)} +{re.escape(entry.title)}$", listing, re.M), entry.name


def test_the_root_help_names_every_format(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])

    names = sorted(["anki", *(entry.name for entry in EXPORTERS)])
    assert f"  export    Export the questions: {', '.join(names)}.\n" in result.stdout


def _shout(questions: Sequence[Question], content: Content, /, *, loud: bool = False) -> bytes:
    text = "\n".join(question.id for question in questions) + "\n" + content.attribution
    return (text.upper() if loud else text).encode("utf-8")


def test_a_new_format_is_one_module_and_one_entry(
    runner: CliRunner, tmp_path: Path, tiny_content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("azrs_quiz.exports.shout")
    module.export = _shout  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "azrs_quiz.exports.shout", module)
    entry = Exporter(
        name="shout",
        extension=".bin",
        title="Every id, shouted.",
        help="Write every question id.",
        flags=(Flag("loud", "In capitals."),),
    )
    target = tmp_path / "ids.bin"

    result = runner.invoke(export_command(entry), ["--content", str(TINY_PACK), "--loud", "-o", str(target)])

    assert result.exit_code == 0, result.output
    bank = spaced_order(question_bank(tiny_content))  # the exports' default order
    assert target.read_bytes() == _shout(bank, tiny_content, loud=True)
    assert result.stderr == f"Wrote {len(bank)} questions to {target}\n"
    to_stdout = runner.invoke(export_command(entry), ["--content", str(TINY_PACK), "-o", "-"])
    assert to_stdout.stdout_bytes == _shout(bank, tiny_content)
    assert "--loud" in runner.invoke(export_command(entry), ["--help"]).stdout
