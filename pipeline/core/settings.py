"""Run settings: limits and margins, with defaults documented here and overridable in params.yaml
(section `annex:`). The dataclass checks itself so a bad value fails before any work starts."""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

import yaml


@dataclass(frozen=True)
class Settings:
    # Largest document read, in bytes: protects the batch from a mislabelled dump or scan.
    max_document_bytes: int = 50_000_000
    # Most PDF pages read from one document.
    max_pages: int = 2_000
    # Longest line of a text dump, in characters, and most cells (tab-separated) on one line: a
    # board paper's row is a few hundred characters and ~10 cells; a 49 MB one-line file is not a
    # table and is refused at once, naming the line, instead of being split into millions of cells.
    max_line_chars: int = 100_000
    max_cells_per_line: int = 200
    # Per-document budget for reading a PDF (in a child process): the most seconds, and the most
    # memory in bytes beyond the reader's own, one document may take. A page drawing a form
    # XObject millions of times, or streams inflating to GiB, is refused naming the file and the
    # budget; the batch goes on with the other releases.
    max_document_seconds: int = 120
    max_document_memory: int = 1_073_741_824
    # Dates may fall this many days outside the financial year before validation warns/fails.
    date_margin_days: int = 31
    # Largest fall in a curated table's rows, as a fraction of the release's published version,
    # before publishing is refused (a truncated document is the usual cause): 0.5 refuses 28 -> 13
    # rows, allows 28 -> 14; 1.0 never refuses. `annex run --accept-shrink` lets one run through.
    # It only gates publishing, so it is not part of a release's fingerprint.
    max_row_drop: float = 0.5

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in FRACTIONS:
                if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 1:
                    raise ValueError(f"setting {f.name} must be a fraction from 0 to 1 (e.g. 0.5), got {value!r}")
                continue
            if not isinstance(value, int) or isinstance(value, bool) or value < (0 if f.name == "date_margin_days" else 1):
                raise ValueError(f"setting {f.name} must be a {'non-negative' if f.name == 'date_margin_days' else 'positive'} whole number, got {value!r}")


FRACTIONS = ("max_row_drop",)
# Settings that decide whether a release is published, not what is published: left out of the
# fingerprint, so changing one does not redo releases that are already published.
# The line limits and the per-document budget decide whether a document is read at all, never what
# is read from it: raising one (a slower machine) does not redo published releases.
GATES_ONLY = ("max_row_drop", "max_line_chars", "max_cells_per_line", "max_document_seconds",
              "max_document_memory")


def load_settings(params_file: Path | None) -> Settings:
    """Settings from params.yaml's `annex:` section (missing file or keys: defaults)."""
    if params_file is None or not Path(params_file).is_file():
        return Settings()
    from pipeline.core.errors import AnnexError
    from pipeline.core.yaml_io import load_yaml

    try:
        data = load_yaml(Path(params_file).read_text(encoding="utf-8")) or {}
        section = data.get("annex", {}) or {}
        known = {f.name for f in fields(Settings)}
        unknown = sorted(set(section) - known)
        if unknown:
            raise ValueError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return Settings(**section)
    except (yaml.YAMLError, ValueError, TypeError, AttributeError) as error:
        raise AnnexError(str(params_file), f"bad settings: {' '.join(str(error).split())}",
                         fix="correct the annex: section of params.yaml") from None
