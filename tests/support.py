"""Helpers shared by test modules (import as `from support import ...`)."""

from __future__ import annotations

import io
from pathlib import Path

import yaml
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from pipeline.extract.pdf.layout import Word

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


def pdf_of_objects(objects: list[bytes]) -> bytes:
    """A PDF of the given objects (1-based, object 1 the catalog) with a correct xref table: for
    hand-written PDFs no generator writes (an empty page tree, a form drawn ten million times)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def drawn_pdf(*pages, size=A4, rotate: int = 0) -> bytes:
    """A PDF with one page per callable, each drawing on a reportlab canvas (invariant: the same
    drawing gives the same bytes)."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=size, invariant=1)
    for draw in pages:
        if rotate:
            page.setPageRotation(rotate)
        draw(page)
        page.showPage()
    page.save()
    return buffer.getvalue()


def words_on_line(top: float, *items: tuple[str, float]) -> list[Word]:
    """Words of one line for the PDF reader's steps: phrases as (text, x0), each character 5 pt
    wide, ordinary 2.5 pt word spaces, 10 pt type from `top` down."""
    words = []
    for text, x0 in items:
        for part in text.split(" "):
            words.append(Word(part, x0, x0 + 5 * len(part), top, top + 10, 10.0))
            x0 += 5 * len(part) + 2.5
    return words
