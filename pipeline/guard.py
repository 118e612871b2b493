"""Publishing guards: a release whose tables shrank a lot since its published version is suspect
(a truncated download, a document swapped for a shorter one) and is not published unless the
user says the shrink is real (`--accept-shrink`).

Pure comparisons (`row_drops`, `shrink_error`) over one read of curated/ (`published_rows`: the
row counts in the partitions that publishing would replace, read from their Parquet footers).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.core import storage
from pipeline.core.errors import ValidationFailed
from pipeline.core.storage import Location, is_url
from pipeline.manifest import read_record
from pipeline.publish import partition_path

# The tables of document rows. rejects and checks may shrink for good reasons (a cleaner
# document, fewer statements); a fall in these is rows the analysts lose.
GUARDED_TABLES = {"activities": "plan", "deliverables": "tracker", "deliverable_quarters": "tracker"}


@dataclass(frozen=True)
class RowDrop:
    table: str
    before: int
    after: int

    @property
    def fraction(self) -> float:
        return (self.before - self.after) / self.before


def published_rows(curated_root: Location, release: str) -> dict[str, int]:
    """Rows per guarded table in the release's published partitions (absent tables left out; a
    partition whose footer cannot be read is left out too: see damaged_partitions)."""
    if is_url(curated_root):
        return {table: rows for table in GUARDED_TABLES
                if isinstance(rows := _object_rows(partition_path(curated_root, table, release)), int)}
    out = {}
    for table in GUARDED_TABLES:
        path = partition_path(curated_root, table, release)
        if path.is_file() and not path.is_symlink():
            try:
                out[table] = pq.ParquetFile(path).metadata.num_rows
            except (OSError, ValueError):
                continue
    return out


def damaged_partitions(curated_root: Location, release: str) -> list[tuple[Location, str, int]]:
    """Guarded partitions the release's record says were published with rows, that cannot be
    read now (deleted, a link, a damaged footer): (path, what is wrong, rows recorded). Without
    them there is nothing to compare a new version with, which is no reason to let it through."""
    record = read_record(curated_root, release) or {}
    recorded = record.get("tables") if isinstance(record.get("tables"), dict) else {}
    out = []
    for table in GUARDED_TABLES:
        entry = recorded.get(table)
        rows = entry.get("rows") if isinstance(entry, dict) else None
        if not isinstance(rows, int) or rows <= 0:
            continue
        path = partition_path(curated_root, table, release)
        if is_url(path):
            if not isinstance(problem := _object_rows(path), int):
                out.append((path, problem, rows))
        elif path.is_symlink():
            out.append((path, "is a symbolic link", rows))
        elif not path.is_file():
            out.append((path, "is missing", rows))
        else:
            try:
                pq.ParquetFile(path).metadata.num_rows
            except (OSError, ValueError) as error:
                out.append((path, f"is damaged ({' '.join(str(error).split())[:200]})", rows))
    return out


def _object_rows(url: str) -> int | str:
    """The rows in a partition object's footer, or what is wrong with it (missing, damaged)."""
    try:
        data = storage.read_bytes(url)
    except FileNotFoundError:
        return "is missing"
    try:
        return pq.ParquetFile(pa.BufferReader(data)).metadata.num_rows
    except (OSError, ValueError) as error:
        return f"is damaged ({' '.join(str(error).split())[:200]})"


def damaged_error(release: str, damaged: list[tuple[Path, str, int]]) -> ValidationFailed:
    """As a shrink: the published version the check needs cannot be read, so nothing published."""
    lines = [f"  - {path} {what} (published with {rows:,} rows)" for path, what, rows in damaged]
    return ValidationFailed(
        f"release {release}",
        "the published version cannot be read to check the release has not shrunk, nothing "
        "published:\n" + "\n".join(lines),
        fix="restore curated/ from a backup (or `git checkout`/`dvc checkout` it), or, if publishing "
        "this version over it is intended, rerun with --accept-shrink")


def row_drops(before: Mapping[str, int], after: Mapping[str, int], max_drop: float) -> list[RowDrop]:
    """Guarded tables whose rows fall by more than `max_drop` (a fraction of `before`); a table
    missing from `after` has 0 rows."""
    drops = [RowDrop(table, before[table], after.get(table, 0))
             for table in GUARDED_TABLES if before.get(table)]
    return [d for d in drops if d.fraction > max_drop]


def shrink_error(release: str, drops: list[RowDrop], max_drop: float,
                 sources: Mapping[str, Iterable[str]] | None = None) -> ValidationFailed:
    """One error naming each table, its published and new row counts, and the documents read for it."""
    lines = []
    for drop in drops:
        documents = sorted(set((sources or {}).get(drop.table, ())))
        source = f" (from {', '.join(documents)})" if documents else ""
        lines.append(f"  - {drop.table}{source}: {drop.after} rows, down from {drop.before} in the "
                     f"published version (-{drop.fraction:.0%})")
    return ValidationFailed(
        f"release {release}",
        f"the release shrank by more than annex.max_row_drop ({max_drop:.0%}) allows, nothing "
        "published, the previous version is kept:\n" + "\n".join(lines),
        fix="check the documents are complete (a truncated download or the wrong file?); if the "
        "release really has fewer rows now, rerun with --accept-shrink (or raise annex.max_row_drop "
        "in params.yaml)")


def check_shrink(release: str, rows: Mapping[str, int], curated_root: Location, max_drop: float,
                 sources: Mapping[str, Iterable[str]] | None = None) -> None:
    """Raise the shrink error when publishing `rows` (per table) would drop too many published
    rows, or when a published partition the comparison needs cannot be read."""
    if damaged := damaged_partitions(curated_root, release):
        raise damaged_error(release, damaged)
    drops = row_drops(published_rows(curated_root, release), rows, max_drop)
    if drops:
        raise shrink_error(release, drops, max_drop, sources)


def sources_by_table(documents: Iterable) -> dict[str, list[str]]:
    """Guarded table -> the documents (FamilyTables' sources) its rows come from."""
    out: dict[str, list[str]] = {}
    for document in documents:
        for table, family in GUARDED_TABLES.items():
            if document.family == family:
                out.setdefault(table, []).append(document.source)
    return out
