"""`annex suites`: the expectation suites in expectations/, checked against the code or rewritten."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.core.errors import ExitCode

EXAMPLE = """examples:
  annex suites                 # list the suites; exit 1 when a file differs from the code
  annex suites --write         # regenerate expectations/*.json from pipeline/schema.py and the rules
  annex suites --dir /tmp/suites --write   # write them elsewhere

The suites are built by pipeline/validate/suites.py from the curated schema (columns, types, not-null
columns, keys) plus per-table rules, each expectation marked critical (stops the release) or warning
(published, listed in the run summary)."""


def register(subparsers, formatter_class) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "suites", help="check or regenerate the expectation suites in expectations/",
        description="Compare expectations/<table>.json with the suites the code builds (one per "
        "curated table), or rewrite them with --write.",
        epilog=EXAMPLE, formatter_class=formatter_class)
    parser.add_argument("--dir", type=Path, default=None, metavar="DIR",
                        help="suite folder (default: the project's expectations/)")
    parser.add_argument("--write", action="store_true", help="rewrite the files that differ")
    parser.set_defaults(func=suites_command)
    return parser


def suites_command(args: argparse.Namespace) -> int:
    # imported here: 0.15 s measured, `annex --help` (0.22 s) need not pay it
    from pipeline.validate.suites import EXPECTATIONS_DIR, build_suites, stale_suites, write_suites

    folder = args.dir or EXPECTATIONS_DIR
    if args.write:
        changed = write_suites(folder)
        for path in changed:
            print(f"wrote {path}")
        print(f"{len(build_suites())} suite(s) in {folder}; {len(changed)} rewritten")
        return ExitCode.OK
    stale = set(stale_suites(folder))
    for name, suite in build_suites().items():
        critical = sum(e["severity"] == "critical" for e in suite["expectations"])
        state = "DIFFERS from the code" if name in stale else "up to date"
        print(f"{name}: {len(suite['expectations'])} expectations ({critical} critical): {state}")
    if stale:
        print(f"run `annex suites --write` to regenerate {', '.join(sorted(stale))}", file=sys.stderr)
        return ExitCode.VALIDATION_FAILED
    return ExitCode.OK
