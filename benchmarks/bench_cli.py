"""Whole-process timings of the CLI, as a user runs it, against fixed yardsticks.

Run from the repository root, in its virtual environment::

    .venv/bin/python benchmarks/bench_cli.py               # about two minutes
    .venv/bin/python benchmarks/bench_cli.py --runs 20 --slow-runs 5

Every figure is a whole ``azrs-quiz ...`` process started the way a shell starts it
(standard input empty, output discarded), start-up and exit included. The two sides
of each ratio run in turn, A B A B ..., and the ratio is taken pair by pair, so a
machine that slows down or speeds up mid-run moves both sides alike. Reported: the
median ratio of wall times with its spread (lowest and highest pair), the same for CPU
time (user + system; steadier when the machine is busy), and A's median wall time and
peak memory. Nothing is left behind: packs, caches, progress and decks live in one
temporary folder that is removed at the end. ``--only ROW`` runs some rows alone.

Rows (the targets are those of the issue that asked for these figures):

1. a one-question quiz on the bundled content, against ``python -c "import click, pydantic, yaml"``;
2. the same quiz on a 10,000-fact synthetic pack, against the same quiz on the bundled pack;
3. ``export anki`` of that pack, against genanki alone writing the same notes
   (``benchmarks/genanki_floor.py``);
4. ``stats --json`` on a store of 20,000 answers, against an empty store.

*Cold* runs start each A with a fresh copy of the content and an empty cache; *warm*
runs find the cache the previous run left.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@dataclass(frozen=True)
class Run:
    """One finished process: wall seconds, CPU seconds (user + system) and peak resident bytes."""

    wall: float
    cpu: float
    peak: int


@dataclass(frozen=True)
class Pair:
    """A and B of one row, run in turn."""

    a: list[Run]
    b: list[Run]

    def ratios(self) -> list[float]:
        """A/B wall time, pair by pair."""
        return [a.wall / b.wall for a, b in zip(self.a, self.b, strict=True)]

    def cpu_ratios(self) -> list[float]:
        """A/B CPU time, pair by pair: steadier than wall time on a busy machine."""
        return [a.cpu / b.cpu for a, b in zip(self.a, self.b, strict=True)]

    def describe(self) -> str:
        ratios, cpu = self.ratios(), self.cpu_ratios()
        a_wall = statistics.median(run.wall for run in self.a)
        b_wall = statistics.median(run.wall for run in self.b)
        peak = max(run.peak for run in self.a) / 2**20
        return (
            f"{statistics.median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f}), "
            f"CPU {statistics.median(cpu):.2f}× ({min(cpu):.2f}–{max(cpu):.2f}); "
            f"{a_wall:.3f} s vs {b_wall:.3f} s, peak {peak:.0f} MiB"
        )


def run_once(argv: Sequence[str], env: dict[str, str]) -> Run:
    """Start ``argv`` with empty input, discard its output, and measure it from outside."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(argv), env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 130):
        raise SystemExit(f"{' '.join(argv)} failed with exit status {process.returncode}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def paired(
    a: Sequence[str],
    b: Sequence[str],
    env: dict[str, str],
    runs: int,
    *,
    before_a: Callable[[], None] = lambda: None,
    b_env: dict[str, str] | None = None,
) -> Pair:
    """``runs`` pairs of A then B, after one pair that is not counted (it fills the OS caches)."""
    before_a()
    run_once(a, env)
    run_once(b, b_env or env)
    a_runs, b_runs = [], []
    for _ in range(runs):
        before_a()
        a_runs.append(run_once(a, env))
        b_runs.append(run_once(b, b_env or env))
    return Pair(a_runs, b_runs)


def in_a_child(function: str, *arguments: object) -> None:
    """Run ``benchmarks.bench_cli.<function>(*arguments)`` in its own process.

    The setup (writing packs, filling a store) grows a process to tens of MiB; done here,
    it would show in every measured child's peak, which starts as a copy of this process.
    """
    call = f"from benchmarks.bench_cli import {function}; {function}(*{[str(argument) for argument in arguments]!r})"
    subprocess.run([sys.executable, "-c", call], cwd=ROOT, check=True)


def write_pack(directory: str, facts: str) -> None:
    """A synthetic pack of ``facts`` facts in ``directory``."""
    from benchmarks.synthetic import write_synthetic_pack

    write_synthetic_pack(Path(directory), int(facts))


def fill_store(data_dir: Path | str, answers: int | str) -> None:
    """A progress store with ``answers`` answers spread over the bundled bank and 60 days."""
    answers = int(answers)
    from azrs_quiz.facts.loader import load_content
    from azrs_quiz.progress import ProgressStore
    from azrs_quiz.progress.records import ReviewRecord
    from azrs_quiz.questions import question_bank

    bank = question_bank(load_content())
    start = datetime.now(timezone.utc) - timedelta(days=60)
    step = timedelta(days=60) / answers
    records = [
        ReviewRecord(
            question_id=bank[index % len(bank)].id,
            answered_at=start + step * index,
            correct=index % 3 != 0,
            choice=index % 4,
            elapsed=5.0 + index % 20,
            rating=1 if index % 3 == 0 else 3,
            mode="review" if index % 2 else "quiz",
            scheduled=index % 2 == 1,
        )
        for index in range(answers)
    ]
    with ProgressStore.open(Path(data_dir)) as store:
        store.merge_reviews(records)


