"""Drawing a quiz from the bank: spread across topics and facts."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from azrs_quiz.arguments import instance_of, optional_whole_number, topic_names, whole_number
from azrs_quiz.facts.topics import TOPICS, Topic, choose_topics
from azrs_quiz.questions.errors import InvalidCount, NoQuestions
from azrs_quiz.questions.model import Question, Quiz

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
) -> Quiz:
    """Draw ``count`` questions from the chosen topics (all by default).

    Questions are spread evenly across the topics and never ask twice about one
    fact while other facts remain. The same content and ``seed`` give the same
    quiz, question for question and option for option; ``seed=None`` draws a fresh
    seed, which the returned quiz records. Asking for more questions than there are
    gives every question. Raises :class:`~azrs_quiz.errors.UnknownTopic` for a topic
    the content has no questions on, :class:`InvalidCount` when ``count < 1`` and
    :class:`NoQuestions` when the content yields none at all.
    """
    from azrs_quiz.facts.content import Content
    from azrs_quiz.questions.bank import question_bank

    instance_of(content, Content, "content")
    _check_count(count)
    return draw_quiz(question_bank(content, options=options), topics=topics, count=count, seed=seed)


def draw_quiz(
    bank: Sequence[Question],
    *,
    topics: Iterable[str] | None = None,
    count: int = DEFAULT_COUNT,
    seed: int | None = None,
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
    )


def draw_from_columns(
    topic_of: Sequence[str],
    fact_of: Sequence[str],
    question_at: Callable[[int], Question],
    *,
    topics: Iterable[str] | None = None,
    count: int = DEFAULT_COUNT,
    seed: int | None = None,
) -> Quiz:
    """:func:`draw_quiz` from the topic and fact of each question of a bank, in bank order.

    Only the questions drawn are asked of ``question_at`` (by position in the bank), so
    a bank stored on disk need not be read whole to draw ten questions from it.
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
    drawn = _draw_positions(pool, topic_of, fact_of, count, random.Random(seed))
    return Quiz(questions=tuple(question_at(position) for position in drawn), topics=chosen_topics, seed=seed)


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
    """Up to ``count`` questions, taking topics in turn and a new fact each time while any remain."""
    positions = range(len(pool))
    topic_of = [question.topic for question in pool]
    fact_of = [question.fact_id for question in pool]
    return [pool[position] for position in _draw_positions(positions, topic_of, fact_of, count, rng)]


def _draw_positions(
    pool: Sequence[int], topic_of: Sequence[str], fact_of: Sequence[str], count: int, rng: random.Random
) -> list[int]:
    """:func:`draw` on positions: the same shuffles of the same lengths, so the same picks."""
    by_topic: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for position in pool:
        by_topic[topic_of[position]][fact_of[position]].append(position)
    # Per topic, its facts in random order, each with its questions in random order.
    topics: list[list[list[int]]] = []
    for topic in sorted(by_topic):
        facts = list(by_topic[topic].values())
        rng.shuffle(facts)
        for questions in facts:
            rng.shuffle(questions)
        topics.append(facts)
    rng.shuffle(topics)
    drawn: list[int] = []
    while len(drawn) < count:
        # One pass takes one question from each fact, topics in turn; another pass only when facts run out.
        remaining = [[facts for facts in topic if facts] for topic in topics]
        depth = max((len(topic) for topic in remaining), default=0)
        if depth == 0:
            break
        for rank in range(depth):
            for topic_facts in remaining:
                if rank < len(topic_facts) and len(drawn) < count:
                    drawn.append(topic_facts[rank].pop())
    return drawn
