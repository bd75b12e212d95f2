"""The command line's frame: start-up cost, help, version, errors, and the schema command."""

from __future__ import annotations

import importlib
import importlib.metadata
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from helpers.cli import usage_error
from helpers.paths import TINY_PACK

import azrs_quiz
from azrs_quiz.cli.export import SPECIAL, format_names
from azrs_quiz.cli.main import COMMANDS, RootGroup, main
from azrs_quiz.cli.options import TOPIC_CHOICES
from azrs_quiz.errors import UnknownTopic
from azrs_quiz.facts.models import TOPICS
from azrs_quiz.facts.yamlfile import read_yaml

#: What ``--help`` must never import: third-party libraries and our own heavy layers.
HEAVY = (
    "pydantic",
    "yaml",
    "rich",
    "genanki",
    "fsrs",
    "anki",
    "platformdirs",
    "sqlite3",
    "azrs_quiz.questions",
    "azrs_quiz.progress",
    "azrs_quiz.facts.loader",
)

#: Every registered command line, as the arguments that reach it.
COMMAND_LINES = [[name] for name in COMMANDS] + [["export", name] for name in format_names()]


def _python(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=cwd, timeout=60)


class TestStartUp:
    def test_help_of_every_command_imports_only_click(self) -> None:
        # One fresh interpreter: show each help in turn and note which heavy modules appear.
        script = f"""
import json, sys
from azrs_quiz.cli.main import main
heavy = {HEAVY!r}
seen = {{}}
for args in {COMMAND_LINES!r} + [[]]:
    try:
        main([*args, "--help"], prog_name="azrs-quiz")
    except SystemExit:
        pass
    for module in heavy:
        if module not in seen and any(name == module or name.startswith(module + ".") for name in sys.modules):
            seen[module] = " ".join(args) or "(root)"
print(json.dumps(seen))
"""
        result = _python("-c", script)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout.splitlines()[-1]) == {}

    def test_python_dash_m_shows_help(self, tmp_path: Path) -> None:
        result = _python("-m", "azrs_quiz", "--help", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("Usage: azrs-quiz [OPTIONS] COMMAND [ARGS]...")

    @pytest.mark.parametrize("flag", ["--version", "-V"])
    def test_version(self, flag: str) -> None:
        result = _python("-m", "azrs_quiz", flag)
        assert result.returncode == 0, result.stderr
        assert result.stdout == f"azrs-quiz, version {azrs_quiz.__version__}\n"

    def test_the_program_exits_with_each_commands_status_and_all_its_output(self, tmp_path: Path) -> None:
        # python -m azrs_quiz ends through run(): statuses and every byte written survive its quick exit.
        usage = _python("-m", "azrs_quiz", "quiz", "--count", "zero")
        assert usage.returncode == 2 and "Invalid value for '--count'" in usage.stderr
        broken = tmp_path / "broken"
        broken.mkdir()
        (broken / "facts.yaml").write_text("events:\n  - id: x\n", encoding="utf-8")
        invalid = _python("-m", "azrs_quiz", "validate", "--content", str(broken))
        assert invalid.returncode == 1 and invalid.stderr.endswith("no pack.yaml)\n1 problem found\n")
        exported = _python("-m", "azrs_quiz", "export", "json", "--output", "-")
        assert exported.returncode == 0, exported.stderr
        assert len(json.loads(exported.stdout)["questions"]) > 50

    def test_exit_handlers_still_run_and_a_message_exit_prints_it(self) -> None:
        script = """
import atexit, sys
atexit.register(lambda: print("handler ran", flush=True))
from azrs_quiz.cli import main as entry
sys.argv = ["azrs-quiz", "--version"]
def refuse(**kwargs):
    raise SystemExit("stopped: a reason")
if "--refuse" in sys.orig_argv:
    entry.main = refuse
entry.run()
"""
        shown = _python("-c", script)
        assert (shown.returncode, shown.stdout) == (0, f"azrs-quiz, version {azrs_quiz.__version__}\nhandler ran\n")
        refused = _python("-c", script, "--refuse")
        assert (refused.returncode, refused.stderr) == (1, "stopped: a reason\n")

    def test_a_thread_still_running_at_the_end_is_let_finish(self) -> None:
        # A quick exit would cut it off: run() leaves such a process to the usual shutdown.
        script = """
import sys, threading, time
from azrs_quiz.cli.main import run
threading.Thread(target=lambda: (time.sleep(0.3), print("thread done", flush=True))).start()
sys.argv = ["azrs-quiz", "--version"]
run()
"""
        result = _python("-c", script)
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1] == "thread done"

    def test_the_version_is_the_installed_distribution_version(self) -> None:
        assert importlib.metadata.version("azrs-quiz") == azrs_quiz.__version__

    def test_import_azrs_quiz_is_light_and_every_public_name_resolves(self) -> None:
        script = f"""
import sys, azrs_quiz
light = sorted({{m.split(".")[0] for m in sys.modules}} & {{m for m in {HEAVY!r} if "." not in m}})
missing = [name for name in azrs_quiz.__all__ if getattr(azrs_quiz, name, None) is None]
print(light, missing)
"""
        result = _python("-c", script)
        assert result.returncode == 0, result.stderr
        assert result.stdout == "[] []\n"
        assert sorted(dir(azrs_quiz)) == sorted(azrs_quiz.__all__)


