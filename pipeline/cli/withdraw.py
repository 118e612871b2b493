"""`annex withdraw RELEASE --reason TEXT`: take a published release back (pipeline/withdraw.py)."""

from __future__ import annotations

import argparse
import sys

from pipeline.cli.options import add_location_options, add_lock_option
from pipeline.cli.run import locked
from pipeline.core.display import shown
from pipeline.core.errors import ExitCode

EXAMPLE = """examples:
  annex withdraw 2015-16-q2 --reason "published by mistake: draft annex"
  annex withdraw 2015-16-q2 --reason "superseded" --curated /data/curated --raw /data/raw --wait-lock

What it does: the release's partitions of every table, its record and its entry in
curated/_manifest.json go, in one step (a kill leaves the release either published or
withdrawn); the manifest's "history" keeps who withdrew it, when (UTC), why and its row counts.
Remove raw/<release>/ too, or the next `annex run` publishes it again."""


def register(subparsers, formatter_class) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "withdraw", help="take a published release out of curated/, recording who, when and why",
        description="Withdraw a published release: remove its curated partitions and its manifest "
        "entry atomically and record the withdrawal (user, UTC time, reason) in the history of "
        "curated/_manifest.json. Holds the curated/ lock as annex run does. An id that is not "
        "published is refused (exit 2).",
        epilog=EXAMPLE, formatter_class=formatter_class)
    parser.add_argument("release", metavar="RELEASE", help="the id of the published release")
    parser.add_argument("--reason", required=True, metavar="TEXT",
                        help="why it is withdrawn (kept in the manifest's history)")
    add_location_options(parser, ("raw", "curated"))
    add_lock_option(parser)
    parser.set_defaults(func=withdraw_command)
    return parser


def withdraw_command(args: argparse.Namespace) -> int:
    # imported here: 0.14 s measured, `annex --help` (0.22 s) need not pay it
    from pipeline.lock import confirm_lease
    from pipeline.withdraw import ids_in_raw, withdraw_release

    with locked(args):
        entry = withdraw_release(args.curated, args.release, args.reason, before_commit=lambda: confirm_lease(
            args.curated, before=f"withdrawing {args.release} (writing its manifest)"))
    rows = ", ".join(f"{name} {count}" for name, count in entry["rows"].items())
    print(shown(f"withdrew {entry['release']} ({rows}) at {entry['time']} by {entry['user']}: "
                f"{entry['reason']}"))
    if args.release in ids_in_raw(args.raw):
        print(shown(f"warning: {args.raw} still holds it: the next annex run publishes "
                    "it again; remove the folder"), file=sys.stderr)
    return int(ExitCode.OK)
