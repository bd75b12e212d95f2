"""How fast the question bank builds, and how much memory it takes, as content grows.

Run from the repository root::

    .venv/bin/python benchmarks/bench_bank.py              # 1,000 and 10,000 facts
    .venv/bin/python benchmarks/bench_bank.py --sizes 1000 10000 100000

For each size a synthetic pack (benchmarks/synthetic.py) is written to a temporary
folder, then one fresh Python process per size loads it and builds the whole bank,
so the figures of one size do not warm the caches of the next. Reported: load time,
bank build time (best of ``--repeat`` cold builds, each in a fresh process, wall
clock and CPU), tracemalloc's peak of Python allocations during one build, and the
process's peak resident memory (content and bank included). Then
the start of a one-question quiz on the bundled content, against the bare import
of the dependencies it needs.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.synthetic import write_synthetic_pack

_MEASURE_BANK = r"""
import json, resource, sys, time, tracemalloc
from azrs_quiz.facts.loader import load_content
from azrs_quiz.questions import question_bank

path, traced = sys.argv[1], sys.argv[2] == "traced"
start = time.perf_counter()
content = load_content(path)
load = time.perf_counter() - start
if traced:
    tracemalloc.start()
wall, cpu = time.perf_counter(), time.process_time()
bank = question_bank(content)
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
peak = tracemalloc.get_traced_memory()[1] if traced else 0
print(json.dumps({
    "facts": len(content.facts), "questions": len(bank), "load": load, "wall": wall, "cpu": cpu,
    "traced_peak": peak, "max_rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
}))
"""

_MEASURE_START = r"""
import json, sys, time
start = time.perf_counter()
if sys.argv[1] == "deps":
    import click, pydantic, yaml  # what loading content and drawing a quiz need
else:
    from azrs_quiz import build_quiz, load_content
    quiz = build_quiz(load_content(), count=1, seed=1)
    assert len(quiz.questions) == 1
print(json.dumps(time.perf_counter() - start))
"""


def measure_bank(pack: Path, repeat: int) -> dict[str, float]:
    """Load ``pack`` and build its bank in fresh interpreters: the best of ``repeat`` cold builds.

    Each build runs in its own process, so no cache of one build helps the next; the
    peak of Python allocations is taken in one more run under tracemalloc (which
    slows it, so its time is not used).
    """
    runs = [_run_bank(pack, traced=False) for _ in range(repeat)]
    best = min(runs, key=lambda run: run["cpu"])
    best["load"] = min(run["load"] for run in runs)
    best["wall"] = min(run["wall"] for run in runs)
    best["max_rss"] = max(run["max_rss"] for run in runs)
    best["traced_peak"] = _run_bank(pack, traced=True)["traced_peak"]
    return best


def _run_bank(pack: Path, *, traced: bool) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-c", _MEASURE_BANK, str(pack), "traced" if traced else "plain"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(output)
    return result


def measure_start(what: str, repeat: int) -> float:
    """Best time over ``repeat`` fresh interpreters to import the dependencies or draw a one-question quiz."""
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", _MEASURE_START, what], check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(repeat)
    ]
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="fact counts to measure")
    parser.add_argument("--repeat", type=int, default=3, help="builds per size; the best is reported")
    args = parser.parse_args()

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            pack = write_synthetic_pack(Path(folder) / f"pack-{size}", size)
            rows.append(measure_bank(pack, args.repeat))

    mib = 1024 * 1024
    print(
        f"{'facts':>8} {'questions':>10} {'load s':>8} {'bank s':>8} {'bank cpu s':>10} {'traced MiB':>11} {'RSS MiB':>8}"
    )
    for row in rows:
        print(
            f"{row['facts']:>8,} {row['questions']:>10,} {row['load']:>8.2f} {row['wall']:>8.2f} {row['cpu']:>10.2f}"
            f" {row['traced_peak'] / mib:>11.1f} {row['max_rss'] / mib:>8.1f}"
        )
    for smaller, larger in zip(rows, rows[1:]):
        facts = larger["facts"] / smaller["facts"]
        print(f"{facts:.0f}x the facts: {larger['cpu'] / smaller['cpu']:.1f}x the bank CPU time")

    deps = measure_start("deps", args.repeat + 2)
    quiz = measure_start("quiz", args.repeat + 2)
    print(
        f"import click+pydantic+yaml: {deps:.3f} s; import azrs_quiz + load bundled content + 1-question quiz: {quiz:.3f} s"
    )


if __name__ == "__main__":
    main()
