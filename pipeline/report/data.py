"""Read what `annex report` and `annex diff` need from curated/: a release's tables, its publish
record, and the optional `checks` table. Read-only; a table the release has no rows in (its
partition is absent) comes back empty with its declared schema, so callers need no special case.
curated/ in a bucket: the releases are those its manifest names (what a reader may trust: an object
the manifest does not name may be a publish in progress), each partition read in one GET.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.core import storage
from pipeline.core.errors import AnnexError
from pipeline.core.storage import Location, is_url, join
from pipeline.publish import partition_path, read_manifest
from pipeline.schema import CURATED_TABLES

# Written by validation when present; not declared here so the report works with or without it.
CHECKS_TABLE = "checks"
_RECORDS_DIR = "_releases"


@dataclass(frozen=True)
class ReleaseTables:
    """One release as published: its curated tables (every declared one, maybe empty, plus
    `checks` when validation wrote it) and its publish record (warnings, validation)."""

    release: str
    tables: dict[str, pa.Table]
    record: dict = field(default_factory=dict)

    @property
    def checks(self) -> pa.Table | None:
        """The validation checks, or None when this installation has no checks table."""
        return self.tables.get(CHECKS_TABLE)

    def rows(self, table: str) -> list[dict]:
        return self.tables[table].to_pylist()


def list_releases(curated_root: Location) -> list[str]:
    """Release ids with at least one curated partition, sorted by name (in a bucket: those the
    manifest names)."""
    if is_url(curated_root):
        return sorted((read_manifest(curated_root) or {}).get("releases", {}))
    found = set()
    for name in [*CURATED_TABLES, CHECKS_TABLE]:
        folder = Path(curated_root) / name
        if folder.is_dir():
            found |= {p.name.split("=", 1)[1] for p in folder.glob("release=*")
                      if p.is_dir() and (p / "part-0.parquet").is_file()}
    return sorted(found)


def load_release(curated_root: Location, release: str) -> ReleaseTables:
    """A published release's tables; AnnexError naming the known releases if it has none."""
    known = list_releases(curated_root)
    if release not in known:
        raise AnnexError(str(curated_root), f"no published release {release!r}",
                         fix=f"known releases: {', '.join(known) or 'none (run `annex run` first)'}")
    if is_url(curated_root):
        return _load_from_bucket(curated_root, release)
    tables = {name: _read_partition(curated_root, name, release, spec.schema)
              for name, spec in CURATED_TABLES.items()}
    checks_path = partition_path(curated_root, CHECKS_TABLE, release)
    if CHECKS_TABLE not in tables and (checks := _read_object(checks_path)) is not None:
        tables[CHECKS_TABLE] = checks
    return ReleaseTables(release=release, tables=tables, record=_read_record(curated_root, release))


def _load_from_bucket(curated_root: str, release: str) -> ReleaseTables:
    """load_release from a bucket: exactly the objects the manifest names, each checked against
    the sha256 recorded there (a partition that differs is a publish in progress or cut short,
    and is not read as the published release)."""
    record = read_manifest(curated_root)["releases"][release]
    tables = {}
    for name, entry in record.get("tables", {}).items():
        url = join(curated_root, entry["path"])
        data = storage.read_bytes(url)
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise AnnexError(url, "this partition is not the one the manifest records (a publish in "
                             "progress, or one cut short)", fix="wait for the run to finish, or rerun "
                             "annex run, which redoes the release")
        tables[name] = pq.read_table(pa.BufferReader(data))
    for name, spec in CURATED_TABLES.items():
        tables.setdefault(name, spec.schema.empty_table())
    return ReleaseTables(release=release, tables=tables, record=record)


def _read_partition(curated_root: Location, table: str, release: str, schema: pa.Schema) -> pa.Table:
    found = _read_object(partition_path(curated_root, table, release))
    return schema.empty_table() if found is None else found


def _read_object(path: Location) -> pa.Table | None:
    """The Parquet file (or object) at `path`, None when there is none."""
    if not is_url(path):
        return _read_file(path) if Path(path).is_file() else None
    try:
        return pq.read_table(pa.BufferReader(storage.read_bytes(path)))
    except FileNotFoundError:
        return None


def _read_file(path: Path) -> pa.Table:
    # One file, not the folder: reading the folder would add the hive key as a second column.
    return pq.read_table(path, partitioning=None)


def _read_record(curated_root: Location, release: str) -> dict:
    path = join(curated_root, _RECORDS_DIR, f"{release}.json")
    if is_url(path):
        try:
            return json.loads(storage.read_bytes(path))
        except FileNotFoundError:
            return {}
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
