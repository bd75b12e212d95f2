"""``azrs-quiz new``: a starter pack that validates, quizzes and builds a deck at once."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from helpers.breakages import BREAKAGES, break_pack

from azrs_quiz.cli.main import main
from azrs_quiz.facts.scaffold import STARTER_FILES


def test_new_writes_a_pack_that_validates_at_once(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "my-history"
    result = runner.invoke(main, ["new", str(pack)])

    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        f"Wrote a starter pack to {pack}: pack.yaml, sources.yaml, places.yaml, facts.yaml\n"
        f"Next: azrs-quiz validate {pack}\n"
        f"Then: azrs-quiz quiz --content {pack}\n"
    )
    assert sorted(path.name for path in pack.iterdir()) == sorted(STARTER_FILES)
    assert "id: my-history\n" in (pack / "pack.yaml").read_text(encoding="utf-8")
    validated = runner.invoke(main, ["validate", str(pack)])
    assert validated.exit_code == 0, validated.stderr
    assert validated.stdout == (
        "OK: 1 pack, 8 facts (3 events, 1 agreement, 1 figure, 3 people), "
        "2 sources, 5 places, 0 organisations, 0 doubts\n"
    )


def test_every_field_of_the_starter_is_explained(tmp_path: Path) -> None:
    from azrs_quiz.facts.models import SECTIONS, PackMeta

    CliRunner().invoke(main, ["new", str(tmp_path / "pack")])
    text = "\n".join((tmp_path / "pack" / name).read_text(encoding="utf-8") for name in STARTER_FILES)
    comments = "\n".join(line.partition("#")[2] for line in text.splitlines() if "#" in line)
    fields = set(PackMeta.model_fields)
    for section in ("sources", "places", "events", "people", "agreements", "figures"):
        fields |= set(SECTIONS[section].model_fields)
    unexplained = sorted(field for field in fields if field not in comments and f"{field}:" not in text)
    assert unexplained == []


def test_the_starter_yields_a_quiz_and_a_deck(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    runner.invoke(main, ["new", str(pack)])

    quiz = runner.invoke(
        main, ["quiz", "--content", str(pack), "--count", "5", "--seed", "1", "--json"], input="a\n" * 5
    )
    deck = runner.invoke(main, ["export", "anki", "--content", str(pack), "-o", str(tmp_path / "pack.apkg")])

    assert quiz.exit_code == 0, quiz.stderr
    assert json.loads(quiz.stdout)["score"]["total"] == 5
    assert deck.exit_code == 0, deck.stderr
    assert (tmp_path / "pack.apkg").stat().st_size > 0


def test_new_never_touches_a_folder_that_holds_anything(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "notes.txt").write_text("mine", encoding="utf-8")

    result = runner.invoke(main, ["new", str(pack)])

    assert result.exit_code == 1
    assert result.stderr == f"Error: '{pack}' already exists and is not empty; nothing was written\n"
    assert os.listdir(pack) == ["notes.txt"]
    assert (pack / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_an_empty_folder_is_filled_and_an_odd_name_gives_a_default_id(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "My Pack!"
    pack.mkdir()

    result = runner.invoke(main, ["new", str(pack)])

    assert result.exit_code == 0, result.stderr
    assert "id: my-pack\n" in (pack / "pack.yaml").read_text(encoding="utf-8")


def test_one_validate_run_reports_ten_problems_with_file_and_line(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    runner.invoke(main, ["new", str(pack)])
    break_pack(pack)

    result = runner.invoke(main, ["validate", str(pack)])

    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    for breakage in BREAKAGES:
        line = breakage.line_in((pack / breakage.file).read_text(encoding="utf-8"))
        start = f"{pack / breakage.file}:{line}: {breakage.field}: {breakage.says}"
        assert [text for text in lines if text.startswith(start)], f"no line starting {start!r} in:\n{result.stderr}"
    # The duplicate record also lacks its name: eleven problems from ten edits, nothing else.
    assert lines[-1] == "11 problems found"
    assert not [line for line in lines if "Input should" in line or "Value error" in line]


LONE_PERSON = """\
people:
  - id: ana-example
    name: Ana Example
    role: President of Serbia
    explanation: She led Serbia.
    sources: [article]
    prompts:
      role: What office did Ana Example hold?
      who: Who was President of Serbia at the time?
