"""Document self-checks: stated totals, % achieved, quarters against totals, row accounting."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.validate.checks import (document_checks, parse_statements, pct_achieved_check,
                                      quarters_vs_total_check, row_accounting_check,
                                      stated_total_checks)


def activity(duration=None, size=None, source="plan.txt"):
    return {"source_file": source, "duration_days": duration, "audience_size": size}


def deliverable(total, target=10, pct=None, ident="d1"):
    return {"deliverable_id": ident, "source_file": "tracker.txt", "total": total, "target": target,
            "pct_achieved": pct}


def quarters(*values):
    return [{"deliverable_id": "d1", "quarter": q, "delivered": v} for q, v in enumerate(values, start=1)]


@pytest.mark.parametrize("text, expected", [
    ("41 days of improvement activity for councils", [(None, 41.0, "days")]),
    ("over 200 councillors involved", [("over", 200.0, "councillors")]),
    ("More than 1,250 people reached", [("more than", 1250.0, "people")]),
    ("up to 12 events; at least 3.5 days", [("up to", 12.0, "events"), ("at least", 3.5, "days")]),
    ("Totals to follow", []),
])
def test_statements_are_parsed_generically(text, expected):
    assert [(s.qualifier, s.number, s.noun) for s in parse_statements(text)] == expected


def test_stated_days_against_the_sum_of_durations_reports_both_numbers():
    rows = [activity(2), activity(1), activity(None), activity(0.5)]
    [check] = stated_total_checks("r", "plan.txt", "plan", ("4 days of activity",), rows)
    assert (check["stated"], check["computed"], check["outcome"]) == (4.0, 3.5, "mismatch")
    assert "3 of 4 activities" in check["detail"]
    [check] = stated_total_checks("r", "plan.txt", "plan", ("3.5 days",), rows)
    assert check["outcome"] == "match"


@pytest.mark.parametrize("statement, outcome", [
    ("over 200 councillors involved", "match"),  # 206 > 200
    ("over 206 councillors", "mismatch"),  # not more than 206
    ("at least 206 councillors", "match"),
    ("up to 150 participants", "mismatch"),
    ("about 210 people", "match"),  # within 10%
    ("206 delegates", "match"),
])
def test_qualifiers_set_how_head_counts_compare(statement, outcome):
    rows = [activity(size=100), activity(size=106), activity(size=None)]
    [check] = stated_total_checks("r", "plan.txt", "plan", (statement,), rows)
    assert (check["computed"], check["outcome"]) == (206.0, outcome)


def test_events_count_rows_and_unknown_nouns_are_not_comparable():
    rows = [activity(1), activity(1), activity(2)]
    checks = stated_total_checks("r", "plan.txt", "plan", ("3 events", "7 themes"), rows)
    assert [(c["computed"], c["outcome"]) for c in checks] == [(3.0, "match"), (None, "not_comparable")]
    # a tracker's totals block has no measure: reported, not judged
    [tracker] = stated_total_checks("r", "t.txt", "tracker", ("41 days",), rows)
    assert tracker["outcome"] == "not_comparable" and tracker["stated"] == 41.0


def test_repeated_statements_get_distinct_subjects():
    checks = stated_total_checks("r", "plan.txt", "plan", ("2 days", "2 days"), [activity(2)])
    assert [c["subject"] for c in checks] == ["2 days", "2 days (2)"]


@pytest.mark.parametrize("total, target, pct, outcome", [
    (27, 40, 68.0, "match"),  # 67.5 printed rounded
    (42, 52, 80.0, "match"),  # 80.77 printed truncated
    (27, 40, 70.0, "mismatch"),
    (None, 40, 68.0, "not_comparable"),
    (27, 0, 68.0, "not_comparable"),
    (27, 40, None, "not_comparable"),
])
def test_pct_achieved_against_total_over_target(total, target, pct, outcome):
    check = pct_achieved_check("r", deliverable(total, target, pct))
    assert check["outcome"] == outcome and check["stated"] == pct
    if total and target:
        assert check["computed"] == pytest.approx(100 * total / target)


@pytest.mark.parametrize("total, values, outcome, computed", [
    (31, (18, 13, None, None), "additive", 31.0),
    (98, (None, 98, None, None), "additive", 98.0),
    (5, (5, 5, None, None), "cumulative", 5.0),  # the latest
    (9, (9, 4, None, None), "cumulative", 9.0),  # the largest
    (40, (18, 13, None, None), "inconsistent", 31.0),
    (None, (1, 2, None, None), "not_comparable", None),
    (7, (None, None, None, None), "not_comparable", None),
])
def test_quarters_against_total_are_classified(total, values, outcome, computed):
    check = quarters_vs_total_check("r", deliverable(total), quarters(*values))
    assert (check["outcome"], check["computed"]) == (outcome, computed)
    assert check["stated"] == (None if total is None else float(total))


@given(st.lists(st.integers(0, 500), min_size=1, max_size=4))
def test_a_total_equal_to_the_sum_is_always_additive(values):
    check = quarters_vs_total_check("r", deliverable(sum(values)), quarters(*values))
    assert check["outcome"] == "additive"


def test_row_accounting_balances_or_mismatches():
    row = {"document": "plan.txt", "input_lines": 38, "data_rows": 28, "continuation_lines": 1,
           "classified_lines": 9, "rejected_lines": 0}
    assert row_accounting_check("r", row)["outcome"] == "match"
    assert row_accounting_check("r", {**row, "input_lines": 39})["outcome"] == "mismatch"


def test_document_checks_cover_every_document_and_deliverable():
    accounting = [{"document": d, "input_lines": 2, "data_rows": 2, "continuation_lines": 0,
                   "classified_lines": 0, "rejected_lines": 0} for d in ("plan.txt", "tracker.txt")]
    records = document_checks("r", {"plan.txt": ("plan", ("3 days",))}, [activity(1), activity(2)],
                              [deliverable(3, 10, 30.0)], quarters(1, 2), accounting)
    assert [(r["check"], r["outcome"]) for r in records] == [
        ("row_accounting", "match"), ("row_accounting", "match"), ("stated_total", "match"),
        ("pct_achieved", "match"), ("quarters_vs_total", "additive")]
    assert all(r["release"] == "r" for r in records)
