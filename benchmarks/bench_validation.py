"""Seconds the validation gate adds to a run of the sample release.

    python benchmarks/bench_validation.py [--rounds 5] [--release raw/2015-16-q2]

Figures (wall-clock, best of the rounds; the sample release is extracted and normalised once):
- importing Great Expectations, in a fresh interpreter (paid once per process that validates);
- validate_release without Data Docs (suites + document checks) and with Data Docs (GX site +
  our summary page), per release once GX is imported;
- process_release end to end with data_docs on and off, and the same run with the gate replaced
  by a no-op, so the difference is what validation adds.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def gx_import_seconds() -> float:
    code = "import time; t = time.perf_counter(); import great_expectations; print(time.perf_counter() - t)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def best(fn, rounds: int) -> tuple[float, float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--release", type=Path, default=REPO / "raw" / "2015-16-q2")
    args = parser.parse_args()

    import pipeline.flow as runner
    from pipeline.normalise.release import normalise_release
    from pipeline.core.release import load_release
    from pipeline.core.settings import Settings
    from pipeline.validate import ValidationReport, validate_release

    print(f"import great_expectations (fresh interpreter): {gx_import_seconds():.2f} s")

    settings = Settings()
    release = load_release(args.release)
    documents, _ = runner.extract_release(release, settings)
    year = runner.resolve_financial_year(release, documents)
    tables = normalise_release(release.id, year, documents)
    accounting = runner.accounting(documents)
    validate_release(release.id, year, tables, documents, accounting, settings)  # warm: GX imported

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        plain = best(lambda: validate_release(release.id, year, tables, documents, accounting, settings), args.rounds)
        docs = best(lambda: validate_release(release.id, year, tables, documents, accounting, settings,
                                             data_docs_dir=tmp / "docs"), args.rounds)
        report = validate_release(release.id, year, tables, documents, accounting, settings)
        print(f"validate_release, {report.evaluated} expectations over {len(report.checks)} check rows:")
        print(f"  without Data Docs: best {plain[0]:.2f} s, median {plain[1]:.2f} s")
        print(f"  with Data Docs:    best {docs[0]:.2f} s, median {docs[1]:.2f} s")

        def process(**options):
            return lambda: runner.process_release(args.release, tmp / "staged", tmp / "curated", settings,
                                                  reports_root=tmp / "reports", **options)

        with_docs = best(process(), args.rounds)
        without_docs = best(process(data_docs=False), args.rounds)
        import pipeline.validate as validate_module

        real = validate_module.validate_release
        checks = report.checks
        validate_module.validate_release = lambda release_id, *a, **k: ValidationReport(release_id, checks=checks)
        try:
            no_gate = best(process(), args.rounds)
        finally:
            validate_module.validate_release = real
        print("process_release of the sample release (best):")
        print(f"  no validation:                 {no_gate[0]:.2f} s")
        print(f"  validation without Data Docs:  {without_docs[0]:.2f} s (+{without_docs[0] - no_gate[0]:.2f} s)")
        print(f"  validation with Data Docs:     {with_docs[0]:.2f} s (+{with_docs[0] - no_gate[0]:.2f} s)")


if __name__ == "__main__":
    main()
