"""Table-extraction quality of read_pdf_tables against pdfplumber and Camelot, on generated PDFs
whose ground truth (the TableSpec each was made from) is known. These are the figures for
"generated PDFs"; real documents no one here made are measured by bench_pdf_realworld.py.

    python benchmarks/bench_pdf_accuracy.py [--quick] [--pdf-dir DIR] [--extractors a,b,...]

Corpus (deterministic): the two seed tables (typed in by hand, `generators.seed_specs`) under many
layouts of both engines (ruled, partly ruled, unruled; portrait, landscape; forced page breaks
with and without a repeated header; other fonts and sizes), the two sample-release PDFs, and
synthetic tables drawn with reportlab directly (right-aligned numbers, blank cells, a two-row
header with spanning cells, two tables on one page, a long table over pages). LibreOffice
conversions take ~2 s each: PDFs are made once per run in a temp dir (or kept in --pdf-dir and
reused across runs; file names carry a hash of what they show).

Extractors: annex `read_pdf_tables`; pdfplumber `page.extract_tables()` per page with default
settings ("lines") and with {"vertical_strategy": "text", "horizontal_strategy": "text"};
Camelot lattice and stream when camelot-py is installed (the `bench` extra, not a runtime dependency).

Scoring, per PDF, with cells whitespace-normalised (None = ""):
- rows returned: annex's HEADER and BODY rows (not its REPEATED_HEADER / NOTE / DEBRIS rows);
  every non-blank row of the other extractors. One occurrence of each header row per expected
  table is taken as that table's header; every other returned row is data.
- row recall: expected body rows returned whole as one row (same text, cells joined, so a row
  split into two rows or merged with another is missed). Precision: those matches / data rows
  returned (repeated headers, titles, notes, wrapped fragments returned as rows are errors).
- cell accuracy: share of all expected body cells (blank ones too) equal to the cell in the same
  column of the matched row; an expected row with no whole-row match is compared with the unused
  returned row sharing most of its cells, so a split row still earns its intact cells.
- table detection: an expected table is detected when one returned table holds all its matched
  rows (at least half of its rows) and no row of another expected table. pdfplumber and Camelot
  return one table per page, so a table continued over pages counts only if merged; "pieces" is
  the number of returned tables holding rows of expected tables.
- pages/s: pages over seconds spent inside the extractor (warm process, the PDF in memory).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import re
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

# The document generators live with the tests (tests/generators/), outside the installed package.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from generators.annex_pdf import (  # noqa: E402
    REPORTLAB_FONTS,
    Layout,
    TableSpec,
    header_merges,
    is_single_cell_row,
    libreoffice_available,
    write_pdf,
)
from generators.seed_specs import SEED_PAGE_BREAKS, SEED_SPECS  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
PLAN = "annex-c-cts-improvement-plan"
TRACKER = "annex-b-delivery-tracker-2015-16"

Cells = tuple[str, ...]
ReturnedTable = list[Cells]  # rows of one returned table, cells normalised


# ---------------------------------------------------------------------------------------------
# Corpus


@dataclass(frozen=True)
class Case:
    """One PDF of the corpus: the tables it shows (in order) and how it is made."""

    name: str
    tables: tuple[TableSpec, ...]
    make: Callable[[Path], object]  # writes the PDF at the given path
    recipe: str  # what makes the PDF (hashed into its cached file name)
    rules: str  # "ruled" | "part-ruled" | "unruled"
    engine: str  # "reportlab" | "LibreOff"
    content: str  # "seed" | "synthetic"
    repeat_header: bool = True


def seed_spec(stem: str) -> tuple[TableSpec, tuple[int, ...]]:
    """A seed table as typed in by hand from its dump, and where the dump's pages break: the
    ground truth never comes from the pipeline's own readers (issue 12, item 3)."""
    return SEED_SPECS[f"{stem}.txt"], SEED_PAGE_BREAKS[f"{stem}.txt"]


def rules_family(rules: str) -> str:
    return {"all": "ruled", "none": "unruled"}.get(rules, "part-ruled")


