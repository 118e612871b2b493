"""The catalogue: every fixture, the layout its tool prints it with, and `build(tool, folder)`
which prints all of one tool's fixtures (one soffice run for Word and Calc, Chromium two at a
time) and returns {name: Built}."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from council_tools import content, html as html_tool, office, platypus as rl
from council_tools.content import (BOOKINGS, BUDGET, CLOSE_FIGURES, EVENTS, LONG_ACTIVITY, LONG_AUDIENCE_ROW, MONEY,
                                   PLAN_HEADER, PLAN_ROWS, PLAN_ROWS_NEXT_YEAR, SERVICE_SPEND, SEXES, SPENDING,
                                   TRACKER_ROWS_OTHER)
from council_tools.spec import Built, Fixture, TypedTable

TOOLS = ("word", "calc", "html", "reportlab")

REPORT_TEXT = (
    "The board agreed the improvement programme for the year in April and asked officers to report "
    "progress against each activity at every meeting.",
    "The activities below were planned with the councils that asked for support; dates marked "
    "CONFIRMED have a venue booked and the rest are expected in the month shown.",
    "Members are asked to note the programme and the budget set out in the second table.",
)
PLAN_WIDTHS_PT = (190.0, 100.0, 130.0, 67.0)
TRACKER_WIDTHS_PT = (70.0, 170.0, 48.0, 44.0, 44.0, 44.0, 44.0, 36.0, 50.0, 120.0)

# ------------------------------------------------------------------------------------------------
# Word (python-docx, LibreOffice Writer)

# the long row placed where the page runs out: rows above it fill most of page 1 (Writer, and
# platypus after two paragraphs, both break it over the page)
_BROKEN = TypedTable((PLAN_HEADER,), (*PLAN_ROWS[:21], (LONG_ACTIVITY, "12/16 October - CONFIRMED",
                                                          "Leaders and chief executives (9)", "place"),
                                      *PLAN_ROWS[21:]))


def _long_audience_after(rows: int) -> TypedTable:
    """The plan with the long-audience row after its first `rows` rows, then four more: placed
    where each tool's page runs out (the rows above fill the rest of page 1 after the prose)."""
    return TypedTable((PLAN_HEADER,), (*PLAN_ROWS[:rows], LONG_AUDIENCE_ROW, *PLAN_ROWS[rows:rows + 4]))


# the columns of the audience variants: a wide audience column, narrower activity and date
AUDIENCE_WIDTHS_PT = (130.0, 90.0, 200.0, 67.0)

_LONG_PLAN = TypedTable((PLAN_HEADER,), PLAN_ROWS + PLAN_ROWS[4:16])
_NEXT_PLAN = TypedTable((PLAN_HEADER,), PLAN_ROWS_NEXT_YEAR)
_OTHER_TRACKER = content.tracker(TRACKER_ROWS_OTHER)
_LIST_BEFORE = ("Note the progress made against the programme in the first half of the year.",
                "Agree the activities planned for the rest of the year, set out in the table below.",
                "Ask officers to report again in March.")
MONEY_WIDTHS_PT = (130.0, 90.0, 90.0, 90.0, 60.0)
# three pages at 12 pt, dates and audiences not yet known left blank mid-table
_BLANKS_PLAN = content.with_blanks(content.with_blanks(
    TypedTable((PLAN_HEADER,), PLAN_ROWS + PLAN_ROWS[::-1] + PLAN_ROWS[:12]), 7, 1, 3), 9, 2, 5)

def styled_tracker(style: str, **options) -> office.WordLayout:
    """A tracker in a Word built-in table style: landscape, 9 pt, figures right-aligned, a
    paragraph of the report above it (the layout every style sweep and styled fixture uses)."""
    return office.WordLayout(TRACKER_WIDTHS_PT, style=style, right=tuple(range(2, 9)), landscape=True, font_size=9,
                             before=REPORT_TEXT[:1], **options)


