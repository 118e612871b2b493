"""Helpers shared by test modules (import as `from support import ...`)."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
SAMPLE_RELEASE = REPO / "raw" / "2015-16-q2"
PLAN_SEED = "annex-c-cts-improvement-plan.txt"
TRACKER_SEED = "annex-b-delivery-tracker-2015-16.txt"


def seed_text(name: str) -> str:
    """A seed dump: from ../shared/seeds when present, else the copy in the sample release."""
    path = SEEDS / name if (SEEDS / name).is_file() else SAMPLE_RELEASE / name
    return path.read_text(encoding="utf-8")


def write_release_folder(folder: Path, documents: dict, manifest: dict | str | None = None) -> Path:
    """raw/<id>/ with the given {file name: text or bytes} and a release.yaml (default: every
    document listed, financial year 2015/16; a str is written as it is, for malformed manifests)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in documents.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    if manifest is None:
        manifest = {"title": f"release {folder.name}", "financial_year": "2015/16",
                    "documents": [{"file": n} for n in documents]}
    text = manifest if isinstance(manifest, str) else yaml.safe_dump(manifest, sort_keys=False)
    (folder / "release.yaml").write_text(text, encoding="utf-8")
    return folder
