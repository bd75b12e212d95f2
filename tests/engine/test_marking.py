"""Typed answers are marked by meaning: case, accents, punctuation, surnames, amounts, dates, typos."""

from __future__ import annotations

import datetime
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.dates import MONTH_NAMES, PartialDate
from azrs_quiz.facts.models import Amount
from azrs_quiz.questions import Question, question_bank
from azrs_quiz.questions.marking import (
    NEAR_MISS_MIN_LENGTH,
    AnswerKey,
    amount_forms,
    answer_key,
    edit_distance,
    mark,
    mark_typed,
    normalize,
    typable,
)


def _question(shown: str, *, kind: str = "event", angle: str = "when", others: tuple[str, ...] = ()) -> Question:
    return Question(
        id=f"fact:{angle}",
        fact_id="fact",
        angle=angle,
        kind=kind,
        topic="dates",
        prompt="?",
        options=(shown, *others),
        answer=0,
        explanation="",
        sources=(),
        citations=(),
    )


def _ascii(text: str) -> str:
    """What a learner without a Serbian keyboard types: the accents left out."""
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


@pytest.fixture(scope="module")
def bank(bundled_content: Content) -> list[Question]:
    return question_bank(bundled_content)


# --- normalize -----------------------------------------------------------------------------


@given(st.text())
@example("¼00")  # NFKD makes it "1⁄400": the fraction slash becomes a thousands space only late
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)


@given(st.text(alphabet="abcčćdđšžeəıiou -.,'", min_size=1))
def test_case_accents_and_punctuation_do_not_count(text: str) -> None:
    shouted = text.upper()
    assert normalize(shouted) == normalize(text)
    assert normalize(_ascii(text).replace("đ", "d").replace("ə", "a").replace("ı", "i")) == normalize(text)
    assert normalize(f" {text}!? ") == normalize(text)


def test_normalize_examples() -> None:
    assert normalize("Aleksandar VUČIĆ") == "aleksandar vucic"
    assert normalize("Ljig–Preljina") == "ljig preljina"
    assert normalize("$300,000,000") == normalize("USD 300 000 000") == "usd 300000000"
    assert normalize("$300m") == "usd 300 m"
    assert normalize("Heydər Əliyev") == "heydar aliyev"
    assert normalize("Church of St. Petka") == "church of st petka"


# --- edit distance ---------------------------------------------------------------------------

_WORDS = st.text(alphabet="abcdefgh ", max_size=12)


@given(_WORDS, _WORDS)
def test_edit_distance_is_a_symmetric_measure(first: str, second: str) -> None:
    distance = edit_distance(first, second)
    assert distance == edit_distance(second, first)
    assert (distance == 0) == (first == second)
    assert abs(len(first) - len(second)) <= distance <= max(len(first), len(second))


@given(st.text(alphabet="abcdefgh", min_size=2, max_size=12), st.data())
def test_one_edit_is_distance_one(word: str, data: st.DataObject) -> None:
    position = data.draw(st.integers(0, len(word) - 2))
    letter = data.draw(st.sampled_from("xyz"))
    edits = {
        word[:position] + letter + word[position + 1 :],
        word[:position] + word[position + 1 :],
        word[:position] + letter + word[position:],
        word[:position] + word[position + 1] + word[position] + word[position + 2 :],
    }
    for edited in edits - {word}:
        assert edit_distance(word, edited) == 1


# --- the bundled bank ------------------------------------------------------------------------


def test_every_typable_key_is_right_and_every_other_option_wrong(
    bank: list[Question], bundled_content: Content
) -> None:
    typable_questions = [question for question in bank if typable(question)]
    assert len(typable_questions) > 50
    for question in typable_questions:
        key = answer_key(question, bundled_content)
        assert mark(key, _ascii(question.correct_option).lower()).correct, question.id
        assert mark(key, question.correct_option.upper()).correct, question.id
        for index, option in enumerate(question.options):
            if index != question.answer:
                assert not mark(key, option).correct, (question.id, option)
                assert not mark(key, _ascii(option).lower()).correct, (question.id, option)


def test_accepted_forms_are_normalized_and_the_key_comes_first(bank: list[Question], bundled_content: Content) -> None:
    for question in bank:
        key = answer_key(question, bundled_content)
        assert key.accepted[0] == normalize(question.correct_option)
        assert all(normalize(form) == form for form in (*key.accepted, *key.refused))
        assert not set(key.accepted) & set(key.refused)


def test_a_surname_alone_counts_only_where_it_is_unique(bank: list[Question], bundled_content: Content) -> None:
    by_answer = {(question.correct_option, question.kind): question for question in bank}
    vucic = by_answer[("Aleksandar Vučić", "event")]
    assert mark_typed(vucic, "vucic", bundled_content).correct
    assert mark_typed(vucic, "Vučić", bundled_content).correct
    aliyev = next(question for question in bank if question.correct_option == "Heydar Aliyev")
    assert mark_typed(aliyev, "heydar aliyev", bundled_content).correct
    # Ilham and Heydar Aliyev share the surname: it names neither.
    assert not mark_typed(aliyev, "Aliyev", bundled_content).correct


# --- one typo in a long name ------------------------------------------------------------------

_LONG_NAMES = ["Aleksandar Vučić", "Shahin Mustafayev", "Uzeyir Hajibeyov", "Tašmajdan Park", "Ljig–Preljina"]