WORD: dict[str, tuple[Fixture, office.WordLayout]] = {
    "word_borders_plan": (
        Fixture("word_borders_plan", "word", (content.plan(12),), "plan", about="Word table, all borders"),
        office.WordLayout(PLAN_WIDTHS_PT)),
    "word_borderless_tracker": (
        Fixture("word_borderless_tracker", "word", (content.tracker(),), "tracker",
                about="Word table without borders, left-aligned labels over right-aligned figures"),
        office.WordLayout(TRACKER_WIDTHS_PT, borders=False, right=tuple(range(2, 9)), landscape=True, font_size=9)),
    "word_shaded_header_plan": (
        Fixture("word_shaded_header_plan", "word", (content.plan(10, start=12),), "plan",
                about="Word table, shaded header row"),
        office.WordLayout(PLAN_WIDTHS_PT, header_fill="BFBFBF")),
    "word_row_over_page_plan": (
        Fixture("word_row_over_page_plan", "word", (_BROKEN,), "plan",
                about="Word table, a long row broken over the page (rows may break), header repeated"),
        office.WordLayout(PLAN_WIDTHS_PT, font_size=11, before=REPORT_TEXT[:2])),
    "word_unruled_plan_over_pages": (
        Fixture("word_unruled_plan_over_pages", "word", (_LONG_PLAN,), "plan",
                about="Word table without borders after prose, over two pages, header repeated"),
        office.WordLayout(PLAN_WIDTHS_PT, borders=False, font_size=11, before=REPORT_TEXT)),
    "word_vmerge_theme": (
        Fixture("word_vmerge_theme", "word", (content.delivery_by_theme(),),
                about="Word table, theme cell merged down (vMerge) over its deliverables"),
        office.WordLayout((100.0, 180.0, 130.0, 77.0))),
    "word_narrow_columns_plan": (
        Fixture("word_narrow_columns_plan", "word", (content.plan(10, start=2),), "plan",
                about="Word table with narrow columns: most cells wrap over 3-5 lines"),
        office.WordLayout((80.0, 74.0, 66.0, 62.0))),
    "word_paragraphs_and_bullets": (
        Fixture("word_paragraphs_and_bullets", "word", (EVENTS,),
                about="Word table, cells of two paragraphs or a lead-in and a bulleted list"),
        office.WordLayout((120.0, 250.0, 117.0))),
    "word_landscape_section_tracker": (
        Fixture("word_landscape_section_tracker", "word", (content.tracker(),), "tracker",
                about="Word, prose in a portrait section, the tracker in a landscape section, 8 pt"),
        office.WordLayout(TRACKER_WIDTHS_PT, right=tuple(range(2, 9)), font_size=8, before=REPORT_TEXT,
                          landscape_table_section=True, heading="Annex B: Delivery tracker 2015/16")),
    "word_three_pages_blanks": (
        Fixture("word_three_pages_blanks", "word", (_BLANKS_PLAN,),
                about="Word table, 12 pt, header repeated over three pages, blank cells mid-table"),
        office.WordLayout(PLAN_WIDTHS_PT, font_size=12, before=REPORT_TEXT[:1])),
    "word_row_over_page_audience": (
        Fixture("word_row_over_page_audience", "word", (_long_audience_after(22),), "plan",
                about="Word table, rows may break: a long audience (third column) broken over the page, "
                      "wide audience column"),
        office.WordLayout(AUDIENCE_WIDTHS_PT, font_size=11, before=REPORT_TEXT[:2])),
    "word_long_row_at_page_foot": (
        Fixture("word_long_row_at_page_foot", "word", (_long_audience_after(20),), "plan",
                about="Word table, rows may break: a long row ends at the page's foot whole, the next row "
                      "(no word of it would fit the cells above) starts page 2"),
        office.WordLayout(AUDIENCE_WIDTHS_PT, font_size=11, before=REPORT_TEXT[:2])),
    "word_banded_borderless_plan": (
        Fixture("word_banded_borderless_plan", "word", (_NEXT_PLAN,), "plan",
                about="Word table without borders, every other body row shaded: the shading its only marks"),
        office.WordLayout(PLAN_WIDTHS_PT, borders=False, band_fill="DCE6F1", before=REPORT_TEXT[:1])),
    "word_money_right_aligned": (
        Fixture("word_money_right_aligned", "word", (MONEY,),
                about="Word Table Grid, 9 pt, money to the penny right-aligned (£1,234.50), a totals row"),
        office.WordLayout(MONEY_WIDTHS_PT, right=(1, 2, 3, 4), font_size=9, before=REPORT_TEXT[2:])),
    "word_times_after_numbered_list_plan": (
        Fixture("word_times_after_numbered_list_plan", "word", (_NEXT_PLAN,), "plan",
                about="Word, Times-like 12 pt, the table right after a numbered list, bold header centred "
                      "over left-aligned cells"),
        office.WordLayout(PLAN_WIDTHS_PT, font="Liberation Serif", font_size=12, before=REPORT_TEXT[:1],
                          numbered_before=_LIST_BEFORE, header_centred=True)),
    "word_vmerge_over_pages": (
        Fixture("word_vmerge_over_pages", "word", (content.long_delivery_by_theme(),),
                about="Word Table Grid after prose, over two pages, header repeated, themes merged down (vMerge) "
                      "across the page break, a row broken there"),
        office.WordLayout((100.0, 200.0, 120.0, 67.0), font_size=11, before=REPORT_TEXT)),
    "word_centred_header_tracker": (
        Fixture("word_centred_header_tracker", "word", (_OTHER_TRACKER,), "tracker",
                about="Word Table Grid, landscape, 9 pt, header centred, narrow cell margins, another "
                      "programme's tracker"),
        office.WordLayout(TRACKER_WIDTHS_PT, right=tuple(range(2, 9)), landscape=True, font_size=9,
                          header_centred=True, header_fill="D9D9D9", cell_margin_pt=2.0)),
    # Word's built-in table styles (the Table Design gallery), as Writer draws them
    "word_medium_shading_plan": (
        Fixture("word_medium_shading_plan", "word", (_NEXT_PLAN,), "plan",
                about="Word style 'Medium Shading 1 Accent 1': an outer frame, the header ruled off, the body's "
                      "rows shown by banded fills only"),
        office.WordLayout(PLAN_WIDTHS_PT, style="Medium Shading 1 Accent 1", before=REPORT_TEXT[:1])),
    "word_light_shading_plan": (
        Fixture("word_light_shading_plan", "word", (content.plan(12, start=6),), "plan",
                about="Word style 'Light Shading Accent 1': rules above and below the header and table, banded rows"),
        office.WordLayout(PLAN_WIDTHS_PT, style="Light Shading Accent 1", before=REPORT_TEXT[:1])),
    "word_light_list_tracker": (
        Fixture("word_light_list_tracker", "word", (_OTHER_TRACKER,), "tracker",
                about="Word style 'Light List Accent 1': a dark header band of white text over two rows without "
                      "a rule between them, an outer frame, landscape"),
        styled_tracker("Light List Accent 1")),
    "word_light_list_no_repeat_tracker": (
        Fixture("word_light_list_no_repeat_tracker", "word", (_OTHER_TRACKER,), "tracker",
                about="Word style 'Light List', header rows not marked to repeat (Word's default): the style fills "
                      "the first row only, the quarters' sub-labels ruled above and below, the header band's fill "
                      "ending where the first theme's row starts, landscape"),
        styled_tracker("Light List", repeat_header=False)),
    "word_colorful_list_tracker": (
        Fixture("word_colorful_list_tracker", "word", (_OTHER_TRACKER,), "tracker",
                about="Word style 'Colorful List Accent 1': rows banded in two colours over a background fill, no "
                      "rulings in the body, landscape"),
        styled_tracker("Colorful List Accent 1")),
    "word_light_grid_serif_plan": (
        Fixture("word_light_grid_serif_plan", "word", (_NEXT_PLAN,), "plan",
                about="Word style 'Light Grid Accent 1', Times-like 11 pt"),
        office.WordLayout(PLAN_WIDTHS_PT, style="Light Grid Accent 1", font="Liberation Serif", font_size=11)),
    # built-in styles that LibreOffice draws leaving the header or the first column outside the
    # grid: the grid's rulings and fills cover the body's other columns only
    "word_medium_list2_plan": (
        Fixture("word_medium_list2_plan", "word", (_NEXT_PLAN,), "plan",
                about="Word style 'Medium List 2': the header above a heavy rule, outside the grid that rules and "
                      "bands the body's columns but the first"),
        office.WordLayout(PLAN_WIDTHS_PT, style="Medium List 2", before=REPORT_TEXT[:1])),
    "word_medium_grid2_plan": (
        Fixture("word_medium_grid2_plan", "word", (_NEXT_PLAN,), "plan",
                about="Word style 'Medium Grid 2': every column ruled and shaded but the first, its text beside the grid"),
        office.WordLayout(PLAN_WIDTHS_PT, style="Medium Grid 2", before=REPORT_TEXT[:1])),
    "word_medium_grid2_tracker": (
        Fixture("word_medium_grid2_tracker", "word", (_OTHER_TRACKER,), "tracker",
                about="Word style 'Medium Grid 2' tracker: the theme column beside the grid, empty but for its "
                      "heading and the themes, landscape"),
        styled_tracker("Medium Grid 2")),
    "word_dark_list_plan": (
        Fixture("word_dark_list_plan", "word", (_NEXT_PLAN,), "plan",
                about="Word style 'Dark List Accent 2': the header above the grid, the body dark"),
        office.WordLayout(PLAN_WIDTHS_PT, style="Dark List Accent 2", before=REPORT_TEXT[:1])),
    "word_dark_list_tracker": (
        Fixture("word_dark_list_tracker", "word", (_OTHER_TRACKER,), "tracker",
                about="Word style 'Dark List': one dark fill behind the table, each cell filled on its own in the same "
                      "colour, no rule between rows, landscape"),
        styled_tracker("Dark List")),
    "word_dark_list_empty_quarters_tracker": (
        Fixture("word_dark_list_empty_quarters_tracker", "word", (content.tracker(),), "tracker",
                about="Word style 'Dark List', header rows not marked to repeat: the seam between two rows' fills "
                      "broken where both leave their later quarters empty, landscape"),
        styled_tracker("Dark List", repeat_header=False)),
    "word_colorful_shading_tracker": (
        Fixture("word_colorful_shading_tracker", "word", (_OTHER_TRACKER,), "tracker",
                about="Word style 'Colorful Shading': the header and first theme row above the grid, the theme "
                      "column beside it, theme rows dark bands, landscape"),
        styled_tracker("Colorful Shading")),
    "word_medium_shading_tracker": (
        Fixture("word_medium_shading_tracker", "word", (_OTHER_TRACKER,), "tracker",
                about="Word style 'Medium Shading 1 Accent 1' tracker, landscape, 9 pt, figures right-aligned"),
        office.WordLayout(TRACKER_WIDTHS_PT, style="Medium Shading 1 Accent 1", landscape=True, font_size=9,
                          right=tuple(range(2, 9)))),
}

