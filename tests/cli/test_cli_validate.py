"""``azrs-quiz validate``: what an author sees for good and bad content, exactly."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers.cli import usage_error
from helpers.paths import DATA, TINY_PACK

from azrs_quiz.cli.main import main

BAD = DATA / "bad"

TINY_SUMMARY = (
    "OK: 1 pack, 12 facts (3 events, 2 agreements, 1 figure, 6 people), 2 sources, 7 places, 1 organisation, 1 doubt\n"
)

#: For each folder under tests/data/bad: every line validate prints on stderr, paths
#: relative to that folder. Each is a bad input an author can make.
EXPECTED: dict[str, list[str]] = {
    "amounts": [
        "facts.yaml:9: figures[0].amount: give exactly one of 'currency' (money) or 'unit' (anything else)",
        "facts.yaml:15: figures[1].amount: give exactly one of 'currency' (money) or 'unit' (anything else)",
        "facts.yaml:21: figures[2].amount.value: must be greater than 0 (got -5)",
        "facts.yaml:27: figures[3].amount.currency: must be a three-letter ISO 4217 currency code in capitals, like 'EUR' or 'USD' (got 'euro')",
        "facts.yaml:33: figures[4].amount.value: must be a finite number (got inf)",
        "facts.yaml:39: figures[5].amount.value: must be a number, written without thousands separators (got '1,000')",
        "facts.yaml:45: figures[6].amount.qualifier: must be 'exact', 'about', 'over' or 'rumoured' (got 'roughly')",
        "7 problems found",
    ],
    "bad-ids": [
        "facts.yaml:2: sources[0].id: must be an id of lower-case letters and digits joined by single hyphens, like 'embassy-opened' (got 'Ref_1')",
        "facts.yaml:4: sources[1].id: must be an id of lower-case letters and digits joined by single hyphens, like 'embassy-opened' (got 'ref--2')",
        "facts.yaml:6: sources[2].id: must not be empty",
        "facts.yaml:8: sources[3].id: is required but missing",
        "4 problems found",
    ],
    "binary-junk": [
        "facts.yaml:3: yaml: character U+0000 is not allowed in a YAML file",
        "1 problem found",
    ],
    "dangling-references": [
        "facts.yaml:12: places[1].country: unknown country 'azrebaijan'",
        "facts.yaml:16: places[2].country: 'baku' is a city, not a country",
        "facts.yaml:22: people[0].sources[1]: unknown source 'ref-9'; did you mean 'ref-1'?",
        "facts.yaml:27: events[0].actor: unknown person 'aleksandar-vucic'",
        "facts.yaml:28: events[0].people[1]: unknown person 'tomislav-nikolic'",
        "facts.yaml:29: events[0].place: unknown place 'belgrade'",
        "facts.yaml:30: events[0].organisations[0]: unknown organisation 'socar'",
        "facts.yaml:38: agreements[0].parties[1]: unknown place or organisation 'srbijagas'",
        "8 problems found",
    ],
    "deeply-nested": [
        "facts.yaml:6: yaml: syntax error: exceeded maximum nesting depth",
        "1 problem found",
    ],
    "duplicate-id": [
        "b.yaml:5: places[1].id: duplicate id 'ref-1' (first defined at a.yaml:2); give each record its own id",
        "1 problem found",
    ],
    "duplicate-reference-number": [
        "sources.yaml:9: sources[2].number: reference number 1 is also given to 'ref-1' (at sources.yaml:2)",
        "1 problem found",
    ],
    "duplicate-keys": [
        "facts.yaml:12: events[0].date: duplicate key in the same mapping (the earlier value would be lost)",
        "1 problem found",
    ],
    "empty-pack": [
        "pack.yaml:1: pack: the pack is empty: it has no records besides pack.yaml",
        "1 problem found",
    ],
    "entry-not-mapping": [
        "facts.yaml:5: sources[1]: must be a mapping of fields (got text)",
        "facts.yaml:6: sources[2]: must be a mapping of fields (got nothing)",
        "facts.yaml:7: sources[3]: must be a mapping of fields (got a list)",
        "3 problems found",
    ],
    "folder-named-yaml": [
        "more.yaml:1: file: is a folder, not a YAML file",
        "1 problem found",
    ],
    "huge-number": [
        "facts.yaml:3: yaml: the number 99999999999999999999... is too long to read",
        "1 problem found",
    ],
    "invalid-date": [
        "facts.yaml:7: sources[1].date: February 2011 has only 28 days (got '2011-02-30')",
        "facts.yaml:10: sources[2].date: '2011-13' is not a date: there is no month 13",
        "facts.yaml:13: sources[3].date: a date must be a year, 'YYYY-MM' or YYYY-MM-DD, not 2011.5",
        "facts.yaml:16: sources[4].date: '21 August 1997' is not a date: write 1944, '2011-02' or 2011-02-21",
        "facts.yaml:19: sources[5].date: '2011-02-21T10:00:00' is not a date: write 1944, '2011-02' or 2011-02-21",
        "facts.yaml:22: sources[6].date.year: must be at least 1 (got 0)",
        "facts.yaml:25: sources[7].date: a date must be a year, 'YYYY-MM' or YYYY-MM-DD, not true/false",
        "7 problems found",
    ],
    "not-utf8": [
        "facts.yaml:8: file: is not UTF-8 text (byte 0xe9 cannot start or continue a character)",
        "1 problem found",
    ],
    "pack-missing-fields": [
        "pack.yaml:1: id: must be an id of lower-case letters and digits joined by single hyphens, like 'embassy-opened' (got 'Missing_Fields')",
        "pack.yaml:1: title: is required but missing",
        "pack.yaml:1: licence: is required but missing",
        "pack.yaml:1: attribution: is required but missing",
        "pack.yaml:2: language: must be a language tag, like 'en' or 'sr-Latn' (got 'english')",
        "5 problems found",
    ],
    "pack-not-mapping": [
        "pack.yaml:1: pack: must be a mapping with at least id, title, licence, attribution",
        "1 problem found",
    ],
    "prompts-without-answers": [
        "facts.yaml:10: people[0].role: must not be empty",
        "facts.yaml:14: events[0]: prompts.who is given but 'actor' is missing; prompts.when is given but 'date' is missing",
        "facts.yaml:30: agreements[0].prompts.what: must not be empty",
        "facts.yaml:31: agreements[1]: prompts.value is given but 'value' is missing; prompts.parties is given but there are fewer than two 'parties'",
        "facts.yaml:35: agreements[1].parties[0]: 'ref-1' is one of the sources, not a place or organisation",
        "5 problems found",
    ],
    "reference-to-an-invalid-record": [
        "facts.yaml:5: sources[0].date: February 2011 has only 28 days (got '2011-02-30')",
        "facts.yaml:12: events[0].people[0]: 'ref-1' is one of the sources, not a person",
        "2 problems found",
    ],
    "same-question-twice": [
        "facts.yaml:21: events[1].prompts.when: the same question is already asked of 'embassy-opened-in-baku' (prompts.when at facts.yaml:13)",
        "facts.yaml:22: events[1].prompts.what: the same question is already asked of 'embassy-opened-in-baku' (prompts.when at facts.yaml:13)",
        "2 problems found",
    ],
    "section-not-list": [
        "facts.yaml:1: sources: must be a list of records, each starting with '- ' (got a mapping)",
        "facts.yaml:4: people: must be a list of records, each starting with '- ' (got nothing)",
        "2 problems found",
    ],
    "top-level-not-mapping": [
        "a-list.yaml:1: file: must be a mapping of sections (sources, places, organisations, people, events, agreements, figures, doubts), not a list",
        "b-scalar.yaml:1: file: must be a mapping of sections (sources, places, organisations, people, events, agreements, figures, doubts), not text",
        "c-empty.yaml:1: file: is empty; expected sections (sources, places, organisations, people, events, agreements, figures, doubts)",
        "3 problems found",
    ],
    "unknown-key": [
        "facts.yaml:6: events[0].what: is required but missing",
        "facts.yaml:9: events[0].wat: unknown key 'wat'; did you mean 'what'? allowed: id, topic, sources, explanation, note, theme, choices, earliest, date, what, people, actor, place, organisations, prompts, skip",
        "facts.yaml:13: events[0].prompts.When: unknown key 'When'; did you mean 'when'? allowed: when, what, who, where",
        "3 problems found",
    ],
    "unknown-section": [
        "facts.yaml:5: event: unknown key 'event'; did you mean 'events'? allowed: sources, places, organisations, people, events, agreements, figures, doubts",
        "1 problem found",
    ],
    "wrong-type": [
        "facts.yaml:3: sources[0].number: must be a whole number (got '1')",
        "facts.yaml:4: sources[0].title: must be text (got 1984); put it in quotes to make it text",
        "facts.yaml:6: sources[1].number: must be a whole number (got true)",
        "facts.yaml:12: events[0].what: must be text (got a list)",
        "facts.yaml:14: events[0].sources: must be a list, such as [first-id, second-id] (got 'ref-1')",
        "5 problems found",
    ],
    "yaml-syntax": [
        "facts.yaml:8: yaml: syntax error: did not find expected '-' indicator",
        "1 problem found",
    ],
}


def _stderr_lines(result_stderr: str, folder: Path) -> list[str]:
    return result_stderr.replace(f"{folder}/", "").splitlines()


def test_every_bad_case_has_an_expectation() -> None:
    assert sorted(path.name for path in BAD.iterdir() if path.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_bad_content_reports_every_problem_then_a_count(runner: CliRunner, case: str) -> None:
    folder = BAD / case
    result = runner.invoke(main, ["validate", str(folder)])
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert _stderr_lines(result.stderr, folder) == EXPECTED[case]
    assert "Traceback" not in result.stderr


def test_valid_pack_prints_one_line_of_counts(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(TINY_PACK)])
    assert result.exit_code == 0, result.output
    assert result.stdout == TINY_SUMMARY
    assert result.stderr == ""


def test_a_valid_pack_is_checked_without_a_second_look_at_its_files(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Lines are found by composing a file again (a few seconds for a 10,000-fact pack):
    # only a problem or --explain needs them.
    import yaml

    def no_second_look(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("validate composed a file to find lines nobody asked for")

    monkeypatch.setattr(yaml, "compose", no_second_look)
    result = runner.invoke(main, ["validate", str(TINY_PACK)])

    assert result.exit_code == 0, result.output
    assert result.stdout == TINY_SUMMARY


def test_the_pack_may_be_given_with_content_as_quiz_takes_it(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--content", str(TINY_PACK)])
    assert result.exit_code == 0, result.output
    assert result.stdout == TINY_SUMMARY


def test_the_pack_in_azrs_quiz_content_is_checked_unless_a_path_is_given(runner: CliRunner) -> None:
    from_environment = runner.invoke(main, ["validate"], env={"AZRS_QUIZ_CONTENT": str(TINY_PACK)})
    assert from_environment.stdout == TINY_SUMMARY
    explicit = runner.invoke(main, ["validate", str(DATA / "packs" / "tiny")], env={"AZRS_QUIZ_CONTENT": str(BAD)})
    assert explicit.exit_code == 0, explicit.output
    assert explicit.stdout == TINY_SUMMARY


def test_two_different_packs_to_check_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(TINY_PACK), "--content", str(BAD / "amounts")])
    assert result.exit_code == 2
    message = f"two packs to check: give one, as PATH or with --content (got {TINY_PACK} and {BAD / 'amounts'})"
    assert result.stderr == usage_error("validate", message, arguments="[PATH]")


def test_bundled_content_is_the_default(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: ")
    assert result.stdout.count("\n") == 1


def test_missing_path_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    result = runner.invoke(main, ["validate", str(missing)])
    assert result.exit_code == 2
    message = f"Invalid value for '[PATH]': Directory '{missing}' does not exist."
    assert result.stderr == usage_error("validate", message, arguments="[PATH]")
    assert result.stdout == ""


def test_a_file_instead_of_a_folder_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", str(TINY_PACK / "pack.yaml")])
    assert result.exit_code == 2
    message = f"Invalid value for '[PATH]': Directory '{TINY_PACK / 'pack.yaml'}' is a file."
    assert result.stderr == usage_error("validate", message, arguments="[PATH]")


def test_a_folder_without_packs(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr == f"{tmp_path}: pack: no content pack here (no pack.yaml)\n1 problem found\n"


def test_a_folder_of_packs_is_checked_as_one_body_of_content(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(TINY_PACK, tmp_path / "first")
    second = tmp_path / "second"
    second.mkdir()
    (second / "pack.yaml").write_text("id: second\ntitle: T\nlicence: L\nattribution: A\n", encoding="utf-8")
    (second / "more.yaml").write_text(
        "events:\n"
        "  - id: opening\n    topic: dates\n    date: 2011\n    what: something opened\n"
        "    explanation: It opened.\n    sources: [ref-1]\n    place: baku\n",
        encoding="utf-8",
    )
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: 2 packs, 13 facts (4 events, ")


def test_yaml_that_no_pack_holds_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(TINY_PACK, tmp_path / "tiny")
    (tmp_path / "stray.yaml").write_text("events: []\n", encoding="utf-8")
    (tmp_path / "new-pack" / "facts").mkdir(parents=True)
    (tmp_path / "new-pack" / "facts" / "events.yaml").write_text("events: []\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "todo.txt").write_text("not content\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stderr.replace(f"{tmp_path}/", "").splitlines() == [
        "new-pack: pack: has YAML files but no pack.yaml, so none of them is read",
        "stray.yaml:1: file: is not in a pack, so it is not read (a pack is a folder with pack.yaml)",
        "2 problems found",
    ]


def test_each_pack_numbers_its_own_references(runner: CliRunner, tmp_path: Path) -> None:
    # Two packs citing two articles may both have a reference 1.
    shutil.copytree(TINY_PACK, tmp_path / "tiny")
    other = tmp_path / "other"
    other.mkdir()
    (other / "pack.yaml").write_text("id: other\ntitle: T\nlicence: L\nattribution: A\n", encoding="utf-8")
    (other / "sources.yaml").write_text("sources:\n  - id: other-1\n    number: 1\n    title: T\n", encoding="utf-8")
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 0, result.output


def test_ids_and_pack_ids_must_be_unique_across_packs(runner: CliRunner, tmp_path: Path) -> None:
    shutil.copytree(TINY_PACK, tmp_path / "a")
    shutil.copytree(TINY_PACK, tmp_path / "b")
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    lines = result.stderr.replace(f"{tmp_path}/", "").splitlines()
    assert (
        lines[0]
        == "b/facts.yaml:2: people[0].id: duplicate id 'president-a' (first defined at a/facts.yaml:2); give each record its own id"
    )
    assert "b/pack.yaml:1: id: duplicate pack id 'tiny' (first defined at a/pack.yaml:1)" in lines
    assert lines[-1] == "24 problems found"  # 23 records and the pack id


def test_an_unreadable_file_is_a_problem_not_a_crash(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Permissions cannot stop root (tests may run as root), so the refusal is simulated.
    pack = shutil.copytree(TINY_PACK, tmp_path / "tiny")
    real_open = os.open

    def refusing_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).name == "facts.yaml":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refusing_open)
    result = runner.invoke(main, ["validate", str(pack)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == f"{pack}/facts.yaml:1: file: cannot be read: Permission denied"


def test_an_unreadable_folder_is_a_problem_not_a_crash(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = shutil.copytree(TINY_PACK, tmp_path / "tiny")

    def iterdir(self: Path) -> list[Path]:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", iterdir)
    result = runner.invoke(main, ["validate", str(pack)])
    assert result.exit_code == 1
    assert result.stderr == f"{pack}: folder: cannot be read: Permission denied\n1 problem found\n"


def test_validate_help_shows_an_example(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--help"])
    assert result.exit_code == 0
    assert "FILE:LINE: FIELD: message" in result.stdout
    assert "azrs-quiz validate my-pack/" in result.stdout


@pytest.mark.slow
def test_problems_wrap_at_words_in_an_80_column_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpers.terminal import spawn_cli, transcript

    shutil.copytree(BAD / "unknown-key", tmp_path / "pack")
    monkeypatch.chdir(tmp_path)  # a short path: only the words of each problem decide where it breaks
    screen = transcript(spawn_cli(["validate", "pack"], rows=24, columns=80))

    assert all(len(line) <= 80 for line in screen.splitlines()), screen
    # Joined again, the lines are validate's own: each problem starts a line with FILE:LINE:.
    unwrapped = screen.replace("\n  ", " ").splitlines()
    assert [line.removeprefix("pack/") for line in unwrapped] == EXPECTED["unknown-key"]
