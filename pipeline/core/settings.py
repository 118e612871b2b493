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
    # Dates may fall this many days outside the financial year before validation warns/fails.
    date_margin_days: int = 31

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, int) or isinstance(value, bool) or value < (0 if f.name == "date_margin_days" else 1):
                raise ValueError(f"setting {f.name} must be a {'non-negative' if f.name == 'date_margin_days' else 'positive'} whole number, got {value!r}")


def load_settings(params_file: Path | None) -> Settings:
    """Settings from params.yaml's `annex:` section (missing file or keys: defaults)."""
    if params_file is None or not Path(params_file).is_file():
        return Settings()
    from pipeline.core.errors import AnnexError

    try:
        data = yaml.safe_load(Path(params_file).read_text(encoding="utf-8")) or {}
        section = data.get("annex", {}) or {}
        known = {f.name for f in fields(Settings)}
        unknown = sorted(set(section) - known)
        if unknown:
            raise ValueError(f"unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return Settings(**section)
    except (yaml.YAMLError, ValueError, TypeError, AttributeError) as error:
        raise AnnexError(str(params_file), f"bad settings: {' '.join(str(error).split())}",
                         fix="correct the annex: section of params.yaml") from None