# ------------------------------------------------------------------------------------------------
# Calc (openpyxl, LibreOffice Calc)

_PLAN_CHARS = (34.0, 22.0, 26.0, 14.0)
_CALC_LONG_PLAN = TypedTable((PLAN_HEADER,), (PLAN_ROWS + PLAN_ROWS_NEXT_YEAR) * 2)
_TRACKER_CHARS = (14.0, 34.0, 9.0, 8.0, 8.0, 8.0, 8.0, 7.0, 10.0, 24.0)
_CALC_LONG_TRACKER = content.tracker(content.TRACKER_ROWS + TRACKER_ROWS_OTHER)

CALC: dict[str, tuple[Fixture, office.SheetLayout]] = {
    "calc_gridlines_tracker": (
        Fixture("calc_gridlines_tracker", "calc", (content.tracker(),), "tracker",
                about="Calc, gridlines printed, right-aligned % then left-aligned commentary, landscape"),
        office.SheetLayout(_TRACKER_CHARS, gridlines=True, landscape=True, wrap=True)),
    "calc_borders_plan": (
        Fixture("calc_borders_plan", "calc", (content.plan(14, start=4),), "plan",
                about="Calc, cell borders, wrapped cells"),
        office.SheetLayout((26.0, 17.0, 20.0, 10.0), borders=True, wrap=True,
                           title="Annex C: Culture, tourism and sport improvement plan")),
    "calc_merged_tracker": (
        Fixture("calc_merged_tracker", "calc", (content.tracker(),), "tracker",
                about="Calc, cell borders, merged header cells, wrapped, landscape"),
        office.SheetLayout(_TRACKER_CHARS, borders=True, wrap=True, landscape=True, header_fill="D9D9D9")),
    "calc_gridlines_sexes": (
        Fixture("calc_gridlines_sexes", "calc", (SEXES,), about="Calc, gridlines, Total over Male | Female"),
        office.SheetLayout((14.0, 9.0, 9.0, 9.0, 9.0, 9.0, 9.0), gridlines=True)),
    "calc_two_row_header_dates": (
        Fixture("calc_two_row_header_dates", "calc", (BOOKINGS,),
                about="Calc, header over two rows bordered, no gridlines, dates as dates, 'n/a' and blank counts"),
        office.SheetLayout((30.0, 12.0, 10.0, 10.0, 12.0), header_borders=True, wrap=True)),
    "calc_fit_width_small_tracker": (
        Fixture("calc_fit_width_small_tracker", "calc", (content.tracker(),), "tracker",
                about="Calc, wide columns fitted to one landscape page width: glyphs scaled to about 5 pt"),
        office.SheetLayout(tuple(2 * w for w in _TRACKER_CHARS), borders=True, wrap=True, landscape=True)),
    "calc_scaled_money": (
        Fixture("calc_scaled_money", "calc", (MONEY,),
                about="Calc, printed at 60%, money formats (£, to the penny, minus before £), %, cell borders, "
                      "a title merged over the table"),
        office.SheetLayout((24.0, 16.0, 16.0, 16.0, 9.0), borders=True, scale=60, title_merged=True,
                           title="Budget monitoring 2016/17")),
    "calc_repeat_rows_plan": (
        Fixture("calc_repeat_rows_plan", "calc", (_CALC_LONG_PLAN,), "plan",
                about="Calc, gridlines, header repeated at the top of three pages (print titles), wrapped"),
        office.SheetLayout(_PLAN_CHARS, gridlines=True, wrap=True, repeat_header=True)),
    "calc_merged_title_tracker": (
        Fixture("calc_merged_title_tracker", "calc", (_OTHER_TRACKER,), "tracker",
                about="Calc, a bold title merged across all columns above a bordered tracker, landscape"),
        office.SheetLayout(_TRACKER_CHARS, borders=True, wrap=True, landscape=True, title_merged=True,
                           title="Annex B: Delivery tracker 2015/16")),
    "calc_gridlines_dark_header_plan": (
        Fixture("calc_gridlines_dark_header_plan", "calc", (_NEXT_PLAN,), "plan",
                about="Calc, gridlines printed, a dark fill behind the header, wrapped cells"),
        office.SheetLayout((40.0, 24.0, 30.0, 16.0), gridlines=True, wrap=True, header_fill="1F3864")),
    "calc_header_box_tracker": (
        Fixture("calc_header_box_tracker", "calc", (_OTHER_TRACKER,), "tracker",
                about="Calc, no gridlines, the header's cells bordered alone, the body plain: theme labels alone on "
                      "their lines under the box, landscape"),
        office.SheetLayout(_TRACKER_CHARS, header_borders=True, wrap=True, landscape=True)),
    "calc_landscape_scaled_plan": (
        Fixture("calc_landscape_scaled_plan", "calc", (_NEXT_PLAN,), "plan",
                about="Calc, landscape at 80%, header cells bordered alone, 9 pt wrapped body"),
        office.SheetLayout((40.0, 24.0, 30.0, 16.0), header_borders=True, wrap=True, landscape=True, scale=80,
                           font_pt=9)),
    "calc_plain_tracker": (
        Fixture("calc_plain_tracker", "calc", (_OTHER_TRACKER,), "tracker",
                about="Calc, no gridlines or borders, wrapped, landscape: each label set flush left right after "
                      "the figures of the column before, a group label merged over the quarters"),
        office.SheetLayout(_TRACKER_CHARS, wrap=True, landscape=True)),
    "calc_plain_long_tracker": (
        Fixture("calc_plain_long_tracker", "calc", (_CALC_LONG_TRACKER,), "tracker",
                about="Calc, no gridlines or borders, wrapped, landscape, over two pages without print titles: rows "
                      "about as far apart as a block's gap, some a hair over it; page 2 glues one percentage to its "
                      "commentary, the edge shown on page 1"),
        office.SheetLayout(_TRACKER_CHARS, wrap=True, landscape=True)),
    "calc_header_box_long_tracker": (
        Fixture("calc_header_box_long_tracker", "calc", (_CALC_LONG_TRACKER,), "tracker",
                about="Calc, the header's cells bordered alone over a plain body, landscape, over two pages: "
                      "page 2 goes on unruled"),
        office.SheetLayout(_TRACKER_CHARS, header_borders=True, wrap=True, landscape=True)),
    "calc_plain_tall_rows_tracker": (
        Fixture("calc_plain_tall_rows_tracker", "calc", (_OTHER_TRACKER,), "tracker",
                about="Calc, no gridlines or borders, 12 pt wrapped, landscape: the header set apart from the "
                      "body by more than a paragraph's gap"),
        office.SheetLayout(_TRACKER_CHARS, wrap=True, landscape=True, font_pt=12)),
}

