"""Releases per minute of `annex run` over a generated batch, with 1, 2 and N workers, the peak
memory of each run, and the time of a no-op re-run (every release unchanged, so skipped).

    python benchmarks/bench_batch.py [--releases 1000] [--jobs 1,2,N] [--executor local|dask]
                                     [--chunk-size N] [--mix text|pdf|half] [--pdf] [--data-docs]
                                     [--pdf-source pdfminer,pdfium] [--budget-rounds 10]
                                     [--curated-store local|s3]

    python benchmarks/bench_batch.py --releases 200 --jobs 1,2
    python benchmarks/bench_batch.py --mix pdf --releases 300 --jobs 1,2
    python benchmarks/bench_batch.py --executor dask --releases 10000 --mix half --pdf-source pdfium
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
Dask's worker profiler (distributed.worker.profile, on in Dask by default) keeps a profile of
every second of work, up to distributed.admin.low-level-log-length (1,000) of them: with this
flow's deep stacks a worker's memory grows by ~0.7 MB per second of work until then. The
LocalCluster of `annex run --executor dask` turns it off, and so do the benchmark's clusters;
--worker-profile turns it on in them, to see the memory with it.
With PDF releases the reader's peak on one document is also measured apart: a fresh reader
child (budget._child) on each of the two sample PDFs.

PDF sources. --pdf-source sets annex.pdf_source for the runs; several, comma-separated, give a
set of runs each. Default: both sources with --mix pdf, else the settings' default.

The budget worker's cost (with PDF releases, per source). Each sample PDF is read --budget-rounds
times in this process (pipeline.extract.documents.read_tables_here: what the worker runs for it)
and as many times through budget.read_tables, alternately; then a new worker's first PDF, three
times. Printed: a PDF's reading as the worker times it (budget.reader_stats: its reader's CPU
on the document) and in this process (wall median, mean CPU); the round trip beside the reading:
this process's CPU during it plus the worker's (its own CPU total, which it sends with each answer)
minus the worker's reading, all measured by the process that spent it; for comparison, the old
figure, the round trip minus the reading in this process (two processes' readings of ~50 ms, each
moved by the load by several ms, so their difference is mostly noise: +8.4 ms once, +1.0 another
time); the worker's start-up (a new worker's first PDF: this process's CPU and the worker's whole
CPU, minus its reading), once, and spread over the PDFs one worker reads in the
run (as many as the largest job count gives each worker, at most budget._MAX_DOCUMENTS, after
which it is renewed). The goal line (< 5% of the worker's reading) is judged on CPU, which the
machine's load moves far less than wall-clock. Every read is a real one: nothing is cached.

--curated-store s3: curated/ in a bucket on moto's S3 server (benchmarks/s3_server.py), raw/
staying local. A fresh server per job count, in a process of its own started before the run (and
before its Dask cluster, whose workers inherit AWS_ENDPOINT_URL_S3), one bucket, the run
publishing to s3://bench/curated-<run>. The server's CPU seconds and peak RSS (VmHWM: it holds
the objects in memory) are not in the run's figures: printed apart, on a line after the run's,
and the server's CPU during the no-op re-run, which reads the last run's bucket.

The code version (part of each release's fingerprint) is taken once, when the benchmark starts,
and used by every run: in a checkout being edited while the benchmark runs, a changed pipeline/
source would otherwise turn the no-op re-run into a full one.

The goal lines: 1,000 releases/min on 2 cores without Data Docs for text releases (--mix text)
and for PDF releases (--mix pdf, per source); peak memory per worker <= 500 MB. On a machine shared with other work the figures are noisy: the load average
is printed before and after.
"""

from __future__ import annotations

