"""The gate in the release flow: a release failing a critical expectation publishes nothing, curated/
keeps its previous version byte for byte, and the result says what failed; warnings publish."""

import datetime as dt
import hashlib

import pytest

import pipeline.flow as flow
from pipeline.core.errors import ExitCode, ValidationFailed
from pipeline.flow import process_release
from pipeline.schema import CURATED_TABLES, to_arrow
from generators.annex_pdf import TableSpec
from generators.text_dumps import write_text_dump

PLAN_HEADER = (("Activity", "Date", "Target audience", "Link to business plan"),)
TRACKER_HEADER = (
    ("Theme", "Deliverables", "2015/16 Target", "Number delivered per quarter", "", "", "", "Total",
     "% achieved", "Commentary/forecast"),
    ("", "", "", "Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar", "", "", ""))


def snapshot(root):
    """Every file under root with its content hash (hidden files included)."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def plan(*rows):
    return write_text_dump(TableSpec(title=("Annex C plan",), header_rows=PLAN_HEADER, rows=rows))


def tracker(*rows):
    return write_text_dump(TableSpec(title=(), header_rows=TRACKER_HEADER, rows=rows))


GOOD_PLAN = (("Sport academy (2 days)", "14/15 May - completed", "Sport PHs (15)", "growth"),
             ("Culture seminar (1 day)", "12 September", "Culture PHs (20)", "growth"))
GOOD_TRACKER = (("Housing", "", "", "", "", "", "", "", "", ""),
                ("", "Help councils build homes", "10", "2", "3", "", "", "5", "50%", ""))


@pytest.fixture
def published(make_release, tmp_path):
    """A release published once in good shape; returns (write-a-new-version, curated root)."""
    curated = tmp_path / "curated"

    def version(plan_rows=GOOD_PLAN, tracker_rows=GOOD_TRACKER):
        folder = tmp_path / "raw" / "r1"
        for name, text in (("plan.txt", plan(*plan_rows)), ("tracker.txt", tracker(*tracker_rows))):
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
        return folder

    folder = make_release("r1", {"plan.txt": plan(*GOOD_PLAN), "tracker.txt": tracker(*GOOD_TRACKER)})
    first = process_release(folder, tmp_path / "staged", curated)
    assert first.ok, first.error
    # every table is published, rejects with zero rows (issue 22: each table exists from the first publish)
    assert first.published["rejects"] == 0
    assert {k for k, rows in first.published.items() if rows} == {"activities", "deliverables",
                                                                   "deliverable_quarters", "checks"}
    return version, curated


def assert_stopped(result, curated, before, *expected):
    assert result.exit_code is ExitCode.VALIDATION_FAILED and not result.ok
    assert isinstance(result.error, ValidationFailed) and result.published == {}
    for text in expected:
        assert text in result.error.message, result.error.message
    assert snapshot(curated) == before  # byte for byte: the previous version stays


def test_a_date_in_the_wrong_year_stops_the_release(published, tmp_path):
    version, curated = published
    before = snapshot(curated)
    folder = version(plan_rows=GOOD_PLAN + (("Late summit (1 day)", "14 May 2017", "Culture PHs (9)", "growth"),))
    result = process_release(folder, tmp_path / "staged", curated)
    assert_stopped(result, curated, before, "inside the financial year", "row_number 3")


def test_a_negative_count_in_the_document_stops_the_release(published, tmp_path):
    version, curated = published
    before = snapshot(curated)
    folder = version(tracker_rows=GOOD_TRACKER[:1] + (
        ("", "Help councils build homes", "10", "2", "-3", "", "", "5", "50%", ""),))
    result = process_release(folder, tmp_path / "staged", curated)
    assert_stopped(result, curated, before, "no count printed below zero", ", 2)")


@pytest.mark.parametrize("table, edit, expected", [
    ("activities", lambda r: r[0].update(date_start=dt.date(2015, 5, 16)), "date_start <= date_end"),
    ("activities", lambda r: r[1].update(row_number=1), "(release, row_number) is unique"),
    ("deliverable_quarters", lambda r: r[0].update(delivered=-2), "delivered >= 0"),
])
def test_broken_normalised_tables_stop_the_release(published, tmp_path, monkeypatch, table, edit, expected):
    version, curated = published
    before = snapshot(curated)
    real = flow.normalise_release

    def broken(*args):
        tables = real(*args)
        records = tables[table].to_pylist()
        edit(records)
        tables[table] = to_arrow(CURATED_TABLES[table], records)
        return tables

    monkeypatch.setattr(flow, "normalise_release", broken)
    result = process_release(version(), tmp_path / "staged", curated)
    assert_stopped(result, curated, before, expected)
    assert result.validation is not None and not result.validation.ok


def test_warnings_publish_and_are_listed(published, tmp_path):
    version, curated = published
    folder = version(tracker_rows=GOOD_TRACKER[:1] + (
        ("", "Help councils build homes", "10", "2", "3", "", "", "9", "90%", ""),))  # 9 is not 2 + 3
    result = process_release(folder, tmp_path / "staged", curated)
    assert result.ok, result.error
    assert result.published["deliverables"] == 1
    [warning] = [w for w in result.warnings if "quarters_vs_total" in w]
    assert "neither the sum (5)" in warning
    [check] = [c for c in result.checks if c["check"] == "quarters_vs_total"]
    assert (check["stated"], check["computed"], check["outcome"]) == (9.0, 5.0, "inconsistent")


def test_sample_release_publishes_checks_and_data_docs(sample_release, tmp_path):
    result = process_release(sample_release, tmp_path / "staged", tmp_path / "curated")
    assert result.ok, result.error
    assert result.published["checks"] == len(result.checks) > 0
    docs = tmp_path / "reports" / "2015-16-q2" / "data-docs"
    assert result.validation.data_docs == docs / "summary.html" and (docs / "index.html").is_file()
    assert any("states 41 days" in w for w in result.warnings)
    assert result.validation.to_dict()["outcome"] == "passed"


def test_data_docs_can_go_elsewhere_or_be_skipped(sample_release, tmp_path):
    result = process_release(sample_release, tmp_path / "staged", tmp_path / "curated",
                             reports_root=tmp_path / "elsewhere")
    assert (tmp_path / "elsewhere" / "2015-16-q2" / "data-docs" / "summary.html").is_file()
    skipped = process_release(sample_release, tmp_path / "staged", tmp_path / "curated2", data_docs=False)
    assert skipped.ok and skipped.validation.data_docs is None
    assert result.ok and not (tmp_path / "reports").exists()


def test_a_release_of_one_family_validates_its_empty_tables(make_release, tmp_path):
    folder = make_release("plan-only", {"plan.txt": plan(*GOOD_PLAN)})
    result = process_release(folder, tmp_path / "staged", tmp_path / "curated")
    assert result.ok, result.error
    assert {k for k, rows in result.published.items() if rows} == {"activities", "checks"}
    assert result.published["deliverables"] == result.published["deliverable_quarters"] == 0
    assert not [o for o in result.validation.outcomes if o.table == "deliverables" and o.failed]
