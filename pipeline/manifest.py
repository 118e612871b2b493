"""What is published, and from what: fingerprints of a release's inputs, settings and code, the
per-release records that mark a publish as complete, and `curated/_manifest.json`.

A release is skipped by `annex run` when its fingerprint equals the one recorded at its last
successful publish and its curated files still hold the recorded bytes. The record of a release
(`curated/_releases/<id>.json`) is written after its partitions, so it is the commit marker: a
publish killed half-way leaves no matching record and the release is redone on the next run.
Nothing here reads the clock: the same state gives the same JSON, byte for byte.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from pipeline.core import storage
from pipeline.core.settings import ADDED_LATER, GATES_ONLY, Settings
from pipeline.core.storage import Location, is_url, join
from pipeline.schema import SCHEMA_VERSION

MANIFEST_NAME = "_manifest.json"
RECORDS_DIR = "_releases"  # leading "_": Parquet dataset readers skip it
MANIFEST_FORMAT = 1
_CHUNK = 1 << 20
# Test helpers are not part of what produces curated data; everything else in the package is.
_CODE_EXCLUDED = ("testing",)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def file_digests(path: Path) -> dict[str, str]:
    """A published file's sha256 and MD5, read once. The sha256 is what annex checks; the MD5 is
    what S3 states as the ETag of an object written with one PUT, so a bucket's listing confirms a
    partition without reading it (files_intact)."""
    sha, md5 = hashlib.sha256(), hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            sha.update(chunk)
            md5.update(chunk)
    return {"sha256": sha.hexdigest(), "md5": md5.hexdigest()}


def content_digests(data: bytes) -> dict[str, str]:
    """file_digests of bytes held in memory (an object read from a bucket)."""
    return {"sha256": hashlib.sha256(data).hexdigest(), "md5": _md5(data)}


def _md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def sha256_json(value: object) -> str:
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def canonical_json(value: object) -> str:
    """Sorted keys, fixed separators, a final newline: one text per value."""
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def input_hashes(release_folder: Path) -> dict[str, str]:
    """sha256 of every file in the release folder (hidden files aside), by relative path. The
    whole folder rather than the documents the manifest names: it is what DVC tracks too, and it
    needs no valid release.yaml to compute. Symbolic links are not followed (neither a linked
    file nor a linked folder is hashed): annex never reads through one."""
    folder = Path(release_folder)
    return {p.relative_to(folder).as_posix(): sha256_file(p) for p in sorted(_plain_files(folder))
            if not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def _plain_files(folder: Path):
    """Regular files under `folder`, not through symbolic links."""
    for root, _dirs, names in os.walk(folder, followlinks=False):  # linked folders: not entered
        for name in names:
            path = Path(root) / name
            if not path.is_symlink() and path.is_file():
                yield path


def settings_dict(settings: Settings) -> dict:
    """The settings that shape curated data (publishing gates such as max_row_drop left out, and
    settings added later while at their default)."""
    return {k: v for k, v in dataclasses.asdict(settings).items()
            if k not in GATES_ONLY and not (k in ADDED_LATER and v == ADDED_LATER[k])}


@lru_cache(maxsize=4)
def code_version(package_dir: Path | None = None) -> str:
    """sha256 over the package's Python sources (path and bytes) and the schema version: any
    change to the code that makes curated data gives another version. Computed once per process."""
    root = Path(package_dir) if package_dir else Path(__file__).resolve().parent
    digest = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root)
        if relative.parts[0] in _CODE_EXCLUDED:
            continue
        digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


@dataclasses.dataclass(frozen=True)
class Fingerprint:
    """Everything a release's curated output depends on."""

    inputs: dict[str, str]
    settings: dict
    code_version: str
    schema_version: str = SCHEMA_VERSION

    @property
    def digest(self) -> str:
        return sha256_json(dataclasses.asdict(self))


def fingerprint(release_folder: Path, settings: Settings, version: str | None = None) -> Fingerprint:
    """`version`: the code version (default: this process's); a batch passes the one it started
    with to its workers, so one run records one version."""
    return Fingerprint(input_hashes(release_folder), settings_dict(settings), version or code_version())


