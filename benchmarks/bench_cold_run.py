"""Wall-clock time of a cold `annex run` of the sample release: a new process, a fresh curated/
folder, everything imported, extracted, validated and published (what a scheduled job pays for a
release that changed). Goal (issue 13): within 4 s.

    python benchmarks/bench_cold_run.py [--rounds 5]

Each round copies raw/2015-16-q2 to a temporary folder and runs `annex run` there, with and
without Data Docs, then `python -c "import great_expectations"` alone for comparison (the
largest fixed cost; pipeline/validate/gx_adapter.py puts off the parts of it annex never uses).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "raw" / "2015-16-q2"
ANNEX = [sys.executable, "-m", "pipeline"]
GOAL_SECONDS = 4.0


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def cold_run(extra: list[str]) -> float:
    with tempfile.TemporaryDirectory(prefix="annex-cold-") as tmp:
        shutil.copytree(SAMPLE, Path(tmp) / "raw" / SAMPLE.name)
        return timed(ANNEX + ["run", *extra], Path(tmp))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, {args.rounds} rounds")
    cases = {
        "annex run --no-data-docs": lambda: cold_run(["--no-data-docs"]),
        "annex run (Data Docs)": lambda: cold_run([]),
        "import great_expectations": lambda: timed([sys.executable, "-c", "import great_expectations"], REPO),
        "import GX as annex does": lambda: timed(
            [sys.executable, "-c", "from pipeline.validate.gx_adapter import _gx; _gx()"], REPO),
    }
    figures = {name: [] for name in cases}
    for _ in range(args.rounds):  # interleaved, so a busy spell hurts every case alike
        for name, case in cases.items():
            figures[name].append(case())
    print(f"{'':28} {'best':>7} {'median':>7}")
    for name, seconds in figures.items():
        print(f"{name:28} {min(seconds):>6.2f}s {statistics.median(seconds):>6.2f}s")
    best = min(figures["annex run --no-data-docs"])
    print(f"goal: cold annex run of the sample release within {GOAL_SECONDS:g} s: "
          f"{'met' if best <= GOAL_SECONDS else 'not met'} (best {best:.2f} s without Data Docs, "
          f"{min(figures['annex run (Data Docs)']):.2f} s with)")


if __name__ == "__main__":
    main()
