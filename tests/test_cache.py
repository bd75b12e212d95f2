"""The cached question bank: the same quizzes as without it, and never stale or trusted blindly."""

from __future__ import annotations

import base64
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from azrs_quiz import cache
from azrs_quiz.cache import bank_snapshot, snapshot_file
from azrs_quiz.cli.main import main
from azrs_quiz.errors import UnknownTopic
from azrs_quiz.facts.bundled import bundled_content_path
from azrs_quiz.facts.content import Content
from azrs_quiz.questions import build_quiz, draw_quiz, question_bank
from azrs_quiz.questions.bank import DEFAULT_OPTIONS
from azrs_quiz.questions.model import Quiz
from azrs_quiz.questions.quiz import DEFAULT_OPTIONS as DRAW_DEFAULT_OPTIONS
from azrs_quiz.snapshot import BankSnapshot
from tests.helpers.paths import TINY_PACK

TOPIC_CHOICES: list[list[str]] = [[], ["dates"], ["people"], ["agreements", "related"], ["dates", "people"]]
#: Themes the draws above are also made on (a theme some topics lack: both draws must refuse it alike).
THEME_CHOICES: list[list[str]] = [[], ["economy"], ["politics", "Visits"], ["culture", "defence", "history"]]


def _drawn(draw: Callable[..., Quiz], **asked: Any) -> Quiz | str:
    """The quiz ``draw`` draws, or the error it refuses with."""
    try:
        return draw(**asked)
    except UnknownTopic as error:
        return f"{type(error).__name__}: {error}"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    """A copy of the tiny pack that a test may edit."""
    return Path(shutil.copytree(TINY_PACK, tmp_path / "tiny"))


def _quiz(runner: CliRunner, *args: str, answers: str = "a\nb\nc\n") -> str:
    result = runner.invoke(main, ["quiz", "--no-color", *args], input=answers)
    assert result.exit_code == 0, result.output + result.stderr
    return re.sub(r"Time: \S+", "Time: -", result.output)


def test_a_cached_bank_draws_every_quiz_the_content_draws(bundled_content: Content) -> None:
    bank_snapshot()  # stores it
    cached = bank_snapshot()
    assert snapshot_file(bundled_content_path()).exists()
    assert cached.draw_quiz(count=5, seed=11) == build_quiz(bundled_content, count=5, seed=11)
    bank = question_bank(bundled_content)  # what build_quiz draws from, built once
    for seed in range(100):
        for topics in TOPIC_CHOICES:
            asked = {"topics": topics or None, "count": seed % 12 + 1, "seed": seed}
            assert cached.draw_quiz(**asked) == draw_quiz(bank, **asked)
    for seed in range(30):
        for topics in TOPIC_CHOICES:
            for themes in THEME_CHOICES:
                on = {"topics": topics or None, "themes": themes, "count": seed % 12 + 1, "seed": seed}
                assert _drawn(cached.draw_quiz, **on) == _drawn(draw_quiz, bank=bank, **on)


def test_the_cached_bank_is_the_bank_with_its_credit(bundled_content: Content) -> None:
    bank_snapshot()
    cached = bank_snapshot()
    assert list(cached.questions) == question_bank(bundled_content)
    for question in cached.questions[::7]:
        assert cached.attribution_for([question.fact_id]) == bundled_content.attribution_for([question.fact_id])
    assert cached.attribution_for([]) == bundled_content.attribution_for([])


@pytest.mark.parametrize("seed", ["1", "7", "42", "2024"])
@pytest.mark.parametrize(
    "topics",
    [
        [],
        ["--topic", "people"],
        ["--topic", "dates", "--topic", "related"],
        ["--theme", "economy"],
        ["--topic", "dates", "--theme", "politics", "--theme", "VISITS"],
    ],
)
def test_the_quiz_prints_the_same_from_the_cache_as_from_the_files(
    runner: CliRunner, seed: str, topics: list[str]
) -> None:
    args = ["--seed", seed, "-n", "4", *topics]
    from_files = _quiz(runner, *args, "--no-cache")
    assert not snapshot_file(bundled_content_path()).exists()
    assert _quiz(runner, *args) == from_files  # builds and stores the snapshot
    assert snapshot_file(bundled_content_path()).exists()
    assert _quiz(runner, *args) == from_files  # reads it


