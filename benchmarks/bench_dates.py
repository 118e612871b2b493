"""Cells per second: normalise_date against dateparser.parse on the same date cells.

    python benchmarks/bench_dates.py [--cells 4000] [--rounds 3] [--seed 7]

The cells are generated (seeded) from the spellings annexes use, not copied from the seeds:
single days and day ranges with ordinals, weekdays and status flags, cross-month ranges, months
and month ranges, quarters, explicit years and numeric dates, financial years, blanks and flags
alone, prose that is no date, and a few cells only the dateparser fallback reads. Documents
repeat cells ("November", "Feb / March"), so the set does too; a second figure uses only
distinct cells so no round is helped by the cache.

normalise_date is timed cold (its lru_cache cleared before every round) and warm (a second
pass over the same cells); dateparser.parse with the settings our fallback pins
(`dateparser_settings`). Rounds are interleaved and timed in process CPU time; the best round of
each is reported.

The command `annex dates` is timed on the distinct cells of a larger draw (--cli-cells, about
59,000 distinct of 100,000): each round runs `python -m pipeline dates` once on them (input from
a file, output to a file) and once on one cell only dateparser reads, and takes the child's CPU
time (user + system) of each; the second is what every run pays once (start-up, imports,
dateparser's language data, which the in-process figure has loaded beforehand), so the rate is
the cells over the difference. It is printed beside the in-process cold rate on the same cells.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence

from pipeline.core.fiscal import FinancialYear
from pipeline.normalise import dates
from pipeline.normalise.dates import DATEPARSER_LANGUAGES, dateparser_settings, normalise_date
from pipeline.normalise.dates.tokens import fast_cut

MONTHS = [
    ("January", "Jan"), ("February", "Feb"), ("March", "Mar"), ("April", "Apr"), ("May", "May"),
    ("June", "Jun"), ("July", "Jul"), ("August", "Aug"), ("September", "Sept"), ("October", "Oct"),
    ("November", "Nov"), ("December", "Dec"),
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Mon", "Tues", "Wed", "Thurs", "Fri"]
FLAGS = [
    "", "", "", " - completed", " - Completed", " (CONFIRMED)", " CONFIRMED", " - CONFIRMED", " - confirmed",
    " TBC", " (tbc)", " - to be confirmed", " (provisional)", " - booked", " - done", " ?",
]
DAY_SEPARATORS = ["/", "-", " - ", " -", "–", " to ", " & ", " and "]
MONTH_SEPARATORS = [" / ", "-", " - ", " to ", " & ", "/"]
PROSE = [
    "", "", "TBC", "tbc", "to be confirmed", "ongoing", "n/a", "-", "Various", "As required",
    "Throughout the year", "Spring", "Summer", "Autumn 2015", "Libraries peer review", "2 days TBC",
]
# Read by dateparser: calendar pieces the grammar cannot put together as one date (see docs/dates.md)
FALLBACK_ONLY = ["12-09", "3-11", "12 - 5", "12.5."]


def ordinal(day: int) -> str:
    suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def month_name(rng: random.Random, month: int) -> str:
    full, short = MONTHS[month - 1]
    name = rng.choice([full, full, short, full.upper(), full.lower()])
    return name


def day_name(rng: random.Random, day: int) -> str:
    return ordinal(day) if rng.random() < 0.3 else str(day)


def make_cell(rng: random.Random) -> str:
    """One cell, with roughly the mix of shapes seen in plan and tracker annexes."""
    shape = rng.choices(
        ["day", "day_range", "cross", "month", "month_range", "quarter", "explicit", "numeric", "fy", "prose", "fallback"],
        weights=[22, 22, 5, 18, 8, 4, 8, 3, 2, 7, 1],
    )[0]
    month = rng.randint(1, 12)
    flag = rng.choice(FLAGS)
    if shape == "day":
        weekday = rng.choice(WEEKDAYS) + " " if rng.random() < 0.2 else ""
        if rng.random() < 0.15:
            return f"{weekday}{month_name(rng, month)} {day_name(rng, rng.randint(1, 28))}{flag}"
        return f"{weekday}{day_name(rng, rng.randint(1, 28))} {month_name(rng, month)}{flag}"
    if shape == "day_range":
        low = rng.randint(1, 27)
        high = rng.randint(low + 1, min(low + 3, 28))
        return f"{day_name(rng, low)}{rng.choice(DAY_SEPARATORS)}{day_name(rng, high)} {month_name(rng, month)}{flag}"
    if shape == "cross":
        following = month % 12 + 1
        return f"{rng.randint(28, 30)} {month_name(rng, month)} - {rng.randint(1, 3)} {month_name(rng, following)}{flag}"
    if shape == "month":
        prefix = rng.choice(["", "", "", "early ", "mid-", "late ", "end of "])
        return f"{prefix}{month_name(rng, month)}{flag}"
    if shape == "month_range":
        following = (month + rng.randint(0, 2) - 1) % 12 + 1
        if (following - 4) % 12 < (month - 4) % 12:
            month, following = following, month
        return f"{month_name(rng, month)}{rng.choice(MONTH_SEPARATORS)}{month_name(rng, following)}{flag}"
    if shape == "quarter":
        number = rng.randint(1, 4)
        first = MONTHS[(3 * number + 2) % 12][1]
        last = MONTHS[(3 * number + 4) % 12][1]
        return rng.choice([f"Q{number}", f"Quarter {number}", f"Q{number} {first} - {last}", f"Q{number} ({first}-{last})"])
    if shape == "explicit":
        year = rng.randint(2014, 2021)
        return rng.choice(
            [
                f"{day_name(rng, rng.randint(1, 28))} {month_name(rng, month)} {year}{flag}",
                f"{month_name(rng, month)} {year}",
                f"{month_name(rng, month)} {rng.randint(1, 28)}, {year}",
                f"Jan-Mar {year}",
                f"December {year} - January {year + 1}",
            ]
        )
    if shape == "numeric":
        return rng.choice([f"{rng.randint(1, 28):02d}/{month:02d}/{rng.randint(2014, 2021)}", f"2016-{month:02d}-{rng.randint(1, 28):02d}"])
    if shape == "fy":
        year = rng.randint(2014, 2021)
        return rng.choice([f"{year}/{(year + 1) % 100:02d}", f"FY{year}/{(year + 1) % 100:02d}", "all year"])
    if shape == "fallback":
        return rng.choice(FALLBACK_ONLY)
    return rng.choice(PROSE)


def seconds(run: Callable[[], None]) -> float:
    # CPU time of this process: other jobs on the machine do not inflate either side.
    started = time.process_time()
    run()
    return time.process_time() - started


def measure(cells: Sequence[str], financial_year: FinancialYear, rounds: int) -> dict[str, float]:
    import dateparser

    settings = dateparser_settings(financial_year)
    dateparser.parse("1 May", languages=DATEPARSER_LANGUAGES, settings=settings)  # load its data first
    normalise_date(FALLBACK_ONLY[0], financial_year)  # our fallback's first use pays the same loading

    def ours() -> None:
        for cell in cells:
            normalise_date(cell, financial_year)

    def theirs() -> None:
        for cell in cells:
            dateparser.parse(cell, languages=DATEPARSER_LANGUAGES, settings=settings)

    best = {"cold": float("inf"), "warm": float("inf"), "dateparser": float("inf")}
    for _ in range(rounds):  # interleaved, so a busy spell hits every contender alike
        dates.cache_clear()
        best["cold"] = min(best["cold"], seconds(ours))
        best["warm"] = min(best["warm"], seconds(ours))
        best["dateparser"] = min(best["dateparser"], seconds(theirs))
    return {name: len(cells) / elapsed for name, elapsed in best.items()}


def report(title: str, cells: Sequence[str], rates: dict[str, float]) -> None:
    print(f"{title}: {len(cells)} cells, {len(set(cells))} distinct")
    print(f"  dateparser.parse (pinned settings) {rates['dateparser']:>12,.0f} cells/s")
    for name in ("cold", "warm"):
        print(f"  normalise_date, {name} cache       {rates[name]:>12,.0f} cells/s  {rates[name] / rates['dateparser']:>8,.1f}x dateparser")


def child_seconds(command: list[str], stdin_path: str, stdout_path: str) -> float:
    """CPU time (user + system) of one run of `command`, from the kernel's account of children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(stdin_path, "rb") as stdin, open(stdout_path, "wb") as stdout:
        subprocess.run(command, stdin=stdin, stdout=stdout, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure_cli(cells: Sequence[str], financial_year: FinancialYear, rounds: int) -> dict[str, float]:
    """Cells per second of `annex dates` beyond its fixed cost, and the in-process cold rate."""
    command = [sys.executable, "-m", "pipeline", "dates", "--financial-year", str(financial_year)]
    with tempfile.TemporaryDirectory() as folder:
        cells_path, one_path, out_path = (os.path.join(folder, name) for name in ("cells.txt", "one.txt", "out.jsonl"))
        with open(cells_path, "w", encoding="utf-8") as handle:
            handle.write("".join(cell + "\n" for cell in cells))
        with open(one_path, "w", encoding="utf-8") as handle:
            handle.write(FALLBACK_ONLY[0] + "\n")  # start-up and dateparser's loading, once
        full = fixed = float("inf")
        for _ in range(rounds):
            full = min(full, child_seconds(command, cells_path, out_path))
            fixed = min(fixed, child_seconds(command, one_path, out_path))
    return {"cli": len(cells) / max(full - fixed, 1e-9), "fixed": fixed, "in_process": measure(cells, financial_year, rounds)["cold"]}


def report_cli(cells: Sequence[str], rates: dict[str, float], dateparser_rate: float) -> None:
    """`dateparser_rate`: dateparser.parse on the distinct cells above (the goal: annex dates at
    50x it or more, issue 21)."""
    print(f"annex dates (the command, one process per round): {len(cells)} distinct cells")
    print(f"  normalise_date in process, cold cache {rates['in_process']:>12,.0f} cells/s  {rates['in_process'] / dateparser_rate:>8,.1f}x dateparser")
    print(f"  annex dates, stdin to stdout          {rates['cli']:>12,.0f} cells/s  {rates['cli'] / dateparser_rate:>8,.1f}x dateparser"
          f"  {rates['cli'] / rates['in_process']:>5.0%} of in process"
          f"  (+{rates['fixed']:.2f} s CPU once per run: start-up and dateparser's loading)")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cells", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cli-cells", type=int, default=100_000, help="cells drawn for `annex dates` (distinct ones are used; 0: skip)")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    financial_year = FinancialYear(2015)
    cells = [make_cell(rng) for _ in range(args.cells)]
    report("realistic mix", cells, measure(cells, financial_year, args.rounds))
    distinct = list(dict.fromkeys(cells))
    distinct_rates = measure(distinct, financial_year, args.rounds)
    report("distinct cells only (no cache help within a round)", distinct, distinct_rates)
    past = sum(1 for cell in distinct if fast_cut(cell.lower()) is None) / len(distinct)
    print(f"  {past:.0%} of distinct cells go past the fast lexer to the tokeniser")
    if args.cli_cells:
        cli_cells = list(dict.fromkeys(make_cell(rng) for _ in range(args.cli_cells)))
        report_cli(cli_cells, measure_cli(cli_cells, financial_year, args.rounds), distinct_rates["dateparser"])


if __name__ == "__main__":
    main()
