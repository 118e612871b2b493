"""Table reading on annexes printed by the tools councils use (issue 20, items 4 and 6): the
catalogue of tests/council_tools (Word and Calc through LibreOffice, HTML through headless
Chromium, reportlab platypus), each fixture a table typed cell by cell.

    python benchmarks/bench_pdf_council.py [--out DIR] [--reuse] [--tools word,calc,html,reportlab]
                                           [--no-run] [--detail] [--json FILE]

Per tool and overall it prints, for annex `read_pdf_tables` and, as an anchor, pdfplumber's
`page.extract_tables()` with its defaults (one table per page, no header: every row compared):
- tables found / typed (a table is found when the reader returns one; pairs in reading order),
  tables exact;
- rows exact / typed (header and body rows compared position by position, whitespace normalised)
  and extra rows (returned beyond the typed ones);
- cells exact / typed;
and for annex the family rows that `annex run` publishes (activities, deliverables with their
quarters): rows exact / typed, extra rows, releases refused.

The expected answers are the typed cells (tests/council_tools/content.py and catalogue.py),
never a reader's output. `--reuse` reads the PDFs already in --out (printing them again takes
~15 s); a tool that is not installed (soffice, chromium) is reported and skipped.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the catalogue lives with the tests that use it

from council_tools import catalogue, check  # noqa: E402
from council_tools.check import Score  # noqa: E402
from council_tools.spec import Built  # noqa: E402


def read_with_pdfplumber(pdf: Path) -> list[tuple[check.Grid, check.Grid]]:
    import pdfplumber

    tables = []
    with pdfplumber.open(pdf) as doc:
        for page in doc.pages:
            for table in page.extract_tables():  # defaults: the "lines" strategy both ways
                tables.append(((), check.norm_rows([c or "" for c in row] for row in table)))
            page.close()
    return tables


READERS = {"annex": check.read_with_annex, "pdfplumber": read_with_pdfplumber}


def built_catalogue(tool: str, folder: Path, reuse: bool) -> dict[str, Built]:
    names = [f.name for f in catalogue.fixtures(tool)]
    if reuse and all((folder / f"{n}.pdf").exists() for n in names):
        return {f.name: Built(f, folder / f"{f.name}.pdf") for f in catalogue.fixtures(tool)}
    return catalogue.build(tool, folder)


def family_score(builts: list[Built], root: Path) -> dict[str, int]:
    """Rows `annex run` published against the typed family rows, position by position."""
    if root.exists():
        shutil.rmtree(root)
    curated = check.run_releases(root, builts)
    out = {"rows_expected": 0, "rows_exact": 0, "extra_rows": 0, "refused": 0}
    for built in builts:
        if not built.fixture.family:
            continue
        want = check.expected_family_rows(built.fixture)
        got = check.published_rows(curated, built.fixture.name, built.fixture.family)
        out["rows_expected"] += len(want)
        if got is None:
            out["refused"] += 1
            continue
        out["rows_exact"] += sum(g == w for g, w in zip(got, want))
        out["extra_rows"] += max(0, len(got) - len(want))
    return out


def line(label: str, s: Score) -> str:
    return (f"{label:<22} tables {s.tables_found:>3}/{s.tables_expected:<3} exact {s.tables_exact:>3}   "
            f"rows {s.rows_exact:>4}/{s.rows_expected:<4} extra {s.extra_rows:>3}   "
            f"cells {s.cells_exact:>5}/{s.cells_expected:<5}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/annex-council-bench"), help="where the PDFs go")
    parser.add_argument("--reuse", action="store_true", help="read the PDFs already in --out")
    parser.add_argument("--tools", default=",".join(catalogue.TOOLS))
    parser.add_argument("--no-run", action="store_true", help="skip the `annex run` family figures")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    parser.add_argument("--detail", action="store_true", help="also print each fixture's figures")
    args = parser.parse_args(argv)

    tools = [t.strip() for t in args.tools.split(",") if t.strip()]
    totals = {name: Score() for name in READERS}
    family_total = {"rows_expected": 0, "rows_exact": 0, "extra_rows": 0, "refused": 0}
    figures: dict = {}
    for tool in tools:
        missing = catalogue.available(tool)
        if missing:
            print(f"{tool}: skipped ({missing})")
            continue
        start = time.perf_counter()
        builts = built_catalogue(tool, args.out / tool, args.reuse)
        printed = time.perf_counter() - start
        print(f"\n{tool}: {len(builts)} fixtures ({printed:.1f} s to print or find)")
        figures[tool] = {}
        for name, read in READERS.items():
            score = Score()
            for built in builts.values():
                one = check.score(read(built.pdf), built.fixture.tables)
                score.add(one)
                if args.detail:
                    print(line(f"    {name}", one) + f"  {built.fixture.name}")
            totals[name].add(score)
            figures[tool][name] = score.__dict__
            print(line(f"  {name}", score))
        if not args.no_run:
            fam = family_score(list(builts.values()), args.out / f"{tool}-run")
            for key, value in fam.items():
                family_total[key] += value
            figures[tool]["annex run"] = fam
            print(f"  {'annex run (family)':<20} rows {fam['rows_exact']:>4}/{fam['rows_expected']:<4} "
                  f"extra {fam['extra_rows']:>3}   releases refused {fam['refused']}")
    print("\noverall")
    for name, score in totals.items():
        print(line(f"  {name}", score))
        figures.setdefault("overall", {})[name] = score.__dict__
    if not args.no_run:
        print(f"  {'annex run (family)':<20} rows {family_total['rows_exact']:>4}/{family_total['rows_expected']:<4} "
              f"extra {family_total['extra_rows']:>3}   releases refused {family_total['refused']}")
        figures["overall"]["annex run"] = family_total
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
