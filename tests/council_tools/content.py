"""Rows written for these fixtures (not copied from the seeds): annex-family plans and trackers
of an invented council improvement programme, and two generic statistical tables."""

from __future__ import annotations

from council_tools.spec import Row, TypedTable

PLAN_HEADER: Row = ("Activity", "Date", "Target audience", "Link to business plan")

PLAN_ROWS: tuple[Row, ...] = (
    ("Planning committee refresher (1 day)", "7 May - completed", "Planning committee members (18)", "growth"),
    ("Housing delivery peer review Luton (3 days)", "19/21 May - completed", "Individual council", "housing"),
    ("Museums leadership seminar (1 day)", "2 June - completed", "Museum PHs (20)", "growth"),
    ("Parks and open spaces workshop (half day)", "June - completed", "Parks officers (30)", "place"),
    ("Libraries peer review Wakefield (2 days)", "8/9 July - completed", "Individual council", "growth"),
    ("Leisure contracts masterclass (1 day)", "15 July - CONFIRMED", "Sport and leisure PHs (16)", "efficiency"),
    ("Tourism action learning set (1 day)", "August", "Tourism PHs who attended the academy (6)", "growth"),
    ("Arts Council funding briefing (1 day)", "9 September - CONFIRMED", "Culture officers (40)", "growth"),
    ("Heritage at risk seminar (1 day)", "23 September", "Heritage and planning PHs (22)", "place"),
    ("Libraries peer review Cumbria (2 days)", "6/7 October - CONFIRMED", "Individual council", "growth"),
    ("Culture Academy (2 days)", "20/21 October - CONFIRMED", "Culture PHs (14)", "growth"),
    ("Scrutiny chairs network (1 day)", "November", "Scrutiny chairs (25)", "leadership"),
    ("Sport peer review Torbay (2 days)", "10/11 November - TBC", "Individual council", "growth"),
    ("Community safety seminar (1 day)", "1 December", "Community safety PHs (30)", "place"),
    ("Sport Academy (2 days)", "8/9 December - CONFIRMED", "Sport PHs (15)", "growth"),
    ("Workforce planning clinic (1 day)", "January", "HR directors (12)", "efficiency"),
    ("Libraries seminar for new PHs (1 day)", "14 January - CONFIRMED", "Library PHs (24)", "growth"),
    ("Rural services roundtable (1 day)", "February", "Rural council leaders (10)", "place"),
    ("Culture action learning set (1 day)", "Feb / March", "Culture PHs who attended the academy (5)", "growth"),
    ("Museums peer review Hull (2 days)", "1/2 March - CONFIRMED", "Individual council", "growth"),
    ("Annual culture conference (2 days)", "15/16 March - CONFIRMED", "Culture, tourism and sport PHs", "growth"),
    ("Events licensing workshop (1 day)", "March", "Licensing officers (28)", "place"),
    ("Leisure trusts seminar (1 day)", "22 March", "Sport and leisure officers (35)", "efficiency"),
    ("Sport alumni evening (half day)", "24 March", "Sport PHs who attended the academy (12)", "growth"),
)

# One activity whose text is long enough to wrap over many lines: Writer breaks its row over a page.
LONG_ACTIVITY = (
    "Joint peer challenge of the culture, leisure and tourism services of the three districts "
    "sharing one management team, covering the libraries, the museums and the two leisure centres, "
    "with a follow-up visit six months later to check progress against the action plan agreed with "
    "the leaders and the chief executives of all three councils (5 days)"
)

# An audience long enough to wrap over many lines in its own column: the row breaks over a page
# in the third column, the activity and date having ended on the page before.
LONG_AUDIENCE = (
    "Leaders, chief executives and the portfolio holders for culture, leisure and tourism of the "
    "three districts sharing one management team, with their heads of service, the chairs of the "
    "scrutiny committees that asked for the review and the regional adviser (30)"
)
LONG_AUDIENCE_ROW: Row = ("Joint peer challenge of three districts (5 days)", "12/16 October - CONFIRMED",
                          LONG_AUDIENCE, "place")


