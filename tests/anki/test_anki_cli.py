"""``azrs-quiz export anki`` as a user runs it."""

from __future__ import annotations

import gc
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers.cli import usage_error
from helpers.paths import TINY_PACK

from azrs_quiz.anki import export_anki
from azrs_quiz.anki.history import newest_mtime
from azrs_quiz.cli.main import main
from azrs_quiz.facts.content import Content

TINY_DECK = "A tiny pack for tests"


def deck_names(deck: Path, tmp_path: Path) -> set[str]:
    database = tmp_path / "unzipped.anki2"
    with zipfile.ZipFile(deck) as archive:
        database.write_bytes(archive.read("collection.anki2"))
    with sqlite3.connect(database) as connection:
        (decks,) = connection.execute("select decks from col").fetchone()
    return {deck["name"] for deck in json.loads(decks).values()} - {"Default"}


def test_export_writes_a_deck_and_says_what_it_wrote(runner: CliRunner, tmp_path: Path, tiny_content: Content) -> None:
    deck = tmp_path / "tiny.apkg"
    # The command dates notes the history does not know by the content's last edit.
    expected = export_anki(tiny_content, tmp_path / "library.apkg", edited_at=newest_mtime(TINY_PACK))

    result = runner.invoke(main, ["export", "anki", "--content", str(TINY_PACK), "--output", str(deck)])

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f'Wrote {expected.notes} notes ({expected.cards} cards) to {deck}, deck "{TINY_DECK}"\n'
    assert deck.read_bytes() == (tmp_path / "library.apkg").read_bytes()
    assert zipfile.is_zipfile(deck)
    assert deck_names(deck, tmp_path) == {TINY_DECK}


@pytest.mark.parametrize("content", [TINY_PACK, Path("no-such-pack")])
def test_export_leaves_the_garbage_collector_running(runner: CliRunner, tmp_path: Path, content: Path) -> None:
    # The command pauses collection while it builds (all it makes lives until exit), whether it
    # writes a deck or fails; the collector runs again afterwards.
    assert gc.isenabled()

    runner.invoke(main, ["export", "anki", "--content", str(content), "--output", str(tmp_path / "deck.apkg")])

    assert gc.isenabled()


def test_topic_limits_the_deck(runner: CliRunner, tmp_path: Path) -> None:
    deck = tmp_path / "dates.apkg"

    result = runner.invoke(main, ["export", "anki", "--content", str(TINY_PACK), "--topic", "dates", "-o", str(deck)])

    assert result.exit_code == 0, result.output
    assert deck_names(deck, tmp_path) == {TINY_DECK}
    assert result.stderr.endswith(f' to {deck}, deck "{TINY_DECK}"\n')


