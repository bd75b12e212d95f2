"""A release replayed on a collection someone has studied, in the real Anki.

Build a deck the way the README tells maintainers to, import it and answer every
card; then change the content (remove a fact, move a fact to another topic, give
two events one date, reword an explanation), rebuild, re-import, and check what the
learner would notice.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers.anki_collection import (
    answer_every_card,
    deck_of,
    import_package,
    log_counts,
    new_card_order,
    visible_text,
)
from helpers.paths import TINY_PACK

from azrs_quiz.anki.ids import RETIRED_REVERSE_TAG, RETIRED_TAG, pack_note_guid
from azrs_quiz.cli.main import main

anki_collection = pytest.importorskip("anki.collection")

pytestmark = pytest.mark.slow


TINY_DECK = "A tiny pack for tests"


@pytest.fixture
def col(tmp_path: Path) -> Iterator[Any]:
    collection = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def copy_pack(tmp_path: Path, name: str = "pack") -> Path:
    pack = tmp_path / name
    shutil.copytree(TINY_PACK, pack)
    return pack


def edit(pack: Path, old: str, new: str, file: str = "facts.yaml") -> None:
    path = pack / file
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def release(pack: Path, history: Path, deck: Path, *, record: bool = True) -> str:
    """Build as the README tells a maintainer of a pack: its own history, recorded."""
    args = ["export", "anki", "--content", str(pack), "--history", str(history), "--output", str(deck), "--force"]
    result = CliRunner().invoke(main, [*args, "--record-history"] if record else args)
    assert result.exit_code == 0, result.output
    return result.stderr


def note(col: Any, key: str, pack: str = "tiny") -> Any:
    note_id = col.db.scalar("select id from notes where guid = ?", pack_note_guid(key, pack))
    assert note_id is not None, key
    return col.get_note(note_id)


def reviews(col: Any, note_ids: list[int]) -> dict[int, int]:
    """How many answers each card of these notes has in the review log."""
    return {
        card_id: col.db.scalar("select count() from revlog where cid = ?", card_id)
        for note_id in note_ids
        for card_id in col.card_ids_of_note(note_id)
    }


def note_guids(pack: Path) -> set[str]:
    """The GUIDs of the notes a pack's content makes (retired ones aside)."""
    from azrs_quiz.anki.notes import build_notes
    from azrs_quiz.facts.loader import load_content
    from azrs_quiz.facts.models import TOPICS
    from azrs_quiz.questions import question_bank

    content = load_content(pack)
    return {spec.guid for spec in build_notes(content, question_bank(content), TOPICS)}


def pack_of_tags(tags: list[str]) -> str:
    (pack,) = [tag.removeprefix("azrs::pack::") for tag in tags if tag.startswith("azrs::pack::")]
    return pack


