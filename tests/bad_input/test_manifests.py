"""Broken manifests: missing or malformed release.yaml, a financial year like "2015/17", a document
path outside the release folder, a missing document, two folders claiming one release id.

Each case breaks the published sample release and runs it beside a good release: the error names
release.yaml (and the line for bad YAML), the cause and the fix; exit code 2; curated/ unchanged."""

from __future__ import annotations

import json
import os

import pytest
import yaml

from pipeline.core.display import shown
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


def impostor(ws, name: str = "other"):
    """raw/<name>/ holding only a tracker and claiming the sample's id."""
    return ws.write_release(name, {"tracker.txt": (ws.raw / "2015-16-q2" / TRACKER).read_text(encoding="utf-8")},
                            manifest={"id": "2015-16-q2", "title": "impostor", "financial_year": "2015/16",
                                      "documents": ["tracker.txt"]})


TRACKER = "annex-b-delivery-tracker-2015-16.txt"


@pytest.mark.parametrize("named", ["other", "2015-16-q2"])
def test_a_release_run_alone_is_checked_against_every_folder(ws, named):
    """`--release other`, where raw/other claims the sample's id: refused as a full run refuses it
    (it would replace the sample's partitions, and delete its activities), and so is the sample
    run alone while the impostor claims its id."""
    before = ws.publish_sample()
    folder = impostor(ws)
    outcome = ws.cli("run", "--release", named)
    assert outcome.code == 2, outcome.err
    if named == "other":
        assert f"{folder / 'release.yaml'}: release id '2015-16-q2' is also used by {ws.raw / '2015-16-q2'}" \
            in outcome.text
    else:
        assert f"release id '2015-16-q2' is also used by {folder}" in outcome.text
    assert "fix: give each release folder its own id" in outcome.text
    assert f"0 of 1 release(s) published; failed: {named}" in outcome.text
    assert ws.snapshot() == before


def test_stage_commands_check_the_release_id_and_name(ws):
    before = ws.publish_sample()
    impostor(ws)
    where = ["--raw", str(ws.raw), "--staged", str(ws.root / "staged"), "--curated", str(ws.curated)]
    extract = ws.cli("stage", "extract", "--release", "other", *where)
    assert extract.code == 2 and "release id '2015-16-q2' is also used by" in extract.text
    # extracted before the clash appeared: publish checks again
    (ws.raw / "other").rename(ws.root / "aside")
    for step in ("extract", "normalise", "validate"):
        assert ws.cli("stage", step, "--release", "2015-16-q2", *where).code == 0
    (ws.root / "aside").rename(ws.raw / "other")
    publish = ws.cli("stage", "publish", "--release", "2015-16-q2", *where)
    assert publish.code == 2 and "release id '2015-16-q2' is also used by" in publish.text
    assert ws.snapshot() == before
    for step in ("extract", "normalise", "validate", "publish"):
        outcome = ws.cli("stage", step, "--release", "../2015-16-q2", *where)
        assert outcome.code == 2 and "no release folder named '../2015-16-q2'" in outcome.text, step
    assert not (ws.root / "2015-16-q2").exists()


@pytest.mark.parametrize("release_id, problem", [
    ("evil\n", "it starts or ends with whitespace (a space, tab or newline)"),
    (" evil", "it starts or ends with whitespace (a space, tab or newline)"),
    ("evil/../../x", "it holds a path separator"),
    ("evil\\x", "it holds a path separator"),
    ("evil\x1b[2J", "it holds a non-printable character (U+001B)"),
    ("évil", "only letters, digits, '.', '_' and '-' are allowed"),
])
def test_release_id_must_be_a_plain_name(ws, release_id, problem):
    before = ws.publish_sample()
    edit_manifest(ws, id=release_id)
    ws.expect_rejected(f"{MANIFEST}: release id {release_id!r} (from the id: key) is not allowed: {problem}",
                       "fix: use letters, digits, '.', '_' and '-' (e.g. 2015-16-q2)", before=before)
    assert not [p for p in ws.curated.rglob("*") if "evil" in p.name]


