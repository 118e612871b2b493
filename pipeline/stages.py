"""The pipeline as four separate steps per release, for DVC (dvc.yaml): each reads the previous
step's files under staged/<release>/ and writes its own, so DVC can cache and re-run each one.

    extract    raw/<release>/                  -> staged/<release>/extract/   (family tables as
               JSON, every source line as Parquet)
    normalise  staged/<release>/extract/       -> staged/<release>/normalised/ (curated tables)
    validate   extract/ + normalised/          -> staged/<release>/validate/  (verdict.json, checks)
    publish    normalised/ + validate/         -> curated/ (atomic, not a DVC out) and the stamp
               staged/<release>/published.json (the release record, which DVC tracks instead)

The steps are the flow's (pipeline.flow.STEPS, in its order: STAGE_OUTPUTS below is keyed by
them and checked against them at import) and call the functions of the one release flow that
`annex run` calls, so both paths publish the same bytes; tests/batch/test_stages.py fails when
dvc.yaml's stages, their outputs or their params drift from these steps and params.yaml. Errors are
AnnexErrors for the CLI to turn into a message and an exit code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import TypeAdapter

from pipeline.core.errors import AnnexError, ValidationFailed
from pipeline.core.fiscal import FinancialYear
from pipeline.core.release import load_release, named_release_folder
from pipeline.core.settings import Settings
from pipeline.families import FamilyTable
from pipeline.flow import (STEPS, accounting, extract_release, outcome_of, publish_step, record_step,
                           refresh_manifest, resolve_financial_year, validate_one, write_staged)
from pipeline.manifest import fingerprint
from pipeline.normalise.release import normalise_release
from pipeline.publish import write_json_atomic, write_parquet_atomic
from pipeline.schema import CURATED_TABLES
from pipeline.validate import ReleaseTables

EXTRACT, NORMALISED, VALIDATE, PUBLISHED = "extract", "normalised", "validate", "published.json"
# What each step of the flow leaves under staged/<release>/ (dvc.yaml's outs), in the flow's order.
STAGE_OUTPUTS = {"extract": EXTRACT, "normalise": NORMALISED, "validate": VALIDATE, "publish": PUBLISHED}
if tuple(STAGE_OUTPUTS) != STEPS:  # a step added to the flow needs its stage here and in dvc.yaml
    raise ImportError(f"pipeline.stages covers {tuple(STAGE_OUTPUTS)}, the flow's steps are {STEPS}")
FAMILY_TABLES = "family_tables.json"
VERDICT = "verdict.json"


@dataclass(frozen=True)
class Extracted:
    """What the extract step hands on: the release's family tables and its financial year."""

    release: str
    financial_year: str
    warnings: list[str]
    tables: list  # list[FamilyTable]


def _adapter():
    # pydantic (a dependency of Great Expectations) round-trips the frozen dataclasses of the
    # family layer to JSON and back exactly, so no hand-written codec has to follow their fields.
    return TypeAdapter(list[FamilyTable])


def stage_folder(staged_root: Path, release: str, step: str) -> Path:
    """staged/<release>/<step>; a release name holding a path is refused (it is a folder name)."""
    if release in ("", ".", "..") or "/" in release or "\\" in release:
        raise AnnexError(str(staged_root), f"no release folder named {release!r}",
                         fix="name the release by its folder directly under raw/, without a path")
    return Path(staged_root) / release / step


def extract_stage(raw_root: Path, staged_root: Path, release: str, settings: Settings = Settings()) -> Path:
    """Read the release's documents as family tables; write them with every line's role."""
    manifest = load_release(named_release_folder(raw_root, release))
    tables, warnings = extract_release(manifest, settings)
    financial_year = resolve_financial_year(manifest, tables)
    folder = stage_folder(staged_root, release, EXTRACT)
    folder.mkdir(parents=True, exist_ok=True)
    write_staged(folder, manifest.id, tables)  # one file of lines per document
    payload = {"release": manifest.id, "financial_year": str(financial_year), "warnings": warnings,
               "tables": _adapter().dump_python(tables, mode="json")}
    write_json_atomic(payload, folder / FAMILY_TABLES)
    return folder


def read_extracted(staged_root: Path, release: str) -> Extracted:
    path = stage_folder(staged_root, release, EXTRACT) / FAMILY_TABLES
    if not path.is_file():
        raise AnnexError(str(path), "no extract output", fix=f"run `annex stage extract --release {release}` first")
    data = json.loads(path.read_text(encoding="utf-8"))
    return Extracted(data["release"], data["financial_year"], data["warnings"],
                     _adapter().validate_python(data["tables"]))