def plan(rows: int = 12, start: int = 0) -> TypedTable:
    return TypedTable((PLAN_HEADER,), PLAN_ROWS[start:start + rows])


TRACKER_HEADER: tuple[Row, ...] = (
    ("Theme", "Deliverables", "2015/16 Target", "Number delivered per quarter", "", "", "", "Total",
     "% achieved", "Commentary/forecast"),
    ("", "", "", "Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar", "", "", ""),
)


def theme(name: str) -> Row:
    return (name, *("",) * 9)


def deliverable(text: str, target: int, quarters: tuple[str, str, str, str], pct: str,
                commentary: str = "") -> Row:
    total = sum(int(q) for q in quarters if q)
    return ("", text, str(target), *quarters, str(total), pct, commentary)


TRACKER_ROWS: tuple[Row, ...] = (
    theme("Housing and Planning"),
    deliverable("Planning advisory visits to at least 25 councils", 25, ("9", "8", "6", "4"), "108%",
                "Target exceeded"),
    deliverable("Support 12 councils to set up a local housing company", 12, ("2", "3", "", ""), "42%",
                "On track for year end"),
    deliverable("Publish a guide to delivering homes on public land", 1, ("0", "1", "", ""), "100%"),
    theme("Culture and Leisure"),
    deliverable("Peer reviews of library services in at least 15 councils", 15, ("4", "5", "", ""), "60%",
                "Four more booked for Q3"),
    deliverable("Leadership academies for culture and sport portfolio holders", 6, ("2", "2", "", ""), "67%"),
    deliverable("Advise 10 councils on leisure contract renewals", 10, ("3", "2", "", ""), "50%",
                "Demand lower than forecast"),
    theme("Finance and Productivity"),
    deliverable("Productivity reviews with at least 20 councils", 20, ("6", "7", "", ""), "65%"),
    deliverable("Shared procurement of waste contracts for 8 councils", 8, ("5", "4", "", ""), "113%",
                "Target exceeded"),
    theme("Workforce"),
    deliverable("Train 300 councillors in scrutiny and challenge", 300, ("84", "95", "", ""), "60%",
                "Courses full to March"),
    deliverable("Support 10 councils with apprenticeship schemes", 10, ("1", "2", "", ""), "30%",
                "Slow start, more planned"),
)


def tracker(rows: tuple[Row, ...] = TRACKER_ROWS, header: tuple[Row, ...] = TRACKER_HEADER) -> TypedTable:
    return TypedTable(header, rows)


# Generic statistical tables: sub-columns under spanning headers, and figures set close together.
SEXES = TypedTable(
    header=(
        ("Age band", "Total", "", "Employed", "", "Unemployed", ""),
        ("", "Male", "Female", "Male", "Female", "Male", "Female"),
    ),
    body=(
        ("16-24", "4,812", "4,655", "3,904", "3,871", "908", "784"),
        ("25-34", "6,240", "6,118", "5,802", "5,566", "438", "552"),
        ("35-49", "9,071", "9,305", "8,650", "8,713", "421", "592"),
        ("50-64", "7,388", "7,702", "6,991", "7,260", "397", "442"),
        ("65 and over", "1,406", "1,119", "1,355", "1,087", "51", "32"),
    ),
)

CLOSE_FIGURES = TypedTable(
    header=(("Ward", "2011", "2012", "2013", "2014", "2015", "Change"),),
    body=(
        ("Abbey", "648765", "651020", "655310", "659842", "662001", "13236"),
        ("Castle", "402118", "401775", "403960", "406233", "409870", "7752"),
        ("Harbour", "1204455", "1210870", "1219004", "1225561", "1231920", "27465"),
        ("Market", "87310", "88024", "88715", "89640", "90102", "2792"),
        ("Riverside", "533092", "535477", "538110", "541006", "544380", "11288"),
        ("Westgate", "275600", "276118", "277904", "279215", "281433", "5833"),
    ),
)