# Layouts for the seed tables (the tracker is always drawn landscape, as annexes print it).
SEED_LAYOUTS: dict[str, Layout] = {
    "rl-ruled": Layout(),
    "rl-unruled-landscape": Layout(ruled=False, landscape=True),
    "rl-horizontal-times": Layout(rules="horizontal", font="Times-Roman", font_size=10),
    "rl-header-rule-breaks-no-repeat": Layout(rules="header", rows_per_page=7, repeat_header=False),
    "rl-inner": Layout(rules="inner"),
    "rl-ruled-courier-break": Layout(font="Courier", font_size=7, page_break_before=(3,)),
    "rl-unruled-breaks-repeat": Layout(ruled=False, rows_per_page=10),
    "rl-unruled-6pt": Layout(ruled=False, font_size=6),
    "lo-ruled": Layout(engine="libreoffice", font="Liberation Sans"),
    "lo-unruled-landscape": Layout(engine="libreoffice", ruled=False, landscape=True, font="Liberation Serif"),
    "lo-breaks-no-repeat": Layout(engine="libreoffice", font="Liberation Sans", font_size=11, rows_per_page=9,
                                  repeat_header=False),
    "lo-inner": Layout(engine="libreoffice", rules="inner", font="Liberation Sans"),
    "lo-split-rows": Layout(engine="libreoffice", font="Liberation Sans", split_rows=True),
    "lo-unruled-12pt-breaks": Layout(engine="libreoffice", ruled=False, font="Liberation Serif", font_size=12,
                                     rows_per_page=12),
}
QUICK_SEED_LAYOUTS = ("rl-ruled", "rl-unruled-landscape", "rl-header-rule-breaks-no-repeat", "rl-inner", "lo-ruled")


def layout_case(name: str, spec: TableSpec, layout: Layout, content: str) -> Case:
    return Case(
        name=name, tables=(spec,), make=lambda path: write_pdf(spec, layout, path), recipe=repr((spec, layout)),
        rules=rules_family(layout.rules), engine="reportlab" if layout.engine == "reportlab" else "LibreOff",
        content=content, repeat_header=layout.repeat_header,
    )


def seed_cases(layout_names: Sequence[str], with_libreoffice: bool) -> list[Case]:
    cases = []
    for stem, short in ((PLAN, "plan"), (TRACKER, "tracker")):
        spec, _ = seed_spec(stem)
        for name in layout_names:
            layout = SEED_LAYOUTS[name]
            if layout.engine == "libreoffice" and not with_libreoffice:
                continue
            if short == "tracker" and not layout.landscape:
                layout = Layout(**{**layout.__dict__, "landscape": True})
            cases.append(layout_case(f"{short}/{name}", spec, layout, "seed"))
    return cases


def sample_release_cases() -> list[Case]:
    """The sample release's PDFs (made from the seed dumps with their page breaks)."""
    folder = REPO / "raw" / "2015-16-q2"
    cases = []
    for stem, rules in ((PLAN, "ruled"), (TRACKER, "ruled")):
        pdf = folder / f"{stem}.pdf"
        if not pdf.is_file():
            continue
        spec, _ = seed_spec(stem)
        data = pdf.read_bytes()
        cases.append(Case(name=f"sample/{stem[:7]}", tables=(spec,), make=lambda path, d=data: path.write_bytes(d),
                          recipe=hashlib.sha1(data).hexdigest(), rules=_sample_rules(pdf, rules),
                          engine="LibreOff" if b"LibreOffice" in data else "reportlab",
                          content="seed"))
    return cases


def _sample_rules(pdf: Path, fallback: str) -> str:
    """Ruled when the PDF draws rulings (the samples' layouts are not recorded beside them)."""
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        return "ruled" if len(page.lines) + len(page.rects) >= 4 else "unruled"


# Synthetic tables: generic words, seeded numbers.

SERVICES = [
    "Adult social care", "Children's services", "Highways and transport", "Waste collection and disposal",
    "Libraries, museums and heritage sites", "Planning and building control", "Housing benefit administration",
    "Public health", "Parks and open spaces", "Trading standards", "Council tax collection",
    "Coroners and registration services", "Economic development and regeneration", "Street cleaning",
    "Leisure centres and swimming pools run by the council's trust", "Emergency planning", "Homelessness prevention",
    "Schools transport", "Democratic services", "Environmental health",
]
COMMENTS = ["", "", "", "On track", "Overspend on agency staff", "Grant received late in the year",
            "Savings from the new contract", "n/a"]


