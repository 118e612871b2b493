"""pipeline/flow.py: the one release flow. A chunk of releases goes through it together, each
release keeps its own fate (a bug, a machine fault or a failed gate stops it alone)."""

from __future__ import annotations

import errno
import json
import shutil

import pytest
from batch_support import to_run
from support import SAMPLE_RELEASE

import pipeline.flow as flow
from pipeline.core.errors import ExitCode
from pipeline.flow import STEPS, Options, process_chunk, process_release


@pytest.fixture
def raw(tmp_path):
    for release_id in ("a", "b", "c"):
        shutil.copytree(SAMPLE_RELEASE, tmp_path / "raw" / release_id, ignore=shutil.ignore_patterns("*.pdf"))
    return tmp_path / "raw"


def chunk(raw, tmp_path):
    """The releases a run's plan runs, as one chunk through the flow."""
    return process_chunk(to_run(raw, tmp_path / "staged", tmp_path / "curated"), tmp_path / "staged",
                         tmp_path / "curated", options=Options(data_docs=False))


def test_a_bug_in_one_release_of_a_chunk_stops_that_release_only(raw, tmp_path, monkeypatch):
    real = flow.normalise_release

    def buggy(release_id, *args):
        if release_id == "b":
            raise KeyError("no such column")
        return real(release_id, *args)

    monkeypatch.setattr(flow, "normalise_release", buggy)
    a, b, c = chunk(raw, tmp_path)
    assert (a.exit_code, b.exit_code, c.exit_code) == (ExitCode.OK, ExitCode.INTERNAL, ExitCode.OK)
    assert "internal error: KeyError" in b.error.message and "KeyError" in b.error.traceback
    assert a.published["activities"] == c.published["activities"] > 0 and not b.published


def test_a_machine_fault_publishing_one_release_is_an_io_error_for_it(raw, tmp_path, monkeypatch):
    real = flow.publish_step

    def full_disk(release_id, *args, **kwargs):
        if release_id == "c":
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(release_id, *args, **kwargs)

    monkeypatch.setattr(flow, "publish_step", full_disk)
    a, b, c = chunk(raw, tmp_path)
    assert (a.exit_code, b.exit_code, c.exit_code) == (ExitCode.OK, ExitCode.OK, ExitCode.IO_ERROR)
    assert not (tmp_path / "curated" / "_releases" / "c.json").exists()
    assert (tmp_path / "curated" / "_releases" / "a.json").is_file()


def test_a_chunk_times_each_step_and_records_the_plans_fingerprint(raw, tmp_path):
    first = chunk(raw, tmp_path)
    assert [s.release_id for s in first] == ["a", "b", "c"]
    assert all(s.ok and not s.skipped for s in first)
    assert all(set(s.timings) == set(STEPS) and s.seconds > 0 for s in first)
    (raw / "b" / "release.yaml").write_text((raw / "b" / "release.yaml").read_text() + "\n# edited\n")
    [second] = chunk(raw, tmp_path)  # the plan runs only what changed
    assert second.release_id == "b" and second.ok and second.fingerprint != first[1].fingerprint
    assert json.loads((tmp_path / "curated" / "_releases" / "b.json").read_text())["fingerprint"] == second.fingerprint


def test_process_release_keeps_the_tables_and_documents(tmp_path):
    result = process_release(SAMPLE_RELEASE, tmp_path / "staged", tmp_path / "curated", data_docs=False)
    assert result.ok and result.financial_year is not None
    assert set(result.tables) == {"activities", "deliverables", "deliverable_quarters", "rejects", "checks"}
    assert {row["document"] for row in result.accounting()} == {t.source for t in result.documents}


def test_options_come_from_a_dict_or_are_refused():
    assert Options.of({"data_docs": False}) == Options(data_docs=False)
    assert Options.of(None) == Options()
    with pytest.raises(TypeError):
        Options.of({"data_doc": False})
