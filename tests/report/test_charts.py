"""Chart functions: PNGs of a size that grows with the rows, the same bytes for the same rows,
labels cut to fit, undrawable activities left out of the timeline."""

import datetime as dt
import io

from PIL import Image

from pipeline.core.fiscal import FinancialYear
from pipeline.report.charts import (STATUS_COLOURS, dated_activities, delivery_png,
                                    quarter_increments, short_label, timeline_png,
                                    undated_activities)
from pipeline.report.browser import colours_in

YEAR = FinancialYear(2015)


def activity(row, start, end=None, precision="day", status="confirmed", text="Seminar (1 day)"):
    return {"row_number": row, "activity": text, "date_start": start, "date_end": end or start,
            "date_precision": precision, "status": status}


def size(png: bytes) -> tuple[int, int]:
    return Image.open(io.BytesIO(png)).size


def test_short_label_wraps_and_cuts():
    assert short_label("Sport Academy (2days)") == "Sport Academy (2days)"
    label = short_label("word " * 40, width=20, lines=2)
    assert label.count("\n") == 1 and label.endswith("…")
    assert all(len(line) <= 20 for line in label.split("\n"))


def test_timeline_grows_with_rows_and_is_deterministic(tmp_path):
    few = [activity(1, dt.date(2015, 5, 1))]
    many = [activity(i, dt.date(2015, 5, i)) for i in range(1, 31)]
    assert size(timeline_png(many, YEAR))[1] > size(timeline_png(few, YEAR))[1] + 400
    assert timeline_png(many, YEAR) == timeline_png(many, YEAR)


def test_timeline_colours_bars_by_status(tmp_path):
    rows = [activity(1, dt.date(2015, 6, 1), dt.date(2015, 6, 30), "month", "completed"),
            activity(2, dt.date(2015, 9, 10), dt.date(2015, 9, 11), "day_range", "tbc")]
    path = tmp_path / "timeline.png"
    path.write_bytes(timeline_png(rows, YEAR))
    found = colours_in(path, set(STATUS_COLOURS.values()))
    assert found >= {STATUS_COLOURS["completed"], STATUS_COLOURS["tbc"]}
    # the legend shows only statuses present... and planned/confirmed are absent
    assert STATUS_COLOURS["confirmed"] not in found


def test_undated_activities_are_not_drawn_but_kept_apart():
    rows = [activity(2, None, None, "unknown"), activity(1, dt.date(2015, 5, 1))]
    assert [a["row_number"] for a in dated_activities(rows)] == [1]
    assert [a["row_number"] for a in undated_activities(rows)] == [2]
    assert size(timeline_png(rows, YEAR))[0] > 800


def test_delivery_chart_handles_missing_targets_and_overshoot():
    deliverables = [
        {"row_number": 1, "deliverable_id": "a", "deliverable": "Ten of ten", "theme": "T",
         "target": 10, "total": 10},
        {"row_number": 2, "deliverable_id": "b", "deliverable": "No target", "theme": "T",
         "target": None, "total": 3},
        {"row_number": 3, "deliverable_id": "c", "deliverable": "Six hundred percent", "theme": "U",
         "target": 10, "total": 60},
    ]
    quarters = [{"deliverable_id": d, "quarter": q, "delivered": n}
                for d, q, n in [("a", 1, 4), ("a", 2, 6), ("b", 1, 3), ("c", 2, 60), ("c", 3, None)]]
    png = delivery_png(deliverables, quarters)
    assert size(png)[0] > 800 and png == delivery_png(deliverables, quarters)


def test_quarter_increments_of_running_totals():
    assert quarter_increments([5, 5, None, None], cumulative=True) == [5, 0, 0, 0]
    assert quarter_increments([2, 3, None, 7], cumulative=True) == [2, 1, 0, 4]
    assert quarter_increments([5, 5, None, None], cumulative=False) == [5, 5, 0, 0]
    assert quarter_increments([None, 98, None, None], cumulative=True) == [0, 98, 0, 0]
