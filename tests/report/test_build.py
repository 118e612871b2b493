"""The release report: every activity named, both charts embedded as PNGs that decode, nothing
fetched from outside the file, checks/warnings/rejects shown, the same bytes every time."""

import base64
import html
import io
import re
from html.parser import HTMLParser

import pyarrow as pa
import pytest
from PIL import Image
from support import SAMPLE_RELEASE

from pipeline.report import load_release, render_report, write_report
from pipeline.report.build import (financial_year_of, release_warnings, running_totals,
                                   validation_summary)
from pipeline.report.data import CHECKS_TABLE, ReleaseTables
from pipeline.schema import REJECTS, to_arrow

RELEASE = SAMPLE_RELEASE.name
IMAGE = re.compile(r'<img alt="([^"]+)" src="data:image/png;base64,([A-Za-z0-9+/=]+)">')


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)


def page_text(page: str) -> str:
    parser = _Text()
    parser.feed(page)
    return "".join(parser.parts)


@pytest.fixture(scope="module")
def sample(sample_curated):
    return load_release(sample_curated, RELEASE)


@pytest.fixture(scope="module")
def page(sample):
    return render_report(sample)


def test_names_every_activity_and_deliverable(sample, page):
    text = page_text(page)
    activities = sample.rows("activities")
    assert len(activities) == 28
    for row in activities:
        assert row["activity"] in text
    for row in sample.rows("deliverables"):
        assert row["deliverable"] in text


def test_both_charts_are_embedded_pngs_that_decode(page):
    images = IMAGE.findall(page)
    assert [alt.split()[0] for alt, _ in images] == ["Timeline", "Delivered"]
    for _, data in images:
        image = Image.open(io.BytesIO(base64.b64decode(data, validate=True)))
        assert image.format == "PNG" and image.width > 800 and image.height > 400
    assert page.count("<img") == 2


def test_nothing_outside_the_file(page):
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"https?://", page)
    assert "<script" not in page and "<link" not in page and "@import" not in page
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', page))


def test_counts_warnings_and_undated_activities(sample, page):
    text = page_text(page)
    for name in ("activities", "deliverables", "deliverable_quarters", "rejects"):
        assert re.search(rf"{name}\s*{sample.tables[name].num_rows}\b", text), name
    undated = page.split("Activities with no readable date")[1].split("All activities")[0]
    assert "Heritage seminar (1 day)" in undated
    assert "Up to 3 more sport action learning sets, depending upon demand" in undated
    assert "Sport Academy" not in undated
    warnings = release_warnings(sample.record)
    assert all(w in text for w in warnings) and ("No warnings." in text) == (not warnings)
    assert ("No rejected lines." in text) == (sample.tables["rejects"].num_rows == 0)
    assert "Financial year 2015/16" in text


def test_same_bytes_every_time(sample_curated, sample, page, tmp_path):
    assert render_report(sample) == page
    first = write_report(sample_curated, RELEASE, tmp_path / "a")
    second = write_report(sample_curated, RELEASE, tmp_path / "b")
    assert first == tmp_path / "a" / RELEASE / "report.html"
    assert first.read_bytes() == second.read_bytes()


def with_tables(sample: ReleaseTables, record: dict | None = None, **tables) -> ReleaseTables:
    merged = {name: table for name, table in sample.tables.items() if name != CHECKS_TABLE}
    merged.update(tables)
    return ReleaseTables(sample.release, merged, record if record is not None else sample.record)


def checks_table(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=pa.schema([
        ("release", pa.string()), ("document", pa.string()), ("check", pa.string()),
        ("subject", pa.string()), ("stated", pa.float64()), ("computed", pa.float64()),
        ("outcome", pa.string()), ("detail", pa.string())]))


