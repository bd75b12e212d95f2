"""Where the test data lives, for tests and fixtures alike."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parents[1] / "data"
#: A small pack with one or two records of every kind.
TINY_PACK = DATA / "packs" / "tiny"