def _money(rng: random.Random) -> str:
    value = rng.randint(-900, 90000)
    if rng.random() < 0.12:
        return ""  # blank cell
    return f"({-value:,})" if value < 0 else f"{value:,}"


def budget_spec(n_rows: int, seed: int) -> TableSpec:
    """A numeric table: a two-row header with spanning cells, money columns with blanks."""
    rng = random.Random(seed)
    rows = []
    for i in range(n_rows):
        service = SERVICES[i % len(SERVICES)] + ("" if i < len(SERVICES) else f" ({i // len(SERVICES) + 1})")
        budget = [_money(rng) for _ in range(4)]
        variance = "" if rng.random() < 0.15 else f"{rng.uniform(-40, 60):.1f}%"
        rows.append((service, *budget, variance, rng.choice(COMMENTS)))
    return TableSpec(
        title=(f"Appendix {seed}: revenue budget monitoring",),
        header_rows=(
            ("Service", "Budget (£000)", "", "Actual (£000)", "", "Variance", "Comment"),
            ("", "2015/16", "2016/17", "Q1", "Q2", "", ""),
        ),
        rows=tuple(rows),
        notes=("Figures in brackets are underspends.",),
    )


def meetings_spec(seed: int) -> TableSpec:
    rng = random.Random(seed)
    bodies = ["Cabinet", "Scrutiny committee", "Audit and governance committee", "Full council", "Planning committee",
              "Health and wellbeing board"]
    months = ["June", "July", "September", "October", "November", "December", "January", "February", "March"]
    rows = [(body, f"{rng.randint(1, 28)} {rng.choice(months)}", rng.choice(["Town hall", "Civic centre", "Online", ""]))
            for body in bodies]
    return TableSpec(title=("Meeting dates",), header_rows=(("Meeting", "Date", "Venue"),), rows=tuple(rows))


def members_spec(seed: int) -> TableSpec:
    rng = random.Random(seed)
    names = ["A. Khan", "B. Smith", "C. Jones", "D. Patel", "E. Williams"]
    roles = ["Chair", "Vice-chair", "Member", "Member", "Co-opted member"]
    rows = [(n, r, str(rng.randint(2005, 2015))) for n, r in zip(names, roles)]
    return TableSpec(title=("Membership",), header_rows=(("Name", "Role", "Member since"),), rows=tuple(rows),
                     notes=("Co-opted members do not vote.",))


NUMBER = re.compile(r"^\(?-?[£$]?[\d,]+(\.\d+)?%?\)?$")


def write_composed(specs: Sequence[TableSpec], path: Path, *, rules: str, landscape: bool = False,
                   repeat_header: bool = True, font_size: float = 9) -> Path:
    """Tables one after another (several on a page when they fit) with numbers right-aligned: what
    annex_pdf's generator does not draw, composed with reportlab directly."""
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_RIGHT
    from reportlab.lib.pagesizes import A4, landscape as to_landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    leading = font_size * 1.2
    styles = {
        "cell": ParagraphStyle("cell", fontName="Helvetica", fontSize=font_size, leading=leading),
        "number": ParagraphStyle("number", fontName="Helvetica", fontSize=font_size, leading=leading, alignment=TA_RIGHT),
        "head": ParagraphStyle("head", fontName=REPORTLAB_FONTS["Helvetica"], fontSize=font_size, leading=leading),
        "title": ParagraphStyle("title", fontName="Helvetica-Bold", fontSize=font_size + 3, leading=(font_size + 3) * 1.2,
                                spaceAfter=4),
    }
    page = to_landscape(A4) if landscape else A4
    frame_w = page[0] - 2 * 60
    story: list = []
    for spec in specs:
        story += [Paragraph(line, styles["title"]) for line in spec.title]
        widths = column_widths(spec, frame_w, font_size)
        data = [[Paragraph(c, styles["head"]) for c in row] for row in spec.header_rows]
        data += [[Paragraph(c, styles["number" if NUMBER.match(c) else "cell"]) for c in row] for row in spec.rows]
        n_head = len(spec.header_rows)
        style: list[tuple] = [("VALIGN", (0, 0), (-1, -1), "TOP")]
        style += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in header_merges(spec.header_rows)]
        style += [("SPAN", (0, n_head + i), (-1, n_head + i)) for i, row in enumerate(spec.rows) if is_single_cell_row(row)]
        black = colors.black
        if rules == "all":
            style.append(("GRID", (0, 0), (-1, -1), 0.5, black))
        elif rules == "horizontal":
            style += [("LINEABOVE", (0, 0), (-1, 0), 0.5, black), ("LINEBELOW", (0, 0), (-1, -1), 0.5, black)]
        elif rules == "header":
            style.append(("LINEBELOW", (0, n_head - 1), (-1, n_head - 1), 0.5, black))
        elif rules == "inner":
            style.append(("INNERGRID", (0, 0), (-1, -1), 0.5, black))
        story.append(Table(data, colWidths=widths, style=style, repeatRows=n_head if repeat_header else 0, hAlign="LEFT"))
        story += [Paragraph(line, styles["cell"]) for line in spec.notes]
        story.append(Spacer(1, 28))
    doc = SimpleDocTemplate(str(path), pagesize=page, leftMargin=54, rightMargin=54, topMargin=54, bottomMargin=54,
                            invariant=1)
    doc.build(story)
    return path


