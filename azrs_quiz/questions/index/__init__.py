"""Lookups built once per bank, so no question ever scans every fact.

Two uses: finding every *true* answer a stem could have (to keep it out of the
options), and finding candidate distractors of the same kind as a key. One small
index per kind of fact (events, dates, people, places, agreements and their
parties, amounts), held together by :class:`BankIndex`; how they bucket and
compare facts is in :mod:`~azrs_quiz.questions.index.keys`.
"""

from __future__ import annotations

from decimal import Decimal

from azrs_quiz.facts.content import Content
from azrs_quiz.questions.index.agreements import AgreementIndex
from azrs_quiz.questions.index.amounts import AmountIndex
from azrs_quiz.questions.index.dates import DateIndex
from azrs_quiz.questions.index.events import EventIndex
from azrs_quiz.questions.index.keys import (
    AmountBucket,
    SortedValues,
    agreement_family,
    amount_bucket,
    compatible,
    role_class,
)
from azrs_quiz.questions.index.people import PeopleIndex
from azrs_quiz.questions.index.places import PlaceIndex
from azrs_quiz.questions.wording import normalise

__all__ = [
    "AgreementIndex",
    "AmountBucket",
    "AmountIndex",
    "BankIndex",
    "DateIndex",
    "EventIndex",
    "PeopleIndex",
    "PlaceIndex",
    "SortedValues",
    "agreement_family",
    "amount_bucket",
    "compatible",
    "role_class",
]


class BankIndex:
    """The lookups one bank needs, each built once from the content.

    Two uses: finding every *true* answer a stem could have (to keep it out of the
    options), and finding candidate distractors of the same kind as a key. Each part
    answers for one kind of fact; ``fold`` is shared so each text is normalised once.
    """

    def __init__(self, content: Content) -> None:
        self.content = content
        self._folded: dict[str, str] = {}
        #: Texts as options show them, made once per bank: a clause, and an amount by (value, bucket, qualifier).
        self.texts: dict[str, str] = {}
        self.amount_texts: dict[tuple[Decimal, AmountBucket, str], str] = {}
        self.events = EventIndex(content, self.fold)
        self.dates = DateIndex(content)
        self.people = PeopleIndex(content, self.fold)
        self.places = PlaceIndex(content)
        self.agreements = AgreementIndex(content, self.fold)
        self.amounts = AmountIndex(content, self.fold)

    def fold(self, text: str) -> str:
        """:func:`~azrs_quiz.questions.wording.normalise`, remembered for the life of this index."""
        folded = self._folded.get(text)
        if folded is None:
            folded = self._folded[text] = normalise(text)
        return folded