def record_path(curated_root: Location, release_id: str) -> Location:
    return join(curated_root, RECORDS_DIR, f"{release_id}.json")


def release_record(release_id: str, fp: Fingerprint, tables: dict[str, dict],
                   validation: dict, warnings: list[str]) -> dict:
    """The record of one successful publish. `tables`: name -> {"path", "rows", "sha256", "md5"}."""
    return {
        "release": release_id,
        "fingerprint": fp.digest,
        "inputs": fp.inputs,
        "settings": fp.settings,
        "code_version": fp.code_version,
        "schema_version": fp.schema_version,
        "tables": tables,
        "validation": validation,
        "warnings": list(warnings),
    }


def read_record(curated_root: Location, release_id: str) -> dict | None:
    path = record_path(curated_root, release_id)
    try:
        return json.loads(read_text(path))
    except (OSError, ValueError):
        return None  # missing or unreadable: the release is simply redone


def is_up_to_date(curated_root: Location, release_id: str, fp: Fingerprint) -> bool:
    """True when the last successful publish used the same fingerprint and its files are intact."""
    record = read_record(curated_root, release_id)
    return record is not None and record.get("fingerprint") == fp.digest and files_intact(curated_root, record)


def files_intact(curated_root: Location, record: dict, etags: dict[str, str] | None = None) -> bool:
    """Do the curated files a record names still hold the bytes it recorded? In a bucket, with
    `etags` (curated/'s listing, BucketListing): an object missing from it is not intact, one
    whose ETag is the MD5 recorded is, without reading it; only the others (an ETag that states no
    MD5, an older record without one, bytes changed) are downloaded and their sha256 compared."""
    if is_url(curated_root):
        tables = list(record.get("tables", {}).values())
        if etags is not None:
            if any(table["path"] not in etags for table in tables):
                return False
            tables = [table for table in tables
                      if not table.get("md5") or storage.md5_of_etag(etags[table["path"]]) != table["md5"]]
        found = storage.read_many([join(curated_root, table["path"]) for table in tables])
        return all((data := found[join(curated_root, table["path"])]) is not None
                   and hashlib.sha256(data).hexdigest() == table["sha256"] for table in tables)
    root = Path(curated_root)
    for table in record.get("tables", {}).values():
        path = root / table["path"]
        if not path.is_file() or sha256_file(path) != table["sha256"]:
            return False
    return True


@dataclasses.dataclass(frozen=True)
class BucketListing:
    """curated/ in a bucket as a plan reads it once: every object's ETag (one listing, a page per
    1,000 objects) and the manifest's copy of every record. A plan of N releases then asks the
    store for a few pages and one manifest instead of a record and a download per partition for
    each release (N x 6 requests: a no-op plan of 1,000 releases on moto's server took 44-68 s;
    benchmarks/README.md)."""

    etags: dict[str, str]  # relative key -> ETag
    manifest_records: dict[str, dict]  # release id -> its record as _manifest.json holds it

    @classmethod
    def read(cls, curated_root: str) -> "BucketListing":
        etags = storage.etags_under(curated_root)
        try:
            manifest = json.loads(read_text(join(curated_root, MANIFEST_NAME))) if MANIFEST_NAME in etags else {}
        except (FileNotFoundError, ValueError):
            manifest = {}
        records = manifest.get("releases") if isinstance(manifest, dict) else None
        return cls(etags, records if isinstance(records, dict) else {})

    def record(self, curated_root: str, release_id: str) -> dict | None:
        """read_record, from the manifest's copy when the record object's ETag is the MD5 of that
        copy's bytes (the record is written as canonical_json, so the same record gives the same
        bytes); else (a record newer than the manifest, an ETag stating no MD5) read itself."""
        tag = self.etags.get(f"{RECORDS_DIR}/{release_id}.json")
        if tag is None:
            return None  # no record object: never published, or withdrawn
        copy = self.manifest_records.get(release_id)
        if isinstance(copy, dict) and storage.md5_of_etag(tag) == _md5(canonical_json(copy).encode("utf-8")):
            return copy
        return read_record(curated_root, release_id)


