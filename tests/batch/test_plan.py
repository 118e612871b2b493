"""pipeline/plan.py: a run is planned once (raw/ listed, each release.yaml parsed and each release
folder hashed once), and `annex status` / `annex run --dry-run` print that plan without running,
locking or writing anything."""

from __future__ import annotations

import json
import shutil

import pytest
from batch_support import append_to_plan, run_releases, tree_bytes, zero_audience

import pipeline.core.release
import pipeline.manifest
import pipeline.plan
from pipeline.cli import main
from pipeline.core.errors import ExitCode, ManifestError
from pipeline.plan import Action, RunOptions, Status, build_plan


@pytest.fixture
def counted(monkeypatch):
    """How often raw/ is listed, a release.yaml parsed and a release folder hashed, by folder."""
    calls = {"listed": 0, "parsed": [], "hashed": []}
    real_discover, real_parse, real_hashes = (pipeline.plan.discover_releases, pipeline.core.release.parse_manifest,
                                              pipeline.manifest.input_hashes)

    def discover(raw_root):
        calls["listed"] += 1
        return real_discover(raw_root)

    def parse(raw, folder, *args, **kwargs):
        calls["parsed"].append(folder.name)
        return real_parse(raw, folder, *args, **kwargs)

    def hashes(folder):
        calls["hashed"].append(folder.name)
        return real_hashes(folder)

    monkeypatch.setattr(pipeline.plan, "discover_releases", discover)
    monkeypatch.setattr(pipeline.core.release, "parse_manifest", parse)
    monkeypatch.setattr(pipeline.manifest, "input_hashes", hashes)
    return calls


@pytest.mark.parametrize("force", [False, True])
def test_a_run_lists_parses_and_hashes_each_release_once(batch_raw, tmp_path, counted, force):
    raw = batch_raw(ids=("r1", "r2"))
    run_releases(raw, tmp_path / "s", tmp_path / "c")
    append_to_plan(raw / "r2")
    for key in ("parsed", "hashed"):
        counted[key].clear()
    counted["listed"] = 0
    results = run_releases(raw, tmp_path / "s", tmp_path / "c", force=force)
    assert [(r.release_id, r.skipped) for r in results] == [("r1", not force), ("r2", False)]
    assert counted["listed"] == 1
    assert sorted(counted["parsed"]) == ["r1", "r2"]
    assert sorted(counted["hashed"]) == ["r1", "r2"]  # once, even with --force: the record needs it


