"""Run settings: limits and margins, with defaults documented here and overridable in params.yaml
(section `annex:`). Settings is a pydantic dataclass: an unknown setting is refused, and a value
of the wrong kind is not coerced ("10" is not 10, true is not 1), so a bad value fails before any
work starts, naming the setting and its line in params.yaml."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, ValidationError, model_validator
from pydantic.dataclasses import dataclass

from pipeline.core.errors import AnnexError

# What a setting accepts; the description is what a refusal says it must be.
PositiveInt = Annotated[int, Strict(), Field(ge=1, description="a positive whole number")]
NonNegativeInt = Annotated[int, Strict(), Field(ge=0, description="a non-negative whole number")]
Fraction = Annotated[float, Strict(), Field(ge=0, le=1, description="a fraction from 0 to 1 (e.g. 0.5)")]
PdfSource = Annotated[Literal["pdfminer", "pdfium"], Field(description="pdfminer or pdfium")]


@dataclass(frozen=True, config=ConfigDict(extra="forbid"))
class Settings:
    # Largest document read, in bytes: protects the batch from a mislabelled dump or scan.
    max_document_bytes: PositiveInt = 50_000_000
    # Most PDF pages read from one document.
    max_pages: PositiveInt = 2_000
    # Longest line of a text dump, in characters, and most cells (tab-separated) on one line: a
    # board paper's row is a few hundred characters and ~10 cells; a 49 MB one-line file is not a
    # table and is refused at once, naming the line, instead of being split into millions of cells.
    max_line_chars: PositiveInt = 100_000
    max_cells_per_line: PositiveInt = 200
    # Per-document budget for reading any document, whatever its format (text dump, PDF, Word,
    # Excel, OpenDocument, legacy .doc/.xls through LibreOffice), in a worker process: the most
    # seconds, and the most memory in bytes beyond the reader's own, one document may take. A page
    # drawing a form XObject millions of times, streams inflating to GiB, a conversion on which
    # LibreOffice hangs, is refused naming the file and the budget; the batch goes on.
    max_document_seconds: PositiveInt = 120
    max_document_memory: PositiveInt = 1_073_741_824
    # Most rows, columns and cells (rows x columns of its used range) one table may declare: an
    # Excel sheet's dimension and merged ranges, a Word row's gridSpan/gridBefore/gridAfter, an
    # OpenDocument table's repeated rows and cells are checked against them before they are
    # believed, so a KB-sized file declaring a billion cells is refused at once. An annex's table
    # has tens to a few thousand rows and under 30 columns; these are far above that.
    max_rows: PositiveInt = 200_000
    max_columns: PositiveInt = 1_000
    max_cells: PositiveInt = 5_000_000
    # Dates may fall this many days outside the financial year before validation warns/fails.
    date_margin_days: NonNegativeInt = 31
    # Largest fall in a curated table's rows, as a fraction of the release's published version,
    # before publishing is refused (a truncated document is the usual cause): 0.5 refuses 28 -> 13
    # rows, allows 28 -> 14; 1.0 never refuses. `annex run --accept-shrink` lets one run through.
    # It only gates publishing, so it is not part of a release's fingerprint.
    max_row_drop: Fraction = 0.5
    # `annex run --jobs auto` (the default) runs one process below this many releases to process,
    # else one worker per this many releases (at most one per CPU): a worker's start-up (~3 s of
    # imports) is worth about 80 releases at the measured ~1,600 releases/min of one process
    # (benchmarks/bench_batch.py), so a smaller batch is faster in one process.
    auto_jobs_min_releases: PositiveInt = 100
    # What parses a PDF's pages (pipeline/extract/pdf/source.py): "pdfium" (pypdfium2, ~2.5x
    # faster end to end) or "pdfminer" (pdfplumber, pure Python). Both give the same tables on
    # every corpus the project has (tests/extract/test_pdf_source.py): the faster is the default.
    pdf_source: PdfSource = "pdfium"


# Settings that decide whether a release is published, not what is published: left out of the
# fingerprint, so changing one does not redo releases that are already published.
# The line limits and the per-document budget decide whether a document is read at all, never what
# is read from it: raising one (a slower machine) does not redo published releases.
# How many processes run a batch never changes what is published either, nor which of the two
# page sources parses a PDF (they give the same tables: tests/extract/test_pdf_source.py).
GATES_ONLY = ("max_row_drop", "max_line_chars", "max_cells_per_line", "max_document_seconds",
              "max_document_memory", "auto_jobs_min_releases",
              "max_rows", "max_columns", "max_cells", "pdf_source")
# Settings added after releases were published, with their defaults: left out of the fingerprint
# while at the default (what every release was read with before), so adding one redoes nothing.
ADDED_LATER: dict[str, object] = {}


class _Params(BaseModel):
    """params.yaml: the `annex:` section is annex's; the others (releases:, ...) are DVC's and
    are not looked at."""

    model_config = ConfigDict(extra="forbid")
    annex: Settings | None = None

    @model_validator(mode="before")
    @classmethod
    def _annex_section_only(cls, data: Any) -> Any:
        return {"annex": data["annex"]} if isinstance(data, dict) and "annex" in data else (
            {} if isinstance(data, dict) else data)


def load_settings(params_file: Path | None) -> Settings:
    """Settings from params.yaml's `annex:` section (none named: the defaults; missing keys: defaults). A
    file that is named must exist: a mistyped --params must not run with the defaults in silence
    (`--params /dev/null` asks for the defaults)."""
    if params_file is None:
        return Settings()
    # YAML here, not at the top: the reader worker (pipeline/extract/budget.py) needs Settings
    # and never reads params.yaml; yaml and yaml_io cost it ~20 ms to start
    import yaml

    from pipeline.core.yaml_io import load_yaml_lines

    if not Path(params_file).exists() or Path(params_file).is_dir():
        raise AnnexError(str(params_file), "settings file not found" if not Path(params_file).exists()
                         else "settings file is a folder",
                         fix="check the --params path (or $ANNEX_PARAMS); leave it out to use the "
                         "project's params.yaml, or pass --params /dev/null for the defaults")

    try:
        data, lines = load_yaml_lines(Path(params_file).read_text(encoding="utf-8"))
        try:
            return _Params.model_validate(data if data is not None else {}).annex or Settings()
        except ValidationError as error:
            raise ValueError(_settings_problem(error, lines)) from None
    except (yaml.YAMLError, ValueError) as error:
        raise AnnexError(str(params_file), f"bad settings: {' '.join(str(error).split())}",
                         fix="correct the annex: section of params.yaml") from None


def _settings_problem(error: ValidationError, lines: dict) -> str:
    """pydantic's ValidationError in the words of params.yaml (the line last, as for YAML faults)."""
    from pipeline.core.yaml_io import shape_problem, shown

    problem = shape_problem(error, lines)
    fields = Settings.__pydantic_fields__
    if problem.kind == "unknown":
        cause = f"unknown setting(s) {', '.join(problem.keys)}; known: {', '.join(sorted(fields))}"
    elif problem.loc == ():
        cause = f"params.yaml must be a mapping of sections such as annex:, not {shown(problem.value)}"
    elif problem.loc == ("annex",):
        cause = f"the annex: section must be a mapping of setting: value, not {shown(problem.value)}"
    else:
        name = str(problem.loc[-1])
        cause = f"setting {name} must be {fields[name].description}, got {problem.value!r}"
    return cause + (f" (line {problem.line})" if problem.line else "")
