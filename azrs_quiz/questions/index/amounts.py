"""Figures by what they measure, and every amount by bucket."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from decimal import Decimal

from azrs_quiz.facts.content import Content
from azrs_quiz.facts.models import Figure
from azrs_quiz.questions.index.keys import AmountBucket, SortedValues, amount_bucket


class AmountIndex:
    """Figures by what they measure, and every distinct amount by bucket (currency, unit, per), in order."""

    def __init__(self, content: Content, fold: Callable[[str], str]) -> None:
        self._fold = fold
        self._figures_by_what: dict[str, list[Figure]] = defaultdict(list)
        amounts: dict[AmountBucket, set[Decimal]] = defaultdict(set)
        # Agreements first: of two equal amounts written differently (300, 300.0), the first seen is kept.
        for agreement in content.agreements.values():
            if agreement.value is not None:
                amounts[amount_bucket(agreement.value)].add(agreement.value.value)
        for figure in content.figures.values():
            self._figures_by_what[fold(figure.what)].append(figure)
            amounts[amount_bucket(figure.amount)].add(figure.amount.value)
        self._by_bucket: dict[AmountBucket, SortedValues] = {}
        for bucket, numbers in amounts.items():
            ordered = sorted(numbers)
            self._by_bucket[bucket] = SortedValues(list(ordered), list(ordered))

    def figures_about(self, what: str) -> Sequence[Figure]:
        """Every figure told in the same words as ``what`` (compared folded), in content order."""
        return self._figures_by_what.get(self._fold(what), ())

    def nearest_amounts(
        self, bucket: AmountBucket, value: Decimal, limit: int
    ) -> tuple[list[Hashable], list[Hashable]]:
        """Up to ``limit`` amounts of ``bucket`` below ``value`` and above it, nearest first."""
        pool = self._by_bucket.get(bucket)
        if pool is None:
            return [], []
        return pool.nearest(value, limit)
