"""Progress files: export, import that merges, clear errors for bad files, and reset."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fsrs import State
from helpers.progress import T0, answer, days, question
from hypothesis import given, settings
from hypothesis import strategies as st

from azrs_quiz.progress import (
    CorruptProgress,
    ProgressFileError,
    ProgressStore,
    ReviewRecord,
    export_progress,
    import_progress,
    reset_progress,
)
from azrs_quiz.progress.scheduling import replay
from azrs_quiz.progress.transfer import parse_progress


def fill(data_dir: Path, *moments_and_ids: tuple[int, str]) -> None:
    with ProgressStore.open(data_dir) as store:
        for day, question_id in moments_and_ids:
            store.record(answer(question(question_id), elapsed=12.0, at=T0 + days(day)), mode="review", schedule=True)


def test_export_then_import_on_another_machine_gives_the_same_progress(tmp_path: Path) -> None:
    fill(tmp_path / "here", (0, "a:when"), (1, "a:when"), (1, "b:who"))
    with ProgressStore.open(tmp_path / "here") as store:
        text = export_progress(store, now=T0 + days(2))
        cards, reviews = store.cards(), store.reviews()
    document = json.loads(text)
    assert (document["format"], document["version"], len(document["answers"])) == ("azrs-quiz-progress", 1, 3)
    with ProgressStore.open(tmp_path / "there") as other:
        result = import_progress(other, text)
        assert (other.cards(), other.reviews()) == (cards, reviews)
    assert (result.added, result.already_present) == (3, 0)


def test_importing_twice_adds_nothing_the_second_time(tmp_path: Path) -> None:
    fill(tmp_path, (0, "a:when"), (3, "a:when"))
    with ProgressStore.open(tmp_path) as store:
        text = export_progress(store, now=T0)
        result = import_progress(store, text)
        assert store.counts() == (1, 2)
    assert (result.added, result.already_present) == (0, 2)


def test_import_merges_two_histories_into_one_schedule(tmp_path: Path) -> None:
    fill(tmp_path / "laptop", (0, "a:when"), (10, "a:when"))
    fill(tmp_path / "desktop", (2, "a:when"), (5, "b:who"))
    with ProgressStore.open(tmp_path / "laptop") as laptop:
        text = export_progress(laptop, now=T0)
    with ProgressStore.open(tmp_path / "desktop") as desktop:
        result = import_progress(desktop, text)
        reviews = desktop.reviews()
        card = desktop.card("a:when")
    assert [(r.question_id, r.answered_at) for r in reviews] == [
        ("a:when", T0),
        ("a:when", T0 + days(2)),
        ("b:who", T0 + days(5)),
        ("a:when", T0 + days(10)),
    ]
    assert result.added == 2
    assert card == replay("a:when", reviews) and card is not None and card.last_review == T0 + days(10)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{not json",
            "backup.json is not a progress file: not valid JSON (line 1, column 2: Expecting property name enclosed in double quotes)",
        ),
        (
            '{"cards": []}',
            'backup.json is not a progress file: it has no "format": "azrs-quiz-progress"',
        ),
        (
            '{"format": "azrs-quiz-progress", "version": 7, "answers": []}',
            "backup.json is a version 7 progress file, but this azrs-quiz reads up to version 1; upgrade azrs-quiz to import it",
        ),
        ('{"format": "azrs-quiz-progress", "version": 1, "answers": {}}', 'backup.json: "answers" must be a list'),
        (
            '{"format": "azrs-quiz-progress", "version": 1, "answers": [{"question_id": "a:when"}]}',
            "backup.json: answers[0]: missing answered_at, choice, correct, elapsed, mode, rating, scheduled",
        ),
        (
            '{"format": "azrs-quiz-progress", "version": 1, "answers": [{"question_id": "a:when", "answered_at": '
            '"2026-03-02T09:00:00+00:00", "correct": true, "choice": 0, "elapsed": 3, "rating": 3, "mode": "review", '
            '"scheduled": true, "recall": 1.5}]}',
            "backup.json: answers[0].recall: must be null or a number from 0 to 1",
        ),
    ],
)
def test_a_bad_file_is_a_clear_error(text: str, message: str) -> None:
    with ProgressStore.open() as store, pytest.raises(ProgressFileError) as caught:
        import_progress(store, text, source="backup.json")
    assert str(caught.value) == message


def test_a_bad_answer_anywhere_means_nothing_is_imported(tmp_path: Path) -> None:
    fill(tmp_path / "here", (0, "a:when"), (1, "b:who"))
    with ProgressStore.open(tmp_path / "here") as store:
        document = json.loads(export_progress(store, now=T0))
    document["answers"][1]["answered_at"] = "yesterday"
    with ProgressStore.open(tmp_path / "there") as other:
        with pytest.raises(ProgressFileError) as caught:
            import_progress(other, json.dumps(document), source="f.json")
        assert other.counts() == (0, 0)
    assert (
        str(caught.value)
        == "f.json: answers[1].answered_at: must be an ISO 8601 time with a UTC offset, got 'yesterday'"
    )


def test_reset_sets_the_old_progress_aside(tmp_path: Path) -> None:
    fill(tmp_path, (0, "a:when"))
    kept = reset_progress(tmp_path, clock=lambda: T0)
    assert kept == tmp_path / "progress.sqlite3.reset-20260302T090000000000Z"
    assert sorted(p.name for p in tmp_path.iterdir()) == [kept.name]
    with ProgressStore.open(tmp_path) as store:
        assert store.counts() == (0, 0)
    # The old file is whole: moving it back undoes the reset.
    kept.replace(tmp_path / "progress.sqlite3")
    with ProgressStore.open(tmp_path) as store:
        assert store.counts() == (1, 1)


def test_reset_without_progress_does_nothing(tmp_path: Path) -> None:
    assert reset_progress(tmp_path) is None
    assert list(tmp_path.iterdir()) == []


def test_reset_is_the_way_out_of_a_damaged_file(tmp_path: Path) -> None:
    (tmp_path / "progress.sqlite3").write_bytes(b"garbage" * 1000)
    with pytest.raises(CorruptProgress):
        ProgressStore.open(tmp_path)
    assert reset_progress(tmp_path) is not None
    with ProgressStore.open(tmp_path) as store:
        assert store.counts() == (0, 0)
    assert len(list(tmp_path.glob("progress.sqlite3.corrupt-*"))) == 1
    assert len(list(tmp_path.glob("progress.sqlite3.reset-*"))) == 1


_REVIEWS = st.builds(
    ReviewRecord,
    question_id=st.from_regex(r"[a-z0-9-]{1,20}:[a-z]{2,8}", fullmatch=True),
    answered_at=st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)
    ),
    correct=st.booleans(),
    choice=st.none() | st.integers(min_value=0, max_value=4),
    elapsed=st.floats(min_value=0, max_value=1e6, allow_nan=False),
    rating=st.integers(min_value=1, max_value=4),
    mode=st.sampled_from(["review", "quiz"]),
    scheduled=st.booleans(),
    form=st.sampled_from(["choice", "typed"]),
    options=st.none() | st.integers(min_value=2, max_value=5),
    guessed=st.booleans(),
    state=st.none() | st.sampled_from(list(State)),
    stability=st.none() | st.floats(min_value=0.001, max_value=1e5),
    recall=st.none() | st.floats(min_value=0, max_value=1),
    due=st.none()
    | st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(timezone.utc)),
)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(st.lists(_REVIEWS, max_size=20, unique_by=lambda r: (r.question_id, r.answered_at)))
def test_a_progress_file_reads_back_exactly_what_was_written(reviews: list[ReviewRecord]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder, ProgressStore.open(folder) as store:
        added, present = store.merge_reviews(reviews)
        text = export_progress(store, now=T0)
        assert (added, present) == (len(reviews), 0)
        assert parse_progress(text) == sorted(reviews, key=lambda r: r.answered_at)
