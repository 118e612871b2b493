"""The wall clock, read in one place: log lines, JSON events and the withdrawal history stamp
when something happened. No curated file depends on it (outputs are the same any day)."""

from __future__ import annotations

from datetime import datetime, timezone


def utc_now() -> str:
    """The time as ISO-8601 UTC, to the second: 2016-01-31T09:30:00Z."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
