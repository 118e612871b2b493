"""`annex run`: process releases from raw/ to curated/."""

from __future__ import annotations

import argparse
import json
import sys
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from rich.console import Console

from pipeline.cli.options import AUTO, add_location_options, add_lock_option, auto_jobs, jobs_option
from pipeline.cli.progress import JsonReporter, PlainReporter, RichReporter
from pipeline.core.errors import AnnexError, ExitCode, ManifestError, machine_error
from pipeline.core import storage
from pipeline.core.processes import exit_code_for
from pipeline.core.storage import Location, is_url
from pipeline.lock import curated_lock

# pipeline.executors.EXECUTORS, written out: importing it (and the flow) costs 1.0 s (measured),
# which `annex --help` would pay; tests/cli/test_cli_progress.py checks the two agree.
EXECUTORS = ("local", "dask")
LOG_FORMATS = ("text", "json")

EXAMPLE = """examples:
  annex run                                   # every release under raw/
  annex run --release 2015-16-q2              # one release
  annex run --dry-run                         # what a run would do (as `annex status`), doing nothing
  annex run --jobs 4                          # four releases at a time, in parallel processes
  annex run --jobs auto                       # the default: one process for a small batch
  annex run --force --release 2015-16-q2      # redo a release even if nothing changed
  annex run --jobs 2 --no-data-docs           # a scheduled batch: no HTML validation pages
  annex run --release 2015-16-q2 --accept-shrink   # publish it although it has far fewer rows
  annex run --wait-lock                       # wait for a run already working on curated/
  annex run --wait-lock 600                   # wait at most 10 minutes, then exit 75
  annex run --params my-params.yaml --debug   # other settings; tracebacks for errors
  annex run --staged /tmp/staged              # staged tables elsewhere
  annex run --raw /data/raw --curated /data/curated --params params.yaml
  annex run --raw s3://annexes/raw --curated s3://annexes/curated   # in a bucket (extra s3)
  annex run --executor dask --jobs 8          # a Dask LocalCluster of 8 workers on this machine
  annex run --executor dask --scheduler tcp://10.0.0.5:8786   # an existing Dask cluster (shared disk)
  annex run --executor dask --scheduler tcp://10.0.0.5:8786 --scheduler-timeout 5 --no-worker-timeout 120
  annex run --jobs 4 --chunk-size 10 --no-data-docs   # validate ten releases together per chunk
  annex run --log-format json 2> run.jsonl    # one JSON object per event, for log collectors
"""


