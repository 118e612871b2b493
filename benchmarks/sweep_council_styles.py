"""Sweeps of the styles the tools councils use, beyond the catalogue: the next plan and another
programme's tracker (tests/council_tools/content.py), each printed in every variant of one
dimension, read by annex `read_pdf_tables` and compared with the typed cells.

    python benchmarks/sweep_council_styles.py [--out DIR] [--reuse] [--sweeps word,html,calc,word_pages,...]

- word: python-docx's built-in table styles (each with and without "Accent 2"), through Writer;
- html: CSS as web frameworks and council sites style tables, through headless Chromium;
- calc: sheet styles (gridlines, borders round all cells or the header only, header fills,
  wrapped or not, font sizes), through Calc;
- word_pages, html_pages, calc_pages: the same styles on a plan and a tracker long enough to run
  over two pages or more (Word's tracker without its header repeated, Calc's plan with print
  titles): one table expected, its header once.

It prints each variant read wrong (what was read of the header, how many body rows are wrong,
the first of them) and per sweep the count read wrong. A variant found wrong that the reader
should read joins the catalogue (tests/council_tools/catalogue.py), as a fixture or a strict
expected failure; the sweeps find them, the catalogue keeps them. A tool that is not installed
is reported and its sweep skipped. The expected answers are the typed cells, never a reader's
output. Note: CSS `text-transform: uppercase` prints other text than was typed; that variant is
kept to show it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))  # the catalogue lives with the tests that use it

from council_tools import catalogue, check, content, html as html_tool, office  # noqa: E402
from council_tools.catalogue import (PLAN_WIDTHS_PT, REPORT_TEXT, _HTML_TRACKER_HEADER, _NEXT_PLAN,  # noqa: E402
                                     _OTHER_TRACKER, _TRACKER_CHARS, styled_tracker)
from council_tools.spec import TypedTable  # noqa: E402

WORD_STYLES = ("Light Shading", "Light List", "Light Grid", "Medium Shading 1", "Medium Shading 2", "Medium List 1",
               "Medium List 2", "Medium Grid 1", "Medium Grid 2", "Medium Grid 3", "Dark List", "Colorful Shading",
               "Colorful List", "Colorful Grid")

CSS = {
    "govuk": "table{width:100%} th,td{border-bottom:1px solid #b1b4b6;padding:10px 20px 10px 0} th{font-weight:700}",
    "framework": "table{width:100%} th,td{padding:.5rem;border-top:1px solid #dee2e6}"
                 " thead th{border-bottom:2px solid #dee2e6;vertical-align:bottom}",
    "framework_striped": "table{width:100%} th,td{padding:.3rem} tbody tr:nth-of-type(odd){background:rgba(0,0,0,.05)}"
                         " thead th{border-bottom:2px solid #dee2e6}",
    "framework_bordered": "table{width:100%} th,td{padding:.3rem;border:1px solid #dee2e6}",
    "framework_dark": "table{width:100%;background:#343a40;color:#fff} th,td{padding:.3rem;border-top:1px solid #454d55}",
    "html_border_attribute": "table{border-collapse:separate;border-spacing:2px;border:1px outset grey}"
                             " td,th{border:1px inset grey;padding:1px}",
    "no_css": "",
    "serif_booktabs": "body{font-family:'Liberation Serif',serif;font-size:11pt} th{text-align:center;"
                      "border-bottom:1.5pt solid #000} table{border-top:1.5pt solid #000;border-bottom:1.5pt solid #000}",
    "uppercase_headings": "table{width:100%} tr{border-bottom:1px solid #e5e7eb} th{background:#f9fafb;"
                          "text-transform:uppercase;font-size:8pt;letter-spacing:.05em}",
    "dark_header_ruled_rows": "th{background:#005ea5;color:#fff} td{border-bottom:1px solid #ccc}",
    "middle_aligned": "td,th{vertical-align:middle;border:0.5pt solid #888} th{background:#eee}",
    "small_tight": "body{font-size:8pt} th,td{padding:1pt 2pt;border:0.25pt solid #000}",
    "zebra_no_header_rule": "tbody tr:nth-child(even){background:#f2f2f2} th{text-align:left}",
    "outer_frame_only": "table{border:1pt solid #000} th{border-bottom:1pt solid #000}",
    "column_rules_only": "td,th{border-left:0.5pt solid #000;border-right:0.5pt solid #000}"
                         " table{border-top:0.5pt solid #000;border-bottom:0.5pt solid #000}",
    "large_padding": "th,td{padding:12pt 8pt;border-bottom:0.5pt solid #999}",
}

# (gridlines, borders, header borders, header fill, wrap, font size)
SHEETS = ((False, False, False, None, True, 10), (False, False, False, "1F3864", True, 10),
          (False, False, True, None, True, 10), (True, False, False, "D9D9D9", True, 10),
          (False, True, False, "D9D9D9", True, 8), (False, False, False, None, True, 12),
          (True, True, False, None, True, 9), (False, False, False, "FFFF00", True, 11),
          (False, True, False, None, False, 10), (False, False, False, None, False, 10))


def word_variants() -> dict[str, tuple[TypedTable, office.WordLayout]]:
    out = {}
    for base in WORD_STYLES:
        for style in (base, f"{base} Accent 2"):
            key = style.lower().replace(" ", "_")
            out[f"plan_{key}"] = (_NEXT_PLAN, office.WordLayout(PLAN_WIDTHS_PT, style=style, before=REPORT_TEXT[:1]))
            out[f"tracker_{key}"] = (_OTHER_TRACKER, styled_tracker(style))
    return out


def _css_variants(plan: TypedTable, tracker_rows: tuple, prefix: str = "") -> dict:
    """Each CSS style on the plan (portrait) and on a tracker of these rows (landscape)."""
    tracker = TypedTable(_HTML_TRACKER_HEADER, tracker_rows)
    out = {}
    for name, css in CSS.items():
        out[f"{prefix}plan_{name}"] = (plan, html_tool.HtmlLayout(css, before=REPORT_TEXT[:1]))
        out[f"{prefix}tracker_{name}"] = (tracker, html_tool.HtmlLayout(
            css + " .num{text-align:right} @page{size:A4 landscape}", numeric_from=2, before=REPORT_TEXT[:1]))
    return out


def html_variants() -> dict[str, tuple[TypedTable, html_tool.HtmlLayout]]:
    return _css_variants(_NEXT_PLAN, content.tracker(content.TRACKER_ROWS_OTHER).body)


def _sheet_styles():
    """(name, SheetLayout options) of each sheet style in SHEETS."""
    for grid, borders, header_borders, fill, wrap, size in SHEETS:
        yield ((f"grid{int(grid)}_borders{int(borders)}_header{int(header_borders)}_fill{fill or 'none'}"
                f"_wrap{int(wrap)}_{size}pt"),
               dict(gridlines=grid, borders=borders, header_borders=header_borders, header_fill=fill, wrap=wrap,
                    font_pt=size))


def calc_variants() -> dict[str, tuple[TypedTable, office.SheetLayout]]:
    out = {}
    for key, common in _sheet_styles():
        out[f"plan_{key}"] = (_NEXT_PLAN, office.SheetLayout((40.0, 24.0, 30.0, 16.0), **common))
        out[f"tracker_{key}"] = (_OTHER_TRACKER, office.SheetLayout(_TRACKER_CHARS, landscape=True, **common))
    return out


# long enough to run over two pages or more in every style: the plan portrait, the tracker landscape
_LONG_PLAN = TypedTable(_NEXT_PLAN.header, _NEXT_PLAN.body * 4)
_LONG_TRACKER = content.tracker(content.TRACKER_ROWS + content.TRACKER_ROWS_OTHER + content.TRACKER_ROWS)


def word_pages_variants() -> dict[str, tuple[TypedTable, office.WordLayout]]:
    out = {}
    for style in WORD_STYLES:
        key = style.lower().replace(" ", "_")
        out[f"long_plan_{key}"] = (_LONG_PLAN, office.WordLayout(PLAN_WIDTHS_PT, style=style, before=REPORT_TEXT[:1]))
        out[f"long_tracker_{key}_no_repeat"] = (_LONG_TRACKER, styled_tracker(style, repeat_header=False))
    return out


def html_pages_variants() -> dict[str, tuple[TypedTable, html_tool.HtmlLayout]]:
    return _css_variants(_LONG_PLAN, _LONG_TRACKER.body, "long_")


def calc_pages_variants() -> dict[str, tuple[TypedTable, office.SheetLayout]]:
    out = {}
    for key, common in _sheet_styles():
        out[f"long_plan_{key}_repeat"] = (_LONG_PLAN, office.SheetLayout((40.0, 24.0, 30.0, 16.0), repeat_header=True,
                                                                        **common))
        out[f"long_tracker_{key}"] = (_LONG_TRACKER, office.SheetLayout(_TRACKER_CHARS, landscape=True, **common))
    return out


def build(sweep: str, variants: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    sweep = sweep.removesuffix("_pages")
    if sweep == "html":
        html_tool.print_all({n: html_tool.table_html(t, layout, n) for n, (t, layout) in variants.items()}, folder)
        return
    write, suffix = (office.write_word, ".docx") if sweep == "word" else (office.write_sheet, ".xlsx")
    office.convert_all([write(t, layout, folder / f"{n}{suffix}") for n, (t, layout) in variants.items()], folder)


def report(variants: dict, folder: Path) -> int:
    wrong = 0
    for name, (table, _) in variants.items():
        found = check.read_with_annex(folder / f"{name}.pdf")
        want_head, want_body = check.expected(table)
        if len(found) == 1 and found[0] == (want_head, want_body):
            continue
        wrong += 1
        if len(found) != 1:
            print(f"  {name}: {len(found)} tables read")
            continue
        head, body = found[0]
        bad = [(g, w) for g, w in zip(body, want_body) if g != w]
        print(f"  {name}: header {'exact' if head == want_head else head}; body rows wrong "
              f"{len(bad) + abs(len(body) - len(want_body))} of {len(want_body)}")
        if bad:
            print(f"      first: {bad[0][0]}\n      typed: {bad[0][1]}")
    return wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/annex-style-sweeps"), help="where the PDFs go")
    parser.add_argument("--reuse", action="store_true", help="read the PDFs already in --out")
    parser.add_argument("--sweeps", default="word,html,calc", help="which sweeps, comma-separated")
    args = parser.parse_args()
    sweeps = {"word": ("word", word_variants), "html": ("html", html_variants), "calc": ("calc", calc_variants),
              "word_pages": ("word", word_pages_variants), "html_pages": ("html", html_pages_variants),
              "calc_pages": ("calc", calc_pages_variants)}
    for sweep in args.sweeps.split(","):
        tool, make = sweeps[sweep]
        missing = catalogue.available(tool)
        if missing:
            print(f"{sweep}: skipped ({missing})")
            continue
        variants = make()
        folder = args.out / sweep
        if not (args.reuse and all((folder / f"{n}.pdf").exists() for n in variants)):
            build(sweep, variants, folder)
        print(f"{sweep}: {len(variants)} variants")
        wrong = report(variants, folder)
        print(f"{sweep}: {wrong} of {len(variants)} read wrong")


if __name__ == "__main__":
    main()
