"""PDFs the pipeline had never seen: a board paper laid out with reportlab directly (report text
above the annex, running header and footer, a logo, a small budget table, the annex table starting
mid-page and continuing on the next page). The annex table must come out whole."""

from pipeline.extract.pdf_tables import read_pdf_tables
from pipeline.families import read_family_table
from generators.annex_pdf import TableSpec
from generators.board_paper import write_board_paper

HEADER = ("Activity", "Date", "Target audience", "Link to business plan")
ROWS = tuple((f"Sport action learning set {i} (1 day)", f"{i} May", "Sport PHs (5)", "growth") for i in range(1, 41))


SPEC = TableSpec(title=("Annex C: CTS improvement plan 2016/17",), header_rows=(HEADER,), rows=ROWS,
                 notes=("KEY: PH = portfolio holder",))


def board_paper(path, ruled):
    return write_board_paper(SPEC, path, ruled=ruled, widths=(190, 100, 120, 70))


def plan_rows(path):
    found = []
    for table in read_pdf_tables(path.read_bytes(), path.name):
        try:
            found.append(read_family_table(table, "plan"))
        except Exception:
            continue
    assert len(found) == 1, f"{len(found)} plan tables found"
    return found[0]


def test_ruled_board_paper_annex_table_whole(tmp_path):
    plan = plan_rows(board_paper(tmp_path / "board.pdf", ruled=True))
    assert [tuple(r.cells.values()) for r in plan.rows] == list(ROWS)
    assert {r.page for r in plan.rows} == {1, 2}


def test_unruled_board_paper_annex_table_whole(tmp_path):
    plan = plan_rows(board_paper(tmp_path / "board.pdf", ruled=False))
    assert [tuple(r.cells.values()) for r in plan.rows] == list(ROWS)
    assert {r.page for r in plan.rows} == {1, 2}


def test_board_paper_heading_and_running_header_are_not_tables(tmp_path):
    """The 18 pt heading (its word spaces as wide as cell padding) beside a logo, under the
    running header, was read as a table; the running header and "Page N" footer are notes."""
    from pipeline.core.model import LineKind

    path = board_paper(tmp_path / "board.pdf", ruled=True)
    tables = read_pdf_tables(path.read_bytes(), path.name)
    assert len(tables) == 2
    budget = [line.cells for line in tables[0].lines if line.kind in (LineKind.HEADER, LineKind.BODY)]
    assert budget == [("Budget line", "2016/17 (£000)"), ("Peer support", "120"), ("Total", "120")]
    furniture = [line for t in tables for line in t.lines if line.cells[0].startswith(("Improvement Board", "Page "))]
    assert len(furniture) == 4 and all(line.kind is LineKind.NOTE for line in furniture)


def test_unruled_board_paper_report_text_stays_out_of_the_tables(tmp_path):
    from pipeline.core.model import LineKind

    path = board_paper(tmp_path / "board.pdf", ruled=False)
    tables = read_pdf_tables(path.read_bytes(), path.name)
    assert [t.pages for t in tables] == [(1,), (1, 2)]
    rows = [line.cells for line in tables[1].lines if line.kind is LineKind.BODY]
    assert rows == [tuple(r) for r in ROWS]
    assert all(len(line.cells) == 4 for line in tables[1].lines)
