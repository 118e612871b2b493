"""Release manifests: `raw/<release-id>/release.yaml` names a release and its documents.

Example::

    id: 2015-16-q2                 # optional; defaults to the folder name
    title: Improvement board annexes, 2015/16 quarter 2
    financial_year: 2015/16        # optional when a document states it (the tracker's "2015/16 Target")
    documents:
      - file: annex-c-cts-improvement-plan.txt
        family: plan               # optional: plan | tracker; detected from the header otherwise
      - file: annex-b-delivery-tracker-2015-16.txt
        encoding: utf-8            # optional, text dumps only; default: UTF-8, else Windows-1252 is refused with a hint
      - file: annex-d.pdf
        table:                     # optional hints, when the table is not read right by itself
          pages: "2-5"             # PDF pages read; Word: table ordinals; Excel: sheet positions
          index: 2                 # keep only the 2nd table found (reading order)
          header_rows: 2           # the table's first 2 rows are its header
          columns: {"Planned for": Date, "Who": Target audience}   # printed header -> family column

The shape (which keys, of which type) is checked by the pydantic models below: a key they do not
know is refused at every level, and nothing is coerced (a title YAML reads as a number or a date
is refused, not turned into text). The errors name release.yaml, the line of the key, the key and
the fix (_shape_error). What is not about shape stays in parse_manifest: the release id, the
financial year, the document paths (inside the folder, no links), the encodings, duplicates.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from pipeline.core.errors import ManifestError, Place
from pipeline.core.family_columns import FAMILIES as FAMILY_SPECS, named_column
from pipeline.core.fiscal import FinancialYear
from pipeline.core.storage import Location, RemoteFolder, is_url, read_bytes, release_folders
from pipeline.core.yaml_io import AliasRefused, ShapeProblem, load_yaml, load_yaml_lines, shape_problem, shown

MANIFEST_NAME = "release.yaml"
MAX_MANIFEST_BYTES = 1_000_000  # a manifest is a few hundred bytes; a 50 MB one is a mistake
FAMILIES = ("plan", "tracker")
# Matched whole (fullmatch): `$` would also match before a final newline, letting "evil\n" through.
_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_ID_FIX = "use letters, digits, '.', '_' and '-' (e.g. 2015-16-q2), starting with a letter or digit"
# A table hint's header_rows above this is a miscount, not a header: board-paper headers take one
# to three rows (a title, a spanning band, the labels); ten leaves room for odd ones.
MAX_HINT_HEADER_ROWS = 10


@dataclass(frozen=True)
class TableHint:
    """What release.yaml says about a document's table, when the reader cannot tell by itself
    (the `table:` key of a document entry; see the README). None / empty: not said."""

    pages: tuple[int, ...] | None = None  # PDF pages; Word table ordinals; Excel sheet positions
    pages_text: str | None = None  # as written, for messages
    index: int | None = None  # 1-based, among the tables found (on `pages`), in reading order
    header_rows: int | None = None
    columns: tuple[tuple[str, str], ...] = ()  # (printed header, family column as written)


@dataclass(frozen=True)
class DocumentRef:
    file: str  # path relative to the release folder, as written in the manifest
    path: Path  # resolved absolute path, checked to lie inside the release folder
    family: str | None = None
    encoding: str | None = None
    table: TableHint | None = None


@dataclass(frozen=True)
class Release:
    id: str
    title: str
    folder: Path
    financial_year: FinancialYear | None
    documents: tuple[DocumentRef, ...]

    @property
    def manifest_path(self) -> Path:
        return self.folder / MANIFEST_NAME


class _TableEntry(BaseModel):
    """A document's `table:` hints. pages: "2-5", "1,3" or 5; columns: printed header -> family
    column (its name or printed label, e.g. audience or "Target audience")."""

    model_config = ConfigDict(extra="forbid", strict=True)
    pages: str | int | None = None
    index: int | None = Field(default=None, ge=1)
    header_rows: int | None = Field(default=None, ge=1, le=MAX_HINT_HEADER_ROWS)
    columns: dict[str, str] | None = Field(default=None, min_length=1)

    @field_validator("pages")
    @classmethod
    def _page_ranges(cls, pages: str | int | None) -> str | int | None:
        if pages is not None:
            page_numbers(pages)  # ValueError with the reason: reported by _shape_error
        return pages

    @field_validator("columns")
    @classmethod
    def _family_columns(cls, columns: dict[str, str] | None) -> dict[str, str] | None:
        for printed, column in (columns or {}).items():
            if not printed.strip():
                raise ValueError("a printed header is empty")
            if family_column_of(column) is None:
                raise ValueError(f"{column!r} is no family column")
        return columns


class _DocumentEntry(BaseModel):
    """One entry of `documents:`: `- file: NAME` with optional keys, or just `- NAME`."""

    model_config = ConfigDict(extra="forbid", strict=True)
    file: str
    family: Literal[FAMILIES] | None = None  # type: ignore[valid-type]
    # Any value: encoding_problem names what is wrong with it (a list is "not a codec name").
    encoding: Any = None
    table: _TableEntry | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare_name(cls, entry: Any) -> Any:
        return {"file": entry} if isinstance(entry, str) else entry


class _Manifest(BaseModel):
    """release.yaml: every key there may be; strict, so text stays text and is never made from
    a number, a date or true/false."""

    model_config = ConfigDict(extra="forbid", strict=True)
    id: str | None = None
    title: str | None = None  # required, but "missing 'title'" is said by parse_manifest
    financial_year: str | None = None
    documents: list[_DocumentEntry] = Field(min_length=1)


def load_release(folder: Path) -> Release:
    """Read and check `folder/release.yaml`; every problem is one ManifestError naming the file."""
    folder = Path(folder).resolve()
    raw, lines = _read_manifest(folder)
    return parse_manifest(raw, folder, str(folder / MANIFEST_NAME), lines)


@dataclass(frozen=True)
class ManifestRead:
    """One reading of a release folder's release.yaml (what a run's plan keeps): the id the
    folder claims, read even when the manifest has other faults so that id clashes are still
    found (None when the manifest is unreadable or not a mapping), and the release or the error."""

    claimed_id: str | None
    release: Release | None = None
    error: ManifestError | None = None


def read_release(folder: Path) -> ManifestRead:
    """load_release, parsing the YAML once for both the claimed id and the release."""
    name = Path(folder).name
    folder = Path(folder).resolve()
    try:
        raw, lines = _read_manifest(folder)
    except ManifestError as error:
        return ManifestRead(None, error=error)
    claimed = str(raw.get("id") or name) if isinstance(raw, dict) else None
    try:
        return ManifestRead(claimed, parse_manifest(raw, folder, str(folder / MANIFEST_NAME), lines))
    except ManifestError as error:
        return ManifestRead(claimed, error=error)


def _read_manifest(folder: Path) -> tuple[object, dict[tuple[str, ...], int]]:
    """The YAML of `folder/release.yaml` (folder resolved) and the line of each key."""
    manifest = folder / MANIFEST_NAME
    if manifest.is_symlink():
        raise ManifestError(str(manifest), "release.yaml is a symbolic link; annex does not follow links",
                            fix="put the file itself in the release folder")
    if (kind := not_regular(manifest)) is not None:
        raise ManifestError(str(manifest), f"release.yaml is {kind}, not a regular file; annex does not open it",
                            fix="put the manifest itself, a plain file, in the release folder")
    if not manifest.is_file():
        raise ManifestError(
            str(manifest),
            "no release.yaml in the release folder",
            fix="add a release.yaml with title, financial_year and documents (see the README)",
        )
    size = manifest.stat().st_size
    if size > MAX_MANIFEST_BYTES:
        raise ManifestError(str(manifest), f"release.yaml is {size:,} bytes, over the limit of "
                            f"{MAX_MANIFEST_BYTES:,} (a manifest lists a few documents)",
                            fix="check it is the right file")
    try:
        raw, lines = load_yaml_lines(manifest.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise ManifestError(str(manifest), "not valid YAML: release.yaml must be UTF-8",
                            fix="save it as UTF-8", place=Place(line=_line_of(error))) from None
    except AliasRefused as error:
        raise ManifestError(str(manifest), "YAML aliases (*name) are not allowed in release.yaml",
                            fix="write the value out in full where the alias stands",
                            place=Place(line=error.mark.line + 1, detail=f"column {error.mark.column + 1}")) from None
    except yaml.YAMLError as error:
        raise _yaml_error(str(manifest), error) from None
    return raw, lines


def parse_manifest(raw: object, folder: Path, manifest_name: str,
                   lines: dict[tuple[str, ...], int] | None = None) -> Release:
    """Check a parsed manifest (pure apart from checking that the documents exist). `lines`
    (from load_yaml_lines) lets a fault of shape name the line of its key."""
    def fail(cause: str, fix: str | None = None) -> ManifestError:
        return ManifestError(manifest_name, cause, fix=fix)

    try:
        manifest = _Manifest.model_validate(raw)
    except ValidationError as error:
        raise _shape_error(shape_problem(error, lines or {}), manifest_name) from None
    release_id = manifest.id or folder.name
    if (problem := release_id_problem(release_id)) is not None:
        origin = "the id: key" if manifest.id else "the folder name (there is no id: key)"
        raise fail(f"release id {release_id!r} (from {origin}) is not allowed: {problem}",
                   fix=_ID_FIX + ("; set it with the id: key" if not manifest.id else ""))
    title = manifest.title
    if title is None or not title.strip():
        raise fail("missing 'title'", fix="add a one-line title for the release")
    financial_year = None
    if manifest.financial_year is not None:
        try:
            financial_year = FinancialYear.parse(manifest.financial_year)
        except ValueError as error:
            raise fail(f"financial_year: {error}", fix=_YEAR_FIX) from None
    refs = tuple(_parse_document(entry, index, folder, fail)
                 for index, entry in enumerate(manifest.documents, 1))
    seen: set[Path] = set()
    for ref in refs:
        if ref.path in seen:
            raise fail(f"document {ref.file!r} is listed twice", fix="list each document once")
        seen.add(ref.path)
    return Release(release_id, title.strip(), folder, financial_year, refs)


# Codecs Python knows that turn bytes into text, yet are no encoding a text dump is saved in:
# they would read escape sequences or domain names out of the cells.
_NOT_FILE_ENCODINGS = {"punycode", "idna", "unicode-escape", "raw-unicode-escape", "undefined"}


def encoding_problem(encoding: object) -> str | None:
    """Why a manifest's `encoding:` cannot decode a text dump, or None when it can."""
    if not isinstance(encoding, str):
        return f"{encoding!r} is not a codec name"
    try:
        info = codecs.lookup(encoding)
    except (LookupError, ValueError):
        return f"unknown encoding {encoding!r}"
    try:
        b"a".decode(encoding)  # LookupError for bytes-to-bytes and text-to-text codecs
    except UnicodeError:
        pass  # a text encoding (utf-16 cannot decode one byte)
    except LookupError:
        return f"{encoding!r} is not a text encoding (it transforms data, as base64 and rot13 do)"
    if info.name in _NOT_FILE_ENCODINGS:
        return f"{encoding!r} is not an encoding text files are saved in"
    return None


