"""How much our Anki build costs over genanki itself writing the same notes.

    .venv/bin/python benchmarks/bench_anki.py            # 10,000 synthetic facts
    .venv/bin/python benchmarks/bench_anki.py --facts 2000 --repeat 3

Timings, the median (and spread) of ``--repeat`` interleaved runs, in one process
(for whole-command timings, ``farm-bench --vs``):

- ``question bank``: the question engine on the synthetic content (not Anki work,
  shown for scale);
- ``azrs_quiz export_anki``: our whole build from the bank: notes and escaping,
  fingerprints and history lookup, positions, rows written into the database,
  pinned header and zip;
- ``of which the writing``: the same build minus composing the fields (the part
  that compares like for like with genanki);
- ``genanki alone``: genanki making ``Note`` objects from the very same fields,
  tags and GUIDs (already escaped and composed) and ``Package.write_to_file``:
  what a genanki-based build pays.

Every file is written in a temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import genanki

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from azrs_quiz.anki import export_anki
from azrs_quiz.anki.deck import build_decks
from azrs_quiz.anki.history import NoteHistory
from azrs_quiz.anki.notes import build_notes, pack_credit_html
from azrs_quiz.anki.writer import write_apkg
from azrs_quiz.facts.content import Content
from azrs_quiz.facts.loader import load_content
from azrs_quiz.facts.models import TOPICS, Event, PackMeta, Source
from azrs_quiz.questions import question_bank


def synthetic_content(facts: int, folder: Path, seed: int = 0) -> Content:
    """The engine helper's synthetic pack when it exists, else dated events made here."""
    try:
        from benchmarks.synthetic import write_synthetic_pack  # type: ignore[import-not-found]
    except ImportError:
        return _in_memory_content(facts, seed)
    return load_content(write_synthetic_pack(folder, facts, seed=seed))


def _in_memory_content(facts: int, seed: int) -> Content:
    rng = random.Random(seed)
    sources = {f"ref-{n}": Source(id=f"ref-{n}", number=n, title=f"Report number {n}") for n in range(1, 51)}
    events = {}
    for index in range(facts):
        fact_id = f"event-{index}"
        date = f"{rng.randint(1990, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        events[fact_id] = Event.model_validate(
            {
                "id": fact_id,
                "topic": TOPICS[index % len(TOPICS)],
                "date": date,
                "what": f"delegation number {index} met in Baku",
                "explanation": f"The meeting number {index} <was> one of many {{{{routine}}}} meetings.",
                "sources": [f"ref-{index % 50 + 1}"],
                "prompts": {"when": f"When did delegation number {index} meet in Baku?"},
            }
        )
    meta = PackMeta(id="synthetic", title="Synthetic", licence="CC0-1.0", attribution="Synthetic benchmark data.")
    return Content(packs=(meta,), sources=sources, events=events)


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--facts", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="azrs-bench-") as folder_name:
        folder = Path(folder_name)
        content = synthetic_content(args.facts, folder / "pack")
        started = time.perf_counter()
        bank = question_bank(content)
        bank_time = time.perf_counter() - started
        history = folder / "history.json"
        history.write_text(NoteHistory().dumps(), encoding="utf-8")

        def ours() -> None:
            export_anki(content, folder / "ours.apkg", force=True, questions=bank, history=history)

        # genanki alone: the same decks, models and fields, ready-made; only genanki's own
        # work is timed (making its Note objects and writing the file).
        specs = build_notes(content, bank, content.topics)
        credits = {pack.id: pack_credit_html(pack) for pack in content.packs}
        built = build_decks(specs, NoteHistory(), content.packs, credits)
        models = {
            note_type.id: genanki.Model(
                note_type.id,
                note_type.name,
                fields=[{"name": name} for name in note_type.fields],
                templates=[{"name": t.name, "qfmt": t.front, "afmt": t.back} for t in note_type.templates],
                css=note_type.css,
            )
            for note_type, _ in built.note_types
        }
        ready = [
            (deck.id, deck.name, [(models[n.note_type], list(n.fields), list(n.tags), n.guid) for n in deck.notes])
            for deck in built.decks
        ]

        def genanki_alone() -> None:
            plain_decks = []
            for deck_id, name, notes in ready:
                deck = genanki.Deck(deck_id, name)
                for model, fields, tags, guid in notes:
                    deck.add_note(genanki.Note(model=model, fields=fields, tags=tags, guid=guid))
                plain_decks.append(deck)
            genanki.Package(plain_decks).write_to_file(str(folder / "genanki.apkg"), timestamp=1_800_000_000)

        def our_write_only() -> None:
            rebuilt = build_decks(specs, NoteHistory(), content.packs, credits)
            write_apkg(folder / "write-only.apkg", rebuilt, zip_time=rebuilt.newest_stamp)

        # Interleaved, so a busy machine slows every contender alike; medians and spreads count.
        timings: dict[str, list[float]] = {"ours": [], "write": [], "genanki": []}
        for _ in range(args.repeat):
            timings["ours"].append(timed(ours))
            timings["write"].append(timed(our_write_only))
            timings["genanki"].append(timed(genanki_alone))
        ours_time, write_time, genanki_time = (
            statistics.median(timings[name]) for name in ("ours", "write", "genanki")
        )
        spread = {name: max(values) - min(values) for name, values in timings.items()}
        notes = len(specs)
        size_ours = (folder / "ours.apkg").stat().st_size
        size_genanki = (folder / "genanki.apkg").stat().st_size

    print(f"{args.facts:,} synthetic facts -> {len(bank):,} questions -> {notes:,} notes (median of {args.repeat})")
    print(f"  question bank            {bank_time:7.2f} s   (the engine, for scale)")
    print(
        f"  azrs_quiz export_anki    {ours_time:7.2f} s ± {spread['ours']:.2f}   {size_ours / 1e6:6.1f} MB   (whole build)"
    )
    print(f"    of which the writing   {write_time:7.2f} s ± {spread['write']:.2f}   (rows, pinned database and zip)")
    print(
        f"  genanki alone            {genanki_time:7.2f} s ± {spread['genanki']:.2f}   {size_genanki / 1e6:6.1f} MB"
        "   (same fields, ready-made)"
    )
    print(f"  whole build / genanki    {ours_time / genanki_time:7.2f} x")
    print(f"  writing / genanki        {write_time / genanki_time:7.2f} x")


if __name__ == "__main__":
    main()
