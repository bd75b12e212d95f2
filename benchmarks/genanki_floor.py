"""The yardstick for ``export anki``: genanki alone writing the same notes, as a whole process.

    python benchmarks/genanki_floor.py NOTES.json OUTPUT.apkg

``NOTES.json`` holds ``[[fields, tags, guid], ...]`` (``bench_cli.py`` extracts it from
a deck ``azrs-quiz`` wrote, outside the timing). This process imports genanki, makes
one ``Note`` per row on a plain model and writes the package: the least any
genanki-based build of those notes costs.
"""

from __future__ import annotations

import json
import sys

import genanki


def main() -> None:
    """Write the notes in ``sys.argv[1]`` to the package ``sys.argv[2]``."""
    with open(sys.argv[1], encoding="utf-8") as stream:
        rows = json.load(stream)
    width = max((len(fields) for fields, _, _ in rows), default=1)
    model = genanki.Model(
        1_607_392_319,
        "Floor",
        fields=[{"name": f"Field {index}"} for index in range(width)],
        templates=[{"name": "Card", "qfmt": "{{Field 0}}", "afmt": "{{FrontSide}}<hr>{{Field 1}}"}],
    )
    deck = genanki.Deck(2_059_400_110, "Floor")
    for fields, tags, guid in rows:
        deck.add_note(genanki.Note(model=model, fields=fields + [""] * (width - len(fields)), tags=tags, guid=guid))
    genanki.Package(deck).write_to_file(sys.argv[2], timestamp=1_800_000_000)


if __name__ == "__main__":
    main()
