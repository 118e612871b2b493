"""Issue 25 item 4: faults around a run end in a clear error, never exit 70 or a hang.

- release.yaml or params.yaml nested a few thousand levels deep (RecursionError, exit 70, and one
  such release stopped the whole run): refused naming the file, exit 2, the good releases go on;
- a FIFO (or other non-regular file) where a manifest or document should be: refused without
  being opened (opening a FIFO blocks for ever);
- a published partition deleted or damaged behind annex's back while the record says it was
  published: the shrink check has nothing to compare with, so the release is refused as for a
  shrink (exit 1) naming the file, unless --accept-shrink."""

from __future__ import annotations

import os

import pytest
from support import SAMPLE_RELEASE

from pipeline.core.errors import AnnexError
from pipeline.core.settings import load_settings
from pipeline.core.yaml_io import MAX_DEPTH, DepthRefused, load_yaml
from pipeline.publish import partition_path

SAMPLE_ID = SAMPLE_RELEASE.name
DEEP = "[" * 3000 + "]" * 3000


def test_a_yaml_document_nested_past_the_depth_limit_is_refused_and_one_within_reads():
    with pytest.raises(DepthRefused) as caught:
        load_yaml(f"documents: {DEEP}\n")
    assert caught.value.problem_mark.line == 0
    # at the limit: the mapping, MAX_DEPTH - 2 lists and the scalar are MAX_DEPTH nodes deep
    nested = "[" * (MAX_DEPTH - 2) + "1" + "]" * (MAX_DEPTH - 2)
    assert load_yaml(f"a: {nested}") is not None
    with pytest.raises(DepthRefused):
        load_yaml(f"a: [{nested}]")


def test_a_release_yaml_nested_thousands_deep_is_refused_and_the_good_release_goes_on(ws):
    before = ws.publish_sample()
    (ws.raw / SAMPLE_ID / "release.yaml").write_text(f"id: {SAMPLE_ID}\ntitle: deep\ndocuments: {DEEP}\n",
                                                     encoding="utf-8")
    outcome = ws.expect_rejected("release.yaml (line 3, column", f"not valid YAML: nested more than {MAX_DEPTH} "
                                 "levels deep", before=before)
    assert "RecursionError" not in outcome.text


def test_a_params_yaml_nested_thousands_deep_is_refused_naming_it(tmp_path):
    params = tmp_path / "params.yaml"
    params.write_text(f"annex: {DEEP}\n", encoding="utf-8")
    with pytest.raises(AnnexError) as caught:
        load_settings(params)
    assert caught.value.file == str(params)
    assert f"nested more than {MAX_DEPTH} levels deep" in caught.value.message
    assert caught.value.exit_code == 2


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_fifo_as_release_yaml_is_refused_without_being_opened(ws):
    before = ws.publish_sample()
    manifest = ws.raw / SAMPLE_ID / "release.yaml"
    manifest.unlink()
    os.mkfifo(manifest)  # opening it for reading would block until a writer comes: none will
    ws.expect_rejected("release.yaml: release.yaml is a FIFO (named pipe), not a regular file; annex does "
                       "not open it", before=before)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")
def test_a_fifo_as_a_document_is_refused_without_being_opened(ws):
    before = ws.publish_sample()
    document = ws.raw / SAMPLE_ID / "annex-c-cts-improvement-plan.txt"
    document.unlink()
    os.mkfifo(document)
    ws.expect_rejected("document 'annex-c-cts-improvement-plan.txt' is a FIFO (named pipe), not a regular "
                       "file; annex does not open it", before=before)


@pytest.mark.parametrize("damage", ["deleted", "damaged"])
def test_a_published_partition_lost_behind_annexs_back_is_refused_as_a_shrink(ws, damage):
    ws.publish_sample()
    partition = partition_path(ws.curated, "activities", SAMPLE_ID)
    if damage == "deleted":
        partition.unlink()
    else:
        partition.write_bytes(b"PAR1 not a footer")
    outcome = ws.cli("run", "--force")
    assert outcome.code == 1, outcome.err
    what = "is missing" if damage == "deleted" else "is damaged (Parquet"
    assert f"{partition} {what}" in outcome.text and "(published with 28 rows)" in outcome.text, outcome.err
    assert "--accept-shrink" in outcome.text
    assert not partition.is_file() or partition.read_bytes() == b"PAR1 not a footer"  # nothing published
    accepted = ws.cli("run", "--force", "--accept-shrink")
    assert accepted.code == 0, accepted.err
    assert partition.read_bytes()[:4] == b"PAR1" and len(partition.read_bytes()) > 100
