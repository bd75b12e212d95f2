"""How a sitting looks: a question, the feedback on an answer, and the summary.

Every function returns a rich :class:`~rich.text.Text` already wrapped to ``width``
with no trailing spaces, so the same output reads well in a terminal, in a pipe and
in a log file. Content is never parsed as rich markup ("[13]" in a citation stays).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from rich.console import Console
from rich.text import Text

from azrs_quiz.plural import plural
from azrs_quiz.questions.model import Question
from azrs_quiz.session import Answer, Session

LETTERS = "abcdefghijklmnopqrstuvwxyz"

#: Styles; under NO_COLOR or --no-color rich drops the colours and keeps bold.
HEADER = "bold cyan"
PROMPT = "bold"
LETTER = "bold"
RIGHT = "bold green"
WRONG = "bold red"
SKIPPED = "bold yellow"
DIM = "dim"


@dataclass(frozen=True)
class Symbols:
    """The marks used on screen, with an ASCII set for terminals that cannot show others."""

    right: str = "\u2713"
    wrong: str = "\u2717"
    skipped: str = "\u00bb"
    dot: str = "\u00b7"
    dash: str = "\u2013"

    @property
    def all(self) -> str:
        """Every mark, to check that an output encoding can show them."""
        return self.right + self.wrong + self.skipped + self.dot + self.dash


UNICODE = Symbols()
ASCII = Symbols(right="+", wrong="x", skipped=">>", dot="-", dash="-")


def symbols_for(encoding: str | None) -> Symbols:
    """The Unicode marks when ``encoding`` can show them, else the ASCII ones."""
    try:
        UNICODE.all.encode(encoding or "ascii")
    except (LookupError, UnicodeEncodeError):
        return ASCII
    return UNICODE


def letter(index: int) -> str:
    """The key of option ``index``: 0 -> 'a'."""
    return LETTERS[index]


def option_label(question: Question, index: int) -> str:
    """An option as shown in feedback: 'b) February 2011'."""
    return f"{letter(index)}) {question.options[index]}"


def wrap(body: Text | str, width: int, *, first: str = "", indent: str | None = None) -> Text:
    """``body`` wrapped to ``width`` columns, after ``first`` on the first line and
    ``indent`` (spaces as wide as ``first`` by default) on the others."""
    if indent is None:
        indent = " " * len(first)
    text = body if isinstance(body, Text) else Text(body)
    lines = text.wrap(_measuring_console(), max(width - max(len(first), len(indent)), 10))
    result = Text()
    for number, line in enumerate(lines):
        line.rstrip()
        if number:
            result.append("\n")
        result.append(first if number == 0 else indent)
        result.append_text(line)
    return result


@cache
def _measuring_console() -> Console:
    # Text.wrap needs a console only for its defaults; this one never prints.
    return Console(color_system=None, force_terminal=False, file=io.StringIO())


def _lines(parts: Iterable[Text]) -> Text:
    return Text("\n").join(parts)


def keys_help(option_count: int, symbols: Symbols) -> str:
    """What the learner can type, for ``?`` and for the hint after a wrong key."""
    last = letter(option_count - 1)
    return (
        f"Type a letter a{symbols.dash}{last} or a number 1{symbols.dash}{option_count} to answer "
        f"(upper or lower case), s to skip, q to stop (your answers so far are kept), ? for this help."
    )


def answer_prompt(option_count: int, symbols: Symbols) -> str:
    """The prompt shown while waiting for an answer."""
    return f"Your answer (a{symbols.dash}{letter(option_count - 1)}, ? for help): "


def invalid_key(entered: str, option_count: int, symbols: Symbols, width: int) -> Text:
    """The hint after a key that is not an answer."""
    shown = f"'{entered}'" if entered else "An empty answer"
    last = letter(option_count - 1)
    message = (
        f"{shown} is not an answer: type a letter a{symbols.dash}{last} or a number "
        f"1{symbols.dash}{option_count} (s skips, q ends, ? shows the keys)."
    )
    return wrap(Text(message, style=DIM), width)


def intro(count: int, topics: Sequence[str], width: int) -> Text:
    """The line before the first question: how many, on what, and where help is."""
    on = topics[0] if len(topics) == 1 else ", ".join(topics[:-1]) + " and " + topics[-1]
    return wrap(Text(f"{plural(count, 'question')} from {on}. Type ? for the keys.", style=DIM), width)


def question(item: Question, number: int, total: int, symbols: Symbols, width: int) -> Text:
    """The question: 'Question 3/10 · dates', the prompt and the lettered options."""
    parts = [
        Text(f"Question {number}/{total} {symbols.dot} {item.topic}", style=HEADER),
        wrap(Text(item.prompt, style=PROMPT), width),
    ]
    for index, option in enumerate(item.options):
        label = f"  {letter(index)}) "
        line = wrap(option, width, first=label)
        line.stylize(LETTER, 2, 4)
        parts.append(line)
    return Text("\n").join([Text(""), *parts])


def feedback(answer: Answer, symbols: Symbols, width: int) -> Text:
    """Right or wrong at a glance (colour and a symbol), the answer, why, and the source."""
    item = answer.question
    key = option_label(item, item.answer)
    if answer.correct:
        head = Text.assemble((f"{symbols.right} Right!", RIGHT))
        head.append(f" The answer is {key}.")
    elif answer.choice is None:
        head = Text.assemble((f"{symbols.skipped} Skipped.", SKIPPED))
        head.append(f" The answer is {key}.")
    else:
        head = Text.assemble((f"{symbols.wrong} Wrong.", WRONG))
        head.append(f" You chose {option_label(item, answer.choice)}; the answer is {key}.")
    parts = [wrap(head, width, indent="  "), wrap(item.explanation, width, first="  ")]
    label = "Source: " if len(item.citations) == 1 else "Sources: "
    for number, citation in enumerate(item.citations):
        first = "  " + (label if number == 0 else " " * len(label))
        parts.append(wrap(Text(citation, style=DIM), width, first=first))
    return _lines(parts)


def duration(seconds: float) -> str:
    """A time taken, for people: '42s', '3m 05s', '1h 02m'."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole}s"
    minutes, secs = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def summary(session: Session, symbols: Symbols, width: int, *, title: str = "Score") -> Text:
    """The end of a round: score, time, per-topic breakdown and the missed questions."""
    parts = [Text(""), *_score_lines(session, symbols, width, title)]
    topics = session.by_topic()
    if topics:
        parts.extend([Text(""), Text("By topic:", style=PROMPT), *_topic_lines(session)])
    if session.missed():
        parts.extend([Text(""), Text("Missed:", style=PROMPT), *_missed_lines(session, width)])
    elif session.answers:
        parts.extend([Text(""), Text(f"{symbols.right} Nothing missed.", style=RIGHT)])
    return _lines(parts)


