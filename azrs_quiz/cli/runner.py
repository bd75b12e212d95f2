"""The interactive question loop, shared by ``azrs-quiz quiz`` and ``azrs-quiz review``.

:class:`Terminal` is where questions are shown and answers read: a real terminal
(colour, the ``input()`` line editor) or a pipe (one answer per line, plain text).
:func:`run_questions` asks questions until they run out, the learner types ``q``,
input ends, or Ctrl-C; it never prints a summary, so each command shows its own.
"""

from __future__ import annotations

import io
import os
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any, Literal, TextIO

from rich.text import Text

from azrs_quiz.cli import render
from azrs_quiz.cli.plain import PlainConsole, Screen
from azrs_quiz.cli.streams import safe_text, unescaped
from azrs_quiz.clock import Clock, utc_now
from azrs_quiz.questions.model import Question
from azrs_quiz.session import Answer, Session

if TYPE_CHECKING:
    from azrs_quiz.facts.content import Content
    from azrs_quiz.progress.records import AnswerForm
    from azrs_quiz.questions.marking import AnswerKey
    from azrs_quiz.snapshot import BankSnapshot

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


#: What a character reads as where the output cannot show it (an ASCII locale).
ASCII_FALLBACKS = {
    "\u20ac": "EUR ",
    "\u00a3": "GBP ",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u2026": "...",
    "\u2192": "->",
    "\u00b7": "-",
    "\u00a0": " ",
    "\u00d7": "x",
    "\u0111": "dj",
    "\u0110": "Dj",
    "\u0259": "a",
    "\u018f": "A",
    "\u0131": "i",
}


def readable(text: str, encoding: str) -> str:
    """``text`` with every character ``encoding`` cannot show replaced readably.

    "€300 million" becomes "EUR 300 million", "Ljig–Preljina" "Ljig-Preljina", "Vučić"
    "Vucic"; only what has no reading at all becomes "?".
    """
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    out = []
    for char in text:
        try:
            char.encode(encoding)
            out.append(char)
            continue
        except UnicodeEncodeError:
            pass
        fallback = ASCII_FALLBACKS.get(char)
        if fallback is None:
            decomposed = unicodedata.normalize("NFKD", char)
            fallback = "".join(part for part in decomposed if not unicodedata.combining(part))
        out.append(fallback.encode(encoding, "replace").decode(encoding) if fallback else "?")
    return "".join(out)