import argparse
import gc
import json
import logging
import os
import resource
import pickle
import shutil
import statistics
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
from pipeline.core.model import Document, DocumentKind
from pipeline.core.release import discover_releases
from pipeline.core.settings import Settings
from pipeline.extract import budget, documents
from pipeline.executors import chunk_size_for
from pipeline.extract.pdf_tables import PDF_SOURCES
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
                if not self.reader.get(key):  # the budget's worker names itself once started
                    self.reader[key] = process.name() == budget.WORKER_NAME
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
              executor: str = "local", scheduler: str | None = None, settings: Settings = Settings(),
              curated: str | None = None) -> Run:
    """One run publishing into root/curated-<name>, or into `curated` (a bucket URL)."""
    staged, curated = root / f"staged-{name}", curated or root / f"curated-{name}"
    start = time.perf_counter()
    results = run_releases(RunOptions(raw_root=Path(folders[0]).parent, staged_root=staged, curated_root=curated,
                                      data_docs=data_docs, executor=executor, jobs=jobs, scheduler=scheduler,
                                      chunk_size=chunk_size, settings=settings))
    seconds = time.perf_counter() - start
    failures = [r for r in results if not r.ok]
    for r in failures[:3]:
        print(f"  failed: {r.release_id}: exit {int(r.exit_code)}: {r.error.message if r.error else ''}")
    size = chunk_size or chunk_size_for(len(folders), jobs, data_docs)
    return Run(seconds, len(results), len(failures), sum(r.skipped for r in results), size)


def local_run_in_fresh_process(version: str, folders, root: Path, name: str, jobs: int,
                               data_docs: bool, chunk_size: int | None, settings: Settings,
                               curated: str | None = None) -> Run:
    """The run in a process of its own (spawned), so its ru_maxrss figures are its own."""
    pin_code_version(version)
    run = batch_run(folders, root, name, jobs, data_docs, chunk_size, settings=settings, curated=curated)
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


def pdf_reader_peaks(source: str) -> dict[str, int]:
    """Peak RSS (bytes) of the PDF reader child process on each sample PDF, as
    pipeline.extract.budget.read_pdf_in_budget starts it (same input, default settings but the
    PDF source)."""
    settings, peaks = Settings(pdf_source=source), {}
    for name in PDFS:
        payload = pickle.dumps(((SAMPLE / name).read_bytes(), name, None, settings.max_pages,
                                settings.max_document_memory, source))
        child = subprocess.run([sys.executable, "-c", _READER], input=payload, capture_output=True,
                               check=True)
        if pickle.loads(child.stdout)[0] != "ok":
            raise SystemExit(f"the PDF reader failed on {name}")
        peaks[name] = int(child.stderr.split()[-1]) * 1024
    return peaks


@dataclass
class BudgetCost:
    """What reading the sample PDFs through the budget's worker (pipeline/extract/budget.py) costs
    beyond reading them, in milliseconds per PDF."""

    source: str
    read_wall: float  # a PDF read in this process (documents.read_tables_here: what the worker runs)
    read_cpu: float
    trip_wall: float  # the same PDF through budget.read_tables, the worker warm
    trip_cpu: float  # CPU of this process and of the worker over the round trip
    worker_read_cpu: float  # the reading within that round trip, as the worker timed it
    # CPU figures are means, wall ones medians
    startup_wall: float  # a new worker's first PDF, beyond read_wall
    startup_cpu: float  # its CPU (this process's and the new worker's) beyond the worker's reading

    @property
    def trip_extra_cpu(self) -> float:
        """The round trip beside the reading, both timed by the same worker: not moved by how
        fast this process happens to read (which the load moves by several ms a PDF)."""
        return self.trip_cpu - self.worker_read_cpu

    def share(self, extra: float, of: float) -> str:
        return f"{extra:.1f} ms ({100 * extra / of:.1f}% of a PDF's reading)"


