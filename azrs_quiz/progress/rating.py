"""The rating rule: how an answer becomes an FSRS rating, and in which form a question is asked.

A learner in a terminal never grades themselves: the answer does, and the only
say the learner has is the "I guessed" key, which can only lower the grade.
Everything the rule looks at is in one small record, :class:`AnswerFacts`;
:func:`rate` turns it into fsrs's own :class:`fsrs.Rating`, and
:func:`answer_form` decides whether a due question is asked as multiple choice
or as typed recall. Both read their thresholds from a :class:`RatingPolicy`;
:data:`POLICY` is the one ``review`` and ``quiz --schedule`` use (chosen with
``benchmarks/bench_srs.py``), :data:`TIMED_EASY` the rule used before it.

The rule (:data:`POLICY`):

* wrong, skipped, or marked "I guessed"              -> Again
* right at a question's first sighting               -> Good (2 days, where the
  rule before rated a quick one Easy: 8 days)
* right, picked between only 2 options                -> Hard (in review; Good
  during the same-day steps, where Hard would repeat the step without end)
* right, after more than :data:`HARD_OVER` seconds    -> Hard (likewise)
* right otherwise                                     -> Good

A right answer is never Easy: a quick pick among four options is as often a
lucky or half-remembered recognition as a strong memory, and rating it Easy
made FSRS promise 90% recall while learners recalled about 78%.

Questions are asked as multiple choice until FSRS's stability for them reaches
:data:`TYPED_FROM_STABILITY` days (in practice: once answered right on a later
day), then as typed recall, which cannot be guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from fsrs import Rating, State

from azrs_quiz.progress.records import AnswerForm, CardRecord

#: Right answers slower than this many seconds are rated Hard: the memory was there, but weak.
HARD_OVER = 25.0
#: Quick right answers were rated Easy under the rule used before :data:`POLICY`.
EASY_UNDER = 8.0
#: A question is asked as typed recall once FSRS expects it to be remembered this many days.
TYPED_FROM_STABILITY = 7.0
#: Fewer options than this make a right pick weaker evidence: between two, one in two is a lucky
#: guess. (Rating a pick among three Hard over-corrected in bench_srs: recall 0.02-0.03 above FSRS's
#: prediction for 30% more answers, where Good stayed within 0.025.)
FULL_CHOICE = 3
#: FSRS's same-day steps for a new question, and after a lapse: one re-ask 10 minutes later.
LEARNING_STEPS = (timedelta(minutes=10),)
RELEARNING_STEPS = (timedelta(minutes=10),)


@dataclass(frozen=True)
class AnswerFacts:
    """Everything the rating rule looks at in one answer.

    ``elapsed`` is None when the time means nothing (answers read from a pipe).
    ``options`` is how many options were shown (ignored for typed answers).
    ``state`` is the question's FSRS state before this answer, None at its first sighting.
    ``guessed`` is True when the learner pressed "g" ("I guessed") after a right answer.
    """

    correct: bool
    elapsed: float | None = None
    form: AnswerForm = "choice"
    options: int = FULL_CHOICE
    state: State | None = None
    guessed: bool = False


@dataclass(frozen=True)
class RatingPolicy:
    """The knobs of the rating rule; :func:`rate` and :func:`answer_form` are the rule.

    ``easy_under``: right answers quicker than this are Easy (None: never Easy);
    ``easy_forms``: the answer forms that may earn Easy;
    ``hard_over``: right answers slower than this are Hard (None: never);
    ``first_sighting``: the best rating a question's first answer can earn;
    ``full_choice``: a right pick among fewer options than this is Hard;
    ``typed_from``: the FSRS stability (days) from which a question is asked typed (None: always choices);
    ``learning_steps`` and ``relearning_steps``: FSRS's same-day steps for new and lapsed questions;
    ``hard_in_steps``: whether Hard is given during those steps too (it repeats the step).
    """

    easy_under: float | None = None
    easy_forms: tuple[AnswerForm, ...] = ()
    hard_over: float | None = HARD_OVER
    first_sighting: Rating = Rating.Good
    full_choice: int = FULL_CHOICE
    typed_from: float | None = TYPED_FROM_STABILITY
    learning_steps: tuple[timedelta, ...] = LEARNING_STEPS
    relearning_steps: tuple[timedelta, ...] = RELEARNING_STEPS
    hard_in_steps: bool = False


#: The rule ``review`` uses.
POLICY = RatingPolicy()
#: The rule used before: wrong -> Again, right under 8 s -> Easy, over 25 s -> Hard, else Good; always
#: choices; fsrs's default steps (1 and 10 minutes for a new question, 10 minutes after a lapse).
TIMED_EASY = RatingPolicy(
    easy_under=EASY_UNDER,
    easy_forms=("choice", "typed"),
    hard_over=HARD_OVER,
    first_sighting=Rating.Easy,
    full_choice=0,
    typed_from=None,
    learning_steps=(timedelta(minutes=1), timedelta(minutes=10)),
    relearning_steps=(timedelta(minutes=10),),
    hard_in_steps=True,
)


def rate(answer: AnswerFacts, policy: RatingPolicy = POLICY) -> Rating:
    """The FSRS rating ``answer`` earns under ``policy``: see the module's table."""
    if not answer.correct or answer.guessed:
        return Rating.Again
    rating = Rating.Good
    if answer.elapsed is not None:
        if policy.hard_over is not None and answer.elapsed > policy.hard_over:
            rating = Rating.Hard
        elif policy.easy_under is not None and answer.elapsed < policy.easy_under and answer.form in policy.easy_forms:
            rating = Rating.Easy
    if answer.form == "choice" and answer.options < policy.full_choice:
        rating = min(rating, Rating.Hard)
    if answer.state is None:
        rating = min(rating, policy.first_sighting)
    if rating == Rating.Hard and answer.state != State.Review and not policy.hard_in_steps:
        # In fsrs's same-day steps Hard repeats the step: a learner always slow, or a
        # question with two options, would never leave them. The steps set the pace.
        rating = Rating.Good
    return Rating(rating)


def answer_form(
    card: CardRecord | None, *, force: AnswerForm | None = None, policy: RatingPolicy = POLICY
) -> AnswerForm:
    """How to ask a question whose schedule is ``card`` (None if never seen): ``"choice"`` or ``"typed"``.

    Multiple choice until FSRS's stability reaches ``policy.typed_from`` days
    (:data:`TYPED_FROM_STABILITY`), then typed recall; after a lapse the
    stability drops and choices come back. ``force`` (``--choices`` or
    ``--typed``) overrides the rule.
    """
    if force is not None:
        return force
    if card is None or policy.typed_from is None or card.stability is None or card.state != State.Review:
        return "choice"
    return "typed" if card.stability >= policy.typed_from else "choice"
