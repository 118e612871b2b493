"""`annex run`: process releases from raw/ to curated/."""

from __future__ import annotations

import argparse
from pathlib import Path

EXECUTORS = ("local", "dask")  # pipeline.batch.EXECUTORS (not imported: `annex --help` stays fast)
LOG_FORMATS = ("text", "json")

EXAMPLE = """examples:
  annex run                                   # every release under raw/
  annex run --release 2015-16-q2              # one release
  annex run --jobs 4                          # four releases at a time, in parallel processes
  annex run --force --release 2015-16-q2      # redo a release even if nothing changed
  annex run --jobs 2 --no-data-docs           # a scheduled batch: no HTML validation pages
  annex run --release 2015-16-q2 --accept-shrink   # publish it although it has far fewer rows
  annex run --wait-lock                       # wait for a run already working on curated/
  annex run --raw /data/raw --curated /data/curated --params params.yaml
  annex run --executor dask --jobs 8          # a Dask LocalCluster of 8 workers on this machine
  annex run --executor dask --scheduler tcp://10.0.0.5:8786   # an existing Dask cluster (shared disk)
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
        "One run at a time per curated folder: a second one refuses (exit 2) unless --wait-lock. "
        "Exit code: the worst of the releases' (0 ok, 1 validation failed, 2 bad input, 70 bug, "
        "74 disk full, read-only or no permission).",
        epilog=EXAMPLE, formatter_class=formatter_class)
    add_location_options(parser)
    parser.add_argument("--release", action="append", metavar="ID", default=None,
                        help="process only this release (repeatable)")
    parser.add_argument("--jobs", "-j", type=_positive_int, default=1, metavar="N",
                        help="process N releases at a time in parallel processes (with --executor "
                        "dask: the workers of the LocalCluster started for the run)")
    parser.add_argument("--executor", choices=EXECUTORS, default="local",
                        help="where releases run: local (this process, or --jobs worker processes) "
                        "or dask (a Dask LocalCluster of --jobs workers, or the cluster at --scheduler; "
                        "needs pip install 'annex-pipeline[dask]')")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=None,
                        help="with --executor dask: the address of a running Dask scheduler "
                        "(tcp://host:8786); its workers must see --raw, --staged and --curated at the "
                        "same absolute paths")
    parser.add_argument("--chunk-size", type=_positive_int, default=None, metavar="N",
                        help="releases validated together in one chunk on one worker (default: "
                        "automatic: 1 with Data Docs, else enough for two chunks per worker, at most 200)")
    parser.add_argument("--log-format", choices=LOG_FORMATS, default="text",
                        help="text: a progress bar and summaries on a terminal, timestamped lines "
                        "otherwise; json: one JSON object per line per event on stderr and nothing else "
                        "(events run_started, release_started, release_published, release_skipped, "
                        "release_refused, run_finished, or run_failed when the run cannot start)")
    parser.add_argument("--force", action="store_true",
                        help="redo releases even when unchanged since their last publish")
    parser.add_argument("--accept-shrink", action="store_true",
                        help="publish releases even when a table has fewer rows than its published "
                        "version by more than annex.max_row_drop (default 0.5) allows: the shrink is real")
    add_lock_option(parser)
    parser.add_argument("--no-data-docs", action="store_true",
                        help="skip the Great Expectations Data Docs pages (most of a release's "
                        "validation time; the verdict and curated data are the same)")
    parser.set_defaults(func=run_command, run_parser=parser)
    return parser


def add_lock_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait-lock", action="store_true",
                        help="when another annex run (or stage publish) is working on the same "
                        "--curated folder, wait for it to finish instead of refusing with exit code 2")


def locked(args: argparse.Namespace, console=None, on_wait=None):
    """The curated/ lock for this command (pipeline/lock.py), saying so when it waits (through
    `on_wait(path)` when given, else on `console` or stderr)."""
    import sys

    from pipeline.lock import curated_lock

    def waiting(path: Path) -> None:
        if on_wait is not None:
            on_wait(path)
            return
        message = f"waiting for another annex run to finish (it holds {path})..."
        if console is not None:
            console.print(message, markup=False)
        else:
            print(message, file=sys.stderr, flush=True)

    return curated_lock(args.curated, wait=args.wait_lock, on_wait=waiting)


def add_location_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", type=Path, default=Path("raw"), help="folder of release folders")
    parser.add_argument("--staged", type=Path, default=Path("staged"), help="where staged tables go")
    parser.add_argument("--curated", type=Path, default=Path("curated"),
                        help="where curated Parquet is published")
    parser.add_argument("--params", type=Path, default=Path("params.yaml"),
                        help="settings file (section 'annex:'); defaults apply when it is absent")


def run_command(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pipeline.core.settings import load_settings
    from pipeline.runner import run

    if args.scheduler is not None and args.executor != "dask":
        args.run_parser.error("--scheduler needs --executor dask")  # exit 2 with the usage
    console = Console(stderr=True, highlight=False)
    reporter = reporter_for(args, console)
    try:
        settings = load_settings(args.params)
        with locked(args, on_wait=reporter.waiting):
            reporter.start(releases_named(args.raw, args.release))
            results = run(args.raw, args.staged, args.curated, args.release, settings,
                          on_release=reporter.release_done, jobs=args.jobs, force=args.force,
                          release_options=release_options(args), executor=args.executor,
                          scheduler=args.scheduler, chunk_size=args.chunk_size,
                          on_start=reporter.release_started)
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
    return reporter.finish(results)


def reporter_for(args: argparse.Namespace, console):
    """JSON lines with --log-format json; else a bar (or spinner) on a terminal, plain
    timestamped lines when stderr is a file or a pipe."""
    from pipeline.cli.progress import JsonReporter, PlainReporter, RichReporter

    if args.log_format == "json":
        return JsonReporter(executor=args.executor, jobs=args.jobs, debug=args.debug)
    if console.is_terminal:
        return RichReporter(console, debug=args.debug)
    return PlainReporter(console, debug=args.debug, executor=args.executor, jobs=args.jobs)


def releases_named(raw_root: Path, release_ids: list[str] | None) -> int:
    """How many releases the run will report: those named, else every release folder under raw/
    (pipeline.runner.run refuses an unknown name or an empty raw/ itself)."""
    from pipeline.core.release import discover_releases

    return len(release_ids) if release_ids else len(discover_releases(raw_root))


def failure_of(error: BaseException) -> tuple[str, str | None, int]:
    """A run that stopped as a whole (bad --raw, lock held, Dask unreachable, a bug): its message,
    fix and exit code, as pipeline.cli.main would report them."""
    from pipeline.core.errors import AnnexError, machine_error
    from pipeline.core.processes import exit_code_for

    if isinstance(error, AnnexError):
        return error.message, error.fix, exit_code_for(error)
    if isinstance(error, OSError):
        machine = machine_error(error)
        return machine.message, machine.fix, exit_code_for(error)
    if isinstance(error, KeyboardInterrupt):
        return "interrupted", None, exit_code_for(error)
    return (f"internal error: {type(error).__name__}: {error}", "rerun with --debug for the traceback",
            exit_code_for(error))


def release_options(args: argparse.Namespace) -> dict | None:
    """Keyword arguments for pipeline.runner.process_release from the command line."""
    options = {}
    if args.no_data_docs:
        options["data_docs"] = False
    if args.accept_shrink:
        options["accept_shrink"] = True
    return options or None


def run_totals(results) -> str:
    """One line for the end of a run: published, unchanged, failed."""
    from pipeline.core.display import shown

    failed = [r for r in results if not r.ok]
    skipped = sum(1 for r in results if r.ok and r.skipped)
    published = len(results) - len(failed) - skipped
    text = f"{published} of {len(results)} release(s) published"
    if skipped:
        text += f", {skipped} unchanged, skipped"
    if failed:
        text += f"; failed: {', '.join(shown(r.release_id) for r in failed)}"
    return text


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


FLAG_MEANING = {
    "date_unreadable": "date precision unknown, dates null",
    "date_missing": "no date given",
    "approximate": "count null",
    "annotated": "number read, footnote mark dropped",
    "in_words": "number read from words",
    "unreadable": "count null",
    "negative": "count null",
    "pending": "count not known yet (TBC)",
    "date_value_mismatch": "date read from the printed text; the cell's stored date differs",
    "date_value_outside_financial_year": "stored date outside the year; the printed day and month "
                                         "used in the financial year",
}


def print_release_summary(console, result) -> None:
    from pipeline.core.display import markup_safe as escape  # rich markup and control characters

    if result.error is not None:
        console.print(f"[red]✗ {escape(result.release_id)}[/red]: {escape(result.error.message)}")
        for warning in result.warnings:  # e.g. a document that looks cut off, behind a shrink
            console.print(f"    [yellow]warning[/yellow]: {escape(warning)}")
        return
    if getattr(result, "skipped", False):
        console.print(f"[dim]= {escape(result.release_id)}: unchanged, skipped[/dim]")
        return
    counts = ", ".join(f"{name} {rows}" for name, rows in result.published.items() if name != "rejects")
    rejected = result.published.get("rejects", 0)
    console.print(f"[green]✓ {escape(result.release_id)}[/green]: {counts or 'no rows'}; rejected {rejected}")
    for row in result.accounting():
        console.print(f"    {escape(row['document'])} ({escape(row['family'])}): {row['input_lines']} lines = "
                      f"{row['data_rows']} data + {row['continuation_lines']} joined + "
                      f"{row['classified_lines']} classified + {row['rejected_lines']} rejected")
    for flag, count in getattr(result, "flag_counts", {}).items():
        console.print(f"    {count} value(s) flagged {flag}: kept as printed ({FLAG_MEANING.get(flag, 'see the flags columns')})")
    for warning in result.warnings:
        console.print(f"    [yellow]warning[/yellow]: {escape(warning)}")