BUDGET = TypedTable(
    header=(("Budget line", "2015/16 (£000)", "2016/17 (£000)"),),
    body=(
        ("Peer challenges", "420", "455"),
        ("Leadership academies", "310", "298"),
        ("Productivity experts", "185", "240"),
        ("Total", "915", "993"),
    ),
)


# ------------------------------------------------------------------------------------------------
# Variations a council officer produces (issue 20, held-out "rows exact"): a theme merged down
# over its deliverables, cells of two paragraphs or a bulleted list, blank cells mid-table, dates
# typed as dates, "n/a" among counts, a header nested two levels deep.

DELIVERY_HEADER: Row = ("Theme", "Deliverable", "Lead officer", "Due")

# (theme, deliverables): the theme cell is merged down over its deliverables' rows
_DELIVERY_GROUPS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    ("Housing and Planning", (
        ("Adopt the local plan review", "Head of Planning", "March 2016"),
        ("Open the self-build register", "Housing Strategy Manager", "June 2015"),
        ("Bring 40 empty homes back into use", "Private Sector Housing Lead", "March 2016"))),
    ("Culture and Leisure", (
        ("Re-tender the leisure centres contract", "Leisure Client Officer", "October 2015"),
        ("Move the museum store to the depot", "Museums Manager", "January 2016"))),
    ("Finance", (
        ("Close the accounts by 30 June", "Chief Accountant", "June 2015"),
        ("Agree a four-year efficiency plan", "Director of Resources", "November 2015"),
        ("Review the fees and charges", "Finance Business Partner", "December 2015"),
        ("Publish the transparency data quarterly", "Information Officer", "Quarterly"))),
)


def delivery_by_theme() -> TypedTable:
    """The theme typed in the first row of its group and "" below (one merged cell down)."""
    body: list[Row] = []
    merges = []
    for theme_name, items in _DELIVERY_GROUPS:
        first = 1 + len(body)  # rows counted over the one header row then the body
        for k, item in enumerate(items):
            body.append((theme_name if k == 0 else "", *item))
        merges.append((first, 0, first + len(items) - 1, 0))
    return TypedTable((DELIVERY_HEADER,), tuple(body), body_merges=tuple(merges))


# A cell holding two paragraphs, or a lead-in and a bulleted list: "\n" separates the
# paragraphs, "• " starts a bulleted one (the tool draws the bullet; the reader gives its glyph).
EVENT_HEADER: Row = ("Event", "Arrangements", "Contact")
EVENT_ROWS: tuple[Row, ...] = (
    ("Culture Academy", "Residential, two days.\nPlaces are offered to portfolio holders first.", "Events team"),
    ("Planning refresher", "Sessions:\n• Plan making\n• Development management\n• Enforcement", "Planning Advisory Service"),
    ("Peer review Torbay", "Team of four peers.\nFeedback presentation on day three.", "Principal Adviser"),
    ("Leisure masterclass", "Covers:\n• Contract options\n• Energy costs", "Sport team"),
    ("Scrutiny network", "Open to all chairs.", "Scrutiny officer"),
    ("Heritage seminar", "Morning talks.\nAfternoon site visit to the castle.", "Heritage adviser"),
)
EVENTS = TypedTable((EVENT_HEADER,), EVENT_ROWS)


def with_blanks(table: TypedTable, every: int, column: int, offset: int = 0) -> TypedTable:
    """`table` with the cell of `column` left empty in every `every`-th body row (from `offset`):
    an officer leaving a date or audience not yet known blank, mid-table."""
    body = tuple(row[:column] + ("",) + row[column + 1:] if k % every == offset else row
                 for k, row in enumerate(table.body))
    return TypedTable(table.header, body, table.body_merges)