def budget_cost(source: str, rounds: int) -> BudgetCost:
    """Each sample PDF read `rounds` times in this process and as many through the budget's worker,
    alternately (so a change of the machine's load touches both alike); then a new worker's first
    PDF. Every read is a real one: nothing is cached between them. The worker times its reading
    and its own CPU (budget.reader_stats), so its share of a round trip is measured within it."""
    settings = Settings(pdf_source=source)
    pdfs = [Document(name=name, data=(SAMPLE / name).read_bytes(), kind=DocumentKind.PDF, path=name)
            for name in PDFS]
    # wall: medians; CPU: totals over the rounds
    here_wall, trip_wall, here_cpu, parent_cpu, worker_read = [], [], 0.0, 0.0, 0
    budget.read_tables(pdfs[0], None, settings)  # the worker started and warm
    documents.read_tables_here(pdfs[0], None, settings)  # and this process's readers
    # this process's objects frozen as the worker's are (budget._start_worker): else its
    # collections, over far more objects than the worker holds, would count as reading
    gc.collect()
    gc.freeze()
    worker_start = budget.reader_stats()["cpu_ns"]
    for _ in range(rounds):
        for pdf in pdfs:
            wall, cpu = time.perf_counter(), time.process_time()
            documents.read_tables_here(pdf, None, settings)
            here_wall.append(time.perf_counter() - wall)
            here_cpu += time.process_time() - cpu
            wall, cpu = time.perf_counter(), time.process_time()
            budget.read_tables(pdf, None, settings)
            trip_wall.append(time.perf_counter() - wall)
            parent_cpu += time.process_time() - cpu
            worker_read += budget.reader_stats()["read_ns"]
    # the worker is idle between round trips: its CPU over them is the difference of its totals
    worker_cpu = (budget.reader_stats()["cpu_ns"] - worker_start) / 1e9
    start_wall, start_cpu = [], []
    for _ in range(3):
        budget.close_reader()
        wall, cpu = time.perf_counter(), time.process_time()
        budget.read_tables(pdfs[0], None, settings)
        start_wall.append(time.perf_counter() - wall)
        stats = budget.reader_stats()  # a new worker: its CPU since it started is all of its life
        start_cpu.append(time.process_time() - cpu + (stats["cpu_ns"] - stats["read_ns"]) / 1e9)
    budget.close_reader()
    gc.unfreeze()
    reads = rounds * len(pdfs)
    read_wall, read_cpu = 1000 * statistics.median(here_wall), 1000 * here_cpu / reads
    return BudgetCost(source, read_wall, read_cpu, 1000 * statistics.median(trip_wall),
                      1000 * (parent_cpu + worker_cpu) / reads, worker_read / 1e6 / reads,
                      1000 * statistics.median(start_wall) - read_wall, 1000 * statistics.median(start_cpu))


def budget_cost_in_child(source: str, rounds: int) -> BudgetCost:
    """budget_cost in a `python -c` process: a worker spawned from there imports only what
    pipeline.extract.budget needs, as under `annex run` (whose main module, the `annex` script,
    imports 0.04 s); spawned from this script it would import this script again first (as
    multiprocessing does a parent's main module), and with it the whole run's modules."""
    code = (f"import dataclasses, json, sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r}); "
            f"import bench_batch; print(json.dumps(dataclasses.asdict(bench_batch.budget_cost({source!r}, {rounds}))))")
    child = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return BudgetCost(**json.loads(child.stdout.splitlines()[-1]))


def print_budget_cost(cost: BudgetCost, documents_per_worker: int) -> None:
    """The budget's cost per PDF: its round trip beside the reading, and a worker's start-up spread
    over the PDFs it reads (as many as a worker of the run read, at most budget._MAX_DOCUMENTS
    before it is renewed); judged against the worker's own reading."""
    life = max(1, min(documents_per_worker, budget._MAX_DOCUMENTS))
    read = cost.worker_read_cpu
    per_pdf = [cost.trip_wall - cost.read_wall + cost.startup_wall / life,
               cost.trip_extra_cpu + cost.startup_cpu / life]
    print(f"budget worker, {cost.source}: a sample PDF read in the worker {read:.1f} ms CPU (in this "
          f"process {cost.read_cpu:.1f} ms CPU, {cost.read_wall:.1f} ms wall); the round trip beside "
          f"the reading +{cost.share(cost.trip_extra_cpu, read)} CPU, both timed by the worker "
          f"(through it minus in this process: {cost.trip_cpu - cost.read_cpu:+.1f} ms CPU, "
          f"{cost.trip_wall - cost.read_wall:+.1f} ms wall, readings in two processes); start-up "
          f"{cost.startup_wall:.0f} ms wall, {cost.startup_cpu:.0f} ms CPU once per worker, "
          f"{cost.startup_wall / life:.1f} / {cost.startup_cpu / life:.1f} ms per PDF over {life} PDFs")
    goal = 100 * per_pdf[1] / read
    print(f"goal budget worker < 5% of a PDF's reading ({cost.source}): {per_pdf[0]:.1f} ms wall "
          f"({100 * per_pdf[0] / cost.read_wall:.1f}%), {per_pdf[1]:.1f} ms CPU ({goal:.1f}%) per PDF: "
          f"{'met' if goal < 5 else 'not met'} (judged on CPU: wall moves with the machine's load)")