def test_checks_shown_with_problems_first_and_deliverables_by_name(sample):
    ident = sample.rows("deliverables")[0]["deliverable_id"]
    checks = checks_table([
        {"release": RELEASE, "document": "plan.txt", "check": "stated_total", "subject": "41 days",
         "stated": 41.0, "computed": 41.0, "outcome": "match", "detail": "sum of durations"},
        {"release": RELEASE, "document": "tracker.txt", "check": "pct_achieved", "subject": ident,
         "stated": 31.0, "computed": 30.5, "outcome": "mismatch", "detail": "total / target"},
    ])
    page = render_report(with_tables(sample, **{CHECKS_TABLE: checks}))
    section = page.split('id="checks"')[1].split('id="rejects"')[0]
    assert section.index("mismatch") < section.index(">match<")
    assert '<tr class="problem"><td>tracker.txt</td>' in section
    assert "Deliver at least 100 peer challenges" in section and "30.5" in section
    assert "match: 1" in section and "mismatch: 1" in section


def test_without_a_checks_table_it_says_so(sample):
    page = render_report(with_tables(sample))
    assert "This release has no checks table." in page


def test_rejects_and_warnings_shown_escaped(sample):
    rejects = to_arrow(REJECTS, [{"release": RELEASE, "source_file": "plan.txt", "source_page": 2,
                                  "line": 40, "family": "plan", "text": "<b>stray</b> & line",
                                  "reason": "fits no row role"}])
    page = render_report(with_tables(sample, {"warnings": ["plan.txt: ignored a table"]},
                                     rejects=rejects))
    assert html.escape("<b>stray</b> & line") in page and "<b>stray" not in page
    assert "fits no row role" in page and "plan.txt: ignored a table" in page


def test_financial_year_from_the_tracker_else_from_activity_dates(sample):
    import datetime as dt

    assert str(financial_year_of(sample.rows("deliverables"), [])) == "2015/16"
    activities = [{"date_start": dt.date(2017, 2, 1)}, {"date_start": dt.date(2016, 5, 1)},
                  {"date_start": dt.date(2016, 9, 1)}, {"date_start": None}]
    assert str(financial_year_of([], activities)) == "2016/17"
    assert financial_year_of([], [{"date_start": None}]) is None


def test_validation_summary_and_warnings_from_the_publish_record():
    record = {"warnings": ["a", "b"], "validation": {"outcome": "passed", "evaluated": 129,
                                                     "critical": [], "warnings": ["b", "c"]}}
    assert validation_summary(record) == "passed (129 expectations, 0 critical failures, 2 warnings)"
    assert release_warnings(record) == ["a", "b", "c"]
    assert validation_summary({}) == "not recorded" and release_warnings({}) == []


def test_running_totals_come_from_the_checks(sample):
    ident = sample.rows("deliverables")[0]["deliverable_id"]
    checks = checks_table([
        {"release": RELEASE, "document": "t.txt", "check": "quarters_vs_total", "subject": ident,
         "stated": 5.0, "computed": 5.0, "outcome": "cumulative", "detail": ""},
        {"release": RELEASE, "document": "t.txt", "check": "quarters_vs_total", "subject": "other",
         "stated": 5.0, "computed": 5.0, "outcome": "additive", "detail": ""}])
    assert running_totals(with_tables(sample, **{CHECKS_TABLE: checks})) == {ident}
    assert running_totals(with_tables(sample)) == frozenset()


def test_a_release_of_one_family_only(sample):
    empty = {name: sample.tables[name].schema.empty_table()
             for name in ("activities", "deliverables", "deliverable_quarters")}
    page = render_report(with_tables(sample, **empty))
    assert "No activities in this release." in page and "No deliverables in this release." in page
    assert "No dated activities to draw." in page and "<img" not in page
    only_plan = render_report(with_tables(sample, deliverables=empty["deliverables"],
                                          deliverable_quarters=empty["deliverable_quarters"]))
    assert [alt.split()[0] for alt, _ in IMAGE.findall(only_plan)] == ["Timeline"]
    assert "Financial year 2015/16" in page_text(only_plan)  # from the activities' dates
