"""The suites: built from the schema, saved in expectations/ exactly as the code builds them."""

import json
from dataclasses import replace

import pyarrow as pa
import pytest
from support import REPO

from pipeline.core.fiscal import FinancialYear
from pipeline.schema import ACTIVITIES, CURATED_TABLES, Column
from pipeline.validate.suites import (build_suite, build_suites, load_suites, stale_suites,
                                      suite_json, suite_parameters, write_suites)


def test_expectations_folder_matches_the_code():
    # fails when the schema or a rule changed without `annex suites --write`
    assert stale_suites(REPO / "expectations") == []
    files = sorted(p.stem for p in (REPO / "expectations").glob("*.json"))
    assert files == sorted(CURATED_TABLES)


def test_saved_suites_have_no_random_ids():
    for path in (REPO / "expectations").glob("*.json"):
        text = path.read_text(encoding="utf-8")
        assert '"id"' not in text, path.name


@pytest.mark.parametrize("name", sorted(CURATED_TABLES))
def test_every_suite_follows_the_schema(name):
    spec, suite = CURATED_TABLES[name], build_suites()[name]
    by_type = {}
    for item in suite["expectations"]:
        assert item["severity"] in ("critical", "warning")
        by_type.setdefault(item["type"], []).append(item["kwargs"])
    assert by_type["expect_table_columns_to_match_ordered_list"] == [{"column_list": spec.column_names}]
    assert [k["column"] for k in by_type["expect_column_values_to_be_of_type"]] == spec.column_names
    not_null = {k["column"] for k in by_type["expect_column_values_to_not_be_null"]}
    assert {c.name for c in spec.columns if not c.nullable} <= not_null
    assert {"column_list": list(spec.key)} in by_type["expect_compound_columns_to_be_unique"]
    assert suite["meta"]["row_id_columns"] == [c for c in spec.key if c != "release"]


def test_a_schema_change_changes_the_suite():
    extra = replace(ACTIVITIES, columns=ACTIVITIES.columns + (Column("venue", pa.string(), "Where.", False),))
    suite = build_suite(extra)
    kwargs = [e["kwargs"] for e in suite["expectations"]]
    assert {"column": "venue", "type_": "str"} in kwargs and {"column": "venue"} in kwargs


def test_a_rule_naming_a_lost_column_fails_loudly():
    lost = replace(ACTIVITIES, columns=tuple(c for c in ACTIVITIES.columns if c.name != "date_end"))
    with pytest.raises(ValueError, match="date_end"):
        build_suite(lost)


def test_critical_and_warning_rules_where_the_issue_asks():
    suites = build_suites()

    def severity(table, rule):
        return next(e["severity"] for e in suites[table]["expectations"] if e["meta"]["rule"] == rule)

    assert severity("activities", "date_start <= date_end") == "critical"
    assert severity("activities", "date_start inside the financial year (with the margin)") == "critical"
    assert severity("deliverables", "target > 0") == "critical"
    assert severity("deliverable_quarters", "delivered >= 0") == "critical"
    assert severity("deliverable_quarters", "quarter in 1..4") == "critical"
    assert severity("activities", "audience_size <= 1000") == "warning"
    assert severity("rejects", "no source line rejected (see the rejects table)") == "warning"


def test_parameters_come_from_the_financial_year_and_documents():
    params = suite_parameters(FinancialYear.parse("2016/17"), 31, {"plan": ["b.txt", "a.txt"]}, 3)
    assert (params["date_min"], params["date_max"]) == ("2016-03-01", "2017-05-01")
    assert (params["year_start"], params["year_end"]) == ("2016-04-01", "2017-03-31")
    assert params["plan_documents"] == ["a.txt", "b.txt"] and params["tracker_documents"] == []
    assert params["quarter_rows"] == 12 and params["financial_years"] == ["2016/17"]


def test_write_then_load_round_trips(tmp_path):
    assert len(write_suites(tmp_path)) == len(CURATED_TABLES)
    assert write_suites(tmp_path) == []  # stable: a second write changes nothing
    assert load_suites(tmp_path) == build_suites()
    (tmp_path / "rejects.json").write_text(suite_json({**build_suites()["rejects"], "notes": "edited"}))
    assert stale_suites(tmp_path) == ["rejects"]
    assert load_suites(tmp_path)["rejects"]["notes"] == "edited"  # the file is what runs
    assert json.loads((tmp_path / "activities.json").read_text())["name"] == "activities"
