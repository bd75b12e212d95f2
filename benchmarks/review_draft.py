"""Draft review entries for questions a pack's ``review.yaml`` does not cover yet.

``python benchmarks/review_draft.py content/azerbaijan-serbia`` prints, for every
question of the pack missing from its review file, an entry to paste under
``questions:``: the id, the key, and for each wrong option a first "why" drawn from
the content (another fact that option belongs to, or the key the source gives). The
reviewer then checks each "why" against the article, sets ``statement`` to the number
of the statement the question asks, and the verdict. Entries already in the file are
left alone; ``tests/engine/test_review_files.py`` fails until every question has one.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.loader import load_content
from azrs_quiz.facts.models import Agreement, Amount, Event, Figure, Person
from azrs_quiz.questions import Question, question_bank
from azrs_quiz.questions.wording import amount_text, capitalise

REVIEW_FILE = "review.yaml"


def review_entries(path: Path) -> dict[str, Any]:
    """The entries of a pack's review file by question id (none when there is no file)."""
    review = path / REVIEW_FILE
    if not review.exists():
        return {}
    data = yaml.safe_load(review.read_text(encoding="utf-8")) or {}
    return {entry["id"]: entry for entry in data.get("questions", [])}


def draft_entry(question: Question, content: Content) -> dict[str, Any]:
    """A first review entry for ``question``: its key and a "why" for each wrong option."""
    fact = content.fact(question.fact_id)
    authored = {option.text: option.why for choice in fact.choices for option in choice.wrong}
    wrong = [
        {"option": option, "why": authored.get(option) or why_wrong(option, question, content)}
        for position, option in enumerate(question.options)
        if position != question.answer
    ]
    return {
        "id": question.id,
        "statement": None,
        "key": question.correct_option,
        "wrong": wrong,
        "verdict": "unreviewed",
    }


def why_wrong(option: str, question: Question, content: Content) -> str:
    """Why the source rules ``option`` out, in its terms: what the option belongs to instead."""
    key = question.correct_option
    owners = list(_owners(option, question.answer_kind, content))
    if owners:
        return f"{owners[0].rstrip('.')}; for this the source gives {key}."
    return f"The source gives {key}, not {option}."


def _owners(option: str, kind: str, content: Content) -> Iterator[str]:
    """Sentences naming what else in the content ``option`` is the answer to."""
    for fact in content.iter_facts():
        if kind == "date" and isinstance(fact, (Event, Agreement, Figure)) and fact.date is not None:
            if str(fact.date) == option:
                yield (
                    f"{option} is when {_what(fact)}"
                    if isinstance(fact, Event)
                    else f"{option} is the date of {_what(fact)}"
                )
        elif kind == "person" and isinstance(fact, Person) and fact.name == option:
            yield (
                f"{option} was {fact.role} in the source"
                if fact.role and fact.role[0].isupper()
                else (f"{option} is named in the source for something else: {fact.explanation}")
            )
        elif kind == "office" and isinstance(fact, Person) and fact.role == option:
            yield f"{option} was {fact.name}'s office in the source"
        elif kind == "place" and isinstance(fact, Event) and fact.place is not None:
            if content.places[fact.place].name == option:
                yield f"{option} is where {_what(fact)}"
        elif (
            kind == "agreement"
            and isinstance(fact, Agreement)
            and fact.what.rstrip(".").casefold() == option.casefold()
        ):
            when = f" ({fact.date})" if fact.date is not None else ""
            yield f"{option} is what another agreement{when} covered"
        elif kind == "amount" and isinstance(fact, (Figure, Agreement)):
            amount = fact.amount if isinstance(fact, Figure) else fact.value
            if amount is not None and _amount(amount) == option:
                yield f"{option} is {_what(fact)}"


def _amount(amount: Amount) -> str:
    text = amount_text(
        amount.value, currency=amount.currency, unit=amount.unit, per=amount.per, qualifier=amount.qualifier
    )
    return capitalise(text)


def _what(fact: Event | Agreement | Figure) -> str:
    return fact.what.rstrip(".")


def main(argv: list[str]) -> None:
    """Print draft entries for the questions of the pack at ``argv[0]`` its review file lacks."""
    path = Path(argv[0])
    content = load_content(path)
    known = review_entries(path)
    missing = [draft_entry(question, content) for question in question_bank(content) if question.id not in known]
    print(yaml.safe_dump(missing, allow_unicode=True, sort_keys=False, width=100), end="")


if __name__ == "__main__":
    main(sys.argv[1:])
