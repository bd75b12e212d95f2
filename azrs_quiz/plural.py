"""Counting things in English: "1 answer", "3 answers", "2 people"."""

from __future__ import annotations


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """``count`` followed by ``noun``, in its plural (``noun + "s"`` unless given) when count is not 1."""
    if count == 1:
        return f"{count} {noun}"
    return f"{count} {plural_noun if plural_noun is not None else noun + 's'}"
