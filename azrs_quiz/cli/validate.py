"""``azrs-quiz validate``: check content the way an author needs."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("path", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
def validate(path: Path | None) -> None:
    """Check a content pack and report every problem as FILE:LINE: FIELD: message.

    With no PATH, checks the bundled content. PATH may be one pack (a folder with
    pack.yaml) or a folder of packs. Exits 0 when the content is valid, 1 otherwise.

    \b
    Example:
      azrs-quiz validate my-pack/
    """
    from azrs_quiz.loader import load_content

    content = load_content(path)
    counts = content.counts()
    facts = counts["events"] + counts["agreements"] + counts["figures"] + counts["people"]
    summary = ", ".join(f"{count} {kind}" for kind, count in counts.items())
    click.echo(f"OK: {facts} facts ({summary})")
