"""Reading Anki's text-import format back."""

from __future__ import annotations

import csv
import io


def parse_anki_tsv(text: str) -> tuple[list[str], list[list[str]]]:
    """Header and comment lines (they start with '#'), then the rows read with the csv module."""
    lines = text.splitlines(keepends=True)
    headers = [line.rstrip("\n") for line in lines if line.startswith("#")]
    body = "".join(line for line in lines if not line.startswith("#"))
    return headers, list(csv.reader(io.StringIO(body), delimiter="\t"))