def register(subparsers, formatter_class) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "run", help="extract, normalise, validate and publish releases",
        description="Process every release under --raw (or those named with --release): extract "
        "the annex tables, normalise them, validate them and publish curated Parquet. A release that "
        "fails is not published; the others still are. A release whose files, settings and annex "
        "version are unchanged since its last publish is skipped (see curated/_manifest.json). "
        "One run at a time per curated folder: a second one refuses (exit 75) unless --wait-lock. "
        "A release published in curated/ whose folder is gone from raw/ is reported (annex "
        "withdraw takes it back). Exit code: the worst of the releases' (see annex --help).",
        epilog=EXAMPLE, formatter_class=formatter_class)
    add_location_options(parser)
    parser.add_argument("--release", action="append", metavar="ID", default=None,
                        help="process only this release (repeatable)")
    parser.add_argument("--jobs", "-j", type=jobs_option, default=AUTO, metavar="N",
                        help="process N releases at a time in parallel processes (with --executor "
                        "dask: the workers of the LocalCluster started for the run); default auto: "
                        "1 below annex.auto_jobs_min_releases (100) releases, else one per that many "
                        "releases, at most one per CPU")
    parser.add_argument("--executor", choices=EXECUTORS, default="local",
                        help="where releases run: local (this process, or --jobs worker processes) "
                        "or dask (a Dask LocalCluster of --jobs workers, or the cluster at --scheduler; "
                        "needs pip install 'annex-pipeline[dask]')")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="with --executor dask: the address of a running Dask scheduler "
                        "(tcp://host:8786); its workers must see --raw and --curated at the same "
                        "absolute paths, or both are bucket URLs the workers can reach. Reached (or found not to be a Dask scheduler) within "
                        "--scheduler-timeout, before any release runs; not contacted when nothing is to run")
    parser.add_argument("--scheduler-timeout", type=_positive_float, default=10.0, metavar="SECONDS",
                        help="with --scheduler: how long to wait for the scheduler to answer as one (exit 2 after)")
    parser.add_argument("--no-worker-timeout", type=_positive_float, default=60.0, metavar="SECONDS",
                        help="with --executor dask: fail the releases not yet done once the cluster has "
                        "had no worker this long (a worker's death fails its chunk's releases at once)")
    parser.add_argument("--chunk-size", type=_positive_int, default=None, metavar="N",
                        help="releases validated together in one chunk on one worker (default: "
                        "automatic: 1 with Data Docs, else enough for two chunks per worker, at most 200)")
    parser.add_argument("--log-format", choices=LOG_FORMATS, default="text",
                        help="text: a progress bar and summaries on a terminal, timestamped lines "
                        "otherwise; json: one JSON object per line per event on stderr and nothing else "
                        "(events run_started, release_started, release_published, release_skipped, "
                        "release_refused, release_gone_from_raw (published, no longer under --raw), run_finished, "
                        "or run_failed when the run cannot start)")
    parser.add_argument("--force", action="store_true",
                        help="redo releases even when unchanged since their last publish")
    parser.add_argument("--dry-run", action="store_true",
                        help="print the run's plan (what `annex status` prints: per release new, changed, "
                        "unchanged, refused, or published but gone from raw/, and what the run would do) "
                        "and exit 0 without running, locking or writing anything; one JSON document "
                        "with --log-format json")
    parser.add_argument("--accept-shrink", action="store_true",
                        help="publish releases even when a table has fewer rows than its published "
                        "version by more than annex.max_row_drop (default 0.5) allows: the shrink is real")
    add_lock_option(parser)
    parser.add_argument("--no-data-docs", action="store_true",
                        help="skip the Great Expectations Data Docs pages (most of a release's "
                        "validation time; the verdict and curated data are the same)")
    parser.set_defaults(func=run_command, run_parser=parser)
    return parser


def locked(args: argparse.Namespace, console=None, on_wait=None):
    """The curated/ lock for this command (pipeline/lock.py), saying so when it waits (through
    `on_wait(path)` when given, else on `console` or stderr)."""
    def waiting(path: Path) -> None:
        if on_wait is not None:
            on_wait(path)
            return
        message = f"waiting for another annex run to finish (it holds {path})..."
        if console is not None:
            console.print(message, markup=False)
        else:
            print(message, file=sys.stderr, flush=True)

    return _recovering(curated_lock(args.curated, wait=args.wait_lock, on_wait=waiting), args.curated)


@contextmanager
def _recovering(lock, curated_root: Path):
    """The lock, then a withdrawal a kill interrupted finished or undone (pipeline/withdraw.py)."""
    # imported here: 0.14 s measured, `annex --help` (0.22 s) need not pay it
    from pipeline.withdraw import recover

    with lock as path:
        recover(curated_root)
        yield path


def run_options(args: argparse.Namespace, settings):
    """The command line as the run's one settings object (pipeline.plan.RunOptions)."""
    # imported here: 0.49 s measured (pydantic, yaml, pyarrow), `annex --help` (0.22 s) need not pay it
    from pipeline.plan import RunOptions  # see run_command

    return RunOptions(
        raw_root=args.raw, staged_root=args.staged, curated_root=args.curated,
        release_ids=tuple(args.release or ()), settings=settings, force=args.force,
        accept_shrink=args.accept_shrink, data_docs=not args.no_data_docs, executor=args.executor,
        jobs=args.jobs, chunk_size=args.chunk_size, scheduler=args.scheduler,
        scheduler_timeout=args.scheduler_timeout, no_worker_timeout=args.no_worker_timeout)