# ------------------------------------------------------------------------------------------------
# HTML (headless Chromium)

_THEAD_PLAN = TypedTable((PLAN_HEADER,), PLAN_ROWS + PLAN_ROWS[:20])  # long enough for two pages
_ZEBRA_PLAN = TypedTable((PLAN_HEADER,), PLAN_ROWS * 3)  # long enough for three pages
_HTML_TRACKER_HEADER = (
    ("Theme", "Deliverables", "2015/16 Target", "Delivered per quarter", "", "", "", "Total", "% achieved",
     "Commentary/forecast"),
    content.TRACKER_HEADER[1],
)
_REGIONS = TypedTable(
    header=(("Region", "Year", "Applications", "", "Decisions", ""),
            ("", "", "Received", "Valid", "Approved", "Refused")),
    body=(("North", "2014", "1,204", "1,150", "988", "97"), ("", "2015", "1,310", "1,262", "1,071", "110"),
          ("South", "2014", "2,085", "1,997", "1,744", "182"), ("", "2015", "2,190", "2,101", "1,850", "173"),
          ("East", "2014", "860", "841", "730", "66"), ("", "2015", "902", "880", "771", "70")),
    body_merges=((2, 0, 3, 0), (4, 0, 5, 0), (6, 0, 7, 0)),
)
_DARK = "th { background: #1f3864; color: #fff; vertical-align: bottom; } td, th { border: 0.5pt solid #777; }"
# a CSS framework's table (Bootstrap's .table): wide padding, a light rule above every cell
_BOOTSTRAP = ("td, th { padding: 12px; border-top: 1px solid #dee2e6; } thead th { border-bottom: 2px solid #dee2e6; }"
              " .num { text-align: right; }")