def _score_lines(session: Session, symbols: Symbols, width: int, title: str) -> list[Text]:
    score = session.score
    head = Text.assemble((f"{title}: ", HEADER), (f"{score.correct}/{score.total}", PROMPT))
    head.append(f" ({score.percent:.0f}%) {symbols.dot} Time: {duration(session.duration)}")
    lines = [wrap(head, width)]
    asked = f"{len(session.answers)} of {len(session.questions)} questions."
    if session.interrupted:
        lines.append(wrap(f"Stopped after {asked}", width))
    elif session.ended_early:
        lines.append(wrap(f"Ended early after {asked}", width))
    return lines


def _topic_lines(session: Session) -> list[Text]:
    topics = session.by_topic()
    name_width = max(len(topic) for topic in topics)
    lines = []
    for topic, score in topics.items():
        fraction = f"{score.correct}/{score.total}"
        lines.append(Text(f"  {topic:<{name_width}}  {fraction:>5}  {score.percent:>4.0f}%"))
    return lines


def _missed_lines(session: Session, width: int) -> list[Text]:
    lines = []
    for number, answer in enumerate(session.missed(), start=1):
        item = answer.question
        first = f"  {number}. "
        lines.append(wrap(item.prompt, width, first=first))
        given = "Skipped" if answer.choice is None else f"You chose {option_label(item, answer.choice)}"
        line = Text(f"{given}; the answer is ")
        line.append(option_label(item, item.answer), style=RIGHT)
        line.append(".")
        lines.append(wrap(line, width, first=" " * len(first)))
    return lines


def retry_heading(count: int, width: int) -> Text:
    """Shown before a round on the missed questions."""
    return wrap(Text(f"Retrying {plural(count, 'missed question')}.", style=HEADER), width)


def credit(attribution: str, width: int) -> Text:
    """The credit line the content's licence asks for."""
    label = "Content: "
    return _lines(
        wrap(Text(line, style=DIM), width, first=label if number == 0 else " " * len(label))
        for number, line in enumerate(attribution.splitlines())
    )
