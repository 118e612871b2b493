"""Releases per minute of `annex run` over a generated batch, with 1, 2 and N workers, the peak
memory of each run, and the time of a no-op re-run (every release unchanged, so skipped).

    python benchmarks/bench_batch.py [--releases 1000] [--jobs 1,2,N] [--executor local|dask]
                                     [--chunk-size N] [--mix text|pdf|half] [--pdf] [--data-docs]
                                     [--curated-store local|s3]

    python benchmarks/bench_batch.py --releases 200 --jobs 1,2
    python benchmarks/bench_batch.py --executor dask --releases 10000 --mix half
    python benchmarks/bench_batch.py --executor dask --releases 1000 --mix half --curated-store s3

The batch is copies of the sample release (raw/2015-16-q2) under other ids, written to a
temporary folder. --mix chooses their documents: `text` (default) the two text dumps, `pdf` the
two PDFs of the same annexes (release.yaml names annex-c-cts-improvement-plan.pdf and
annex-b-delivery-tracker-2015-16.pdf), `half` every other release a PDF one. A release's folder
holds only the files its manifest names (--pdf: text releases keep the PDFs too, unnamed, which
only adds to what is hashed). Each job count publishes into a fresh curated/ folder through
pipeline.runner.run (what `annex run --jobs N [--executor dask]` calls), with the chunk size
the run chooses unless --chunk-size. N is the machine's CPU count. Validation runs for every
release; its Data Docs HTML pages only with --data-docs (as `annex run --no-data-docs` would be
scheduled otherwise). The no-op re-run uses the largest job count over the last curated/ folder.

Memory and CPU. While a run goes on, a thread samples every process of it twice a second (the
benchmark's descendants, with psutil): each one's CPU seconds (user + system) and its VmHWM (peak
RSS, /proc/PID/status; a high-water mark, so sampling misses at most the last half second's
growth). Printed per run: the CPU seconds per release of all its processes, the largest VmHWM of
a worker (the run's process with --jobs 1, a pool worker, a Dask worker) and of a PDF reader child
(pipeline/extract/budget.py: one per worker, reused from one PDF to the next, held to
annex.max_document_memory). CPU per release depends much less than the wall-clock rate on what
else the machine is doing: 60 x min(jobs, CPUs) / (CPU s per release) is the rate the run would
reach with its cores to itself (the "idle bound" column).
--executor local: each job count runs in a fresh Python process, so its figures are that run's
alone; also printed, ru_maxrss of its RUSAGE_SELF and RUSAGE_CHILDREN (Linux counts in a child's
ru_maxrss the RSS its parent had when it started it, so the children figure is an upper bound).
--executor dask: the benchmark starts its own LocalCluster per job count (`jobs` worker
processes, one thread each, as pipeline/executors/dask.py does) and gives its address to
RunOptions as `scheduler=`, so starting the cluster is not in the time (printed apart; `annex run
--executor dask` without --scheduler pays it). Each worker's VmHWM is also read at the end
(Client.run) and listed; the CPU counted includes this process (scheduler and client).
Without psutil, CPU comes from getrusage / os.times (readers still running are not counted) and
the reader's peak is not shown.
Dask's worker profiler (distributed.worker.profile, on by default, also in the LocalCluster of
`annex run --executor dask`) keeps a profile of every second of work, up to
distributed.admin.low-level-log-length (1,000) of them: with this flow's deep stacks a worker's
memory grows by ~0.7 MB per second of work until then. --no-worker-profile turns it off in the
benchmark's clusters, to see the memory without it.
With PDF releases the reader's peak on one document is also measured apart: a fresh reader
child (budget._child) on each of the two sample PDFs.

--curated-store s3: curated/ in a bucket on moto's S3 server (benchmarks/s3_server.py), raw/
staying local. A fresh server per job count, in a process of its own started before the run (and
before its Dask cluster, whose workers inherit AWS_ENDPOINT_URL_S3), one bucket, the run
publishing to s3://bench/curated-<run>. The server's CPU seconds and peak RSS (VmHWM: it holds
the objects in memory) are not in the run's figures: printed apart, on a line after the run's,
and the server's CPU during the no-op re-run, which reads the last run's bucket.

The code version (part of each release's fingerprint) is taken once, when the benchmark starts,
and used by every run: in a checkout being edited while the benchmark runs, a changed pipeline/
source would otherwise turn the no-op re-run into a full one.

The goal line: 1,000 releases/min on 2 cores for text releases without Data Docs; peak memory per
worker <= 500 MB. On a machine shared with other work the figures are noisy: the load average
is printed before and after.
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path

import pipeline.manifest
import pipeline.plan
from pipeline.core.release import discover_releases
from pipeline.executors import chunk_size_for
from pipeline.manifest import code_version
from pipeline.plan import RunOptions
from pipeline.runner import run as run_releases
from s3_server import MotoServer  # benchmarks/, beside this script

SAMPLE = Path(__file__).resolve().parents[1] / "raw" / "2015-16-q2"
TEXTS = ("annex-c-cts-improvement-plan.txt", "annex-b-delivery-tracker-2015-16.txt")
PDFS = ("annex-c-cts-improvement-plan.pdf", "annex-b-delivery-tracker-2015-16.pdf")
MIXES = ("text", "pdf", "half")
GOAL_RATE = 1000  # releases/min, text releases without Data Docs, on 2 cores
GOAL_MEMORY = 500e6  # bytes of peak RSS per worker
MB = 1e6
# pids the Monitor leaves out of a run's figures (the S3 server: its figures are printed apart)
APART: set[int] = set()


def is_pdf_release(index: int, mix: str) -> bool:
    return mix == "pdf" or (mix == "half" and index % 2 == 1)


def generate_batch(root: Path, count: int, mix: str = "text", keep_pdfs: bool = False) -> Path:
    """raw/ with `count` copies of the sample release, ids release-00000, release-00001, ...;
    the PDF ones (see is_pdf_release) name the PDFs in their release.yaml instead of the dumps."""
    raw = root / "raw"
    manifest = (SAMPLE / "release.yaml").read_text(encoding="utf-8")
    for name in TEXTS:
        if name not in manifest:
            raise SystemExit(f"{SAMPLE / 'release.yaml'} no longer names {name}: update this script")
    pdf_manifest = manifest
    for text, pdf in zip(TEXTS, PDFS):
        pdf_manifest = pdf_manifest.replace(text, pdf)
    width = max(5, len(str(count - 1)))
    for index in range(count):
        folder = raw / f"release-{index:0{width}d}"
        folder.mkdir(parents=True)
        pdf = is_pdf_release(index, mix)
        names = PDFS if pdf else TEXTS + (PDFS if keep_pdfs else ())
        for name in names:
            shutil.copyfile(SAMPLE / name, folder / name)
        (folder / "release.yaml").write_text(pdf_manifest if pdf else manifest, encoding="utf-8")
    return raw


def job_counts(text: str) -> list[int]:
    cpus = os.cpu_count() or 1
    counts = [cpus if part.strip().upper() == "N" else int(part) for part in text.split(",")]
    return sorted(set(counts))


@dataclass
class Run:
    seconds: float
    releases: int
    failed: int
    skipped: int
    chunk_size: int
    # local: peak RSS (bytes) of the run's own process and of the largest child it waited for
    self_rss: int = 0
    children_rss: int = 0
    # dask: per worker address, its VmHWM, bytes
    workers: dict[str, int] = field(default_factory=dict)
    cluster_seconds: float = 0.0
    cpu_seconds: float = 0.0  # user + system of every process of the run
    worker_peak: int = 0  # sampled: largest VmHWM of a worker process (0: not sampled)
    reader_peak: int = 0  # sampled: largest VmHWM of a PDF reader child

    @property
    def cpu_per_release(self) -> float:
        return self.cpu_seconds / self.releases

    def idle_bound(self, jobs: int) -> float:
        """Releases/min with min(jobs, CPUs) cores to itself at this run's CPU per release."""
        return 60 * min(jobs, os.cpu_count() or 1) / self.cpu_per_release if self.cpu_seconds else 0.0

    @property
    def rate(self) -> float:
        return self.releases / self.seconds * 60

    def peak_per_worker(self, jobs: int) -> int:
        """The largest RSS of a process doing the releases' work (for dask, PDF reader children
        apart: see pdf_reader_peaks)."""
        if self.workers:
            return max(self.workers.values())
        if self.worker_peak:
            return self.worker_peak
        # local without psutil: with one job the run's own process is the worker; else its
        # largest child is (an upper bound, see above)
        return max(self.self_rss, self.children_rss) if jobs == 1 else self.children_rss