_ZEBRA = ("tbody tr:nth-child(even) td { background: #e8eef7; } th { border-bottom: 1pt solid #000; }")

HTML: dict[str, tuple[Fixture, html_tool.HtmlLayout]] = {
    # CSS as web frameworks and council sites style tables
    "html_striped_full_width_tracker": (
        Fixture("html_striped_full_width_tracker", "html", (content.tracker(TRACKER_ROWS_OTHER, header=_HTML_TRACKER_HEADER),),
                "tracker",
                about="Chromium, a framework's striped table at full width: labels flush left over figures flush "
                      "right far from them, 'Delivered per quarter' over Q1-Q4 reaching over Q1's figures only"),
        html_tool.HtmlLayout("table{width:100%} th,td{padding:.3rem} tbody tr:nth-of-type(odd){background:rgba(0,0,0,.05)}"
                             " thead th{border-bottom:2px solid #dee2e6} .num{text-align:right}"
                             " @page{size:A4 landscape}", numeric_from=2, before=REPORT_TEXT[:1])),
    "html_column_rules_plan": (
        Fixture("html_column_rules_plan", "html", (_NEXT_PLAN,), "plan",
                about="Chromium, rules between the columns and above and below the table, none between rows"),
        html_tool.HtmlLayout("td,th{border-left:0.5pt solid #000;border-right:0.5pt solid #000}"
                             " table{border-top:0.5pt solid #000;border-bottom:0.5pt solid #000}", before=REPORT_TEXT[:1])),
    "html_padded_tracker_over_pages": (
        Fixture("html_padded_tracker_over_pages", "html", (content.tracker(TRACKER_ROWS_OTHER, header=_HTML_TRACKER_HEADER),),
                "tracker",
                about="Chromium, 12pt cell padding and rules between rows: the thead repeated on page 2 over one "
                      "body row"),
        html_tool.HtmlLayout("th,td{padding:12pt 8pt;border-bottom:0.5pt solid #999} .num{text-align:right}"
                             " @page{size:A4 landscape}", numeric_from=2, before=REPORT_TEXT[:1])),
    "html_thead_zebra_plan": (
        Fixture("html_thead_zebra_plan", "html", (_THEAD_PLAN,), "plan",
                about="Chromium, thead repeated over pages, zebra rows, no cell borders"),
        html_tool.HtmlLayout(_ZEBRA, ("40%", "20%", "25%", "15%"), before=REPORT_TEXT[:1])),
    "html_dark_header_plan": (
        Fixture("html_dark_header_plan", "html", (content.plan(9, start=6),), "plan",
                about="Chromium, dark header, 'Link to business plan' wrapped over three lines, bottom-aligned"),
        html_tool.HtmlLayout(_DARK, ("230pt", "120pt", "140pt", "48pt"))),
    "html_tracker_colspan": (
        Fixture("html_tracker_colspan", "html", (content.tracker(header=_HTML_TRACKER_HEADER),), "tracker",
                about="Chromium, 'Delivered per quarter' colspan over Q1-Q4, rowspan header cells"),
        html_tool.HtmlLayout(_DARK.replace("vertical-align: bottom;", "") + " .num { text-align: right; }"
                             " tr.theme td { font-weight: bold; background: #dde; }"
                             " @page { size: A4 landscape; }", numeric_from=2)),
    "html_dark_header_unruled_plan": (
        Fixture("html_dark_header_unruled_plan", "html", (content.plan(9, start=14),), "plan",
                about="Chromium, no cell borders, dark header fill, 'Link to business plan' over three lines, "
                      "bottom-aligned"),
        html_tool.HtmlLayout("th { background: #1f3864; color: #fff; vertical-align: bottom; }",
                             ("230pt", "120pt", "140pt", "48pt"))),
    "html_tracker_unruled": (
        Fixture("html_tracker_unruled", "html", (content.tracker(header=_HTML_TRACKER_HEADER),), "tracker",
                about="Chromium, no cell borders, dark header, 'Delivered per quarter' colspan over Q1-Q4"),
        html_tool.HtmlLayout("th { background: #1f3864; color: #fff; vertical-align: bottom; }"
                             " .num { text-align: right; } tr.theme td { font-weight: bold; }"
                             " @page { size: A4 landscape; }", numeric_from=2)),
    "html_rowspan_regions": (
        Fixture("html_rowspan_regions", "html", (_REGIONS,), about="Chromium, rowspan in the body, colspan headers"),
        html_tool.HtmlLayout("td, th { border: 0.5pt solid #000; } .num { text-align: right; }", numeric_from=2)),
    "html_rowspan_theme_caption": (
        Fixture("html_rowspan_theme_caption", "html", (content.delivery_by_theme(),),
                about="Chromium, theme column rowspan over its deliverables, 0.5px collapsed borders, a caption"),
        html_tool.HtmlLayout("td, th { border: 0.5px solid #444; } caption { text-align: left; font-weight: bold; }",
                             caption="Table 2: Delivery plan by theme")),
    "html_nested_header_after_prose": (
        Fixture("html_nested_header_after_prose", "html", (SPENDING,),
                about="Chromium, header nested two levels (colspan over colspan) after a long paragraph"),
        html_tool.HtmlLayout("th { border-bottom: 1px solid #000; text-align: center; } .num { text-align: right; }"
                             " tr:last-child td { font-weight: bold; }",
                             before=(" ".join(REPORT_TEXT * 3),), numeric_from=1)),
    "html_zebra_three_pages_plan": (
        Fixture("html_zebra_three_pages_plan", "html", (_ZEBRA_PLAN,), "plan",
                about="Chromium, zebra rows without any rules, thead repeated over three pages"),
        html_tool.HtmlLayout("tbody tr:nth-child(odd) td { background: #f0f0f0; }", ("40%", "20%", "25%", "15%"))),
    "html_row_over_page_audience": (
        Fixture("html_row_over_page_audience", "html", (_long_audience_after(21),), "plan",
                about="Chromium, cell borders, a row broken over the page (break-inside: auto) in its "
                      "long audience cell, thead repeated"),
        html_tool.HtmlLayout("td, th { border: 0.5pt solid #444; } tr { break-inside: auto; }",
                             ("30%", "20%", "35%", "15%"), before=REPORT_TEXT[:2])),
    "html_separate_spacing_plan": (
        Fixture("html_separate_spacing_plan", "html", (_NEXT_PLAN,), "plan",
                about="Chromium, border-collapse: separate, 3px border-spacing: every cell its own box"),
        html_tool.HtmlLayout("table { border-collapse: separate; border-spacing: 3px; }"
                             " td, th { border: 1px solid #999; }", ("40%", "20%", "25%", "15%"))),
    "html_rowheaders_tfoot_caption": (
        Fixture("html_rowheaders_tfoot_caption", "html", (SERVICE_SPEND,),
                about="Chromium, <caption>, <th scope=row> bold first column, <tfoot> totals row, rules "
                      "between rows only"),
        html_tool.HtmlLayout("td, th { border-bottom: 0.5pt solid #bbb; } .num { text-align: right; }"
                             " tfoot td, tfoot th { border-top: 1.5pt solid #000; font-weight: bold; }"
                             " caption { text-align: left; font-style: italic; }",
                             caption="Table 3: Spending by service, 2015/16", row_headers=True, footer_rows=1,
                             numeric_from=1, before=REPORT_TEXT[2:])),
    "html_tight_padding_plan": (
        Fixture("html_tight_padding_plan", "html", (content.plan(12, start=10),), "plan",
                about="Chromium, cell borders, 2px padding: the text close to every rule"),
        html_tool.HtmlLayout("td, th { border: 0.5pt solid #000; padding: 2px; }")),
    "html_wide_padding_tracker": (
        Fixture("html_wide_padding_tracker", "html",
                (content.tracker(TRACKER_ROWS_OTHER, header=_HTML_TRACKER_HEADER),), "tracker",
                about="Chromium, no rules, 12px padding, quarters colspan, landscape, another programme"),
        html_tool.HtmlLayout("td, th { padding: 12px; } thead th { border-bottom: 1pt solid #000; }"
                             " .num { text-align: right; } tr.theme td { font-weight: bold; }"
                             " @page { size: A4 landscape; }", numeric_from=2)),
    "html_bootstrap_tracker": (
        Fixture("html_bootstrap_tracker", "html",
                (content.tracker(TRACKER_ROWS_OTHER, header=_HTML_TRACKER_HEADER),), "tracker",
                about="Chromium, a CSS framework's table: 12px padding, a light rule above every row, a 2px rule "
                      "under the header, landscape"),
        html_tool.HtmlLayout(_BOOTSTRAP + " @page { size: A4 landscape; }", numeric_from=2)),
    "html_booktabs_long_tracker": (
        Fixture("html_booktabs_long_tracker", "html",
                (content.tracker(content.TRACKER_ROWS + TRACKER_ROWS_OTHER, header=_HTML_TRACKER_HEADER),), "tracker",
                about="Chromium, serif, rules above and below the table and under the header only, group label "
                      "centred over the quarters, thead repeated on the next page, landscape"),
        html_tool.HtmlLayout("body{font-family:'Liberation Serif',serif;font-size:11pt} th{text-align:center;"
                             "border-bottom:1.5pt solid #000} table{border-top:1.5pt solid #000;"
                             "border-bottom:1.5pt solid #000} .num{text-align:right} @page{size:A4 landscape}",
                             numeric_from=2, before=REPORT_TEXT[:1])),
    "html_bootstrap_plan": (
        Fixture("html_bootstrap_plan", "html", (_NEXT_PLAN,), "plan",
                about="Chromium, a CSS framework's table after prose: 12px padding, rules between rows"),
        html_tool.HtmlLayout(_BOOTSTRAP, before=REPORT_TEXT[:1])),
    "html_padding_16_plan": (
        Fixture("html_padding_16_plan", "html", (_NEXT_PLAN,), "plan",
                about="Chromium, 16px padding, no rules but one under the header: rows two lines apart"),
        html_tool.HtmlLayout("td, th { padding: 16px; } thead th { border-bottom: 1pt solid #000; }")),
    "html_outer_border_plan": (
        Fixture("html_outer_border_plan", "html", (_NEXT_PLAN,), "plan",
                about="Chromium, a border round the table only, header cells centred"),
        html_tool.HtmlLayout("table { border: 1px solid #000; } th { text-align: center; }")),
    "html_table_beside_prose": (
        Fixture("html_table_beside_prose", "html", (BUDGET,),
                about="Chromium, two-column layout: the table in the left column, prose in the right"),
        html_tool.HtmlLayout("td, th { border-bottom: 0.5pt solid #777; } .num { text-align: right; }",
                             numeric_from=1, beside=REPORT_TEXT)),
}

