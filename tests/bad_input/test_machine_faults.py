"""Faults of the machine, not of the input or of annex: a full disk, a read-only curated/, a
folder without permission. Each is its own message (the file, what the system said, what to do)
and exit code 74 (EX_IOERR), not 70 ("a bug in annex"); curated/ keeps what it had.

The tests run as root, to whom permissions do not apply, so the system's refusal is simulated at
the point where annex writes (the first file of a publish, the release record, the manifest).
"""

from __future__ import annotations

import errno
import os

import pytest
from support import PLAN_SEED

import pipeline.flow
import pipeline.runner
import pipeline.publish


def refuse(code: int):
    def refused(*args, **kwargs):
        path = next((a for a in args if isinstance(a, (str, os.PathLike))), "?")
        raise OSError(code, os.strerror(code), str(path))
    return refused


def change_sample(ws) -> None:
    """A new version of the published sample (one more activity), so the next run publishes."""
    plan = ws.raw / "2015-16-q2" / PLAN_SEED
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("Heritage seminar (1 day)\t10 July",
                                 "Archives seminar (1 day)\t9 July - completed\tArchive PHs (5)\tgrowth\n"
                                 "Heritage seminar (1 day)\t10 July", 1), encoding="utf-8")


@pytest.mark.parametrize("code, said, fix", [
    (errno.ENOSPC, "No space left on device (ENOSPC)", "fix: free space on that disk, then rerun"),
    (errno.EROFS, "Read-only file system (EROFS)", "fix: make that folder writable (or readable) for this user"),
    (errno.EACCES, "Permission denied (EACCES)", "fix: make that folder writable (or readable) for this user"),
])
def test_a_publish_the_system_refuses(ws, monkeypatch, code, said, fix):
    before = ws.publish_sample()
    change_sample(ws)
    real = pipeline.publish._temp_beside
    monkeypatch.setattr(pipeline.publish, "_temp_beside",  # staged/ is written; curated/ refused
                        lambda path: (refuse(code) if "curated" in str(path) else real)(path))
    outcome = ws.cli("run")
    assert outcome.code == 74, outcome.err
    assert f"curated/activities/release=2015-16-q2/part-0.parquet: the system refused to read or write it: {said}" \
        in outcome.text
    assert fix in outcome.text and "what was published before is intact" in outcome.text
    assert "internal error" not in outcome.text and "Traceback" not in outcome.err
    assert ws.snapshot() == before


def test_writing_the_release_record_refused(ws, monkeypatch):
    ws.publish_sample()
    change_sample(ws)
    monkeypatch.setattr(pipeline.flow, "write_release_record", refuse(errno.ENOSPC))
    outcome = ws.cli("run")
    assert outcome.code == 74
    assert "No space left on device (ENOSPC)" in outcome.text and "internal error" not in outcome.text
    # no record for the new version: the next run, with room again, redoes the release
    monkeypatch.undo()
    again = ws.cli("run")
    assert again.code == 0 and "unchanged" not in again.text


def test_writing_the_run_manifest_refused(ws, monkeypatch):
    ws.copy_sample()
    monkeypatch.setattr(pipeline.runner, "refresh_manifest", refuse(errno.EROFS))
    outcome = ws.cli("run")
    assert outcome.code == 74
    assert "\nerror: " in outcome.err  # after the release's own line: it was published
    assert "Read-only file system (EROFS)" in outcome.text and "internal error" not in outcome.text
