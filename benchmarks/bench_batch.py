"""Releases per minute of `annex run` over a generated batch, with 1, 2 and N worker processes,
and the time of a no-op re-run (every release unchanged, so skipped).

    python benchmarks/bench_batch.py [--releases 1000] [--jobs 1,2,N] [--pdf] [--data-docs]

The batch is copies of the sample release (raw/2015-16-q2) under other ids, written to a
temporary folder; by default its text dumps only (--pdf keeps the PDFs in the folders, which the
manifest does not name: they only add to what is hashed). Each job count publishes into a fresh
curated/ folder, through pipeline.batch.run_batch (what `annex run --jobs` calls). The no-op
re-run uses the largest job count over the last curated/ folder. N is the machine's CPU count.
Validation runs for every release; its Data Docs HTML pages only with --data-docs (as
`annex run --no-data-docs` would be scheduled otherwise).
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from pipeline.batch import run_batch
from pipeline.core.release import discover_releases

SAMPLE = Path(__file__).resolve().parents[1] / "raw" / "2015-16-q2"


def generate_batch(root: Path, count: int, with_pdfs: bool) -> Path:
    """raw/ with `count` copies of the sample release, ids release-0000, release-0001, ..."""
    raw = root / "raw"
    ignore = None if with_pdfs else shutil.ignore_patterns("*.pdf")
    for index in range(count):
        shutil.copytree(SAMPLE, raw / f"release-{index:04d}", ignore=ignore)
    return raw


def job_counts(text: str) -> list[int]:
    cpus = os.cpu_count() or 1
    counts = [cpus if part.strip().upper() == "N" else int(part) for part in text.split(",")]
    return sorted(set(counts))


def timed_run(folders, root: Path, name: str, jobs: int, data_docs: bool) -> tuple[float, list]:
    start = time.perf_counter()
    results = run_batch(folders, root / f"staged-{name}", root / f"curated-{name}", jobs=jobs,
                        release_options={"data_docs": data_docs})
    return time.perf_counter() - start, results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--releases", type=int, default=1000, help="releases in the generated batch")
    parser.add_argument("--jobs", default="1,2,N", help="job counts to time, N = CPU count")
    parser.add_argument("--pdf", action="store_true", help="keep the sample's PDFs in each folder")
    parser.add_argument("--data-docs", action="store_true", help="build Data Docs for every release")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="annex-bench-") as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        folders = discover_releases(generate_batch(root, args.releases, args.pdf))
        print(f"generated {len(folders)} releases in {time.perf_counter() - start:.1f} s "
              f"({os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
              f"Data Docs {'on' if args.data_docs else 'off'})")
        print(f"{'jobs':>5} {'seconds':>9} {'releases/min':>13} {'failed':>7}")
        jobs = job_counts(args.jobs)
        for count in jobs:
            seconds, results = timed_run(folders, root, f"j{count}", count, args.data_docs)
            failed = sum(not r.ok for r in results)
            print(f"{count:>5} {seconds:>9.1f} {len(folders) / seconds * 60:>13.0f} {failed:>7}")
        seconds, results = timed_run(folders, root, f"j{jobs[-1]}", jobs[-1], args.data_docs)
        skipped = sum(r.skipped for r in results)
        print(f"no-op re-run ({jobs[-1]} jobs): {seconds:.2f} s, {skipped} of {len(results)} skipped "
              f"({seconds / len(results) * 1000:.1f} ms per release)")


if __name__ == "__main__":
    main()