# ------------------------------------------------------------------------------------------------
# reportlab platypus

_CONTINUED = TypedTable((PLAN_HEADER,), PLAN_ROWS[:22] + PLAN_ROWS[:10])
_BANDED_LOOK = rl.TableLook((72.0, 170.0, 46.0, 42.0, 42.0, 42.0, 42.0, 34.0, 56.0, 120.0), grid=False,
                            header_fill="#c6d9f1", band=("#ffffff", "#eeeeee"), theme_fill="#d8e4bc",
                            right_from=2)
_TURNED_LOOK = rl.TableLook((62.0, 146.0, 48.0, 44.0, 44.0, 44.0, 44.0, 38.0, 56.0, 110.0), right_from=2)


def _longtable_spans(path: Path) -> Path:
    story = [*rl.heading("Annex D: Delivery plan by theme"), *rl.prose(REPORT_TEXT[0]),
             rl.platypus_table(content.long_delivery_by_theme(),
                               rl.TableLook((100.0, 200.0, 120.0, 67.0), long=True, header_fill="#d9d9d9"))]
    return rl.build(story, path)


def _totals_line_money(path: Path) -> Path:
    story = [*rl.heading("Budget monitoring"), *rl.prose(REPORT_TEXT[2]),
             rl.platypus_table(MONEY, rl.TableLook(MONEY_WIDTHS_PT, grid=False, right_from=1, header_line=True,
                                                   totals_line=True))]
    return rl.build(story, path)


