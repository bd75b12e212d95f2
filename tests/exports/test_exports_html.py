"""``azrs-quiz export html``: the page as a file (the browser drives it in test_exports_html_browser)."""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner
from helpers.html_page import HOSTILE_CREDIT, HOSTILE_PROMPT, data_of, hostile_pack, inline
from helpers.paths import TINY_PACK

from azrs_quiz.cli.main import main
from azrs_quiz.exports.html import quiz_page
from azrs_quiz.facts.content import Content
from azrs_quiz.questions import question_bank
from azrs_quiz.questions.marking import answer_key, typable

#: The issue's ceiling for a page of the bundled content.
MAX_BYTES = 150_000


def _export(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(main, ["export", "html", *args, "--output", "-"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_page_is_valid_html5_in_strict_mode(bundled_content: Content) -> None:
    page = quiz_page(question_bank(bundled_content)[:20], bundled_content, typed=True)
    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)  # raises on any parse error


def sha256_base64(text: str) -> str:
    """The CSP hash-source digest, computed here as the CSP spec says, not by the code under test."""
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def test_the_policy_allows_exactly_the_inline_script_and_style(tiny_content: Content) -> None:
    page = quiz_page(question_bank(tiny_content), tiny_content)
    (policy,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    (script,) = inline(page, "script")
    (style,) = inline(page, "style")
    assert policy.split("; ") == [
        "default-src 'none'",
        f"script-src 'sha256-{sha256_base64(script)}'",
        f"style-src 'sha256-{sha256_base64(style)}'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
    # No external resource anywhere: the only src/href attributes are links and the empty icon.
    assert re.findall(r"\ssrc=", page) == []
    assert [href for href in re.findall(r'href="([^"]*)"', page) if not href.startswith("https://")] == ["data:,"]


def test_the_script_and_style_are_the_package_files(tiny_content: Content) -> None:
    page = quiz_page(question_bank(tiny_content), tiny_content)
    folder = Path(__file__).parents[2] / "azrs_quiz" / "exports" / "html"
    assert inline(page, "script") == [(folder / "page.js").read_text(encoding="utf-8")]
    assert inline(page, "style") == [(folder / "page.css").read_text(encoding="utf-8")]
    assert "innerHTML" not in (folder / "page.js").read_text(encoding="utf-8")


def test_hostile_content_is_escaped_in_markup_and_data(runner: CliRunner, tmp_path: Path) -> None:
    page = _export(runner, "--content", str(hostile_pack(tmp_path)), "--count", "50", "--seed", "1")

    html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(page)
    assert page.count("<script") == 2  # the data block and our script, nothing from the content
    assert "<img" not in page and "<b>" not in page
    assert "Credit &lt;/script&gt;&lt;img src=https://example.com/x.png" in page
    assert "\\u003cscript\\u003ewindow.pwned" in page
    data = data_of(page)
    assert HOSTILE_PROMPT in [question["prompt"] for question in data["questions"]]
    assert HOSTILE_CREDIT not in page  # only ever escaped


def test_the_same_seed_gives_the_same_bytes_and_another_seed_another_quiz(runner: CliRunner) -> None:
    first = _export(runner, "--seed", "7")
    assert _export(runner, "--seed", "7") == first
    assert _export(runner, "--seed", "8") != first
    assert _export(runner, "--seed", "7", "--typed") == _export(runner, "--seed", "7", "--typed")


@pytest.mark.parametrize("typed", [False, True])
def test_every_bundled_question_fits_under_150_kb(runner: CliRunner, bundled_content: Content, typed: bool) -> None:
    page = _export(runner, "--count", "100000", "--seed", "1", *(["--typed"] if typed else []))

    assert len(data_of(page)["questions"]) == len(question_bank(bundled_content))
    assert len(page.encode("utf-8")) < MAX_BYTES


def test_the_page_credits_every_pack_and_links_the_licence(runner: CliRunner, bundled_content: Content) -> None:
    page = _export(runner)

    for pack in bundled_content.packs:
        assert pack.attribution.replace('"', "&quot;") in page
    assert page.count('<a href="https://creativecommons.org/licenses/by-sa/4.0/" rel="noopener noreferrer">') == 2
    assert "<title>Azerbaijan–Serbia relations: a quiz</title>" in page


def test_a_page_drawn_from_one_pack_credits_that_pack_alone(bundled_content: Content) -> None:
    related = [question for question in question_bank(bundled_content) if question.topic == "related"][:5]
    assert {bundled_content.record_packs[question.fact_id] for question in related} == {"related-relations"}
    page = quiz_page(related, bundled_content)

    main_pack, related_pack = (bundled_content.packs[0], bundled_content.packs[1])
    assert related_pack.attribution.replace('"', "&quot;") in page
    assert main_pack.attribution.replace('"', "&quot;") not in page
    assert f"<title>{related_pack.title}: a quiz</title>" in page


def test_count_topic_and_seed_draw_the_quiz(runner: CliRunner, tiny_content: Content) -> None:
    result = runner.invoke(
        main, ["export", "html", "--content", str(TINY_PACK), "--topic", "dates", "-n", "2", "--seed", "3", "-o", "-"]
    )

    assert result.exit_code == 0, result.output
    questions = data_of(result.stdout)["questions"]
    assert len(questions) == 2
    assert {question["topic"] for question in questions} == {"dates"}
    assert result.stderr == "Wrote 2 questions (seed 3) to standard output\n"


def test_without_a_seed_the_message_says_which_was_drawn(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "quiz.html"
    result = runner.invoke(main, ["export", "html", "--content", str(TINY_PACK), "-o", str(target)])

    assert result.exit_code == 0, result.output
    (seed,) = re.fullmatch(rf"Wrote \d+ questions \(seed (\d+)\) to {re.escape(str(target))}\n", result.stderr).groups()  # type: ignore[union-attr]
    again = runner.invoke(main, ["export", "html", "--content", str(TINY_PACK), "--seed", seed, "-o", "-"])
    assert again.stdout == target.read_text(encoding="utf-8")


def test_an_existing_file_needs_force(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "quiz.html"
    target.write_text("mine", encoding="utf-8")
    args = ["export", "html", "--content", str(TINY_PACK), "-o", str(target)]

    refused = runner.invoke(main, args)
    assert refused.exit_code == 1
    assert refused.stderr == f"Error: '{target}' already exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "mine"
    assert runner.invoke(main, [*args, "--force"]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_count_below_one_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["export", "html", "--count", "0", "-o", "-"])

    assert result.exit_code == 2
    assert "Invalid value for '-n' / '--count': 0 is not in the range x>=1." in result.stderr


def test_typed_pages_carry_the_forms_python_accepts(bundled_content: Content) -> None:
    bank = question_bank(bundled_content)
    data = data_of(quiz_page(bank, bundled_content, typed=True))

    for question, exported in zip(bank, data["questions"], strict=True):
        if typable(question):
            key = answer_key(question, bundled_content)
            assert exported["typed"] == {
                "shown": key.shown,
                "accepted": list(key.accepted),
                "refused": list(key.refused),
            }
        else:
            assert "typed" not in exported
    assert any("typed" in question for question in data["questions"])
    assert "typed" not in str(data_of(quiz_page(bank, bundled_content))["questions"])
