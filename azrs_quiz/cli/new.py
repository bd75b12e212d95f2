"""``azrs-quiz new``: start a content pack from a working, commented example."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.argument("pack_dir", metavar="PACK-DIR", type=click.Path(path_type=Path))
def new(pack_dir: Path) -> None:
    """Write a small, valid starter pack into PACK-DIR, every field explained.

    PACK-DIR must not exist yet (or be empty): nothing is ever overwritten. The
    pack is named after the folder, passes validate and yields a quiz at once;
    replace its facts with your own.

    \b
    Examples:
      azrs-quiz new my-pack
      azrs-quiz validate my-pack
      azrs-quiz quiz --content my-pack
    """
    from azrs_quiz.cli.options import echo_wrapped
    from azrs_quiz.facts.scaffold import new_pack

    written = new_pack(pack_dir)
    echo_wrapped(f"Wrote a starter pack to {pack_dir}: {', '.join(path.name for path in written)}")
    click.echo(f"Next: azrs-quiz validate {pack_dir}")
    click.echo(f"Then: azrs-quiz quiz --content {pack_dir}")
