"""The Dask executor: chunks of plan entries on a Dask cluster (dask.distributed), each through
pipeline.flow.process_chunk like every other executor.

Without a scheduler address a LocalCluster is started here (`jobs` worker processes, one thread
each: the flow is CPU-bound Python). With one, the chunks go to that cluster's workers, which must
run the same annex version and see raw/, staged/ and curated/ at the same absolute paths as this
process (a shared filesystem), or share only a bucket when raw/ and curated/ are URLs (each worker
downloads its releases and puts its partitions: pipeline/core/storage.py, pipeline/flow.py): the
workers read the documents and publish the Parquet themselves, and only plain ReleaseSummary values
come back. See docs/batch.md.

Faults around the cluster end in one clear error, never a hang: an address is checked for form
before anything else (check_address); a peer that does not greet as a Dask scheduler (a silent
port, an HTTP server, anything else) is reported within the connect timeout (probe), before
dask.distributed, which would wait on it or read its bytes as a frame length, is given the address;
a worker's death fails the releases of its chunk in one line; a cluster left with no worker for
`no_worker_timeout` seconds fails what is left of the run.
"""

from __future__ import annotations

import logging
import re
import socket
import struct
import time
from contextlib import suppress

from pipeline.core.errors import AnnexError
from pipeline.executors.base import Chunk, Executor, ExecutorLost, Job, one_line
from pipeline.flow import ReleaseSummary

SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
DEFAULT_PORT = 8786  # dask's
POLL_SECONDS = 0.5  # how often a run waiting on the cluster checks it still has workers
# A Dask peer opens with its handshake: an 8-byte length, then a few frames of a few hundred bytes.
MAX_HANDSHAKE_BYTES = 1 << 20
MAX_HANDSHAKE_FRAMES = 64
_HOST = re.compile(r"\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?")
START_FIX = ("start it with `dask scheduler` (and workers with `dask worker ADDRESS`), or leave out "
             "--scheduler for a cluster on this machine")


class ExecutorError(AnnexError):
    """The executor cannot start (Dask missing, the scheduler unreachable or not one): nothing
    was run."""


def check_address(address: str) -> str:
    """A scheduler address as scheme://host:port (tcp:// and port 8786 when left out), or
    ExecutorError naming it."""
    scheme, sep, location = address.strip().rpartition("://")
    scheme = scheme if sep else "tcp"
    host, colon, port = location.rpartition(":") if not location.endswith("]") else (location, "", "")
    if not colon:
        host, port = location, str(DEFAULT_PORT)
    problem = None
    if scheme not in SCHEMES:
        problem = f"unknown scheme {scheme!r} (known: {', '.join(SCHEMES)})"
    elif not _HOST.fullmatch(host):
        problem = f"{host!r} is not a host name or IP address"
    elif not port.isdigit() or not 0 < int(port) < 65536:
        problem = f"{port!r} is not a port number (1-65535)"
    if problem is not None:
        raise ExecutorError(f"--scheduler {address!r}", f"not a Dask scheduler address: {problem}",
                            fix="give it as tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786")
    return f"{scheme}://{host}:{int(port)}"


def probe(address: str, timeout: float) -> None:
    """Connect to a tcp:// scheduler and read the start of its handshake, within `timeout`
    seconds in all; ExecutorError when nothing listens there, or what does is not a Dask scheduler."""
    scheme, _, location = address.partition("://")
    if scheme != "tcp":
        return  # TLS and the others: dask.distributed's own connect, bounded by the same timeout
    host, _, port = location.rpartition(":")
    deadline = time.monotonic() + timeout
    try:
        with socket.create_connection((host.strip("[]"), int(port)), timeout=timeout) as peer:
            header = _read(peer, 8, deadline)
            size = struct.unpack("<Q", header)[0] if len(header) == 8 else 0
            frames = _read(peer, 8, deadline) if 8 <= size <= MAX_HANDSHAKE_BYTES else b""
    except TimeoutError:
        raise _not_dask(address, f"it accepted the connection but said nothing within {timeout:g} s "
                        "(a Dask scheduler greets at once)") from None
    except OSError as error:
        raise ExecutorError(address, f"cannot reach the Dask scheduler: {error.strerror or error}",
                            fix=START_FIX) from None
    if len(frames) != 8 or not 0 < struct.unpack("<Q", frames)[0] <= MAX_HANDSHAKE_FRAMES:
        raise _not_dask(address, f"it answered {_shown(header + frames)}")


def _read(peer: socket.socket, size: int, deadline: float) -> bytes:
    data = b""
    while len(data) < size:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError
        peer.settimeout(left)
        got = peer.recv(size - len(data))
        if not got:
            break  # the peer closed the connection
        data += got
    return data


def _shown(data: bytes) -> str:
    if not data:
        return "nothing and closed the connection"
    if data.startswith(b"HTTP/"):
        return "as an HTTP server"
    return repr(data[:16])


