"""Delivery trackers (Annex B) drawn the way other people's documents draw them, for tests of
issue 12, failures 2 and 3: each one a `styled_pdf.StyledTable` built from the deliverables
written out below, so a test compares what the pipeline publishes with this specification,
never with an earlier reading.

The content is Annex B of the 2015/16 delivery tracker (../shared/seeds/annex-b-delivery-tracker-
2015-16.txt), typed in here by hand: five themes, seventeen deliverables, the quarter counts of
Q1 and Q2 (Q3 and Q4 blank), totals, % achieved and one commentary.

- `banded_tracker()`: no ruling lines at all, alternate body rows filled grey, the header on a
  fill, and each theme printed as a row spanning the full width (failure 2); over two pages,
  the header repeated on page 2.
- `thin_bar_tracker()`: 7 pt type, every cell border a thin filled rectangle, the theme printed
  in the Theme column of its own row (the first row under the two header rows), the table
  continued on a second page without its header (failure 3).
"""

from __future__ import annotations

from dataclasses import dataclass

from generators.styled_pdf import Heading, Page, StyledTable, build_pdf

FINANCIAL_YEAR = "2015/16"
TITLE = "Annex B: Delivery tracker 2015/16"

HEADER = (
    ("Theme", "Deliverables", "2015/16 Target", "Number delivered per quarter", "", "", "", "Total",
     "% achieved", "Commentary/forecast"),
    ("", "", "", "Q1 Apr - June", "Q2 July - Sept", "Q3 Oct - Dec", "Q4 Jan - Mar", "", "", ""),
)
# "Number delivered per quarter" over Q1-Q4; every other header cell over both header rows
HEADER_MERGES = ((0, 3, 0, 6), *((0, k, 1, k) for k in (0, 1, 2, 7, 8, 9)))
# 7 pt Helvetica in an A4 portrait frame (487 pt): "Commentary/forecast" (bold, one word) fits
WIDTHS = (64.0, 100.0, 38.0, 32.0, 32.0, 32.0, 32.0, 30.0, 44.0, 83.0)


@dataclass(frozen=True)
class Deliverable:
    theme: str
    deliverable: str
    target: int
    q1: str
    q2: str
    total: int
    pct: str  # as printed, "31%"
    commentary: str = ""

    def cells(self) -> tuple[str, ...]:
        return ("", self.deliverable, str(self.target), self.q1, self.q2, "", "", str(self.total), self.pct,
                self.commentary)


_PEER = "Peer Work in Local Authorities"
_EFFICIENCY = "Efficiency & Productivity"
_LEADERSHIP = "Strong Political Leadership"
_ECONOMIES = "Strong Local Economies"
_WORKFORCE = "Workforce, Transformation and Integration"

DELIVERABLES = (
    Deliverable(_PEER, "Deliver at least 100 peer challenges (corporate, service specific, place based)",
                100, "18", "13", 31, "31%"),
    Deliverable(_PEER, "Tailored support to at least 40 local authorities, or groups of authorities, with the "
                "most severe performance challenges", 40, "19", "8", 27, "68%"),
    Deliverable(_PEER, "Support at least 10 local authorities to manage and resolve issues between their "
                "political and managerial leadership", 10, "6", "6", 12, "120%"),
    Deliverable(_PEER, "Support at least 20 local authorities to develop their scrutiny skills", 20, "16", "5", 21,
                "105%"),
    Deliverable(_EFFICIENCY, "Productivity experts to work with at least 20 local authorities", 20, "4", "6", 10,
                "50%"),
    Deliverable(_EFFICIENCY, "Support at least 5 local authorities to pilot new ways of delivering learning "
                "disability services", 5, "5", "5", 5, "100%"),
    Deliverable(_EFFICIENCY, "Work with at least 10 local authorities to make their waste and recycling contracts "
                "more efficient", 10, "0", "60", 60, "600%"),
    Deliverable(_EFFICIENCY, "Bespoke political and officer support for at least 25 local authorities to address "
                "financial sustainability; integrated budgets, management of risk and new delivery models",
                25, "6", "5", 11, "44%"),
    Deliverable(_EFFICIENCY, "Develop and publish a practical guide for local authorities to identify and manage "
                "the causes and triggers of demand and provide support for up to 20 councils.", 20, "10", "10",
                20, "100%"),
    Deliverable(_LEADERSHIP, "Training for at least 500 councillors with leadership roles in their local "
                "authorities", 500, "347", "201", 548, "110%", "548 are currently booked onto courses"),
    Deliverable(_LEADERSHIP, "Support at least 50 talented councillors to progress their political careers "
                "through the Next Generation programme", 50, "58", "58", 58, "116%"),
    Deliverable(_LEADERSHIP, "Recruit up to 100 high calibre graduates in to local government", 100, "n/a", "98",
                98, "98%"),
    Deliverable(_ECONOMIES, "Tailored support to at least 15 local authorities to deliver their growth plans", 15,
                "4", "11", 15, "100%"),
    Deliverable(_ECONOMIES, "support at least 150 councillors to maximise the contribution of culture and sport "
                "to growth.", 150, "n/a", "35", 35, "23%"),
    Deliverable(_WORKFORCE, "Support at least 15% of local authorities to transform their workforces and "
                "modernise the way they are managed", 52, "25", "17", 42, "81%"),
    Deliverable(_WORKFORCE, "Support at least 15 local authorities to develop a more commercial approach to their "
                "activities to deliver services differently", 15, "15", "15", 15, "100%"),
    Deliverable(_WORKFORCE, "Roll out tools to at least 10 local authorities to help review and reduce their "
                "management layers and spans", 10, "2", "3", 3, "30%"),
)


