"""Options shared by several commands, so they read and validate the same everywhere."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from pathlib import Path
from types import EllipsisType
from typing import TYPE_CHECKING, Any, TypeVar

import click

if TYPE_CHECKING:
    from azrs_quiz.facts.content import Content
    from azrs_quiz.questions.marking import AnswerKey
    from azrs_quiz.questions.model import Question
    from azrs_quiz.snapshot import BankSnapshot

F = TypeVar("F", bound=Callable[..., Any])

#: Kept in step with azrs_quiz.facts.models.TOPICS (a test checks), without importing pydantic.
TOPIC_CHOICES = ("dates", "people", "places", "events", "agreements", "figures", "related")
#: Kept in step with azrs_quiz.facts.topics.THEMES (a test checks).
THEME_CHOICES = ("politics", "economy", "culture", "visits", "defence", "history")


def content_option(function: F) -> F:
    """``--content PATH``: another content pack (or folder of packs) instead of the bundled one."""
    return click.option(
        "--content",
        "content_path",
        type=click.Path(exists=True, file_okay=False, path_type=Path),
        default=None,
        callback=_remember_flag("--content"),
        envvar="AZRS_QUIZ_CONTENT",
        show_envvar=True,
        help="A content pack folder (or a folder of packs) to use instead of the bundled content.",
    )(function)


def topic_option(function: F) -> F:
    """``--topic`` (repeatable): which topics to draw from; all when absent."""
    return _repeatable_choice(
        "--topic", "topics", TOPIC_CHOICES, "Only these topics (repeat for several). Default: all."
    )(function)


def theme_option(function: F) -> F:
    """``--theme`` (repeatable): which subject areas to draw from, within the topics; all when absent."""
    return _repeatable_choice(
        "--theme",
        "themes",
        THEME_CHOICES,
        "Only facts of these subject areas (repeat for several); with --topic, both must match. Default: all.",
    )(function)


def _repeatable_choice(flag: str, name: str, choices: tuple[str, ...], help: str) -> Callable[[F], F]:
    """A filter option given any number of times, each value one of ``choices`` in any case."""
    return click.option(flag, name, type=click.Choice(choices, case_sensitive=False), multiple=True, help=help)


def enter_option(function: F) -> F:
    """``--enter``: at a terminal, wait for Enter after each answer instead of taking a single key."""
    return click.option(
        "--enter",
        is_flag=True,
        help="Wait for Enter after each answer instead of taking a single key (also AZRS_QUIZ_ENTER=1).",
    )(function)


def no_color_option(function: F) -> F:
    """``--no-color``: plain output without colours (NO_COLOR is honoured as well)."""
    return click.option("--no-color", is_flag=True, help="No colours (the NO_COLOR variable is honoured too).")(
        function
    )


def data_dir_option(function: F) -> F:
    """``--data-dir DIR`` (or ``AZRS_QUIZ_DATA_DIR``): where progress is kept."""
    return click.option(
        "--data-dir",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        callback=_remember_flag("--data-dir"),
        envvar="AZRS_QUIZ_DATA_DIR",
        show_envvar=True,
        help="Where your progress is kept (default: your user data folder).",
    )(function)


def output_options(function: F) -> F:
    """``--output FILE`` ('-' for standard output) and ``--force``."""
    function = click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")(function)
    return click.option(
        "--output",
        "-o",
        "output",
        type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
        required=True,
        help="Where to write; '-' for standard output.",
    )(function)


def load_content_for_cli(content_path: Path | None) -> Content:
    """Load the content a command asked for (errors are reported by the root group).

    Its files are parsed in a child process while this one imports the loader and
    pydantic (see :mod:`azrs_quiz.facts.prefetch`): the same content, sooner.
    """
    from azrs_quiz.facts.prefetch import load_content_parsed_ahead

    return load_content_parsed_ahead(content_path)


def no_cache_option(function: F) -> F:
    """``--no-cache`` (or ``AZRS_QUIZ_NO_CACHE``): read and validate the content files on this run."""
    return click.option(
        "--no-cache",
        is_flag=True,
        help="Read the content files instead of the cached question bank (also AZRS_QUIZ_NO_CACHE=1).",
    )(function)


def bank_for_cli(content_path: Path | None, *, no_cache: bool) -> BankSnapshot:
    """The question bank of the content a command asked for, from the cache when it is still valid."""
    from azrs_quiz.cache import bank_snapshot

    return bank_snapshot(content_path, use_cache=not no_cache)


def typed_answer_keys(content_path: Path | None) -> Callable[[Question], AnswerKey]:
    """The typed-answer key of each question; the content files are read at the first typed answer.

    A key needs the facts themselves, which a cached bank does not hold: a sitting with no
    typed answer never pays for reading them.
    """
    keys: Callable[[Question], AnswerKey] | None = None

    def key_of(question: Question) -> AnswerKey:
        nonlocal keys
        if keys is None:
            from azrs_quiz.questions.marking import answer_keys

            keys = answer_keys(load_content_for_cli(content_path))
        return keys(question)

    return key_of


def emit_text(output: Path, text: str, *, force: bool) -> None:
    """Write ``text`` to ``output`` atomically, or to standard output when it is '-'."""
    if str(output) == "-":
        from azrs_quiz.cli.streams import unescaped

        # An export keeps its text as written; only one shown on a terminal is escaped.
        stream = sys.stdout if _is_terminal(sys.stdout) else unescaped(sys.stdout)
        stream.write(text)
        stream.flush()  # a full or closed output fails here, before anything claims it was written
        return
    from azrs_quiz.atomic import write_text_atomically

    write_text_atomically(output, text, force=force)


def echo_wrapped(text: str, *, indent: str = "", err: bool = False) -> None:
    """Echo ``text`` after ``indent`` (to standard error with ``err``); on a terminal, wrapped
    to its width with the following lines indented two more spaces. Output to a pipe stays
    one line per item, so scripts and grep read it as before."""
    if not _is_terminal(sys.stderr if err else sys.stdout):
        click.echo(indent + text, err=err)
        return
    import shutil
    import textwrap

    width = shutil.get_terminal_size().columns
    click.echo(
        textwrap.fill(
            text,
            width=max(width, 20),
            initial_indent=indent,
            subsequent_indent=indent + "  ",
            break_long_words=False,
            break_on_hyphens=False,
        ),
        err=err,
    )


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        return False


#: The exit status after Ctrl-C, as a shell reports a process ended by SIGINT.
INTERRUPTED = 130


def exits_with_status(function: Callable[..., int]) -> Callable[..., None]:
    """Run a command body that returns its exit status; Ctrl-C exits 130 without a traceback.

    The body handles Ctrl-C during questions itself (printing the partial score); this
    catches one that comes earlier, while content is loading.
    """

    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> None:
        try:
            status = function(*args, **kwargs)
        except KeyboardInterrupt:
            click.echo(err=True)
            status = INTERRUPTED
        click.get_current_context().exit(status)

    return command


#: Where the flags to repeat in hints are kept (``ctx.meta`` is shared by a command and its group).
_FLAGS_KEY = "azrs_quiz.flags"


def _remember_flag(flag: str) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """An option callback that notes the flag when it was given on the command line.

    A value from an environment variable needs no flag in a hint: the variable still holds.
    """

    def remember(context: click.Context, parameter: click.Parameter, value: Any) -> Any:
        from click.core import ParameterSource

        name = parameter.name
        if value is not None and name is not None and context.get_parameter_source(name) == ParameterSource.COMMANDLINE:
            context.meta.setdefault(_FLAGS_KEY, {})[flag] = str(value)
        return value

    return remember


def command_hint(command: str, *, content: Path | EllipsisType | None = ...) -> str:
    """A command to suggest, carrying the --content and --data-dir flags given on this command line.

    ``content`` names another content folder for the hint (None: the bundled content).
    ``progress`` commands take no --content, so theirs never carries it.
    """
    import shlex

    context = click.get_current_context(silent=True)
    flags: dict[str, str] = dict(context.meta.get(_FLAGS_KEY, {})) if context is not None else {}
    if content is None or command.startswith("progress"):
        flags.pop("--content", None)
    elif not isinstance(content, EllipsisType):
        flags["--content"] = str(content)
    parts = ["azrs-quiz", *command.split()]
    for flag in ("--content", "--data-dir"):
        if flag in flags:
            parts += [flag, flags[flag]]
    return shlex.join(parts)
