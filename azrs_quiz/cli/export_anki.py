"""``azrs-quiz export anki``: an Anki package that updates in place and builds reproducibly."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from azrs_quiz.cli.options import content_option, echo_wrapped, output_options, topic_option
from azrs_quiz.cli.streams import unescaped, write_bytes_to_stdout
from azrs_quiz.text import plural

if TYPE_CHECKING:
    from azrs_quiz.anki import AnkiExport

#: Decks with at least this many notes show a progress bar (on a terminal only).
PROGRESS_THRESHOLD = 1000


@click.command("anki")
@content_option
@topic_option
@output_options
@click.option(
    "--history",
    "history_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="The note history file that dates each note (default: the one shipped with azrs_quiz).",
)
@click.option(
    "--record-history",
    is_flag=True,
    help="First record new and changed notes in the history at the current time (or SOURCE_DATE_EPOCH).",
)
def export_anki(
    content_path: Path | None,
    topics: tuple[str, ...],
    output: Path,
    force: bool,
    history_path: Path | None,
    record_history: bool,
) -> None:
    """Build an Anki package (.apkg): one deck per pack, topics as tags.

    Every note has a fixed identity, so importing a newer deck updates your cards
    in place and keeps their review history. The same content always builds the
    same bytes. Each note's modification time comes from a recorded history;
    maintainers pass --record-history after changing the content so the edits
    reach users as updates. Notes that left the content are shipped tagged
    azrs::retired.

    \b
    Examples:
      azrs-quiz export anki --output azerbaijan-serbia.apkg
      azrs-quiz export anki --topic dates --topic people -o some.apkg --force
      azrs-quiz export anki --output decks/azerbaijan-serbia.apkg --force --record-history
    """
    if record_history and content_path is not None and history_path is None:
        raise click.UsageError(
            "--record-history with --content needs --history FILE (the shipped history belongs to the bundled content)"
        )
    to_stdout = str(output) == "-"
    if to_stdout and _stdout_is_a_terminal():
        raise click.UsageError(
            "an Anki package is binary and standard output is a terminal: "
            "redirect it (--output - > deck.apkg) or give a file name with --output"
        )
    from azrs_quiz.gcpause import garbage_collection_paused_until_exit

    # The content, the bank and the notes all live until the command ends: no collection pass
    # needs to scan them (nor what the imports make).
    with garbage_collection_paused_until_exit():
        result = _export(content_path, topics, output, to_stdout, force, history_path, record_history)

    where = "standard output" if to_stdout else str(output)
    decks = ", ".join(f'"{name}"' for name in result.decks)
    retired = f", {result.retired} retired" if result.retired else ""
    noun = "deck" if len(result.decks) == 1 else "decks"
    echo_wrapped(f"Wrote {result.notes} notes ({result.cards} cards{retired}) to {where}, {noun} {decks}", err=True)
    if result.recorded:
        count = len(result.recorded)
        echo_wrapped(f"Recorded {plural(count, 'new or changed note')} in the history", err=True)
    elif result.unrecorded and (content_path is None or history_path is not None):
        echo_wrapped(
            f"Warning: {result.unrecorded} notes or note types differ from the recorded history; "
            "before publishing the deck, run again with --record-history so users get them as updates",
            err=True,
        )


def _export(
    content_path: Path | None,
    topics: tuple[str, ...],
    output: Path,
    to_stdout: bool,
    force: bool,
    history_path: Path | None,
    record_history: bool,
) -> AnkiExport:
    """Load the content and write its deck (to a temporary file first for standard output)."""
    from azrs_quiz.cli.options import load_content_for_cli

    # Loaded before the engine is imported: its files are parsed meanwhile (see load_content_for_cli).
    content = load_content_for_cli(content_path)
    from azrs_quiz.anki import export_anki as build_deck
    from azrs_quiz.anki.history import newest_mtime
    from azrs_quiz.atomic import temporary_folder
    from azrs_quiz.facts.loader import bundled_content_path

    edited_at = newest_mtime(content_path if content_path is not None else bundled_content_path())
    with _progress_bar() as progress, temporary_folder("azrs-anki-") as folder:
        target = Path(folder) / "deck.apkg" if to_stdout else output
        result = build_deck(
            content,
            target,
            topics=list(topics) or None,  # type: ignore[arg-type]  # click.Choice gives valid topics
            force=force,
            history=history_path,
            record_history=record_history,
            edited_at=edited_at,
            progress=progress,
        )
        if to_stdout:
            write_bytes_to_stdout(target.read_bytes())
    return result


@contextmanager
def _progress_bar() -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback drawing a rich bar on a terminal for large decks; ``None`` elsewhere."""
    stream = unescaped(sys.stderr)  # rich's colours are not content to escape
    if not _may_be_a_terminal(stream):
        yield None  # what rich would decide, without importing it (a tenth of a second)
        return
    from rich.console import Console

    console = Console(file=stream)
    if not console.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("Writing notes"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    )
    task: list[Any] = []

    def advance(done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD:
            return
        if not task:
            # Started with the first note written, not before: its refresh thread would keep
            # the question bank from being built on more than one core (see azrs_quiz.parts).
            bar.start()
            task.append(bar.add_task("notes", total=total))
        if done == total or done % 100 == 0:
            bar.update(task[0], completed=done)

    try:
        yield advance
    finally:
        if task:
            bar.stop()


def _may_be_a_terminal(stream: Any) -> bool:
    """False only where rich's console would surely see no terminal: no isatty, or a false one.

    ``TTY_COMPATIBLE`` and ``FORCE_COLOR`` in the environment can make rich see one anyway:
    then rich decides.
    """
    if "TTY_COMPATIBLE" in os.environ or "FORCE_COLOR" in os.environ:
        return True
    isatty = getattr(stream, "isatty", None)
    try:
        return isatty is not None and bool(isatty())
    except (ValueError, OSError):  # a closed stream
        return True


def _stdout_is_a_terminal() -> bool:
    """True when standard output is a terminal (where a binary package would be garbage)."""
    import sys

    try:
        return sys.stdout is not None and sys.stdout.isatty()
    except ValueError:  # a closed stream
        return False