def _document_path(folder: Path, file: str, fail) -> Path:
    """The document's resolved path, checked: inside the folder, not through a link, a file."""
    path = (folder / file).resolve()
    if not path.is_relative_to(folder):
        raise fail(f"document path {file!r} points outside the release folder",
                   fix="put the document inside the release folder and name it relative to it")
    if _through_link(folder, file):
        raise fail(f"document {file!r} is a symbolic link; annex does not follow links",
                   fix="put the file itself in the release folder")
    if (kind := not_regular(path)) is not None:
        raise fail(f"document {file!r} is {kind}, not a regular file; annex does not open it",
                   fix="put the document itself, a plain file, in the release folder")
    if not path.is_file():
        raise fail(f"document {file!r} does not exist", fix=f"add the file to {folder} or fix its name")
    return path


_NOT_REGULAR = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"),
                (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def not_regular(path: Path) -> str | None:
    """What `path` is when it exists but is not a regular file (a FIFO would block the reader
    that opens it, a device never end), judged by os.lstat without opening it; None for a
    regular file, a symbolic link (refused on its own) or nothing there."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return None
    return next((kind for test, kind in _NOT_REGULAR if test(mode)), None)


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else f"{text[:width]}... ({len(text):,} characters)"


def _through_link(folder: Path, file: str) -> bool:
    """Is the document, or a folder on the way to it inside the release folder, a symbolic link?"""
    path = folder
    for part in Path(file).parts:
        path = path / part
        if path.is_symlink():
            return True
    return False


def release_id_problem(release_id: str) -> str | None:
    """Why a release id cannot name a curated partition (release=<id>), or None when it can."""
    if release_id != release_id.strip():
        return "it starts or ends with whitespace (a space, tab or newline)"
    if any(separator in release_id for separator in ("/", "\\")):
        return "it holds a path separator"
    if not release_id.isprintable():
        character = next(c for c in release_id if not c.isprintable())
        return f"it holds a non-printable character (U+{ord(character):04X})"
    if not _ID_PATTERN.fullmatch(release_id):
        return "only letters, digits, '.', '_' and '-' are allowed, up to 100, the first a letter or digit"
    return None


def _parse_document(entry: _DocumentEntry, index: int, folder: Path, fail) -> DocumentRef:
    file = entry.file
    try:
        path = _document_path(folder, file, fail)
    except (OSError, ValueError) as error:  # a name too long for the file system, a NUL in it
        cause = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise fail(f"document name {_short(file)!r} cannot be a file name here: {cause}",
                   fix="name the document by its real file name (shorter than the file system allows, no NUL)") from None
    encoding = entry.encoding
    if encoding is not None and (problem := encoding_problem(encoding)) is not None:
        raise fail(f"documents[{index}]: encoding: {problem}",
                   fix="name the text encoding the file was saved in, such as utf-8, cp1252, "
                   "latin-1 or utf-16")
    return DocumentRef(file=file, path=path, family=entry.family, encoding=encoding,
                       table=_table_hint(entry.table))


def page_numbers(pages: str | int) -> tuple[int, ...]:
    """A hint's pages ("2-5", "1,3", 5) as sorted page numbers; ValueError saying why not."""
    if isinstance(pages, int):
        if pages < 1:
            raise ValueError(f"page {pages}: pages start at 1")
        return (pages,)
    numbers: list[int] = []
    for part in pages.split(","):
        first, dash, last = part.strip().partition("-")
        if not (first.strip().isdigit() and (not dash or last.strip().isdigit())):
            raise ValueError(f"bad page range {part.strip()!r}: write pages like \"2-5\" or \"1,3\"")
        start, end = int(first), int(last) if dash else int(first)
        if start < 1 or end < start:
            raise ValueError(f"bad page range {part.strip()!r}: pages start at 1 and ranges go upwards")
        numbers.extend(range(start, end + 1))
    return tuple(sorted(set(numbers)))


def family_column_of(written: str) -> tuple[str, str] | None:
    """(family, column name) a hint's column value names: a column's name (`audience`) or its
    printed label (`Target audience`, `% achieved`, `Target` for `<year> Target`), any case."""
    for family in FAMILY_SPECS:
        if (column := named_column(family, written)) is not None:
            return family.name, column.name
    return None


def _table_hint(entry: _TableEntry | None) -> TableHint | None:
    if entry is None:
        return None
    pages = None if entry.pages is None else page_numbers(entry.pages)
    return TableHint(pages=pages, pages_text=None if entry.pages is None else str(entry.pages),
                     index=entry.index, header_rows=entry.header_rows,
                     columns=tuple((entry.columns or {}).items()))


_YEAR_FIX = "write it as e.g. '2015/16' (quoted)"
# How to write each text value when YAML read it as something else.
_TEXT_FIX = {
    "id": "write the id as text, in quotes (e.g. id: '2015-16-q2')",
    "title": "write a one-line title as text, in quotes if YAML reads it as a number or a date",
    "financial_year": _YEAR_FIX,
    "file": "write the file name as text, in quotes if YAML reads it as a number or a date",
}


def _shape_error(problem: ShapeProblem, manifest: str) -> ManifestError:
    """A fault of shape (from the pydantic models) as the ManifestError users see: the line of the
    key when known, the key (documents[N]: KEY inside the list, N from 1), the cause and the fix."""
    loc = problem.loc
    where = "".join(f"[{part + 1}]" if isinstance(part, int) else (": " if i else "") + str(part)
                    for i, part in enumerate(loc))

    def error(cause: str, fix: str) -> ManifestError:
        return ManifestError(manifest, cause, fix=fix, place=Place(line=problem.line))

    if len(loc) >= 3 and loc[2] == "table":
        return _table_hint_error(problem, manifest)
    if problem.kind == "unknown":
        allowed = _DocumentEntry.model_fields if loc else _Manifest.model_fields
        return error(f"{where + ': ' if where else ''}unknown key(s): {', '.join(problem.keys)}",
                     f"allowed keys are: {', '.join(sorted(allowed))}")
    if loc == ():
        return ManifestError(manifest, "expected a mapping with title, financial_year and documents",
                             fix="see the example in the README")
    if loc == ("documents",):
        return error("'documents' must be a non-empty list", "list each document as '- file: NAME'")
    if len(loc) == 2 or (problem.kind == "missing" and loc[-1] == "file"):
        return error(f"documents[{loc[1] + 1}] has no 'file'", "write '- file: NAME'")
    if loc[-1] == "family":
        return error(f"{where.rsplit(': ', 1)[0]}: unknown family {problem.value!r}",
                     f"use one of: {', '.join(FAMILIES)}, or leave it out to detect it")
    expected = problem.expected or "another value"
    return error(f"{where} must be {expected}, got {shown(problem.value)}",
                 _TEXT_FIX.get(str(loc[-1]), "see the example in the README"))


_HINT_FIX = {
    "pages": 'write pages as text, e.g. pages: "2-5" or pages: "1,3" (pages start at 1), or one number',
    "index": "count the tables found from 1, in reading order (`annex tables FILE` lists them)",
    "header_rows": f"count the rows the header takes (1 to {MAX_HINT_HEADER_ROWS}; usually 1 to 3)",
    "columns": 'map each printed header to a family column, e.g. columns: {"Who": "Target audience"}',
}


def _table_hint_error(problem: ShapeProblem, manifest: str) -> ManifestError:
    """A fault in a document's `table:` hints: documents[N]: table: KEY, the line, cause, fix."""
    loc = problem.loc[:4]  # a union's member ("pages", "str") and a columns entry are the key's
    where = f"documents[{loc[1] + 1}]: table" + "".join(f": {part}" for part in loc[3:])
    key = str(loc[3]) if len(loc) > 3 else ""

    def error(cause: str, fix: str) -> ManifestError:
        return ManifestError(manifest, cause, fix=fix, place=Place(line=problem.line))

    if problem.kind == "unknown":
        return error(f"{where}: unknown key(s): {', '.join(problem.keys)}",
                     f"allowed keys are: {', '.join(_TableEntry.model_fields)}")
    if not key:
        return error(f"{where} must be a mapping (key: value), got {shown(problem.value)}",
                     "write the hints under it, e.g. table: {pages: \"2-5\", header_rows: 2}")
    if key == "columns" and len(problem.loc) > 4:
        return error(f"{where}: {problem.loc[4]!r} must name a family column as text, got {shown(problem.value)}",
                     _HINT_FIX[key])
    if key == "columns" and problem.error_type == "too_short":
        return error(f"{where} is empty", _HINT_FIX[key] + ", or leave columns out")
    if key == "columns" and problem.reason:
        known = "; ".join(f"{f.name}: " + ", ".join(c.label for c in f.columns) for f in FAMILY_SPECS)
        return error(f"{where}: {problem.reason}", f"use a column of a family ({known})")
    if problem.reason:
        return error(f"{where}: {problem.reason}", _HINT_FIX[key])
    if problem.error_type in ("greater_than_equal", "less_than_equal"):
        bounds = "1 or more" if key == "index" else f"1 to {MAX_HINT_HEADER_ROWS}"
        return error(f"{where} must be {bounds}, got {shown(problem.value)}", _HINT_FIX[key])
    expected = {"pages": 'page numbers ("2-5", "1,3") or one page number', "index": "a whole number",
                "header_rows": "a whole number",
                "columns": "a non-empty mapping of printed header -> family column"}[key]
    return error(f"{where} must be {expected}, got {shown(problem.value)}", _HINT_FIX[key])


def discover_releases(raw_root: Location) -> list[Path | RemoteFolder]:
    """Release folders under raw/, sorted by name: every direct subfolder holding a release.yaml,
    and every one holding other files but no release.yaml, so a release whose manifest was
    forgotten fails with that error instead of being skipped in silence. Empty and hidden
    folders (and hidden files such as .DS_Store) are not releases. raw/ in a bucket: the same
    rule over its objects (pipeline/core/storage.py)."""
    if is_url(raw_root):
        return release_folders(raw_root, MANIFEST_NAME)
    raw_root = Path(raw_root)
    if not raw_root.is_dir():
        return []
    return sorted(p for p in raw_root.iterdir()
                  if p.is_dir() and not p.name.startswith(".") and _holds_files(p))


def declared_release_id(folder: Path) -> str | None:
    """The id a release folder claims: its manifest's `id:`, else the folder name; None when the
    manifest is missing or not a YAML mapping."""
    if isinstance(folder, RemoteFolder):
        return _declared_remote_id(folder)
    manifest = Path(folder) / MANIFEST_NAME
    try:
        if manifest.is_symlink() or not_regular(manifest) or manifest.stat().st_size > MAX_MANIFEST_BYTES:
            return None  # refused when the release is loaded
        raw = load_yaml(manifest.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    if not isinstance(raw, dict):
        return None
    return str(raw.get("id") or Path(folder).name)


def _declared_remote_id(folder: RemoteFolder) -> str | None:
    """declared_release_id of a release folder in a bucket (its release.yaml read, nothing else)."""
    try:
        data = read_bytes(folder / MANIFEST_NAME)
        raw = load_yaml(data.decode("utf-8")) if len(data) <= MAX_MANIFEST_BYTES else None
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None
    return str(raw.get("id") or folder.name) if isinstance(raw, dict) else None


def _holds_files(folder: Path) -> bool:
    return (folder / MANIFEST_NAME).is_file() or any(
        not p.name.startswith(".") for p in folder.iterdir())


def duplicate_release_ids(folders: list[Path]) -> dict[Path, ManifestError]:
    """Folders whose manifests claim a release id another folder also claims, each with the error
    to report (naming the other folders). Both would publish to the same curated partition, the
    later one overwriting the earlier, so neither may run. Only the id is read, so a clash is
    found even when a manifest has other faults; an unreadable manifest is left to the run."""
    return id_clashes({Path(folder): declared_release_id(folder) for folder in folders})


def id_clashes(claims: dict[Path, str | None]) -> dict[Path, ManifestError]:
    """Of folders and the release ids they claim (None: none readable), those whose id another
    folder claims too, each with the error naming the others."""
    by_id: dict[str, list[Path]] = {}
    for folder, release_id in claims.items():
        if release_id is not None:
            by_id.setdefault(release_id, []).append(folder)
    errors = {}
    for release_id, claimants in by_id.items():
        for folder in claimants if len(claimants) > 1 else ():
            others = ", ".join(str(f) for f in claimants if f != folder)
            errors[folder] = ManifestError(
                str(folder / MANIFEST_NAME), f"release id {release_id!r} is also used by {others}",
                fix="give each release folder its own id (the id: key, or the folder name when it "
                "has none); neither release is processed until then")
    return errors


def clash_errors(raw_root: Path, folders: list[Path]) -> dict[Path, ManifestError]:
    """duplicate_release_ids for the given folders, checked against every release folder under
    raw_root: a release run alone (`--release`) is refused exactly as in a full run."""
    wanted = {Path(f) for f in folders}
    candidates = discover_releases(raw_root)
    candidates += [f for f in map(Path, folders) if f not in candidates]
    return {f: e for f, e in duplicate_release_ids(candidates).items() if f in wanted}


def named_release_folder(raw_root: Path, name: str) -> Path:
    """The folder of a release named on the command line: a folder directly under raw_root (no
    path in the name), whose id no other folder claims."""
    raw_root = Path(raw_root)
    folder = raw_root / name
    if name in ("", ".", "..") or "/" in name or "\\" in name or not folder.is_dir():
        known = ", ".join(p.name for p in discover_releases(raw_root)) or "none"
        raise ManifestError(str(raw_root), f"no release folder named {name!r}",
                            fix=f"name a folder directly under {raw_root}; known releases: {known}")
    if (error := clash_errors(raw_root, [folder]).get(folder)) is not None:
        raise error
    return folder


def _yaml_error(manifest: str, error: yaml.YAMLError) -> ManifestError:
    """The problem and where PyYAML found it, as a Place (its own message spans five lines)."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None)
    if mark is None or not problem:
        return ManifestError(manifest, f"not valid YAML: {_one_line(error)}", fix="check indentation and quoting")
    context, context_mark = getattr(error, "context", None), getattr(error, "context_mark", None)
    cause = f"not valid YAML: {problem}"
    if context and context_mark is not None:
        cause += f" ({context} started on line {context_mark.line + 1})"
    return ManifestError(manifest, cause, fix="check indentation and quoting",
                         place=Place(line=mark.line + 1, detail=f"column {mark.column + 1}"))


def _line_of(error: UnicodeDecodeError) -> int:
    return error.object[: error.start].count(b"\n") + 1


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
