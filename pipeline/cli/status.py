"""`annex status`: what `annex run` would do with each release under raw/, doing none of it."""

from __future__ import annotations

import argparse

from pipeline.cli.options import add_location_options
from pipeline.cli.run import print_plan

FORMATS = ("text", "json")

EXAMPLE = """examples:
  annex status                          # every release under raw/: new, changed, unchanged, refused...
  annex status --release 2015-16-q2     # one release
  annex status --format json            # the same as one JSON document, for scripts
  annex status --raw /data/raw --staged /data/staged --curated /data/curated --params prod.yaml
"""


def register(subparsers, formatter_class) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "status", help="what a run would do with each release (runs nothing)",
        description="For every release folder under --raw (or those named with --release): new "
        "(never published), changed (which documents, or the settings or annex version), "
        "unchanged (a run skips it), refused (its release.yaml is bad or its id clashes), refused "
        "last time (and unchanged since); and every published release whose folder is gone from "
        "--raw. Runs nothing, takes no lock, writes nothing: `annex run --dry-run` prints the same. "
        "Exit code 0, or 2 when --raw holds no release or names an unknown one.",
        epilog=EXAMPLE, formatter_class=formatter_class)
    add_location_options(parser)
    parser.add_argument("--release", action="append", metavar="ID", default=None,
                        help="only this release (repeatable)")
    parser.add_argument("--format", choices=FORMATS, default="text", dest="output_format",
                        help="text: one line per release and a totals line; json: one document")
    parser.set_defaults(func=status_command)
    return parser


def status_command(args: argparse.Namespace) -> int:
    # the library is imported when the command runs (1.0 s measured): see pipeline.cli.run
    from pipeline.core.settings import load_settings
    from pipeline.plan import RunOptions, build_plan

    options = RunOptions(raw_root=args.raw, staged_root=args.staged, curated_root=args.curated,
                         release_ids=tuple(args.release or ()), settings=load_settings(args.params))
    return print_plan(build_plan(options), args.output_format)