@given(st.sampled_from(_LONG_NAMES), st.data())
def test_one_typo_in_a_long_name_is_a_near_miss_with_the_spelling_shown(name: str, data: st.DataObject) -> None:
    typed = _ascii(name).lower()
    position = data.draw(st.integers(0, len(typed) - 1).filter(lambda index: typed[index].isalpha()))
    letter = data.draw(st.sampled_from("qxz").filter(lambda char: char != typed[position]))
    once = typed[:position] + letter + typed[position + 1 :]
    result = mark_typed(_question(name, kind="event", angle="where"), once)
    assert result.correct and result.near_miss
    assert result.shown == name
    far = (position + 3) % len(typed)
    if typed[far].isalpha() and abs(far - position) > 1:
        twice = once[:far] + ("y" if once[far] != "y" else "w") + once[far + 1 :]
        assert not mark_typed(_question(name, kind="event", angle="where"), twice).correct


def test_no_typo_is_forgiven_in_short_names_numbers_or_refused_forms() -> None:
    assert not mark_typed(_question("Baku", angle="where"), "Bako").correct
    assert not mark_typed(_question("1997"), "1998").correct
    assert len("usd 300000000") >= NEAR_MISS_MIN_LENGTH
    key = AnswerKey(shown="Tomislav Nikolić", accepted=("tomislav nikolic",), refused=("tomislav nikolica",))
    assert not mark(key, "Tomislav Nikolica").correct
    assert mark(key, "Tomislav Nikolicc").near_miss


# --- amounts ---------------------------------------------------------------------------------


@given(st.integers(1, 999), st.sampled_from(["USD", "EUR"]))
def test_an_amount_in_millions_reads_the_same_in_figures_words_and_abbreviations(millions: int, currency: str) -> None:
    amount = Amount(value=Decimal(millions) * 10**6, currency=currency)
    symbol = {"USD": "$", "EUR": "€"}[currency]
    key = AnswerKey(
        shown=f"{symbol}{millions} million", accepted=tuple(map(normalize, amount_forms(amount))), refused=()
    )
    for typed in (
        f"{symbol}{millions}m",
        f"{millions} million",
        f"{millions}000000",
        f"{millions * 10**6:,}",
        f"{symbol}{millions * 10**6:,}",
        f"{millions} mn {currency}",
        f"{millions} million {currency.lower()}",
    ):
        assert mark(key, typed).correct, typed
    assert not mark(key, f"{millions + 1} million").correct
    assert not mark(key, f"{millions}").correct
    other_symbol = "€" if symbol == "$" else "$"
    assert not mark(key, f"{other_symbol}{millions}m").correct


def test_a_bundled_amount_in_every_common_spelling(bank: list[Question], bundled_content: Content) -> None:
    trade = next(question for question in bank if question.id == "trade-in-2023:amount")
    assert trade.correct_option == "$100 million"
    for typed in ("$100m", "100 million", "100,000,000", "100 000 000", "USD 100 million", "100 million dollars"):
        assert mark_typed(trade, typed, bundled_content).correct, typed
    assert not mark_typed(trade, "€100m", bundled_content).correct


# --- dates -----------------------------------------------------------------------------------


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2100, 12, 31)), st.data())
def test_a_day_month_year_date_is_accepted_in_the_common_orders(day: datetime.date, data: st.DataObject) -> None:
    shown = str(PartialDate(year=day.year, month=day.month, day=day.day))
    month_name = MONTH_NAMES[day.month - 1]
    month_word = data.draw(st.sampled_from([month_name, month_name[:3], month_name.lower()]))
    day_figure = data.draw(st.sampled_from([str(day.day), f"{day.day:02d}"]))
    month_figure = data.draw(st.sampled_from([str(day.month), f"{day.month:02d}"]))
    separator = data.draw(st.sampled_from(["/", ".", "-", " "]))
    typed = data.draw(
        st.sampled_from(
            [
                f"{day.day} {month_word} {day.year}",
                f"{month_word} {day.day}, {day.year}",
                f"{day_figure}{separator}{month_figure}{separator}{day.year}",
                f"{day.year}-{month_figure}-{day_figure}",
            ]
        )
    )
    assert mark_typed(_question(shown), typed).correct, (shown, typed)
    next_day = day + datetime.timedelta(days=1)
    assert not mark_typed(_question(shown), f"{next_day.day} {MONTH_NAMES[next_day.month - 1]} {next_day.year}").correct


def test_month_first_figures_count_only_where_they_cannot_be_read_as_another_date() -> None:
    assert mark_typed(_question("21 August 1997"), "08/21/1997").correct
    # 5 March: "3/5/2011" is 3 May to most of the world, so it is not 5 March.
    assert mark_typed(_question("5 March 2011"), "5/3/2011").correct
    assert not mark_typed(_question("5 March 2011"), "3/5/2011").correct


def test_month_and_year_dates() -> None:
    question = _question("February 2011", others=("March 2011",))
    for typed in ("february 2011", "Feb 2011", "2/2011", "02.2011", "2011-02", "in February 2011"):
        assert mark_typed(question, typed).correct, typed
    assert not mark_typed(question, "March 2011").correct
    assert not mark_typed(question, "2011").correct
