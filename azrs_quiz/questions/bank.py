"""The question bank: every question the content yields, as a pure function of it."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache, partial

from azrs_quiz.arguments import instance_of, whole_number
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import Fact, Figure, Topic
from azrs_quiz.frozen import quick_init
from azrs_quiz.gcpause import garbage_collection_paused
from azrs_quiz.parts import parts_started
from azrs_quiz.questions.distractors import Shortfall, choose_options
from azrs_quiz.questions.errors import InvalidOptionCount
from azrs_quiz.questions.index import BankIndex
from azrs_quiz.questions.model import Question
from azrs_quiz.questions.stems import Draft, drafts_for
from azrs_quiz.questions.wording import normalise

#: Options per question: the default, and the range allowed.
DEFAULT_OPTIONS = 4
MIN_OPTIONS, MAX_OPTIONS = 3, 5


#: At most this many questions ask about one fact: more would only ask it again in other words.
MAX_PER_FACT = 2

#: The topic of a question, by what its answer is (facts of the "related" topic keep theirs).
_TOPIC_OF_ANSWER: dict[str, Topic] = {
    "date": "dates",
    "person": "people",
    "office": "people",
    "place": "places",
    "event": "events",
    "agreement": "agreements",
    "amount": "agreements",
    "party": "agreements",
    "organisation": "agreements",
}


@quick_init
@dataclass(frozen=True)
class Unasked:
    """A question a fact could have asked but does not, and why."""

    fact_id: str
    angle: str
    #: True when the content wrote this question's stem (an authored prompt or a choice).
    authored: bool
    reason: str


@dataclass(frozen=True)
class BankReport:
    """The bank and every question left out of it, with the reason."""

    questions: tuple[Question, ...]
    unasked: tuple[Unasked, ...]


def question_bank(content: Content, *, options: int = DEFAULT_OPTIONS) -> list[Question]:
    """Every question the content yields, in content order (facts, then angles).

    The bank depends on nothing but the content: each question's options are drawn
    with a random generator seeded from its id, so the same content gives the same
    bank on every run and machine, and a question id (``"<fact_id>:<angle>"``) never
    depends on other facts. ``options`` (3 to 5) is how many options to offer where
    the content allows; a question never has fewer than three.
    """
    return list(bank_report(content, options=options).questions)


def bank_report(content: Content, *, options: int = DEFAULT_OPTIONS) -> BankReport:
    """The bank, and each question left out of it with the reason (see :func:`question_bank`)."""
    instance_of(content, Content, "content")
    check_option_count(whole_number(options, "options"))
    with garbage_collection_paused():
        return _build(content, options)


def topic_of(fact: Fact, answer: str) -> Topic:
    """A question's topic: what its answer is (a date, a person, a place...), or "related".

    An amount is an agreement's value, except where the fact is a figure the source gives
    (trade, exports, a rumoured purchase): that is a figure, not an agreement.
    """
    if fact.topic == "related":
        return "related"
    if answer == "amount" and isinstance(fact, Figure):
        return "figures"
    return _TOPIC_OF_ANSWER.get(answer, fact.topic)


def _build(content: Content, options: int) -> BankReport:
    index = BankIndex(content)
    drafts = [draft for fact in content.iter_facts() for draft in drafts_for(fact, index)]
    citations = {source_id: source.citation() for source_id, source in content.sources.items()}
    questions: list[Question] = []
    unasked: list[Unasked] = []
    # Authored questions first, so a template never takes the place of a question the author wrote.
    by_authored = sorted(drafts, key=lambda draft: not draft.authored)
    likely = _first_per_fact(by_authored)
    # Choosing options is most of the work; it runs in parts while the stems are checked here.
    with parts_started(partial(_chosen_options, index=index, size=options), likely) as parts:
        kept, clashes = unambiguous(drafts)
        chosen_for = dict(zip((draft.id for draft in likely), parts.results(), strict=True))
    for draft in clashes:
        reason = "shares its prompt with another question that has another answer"
        unasked.append(Unasked(draft.fact.id, draft.angle, draft.authored, reason))
    asked_per_fact: dict[str, int] = defaultdict(int)
    for draft in sorted(kept, key=lambda draft: not draft.authored):
        fact = draft.fact
        if asked_per_fact[fact.id] >= MAX_PER_FACT:
            reason = (
                f"would be question {MAX_PER_FACT + 1} on its fact; at most {MAX_PER_FACT} are asked"
                " (more would ask it again in other words)"
            )
            unasked.append(Unasked(fact.id, draft.angle, draft.authored, reason))
            continue
        chosen = chosen_for[draft.id] if draft.id in chosen_for else _chosen_options([draft], index, options)[0]
        if isinstance(chosen, str):
            unasked.append(Unasked(fact.id, draft.angle, draft.authored, chosen))
            continue
        texts, answer = chosen
        asked_per_fact[fact.id] += 1
        questions.append(
            Question(
                id=draft.id,
                fact_id=fact.id,
                angle=draft.angle,
                kind=draft.kind,
                topic=topic_of(fact, draft.answer_kind),
                prompt=draft.prompt,
                options=texts,
                answer=answer,
                explanation=fact.explanation,
                sources=tuple(fact.sources),
                citations=tuple(citations[source] for source in fact.sources),
                theme=fact.theme,
                answer_kind=draft.answer_kind,
            )
        )
    # Back to content order: facts in order, each fact's angles in order.
    order = {draft.id: position for position, draft in enumerate(drafts)}
    questions.sort(key=lambda question: order[question.id])
    return BankReport(tuple(questions), tuple(unasked))


def _first_per_fact(drafts: list[Draft]) -> list[Draft]:
    """Each fact's first :data:`MAX_PER_FACT` drafts: the ones nearly always asked.

    A later draft of a fact is asked only where an earlier one clashes or falls short;
    :func:`_build` chooses its options when that happens.
    """
    per_fact: dict[str, int] = defaultdict(int)
    first: list[Draft] = []
    for draft in drafts:
        if per_fact[draft.fact.id] < MAX_PER_FACT:
            per_fact[draft.fact.id] += 1
            first.append(draft)
    return first


def _chosen_options(drafts: Sequence[Draft], index: BankIndex, size: int) -> list[tuple[tuple[str, ...], int] | str]:
    """Each draft's options and answer, or the reason it has none (see :func:`choose_options`).

    Plain tuples and strings, not :class:`Options`, so that a forked part sends its
    results back at a tenth of the cost.
    """
    chosen: list[tuple[tuple[str, ...], int] | str] = []
    for draft in drafts:
        seed = stable_seed(draft.id)
        options = choose_options(draft, index, seed, size=size, placement=seed)
        chosen.append(options.reason if isinstance(options, Shortfall) else (options.texts, options.answer))
    return chosen


def check_option_count(options: int) -> None:
    """Raise :class:`InvalidOptionCount` unless ``options`` is between 3 and 5."""
    if not MIN_OPTIONS <= options <= MAX_OPTIONS:
        raise InvalidOptionCount(f"options must be between {MIN_OPTIONS} and {MAX_OPTIONS} (got {options})")


def stable_seed(question_id: str) -> int:
    """A seed derived from the question id alone: the same in every process and on every machine."""
    return int.from_bytes(hashlib.blake2b(question_id.encode("utf-8"), digest_size=8).digest(), "big")


def unambiguous(drafts: list[Draft]) -> tuple[list[Draft], list[Draft]]:
    """Drafts whose stems each have one answer across the whole bank, and those dropped for it.

    Two questions with one prompt and different answers would make the prompt
    ambiguous. An authored stem wins over a template; a clashing template falls
    back on a narrower stem ("Which of these happened in Belgrade in 2011?") or is
    dropped; authored stems that clash with each other are all dropped.
    """
    current = list(drafts)
    folded = lru_cache(maxsize=None)(normalise)
    while True:
        clashing = _clashing(current, folded)
        if not any(draft.fallbacks for draft in current if draft.id in clashing):
            kept = [draft for draft in current if draft.id not in clashing]
            kept_ids = {draft.id for draft in kept}
            return kept, [draft for draft in drafts if draft.id not in kept_ids]
        current = [
            replace(draft, prompt=draft.fallbacks[0], fallbacks=draft.fallbacks[1:]) if draft.id in clashing else draft
            for draft in current
            if draft.id not in clashing or draft.fallbacks
        ]


def _clashing(drafts: list[Draft], folded: Callable[[str], str]) -> set[str]:
    """Ids of drafts that must give way: they share a prompt with a draft of another answer."""
    groups: dict[str, list[Draft]] = defaultdict(list)
    for draft in drafts:
        groups[folded(draft.prompt)].append(draft)
    clashing: set[str] = set()
    for group in groups.values():
        if len(group) < 2 or len({_answer(draft) for draft in group}) == 1:
            continue
        authored = [draft for draft in group if draft.authored]
        keep = {draft.id for draft in authored} if len({_answer(draft) for draft in authored}) == 1 else set()
        clashing.update(draft.id for draft in group if draft.id not in keep)
    return clashing


def _answer(draft: Draft) -> Hashable:
    return (draft.domain.name, draft.key_form)
