"""The tolerances of the PDF table reader: one documented, validated set, never per document."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class TableSettings:
    """Tolerances for reading tables from a PDF's text layer (PDF points or ratios of font size).

    The defaults suit word-processor and reportlab output from 5 to 20 pt; they describe
    typography (how far apart words, lines and columns are), not any particular document.
    """

    # pdfplumber word building: chars closer than this join into one word (pdfplumber's default;
    # y_tolerance only, x_tolerance where x_tolerance_em is 0).
    x_tolerance: float = 3.0
    y_tolerance: float = 3.0
    # Glyphs further apart than this x font size, with no space glyph between them, are two
    # words: letters of a word are set edge to edge and a word space is 0.22-0.28 em, so a quarter
    # em apart is a word gap at any size (a fixed 3 pt glues figure columns set 2.4 pt apart in
    # 7 pt, "648765"). pdfplumber's x_tolerance_ratio; 0 uses x_tolerance.
    x_tolerance_em: float = 0.25
    # Two words on a line belong to different columns when the gap between them is at least
    # column_gap_em x font size (a space is 0.22-0.28 em; cell padding is wider), clamped to
    # [column_gap_min, column_gap_max] points.
    column_gap_em: float = 0.4
    column_gap_min: float = 2.5
    column_gap_max: float = 5.0
    # A gap of at least column_gap_sure_em x font size always separates columns: wider than any
    # justified word space (<= ~0.6 em) or sentence space.
    column_gap_sure_em: float = 1.0
    # A line's text is at a column's edge, and a gap no wider than a row gap, within this x the
    # line height: positions of one column's text differ by rounding, not by a tenth of a line.
    edge_slack_em: float = 0.1
    # Whether a word would have fitted on the line above (so a word processor would not have
    # wrapped it): it needs a word space (fit_space_em x its size, a space is 0.22-0.28 em) and
    # fit_slack_em of room to spare, since word processors keep some words together ("Apr -" +
    # "June") and justify lines by up to an em.
    fit_space_em: float = 0.25
    fit_slack_em: float = 1.0
    # A line is a wrapped continuation of the row above only when the vertical gap between them
    # is at most wrap_gap_em x the line height (leading inside a cell is ~0.2 em; padded rows more).
    wrap_gap_em: float = 0.5
    # Key columns of a row (rows.key_columns): the columns filled on at least this share of a
    # table's multi-column lines, one of them holding figures on more than this share of its
    # cells. Four in five leaves room for a blank figure here and there and for header lines.
    row_key_share: float = 0.8
    # Rows are padded when the narrowest certain row break is wider than leading by at least
    # row_padding_em line heights (a quarter line: less is rounding or a bold line's height).
    row_padding_em: float = 0.25
    # Gaps measured column by column (under the text above in the same columns) count for row
    # padding up to this many line heights: wider gaps are blank rows or blocks, not padding.
    column_gap_lines: float = 1.5
    # A horizontal ruling runs across a table when it covers at least this share of its width
    # (a rule under a spanning header cell covers only its cell).
    rule_cover: float = 0.5
    # Justified columns (page.is_justified_columns): a column is justified when at least
    # justified_share of its lines (justified_min_lines or more) run from its left to its right
    # edge, within justified_edge points, with justified_min_words words or more (a cell of a
    # few words that fills its column is no sign); lines ending a sentence short (a paragraph's
    # last line) are not counted.
    justified_share: float = 0.6
    justified_min_lines: int = 3
    justified_min_words: int = 4
    justified_edge: float = 1.5
    # A justified paragraph's first line may start indented by up to this x its font size
    # (first-line indents are 1-2 em) and still fill its column.
    justified_indent_em: float = 3.0
    # A vertical gap above block_gap_em x the median line height ends a block of text
    # (separates two tables on a page, or a table from a paragraph).
    block_gap_em: float = 2.0
    # A table needs at least this many lines with two or more separated phrases.
    min_table_lines: int = 2
    # pdfplumber ruled-table finding: snap/join tolerances for ruling lines (its defaults).
    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    intersection_tolerance: float = 3.0
    # A filled rectangle no thicker than this (points) is a ruling drawn as a bar; a thicker one
    # is shading, whose edges are not rulings.
    ruling_max_thickness: float = 2.0
    # A vertical ruling cuts a word in two where it runs through a gap of at least this (points)
    # between two glyphs: cells are padded on both sides of a gridline (LibreOffice Calc: about
    # 0.8 pt each side), while a line drawn across a word meets glyphs set edge to edge.
    ruling_gap_min: float = 0.5
    # A vertical ruling separates the columns of an unruled block when it runs beside at least
    # this share of the block's height: a column rule of a partly ruled table runs down most of
    # it; a rule boxing one cell or a note does not speak for the other rows.
    separator_cover: float = 0.5
    # Text edges within this many points are aligned (a column of figures set flush right):
    # producers round positions (LibreOffice to twips, 0.05 pt), glyph widths round further.
    align_tolerance: float = 1.0
    # Grid positions closer than this are one ruling (double lines, rounding).
    grid_tolerance: float = 2.0
    # Columns of two page pieces are the same column when they overlap by this fraction of the
    # narrower one.
    column_overlap: float = 0.5
    # A block of text with at least this many figure marks (slanted strokes, sideways words)
    # within it lies over a chart or diagram: its lines are notes, not a table.
    figure_min_marks: int = 3
    # A page is read turned when more than this share of its glyphs run at one angle other than
    # upright: a sideways table fills its page with turned text, while a rotated axis title or
    # a vertical label beside upright text is a minority.
    sideways_page_share: float = 0.5
    # Table or prose (page.prose_score): a block with columns is prose when its weighted score
    # reaches prose_threshold. One-phrase lines crossing a column gap weigh 1, so that as many
    # crossing lines as multi-column lines (a share of one half) make prose alone; a list's
    # markers or justified columns make prose alone (weight >= threshold + the most figures can
    # take off); whole phrases that are figures count against prose, at a weight that lets a
    # table of figures with some spanning rows stay a table.
    prose_threshold: float = 0.5
    prose_weight_crossing: float = 1.0
    prose_weight_list: float = 1.0
    prose_weight_justified: float = 1.0
    prose_weight_figures: float = 0.25
    # At most this many leading rows are taken as header rows.
    max_header_rows: int = 3

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"TableSettings.{f.name} must be a number >= 0, got {value!r}")
        if self.column_gap_min > self.column_gap_max:
            raise ValueError("TableSettings.column_gap_min must not exceed column_gap_max")
        if not 0 < self.column_overlap <= 1:
            raise ValueError("TableSettings.column_overlap must be within (0, 1]")
        for share in ("sideways_page_share", "separator_cover", "rule_cover", "justified_share", "row_key_share"):
            if not 0 < getattr(self, share) <= 1:
                raise ValueError(f"TableSettings.{share} must be within (0, 1]")
        if self.min_table_lines < 1 or self.max_header_rows < 1:
            raise ValueError("TableSettings.min_table_lines and max_header_rows must be >= 1")

    def column_gap(self, font_size: float) -> float:
        """The smallest gap between two words that separates columns, for this font size."""
        return min(max(self.column_gap_em * font_size, self.column_gap_min), self.column_gap_max)