def pin_code_version(version: str) -> None:
    """Every later run in this process uses `version` (the plan puts it in every fingerprint)."""
    pipeline.manifest.code_version = pipeline.plan.code_version = lambda package_dir=None: version


class Monitor:
    """Samples this process's descendants (and itself, with `include_self`) in a thread: CPU
    seconds used since start() and the largest VmHWM of workers and of PDF reader children."""

    def __init__(self, include_self: bool, interval: float = 0.5):
        import psutil

        self.psutil, self.include_self, self.interval = psutil, include_self, interval
        self.me = psutil.Process()
        self.base: dict[tuple, float] = {}  # CPU of each process already there at start()
        self.cpu: dict[tuple, float] = {}  # last CPU seen, per (pid, create time)
        self.hwm: dict[tuple, int] = {}
        self.reader: dict[tuple, bool] = {}
        self.stopping = threading.Event()

    def processes(self):
        children = [c for c in self.me.children(recursive=True) if c.pid not in APART]
        return ([self.me] if self.include_self else []) + children

    def sample(self) -> None:
        for process in self.processes():
            try:
                key = (process.pid, process.create_time())
                times = process.cpu_times()
                self.cpu[key] = times.user + times.system
                if key not in self.reader:
                    self.reader[key] = any("pipeline.extract.budget" in part or "_serve" in part
                                           for part in process.cmdline())
                with open(f"/proc/{process.pid}/status", encoding="ascii") as status:
                    self.hwm[key] = next(int(line.split()[1]) * 1024 for line in status
                                         if line.startswith("VmHWM:"))
            except (self.psutil.Error, OSError, StopIteration):
                continue  # it ended meanwhile

    def start(self) -> "Monitor":
        self.sample()
        self.base = dict(self.cpu)
        self.thread = threading.Thread(target=self.loop, name="monitor", daemon=True)
        self.thread.start()
        return self

    def loop(self) -> None:
        while not self.stopping.wait(self.interval):
            self.sample()

    def stop(self, run: "Run") -> None:
        self.stopping.set()
        self.thread.join()
        self.sample()
        run.cpu_seconds = sum(cpu - self.base.get(key, 0.0) for key, cpu in self.cpu.items())
        run.worker_peak = max((h for k, h in self.hwm.items() if not self.reader[k]), default=0)
        run.reader_peak = max((h for k, h in self.hwm.items() if self.reader[k]), default=0)