def test_a_release_on_a_studied_collection(tmp_path: Path, col: Any) -> None:
    pack = copy_pack(tmp_path)
    history = tmp_path / "anki-history.json"
    release(pack, history, tmp_path / "v1.apkg")
    first = log_counts(import_package(col, tmp_path / "v1.apkg"))
    answer_every_card(col)
    studied = reviews(col, list(col.find_notes("")))
    assert first[0] == col.note_count() and first[1:] == (0, 0)

    made_before = note_guids(pack)
    text = (pack / "facts.yaml").read_text(encoding="utf-8")
    figures_start = text.index("figures:\n")  # the one figure, trade-2023, goes
    (pack / "facts.yaml").write_text(text[:figures_start] + text[text.index("doubts:") :], encoding="utf-8")
    edit(pack, "topic: people\n    date: 2010", "topic: dates\n    date: 2010")  # state-visit moves to dates
    edit(pack, "date: 1997-08-21", "date: 2011-02")  # relations-established now shares the embassy's date
    edit(pack, "The embassy opened early in the year.", "The embassy opened in the first weeks of the year.")
    release(pack, history, tmp_path / "v2.apkg")
    log = import_package(col, tmp_path / "v2.apkg")
    second = log_counts(log)

    # 0 blank or empty cards.
    assert not col.get_empty_cards().notes
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        assert visible_text(card.question()), card.note().fields
        assert "front of this card is blank" not in card.question().lower()
    # 0 cards in a deck that contradicts their tags: one deck per pack, no topic subdecks.
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        assert deck_of(col, card) == TINY_DECK
        assert pack_of_tags(card.note().tags) == "tiny"
    assert note(col, "fact:state-visit").tags[0] == "azrs::dates"
    # Every removed note is tagged azrs::retired and says why; one search finds them all.
    retired = {col.get_note(nid).guid for nid in col.find_notes(f"tag:{RETIRED_TAG}")}
    gone = made_before - note_guids(pack)
    assert retired == gone
    # The removed fact and its question (the bank asks no "what happened then?" beside "when").
    assert gone == {pack_note_guid(key, "tiny") for key in ("fact:trade-2023", "mc:trade-2023:amount")}
    figure_card = note(col, "fact:trade-2023").cards()[0]
    assert "removed from the content" in visible_text(figure_card.question() + figure_card.answer())
    # The embassy's reverse card, once fair, is retired visibly: it renders, and says so.
    embassy = note(col, "fact:embassy-opened")
    assert RETIRED_REVERSE_TAG in embassy.tags
    reverse = embassy.cards()[1]
    assert 'class="azrs reverse-retired"' in reverse.question() and visible_text(reverse.question())
    assert embassy.cards()[0].question().count("February 2011") == 0  # the recall card still asks the date
    # Review history is kept on every updated note.
    updated = [entry.id.nid for entry in log.updated]
    assert updated
    for card_id, count in reviews(col, updated).items():
        assert count == studied[card_id] == 1
        assert col.get_card(card_id).reps == 1
    assert "first weeks" in note(col, "mc:embassy-opened:when")["Explanation"]

    # Unrecorded edits, each saved later than the one before, still arrive.
    logs = []
    for seconds, wording in ((100, "in the first days of the year"), (200, "in the first hours of the year")):
        edit(pack, "The embassy opened in the first", f"The embassy opened {wording}. It opened in the first")
        later = time.time() + seconds
        os.utime(pack / "facts.yaml", (later, later))
        release(pack, history, tmp_path / f"unrecorded-{seconds}.apkg", record=False)
        logs.append(log_counts(import_package(col, tmp_path / f"unrecorded-{seconds}.apkg")))
        assert wording in note(col, "mc:embassy-opened:when")["Explanation"]
    assert [counts[1] for counts in logs] == [3, 3]  # the recall note and its two questions left, each time

    # A custom pack (same fact ids, its own id and title) never lands in another pack's deck.
    other = copy_pack(tmp_path, "other")
    edit(other, "id: tiny\ntitle: A tiny pack for tests", "id: other\ntitle: Another pack", file="pack.yaml")
    release(other, tmp_path / "other-history.json", tmp_path / "other.apkg")
    before = col.note_count()
    other_log = log_counts(import_package(col, tmp_path / "other.apkg"))
    assert other_log[1:] == (0, 0) and col.note_count() == before + other_log[0]
    for card_id in col.find_cards(""):
        card = col.get_card(card_id)
        expected = {"tiny": TINY_DECK, "other": "Another pack"}[pack_of_tags(card.note().tags)]
        assert deck_of(col, card) == expected

    print(f"\nimport logs (new, updated, duplicate): v1 {first}, v2 {second}, unrecorded {logs}, other {other_log}")


def test_cards_of_one_fact_never_come_one_after_another(tmp_path: Path, col: Any) -> None:
    from azrs_quiz.anki import export_anki
    from azrs_quiz.facts.loader import load_content

    deck = tmp_path / "bundled.apkg"
    export_anki(load_content(), deck)
    import_package(col, deck)

    closest = {}
    shown = 0
    for deck in ("Azerbaijan\u2013Serbia relations", "Related bilateral relations of Serbia and Azerbaijan"):
        cards = new_card_order(col, deck)
        facts = [card.note()["Fact ID" if "Fact ID" in card.note() else "Question ID"].split(":")[0] for card in cards]
        shown += len(cards)
        last_seen: dict[str, int] = {}
        gaps = []
        for position, fact in enumerate(facts):
            if fact in last_seen:
                gaps.append(position - last_seen[fact])
            last_seen[fact] = position
        closest[deck] = min(gaps)
    assert shown == col.card_count()
    print(f"\nclosest two cards of one fact, in new-card order: {closest}")
    # The main deck keeps a day of new cards (20) between them; the small one at least never shows them in a row.
    assert closest["Azerbaijan\u2013Serbia relations"] > 20
    assert closest["Related bilateral relations of Serbia and Azerbaijan"] > 1
