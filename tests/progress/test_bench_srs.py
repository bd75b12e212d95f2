"""A smoke run of the simulated-learner benchmark: it runs through the real rating path and reports every figure.

No thresholds: what the figures should be is the benchmark's business (see the README).
"""

from __future__ import annotations

import math

import pytest

from benchmarks import bench_srs


def test_a_small_run_reports_every_figure_for_every_policy_under_both_truth_models() -> None:
    rows = bench_srs.run(learners=2, questions=6, days=12, workers=1)
    assert [(row["policy"], row["truth"]) for row in rows] == [
        (policy.name, truth) for truth in bench_srs.TRUTH_MODELS for policy in bench_srs.policies()
    ]
    for row in rows:
        assert set(row["figures"]) == {key for key, _, _ in bench_srs.FIGURES}
        for figure in row["figures"].values():
            assert all(math.isfinite(value) for value in (figure.mean, figure.low, figure.high))


def test_the_command_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert bench_srs.main(["--learners", "1", "--questions", "3", "--days", "5", "--workers", "1"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[1].startswith("| truth | policy | true recall at review | FSRS's prediction |")
    assert len(table) == 3 + 2 * len(bench_srs.policies())


def test_the_benchmark_drives_the_library_s_own_rating_path() -> None:
    from azrs_quiz.progress import answering, queue, rating

    # No copy of the rules: the benchmark calls the very functions review and the store call.
    assert bench_srs.take_answer is answering.take_answer
    assert bench_srs.plan_review is queue.plan_review
    assert bench_srs.answer_form is rating.answer_form
