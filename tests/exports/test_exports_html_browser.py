"""The exported quiz page, driven in headless Chromium as a learner would use it.

Uses Debian's ``chromium`` through Playwright's Python driver (never a downloaded
browser). Skipped, with the reason, where either is missing; CI installs both.
"""

from __future__ import annotations

import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers.html_page import HOSTILE_EXPLANATION, HOSTILE_OPTION_TEXT, HOSTILE_PROMPT, data_of, hostile_pack
from helpers.paths import TINY_PACK

from azrs_quiz.cli.main import main
from azrs_quiz.exports.html import quiz_page
from azrs_quiz.facts.content import Content
from azrs_quiz.questions import question_bank
from azrs_quiz.questions.marking import answer_key, mark, normalize, typable

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright's Python driver is not installed")
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium)"),
    pytest.mark.slow,
]

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LETTERS = "abcd"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@dataclass
class Quiz:
    """One open page and everything it asked the network for or complained about."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def text(self, selector: str) -> str:
        return str(self.page.locator(selector).inner_text())

    def visible(self, selector: str) -> bool:
        return bool(self.page.locator(selector).is_visible())

    def focused(self) -> str:
        return str(self.page.evaluate("document.activeElement.id"))

    def fits(self) -> bool:
        return bool(self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.fixture
def open_quiz(browser: Any) -> Iterator[Any]:
    contexts: list[Any] = []
    quizzes: list[Quiz] = []

    def opener(path: Path, **context_options: Any) -> Quiz:
        context = browser.new_context(**context_options)
        contexts.append(context)
        page = context.new_page()
        quiz = Quiz(page=page, url=path.as_uri())
        page.on("request", lambda request: quiz.requests.append(request.url))
        page.on("pageerror", lambda error: quiz.problems.append(str(error)))
        page.on("console", lambda message: quiz.problems.append(message.text))
        page.goto(quiz.url)
        quizzes.append(quiz)
        return quiz

    yield opener
    for context in contexts:
        context.close()
    for quiz in quizzes:
        # Offline for good: the page itself is the only thing ever fetched, and nothing is blocked.
        assert set(quiz.requests) == {quiz.url}, quiz.requests
        assert quiz.problems == []


def _write(runner: CliRunner, target: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(main, ["export", "html", *args, "--output", str(target)])
    assert result.exit_code == 0, result.output
    return data_of(target.read_text(encoding="utf-8"))


def _position_of(quiz: Quiz, option: int) -> int:
    """Where the option with this index is shown (options are reshuffled on a retry)."""
    shown = quiz.page.eval_on_selector_all("#options button", "buttons => buttons.map(b => b.dataset.option)")
    return [int(index) for index in shown].index(option)


def _current(quiz: Quiz, data: dict[str, Any]) -> dict[str, Any]:
    prompt = quiz.text("#prompt")
    return next(question for question in data["questions"] if question["prompt"] == prompt)


def test_a_full_quiz_by_keyboard_then_a_retry_of_the_missed(runner: CliRunner, tmp_path: Path, open_quiz: Any) -> None:
    data = _write(runner, tmp_path / "quiz.html", "--count", "10", "--seed", "5")
    quiz = open_quiz(tmp_path / "quiz.html")
    expected_topics: dict[str, list[int]] = {}

    for number, question in enumerate(data["questions"]):
        assert quiz.text("#position") == f"Question {number + 1} of 10 · {question['topic']}"
        assert quiz.focused() == ("prompt" if number else "")  # the next question takes the focus
        assert quiz.text("#prompt") == question["prompt"]
        right = number % 2 == 0
        choice = question["answer"] if right else (question["answer"] + 1) % len(question["options"])
        key = LETTERS[choice] if number % 3 else str(choice + 1)  # letters and digits both answer
        quiz.page.keyboard.press(key)
        assert quiz.focused() == "verdict"  # focus moves to the feedback
        verdict = quiz.text("#verdict")
        correct = f"{LETTERS[question['answer']]}) {question['options'][question['answer']]}"
        if right:
            assert verdict == f"✓ Right! The answer is {correct}."
        else:
            assert (
                verdict
                == f"✗ Wrong. You chose {LETTERS[choice]}) {question['options'][choice]}; the answer is {correct}."
            )
        assert quiz.text("#explanation") == question["explanation"]
        assert quiz.text("#sources").startswith("Source")
        tally = expected_topics.setdefault(question["topic"], [0, 0])
        tally[0] += right
        tally[1] += 1
        quiz.page.keyboard.press("Enter")

    assert quiz.focused() == "score"
    assert quiz.text("#score") == "Score: 5/10 (50%)"
    rows = quiz.page.eval_on_selector_all(
        "#topics tbody tr", "rows => rows.map(r => Array.from(r.cells, c => c.textContent))"
    )
    assert rows == [
        [topic, f"{right}/{total}", f"{round(100 * right / total)}%"]
        for topic in data["topics"]
        if topic in expected_topics
        for right, total in [expected_topics[topic]]
    ]
    missed = [question for number, question in enumerate(data["questions"]) if number % 2]
    assert quiz.page.locator("#missed > li").count() == 5
    assert quiz.text("#missed > li:first-child").startswith(missed[0]["prompt"])
    assert quiz.text("#retry") == "Retry the 5 missed questions"

    quiz.page.focus("#retry")
    quiz.page.keyboard.press("Enter")
    orders = []
    for number in range(5):
        question = _current(quiz, data)
        assert question in missed
        assert quiz.text("#position").startswith(f"Question {number + 1} of 5")
        orders.append(quiz.page.eval_on_selector_all("#options button", "bs => bs.map(b => b.dataset.option)"))
        quiz.page.keyboard.press(LETTERS[_position_of(quiz, question["answer"])])
        assert quiz.text("#verdict").startswith("✓ Right!")
        quiz.page.keyboard.press("n")
    assert quiz.text("#score") == "Retry score: 5/5 (100%)"
    assert quiz.visible("#nothing-missed") and not quiz.visible("#retry")
    identity = [[str(index) for index in range(len(question["options"]))] for question in missed]
    assert sorted(map(sorted, orders)) == sorted(map(sorted, identity))
    assert orders != identity  # the options were reshuffled (all five unchanged: about 1 in 8 million)


def test_a_full_quiz_by_click_with_a_skip(runner: CliRunner, tmp_path: Path, open_quiz: Any) -> None:
    data = _write(runner, tmp_path / "tiny.html", "--content", str(TINY_PACK), "--count", "4", "--seed", "2")
    quiz = open_quiz(tmp_path / "tiny.html")

    for number, question in enumerate(data["questions"]):
        if number == 1:
            quiz.page.click("#skip")
            key = f"{LETTERS[question['answer']]}) {question['options'][question['answer']]}"
            assert quiz.text("#verdict") == f"– Skipped. The answer is {key}."
        else:
            quiz.page.click(f"#options button[data-option='{question['answer']}']")
            assert quiz.text("#verdict").startswith("✓ Right!")
            assert quiz.text(f"#options button[data-option='{question['answer']}']").endswith("✓ answer")
        assert quiz.page.locator("#options button:enabled").count() == 0
        quiz.page.click("#next")

    assert quiz.text("#score") == "Score: 3/4 (75%)"
    skipped = data["questions"][1]
    answer = f"{LETTERS[skipped['answer']]}) {skipped['options'][skipped['answer']]}"
    assert quiz.text("#missed") == f"{skipped['prompt']}\n\nSkipped; the answer is {answer}."
    quiz.page.click("#restart")
    assert quiz.text("#position") == f"Question 1 of 4 · {data['questions'][0]['topic']}"


def test_hostile_content_is_shown_as_text_and_runs_nothing(runner: CliRunner, tmp_path: Path, open_quiz: Any) -> None:
    data = _write(runner, tmp_path / "hostile.html", "--content", str(hostile_pack(tmp_path)), "-n", "50")
    quiz = open_quiz(tmp_path / "hostile.html")
    seen: set[str] = set()

    for _ in data["questions"]:
        seen.add(quiz.text("#prompt"))
        seen.update(quiz.page.eval_on_selector_all("#options button span:last-child", "s => s.map(e => e.textContent)"))
        quiz.page.keyboard.press("a")
        seen.add(quiz.text("#explanation"))
        assert quiz.page.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
        quiz.page.keyboard.press("n")

    assert {HOSTILE_PROMPT, HOSTILE_OPTION_TEXT, HOSTILE_EXPLANATION} <= seen
    assert quiz.page.evaluate("window.pwned") is None
    assert quiz.page.evaluate("document.scripts.length") == 2
    assert "</script><img src=https://example.com/x.png" in quiz.text("footer")


def test_nothing_overflows_at_320_px_on_any_bundled_question(
    runner: CliRunner, tmp_path: Path, open_quiz: Any, bundled_content: Content
) -> None:
    data = _write(runner, tmp_path / "all.html", "--count", "100000", "--seed", "1")
    quiz = open_quiz(tmp_path / "all.html", viewport={"width": 320, "height": 640})

    assert quiz.fits()
    for number, _ in enumerate(data["questions"]):
        quiz.page.keyboard.press("a" if number % 2 else "s")
        assert quiz.fits(), quiz.text("#prompt")
        quiz.page.keyboard.press("Enter")
    assert quiz.visible("#score") and quiz.fits()
    assert len(data["questions"]) == len(question_bank(bundled_content))


@pytest.mark.parametrize(
    ("scheme", "motion", "background", "animation"),
    [("light", "no-preference", "rgb(251, 251, 253)", "appear"), ("dark", "reduce", "rgb(21, 21, 26)", "none")],
)
def test_dark_mode_and_reduced_motion_are_honoured(
    runner: CliRunner, tmp_path: Path, open_quiz: Any, scheme: str, motion: str, background: str, animation: str
) -> None:
    _write(runner, tmp_path / "quiz.html", "--content", str(TINY_PACK), "--seed", "1")
    quiz = open_quiz(tmp_path / "quiz.html", color_scheme=scheme, reduced_motion=motion)

    quiz.page.keyboard.press("a")
    style = "getComputedStyle(document.{0}).{1}"
    assert quiz.page.evaluate(style.format("body", "backgroundColor")) == background
    assert quiz.page.evaluate(style.format("getElementById('feedback')", "animationName")) == animation


def test_progress_is_kept_only_when_asked_and_the_button_clears_it(
    runner: CliRunner, tmp_path: Path, open_quiz: Any
) -> None:
    data = _write(runner, tmp_path / "quiz.html", "--content", str(TINY_PACK), "--count", "4", "--seed", "1")
    quiz = open_quiz(tmp_path / "quiz.html")
    page = quiz.page

    page.keyboard.press("a")
    page.keyboard.press("n")
    page.reload()
    assert quiz.text("#position").startswith("Question 1 of 4")  # not asked to keep it: nothing kept
    assert page.evaluate("localStorage.length") == 0

    page.check("#remember")
    page.keyboard.press("b")
    page.keyboard.press("n")
    page.keyboard.press("c")
    page.reload()
    assert quiz.text("#position").startswith("Question 2 of 4")
    assert quiz.visible("#feedback")  # answered before the reload: its feedback is back
    assert page.is_checked("#remember")
    assert quiz.text("#saving-status") == "Carrying on from your saved progress."

    page.click("#forget")
    assert quiz.text("#saving-status") == "Saved progress cleared."
    assert page.evaluate("localStorage.length") == 0
    page.reload()
    assert quiz.text("#position").startswith("Question 1 of 4")

    for damaged in ("{not json", '{"version": 1, "round": {"items": [{"id": "gone", "order": [0]}]}}'):
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [f"azrs-quiz:{data['id']}", damaged])
        page.reload()
        assert quiz.text("#position").startswith("Question 1 of 4")  # ignored, not a broken page
        assert not page.is_checked("#remember")


# --- Typed answers: the browser marks as Python marks --------------------------------------

NORMALIZE_CASES = [
    "Aleksandar VUČIĆ",
    "$300,000,000",
    "Ljig–Preljina",
    "300m",
    "€1.5bn",
    "£2,5",
    "İlham Əliyev",
    "Straße",
    "1st of March 2011",
    "  spaced \t out  ",
    "O'Brien’s rock`n`roll",
    "12.345.678",
    "1 000 000",
    "1,23",
    "Novak Đoković",
    "Łódź and Ærø, Øresund",
    "ﬁnance",
    "x² and ½",
    "Mixed123abc",
    "",
    "—",
    "São Tomé",
    "Ħamrun þorn ı",
    "ΣΊΣΥΦΟΣ",
    "ﾃｽﾄ",
    "under_score",
]


def _typed_page(tmp_path: Path, questions: list[Any], content: Content) -> Path:
    target = tmp_path / "typed.html"
    target.write_text(quiz_page(questions, content, typed=True), encoding="utf-8")
    return target


def _typos(text: str) -> list[str]:
    """One-edit variants of ``text``, and two-edit ones."""
    if len(text) < 3:
        return [text + "x"]
    middle = len(text) // 2
    swapped = text[: middle - 1] + text[middle] + text[middle - 1] + text[middle + 1 :]
    return [swapped, text[:middle] + text[middle + 1 :], text[:middle] + "q" + text[middle:], text[2:], text.upper()]


def test_the_browser_normalizes_and_marks_as_python_does(
    tmp_path: Path, open_quiz: Any, bundled_content: Content
) -> None:
    questions = [question for question in question_bank(bundled_content) if typable(question)]
    quiz = open_quiz(_typed_page(tmp_path, questions, bundled_content))

    in_browser = quiz.page.evaluate("cases => cases.map(window.azrsMarking.normalize)", NORMALIZE_CASES)
    assert in_browser == [normalize(case) for case in NORMALIZE_CASES]

    cases = []
    for question in questions:
        key = answer_key(question, bundled_content)
        shown = unicodedata.normalize("NFC", key.shown)
        for typed in [shown, *_typos(shown), *question.options, "", "Belgrade"]:
            verdict = mark(key, typed)
            cases.append(
                {
                    "key": {"shown": key.shown, "accepted": list(key.accepted), "refused": list(key.refused)},
                    "typed": typed,
                    "expected": {"correct": verdict.correct, "nearMiss": verdict.near_miss},
                }
            )
    marked = quiz.page.evaluate("cases => cases.map(c => window.azrsMarking.mark(c.key, c.typed))", cases)
    assert [case["expected"] for case in cases] == marked
    assert sum(case["expected"]["nearMiss"] for case in cases) > 10  # the near-miss rule was exercised


def test_a_typed_question_is_answered_in_a_labelled_box(
    tmp_path: Path, open_quiz: Any, bundled_content: Content
) -> None:
    people = [
        question
        for question in question_bank(bundled_content)
        if typable(question) and question.angle == "who" and len(normalize(question.correct_option)) >= 12
    ]
    first, second = people[:2]
    quiz = open_quiz(_typed_page(tmp_path, [first, second], bundled_content))
    page = quiz.page

    assert quiz.focused() == ""  # the page does not steal focus on load
    assert page.locator("label[for='typed-answer']").inner_text() == "Your answer"
    assert not quiz.visible("#options")
    page.fill("#typed-answer", _typos(first.correct_option)[0])  # one swap: a near miss
    page.keyboard.press("Enter")
    assert quiz.text("#verdict") == f"✓ Right, nearly. The answer is spelled {first.correct_option}."
    page.keyboard.press("Enter")
    page.fill("#typed-answer", "Nobody at all")
    page.keyboard.press("Enter")
    assert quiz.text("#verdict") == f"✗ Wrong. You typed “Nobody at all”; the answer is {second.correct_option}."
    page.keyboard.press("n")
    assert quiz.text("#score") == "Score: 1/2 (50%)"
    assert quiz.text("#missed").endswith(f"You typed “Nobody at all”; the answer is {second.correct_option}.")
