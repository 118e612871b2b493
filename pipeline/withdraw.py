"""Withdraw a published release: its partitions, its record and its manifest entry go; the
manifest's `history` says who withdrew it, when (UTC) and why.

Atomic by a journal, under curated/'s lock:
  1. the plan (the files to move, the history entry) is written to curated/.trash/<id>/plan.json;
  2. the release's partition folders and its record are moved into curated/.trash/<id>/ (renames
     within curated/, one file system);
  3. the new _manifest.json (without the release, with the history entry) replaces the old one
     in one rename: this is the commit point;
  4. curated/.trash/<id>/ is deleted.
A kill before 3 leaves the old manifest: the next command that takes the lock moves the files
back (old state). A kill after 3 leaves the new manifest: the next one deletes the trash (new
state). `recover` does both, and every holder of the lock calls it first.
Names starting with "." and "_" are skipped by Parquet dataset readers.

curated/ in a bucket has no rename; there the journal comes first and deleting last:
  1. the journal (the history entry, the objects to delete) is written to .trash/<id>.json;
  2. the new _manifest.json replaces the old in one PUT: the commit point;
  3. the release's record, then its partitions are deleted;
  4. the journal is deleted.
A kill before 2 leaves everything as it was (recover deletes the journal); after 2, recover
deletes what the journal names. Readers that trust the manifest see the release, then not.
"""

from __future__ import annotations

import getpass
import json
import os
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path

from pipeline.core import storage
from pipeline.core.clock import utc_now
from pipeline.core.errors import AnnexError
from pipeline.core.release import declared_release_id, discover_releases
from pipeline.core.storage import Location, is_url, join
from pipeline.manifest import MANIFEST_NAME, build_manifest, record_path
from pipeline.publish import partition_path, read_manifest, write_json_atomic
from pipeline.schema import CURATED_TABLES

TRASH = ".trash"
PLAN = "plan.json"


