"""Which content a data folder has answers for, so ``stats`` can show every pack, not just one.

Answers are keyed by question id alone; the packs they belong to are found again
through the content they were given with. ``quiz`` and ``review`` note the content
folder they ran with in ``contents.json`` beside the progress file (``null`` for
the bundled content); ``stats`` reads the note and counts the answers of each pack.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

#: The note of content folders, beside ``progress.sqlite3``.
CONTENTS_FILE = "contents.json"


@dataclass(frozen=True)
class PackAnswers:
    """How many answers a data folder holds for one pack, and the content folder it comes from."""

    id: str
    title: str
    answers: int
    content: Path | None
    """The folder to pass to ``--content`` (None: the bundled content)."""
    current: bool
    """True for the packs of the content this command runs with."""

    def to_dict(self) -> dict[str, object]:
        """The pack's line of ``stats --json``."""
        return {
            "id": self.id,
            "title": self.title,
            "answers": self.answers,
            "content": str(self.content) if self.content is not None else None,
        }


def remember_content(data_folder: Path, content_path: Path | None) -> None:
    """Note that answers were given with ``content_path`` (None: bundled); never fails a sitting."""
    from azrs_quiz.atomic import write_text_atomically
    from azrs_quiz.errors import AzrsQuizError

    entry = str(content_path.absolute()) if content_path is not None else None
    known = _read(data_folder)
    if entry in known:
        return
    try:
        write_text_atomically(data_folder / CONTENTS_FILE, json.dumps([*known, entry], indent=2) + "\n", force=True)
    except (OSError, AzrsQuizError):
        pass  # a note for stats only: losing it loses no answer


def known_contents(data_folder: Path) -> list[Path | None]:
    """The content folders answers were given with, in the order first used; missing folders left out."""
    contents: list[Path | None] = []
    for entry in _read(data_folder):
        if entry is None:
            contents.append(None)
        elif Path(entry).is_dir():
            contents.append(Path(entry))
    return contents


def answers_per_pack(
    answered: Mapping[str, int], current: Path | None, others: Iterable[Path | None], *, no_cache: bool = False
) -> list[PackAnswers]:
    """The answers (``answered``: count per question id) to each pack's questions: the current content's first."""
    from azrs_quiz.cli.options import bank_for_cli

    result: list[PackAnswers] = []
    seen: set[str] = set()
    for content in dict.fromkeys([current, *others]):
        try:
            bank = bank_for_cli(content, no_cache=no_cache)
        except Exception:
            continue
        per_pack: Counter[str] = Counter()
        for question in bank.questions:
            if question.id in answered:
                per_pack[bank.record_packs.get(question.fact_id, "")] += answered[question.id]
        for pack in bank.packs:
            if pack.id in seen:
                continue
            seen.add(pack.id)
            result.append(PackAnswers(pack.id, pack.title, per_pack[pack.id], content, content == current))
    return result


def _read(data_folder: Path) -> list[str | None]:
    try:
        data = json.loads((data_folder / CONTENTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, list):
        return []
    return [entry for entry in data if entry is None or isinstance(entry, str)]
