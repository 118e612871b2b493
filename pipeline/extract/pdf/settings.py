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
    # A ruled cell whose last line leaves room for this many lines more above its row's bottom
    # (padding aside) ended there and did not go on over the page: a word processor's widow and
    # orphan control moves one line of a paragraph to the next page, leaving one line of room.
    ended_room_lines: float = 2.0
    # A line is a wrapped continuation of the row above only when the vertical gap between them
    # is at most wrap_gap_em x the line height (leading inside a cell is ~0.2 em; padded rows more).
    wrap_gap_em: float = 0.5
    # A label in a table's first column centred down the rows it groups ("Persons" beside its
    # Total / Rural / Urban rows) has its middle within this x the line height of the middle of
    # those rows: centring is exact but for rounding and padding, while taking one row more or
    # less moves the middle by half a row.
    centred_slack_em: float = 0.25
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
    # Rows padded further apart than block_gap_em lines (page.join_padded_rows) are one table
    # when at least this many blocks in a row start in the same columns at one gap: three rows
    # at one pitch are a table's rhythm; two blocks in the same columns may be two tables.
    padded_rows_min_blocks: int = 3
    # The body alone decides the columns (the header's phrases then placed on them) only when it
    # has at least this many multi-phrase lines: gaps and edges kept through three rows are a
    # pattern, through two (a chart's legend and its source line) a coincidence.
    body_columns_min_lines: int = 3
    # In the header band, neighbouring phrases closer than heading_space_ratio x the gap the
    # body keeps between its columns there are one heading's words (a justified, tracked or
    # letter-spaced heading, "Per   cent   change", its spaces stretched past a column gap),
    # when together they reach over one body column at most: a gap between two headings'
    # columns is as wide in the body, and two headings side by side stand over two columns.
    heading_space_ratio: float = 1.0
    # A one-phrase line centred over columns (not the first) that the line under it fills is a
    # header row of its own up to this many line heights above that line: a header's rows are
    # set less than a blank line apart, a title above the table further.
    centred_label_gap_lines: float = 1.0
    # pdfplumber ruled-table finding: snap/join tolerances for ruling lines (its defaults).
    snap_tolerance: float = 3.0
    join_tolerance: float = 3.0
    intersection_tolerance: float = 3.0
    # A filled rectangle no thicker than this (points) is a ruling drawn as a bar; a thicker one
    # is shading, whose edges are not rulings.
    ruling_max_thickness: float = 2.0
    # Two fills set edge to edge (within snap_tolerance) inside a ruled table, along at least
    # this many points of their sides, meet at a cell edge: a tool paints each cell's background
    # on its own (Word's table styles, Calc, Chromium), so a shaded header without inner
    # rulings still shows where its cells end; a fill inset from its cell or cut at its padding
    # touches no other fill. Longer than a corner's touch, shorter than a line of small type.
    fill_seam_min: float = 4.0
    # Fill seams are looked for among at most this many fills in a grid (or on a page, for the
    # unruled reader): a table shaded cell by cell holds some hundreds a page (80 rows x 20
    # columns: 1,600); thousands are a map's or a chart's marks, and comparing every pair of them
    # would cost the reader's time budget.
    fill_seam_max_fills: int = 5000
    # A grid's outer column left open (ruled.open_side_edges): text beside the grid whose lines
    # sit inside its rows, crossing none of its row rulings, in two rows or more, one of them the
    # grid's first (a heading) or at least this share of them, is the grid's column: a table
    # style may rule or shade every column but the first, while a paragraph beside a grid does
    # not keep to its rows.
    open_column_share: float = 0.5
    # A vertical ruling cuts a word in two where it runs through a gap of at least this (points)
    # between two glyphs: cells are padded on both sides of a gridline (LibreOffice Calc: about
    # 0.8 pt each side), while a line drawn across a word meets glyphs set edge to edge.
    ruling_gap_min: float = 0.5
    # A vertical ruling separates the columns of an unruled block when it runs beside at least
    # this share of the block's height: a column rule of a partly ruled table runs down most of
    # it; a rule boxing one cell or a note does not speak for the other rows.
    separator_cover: float = 0.5
    # Glued columns (page.glued_column_edges): two glyphs of one run (closer than a word gap) at
    # least glued_gap_em x their size apart may part two columns (letters and digits of a word
    # are set edge to edge; kerning moves them a few hundredths of an em); they do when a
    # figure ends there, at one x, on glued_min_lines lines or more (two may agree by chance).
    glued_gap_em: float = 0.1
    glued_min_lines: int = 3
    # A footnote or reference mark after a word ("1,555" + a raised "a") is the word's
    # (layout.joined_marks): at most mark_max_chars characters, set at most mark_size_ratio of
    # the word's size (superscripts are 55-75% of the text's; a bold or larger cell beside a
    # normal one is 90% and up), raised at least mark_raise_em of its size (a superscript sits
    # a third of an em up; baselines differing by rounding are no raise) and at most
    # mark_gap_em of its size after it (a column gap is wider).
    mark_max_chars: int = 2
    mark_size_ratio: float = 0.8
    mark_raise_em: float = 0.15
    mark_gap_em: float = 0.5
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
    # Filled shapes holding no text are a chart's bars (page.bar_marks) when chart_bars_min or
    # more stand on one baseline with lengths that differ: three bars make a chart (two may be a
    # table's pair of empty shaded cells, a legend's keys are of one size).
    chart_bars_min: int = 3
    # A page is read turned when more than this share of its glyphs run at one angle other than
    # upright: a sideways table fills its page with turned text (a running header or page number
    # may stay upright), while a rotated axis title, a vertical label beside upright text or a
    # row of turned column headings is a minority. Not a bare majority: a small table's long
    # turned headings over short figures can hold over half its glyphs.
    sideways_page_share: float = 0.75
    # Column headings turned a quarter (narrow columns under long names): this many sideways
    # lines or more, set one way and starting at one height (within align_tolerance: the cell's
    # bottom, where a spreadsheet, a word processor and a browser start turned text), are read as
    # headings on that line. One turned line alone is an axis title or a margin label.
    turned_heading_min: int = 2
    # Two turned headings of one row less than this x their lines' thickness apart are one
    # heading wrapped over two lines: a wrapped heading's lines stand a line's leading apart
    # (a fifth of an em between their glyph boxes), two columns' headings at least two cell
    # paddings.
    turned_wrap_gap: float = 0.5
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
    # Prose in columns wrapping each on its own (page.is_running_columns) makes prose alone: most
    # lines of every column hold running_line_words words or more (a line of running text; table
    # cells in columns side by side hold fewer), and on running_apart_lines lines or more one
    # column starts a paragraph while another goes on wrapping (a table's rows start together).
    prose_weight_running: float = 1.0
    running_line_words: int = 5
    running_apart_lines: int = 2
    # A column of running text beside a table (gutters.side_by_side) wraps at its own leading:
    # fewer than this share of the table's lines stand on one of its lines. A table's column of
    # wrapped labels starts every row on one of its lines (all of them do).
    running_aligned_share: float = 0.5
    # Tables side by side (gutters.side_by_side): a strip of whitespace through a block parts it
    # into two tables when it is at least gutter_min_em x the font size wide (two ems: wider than
    # a sure column gap, as a page's gutter between two tables is) and gutter_gap_ratio x every
    # column gap set inside either table (half as wide again: tables space their own columns
    # closer than they stand apart from the next table).
    gutter_min_em: float = 2.0
    gutter_gap_ratio: float = 1.5
    # A guard against a runaway header, not its depth: the depth comes from the page (repeated
    # rows, a bold run, the rows above the first figures that label the columns); two levels of
    # group labels, a units line and the headings make four lines, and no report nests deeper
    # than twice that.
    max_header_rows: int = 8
    # A ruled box holding text only is a header bordered on its own (page.is_header_box: a
    # spreadsheet bordered round its header cells) when it has at most this many rows, as many
    # as a header used to be taken to have; more rows of words are a table of words.
    header_box_max_rows: int = 3
    # A word with no font size and no height (made by hand, a degenerate glyph box) is taken as
    # set in 10 pt, the middle of the 5-20 pt body sizes these defaults suit.
    default_font_size: float = 10.0
    # Line building (layout.group_lines): a word joins a line whose vertical band it overlaps by
    # at least line_overlap of the smaller height (a bold or larger cell beside a normal one, a
    # baseline a point lower), looked for among the line_lookback lines last started (the lines
    # near a word's top; bounded so grouping stays linear).
    line_overlap: float = 0.5
    line_lookback: int = 3
    # A line of running text (layout.column_breaks): at least wordy_share of its words are words
    # of lower-case letters, and it has even_line_min_gaps gaps or more (six words: fewer is a
    # row of short cells); its spacing is even when even_space_share of its gaps lie within
    # even_space_tolerance of their median (justification stretches every space alike).
    wordy_share: float = 0.6
    even_line_min_gaps: int = 5
    even_space_share: float = 0.6
    even_space_tolerance: float = 0.2
    # In such a line a gap separates columns only at word_space_wide x its word space or more
    # (a column gap, twice any stretched space) or word_space_narrow x or less (a justified
    # cell's line ending short of the next column; a word space varies less than 30%).
    word_space_wide: float = 2.0
    word_space_narrow: float = 0.7
    # A gap after a word followed by a space glyph is a word space up to space_follows_em x its
    # size: a large font's space is as wide as narrow cell padding, never half an em.
    space_follows_em: float = 0.5
    # A wider space after a sentence end counts as a word space only in a line of at least
    # sentence_line_min_gaps gaps (five words: running text, not a row of cells).
    sentence_line_min_gaps: int = 4
    # Positions compared when deciding a word was cut at a cell's edge (layout.continues_word)
    # agree within cut_slack_em x the font size: producers round positions (LibreOffice to twips,
    # 0.05 pt), a twentieth of an em is above that at any size and below a glyph's width.
    cut_slack_em: float = 0.05
    # A word with no space glyph after it, followed on its line by a word less than
    # unprinted_space_em x its size away, is inside the line (a space not printed as a glyph,
    # reportlab): a word space is 0.22-0.28 em, a line end leaves no next word on the line.
    unprinted_space_em: float = 0.5
    # A heading above a table is set at least heading_size_ratio x the text's size (a tenth
    # larger): a theme row of a table is set in the table's own size.
    heading_size_ratio: float = 1.1
    # A stroke is slanted (a figure mark) when it runs more than figure_stroke_min points both
    # across and down: a ruling drawn as a thin line is off the axis by rounding only.
    figure_stroke_min: float = 0.5
    # Horizontal rulings within block_rule_reach points of a block (and the one a line height
    # above it) belong to it: a rule drawn right above or under the text, not a page's other rule.
    block_rule_reach: float = 2.0
    # Rows are found by rulings when at least ruled_rows_share of the guessed row breaks are
    # ruled (two at least): a table ruling half its rows is a ruled table.
    ruled_rows_share: float = 0.5
    # Stacked rows in a ruled cell (ruled.stacked_rows): cell lines overlapping by more than
    # stacked_band_overlap of a line's height are one band; every filled cell has a line in at
    # least stacked_cell_share of the bands (a value may be missing); two bands stack the row only
    # when stacked_min_cells cells or more, all of its cells, are filled (a header wrapped in two).
    stacked_band_overlap: float = 0.25
    stacked_cell_share: float = 0.6
    stacked_min_cells: int = 3
    # Running headers and footers (furniture.py): at most furniture_max_lines lines at each end
    # of a page; parted from the body by more than furniture_apart_em x the line's height (body
    # lines sit closer); at the same height on a page nearby within furniture_same_top points
    # (furniture never moves; rounding only); a header row's phrases start a column within
    # furniture_same_x points, looked for in the furniture_lines_under lines below it.
    furniture_max_lines: int = 2
    furniture_apart_em: float = 1.5
    furniture_same_top: float = 2.0
    furniture_same_x: float = 2.0
    furniture_lines_under: int = 6
    # A glyph drawn again over an identical one (same character, font and size) less than
    # overprint_em x its size away across and up or down is one glyph: producers fake bold or a
    # shadow by drawing each glyph twice a tenth of an em apart or less ("TToottaall"), while a
    # word's next identical letter ("ll", "ii", "11") starts a whole advance on, at least ~0.18 em
    # even in condensed type.
    overprint_em: float = 0.15

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
                raise ValueError(f"TableSettings.{f.name} must be a number >= 0, got {value!r}")
        if self.column_gap_min > self.column_gap_max:
            raise ValueError("TableSettings.column_gap_min must not exceed column_gap_max")
        if not 0 < self.column_overlap <= 1:
            raise ValueError("TableSettings.column_overlap must be within (0, 1]")
        for share in ("sideways_page_share", "running_aligned_share", "separator_cover", "rule_cover", "open_column_share",
                      "justified_share", "row_key_share"):
            if not 0 < getattr(self, share) <= 1:
                raise ValueError(f"TableSettings.{share} must be within (0, 1]")
        if (self.min_table_lines < 1 or self.max_header_rows < 1 or self.body_columns_min_lines < 1
                or self.header_box_max_rows < 1):
            raise ValueError("TableSettings.min_table_lines, max_header_rows, body_columns_min_lines and "
                             "header_box_max_rows must be >= 1")
        for share in ("line_overlap", "wordy_share", "even_space_share", "ruled_rows_share",
                      "stacked_band_overlap", "stacked_cell_share", "mark_size_ratio"):
            if not 0 < getattr(self, share) <= 1:
                raise ValueError(f"TableSettings.{share} must be within (0, 1]")
        for count in ("line_lookback", "even_line_min_gaps", "sentence_line_min_gaps", "furniture_max_lines",
                      "furniture_lines_under", "stacked_min_cells", "glued_min_lines", "justified_min_lines",
                      "justified_min_words", "running_line_words", "running_apart_lines",
                      "figure_min_marks", "mark_max_chars", "chart_bars_min", "padded_rows_min_blocks",
                      "fill_seam_max_fills"):
            if not isinstance(getattr(self, count), int) or getattr(self, count) < 1:
                raise ValueError(f"TableSettings.{count} must be a whole number >= 1")
        if self.default_font_size <= 0:
            raise ValueError("TableSettings.default_font_size must be > 0")
        if self.word_space_narrow >= self.word_space_wide:
            raise ValueError("TableSettings.word_space_narrow must be below word_space_wide")

    def column_gap(self, font_size: float) -> float:
        """The smallest gap between two words that separates columns, for this font size."""
        return min(max(self.column_gap_em * font_size, self.column_gap_min), self.column_gap_max)