def who() -> str:
    """The user running annex, as the system names them."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container): the uid itself
        return f"uid {os.getuid()}"


def ids_in_raw(raw_root: Location) -> set[str]:
    """The release ids the folders under raw/ claim (`id:`, else the folder name)."""
    return {declared_release_id(folder) or folder.name for folder in discover_releases(raw_root)}


def withdraw_release(curated_root: Location, release: str, reason: str, user: str | None = None,
                     when: str | None = None, before_commit: Callable[[], None] | None = None) -> dict:
    """Withdraw `release` (see the module doc); the caller holds curated/'s lock. Returns the
    history entry. An id that is not published is refused (AnnexError, exit 2). `before_commit`
    runs just before the new manifest is written (curated/ in a bucket: the caller's check that its
    lease is still its own, pipeline.lock.confirm_lease) and may refuse by raising."""
    curated_root = curated_root if is_url(curated_root) else Path(curated_root)
    recover(curated_root)
    manifest = read_manifest(curated_root)
    known = sorted((manifest or {}).get("releases", {}))
    if release not in known:
        raise AnnexError(str(join(curated_root, MANIFEST_NAME)), f"no published release {release!r}",
                         fix=f"published releases: {', '.join(known) or 'none'}")
    if not reason.strip():
        raise AnnexError("--reason", "the reason is empty", fix="say why the release is withdrawn")
    entry = {"action": "withdrawn", "release": release, "user": user or who(), "time": when or utc_now(),
             "reason": reason.strip(), "rows": {name: table["rows"] for name, table in
                                                 sorted(manifest["releases"][release]["tables"].items())}}
    if is_url(curated_root):
        return _withdraw_from_bucket(curated_root, release, manifest, entry, before_commit)
    trash = curated_root / TRASH / f"{release}.{secrets.token_hex(6)}"
    entry["id"] = trash.name
    moves = [(p.parent, trash / p.parent.relative_to(curated_root))
             for name in CURATED_TABLES if (p := partition_path(curated_root, name, release)).parent.exists()]
    record = record_path(curated_root, release)
    if record.exists():
        moves.append((record, trash / record.relative_to(curated_root)))
    trash.mkdir(parents=True)
    write_json_atomic({"entry": entry, "moves": [[_rel(a, curated_root), _rel(b, curated_root)]
                                                 for a, b in moves]}, trash / PLAN)
    for source, target in moves:
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
    new = build_manifest(curated_root, history=[*manifest.get("history", []), entry])
    write_json_atomic(new, curated_root / MANIFEST_NAME)  # the commit point
    shutil.rmtree(trash)
    _remove_if_empty(curated_root / TRASH)
    return entry


def _withdraw_from_bucket(curated_root: str, release: str, manifest: dict, entry: dict,
                          before_commit: Callable[[], None] | None) -> dict:
    """Steps 1-4 for curated/ in a bucket (see the module doc)."""
    entry["id"] = f"{release}.{secrets.token_hex(6)}"
    prefixes = [join(curated_root, name, f"release={release}") for name in CURATED_TABLES]
    doomed = [record_path(curated_root, release)] + [join(prefix, name) for prefix in prefixes
                                                     for name in storage.files_under(prefix)]
    journal = join(curated_root, TRASH, f"{entry['id']}.json")
    write_json_atomic({"entry": entry, "delete": doomed}, journal)
    new = build_manifest(curated_root, history=[*manifest.get("history", []), entry], without=release)
    if before_commit is not None:
        before_commit()
    write_json_atomic(new, join(curated_root, MANIFEST_NAME))  # the commit point
    storage.delete(doomed)
    storage.delete([journal])
    return entry


def _recover_bucket(curated_root: str) -> list[str]:
    """recover for curated/ in a bucket: a journal whose entry the manifest holds is finished
    (its objects deleted), any other one dropped (nothing was deleted before the commit)."""
    trash = join(curated_root, TRASH)
    history_ids = {e.get("id") for e in (read_manifest(curated_root) or {}).get("history", [])}
    done = []
    for name in storage.files_under(trash):
        journal = join(trash, name)
        try:
            plan = json.loads(storage.read_bytes(journal))
        except (OSError, ValueError):
            plan = None  # killed while writing it: nothing was done yet
        if plan is not None and plan["entry"].get("id") in history_ids:
            storage.delete(plan["delete"])
            done.append(f"finished: withdrawal of {plan['entry']['release']}")
        elif plan is not None:
            done.append(f"undone: withdrawal of {plan['entry']['release']}")
        storage.delete([journal])
    return done


def recover(curated_root: Location) -> list[str]:
    """Finish (the manifest has the entry) or undo (it has not) each withdrawal a kill left in
    curated/.trash; returns what it did, one line each."""
    if is_url(curated_root):
        return _recover_bucket(curated_root)
    root = Path(curated_root) / TRASH
    if not root.is_dir():
        return []
    history_ids = {e.get("id") for e in (read_manifest(curated_root) or {}).get("history", [])}
    done = []
    for trash in sorted(p for p in root.iterdir() if p.is_dir()):
        try:
            plan = json.loads((trash / PLAN).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            plan = None  # killed before the plan was complete: nothing was moved yet
        if plan is not None and trash.name not in history_ids:
            for source, target in plan["moves"]:
                source, target = Path(curated_root) / source, Path(curated_root) / target
                if target.exists() and not source.exists():
                    source.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(target, source)
            done.append(f"undone: withdrawal of {plan['entry']['release']}")
        elif plan is not None:
            done.append(f"finished: withdrawal of {plan['entry']['release']}")
        shutil.rmtree(trash)
    _remove_if_empty(root)
    return done


def _remove_if_empty(folder: Path) -> None:
    try:
        folder.rmdir()
    except OSError:  # not empty (another withdrawal's leftovers) or already gone
        pass


def _rel(path: Path, root: Path) -> str:
    return Path(path).relative_to(root).as_posix()
