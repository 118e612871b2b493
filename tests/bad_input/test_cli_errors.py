"""What the user sees when something is wrong: one message with the fix, the documented exit code
(0 ok, 1 validation failed, 2 bad input or usage, 70 internal), and no traceback unless --debug."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import pipeline.flow
from pipeline.cli import main

ANNEX = Path(sys.executable).with_name("annex")


def test_no_releases(ws):
    ws.raw.mkdir()
    outcome = ws.cli("run")
    assert outcome.code == 2
    assert outcome.text.startswith(f"error: {ws.raw}: no releases found")
    assert "fix: put each release in raw/<release-id>/ with a release.yaml" in outcome.text


def test_unknown_release_named(ws):
    ws.copy_sample()
    outcome = ws.cli("run", "--release", "2099-00-q1")
    assert outcome.code == 2
    assert "no release folder named 2099-00-q1" in outcome.text
    assert "fix: known releases: 2015-16-q2" in outcome.text


@pytest.mark.parametrize("argv", [["frobnicate"], ["run", "--no-such-option"], []])
def test_bad_usage_exits_2(argv, capsys):
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    assert "usage: annex" in capsys.readouterr().err


def test_a_bug_in_one_release_is_reported_and_the_others_go_on(ws, monkeypatch):
    """A bug (not bad input) while processing one release: exit 70, one line naming the error,
    the other releases still published."""
    real = pipeline.flow.extract_release

    def buggy(release, *args, **kwargs):
        if release.id == "2015-16-q2":
            raise ZeroDivisionError("division by zero")
        return real(release, *args, **kwargs)

    monkeypatch.setattr(pipeline.flow, "extract_release", buggy)
    ws.copy_sample()
    ws.copy_sample("2015-16-q3")
    outcome = ws.cli("run")
    assert outcome.code == 70
    assert "internal error: ZeroDivisionError: division by zero" in outcome.text
    assert "Traceback" not in outcome.err
    assert "activities" in ws.partitions("2015-16-q3") and not ws.partitions("2015-16-q2")
    # --debug shows where the bug is, though the batch caught it to go on with the other releases
    outcome = ws.cli("--debug", "run", "--raw", str(ws.raw), "--staged", str(ws.root / "staged"),
                     "--curated", str(ws.curated), "--force")
    assert outcome.code == 70
    assert "Traceback (most recent call last)" in outcome.err and "in buggy" in outcome.err


def test_a_bug_outside_releases_is_one_line_unless_debug(ws, monkeypatch):
    import pipeline.core.settings

    def broken(_):
        raise KeyError("annex")

    monkeypatch.setattr(pipeline.core.settings, "load_settings", broken)
    ws.copy_sample()
    outcome = ws.cli("run")
    assert outcome.code == 70
    assert outcome.err == ("internal error: KeyError: 'annex'\n"
                           "  rerun with --debug for the traceback\n")
    with pytest.raises(KeyError):
        ws.cli("--debug", "run", "--raw", str(ws.raw))


def run_annex(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ANNEX), *args], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "COLUMNS": "1000"})


def test_installed_command_shows_no_traceback_for_bad_input(ws):
    ws.publish_sample()
    (ws.raw / "2015-16-q2" / "annex-c-cts-improvement-plan.txt").write_bytes(b"")
    (ws.root / "params.yaml").write_text("annex:\n  max_pages: 0\n", encoding="utf-8")
    bad_params = run_annex("run", cwd=ws.root)
    assert bad_params.returncode == 2
    assert bad_params.stderr.startswith("error: params.yaml: bad settings: setting max_pages must be")
    assert "Traceback" not in bad_params.stderr
    # --debug shows where an input error was raised, for whoever reports it
    assert "Traceback" in run_annex("--debug", "run", cwd=ws.root).stderr
    (ws.root / "params.yaml").unlink()
    empty = run_annex("run", cwd=ws.root)
    assert empty.returncode == 2
    assert "annex-c-cts-improvement-plan.txt: the file is empty" in empty.stderr
    assert "Traceback" not in empty.stderr + empty.stdout