class TestHelp:
    def test_the_root_help_lists_every_command_with_its_summary(self, runner: CliRunner) -> None:
        result = runner.invoke(main, ["--help"])
        assert result.exit_code == 0
        for name, (_, summary) in COMMANDS.items():
            assert re.search(rf"^  {re.escape(name)} +{re.escape(summary)}$", result.stdout, re.M), name

    def test_h_is_short_for_help(self, runner: CliRunner) -> None:
        assert runner.invoke(main, ["-h"]).stdout == runner.invoke(main, ["--help"]).stdout

    @pytest.mark.parametrize("args", COMMAND_LINES, ids=" ".join)
    def test_every_command_has_help_text(self, runner: CliRunner, args: list[str]) -> None:
        lazy = SPECIAL if args[0] == "export" and len(args) == 2 else COMMANDS
        if args[-1] in lazy:
            importlib.import_module(lazy[args[-1]][0].split(":")[0])
        result = runner.invoke(main, [*args, "--help"])
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"Usage: main {' '.join(args)} ")
        description = result.stdout.split("\n\n")[1].strip()
        assert len(description) > 20, result.stdout

    def test_an_unknown_command_is_a_usage_error(self, runner: CliRunner) -> None:
        result = runner.invoke(main, ["quizz"])
        assert result.exit_code == 2
        assert result.stderr == usage_error("", "No such command 'quizz'.", arguments="COMMAND [ARGS]...")


def test_topic_choices_match_the_model() -> None:
    assert TOPIC_CHOICES == TOPICS