class _EncodingSafeWriter:
    """A text stream that shows what its encoding cannot readably (see :func:`readable`), instead of failing."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self._encoding: str = getattr(stream, "encoding", None) or "ascii"

    def write(self, text: str) -> int:
        return self._stream.write(readable(text, self._encoding))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@dataclass
class Terminal:
    """Where a sitting happens: a screen to show things (rich's console), and a way to read answers.

    ``interactive`` is true when answers are typed at a terminal; when standard input
    is a pipe or a file, answers are read one per line and the output is plain text
    (printed by :class:`~azrs_quiz.cli.plain.PlainConsole`, without rich's console).
    """

    console: Screen
    interactive: bool
    symbols: render.Symbols
    stdin: TextIO = field(default_factory=lambda: sys.stdin)
    single_key: bool = False
    """A key answers at once, without Enter (at a terminal, unless --enter)."""

    @classmethod
    def open(
        cls,
        *,
        no_color: bool = False,
        to_stderr: bool = False,
        stdin: TextIO | None = None,
        enter: bool = False,
        tables: bool = False,
    ) -> Terminal:
        """The terminal of this process: answers from standard input, output to standard
        output (or standard error, to keep standard output for ``--json``).

        At a terminal a single key answers, unless ``enter`` (``--enter``) or the
        ``AZRS_QUIZ_ENTER`` variable asks for Enter after each answer. ``tables``: the
        output holds rich tables, so rich's console prints it even in a pipe."""
        # sys.stdin is None when the process was started with standard input closed.
        source = stdin or sys.stdin or io.StringIO()
        # Rich styles its own output, so it writes below the escaping; show() escapes the text.
        out = unescaped(sys.stderr if to_stderr else sys.stdout)
        interactive = _isatty(source)
        symbols = render.symbols_for(getattr(out, "encoding", None))
        file: Any = out if symbols is render.UNICODE else _EncodingSafeWriter(out)
        console: Screen
        if not interactive and not tables:
            console = PlainConsole(file, MAX_WIDTH)
        elif interactive:
            from rich.console import Console

            _enable_line_editing()
            console = Console(
                file=file, no_color=True if no_color else None, highlight=False, markup=False, emoji=False
            )
        else:
            from rich.console import Console

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
        enter = enter or os.environ.get(ENTER_ENV, "") not in ("", "0")
        return cls(
            console, interactive, symbols, source, single_key=interactive and not enter and _has_key_reading(source)
        )

    @property
    def width(self) -> int:
        """The columns to wrap text to: the terminal's (read afresh, so a resize is
        followed), but never more than :data:`MAX_WIDTH`."""
        return min(self.console.width, MAX_WIDTH)

    def show(self, renderable: Text | str = "") -> None:
        """Print already-wrapped text (rich does not wrap it again), control characters escaped."""
        self.console.print(safe_text(renderable), soft_wrap=True)

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

    @property
    def height(self) -> int | None:
        """The rows of the terminal; None in a pipe (no screen to fit)."""
        return self.console.height if self.interactive else None

    def show_hint(self, text: Text) -> None:
        """Show a hint after a rejected answer, always from the start of a line.

        An Enter typed ahead of the prompt is read without an echo, leaving the cursor
        on the prompt line: at a terminal that line is cleared first, so the hint
        never starts mid-line and wraps under its own indent.
        """
        if self.interactive and self.console.is_terminal:
            self.console.file.write("\r\x1b[K")
        self.show(text)

    def ask_key(self, prompt: str, *, any_key: bool = False) -> str:
        """Show ``prompt`` and read an answer: one key in single-key mode, else a line.

        Enter, spaces and arrow keys are ignored in single-key mode (with ``any_key``
        they count, as ""); Ctrl-D ends input (``EOFError``), Ctrl-C stops
        (``KeyboardInterrupt``), as they do for a line.
        """
        if not self.single_key:
            return self.ask(prompt)
        self.console.print(Text(prompt, style=render.PROMPT), end="", soft_wrap=True)
        self.console.file.flush()
        while True:
            key = _read_one_key(self.stdin)
            if key == "\x04":
                self.show()
                raise EOFError
            if key == "\x03":
                raise KeyboardInterrupt
            if key.strip() and key.isprintable():
                self.show(key)
                return key
            if any_key:
                self.show()
                return ""

    def confirm(self, prompt: str) -> bool:
        """Ask a yes/no question (default no); end of input is no."""
        try:
            reply = self.ask_key(f"{prompt} [y/N] ")
        except EOFError:
            return False
        return reply.strip().lower() in ("y", "yes")


def _enable_line_editing() -> None:
    # Loading readline makes input() handle arrow keys and history instead of echoing "^[[D".
    try:
        import readline  # noqa: F401
    except ImportError:  # Windows has no readline; input() still works
        pass


def _has_key_reading(stream: IO[str]) -> bool:
    """True when single keys can be read from ``stream``: a real terminal, on a system with termios."""
    try:
        import termios  # noqa: F401
        import tty  # noqa: F401
    except ImportError:  # Windows: answers are read a line at a time
        return False
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, ValueError, OSError):
        return False


def _read_one_key(stream: IO[str]) -> str:
    """One key from a terminal, without waiting for Enter and without echo.

    The terminal is put in cbreak mode only while reading (Ctrl-C still interrupts),
    then restored. An escape sequence (an arrow key) is read whole and returned as ""."""
    import select
    import termios
    import tty

    descriptor = stream.fileno()
    saved = termios.tcgetattr(descriptor)
    try:
        tty.setcbreak(descriptor, termios.TCSANOW)
        first = os.read(descriptor, 1)
        if first == b"\x1b":
            while select.select([descriptor], [], [], 0.05)[0]:
                os.read(descriptor, 16)
            return ""
        if not first:
            return "\x04"
        needed = 0 if first[0] < 0xC0 else 1 if first[0] < 0xE0 else 2 if first[0] < 0xF0 else 3
        raw = first + (os.read(descriptor, needed) if needed else b"")
        return raw.decode("utf-8", "replace")
    finally:
        termios.tcsetattr(descriptor, termios.TCSANOW, saved)


def _isatty(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


#: Pipe mode answers one line at a time; at a terminal this variable (or --enter) does too.
ENTER_ENV = "AZRS_QUIZ_ENTER"

#: Called with each answer the moment it is given; returns when the question is next due, if known.
OnAnswer = Callable[[Answer], "datetime | None"]


def run_questions(
    questions: Sequence[Question],
    *,
    io: Terminal,
    on_answer: OnAnswer | None = None,
    on_guess: OnAnswer | None = None,
    form: Callable[[Question], AnswerForm] | None = None,
    answer_key: Callable[[Question], AnswerKey] | None = None,
    clock: Callable[[], float] = time.monotonic,
    now: Clock = utc_now,
) -> Session:
    """Ask ``questions`` one by one, showing feedback after each answer, and return the sitting.

    ``on_answer`` is called right after each answer (skips included), before its
    feedback is shown, so a caller can save it at once; what it returns (the next due
    time) is shown with the feedback. ``form`` says how to ask each question
    (``"choice"`` by default, or ``"typed"`` recall with ``answer_key`` to mark it; a
    question whose answer is not a name, place, date or amount is asked with choices). With
    ``on_guess``, a right answer at a terminal is followed by the offer of ``g`` ("I
    guessed"), which calls it with the answer marked so. Wrong keys are never answers.
    """
    answers: list[Answer] = []
    ended_early = interrupted = False
    started = clock()
    total = len(questions)
    try:
        for number, question in enumerate(questions, start=1):
            asked: AnswerForm = "choice"
            wants_typed = form is not None and answer_key is not None and form(question) == "typed"
            if wants_typed and _typable(question):
                asked = "typed"
            io.show(render.question(question, number, total, io.symbols, io.width, typed=asked == "typed"))
            if wants_typed and asked == "choice":
                io.show(render.asked_with_choices(io.width))
            shown = clock()
            guesses = on_guess is not None and io.interactive
            if asked == "typed":
                assert answer_key is not None
                answer = _read_typed(question, io, answer_key, shown, clock, now, guesses=guesses)
            else:
                key = _read_answer(question, io, guesses=guesses)
                answer = None if key.kind == "quit" else Answer(question, key.choice, clock() - shown, now())
            if answer is None:
                ended_early = True
                break
            answers.append(answer)
            due = on_answer(answer) if on_answer is not None else None
            io.show(render.feedback(answer, io.symbols, io.width, next_due=due))
            if answer.correct and on_guess is not None and io.interactive:
                guess = _offer_guess(io)
                if guess == "quit":
                    ended_early = number < total
                    break
                if guess == "guessed":
                    answers[-1] = answer.as_guessed()
                    io.show(render.guessed(on_guess(answers[-1]), answer.answered_at, io.symbols, io.width))
    except EOFError:
        ended_early = len(answers) < total
    except KeyboardInterrupt:
        io.show()
        interrupted = True
    return Session.of(questions, answers, duration=clock() - started, ended_early=ended_early, interrupted=interrupted)


def _read_answer(question: Question, io: Terminal, *, guesses: bool = False) -> Key:
    count = len(question.options)
    while True:
        entered = io.ask_key(render.answer_prompt(count, io.symbols))
        key = parse_key(entered, count)
        if key.kind == "help":
            io.show(render.wrap(render.keys_help(count, io.symbols, guesses=guesses), io.width))
        elif key.kind == "invalid":
            io.show_hint(render.invalid_key(entered.strip(), count, io.symbols, io.width))
        else:
            return key


def _read_typed(
    question: Question,
    io: Terminal,
    answer_key: Callable[[Question], AnswerKey],
    shown: float,
    clock: Callable[[], float],
    now: Clock,
    *,
    guesses: bool = False,
) -> Answer | None:
    """Read a typed answer: the text, or s (skip), q (quit, returns None), ? (help)."""
    from azrs_quiz.questions.marking import mark

    while True:
        entered = io.ask(render.typed_prompt())
        word = entered.strip().lower()
        if word in ("?", "help"):
            io.show(render.wrap(render.typed_help(guesses=guesses), io.width))
        elif word in ("q", "quit"):
            return None
        elif word in ("s", "skip"):
            return Answer(question, None, clock() - shown, now(), form="typed")
        elif not word:
            io.show_hint(render.empty_typed(io.width))
        else:
            verdict = mark(answer_key(question), entered.strip())
            return Answer(question, None, clock() - shown, now(), form="typed", mark=verdict)


def _offer_guess(io: Terminal) -> Literal["guessed", "next", "quit"]:
    """After a right answer: g says "I guessed", q ends, anything else goes on."""
    reply = io.ask_key(render.guess_prompt(single_key=io.single_key), any_key=True).strip().lower()
    if reply in ("g", "guessed"):
        return "guessed"
    if reply in ("q", "quit"):
        return "quit"
    return "next"


def _typable(question: Question) -> bool:
    # Imported here: the marking rules need the content models (pydantic), which a sitting
    # without typed answers, drawn from the cached bank, never loads.
    from azrs_quiz.questions.marking import typable

    return typable(question)


def short_credit(content: Content | BankSnapshot, fact_ids: Iterable[str]) -> str:
    """The credit in a few words, for the one line under a sitting: pack, source site and licence.

    "“Azerbaijan–Serbia relations” + 1 more, Wikipedia, CC-BY-SA-4.0"
    """
    from urllib.parse import urlsplit

    wanted = {content.record_packs.get(fact_id) for fact_id in fact_ids}
    packs = [pack for pack in content.packs if pack.id in wanted] or list(content.packs)
    first = packs[0]
    parts = [f"\u201c{first.title}\u201d" + (f" + {len(packs) - 1} more" if len(packs) > 1 else "")]
    host = urlsplit(first.source_url).hostname if first.source_url else None
    if host:
        labels = host.split(".")
        parts.append(labels[-2].capitalize() if len(labels) >= 2 else host)
    parts.append(", ".join(dict.fromkeys(pack.licence for pack in packs)))
    return ", ".join(parts)
