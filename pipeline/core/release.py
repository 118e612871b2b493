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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from pipeline.core.errors import ManifestError
from pipeline.core.fiscal import FinancialYear

MANIFEST_NAME = "release.yaml"
FAMILIES = ("plan", "tracker")
_RELEASE_KEYS = {"id", "title", "financial_year", "documents"}
_DOCUMENT_KEYS = {"file", "family", "encoding"}
_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


@dataclass(frozen=True)
class DocumentRef:
    file: str  # path relative to the release folder, as written in the manifest
    path: Path  # resolved absolute path, checked to lie inside the release folder
    family: str | None = None
    encoding: str | None = None


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


def load_release(folder: Path) -> Release:
    """Read and check `folder/release.yaml`; every problem is one ManifestError naming the file."""
    folder = Path(folder).resolve()
    manifest = folder / MANIFEST_NAME
    if not manifest.is_file():
        raise ManifestError(
            str(manifest),
            "no release.yaml in the release folder",
            fix="add a release.yaml with title, financial_year and documents (see the README)",
        )
    try:
        raw = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ManifestError(str(manifest), f"not valid YAML: {_one_line(error)}",
                            fix="check indentation and quoting") from None
    return parse_manifest(raw, folder, str(manifest))


def parse_manifest(raw: object, folder: Path, manifest_name: str) -> Release:
    """Check a parsed manifest (pure apart from checking that the documents exist)."""
    def fail(cause: str, fix: str | None = None) -> ManifestError:
        return ManifestError(manifest_name, cause, fix=fix)

    if not isinstance(raw, dict):
        raise fail("expected a mapping with title, financial_year and documents",
                   fix="see the example in the README")
    unknown = sorted(set(map(str, raw)) - _RELEASE_KEYS)
    if unknown:
        raise fail(f"unknown key(s): {', '.join(unknown)}",
                   fix=f"allowed keys are: {', '.join(sorted(_RELEASE_KEYS))}")
    release_id = str(raw.get("id") or folder.name)
    if not _ID_PATTERN.match(release_id):
        raise fail(f"release id {release_id!r} is not allowed",
                   fix="use letters, digits, '.', '_' and '-' (e.g. 2015-16-q2)")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise fail("missing 'title'", fix="add a one-line title for the release")
    financial_year = None
    if raw.get("financial_year") is not None:
        try:
            financial_year = FinancialYear.parse(str(raw["financial_year"]))
        except ValueError as error:
            raise fail(f"financial_year: {error}", fix="write it as e.g. '2015/16' (quoted)") from None
    documents = raw.get("documents")
    if not isinstance(documents, list) or not documents:
        raise fail("'documents' must be a non-empty list", fix="list each document as '- file: NAME'")
    refs = tuple(_parse_document(entry, index, folder, fail) for index, entry in enumerate(documents, 1))
    seen: set[Path] = set()
    for ref in refs:
        if ref.path in seen:
            raise fail(f"document {ref.file!r} is listed twice", fix="list each document once")
        seen.add(ref.path)
    return Release(release_id, title.strip(), folder, financial_year, refs)


def _parse_document(entry: object, index: int, folder: Path, fail) -> DocumentRef:
    if isinstance(entry, str):
        entry = {"file": entry}
    if not isinstance(entry, dict) or "file" not in entry:
        raise fail(f"documents[{index}] has no 'file'", fix="write '- file: NAME'")
    unknown = sorted(set(map(str, entry)) - _DOCUMENT_KEYS)
    if unknown:
        raise fail(f"documents[{index}]: unknown key(s): {', '.join(unknown)}",
                   fix=f"allowed keys are: {', '.join(sorted(_DOCUMENT_KEYS))}")
    file = str(entry["file"])
    path = (folder / file).resolve()
    if not path.is_relative_to(folder):
        raise fail(f"document path {file!r} points outside the release folder",
                   fix="put the document inside the release folder and name it relative to it")
    if not path.is_file():
        raise fail(f"document {file!r} does not exist", fix=f"add the file to {folder} or fix its name")
    family = entry.get("family")
    if family is not None and family not in FAMILIES:
        raise fail(f"documents[{index}]: unknown family {family!r}",
                   fix=f"use one of: {', '.join(FAMILIES)}, or leave it out to detect it")
    encoding = entry.get("encoding")
    if encoding is not None:
        import codecs

        try:
            codecs.lookup(str(encoding))
        except LookupError:
            raise fail(f"documents[{index}]: unknown encoding {encoding!r}",
                       fix="use a Python codec name such as utf-8 or cp1252") from None
    return DocumentRef(file=file, path=path, family=family, encoding=encoding)


def discover_releases(raw_root: Path) -> list[Path]:
    """Release folders under raw/: every direct subfolder holding a release.yaml, sorted by name."""
    raw_root = Path(raw_root)
    return sorted(p.parent for p in raw_root.glob(f"*/{MANIFEST_NAME}"))


def _one_line(error: Exception) -> str:
    return " ".join(str(error).split())
