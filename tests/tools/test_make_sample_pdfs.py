"""tools/make_sample_pdfs.py: its layout choice, and the sample PDFs it made."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path

import pdfplumber
import pytest


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
    "Activity\tDate\tTarget audience\tLink to business",
    "Peer training (1 day)\t21 May - completed\tOfficer peers (10)\tgrowth",
    "Review visit (2 days)\tJune\tIndividual council\tgrowth",
    "",
    "Activity\tDate\tTarget audience\tLink to business",
    "- \t\t\tplan",
    "Seminar (1 day)\tJuly\tPHs\tgrowth",
    "KEY PH = portfolio holder\t\t\t",
    "",
])

TRACKER_DUMP = "\n".join([
    "Theme\tDeliverables\t2016/17 Target\tPer quarter\t\t\t\tTotal\t% achieved\tNotes",
    "\t\t\tQ1\tQ2\tQ3\tQ4\t\t\t",
    "First theme\t\t\t\t\t\t\t\t\t",
    "\tDo at least 10 things\t10\t4\t5\t\t\t9\t90%\t",
])


def words(text: str) -> list[str]:
    return unicodedata.normalize("NFKC", text).split()


def test_layout_for_wide_grouped_tables_and_narrow_plain_ones():
    tracker = tool.layout_for(tool.spec_from_dump(TRACKER_DUMP), "reportlab")
    assert (tracker.landscape, tracker.span_single_cell_rows) == (True, True)  # 10 columns: wide
    plan = tool.layout_for(tool.spec_from_dump(PLAN_DUMP), "libreoffice")
    assert (plan.landscape, plan.span_single_cell_rows, plan.page_break_before) == (False, False, (2,))
    assert plan.font == "Liberation Sans" and plan.ruled


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


def test_seed_dumps_are_drawn_from_their_hand_typed_specs(tmp_path):
    from generators.seed_specs import PLAN, PLAN_NAME, PLAN_PAGE_BREAKS

    (tmp_path / PLAN_NAME).write_text("not read\n", encoding="utf-8")  # the file's text is not read
    table, source = tool.table_for(tmp_path / PLAN_NAME)
    assert (table.spec, table.page_break_before, source) == (PLAN, PLAN_PAGE_BREAKS, "hand-typed spec")
    (tmp_path / "plan.txt").write_text(PLAN_DUMP, encoding="utf-8")
    assert tool.table_for(tmp_path / "plan.txt")[1] == "read from the dump"


def test_main_without_dumps_fails(tmp_path, capsys):
    assert tool.main(["--dumps", str(tmp_path)]) == 1
    assert "no *.txt dumps" in capsys.readouterr().err


def test_committed_sample_pdfs_hold_their_dumps():
    dumps = sorted(SAMPLE.glob("*.txt"))
    assert {d.stem for d in dumps} >= {"annex-c-cts-improvement-plan", "annex-b-delivery-tracker-2015-16"}
    for dump in dumps:
        table, _ = tool.table_for(dump)
        with pdfplumber.open(dump.with_suffix(".pdf")) as pdf:
            landscape = {p.width > p.height for p in pdf.pages}
            text = [w for p in pdf.pages for w in words(p.extract_text() or "")]
            assert pdf.metadata.get("Producer", "").startswith("LibreOffice")
        assert landscape == {tool.layout_for(table, "libreoffice").landscape}
        expected = [w for row in table.spec.header_rows + table.spec.rows for c in row for w in words(c)]
        expected += [w for line in table.spec.title + table.spec.notes for w in words(line)]
        for word in set(expected):
            assert text.count(word) >= expected.count(word), (dump.name, word)
