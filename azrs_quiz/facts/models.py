"""The content model: sources, entities and the facts quizzes are made from.

Every model is frozen and forbids unknown keys, so a typo in a content file is an
error rather than a silently ignored field. References between records are plain
ids here; :mod:`azrs_quiz.facts.loader` checks that each one resolves.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal, TypeAlias

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from azrs_quiz.facts.dates import DATE_JSON_SCHEMA, PartialDate
from azrs_quiz.facts.topics import THEMES as THEMES

# Re-exported: the topics live apart so that a cached quiz needs no pydantic.
from azrs_quiz.facts.topics import TOPICS as TOPICS
from azrs_quiz.facts.topics import Theme as Theme
from azrs_quiz.facts.topics import Topic as Topic

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"
URL_PATTERN = r"^https?://\S+$"

#: What each pattern means, for error messages an author can act on.
PATTERN_HINTS: dict[str, str] = {
    SLUG_PATTERN: "must be an id of lower-case letters and digits joined by single hyphens, like 'embassy-opened'",
    CURRENCY_PATTERN: "must be a three-letter ISO 4217 currency code in capitals, like 'EUR' or 'USD'",
    LANGUAGE_PATTERN: "must be a language tag, like 'en' or 'sr-Latn'",
    URL_PATTERN: "must be a web address starting with http:// or https://, without spaces",
}

#: A stable, human-readable identifier: lower-case words joined by hyphens.
Slug = Annotated[str, Field(pattern=SLUG_PATTERN, min_length=1, max_length=120)]
Date = Annotated[PartialDate, WithJsonSchema(DATE_JSON_SCHEMA)]
#: Text that must not be empty (surrounding whitespace is stripped first).
Text = Annotated[str, Field(min_length=1)]
Url = Annotated[str, Field(pattern=URL_PATTERN)]

#: Amounts are below a thousand trillion and have at most six decimal places, so that
#: every amount validation accepts can be worded as an option of a sane length.
AMOUNT_LIMIT = Decimal(10) ** 15
AMOUNT_DECIMAL_PLACES = 6

_AMOUNT_JSON_SCHEMA: dict[str, Any] = {
    "description": "A positive number below 10^15 with at most 6 decimal places: 300000000, 1.5, or as text '1.5'.",
    "anyOf": [
        {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10**15},
        {"type": "string", "pattern": r"^\d{1,15}(\.\d{1,6})?$"},
    ],
}


def _bounded_amount(value: Decimal) -> Decimal:
    if value >= AMOUNT_LIMIT:
        raise ValueError("must be less than 1,000,000,000,000,000 (a thousand trillion)")
    # Counted on the digits: normalize() would round a tiny value such as 1e-999999999 to 0.
    _, digits, exponent = value.as_tuple()
    if isinstance(exponent, int) and exponent < -AMOUNT_DECIMAL_PLACES:  # else no zeros need counting
        trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
        if exponent + trailing_zeros < -AMOUNT_DECIMAL_PLACES:
            raise ValueError(f"must have at most {AMOUNT_DECIMAL_PLACES} decimal places")
    return value


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class PackMeta(_Record):
    """Metadata of a content pack (its ``pack.yaml``)."""

    id: Slug
    title: Text
    language: Annotated[str, Field(pattern=LANGUAGE_PATTERN)] = "en"
    licence: Text
    attribution: Text = Field(description="Credit to show wherever the content is shown.")
    source_url: Url | None = None
    description: Text | None = None


class Source(_Record):
    """A work a fact is taken from; ``number`` is the article's reference number."""

    id: Slug
    number: int | None = Field(default=None, ge=1, le=999_999, strict=True)
    author: Text | None = None
    title: Text
    publisher: Text | None = None
    date: Date | None = None
    retrieved: Date | None = None
    url: Url | None = None
    language: Text | None = None
    pages: Text | None = None
    note: Text | None = Field(default=None, description="A doubt or clarification about this source.")

    def citation(self) -> str:
        """A one-line human citation: "[13] Vuk Vuksanovic, 'An Unlikely...', RUSI, 19 August 2020"."""
        parts = [part for part in (self.author, f"\u201c{self.title}\u201d", self.publisher) if part]
        if self.date is not None:
            parts.append(str(self.date))
        prefix = f"[{self.number}] " if self.number is not None else ""
        return prefix + ", ".join(parts)


PlaceKind = Literal["country", "city", "region", "site"]


class Place(_Record):
    """A country, city, region or site (a park, a church, a university...)."""

    id: Slug
    name: Text
    kind: PlaceKind
    country: Slug | None = Field(default=None, description="Id of the country the place lies in.")
    category: Slug | None = Field(
        default=None,
        description=(
            "What sort of place it is within its kind ('place-of-worship', 'park', 'capital'): a place"
            " is offered as a wrong option only among places of the same kind, country and category."
        ),
    )


OrganisationKind = Literal["company", "institution", "military-unit", "international-organisation", "government"]