def monitor(include_self: bool) -> Monitor | None:
    try:
        return Monitor(include_self).start()
    except ImportError:
        return None


def maxrss_bytes(who: int) -> int:
    return resource.getrusage(who).ru_maxrss * 1024  # kilobytes on Linux


def batch_run(folders, root: Path, name: str, jobs: int, data_docs: bool, chunk_size: int | None,
              executor: str = "local", scheduler: str | None = None, curated: str | None = None) -> Run:
    """One run publishing into root/curated-<name>, or into `curated` (a bucket URL)."""
    staged, curated = root / f"staged-{name}", curated or root / f"curated-{name}"
    start = time.perf_counter()
    results = run_releases(RunOptions(raw_root=Path(folders[0]).parent, staged_root=staged, curated_root=curated,
                                      data_docs=data_docs, executor=executor, jobs=jobs, scheduler=scheduler,
                                      chunk_size=chunk_size))
    seconds = time.perf_counter() - start
    failures = [r for r in results if not r.ok]
    for r in failures[:3]:
        print(f"  failed: {r.release_id}: exit {int(r.exit_code)}: {r.error.message if r.error else ''}")
    size = chunk_size or chunk_size_for(len(folders), jobs, data_docs)
    return Run(seconds, len(results), len(failures), sum(r.skipped for r in results), size)


