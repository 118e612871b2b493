"""Issue 16 cases 15 and 16, with real processes.

16: one run at a time per curated/. `annex run` and `annex stage publish` hold an flock on
    curated/.annex.lock; a second one refuses at once with exit 75 (EX_TEMPFAIL, busy: issue 22)
    naming the lock (nothing done), or with --wait-lock says it waits and runs when the first
    ends (--wait-lock SECONDS: at most that long, then 75). The kernel drops the lock of a
    killed holder, so a leftover lock file blocks nothing.
15: the worker processes of `annex run --jobs N` die with their parent.
Issue 22: SIGTERM stops a run as SIGINT does (run_failed, nothing half-published), exit 143.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from support import SAMPLE_RELEASE

from pipeline.lock import LOCK_NAME

HOLD = """
import sys, time
from pipeline.lock import curated_lock
with curated_lock(sys.argv[1]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
print("released", time.time(), flush=True)
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
    """`annex ARGS` on root's raw/staged/curated in a process of its own. The runs that publish
    pass --no-data-docs: the lock, the exit codes and the signals are the point here, and the
    Data Docs pages (tested elsewhere) add ~60% to a release's CPU (0.9 -> 1.6 s, measured)."""
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


def test_a_second_run_refuses_with_exit_75_and_does_nothing(tmp_path):
    root = workspace(tmp_path)
    holder = hold_lock(root, 60)
    try:
        for args in (("run",), ("stage", "publish", "--release", SAMPLE_RELEASE.name)):
            second = annex(root, *args)
            out, err = second.communicate(timeout=120)
            assert second.returncode == 75, err
            assert f"curated/{LOCK_NAME}" in err and "another annex run" in err and "--wait-lock" in err, err
            assert "Traceback" not in err
            assert not list((root / "curated").rglob("*.parquet")) and not (root / "staged").exists()
    finally:
        holder.kill()
        holder.wait()
    # the holder was killed: its lock went with it
    run = annex(root, "run", "--no-data-docs")
    _, err = run.communicate(timeout=300)
    assert run.returncode == 0, err
    assert list((root / "curated").glob(f"activities/release={SAMPLE_RELEASE.name}/*.parquet"))


def test_wait_lock_says_it_waits_then_runs(tmp_path):
    root = workspace(tmp_path)
    holder = hold_lock(root, 3)  # the second run's start-up takes ~1 s: it finds the lock held
    started = time.monotonic()
    second = annex(root, "run", "--wait-lock", "--no-data-docs")
    _, err = second.communicate(timeout=300)
    released = float(holder.communicate(timeout=60)[0].split()[-1])
    assert second.returncode == 0, err
    assert "waiting for another annex run to finish" in err and LOCK_NAME in err
    assert time.monotonic() - started >= 2.5  # it did wait for the holder
    (published,) = (root / "curated").glob(f"activities/release={SAMPLE_RELEASE.name}/*.parquet")
    assert published.stat().st_mtime >= released  # and published only once the holder let go


def test_wait_lock_with_seconds_gives_up_with_75(tmp_path):
    root = workspace(tmp_path)
    holder = hold_lock(root, 60)
    try:
        started = time.monotonic()
        second = annex(root, "run", "--wait-lock", "1.5")
        _, err = second.communicate(timeout=120)
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.wait()
    assert second.returncode == 75, err
    assert "waiting for another annex run" in err and "still held after --wait-lock 1.5 s" in err
    assert waited >= 1.5
    assert not list((root / "curated").rglob("*.parquet"))


def test_sigterm_stops_a_run_as_sigint_does_with_143(tmp_path):
    """What cron, systemd and Kubernetes send: the run stops, says run_failed, removes its
    temporary files, publishes nothing by half; the next run completes the work."""
    root = workspace(tmp_path, releases=4)
    run = annex(root, "run", "--log-format", "json", "--no-data-docs")
    events = []
    for line in run.stderr:
        events.append(json.loads(line))
        if events[-1]["event"] == "release_started":
            break
    # at once, inside the first release's work: four releases' work is left to stop (a pause
    # here let a fast run, or a busy machine's slow test, see the run end first)
    run.send_signal(signal.SIGTERM)
    _, rest = run.communicate(timeout=120)
    events += [json.loads(line) for line in rest.splitlines()]
    assert run.returncode == 143, events
    assert events[-1]["event"] == "run_failed" and events[-1]["exit_code"] == 143
    assert events[-1]["error"] == "terminated"
    curated = root / "curated"
    assert not [p for p in curated.rglob("*") if p.name.endswith(".tmp")]  # no temporary leftovers
    for part in curated.rglob("*.parquet"):
        pq.read_table(part)  # whole files only
    manifest = curated / "_manifest.json"
    if manifest.exists():  # a release recorded is whole: each table file it lists holds its rows
        for record in json.loads(manifest.read_text())["releases"].values():
            for table in record["tables"].values():
                assert pq.read_table(curated / table["path"]).num_rows == table["rows"]
    again = annex(root, "run", "--no-data-docs")
    _, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    assert len(list(curated.glob("activities/release=*/part-0.parquet"))) == 4


def test_two_real_runs_at_once(tmp_path):
    root = workspace(tmp_path)
    first = annex(root, "run", "--force", "--no-data-docs")
    lock = root / "curated" / LOCK_NAME
    deadline = time.monotonic() + 60
    while not lock.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    second = annex(root, "run", "--force", "--no-data-docs")
    _, err2 = second.communicate(timeout=300)
    _, err1 = first.communicate(timeout=300)
    assert first.returncode == 0, err1
    assert second.returncode == 75 and "another annex run" in err2, err2


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


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_workers_die_with_their_run(tmp_path):
    """The run's workers are forked by the run's fork server (their parent), and die with the run
    all the same; so does the server."""
    root = workspace(tmp_path, releases=4)
    parent = annex(root, "run", "--jobs", "2", "--no-data-docs")
    workers: set[int] = set()
    servers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            servers = {c for c in children(parent.pid) if "multiprocessing.forkserver" in command_line(c)}
            workers = {w for server in servers for w in children(server)}
            if len(workers) == 2:
                break
            time.sleep(0.1)
        assert len(servers) == 1 and len(workers) == 2, "the run did not fork its two workers"
        time.sleep(1.0)  # the workers are past their initializer, at work
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        deadline = time.monotonic() + 5
        while any(alive(p) for p in workers | servers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(w) for w in workers), "workers outlived their killed run"
        assert not any(alive(s) for s in servers), "the fork server outlived the run"
    finally:
        for pid in [p for p in {parent.pid, *workers, *servers, *children(parent.pid)} if alive(p)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
