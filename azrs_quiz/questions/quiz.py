"""Drawing a quiz from the bank: spread across topics and facts."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from azrs_quiz.arguments import instance_of, optional_whole_number, topic_names, whole_number
from azrs_quiz.facts.topics import THEMES, TOPICS, Topic, choose_topics
from azrs_quiz.questions.errors import InvalidCount, NoQuestions, UnknownTheme
from azrs_quiz.questions.model import Question, Quiz
from azrs_quiz.questions.spacing import gives_away

if TYPE_CHECKING:
    from azrs_quiz.facts.content import Content

DEFAULT_COUNT = 10
#: Kept equal to azrs_quiz.questions.bank.DEFAULT_OPTIONS (a test checks): drawing from a
#: cached bank must not import the engine that builds one.
DEFAULT_OPTIONS = 4


def build_quiz(
    content: Content,
    *,
    topics: Iterable[str] | None = None,
    count: int = DEFAULT_COUNT,
    seed: int | None = None,
    options: int = DEFAULT_OPTIONS,
    themes: Iterable[str] | None = None,
) -> Quiz:
    """Draw ``count`` questions from the chosen topics (all by default).

    Questions are spread evenly across the topics, and no two of them give each other
    away: never two on one fact, never one whose stem prints another's answer (see
    :func:`~azrs_quiz.questions.spacing.space_out`). ``themes`` (politics, economy,
    culture, visits, defence, history) narrows the draw to facts of those subject
    areas. The same content and ``seed`` give the same quiz, question for question and
    option for option; ``seed=None`` draws a fresh seed, which the returned quiz
    records. A quiz is shorter than ``count`` only when the bank cannot supply that
    many questions that keep apart. Raises :class:`~azrs_quiz.errors.UnknownTopic` for a topic
    the content has no questions on, :class:`InvalidCount` when ``count < 1`` and
    :class:`NoQuestions` when the content yields none at all.
    """
    from azrs_quiz.facts.content import Content
    from azrs_quiz.questions.bank import question_bank

    instance_of(content, Content, "content")
    _check_count(count)
    return draw_quiz(question_bank(content, options=options), topics=topics, count=count, seed=seed, themes=themes)


def draw_quiz(
    bank: Sequence[Question],
    *,
    topics: Iterable[str] | None = None,
    count: int = DEFAULT_COUNT,
    seed: int | None = None,
    themes: Iterable[str] | None = None,
) -> Quiz:
    """Draw a quiz from a bank already built, exactly as :func:`build_quiz` draws it.

    The same bank and ``seed`` give the same quiz that :func:`build_quiz` gives from
    the content the bank was built from, so a cached bank changes nothing a learner sees.
    """
    return draw_from_columns(
        [question.topic for question in bank],
        [question.fact_id for question in bank],
        bank.__getitem__,
        topics=topics,
        count=count,
        seed=seed,
        themes=themes,
    )


def draw_from_columns(
    topic_of: Sequence[str],
    fact_of: Sequence[str],
    question_at: Callable[[int], Question],
    *,
    topics: Iterable[str] | None = None,
    count: int = DEFAULT_COUNT,
    seed: int | None = None,
    themes: Iterable[str] | None = None,
    theme_of: Sequence[str | None] | None = None,
) -> Quiz:
    """:func:`draw_quiz` from the topic and fact of each question of a bank, in bank order.

    Only the questions considered are asked of ``question_at`` (by position in the bank):
    those drawn, and those passed over for giving one of them away; so a bank stored on
    disk need not be read whole to draw ten questions from it. ``theme_of``, the theme of
    each question, filters on ``themes`` without reading any; without it ``themes``
    reads the questions of the chosen topics.
    """
    _check_count(count)
    topics = topic_names(topics)
    if optional_whole_number(seed, "seed") is None:
        seed = random.SystemRandom().randrange(2**32)
    if not topic_of:
        raise NoQuestions("the content yields no questions: its facts need dates, places, roles, parties or amounts")
    present = set(topic_of)
    chosen_topics = choose_topics(topics, tuple(topic for topic in TOPICS if topic in present))
    pool = [position for position, topic in enumerate(topic_of) if topic in chosen_topics]

    def theme_at(position: int) -> str | None:
        return theme_of[position] if theme_of is not None else question_at(position).theme

    wanted_themes = _checked_themes(themes, [theme_at(position) for position in pool] if themes else [])
    if wanted_themes:
        pool = [position for position in pool if theme_at(position) in wanted_themes]
    loaded: dict[int, Question] = {}

    def question(position: int) -> Question:
        if position not in loaded:
            loaded[position] = question_at(position)
        return loaded[position]

    def keeps_apart(position: int, drawn: Sequence[int]) -> bool:
        candidate = question(position)
        return not any(gives_away(candidate, question(other)) for other in drawn)

    drawn = _draw_positions(pool, topic_of, fact_of, count, random.Random(seed), keeps_apart)
    return Quiz(questions=tuple(question(position) for position in drawn), topics=chosen_topics, seed=seed)


def _checked_themes(themes: Iterable[str] | None, present: Sequence[str | None]) -> frozenset[str]:
    """The themes asked for, each one some question has; :class:`UnknownTheme` names the others."""
    wanted = [themes] if isinstance(themes, str) else list(themes or ())
    if not wanted:
        return frozenset()
    available = [theme for theme in THEMES if theme in present]
    unknown = [theme for theme in wanted if theme.lower() not in available]
    if unknown:
        allowed = ", ".join(available) or "none"
        raise UnknownTheme(f"no questions on theme '{unknown[0]}'; themes available: {allowed}")
    return frozenset(theme.lower() for theme in wanted)


def on_themes(questions: Sequence[Question], themes: Iterable[str] | None) -> list[Question]:
    """The questions on any of ``themes`` (all when ``None`` or empty), in their order.

    Raises :class:`UnknownTheme`, naming the themes there are, for a theme no question has.
    """
    wanted = _checked_themes(themes, [question.theme for question in questions])
    return [question for question in questions if not wanted or question.theme in wanted]


def _check_count(count: int) -> None:
    if whole_number(count, "count") < 1:
        raise InvalidCount(f"count must be at least 1 (got {count})")


def questions_on(bank: Sequence[Question], topics: Iterable[str] | None) -> list[Question]:
    """The questions of ``bank`` on ``topics`` (all when ``None`` or empty), in bank order.

    Topics are checked as by :func:`select_topics`: one the bank has no questions on is
    an :class:`~azrs_quiz.errors.UnknownTopic`, not an empty result.
    """
    chosen = select_topics(bank, topics)
    return [question for question in bank if question.topic in chosen]


def select_topics(bank: Sequence[Question], topics: Iterable[str] | None) -> tuple[Topic, ...]:
    """The topics asked for (one name or several), checked against those the bank has questions on.

    ``None`` or no names means every topic the bank has. Raises
    :class:`~azrs_quiz.errors.UnknownTopic`, naming the available topics, for any other.
    """
    available = tuple(topic for topic in TOPICS if any(question.topic == topic for question in bank))
    return choose_topics(topics, available)


def draw(pool: Sequence[Question], count: int, rng: random.Random) -> list[Question]:
    """Up to ``count`` questions, topics in turn, a new fact each time, none giving another away."""
    positions = range(len(pool))
    topic_of = [question.topic for question in pool]
    fact_of = [question.fact_id for question in pool]

    def keeps_apart(position: int, drawn: Sequence[int]) -> bool:
        return not any(gives_away(pool[position], pool[other]) for other in drawn)

    return [pool[position] for position in _draw_positions(positions, topic_of, fact_of, count, rng, keeps_apart)]


def _draw_positions(
    pool: Sequence[int],
    topic_of: Sequence[str],
    fact_of: Sequence[str],
    count: int,
    rng: random.Random,
    keeps_apart: Callable[[int, Sequence[int]], bool],
) -> list[int]:
    """:func:`draw` on positions: topics in turn, one question per fact first, none giving another away.

    Each topic offers its facts in random order, one question per fact before any
    fact's second; a question for which ``keeps_apart(position, drawn)`` is false (it
    would give away one already drawn) is passed over for the topic's next one, so
    topics keep their turns.
    """
    by_topic: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for position in pool:
        by_topic[topic_of[position]][fact_of[position]].append(position)
    queues: list[list[int]] = []
    for topic in sorted(by_topic):
        facts = list(by_topic[topic].values())
        rng.shuffle(facts)
        for questions in facts:
            if len(questions) > 1:  # shuffling one question would draw no number: skipped, the same draw
                rng.shuffle(questions)
        depth = max(len(questions) for questions in facts)
        queues.append([questions[rank] for rank in range(depth) for questions in facts if rank < len(questions)])
    rng.shuffle(queues)
    drawn: list[int] = []
    next_of = [0] * len(queues)
    while len(drawn) < count and any(start < len(queue) for start, queue in zip(next_of, queues, strict=True)):
        for turn, queue in enumerate(queues):
            while next_of[turn] < len(queue) and len(drawn) < count:
                candidate = queue[next_of[turn]]
                next_of[turn] += 1
                if keeps_apart(candidate, drawn):
                    drawn.append(candidate)
                    break
    return drawn
