"""moto's S3 server in a child process of its own, for bench_batch.py --curated-store s3.

A process apart (not moto's ThreadedMotoServer, as tests/test_object_storage.py uses) so that the
server's CPU seconds and peak RSS are its own and are not counted in the run's: the benchmark
samples them from /proc and prints them apart. The environment of this process is pointed at the
server (AWS_ENDPOINT_URL_S3, as the tests do; the test credentials), so whatever starts after it
(a spawned run process, a Dask LocalCluster's workers) inherits the endpoint.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from pipeline.core import storage

BUCKET = "bench"
START_TIMEOUT = 60.0  # seconds for the server to accept connections (moto imports a lot)
ENVIRONMENT = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
               "AWS_DEFAULT_REGION": "us-east-1"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def _status_kib(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field + ":"))


class MotoServer:
    """`python -m moto.server` on a free local port with one bucket, BUCKET; stop() ends it."""

    def __init__(self) -> None:
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        os.environ.update(ENVIRONMENT, AWS_ENDPOINT_URL_S3=self.endpoint)
        storage.forget_connections()  # this process's s3fs reads the new endpoint
        self.process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1",
                                         "-p", str(self.port)],
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + START_TIMEOUT
        while not _accepts(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"moto's S3 server did not start on port {self.port} "
                                 "(pip install 'moto[server]': the test extra)")
            time.sleep(0.1)
        self.start_seconds = self.cpu_seconds()
        _bucket_filesystem().mkdir(BUCKET)

    def url(self, name: str) -> str:
        return f"s3://{BUCKET}/{name}"

    def cpu_seconds(self) -> float:
        """User + system CPU seconds of the server process so far (/proc/PID/stat, clock ticks)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime

    def peak_rss(self) -> int:
        """The server's VmHWM, bytes: the objects it holds are in its memory."""
        return _status_kib(self.process.pid, "VmHWM") * 1024

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _bucket_filesystem():
    import fsspec  # the s3 extra, as pipeline/core/storage.py imports it

    return fsspec.filesystem("s3", skip_instance_cache=True)
