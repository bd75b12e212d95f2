"""Whole-process timings of a quiz on a big pack after one of its files is edited.

Run from the repository root, in its virtual environment::

    .venv/bin/python benchmarks/bench_cache.py              # about three minutes
    .venv/bin/python benchmarks/bench_cache.py --rounds 12 --file sources.yaml

A one-question quiz (``azrs-quiz quiz -n 1 --seed 1 --content PACK``) on a synthetic pack
of 10,000 facts, three ways, one after the other in every round:

- *edited*: one record's explanation (or title, or name) in one file (``events.yaml`` by
  default, the largest: 40% of the facts) was just changed, so the bank snapshot misses and the other files'
  parses are taken from the cache;
- *warm*: nothing changed since the last run on that copy of the pack (a snapshot hit);
- *cold*: a fresh copy of the pack and an empty cache (every file parsed; what an edit
  cost before parsed files were kept).

Ratios are taken round by round, so a machine that slows down mid-run moves all sides
alike; reported are the median ratio with its spread (lowest and highest round), each
side's median wall time, the same for CPU time (user + system, which a busy machine
disturbs less) and the peak memory of the *edited* runs. Nothing is left
behind: packs and caches live in one temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_cli import Run, in_a_child, run_once  # noqa: E402


def _edit(path: Path, round_number: int) -> None:
    """Give the first explanation, title or name in ``path`` new words, different every round."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r"(explanation|title|name): .+", rf"\1: Edited in round {round_number}.", text, count=1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def _describe(a: list[Run], b: list[Run]) -> str:
    walls = [x.wall / y.wall for x, y in zip(a, b, strict=True)]
    cpus = [x.cpu / y.cpu for x, y in zip(a, b, strict=True)]
    return (
        f"{statistics.median(walls):.2f}× ({min(walls):.2f}–{max(walls):.2f}); "
        f"{statistics.median(run.wall for run in a):.3f} s vs {statistics.median(run.wall for run in b):.3f} s "
        f"| {statistics.median(cpus):.2f}× ({min(cpus):.2f}–{max(cpus):.2f}); "
        f"{statistics.median(run.cpu for run in a):.3f} s vs {statistics.median(run.cpu for run in b):.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=8, help="rounds of edited, warm and cold (default 8)")
    parser.add_argument("--facts", type=int, default=10_000, help="facts in the synthetic pack")
    parser.add_argument("--file", default="events.yaml", help="the pack file edited before each edited run")
    args = parser.parse_args()

    cli = shutil.which("azrs-quiz", path=str(Path(sys.executable).parent)) or "azrs-quiz"
    with tempfile.TemporaryDirectory(prefix="azrs-bench-cache-") as folder_name:
        folder = Path(folder_name)
        env = {**os.environ, "XDG_DATA_HOME": str(folder / "data")}
        for variable in ("AZRS_QUIZ_NO_CACHE", "AZRS_QUIZ_CACHE_DIR", "AZRS_QUIZ_DATA_DIR", "AZRS_QUIZ_CONTENT"):
            env.pop(variable, None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # timed as installed, bytecode cached
        warm_env = {**env, "XDG_CACHE_HOME": str(folder / "cache")}
        cold_env = {**env, "XDG_CACHE_HOME": str(folder / "cold-cache")}
        pack = folder / "pack"
        in_a_child("write_pack", pack, args.facts)
        edited, unchanged, fresh = folder / "edited", folder / "unchanged", folder / "fresh"
        shutil.copytree(pack, edited)
        shutil.copytree(pack, unchanged)

        def quiz(content: Path, run_env: dict[str, str]) -> Run:
            return run_once([cli, "quiz", "-n", "1", "--seed", "1", "--content", str(content)], run_env)

        def cold() -> Run:
            shutil.rmtree(folder / "cold-cache", ignore_errors=True)
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.copytree(pack, fresh)
            return quiz(fresh, cold_env)

        # Not counted: fills the caches (and the OS's) and writes the bytecode.
        quiz(edited, warm_env)
        quiz(unchanged, warm_env)
        cold()
        edited_runs: list[Run] = []
        warm_runs: list[Run] = []
        cold_runs: list[Run] = []
        for round_number in range(args.rounds):
            print(f"round {round_number + 1}/{args.rounds}", file=sys.stderr)
            _edit(edited / args.file, round_number)
            edited_runs.append(quiz(edited, warm_env))
            warm_runs.append(quiz(unchanged, warm_env))
            cold_runs.append(cold())

    peak = max(run.peak for run in edited_runs) / 2**20
    print(f"One-question quiz on {args.facts:,} facts, {args.file} edited before each run (peak {peak:.0f} MiB):")
    print()
    print("| A vs B | Wall: A/B median (spread); A vs B median | CPU (user + system): the same |")
    print("|---|---|---|")
    print(f"| edited vs warm (snapshot hit) | {_describe(edited_runs, warm_runs)} |")
    print(f"| edited vs cold (fresh copy, empty cache) | {_describe(edited_runs, cold_runs)} |")
    print(f"| warm vs cold | {_describe(warm_runs, cold_runs)} |")


if __name__ == "__main__":
    main()