@pytest.mark.parametrize(
    "command",
    [
        ["quiz", "-n", "2", "--seed", "3"],
        ["review", "--max", "2"],
        ["quiz", "-n", "2", "--seed", "3", "--theme", "culture"],
        ["review", "--max", "2", "--theme", "culture"],
    ],
    ids=["quiz", "review", "quiz-theme", "review-theme"],
)
def test_a_cache_hit_imports_neither_yaml_nor_pydantic_nor_the_engine(command: list[str]) -> None:
    script = (
        "import sys\n"
        "from azrs_quiz.cli.main import main\n"
        "try:\n"
        f"    main({command!r}, prog_name='azrs-quiz')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = ['yaml', 'pydantic', 'azrs_quiz.questions.bank', 'azrs_quiz.facts.loader']\n"
        "print(' '.join(name for name in heavy if name in sys.modules), file=sys.stderr)\n"
    )

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-c", script], input="", capture_output=True, text=True, check=True, timeout=120
        )
        assert "Question 1/2" in done.stdout  # the sitting ran (input ended at once)
        return done.stderr.strip().splitlines()[-1] if done.stderr.strip() else ""

    first = run()
    assert "yaml" in first and "pydantic" in first  # a miss reads and validates the files
    assert run() == ""


def test_an_edited_file_is_read_again(runner: CliRunner, pack: Path) -> None:
    every_answer = "a\n" * 30
    before = _quiz(runner, "--content", str(pack), "--seed", "1", "-n", "30", answers=every_answer)
    facts = pack / "facts.yaml"
    text = facts.read_text(encoding="utf-8")
    # An explanation the first quiz showed (a quiz leaves out questions that would give another away).
    shown = " ".join(before.split())
    explanation = next(match for match in re.finditer(r"explanation: (.+)", text) if match.group(1) in shown)
    facts.write_text(text.replace(explanation.group(1), "Rewritten-later."), encoding="utf-8")

    after = _quiz(runner, "--content", str(pack), "--seed", "1", "-n", "30", answers=every_answer)

    assert "Rewritten-later." in after
    assert "Rewritten-later." not in before


def test_content_made_invalid_after_caching_is_reported_not_served(runner: CliRunner, pack: Path) -> None:
    _quiz(runner, "--content", str(pack), "--seed", "1")
    facts = pack / "facts.yaml"
    facts.write_text(facts.read_text(encoding="utf-8") + "\nunknown_section: []\n", encoding="utf-8")

    result = runner.invoke(main, ["quiz", "--content", str(pack), "--seed", "1"], input="")

    assert result.exit_code == 1
    assert "unknown_section" in result.stderr
    assert "facts.yaml" in result.stderr


