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
@click.option("--explain", is_flag=True, help="List every fact with the questions it yields, or what it needs.")
def validate(path: Path | None, explain: bool) -> None:
    """Check content and report every problem as FILE:LINE: FIELD: message.

    With no PATH, checks the bundled content. PATH may be one pack (a folder with
    pack.yaml) or a folder of packs. On success prints one line of counts and exits
    0, then names on standard error each fact that yields no question and what it
    would need. Otherwise prints every problem, then their number, on standard
    error and exits 1. --explain lists every fact with the questions it yields.

    \b
    Examples:
      azrs-quiz validate
      azrs-quiz validate my-pack/
      azrs-quiz validate my-pack/ --explain
    """
    from azrs_quiz.authoring import authored_angles, fact_yields
    from azrs_quiz.facts.loader import load_content_located

    content, places = load_content_located(path)
    click.echo(f"OK: {summary(content.counts())}")
    reports = fact_yields(content)
    if explain:
        for report in reports:
            place = places[report.fact.id]
            count = plural(len(report.questions), "question")
            click.echo(f"{place.path}:{place.line}: {place.label}: {report.fact.id}: {count}")
            for question in report.questions:
                click.echo(f"    {question.angle}: {question.prompt}")
            for need in report.needs:
                click.echo(f"    to ask more: {need}" if report.questions else f"    none, since: {need}")
        return
    # A fact with a prompt was meant to be asked; one without may only be referred to (an actor).
    barren = [report for report in reports if not report.questions and authored_angles(report.fact)]
    for report in barren:
        place = places[report.fact.id]
        needs = "; ".join(report.needs)
        click.echo(f"{place.path}:{place.line}: {place.label}: yields no question: {needs}", err=True)
    if barren:
        what = plural(len(barren), "fact yields", "facts yield")
        click.echo(f"{what} no question (azrs-quiz validate --explain lists what each fact yields)", err=True)


def summary(counts: Mapping[str, int]) -> str:
    """One line of counts: "1 pack, 8 facts (3 events, 2 agreements, 1 figure, 2 people), 2 sources, ..."."""
    facts = sum(counts.get(kind, 0) for kind in ("events", "agreements", "figures", "people"))
    fact_kinds = ", ".join(_count(counts.get(kind, 0), kind) for kind in ("events", "agreements", "figures", "people"))
    others = [_count(counts.get(kind, 0), kind) for kind in ("sources", "places", "organisations", "doubts")]
    return ", ".join([_count(counts.get("packs", 0), "packs"), f"{_count(facts, 'facts')} ({fact_kinds})", *others])


def _count(number: int, kind: str) -> str:
    return plural(number, *_NOUNS[kind])
