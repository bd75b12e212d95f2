"""``azrs-quiz validate``: check content the way an author needs."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import click

from azrs_quiz.cli.options import content_option
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
@content_option
@click.option("--explain", is_flag=True, help="List every fact with the questions it yields, or what it needs.")
@click.option(
    "--allow-unasked",
    is_flag=True,
    help="Report prompts and facts that yield no question as warnings instead of errors.",
)
@click.pass_context
def validate(
    context: click.Context, path: Path | None, content_path: Path | None, explain: bool, allow_unasked: bool
) -> None:
    """Check content and report every problem as FILE:LINE: FIELD: message.

    With no PATH (or --content, as quiz and review take it), checks the bundled
    content, or the pack AZRS_QUIZ_CONTENT names. PATH may be one pack (a folder with
    pack.yaml) or a folder of packs. A prompt or a choice that yields no question, and
    a fact that yields none, are problems saying why (warnings with --allow-unasked,
    or for a fact with a 'skip:' list). On success prints one line of counts and exits
    0; otherwise prints every problem, then their number, on standard error and exits
    1. --explain lists every fact with the questions it yields.

    \b
    Examples:
      azrs-quiz validate
      azrs-quiz validate my-pack/
      azrs-quiz validate --content my-pack/
      azrs-quiz validate my-pack/ --explain
      azrs-quiz validate my-pack/ --allow-unasked
    """
    from azrs_quiz.cli.options import echo_wrapped, load_content_for_cli
    from azrs_quiz.errors import ContentError

    # Loaded before the engine is imported: its files are parsed meanwhile (see load_content_for_cli).
    content = load_content_for_cli(_pack_to_check(context, path, content_path))
    from azrs_quiz.authoring import explain_facts
    from azrs_quiz.questions.bank import bank_report
    from azrs_quiz.questions.yields import unasked_problems

    report = bank_report(content)
    errors, warnings = unasked_problems(content, allow_unasked=allow_unasked, report=report)
    if errors:
        raise ContentError(errors)
    echo_wrapped(f"OK: {summary(content.counts())}")
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if not explain:
        return
    for fact_report in explain_facts(content, report):
        # A line costs a second look at its file, taken only here: a plain validate never pays for it.
        origin = content.origins[fact_report.fact.id]
        count = plural(len(fact_report.questions), "question")
        echo_wrapped(f"{origin.path}:{origin.line_of(())}: {origin.label}: {fact_report.fact.id}: {count}")
        for question in fact_report.questions:
            echo_wrapped(f"{question.angle}: {question.prompt}", indent="    ")
        if fact_report.yielded.answered_in:
            echo_wrapped(f"asked as the answer of: {', '.join(fact_report.yielded.answered_in)}", indent="    ")
        for unasked in fact_report.yielded.unasked:
            echo_wrapped(f"not asked: {unasked.angle}: {unasked.reason}", indent="    ")
        for need in fact_report.needs:
            echo_wrapped(f"to ask more: {need}", indent="    ")


def summary(counts: Mapping[str, int]) -> str:
    """One line of counts: "1 pack, 8 facts (3 events, 2 agreements, 1 figure, 2 people), 2 sources, ..."."""
    facts = sum(counts.get(kind, 0) for kind in ("events", "agreements", "figures", "people"))
    fact_kinds = ", ".join(_count(counts.get(kind, 0), kind) for kind in ("events", "agreements", "figures", "people"))
    others = [_count(counts.get(kind, 0), kind) for kind in ("sources", "places", "organisations", "doubts")]
    return ", ".join([_count(counts.get("packs", 0), "packs"), f"{_count(facts, 'facts')} ({fact_kinds})", *others])


def _count(number: int, kind: str) -> str:
    return plural(number, *_NOUNS[kind])


def _pack_to_check(context: click.Context, path: Path | None, content_path: Path | None) -> Path | None:
    """PATH or --content (the same thing, written either way); PATH wins over AZRS_QUIZ_CONTENT."""
    if path is None:
        return content_path
    from_environment = context.get_parameter_source("content_path") is click.core.ParameterSource.ENVIRONMENT
    if content_path is not None and not from_environment and path.resolve() != content_path.resolve():
        raise click.UsageError(
            f"two packs to check: give one, as PATH or with --content (got {path} and {content_path})"
        )
    return path
