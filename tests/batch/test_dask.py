"""The Dask executor (pipeline/executors/dask.py): a 2-worker LocalCluster publishes the bytes a
serial run publishes, with the same verdicts, and skips what is unchanged; faults around the
cluster (a bad address, a peer that is no Dask scheduler, a worker's death, no worker left) end in
one clear error, never a hang. Peers are local sockets on 127.0.0.1 with short timeouts."""

from __future__ import annotations

import builtins
import contextlib
import http.server
import os
import socket
import threading
import time
from pathlib import Path

import pytest
from batch_support import run_releases, tree_bytes, zero_audience

from pipeline.cli import main
from pipeline.core.errors import ExitCode
from pipeline.executors.dask import DaskExecutor, ExecutorError, check_address, probe
from pipeline.flow import ReleaseSummary
from pipeline.plan import Action, PlanEntry, RunOptions, Status
from pipeline.runner import run

distributed = pytest.importorskip("distributed", reason="the Dask executor needs the dask extra (installed by the test extra)")


def entry(name: str) -> PlanEntry:
    return PlanEntry(Path("raw") / name, name, Status.NEW, Action.RUN, "never published")


@contextlib.contextmanager
def silent_port():
    """A port that accepts connections (the kernel's backlog) and never says a word."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield server, f"tcp://127.0.0.1:{server.getsockname()[1]}"


@contextlib.contextmanager
def talking_port(greeting: bytes):
    """A server that greets every connection with `greeting` (as SSH or SMTP servers do)."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)

        def serve():
            with contextlib.suppress(OSError):
                while True:
                    peer, _ = server.accept()
                    with peer:
                        peer.sendall(greeting)
                        time.sleep(0.2)

        threading.Thread(target=serve, daemon=True).start()
        yield f"tcp://127.0.0.1:{server.getsockname()[1]}"


@contextlib.contextmanager
def http_server():
    handler = http.server.SimpleHTTPRequestHandler
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"tcp://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()


def test_a_dask_cluster_publishes_what_a_serial_run_publishes(batch_raw, tmp_path):
    # three releases in chunks of two: a chunk of two and a chunk of one, a refused one among them
    raw = batch_raw(ids=("r1", "r2", "r3"))
    zero_audience(raw / "r2")
    serial = run_releases(raw, tmp_path / "s1", tmp_path / "serial")
    started = []
    options = RunOptions(raw_root=raw, staged_root=tmp_path / "s2", curated_root=tmp_path / "dask",
                         data_docs=False, jobs=2, executor="dask", chunk_size=2)
    on_dask = run(options, on_start=started.append)
    assert [(r.release_id, r.exit_code, r.folder) for r in on_dask] == \
        [(r.release_id, r.exit_code, r.folder) for r in serial]
    assert [r.exit_code for r in on_dask] == [ExitCode.OK, ExitCode.VALIDATION_FAILED, ExitCode.OK]
    assert tree_bytes(tmp_path / "dask") == tree_bytes(tmp_path / "serial")
    assert sorted(e.release_id for chunk in started for e in chunk) == ["r1", "r2", "r3"]
    assert max(len(chunk) for chunk in started) == 2
    # what the cluster published is skipped next time, the refused one redone: the plan decides
    # it, the same for any executor (run here in this process, without a second cluster's start)
    again = run_releases(raw, tmp_path / "s2", tmp_path / "dask")
    assert [r.skipped for r in again] == [True, False, True]


@pytest.fixture(scope="class")
def annex_cluster():
    """The one-worker LocalCluster annex starts itself (no --scheduler), started once for the
    tests of TestTheClusterAnnexStarts: its worker process's start-up is most of their cost. (Class
    scope: closed before the next test starts a cluster of its own.)"""
    with DaskExecutor(1) as executor:
        yield executor


class TestTheClusterAnnexStarts:
    def test_a_chunk_whose_worker_fails_fails_its_releases_only(self, annex_cluster):
        def job(chunk):
            if any(e.release_id == "bad" for e in chunk):
                raise MemoryError("worker ran out of memory")
            return [ReleaseSummary(e.release_id, str(e.folder)) for e in chunk]

        done = [s for _, summaries in annex_cluster.run([[entry("a")], [entry("bad"), entry("b")]], job)
                for s in summaries]
        by_name = {s.release_id: s for s in done}
        assert by_name["a"].exit_code is ExitCode.OK
        assert by_name["bad"].exit_code is by_name["b"].exit_code is ExitCode.INTERNAL
        assert "worker failed running bad, b: MemoryError: worker ran out of memory" in by_name["b"].error.message

    def test_the_cluster_annex_starts_runs_its_workers_without_the_profiler(self, annex_cluster):
        # regression: the profiler's history grew a worker past 500 MB on a 10,000-release batch
        def profiler_on():
            import dask.config

            return dask.config.get("distributed.worker.profile.enabled")

        settings = annex_cluster.client.run(profiler_on)
        assert list(settings.values()) == [False]


def test_a_dead_worker_is_one_line_naming_its_releases():
    """A worker that dies mid-chunk (here: exits) fails that chunk's releases in one line; the
    next chunk runs on the worker the nanny starts again."""
    import dask

    def job(chunk):
        if any(e.release_id == "killer" for e in chunk):
            os._exit(1)
        return [ReleaseSummary(e.release_id, str(e.folder)) for e in chunk]

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                                      silence_logs=50) as cluster:
            with DaskExecutor(1, cluster.scheduler_address, scheduler_timeout=5) as executor:
                done = [s for _, summaries in executor.run([[entry("killer"), entry("victim")], [entry("c")]], job)
                        for s in summaries]
    by_name = {s.release_id: s for s in done}
    assert by_name["c"].ok
    message = by_name["victim"].error.message
    assert by_name["victim"].exit_code is ExitCode.INTERNAL and "\n" not in message
    assert "worker failed running killer, victim: the Dask worker running it died" in message


