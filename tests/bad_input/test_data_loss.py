"""A release that lost rows: a text dump cut off mid-row (a truncated download) must not silently
replace the larger version already published.

Decision: each of activities, deliverables and deliverable_quarters is compared with the
release's published partition; a fall of more than `annex.max_row_drop` (default 0.5, a fraction
of the published rows) is a critical failure (exit 1, nothing published, the previous version
kept) naming the table, the documents, both counts. `--accept-shrink` (on `annex run` and
`annex stage publish`) publishes anyway. Separately, a table that ends as if cut off (a bracket
never closed, cells every other row fills left empty, a plan without its totals block) is a
warning naming the document and the line, whether or not the release shrank.
"""

from __future__ import annotations

import pyarrow.parquet as pq
import pytest
from support import PLAN_SEED, TRACKER_SEED

from pipeline.core.model import LineKind, SourceRow
from pipeline.families.rows import FamilyRow, FamilyTable, LineRole, Role
from pipeline.guard import RowDrop, row_drops
from pipeline.publish import partition_path
from pipeline.validate.unfinished import unfinished

SAMPLE = "2015-16-q2"


def truncate_plan(ws, marker: str = "Heritage seminar (1") -> int:
    """Cut the sample's plan dump just after `marker` (no final newline, as a cut download);
    returns the number of the last line kept."""
    path = ws.raw / SAMPLE / PLAN_SEED
    text = path.read_text(encoding="utf-8")
    kept = text[: text.index(marker) + len(marker)]
    path.write_text(kept, encoding="utf-8")
    return kept.count("\n") + 1


def published_activities(ws) -> int:
    return pq.ParquetFile(partition_path(ws.curated, "activities", SAMPLE)).metadata.num_rows


def test_truncated_dump_does_not_replace_the_published_release(ws):
    before = ws.publish_sample()
    assert published_activities(ws) == 28
    line = truncate_plan(ws)
    outcome = ws.expect_rejected(
        f"release {SAMPLE}: the release shrank by more than annex.max_row_drop (50%) allows, nothing "
        "published, the previous version is kept:",
        f"- activities (from {PLAN_SEED}): 8 rows, down from 28 in the published version (-71%)",
        "fix: check the documents are complete (a truncated download or the wrong file?); if the "
        "release really has fewer rows now, rerun with --accept-shrink (or raise annex.max_row_drop "
        "in params.yaml)", code=1, before=before)
    # the cut itself is named too: the document, the line, the unclosed bracket
    assert (f"warning: {PLAN_SEED} (line {line}): the table may be cut off (a truncated file?): its last "
            "row's activity cell opens '(' and never closes it: 'Heritage seminar (1'") in outcome.text
    assert published_activities(ws) == 28


def test_accept_shrink_publishes_and_still_warns(ws):
    ws.publish_sample()
    line = truncate_plan(ws)
    outcome = ws.cli("run", "--accept-shrink")
    assert outcome.code == 0, outcome.err
    assert published_activities(ws) == 8
    assert f"warning: {PLAN_SEED} (line {line}): the table may be cut off" in outcome.text
    # accepted once: the next run finds it unchanged and the guard compares with the new version
    again = ws.cli("run")
    assert again.code == 0 and "unchanged, skipped" in again.text


def test_shrink_within_the_threshold_publishes_with_the_cut_named(ws):
    """Cut between two rows, after line 24 (the 19th activity): 28 -> 19 is a 32% drop, allowed;
    the plan's missing totals block is the warning, at the last line kept."""
    ws.publish_sample()
    path = ws.raw / SAMPLE / PLAN_SEED
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(lines[:24]), encoding="utf-8")
    outcome = ws.cli("run")
    assert outcome.code == 0, outcome.err
    assert published_activities(ws) == 19
    assert (f"warning: {PLAN_SEED} (line 24): the table may be cut off (a truncated file?): it has no "
            "totals block, which plan documents end with; check the document is complete") in outcome.text


def test_last_row_cut_between_cells_is_named(ws):
    """Cut after the activity cell of line 7: the last row has no date, audience or link, which the
    four rows above all have (a real document leaves cells blank now and then: only a column
    every other row fills counts, and only with three rows or more above)."""
    ws.publish_sample()
    truncate_plan(ws, "Sport Academy (2days)")
    outcome = ws.cli("run", "--accept-shrink")
    assert outcome.code == 0, outcome.err
    assert (f"warning: {PLAN_SEED} (line 7): the table may be cut off (a truncated file?): its last row "
            "has no date, audience, link, which every other row has") in outcome.text


def test_threshold_from_params(ws):
    ws.publish_sample()
    truncate_plan(ws)
    (ws.root / "params.yaml").write_text("annex:\n  max_row_drop: 0.75\n", encoding="utf-8")
    outcome = ws.cli("run")
    assert outcome.code == 0, outcome.err
    assert published_activities(ws) == 8
    assert "the table may be cut off" in outcome.text


