"""`annex withdraw RELEASE --reason TEXT` (issue 22): the release's partitions, record and manifest
entry go at once, the manifest's history says who, when and why; an unknown id is refused (2), a
held lock is busy (75); a kill at any step leaves the old or the new state once the next command
has taken the lock; `annex run` warns about a published release gone from raw/ and keeps it."""

from __future__ import annotations

import getpass
import json
import os
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from batch_support import tree_bytes

from pipeline.cli import main

TABLES = ("activities", "deliverables", "deliverable_quarters", "rejects", "checks")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """raw/ with r1 and r2 (the sample's text dumps) and curated/ with both published."""
    from support import SAMPLE_RELEASE

    root = tmp_path_factory.mktemp("withdraw")
    for release in ("r1", "r2"):
        shutil.copytree(SAMPLE_RELEASE, root / "raw" / release, ignore=shutil.ignore_patterns("*.pdf"))
    assert main(["run", *where(root), "--no-data-docs"]) == 0
    return root


def where(root: Path, curated: str = "curated") -> list[str]:
    return ["--raw", str(root / "raw"), "--staged", str(root / "staged"), "--curated", str(root / curated),
            "--params", os.devnull]


def manifest_of(curated: Path) -> dict:
    return json.loads((curated / "_manifest.json").read_text(encoding="utf-8"))


def copy_curated(published: Path, tmp_path: Path) -> Path:
    shutil.copytree(published / "curated", tmp_path / "curated")
    return tmp_path / "curated"


def withdraw(curated: Path, release: str, *more: str) -> int:
    return main(["withdraw", release, "--reason", "draft annex published by mistake",
                 "--curated", str(curated), *more])


def test_withdraw_removes_the_release_and_records_who_when_why(published, tmp_path, capsys):
    curated = copy_curated(published, tmp_path)
    before = datetime.now(timezone.utc).replace(microsecond=0)
    assert withdraw(curated, "r2", "--raw", str(tmp_path / "no-raw")) == 0
    after = datetime.now(timezone.utc)
    assert "withdrew r2" in capsys.readouterr().out
    manifest = manifest_of(curated)
    assert list(manifest["releases"]) == ["r1"]
    [entry] = manifest["history"]
    assert (entry["action"], entry["release"], entry["reason"]) == ("withdrawn", "r2",
                                                                    "draft annex published by mistake")
    assert entry["user"] == getpass.getuser()
    assert before <= datetime.strptime(entry["time"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc) <= after
    assert entry["rows"]["activities"] == 28 and entry["rows"]["rejects"] == 0
    assert manifest["rows"]["activities"] == 28  # r1's alone
    for table in TABLES:
        assert not (curated / table / "release=r2").exists()
        assert (curated / table / "release=r1" / "part-0.parquet").is_file()
    assert not (curated / "_releases" / "r2.json").exists()
    assert not (curated / ".trash").exists()
    # the history survives the next run's manifest refresh
    raw = tmp_path / "raw"
    shutil.copytree(published / "raw" / "r1", raw / "r1")
    assert main(["run", "--raw", str(raw), "--staged", str(tmp_path / "s"), "--curated", str(curated),
                 "--params", os.devnull, "--no-data-docs", "--force"]) == 0
    assert manifest_of(curated)["history"] == [entry]


def test_unknown_release_is_refused_and_a_held_lock_is_busy(published, tmp_path, capsys):
    from pipeline.lock import curated_lock

    curated = copy_curated(published, tmp_path)
    before = tree_bytes(curated)
    assert withdraw(curated, "r9") == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "no published release 'r9'" in err and "published releases: r1, r2" in err
    with curated_lock(curated):
        assert withdraw(curated, "r1") == 75
    assert "another annex run" in capsys.readouterr().err
    assert tree_bytes(curated) == before


def test_raw_still_holding_the_release_is_warned_about(published, tmp_path, capsys):
    curated = copy_curated(published, tmp_path)
    assert withdraw(curated, "r1", "--raw", str(published / "raw")) == 0
    assert "still holds it: the next annex run publishes it again" in " ".join(capsys.readouterr().err.split())


class Killed(BaseException):
    """What a kill does to the withdrawal: it stops between two file-system steps."""


def test_a_killed_withdrawal_leaves_the_old_or_the_new_state(published, tmp_path, monkeypatch, capsys):
    old = tree_bytes(published / "curated")
    done = copy_curated(published, tmp_path / "done")
    steps = {"n": 0, "kill_at": 0}
    real_replace, real_rmtree = os.replace, shutil.rmtree

    def step():
        steps["n"] += 1
        if steps["n"] == steps["kill_at"]:
            raise Killed()

    def replace(*args, **kwargs):
        step()
        return real_replace(*args, **kwargs)

    def rmtree(*args, **kwargs):
        step()
        return real_rmtree(*args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(shutil, "rmtree", rmtree)
    assert withdraw(done, "r2") == 0
    monkeypatch.setattr(os, "replace", real_replace)
    monkeypatch.setattr(shutil, "rmtree", real_rmtree)
    total, new = steps["n"], tree_bytes(done)
    assert total >= 8  # plan, 5 partitions, record, manifest, trash
    states = set()
    for kill_at in range(1, total + 1):
        curated = copy_curated(published, tmp_path / f"kill-{kill_at}")
        steps.update(n=0, kill_at=kill_at)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(shutil, "rmtree", rmtree)
        with pytest.raises(Killed):
            withdraw(curated, "r2")
        monkeypatch.setattr(os, "replace", real_replace)
        monkeypatch.setattr(shutil, "rmtree", real_rmtree)
        # the next command that takes the lock (here a refused withdrawal) finishes or undoes it
        assert withdraw(curated, "r9") == 2
        seen = tree_bytes(curated)
        assert not (curated / ".trash").exists() or not any((curated / ".trash").iterdir())
        if seen == old:
            states.add("old")
        else:  # new: the same files; the manifest differs only by the history entry's time and id
            assert set(seen) == set(new), f"kill at step {kill_at}: neither old nor new"
            assert all(seen[p] == new[p] for p in seen if p != "_manifest.json")
            assert list(manifest_of(curated)["releases"]) == ["r1"]
            assert [e["release"] for e in manifest_of(curated)["history"]] == ["r2"]
            states.add("new")
    assert states == {"old", "new"}
    capsys.readouterr()


def test_run_warns_about_a_published_release_gone_from_raw_and_keeps_it(published, tmp_path, capsys):
    curated = copy_curated(published, tmp_path)
    raw = tmp_path / "raw"
    shutil.copytree(published / "raw" / "r1", raw / "r1")
    args = ["run", "--raw", str(raw), "--staged", str(tmp_path / "s"), "--curated", str(curated),
            "--params", os.devnull, "--no-data-docs"]
    capsys.readouterr()
    assert main(args) == 0
    err = " ".join(capsys.readouterr().err.split())
    assert "release r2 is published in" in err and "no longer holds it; it stays published" in err
    assert "annex withdraw r2" in err
    assert sorted(manifest_of(curated)["releases"]) == ["r1", "r2"]
    assert (curated / "activities" / "release=r2" / "part-0.parquet").is_file()
    assert main([*args, "--log-format", "json"]) == 0
    events = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert [e["release"] for e in events if e["event"] == "release_gone_from_raw"] == ["r2"]
