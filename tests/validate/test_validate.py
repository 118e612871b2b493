"""validate_release on the sample release's tables, and on tables broken on purpose."""

import datetime as dt

import pytest
from support import SAMPLE_RELEASE

from pipeline.core.errors import ExitCode, ValidationFailed
from pipeline.core.release import load_release
from pipeline.core.settings import Settings
from pipeline.flow import ReleaseResult, extract_release, resolve_financial_year
from pipeline.normalise.release import normalise_release
from pipeline.schema import CURATED_TABLES, to_arrow
from pipeline.validate import validate_release


@pytest.fixture(scope="module")
def sample():
    release = load_release(SAMPLE_RELEASE)
    documents, _ = extract_release(release, Settings())
    year = resolve_financial_year(release, documents)
    tables = normalise_release(release.id, year, documents)
    accounting = ReleaseResult(release.id, SAMPLE_RELEASE, documents=documents).accounting()
    return release.id, year, tables, documents, accounting


def validate(sample, tables=None, accounting=None, **kwargs):
    release, year, sample_tables, documents, sample_accounting = sample
    return validate_release(release, year, tables or sample_tables, documents,
                            accounting or sample_accounting, **kwargs)


def edited(sample, table, edit):
    """The sample tables with `edit(records)` applied to one table's records."""
    tables = dict(sample[2])
    records = tables[table].to_pylist()
    edit(records)
    tables[table] = to_arrow(CURATED_TABLES[table], records)
    return tables


def test_sample_release_validates_with_its_true_warnings(sample):
    report = validate(sample)
    assert report.ok and report.error() is None
    assert report.evaluated == sum(len(s["expectations"]) for s in __import__(
        "pipeline.validate.suites", fromlist=["x"]).load_suites().values())
    messages = [w.message for w in report.warnings]
    # two activities have no readable date; the plan says 41 days where its rows add up to 40
    assert any("date_start known" in m and "row_number 20, 28" in m for m in messages)
    days = next(m for m in messages if "stated_total" in m)
    assert "states 41 days" in days and "give 40" in days
    assert len(messages) == 2
    checks = report.checks.to_pylist()
    by_subject = {c["subject"]: c for c in checks if c["check"] == "stated_total"}
    councillors = by_subject["over 200 councillors involved"]
    assert (councillors["stated"], councillors["computed"], councillors["outcome"]) == (200.0, 206.0, "match")
    assert sum(c["check"] == "quarters_vs_total" for c in checks) == 17
    assert {c["outcome"] for c in checks if c["check"] == "quarters_vs_total"} == {"additive", "cumulative"}
    assert report.to_dict()["outcome"] == "passed"


def _critical(report):
    return [f.message for f in report.critical]


def test_an_end_before_its_start_is_critical_and_names_the_row(sample):
    def swap(records):
        records[2]["date_start"], records[2]["date_end"] = dt.date(2015, 5, 24), dt.date(2015, 5, 23)

    report = validate(sample, edited(sample, "activities", swap))
    assert not report.ok
    assert any("date_start <= date_end" in m and "row_number 3" in m for m in _critical(report))
    error = report.error()
    assert isinstance(error, ValidationFailed) and error.exit_code is ExitCode.VALIDATION_FAILED
    assert "row_number 3" in error.message and "nothing published" in error.message


def test_a_date_in_the_wrong_year_is_critical(sample):
    def move(records):
        records[4]["date_start"] = records[4]["date_end"] = dt.date(2017, 6, 1)

    report = validate(sample, edited(sample, "activities", move))
    assert any("inside the financial year" in m and "row_number 5" in m for m in _critical(report))


def test_the_date_margin_is_a_setting(sample):
    def early(records):
        records[0]["date_start"] = records[0]["date_end"] = dt.date(2015, 3, 20)  # 12 days before

    tables = edited(sample, "activities", early)
    assert validate(sample, tables).ok  # default margin: 31 days
    assert not validate(sample, tables, settings=Settings(date_margin_days=5)).ok


