"""Figures of the bundled question bank, for the closing note of a content change.

Run ``python benchmarks/bank_figures.py``: it prints the number of questions, how many
facts they ask, the largest number of questions on one fact, and the give-away pairs
(two questions on one fact, or a stem printing another question's answer) found in
10-question quizzes, averaged over 300 seeds.
"""

from __future__ import annotations

from collections import Counter

from azrs_quiz.facts.loader import load_content
from azrs_quiz.questions import build_quiz, question_bank
from azrs_quiz.questions.spacing import gives_away

SEEDS = 300
COUNT = 10


def main() -> None:
    """Print the figures, one per line."""
    content = load_content()
    bank = question_bank(content)
    per_fact = Counter(question.fact_id for question in bank)
    pairs = 0
    quizzes_with_pairs = 0
    for seed in range(SEEDS):
        asked = build_quiz(content, count=COUNT, seed=seed).questions
        found = sum(gives_away(a, b) for i, a in enumerate(asked) for b in asked[i + 1 :])
        pairs += found
        quizzes_with_pairs += found > 0
    print(f"questions: {len(bank)}")
    print(f"facts asked: {len(per_fact)} of {len(content.facts)}")
    print(f"most questions on one fact: {max(per_fact.values())}")
    print(
        f"give-away pairs per {COUNT}-question quiz: {pairs / SEEDS:.2f} (in {quizzes_with_pairs} of {SEEDS} quizzes)"
    )


if __name__ == "__main__":
    main()
