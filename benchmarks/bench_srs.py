"""Does ``review`` keep FSRS's promise? Simulated learners answer through the real rating path.

Run from the repository root::

    .venv/bin/python benchmarks/bench_srs.py            # 40 learners x 60 questions x 180 days
    .venv/bin/python benchmarks/bench_srs.py --full     # 200 learners x 120 questions x 180 days
    .venv/bin/python benchmarks/bench_srs.py --learners 5 --days 30 --json

What is driven is the project's own code, with no copy of its rules: every day
:func:`azrs_quiz.progress.queue.plan_review` picks the session, :func:`azrs_quiz.progress.rating.answer_form`
decides choice or typed, and each answer goes through :func:`azrs_quiz.progress.answering.take_answer`,
the function :meth:`ProgressStore.record` saves (rating rule, FSRS schedule, FSRS's predicted recall).
Only the SQLite round trip is left out. A policy is a :class:`~azrs_quiz.progress.rating.RatingPolicy`
(the knobs of the one rule) plus how often learners press "g" after a lucky guess.

The model (the "truth"), and its assumptions:

* **Memory is FSRS-6's own model** (``fsrs.Scheduler`` with the learner's own parameters): each
  learner's initial stabilities (w0-w3), recall growth (w8) and forgetting (w11) are FSRS's
  defaults times a lognormal factor (sigma 0.25), clipped to fsrs's bounds; each question has
  a difficulty offset (normal, sigma 1.5, added to its initial difficulty) and a prior
  knowledge chance (Beta(0.5, 4.5): on average one question in ten is known before it is
  first seen). True recall at a moment is FSRS's forgetting curve over the exact (fractional)
  days since the learner's last answer, with the learner's stability.
* **An answer:** the learner recalls with probability equal to the true recall. Multiple
  choice among k options (4 by default, ``--options``): without recall they guess uniformly,
  so a forgotten question is still right one time in k. Typed recall: without recall the
  answer is wrong (no guessing).
* **Answer times are lognormal:** a recall takes a median of about 6 s (per-learner median
  spread with sigma 0.3; per-answer sigma 0.5); a guess about 12 s; a failed typed recall 15 s.
* **Two truth models** of what a right answer does to memory. ``independent``: recall strength
  is independent of speed, every recall strengthens memory as FSRS's Good. ``speed``: fast
  recall means stronger memory: the fastest third of a learner's recalls strengthen it as
  Easy, the slowest sixth as Hard, the rest as Good. Either way an answer without recall
  (a wrong answer or a lucky guess, both followed by the right answer on screen) counts as
  FSRS's Again, and a first sighting of a question the learner did not know is a first study.
* **The "I guessed" key:** under policies that have it, a learner presses it after a lucky
  guess half of the time (``--guess-key-rate``); they never press it after a real recall.
* **Routine:** one sitting a day at 09:00 (give or take 30 minutes) with up to 10 new
  questions; the learner comes back within the sitting for learning steps due within 30
  minutes. The clock advances by each answer's time.

Reported per policy and truth model, each as the mean across learners and its 10th-90th
percentile range: true recall when a question in FSRS's review state is asked, FSRS's
predicted recall for the same answers, answers per question, the true recall of every
question on the last day, and the share of right answers that were guesses. Seeds are fixed:
the same arguments print the same table.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS, LOWER_BOUNDS_PARAMETERS, UPPER_BOUNDS_PARAMETERS

from azrs_quiz.progress.answering import take_answer
from azrs_quiz.progress.queue import plan_review
from azrs_quiz.progress.rating import POLICY, TIMED_EASY, RatingPolicy, answer_form
from azrs_quiz.progress.records import AnswerForm, CardRecord

TruthModel = Literal["independent", "speed"]
TRUTH_MODELS: tuple[TruthModel, ...] = ("independent", "speed")
START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
#: The learner's parameters that vary, and how much (sigma of a lognormal factor).
PARAMETER_SPREAD = {0: 0.25, 1: 0.25, 2: 0.25, 3: 0.25, 8: 0.25, 11: 0.25}
DIFFICULTY_SPREAD = 1.5
PRIOR_KNOWLEDGE = (0.5, 4.5)
RECALL_SECONDS, GUESS_SECONDS, TYPED_MISS_SECONDS = 6.0, 12.0, 15.0
LEARNER_SPEED_SPREAD, ANSWER_TIME_SPREAD = 0.3, 0.5
#: In the ``speed`` model: z-scores of answer time below this strengthen as Easy, above the next as Hard.
FASTEST_THIRD, SLOWEST_SIXTH = -0.4307, 0.9674
COME_BACK_WITHIN = timedelta(minutes=30)


@dataclass(frozen=True)
class Policy:
    """A rating policy under test: the rule's knobs, forced answer form, and the guess-key habit."""

    name: str
    rule: RatingPolicy
    force: AnswerForm | None = None
    guess_key: bool = False


