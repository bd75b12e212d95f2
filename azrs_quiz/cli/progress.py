"""``azrs-quiz progress``: where progress lives, export it, import it, or start afresh."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from azrs_quiz.cli.options import data_dir_option
from azrs_quiz.text import plural


@click.group()
def progress() -> None:
    """Export, import or reset your learning progress.

    Your answers and review schedule live in one SQLite file, progress.sqlite3, in
    your user data folder (see `azrs-quiz progress path`); --data-dir or the
    AZRS_QUIZ_DATA_DIR variable put it elsewhere.

    \b
    Examples:
      azrs-quiz progress export my-progress.json
      azrs-quiz progress import my-progress.json      (on the other machine)
      azrs-quiz progress reset
    """


@progress.command("path", short_help="Print where your progress file is.")
@data_dir_option
def path_command(data_dir: Path | None) -> None:
    """Print where your progress file is.

    \b
    Example:
      azrs-quiz progress path
    """
    from azrs_quiz.progress import database_path

    click.echo(str(database_path(data_dir).absolute()))


@progress.command("export", short_help="Write your progress to a JSON file.")
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@data_dir_option
def export_command(file: Path, force: bool, data_dir: Path | None) -> None:
    """Write every answer you have given to FILE (JSON; '-' for standard output).

    Import the file on another machine with `azrs-quiz progress import FILE`: the
    review schedule is rebuilt from the answers.

    \b
    Example:
      azrs-quiz progress export ~/azrs-progress.json
    """
    from azrs_quiz.cli.options import emit_text
    from azrs_quiz.clock import utc_now
    from azrs_quiz.progress import ProgressStore, export_progress

    with ProgressStore.open(data_dir, read_only=True) as store:
        text = export_progress(store, now=utc_now())
        _, answers = store.counts()
    emit_text(file, text, force=force)
    if str(file) != "-":
        click.echo(f"Exported {plural(answers, 'answer')} to {file}.", err=True)


@progress.command("import", short_help="Merge a progress file into your progress.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@data_dir_option
def import_command(file: Path, data_dir: Path | None) -> None:
    """Merge a progress file made by `progress export` into your progress.

    Answers you already have are not added twice, so importing the same file again
    changes nothing; answers from two machines are merged and the schedule rebuilt
    from all of them. A bad file changes nothing.

    \b
    Example:
      azrs-quiz progress import ~/azrs-progress.json
    """
    from azrs_quiz.files import UnreadableFile, read_regular_file, size_limit, too_large
    from azrs_quiz.progress import ProgressFileError, ProgressStore, import_progress
    from azrs_quiz.text import one_line

    try:
        if str(file) == "-":
            limit = size_limit()
            raw = sys.stdin.buffer.read(limit + 1) if sys.stdin is not None else b""
            if len(raw) > limit:
                raise ProgressFileError(f"standard input {too_large(limit)}")
        else:
            raw = read_regular_file(file)  # never a FIFO or a device, never more than the size cap
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ProgressFileError(f"{one_line(file)} is not a progress file: not UTF-8 text") from error
    except UnreadableFile as error:
        raise ProgressFileError(str(error)) from error
    except OSError as error:
        shown = "standard input" if str(file) == "-" else one_line(file)
        raise ProgressFileError(f"cannot read {shown}: {error.strerror or error}") from error
    with ProgressStore.open(data_dir) as store:
        result = import_progress(store, text, source=one_line(file))
    click.echo(f"Imported {plural(result.added, 'answer')} from {file} ({result.already_present} already here).")


@progress.command("reset", short_help="Start afresh (asks first; the old file is kept).")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@data_dir_option
def reset_command(yes: bool, data_dir: Path | None) -> None:
    """Start afresh: set your progress aside and begin with an empty one.

    Asks first, unless --yes. Nothing is deleted: the old file is renamed to
    progress.sqlite3.reset-<time> beside the new one, so a reset made by mistake is
    undone by moving it back.

    \b
    Example:
      azrs-quiz progress reset --yes
    """
    from azrs_quiz.progress import ProgressError, ProgressStore, database_path, reset_progress

    path = database_path(data_dir)
    if not path.is_file():
        click.echo(f"There is no progress to reset ({path} does not exist).")
        return
    if not yes:
        try:
            with ProgressStore.open(data_dir) as store:
                cards, answers = store.counts()
            what = f"your progress ({plural(answers, 'answer')}, {plural(cards, 'question')} scheduled)"
        except ProgressError:
            what = "your damaged progress file"
        if not _confirm(f"This sets aside {what} and starts afresh; nothing is deleted.", "Reset?"):
            click.echo("Nothing was changed.", err=True)
            return
    kept = reset_progress(data_dir)
    click.echo(f"Progress reset. The old file is kept at {kept}; delete it if you do not need it.")


def _confirm(statement: str, question: str) -> bool:
    """Say what will happen, wrapped to the terminal, then ask a short yes or no (default no).

    The question is short so its "[y/N]" never wraps; end of input is no.
    """
    import shutil
    import textwrap

    width = min(shutil.get_terminal_size().columns, 80)
    click.echo(textwrap.fill(statement, width=width))
    try:
        answer = click.confirm(question, default=False)
    except click.Abort:
        answer = False
    if not sys.stdin.isatty():
        click.echo()  # a piped answer is not echoed: end the prompt's line
    return answer
