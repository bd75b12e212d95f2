"""``azrs-quiz progress path | export | import | reset`` through click."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.cli import usage_error
from helpers.progress import T0, answer, days, question

from azrs_quiz.cli.main import main
from azrs_quiz.progress import ProgressStore, database_path


def some_progress(data_dir: Path | None = None, count: int = 3) -> None:
    with ProgressStore.open(data_dir) as store:
        for number in range(count):
            store.record(answer(question(f"fact-{number}:when"), at=T0 + days(number)), mode="review", schedule=True)


def test_path_shows_where_progress_lives(runner: CliRunner, tmp_path: Path) -> None:
    assert runner.invoke(main, ["progress", "path"]).stdout == f"{database_path()}\n"
    result = runner.invoke(main, ["progress", "path", "--data-dir", str(tmp_path)])
    assert result.stdout == f"{tmp_path / 'progress.sqlite3'}\n"


def test_path_is_absolute_even_for_a_relative_data_dir(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["progress", "path", "--data-dir", "mine"])
    assert result.stdout == f"{tmp_path / 'mine' / 'progress.sqlite3'}\n"


def test_export_and_import_move_progress_to_another_machine(runner: CliRunner, tmp_path: Path) -> None:
    some_progress()
    file = tmp_path / "mine.json"
    exported = runner.invoke(main, ["progress", "export", str(file)])
    assert exported.exit_code == 0
    assert exported.stderr == f"Exported 3 answers to {file}.\n"
    assert len(json.loads(file.read_text(encoding="utf-8"))["answers"]) == 3

    other = tmp_path / "other-machine"
    imported = runner.invoke(main, ["progress", "import", str(file), "--data-dir", str(other)])
    assert imported.exit_code == 0
    assert imported.stdout == f"Imported 3 answers from {file} (0 already here).\n"
    again = runner.invoke(main, ["progress", "import", str(file), "--data-dir", str(other)])
    assert again.stdout == f"Imported 0 answers from {file} (3 already here).\n"
    with ProgressStore.open(other) as there, ProgressStore.open() as here:
        assert (there.reviews(), there.cards()) == (here.reviews(), here.cards())


def test_export_to_standard_output(runner: CliRunner) -> None:
    some_progress(count=1)
    result = runner.invoke(main, ["progress", "export", "-"])
    assert json.loads(result.stdout)["answers"][0]["question_id"] == "fact-0:when"
    assert result.stderr == ""


def test_export_will_not_overwrite_without_force(runner: CliRunner, tmp_path: Path) -> None:
    file = tmp_path / "mine.json"
    file.write_text("keep me", encoding="utf-8")
    result = runner.invoke(main, ["progress", "export", str(file)])
    assert result.exit_code == 1
    assert result.stderr == f"Error: '{file}' already exists; use --force to overwrite it\n"
    assert file.read_text(encoding="utf-8") == "keep me"
    assert runner.invoke(main, ["progress", "export", str(file), "--force"]).exit_code == 0
    assert json.loads(file.read_text(encoding="utf-8"))["format"] == "azrs-quiz-progress"


def test_a_bad_import_file_is_a_clear_error_and_changes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    some_progress()
    bad = tmp_path / "notes.json"
    bad.write_text('{"hello": "world"}', encoding="utf-8")
    result = runner.invoke(main, ["progress", "import", str(bad)])
    assert result.exit_code == 1
    assert result.stderr == (
        f'Error: {bad} is not a progress file: it has no "format": "azrs-quiz-progress" '
        "(make one with `azrs-quiz progress export FILE`)\n"
    )
    binary = tmp_path / "photo.json"
    binary.write_bytes(b"\xff\xd8\xff\xe0 not text")
    assert runner.invoke(main, ["progress", "import", str(binary)]).stderr == (
        f"Error: {binary} is not a progress file: not UTF-8 text\n"
    )
    with ProgressStore.open() as store:
        assert store.counts() == (3, 3)


def test_importing_a_missing_file_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.json"
    result = runner.invoke(main, ["progress", "import", str(missing)])
    assert result.exit_code == 2
    message = f"Invalid value for 'FILE': File '{missing}' does not exist."
    assert result.stderr == usage_error("progress import", message, arguments="FILE")


def test_reset_asks_first_and_no_changes_nothing(runner: CliRunner) -> None:
    some_progress()
    result = runner.invoke(main, ["progress", "reset"], input="n\n")
    # Answering no is a choice, not a failure.
    assert result.exit_code == 0
    assert " ".join(result.stdout.split()).startswith(
        "This sets aside your progress (3 answers, 3 questions scheduled) and starts afresh; "
        "nothing is deleted. Reset? [y/N]"
    )
    assert "\nReset? [y/N]" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    assert result.stderr == "Nothing was changed.\n"
    with ProgressStore.open() as store:
        assert store.counts() == (3, 3)
    # End of input is no, too.
    assert runner.invoke(main, ["progress", "reset"], input="").exit_code == 0
    assert database_path().is_file()


def test_reset_after_yes_starts_afresh_and_keeps_the_old_file(runner: CliRunner) -> None:
    some_progress()
    result = runner.invoke(main, ["progress", "reset"], input="y\n")
    assert result.exit_code == 0
    (kept,) = database_path().parent.glob("progress.sqlite3.reset-*")
    assert result.stdout.endswith(f"Progress reset. The old file is kept at {kept}; delete it if you do not need it.\n")
    with ProgressStore.open() as store:
        assert store.counts() == (0, 0)


def test_reset_yes_does_not_ask(runner: CliRunner) -> None:
    some_progress()
    result = runner.invoke(main, ["progress", "reset", "--yes"])
    assert result.exit_code == 0 and "[y/N]" not in result.stdout
    assert not database_path().exists()


def test_reset_with_no_progress(runner: CliRunner) -> None:
    result = runner.invoke(main, ["progress", "reset", "--yes"])
    assert result.stdout == f"There is no progress to reset ({database_path()} does not exist).\n"


def test_a_damaged_file_can_be_reset(runner: CliRunner) -> None:
    path = database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00garbage" * 500)
    stats = runner.invoke(main, ["progress", "export", "-"])
    backup = next(path.parent.glob("*.corrupt-*"))
    assert stats.exit_code == 1
    assert stats.stderr == (
        f"Error: the progress database '{path}' is damaged (file is not a database). Nothing was deleted: "
        f"a copy of it is kept at '{backup}'. To start afresh run `azrs-quiz progress reset --yes`; "
        "then `azrs-quiz progress import FILE` restores a progress export if you made one.\n"
    )
    result = runner.invoke(main, ["progress", "reset"], input="y\n")
    assert " ".join(result.stdout.split()).startswith(
        "This sets aside your damaged progress file and starts afresh; nothing is deleted. Reset? [y/N]"
    )
    assert result.exit_code == 0
    assert runner.invoke(main, ["progress", "export", "-"]).exit_code == 0
    names = sorted(p.name.split("-")[0] for p in path.parent.iterdir())
    # Exporting only reads: it creates no new, empty file (the next quiz or review does).
    assert names == ["progress.sqlite3.corrupt", "progress.sqlite3.reset"]


def test_every_command_has_help(runner: CliRunner) -> None:
    for command in (
        ["review"],
        ["stats"],
        ["progress"],
        ["progress", "export"],
        ["progress", "import"],
        ["progress", "reset"],
        ["progress", "path"],
    ):
        result = runner.invoke(main, [*command, "--help"])
        assert result.exit_code == 0 and "Example" in result.stdout, command
