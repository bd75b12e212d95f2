"""The content that ships with azrs_quiz: complete, cited, and faithful to the article.

These tests pin down what a learner relies on: every fact cites the reference that
supports it, dates keep the article's precision, amounts keep their qualifiers, the
known doubts are recorded instead of guessed away, and no two facts share a stem.
"""

from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal

import pytest
from click.testing import CliRunner

from azrs_quiz.cli.main import main as cli
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.loader import bundled_content_path, load_content
from azrs_quiz.facts.models import Agreement, Event, Fact, Figure, Person
from azrs_quiz.questions import Question, question_bank

MAIN_PACK = "azerbaijan-serbia"
RELATED_PACK = "related-relations"


def _prompts(fact: Fact) -> dict[str, str]:
    """The stems the content writes for the fact: its prompts and its choices."""
    prompts = {angle: text for angle, text in fact.prompts.model_dump().items() if text is not None}
    return {**prompts, **{choice.angle: choice.prompt for choice in fact.choices}}


@pytest.fixture(scope="module")
def main_pack() -> Content:
    return load_content(bundled_content_path() / MAIN_PACK)


@pytest.fixture(scope="module")
def related_pack() -> Content:
    return load_content(bundled_content_path() / RELATED_PACK)


@pytest.fixture(scope="module")
def bank() -> list[Question]:
    return question_bank(load_content())


# --- it loads ---------------------------------------------------------------------------