def notes_of(deck: Path, folder: Path) -> Path:
    """The notes of an ``.apkg`` as JSON rows for genanki_floor.py."""
    with zipfile.ZipFile(deck) as archive:
        archive.extract("collection.anki2", folder)
    database = folder / "collection.anki2"
    connection = sqlite3.connect(database)
    try:
        rows = [
            [flds.split("\x1f"), tags.split(), guid]
            for flds, tags, guid in connection.execute("SELECT flds, tags, guid FROM notes ORDER BY id")
        ]
    finally:
        connection.close()
    database.unlink()
    out = folder / "notes.json"
    out.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10, help="pairs for the fast rows (default 10)")
    parser.add_argument("--slow-runs", type=int, default=3, help="pairs for the multi-second rows (default 3)")
    parser.add_argument("--facts", type=int, default=10_000, help="facts in the big synthetic pack")
    parser.add_argument("--answers", type=int, default=20_000, help="answers in the full progress store")
    parser.add_argument(
        "--only",
        type=int,
        action="append",
        choices=range(1, 5),
        metavar="ROW",
        help="run only this row (1-4; repeat for several); default: every row",
    )
    args = parser.parse_args()
    only = set(args.only or range(1, 5))

    cli = shutil.which("azrs-quiz", path=str(Path(sys.executable).parent)) or "azrs-quiz"
    python = sys.executable
    rows: list[tuple[str, str, str, str]] = []
    with tempfile.TemporaryDirectory(prefix="azrs-bench-") as folder_name:
        folder = Path(folder_name)
        cache, data = folder / "xdg-cache", folder / "xdg-data"
        # The user's own folders, moved into the temporary one: found the way a user's are.
        env = {**os.environ, "XDG_CACHE_HOME": str(cache), "XDG_DATA_HOME": str(data)}
        for variable in ("AZRS_QUIZ_NO_CACHE", "AZRS_QUIZ_CACHE_DIR", "AZRS_QUIZ_DATA_DIR", "AZRS_QUIZ_CONTENT"):
            env.pop(variable, None)
        # Timed as installed: with its bytecode cached (the uncounted first pair writes it).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        big = folder / "big"
        if only & {2, 3}:
            in_a_child("write_pack", big, args.facts)
        quiz = [cli, "quiz", "-n", "1", "--seed", "1"]
        deps = [python, "-c", "import click, pydantic, yaml"]

        def empty_cache() -> None:
            shutil.rmtree(cache, ignore_errors=True)

        fresh = folder / "fresh"

        def fresh_big_pack() -> None:
            empty_cache()
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.copytree(big, fresh)

        if 1 in only:
            print("1/4 quiz vs imports", file=sys.stderr)
            cold = paired(quiz, deps, env, args.runs, before_a=empty_cache)
            warm = paired(quiz, deps, env, args.runs)
            rows.append(
                (
                    'One-question quiz vs `python -c "import click, pydantic, yaml"`',
                    cold.describe(),
                    warm.describe(),
                    "≤ 1.3×",
                )
            )

        if 2 in only:
            print(f"2/4 quiz on {args.facts:,} facts vs bundled", file=sys.stderr)
            cold = paired([*quiz, "--content", str(fresh)], quiz, env, args.slow_runs, before_a=fresh_big_pack)
            warm = paired([*quiz, "--content", str(big)], quiz, env, args.runs)
            rows.append(
                (
                    f"One-question quiz on {args.facts:,} facts vs on the bundled pack",
                    cold.describe(),
                    warm.describe(),
                    "≤ 1.5×",
                )
            )

        if 3 in only:
            print(f"3/4 export anki of {args.facts:,} facts vs genanki", file=sys.stderr)
            deck = folder / "deck.apkg"
            export = [cli, "export", "anki", "--content", str(fresh), "--output", str(deck), "--force"]
            fresh_big_pack()
            run_once(export, env)
            floor = [
                python,
                str(ROOT / "benchmarks" / "genanki_floor.py"),
                str(notes_of(deck, folder)),
                str(folder / "f.apkg"),
            ]
            cold = paired(export, floor, env, args.slow_runs, before_a=fresh_big_pack)
            rows.append(
                (
                    f"`export anki` of {args.facts:,} facts vs genanki writing the same notes",
                    cold.describe(),
                    "—",
                    "≤ 2×",
                )
            )

        if 4 in only:
            print(f"4/4 stats --json with {args.answers:,} answers vs none", file=sys.stderr)
            full, empty = folder / "full", folder / "empty"
            in_a_child("fill_store", full, args.answers)
            # As between a learner's last answer and their stats: a file changed in the last two
            # seconds is checked whole on every open (see azrs_quiz/progress/integrity.py).
            time.sleep(2.5)
            stats = [cli, "stats", "--json"]
            warm = paired(
                stats,
                stats,
                {**env, "AZRS_QUIZ_DATA_DIR": str(full)},
                args.runs,
                b_env={**env, "AZRS_QUIZ_DATA_DIR": str(empty)},
            )
            rows.append(
                (f"`stats --json` with {args.answers:,} answers vs an empty store", "—", warm.describe(), "≤ 1.1×")
            )

    print("| What | Cold: A/B median (spread); A vs B median wall | Warm | Target |")
    print("|---|---|---|---|")
    for what, cold_text, warm_text, target in rows:
        print(f"| {what} | {cold_text} | {warm_text} | {target} |")


if __name__ == "__main__":
    main()