def local_run_in_fresh_process(version: str, folders, root: Path, name: str, jobs: int,
                               data_docs: bool, chunk_size: int | None, curated: str | None = None) -> Run:
    """The run in a process of its own (spawned), so its ru_maxrss figures are its own."""
    pin_code_version(version)
    run = batch_run(folders, root, name, jobs, data_docs, chunk_size, curated=curated)
    run.self_rss = maxrss_bytes(resource.RUSAGE_SELF)
    run.children_rss = maxrss_bytes(resource.RUSAGE_CHILDREN)
    run.cpu_seconds = sum(t.ru_utime + t.ru_stime for t in map(resource.getrusage,
                                                               (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)))
    return run


def local_run(*args) -> Run:
    with ProcessPoolExecutor(max_workers=1, mp_context=get_context("spawn")) as pool:
        pool.submit(int).result()  # the fresh process is there (and idle) before the run
        sampler = monitor(include_self=False)
        run = pool.submit(local_run_in_fresh_process, *args).result()
    if sampler is not None:
        sampler.stop(run)
    return run


def cpu_times() -> float:
    """CPU seconds of this process and its waited-for children; run in each Dask worker."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def vmhwm() -> int:
    """Peak RSS of this process (Linux), bytes; run in each Dask worker with Client.run."""
    with open("/proc/self/status", encoding="ascii") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM:"))


# pipeline/extract/budget.py's child, reporting its own VmHWM on stderr once it has read the PDF
_READER = ("import sys; from pipeline.extract import budget; budget._child(); "
           "print(budget._vm_kib('VmHWM'), file=sys.stderr)")


def pdf_reader_peaks() -> dict[str, int]:
    """Peak RSS (bytes) of the PDF reader child process on each sample PDF, as
    pipeline.extract.budget.read_pdf_in_budget starts it (same input, default settings)."""
    from pipeline.core.settings import Settings

    settings, peaks = Settings(), {}
    for name in PDFS:
        payload = pickle.dumps(((SAMPLE / name).read_bytes(), name, None, settings.max_pages,
                                settings.max_document_memory))
        child = subprocess.run([sys.executable, "-c", _READER], input=payload, capture_output=True,
                               check=True)
        if pickle.loads(child.stdout)[0] != "ok":
            raise SystemExit(f"the PDF reader failed on {name}")
        peaks[name] = int(child.stderr.split()[-1]) * 1024
    return peaks


def dask_cluster(workers: int, profile: bool = True):
    try:
        import dask
        import distributed
    except ImportError:
        raise SystemExit("--executor dask needs dask.distributed: pip install 'annex-pipeline[dask]'") from None
    if not profile:  # the nannies pass the config on to the worker processes
        dask.config.set({"distributed.worker.profile.enabled": False})
    # as pipeline/executors/dask.py starts one without --scheduler
    cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.ERROR)
    return cluster, distributed.Client(cluster)


class CuratedStore:
    """Where each run publishes: root/curated-<run> (--curated-store local), or a bucket on a
    fresh moto S3 server per job count (s3), whose CPU and memory are measured apart."""

    def __init__(self, kind: str):
        self.kind, self.server, self.cpu_mark = kind, None, 0.0

    def __enter__(self) -> "CuratedStore":
        return self

    def __exit__(self, *exc) -> None:
        if self.server is not None:
            self.server.stop()

    def fresh(self) -> None:
        """Before a job count's run (and its Dask cluster, which inherits the endpoint)."""
        if self.kind == "s3":
            self.__exit__()
            self.server = MotoServer()
            APART.add(self.server.process.pid)

    def url(self, name: str) -> str | None:
        """The run's curated root in the bucket; None: the local default."""
        return self.server.url(f"curated-{name}") if self.server else None

    def mark(self) -> None:
        self.cpu_mark = self.server.cpu_seconds() if self.server else 0.0

    def usage(self, releases: int) -> str:
        """The server's CPU since mark() and its peak RSS so far, as a line to print ('' if local)."""
        if self.server is None:
            return ""
        cpu = self.server.cpu_seconds() - self.cpu_mark
        return (f"  S3 server (moto, a process apart, {self.server.url('')}): {cpu:.1f} CPU s, "
                f"{cpu / releases:.3f} per release; peak RSS {self.server.peak_rss() / MB:.0f} MB")


def print_if(line: str) -> None:
    if line:
        print(line)