def column_widths(spec: TableSpec, frame_w: float, font_size: float) -> list[float]:
    """Each column as wide as its longest word plus padding; the room left shared out by the
    columns' mean text length (words are never cut, as in an autofitted word-processor table)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    spanned = {(r, c) for r0, c0, r1, c1 in header_merges(spec.header_rows) if c1 > c0 for r in [r0] for c in [c0]}
    least, mean = [], []
    for c in range(spec.n_columns):
        texts = [row[c] for r, row in enumerate(spec.header_rows) if (r, c) not in spanned]
        texts += [row[c] for row in spec.rows if not is_single_cell_row(row)]
        words = [w for t in texts for w in t.split()] or ["x"]
        least.append(max(stringWidth(w, "Helvetica-Bold", font_size) for w in words) + 14)
        mean.append(sum(len(t) for t in texts) / len(texts) + 1)
    room = max(frame_w - sum(least), 0.0)
    return [w + room * m / sum(mean) for w, m in zip(least, mean)]


def composed_case(name: str, specs: Sequence[TableSpec], *, rules: str, landscape: bool = False,
                  repeat_header: bool = True, font_size: float = 9) -> Case:
    return Case(
        name=name, tables=tuple(specs),
        make=lambda path: write_composed(specs, path, rules=rules, landscape=landscape, repeat_header=repeat_header,
                                         font_size=font_size),
        recipe=repr((specs, rules, landscape, repeat_header, font_size, "composed-v1")),
        rules=rules_family(rules), engine="reportlab", content="synthetic", repeat_header=repeat_header,
    )


def synthetic_cases(quick: bool, with_libreoffice: bool) -> list[Case]:
    short, long_ = budget_spec(14, seed=1), budget_spec(75, seed=2)
    pair = (meetings_spec(3), members_spec(4))
    cases = [
        composed_case("budget/ruled", [short], rules="all"),
        composed_case("budget/unruled", [short], rules="none"),
        composed_case("two-tables/ruled", pair, rules="all"),
        composed_case("two-tables/unruled", pair, rules="none"),
        composed_case("budget-long/ruled-repeat", [long_], rules="all"),
        composed_case("budget-long/header-rule-no-repeat", [long_], rules="header", repeat_header=False),
    ]
    if quick:
        return cases
    cases += [
        composed_case("budget/horizontal-landscape", [short], rules="horizontal", landscape=True),
        composed_case("budget/inner-7pt", [short], rules="inner", font_size=7),
        composed_case("two-tables/horizontal", pair, rules="horizontal"),
        composed_case("budget-long/unruled-repeat", [long_], rules="none"),
        composed_case("budget-long/unruled-no-repeat", [long_], rules="none", repeat_header=False),
        layout_case("budget/rl-generator-ruled", short, Layout(), "synthetic"),
    ]
    if with_libreoffice:
        cases += [
            layout_case("budget/lo-ruled", short, Layout(engine="libreoffice", font="Liberation Sans"), "synthetic"),
            layout_case("budget/lo-unruled", short, Layout(engine="libreoffice", ruled=False, font="Liberation Sans"),
                        "synthetic"),
            layout_case("budget-long/lo-horizontal-repeat", long_,
                        Layout(engine="libreoffice", rules="horizontal", font="Liberation Serif"), "synthetic"),
        ]
    return cases


def corpus(quick: bool) -> list[Case]:
    with_lo = libreoffice_available()
    layouts = QUICK_SEED_LAYOUTS if quick else tuple(SEED_LAYOUTS)
    return seed_cases(layouts, with_lo) + ([] if quick else sample_release_cases()) + synthetic_cases(quick, with_lo)


def built_pdf(case: Case, folder: Path) -> Path:
    """The case's PDF in `folder`, made on first use (the name carries a hash of its recipe)."""
    digest = hashlib.sha1(case.recipe.encode()).hexdigest()[:12]
    path = folder / f"{case.name.replace('/', '--')}-{digest}.pdf"
    if not path.exists():
        partial = path.with_suffix(".part.pdf")
        case.make(partial)
        partial.replace(path)
    return path


