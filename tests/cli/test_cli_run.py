"""`annex run --jobs/--force`: the summary and the exit code a scheduler sees."""

from __future__ import annotations

import shutil

from support import SAMPLE_RELEASE

from pipeline.cli import main


def test_run_skips_unchanged_and_forces(tmp_path, capsys):
    raw = tmp_path / "raw"
    for release_id in ("r1", "r2"):
        shutil.copytree(SAMPLE_RELEASE, raw / release_id, ignore=shutil.ignore_patterns("*.pdf"))
    where = ["--raw", str(raw), "--staged", str(tmp_path / "s"), "--curated", str(tmp_path / "c"), "--no-data-docs"]
    # in this process (--jobs 2, a pool of workers, is the next test's): the summary is the point
    assert main(["run", *where]) == 0
    assert "2 of 2 release(s) published" in capsys.readouterr().err
    assert main(["run", *where]) == 0
    err = capsys.readouterr().err
    assert "0 of 2 release(s) published, 2 unchanged, skipped" in err and "r1: unchanged, skipped" in err
    assert main(["run", *where, "--force", "--release", "r2"]) == 0
    assert "1 of 1 release(s) published" in capsys.readouterr().err


def test_run_exit_code_is_the_worst_release(tmp_path, capsys, monkeypatch):
    raw = tmp_path / "raw"
    shutil.copytree(SAMPLE_RELEASE, raw / "good", ignore=shutil.ignore_patterns("*.pdf"))
    (raw / "bad").mkdir()
    (raw / "bad" / "release.yaml").write_text("title: t\nfinancial_year: '2015/17'\ndocuments: [x.txt]\n")
    code = main(["run", "--raw", str(raw), "--staged", str(tmp_path / "s"), "--curated", str(tmp_path / "c"),
                 "-j", "2", "--no-data-docs"])
    assert code == 2
    assert "1 of 2 release(s) published; failed: bad" in capsys.readouterr().err


def test_jobs_must_be_positive(capsys):
    import pytest

    with pytest.raises(SystemExit) as caught:
        main(["run", "--jobs", "0"])
    assert caught.value.code == 2 and "must be at least 1" in capsys.readouterr().err
