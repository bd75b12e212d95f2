"""The rules a history teacher checks, made executable: category, era, topic, theme, yield."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import TINY_PACK
from helpers.events import delegation_event
from helpers.topics import expected_topic

from azrs_quiz.cli.main import main
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import MONTH_NAMES
from azrs_quiz.facts.loader import load_content
from azrs_quiz.facts.models import Event
from azrs_quiz.questions import UnknownTheme, build_quiz, fact_yields, question_bank, unasked_problems
from azrs_quiz.questions.bank import bank_report


def shown_date_key(text: str) -> tuple[int, int, int]:
    """ "21 August 1997" -> (1997, 8, 21); "February 2011" -> (2011, 2, 0); "1991" -> (1991, 0, 0)."""
    words = text.split()
    year = int(words[-1])
    month = MONTH_NAMES.index(words[-2]) + 1 if len(words) >= 2 else 0
    day = int(words[0]) if len(words) == 3 else 0
    return (year, month, day)


def test_topics_follow_what_each_bundled_question_asks(bundled_content: Content) -> None:
    for question in question_bank(bundled_content):
        fact = bundled_content.fact(question.fact_id)
        assert question.topic == expected_topic(question.answer_kind, fact), question.id
    dates = build_quiz(bundled_content, topics=["dates"], count=50, seed=1).questions
    assert dates and all(question.answer_kind == "date" for question in dates)
    people = build_quiz(bundled_content, topics=["people"], count=50, seed=1).questions
    assert people and all(question.answer_kind in ("person", "office") for question in people)


def test_every_bundled_question_has_a_theme_learners_can_filter_on(bundled_content: Content) -> None:
    bank = question_bank(bundled_content)
    assert all(
        question.theme in ("politics", "economy", "culture", "visits", "defence", "history") for question in bank
    )
    economy = build_quiz(bundled_content, themes=["economy"], count=50, seed=2).questions
    assert economy and {question.theme for question in economy} == {"economy"}
    assert len(economy) == len({q.fact_id for q in economy})
    with pytest.raises(UnknownTheme) as raised:
        build_quiz(bundled_content, themes=["sport"], seed=1)
    assert str(raised.value).startswith("no questions on theme 'sport'; themes available: politics, economy")


def test_no_date_option_lies_before_a_party_existed_as_a_state(bundled_content: Content) -> None:
    bank = {question.id: question for question in question_bank(bundled_content)}
    checked = 0
    for fact in bundled_content.iter_facts():
        if fact.earliest is None:
            continue
        for question in bank.values():
            if question.fact_id == fact.id and question.answer_kind == "date" and question.angle == "when":
                checked += 1
                for option in question.options:
                    assert shown_date_key(option) >= fact.earliest.sort_key, (question.id, option)
    assert checked >= 3


def test_which_happened_then_offers_only_events_of_the_same_decade(tiny_content: Content) -> None:
    def event(number: int, year: int) -> Event:
        prompt = f"Which of these happened in {year}, the year of delegation {number}?"
        return delegation_event(f"e-{number}", number, year, prompt=prompt, explanation="One of several.")

    events = {
        item.id: item for item in (event(1, 1839), event(2, 1882), event(3, 2011), event(4, 2013), event(5, 2015))
    }
    content = Content(packs=tiny_content.packs, sources=tiny_content.sources, events=events)
    report = bank_report(content)
    asked = {question.id: question for question in report.questions}
    assert set(asked["e-4:what"].options) == {"Delegation 3 arrived", "Delegation 4 arrived", "Delegation 5 arrived"}
    # 1839 and 1882 have no other events within their decade: asked not at all, and said why.
    unasked = {item.fact_id: item.reason for item in report.unasked}
    assert "e-1:what" not in asked and "e-2:what" not in asked
    assert unasked["e-1"] == "needs two other events within 5 years of it to offer as options; the content has none"


def test_a_threshold_amount_is_asked_only_among_ranges_that_do_not_overlap_it(
    bundled_content: Content,
) -> None:
    bank = {question.id: question for question in question_bank(bundled_content)}
    value = bank["nora-b-52-defence-contract:stated-value"]
    assert value.correct_option == "Over $300 million"
    assert [option for option in value.options if option.lower().startswith("over")] == ["Over $300 million"]
    # Ranges read in order, low to high, so the eye is not drawn to the odd one out.
    assert value.options == (
        "Under $100 million",
        "$100 million to $200 million",
        "$200 million to $300 million",
        "Over $300 million",
    )
    assert "nora-b-52-defence-contract:value" not in bank


def test_spans_of_time_written_in_words_are_listed_in_order(bundled_content: Content) -> None:
    bank = {question.id: question for question in question_bank(bundled_content)}
    interval = bank["azerbaijani-embassy-in-serbia-opens:interval"]
    assert interval.options == ("Two months", "Four months", "Six months", "Eight months")


def test_the_known_double_answer_questions_are_gone(bundled_content: Content) -> None:
    bank = question_bank(bundled_content)
    for question in bank:
        wrong = set(question.options) - {question.correct_option}
        assert not ("Over $300 million" in question.options and "Over $350 million" in question.options)
        if "2008" in question.prompt and "credit" in question.prompt.lower():
            assert not any("A2" in option for option in wrong), question.id
        if "Tašmajdan" in question.correct_option and "2011" in question.prompt:
            assert "Bajrakli Mosque" not in wrong, question.id


def write_pack(tmp_path: Path, extra_event: dict[str, object]) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(TINY_PACK, pack)
    facts = yaml.safe_load((pack / "facts.yaml").read_text(encoding="utf-8"))
    facts["events"].append(extra_event)
    (pack / "facts.yaml").write_text(yaml.safe_dump(facts, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return pack


REGION_EVENT: dict[str, object] = {
    "id": "resolution-vote",
    "topic": "agreements",
    "what": "Serbia voted for a resolution",
    "place": "karabakh",
    "sources": ["ref-1"],
    "explanation": "A vote.",
    "prompts": {"where": "Which territory did the resolution concern?"},
}


def with_region(pack: Path) -> Path:
    places = yaml.safe_load((pack / "sources.yaml").read_text(encoding="utf-8"))
    places["places"].append({"id": "karabakh", "name": "Karabakh", "kind": "region"})
    (pack / "sources.yaml").write_text(yaml.safe_dump(places, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return pack


def test_an_authored_prompt_that_yields_no_question_is_a_validate_error(tmp_path: Path, runner: CliRunner) -> None:
    pack = with_region(write_pack(tmp_path, REGION_EVENT))
    result = runner.invoke(main, ["validate", str(pack)])
    assert result.exit_code == 1
    line = next(line for line in result.stderr.splitlines() if "resolution-vote" in line)
    assert line.startswith(f"{pack / 'facts.yaml'}:")
    assert line.endswith(
        "resolution-vote.prompts.where: asks no question: needs two other regions to offer as options;"
        " the content has none"
    )
    assert result.stderr.splitlines()[-1] == "1 problem found"


def test_allow_unasked_or_skip_turns_the_error_into_a_listed_warning(tmp_path: Path, runner: CliRunner) -> None:
    pack = with_region(write_pack(tmp_path, REGION_EVENT))
    result = runner.invoke(main, ["validate", "--allow-unasked", str(pack)])
    assert result.exit_code == 0, result.output
    assert "warning: " in result.stderr and "resolution-vote.prompts.where: asks no question" in result.stderr
    assert result.stdout.startswith("OK: ")

    skipped = with_region(write_pack(tmp_path / "skip", {**REGION_EVENT, "skip": ["where"]}))
    result = runner.invoke(main, ["validate", str(skipped)])
    assert result.exit_code == 0, result.output
    assert "resolution-vote.prompts.where: asks no question: its angle is listed in 'skip'" in result.stderr


def test_a_fact_that_yields_no_question_is_an_error_saying_why(tmp_path: Path) -> None:
    undated = {k: v for k, v in REGION_EVENT.items() if k not in ("prompts", "place")}
    content = load_content(write_pack(tmp_path, undated))
    errors, warnings = unasked_problems(content)
    assert [str(error).split(": ", 1)[1] for error in errors] == [
        "resolution-vote.fact: yields no question: it has nothing a question can ask: no date, place, actor,"
        " role, parties, amount, prompt or choice"
    ]
    assert not warnings


def test_the_bundled_content_yields_a_question_for_every_prompt_and_fact(bundled_content: Content) -> None:
    errors, warnings = unasked_problems(bundled_content)
    assert not errors and not warnings
    yields = {item.fact_id: item for item in fact_yields(bundled_content)}
    assert yields["aleksandar-vucic"].answered_in  # asked as the answer of "who"
    assert yields["serbia-votes-for-un-resolution-62-243"].questions == (
        "serbia-votes-for-un-resolution-62-243:vote",
        "serbia-votes-for-un-resolution-62-243:subject",
    )


def test_validate_of_the_bundled_content_prints_no_warning(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0
    assert result.stderr == ""