# ---------------------------------------------------------------------------------------------
# Extractors: PDF -> returned tables (rows of cells); each imports its library on first use


def norm(cell: object) -> str:
    return " ".join(str(cell).split()) if cell is not None else ""


def normalised(rows: Sequence[Sequence[object]]) -> ReturnedTable:
    return [tuple(norm(c) for c in row) for row in rows]


def extract_annex(path: Path, data: bytes) -> list[ReturnedTable]:
    from pipeline.core.errors import DocumentError
    from pipeline.core.model import LineKind
    from pipeline.extract.pdf_tables import read_pdf_tables

    try:
        tables = read_pdf_tables(data, path.name)
    except DocumentError:  # "no table found" and friends: nothing returned
        return []
    data_kinds = (LineKind.HEADER, LineKind.BODY)
    return [normalised([r.cells for r in t.lines if r.kind in data_kinds]) for t in tables]


def _pdfplumber(data: bytes, settings: dict | None) -> list[ReturnedTable]:
    import pdfplumber

    out = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            out += [normalised(t) for t in page.extract_tables(settings)]
            page.close()
    return out


def extract_pdfplumber_lines(path: Path, data: bytes) -> list[ReturnedTable]:
    return _pdfplumber(data, None)


def extract_pdfplumber_text(path: Path, data: bytes) -> list[ReturnedTable]:
    return _pdfplumber(data, {"vertical_strategy": "text", "horizontal_strategy": "text"})


def _camelot(path: Path, flavor: str) -> list[ReturnedTable]:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "No tables found on page-N" for every unruled page
        tables = camelot.read_pdf(str(path), pages="all", flavor=flavor)
    return [normalised(t.df.values.tolist()) for t in tables]


EXTRACTORS: dict[str, Callable[[Path, bytes], list[ReturnedTable]]] = {
    "annex": extract_annex,
    "pdfplumber lines": extract_pdfplumber_lines,
    "pdfplumber text": extract_pdfplumber_text,
    "camelot lattice": lambda path, data: _camelot(path, "lattice"),
    "camelot stream": lambda path, data: _camelot(path, "stream"),
}


def camelot_available() -> bool:
    try:
        import camelot  # noqa: F401
    except Exception:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Scoring


@dataclass
class Score:
    """Counts for one extractor over one or more PDFs; ratios are computed at print time."""

    pdfs: int = 0
    pages: int = 0
    seconds: float = 0.0
    failures: int = 0  # PDFs on which the extractor raised
    tables_expected: int = 0
    tables_detected: int = 0
    tables_returned: int = 0
    pieces: int = 0  # returned tables holding rows of expected tables
    rows_expected: int = 0
    rows_matched: int = 0  # returned whole as one row
    rows_returned: int = 0  # data rows returned (one header occurrence per table not counted)
    cells_expected: int = 0
    cells_correct: int = 0

    def add(self, other: "Score") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def row_text(cells: Sequence[str]) -> str:
    return " ".join(c for c in (norm(x) for x in cells) if c)


def cells_equal(expected: Sequence[str], returned: Sequence[str]) -> int:
    """How many expected cells (blank ones too) equal the returned cell in the same column."""
    return sum(norm(e) == (returned[c] if c < len(returned) else "") for c, e in enumerate(expected))