def test_folder_name_ending_in_a_newline_is_refused(ws):
    """The folder name is the id when there is no id: key; "evil\\n" used to be published as
    activities/release=evil\\n/ (the id pattern's `$` matched before the final newline)."""
    folder = ws.copy_sample("evil\n")
    ws.write_release("2015-16-q3", {"plan.txt": "Activity\tDate\tTarget audience\tLink to business plan\n"
                                                "Housing academy (2 days)\t16/17 June\tHousing PHs (12)\thousing\n"})
    outcome = ws.cli("run")
    assert outcome.code == 2
    # the path's line feed escaped (issue 25: a name must not forge a line of the log)
    assert (f"{shown(str(folder / 'release.yaml'))}: release id 'evil\\n' (from the folder name (there is no id: key)) "
            "is not allowed: it starts or ends with whitespace") in outcome.err
    assert "set it with the id: key" in outcome.text
    assert not [p for p in ws.curated.rglob("*") if "evil" in p.name]
    # every table has a partition (issue 22), those of the tracker it lacks with zero rows
    assert ws.partitions("2015-16-q3") == ["activities", "checks", "deliverable_quarters", "deliverables", "rejects"]


def test_symlinks_in_a_release_folder_are_neither_hashed_nor_read(ws, tmp_path):
    """A link not named in the manifest (to a file, to a folder) is left alone: its target is not
    hashed into the release's inputs (it used to put the hash of /etc/passwd in _manifest.json)."""
    secret_dir = tmp_path / "secret"
    secret_dir.mkdir()
    (secret_dir / "key.txt").write_text("secret", encoding="utf-8")
    folder = ws.copy_sample()
    os.symlink(secret_dir / "key.txt", folder / "passwd")
    os.symlink(secret_dir, folder / "more")
    os.symlink(folder / TRACKER, folder / "tracker-link.txt")  # inside, yet a link: not followed
    outcome = ws.cli("run")
    assert outcome.code == 0, outcome.err
    manifest = json.loads((ws.curated / "_manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["releases"]["2015-16-q2"]["inputs"]) == [
        TRACKER, "annex-c-cts-improvement-plan.txt", "release.yaml"]


def test_a_document_that_is_a_symlink_is_refused(ws):
    """Even one pointing inside the release folder: links are never followed."""
    before = ws.publish_sample()
    folder = ws.raw / "2015-16-q2"
    (folder / TRACKER).rename(folder / "real.txt")
    os.symlink("real.txt", folder / TRACKER)
    ws.expect_rejected(f"{MANIFEST}: document {TRACKER!r} is a symbolic link; annex does not follow links",
                       "fix: put the file itself in the release folder", before=before)


def test_a_manifest_that_is_a_symlink_is_refused(ws, tmp_path):
    before = ws.publish_sample()
    elsewhere = tmp_path / "release.yaml"
    manifest_path(ws).rename(elsewhere)
    os.symlink(elsewhere, manifest_path(ws))
    ws.expect_rejected(f"{MANIFEST}: release.yaml is a symbolic link; annex does not follow links",
                       "fix: put the file itself in the release folder", before=before)


BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8))


def test_yaml_aliases_in_a_manifest_are_refused_quickly(ws):
    """Nested aliases, 9 levels of 10 (a "billion laughs" of 560 bytes): the run used to be killed
    still expanding them. Aliases are refused where the first one stands, before anything is built."""
    import time

    before = ws.publish_sample()
    manifest_path(ws).write_text(BILLION_LAUGHS + "title: t\ndocuments: *i\n", encoding="utf-8")
    started = time.monotonic()
    ws.expect_rejected(f"{MANIFEST} (line 2, column 8): YAML aliases (*name) are not allowed in release.yaml",
                       "fix: write the value out in full where the alias stands", before=before)
    assert time.monotonic() - started < 60


