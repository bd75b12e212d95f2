"""Entry point of ``azrs-quiz``: the command registry and the one place errors become exits."""

from __future__ import annotations

import gc
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any, NoReturn

import click

from azrs_quiz._version import __version__
from azrs_quiz.cli.lazy import LazyGroup

#: Kept in step with azrs_quiz.cli.export.format_names() (a test checks): importing the export
#: commands to list them would slow the start of every command, a quiz included.
EXPORT_FORMATS = ("anki", "csv", "gift", "html", "json", "moodle-xml")

COMMANDS: dict[str, tuple[str, str]] = {
    "quiz": ("azrs_quiz.cli.quiz:quiz", "Take a multiple-choice quiz in the terminal."),
    "review": ("azrs_quiz.cli.review:review", "Review the questions that are due (spaced repetition)."),
    "stats": ("azrs_quiz.cli.stats:stats", "Show your reviews, retention, streak and forecast."),
    "progress": ("azrs_quiz.cli.progress:progress", "Export, import or reset your learning progress."),
    "export": ("azrs_quiz.cli.export:export", "Export the questions: " + ", ".join(EXPORT_FORMATS) + "."),
    "validate": ("azrs_quiz.cli.validate:validate", "Check content files and report every problem."),
    "schema": ("azrs_quiz.cli.schema:schema", "Print the JSON Schema of the content format."),
    "new": ("azrs_quiz.cli.new:new", "Start a content pack from a small, commented example."),
}


class RootGroup(LazyGroup):
    """Turns the library's own errors into clean messages on stderr, in one place."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run a command with terminal-safe standard streams; a failing stream ends it cleanly."""
        from azrs_quiz.cli.streams import StreamWriteError, safe_standard_streams

        original_stdout = sys.stdout
        with safe_standard_streams(), _termination_unwinds():
            try:
                try:
                    return super().main(*args, **kwargs)
                finally:
                    # Whatever is alive now lives until exit: frozen, the interpreter's last collection
                    # skips it instead of walking every question and record (60 ms on the bundled bank).
                    gc.freeze()
                    # Flushed here, not at exit, so a full disk is reported like any other failure.
                    for stream in (sys.stdout, sys.stderr):
                        if stream is not None:
                            stream.flush()
            except StreamWriteError as error:
                if not error.broken_pipe:
                    _report_stream_failure(error)
                _discard_standard_output(original_stdout)
                sys.exit(1)

    def invoke(self, ctx: click.Context) -> Any:
        # Imported here, not at the top: azrs_quiz.errors is tiny, but keep --help lean.
        from azrs_quiz.errors import AzrsQuizError, ContentError

        try:
            return super().invoke(ctx)
        except ContentError as error:
            from azrs_quiz.cli.options import echo_wrapped

            # Every problem, one a line (wrapped at words on a terminal), then how many.
            for line in str(error).splitlines():
                echo_wrapped(line, err=True)
            ctx.exit(1)
        except AzrsQuizError as error:
            from azrs_quiz.cli.errors import cli_message

            raise click.ClickException(cli_message(error)) from error


@contextmanager
def _termination_unwinds() -> Iterator[None]:
    """Let SIGTERM and SIGHUP (a closed terminal) end a command like Ctrl-C: cleanly.

    The default action kills the process on the spot, leaving temporary files behind;
    raising SystemExit instead runs every ``finally`` (temporary files removed, an open
    transaction rolled back) and exits with the status a shell expects (128 + signal).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {}
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) == signal.SIG_DFL:
            saved[number] = signal.signal(number, _exit_on_signal)
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def _exit_on_signal(number: int, frame: object) -> None:
    raise SystemExit(128 + number)


def _discard_standard_output(stdout: IO[str] | None) -> None:
    # What is still buffered can go nowhere: keep Python from failing again (with a
    # second message) when it flushes standard output at exit.
    try:
        if stdout is not None:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stdout.fileno())
            os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (a test runner's buffer)
        pass


def _report_stream_failure(error: OSError) -> None:
    stream_name = getattr(error, "stream_name", "a standard stream")
    action = getattr(error, "action", "write to")
    message = f"Error: cannot {action} {stream_name}: {error.strerror or error}"
    if stream_name != "standard error" and sys.stderr is not None:
        try:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()
        except (OSError, ValueError):
            pass


@click.group(cls=RootGroup, lazy_commands=COMMANDS, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", "-V", prog_name="azrs-quiz")
def main() -> None:
    """Learn the relations between Azerbaijan and Serbia.

    Quizzes, spaced-repetition reviews and Anki decks made from curated facts, each
    citing its source. Content: Wikipedia, "Azerbaijan–Serbia relations", CC BY-SA 4.0.

    \b
    Start with:
      azrs-quiz quiz             a 10-question quiz on every topic
      azrs-quiz review           the questions that are due today
    """


def run() -> NoReturn:
    """The ``azrs-quiz`` program (and ``python -m azrs_quiz``): :func:`main`, then a quick exit.

    Everything a command made lives until the process ends, so the interpreter's own
    shutdown (every module torn down, every record, question and note freed one by one:
    30 ms after a 10,000-fact export) is time spent on nothing. Once the command is
    done, its output flushed and the exit handlers run, the process ends at once with
    the command's status, as mypy ends its runs. Calling :func:`main` itself (a script,
    click's test runner) exits the usual way.
    """
    from azrs_quiz.gcpause import abandon_at_exit

    abandon_at_exit()
    try:
        main(prog_name="azrs-quiz")
        status: object = 0  # standalone mode always raises SystemExit; this is only a fallback
    except SystemExit as exit_:
        status = exit_.code
    code = _exit_status(status)
    if threading.active_count() > 1:
        sys.exit(code)  # a thread still running is joined by the usual shutdown, not cut off
    import atexit

    atexit._run_exitfuncs()  # what the usual shutdown would run (a temporary folder's finaliser)
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            code = code or 120  # what Python exits with when its last flush fails
    os._exit(code)


def _exit_status(code: object) -> int:
    """The process status ``SystemExit(code)`` gives: 0 for ``None``, the number, or 1 after printing a message."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        print(code, file=sys.stderr)
    except (OSError, ValueError):
        pass
    return 1