def test_a_stray_yaml_file_beside_cached_packs_is_still_reported(runner: CliRunner, tmp_path: Path) -> None:
    packs = tmp_path / "packs"
    shutil.copytree(TINY_PACK, packs / "tiny")
    _quiz(runner, "--content", str(packs), "--seed", "1")
    (packs / "stray.yaml").write_text("events: []\n", encoding="utf-8")

    result = runner.invoke(main, ["quiz", "--content", str(packs), "--seed", "1"], input="")

    assert result.exit_code == 1
    assert "stray.yaml" in result.stderr


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not a key\n{}", b"\x00\xff\xfe", "right key, wrong body", "cut short", "one byte changed", "lines moved"],
    ids=["empty", "wrong-key", "binary", "right-key-bad-body", "truncated", "bit-flip", "line-ends-swapped"],
)
def test_a_corrupt_cache_file_is_ignored_and_rewritten(runner: CliRunner, pack: Path, garbage: bytes | str) -> None:
    expected = _quiz(runner, "--content", str(pack), "--seed", "5")
    file = snapshot_file(pack)
    stored = file.read_bytes()
    key = stored.split(b"\n", 1)[0]
    if garbage == "right key, wrong body":
        garbage = key + b'\n{"fields": ["id"], "count": 1}\n["x"]'
    elif garbage == "cut short":
        garbage = stored[: len(stored) * 2 // 3]
    elif garbage == "one byte changed":
        position = len(stored) - 20
        garbage = stored[:position] + bytes([stored[position] ^ 1]) + stored[position + 1 :]
    elif garbage == "lines moved":  # the header's line ends swapped: the questions would be read wrongly
        key, header_line, rows = stored.split(b"\n", 2)
        header = json.loads(header_line)
        ends = base64.b64decode(header["ends"])
        header["ends"] = base64.b64encode(ends[8:16] + ends[:8] + ends[16:]).decode("ascii")
        garbage = b"\n".join([key, json.dumps(header).encode(), rows])
    assert isinstance(garbage, bytes)
    file.write_bytes(garbage)

    assert _quiz(runner, "--content", str(pack), "--seed", "5") == expected
    assert file.read_bytes() != garbage
    assert bank_snapshot(pack).questions  # and it reads back


def test_a_snapshot_from_another_version_is_rebuilt(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank_snapshot(pack)
    file = snapshot_file(pack)
    first_key = file.read_bytes().split(b"\n", 1)[0]
    monkeypatch.setattr(cache, "__version__", "99.0.0")

    bank_snapshot(pack)

    assert file.read_bytes().split(b"\n", 1)[0] != first_key


def test_snapshots_of_folders_not_used_lately_are_removed_past_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "MAX_SNAPSHOTS", 3)
    folders = [Path(shutil.copytree(TINY_PACK, tmp_path / f"pack-{number}")) for number in range(5)]
    for folder in folders[:3]:
        bank_snapshot(folder)
    os.utime(snapshot_file(folders[0]), (1, 1))  # used long ago...
    os.utime(snapshot_file(folders[1]), (2, 2))
    bank_snapshot(folders[0])  # ...then used again: now the most recent

    bank_snapshot(folders[3])
    bank_snapshot(folders[4])

    kept = [folder.name for folder in folders if snapshot_file(folder).exists()]
    assert kept == ["pack-0", "pack-3", "pack-4"]
    assert len(list(snapshot_file(folders[0]).parent.glob("bank-*.json"))) == 3


def test_snapshots_are_bounded_in_size_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = (Path(shutil.copytree(TINY_PACK, tmp_path / name)) for name in ("first", "second"))
    bank_snapshot(first)
    monkeypatch.setattr(cache, "MAX_SNAPSHOT_BYTES", snapshot_file(first).stat().st_size + 1)

    bank_snapshot(second)

    assert snapshot_file(second).exists()  # the one just written is never the one removed
    assert not snapshot_file(first).exists()


def test_changed_code_changes_the_key(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    key = cache.content_key(pack)
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: "other code")
    assert cache.content_key(pack) not in (None, key)


def test_no_cache_option_and_variable_leave_no_cache_file(
    runner: CliRunner, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _quiz(runner, "--content", str(pack), "--no-cache")
    assert not snapshot_file(pack).exists()
    monkeypatch.setenv("AZRS_QUIZ_NO_CACHE", "1")
    _quiz(runner, "--content", str(pack))
    review = runner.invoke(main, ["review", "--content", str(pack)], input="")
    assert review.exit_code == 0, review.output
    assert not snapshot_file(pack).exists()


def test_review_uses_the_cache_too(runner: CliRunner, pack: Path) -> None:
    first = runner.invoke(main, ["review", "--content", str(pack), "--max", "3"], input="a\na\na\n")
    assert first.exit_code == 0, first.output
    assert snapshot_file(pack).exists()


def test_an_unwritable_cache_folder_does_not_stop_a_quiz(
    runner: CliRunner, pack: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("AZRS_QUIZ_CACHE_DIR", str(blocker / "cache"))
    assert "Question 1/" in _quiz(runner, "--content", str(pack))


def test_a_snapshot_round_trips_through_its_stored_form(bundled_content: Content) -> None:
    bank = question_bank(bundled_content)
    snapshot = BankSnapshot.of(bundled_content, bank)
    again = BankSnapshot.from_bytes(snapshot.to_bytes())
    assert [again.question(position) for position in range(len(bank))] == bank
    assert list(again.questions) == bank
    assert again.packs == snapshot.packs
    assert again.record_packs == snapshot.record_packs


def test_a_stored_snapshot_draws_the_quizzes_of_the_bank(bundled_content: Content) -> None:
    bank = question_bank(bundled_content)
    stored = BankSnapshot.from_bytes(BankSnapshot.of(bundled_content, bank).to_bytes())
    for seed in range(50):
        for topics in TOPIC_CHOICES:
            for themes in THEME_CHOICES:
                asked = {"topics": topics or None, "themes": themes, "count": seed % 15 + 1, "seed": seed}
                assert _drawn(stored.draw_quiz, **asked) == _drawn(draw_quiz, bank=bank, **asked)
    assert stored.theme_of == [question.theme for question in bank]


def test_drawing_and_building_agree_on_the_default_option_count() -> None:
    assert DRAW_DEFAULT_OPTIONS == DEFAULT_OPTIONS


def test_typed_answers_are_marked_the_same_on_a_cache_hit(runner: CliRunner, pack: Path) -> None:
    args = ["--content", str(pack), "--seed", "4", "-n", "3", "--typed"]
    first = _quiz(runner, *args, answers="2011\nBelgrade\nnobody\n")
    assert snapshot_file(pack).exists()
    assert _quiz(runner, *args, answers="2011\nBelgrade\nnobody\n") == first


def test_a_file_over_the_size_cap_is_reported_even_after_caching(
    runner: CliRunner, pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _quiz(runner, "--content", str(pack), "--seed", "1")
    monkeypatch.setenv("AZRS_QUIZ_MAX_FILE_MB", "0.001")  # about a kilobyte: facts.yaml is larger

    result = runner.invoke(main, ["quiz", "--content", str(pack), "--seed", "1"], input="")

    assert result.exit_code == 1
    assert "facts.yaml" in result.stderr and "AZRS_QUIZ_MAX_FILE_MB" in result.stderr


def test_the_checked_stored_form_is_the_stored_form(bundled_content: Content) -> None:
    snapshot = BankSnapshot.of(bundled_content, question_bank(bundled_content))
    assert snapshot.to_checked_bytes() == snapshot.to_bytes()


@pytest.mark.parametrize("part", ["a question", "a topic", "a kind"])
def test_a_snapshot_that_would_not_read_back_is_not_stored(
    pack: Path, monkeypatch: pytest.MonkeyPatch, part: str
) -> None:
    read_back = BankSnapshot.from_bytes

    def altered(data: bytes) -> BankSnapshot:
        back = read_back(data)
        if part == "a question":
            back._rows = back._rows.replace(b'"', b'"x', 1)
        elif part == "a topic":
            back.topic_of[-1] = "elsewhere"
        else:
            back._kinds[0] = "texts"
        return back

    monkeypatch.setattr(BankSnapshot, "from_bytes", staticmethod(altered))
    with pytest.raises(ValueError, match="would not read back"):
        bank_snapshot(pack, use_cache=False).to_checked_bytes()

    bank_snapshot(pack)

    assert not snapshot_file(pack).exists()