def test_yaml_aliases_in_params_are_refused(ws):
    ws.copy_sample()
    (ws.root / "params.yaml").write_text("annex:\n  max_pages: &p 10\n  max_document_bytes: *p\n",
                                         encoding="utf-8")
    outcome = ws.cli("run")
    assert outcome.code == 2
    assert "params.yaml: bad settings: YAML aliases (*name) are not allowed (line 3)" in outcome.text
    assert not ws.curated.exists()


def test_oversized_manifest_is_refused_before_it_is_parsed(ws):
    before = ws.publish_sample()
    manifest_path(ws).write_text("# padding\n" * 200_000 + "title: t\ndocuments: [a.txt]\n", encoding="utf-8")
    ws.expect_rejected(f"{MANIFEST}: release.yaml is 2,000,028 bytes, over the limit of 1,000,000",
                       "fix: check it is the right file", before=before)


@pytest.mark.parametrize("encoding, problem", [
    ("rot13", "'rot13' is not a text encoding (it transforms data, as base64 and rot13 do)"),
    ("base64", "'base64' is not a text encoding (it transforms data, as base64 and rot13 do)"),
    ("punycode", "'punycode' is not an encoding text files are saved in"),
    ("unicode_escape", "'unicode_escape' is not an encoding text files are saved in"),
    ("klingon", "unknown encoding 'klingon'"),
    (["utf-8"], "['utf-8'] is not a codec name"),
])
def test_encoding_that_cannot_read_a_text_file(ws, encoding, problem):
    """rot13, base64 and punycode are Python codecs, but no text file is saved in them: reading a
    dump with them used to be "a bug in annex" (exit 70)."""
    before = ws.publish_sample()
    edit_manifest(ws, documents=["annex-c-cts-improvement-plan.txt", {"file": TRACKER, "encoding": encoding}])
    ws.expect_rejected(f"{MANIFEST}: documents[2]: encoding: {problem}",
                       "fix: name the text encoding the file was saved in, such as utf-8, cp1252", before=before)


@pytest.mark.parametrize("year", ["9999/00", "0000/01", "1899/00"])
def test_financial_year_out_of_range(ws, year):
    """9999/00 passed the check and then failed with "year 10000 is out of range" (exit 70)."""
    before = ws.publish_sample()
    edit_manifest(ws, financial_year=year)
    ws.expect_rejected(f"{MANIFEST}: financial_year: not a financial year: {year!r} (the first year must be "
                       "from 1900 to 2998)", "fix: write it as e.g. '2015/16' (quoted)", before=before)


def test_financial_year_out_of_range_stated_by_a_document(ws):
    before = ws.publish_sample()
    tracker = ws.raw / "2015-16-q2" / TRACKER
    tracker.write_text(tracker.read_text(encoding="utf-8").replace("2015/16 Target", "9999/00 Target"),
                       encoding="utf-8")
    edit_manifest(ws, financial_year=None)
    ws.expect_rejected(f"{TRACKER}: states a bad financial year: not a financial year: '9999/00'",
                       "fix: check the year in the document's header", before=before)


@pytest.mark.parametrize("name, cause", [
    ("a" * 300 + ".txt", "'" + "a" * 60 + "... (304 characters)' cannot be a file name here: File name too long"),
    ("plan\x00.txt", "'plan\\x00.txt' cannot be a file name here: embedded null byte"),
])
def test_document_name_the_file_system_cannot_hold(ws, name, cause):
    """A name over the file system's limit (or with a NUL) used to be "a bug in annex" (exit 70)."""
    before = ws.publish_sample()
    edit_manifest(ws, documents=[name])
    ws.expect_rejected(f"{MANIFEST}: document name {cause}",
                       "fix: name the document by its real file name", before=before)