def mb(size: int) -> str:
    return f"{size / MB:.0f}" if size else "-"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--releases", type=int, default=1000, help="releases in the generated batch")
    parser.add_argument("--jobs", default="1,2,N", help="job (worker) counts to time, N = CPU count")
    parser.add_argument("--executor", choices=("local", "dask"), default="local",
                        help="local: this process / a process pool; dask: a LocalCluster started here")
    parser.add_argument("--chunk-size", type=int, default=None,
                        help="releases per chunk (one validation run per table); default: the run's choice")
    parser.add_argument("--mix", choices=MIXES, default="text",
                        help="text dumps, PDFs, or half of each (every other release)")
    parser.add_argument("--pdf", action="store_true",
                        help="text releases keep the sample's PDFs in their folders too (unnamed)")
    parser.add_argument("--data-docs", action="store_true", help="build Data Docs for every release")
    parser.add_argument("--curated-store", choices=("local", "s3"), default="local",
                        help="s3: each run publishes to a bucket on moto's S3 server (raw/ stays local)")
    parser.add_argument("--no-worker-profile", action="store_true",
                        help="dask: turn off the workers' statistical profiler (distributed.worker.profile)")
    args = parser.parse_args()
    if args.releases < 1 or (args.chunk_size is not None and args.chunk_size < 1):
        parser.error("--releases and --chunk-size must be at least 1")
    jobs = job_counts(args.jobs)
    version = code_version()
    pin_code_version(version)

    with tempfile.TemporaryDirectory(prefix="annex-bench-") as tmp, CuratedStore(args.curated_store) as store:
        root = Path(tmp).resolve()  # Dask workers are given absolute paths
        start = time.perf_counter()
        folders = discover_releases(generate_batch(root, args.releases, args.mix, args.pdf))
        pdfs = sum(is_pdf_release(i, args.mix) for i in range(args.releases))
        print(f"generated {len(folders)} releases ({len(folders) - pdfs} text, {pdfs} PDF) in "
              f"{time.perf_counter() - start:.1f} s; {os.cpu_count()} CPUs, load average {load()}; "
              f"executor {args.executor}, Data Docs {'on' if args.data_docs else 'off'}, "
              f"chunk size {args.chunk_size or 'auto'}, curated/ {args.curated_store}"
              + (", worker profiler off" if args.executor == "dask" and args.no_worker_profile else ""))
        runs: dict[int, Run] = {}
        if args.executor == "local":
            print(f"{'jobs':>5} {'chunk':>6} {'seconds':>9} {'releases/min':>13} {'x':>5} {'failed':>7} "
                  f"{'CPU s/release':>14} {'idle bound':>11} {'worker MB':>10} {'reader MB':>10} "
                  f"{'ru_maxrss self MB':>18} {'children MB':>12}")
            for count in jobs:
                store.fresh()
                store.mark()
                run = runs[count] = local_run(version, folders, root, f"j{count}", count, args.data_docs,
                                              args.chunk_size, store.url(f"j{count}"))
                print(f"{count:>5} {run.chunk_size:>6} {run.seconds:>9.1f} {run.rate:>13.0f} "
                      f"{run.rate / runs[jobs[0]].rate:>5.2f} {run.failed:>7} {run.cpu_per_release:>14.3f} "
                      f"{run.idle_bound(count):>11.0f} {mb(run.worker_peak):>10} {mb(run.reader_peak):>10} "
                      f"{run.self_rss / MB:>18.0f} {run.children_rss / MB:>12.0f}")
                print_if(store.usage(run.releases))
            store.mark()
            noop = batch_run(folders, root, f"j{jobs[-1]}", jobs[-1], args.data_docs, args.chunk_size,
                             curated=store.url(f"j{jobs[-1]}"))
        else:
            print(f"{'workers':>7} {'chunk':>6} {'seconds':>9} {'releases/min':>13} {'x':>5} {'failed':>7} "
                  f"{'CPU s/release':>14} {'idle bound':>11} {'reader MB':>10} {'cluster start s':>16}  "
                  "peak RSS (VmHWM) per worker MB")
            for count in jobs:
                store.fresh()
                began = time.perf_counter()
                cluster, client = dask_cluster(count, profile=not args.no_worker_profile)
                try:
                    client.wait_for_workers(count)
                    cluster_seconds = time.perf_counter() - began
                    cpu_before = client.run(cpu_times)
                    sampler = monitor(include_self=True)
                    store.mark()
                    run = runs[count] = batch_run(folders, root, f"w{count}", count, args.data_docs,
                                                  args.chunk_size, "dask", cluster.scheduler_address,
                                                  store.url(f"w{count}"))
                    server_usage = store.usage(run.releases)
                    run.cluster_seconds = cluster_seconds
                    run.workers = client.run(vmhwm)
                    run.cpu_seconds = sum(client.run(cpu_times).values()) - sum(cpu_before.values())
                    if sampler is not None:
                        sampler.stop(run)
                    if count == jobs[-1]:  # a failed release would be redone: keep the cluster
                        store.mark()
                        noop = batch_run(folders, root, f"w{count}", count, args.data_docs,
                                         args.chunk_size, "dask", cluster.scheduler_address, store.url(f"w{count}"))
                finally:
                    client.close()
                    cluster.close()
                peaks = ", ".join(f"{hwm / MB:.0f}" for hwm in run.workers.values())
                print(f"{count:>7} {run.chunk_size:>6} {run.seconds:>9.1f} {run.rate:>13.0f} "
                      f"{run.rate / runs[jobs[0]].rate:>5.2f} {run.failed:>7} {run.cpu_per_release:>14.3f} "
                      f"{run.idle_bound(count):>11.0f} {mb(run.reader_peak):>10} {run.cluster_seconds:>16.1f}  {peaks}")
                print_if(server_usage)
        print(f"no-op re-run ({jobs[-1]} {'jobs' if args.executor == 'local' else 'workers'}): "
              f"{noop.seconds:.2f} s, {noop.skipped} of {noop.releases} skipped "
              f"({noop.seconds / noop.releases * 1000:.1f} ms per release)"
              + (f", on {store.url(('j' if args.executor == 'local' else 'w') + str(jobs[-1]))}" if store.server else ""))
        print_if(store.usage(noop.releases))
        print(f"load average after: {load()}")
        readers = pdf_reader_peaks() if args.mix != "text" else {}
        if readers:
            print("PDF reader child on one document (a fresh one), peak RSS (VmHWM): " + ", ".join(
                f"{name} {peak / MB:.0f} MB" for name, peak in readers.items()))
        goal_line(args, runs, max([r.reader_peak for r in runs.values()] + list(readers.values())))