def test_a_negative_count_is_critical(sample):
    def negative(records):
        records[1]["delivered"] = -8

    report = validate(sample, edited(sample, "deliverable_quarters", negative))
    [message] = _critical(report)
    assert "delivered >= 0" in message and records_id(sample, 1) in message


def records_id(sample, index):
    row = sample[2]["deliverable_quarters"].to_pylist()[index]
    return f"({row['deliverable_id']}, {row['quarter']})"


def test_a_duplicate_key_is_critical(sample):
    def duplicate(records):
        records[6]["row_number"] = records[5]["row_number"]

    report = validate(sample, edited(sample, "activities", duplicate))
    assert any("(release, row_number) is unique" in m and "row_number 6" in m for m in _critical(report))


def test_out_of_set_values_and_impossible_numbers_are_critical(sample):
    def bad(records):
        records[0]["status"] = "postponed"
        records[1]["audience_size"] = 0

    report = validate(sample, edited(sample, "activities", bad))
    messages = _critical(report)
    assert any("status is a known status" in m and "row_number 1" in m for m in messages)
    assert any("audience_size >= 1" in m and "row_number 2" in m for m in messages)


def test_a_target_of_zero_is_critical_and_a_huge_pct_a_warning(sample):
    def bad(records):
        records[0]["target"] = 0
        records[1]["pct_achieved"] = 5000.0

    report = validate(sample, edited(sample, "deliverables", bad))
    assert any("target > 0" in m and "row_number 1" in m for m in _critical(report))
    assert any("pct_achieved <= 1000" in w.message and "row_number 2" in w.message for w in report.warnings)


def test_a_wrong_column_type_is_critical(sample):
    tables = dict(sample[2])
    tables["activities"] = tables["activities"].set_column(
        7, "date_start", tables["activities"]["date_start"].cast("string"))
    assert any("date_start is date32" in m for m in _critical(validate(sample, tables)))


def test_unbalanced_row_accounting_is_critical(sample):
    accounting = [dict(row) for row in sample[4]]
    accounting[0]["input_lines"] += 1
    report = validate(sample, accounting=accounting)
    [message] = _critical(report)
    assert "row_accounting" in message and sample[3][0].source in message


def test_lines_of_a_document_left_out_of_its_tables_are_critical(sample):
    """The accounting counts the lines the reader gave for the whole document, not the lines the
    family tables kept: a table (here the last three lines) left out makes it unbalanced."""
    from dataclasses import replace

    documents = list(sample[3])
    documents[0] = replace(documents[0], lines=documents[0].lines[:-3])
    (account, *_) = ReleaseResult(sample[0], SAMPLE_RELEASE, documents=documents).accounting()
    assert account["input_lines"] == len(sample[3][0].lines) and not account["balanced"]
    [message] = _critical(validate(sample, accounting=[account, *sample[4][1:]]))
    lines, kept = len(sample[3][0].lines), len(sample[3][0].lines) - 3
    assert "row_accounting" in message and f"{lines} input lines against" in message
    assert account["data_rows"] + account["continuation_lines"] + account["classified_lines"] == kept


def test_a_document_without_rows_is_critical(sample):
    report = validate(sample, edited(sample, "activities", lambda records: records.clear()))
    assert any("at least one row from every plan document" in m for m in _critical(report))


def test_data_docs_summary_names_every_suite_and_the_failure_offline(sample, tmp_path):
    def swap(records):
        records[2]["date_end"] = dt.date(2015, 5, 1)

    docs = tmp_path / "reports" / "2015-16-q2" / "data-docs"
    report = validate(sample, edited(sample, "activities", swap), data_docs_dir=docs)
    assert report.data_docs == docs / "summary.html"
    page = report.data_docs.read_text(encoding="utf-8")
    assert "<script" not in page and "http" not in page.replace('href="validations', "")  # offline
    for suite in CURATED_TABLES:
        assert f">{suite}</a>" in page  # linked to GX's page of that suite
    assert "date_start &lt;= date_end" in page and "row_number 3" in page
    assert "Verdict: failed" in page
    assert str(report.data_docs) in report.error().message
