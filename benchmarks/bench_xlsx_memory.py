"""Peak memory of reading a long Excel sheet (issue 25 item 3: sheets stream row by row).

For each row count, a workbook of one sheet (a plan: 6 columns of text, a date and numbers, a
merged title and a hidden row) is written with openpyxl's write-only mode, then read by
pipeline.extract.xlsx_tables.read_xlsx_tables in a fresh Python process that reports its peak RSS
(VmHWM) beside that of the same process before reading, so the reader's own share shows.

    .venv/bin/python benchmarks/bench_xlsx_memory.py               # 10,000 and 100,000 rows
    .venv/bin/python benchmarks/bench_xlsx_memory.py --rows 1000 200000

Goal: memory grows with what the sheet holds (its cells' text), not with openpyxl's full model
(before: 3.5 GB for a 1,048,576-row plan).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

_READER = """
import sys, time
from pathlib import Path
from pipeline.extract.xlsx_tables import read_xlsx_tables
from pipeline.core.settings import Settings

def hwm():
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))

data = Path(sys.argv[1]).read_bytes()
before = hwm()
started = time.monotonic()
tables = read_xlsx_tables(data, "plan.xlsx", Settings())
seconds = time.monotonic() - started
print(before, hwm(), seconds, sum(len(t.lines) for t in tables))
"""


def write_workbook(path: Path, rows: int) -> None:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Plan")
    sheet.append(["Annex C: improvement plan"])
    sheet.append(["Activity", "Date", "Target audience", "Link to business plan", "Days", "Cost"])
    day = dt.date(2015, 4, 1)
    for n in range(rows):
        sheet.append([f"Peer challenge {n} (2 days)", day + dt.timedelta(days=n % 365),
                      f"Councillors ({n % 40})", "growth", n % 5 + 1, n * 12.5])
    workbook.save(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    print(f"{'rows':>9} {'file':>9} {'peak RSS':>10} {'reader':>10} {'seconds':>8} {'lines':>8}")
    with tempfile.TemporaryDirectory() as folder:
        for rows in args.rows:
            path = Path(folder) / f"plan-{rows}.xlsx"
            write_workbook(path, rows)
            started = time.monotonic()
            done = subprocess.run([sys.executable, "-c", _READER, str(path)], capture_output=True, text=True,
                                  check=False)
            if done.returncode != 0:
                raise SystemExit(f"reading {rows:,} rows failed: {done.stderr.strip()[-500:]}")
            before, peak, seconds, lines = done.stdout.split()
            print(f"{rows:>9,} {path.stat().st_size / 2**20:>7.1f}MB {int(peak) / 2**20:>8.0f}MB "
                  f"{(int(peak) - int(before)) / 2**20:>8.0f}MB {float(seconds):>8.1f} {int(lines):>8,}"
                  f"   (wall {time.monotonic() - started:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
