"""The question bank: every question the content yields, as a pure function of it."""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import replace
from functools import lru_cache

from azrs_quiz.arguments import instance_of, whole_number
from azrs_quiz.facts.content import Content
from azrs_quiz.gcpause import garbage_collection_paused
from azrs_quiz.questions.distractors import choose_options
from azrs_quiz.questions.errors import InvalidOptionCount
from azrs_quiz.questions.index import BankIndex
from azrs_quiz.questions.model import Question
from azrs_quiz.questions.stems import Draft, drafts_for
from azrs_quiz.questions.wording import normalise

#: Options per question: the default, and the range allowed.
DEFAULT_OPTIONS = 4
MIN_OPTIONS, MAX_OPTIONS = 3, 5


def question_bank(content: Content, *, options: int = DEFAULT_OPTIONS) -> list[Question]:
    """Every question the content yields, in content order (facts, then angles).

    The bank depends on nothing but the content: each question's options are drawn
    with a random generator seeded from its id, so the same content gives the same
    bank on every run and machine, and a question id (``"<fact_id>:<angle>"``) never
    depends on other facts. ``options`` (3 to 5) is how many options to offer where
    the content allows; a question never has fewer than three.
    """
    instance_of(content, Content, "content")
    check_option_count(whole_number(options, "options"))
    with garbage_collection_paused():
        return _build(content, options)


def _build(content: Content, options: int) -> list[Question]:
    index = BankIndex(content)
    drafts = [draft for fact in content.iter_facts() for draft in drafts_for(fact, index)]
    citations = {source_id: source.citation() for source_id, source in content.sources.items()}
    questions: list[Question] = []
    for draft in unambiguous(drafts):
        seed = stable_seed(draft.id)
        chosen = choose_options(draft, index, random.Random(seed), size=options, placement=seed)
        if chosen is None:
            continue
        fact = draft.fact
        questions.append(
            Question(
                id=draft.id,
                fact_id=fact.id,
                angle=draft.angle,
                kind=draft.kind,
                topic=fact.topic,
                prompt=draft.prompt,
                options=chosen.texts,
                answer=chosen.answer,
                explanation=fact.explanation,
                sources=tuple(fact.sources),
                citations=tuple(citations[source] for source in fact.sources),
            )
        )
    return questions


def check_option_count(options: int) -> None:
    """Raise :class:`InvalidOptionCount` unless ``options`` is between 3 and 5."""
    if not MIN_OPTIONS <= options <= MAX_OPTIONS:
        raise InvalidOptionCount(f"options must be between {MIN_OPTIONS} and {MAX_OPTIONS} (got {options})")


def stable_seed(question_id: str) -> int:
    """A seed derived from the question id alone: the same in every process and on every machine."""
    return int.from_bytes(hashlib.blake2b(question_id.encode("utf-8"), digest_size=8).digest(), "big")


def unambiguous(drafts: list[Draft]) -> list[Draft]:
    """Drafts whose stems each have one answer across the whole bank.

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
            return [draft for draft in current if draft.id not in clashing]
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
