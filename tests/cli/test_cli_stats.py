"""``azrs-quiz stats`` through click, against a known history and a fixed clock."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from helpers.paths import TINY_PACK
from helpers.progress import T0, answer, days, question, utc_clock

from azrs_quiz.cli.main import main
from azrs_quiz.facts.loader import load_content
from azrs_quiz.progress import ProgressStore
from azrs_quiz.questions import question_bank


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[datetime]]:
    """A fixed clock for the command, in a machine set to UTC; move it with ``clock[0] = ...``."""
    with utc_clock(monkeypatch, "azrs_quiz.clock.utc_now") as current:
        yield current


def stats(runner: CliRunner, *args: str, content: Path = TINY_PACK) -> Result:
    return runner.invoke(main, ["stats", "--content", str(content), *args])


def on_topic(topic: str) -> int:
    """How many of the tiny pack's questions are on ``topic``."""
    return sum(1 for q in question_bank(load_content(TINY_PACK)) if q.topic == topic)


def history() -> None:
    """Two days of answers on the tiny pack, and one on a fact it does not have."""
    with ProgressStore.open() as store:
        store.record(
            answer(question("embassy-opened:when"), elapsed=4.0, at=T0 - days(1)), mode="review", schedule=True
        )
        store.record(
            answer(question("state-visit:who", "people"), correct=False, at=T0 - days(1)), mode="review", schedule=True
        )
        store.record(answer(question("motorway-loan:value", "agreements"), at=T0), mode="quiz", schedule=False)
        store.record(answer(question("minister-b:role", "people"), elapsed=12.0, at=T0), mode="quiz", schedule=True)
        store.record(answer(question("no-longer-here:when"), at=T0), mode="review", schedule=True)


