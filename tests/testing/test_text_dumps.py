"""tests/generators/text_dumps.py: dumps written from a TableSpec, and read back into one."""

import pytest
from support import PLAN_SEED, TRACKER_SEED, seed_text

from pipeline.core.errors import DocumentError
from generators.annex_pdf import TableSpec
from generators.text_dumps import DumpLayout, spec_from_dump, write_text_dump

SPEC = TableSpec(
    title=("A plan",),
    header_rows=(("Activity", "Date", "Target audience", "Link to business plan"),),
    rows=(("Peer training (1 day)", "21 May - completed", "Officer peers (10)", "growth"),
          ("Review visit of the north west region (2 days)", "June", "Individual council", "growth"),
          ("Seminar (1 day)", "July", "Library PHs (25)", "growth")),
    notes=("KEY PH = portfolio holder",))


def test_write_text_dump_layout():
    text = write_text_dump(SPEC, DumpLayout(page_break_before=(2,), wrap_width=20))
    lines = text.splitlines()
    assert lines[0] == "A plan\t\t\t"
    assert lines.count("Activity\tDate\tTarget audience\tLink to business plan") == 2
    assert "-\t\t\t" in lines  # debris after the repeated header
    assert "Review visit of the\tJune\tIndividual council\tgrowth" in lines
    assert lines[-1] == "KEY PH = portfolio holder\t\t\t"


@pytest.mark.parametrize("layout", [DumpLayout(), DumpLayout(page_break_before=(1,), wrap_width=24),
                                    DumpLayout(page_break_before=(1, 2), form_feed=True)])
def test_round_trip(layout):
    table = spec_from_dump(write_text_dump(SPEC, layout))
    assert table.spec == SPEC
    assert table.page_break_before == layout.page_break_before


def test_seed_plan():
    table = spec_from_dump(seed_text(PLAN_SEED), PLAN_SEED)
    assert table.spec.header_rows == (("Activity", "Date", "Target audience", "Link to business plan"),)
    assert table.page_break_before == (15,)
    assert table.spec.rows[-2:] == (("TOTALS", "", "", ""), (
        "41 days of improvement activity for councils", "", "over 200 councillors involved", ""))
    assert table.spec.notes == ("KEY PH = portfolio holder",)


def test_seed_tracker_themes_become_rows():
    spec = spec_from_dump(seed_text(TRACKER_SEED), TRACKER_SEED).spec
    assert len(spec.header_rows) == 2 and len(spec.rows) == 17 + 5
    assert spec.rows[0] == ("Peer Work in Local Authorities",) + ("",) * 9


def test_not_an_annex_table():
    with pytest.raises(DocumentError, match="holds no table of a known family"):
        spec_from_dump("Name\tSalary\nBob\t1\n")
