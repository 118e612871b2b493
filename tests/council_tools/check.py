"""Compare what a reader or a run gave with the typed cells: cell by cell, whitespace normalised
(a wrapped cell's lines joined by one space). Used by the tests and by
benchmarks/bench_pdf_council.py; nothing here decides what the answer should be."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import pyarrow.parquet as pq
import yaml

from council_tools.spec import Built, Fixture, Row, TypedTable
from pipeline.cli import main
from pipeline.core.errors import DocumentError
from pipeline.extract.pdf_tables import read_pdf_tables

Grid = tuple[Row, ...]


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def norm_rows(rows: Iterable[Sequence[str]]) -> Grid:
    return tuple(tuple(norm(c) for c in row) for row in rows)


def expected(table: TypedTable) -> tuple[Grid, Grid]:
    return norm_rows(table.header), norm_rows(table.body)


def read_with_annex(pdf: Path) -> list[tuple[Grid, Grid]]:
    """(header rows, body rows) of every table `read_pdf_tables` returns; [] when it finds none."""
    try:
        tables = read_pdf_tables(pdf.read_bytes(), pdf.name)
    except DocumentError:
        return []
    return [(norm_rows(r.cells for r in t.header_rows), norm_rows(r.cells for r in t.body)) for t in tables]


@dataclass
class Score:
    """How many of the typed tables, rows and cells a reader gave back exactly."""

    tables_expected: int = 0
    tables_found: int = 0  # tables returned (any content)
    tables_exact: int = 0
    rows_expected: int = 0
    rows_exact: int = 0
    cells_expected: int = 0
    cells_exact: int = 0
    extra_rows: int = 0  # rows returned beyond the typed ones, over the paired tables

    def add(self, other: "Score") -> "Score":
        for key in self.__dataclass_fields__:
            setattr(self, key, getattr(self, key) + getattr(other, key))
        return self


def score(found: Sequence[tuple[Grid, Grid]], typed: Sequence[TypedTable]) -> Score:
    """Tables paired in reading order; header and body rows compared position by position (a row
    split in two makes the rest misaligned, as it misaligns the published rows); a cell is exact
    when the row at its position has the same text in the same column."""
    out = Score(tables_expected=len(typed), tables_found=len(found))
    for (head, body), table in zip(found, typed):
        want = [*expected(table)[0], *expected(table)[1]]
        got = [*head, *body]
        out.rows_expected += len(want)
        out.cells_expected += sum(len(r) for r in want)
        out.extra_rows += max(0, len(got) - len(want))
        out.tables_exact += got == want  # every row exact (a reader without headers is not penalised)
        for want_row, got_row in zip(want, got):
            out.rows_exact += want_row == got_row
            out.cells_exact += sum(1 for k, cell in enumerate(want_row) if k < len(got_row) and got_row[k] == cell)
    for table in typed[len(found):]:
        out.rows_expected += len(table.header) + len(table.body)
        out.cells_expected += (len(table.header) + len(table.body)) * table.width
    return out


# ------------------------------------------------------------------------------------------------
# Family rows published by `annex run`

PLAN_FIELDS = ("activity", "date_text", "audience_text", "business_plan_link")


def expected_family_rows(fixture: Fixture) -> list[Row]:
    """The rows `annex run` must publish, from the typed cells: a plan's activities as typed; a
    tracker's deliverables with the theme row above them, their figures as printed."""
    table = fixture.tables[fixture.family_table]
    if fixture.family == "plan":
        return [tuple(norm(c) for c in row) for row in table.body]
    rows, theme = [], ""
    for row in table.body:
        if row[0] and not any(row[1:]):
            theme = norm(row[0])
            continue
        rows.append((theme, *(norm(c) for c in row[1:])))
    return rows


def write_releases(builts: Iterable[Built], raw: Path) -> list[str]:
    """raw/<fixture name>/ holding its PDF and a release.yaml naming the family; the ids."""
    ids = []
    for built in builts:
        folder = raw / built.fixture.name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / built.pdf.name).write_bytes(built.pdf.read_bytes())
        manifest = {"title": built.fixture.about or built.fixture.name, "financial_year": "2015/16",
                    "documents": [{"file": built.pdf.name, "family": built.fixture.family}]}
        (folder / "release.yaml").write_text(yaml.safe_dump(manifest, sort_keys=False), encoding="utf-8")
        ids.append(built.fixture.name)
    return ids


def published_rows(curated: Path, release: str, family: str) -> list[Row] | None:
    """The family rows of `release` in curated/ as text, in row order; None when nothing was
    published for it (the release was refused)."""
    table = "activities" if family == "plan" else "deliverables"
    path = curated / table / f"release={release}" / "part-0.parquet"
    if not path.exists():
        return None
    rows = sorted(pq.read_table(path).to_pylist(), key=lambda r: r["row_number"])
    if family == "plan":
        return [tuple(norm(r[k]) for k in PLAN_FIELDS) for r in rows]
    quarters: dict[str, dict[int, str]] = {}
    qpath = curated / "deliverable_quarters" / f"release={release}" / "part-0.parquet"
    for q in pq.read_table(qpath).to_pylist() if qpath.exists() else []:
        quarters.setdefault(q["deliverable_id"], {})[q["quarter"]] = norm(q["value_text"])
    return [(norm(r["theme"]), norm(r["deliverable"]), _number(r["target"]),
             *(quarters.get(r["deliverable_id"], {}).get(k, "") for k in (1, 2, 3, 4)),
             _number(r["total"]), "" if r["pct_achieved"] is None else f"{r['pct_achieved']:g}%",
             norm(r["commentary"])) for r in rows]


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def run_releases(root: Path, builts: Sequence[Built]) -> Path:
    """`annex run` (the CLI's main, in-process) over one release per annex fixture; curated/."""
    raw, curated = root / "raw", root / "curated"
    write_releases([b for b in builts if b.fixture.family], raw)
    main(["run", "--raw", str(raw), "--staged", str(root / "staged"), "--curated", str(curated),
          "--params", "/dev/null", "--no-data-docs"])  # the defaults
    return curated