class Organisation(_Record):
    """A company, institution, military unit or international organisation."""

    id: Slug
    name: Text
    kind: OrganisationKind
    country: Slug | None = None


AnswerKind = Literal["date", "person", "office", "place", "event", "agreement", "amount", "party", "organisation"]


class WrongOption(_Record):
    """A wrong option written by the author, with why the source rules it out."""

    text: Text
    why: Text = Field(description="Why the source makes this option wrong, for the review file.")


class Choice(_Record):
    """A question written in full: its stem, its answer and two to four wrong options.

    For what no template can ask fairly: a vote, a withdrawal, what a country exports,
    which organisations a country belongs to. Every wrong option must be false under the
    source, and of the same kind as the answer.
    """

    angle: Slug = Field(description="Names the question: its id is '<fact id>:<angle>'.")
    prompt: Text
    answer: Text
    answer_kind: AnswerKind = Field(description="What the answer is; the question's topic follows it.")
    wrong: Annotated[list[WrongOption], Field(min_length=2, max_length=4)]

    @model_validator(mode="after")
    def _options_differ(self) -> Choice:
        texts = [" ".join(text.casefold().split()) for text in (self.answer, *(option.text for option in self.wrong))]
        if len(set(texts)) != len(texts):
            raise ValueError("the answer and the wrong options must all differ")
        return self


