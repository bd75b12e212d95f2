"""Where the bundled content lives, found without importing the loader (or pydantic)."""

from __future__ import annotations

from pathlib import Path


def bundled_content_path() -> Path:
    """The folder of the content packs that ship with azrs_quiz."""
    package = Path(__file__).parent.parent  # azrs_quiz/, as importlib.resources gives it
    installed = package / "content"
    if installed.is_dir():
        return installed
    # A source checkout (or an editable install): the content sits beside the package.
    return package.parent / "content"
