"""Options shared by the commands, and where their defaults come from.

Paths: the command line, else an environment variable (ANNEX_RAW, ANNEX_STAGED, ANNEX_CURATED,
ANNEX_PARAMS), else the project's folder: the nearest folder holding params.yaml or dvc.yaml,
from the working directory up (as git and dvc find theirs), so `annex run` works from any
subfolder and never makes a curated/ there. Outside any project: the working directory.

`--jobs auto` (the default): one process for a small batch, where a worker's start-up costs more
than it saves, else one per `annex.auto_jobs_min_releases` releases, at most one per CPU.
"""

from __future__ import annotations

import argparse
import math
import os
from pathlib import Path

from pipeline.core.storage import location

PROJECT_MARKERS = ("params.yaml", "dvc.yaml")
# option -> (environment variable, default under the project folder)
LOCATIONS = {
    "raw": ("ANNEX_RAW", "raw"),
    "staged": ("ANNEX_STAGED", "staged"),
    "curated": ("ANNEX_CURATED", "curated"),
    "params": ("ANNEX_PARAMS", "params.yaml"),
}
ENVIRONMENT = {
    "ANNEX_RAW": "folder of release folders, or a bucket URL (as --raw)",
    "ANNEX_STAGED": "where staged tables go (as --staged)",
    "ANNEX_CURATED": "where curated Parquet is published and read, a folder or a bucket URL (as --curated)",
    "ANNEX_PARAMS": "settings file (as --params); must exist when named",
}
AUTO = "auto"


def find_project(start: Path | None = None) -> Path | None:
    """The nearest folder from `start` (the working directory) up holding params.yaml or dvc.yaml."""
    here = Path(start or Path.cwd()).absolute()
    for folder in (here, *here.parents):
        if any((folder / marker).is_file() for marker in PROJECT_MARKERS):
            return folder
    return None


def add_location_options(parser: argparse.ArgumentParser, names=("raw", "staged", "curated", "params")) -> None:
    helps = {
        "raw": "folder of release folders, or a bucket URL such as s3://bucket/raw (default: "
               "$ANNEX_RAW, else raw/ of the project)",
        "staged": "where staged tables go (default: $ANNEX_STAGED, else staged/ of the project)",
        "curated": "folder of curated Parquet, or a bucket URL such as s3://bucket/curated "
                   "(default: $ANNEX_CURATED, else curated/ of the project)",
        "params": "settings file, section 'annex:' (default: $ANNEX_PARAMS, else the project's "
                  "params.yaml when there is one, else the built-in defaults); a file named here "
                  "or in $ANNEX_PARAMS must exist",
    }
    metavars = {"params": "FILE", "raw": "DIR|URL", "curated": "DIR|URL"}
    for name in names:
        parser.add_argument(f"--{name}", type=_TYPES.get(name, Path), default=None,
                            metavar=metavars.get(name, "DIR"), help=helps[name])


# raw/ and curated/ may be in a bucket (pipeline/core/storage.py); staged/ and params are local
_TYPES = {"raw": location, "curated": location}


def resolve_locations(args: argparse.Namespace, environ=os.environ, cwd: Path | None = None) -> None:
    """Fill in the location options not given on the command line (see the module doc). A
    --params (or $ANNEX_PARAMS) that was named is kept as named: load_settings refuses it missing;
    the project's params.yaml is used only when it exists."""
    names = [name for name in LOCATIONS if hasattr(args, name) and getattr(args, name) is None]
    if not names:
        return
    here = Path(cwd or Path.cwd()).absolute()
    found = find_project(here)
    # in the project folder itself: the relative names as before (messages say "params.yaml")
    project = (Path() if cwd is None else here) if found is None or found == here else found
    for name in names:
        variable, default = LOCATIONS[name]
        if environ.get(variable):
            setattr(args, name, _TYPES.get(name, Path)(environ[variable]))
        elif name == "params":
            path = project / default
            setattr(args, name, path if path.is_file() else None)
        else:
            setattr(args, name, project / default)


def add_lock_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--wait-lock", nargs="?", const=True, default=False, type=positive_seconds,
                        metavar="SECONDS",
                        help="when another annex run (or stage publish, withdraw) is working on the "
                        "same --curated folder, wait for it to finish (at most SECONDS when given) "
                        "instead of refusing at once with exit code 75")


def jobs_option(text: str) -> int | str:
    """--jobs: a positive number, or `auto`."""
    if text == AUTO:
        return AUTO
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number or {AUTO}, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def auto_jobs(releases: int, min_releases: int, cpus: int | None = None) -> int:
    """Worker processes for `releases` releases: 1 below `min_releases` (a worker's start-up,
    about 2-3 s of imports, costs more than it saves on a small batch: issue 22 measured --jobs 2
    slower than 1 on 21 releases), else one per `min_releases` releases, at most one per CPU."""
    cpus = cpus or os.cpu_count() or 1
    if releases < min_releases:
        return 1
    return max(1, min(cpus, math.floor(releases / min_releases)))


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got {text!r}") from None
    if not value > 0 or math.isinf(value):
        raise argparse.ArgumentTypeError(f"must be a positive number of seconds, got {text!r}")
    return value
