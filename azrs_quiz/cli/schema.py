"""``azrs-quiz schema``: the JSON Schema of content files, for editors."""

from __future__ import annotations

import click


@click.command()
@click.option("--pack", "which", flag_value="pack", help="The schema of pack.yaml instead of content files.")
@click.option("--content-file", "which", flag_value="content", default=True, hidden=True)
def schema(which: str) -> None:
    """Print the JSON Schema of a content file (or of pack.yaml with --pack).

    Point your editor at it to get completion and errors while you type; for
    example, with the YAML language server, save it and add to the top of a file:

    \b
      # yaml-language-server: $schema=azrs-quiz-content.schema.json
    """
    import json

    from azrs_quiz.facts.schema import content_file_schema, pack_file_schema

    document = pack_file_schema() if which == "pack" else content_file_schema()
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))