def dask_cluster(workers: int, profile: bool = False):
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
    parser.add_argument("--pdf-source", default=None,
                        help=f"annex.pdf_source of the runs, comma-separated for one set of runs each "
                        f"({', '.join(PDF_SOURCES)}); default: each with --mix pdf, else the settings' default")
    parser.add_argument("--budget-rounds", type=int, default=10,
                        help="with PDF releases: reads of each sample PDF to time the budget worker's cost")
    parser.add_argument("--data-docs", action="store_true", help="build Data Docs for every release")
    parser.add_argument("--worker-profile", action="store_true",
                        help="dask: turn on the workers' statistical profiler (distributed.worker.profile), "
                             "which annex's own LocalCluster turns off")
    parser.add_argument("--curated-store", choices=("local", "s3"), default="local",
                        help="s3: each run publishes to a bucket on moto's S3 server (raw/ stays local)")
    args = parser.parse_args()
    if args.releases < 1 or (args.chunk_size is not None and args.chunk_size < 1):
        parser.error("--releases and --chunk-size must be at least 1")
    sources = pdf_sources(args.pdf_source, args.mix)
    if unknown := [source for source in sources if source not in PDF_SOURCES]:
        parser.error(f"--pdf-source: unknown {', '.join(unknown)}; choose among {', '.join(PDF_SOURCES)}")
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
              + (", worker profiler on" if args.executor == "dask" and args.worker_profile else ""))
        for source in sources:
            settings = Settings(pdf_source=source)
            if pdfs:
                print(f"--- PDF source {source} (annex.pdf_source)")
            runs = runs_of(args, folders, root, jobs, version, settings, store)
            print(f"load average after: {load()}")
            readers = pdf_reader_peaks(source) if pdfs else {}
            if readers:
                print("PDF reader child on one document (a fresh one), peak RSS (VmHWM): " + ", ".join(
                    f"{name} {peak / MB:.0f} MB" for name, peak in readers.items()))
            if pdfs:
                print_budget_cost(budget_cost_in_child(source, args.budget_rounds),
                                  2 * pdfs // max(1, min(jobs[-1], os.cpu_count() or 1)))
            goal_line(args, runs, max([r.reader_peak for r in runs.values()] + list(readers.values())), source)


def pdf_sources(option: str | None, mix: str) -> list[str]:
    if option:
        return [part.strip() for part in option.split(",") if part.strip()]
    return list(PDF_SOURCES) if mix == "pdf" else [Settings().pdf_source]


def runs_of(args, folders, root: Path, jobs: list[int], version: str, settings: Settings,
            store: CuratedStore) -> dict[int, Run]:
    """A run per job count (each into a fresh curated/), printed as a table; then the no-op re-run."""
    runs: dict[int, Run] = {}
    tag = settings.pdf_source
    if args.executor == "local":
        print(f"{'jobs':>5} {'chunk':>6} {'seconds':>9} {'releases/min':>13} {'x':>5} {'failed':>7} "
              f"{'CPU s/release':>14} {'idle bound':>11} {'worker MB':>10} {'reader MB':>10} "
              f"{'ru_maxrss self MB':>18} {'children MB':>12}")
        for count in jobs:
            store.fresh()
            store.mark()
            run = runs[count] = local_run(version, folders, root, f"{tag}-j{count}", count, args.data_docs,
                                          args.chunk_size, settings, store.url(f"{tag}-j{count}"))
            print(f"{count:>5} {run.chunk_size:>6} {run.seconds:>9.1f} {run.rate:>13.0f} "
                  f"{run.rate / runs[jobs[0]].rate:>5.2f} {run.failed:>7} {run.cpu_per_release:>14.3f} "
                  f"{run.idle_bound(count):>11.0f} {mb(run.worker_peak):>10} {mb(run.reader_peak):>10} "
                  f"{run.self_rss / MB:>18.0f} {run.children_rss / MB:>12.0f}")
            print_if(store.usage(run.releases))
        store.mark()
        last = f"{tag}-j{jobs[-1]}"
        noop = batch_run(folders, root, last, jobs[-1], args.data_docs, args.chunk_size,
                         settings=settings, curated=store.url(last))
    else:
        print(f"{'workers':>7} {'chunk':>6} {'seconds':>9} {'releases/min':>13} {'x':>5} {'failed':>7} "
              f"{'CPU s/release':>14} {'idle bound':>11} {'reader MB':>10} {'cluster start s':>16}  "
              "peak RSS (VmHWM) per worker MB")
        for count in jobs:
            store.fresh()
            last = f"{tag}-w{count}"
            began = time.perf_counter()
            cluster, client = dask_cluster(count, profile=args.worker_profile)
            try:
                client.wait_for_workers(count)
                cluster_seconds = time.perf_counter() - began
                cpu_before = client.run(cpu_times)
                sampler = monitor(include_self=True)
                store.mark()
                run = runs[count] = batch_run(folders, root, last, count, args.data_docs, args.chunk_size,
                                              "dask", cluster.scheduler_address, settings, store.url(last))
                server_usage = store.usage(run.releases)
                run.cluster_seconds = cluster_seconds
                run.workers = client.run(vmhwm)
                run.cpu_seconds = sum(client.run(cpu_times).values()) - sum(cpu_before.values())
                if sampler is not None:
                    sampler.stop(run)
                if count == jobs[-1]:  # a failed release would be redone: keep the cluster
                    store.mark()
                    noop = batch_run(folders, root, last, count, args.data_docs, args.chunk_size,
                                     "dask", cluster.scheduler_address, settings, store.url(last))
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
          + (f", on {store.url(last)}" if store.server else ""))
    print_if(store.usage(noop.releases))
    return runs


