"""Broken manifests: missing or malformed release.yaml, a financial year like "2015/17", a document
path outside the release folder, a missing document, two folders claiming one release id.

Each case breaks the published sample release and runs it beside a good release: the error names
release.yaml (and the line for bad YAML), the cause and the fix; exit code 2; curated/ unchanged."""

from __future__ import annotations

import os

import pytest
import yaml

from pipeline.core.release import discover_releases, duplicate_release_ids

MANIFEST = "2015-16-q2/release.yaml"


def manifest_path(ws):
    return ws.raw / "2015-16-q2" / "release.yaml"


def edit_manifest(ws, **changes) -> None:
    data = yaml.safe_load(manifest_path(ws).read_text(encoding="utf-8"))
    data.update(changes)
    manifest_path(ws).write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


def test_missing_manifest_is_an_error_not_a_silent_skip(ws):
    before = ws.publish_sample()
    manifest_path(ws).unlink()
    ws.expect_rejected(f"{MANIFEST}: no release.yaml in the release folder",
                       "fix: add a release.yaml with title, financial_year and documents", before=before)


def test_missing_manifest_of_a_named_release(ws):
    before = ws.publish_sample()
    manifest_path(ws).unlink()
    outcome = ws.cli("run", "--release", "2015-16-q2")
    assert outcome.code == 2
    assert f"{MANIFEST}: no release.yaml in the release folder" in outcome.text
    assert ws.snapshot() == before


def test_empty_and_hidden_folders_are_not_releases(ws):
    (ws.raw / "notes").mkdir(parents=True)
    (ws.raw / ".cache").mkdir()
    (ws.raw / ".cache" / "x.txt").write_text("x", encoding="utf-8")
    ws.copy_sample()
    assert [p.name for p in discover_releases(ws.raw)] == ["2015-16-q2"]


@pytest.mark.parametrize("text, expected", [
    ("title: [unclosed\ndocuments: []\n", f"{MANIFEST} (line 2, column 10): not valid YAML: expected "
     "',' or ']', but got ':' (while parsing a flow sequence started on line 1)"),
    ("title: t\n documents:\n- file: a.txt\n", f"{MANIFEST} (line 2, column 11): not valid YAML: "
     "mapping values are not allowed here"),
    ("- file: a.txt\n", f"{MANIFEST}: expected a mapping with title, financial_year and documents"),
    ("", f"{MANIFEST}: expected a mapping with title, financial_year and documents"),
    (b"title: t\ndocuments: [caf\xe9.txt]\n", f"{MANIFEST} (line 2): not valid YAML: release.yaml must be "
     "UTF-8 fix: save it as UTF-8"),
])
def test_malformed_manifest(ws, text, expected):
    before = ws.publish_sample()
    if isinstance(text, bytes):
        manifest_path(ws).write_bytes(text)
    else:
        manifest_path(ws).write_text(text, encoding="utf-8")
    ws.expect_rejected(expected, before=before)


def test_financial_year_that_is_not_one(ws):
    before = ws.publish_sample()
    edit_manifest(ws, financial_year="2015/17")
    ws.expect_rejected(f"{MANIFEST}: financial_year: not a financial year: '2015/17' (the second year "
                       "must follow the first, e.g. '2015/16')", "fix: write it as e.g. '2015/16' (quoted)",
                       before=before)


def test_financial_year_disagreeing_with_the_tracker(ws):
    before = ws.publish_sample()
    edit_manifest(ws, financial_year="2016/17")
    ws.expect_rejected(f"{MANIFEST}: financial_year is 2016/17 but annex-b-delivery-tracker-2015-16.txt "
                       "states 2015/16", "fix: correct release.yaml or check the document belongs to "
                       "this release", before=before)


@pytest.mark.parametrize("file", ["../../x.txt", "../2015-16-q3/plan.txt", "/etc/hostname"])
def test_document_path_outside_the_release_folder(ws, file):
    before = ws.publish_sample()
    edit_manifest(ws, documents=[{"file": file}])
    ws.expect_rejected(f"{MANIFEST}: document path {file!r} points outside the release folder",
                       "fix: put the document inside the release folder and name it relative to it",
                       before=before)


def test_symlink_to_a_file_outside_the_release_folder(ws, tmp_path):
    before = ws.publish_sample()
    secret = tmp_path / "elsewhere.txt"
    secret.write_text("Activity\tDate\n", encoding="utf-8")
    os.symlink(secret, ws.raw / "2015-16-q2" / "linked.txt")
    edit_manifest(ws, documents=["linked.txt"])
    ws.expect_rejected(f"{MANIFEST}: document path 'linked.txt' points outside the release folder",
                       before=before)


def test_missing_document(ws):
    before = ws.publish_sample()
    (ws.raw / "2015-16-q2" / "annex-b-delivery-tracker-2015-16.txt").unlink()
    ws.expect_rejected(f"{MANIFEST}: document 'annex-b-delivery-tracker-2015-16.txt' does not exist",
                       "fix: add the file to", before=before)


def test_duplicate_release_ids_are_found_before_processing(ws):
    """Two folders claiming one id would publish to the same partition, the later overwriting the
    earlier: each gets an error naming the other, whatever else is wrong with its manifest."""
    first = ws.copy_sample()
    second = ws.write_release("2015-16-q2-resend", {"plan.txt": "x"}, manifest={
        "id": "2015-16-q2", "title": "resent", "documents": ["missing.txt"]})
    third = ws.write_release("2015-16-q3", {"plan.txt": "x"})
    errors = duplicate_release_ids(discover_releases(ws.raw))
    assert sorted(errors) == [first, second] and third not in errors
    assert errors[first].file == str(first / "release.yaml")
    assert errors[first].cause == f"release id '2015-16-q2' is also used by {second}"
    assert errors[second].cause == f"release id '2015-16-q2' is also used by {first}"
    assert "give each release folder its own id" in errors[first].fix


def test_duplicate_release_ids_through_annex_run(ws):
    """End to end: neither clashing release runs, curated/ keeps the published one, the other
    release in the same run is still published, and the exit code says bad input."""
    before = ws.publish_sample()
    resend = ws.copy_sample("2015-16-q2-resend")
    manifest = yaml.safe_load((resend / "release.yaml").read_text(encoding="utf-8"))
    (resend / "release.yaml").write_text(yaml.safe_dump({"id": "2015-16-q2", **manifest}), encoding="utf-8")
    ws.copy_sample("2015-16-q3")
    outcome = ws.cli("run")
    assert outcome.code == 2
    assert "release id '2015-16-q2' is also used by" in outcome.text
    assert "1 of 3 release(s) published; failed: 2015-16-q2, 2015-16-q2-resend" in outcome.text
    after = ws.snapshot()
    assert {k: v for k, v in after.items() if "2015-16-q2/" in k or "2015-16-q2." in k} == \
        {k: v for k, v in before.items() if "2015-16-q2/" in k or "2015-16-q2." in k}
    assert ws.partitions("2015-16-q3")