def test_library_errors_become_one_clean_line_and_exit_1(runner: CliRunner) -> None:
    @click.command()
    def boom() -> None:
        raise UnknownTopic("unknown topic 'history'; choose from dates, people, agreements")

    group = RootGroup(name="azrs-quiz", lazy_commands={}, commands=[boom])
    result = runner.invoke(group, ["boom"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "Error: unknown topic 'history'; choose from dates, people, agreements\n"


def test_other_exceptions_are_not_hidden(runner: CliRunner) -> None:
    @click.command()
    def bug() -> None:
        raise ZeroDivisionError("a bug")

    result = runner.invoke(RootGroup(name="azrs-quiz", lazy_commands={}, commands=[bug]), ["bug"])
    assert isinstance(result.exception, ZeroDivisionError)


# --- the schema command --------------------------------------------------------------------


def _validate(instance: Any, schema: dict[str, Any], root: dict[str, Any], path: str = "$") -> list[str]:
    """A small JSON Schema checker for the keywords our schemas use (jsonschema is not a dependency)."""
    if "$ref" in schema:
        return _validate(instance, root["$defs"][schema["$ref"].rsplit("/", 1)[1]], root, path)
    if "anyOf" in schema:
        attempts = [_validate(instance, option, root, path) for option in schema["anyOf"]]
        return [] if any(not errors for errors in attempts) else [f"{path}: matches no option: {attempts}"]
    kinds: dict[str, type | tuple[type, ...]] = {
        "object": dict,
        "array": list,
        "string": str,
        "null": type(None),
        "boolean": bool,
        "integer": int,
        "number": (int, float),
    }
    expected = schema.get("type")
    if expected is not None and (
        not isinstance(instance, kinds[expected]) or (isinstance(instance, bool) and expected != "boolean")
    ):
        return [f"{path}: {instance!r} is not of type {expected}"]
    errors: list[str] = []
    if "enum" in schema and instance not in schema["enum"]:
        errors.append(f"{path}: {instance!r} not in {schema['enum']}")
    if isinstance(instance, str):
        if "pattern" in schema and not re.search(schema["pattern"], instance):
            errors.append(f"{path}: {instance!r} does not match {schema['pattern']}")
        if len(instance) < schema.get("minLength", 0) or len(instance) > schema.get("maxLength", len(instance)):
            errors.append(f"{path}: {instance!r} has the wrong length")
    if isinstance(instance, (int, float)) and not isinstance(instance, bool):
        if instance < schema.get("minimum", instance) or instance > schema.get("maximum", instance):
            errors.append(f"{path}: {instance} out of range")
        if "exclusiveMinimum" in schema and instance <= schema["exclusiveMinimum"]:
            errors.append(f"{path}: {instance} is not above {schema['exclusiveMinimum']}")
    if isinstance(instance, list):
        if len(instance) < schema.get("minItems", 0):
            errors.append(f"{path}: too few items")
        for index, item in enumerate(instance):
            errors += _validate(item, schema.get("items", {}), root, f"{path}[{index}]")
    if isinstance(instance, dict):
        properties = schema.get("properties", {})
        errors += [f"{path}: missing {name}" for name in schema.get("required", []) if name not in instance]
        for key, value in instance.items():
            if key in properties:
                errors += _validate(value, properties[key], root, f"{path}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{path}: unknown key {key}")
    return errors


def _schema(runner: CliRunner, *args: str) -> dict[str, Any]:
    result = runner.invoke(main, ["schema", *args])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _yaml(path: Path) -> Any:
    document, problems = read_yaml(path)  # dates stay text, as in the YAML editors see
    assert document is not None and not problems
    return document.data


class TestSchema:
    def test_content_schema_is_json_schema_of_every_section(self, runner: CliRunner) -> None:
        schema = _schema(runner)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        assert schema["type"] == "object"
        assert schema["additionalProperties"] is False
        assert set(schema["properties"]) == {
            "sources",
            "places",
            "organisations",
            "people",
            "events",
            "agreements",
            "figures",
            "doubts",
        }
        assert schema["properties"]["events"] == {
            "items": {"$ref": "#/$defs/Event"},
            "title": "Events",
            "type": "array",
        }

    def test_editors_get_enums_patterns_and_date_forms(self, runner: CliRunner) -> None:
        event = _schema(runner)["$defs"]["Event"]
        assert event["additionalProperties"] is False
        assert event["properties"]["topic"]["enum"] == list(TOPICS)
        assert event["properties"]["id"]["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
        date_forms = event["properties"]["date"]["anyOf"][0]["anyOf"]
        assert {"type": "integer", "minimum": 1, "maximum": 9999} in date_forms
        assert {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"} in date_forms
        assert set(event["required"]) == {"id", "topic", "sources", "explanation", "what"}

    def test_the_tiny_pack_files_are_valid_under_the_schema(self, runner: CliRunner) -> None:
        schema = _schema(runner)
        for name in ("facts.yaml", "sources.yaml"):
            assert _validate(_yaml(TINY_PACK / name), schema, schema) == [], name

    @pytest.mark.parametrize(
        ("document", "error"),
        [
            ({"event": []}, "$: unknown key event"),
            ({"events": None}, "$.events: None is not of type array"),
            ({"sources": [{"id": "Bad_Id", "title": "T"}]}, "$.sources[0].id: 'Bad_Id' does not match"),
            ({"sources": [{"id": "ref-1"}]}, "$.sources[0]: missing title"),
            (
                {"sources": [{"id": "ref-1", "title": "T", "date": "21 August 1997"}]},
                "$.sources[0].date: matches no option",
            ),
            (
                {"events": [{"id": "e", "topic": "history", "sources": ["s"], "explanation": "x", "what": "y"}]},
                "$.events[0].topic: 'history' not in",
            ),
        ],
    )
    def test_the_schema_rejects_what_the_loader_rejects(self, runner: CliRunner, document: Any, error: str) -> None:
        schema = _schema(runner)
        errors = _validate(document, schema, schema)
        assert len(errors) == 1
        assert errors[0].startswith(error)

    def test_pack_schema(self, runner: CliRunner) -> None:
        schema = _schema(runner, "--pack")
        assert schema["title"] == "azrs_quiz pack.yaml"
        assert set(schema["required"]) == {"id", "title", "licence", "attribution"}
        assert _validate(_yaml(TINY_PACK / "pack.yaml"), schema, schema) == []
        assert _validate(
            {"id": "tiny", "title": "T", "licence": "L", "attribution": "A", "license": "x"}, schema, schema
        ) == ["$: unknown key license"]

    def test_the_default_is_the_content_file_schema(self, runner: CliRunner) -> None:
        assert _schema(runner)["title"] == "azrs_quiz content file"
        assert _schema(runner, "--content-file") == _schema(runner)


@pytest.mark.parametrize("command", ["quiz", "review"])
def test_ctrl_c_while_loading_exits_130_without_a_traceback(
    command: str, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(_path: object, **_options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(f"azrs_quiz.cli.{command}.bank_for_cli", interrupted)

    result = runner.invoke(main, [command], input="")

    assert result.exit_code == 130
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