def test_a_release_run_alone_still_reads_each_folder_once_for_id_clashes(batch_raw, tmp_path, counted):
    raw = batch_raw(ids=("r1", "r2"))
    (raw / "r2" / "release.yaml").write_text(
        "id: r1\n" + (raw / "r2" / "release.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    [summary] = run_releases(raw, tmp_path / "s", tmp_path / "c", release_ids=("r1",))
    assert summary.exit_code is ExitCode.BAD_INPUT and "release id 'r1' is also used by" in summary.error.message
    assert sorted(counted["parsed"]) == ["r1", "r2"] and counted["hashed"] == []  # refused: nothing to hash


def test_statuses_and_actions(batch_raw, tmp_path):
    raw = batch_raw(ids=("changed", "gone", "refused", "same", "was-refused"))
    staged, curated = tmp_path / "s", tmp_path / "c"
    zero_audience(raw / "was-refused")
    run_releases(raw, staged, curated)
    append_to_plan(raw / "changed")
    shutil.rmtree(raw / "gone")
    (raw / "refused" / "release.yaml").write_text("title: t\nfinancial_year: '2015/17'\ndocuments: [x.txt]\n")
    shutil.copytree(raw / "same", raw / "new")
    options = RunOptions(raw_root=raw, staged_root=staged, curated_root=curated)
    plan = build_plan(options)
    by_name = {e.folder.name: e for e in plan.entries + plan.gone}
    assert {name: (e.status, e.action) for name, e in by_name.items()} == {
        "changed": (Status.CHANGED, Action.RUN), "new": (Status.NEW, Action.RUN),
        "refused": (Status.REFUSED, Action.REFUSE), "same": (Status.UNCHANGED, Action.SKIP),
        "was-refused": (Status.REFUSED_LAST_TIME, Action.RUN), "gone": (Status.GONE, Action.NONE)}
    plan_file = next(p.name for p in (raw / "changed").glob("*plan*.txt"))
    assert by_name["changed"].changed == (plan_file,) and by_name["changed"].why == f"documents changed: {plan_file}"
    assert "critical validation failure" in by_name["was-refused"].why
    assert "financial_year" in by_name["refused"].why and by_name["refused"].error.exit_code is ExitCode.BAD_INPUT
    assert "annex withdraw gone" in by_name["gone"].why
    assert [e.folder.name for e in plan.to_run] == ["changed", "new", "was-refused"]
    forced = build_plan(RunOptions(raw_root=raw, staged_root=staged, curated_root=curated, force=True))
    assert {e.folder.name: e.action for e in forced.entries}["same"] is Action.RUN
    assert build_plan(RunOptions(raw_root=raw, staged_root=staged, curated_root=curated,
                                 release_ids=("same",))).gone == ()


def test_settings_or_damaged_files_are_why_a_release_changed(batch_raw, tmp_path):
    from pipeline.core.settings import Settings
    from pipeline.publish import partition_path

    raw = batch_raw(ids=("r1",))
    run_releases(raw, tmp_path / "s", tmp_path / "c")
    [entry] = build_plan(RunOptions(raw, tmp_path / "s", tmp_path / "c", settings=Settings(date_margin_days=5))).entries
    assert entry.status is Status.CHANGED and entry.why == "settings changed: date_margin_days"
    partition_path(tmp_path / "c", "activities", "r1").write_bytes(b"tampered")
    [entry] = build_plan(RunOptions(raw, tmp_path / "s", tmp_path / "c")).entries
    assert entry.status is Status.CHANGED and "published files were changed or removed" in entry.why


def test_a_run_that_cannot_start_is_one_error(tmp_path):
    with pytest.raises(ManifestError, match="no releases found"):
        build_plan(RunOptions(raw_root=tmp_path / "raw"))
    (tmp_path / "raw" / "a").mkdir(parents=True)
    (tmp_path / "raw" / "a" / "release.yaml").write_text("title: t\n")
    with pytest.raises(ManifestError, match="no release folder named nope"):
        build_plan(RunOptions(raw_root=tmp_path / "raw", release_ids=("nope",)))


def test_run_options_refuse_no_jobs():
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        RunOptions(jobs=0)


# --- annex status, annex run --dry-run -----------------------------------------------------------

def where(tmp_path) -> list[str]:
    return ["--raw", str(tmp_path / "raw"), "--staged", str(tmp_path / "s"), "--curated", str(tmp_path / "c")]


def test_status_prints_the_plan_and_writes_nothing(batch_raw, tmp_path, capsys):
    raw = batch_raw(ids=("r1", "r2"))
    run_releases(raw, tmp_path / "s", tmp_path / "c", release_ids=("r1",))
    append_to_plan(raw / "r1")
    before = {root: tree_bytes(tmp_path / root) for root in ("raw", "s", "c")}
    capsys.readouterr()
    assert main(["status", *where(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:3] == ["r1", "changed", "run"] and "documents changed: annex-c" in lines[0]
    assert lines[1].split() == ["r2", "new", "run", "never", "published"]
    assert lines[-1] == "2 to run; 1 changed, 1 new"
    assert main(["status", *where(tmp_path), "--format", "json"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert [(r["release"], r["status"], r["action"]) for r in status["releases"]] == [
        ("r1", "changed", "run"), ("r2", "new", "run")]
    assert status["counts"] == {"changed": 1, "new": 1} and status["to_run"] == 2
    assert main(["run", *where(tmp_path), "--dry-run"]) == 0
    assert capsys.readouterr().out.splitlines() == lines
    assert {root: tree_bytes(tmp_path / root) for root in ("raw", "s", "c")} == before
    assert not (tmp_path / "c" / ".annex.lock").exists(), "no lock taken"


def test_status_takes_no_lock(batch_raw, tmp_path, capsys):
    from pipeline.lock import curated_lock

    batch_raw(ids=("r1",))
    with curated_lock(tmp_path / "c"):  # a run at work: status still answers
        assert main(["status", *where(tmp_path), "--release", "r1"]) == 0
    assert capsys.readouterr().out.startswith("r1  new  run")


def test_status_names_escape_control_characters(batch_raw, tmp_path, capsys):
    raw = batch_raw(ids=("r1",))
    (raw / "r1\nforged 0 to run").mkdir()
    (raw / "r1\nforged 0 to run" / "release.yaml").write_text("title: [\n")
    assert main(["status", *where(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "forged" in out and not any(line.startswith("forged") for line in out.splitlines())
