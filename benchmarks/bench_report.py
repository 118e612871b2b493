"""Peak memory and time of `annex report` on a generated 10,000-row plan (issue 16 case 5: the
timeline was a 1,308 x 271,324 pixel PNG and the run took about 4 GB).

    python benchmarks/bench_report.py [--rows 10000] [--keep DIR]

Writes a release whose plan dump has --rows activities (dates over the financial year, every
status, some text with dollar signs and markup), publishes it with pipeline.runner.process_release
(no Data Docs), then runs `annex report` in a child process and prints its peak resident memory
(VmHWM of the child, Linux), its time, the page's size and the timeline's pixel size. Goal: peak
under 500 MB.
"""

from __future__ import annotations

import argparse
import base64
import io
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Runs `annex report` and prints its exit code and peak resident memory in KiB: VmHWM, the
# high-water mark of this process's own memory since exec (ru_maxrss would carry over the RSS of
# the process it was forked from, e.g. a test runner or this benchmark after publishing).
MEASURE = """
import sys
from pipeline.cli import main
code = main(sys.argv[1:])
peak = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(code, peak)
"""
STATUSES = ("", " - CONFIRMED", " - completed", " TBC", " - cancelled")
MONTHS = ("April", "May", "June", "July", "August", "September", "October", "November",
          "December", "January", "February", "March")


def plan_dump(rows: int) -> str:
    lines = ["Annex C: improvement plan 2015/16", "Activity\tDate\tTarget audience\tLink to business plan"]
    for n in range(rows):
        day = 1 + n % 28
        month = MONTHS[n % 12]
        text = f"Activity {n} for councils on $5 budgets [bold] (1 day)" if n % 50 == 0 else \
            f"Leadership session {n}: workforce and finance (1 day)"
        lines.append(f"{text}\t{day} {month}{STATUSES[n % len(STATUSES)]}\tSport PHs ({n % 30 + 1})\tsector support")
    lines.append("KEY PH = portfolio holder")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and keep it")
    args = parser.parse_args()
    from pipeline.flow import process_release

    with tempfile.TemporaryDirectory() as temporary:
        root = args.keep or Path(temporary)
        folder = root / "raw" / "bench-report"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "plan.txt").write_text(plan_dump(args.rows), encoding="utf-8")
        (folder / "release.yaml").write_text(
            'title: report benchmark\nfinancial_year: "2015/16"\ndocuments:\n  - file: plan.txt\n', encoding="utf-8")
        started = time.perf_counter()
        result = process_release(folder, root / "staged", root / "curated", data_docs=False)
        print(f"published {result.published.get('activities', 0):,} activities in "
              f"{time.perf_counter() - started:.1f} s (exit {int(result.exit_code)})")
        started = time.perf_counter()
        report = subprocess.run([sys.executable, "-c", MEASURE, "report", "--curated", str(root / "curated"),
                                 "--output", str(root / "reports")], capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if report.returncode or report.stdout.split()[-2:-1] != ["0"]:
            sys.exit(f"annex report failed: {report.stderr}")
        peak_mib = int(report.stdout.split()[-1]) / 1024
        page = (root / "reports" / "bench-report" / "report.html").read_text(encoding="utf-8")
        from PIL import Image

        images = [Image.open(io.BytesIO(base64.b64decode(b))).size
                  for b in re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)]
        print(f"annex report: {seconds:.1f} s, peak resident memory {peak_mib:,.0f} MiB "
              f"(goal < 500 MB: {'met' if peak_mib * 2**20 < 500e6 else 'NOT met'})")
        print(f"report.html: {len(page) / 2**20:.1f} MiB, {page.count('<tr>'):,} table rows; "
              f"images (w x h px): {', '.join(f'{w} x {h}' for w, h in images)}")


if __name__ == "__main__":
    main()