def _not_dask(address: str, how: str) -> ExecutorError:
    return ExecutorError(address, f"not a Dask scheduler: {how}",
                         fix="check the address and port (dask scheduler listens on 8786 by default); " + START_FIX)


def _distributed():
    # Imported when a Dask run starts, not at the top: it is an optional extra, and importing it
    # costs 0.55 s (measured, after the flow) that `annex run` on this machine does not need.
    try:
        import distributed
    except ImportError:
        raise ExecutorError("--executor dask", "dask.distributed is not installed",
                            fix="pip install 'annex-pipeline[dask]' (or pip install 'dask[distributed]')") from None
    return distributed


def dask_config():
    """dask.config, imported with dask.distributed (which needs dask): see _distributed."""
    import dask.config

    return dask.config


class DaskExecutor(Executor):
    """Chunks on a LocalCluster of `workers` processes, or on the cluster at `scheduler`."""

    def __init__(self, workers: int, scheduler: str | None = None, scheduler_timeout: float = 10.0,
                 no_worker_timeout: float = 60.0) -> None:
        self.workers, self.scheduler = workers, scheduler
        self.scheduler_timeout, self.no_worker_timeout = scheduler_timeout, no_worker_timeout
        self.client = self.cluster = None
        self.slots = workers
        self.no_worker_since: float | None = None
        self._levels: dict[str, int] = {}

    def __enter__(self) -> "DaskExecutor":
        distributed = _distributed()
        self._quiet()
        try:
            self.client, self.cluster = self._connect(distributed)
        except BaseException:
            self._loud()
            raise
        self.slots = max(1, len(self.client.scheduler_info().get("workers", {})) or self.workers)
        return self

    def _connect(self, distributed):
        if self.scheduler is None:
            # Dask's worker profiler keeps a sample of every second of work (up to 1,000 of them):
            # with this flow's deep stacks a worker grew ~0.7 MB per second of work, past the
            # 500 MB a worker may take on a long batch (bench_batch.py, 10,000 releases). Nothing
            # here reads the profiles, so the workers this executor starts do without. The nannies
            # take the config when they are made and pass it to their worker processes.
            with dask_config().set({"distributed.worker.profile.enabled": False}):
                cluster = distributed.LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                                   dashboard_address=None, silence_logs=logging.CRITICAL)
            return distributed.Client(cluster), cluster
        address = check_address(self.scheduler)
        probe(address, self.scheduler_timeout)
        try:
            return distributed.Client(address, timeout=self.scheduler_timeout), None
        except Exception as error:  # noqa: BLE001 - whatever the connect raised: nothing ran yet
            raise ExecutorError(address, f"cannot connect to the Dask scheduler: {one_line(error)}",
                                fix=START_FIX) from None

    def _quiet(self) -> None:
        """A worker's death is reported by the run, once per release: dask's own log lines
        (a traceback among them) would tell it again, out of order."""
        for name in ("distributed", "distributed.client", "distributed.scheduler", "distributed.nanny"):
            logger = logging.getLogger(name)
            self._levels[name] = logger.level
            logger.setLevel(logging.CRITICAL)

    def _loud(self) -> None:
        for name, level in self._levels.items():
            logging.getLogger(name).setLevel(level)

    def __exit__(self, *exc) -> None:
        try:
            with suppress(Exception):  # closing a cluster that lost its workers may complain
                self.client.close(timeout=self.scheduler_timeout)
            if self.cluster is not None:
                with suppress(Exception):
                    self.cluster.close(timeout=self.scheduler_timeout)
        finally:
            self._loud()

    def submit(self, job: Job, chunk: Chunk):
        return self.client.submit(job, chunk, pure=False)

    def wait(self, handles: list) -> list:
        distributed = _distributed()
        while True:
            try:
                done = distributed.wait(handles, timeout=POLL_SECONDS, return_when="FIRST_COMPLETED").done
            except TimeoutError:
                done = ()
            if done:
                return list(done)
            self._check_workers()

    def _check_workers(self) -> None:
        """ExecutorLost once the cluster has had no worker for no_worker_timeout seconds."""
        try:
            workers = len(self.client.nthreads())
        except Exception as error:  # noqa: BLE001 - the scheduler itself is gone
            raise ExecutorLost(f"lost the Dask scheduler: {one_line(error)}") from None
        if workers:
            self.no_worker_since = None
            return
        now = time.monotonic()
        self.no_worker_since = self.no_worker_since or now
        if now - self.no_worker_since >= self.no_worker_timeout:
            raise ExecutorLost(f"the Dask cluster has had no worker for {self.no_worker_timeout:g} s "
                               "(--no-worker-timeout); start workers with `dask worker ADDRESS`")

    def result(self, handle) -> list[ReleaseSummary]:
        return handle.result()

    def why_failed(self, error: BaseException) -> str:
        if type(error).__name__ == "KilledWorker":
            worker = getattr(getattr(error, "last_worker", None), "address", "a worker")
            return f"the Dask worker running it died ({worker}, killed or out of memory)"
        return super().why_failed(error)
