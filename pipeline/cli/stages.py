"""`annex stage STEP --release ID`: one step of one release, as dvc.yaml's stages run them."""

from __future__ import annotations

import argparse

from pipeline.cli.run import add_location_options, add_lock_option, locked
from pipeline.core.errors import AnnexError, ExitCode
from pipeline.core.storage import is_url

STEPS = ("extract", "normalise", "validate", "publish")

EXAMPLE = """examples:
  annex stage extract --release 2015-16-q2     # raw/2015-16-q2 -> staged/2015-16-q2/extract/
  annex stage normalise --release 2015-16-q2   # -> staged/2015-16-q2/normalised/
  annex stage validate --release 2015-16-q2    # -> staged/2015-16-q2/validate/verdict.json
  annex stage publish --release 2015-16-q2     # -> curated/ and staged/2015-16-q2/published.json
  annex stage publish --release 2015-16-q2 --accept-shrink --wait-lock   # a real shrink; wait for a run
  annex stage extract --release 2015-16-q2 --raw /data/raw --staged /data/staged --params params.yaml
  annex stage publish --release 2015-16-q2 --curated /data/curated
  dvc repro                                    # all of them, for every release in params.yaml
"""


def register(subparsers, formatter_class) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "stage", help="run one pipeline step for one release (what dvc.yaml calls)",
        description="Run one step of the pipeline for one release, reading the previous step's "
        "files under staged/<release>/ and writing its own, so that DVC can cache each step and "
        "re-run only what changed (see docs/batch.md). `annex run` does all steps at once. "
        "publish holds the curated/ lock as `annex run` does (--wait-lock to wait for it). "
        "Exit code: 0 done, 1 validation failed (publish refuses the release), 2 bad input, 75 "
        "another run holds the lock (see annex --help).",
        epilog=EXAMPLE, formatter_class=formatter_class)
    parser.add_argument("step", choices=STEPS, help="the step to run")
    parser.add_argument("--release", required=True, metavar="ID", help="the release folder under --raw")
    add_location_options(parser)
    parser.add_argument("--accept-shrink", action="store_true",
                        help="publish: go on even when a table has fewer rows than its published "
                        "version by more than annex.max_row_drop allows (the shrink is real)")
    add_lock_option(parser)
    parser.set_defaults(func=stage_command)
    return parser


def stage_command(args: argparse.Namespace) -> int:
    # imported here: 0.44 s measured, `annex --help` (0.22 s) need not pay it
    from pipeline import stages
    from pipeline.core.settings import load_settings

    settings = load_settings(args.params)
    for name in ("raw", "curated"):
        if is_url(value := getattr(args, name, None)):
            # the DVC stages track local files; a bucket is for `annex run` (docs/batch.md)
            raise AnnexError(f"--{name} {value}", "annex stage works on local folders, not a bucket URL",
                             fix="use annex run with a bucket, or give annex stage local folders")
    if args.step == "extract":
        done = stages.extract_stage(args.raw, args.staged, args.release, settings)
    elif args.step == "normalise":
        done = stages.normalise_stage(args.staged, args.release)
    elif args.step == "validate":
        verdict = stages.validate_stage(args.staged, args.release, settings)
        done = f"validation {verdict['outcome']}"
    else:

        with locked(args):  # one publish (or annex run) at a time per curated/
            record = stages.publish_stage(args.raw, args.staged, args.curated, args.release, settings,
                                          accept_shrink=args.accept_shrink)
        done = ", ".join(f"{name} {t['rows']}" for name, t in record["tables"].items()) or "no rows"
    print(f"{args.step} {args.release}: {done}")
    return ExitCode.OK