def score_pdf(expected: Sequence[TableSpec], returned: Sequence[ReturnedTable]) -> Score:
    flat = [(t, row) for t, table in enumerate(returned) for row in table if any(row)]
    by_text: dict[str, list[int]] = defaultdict(list)
    for i, (_, row) in enumerate(flat):
        by_text[row_text(row)].append(i)
    used = [False] * len(flat)

    def take(text: str) -> int | None:
        for i in by_text.get(text, ()):
            if not used[i]:
                used[i] = True
                return i
        return None

    headers = sum(take(row_text(h)) is not None for spec in expected for h in spec.header_rows if row_text(h))
    score = Score(tables_expected=len(expected), tables_returned=len(returned), rows_returned=len(flat) - headers)
    matched: list[list[int | None]] = []  # per expected table, per body row: index in flat
    exact: list[list[bool]] = []
    for spec in expected:
        found = [take(row_text(row)) for row in spec.rows]
        matched.append(found)
        exact.append([i is not None for i in found])
    # rows with no whole-row match: the unused returned row sharing most cells (a split row's part)
    for spec, found in zip(expected, matched):
        for j, row in enumerate(spec.rows):
            if found[j] is not None:
                continue
            best, best_shared = None, 0
            for i, (_, cells) in enumerate(flat):
                if not used[i]:
                    shared = sum(bool(norm(e)) and norm(e) == (cells[c] if c < len(cells) else "")
                                 for c, e in enumerate(row))
                    if shared > best_shared:
                        best, best_shared = i, shared
            if best is not None:
                used[best] = True
                found[j] = best
    owner: dict[int, set[int]] = defaultdict(set)  # returned table -> expected tables it holds rows of
    for k, found in enumerate(matched):
        for i in found:
            if i is not None:
                owner[flat[i][0]].add(k)
    score.pieces = len(owner)
    for k, (spec, found, whole) in enumerate(zip(expected, matched, exact)):
        score.rows_expected += len(spec.rows)
        score.rows_matched += sum(whole)
        score.cells_expected += len(spec.rows) * spec.n_columns
        score.cells_correct += sum(cells_equal(row, flat[i][1]) for row, i in zip(spec.rows, found) if i is not None)
        holders = {flat[i][0] for i in found if i is not None}
        hits = sum(i is not None for i in found)
        if len(holders) == 1 and 2 * hits >= len(spec.rows) and owner[next(iter(holders))] == {k}:
            score.tables_detected += 1
    return score


# ---------------------------------------------------------------------------------------------
# Report


@dataclass
class Result:
    case: Case
    pages: int
    scores: dict[str, Score] = field(default_factory=dict)

    def families(self) -> list[str]:
        paging = "1-page" if self.pages == 1 else ("pages+hdr" if self.case.repeat_header else "pages-hdr")
        return [self.case.rules, paging, self.case.engine, self.case.content]


# Columns of the report: how the table is ruled; one page, or over pages with the header repeated
# (pages+hdr) or not (pages-hdr); the engine that drew it; seed tables or synthetic ones.
FAMILY_ORDER = ["ruled", "part-ruled", "unruled", "1-page", "pages+hdr", "pages-hdr", "reportlab",
                "LibreOff", "seed", "synthetic", "all"]

METRICS: list[tuple[str, Callable[[Score], str]]] = [
    ("tables detected (merged over pages) / expected",
     lambda s: f"{s.tables_detected}/{s.tables_expected}"),
    ("per-page pieces holding expected rows / tables returned",
     lambda s: f"{s.pieces}/{s.tables_returned}"),
    ("row recall % (expected body rows returned whole)",
     lambda s: _pct(s.rows_matched, s.rows_expected)),
    ("row precision % (data rows returned that are expected rows)",
     lambda s: _pct(s.rows_matched, s.rows_returned)),
    ("cell accuracy % (expected cells equal in the matched row and column)",
     lambda s: _pct(s.cells_correct, s.cells_expected)),
    ("pages/s", lambda s: f"{s.pages / s.seconds:.1f}" if s.seconds else "-"),
]


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else "-"


def aggregate(results: Sequence[Result], extractors: Sequence[str]) -> dict[str, dict[str, Score]]:
    totals: dict[str, dict[str, Score]] = {name: defaultdict(Score) for name in extractors}
    for result in results:
        for name, score in result.scores.items():
            for family in result.families() + ["all"]:
                totals[name][family].add(score)
    return totals