def test_validate_command_accepts_the_bundled_content(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: ")
    assert "2 packs" in result.stdout
    # Every prompt and every fact yields a question: nothing is left out, so nothing to warn of.
    assert result.stderr == ""


@pytest.mark.parametrize("pack", [MAIN_PACK, RELATED_PACK])
def test_each_pack_validates_on_its_own(runner: CliRunner, pack: str) -> None:
    result = runner.invoke(cli, ["validate", str(bundled_content_path() / pack)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: 1 pack, ")


def test_both_packs_carry_the_articles_licence_and_credit(bundled_content: Content) -> None:
    assert {pack.id for pack in bundled_content.packs} == {MAIN_PACK, RELATED_PACK}
    for pack in bundled_content.packs:
        assert pack.licence == "CC-BY-SA-4.0"
        assert "Azerbaijan–Serbia relations" in pack.attribution
        assert "CC BY-SA 4.0" in pack.attribution


# --- enough of every topic --------------------------------------------------------------


@pytest.mark.parametrize(("topic", "minimum"), [("dates", 15), ("people", 20), ("agreements", 15), ("related", 20)])
def test_every_topic_has_plenty_of_facts(bundled_content: Content, topic: str, minimum: int) -> None:
    count = sum(1 for fact in bundled_content.facts if fact.topic == topic)
    assert count >= minimum, f"only {count} facts in topic {topic!r}"


def test_the_related_pack_holds_exactly_the_related_topic(main_pack: Content, related_pack: Content) -> None:
    assert {fact.topic for fact in related_pack.facts} == {"related"}
    assert "related" not in {fact.topic for fact in main_pack.facts}
    assert set(main_pack.topics) == {"dates", "people", "agreements"}


def test_every_kind_of_fact_is_present(main_pack: Content) -> None:
    counts = main_pack.counts()
    assert counts["events"] >= 25
    assert counts["agreements"] >= 6
    assert counts["figures"] >= 5
    assert counts["people"] >= 10


# --- sources ------------------------------------------------------------------------------


def test_all_21_numbered_references_are_present_once_with_their_number(main_pack: Content) -> None:
    numbers = sorted(source.number for source in main_pack.sources.values() if source.number is not None)
    assert numbers == list(range(1, 22))


def test_every_numbered_reference_supports_at_least_one_fact(main_pack: Content) -> None:
    cited = {source_id for fact in main_pack.facts for source_id in fact.sources}
    uncited = [source for source in main_pack.sources.values() if source.number is not None and source.id not in cited]
    # A reference that does not support its sentence is not cited; its note says why.
    assert [source.number for source in uncited] == [5]
    assert all(source.note is not None and "does not support" in source.note for source in uncited)


def test_every_source_is_cited_by_a_fact_or_a_doubt(bundled_content: Content) -> None:
    cited = {source_id for fact in bundled_content.facts for source_id in fact.sources}
    cited |= {source_id for doubt in bundled_content.doubts.values() for source_id in doubt.sources}
    assert sorted(set(bundled_content.sources) - cited) == []


def test_statements_without_an_inline_reference_cite_the_article_itself(main_pack: Content) -> None:
    article = main_pack.sources["article"]
    assert article.number is None
    assert article.publisher == "Wikipedia"
    assert article.title == "Azerbaijan–Serbia relations"
    # A reference closing a later sentence of the paragraph is not assumed to cover these.
    for fact_id in (
        "yugoslavia-recognises-azerbaijan",
        "azerbaijan-withdraws-peacekeepers-from-kosovo",
        "jeremic-visits-azerbaijan",
        "goods-traded-between-azerbaijan-and-serbia",
        "bajrakli-mosque-restoration",
        "church-of-st-petka-restoration",
        "tasmajdan-park-restoration",
        "credit-lines-for-serbia",
        "a2-ljig-preljina-section-completed",
        "a2-motorway-loan",
        "azerbaijan-backs-serbian-territorial-integrity",
        "shahin-mustafayev",
        "aliyev-working-visit-to-nis",
        "rumoured-howitzer-purchase",
    ):
        assert main_pack.fact(fact_id).sources == ["article"], fact_id
        note = main_pack.fact(fact_id).note
        assert note is not None and "no inline reference" in note, fact_id


@pytest.mark.parametrize(
    "fact_id",
    [
        "aliyev-official-visit-to-serbia",
        "intergovernmental-commission-first-meeting",
        "serbia-backs-azerbaijan-in-conflict-with-armenia",
    ],
)
def test_facts_partly_from_an_unreferenced_sentence_cite_the_article_too(main_pack: Content, fact_id: str) -> None:
    assert "article" in main_pack.fact(fact_id).sources


@pytest.mark.parametrize(
    ("fact_id", "number"),
    [
        ("223rd-rifle-division-formed-in-quba", 1),
        ("223rd-rifle-division-in-belgrade-offensive", 2),
        ("diplomatic-relations-established", 3),
        ("serbian-embassy-in-azerbaijan-opens", 4),
        ("azerbaijani-embassy-in-serbia-opens", 3),
        ("azerbaijan-rejects-kosovo-independence", 6),
        ("azerbaijan-opposes-oic-statement-on-kosovo", 7),
        ("serbia-backs-azerbaijan-in-conflict-with-armenia", 8),
        ("territorial-integrity-talks-in-belgrade", 9),
        ("trade-in-2023", 12),
        ("a8-and-m3-contract", 13),
        ("novi-pazar-cultural-centre-reconstruction", 13),
        ("gas-supply-deal", 14),
        ("novi-pazar-shusha-twinning", 15),
        ("serbian-language-and-culture-center-established", 16),
        ("tadic-visits-black-january-graves", 17),
        ("hajibeyov-bust-unveiled-in-novi-sad", 19),
        ("aliyev-official-visit-to-serbia", 19),
        ("tesla-monument-unveiled-in-baku", 20),
        ("nora-b-52-defence-contract", 21),
    ],
)
def test_facts_cite_the_reference_the_article_gives(main_pack: Content, fact_id: str, number: int) -> None:
    numbers = {main_pack.sources[source_id].number for source_id in main_pack.fact(fact_id).sources}
    assert number in numbers


def test_the_visa_agreement_cites_both_of_its_references(main_pack: Content) -> None:
    numbers = {main_pack.sources[s].number for s in main_pack.fact("visa-regime-cancelled").sources}
    assert numbers == {10, 11}


def test_related_sources_are_wikipedia_summaries_without_numbers(related_pack: Content) -> None:
    assert len(related_pack.sources) == 20
    for source in related_pack.sources.values():
        assert source.number is None
        assert source.publisher == "Wikipedia"
        assert source.title.endswith(" relations")
        assert source.note is not None and "related-articles list" in source.note


# --- doubts -------------------------------------------------------------------------------


def test_reference_5_mismatch_is_recorded_on_the_fact_and_the_source(main_pack: Content) -> None:
    fact = main_pack.fact("serbia-votes-for-un-resolution-62-243")
    reference_5 = next(source for source in main_pack.sources.values() if source.number == 5)
    # Reference 5 does not support the vote, so the fact cites the article, not [5].
    assert reference_5.id not in fact.sources
    assert fact.sources == ["article"]
    assert fact.note is not None
    assert "884" in fact.note and "62/243" in fact.note
    assert reference_5.note is not None and "884" in reference_5.note


def test_israel_serbia_summary_is_a_doubt_and_never_a_fact(bundled_content: Content) -> None:
    israel = "wikipedia-israel-serbia-relations"
    doubts = [doubt for doubt in bundled_content.doubts.values() if israel in doubt.sources]
    assert len(doubts) == 1
    assert "India" in doubts[0].text
    assert [fact.id for fact in bundled_content.facts if israel in fact.sources] == []


# --- people -------------------------------------------------------------------------------


def test_every_person_named_in_the_body_has_a_record(main_pack: Content) -> None:
    names = {person.name for person in main_pack.people.values()}
    assert names == {
        "Ilham Aliyev",
        "Aleksandar Vučić",
        "Boris Tadić",
        "Tomislav Nikolić",
        "Vuk Jeremić",
        "Jeyhun Bayramov",
        "Shahin Mustafayev",
        "Khazar Ibrahim",
        "Nikola Tesla",
        "Uzeyir Hajibeyov",
        "Heydar Aliyev",
    }


def test_every_person_has_a_role_or_a_note_that_the_article_gives_none(bundled_content: Content) -> None:
    for person in bundled_content.people.values():
        if person.role is None:
            assert person.note is not None and "gives no role" in person.note, person.id


@pytest.mark.parametrize(
    ("person_id", "role"),
    [
        ("ilham-aliyev", "President of Azerbaijan"),
        ("aleksandar-vucic", "President of Serbia"),
        ("boris-tadic", "President of Serbia"),
        ("tomislav-nikolic", "President of Serbia"),
        ("vuk-jeremic", "Foreign Minister of Serbia"),
        ("jeyhun-bayramov", "Foreign Minister of Azerbaijan"),
        ("shahin-mustafayev", "Minister of Economic Development of Azerbaijan"),
        ("khazar-ibrahim", None),
    ],
)
def test_roles_are_those_the_article_gives_at_the_time(main_pack: Content, person_id: str, role: str | None) -> None:
    assert main_pack.people[person_id].role == role


def test_names_use_the_diacritic_spellings(bundled_content: Content) -> None:
    undotted = re.compile(r"\b(Vucic|Tadic|Nikolic|Jeremic)\b")
    for fact in bundled_content.facts:
        texts = [fact.explanation, *_prompts(fact).values()]
        texts += [fact.name] if isinstance(fact, Person) else [fact.what]
        for text in texts:
            assert not undotted.search(text), f"{fact.id}: {text}"


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "rendered", "precision"),
    [
        ("223rd-rifle-division-in-belgrade-offensive", "1944", "year"),
        ("yugoslavia-recognises-azerbaijan", "31 December 1991", "day"),
        ("diplomatic-relations-established", "21 August 1997", "day"),
        ("serbian-embassy-in-azerbaijan-opens", "February 2011", "month"),
        ("azerbaijani-embassy-in-serbia-opens", "June 2011", "month"),
        ("serbian-language-and-culture-center-established", "May 2018", "month"),
        ("visa-regime-cancelled", "2021", "year"),
        ("vucic-confirms-defence-contract", "2024", "year"),
        ("fr-yugoslavia-recognises-ukraine", "15 April 1994", "day"),
        ("serbia-spain-relations-established", "14 October 1916", "day"),
    ],
)
def test_dates_keep_the_articles_precision(
    bundled_content: Content, fact_id: str, rendered: str, precision: str
) -> None:
    date = bundled_content.fact(fact_id).date  # type: ignore[union-attr]
    assert date is not None
    assert str(date) == rendered
    assert date.precision == precision


def test_derived_dates_say_how_they_were_derived(main_pack: Content) -> None:
    embassy = main_pack.fact("azerbaijani-embassy-in-serbia-opens")
    assert "four months" in embassy.explanation and "February 2011" in embassy.explanation
    # The Soviet dissolution is dated only by "five days before": asked as the interval, not as a date.
    recognition = main_pack.fact("yugoslavia-recognises-azerbaijan")
    assert "five days" in recognition.explanation and "31 December 1991" in recognition.explanation
    assert recognition.note is not None and "26 December 1991" in recognition.note
    assert [choice.answer for choice in recognition.choices] == ["Five days"]


@pytest.mark.parametrize(
    "fact_id",
    [
        "serbia-votes-for-un-resolution-62-243",
        "a8-and-m3-contract",
        "azerbaijan-rejects-kosovo-independence",
        "novi-pazar-cultural-centre-reconstruction",
        "nora-b-52-defence-contract",
    ],
)
def test_facts_the_article_does_not_date_carry_no_date(main_pack: Content, fact_id: str) -> None:
    fact = main_pack.fact(fact_id)
    assert isinstance(fact, (Event, Agreement)) and fact.date is None


# --- amounts ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fact_id", "value", "currency", "unit", "qualifier"),
    [
        ("trade-in-2023", "100000000", "USD", None, "exact"),
        ("azerbaijani-exports-to-serbia-in-2023", "69000000", "USD", None, "about"),
        ("serbian-exports-to-azerbaijan-in-2023", "31000000", "USD", None, "exact"),
        ("gas-volume-per-year", "400000000", None, "cubic metres", "exact"),
        ("rumoured-howitzer-purchase", "48", None, "self-propelled howitzers", "rumoured"),
        ("a2-motorway-loan", "300000000", "EUR", None, "exact"),
        ("nora-b-52-defence-contract", "300000000", "USD", None, "over"),
    ],
)
def test_amounts_keep_value_currency_unit_and_qualifier(
    main_pack: Content, fact_id: str, value: str, currency: str | None, unit: str | None, qualifier: str
) -> None:
    fact = main_pack.fact(fact_id)
    amount = fact.amount if isinstance(fact, Figure) else fact.value  # type: ignore[union-attr]
    assert amount is not None
    assert (amount.value, amount.currency, amount.unit, amount.qualifier) == (Decimal(value), currency, unit, qualifier)