# Bookings: a header over two rows (Attendance over Booked | Attended, the others merged down),
# dates typed as dates, counts as numbers, "n/a" and blanks among the counts.
BOOKINGS = TypedTable(
    header=(("Event", "Date", "Attendance", "", "Cost per head (£)"),
            ("", "", "Booked", "Attended", "")),
    body=(
        ("Planning committee refresher", "07/05/2015", "18", "17", "45"),
        ("Museums leadership seminar", "02/06/2015", "20", "19", "60"),
        ("Leisure contracts masterclass", "15/07/2015", "16", "n/a", "55"),
        ("Arts Council funding briefing", "09/09/2015", "40", "36", ""),
        ("Heritage at risk seminar", "23/09/2015", "22", "", "40"),
        ("Culture Academy", "20/10/2015", "14", "14", "310"),
        ("Community safety seminar", "01/12/2015", "30", "n/a", "n/a"),
        ("Libraries seminar for new portfolio holders", "14/01/2016", "24", "21", "35"),
        ("Museums peer review Hull", "01/03/2016", "", "", "n/a"),
        ("Annual culture conference", "15/03/2016", "120", "112", "95"),
    ),
)

# Spending: a header nested two levels (year over Budget | Actual, all under one heading).
SPENDING = TypedTable(
    header=(("Service", "Spending (£000)", "", "", ""),
            ("", "2014/15", "", "2015/16", ""),
            ("", "Budget", "Actual", "Budget", "Actual")),
    body=(
        ("Libraries", "2,410", "2,388", "2,295", "2,301"),
        ("Museums and heritage", "1,120", "1,164", "1,080", "1,072"),
        ("Leisure centres", "3,905", "3,870", "3,610", "3,655"),
        ("Parks and open spaces", "1,765", "1,702", "1,690", "1,714"),
        ("Arts development", "412", "398", "380", "377"),
        ("Tourism", "298", "305", "270", "266"),
        ("Total", "9,910", "9,827", "9,325", "9,385"),
    ),
)


def titled(table: TypedTable) -> TypedTable:
    """A plan whose activity cells are a title line and the length on the next line
    ("Culture Academy" / "(2 days)"): the tool prints the title bold."""
    def split(text: str) -> str:
        name, sep, rest = text.partition(" (")
        return f"{name}\n({rest}" if sep else text
    return TypedTable(table.header, tuple((split(row[0]), *row[1:]) for row in table.body))


# ------------------------------------------------------------------------------------------------
# More variations (held-out "council" figure): another year's programme, money to the penny,
# a long delivery plan whose merged themes cross page breaks, a budget with a totals row.

# A plan for another year, with activities, dates and audiences the seeds do not have.
PLAN_ROWS_NEXT_YEAR: tuple[Row, ...] = (
    ("Climate emergency action planning (1 day)", "12 April - completed", "Environment PHs (26)", "place"),
    ("Adult social care budget clinic (half day)", "28 April - completed", "Care directors (14)", "efficiency"),
    ("Waste collection peer review Dorset (3 days)", "9/11 May - completed", "Individual council", "efficiency"),
    ("New councillors induction (2 days)", "3/4 June - CONFIRMED", "Councillors elected in May (60)", "leadership"),
    ("Town centre recovery workshop (1 day)", "1 July - CONFIRMED", "Regeneration officers (32)", "growth"),
    ("Children's services improvement clinic (1 day)", "July / August", "Lead members for children (18)", "leadership"),
    ("Digital inclusion roundtable (half day)", "14 September", "Library and digital officers (20)", "growth"),
    ("Flood resilience exercise (1 day)", "5 October - TBC", "Emergency planners (40)", "place"),
    ("Procurement academy (3 days)", "2/4 November - CONFIRMED", "Procurement leads (24)", "efficiency"),
    ("Homelessness prevention seminar (1 day)", "30 November", "Housing options officers (45)", "housing"),
    ("Member development charter assessment", "January", "Individual council", "leadership"),
    ("Local plan examination masterclass (1 day)", "8 February - CONFIRMED", "Planning policy officers (30)", "housing"),
    ("Budget setting peer support (2 days)", "February", "Finance PHs (12)", "efficiency"),
    ("Health and wellbeing boards network", "16 March", "Board chairs (22)", "place"),
)


