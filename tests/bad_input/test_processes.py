"""Issue 16 cases 15 and 16, with real processes.

16: one run at a time per curated/. `annex run` and `annex stage publish` hold an flock on
    curated/.annex.lock; a second one refuses at once with exit 2 naming the lock (nothing done),
    or with --wait-lock says it waits and runs when the first ends. The kernel drops the lock of a
    killed holder, so a leftover lock file blocks nothing.
15: the worker processes of `annex run --jobs N` die with their parent.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support import SAMPLE_RELEASE

from pipeline.lock import LOCK_NAME

HOLD = """
import sys, time
from pipeline.lock import curated_lock
with curated_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def workspace(root: Path, releases: int = 1) -> Path:
    for n in range(releases):
        target = root / "raw" / (SAMPLE_RELEASE.name if n == 0 else f"2015-16-x{n}")
        shutil.copytree(SAMPLE_RELEASE, target)
        for pdf in target.glob("*.pdf"):
            pdf.unlink()
        if n:
            text = (target / "release.yaml").read_text(encoding="utf-8")
            (target / "release.yaml").write_text(text.replace(f"id: {SAMPLE_RELEASE.name}", ""), encoding="utf-8")
    return root


def annex(root: Path, *args: str, **popen) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", *args[:1], "--raw", str(root / "raw"), "--staged",
         str(root / "staged"), "--curated", str(root / "curated"), "--params", os.devnull,
         *args[1:]], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=root,
        env={**os.environ, "COLUMNS": "1000"}, **popen)


def hold_lock(root: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(root / "curated"), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_a_second_run_refuses_with_exit_2_and_does_nothing(tmp_path):
    root = workspace(tmp_path)
    holder = hold_lock(root, 60)
    try:
        for args in (("run",), ("stage", "publish", "--release", SAMPLE_RELEASE.name)):
            second = annex(root, *args)
            out, err = second.communicate(timeout=120)
            assert second.returncode == 2, err
            assert f"curated/{LOCK_NAME}" in err and "another annex run" in err and "--wait-lock" in err, err
            assert "Traceback" not in err
            assert not list((root / "curated").rglob("*.parquet")) and not (root / "staged").exists()
    finally:
        holder.kill()
        holder.wait()
    # the holder was killed: its lock went with it
    run = annex(root, "run")
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert list((root / "curated").glob(f"activities/release={SAMPLE_RELEASE.name}/*.parquet"))


def test_wait_lock_says_it_waits_then_runs(tmp_path):
    root = workspace(tmp_path)
    holder = hold_lock(root, 6)
    started = time.monotonic()
    second = annex(root, "run", "--wait-lock")
    _, err = second.communicate(timeout=300)
    holder.wait()
    assert second.returncode == 0, err
    assert "waiting for another annex run to finish" in err and LOCK_NAME in err
    assert time.monotonic() - started >= 5  # it did wait for the holder
    assert list((root / "curated").glob(f"activities/release={SAMPLE_RELEASE.name}/*.parquet"))


def test_two_real_runs_at_once(tmp_path):
    root = workspace(tmp_path)
    first = annex(root, "run", "--force")
    lock = root / "curated" / LOCK_NAME
    deadline = time.monotonic() + 60
    while not lock.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = annex(root, "run", "--force")
    _, err2 = second.communicate(timeout=300)
    _, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 2 and "another annex run" in err2, err2


def children(pid: int) -> set[int]:
    """Processes whose parent is `pid` (from /proc)."""
    out = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.add(int(stat.parent.name))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_workers_die_with_their_parent(tmp_path):
    root = workspace(tmp_path, releases=4)
    parent = annex(root, "run", "--jobs", "2", "--no-data-docs")
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            workers = {c for c in children(parent.pid)
                       if "spawn_main" in Path(f"/proc/{c}/cmdline").read_bytes().decode(errors="replace")}
            if len(workers) == 2:
                break
            time.sleep(0.1)
        assert len(workers) == 2, "the run did not start its two workers"
        time.sleep(1.0)  # the workers are past their initializer, at work
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(w) for w in workers), "workers outlived their killed parent"
    finally:
        for pid in [p for p in {parent.pid, *workers, *children(parent.pid)} if alive(p)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
