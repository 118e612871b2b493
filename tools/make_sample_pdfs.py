"""Make the sample release's annex PDFs from its text dumps, with the repo's PDF generator.

    python tools/make_sample_pdfs.py                       # raw/2015-16-q2/*.txt -> raw/2015-16-q2/*.pdf
    python tools/make_sample_pdfs.py --dumps ../shared/seeds --out raw/2015-16-q2 --engine reportlab

Each dump `NAME.txt` becomes `NAME.pdf`, laid out by LibreOffice (python-docx -> soffice, as
councils' PDFs are made), or by reportlab when soffice is absent; the script says which it used.

A seed dump (the plan and the tracker of ../shared/seeds) is drawn from its spec typed in by hand
(generators.seed_specs, issue 12 item 3), page breaks where the dump had them, so a misreading
by the pipeline's dump reader cannot end up in the sample PDFs the pipeline is tested on. Any other
dump has no hand-typed spec: it is read by the pipeline's own readers
(generators.text_dumps.spec_from_dump), and the script says so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# The document generators live with the tests (tests/generators/), outside the installed package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from generators.annex_pdf import Layout, libreoffice_available, write_pdf  # noqa: E402
from generators.seed_specs import SEED_PAGE_BREAKS, SEED_SPECS  # noqa: E402
from generators.text_dumps import DumpTable, spec_from_dump  # noqa: E402

WIDE_TABLE_COLUMNS = 7  # tables with more columns than this are laid out on landscape pages


def layout_for(table: DumpTable, engine: str) -> Layout:
    """Ruled; landscape when wide; grouped tables (body rows with an empty first cell) get their
    single-cell heading rows drawn as one spanning cell, as trackers' themes are."""
    spec = table.spec
    grouped = any(not row[0] and any(row) for row in spec.rows)
    return Layout(
        engine=engine,
        font="Liberation Sans" if engine == "libreoffice" else "Helvetica",
        font_size=9,
        landscape=spec.n_columns > WIDE_TABLE_COLUMNS,
        ruled=True,
        repeat_header=True,
        span_single_cell_rows=grouped,
        page_break_before=table.page_break_before,
    )


def table_for(dump: Path) -> tuple[DumpTable, str]:
    """The table a dump's PDF shows, and where it comes from: the hand-typed spec of a seed,
    else the dump as the pipeline's readers see it."""
    if dump.name in SEED_SPECS:
        return DumpTable(SEED_SPECS[dump.name], SEED_PAGE_BREAKS[dump.name]), "hand-typed spec"
    return spec_from_dump(dump.read_text(encoding="utf-8"), dump.name), "read from the dump"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dumps", type=Path, default=Path("raw/2015-16-q2"), help="folder of NAME.txt dumps")
    parser.add_argument("--out", type=Path, default=None, help="folder for NAME.pdf (default: --dumps)")
    parser.add_argument("--engine", choices=("auto", "libreoffice", "reportlab"), default="auto")
    args = parser.parse_args(argv)
    out_dir = args.out or args.dumps
    engine = args.engine
    if engine == "auto":
        engine = "libreoffice" if libreoffice_available() else "reportlab"
    dumps = sorted(args.dumps.glob("*.txt"))
    if not dumps:
        print(f"no *.txt dumps in {args.dumps}", file=sys.stderr)
        return 1
    for dump in dumps:
        table, source = table_for(dump)
        layout = layout_for(table, engine)
        path = write_pdf(table.spec, layout, out_dir / (dump.stem + ".pdf"))
        print(f"{path} <- {dump} ({engine}; {source}; {len(table.spec.rows)} rows, "
              f"{'landscape' if layout.landscape else 'portrait'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
