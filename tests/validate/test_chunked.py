"""validate_releases (one Great Expectations run per table for many releases) gives every release
the report validate_release gives it alone, broken releases included."""

import datetime as dt

import pyarrow as pa
import pytest
from support import SAMPLE_RELEASE

from pipeline.core.fiscal import FinancialYear
from pipeline.core.release import load_release
from pipeline.core.settings import Settings
from pipeline.flow import accounting, extract_release, resolve_financial_year
from pipeline.normalise.release import normalise_release
from pipeline.schema import CURATED_TABLES, to_arrow
from pipeline.validate import ReleaseTables, gx_adapter, validate_release, validate_releases
from pipeline.validate.chunked import group_key, is_row_level, parameters_used
from pipeline.validate.suites import load_suites


@pytest.fixture(scope="module")
def sample():
    release = load_release(SAMPLE_RELEASE)
    documents, _ = extract_release(release, Settings())
    year = resolve_financial_year(release, documents)
    return year, normalise_release(release.id, year, documents), documents


def release(sample, release_id, edits=None, year=None):
    """The sample release under another id, each table's records passed through edits[table]."""
    sample_year, tables, documents = sample
    out = {}
    for name, table in tables.items():
        records = [{**r, "release": release_id} for r in table.to_pylist()]
        if edits and name in edits:
            records = edits[name](records)
        out[name] = to_arrow(CURATED_TABLES[name], records)
    return ReleaseTables(release_id, year or sample_year, out, documents, accounting(documents))


def _set(index, **values):
    def edit(records):
        records[index].update(values)
        return records
    return edit


def _rejected_line(release_id):
    def edit(records):
        return [{"release": release_id, "source_file": "annex-c-cts-improvement-plan.txt", "source_page": 1,
                 "line": 99, "family": "plan", "text": "stray words", "reason": "not a row of the table"}]
    return edit


def alone(item):
    return validate_release(item.release, item.financial_year, item.tables, item.documents, item.accounting)


def comparable(report):
    return (report.release, report.evaluated, report.outcomes, [f.message for f in report.findings],
            report.checks)


def broken_batch(sample):
    return [
        release(sample, "good-1"),
        release(sample, "row-level", {"activities": _set(3, audience_size=0)}),
        release(sample, "duplicate-key", {"activities": _set(2, row_number=1)}),
        release(sample, "quarter-missing", {"deliverable_quarters": lambda r: r[:-1]}),
        release(sample, "document-missing", {
            "activities": lambda r: [{**x, "source_file": "other.txt"} for x in r]}),
        release(sample, "rejected-line", {"rejects": _rejected_line("rejected-line")}),
        release(sample, "other-year", year=FinancialYear.parse("2016/17")),
        release(sample, "good-2"),
    ]


def test_every_release_gets_its_own_report(sample):
    items = broken_batch(sample)
    together = validate_releases(items)
    for item, report in zip(items, together):
        assert comparable(report) == comparable(alone(item)), item.release
    verdicts = {r.release: r.ok for r in together}
    assert verdicts == {"good-1": True, "row-level": False, "duplicate-key": False, "quarter-missing": False,
                        "document-missing": False, "rejected-line": True, "other-year": False, "good-2": True}
    by_release = {r.release: r for r in together}
    assert any("four rows per deliverable" in f.message for f in by_release["quarter-missing"].critical)
    assert any("every plan document" in f.message for f in by_release["document-missing"].critical)
    assert any("no source line rejected" in f.message for f in by_release["rejected-line"].warnings)
    assert not any("no source line rejected" in f.message for f in by_release["good-2"].warnings)


def test_the_failing_rows_are_the_releases_own(sample):
    items = [release(sample, "a"), release(sample, "b", {"activities": _set(3, audience_size=0)})]
    a, b = validate_releases(items)
    assert not [f for f in a.critical]
    assert [f.message for f in b.critical] == [
        "activities: audience_size >= 1: failed on row_number 4 [expect_column_values_to_be_between]"]


def test_one_run_per_group_of_releases_sharing_a_year(sample, monkeypatch):
    calls = []
    real = gx_adapter.run_suites

    def counted(frames, *args, **kwargs):
        calls.append({name: len(frame) for name, frame in frames.items()})
        return real(frames, *args, **kwargs)

    monkeypatch.setattr(gx_adapter, "run_suites", counted)
    items = [release(sample, f"r{i}") for i in range(4)] + [
        release(sample, f"y{i}", year=FinancialYear.parse("2016/17")) for i in range(2)]
    validate_releases(items)
    activities = sample[1]["activities"].num_rows
    assert sorted(c["activities"] for c in calls) == [2 * activities, 4 * activities]


def test_tables_that_cannot_be_put_together_are_validated_one_by_one(sample):
    good = release(sample, "good")
    wrong = release(sample, "wrong-type")
    tables = dict(wrong.tables)
    column = tables["activities"].schema.get_field_index("source_page")
    tables["activities"] = tables["activities"].set_column(  # int64 where the schema says int32
        column, "source_page", tables["activities"].column(column).cast(pa.int64()))
    wrong = ReleaseTables(wrong.release, wrong.financial_year, tables, wrong.documents, wrong.accounting)
    together = validate_releases([good, wrong])
    assert [comparable(r) for r in together] == [comparable(alone(good)), comparable(alone(wrong))]
    assert together[0].ok and not together[1].ok


def test_rules_are_sorted_into_row_level_and_whole_release():
    suites = load_suites()
    kinds = {item["meta"]["rule"]: is_row_level(item) for suite in suites.values()
             for item in suite["expectations"]}
    assert kinds["audience_size >= 1"] and kinds["(release, row_number) is unique"]
    assert not kinds["four rows per deliverable"]
    assert not kinds["at least one row from every plan document"]
    assert parameters_used({"a": [{"$PARAMETER": "x"}], "b": {"$PARAMETER": "y"}, "c": 1}) == {"x", "y"}


def test_the_group_key_is_the_row_level_rules_parameters():
    suites = load_suites()
    base = {"date_min": "2015-03-18", "date_max": "2016-04-14", "year_start": "2015-04-01",
            "year_end": "2016-03-31", "financial_years": ["2015/16"], "quarter_rows": 68,
            "plan_documents": ["a.txt"], "tracker_documents": ["b.txt"]}
    assert group_key(base, suites) == group_key({**base, "quarter_rows": 4, "plan_documents": []}, suites)
    assert group_key(base, suites) != group_key({**base, "date_min": dt.date(2016, 3, 18).isoformat()}, suites)


def test_good_releases_cost_the_same_expectations_however_many(sample, monkeypatch):
    """The screen clears whole-release rules that surely hold: GX evaluates each once for all
    such releases, so the chunk's suites do not grow with the number of good releases."""
    sizes = []
    real = gx_adapter.run_suites

    def counted(frames, suites, *args, **kwargs):
        sizes.append(sum(len(suite["expectations"]) for suite in suites.values()))
        return real(frames, suites, *args, **kwargs)

    monkeypatch.setattr(gx_adapter, "run_suites", counted)
    validate_releases([release(sample, f"r{i}") for i in range(2)])
    validate_releases([release(sample, f"r{i}") for i in range(6)])
    validate_releases([release(sample, f"r{i}") for i in range(5)]
                      + [release(sample, "short", {"deliverable_quarters": lambda r: r[:-1]})])
    assert sizes[0] == sizes[1]
    assert sizes[2] == sizes[1] + 1  # the release the screen cannot clear gets its own evaluation