# A budget monitoring table: money typed to the penny, right-aligned in the tools that align
# figures; a percentage and a totals row.
MONEY = TypedTable(
    header=(("Budget line", "Budget 2016/17", "Spent to date", "Remaining", "% spent"),),
    body=(
        ("Peer challenges", "£420,000.00", "£312,450.75", "£107,549.25", "74%"),
        ("Leadership academies", "£310,500.00", "£198,020.10", "£112,479.90", "64%"),
        ("Productivity experts", "£185,000.00", "£190,312.40", "-£5,312.40", "103%"),
        ("Member development", "£62,250.00", "£41,006.95", "£21,243.05", "66%"),
        ("Events and venues", "£48,900.00", "£1,234.50", "£47,665.50", "3%"),
        ("Travel and subsistence", "£12,000.00", "£9,870.00", "£2,130.00", "82%"),
        ("Total", "£1,038,650.00", "£752,894.70", "£285,755.30", "72%"),
    ),
)

# A delivery plan long enough to stand over three pages, its themes merged down over many rows
# (a merged theme crosses each page break).
_LONG_GROUPS: tuple[tuple[str, int], ...] = (("Housing and Planning", 9), ("Culture and Leisure", 10),
                                             ("Finance", 9), ("Environment", 10))
_LEADS = ("Head of Planning", "Housing Strategy Manager", "Leisure Client Officer", "Museums Manager",
          "Chief Accountant", "Director of Resources", "Waste Services Manager", "Climate Officer")
_DUE = ("June 2016", "September 2016", "December 2016", "March 2017")


def long_delivery_by_theme() -> TypedTable:
    """Deliverables numbered within their theme ("Housing and Planning deliverable 3: ..."), a lead
    and a due quarter; the theme typed in its group's first row, merged down over the rest."""
    body: list[Row] = []
    merges = []
    for theme_name, count in _LONG_GROUPS:
        first = 1 + len(body)
        for k in range(count):
            text = f"{theme_name} deliverable {k + 1}: review and report on progress against the plan"
            lead = _LEADS[(len(body) + k) % len(_LEADS)]
            body.append((theme_name if k == 0 else "", text, lead, _DUE[k % len(_DUE)]))
        merges.append((first, 0, first + count - 1, 0))
    return TypedTable((DELIVERY_HEADER,), tuple(body), body_merges=tuple(merges))


# Spending by service with the service names as row headers and a totals row (a <tfoot>).
SERVICE_SPEND = TypedTable(
    header=(("Service", "Budget (£000)", "Actual (£000)", "Variance (£000)"),),
    body=(
        ("Libraries", "2,295", "2,301", "6"),
        ("Museums and heritage", "1,080", "1,072", "-8"),
        ("Leisure centres", "3,610", "3,655", "45"),
        ("Parks and open spaces", "1,690", "1,714", "24"),
        ("Arts development", "380", "377", "-3"),
        ("Total", "9,055", "9,119", "64"),
    ),
)


# A tracker of another programme: other themes and deliverables, the same columns.
TRACKER_ROWS_OTHER: tuple[Row, ...] = (
    theme("Environment"),
    deliverable("Climate action plans agreed with 15 councils", 15, ("3", "4", "2", ""), "60%",
                "Two more awaiting cabinet"),
    deliverable("Waste peer reviews in 6 councils", 6, ("1", "2", "2", "1"), "100%"),
    theme("Children and Families"),
    deliverable("Improvement advisers placed in 8 councils", 8, ("2", "2", "1", ""), "63%",
                "One placement ended early"),
    deliverable("Lead member induction for 40 councillors", 40, ("22", "9", "4", "6"), "103%",
                "Target exceeded"),
    deliverable("Publish a guide to children's social care budgets", 1, ("", "", "1", ""), "100%"),
    theme("Digital"),
    deliverable("Cyber security health checks with 30 councils", 30, ("5", "8", "7", "4"), "80%",
                "Demand rising"),
    deliverable("Open data training for 120 officers", 120, ("18", "31", "24", ""), "61%"),
)