class _Fact(_Record):
    """What every fact shares: an id, a topic, its sources and a sentence of context."""

    id: Slug
    topic: Topic
    sources: Annotated[list[Slug], Field(min_length=1)]
    explanation: Text = Field(description="One or two sentences of context shown after the answer.")
    note: Text | None = Field(default=None, description="A recorded doubt or clarification; never asked.")
    theme: Theme | None = Field(default=None, description="The subject area: politics, economy, culture...")
    choices: list[Choice] = Field(default_factory=list, description="Questions written in full, options and all.")
    earliest: Date | None = Field(
        default=None,
        description=(
            "No date option may lie before this: before it one of the parties did not exist as a"
            " state (say which in 'note')."
        ),
    )

    #: Each prompt angle and the field that answers it: a prompt without its answer is an error.
    prompt_answers: ClassVar[tuple[tuple[str, str], ...]] = ()

    @model_validator(mode="wrap")
    @classmethod
    def _prompts_have_answers(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> _Fact:
        problem = _missing_answers(data, *cls.prompt_answers)
        return _also_when_invalid(cls, data, handler, problem)  # type: ignore[return-value]


_SKIP = (
    "Angles never to ask about this fact, although it has their answer (a template would"
    " teach nothing); say why in 'note'."
)


class EventPrompts(_Record):
    """Authored question stems for an event, one per angle."""

    when: Text | None = Field(default=None, description="Asks for the date, e.g. 'When did ... ?'")
    what: Text | None = Field(default=None, description="Asks what happened at the event's date.")
    who: Text | None = Field(default=None, description="Asks for the actor.")
    where: Text | None = Field(default=None, description="Asks for the place.")


class Event(_Fact):
    """A dated happening: a battle, a visit, an opening, a recognition, a vote, a statement."""

    date: Date | None = None
    what: Text = Field(description="What happened, as a short clause usable as an answer option.")
    people: list[Slug] = Field(default_factory=list)
    actor: Slug | None = Field(default=None, description="The one person a 'who' question asks for.")
    place: Slug | None = None
    organisations: list[Slug] = Field(default_factory=list)
    prompts: EventPrompts = EventPrompts()
    skip: list[Literal["when", "what", "who", "where"]] = Field(default_factory=list, description=_SKIP)

    prompt_answers: ClassVar[tuple[tuple[str, str], ...]] = (("who", "actor"), ("where", "place"), ("when", "date"))


class PersonPrompts(_Record):
    """Authored question stems for a person."""

    role: Text | None = Field(default=None, description="Asks for the person's role.")
    who: Text | None = Field(default=None, description="Asks which person held the role or did the deed.")


class Person(_Fact):
    """A person named in the source, with the role the source gives them at the time."""

    topic: Topic = "people"
    name: Text
    role: Text | None = Field(default=None, description="Role at the time, as the source gives it.")
    country: Slug | None = Field(default=None, description="Id of the country the person (or office) belongs to.")
    category: Slug | None = Field(
        default=None,
        description=(
            "What sort of person: 'official' (a wrong option only among officials of the same"
            " country), 'honoured' (someone a monument honours)..."
        ),
    )
    prompts: PersonPrompts = PersonPrompts()
    skip: list[Literal["role", "who"]] = Field(default_factory=list, description=_SKIP)

    prompt_answers: ClassVar[tuple[tuple[str, str], ...]] = (("role", "role"),)


class Amount(_Record):
    """A quantity: money (``currency``) or a counted or measured thing (``unit``)."""

    value: Annotated[Decimal, AfterValidator(_bounded_amount), WithJsonSchema(_AMOUNT_JSON_SCHEMA)] = Field(gt=0)
    currency: Annotated[str, Field(pattern=CURRENCY_PATTERN)] | None = None
    unit: Text | None = Field(default=None, description="What is counted, plural: 'cubic metres'.")
    per: Text | None = Field(default=None, description="A rate's period: 'year'.")
    qualifier: Literal["exact", "about", "over", "rumoured"] = "exact"

    @model_validator(mode="wrap")
    @classmethod
    def _money_or_unit(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Amount:
        problem = None
        if isinstance(data, dict) and (data.get("currency") is None) == (data.get("unit") is None):
            problem = "give exactly one of 'currency' (money) or 'unit' (anything else)"
        return _also_when_invalid(cls, data, handler, problem)  # type: ignore[return-value]


AgreementKind = Literal["treaty", "agreement", "contract", "loan", "credit-line", "deal", "memorandum", "commission"]


class AgreementPrompts(_Record):
    """Authored question stems for an agreement."""

    what: Text | None = Field(default=None, description="Asks what the agreement covered.")
    when: Text | None = Field(default=None, description="Asks when it was made.")
    parties: Text | None = Field(default=None, description="Asks between whom.")
    value: Text | None = Field(default=None, description="Asks how much it was worth.")


class Agreement(_Fact):
    """A treaty, contract, loan, deal, memorandum or commission."""

    kind: AgreementKind
    what: Text = Field(description="What it covered, as a short phrase usable as an answer option.")
    date: Date | None = None
    parties: list[Slug] = Field(default_factory=list, description="Places or organisations bound by it.")
    people: list[Slug] = Field(default_factory=list)
    value: Amount | None = None
    prompts: AgreementPrompts = AgreementPrompts()
    skip: list[Literal["what", "when", "parties", "value"]] = Field(default_factory=list, description=_SKIP)

    prompt_answers: ClassVar[tuple[tuple[str, str], ...]] = (
        ("when", "date"),
        ("value", "value"),
        ("parties", "parties"),
    )


class FigurePrompts(_Record):
    """Authored question stem for a figure."""

    amount: Text | None = Field(default=None, description="Asks for the amount.")


class Figure(_Fact):
    """A number the source gives: trade, exports, volumes, values, counts."""

    what: Text = Field(description="What was measured, as a noun phrase.")
    amount: Amount
    date: Date | None = None
    prompts: FigurePrompts = FigurePrompts()
    skip: list[Literal["amount"]] = Field(default_factory=list, description=_SKIP)


class Doubt(_Record):
    """Something the source says that we could not turn into a fact, and why."""

    id: Slug
    text: Text
    sources: Annotated[list[Slug], Field(min_length=1)]


Fact: TypeAlias = Event | Person | Agreement | Figure


def fact_kind(fact: Fact) -> str:
    """The kind of a fact, as questions and deck tags name it: event, person, agreement or figure."""
    return type(fact).__name__.lower()


#: The sections a content file may hold, and the model of each entry.
SECTIONS: dict[str, type[_Record]] = {
    "sources": Source,
    "places": Place,
    "organisations": Organisation,
    "people": Person,
    "events": Event,
    "agreements": Agreement,
    "figures": Figure,
    "doubts": Doubt,
}


def _missing_answers(data: Any, *needs: tuple[str, str]) -> str | None:
    """Prompts (``prompts.<angle>``) given without the field that answers them, all named at once.

    Read from the record as written, so the rule is checked even when other fields are wrong.
    """
    if not isinstance(data, dict):
        return None
    prompts = data.get("prompts")
    if not isinstance(prompts, dict):  # no prompts (most facts), or wrong ones: a field error, not this rule
        return None
    missing = []
    for angle, field in needs:
        if prompts.get(angle) is None:
            continue
        answer = data.get(field)
        if field == "parties":
            if not isinstance(answer, list) or len(answer) < 2:
                missing.append(f"prompts.{angle} is given but there are fewer than two 'parties'")
        elif answer is None:
            missing.append(f"prompts.{angle} is given but '{field}' is missing")
    return "; ".join(missing) or None


def _also_when_invalid(
    model: type[BaseModel], data: Any, handler: ValidatorFunctionWrapHandler, problem: str | None
) -> BaseModel:
    """Validate ``data``, reporting ``problem`` (a rule across fields) along with any field errors.

    An "after" validator runs only once every field is valid, so an author would learn of a
    broken rule only after fixing the rest; this reports everything in one pass.
    """
    if problem is None:
        return handler(data)  # type: ignore[no-any-return]
    rule = InitErrorDetails(
        type=PydanticCustomError("value_error", "Value error, {problem}", {"problem": problem}), loc=(), input=data
    )
    try:
        handler(data)
    except ValidationError as error:
        details = [
            InitErrorDetails(type=detail["type"], loc=detail["loc"], input=detail["input"], ctx=detail.get("ctx", {}))
            for detail in error.errors()
        ]
        raise ValidationError.from_exception_data(model.__name__, [*details, rule]) from None
    raise ValidationError.from_exception_data(model.__name__, [rule])