def body_rows(deliverables=DELIVERABLES, *, spanning_themes: bool,
              continuing: bool = False) -> tuple[tuple[str, ...], ...]:
    """Each theme's row (a 1-tuple spanning the full width, or the theme in the Theme column
    with the other cells empty) before its deliverables. `continuing`: the first deliverables
    carry on the theme of a page before, so no theme row above them."""
    rows: list[tuple[str, ...]] = []
    theme = deliverables[0].theme if continuing else None
    for d in deliverables:
        if d.theme != theme:
            theme = d.theme
            rows.append((theme,) if spanning_themes else (theme,) + ("",) * (len(WIDTHS) - 1))
        rows.append(d.cells())
    return tuple(rows)


def theme_rows(body: tuple[tuple[str, ...], ...]) -> tuple[int, ...]:
    """Indexes of the theme rows of `body` (the rows with text in the first cell)."""
    return tuple(i for i, row in enumerate(body) if row[0])


def _two_pages(deliverables, split_before: int, *, repeat_header: bool, spanning_themes: bool,
               bold_themes: bool, **style) -> tuple[bytes, tuple[StyledTable, ...]]:
    """The tracker over two pages: a heading and the header on page 1, the deliverables from
    `split_before` on page 2 (under the header again when `repeat_header`); the page-2 part
    opens with a theme row only when a new theme starts there."""
    rest = deliverables[split_before:]
    continuing = rest[0].theme == deliverables[split_before - 1].theme
    body_1 = body_rows(deliverables[:split_before], spanning_themes=spanning_themes)
    body_2 = body_rows(rest, spanning_themes=spanning_themes, continuing=continuing)
    first = StyledTable(widths=WIDTHS, header=HEADER, merges=HEADER_MERGES, wrap=True, body=body_1,
                        bold_body_rows=theme_rows(body_1) if bold_themes else (), **style)
    second = StyledTable(widths=WIDTHS, header=HEADER if repeat_header else (),
                         merges=HEADER_MERGES if repeat_header else (), wrap=True, body=body_2,
                         bold_body_rows=theme_rows(body_2) if bold_themes else (), **style)
    pages = [Page((Heading(TITLE, size=12.0), first)), Page((second,))]
    return build_pdf(pages), (first, second)


def banded_tracker(deliverables=DELIVERABLES, *, split_before: int = 12,
                   bold_themes: bool = True) -> tuple[bytes, tuple[StyledTable, ...]]:
    """Issue 12, failure 2: no rules, alternate body rows filled grey, the two header rows on a
    fill, theme rows spanning the full width; the deliverables from `split_before` on page 2
    under the header repeated (the default: a new theme opens page 2)."""
    return _two_pages(deliverables, split_before, repeat_header=True, spanning_themes=True,
                      bold_themes=bold_themes, rules="none",
                      band="#d9d9d9", header_fill="#bfbfbf", font_size=7.0)


def thin_bar_tracker(deliverables=DELIVERABLES, *, split_before: int = 11,
                     bold_themes: bool = True) -> tuple[bytes, tuple[StyledTable, ...]]:
    """Issue 12, failure 3: 7 pt type, every border a 0.5 pt filled rectangle, the theme in the
    Theme column of its own row (so the first row under the header is a theme row); the
    deliverables from `split_before` on continue on page 2 without the header (mid-theme: the
    default splits "Strong Political Leadership" after its second deliverable)."""
    return _two_pages(deliverables, split_before, repeat_header=False, spanning_themes=False,
                      bold_themes=bold_themes, rules="bars",
                      rule_width=0.5, font_size=7.0)
