"""Table reading on statistical-table layouts the reader was never tuned on (issue 20): the
stand-in for the held-out ICDAR 2013 US half and Camelot's test suite (unruled and partly ruled
tables of government reports), drawn from seeded specs (tests/generators/stats_tables.py).

    python benchmarks/bench_pdf_layouts.py [--count N] [--quick] [--seed S] [--detail] [--out DIR]

For each spec it draws the PDF, reads it with annex `read_pdf_tables` (defaults), pdfplumber's
`page.extract_tables()` (defaults) and, when `camelot` is importable, Camelot stream (defaults),
and compares with the cells the spec typed (stats_tables.expected), never with a reader's output.
Per trait (a spec counts under every trait it sets) and overall it prints:
- tables found/true: tables returned / tables drawn (one per spec, two with `next_table` or `stacked_table`: the
  second, on the next page under its own caption, is no continuation of the first);
- rows exact: the share of typed rows (header and body) returned exactly, in order (a row split
  in two loses itself, not the rows after it: rows are paired by longest matching sequence);
- cells: the share of typed cells found at their row and column (rows position by position,
  header then body, as Camelot's tests compare a table; a reader that splits a row misplaces the
  rows under it, as it would misplace them in a published table).
Of several tables returned for one spec, the one with the most cells right is scored.
`--detail` prints each failing spec with the rows the reader returned.
"""

from __future__ import annotations

import argparse
import difflib
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the generator lives with the tests that use it

from generators.stats_tables import StatsLayout, draw, expected, layouts  # noqa: E402
from pipeline.core.errors import DocumentError  # noqa: E402
from pipeline.extract.pdf_tables import read_pdf_tables  # noqa: E402

Grid = tuple[tuple[str, ...], ...]


def norm_rows(rows) -> Grid:
    return tuple(tuple(" ".join((c or "").split()) for c in row) for row in rows)


def read_annex(data: bytes, path: Path) -> list[Grid]:
    try:
        tables = read_pdf_tables(data, path.name)
    except DocumentError:
        return []
    return [norm_rows([*(r.cells for r in t.header_rows), *(r.cells for r in t.body)]) for t in tables]


def read_pdfplumber(data: bytes, path: Path) -> list[Grid]:
    import pdfplumber

    with pdfplumber.open(path) as doc:
        return [norm_rows(table) for page in doc.pages for table in page.extract_tables()]


def read_camelot(data: bytes, path: Path) -> list[Grid]:
    import camelot

    tables = camelot.read_pdf(str(path), flavor="stream")
    return [norm_rows(t.df.values.tolist()) for t in tables]


@dataclass
class Score:
    specs: int = 0
    tables_true: int = 0
    tables_found: int = 0
    rows_true: int = 0
    rows_exact: int = 0
    cells_true: int = 0
    cells_found: int = 0

    def add(self, other: "Score") -> None:
        for key in self.__dataclass_fields__:
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def line(self) -> str:
        rows = self.rows_exact / self.rows_true if self.rows_true else 0.0
        cells = self.cells_found / self.cells_true if self.cells_true else 0.0
        return f"tables {self.tables_found:3d}/{self.tables_true:<3d} rows exact {rows:5.3f}  cells {cells:5.3f}"


def cells_at_place(want: Grid, got: Grid) -> int:
    return sum(1 for i, row in enumerate(want) for k, cell in enumerate(row)
               if i < len(got) and k < len(got[i]) and got[i][k] == cell)


def score(want: Grid, found: Sequence[Grid], drawn: int = 1) -> Score:
    out = Score(specs=1, tables_true=drawn, tables_found=len(found), rows_true=len(want),
                cells_true=sum(len(r) for r in want))
    if found:
        best = max(found, key=lambda got: cells_at_place(want, got))
        out.cells_found = cells_at_place(want, best)
        matcher = difflib.SequenceMatcher(a=want, b=best, autojunk=False)
        out.rows_exact = sum(block.size for block in matcher.get_matching_blocks())
    return out


def readers() -> dict[str, Callable[[bytes, Path], list[Grid]]]:
    out = {"annex": read_annex, "pdfplumber": read_pdfplumber}
    try:
        import camelot  # noqa: F401

        out["camelot-stream"] = read_camelot
    except ImportError:
        pass
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=60, help="number of seeded specs (default 60)")
    parser.add_argument("--quick", action="store_true", help="20 specs")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--detail", action="store_true", help="print annex's rows for each failing spec")
    parser.add_argument("--out", type=Path, help="keep the PDFs here (default: a temporary folder)")
    args = parser.parse_args(argv)
    specs = layouts(20 if args.quick else args.count, args.seed)
    chosen = readers()
    totals = {name: Score() for name in chosen}
    by_trait: dict[str, dict[str, Score]] = {}
    seconds = {name: 0.0 for name in chosen}
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.out or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for index, spec in enumerate(specs):
            data = draw(spec)
            path = folder / f"layout-{index:03d}.pdf"
            path.write_bytes(data)
            head, body = expected(spec)
            want = norm_rows([*head, *body])
            for name, read in chosen.items():
                start = time.perf_counter()
                found = read(data, path)
                seconds[name] += time.perf_counter() - start
                result = score(want, found, 2 if spec.next_table or spec.stacked_table else 1)
                totals[name].add(result)
                for trait in spec.traits() or ["baseline"]:
                    by_trait.setdefault(trait, {n: Score() for n in chosen})[name].add(result)
                if args.detail and name == "annex" and result.cells_found < result.cells_true:
                    _print_detail(index, spec, want, found)
    print(f"{len(specs)} seeded statistical-table layouts (seed {args.seed}); readers: {', '.join(chosen)}")
    for trait in sorted(by_trait, key=lambda t: (t != "baseline", t)):
        count = by_trait[trait][next(iter(chosen))].specs
        print(f"\n{trait}  ({count} specs)")
        for name in chosen:
            print(f"  {name:15s} {by_trait[trait][name].line()}")
    print("\noverall")
    for name in chosen:
        print(f"  {name:15s} {totals[name].line()}   ({seconds[name]:.1f} s)")
    return 0


def _print_detail(index: int, spec: StatsLayout, want: Grid, found: Sequence[Grid]) -> None:
    print(f"--- layout-{index:03d}: {', '.join(spec.traits()) or 'baseline'}")
    best = max(found, key=lambda got: cells_at_place(want, got)) if found else ()
    for k in range(max(len(want), len(best))):
        mine = want[k] if k < len(want) else None
        theirs = best[k] if k < len(best) else None
        mark = "  " if mine == theirs else "!!"
        print(f"  {mark} want {mine}\n     got  {theirs}" if mark == "!!" else f"  {mark} {mine}")


if __name__ == "__main__":
    raise SystemExit(main())
