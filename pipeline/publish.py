"""Publish curated tables: one Parquet file per table and release, written aside then moved into
place, with fixed writer settings so the same rows give the same bytes. Only this module writes
curated/ (the Parquet partitions, the per-release records and `_manifest.json`).

A release is published in two phases: every new file is written to a hidden temporary file beside
its target and fsynced; only then are they moved into place one after another (os.replace is
atomic), and last the release's record, which marks the set as complete. A kill at any point leaves
each partition file old or new, never partial; a kill between the moves leaves no matching record,
so the next run redoes the release. Hidden files (".*") are skipped by Parquet dataset readers.

curated/ in a bucket (an s3:// URL, pipeline/core/storage.py): the same layout and the same bytes;
every new partition is serialised first, then each is written with one PUT (an object is replaced
whole: a reader sees the old or the new one, never part of it), then the record, then at the end of
the run the manifest, one PUT each. No temporary objects: there is no rename to make them visible.
A publish cut short leaves partitions no record names; the run that follows (or the same run, at
its end) deletes the partition objects the manifest does not name (sweep_unnamed).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.core import storage
from pipeline.core.errors import LockHeld
from pipeline.core.storage import Location, is_url, join
from pipeline.manifest import (MANIFEST_NAME, build_manifest, canonical_json, content_digests, file_digests,
                               read_text, record_path)
from pipeline.schema import CURATED_TABLES, to_arrow

PART_NAME = "part-0.parquet"
# Fixed writer settings: a library default that changes between releases would change the bytes.
_WRITER = dict(compression="zstd", compression_level=3, use_dictionary=True, write_statistics=True,
               data_page_version="1.0", version="2.6", row_group_size=1_000_000)
_TMP_SUFFIX = ".tmp"


def partition_path(curated_root: Location, table: str, release: str) -> Location:
    return join(curated_root, table, f"release={release}", PART_NAME)


def parquet_bytes(table: pa.Table) -> bytes:
    """The table as the Parquet bytes write_parquet_atomic puts in a file (same writer settings)."""
    return _parquet_buffer(table).to_pybytes()


def _parquet_buffer(table: pa.Table) -> pa.Buffer:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, **_WRITER)
    return sink.getvalue()


def write_parquet_atomic(table: pa.Table, path: Path) -> None:
    """Write to a temporary file beside `path`, fsync, then os.replace: a reader or a kill sees
    the old file or the new one, never a half-written one."""
    os.replace(_write_aside(table, Path(path)), path)


def write_json_atomic(value: object, path: Location) -> None:
    """Canonical JSON (sorted keys, no clock) written aside and moved into place (in a bucket:
    one PUT, which replaces the object whole)."""
    if is_url(path):
        storage.put(path, canonical_json(value).encode("utf-8"))
        return
    path = Path(path)
    tmp = _temp_beside(path)
    try:
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(canonical_json(value))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def publish_release(tables: dict[str, pa.Table], release: str, curated_root: Path) -> dict[str, int]:
    """Replace the release's partitions with `tables`. Every curated table gets a partition, one
    with no rows (the declared schema, written as any other) where the release has none, so each
    table folder exists from the first publish and reads in pandas, Polars and DuckDB. Returns
    rows written per table."""
    writes = {name: _declared(tables.get(name), spec) for name, spec in CURATED_TABLES.items()}
    if is_url(curated_root):
        # Phase 1: every partition serialised; phase 2: one PUT each (see the module doc).
        objects = {partition_path(curated_root, name, release): parquet_bytes(table)
                   for name, table in writes.items()}
        for url, data in objects.items():
            storage.put(url, data)
        return {name: table.num_rows for name, table in writes.items()}
    staged: dict[Path, Path] = {}
    try:
        # Phase 1: every new file aside (the slow part; a kill here changes nothing visible).
        for name, table in writes.items():
            path = partition_path(curated_root, name, release)
            _remove_stale_temps(path)
            staged[path] = _write_aside(table, path)
        # Phase 2: quick atomic moves, then the partitions this release no longer has.
        for path, tmp in staged.items():
            os.replace(tmp, path)
            _fsync_dir(path.parent)
    except BaseException:
        for tmp in staged.values():
            tmp.unlink(missing_ok=True)
        raise
    return {name: table.num_rows for name, table in writes.items()}


def _declared(table: pa.Table | None, spec) -> pa.Table:
    """The table, or none given: zero rows of the declared schema."""
    return table if table is not None else to_arrow(spec, [])


def published_files(curated_root: Location, release: str, written: dict[str, int]) -> dict[str, dict]:
    """Per table published: its path (relative to curated/), row count and content hashes
    (sha256, and the MD5 a bucket's listing states as ETag: pipeline/manifest.py files_intact)."""
    out = {}
    for name, rows in sorted(written.items()):
        path = partition_path(curated_root, name, release)
        if is_url(curated_root):
            out[name] = {"path": f"{name}/release={release}/{PART_NAME}", "rows": rows,
                         **content_digests(storage.read_bytes(path))}
            continue
        out[name] = {"path": path.relative_to(curated_root).as_posix(), "rows": rows, **file_digests(path)}
    return out


def write_release_record(curated_root: Location, record: dict) -> None:
    """The commit marker of a release's publish (see the module doc)."""
    path = record_path(curated_root, record["release"])
    if not is_url(path):
        path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomic(record, path)


# `replacing` of write_manifest: replace it whatever it is now (the caller holds the lock).
UNCONDITIONAL = object()


def write_manifest(curated_root: Location, replacing: object = UNCONDITIONAL) -> dict:
    """Rebuild curated/_manifest.json from the release records; returns it. In a bucket,
    `replacing` an ETag (or None: there was no manifest) writes it only if the manifest is still
    that one (If-Match, If-None-Match), else LockHeld naming it: another run wrote it meanwhile."""
    manifest = build_manifest(curated_root)
    path = join(curated_root, MANIFEST_NAME)
    if is_url(path) and replacing is not UNCONDITIONAL:
        data = canonical_json(manifest).encode("utf-8")
        written = storage.create(path, data) if replacing is None else storage.replace_if(path, data, replacing)
        if written is None:
            raise LockHeld(path, "another run replaced the manifest while this run rebuilt it, so this "
                           "run did not write its own (it would have undone the other's); another run "
                           "is writing to this curated/ without this run's lease", fix="rerun once the "
                           "other run has finished: the releases this run published are recorded and "
                           "the next run names them in the manifest")
        return manifest
    if not is_url(curated_root):
        Path(curated_root).mkdir(parents=True, exist_ok=True)
    write_json_atomic(manifest, path)
    return manifest


def read_manifest(curated_root: Location) -> dict | None:
    path = join(curated_root, MANIFEST_NAME)
    if is_url(path):
        try:
            return json.loads(read_text(path))
        except FileNotFoundError:
            return None
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def sweep_unnamed(curated_root: str) -> list[str]:
    """curated/ in a bucket: delete the partition objects the manifest does not name (left by a
    publish cut short, of a release not published since: there is no temporary name to tell them
    by); returns their keys. The caller holds the lock and has just refreshed the manifest."""
    named = {table["path"] for record in (read_manifest(curated_root) or {}).get("releases", {}).values()
             for table in record.get("tables", {}).values()}
    unnamed = [f"{name}/{relative}" for name in CURATED_TABLES
               for relative in storage.files_under(join(curated_root, name))
               if f"{name}/{relative}" not in named]
    storage.delete([join(curated_root, key) for key in unnamed])
    return unnamed


def _temp_beside(path: Path) -> Path:
    """A new, empty hidden file beside `path`. Created with mode 0666 less the umask (0644 with
    the usual 022), like any file a program writes: tempfile.mkstemp's 0600 would travel with
    os.replace into curated/ and keep the analysts of the group out."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        tmp = path.parent / f".{path.name}.{secrets.token_hex(6)}{_TMP_SUFFIX}"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:
            continue


def _write_aside(table: pa.Table, path: Path) -> Path:
    """The table written and fsynced to a hidden temporary file beside `path`; returns its path."""
    tmp = _temp_beside(path)
    try:
        # serialised in memory, then one write: the writer's many small writes straight to the
        # file took 20-40% more CPU (and more wall) for a release's small partitions; same bytes
        data = _parquet_buffer(table)
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _remove_stale_temps(path: Path) -> None:
    """Temporary files left by a killed publish of this partition (one publisher per release)."""
    if path.parent.is_dir():
        for stale in path.parent.glob(f".{path.name}.*{_TMP_SUFFIX}"):
            stale.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless where directories cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
