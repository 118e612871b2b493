"""Issue 16 case 5: `annex report` on a 10,000-row plan stays bounded. Over MAX_TIMELINE_ROWS
dated activities the timeline is one fixed-size chart (activities per month by status) instead of
one bar each (a 1,308 x 271,324 pixel PNG and ~4 GB before); every activity stays in the table;
peak memory under 500 MB (benchmarks/bench_report.py prints the same figures)."""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
import subprocess
import sys

from PIL import Image

from pipeline.core.fiscal import FinancialYear
from pipeline.report.charts import MAX_TIMELINE_ROWS, timeline_png

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2] / "benchmarks"))
from bench_report import plan_dump  # noqa: E402
from bench_report import MEASURE  # noqa: E402  (prints the exit code and peak RSS of annex report)


def size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


def activity(row: int, day: dt.date, status: str = "confirmed") -> dict:
    return {"row_number": row, "activity": f"Seminar {row}", "date_start": day, "date_end": day,
            "date_precision": "day", "status": status}


def test_a_long_plan_is_summarised_in_a_chart_of_fixed_size():
    year = FinancialYear(2015)
    start = dt.date(2015, 4, 1)
    few = [activity(i, start + dt.timedelta(days=i % 365)) for i in range(1, MAX_TIMELINE_ROWS + 1)]
    many = [activity(i, start + dt.timedelta(days=i % 365), ("confirmed", "tbc")[i % 2])
            for i in range(1, 10_001)]
    per_bar = size(timeline_png(few, year))  # at the limit: one bar each, tall
    summary = size(timeline_png(many, year))
    assert per_bar[1] > 2_000
    assert summary[1] < 800 and summary[0] < 1_600
    other = size(timeline_png(many[:2_000], year))  # the same size whatever the count
    assert other[1] == summary[1] and abs(other[0] - summary[0]) < 50


def test_report_of_a_10000_row_plan_is_bounded(ws, tmp_path):
    ws.write_release("2015-16-q4", {"plan.txt": plan_dump(10_000)})
    run = ws.cli("run", "--no-data-docs")
    assert run.code == 0, run.err
    out = tmp_path / "reports"
    report = subprocess.run([sys.executable, "-c", MEASURE, "report", "--curated", str(ws.curated),
                             "--output", str(out)], capture_output=True, text=True, timeout=300)
    code, peak_kib = map(int, report.stdout.split()[-2:])
    assert code == 0, report.stderr
    assert peak_kib * 1024 < 500e6, f"peak {peak_kib / 1024:.0f} MiB"
    page = (out / "2015-16-q4" / "report.html").read_text(encoding="utf-8")
    assert len(page) < 10 * 2**20
    images = [size(base64.b64decode(b)) for b in re.findall(r'src="data:image/png;base64,([^"]+)"', page)]
    assert images and all(w * h < 2_000_000 for w, h in images), images
    rows = re.findall(r'<tr><td class="n">(\d+)</td><td>Leadership session|<tr><td class="n">(\d+)</td><td>Activity', page)
    assert len(rows) == 10_000  # every activity listed in the table
    assert "10,000 dated activities: too many to draw one per line" in page


def test_a_long_tracker_draws_its_first_deliverables_and_lists_them_all():
    from pipeline.report.build import render_report
    from pipeline.report.charts import MAX_DELIVERY_ROWS
    from pipeline.report.data import ReleaseTables
    from pipeline.schema import ACTIVITIES, DELIVERABLE_QUARTERS, DELIVERABLES, REJECTS, to_arrow

    deliverables = [{"release": "r", "source_file": "t.txt", "source_page": 1, "row_number": n,
                     "financial_year": "2015/16", "theme": "Housing", "deliverable_id": f"d{n}",
                     "deliverable": f"Deliverable {n} $x$", "target": 10, "total": 5,
                     "pct_achieved": 50.0, "commentary": None, "flags": []} for n in range(1, 1_001)]
    tables = {"activities": to_arrow(ACTIVITIES, []), "deliverables": to_arrow(DELIVERABLES, deliverables),
              "deliverable_quarters": to_arrow(DELIVERABLE_QUARTERS, []), "rejects": to_arrow(REJECTS, [])}
    page = render_report(ReleaseTables("r", tables, {}))
    assert f"The chart draws the first {MAX_DELIVERY_ROWS} of 1,000 deliverables" in page
    assert page.count("Deliverable 1000 $x$") == 1 and page.count("<td>Deliverable ") == 1_000
    (png,) = [size(base64.b64decode(b)) for b in re.findall(r'src="data:image/png;base64,([^"]+)"', page)]
    assert png[1] < 0.5 * 110 * (MAX_DELIVERY_ROWS + 10)  # about 200 bars tall, not 1,000
