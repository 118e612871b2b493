"""Seconds to read PDFs through pipeline.extract.budget.read_pdf_in_budget (the per-document
time and memory budget, in a child process) against read_pdf_tables in this process.

    python benchmarks/bench_pdf_budget.py [--rounds 10] [--fresh]

Each round reads the sample PDFs (raw/2015-16-q2/*.pdf) once, in order, with the default
settings. Printed: the in-process reader alone (no budget), the budgeted reader as it runs in a
batch (its child process reused from one document to the next: the first document pays for
starting it), and, with --fresh, the budgeted reader with its child closed before every document
(a new process per PDF, as before the child was made reusable). The figures are wall-clock, per
document and in all; the difference between a budgeted and an in-process figure is the budget's
overhead. On a shared machine they move by +-30 %: compare rows of one run; the load average is
printed before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "raw" / "2015-16-q2"


def timed(read, documents: list[tuple[str, bytes]], rounds: int, before=None) -> list[float]:
    seconds = []
    for _ in range(rounds):
        for name, data in documents:
            if before is not None:
                before()
            started = time.perf_counter()
            read(data, name)
            seconds.append(time.perf_counter() - started)
    return seconds


def row(label: str, seconds: list[float]) -> str:
    return (f"{label:<44} {sum(seconds):8.2f} s {len(seconds):6d} {statistics.median(seconds) * 1000:10.0f} ms"
            f" {max(seconds) * 1000:8.0f} ms")


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=10, help="times each sample PDF is read")
    parser.add_argument("--fresh", action="store_true",
                        help="also time a new child process per document (the child closed before each)")
    args = parser.parse_args()

    from pipeline.core.settings import Settings
    from pipeline.extract import budget
    from pipeline.extract.pdf_tables import read_pdf_tables

    documents = [(path.name, path.read_bytes()) for path in sorted(SAMPLE.glob("*.pdf"))]
    settings = Settings()
    print(f"{len(documents)} sample PDFs x {args.rounds} rounds; load average {load()}")
    print(f"{'reader':<44} {'total':>10} {'docs':>6} {'median/doc':>13} {'max/doc':>11}")
    in_process = timed(read_pdf_tables, documents, args.rounds)
    print(row("read_pdf_tables, in this process", in_process), flush=True)
    expected = {name: read_pdf_tables(data, name) for name, data in documents}
    budgeted = timed(lambda data, name: budget.read_pdf_in_budget(data, name, settings), documents, args.rounds)
    print(row("read_pdf_in_budget (as in a batch)", budgeted), flush=True)
    close = getattr(budget, "close_reader", None)
    if args.fresh and close is not None:
        fresh = timed(lambda data, name: budget.read_pdf_in_budget(data, name, settings), documents,
                      args.rounds, before=close)
        print(row("read_pdf_in_budget, a new child per document", fresh), flush=True)
    elif args.fresh:
        print("--fresh: this pipeline/extract/budget.py starts a new child per document anyway")
    same = all(budget.read_pdf_in_budget(data, name, settings) == expected[name] for name, data in documents)
    print(f"budgeted tables equal the in-process ones: {same}")
    overhead = (sum(budgeted) - sum(in_process)) / len(budgeted)
    print(f"budget overhead per document (as in a batch): {overhead * 1000:,.0f} ms; load average {load()}")


if __name__ == "__main__":
    main()