"""


def _lone_person_pack(runner: CliRunner, folder: Path) -> Path:
    runner.invoke(main, ["new", str(folder)])
    (folder / "facts.yaml").write_text(LONE_PERSON, encoding="utf-8")
    (folder / "places.yaml").unlink()
    return folder


def test_a_fact_with_prompts_that_yields_nothing_is_named_with_what_it_needs(runner: CliRunner, tmp_path: Path) -> None:
    pack = _lone_person_pack(runner, tmp_path / "pack")

    result = runner.invoke(main, ["validate", str(pack)])

    # A prompt the engine cannot ask is an error naming the file, the line and the reason.
    assert result.exit_code == 1
    assert result.stderr == (
        f"{pack / 'facts.yaml'}:8: ana-example.prompts.role: asks no question: needs two other offices of the"
        " same country to offer as options; the content has none\n"
        f"{pack / 'facts.yaml'}:9: ana-example.prompts.who: asks no question: needs two other people to offer"
        " as options; the content has none\n"
        "2 problems found\n"
    )
    allowed = runner.invoke(main, ["validate", str(pack), "--allow-unasked"])
    assert allowed.exit_code == 0
    assert allowed.stdout.startswith("OK: 1 pack, 1 fact (0 events, 0 agreements, 0 figures, 1 person)")
    assert allowed.stderr.count("warning: ") == 2


def test_explain_gives_each_reason_a_fact_is_not_asked_once(runner: CliRunner, tmp_path: Path) -> None:
    pack = _lone_person_pack(runner, tmp_path / "pack")

    result = runner.invoke(main, ["validate", str(pack), "--explain", "--allow-unasked"])

    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        f"{pack / 'facts.yaml'}:2: people[0]: ana-example: 0 questions",
        "    not asked: role: needs two other offices of the same country to offer as options; the content has none",
        "    not asked: who: needs two other people to offer as options; the content has none",
    ]


def test_explain_lists_each_fact_with_its_questions(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    runner.invoke(main, ["new", str(pack)])

    result = runner.invoke(main, ["validate", str(pack), "--explain"])

    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    facts = pack / "facts.yaml"
    assert lines[1:5] == [
        f"{facts}:9: events[0]: diplomatic-relations-established: 1 question",
        "    when: On what date did Azerbaijan and FR Yugoslavia establish diplomatic relations?",
        "    to ask more: add a 'place' to ask where",
        "    to ask more: add an 'actor' and prompts.who to ask who did it",
    ]
    assert any(line.startswith(f"{facts}:") and line.endswith(": trade-in-2023: 1 question") for line in lines)
    assert sum(1 for line in lines if line.startswith(str(facts))) == 8  # every fact, once
    assert result.stderr == ""


def test_a_record_under_the_wrong_section_is_pointed_out(runner: CliRunner, tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    runner.invoke(main, ["new", str(pack)])
    facts = pack / "facts.yaml"
    # An event appended at the end of the file lands under figures:, the file's last section.
    facts.write_text(
        facts.read_text(encoding="utf-8")
        + "  - id: a-visit\n    topic: dates\n    date: 2011\n    what: a visit\n    place: serbia\n"
        "    explanation: A visit.\n    sources: [article]\n",
        encoding="utf-8",
    )
    line = facts.read_text(encoding="utf-8").splitlines().index("  - id: a-visit") + 1

    result = runner.invoke(main, ["validate", str(pack)])

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{facts}:{line}: figures[1].amount: is required but missing",
        f"{facts}:{line}: figures[1]: its fields are those of events: is it under the wrong section ('figures:')?",
        f"{facts}:{line + 4}: figures[1].place: unknown key 'place'; allowed: id, topic, sources, explanation,"
        " note, theme, choices, earliest, what, amount, date, prompts, skip",
        "3 problems found",
    ]


def test_new_and_explain_wrap_whole_words_in_an_80_column_terminal(tmp_path: Path) -> None:
    from helpers.terminal import spawn_cli, transcript

    pack = tmp_path / "pack"
    written = transcript(spawn_cli(["new", str(pack)], rows=24, columns=80))
    explained = transcript(spawn_cli(["validate", str(pack), "--explain"], rows=24, columns=80))

    # The "Next:"/"Then:" commands stay whole on their lines, to be copied.
    for screen in (written.split("Next:")[0], explained):
        # Only a word longer than the screen (pytest's long temporary path) may overflow, alone on its line.
        too_wide = [line for line in screen.splitlines() if len(line) > 80 and " " in line.strip()]
        assert not too_wide, screen
    assert "facts.yaml" in written.split()  # a file name is never cut in two
    # A wrapped question keeps reading as one: its next line is indented under it.
    assert "    when: On what date did Azerbaijan and FR Yugoslavia establish diplomatic\n      relations?" in explained
