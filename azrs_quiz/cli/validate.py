"""``azrs-quiz validate``: check content the way an author needs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import click

from azrs_quiz.text import plural

# Singular and plural of each kind the summary counts, in the order it lists them.
_NOUNS: dict[str, tuple[str, str]] = {
    "packs": ("pack", "packs"),
    "facts": ("fact", "facts"),
    "events": ("event", "events"),
    "agreements": ("agreement", "agreements"),
    "figures": ("figure", "figures"),
    "people": ("person", "people"),
    "sources": ("source", "sources"),
    "places": ("place", "places"),
    "organisations": ("organisation", "organisations"),
    "doubts": ("doubt", "doubts"),
}


@click.command()
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate(path: Path | None) -> None:
    """Check content and report every problem as FILE:LINE: FIELD: message.

    With no PATH, checks the bundled content. PATH may be one pack (a folder with
    pack.yaml) or a folder of packs. On success prints one line of counts and exits
    0; otherwise prints every problem, then their number, on standard error and
    exits 1.

    \b
    Examples:
      azrs-quiz validate
      azrs-quiz validate my-pack/
    """
    from azrs_quiz.facts.loader import load_content

    counts = load_content(path).counts()
    click.echo(f"OK: {summary(counts)}")


def summary(counts: Mapping[str, int]) -> str:
    """One line of counts: "1 pack, 8 facts (3 events, 2 agreements, 1 figure, 2 people), 2 sources, ..."."""
    facts = sum(counts.get(kind, 0) for kind in ("events", "agreements", "figures", "people"))
    fact_kinds = ", ".join(_count(counts.get(kind, 0), kind) for kind in ("events", "agreements", "figures", "people"))
    others = [_count(counts.get(kind, 0), kind) for kind in ("sources", "places", "organisations", "doubts")]
    return ", ".join([_count(counts.get("packs", 0), "packs"), f"{_count(facts, 'facts')} ({fact_kinds})", *others])


def _count(number: int, kind: str) -> str:
    return plural(number, *_NOUNS[kind])
