"""`annex run`: process releases from raw/ to curated/."""

from __future__ import annotations

import argparse
from pathlib import Path

EXAMPLE = """examples:
  annex run                                   # every release under raw/
  annex run --release 2015-16-q2              # one release
  annex run --raw /data/raw --curated /data/curated --params params.yaml
"""


def register(subparsers, formatter_class) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "run", help="extract, normalise, validate and publish releases",
        description="Process every release under --raw (or those named with --release): extract "
        "the annex tables, normalise them, validate them and publish curated Parquet. A release that "
        "fails is not published; the others still are.",
        epilog=EXAMPLE, formatter_class=formatter_class)
    add_location_options(parser)
    parser.add_argument("--release", action="append", metavar="ID", default=None,
                        help="process only this release (repeatable)")
    parser.set_defaults(func=run_command)
    return parser


def add_location_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--raw", type=Path, default=Path("raw"), help="folder of release folders")
    parser.add_argument("--staged", type=Path, default=Path("staged"), help="where staged tables go")
    parser.add_argument("--curated", type=Path, default=Path("curated"),
                        help="where curated Parquet is published")
    parser.add_argument("--params", type=Path, default=Path("params.yaml"),
                        help="settings file (section 'annex:'); defaults apply when it is absent")


def run_command(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pipeline.core.errors import ExitCode
    from pipeline.core.settings import load_settings
    from pipeline.runner import ReleaseResult, run

    console = Console(stderr=True, highlight=False)
    settings = load_settings(args.params)

    def show(result: ReleaseResult) -> None:
        print_release_summary(console, result)

    with console.status("processing releases..."):
        results = run(args.raw, args.staged, args.curated, args.release, settings, on_release=show)
    failed = [r for r in results if not r.ok]
    console.print(f"\n{len(results) - len(failed)} of {len(results)} release(s) published"
                  + (f"; failed: {', '.join(r.release_id for r in failed)}" if failed else ""))
    if not failed:
        return ExitCode.OK
    return max(r.exit_code for r in failed)


def print_release_summary(console, result) -> None:
    from rich.markup import escape

    if result.error is not None:
        console.print(f"[red]✗ {escape(result.release_id)}[/red]: {escape(result.error.message)}")
        return
    counts = ", ".join(f"{name} {rows}" for name, rows in result.published.items() if name != "rejects")
    rejected = result.published.get("rejects", 0)
    console.print(f"[green]✓ {escape(result.release_id)}[/green]: {counts or 'no rows'}; rejected {rejected}")
    for row in result.accounting():
        console.print(f"    {escape(row['document'])} ({row['family']}): {row['input_lines']} lines = "
                      f"{row['data_rows']} data + {row['continuation_lines']} joined + "
                      f"{row['classified_lines']} classified + {row['rejected_lines']} rejected")
    for warning in result.warnings:
        console.print(f"    [yellow]warning[/yellow]: {escape(warning)}")