def policies() -> list[Policy]:
    """The policies compared, each adding one change to the one before: from the rule before to ``review``'s."""
    default_steps = {"learning_steps": TIMED_EASY.learning_steps, "relearning_steps": TIMED_EASY.relearning_steps}
    return [
        Policy("before: right <8 s Easy, >25 s Hard, else Good; wrong Again", TIMED_EASY),
        Policy("before, typed recall only", TIMED_EASY, force="typed"),
        Policy("never Easy (fsrs's 1+10 min steps)", replace(POLICY, typed_from=None, **default_steps)),
        Policy("+ one 10-minute step", replace(POLICY, typed_from=None)),
        Policy("+ typed from 7 days' stability", POLICY),
        Policy("+ the g key: review's policy now", POLICY, guess_key=True),
        Policy("honest grader: typed only, Again/Good", replace(POLICY, hard_over=None), force="typed"),
    ]


@dataclass(frozen=True)
class SimQuestion:
    """A question as the queue and the rating path see it."""

    id: str
    fact_id: str
    topic: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class SimAnswer:
    """An answer as :func:`take_answer` sees it."""

    question: SimQuestion
    choice: int | None
    elapsed: float
    answered_at: datetime
    correct: bool


@dataclass
class Tally:
    """What one learner's run adds up."""

    true_recall: list[float] = field(default_factory=list)
    predicted_recall: list[float] = field(default_factory=list)
    answers: int = 0
    right: int = 0
    lucky: int = 0
    introduced: int = 0
    final_recall: float = 0.0


@dataclass(frozen=True)
class Learner:
    """One simulated learner: their memory parameters, speed, and the questions' traits for them."""

    scheduler: Scheduler
    recall_seconds: float
    difficulty_offset: tuple[float, ...]
    prior_knowledge: tuple[float, ...]


def make_learner(seed: int, questions: int) -> Learner:
    """Learner ``seed``'s parameters (the same whatever the policy, so policies are compared pairwise)."""
    rng = random.Random(seed)
    parameters = list(DEFAULT_PARAMETERS)
    for index, sigma in PARAMETER_SPREAD.items():
        value = parameters[index] * math.exp(rng.gauss(0.0, sigma))
        parameters[index] = min(max(value, LOWER_BOUNDS_PARAMETERS[index]), UPPER_BOUNDS_PARAMETERS[index])
    parameters[0:4] = sorted(parameters[0:4])  # Again <= Hard <= Good <= Easy, as fsrs fits them
    question_rng = random.Random(10_000 + questions)  # the questions are the same for every learner
    return Learner(
        scheduler=Scheduler(parameters=parameters, enable_fuzzing=False),
        recall_seconds=RECALL_SECONDS * math.exp(rng.gauss(0.0, LEARNER_SPEED_SPREAD)),
        difficulty_offset=tuple(question_rng.gauss(0.0, DIFFICULTY_SPREAD) for _ in range(questions)),
        prior_knowledge=tuple(question_rng.betavariate(*PRIOR_KNOWLEDGE) for _ in range(questions)),
    )


def true_recall(scheduler: Scheduler, card: Card | None, at: datetime, prior: float) -> float:
    """The probability the learner recalls now: FSRS's curve over fractional days (``prior`` if never studied)."""
    if card is None or card.last_review is None or card.stability is None:
        return prior
    days = max(0.0, (at - card.last_review) / timedelta(days=1))
    factor = 0.9 ** (1 / -scheduler.parameters[20]) - 1
    return float((1 + factor * days / card.stability) ** -scheduler.parameters[20])