@pytest.mark.parametrize("value", ["1.5", "-0.1", "'half'", "true"])
def test_bad_threshold_stops_before_any_work(ws, value):
    ws.copy_sample()
    (ws.root / "params.yaml").write_text(f"annex:\n  max_row_drop: {value}\n", encoding="utf-8")
    outcome = ws.cli("run")
    assert outcome.code == 2
    assert "bad settings: setting max_row_drop must be a fraction from 0 to 1 (e.g. 0.5)" in outcome.text
    assert not ws.curated.exists()


def test_a_table_that_disappears_is_a_shrink(ws):
    """The tracker dropped from the manifest: deliverables 34 -> 0 would delete its partitions."""
    before = ws.publish_sample()
    manifest = ws.raw / SAMPLE / "release.yaml"
    manifest.write_text("\n".join(line for line in manifest.read_text(encoding="utf-8").splitlines()
                                  if TRACKER_SEED not in line and "family: tracker" not in line
                                  and "encoding" not in line) + "\n", encoding="utf-8")
    outcome = ws.expect_rejected("- deliverables: 0 rows, down from 17 in the published version (-100%)",
                                 "- deliverable_quarters: 0 rows, down from 68", code=1, before=before)
    assert "activities" not in outcome.text.split("allows")[1].split("fix:")[0]


def test_stage_publish_refuses_a_shrink_unless_accepted(ws):
    ws.publish_sample()
    truncate_plan(ws)
    where = ["--raw", str(ws.raw), "--staged", str(ws.root / "staged"), "--curated", str(ws.curated),
             "--params", str(ws.params_file)]
    for step in ("extract", "normalise", "validate"):
        assert ws.cli("stage", step, "--release", SAMPLE, *where).code == 0
    refused = ws.cli("stage", "publish", "--release", SAMPLE, *where)
    assert refused.code == 1
    assert "activities (from annex-c-cts-improvement-plan.txt): 8 rows, down from 28" in refused.text
    assert published_activities(ws) == 28
    accepted = ws.cli("stage", "publish", "--release", SAMPLE, "--accept-shrink", *where)
    assert accepted.code == 0, accepted.err
    assert published_activities(ws) == 8


def test_row_drops_compares_fractions_of_the_published_rows():
    before = {"activities": 28, "deliverables": 34, "deliverable_quarters": 136, "rejects": 10}
    assert row_drops(before, {"activities": 14, "deliverables": 34, "deliverable_quarters": 136}, 0.5) == []
    assert row_drops(before, {"activities": 13, "deliverables": 40, "deliverable_quarters": 136}, 0.5) == [
        RowDrop("activities", 28, 13)]
    assert row_drops(before, {}, 1.0) == []  # 1.0: the guard is off
    assert row_drops({}, {"activities": 1}, 0.0) == []  # nothing published yet
    assert row_drops(before, {"activities": 28, "deliverables": 34, "deliverable_quarters": 136,
                              "rejects": 0}, 0.0) == []  # rejects may fall


def family_table(rows: list[dict], family: str = "tracker", totals: tuple[str, ...] = ()) -> FamilyTable:
    family_rows = tuple(FamilyRow(cells=cells, page=1, line=n, line_end=n) for n, cells in enumerate(rows, 2))
    lines = tuple(LineRole(SourceRow(cells=tuple(cells.values()), page=1, line=n, line_end=n,
                                     kind=LineKind.BODY), Role.DATA) for n, cells in enumerate(rows, 2))
    return FamilyTable(family=family, source="doc.txt", rows=family_rows, lines=lines, totals=totals)


def test_unfinished_last_row_signs():
    full = {"deliverable": "Help councils", "target": "10", "total": "5"}
    complete = family_table([full] * 4)
    assert unfinished(complete) is None
    cut_cells = family_table([full] * 4 + [{"deliverable": "Support at least 15", "target": "", "total": ""}])
    assert unfinished(cut_cells).line == 6
    assert unfinished(cut_cells).reason == "its last row has no target, total, which every other row has"
    # too few rows to know which cells every row fills
    assert unfinished(family_table([full, {"deliverable": "x", "target": "", "total": ""}])) is None
    bracket = family_table([full, {"deliverable": "Support [phase 2", "target": "3", "total": "1"}])
    assert "deliverable cell opens '[' and never closes it: 'Support [phase 2'" in unfinished(bracket).reason
    plan = {"activity": "Seminar (1 day)", "date": "June"}
    assert unfinished(family_table([plan], family="plan", totals=("41 days",))) is None
    no_totals = unfinished(family_table([plan, plan], family="plan"))
    assert (no_totals.line, no_totals.reason) == (3, "it has no totals block, which plan documents end with")