def test_stats_json_of_a_known_history(runner: CliRunner, clock: list[datetime]) -> None:
    history()
    result = stats(runner, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    total = len(question_bank(load_content(TINY_PACK)))
    assert {key: data[key] for key in ("reviews", "quiz_answers", "answers", "correct", "retention")} == {
        "reviews": 2,
        "quiz_answers": 2,
        "answers": 4,
        "correct": 3,
        "retention": 0.75,
    }
    assert (data["streak_days"], data["studied_today"], data["due_now"]) == (2, True, 1)
    assert (data["seen"], data["learned"], data["total"]) == (4, 2, total)
    assert data["topics"]["people"] == {
        "answers": 2,
        "correct": 1,
        "retention": 0.5,
        "seen": 2,
        "learned": 1,
        "total": on_topic("people"),
    }
    # Right answers are Good (due in 2 days), never Easy (8 days).
    assert [day["due"] for day in data["forecast"]] == [1, 1, 1] + [0] * 11
    assert data["forecast"][0]["date"] == "2026-03-02"


def test_stats_table_and_chart(runner: CliRunner, clock: list[datetime]) -> None:
    history()
    result = stats(runner)
    assert result.exit_code == 0
    lines = [line.rstrip() for line in result.stdout.splitlines()]
    assert lines[:6] == [
        "Your progress on Mon 02 Mar 2026",
        "Answers    4 (2 in reviews, 2 in quizzes)",
        "Retention  75% right",
        "Streak     2 days",
        f"Learned    2 of {len(question_bank(load_content(TINY_PACK)))} questions (4 seen)",
        "Due now    1",
    ]
    assert ["people", "2", "50%", f"1/{on_topic('people')}"] in [line.split() for line in lines]
    bars = {line.split()[0] + " " + line.split()[1]: line for line in lines if "\u2588" in line}
    assert bars == {
        "Today 1": "Today       1  " + "\u2588" * 30,
        "Tue 03": "Tue 03 Mar  1  " + "\u2588" * 30,
        "Wed 04": "Wed 04 Mar  1  " + "\u2588" * 30,
    }


def test_stats_fit_24_rows_and_full_shows_the_14_day_forecast(runner: CliRunner, clock: list[datetime]) -> None:
    history()
    short = stats(runner).stdout.splitlines()
    # 23 rows leave the last one for the shell's prompt.
    assert len(short) <= 23 and max(len(line) for line in short) <= 80
    # Five topics here: one forecast day gives way to the fifth topic's row.
    assert "Reviews due in the next 6 days (--full for more)" in short
    full = stats(runner, "--full").stdout.splitlines()
    assert "Reviews due in the next 14 days" in full
    assert (
        sum(1 for line in full if line.startswith(("Today", "Mon ", "Tue ", "Wed ", "Thu ", "Fri ", "Sat ", "Sun ")))
        == 14
    )


def test_stats_show_every_pack_with_answers_in_the_data_folder(
    runner: CliRunner, clock: list[datetime], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    quiz = runner.invoke(
        main,
        ["quiz", "--content", str(TINY_PACK), "--data-dir", str(data), "--count", "2", "--seed", "1"],
        input="s\ns\n",
    )
    assert quiz.exit_code == 0
    # The bundled content has no answers here, but the tiny pack has two: stats says so, not "No answers yet".
    result = runner.invoke(main, ["stats", "--data-dir", str(data)])
    assert result.exit_code == 0
    assert "No answers yet" not in result.stdout
    text = " ".join(result.stdout.split())
    assert "No answers on this content yet; your answers are on other packs:" in text
    assert f"A tiny pack for tests: 2 answers (azrs-quiz stats --content {TINY_PACK} --data-dir {data})" in text
    packs = json.loads(runner.invoke(main, ["stats", "--data-dir", str(data), "--json"]).stdout)["packs"]
    assert {"id": "tiny", "title": "A tiny pack for tests", "answers": 2, "content": str(TINY_PACK)} in packs
    assert [pack["answers"] for pack in packs if pack["content"] is None] == [0, 0]


def test_azrs_quiz_content_sets_the_default_pack(
    runner: CliRunner, clock: list[datetime], monkeypatch: pytest.MonkeyPatch
) -> None:
    history()
    with_flag = json.loads(stats(runner, "--json").stdout)
    monkeypatch.setenv("AZRS_QUIZ_CONTENT", str(TINY_PACK))
    from_variable = json.loads(runner.invoke(main, ["stats", "--json"]).stdout)
    assert from_variable["answers"] == with_flag["answers"] > 0
    assert from_variable["total"] == with_flag["total"] == len(question_bank(load_content(TINY_PACK)))


def test_stats_by_topic(runner: CliRunner, clock: list[datetime]) -> None:
    history()
    data = json.loads(stats(runner, "--json", "--topic", "agreements").stdout)
    assert (data["answers"], data["correct"], list(data["topics"])) == (1, 1, ["agreements"])
    assert data["total"] == on_topic("agreements")


def test_no_answers_yet(runner: CliRunner, clock: list[datetime]) -> None:
    result = stats(runner)
    # The hint repeats the --content flag in use.
    assert f"No answers yet: start with `azrs-quiz review --content {TINY_PACK}`." in " ".join(result.stdout.split())
    assert "Retention  -\n" in result.stdout


def test_edited_facts_keep_their_history_removed_ones_drop_out_new_ones_arrive(
    runner: CliRunner, clock: list[datetime], tmp_path: Path
) -> None:
    history()
    pack = tmp_path / "tiny"
    shutil.copytree(TINY_PACK, pack)
    facts = yaml.safe_load((pack / "facts.yaml").read_text(encoding="utf-8"))
    facts["people"] = [person for person in facts["people"] if person["id"] != "minister-b"]
    facts["events"][0]["explanation"] = "Reworded: the embassy opened in February."
    facts["events"].append(
        {
            "id": "new-event",
            "topic": "dates",
            "date": "2015-05",
            "what": "a new event happened",
            "explanation": "Added later.",
            "sources": ["ref-1"],
            "prompts": {"when": "When did the new event happen?"},
        }
    )
    (pack / "facts.yaml").write_text(yaml.safe_dump(facts, sort_keys=False), encoding="utf-8")
    edited_bank = {q.id for q in question_bank(load_content(pack))}
    assert "minister-b:role" not in edited_bank and "new-event:when" in edited_bank

    data = json.loads(stats(runner, "--json", content=pack).stdout)
    # embassy-opened (edited) keeps its answer; minister-b (removed) no longer counts.
    assert (data["answers"], data["seen"], data["learned"], data["total"]) == (3, 3, 1, len(edited_bank))
    assert data["topics"]["people"]["answers"] == 1
    with ProgressStore.open() as store:
        assert len(store.reviews()) == 5  # nothing was deleted: put the fact back and its history returns


def test_stats_say_plainly_whether_the_schedule_fits_the_learner(runner: CliRunner, clock: list[datetime]) -> None:
    from fsrs import State

    from azrs_quiz.progress import ReviewRecord

    def reviewed(day: int, correct: bool, stability: float) -> ReviewRecord:
        return ReviewRecord(
            "embassy-opened:when",
            T0 - days(200 - day),
            correct,
            0,
            6.0,
            3,
            "review",
            False,
            options=4,
            state=State.Review,
            stability=stability,
            recall=0.8,
        )

    # Picks among four at a predicted recall of 80% expect 85% right.
    young = [reviewed(day, True, 3.0) for day in range(100)]
    mature = [reviewed(100 + day, day % 2 == 0, 30.0) for day in range(60)]
    with ProgressStore.open() as store:
        store.merge_reviews(young + mature)
    # The screen that fits 24 rows says it in one line; --full has the table.
    short = stats(runner)
    assert "Schedule fit 81% right, 85% expected: as assumed (160 reviews; --full)" in short.stdout
    result = stats(runner, "--full")
    assert result.exit_code == 0
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    start = lines.index("Does the schedule fit you? (reviews of learned questions)")
    assert lines[start + 1 : start + 5] == [
        "Remembered for Reviews Expected Right You are doing",
        "─" * 79,
        "under a week 100 85% 100% better than the schedule assumes",
        "3 weeks or more 60 85% 50% worse than the schedule assumes",
    ]
    data = json.loads(stats(runner, "--json").stdout)
    assert [(band["band"], band["answers"], band["verdict"]) for band in data["calibration"]] == [
        ("under a week", 100, "better"),
        ("1-3 weeks", 0, "too few"),
        ("3 weeks or more", 60, "worse"),
    ]
