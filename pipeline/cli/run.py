"""`annex run`: process releases from raw/ to curated/."""

from __future__ import annotations

import argparse
from pathlib import Path

EXAMPLE = """examples:
  annex run                                   # every release under raw/
  annex run --release 2015-16-q2              # one release
  annex run --jobs 4                          # four releases at a time, in parallel processes
  annex run --force --release 2015-16-q2      # redo a release even if nothing changed
  annex run --jobs 2 --no-data-docs           # a scheduled batch: no HTML validation pages
  annex run --release 2015-16-q2 --accept-shrink   # publish it although it has far fewer rows
  annex run --wait-lock                       # wait for a run already working on curated/
  annex run --raw /data/raw --curated /data/curated --params params.yaml
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
                        help="process N releases at a time in parallel processes")
    parser.add_argument("--force", action="store_true",
                        help="redo releases even when unchanged since their last publish")
    parser.add_argument("--accept-shrink", action="store_true",
                        help="publish releases even when a table has fewer rows than its published "
                        "version by more than annex.max_row_drop (default 0.5) allows: the shrink is real")
    add_lock_option(parser)
    parser.add_argument("--no-data-docs", action="store_true",
                        help="skip the Great Expectations Data Docs pages (most of a release's "
                        "validation time; the verdict and curated data are the same)")
    parser.set_defaults(func=run_command)
    return parser


def add_lock_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait-lock", action="store_true",
                        help="when another annex run (or stage publish) is working on the same "
                        "--curated folder, wait for it to finish instead of refusing with exit code 2")


def locked(args: argparse.Namespace, console=None):
    """The curated/ lock for this command (pipeline/lock.py), saying so when it waits."""
    import sys

    from pipeline.lock import curated_lock

    def waiting(path: Path) -> None:
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

    from pipeline.batch import ReleaseSummary, exit_code_of
    from pipeline.core.display import shown
    from pipeline.core.settings import load_settings
    from pipeline.runner import run

    console = Console(stderr=True, highlight=False)
    settings = load_settings(args.params)

    def show(result: ReleaseSummary) -> None:
        print_release_summary(console, result)
        if args.debug and result.error is not None and result.error.traceback:
            console.print(shown(result.error.traceback, lines=True), markup=False, highlight=False)

    with locked(args, console), console.status("processing releases..."):
        results = run(args.raw, args.staged, args.curated, args.release, settings, on_release=show,
                      jobs=args.jobs, force=args.force,
                      release_options=release_options(args))
    console.print("\n" + run_totals(results), markup=False)
    return exit_code_of(results)


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
