"""Publish curated tables: one Parquet file per table and release, written aside then moved into
place, with fixed writer settings so the same rows give the same bytes. Only this module writes
curated/."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.schema import CURATED_TABLES

PART_NAME = "part-0.parquet"
# Fixed writer settings: a library default that changes between releases would change the bytes.
_WRITER = dict(compression="zstd", compression_level=3, use_dictionary=True, write_statistics=True,
               data_page_version="1.0", version="2.6", row_group_size=1_000_000)


def partition_path(curated_root: Path, table: str, release: str) -> Path:
    return Path(curated_root) / table / f"release={release}" / PART_NAME


def write_parquet_atomic(table: pa.Table, path: Path) -> None:
    """Write to a temporary file beside `path`, fsync, then os.replace: a reader or a kill sees
    the old file or the new one, never a half-written one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, **_WRITER)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def publish_release(tables: dict[str, pa.Table], release: str, curated_root: Path) -> dict[str, int]:
    """Replace the release's partitions with `tables`; a table with no rows removes its partition.
    Returns rows written per table."""
    written = {}
    for name in CURATED_TABLES:
        path = partition_path(curated_root, name, release)
        table = tables.get(name)
        if table is not None and table.num_rows:
            write_parquet_atomic(table, path)
            written[name] = table.num_rows
        elif path.exists():
            _remove_partition(path.parent)
    return written


def _remove_partition(folder: Path) -> None:
    """Rename aside first (atomic), then delete: readers never see a half-deleted folder."""
    trash = folder.with_name(f".{folder.name}.removing")
    shutil.rmtree(trash, ignore_errors=True)
    os.replace(folder, trash)
    shutil.rmtree(trash, ignore_errors=True)