def print_report(results: Sequence[Result], extractors: Sequence[str]) -> None:
    totals = aggregate(results, extractors)
    families = [f for f in FAMILY_ORDER if any(f in totals[n] for n in extractors)]
    counts = {f: sum(f in r.families() + ["all"] for r in results) for f in families}
    width = max(len(f) for f in families) + 2
    print("\nPDFs per family: " + ", ".join(f"{f} {counts[f]}" for f in families))
    for title, show in METRICS:
        print(f"\n{title}")
        print(f"{'extractor':18}" + "".join(f"{f:>{width}}" for f in families))
        for name in extractors:
            print(f"{name:18}" + "".join(f"{show(totals[name][f]) if f in totals[name] else '-':>{width}}"
                                        for f in families))
    print("\nSummary (all generated PDFs)")
    for name in extractors:
        s = totals[name]["all"]
        print(f"{name:18} tables {s.tables_detected}/{s.tables_expected} detected ({s.tables_returned} returned, "
              f"{s.pieces} pieces)  row recall {_pct(s.rows_matched, s.rows_expected)}%  precision "
              f"{_pct(s.rows_matched, s.rows_returned)}%  cells {_pct(s.cells_correct, s.cells_expected)}%  "
              f"{s.pages / s.seconds if s.seconds else 0:.1f} pages/s  ({s.pages} pages, {s.failures} failures)")


def page_count(data: bytes) -> int:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def run(cases: Sequence[Case], extractors: Sequence[str], folder: Path, verbose: bool) -> list[Result]:
    results = []
    for case in cases:
        path = built_pdf(case, folder)
        data = path.read_bytes()
        result = Result(case, page_count(data))
        for name in extractors:
            start = time.perf_counter()
            failures = 0
            try:
                returned = EXTRACTORS[name](path, data)
            except Exception as error:  # a crash is scored as nothing returned
                returned, failures = [], 1
                if verbose:
                    print(f"  {name} failed on {case.name}: {type(error).__name__}: {error}", file=sys.stderr)
            seconds = time.perf_counter() - start
            score = score_pdf(case.tables, returned)
            score.pdfs, score.pages, score.seconds, score.failures = 1, result.pages, seconds, failures
            result.scores[name] = score
        results.append(result)
        if verbose:
            print(f"{case.name:40} {result.pages:>2}p  " + "  ".join(
                f"{n}: {_pct(s.rows_matched, s.rows_expected)}/{_pct(s.cells_correct, s.cells_expected)}"
                for n, s in result.scores.items()), flush=True)
    return results


def warm_up(extractors: Sequence[str], case: Case, folder: Path) -> None:
    """Import every library once, so pages/s measures extraction, not imports."""
    path = built_pdf(case, folder)
    for name in extractors:
        try:
            EXTRACTORS[name](path, path.read_bytes())
        except Exception:
            pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="a small corpus (reportlab mostly, one LibreOffice layout)")
    parser.add_argument("--pdf-dir", type=Path, help="keep generated PDFs here and reuse them (default: a temp dir)")
    parser.add_argument("--extractors", help=f"comma-separated subset of: {', '.join(EXTRACTORS)}")
    parser.add_argument("-v", "--verbose", action="store_true", help="per-PDF row recall/cell accuracy as it runs")
    args = parser.parse_args(argv)
    extractors = args.extractors.split(",") if args.extractors else list(EXTRACTORS)
    unknown = [e for e in extractors if e not in EXTRACTORS]
    if unknown:
        parser.error(f"unknown extractor(s) {unknown}: choose from {list(EXTRACTORS)}")
    if any(e.startswith("camelot") for e in extractors) and not camelot_available():
        print("camelot-py is not installed: Camelot not measured (pip install -e '.[bench]')")
        extractors = [e for e in extractors if not e.startswith("camelot")]
    cases = corpus(args.quick)
    if not libreoffice_available():
        print("LibreOffice (soffice) not found: word-processor layouts left out")
    print(f"{len(cases)} generated PDFs, extractors: {', '.join(extractors)}", flush=True)
    with tempfile.TemporaryDirectory(prefix="annex-accuracy-") as tmp:
        folder = args.pdf_dir or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        for case in cases:
            built_pdf(case, folder)
        print(f"corpus ready in {time.perf_counter() - start:.0f} s", flush=True)
        warm_up(extractors, cases[0], folder)
        results = run(cases, extractors, folder, args.verbose)
    print_report(results, extractors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