def test_existing_file_is_kept_without_force(runner: CliRunner, tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    deck.write_bytes(b"mine")

    refused = runner.invoke(main, ["export", "anki", "--content", str(TINY_PACK), "-o", str(deck)])
    kept = deck.read_bytes()
    forced = runner.invoke(main, ["export", "anki", "--content", str(TINY_PACK), "-o", str(deck), "--force"])

    assert refused.exit_code == 1
    assert refused.stderr == f"Error: '{deck}' already exists; use --force to overwrite it\n"
    assert kept == b"mine"
    assert forced.exit_code == 0, forced.output
    assert zipfile.is_zipfile(deck)
    assert [path.name for path in tmp_path.iterdir()] == ["deck.apkg"]  # no temporary file left


def test_dash_writes_the_package_to_stdout(runner: CliRunner, tmp_path: Path) -> None:
    deck = tmp_path / "deck.apkg"
    runner.invoke(main, ["export", "anki", "--content", str(TINY_PACK), "-o", str(deck)])

    result = runner.invoke(main, ["export", "anki", "--content", str(TINY_PACK), "-o", "-"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes == deck.read_bytes()
    assert result.stderr.endswith(f' to standard output, deck "{TINY_DECK}"\n')


def test_topic_the_content_lacks_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        main, ["export", "anki", "--content", str(TINY_PACK), "--topic", "related", "-o", str(tmp_path / "x.apkg")]
    )

    assert result.exit_code == 1
    assert result.stderr == (
        "Error: no questions on topic 'related'; topics available: dates, people, places, agreements, figures\n"
    )
    assert not (tmp_path / "x.apkg").exists()


def test_unknown_topic_is_a_usage_error_listing_the_choices(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["export", "anki", "--topic", "sport", "-o", str(tmp_path / "x.apkg")])

    assert result.exit_code == 2
    message = "Invalid value for '--topic': 'sport' is not one of 'dates', 'people', 'places', 'events', 'agreements', 'figures', 'related'."
    assert result.stderr == usage_error("export anki", message)


def test_recording_another_pack_needs_its_own_history(runner: CliRunner, tmp_path: Path) -> None:
    args = ["export", "anki", "--content", str(TINY_PACK), "-o", str(tmp_path / "x.apkg"), "--record-history"]

    result = runner.invoke(main, args)

    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: --record-history with --content needs --history FILE "
        "(the shipped history belongs to the bundled content)\n"
    )


def test_record_history_then_build_reproducibly(runner: CliRunner, tmp_path: Path) -> None:
    history = tmp_path / "history.json"
    base = ["export", "anki", "--content", str(TINY_PACK), "--history", str(history), "--force"]

    recorded = runner.invoke(
        main, [*base, "-o", str(tmp_path / "a.apkg"), "--record-history"], env={"SOURCE_DATE_EPOCH": "1800000000"}
    )
    rebuilt = runner.invoke(main, [*base, "-o", str(tmp_path / "b.apkg")])

    assert recorded.exit_code == 0, recorded.output
    notes = json.loads(history.read_text(encoding="utf-8"))["notes"]
    assert recorded.stderr.splitlines()[1] == f"Recorded {len(notes)} new or changed notes in the history"
    assert notes["fact:president-a"][1] == 1800000000
    assert rebuilt.exit_code == 0, rebuilt.output
    assert rebuilt.stderr.count("\n") == 1  # nothing to warn about
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()


def test_an_unrecorded_change_is_warned_about(runner: CliRunner, tmp_path: Path, tiny_content: Content) -> None:
    notes = export_anki(tiny_content, tmp_path / "library.apkg").notes
    history = tmp_path / "history.json"
    history.write_text('{"format": 1, "notes": {}}', encoding="utf-8")

    result = runner.invoke(
        main, ["export", "anki", "--content", str(TINY_PACK), "--history", str(history), "-o", str(tmp_path / "x.apkg")]
    )

    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[1] == (
        f"Warning: {notes + 2} notes or note types differ from the recorded history; before publishing the deck, "
        "run again with --record-history so users get them as updates"
    )


def test_a_missing_history_file_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"

    result = runner.invoke(
        main, ["export", "anki", "--content", str(TINY_PACK), "--history", str(missing), "-o", str(tmp_path / "x.apkg")]
    )

    assert result.exit_code == 1
    assert result.stderr == f"Error: history file '{missing}' does not exist (use --record-history to start one)\n"


def test_help_gives_examples(runner: CliRunner) -> None:
    result = runner.invoke(main, ["export", "anki", "--help"])

    assert result.exit_code == 0
    assert "azrs-quiz export anki --output azerbaijan-serbia.apkg" in result.stdout
    assert "--record-history" in result.stdout


@pytest.mark.slow
def test_a_large_deck_shows_a_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    import sys

    from benchmarks.synthetic import write_synthetic_pack

    pexpect = pytest.importorskip("pexpect")
    pack = write_synthetic_pack(tmp_path / "pack", 500)
    deck = tmp_path / "large.apkg"
    command = [sys.executable, "-m", "azrs_quiz", "export", "anki", "--content", str(pack), "-o", str(deck)]

    child = pexpect.spawn(command[0], command[1:], dimensions=(24, 100), timeout=60)
    screen = child.read().decode("utf-8")
    child.close()

    assert child.exitstatus == 0, screen
    assert "Writing notes" in screen and "━" in screen
    # The summary wraps at words on a terminal, its rest indented: read it joined again.
    summary = screen.replace("\r\n", "\n").replace("\n  ", " ").rstrip().splitlines()[-1]
    assert summary.endswith(f' to {deck}, deck "Synthetic pack of 500 facts"')