def _header_line_plan(path: Path) -> Path:
    story = [*rl.heading("Annex A: Improvement programme"), *rl.prose(*REPORT_TEXT[:2]),
             rl.platypus_table(_NEXT_PLAN, rl.TableLook((150.0, 90.0, 110.0, 60.0), grid=False, header_line=True))]
    return rl.build(story, path)


def _inner_grid_tracker(path: Path) -> Path:
    table = rl.platypus_table(_OTHER_TRACKER, rl.TableLook(TRACKER_WIDTHS_PT, grid=False, right_from=2))
    table.setStyle([("INNERGRID", (0, 0), (-1, -1), 0.25, rl.colors.grey)])
    return rl.build([*rl.heading("Annex B: Delivery tracker"), table], path, landscape_page=True)


def _midpage_two_tables(path: Path) -> Path:
    plan = content.plan(8, start=8)
    story = [*rl.heading("Improvement programme: progress report"), *rl.prose(*REPORT_TEXT),
             rl.platypus_table(plan, rl.TableLook(PLAN_WIDTHS_PT)), *rl.gap(18),
             *rl.prose("The budget for the programme is set out below."),
             rl.platypus_table(BUDGET, rl.TableLook((200.0, 100.0, 100.0), right_from=1))]
    return rl.build(story, path)


def _unruled_continued(path: Path) -> Path:
    story = [*rl.heading("Annex C: Improvement plan"), *rl.prose(*REPORT_TEXT),
             rl.platypus_table(_CONTINUED, rl.TableLook(PLAN_WIDTHS_PT, grid=False))]
    return rl.build(story, path)


def _banded_tracker(path: Path) -> Path:
    story = [*rl.heading("Annex B: Delivery tracker 2015/16"),
             rl.platypus_table(content.tracker(), _BANDED_LOOK)]
    return rl.build(story, path, landscape_page=True)


def _turned(clockwise: bool, grid: bool) -> Callable[[Path], Path]:
    def write(path: Path) -> Path:
        look = rl.TableLook(_TURNED_LOOK.widths, grid=grid, right_from=2)
        return rl.build([rl.Turned(rl.platypus_table(content.tracker(), look), clockwise)], path)
    return write


def _close_figures(path: Path) -> Path:
    story = [*rl.heading("Population by ward"), *rl.prose(REPORT_TEXT[0]),
             rl.platypus_table(CLOSE_FIGURES, rl.TableLook((60.0, 38.0, 38.0, 38.0, 38.0, 38.0, 38.0), grid=False,
                                                           right_from=1, padding=1.0)),
             *rl.gap(18), rl.platypus_table(SEXES, rl.TableLook((70.0, 46.0, 46.0, 46.0, 46.0, 46.0, 46.0),
                                                                grid=False, right_from=1))]
    return rl.build(story, path)


def _split_row(path: Path) -> Path:
    story = [*rl.heading("Annex C: Improvement plan"), *rl.prose(*REPORT_TEXT[:2]),
             rl.platypus_table(_BROKEN, rl.TableLook(PLAN_WIDTHS_PT, long=True, split_in_row=True))]
    return rl.build(story, path)