def run_command(args: argparse.Namespace) -> int:
    # The library (flow, readers, pyarrow, pydantic) is imported when a run starts, not with the
    # parser: 1.0 s measured, which `annex --help` and `annex dates` need not pay.
    from pipeline import runner
    from pipeline.core.settings import load_settings
    from pipeline.executors.dask import check_address
    from pipeline.plan import build_plan

    if args.scheduler is not None and args.executor != "dask":
        args.run_parser.error("--scheduler needs --executor dask")  # exit 2 with the usage
    console = Console(stderr=True, highlight=False)
    sized_by_plan = args.jobs == AUTO
    if sized_by_plan:
        args.jobs = 1  # sized below, once the plan knows how many releases are to run
    reporter = reporter_for(args, console)
    try:
        if args.scheduler is not None:
            args.scheduler = check_address(args.scheduler)  # exit 2 naming it, before anything else
        settings = load_settings(args.params)
        require_raw(args.raw)  # before the lock: a wrong folder leaves no curated/ behind
        options = run_options(args, settings)
        if args.dry_run:
            return print_plan(build_plan(options), args.log_format)
        with locked(args, on_wait=reporter.waiting):
            plan = build_plan(options, for_run=True)  # discarded by runner.run
            if sized_by_plan:
                reporter.jobs = auto_jobs(len(plan.to_run), settings.auto_jobs_min_releases)
                plan = replace(plan, options=replace(plan.options, jobs=reporter.jobs))
                options = plan.options
            reporter.start(len(plan.entries))
            results = runner.run(options, on_release=reporter.release_done,
                                 on_start=reporter.release_started, plan=plan)
    except (Exception, KeyboardInterrupt) as error:
        reporter.close()  # the bar or spinner off the screen before the error is shown
        if args.log_format != "json":
            raise  # pipeline.cli.main prints it and picks the exit code, as for every command
        message, fix, code = failure_of(error)
        reporter.failed(message, code, fix)
        if args.debug:
            raise
        return code
    finally:
        reporter.close()
    return reporter.finish(results, plan.gone)


def print_plan(plan, output_format: str = "text", stream=None) -> int:
    """The plan on stdout, as text lines or one JSON document; exit code 0 (nothing was run)."""
    stream = stream or sys.stdout
    if output_format == "json":
        stream.write(json.dumps(plan.as_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    else:
        stream.write("\n".join(plan.as_text()) + "\n")
    return 0


def require_raw(raw_root: Location) -> None:
    if is_url(raw_root):
        storage.check(raw_root)  # a missing bucket or no credentials, named, before the lock
        return
    if not Path(raw_root).is_dir():
        raise ManifestError(str(raw_root), "no releases found (no such folder)",
                            fix="put each release in raw/<release-id>/ with a release.yaml; run annex "
                            "from the project folder (or below it), or name the folder with --raw or "
                            "$ANNEX_RAW")


def reporter_for(args: argparse.Namespace, console):
    """JSON lines with --log-format json; else a bar (or spinner) on a terminal, plain
    timestamped lines when stderr is a file or a pipe."""
    if args.log_format == "json":
        return JsonReporter(executor=args.executor, jobs=args.jobs, debug=args.debug)
    if console.is_terminal:
        return RichReporter(console, debug=args.debug)
    return PlainReporter(console, debug=args.debug, executor=args.executor, jobs=args.jobs)


def failure_of(error: BaseException) -> tuple[str, str | None, int]:
    """A run that stopped as a whole (bad --raw, lock held, Dask unreachable, a bug): its message,
    fix and exit code, as pipeline.cli.main would report them."""
    if isinstance(error, AnnexError):
        return error.message, error.fix, exit_code_for(error)
    if isinstance(error, OSError):
        machine = machine_error(error)
        return machine.message, machine.fix, exit_code_for(error)
    if isinstance(error, KeyboardInterrupt):  # Ctrl-C 130, SIGTERM 143 (pipeline.core.errors.Terminated)
        code = exit_code_for(error)
        return ("terminated" if code == ExitCode.TERMINATED else "interrupted"), None, code
    return (f"internal error: {type(error).__name__}: {error}", "rerun with --debug for the traceback",
            exit_code_for(error))


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _positive_float(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, got {text}")
    return value
