"""tools/make_sample_pdfs.py: its small dump reader, its layout choice, and the sample PDFs it made."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from pipeline.testing.annex_pdf import TableSpec

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "raw" / "2015-16-q2"


def load_tool():
    spec = importlib.util.spec_from_file_location("make_sample_pdfs", REPO / "tools" / "make_sample_pdfs.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


tool = load_tool()

PLAN_DUMP = "\n".join([
    "A plan of activities\t\t\t",
    "Activity\tDate\tAudience\tLink to",
    "Peer training (1 day)\t21 May - completed\tOfficer peers (10)\tgrowth",
    "Review visit (2 days)\tJune\tIndividual council\tgrowth",
    "",
    "Activity\tDate\tAudience\tLink to",
    "- \t\t\tplan",
    "Seminar (1 day)\t\t\t",
    "Up to 3 more sets,\t\t\t",
    "depending upon demand\t\t\t",
    "TOTALS\t\t\t",
    "41 days of activity for\t\tover 200 people\t",
    "councils\t\tinvolved\t",
    "KEY PH = portfolio holder\t\t\t",
    "",
])

TRACKER_DUMP = "\n".join([
    "Theme\tDeliverables\tTarget\tPer quarter\t\tTotal\tNotes",
    "\t\t\tQ1\tQ2\t\t",
    "First theme\t\t\t\t\t\t",
    "\tDo at least 10 things\t10\t4\t5\t9\t",
    "\tsupport at least 150 people\t150\tn/a\t35\t35\tbooked",
    "Second theme\t\t\t\t\t\t",
    "\tRoll out tools\t10\t2\t3\t3\t",
])


def words(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


def test_read_dump_plan_shape():
    table = tool.read_dump(PLAN_DUMP)
    assert table.spec == TableSpec(
        title=("A plan of activities",),
        header_rows=(("Activity", "Date", "Audience", "Link to"),),
        rows=(
            ("Peer training (1 day)", "21 May - completed", "Officer peers (10)", "growth"),
            ("Review visit (2 days)", "June", "Individual council", "growth"),
            ("Seminar (1 day)", "", "", ""),
            ("Up to 3 more sets, depending upon demand", "", "", ""),
            ("TOTALS", "", "", ""),
            ("41 days of activity for councils", "", "over 200 people involved", ""),
        ),
        notes=("KEY PH = portfolio holder",),
    )
    assert table.page_break_before == (2,)  # the repeated header stood before "Seminar"


def test_read_dump_tracker_shape():
    table = tool.read_dump(TRACKER_DUMP)
    spec = table.spec
    assert spec.title == () and spec.notes == ()
    assert spec.header_rows == (
        ("Theme", "Deliverables", "Target", "Per quarter", "", "Total", "Notes"),
        ("", "", "", "Q1", "Q2", "", ""),
    )
    assert [row[0] or row[1] for row in spec.rows] == [
        "First theme", "Do at least 10 things", "support at least 150 people", "Second theme", "Roll out tools",
    ]  # a lower-case deliverable with figures beside it is a row of its own, not a continuation
    assert table.page_break_before == ()


def test_read_dump_without_a_table_is_an_error():
    with pytest.raises(ValueError, match="no table"):
        tool.read_dump("just a line\nand another\n")


def test_layout_for_wide_grouped_tables_and_narrow_plain_ones():
    tracker = tool.layout_for(tool.read_dump(TRACKER_DUMP), "reportlab")
    assert (tracker.landscape, tracker.span_single_cell_rows) == (False, True)  # 7 columns: not wide
    plan = tool.layout_for(tool.read_dump(PLAN_DUMP), "libreoffice")
    assert (plan.landscape, plan.span_single_cell_rows, plan.page_break_before) == (False, False, (2,))
    assert plan.font == "Liberation Sans" and plan.ruled
    wide = tool.read_dump("\t".join(f"c{i}" for i in range(8)) + "\n" + "\t".join("x" * 8))
    assert tool.layout_for(wide, "reportlab").landscape


@pytest.mark.parametrize("engine", ["reportlab", "libreoffice"])
def test_main_writes_one_pdf_per_dump_and_says_which_engine(tmp_path, capsys, engine):
    (tmp_path / "plan.txt").write_text(PLAN_DUMP, encoding="utf-8")
    assert tool.main(["--dumps", str(tmp_path), "--out", str(tmp_path / "out"), "--engine", engine]) == 0
    assert f"({engine};" in capsys.readouterr().out
    with pdfplumber.open(tmp_path / "out" / "plan.pdf") as pdf:
        pages = [words(p.extract_text() or "") for p in pdf.pages]
    assert len(pages) == 2  # the dump's page break is kept
    assert "Seminar" not in pages[0] and "Seminar" in pages[1]
    assert pages[1].count("Activity") == 1  # header repeated on page 2


def test_main_without_dumps_fails(tmp_path, capsys):
    assert tool.main(["--dumps", str(tmp_path)]) == 1
    assert "no *.txt dumps" in capsys.readouterr().err


def test_committed_sample_pdfs_hold_their_dumps():
    dumps = sorted(SAMPLE.glob("*.txt"))
    assert {d.stem for d in dumps} >= {"annex-c-cts-improvement-plan", "annex-b-delivery-tracker-2015-16"}
    for dump in dumps:
        table = tool.read_dump(dump.read_text(encoding="utf-8"))
        with pdfplumber.open(dump.with_suffix(".pdf")) as pdf:
            landscape = {p.width > p.height for p in pdf.pages}
            text = [w for p in pdf.pages for w in words(p.extract_text() or "")]
            assert pdf.metadata.get("Producer", "").startswith("LibreOffice")
        assert landscape == {tool.layout_for(table, "libreoffice").landscape}
        expected = [w for row in table.spec.header_rows + table.spec.rows for c in row for w in words(c)]
        expected += [w for line in table.spec.title + table.spec.notes for w in words(line)]
        for word in set(expected):
            assert text.count(word) >= expected.count(word), (dump.name, word)