def test_a_cluster_without_workers_fails_the_run_after_the_timeout():
    with distributed.LocalCluster(n_workers=0, processes=False, protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None, silence_logs=50) as cluster:
        probe(cluster.scheduler_address, 5)  # a real scheduler passes the probe
        started = time.monotonic()
        with DaskExecutor(1, cluster.scheduler_address, scheduler_timeout=5, no_worker_timeout=1) as executor:
            done = [s for _, summaries in executor.run([[entry("a")], [entry("b")]],
                                                      lambda chunk: [ReleaseSummary(e.release_id, "") for e in chunk])
                    for s in summaries]
    assert time.monotonic() - started < 20
    assert [s.release_id for s in done] == ["a", "b"]
    assert all(s.exit_code is ExitCode.INTERNAL for s in done)
    assert "the Dask cluster has had no worker for 1 s" in done[1].error.message


@pytest.mark.parametrize("address, problem", [
    ("not a url:::", "not a host name"), ("tcp://host:99999", "not a port number"),
    ("ftp://10.0.0.5:8786", "unknown scheme 'ftp'"), ("tcp://:8786", "not a host name")])
def test_a_scheduler_address_is_checked_for_form(address, problem):
    with pytest.raises(ExecutorError) as caught:
        check_address(address)
    assert caught.value.exit_code is ExitCode.BAD_INPUT
    assert f"--scheduler {address!r}" in caught.value.message and problem in caught.value.message


def test_addresses_dask_accepts_pass():
    assert check_address("tcp://10.0.0.5:8786") == "tcp://10.0.0.5:8786"
    assert check_address("scheduler.example.org") == "tcp://scheduler.example.org:8786"
    assert check_address("tls://[::1]:9000") == "tls://[::1]:9000"


def test_a_malformed_address_on_the_command_line_is_exit_2(capsys, tmp_path):
    code = main(["run", "--raw", str(tmp_path / "raw"), "--executor", "dask", "--scheduler", "not a url:::"])
    err = capsys.readouterr().err
    assert code == 2 and "not a Dask scheduler address" in err and "'not a url:::'" in err


@contextlib.contextmanager
def silent_address():
    with silent_port() as (_, address):
        yield address


@pytest.mark.parametrize("peer", [silent_address, http_server], ids=["silent port", "HTTP server"])
def test_a_peer_that_says_nothing_is_not_a_scheduler(peer):
    with peer() as address:
        started = time.monotonic()
        with pytest.raises(ExecutorError) as caught:
            probe(address, 0.5)
        assert time.monotonic() - started < 3
    assert caught.value.exit_code is ExitCode.BAD_INPUT
    assert "not a Dask scheduler: it accepted the connection but said nothing within 0.5 s" in caught.value.message


def test_a_peer_that_talks_otherwise_is_not_a_scheduler():
    with talking_port(b"SSH-2.0-OpenSSH_9.6\r\n") as address:
        with pytest.raises(ExecutorError, match="not a Dask scheduler: it answered b'SSH-2.0-'"):
            probe(address, 2)
    with talking_port(b"HTTP/1.0 400 Bad request\r\n\r\n") as address:
        with pytest.raises(ExecutorError, match="not a Dask scheduler: it answered as an HTTP server"):
            probe(address, 2)


def test_nothing_listening_is_a_clear_error():
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{closed.getsockname()[1]}"  # bound, not listening: refused
        with pytest.raises(ExecutorError) as caught:
            probe(address, 2)
    assert "cannot reach the Dask scheduler" in caught.value.message and "dask scheduler" in caught.value.fix


def test_the_scheduler_is_reached_before_any_release_runs_and_only_when_one_must(batch_raw, tmp_path, capsys):
    raw = batch_raw(ids=("r1",))
    where = ["--raw", str(raw), "--staged", str(tmp_path / "s"), "--curated", str(tmp_path / "c"), "--no-data-docs"]
    with silent_port() as (server, address):
        code = main(["run", *where, "--executor", "dask", "--scheduler", address, "--scheduler-timeout", "0.5"])
        err = capsys.readouterr().err
        assert code == 2 and "not a Dask scheduler" in err and "said nothing within 0.5 s" in err
        assert not [p for p in (tmp_path / "c").rglob("*") if not p.name.startswith(".")], "nothing ran"
        assert main(["run", *where]) == 0  # published here; unchanged from now on
        capsys.readouterr()
        server.settimeout(0)
        server.accept()[0].close()  # the one connection the first run made
        code = main(["run", *where, "--executor", "dask", "--scheduler", address, "--scheduler-timeout", "0.5"])
        assert code == 0 and "1 unchanged, skipped" in capsys.readouterr().err
        with pytest.raises(BlockingIOError):
            server.accept()  # nothing to run: the scheduler was not contacted


def test_without_dask_installed_the_error_names_the_extra(monkeypatch):
    real_import = builtins.__import__

    def no_distributed(name, *args, **kwargs):
        if name == "distributed":
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(ExecutorError) as caught:
        DaskExecutor(1).__enter__()
    assert "annex-pipeline[dask]" in caught.value.fix
