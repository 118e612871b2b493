"""tests/generators/seed_specs.py: the hand-typed seed specs agree with the seed files, checked
without the pipeline's readers (tab-split lines only), so a typo in a spec is caught; and the
pipeline's dump reader is then checked against them (a test of the reader, not of the specs)."""

from __future__ import annotations

import pytest
from support import PLAN_SEED, TRACKER_SEED, seed_text

from generators.seed_specs import PLAN, PLAN_PAGE_BREAKS, SEED_PAGE_BREAKS, SEED_SPECS, TRACKER, seed_spec

# Counted by reading the seed files.
PLAN_ACTIVITIES = 28  # 15 on page 1, 13 on page 2 (the last one over two lines)
# activities whose "Link to business plan" is printed ("growth"): all but the page-2 "Heritage
# seminar", "CTS Conference" and "Up to 3 more sport action learning sets"
PLAN_GROWTH_LINES = 25
TRACKER_THEMES = 5
TRACKER_DELIVERABLES = 17
# Cells the seed prints fused with other text on one tab-separated cell: spec text -> seed text.
FUSED = {TRACKER_SEED: {"Theme": "Annex B: Theme", "Annex B:": "Annex B: Theme"}}
MAX_WRAPPED_LINES = 2  # the seeds wrap a cell over at most two lines


def seed_lines(name: str) -> list[list[str]]:
    return [[cell.strip() for cell in line.split("\t")] for line in seed_text(name).split("\n")]


def _column(lines, i: int, k: int, n: int) -> str:
    return " ".join(line[k] for line in lines[i:i + n] if k < len(line) and line[k]).strip()


def matches_at(lines, i: int, row: tuple[str, ...], fused: dict[str, str]) -> bool:
    """Every non-empty cell of `row` is printed in its own column at line `i`, alone or carried on
    over the next lines of that column (a wrapped cell)."""
    for k, text in enumerate(row):
        if not text:
            continue
        printed = fused.get(text, text)
        if k >= len(lines[i]) or not lines[i][k]:
            return False
        if not any(_column(lines, i, k, n) == printed for n in range(1, MAX_WRAPPED_LINES + 1)):
            return False
    return True


def find_rows(name: str, rows, start: int = 0) -> list[int]:
    """The seed line each row is printed on, rows in order, each on a line of its own."""
    lines, fused = seed_lines(name), FUSED.get(name, {})
    found, cursor = [], start
    for row in rows:
        hit = next((i for i in range(cursor, len(lines)) if matches_at(lines, i, row, fused)), None)
        assert hit is not None, f"{name}: row not printed in the seed after line {cursor}: {row}"
        found.append(hit)
        cursor = hit + 1
    return found


@pytest.mark.parametrize("name", [PLAN_SEED, TRACKER_SEED])
def test_every_cell_of_the_spec_is_printed_in_the_seed_in_order(name):
    spec = SEED_SPECS[name]
    lines = seed_lines(name)
    title_lines = find_rows(name, [(t,) for t in spec.title])
    header_lines = [i for i in range(len(lines))
                    if matches_at(lines, i, spec.header_rows[0], FUSED.get(name, {}))]
    assert header_lines, f"{name}: header not printed"
    # the header as a whole, second row under the first (on some page)
    assert any(find_rows(name, spec.header_rows, i) == list(range(i, i + len(spec.header_rows)))
               for i in header_lines)
    body = find_rows(name, spec.rows, start=(title_lines[-1] if title_lines else 0) + 1)
    find_rows(name, [(n,) for n in spec.notes], start=body[-1] + 1)


def test_plan_counts():
    activities = PLAN.rows[:PLAN.rows.index(("TOTALS", "", "", ""))]
    assert len(activities) == PLAN_ACTIVITIES
    assert sum(row[3] == "growth" for row in PLAN.rows) == PLAN_GROWTH_LINES
    assert sum(line[-1] == "growth" for line in seed_lines(PLAN_SEED)) == PLAN_GROWTH_LINES
    assert all(len(row) == 4 for row in PLAN.rows)


def test_plan_page_break_is_where_the_header_is_repeated():
    lines = seed_lines(PLAN_SEED)
    body = find_rows(PLAN_SEED, PLAN.rows, start=1)
    repeated = [i for i, line in enumerate(lines) if line[0] == "Activity"][1]
    assert PLAN_PAGE_BREAKS == (sum(i < repeated for i in body),)


def test_tracker_counts():
    themes = [row for row in TRACKER.rows if row[0]]
    deliverables = [row for row in TRACKER.rows if row[1]]
    assert (len(themes), len(deliverables)) == (TRACKER_THEMES, TRACKER_DELIVERABLES)
    assert len(TRACKER.rows) == TRACKER_THEMES + TRACKER_DELIVERABLES
    # seed lines with a deliverable (second cell) below the header, themes alone in the first
    lines = seed_lines(TRACKER_SEED)
    assert sum(len(line) > 2 and bool(line[1]) and line[2].isdigit() for line in lines) == TRACKER_DELIVERABLES
    assert sum(bool(line[0]) and not any(line[1:]) for line in lines) == TRACKER_THEMES


def test_tracker_percent_achieved_is_total_over_target():
    """A typed number is checked against the document's own arithmetic: % achieved = Total /
    Target, rounded (the quarters do not always add up to the Total: cumulative counts)."""
    for row in TRACKER.rows:
        if not row[1]:
            continue
        target, total, pct = int(row[2]), int(row[7]), row[8]
        assert pct == f"{round(100 * total / target)}%", row[1]


def test_seed_spec_by_name_or_stem():
    assert seed_spec(PLAN_SEED) is PLAN and seed_spec(TRACKER_SEED.removesuffix(".txt")) is TRACKER
    with pytest.raises(KeyError):
        seed_spec("other.txt")


# The dump reader against the hand-typed specs: the one known difference is the tracker's
# "Annex B: Theme", which the reader keeps as the first header cell with no title; a reader of the
# document sees the label "Annex B:" above a "Theme" column.
@pytest.mark.parametrize("name", [PLAN_SEED, TRACKER_SEED])
def test_dump_reader_agrees_with_the_hand_typed_specs(name):
    from generators.text_dumps import spec_from_dump

    read = spec_from_dump(seed_text(name), name)
    spec = SEED_SPECS[name]
    assert read.spec.rows == spec.rows
    assert read.spec.notes == spec.notes
    assert read.page_break_before == SEED_PAGE_BREAKS[name]
    if name == TRACKER_SEED:
        assert read.spec.title == ()
        assert read.spec.header_rows[0][0] == "Annex B: Theme"
        assert read.spec.header_rows[0][1:] == spec.header_rows[0][1:]
        assert read.spec.header_rows[1:] == spec.header_rows[1:]
    else:
        assert read.spec.title == spec.title and read.spec.header_rows == spec.header_rows