def goal_line(args, runs: dict[int, Run], reader_peak: int = 0, source: str = "") -> None:
    """The goals judged: 1,000 releases/min on 2 cores without Data Docs for text releases
    (issue 15) and for PDF ones (issue 24, --mix pdf); peak memory per worker."""
    best_jobs, best = max(((c, r) for c, r in runs.items() if c <= 2), key=lambda cr: cr[1].rate,
                          default=max(runs.items(), key=lambda cr: cr[1].rate))
    where = f"{os.cpu_count()} CPUs" + ("" if os.cpu_count() == 2 else ", not the goal's 2 cores")
    kind = {"text": "text releases", "pdf": f"PDF releases, {source}"}.get(args.mix)
    if kind and not args.data_docs:
        unit = ("job" if args.executor == "local" else "worker") + ("s" if best_jobs > 1 else "")
        rate = (f"{best.rate:.0f} releases/min with {best_jobs} {unit} "
                f"({where}): {'met' if best.rate >= GOAL_RATE else 'not met'}")
    else:
        kind = "text or PDF releases"
        rate = (f"not measured here (needs --mix text or pdf without --data-docs); {best.rate:.0f} "
                f"releases/min with {best_jobs} ({args.mix}, Data Docs {'on' if args.data_docs else 'off'})")
    if 2 in runs:
        rate += (f" (idle bound with 2 workers: {runs[2].idle_bound(2):.0f} releases/min at "
                 f"{runs[2].cpu_per_release:.3f} CPU s per release)")
    peak = max(r.peak_per_worker(c) for c, r in runs.items())
    memory = f"{peak / MB:.0f} MB: {'met' if peak <= GOAL_MEMORY else 'not met'}"
    if reader_peak:
        memory += (f" (plus a PDF reader child of up to {reader_peak / MB:.0f} MB while a worker reads "
                   f"a PDF: {(peak + reader_peak) / MB:.0f} MB together)")
    print(f"goal {GOAL_RATE:,} releases/min on 2 cores ({kind}, no Data Docs): {rate}")
    print(f"goal peak RSS per worker <= {GOAL_MEMORY / MB:.0f} MB: {memory}")


if __name__ == "__main__":
    main()