def normalise_stage(staged_root: Path, release: str) -> Path:
    """The curated tables of the release, one Parquet file each (typed by the declared schemas)."""
    extracted = read_extracted(staged_root, release)
    tables = normalise_release(extracted.release, FinancialYear.parse(extracted.financial_year),
                               extracted.tables)
    folder = stage_folder(staged_root, release, NORMALISED)
    _replace_parquet_folder(folder, tables)
    return folder


def read_tables(folder: Path) -> dict[str, pa.Table]:
    """Tables written by a step, cast back to the declared schemas (Parquet renames list items)."""
    out = {}
    for path in sorted(Path(folder).glob("*.parquet")):
        table = pq.ParquetFile(path).read()
        spec = CURATED_TABLES.get(path.stem)
        out[path.stem] = table.cast(spec.schema) if spec is not None else table
    return out


def validate_stage(staged_root: Path, release: str, settings: Settings = Settings()) -> dict:
    """Validate the normalised tables; write the verdict (and the checks table when validation
    makes one). Returns the verdict; a failed verdict is not an error here: publish refuses it."""
    extracted = read_extracted(staged_root, release)
    tables = read_tables(stage_folder(staged_root, release, NORMALISED))
    if not tables:
        raise AnnexError(str(stage_folder(staged_root, release, NORMALISED)), "no normalised tables",
                         fix=f"run `annex stage normalise --release {release}` first")
    report = _validate(extracted, tables, accounting(extracted.tables), settings)
    folder = stage_folder(staged_root, release, VALIDATE)
    _replace_parquet_folder(folder, {} if report.checks is None else {"checks": report.checks})
    verdict = {"release": extracted.release, "extract_warnings": extracted.warnings, **outcome_of(report)}
    error = report.error()
    verdict["error"] = error.message if error is not None else None
    write_json_atomic(verdict, folder / VERDICT)
    return verdict


def _validate(extracted: Extracted, tables: dict, accounting: list[dict], settings: Settings):
    return validate_one(ReleaseTables(extracted.release, FinancialYear.parse(extracted.financial_year),
                                      tables, extracted.tables, accounting), settings)


def publish_stage(raw_root: Path, staged_root: Path, curated_root: Path, release: str,
                  settings: Settings = Settings(), accept_shrink: bool = False) -> dict:
    """Publish a validated release into curated/ and record it (curated/_releases/, the manifest,
    and the stamp staged/<release>/published.json). A failed verdict raises ValidationFailed, and
    so does a table that shrank by more than settings.max_row_drop unless `accept_shrink`."""
    folder = named_release_folder(raw_root, release)  # its id may have become another's since extract
    verdict_path = stage_folder(staged_root, release, VALIDATE) / VERDICT
    if not verdict_path.is_file():
        raise AnnexError(str(verdict_path), "no verdict", fix=f"run `annex stage validate --release {release}` first")
    verdict = json.loads(verdict_path.read_text(encoding="utf-8"))
    if verdict.get("outcome") == "failed":
        raise ValidationFailed(f"release {verdict['release']}", verdict.get("error") or "validation failed",
                               fix="correct the document and rerun; the previous curated version is kept")
    tables = {**read_tables(stage_folder(staged_root, release, NORMALISED)),
              **read_tables(stage_folder(staged_root, release, VALIDATE))}
    release_id = verdict["release"]
    written = publish_step(release_id, tables, read_extracted(staged_root, release).tables, curated_root,
                           settings, accept_shrink)
    validation = {k: v for k, v in verdict.items() if k not in ("release", "extract_warnings", "error")}
    record = record_step(curated_root, release_id, fingerprint(folder, settings), written, validation,
                         _record_warnings(verdict))
    refresh_manifest(curated_root)
    write_json_atomic(record, Path(staged_root) / release / PUBLISHED)
    return record


def _record_warnings(verdict: dict) -> list[str]:
    """As `annex run` records them: the extraction's warnings, then validation's."""
    return list(verdict.get("extract_warnings", [])) + list(verdict.get("warnings", []))


def _replace_parquet_folder(folder: Path, tables: dict[str, pa.Table]) -> None:
    """Write each table as <name>.parquet and drop files of tables no longer produced."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.parquet"):
        if old.stem not in tables:
            old.unlink()
    for name, table in tables.items():
        write_parquet_atomic(table, folder / f"{name}.parquet")