def changed_inputs(record: dict, fp: Fingerprint) -> tuple[str, ...]:
    """The release folder's files added, changed or removed since the publish `record` describes."""
    before, now = record.get("inputs", {}), fp.inputs
    return tuple(sorted(name for name in before.keys() | now.keys() if before.get(name) != now.get(name)))


def why_changed(record: dict, fp: Fingerprint) -> str:
    """Why a release whose fingerprint differs from its record's must be redone, in words."""
    files = changed_inputs(record, fp)
    if files:
        return "documents changed: " + ", ".join(files)
    if record.get("settings") != fp.settings:
        names = sorted(k for k in record.get("settings", {}).keys() | fp.settings.keys()
                       if record.get("settings", {}).get(k) != fp.settings.get(k))
        return "settings changed: " + ", ".join(names)
    if record.get("schema_version") != fp.schema_version:
        return "curated schema version changed"
    return "annex code changed"


def read_text(path: Location) -> str:
    """A curated file's text (UTF-8), on disk or in a bucket; FileNotFoundError when absent."""
    if is_url(path):
        return storage.read_bytes(path).decode("utf-8")
    return Path(path).read_text(encoding="utf-8")


def _record_files(curated_root: Location) -> list[Location]:
    """The release records under curated/, sorted by name."""
    if is_url(curated_root):
        records = join(curated_root, RECORDS_DIR)
        return [join(records, name) for name in storage.files_under(records)
                if name.endswith(".json") and "/" not in name]
    records_dir = Path(curated_root) / RECORDS_DIR
    return sorted(records_dir.glob("*.json")) if records_dir.is_dir() else []


def _records(curated_root: Location):
    """Every release record under curated/, by file name. In a bucket from one listing, each
    record taken from the manifest's copy when its ETag says the bytes are the same (a run that
    changed nothing reads no record: BucketListing)."""
    if is_url(curated_root):
        listing = BucketListing.read(curated_root)
        for name in sorted(listing.etags):
            folder, _, file = name.partition("/")
            if folder == RECORDS_DIR and file.endswith(".json") and "/" not in file:
                if (record := listing.record(curated_root, file[: -len(".json")])) is not None:
                    yield record
        return
    for path in _record_files(curated_root):
        try:
            yield json.loads(read_text(path))
        except ValueError:
            continue  # a torn record cannot exist (atomic writes); a hand-edited one is skipped


def recorded_releases(curated_root: Location) -> list[str]:
    """The ids of the releases with a publish record under curated/, sorted."""
    if is_url(curated_root):
        return sorted(storage.name_of(path)[: -len(".json")] for path in _record_files(curated_root))
    records_dir = Path(curated_root) / RECORDS_DIR
    return sorted(p.stem for p in records_dir.glob("*.json")) if records_dir.is_dir() else []


def build_manifest(curated_root: Location, history: list[dict] | None = None, without: str | None = None) -> dict:
    """The aggregate of every release record under curated/ (but release `without`): what is
    there and from what, and the history of withdrawn releases (`history`, else the one
    _manifest.json holds: the records cannot tell it; pipeline/withdraw.py)."""
    if history is None:
        history = _current_history(curated_root)
    releases = {}
    for record in _records(curated_root):
        if record["release"] != without:
            releases[record["release"]] = record
    totals: dict[str, int] = {}
    for record in releases.values():
        for name, table in record["tables"].items():
            totals[name] = totals.get(name, 0) + table["rows"]
    manifest = {
        "format": MANIFEST_FORMAT,
        "schema_version": SCHEMA_VERSION,
        "releases": releases,
        "rows": dict(sorted(totals.items())),
    }
    if history:  # absent until a release is withdrawn: a manifest's bytes stay as they were
        manifest["history"] = list(history)
    return manifest


def _current_history(curated_root: Location) -> list[dict]:
    try:
        return json.loads(read_text(join(curated_root, MANIFEST_NAME))).get("history", [])
    except (OSError, ValueError, AttributeError):
        return []
