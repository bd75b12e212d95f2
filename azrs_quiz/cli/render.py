"""How a sitting looks: a question, the feedback on an answer, and the summary.

Every function returns a rich :class:`~rich.text.Text` already wrapped to ``width``
with no trailing spaces, so the same output reads well in a terminal, in a pipe and
in a log file. Content is never parsed as rich markup ("[13]" in a citation stays).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, cast

from rich.text import Text

from azrs_quiz.questions.model import Question
from azrs_quiz.session import Answer, Session
from azrs_quiz.text import plural

if TYPE_CHECKING:
    from pathlib import Path

    from rich.box import Box
    from rich.console import Console, RenderableType

    from azrs_quiz.cli.packs import PackAnswers
    from azrs_quiz.progress import ReviewPlan, Stats

LETTERS = "abcdefghijklmnopqrstuvwxyz"
#: The widest a line of text is wrapped to.
MAX_COLUMNS = 80

#: Styles; under NO_COLOR or --no-color rich drops the colours and keeps bold.
HEADER = "bold cyan"
PROMPT = "bold"
LETTER = "bold"
RIGHT = "bold green"
WRONG = "bold red"
SKIPPED = "bold yellow"
DIM = "dim"


#: Shown when another session held the progress file too long to save an answer.
NOT_SAVED_YET = (
    "Not saved yet: the progress file is busy (another azrs-quiz is writing to it). "
    "This answer is kept and saved when the session ends."
)


@dataclass(frozen=True)
class Symbols:
    """The marks used on screen, with an ASCII set for terminals that cannot show others."""

    right: str = "\u2713"
    wrong: str = "\u2717"
    skipped: str = "\u00bb"
    dot: str = "\u00b7"
    dash: str = "\u2013"
    arrow: str = "\u2192"
    ellipsis: str = "\u2026"

    @property
    def all(self) -> str:
        """Every mark, to check that an output encoding can show them."""
        return self.right + self.wrong + self.skipped + self.dot + self.dash + self.arrow + self.ellipsis


UNICODE = Symbols()
ASCII = Symbols(right="+", wrong="x", skipped=">>", dot="-", dash="-", arrow="->", ellipsis="...")


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
    lines = text.wrap(_NO_CONSOLE, max(width - max(len(first), len(indent)), 10))
    result = Text()
    for number, line in enumerate(lines):
        line.rstrip()
        if number:
            result.append("\n")
        result.append(first if number == 0 else indent)
        result.append_text(line)
    return result


#: Text.wrap takes a console only to justify lines, which text left as it is (the default) never
#: needs: none is made, so that a quiz in a pipe never imports rich's console (see cli/plain.py).
_NO_CONSOLE = cast("Console", None)


def _lines(parts: Iterable[Text]) -> Text:
    return Text("\n").join(parts)


#: Told in a review's help: right answers can be marked as lucky guesses.
GUESS_HELP = " After a right answer, g marks it as a guess, so that it comes back soon."


def keys_help(option_count: int, symbols: Symbols, *, guesses: bool = False) -> str:
    """What the learner can type, for ``?`` and for the hint after a wrong key (``guesses``: in a review)."""
    last = letter(option_count - 1)
    return (
        f"Type a letter a{symbols.dash}{last} or a number 1{symbols.dash}{option_count} to answer "
        f"(upper or lower case), s to skip, q to stop (your answers so far are kept), ? for this help."
        + (GUESS_HELP if guesses else "")
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
    return wrap(Text(message, style=DIM), width, first="  ")


def intro(count: int, topics: Sequence[str], width: int, *, themes: Sequence[str] = ()) -> Text:
    """The line before the first question: how many, on what, and where help is.

    ``topics`` may be empty when ``themes`` says what the questions are on.
    """
    where = f" from {_listed(topics)}" if topics else ""
    on = f" on {_listed(themes)}" if themes else ""
    return wrap(Text(f"{plural(count, 'question')}{where}{on}. Type ? for the keys.", style=DIM), width)


def _listed(names: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def question(item: Question, number: int, total: int, symbols: Symbols, width: int, *, typed: bool = False) -> Text:
    """The question: 'Question 3/10 · dates', the prompt and the lettered options (none when typed)."""
    heading = f"Question {number}/{total} {symbols.dot} {item.topic}" + (
        f" {symbols.dot} type the answer" if typed else ""
    )
    parts = [Text(heading, style=HEADER), wrap(Text(item.prompt, style=PROMPT), width)]
    for index, option in enumerate(() if typed else item.options):
        label = f"  {letter(index)}) "
        line = wrap(option, width, first=label)
        line.stylize(LETTER, 2, 4)
        parts.append(line)
    return Text("\n").join([Text(""), *parts])


def feedback(answer: Answer, symbols: Symbols, width: int, *, next_due: datetime | None = None) -> Text:
    """Right or wrong at a glance (colour and a symbol), the answer, why, the source, and when it comes back."""
    item = answer.question
    key = option_label(item, item.answer)
    if answer.form == "typed":
        head = _typed_head(answer, symbols)
    elif answer.correct:
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
    if next_due is not None:
        parts.append(wrap(Text(f"Next {until(next_due, answer.answered_at)}.", style=DIM), width, first="  "))
    return _lines(parts)


def _typed_head(answer: Answer, symbols: Symbols) -> Text:
    key = answer.question.correct_option
    verdict = answer.mark
    if verdict is None:
        head = Text.assemble((f"{symbols.skipped} Skipped.", SKIPPED))
        head.append(f" The answer is {key}.")
    elif verdict.near_miss:
        head = Text.assemble((f"{symbols.right} Right,", RIGHT))
        head.append(f" with a typo: you typed \u201c{verdict.typed}\u201d; it is spelt ")
        head.append(key, style=RIGHT)
        head.append(".")
    elif verdict.correct:
        head = Text.assemble((f"{symbols.right} Right!", RIGHT))
        head.append(f" The answer is {key}.")
    else:
        head = Text.assemble((f"{symbols.wrong} Wrong.", WRONG))
        head.append(f" You typed \u201c{verdict.typed}\u201d; the answer is ")
        head.append(key, style=RIGHT)
        head.append(".")
    return head


def typed_prompt() -> str:
    """The prompt shown while waiting for a typed answer."""
    return "Your answer (Enter to send, ? for help): "


def typed_help(*, guesses: bool = False) -> str:
    """What the learner can type at a typed-recall question (``guesses``: in a review)."""
    return (
        "Type the answer and press Enter: case, accents and punctuation do not matter, a surname alone "
        "will do where it is unique, amounts and dates may be written as you like. s skips, q stops "
        "(your answers so far are kept)." + (GUESS_HELP if guesses else "")
    )


def asked_with_choices(width: int) -> Text:
    """Why a question of a typed sitting shows options: its answer is not a name, place, date or amount."""
    return wrap("Pick this one from the options: only names, places, dates and amounts are typed.", width)


def empty_typed(width: int) -> Text:
    """The hint after an empty typed answer."""
    return wrap(Text("Type an answer, or s to skip, q to stop, ? for help.", style=DIM), width, first="  ")


def guess_prompt(*, single_key: bool) -> str:
    """The offer after a right answer in a review: say "I guessed", or go on."""
    if single_key:
        return "g if you guessed, any other key for the next question: "
    return "Enter for the next question, g if you guessed: "


def guessed(next_due: datetime | None, at: datetime, symbols: Symbols, width: int) -> Text:
    """The line after ``g``: the answer now counts as Again, and when the question comes back."""
    text = "Marked as a guess: it will be asked again soon"
    text += f" (next {until(next_due, at)})." if next_due is not None else "."
    return wrap(Text(text, style=SKIPPED), width, first="  ")


def until(moment: datetime, now: datetime) -> str:
    """How long until ``moment``, rounded up: 'in 1 minute', 'in 5 hours', 'in 3 days', 'now'."""
    seconds = (moment - now).total_seconds()
    if seconds <= 0:
        return "now"
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size or unit == "minute":
            count = max(1, round(seconds / size)) if unit != "minute" else max(1, math.ceil(seconds / size))
            return f"in {plural(count, unit)}"
    return "now"  # pragma: no cover - the loop always returns


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


def summary(session: Session, symbols: Symbols, width: int, *, title: str = "Score", height: int | None = None) -> Text:
    """The end of a round: score and time first, the per-topic breakdown, then the missed questions.

    With ``height`` (the rows of a terminal) the summary is shortened until it fits, so
    the score is on the last screen without scrolling back: the topics on one line,
    then each missed question on one line, then only the first of them.
    """
    head = [Text(""), *_score_lines(session, symbols, width, title)]
    topics = session.by_topic()
    missed = session.missed()
    nothing_missed = [Text(""), Text(f"{symbols.right} Nothing missed.", style=RIGHT)]
    tail = nothing_missed if session.answers and not missed else []
    candidates: list[list[Text]] = []
    for compact_topics, compact_missed in ((False, False), (True, False), (True, True)):
        parts = list(head)
        if topics:
            parts.extend(_topic_block(session, symbols, width, compact=compact_topics))
        if missed:
            parts.extend([Text(""), Text("Missed:", style=PROMPT)])
            parts.extend(_missed_lines(session, width, symbols, one_line=compact_missed))
        candidates.append(parts + tail)
    for parts in candidates:
        if height is None or _rows(parts) <= height:
            return _lines(parts)
    assert height is not None
    # Even one line per missed question is too tall: show the first ones and say how many more.
    parts = candidates[-1]
    keep = max(0, height - (_rows(parts) - len(missed)) - 1)
    cut = len(parts) - len(missed) + keep
    more = len(missed) - keep
    note = Text(f"  {symbols.dot * 3} and {more} more (every answer is in --json).", style=DIM)
    return _lines([*parts[:cut], note])


def _rows(parts: Sequence[Text]) -> int:
    return sum(part.plain.count("\n") + 1 for part in parts)


def _score_lines(session: Session, symbols: Symbols, width: int, title: str) -> list[Text]:
    score = session.score
    if not session.answers and (session.ended_early or session.interrupted):
        return [wrap(Text("No answers given.", style=HEADER), width)]
    head = Text.assemble((f"{title}: ", HEADER), (f"{score.correct}/{score.total}", PROMPT))
    head.append(f" ({score.percent:.0f}%) {symbols.dot} Time: {duration(session.duration)}")
    lines = [wrap(head, width)]
    asked = f"{len(session.answers)} of {len(session.questions)} questions."
    if session.interrupted:
        lines.append(wrap(f"Stopped after {asked}", width))
    elif session.ended_early:
        lines.append(wrap(f"Ended early after {asked}", width))
    return lines


def _topic_block(session: Session, symbols: Symbols, width: int, *, compact: bool) -> list[Text]:
    topics = session.by_topic()
    if compact:
        each = f" {symbols.dot} ".join(f"{topic} {score.correct}/{score.total}" for topic, score in topics.items())
        return [wrap(Text.assemble(("By topic: ", PROMPT), each), width)]
    name_width = max(len(topic) for topic in topics)
    lines = [Text(""), Text("By topic:", style=PROMPT)]
    for topic, score in topics.items():
        fraction = f"{score.correct}/{score.total}"
        lines.append(Text(f"  {topic:<{name_width}}  {fraction:>5}  {score.percent:>4.0f}%"))
    return lines


def _missed_lines(session: Session, width: int, symbols: Symbols, *, one_line: bool = False) -> list[Text]:
    lines = []
    for number, answer in enumerate(session.missed(), start=1):
        item = answer.question
        first = f"  {number}. "
        key = _key_text(answer)
        if one_line:
            arrow = f" {symbols.arrow} "
            room = width - len(first) - len(arrow) - len(key)
            if room < _MIN_STEM_ROOM:
                # A long key would leave "What did a..." of the stem: both give a little.
                room = min(len(item.prompt), _MIN_STEM_ROOM)
                key = cut(key, width - len(first) - len(arrow) - room, symbols)
            line = Text(first + cut(item.prompt, room, symbols) + arrow)
            line.append(key, style=RIGHT)
            lines.append(line)
            continue
        lines.append(wrap(item.prompt, width, first=first))
        line = Text(f"{_given_text(answer)}; the answer is ")
        line.append(key, style=RIGHT)
        line.append(".")
        lines.append(wrap(line, width, first=" " * len(first)))
    return lines


#: In a one-line missed list, the stem keeps at least this many columns beside a long key.
_MIN_STEM_ROOM = 36


def _key_text(answer: Answer) -> str:
    item = answer.question
    return item.correct_option if answer.form == "typed" else option_label(item, item.answer)


def _given_text(answer: Answer) -> str:
    if answer.skipped:
        return "Skipped"
    if answer.mark is not None:
        return f"You typed \u201c{answer.mark.typed}\u201d"
    assert answer.choice is not None
    return f"You chose {option_label(answer.question, answer.choice)}"


def retry_heading(count: int, width: int) -> Text:
    """Shown before a round on the missed questions."""
    return wrap(Text(f"Retrying {plural(count, 'missed question')}.", style=HEADER), width)


def credit(attribution: str, width: int, *, short: str | None = None, symbols: Symbols = UNICODE) -> Text:
    """The content's credit on one line: the whole of it when it fits, else ``short``, cut to the width.

    The full credit stays in ``--help``, the README, ``--json`` and every export.
    """
    label = "Content: "
    whole = " ".join(attribution.split())
    text = whole if len(label) + len(whole) <= width or short is None else short
    return Text(label + cut(text, width - len(label), symbols), style=DIM)


def cut(text: str, room: int, symbols: Symbols = UNICODE) -> str:
    """``text`` cut to ``room`` columns at a word if it can be, ending with an ellipsis when cut."""
    if len(text) <= room:
        return text
    room = max(room - len(symbols.ellipsis), 0)
    head = text[:room]
    if " " in head[room // 2 :]:
        head = head[: head.rindex(" ")]
    return head.rstrip(" ,;:") + symbols.ellipsis


# Review ------------------------------------------------------------------------------


def session_heading(due: int, new: int) -> str:
    """'Review: 3 due, 2 new.'"""
    return f"Review: {due} due, {new} new."


def nothing_due(plan: ReviewPlan[Question], now: datetime, new_per_day: int) -> str:
    """What to say when there is nothing to ask: when the next review is, and why no new ones."""
    parts = ["Nothing is due now."]
    if plan.next_due is not None:
        parts.append(f"Your next review is {when(plan.next_due, now)}.")
    if plan.unseen:
        if new_per_day == 0:
            parts.append(f"{plan.unseen} new questions wait; --new N brings some in.")
        else:
            parts.append(
                f"You have had today's {new_per_day} new questions; {plan.unseen} more wait for the "
                "coming days (or raise --new)."
            )
    elif plan.next_due is None:
        parts.append("There are no questions to review.")
    return " ".join(parts)


def what_next(plan: ReviewPlan[Question], now: datetime, *, ready: int, again: str = "azrs-quiz review") -> str:
    """The line after a session: ``ready`` questions the next session would ask now (run ``again``),
    or when the next review is."""
    if ready:
        waiting = plural(ready, "more question is", "more questions are")
        return f"{waiting} ready now: run `{again}` again."
    if plan.next_due is not None:
        return f"Next review: {when(plan.next_due, now)}."
    return "All done."


def when(moment: datetime, now: datetime) -> str:
    """A due time for people, in local time: 'in 10 minutes (at 14:32)', 'tomorrow at 09:00'.

    The clock time is the minute the question is really due: a question due at
    14:31:20 is not due at 14:31, so it reads 'at 14:32'.
    """
    wait = moment - now
    if wait <= timedelta(0):
        return "now"
    ready = _ceil_minute(moment)
    local, local_now = ready.astimezone(), now.astimezone()
    clock = f"{local:%H:%M}"
    if wait < timedelta(hours=1):
        minutes = max(1, math.ceil(wait / timedelta(minutes=1)))
        return f"in {plural(minutes, 'minute')} (at {clock})"
    days = (local.date() - local_now.date()).days
    if days == 0:
        hours = round(wait / timedelta(hours=1))
        return f"today at {clock} (in {plural(hours, 'hour')})"
    if days == 1:
        return f"tomorrow at {clock}"
    return f"on {local:%a %d %b} at {clock} (in {days} days)"


def _ceil_minute(moment: datetime) -> datetime:
    floor = moment.replace(second=0, microsecond=0)
    return floor if floor == moment else floor + timedelta(minutes=1)


# Stats -------------------------------------------------------------------------------

#: The longest forecast bar, in characters.
BAR_WIDTH = 30
#: Days of forecast on the default screen (it fits 24 rows, one day fewer per topic past four);
#: ``--full`` shows the whole forecast.
SHORT_FORECAST = 7


def stats_view(
    result: Stats,
    packs: Sequence[PackAnswers],
    *,
    symbols: Symbols = UNICODE,
    full: bool = False,
    start: str = "azrs-quiz review",
    stats_with: Callable[[Path | None], str] = lambda content: "azrs-quiz stats",
) -> list[RenderableType]:
    """The stats screen: a summary, the packs with answers, a per-topic table and the forecast chart.

    By default it fits an 80x24 terminal: the next :data:`SHORT_FORECAST` days and one
    line of packs; ``full`` shows the whole forecast and a line per pack. ``start`` is
    the command to suggest first; ``stats_with(content)`` the stats command of another pack.
    """
    from rich import box
    from rich.table import Table

    ascii_only = symbols is not UNICODE
    table_box = box.ASCII if ascii_only else box.SIMPLE
    overall = result.overall
    today = result.forecast[0][0]
    parts: list[RenderableType] = [Text(f"Your progress on {today:%a %d %b %Y}", style=HEADER)]

    streak = plural(result.streak, "day")
    if result.streak and not result.studied_today:
        streak += " (answer something today to keep it)"
    rows = [
        ("Answers", f"{overall.answers} ({result.reviews} in reviews, {result.quiz_answers} in quizzes)"),
        ("Retention", _percent(overall.retention) + (" right" if overall.answers else "")),
        ("Streak", streak),
        ("Learned", f"{overall.learned} of {overall.total} questions ({overall.seen} seen)"),
        ("Due now", str(result.due_now)),
    ]
    for label, value in rows:
        parts.append(Text.assemble((f"{label:<11}", PROMPT), value))
    elsewhere = [pack for pack in packs if not pack.current and pack.answers]
    if not overall.answers:
        if elsewhere:
            parts.append(Text("No answers on this content yet; your answers are on other packs:", style=DIM))
        else:
            parts.append(Text(f"No answers yet: start with `{start}`.", style=DIM))
    parts.extend(_pack_lines(packs, elsewhere, full=full, stats_with=stats_with, symbols=symbols))

    parts.append(Text("\nBy topic", style=PROMPT))
    topics = Table(box=table_box, show_edge=False, pad_edge=False)
    topics.add_column("Topic")
    topics.add_column("Answers", justify="right")
    topics.add_column("Right", justify="right")
    topics.add_column("Learned", justify="right")
    for topic, tally in result.topics.items():
        topics.add_row(topic, str(tally.answers), _percent(tally.retention), f"{tally.learned}/{tally.total}")
    parts.append(topics)

    # Each topic row past the fourth costs a forecast day, so the default screen still fits 24 rows.
    short_days = max(3, SHORT_FORECAST - max(0, len(result.topics) - 4))
    days = result.forecast if full else result.forecast[:short_days]
    heading = f"\nReviews due in the next {len(days)} days" + ("" if full else " (--full for more)")
    parts.append(Text(heading, style=PROMPT))
    forecast = Table(box=None if not full else table_box, show_header=full, show_edge=False, pad_edge=False)
    forecast.add_column("Day")
    forecast.add_column("Due", justify="right")
    forecast.add_column("", no_wrap=True)
    peak = max((due for _, due in days), default=0)
    block = "#" if ascii_only else "\u2588"
    for day, due in days:
        length = 0 if not due else max(1, round(due * BAR_WIDTH / peak))
        label = "Today" if day == today else f"{day:%a %d %b}"
        forecast.add_row(label, str(due), Text(block * length, style="cyan"))
    parts.append(forecast)
    parts.extend(_calibration(result, table_box) if full else _calibration_line(result))
    return parts


#: What each calibration verdict means for the learner, in plain words.
VERDICTS = {
    "as expected": "as the schedule assumes",
    "better": "better than the schedule assumes",
    "worse": "worse than the schedule assumes",
    "too few": "too few to tell yet",
}


def _calibration(result: Stats, table_box: Box) -> list[RenderableType]:
    """Right answers the schedule expected (predicted recall plus lucky guesses) against those given, per band."""
    from rich.table import Table

    heading = Text("\nDoes the schedule fit you? (reviews of learned questions)", style=PROMPT)
    if not any(band.answers for band in result.calibration):
        return [heading, Text("No reviews of learned questions yet.", style=DIM)]
    table = Table(box=table_box, show_edge=False, pad_edge=False)
    table.add_column("Remembered for")
    table.add_column("Reviews", justify="right")
    table.add_column("Expected", justify="right")
    table.add_column("Right", justify="right")
    table.add_column("You are doing")
    for band in result.calibration:
        if band.answers:
            table.add_row(
                band.band,
                str(band.answers),
                _percent(band.expected_rate),
                _percent(band.observed_rate),
                VERDICTS[band.verdict],
            )
    return [heading, table]


def _calibration_line(result: Stats) -> list[RenderableType]:
    """The schedule's fit in one line, on the screen that fits 24 rows (``--full`` has the table)."""
    fit = result.fit
    if not fit.answers:
        return []
    verdict = VERDICTS[fit.verdict].replace("the schedule assumes", "assumed")
    line = Text.assemble(
        ("Schedule fit ", PROMPT),
        f"{_percent(fit.observed_rate)} right, {_percent(fit.expected_rate)} expected: {verdict} "
        f"({plural(fit.answers, 'review')}; --full)",
    )
    return [Text(""), line]


def _pack_lines(
    packs: Sequence[PackAnswers],
    elsewhere: Sequence[PackAnswers],
    *,
    full: bool,
    stats_with: Callable[[Path | None], str],
    symbols: Symbols,
) -> list[Text]:
    """The packs with answers in this data folder: one line, or a line each with ``full``."""
    if not elsewhere and not full:
        return []
    shown = [pack for pack in packs if pack.answers or (full and pack.current)]
    if full or elsewhere:
        lines = []
        for pack in shown:
            where = "" if pack.current else f" ({stats_with(pack.content)})"
            lines.append(wrap(f"{pack.title}: {plural(pack.answers, 'answer')}{where}", MAX_COLUMNS, first="  "))
        if not full and len(lines) > 3:
            more = len(lines) - 2
            lines = [*lines[:2], Text(f"  {symbols.ellipsis} and {more} more packs (--full)", style=DIM)]
        return [Text("Packs", style=PROMPT), *lines]
    return []


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.0f}%"
