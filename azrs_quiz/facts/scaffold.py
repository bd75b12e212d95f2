"""A starter pack for a new author: small, valid, every field explained in a comment.

The files live in ``azrs_quiz/facts/starter/``; :func:`new_pack` copies them into a new
folder, naming the pack after the folder. The starter passes validation and yields a
quiz at once, so an author changes a working pack rather than starting from nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from importlib import resources
from pathlib import Path

from azrs_quiz.errors import AzrsQuizError
from azrs_quiz.facts.models import SLUG_PATTERN

#: The starter's files, in the order an author reads them.
STARTER_FILES = ("pack.yaml", "sources.yaml", "places.yaml", "facts.yaml")
_STARTER_ID = "my-pack"


class PackFolderExists(AzrsQuizError):
    """The folder for a new pack already holds something; nothing was written."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(f"'{path}' already exists and is not empty; nothing was written")


def new_pack(folder: str | Path) -> list[Path]:
    """Write the starter pack into ``folder`` (new, or empty) and return the files written.

    The pack's id is the folder's name when that is a valid id (lower-case words
    joined by hyphens), else ``my-pack``. Raises :class:`PackFolderExists` rather
    than touch a folder that holds anything. The files appear all at once: an
    interrupted write leaves no half pack behind.
    """
    target = Path(folder)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PackFolderExists(target)
    parent = target.parent if str(target.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
    try:
        for name in STARTER_FILES:
            text = starter_text(name)
            if name == "pack.yaml":
                text = text.replace(f"id: {_STARTER_ID}\n", f"id: {pack_id_for(target)}\n", 1)
            (staging / name).write_text(text, encoding="utf-8")
        os.chmod(staging, 0o755)
        if target.exists():
            target.rmdir()  # empty, checked above; os.replace cannot replace a folder
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / name for name in STARTER_FILES]


def starter_text(name: str) -> str:
    """The text of one starter file, as shipped."""
    return (resources.files("azrs_quiz.facts") / "starter" / name).read_text(encoding="utf-8")


def pack_id_for(folder: Path) -> str:
    """The pack id a folder's name gives: the name itself when it is a valid id."""
    name = folder.resolve().name.lower()
    return name if re.fullmatch(SLUG_PATTERN, name) else _STARTER_ID
