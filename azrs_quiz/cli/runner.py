"""The interactive question loop, shared by ``azrs-quiz quiz`` and ``azrs-quiz review``.

:class:`Terminal` is where questions are shown and answers read: a real terminal
(colour, the ``input()`` line editor) or a pipe (one answer per line, plain text).
:func:`run_questions` asks questions until they run out, the learner types ``q``,
input ends, or Ctrl-C; it never prints a summary, so each command shows its own.
"""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any, Literal, TextIO

from rich.console import Console
from rich.text import Text

from azrs_quiz.cli import render
from azrs_quiz.clock import Clock, utc_now
from azrs_quiz.questions.model import Question
from azrs_quiz.session import Answer

#: The widest the output gets, even in a wider terminal: long lines are hard to read.
MAX_WIDTH = 80

KeyKind = Literal["choice", "skip", "quit", "help", "invalid"]
_WORDS: dict[str, KeyKind] = {
    "s": "skip",
    "skip": "skip",
    "q": "quit",
    "quit": "quit",
    "?": "help",
    "help": "help",
}


@dataclass(frozen=True)
class Key:
    """What a line typed by the learner means."""

    kind: KeyKind
    choice: int | None = None


def parse_key(text: str, option_count: int) -> Key:
    """Read an answer: a letter or a number (any case, spaces ignored), s, q or ?."""
    key = text.strip().lower()
    if len(key) == 1 and key in render.LETTERS[:option_count]:
        return Key("choice", render.LETTERS.index(key))
    if key.isdigit() and key.isascii() and 1 <= int(key) <= option_count:
        return Key("choice", int(key) - 1)
    return Key(_WORDS.get(key, "invalid"))


class _EncodingSafeWriter:
    """A text stream that replaces characters its encoding cannot show, instead of failing."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._encoding: str = getattr(stream, "encoding", None) or "ascii"

    def write(self, text: str) -> int:
        safe = text.encode(self._encoding, "replace").decode(self._encoding)
        return self._stream.write(safe)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@dataclass
class Terminal:
    """Where a sitting happens: a rich console to show things, and a way to read answers.

    ``interactive`` is true when answers are typed at a terminal; when standard input
    is a pipe or a file, answers are read one per line and the output is plain text.
    """

    console: Console
    interactive: bool
    symbols: render.Symbols
    stdin: TextIO = field(default_factory=lambda: sys.stdin)

    @classmethod
    def open(cls, *, no_color: bool = False, to_stderr: bool = False, stdin: TextIO | None = None) -> Terminal:
        """The terminal of this process: answers from standard input, output to standard
        output (or standard error, to keep standard output for ``--json``)."""
        # sys.stdin is None when the process was started with standard input closed.
        source = stdin or sys.stdin or io.StringIO()
        out = sys.stderr if to_stderr else sys.stdout
        interactive = _isatty(source)
        symbols = render.symbols_for(getattr(out, "encoding", None))
        file: Any = out if symbols is render.UNICODE else _EncodingSafeWriter(out)
        if interactive:
            _enable_line_editing()
            console = Console(
                file=file, no_color=True if no_color else None, highlight=False, markup=False, emoji=False
            )
        else:
            console = Console(
                file=file,
                color_system=None,
                force_terminal=False,
                force_interactive=False,
                width=MAX_WIDTH,
                highlight=False,
                markup=False,
                emoji=False,
            )
        return cls(console, interactive, symbols, source)

    @property
    def width(self) -> int:
        """The columns to wrap text to: the terminal's (read afresh, so a resize is
        followed), but never more than :data:`MAX_WIDTH`."""
        return min(self.console.width, MAX_WIDTH)

    def show(self, renderable: Text | str = "") -> None:
        """Print already-wrapped text (rich does not wrap it again)."""
        self.console.print(renderable, soft_wrap=True)

    def ask(self, prompt: str) -> str:
        """Show ``prompt`` and read one line; ``EOFError`` when input has ended."""
        if self.interactive:
            text = Text(prompt, style=render.PROMPT)
            if self.stdin is sys.stdin:
                # input() reads sys.stdin, with line editing when readline is loaded.
                try:
                    return self.console.input(text)
                except EOFError:
                    self.show()
                    raise
            reply = self.console.input(text, stream=self.stdin)
            if not reply:
                self.show()
                raise EOFError
            return reply
        self.console.print(Text(prompt, style=render.PROMPT), end="", soft_wrap=True)
        line = self.stdin.readline()
        if not line:
            self.show()
            raise EOFError
        # Echo the answer so a transcript of a piped quiz reads like a typed one.
        self.show(line.rstrip("\r\n"))
        return line

    def confirm(self, prompt: str) -> bool:
        """Ask a yes/no question (default no); end of input is no."""
        try:
            reply = self.ask(f"{prompt} [y/N] ")
        except EOFError:
            return False
        return reply.strip().lower() in ("y", "yes")


def _enable_line_editing() -> None:
    # Loading readline makes input() handle arrow keys and history instead of echoing "^[[D".
    try:
        import readline  # noqa: F401
    except ImportError:  # Windows has no readline; input() still works
        pass


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@dataclass
class RunResult:
    """How a run of questions went."""

    answers: list[Answer]
    ended_early: bool = False
    """True when the learner typed ``q`` or input ended before the last question."""
    interrupted: bool = False
    """True when the learner pressed Ctrl-C."""
    duration: float = 0.0
    """Seconds from the first question shown to the end of the run."""


def run_questions(
    questions: Sequence[Question],
    *,
    io: Terminal,
    on_answer: Callable[[Answer], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
    now: Clock = utc_now,
) -> RunResult:
    """Ask ``questions`` one by one, showing feedback after each answer.

    ``on_answer`` is called right after each answer (skips included), before its
    feedback is shown, so a caller can save it at once. Wrong keys are never answers.
    """
    result = RunResult(answers=[])
    started = clock()
    total = len(questions)
    try:
        for number, question in enumerate(questions, start=1):
            io.show(render.question(question, number, total, io.symbols, io.width))
            shown = clock()
            key = _read_answer(question, io)
            if key.kind == "quit":
                result.ended_early = True
                break
            answer = Answer(question, key.choice, clock() - shown, now())
            result.answers.append(answer)
            if on_answer is not None:
                on_answer(answer)
            io.show(render.feedback(answer, io.symbols, io.width))
    except EOFError:
        result.ended_early = len(result.answers) < total
    except KeyboardInterrupt:
        io.show()
        result.interrupted = True
    result.duration = clock() - started
    return result


def _read_answer(question: Question, io: Terminal) -> Key:
    count = len(question.options)
    while True:
        entered = io.ask(render.answer_prompt(count, io.symbols))
        key = parse_key(entered, count)
        if key.kind == "help":
            io.show(render.wrap(render.keys_help(count, io.symbols), io.width))
        elif key.kind == "invalid":
            io.show(render.invalid_key(entered.strip(), count, io.symbols, io.width))
        else:
            return key
