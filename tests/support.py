"""Helpers shared by test modules (import as `from support import ...`)."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
SAMPLE_RELEASE = REPO / "raw" / "2015-16-q2"
PLAN_SEED = "annex-c-cts-improvement-plan.txt"
TRACKER_SEED = "annex-b-delivery-tracker-2015-16.txt"


def seed_text(name: str) -> str:
    """A seed dump: from ../shared/seeds when present, else the copy in the sample release."""
    path = SEEDS / name if (SEEDS / name).is_file() else SAMPLE_RELEASE / name
    return path.read_text(encoding="utf-8")