def _table_split_audience(path: Path) -> Path:
    story = [*rl.heading("Annex C: Improvement plan"), *rl.prose(*REPORT_TEXT[:2]),
             rl.platypus_table(_long_audience_after(20),
                               rl.TableLook((150.0, 100.0, 170.0, 67.0), header_fill="#d9d9d9", split_in_row=True))]
    return rl.build(story, path)


_TITLED_PLAN = content.titled(content.plan(14, start=6))


def _bold_titles(path: Path) -> Path:
    story = [*rl.heading("Annex A: Programme of events"), *rl.prose(REPORT_TEXT[1]),
             rl.platypus_table(_TITLED_PLAN, rl.TableLook(PLAN_WIDTHS_PT, grid=False, header_fill="#dddddd"))]
    return rl.build(story, path)


REPORTLAB: dict[str, tuple[Fixture, Callable[[Path], Path]]] = {
    "rl_midpage_two_tables": (
        Fixture("rl_midpage_two_tables", "reportlab", (content.plan(8, start=8), BUDGET), "plan",
                about="platypus, ruled plan mid-page after prose, then an unrelated budget table"),
        _midpage_two_tables),
    "rl_unruled_continued_plan": (
        Fixture("rl_unruled_continued_plan", "reportlab", (_CONTINUED,), "plan",
                about="platypus, unruled plan after prose, continued on page 2 under its header at another height"),
        _unruled_continued),
    "rl_banded_tracker": (
        Fixture("rl_banded_tracker", "reportlab", (content.tracker(),), "tracker",
                about="platypus, banded rows, no rules, theme rows spanning the width"),
        _banded_tracker),
    "rl_turned_clockwise_tracker": (
        Fixture("rl_turned_clockwise_tracker", "reportlab", (content.tracker(),), "tracker",
                about="platypus, ruled landscape tracker turned clockwise on a portrait page"),
        _turned(True, grid=True)),
    "rl_turned_anticlockwise_tracker": (
        Fixture("rl_turned_anticlockwise_tracker", "reportlab", (content.tracker(),), "tracker",
                about="platypus, unruled landscape tracker turned anticlockwise on a portrait page"),
        _turned(False, grid=False)),
    "rl_close_figures_and_sexes": (
        Fixture("rl_close_figures_and_sexes", "reportlab", (CLOSE_FIGURES, SEXES),
                about="platypus, unruled figures set close together; Total over Male | Female"),
        _close_figures),
    "rl_longtable_split_row": (
        Fixture("rl_longtable_split_row", "reportlab", (_BROKEN,), "plan",
                about="platypus LongTable, header repeated, a long row split over the page (splitInRow)"),
        _split_row),
    "rl_table_split_row_audience": (
        Fixture("rl_table_split_row_audience", "reportlab", (_long_audience_after(20),), "plan",
                about="platypus Table, shaded header repeated, a long audience (third column) split over "
                      "the page (splitInRow)"),
        _table_split_audience),
    "rl_bold_title_lines_plan": (
        Fixture("rl_bold_title_lines_plan", "reportlab", (_TITLED_PLAN,), "plan",
                about="platypus, unruled, activity cells a bold title line over a plain line"),
        _bold_titles),
    "rl_longtable_spans_over_pages": (
        Fixture("rl_longtable_spans_over_pages", "reportlab", (content.long_delivery_by_theme(),),
                about="platypus LongTable, grid, shaded header repeated, themes SPANned down across page breaks"),
        _longtable_spans),
    "rl_totals_line_money": (
        Fixture("rl_totals_line_money", "reportlab", (MONEY,),
                about="platypus, no grid: a rule under the header and a rule above the totals row only, money"),
        _totals_line_money),
    "rl_header_line_plan": (
        Fixture("rl_header_line_plan", "reportlab", (_NEXT_PLAN,), "plan",
                about="platypus, a rule under the header only, narrow wrapping Paragraph cells, another year"),
        _header_line_plan),
    "rl_inner_grid_tracker": (
        Fixture("rl_inner_grid_tracker", "reportlab", (_OTHER_TRACKER,), "tracker",
                about="platypus, INNERGRID only (no frame), landscape; the narrow '% achieved' header wraps "
                      "inside its word"),
        _inner_grid_tracker),
}


def fixtures(tool: str) -> list[Fixture]:
    return [fixture for fixture, _ in _table(tool).values()]


def _table(tool: str) -> dict:
    return {"word": WORD, "calc": CALC, "html": HTML, "reportlab": REPORTLAB}[tool]


def build(tool: str, folder: Path) -> dict[str, Built]:
    """Print every fixture of `tool` into `folder`; {name: Built}."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = _table(tool)
    if tool in ("word", "calc"):
        write, suffix = (office.write_word, ".docx") if tool == "word" else (office.write_sheet, ".xlsx")
        sources = [write(f.tables[0], layout, folder / f"{name}{suffix}") for name, (f, layout) in entries.items()]
        pdfs = office.convert_all(sources, folder)
    elif tool == "html":
        pdfs = html_tool.print_all({name: html_tool.table_html(f.tables[0], layout, name)
                                    for name, (f, layout) in entries.items()}, folder)
    else:
        pdfs = {name: write(folder / f"{name}.pdf") for name, (_, write) in entries.items()}
    return {name: Built(fixture, pdfs[name]) for name, (fixture, _) in entries.items()}


def available(tool: str) -> str | None:
    """Why `tool` cannot print here (None when it can)."""
    if tool in ("word", "calc") and office.soffice_path() is None:
        return "LibreOffice (soffice) is not installed (scripts/test.sh installs it)"
    if tool == "html" and html_tool.find_chromium() is None:
        return "Chromium is not installed (scripts/test.sh installs it)"
    return None