def goal_line(args, runs: dict[int, Run], reader_peak: int = 0) -> None:
    best_jobs, best = max(((c, r) for c, r in runs.items() if c <= 2), key=lambda cr: cr[1].rate,
                          default=max(runs.items(), key=lambda cr: cr[1].rate))
    where = f"{os.cpu_count()} CPUs" + ("" if os.cpu_count() == 2 else ", not the goal's 2 cores")
    if args.mix == "text" and not args.data_docs:
        unit = ("job" if args.executor == "local" else "worker") + ("s" if best_jobs > 1 else "")
        rate = (f"{best.rate:.0f} releases/min with {best_jobs} {unit} "
                f"({where}): {'met' if best.rate >= GOAL_RATE else 'not met'}")
    else:
        rate = (f"not measured here (needs --mix text without --data-docs); {best.rate:.0f} releases/min "
                f"with {best_jobs} ({args.mix}, Data Docs {'on' if args.data_docs else 'off'})")
    if 2 in runs:
        rate += (f" (idle bound with 2 workers: {runs[2].idle_bound(2):.0f} releases/min at "
                 f"{runs[2].cpu_per_release:.3f} CPU s per release)")
    peak = max(r.peak_per_worker(c) for c, r in runs.items())
    memory = f"{peak / MB:.0f} MB: {'met' if peak <= GOAL_MEMORY else 'not met'}"
    if reader_peak:
        memory += (f" (plus a PDF reader child of up to {reader_peak / MB:.0f} MB while a worker reads "
                   f"a PDF: {(peak + reader_peak) / MB:.0f} MB together)")
    print(f"goal {GOAL_RATE:,} releases/min on 2 cores (text releases, no Data Docs): {rate}")
    print(f"goal peak RSS per worker <= {GOAL_MEMORY / MB:.0f} MB: {memory}")


if __name__ == "__main__":
    main()
