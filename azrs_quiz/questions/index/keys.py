"""How the indexes bucket and compare facts: amount buckets, role head words, agreement families, dates that may coincide."""

from __future__ import annotations

import bisect
from collections.abc import Hashable
from dataclasses import dataclass, field
from decimal import Decimal

from azrs_quiz.facts.dates import PartialDate
from azrs_quiz.facts.models import Amount
from azrs_quiz.questions.wording import normalise

#: Groups amounts that may stand in for each other: (currency, unit, per).
AmountBucket = tuple[str | None, str | None, str | None]


def amount_bucket(amount: Amount) -> AmountBucket:
    """The bucket of an amount: same currency or unit, same rate period."""
    return (amount.currency, normalise(amount.unit) if amount.unit else None, amount.per)


def role_class(role: str) -> str:
    """The head word of a role: "Foreign Minister of Azerbaijan" -> "minister"."""
    head = normalise(role).split(" of ")[0].split(" to ")[0].split(",")[0]
    words = head.split()
    return words[-1] if words else ""


#: Kinds of agreement that may stand in for each other as options: money lent, meetings held, deals made.
_AGREEMENT_FAMILIES = {"loan": "money", "credit-line": "money", "commission": "meeting"}


def agreement_family(kind: str) -> str:
    """The family of an agreement kind: "money" (loans, credit lines), "meeting" (commissions) or "deal"."""
    return _AGREEMENT_FAMILIES.get(kind, "deal")


def compatible(first: PartialDate, second: PartialDate) -> bool:
    """True when the two dates may be the same day, each at its own precision."""
    return (
        first.year == second.year
        and (first.month is None or second.month is None or first.month == second.month)
        and (first.day is None or second.day is None or first.day == second.day)
    )


@dataclass
class SortedValues:
    """Distinct values kept in order, for "nearest first" searches either side of a key."""

    keys: list[tuple[int, int, int] | Decimal] = field(default_factory=list)
    values: list[Hashable] = field(default_factory=list)

    def nearest(self, key: tuple[int, int, int] | Decimal, limit: int) -> tuple[list[Hashable], list[Hashable]]:
        """Up to ``limit`` values below the key and above it, nearest first."""
        low = bisect.bisect_left(self.keys, key)  # type: ignore[arg-type,unused-ignore]
        high = bisect.bisect_right(self.keys, key)  # type: ignore[arg-type,unused-ignore]
        return self.values[max(0, low - limit) : low][::-1], self.values[high : high + limit]
