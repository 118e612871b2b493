"""`annex report`: one self-contained HTML report per published release."""

from __future__ import annotations

import argparse
from pathlib import Path

from rich.console import Console

from pipeline.cli.options import add_location_options
from pipeline.core.display import markup_safe as escape
from pipeline.core.errors import AnnexError
from pipeline.core.storage import is_url

EXAMPLE = """examples:
  annex report                                # every published release -> reports/<id>/report.html
  annex report --release 2015-16-q2           # one release
  annex report --curated /data/curated --output /data/reports
"""


def register(subparsers, formatter_class) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "report", help="write an HTML report per release: counts, checks, timeline, delivery",
        description="Write one self-contained HTML page per published release (charts embedded, "
        "opens offline): row counts, checks and warnings, rejected lines, a timeline of the plan's "
        "activities over the financial year coloured by status, and delivered against target per "
        "deliverable by quarter. Reads curated/ only.",
        epilog=EXAMPLE, formatter_class=formatter_class)
    parser.add_argument("--release", action="append", metavar="ID", default=None,
                        help="report only this release (repeatable); default: every published release")
    add_location_options(parser, ("curated",))
    parser.add_argument("--output", type=Path, default=None, metavar="DIR",
                        help="folder to write <release>/report.html into (default: reports/ beside "
                        "the curated folder, where the Data Docs are; curated/ in a bucket: reports/ "
                        "in the working directory)")
    parser.set_defaults(func=report_command)
    return parser


def report_command(args: argparse.Namespace) -> int:
    # imported here: 0.96 s measured (matplotlib, PIL), `annex --help` (0.22 s) need not pay it
    from pipeline.report import list_releases, write_report

    console = Console(stderr=True, highlight=False)
    releases = args.release or list_releases(args.curated)
    if not releases:
        raise AnnexError(str(args.curated), "no published releases to report on",
                         fix="run `annex run` first, or point --curated at the curated folder")
    for release in releases:
        path = write_report(args.curated, release, args.output or _default_output(args.curated))
        console.print(f"[green]✓[/green] {escape(release)}: {escape(str(path))}")
    return 0


def _default_output(curated) -> Path:
    return Path("reports") if is_url(curated) else Path(curated).parent / "reports"
