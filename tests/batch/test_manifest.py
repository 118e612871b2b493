"""Fingerprints and the curated manifest."""

from __future__ import annotations

import hashlib
import json

from batch_support import append_to_plan, run_releases as run

from pipeline.core.settings import Settings
from pipeline.manifest import build_manifest, code_version, fingerprint, input_hashes
from pipeline.schema import SCHEMA_VERSION


def test_input_hashes_cover_visible_files_by_content(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub" / "b.pdf").write_bytes(b"b")
    (tmp_path / ".hidden").write_text("editor state")
    hashes = input_hashes(tmp_path)
    assert sorted(hashes) == ["a.txt", "sub/b.pdf"]
    before = dict(hashes)
    (tmp_path / "a.txt").write_text("a")  # rewritten with the same bytes
    assert input_hashes(tmp_path) == before
    (tmp_path / "a.txt").write_text("A")
    assert input_hashes(tmp_path)["a.txt"] != before["a.txt"]


def test_code_version_follows_the_sources(tmp_path):
    package = tmp_path / "pkg"
    (package / "testing").mkdir(parents=True)
    (package / "m.py").write_text("x = 1\n")
    (package / "testing" / "helper.py").write_text("y = 1\n")
    first = code_version(package)
    code_version.cache_clear()
    (package / "testing" / "helper.py").write_text("y = 2\n")  # test helpers make no data
    assert code_version(package) == first
    code_version.cache_clear()
    (package / "m.py").write_text("x = 2\n")
    assert code_version(package) != first
    code_version.cache_clear()


def test_fingerprint_changes_with_inputs_settings_and_code(tmp_path):
    (tmp_path / "doc.txt").write_text("x")
    base = fingerprint(tmp_path, Settings(), "v1")
    assert fingerprint(tmp_path, Settings(), "v1").digest == base.digest
    assert fingerprint(tmp_path, Settings(), "v2").digest != base.digest
    assert fingerprint(tmp_path, Settings(max_pages=3), "v1").digest != base.digest
    (tmp_path / "doc.txt").write_text("y")
    assert fingerprint(tmp_path, Settings(), "v1").digest != base.digest
    assert base.schema_version == SCHEMA_VERSION


def test_manifest_says_what_is_published(batch_raw, tmp_path):
    raw = batch_raw(ids=("r1", "r2"))
    append_to_plan(raw / "r2")
    curated = tmp_path / "curated"
    run(raw, tmp_path / "staged", curated)
    manifest = json.loads((curated / "_manifest.json").read_text(encoding="utf-8"))
    assert manifest == build_manifest(curated)
    assert sorted(manifest["releases"]) == ["r1", "r2"] and manifest["schema_version"] == SCHEMA_VERSION
    r1, r2 = manifest["releases"]["r1"], manifest["releases"]["r2"]
    assert r1["tables"]["activities"]["rows"] == 28 and r2["tables"]["activities"]["rows"] == 29
    part = (curated / "deliverable_quarters/release=r1/part-0.parquet").read_bytes()
    assert r1["tables"]["deliverable_quarters"] == {
        "path": "deliverable_quarters/release=r1/part-0.parquet", "rows": 68,
        "sha256": hashlib.sha256(part).hexdigest(), "md5": hashlib.md5(part).hexdigest()}
    assert manifest["rows"]["activities"] == 57 and manifest["rows"]["deliverables"] == 34
    assert r1["inputs"]["release.yaml"] == r2["inputs"]["release.yaml"]
    assert r1["inputs"]["annex-c-cts-improvement-plan.txt"] != r2["inputs"]["annex-c-cts-improvement-plan.txt"]
    assert r1["code_version"] == code_version() and r1["settings"] == {
        "date_margin_days": 31, "max_document_bytes": 50_000_000, "max_pages": 2000}
    assert r1["validation"]["outcome"] in ("passed", "not_run")