def test_gas_volume_is_a_yearly_rate(main_pack: Content) -> None:
    fact = main_pack.fact("gas-volume-per-year")
    assert isinstance(fact, Figure) and fact.amount.per == "year"


def test_trade_figures_add_up_as_the_article_says(main_pack: Content) -> None:
    def value(fact_id: str) -> Decimal:
        fact = main_pack.fact(fact_id)
        assert isinstance(fact, Figure)
        return fact.amount.value

    exports = value("azerbaijani-exports-to-serbia-in-2023") + value("serbian-exports-to-azerbaijan-in-2023")
    assert exports == value("trade-in-2023")


# --- prompts ------------------------------------------------------------------------------


def test_no_prompt_text_is_shared_by_two_facts(bundled_content: Content) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for fact in bundled_content.facts:
        for text in _prompts(fact).values():
            owners[" ".join(text.casefold().split())].add(fact.id)
    shared = {text: ids for text, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_prompts_are_questions_without_template_slots(bundled_content: Content) -> None:
    for fact in bundled_content.facts:
        for angle, text in _prompts(fact).items():
            assert text.endswith("?"), f"{fact.id}:{angle}"
            assert not re.search(r"[{}<>_]|\bNone\b", text), f"{fact.id}:{angle}: {text}"


def test_no_prompt_gives_its_own_answer_away(bundled_content: Content) -> None:
    people = bundled_content.people
    places = bundled_content.places
    for fact in bundled_content.facts:
        prompts = _prompts(fact)
        answers: dict[str, str | None] = {}
        if isinstance(fact, Event):
            answers["who"] = people[fact.actor].name if fact.actor else None
            answers["where"] = places[fact.place].name if fact.place else None
            answers["when"] = str(fact.date) if fact.date else None
        elif isinstance(fact, Person):
            answers["who"] = fact.name
            answers["role"] = fact.role
        elif isinstance(fact, Agreement):
            answers["when"] = str(fact.date) if fact.date else None
        for angle, answer in answers.items():
            if angle in prompts and answer is not None:
                assert answer.casefold() not in prompts[angle].casefold(), f"{fact.id}:{angle}"


def test_plenty_of_facts_have_authored_prompts(bundled_content: Content) -> None:
    unprompted = [fact.id for fact in bundled_content.facts if not _prompts(fact)]
    # Only facts no fair stem exists for (people the article gives no role, a bare status,
    # an angle whose options would give the answer away).
    assert len(unprompted) <= 12, unprompted


def test_every_fact_without_a_prompt_says_why(bundled_content: Content) -> None:
    for fact in bundled_content.facts:
        if _prompts(fact):
            continue
        assert fact.note is not None, fact.id
        assert "No prompt" in fact.note or (isinstance(fact, Person) and "gives no role" in fact.note), fact.id


@pytest.mark.parametrize(
    "question_id",
    [
        # The only option of its kind among unrelated events: the answer shows itself.
        "goods-traded-between-azerbaijan-and-serbia:what",
        "azerbaijan-withdraws-peacekeepers-from-kosovo:what",
        "serbia-votes-for-un-resolution-62-243:what",
        "serbia-backs-azerbaijan-in-conflict-with-armenia:what",
        # The one pair made of the two cities that recur in every other option.
        "novi-pazar-shusha-twinning:parties",
        # Which country a Serbian motorway is in.
        "a2-ljig-preljina-section-completed:where",
        # The only park, or a place of worship beside the other restored the same year.
        "tasmajdan-park-reopened:where",
        "bajrakli-mosque-restoration:where",
        # A threshold ("over $300 million") among other thresholds: asked as a choice instead.
        "nora-b-52-defence-contract:value",
    ],
)
def test_angles_whose_options_would_give_the_answer_away_are_not_asked(bank: list[Question], question_id: str) -> None:
    asked = {question.id for question in bank}
    assert question_id not in asked
    assert question_id.split(":")[0] in {fact.id for fact in load_content().facts}  # the fact itself stays


def test_the_2011_statements_are_told_apart_from_the_2023_talks(main_pack: Content) -> None:
    # "Which of these happened in Belgrade in 2023?" must not offer a 2011 statement that
    # would read as true of the 2023 talks, where both sides backed each other's integrity.
    for fact_id in (
        "azerbaijan-backs-serbian-territorial-integrity",
        "serbia-backs-azerbaijan-in-conflict-with-armenia",
    ):
        what = main_pack.fact(fact_id).what  # type: ignore[union-attr]
        assert "first intergovernmental commission" in what, fact_id


def test_who_stems_do_not_name_an_office_only_the_key_holds(bank: list[Question]) -> None:
    # Jeremić is the only Serbian foreign minister, Bayramov the only Azerbaijani one:
    # a stem naming the office would leave the other options ruled out by office alone.
    prompts = {question.id: question.prompt.casefold() for question in bank}
    assert "foreign minister" not in prompts["jeremic-visits-azerbaijan:who"]
    assert "foreign minister" not in prompts["territorial-integrity-talks-in-belgrade:who"]


def test_explanations_claim_no_more_than_the_article(main_pack: Content) -> None:
    # The article says Azerbaijan's exports "include" oil and gas, not that they are mostly so.
    assert "mostly" not in main_pack.fact("azerbaijani-exports-to-serbia-in-2023").explanation
    # It names the visa agreement, not who may travel: the ratifying law speaks of ordinary passports.
    assert "citizens" not in main_pack.fact("visa-regime-cancelled").explanation