def simulate(
    seed: int,
    policy: Policy,
    truth: TruthModel,
    *,
    questions: int,
    days: int,
    options: int,
    guess_key_rate: float,
) -> Tally:
    """One learner through ``days`` days of reviews under ``policy``; what happened, added up."""
    learner = make_learner(seed, questions)
    rng = random.Random(f"{seed}:{truth}")  # the same draws for every policy, as far as the paths agree
    bank = [
        SimQuestion(
            f"q{index}:when", f"q{index}", ("dates", "people", "places")[index % 3], tuple("abcdefgh"[:options])
        )
        for index in range(questions)
    ]
    index_of = {question.id: index for index, question in enumerate(bank)}
    cards: dict[str, CardRecord] = {}
    memory: dict[str, Card] = {}
    tally = Tally()
    for day in range(days):
        now = START + timedelta(days=day, minutes=rng.uniform(-30, 30))
        for _ in range(30):  # sittings within the day, for learning steps
            plan = plan_review(bank, cards, now=now, tz=timezone.utc)
            for question in plan.questions:
                before = cards.get(question.id)
                form = answer_form(before, force=policy.force, policy=policy.rule)
                index = index_of[question.id]
                recalled_p = true_recall(
                    learner.scheduler, memory.get(question.id), now, learner.prior_knowledge[index]
                )
                recalled = rng.random() < recalled_p
                speed = rng.gauss(0.0, 1.0)
                if recalled:
                    elapsed, correct = learner.recall_seconds * math.exp(ANSWER_TIME_SPREAD * speed), True
                elif form == "choice":
                    elapsed = GUESS_SECONDS * math.exp(ANSWER_TIME_SPREAD * speed)
                    correct = rng.randrange(options) == 0
                else:
                    elapsed, correct = TYPED_MISS_SECONDS * math.exp(ANSWER_TIME_SPREAD * speed), False
                lucky = correct and not recalled
                guessed = policy.guess_key and lucky and rng.random() < guess_key_rate
                answer = SimAnswer(question, 0 if correct else 1, elapsed, now, correct)
                review, after = take_answer(
                    answer, before, mode="review", schedule=True, form=form, guessed=guessed, policy=policy.rule
                )
                assert after is not None
                cards[question.id] = after
                if before is not None and before.state == State.Review and review.recall is not None:
                    tally.true_recall.append(recalled_p)
                    tally.predicted_recall.append(review.recall)
                tally.answers += 1
                tally.right += correct
                tally.lucky += lucky
                memory[question.id] = _learn(learner, memory.get(question.id), index, recalled, speed, truth, now)
                now += timedelta(seconds=elapsed)
            if plan.next_due is None or plan.next_due - now > COME_BACK_WITHIN:
                break
            now = max(now, plan.next_due)
    tally.introduced = len(cards)
    end = START + timedelta(days=days)
    tally.final_recall = statistics.fmean(
        true_recall(learner.scheduler, memory.get(question.id), end, 0.0) for question in bank
    )
    return tally


def _learn(
    learner: Learner, card: Card | None, index: int, recalled: bool, speed: float, truth: TruthModel, at: datetime
) -> Card:
    """The learner's true memory after an answer (and the right answer shown)."""
    if not recalled:
        grade = Rating.Again
    elif truth == "speed" and speed < FASTEST_THIRD:
        grade = Rating.Easy
    elif truth == "speed" and speed > SLOWEST_SIXTH:
        grade = Rating.Hard
    else:
        grade = Rating.Good
    first = card is None
    after, _ = learner.scheduler.review_card(card if card is not None else Card(card_id=index, due=at), grade, at)
    if first and after.difficulty is not None:
        after.difficulty = min(10.0, max(1.0, after.difficulty + learner.difficulty_offset[index]))
    return after


@dataclass(frozen=True)
class Figure:
    """A figure across learners: its mean and its 10th-90th percentile range."""

    mean: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Figure:
        """The mean and the 10th and 90th percentiles of ``values``."""
        ordered = sorted(values)
        if len(ordered) == 1:
            return cls(ordered[0], ordered[0], ordered[0])
        deciles = statistics.quantiles(ordered, n=10, method="inclusive")
        return cls(statistics.fmean(ordered), deciles[0], deciles[-1])

    def text(self, digits: int) -> str:
        """'0.776 (0.74-0.81)'."""
        return f"{self.mean:.{digits}f} ({self.low:.{digits}f}-{self.high:.{digits}f})"


#: The figures reported, in order: key, heading, decimals.
FIGURES = (
    ("true_recall", "true recall at review", 3),
    ("predicted_recall", "FSRS's prediction", 3),
    ("gap", "gap", 3),
    ("answers_per_question", "answers/question", 1),
    ("final_recall", "recall at the end", 3),
    ("guess_share", "right answers that were guesses", 3),
)


def summarise(tallies: Sequence[Tally]) -> dict[str, Figure]:
    """Each reported figure across the learners' tallies."""
    per_learner: dict[str, list[float]] = {key: [] for key, _, _ in FIGURES}
    for tally in tallies:
        true = statistics.fmean(tally.true_recall) if tally.true_recall else math.nan
        predicted = statistics.fmean(tally.predicted_recall) if tally.predicted_recall else math.nan
        per_learner["true_recall"].append(true)
        per_learner["predicted_recall"].append(predicted)
        per_learner["gap"].append(true - predicted)
        per_learner["answers_per_question"].append(tally.answers / max(1, tally.introduced))
        per_learner["final_recall"].append(tally.final_recall)
        per_learner["guess_share"].append(tally.lucky / tally.right if tally.right else 0.0)
    return {key: Figure.of(values) for key, values in per_learner.items()}


def _run(task: tuple[int, Policy, TruthModel, dict[str, Any]]) -> Tally:
    seed, policy, truth, sizes = task
    return simulate(seed, policy, truth, **sizes)


def run(
    *, learners: int, questions: int, days: int, options: int = 4, guess_key_rate: float = 0.5, workers: int = 2
) -> list[dict[str, Any]]:
    """Every policy under both truth models: one row per pair, with every figure."""
    sizes = {"questions": questions, "days": days, "options": options, "guess_key_rate": guess_key_rate}
    pairs = [(policy, truth) for truth in TRUTH_MODELS for policy in policies()]
    tasks = [(seed, policy, truth, sizes) for policy, truth in pairs for seed in range(learners)]
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            tallies = list(pool.map(_run, tasks, chunksize=max(1, len(tasks) // (workers * 8))))
    else:
        tallies = [_run(task) for task in tasks]
    rows = []
    for number, (policy, truth) in enumerate(pairs):
        figures = summarise(tallies[number * learners : (number + 1) * learners])
        rows.append({"policy": policy.name, "truth": truth, "figures": figures})
    return rows


def markdown(rows: Sequence[dict[str, Any]]) -> str:
    """The rows as a Markdown table, one truth model after the other."""
    header = "| truth | policy | " + " | ".join(heading for _, heading, _ in FIGURES) + " |"
    lines = [header, "|" + "---|" * (len(FIGURES) + 2)]
    for row in rows:
        cells = [row["figures"][key].text(digits) for key, _, digits in FIGURES]
        lines.append(f"| {row['truth']} | {row['policy']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--full", action="store_true", help="200 learners x 120 questions x 180 days")
    parser.add_argument("--learners", type=int, default=None)
    parser.add_argument("--questions", type=int, default=None)
    parser.add_argument("--days", type=int, default=180)
    parser.add_argument("--options", type=int, default=4, help="options per multiple-choice question")
    parser.add_argument("--guess-key-rate", type=float, default=0.5, help="share of lucky guesses owned up to")
    parser.add_argument("--workers", type=int, default=2, help="processes (the machine is shared: keep it small)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    arguments = parser.parse_args(argv)
    learners = arguments.learners or (200 if arguments.full else 40)
    questions = arguments.questions or (120 if arguments.full else 60)
    started = time.perf_counter()
    rows = run(
        learners=learners,
        questions=questions,
        days=arguments.days,
        options=arguments.options,
        guess_key_rate=arguments.guess_key_rate,
        workers=arguments.workers,
    )
    took = time.perf_counter() - started
    if arguments.json:
        document = [
            {
                "policy": row["policy"],
                "truth": row["truth"],
                **{key: vars(row["figures"][key]) for key, _, _ in FIGURES},
            }
            for row in rows
        ]
        print(json.dumps(document, indent=1))
    else:
        print(
            f"{learners} learners x {questions} questions x {arguments.days} days, {arguments.options} options, "
            f"mean (10th-90th percentile across learners); {took:.0f} s"
        )
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
