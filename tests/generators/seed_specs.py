"""The two seed annexes as TableSpecs, typed in by hand from the seed dumps (issue 12, item 3).

These are the expected answers of the tests and benchmarks that draw the seed tables as PDFs: they
come from reading the documents, never from the pipeline's readers, so a misreading by the code under
test cannot be baked into what it is compared with. Nothing here imports a reader.

- `PLAN`: Annex C, the CTS improvement project plan (../shared/seeds/annex-c-cts-improvement-plan.txt):
  28 activities over two pages (15 on page 1, 13 on page 2), the TOTALS block, the key.
- `TRACKER`: Annex B, the 2015/16 delivery tracker (../shared/seeds/annex-b-delivery-tracker-2015-16.txt):
  five themes and seventeen deliverables; the deliverables are `tracker_pdf.DELIVERABLES`, typed once.

How the dumps were read (what a person makes of the text, not of the tab layout):
- The plan's title is printed cut short, "Annex C CTS Improvement Project Pla": kept as printed.
- The plan's last header cell reads "Link to business" on page 1; the header repeated on page 2
  wraps it onto a second line, "Link to business" / "plan": the cell is "Link to business plan".
- The plan's page 2 opens with the header again and a stray "- " line: page furniture, not rows.
- "Sport action learning set (1 day) | November" is printed twice at the foot of page 1 and once
  more at the head of page 2: three rows, as printed (three "Feb / March" sets follow too).
- "Heritage seminar (1 day)" (page 2) and "CTS Conference (2 days)" carry no audience nor link;
  "Up to 3 more sport action learning sets, / depending upon demand" is one activity over two lines.
- Under TOTALS, two statements over two lines each: "41 days of improvement activity for councils"
  in the Activity column, "over 200 councillors involved" in the Target audience column.
- The tracker's first line prints "Annex B: Theme": the document's label "Annex B:" set on the
  header line, before the Theme column's heading. Read as a title "Annex B:" above a header whose
  first cell is "Theme" (the pipeline's dump reader keeps "Annex B: Theme" as the header cell).
- The tracker's themes stand in the Theme column of their own rows, the other cells empty.
"""

from __future__ import annotations

from generators.annex_pdf import TableSpec
from generators.tracker_pdf import DELIVERABLES, HEADER, body_rows

PLAN_NAME = "annex-c-cts-improvement-plan.txt"
TRACKER_NAME = "annex-b-delivery-tracker-2015-16.txt"

_PEERS = "Individual council"
_ALS = "Sport action learning set (1 day)"
_ALS_AUDIENCE = "Sport PHs who have completed an academy (5)"

PLAN_ACTIVITIES = (
    # page 1
    ("Officer peer training (1day)", "21 May - completed", "Culture and sport officer peers (10)", "growth"),
    ("Sport peer review Derby (2 days)", "14/15 May - completed", _PEERS, "growth"),
    ("Libraries peer review Solihull (2 days)", "23/24 May - completed", _PEERS, "growth"),
    ("Libraries peer review Rochdale (2 days)", "10/11 June - completed", _PEERS, "growth"),
    ("Sport Academy (2days)", "26/27 June - completed", "Sport PHs (15)", "growth"),
    ("Libraries peer review Somerset (2 days)", "June - completed", _PEERS, "growth"),
    ("Libraries peer review North Yorkshire (2 days)", "4/5 July - completed", _PEERS, "growth"),
    ("Heritage seminar (1 day)", "10 July - completed", "Hertiage and planning PHs (25)", "growth"),
    ("Libraries seminar for new PHs (1 day)", "12 September (CONFIRMED)", "Library PHs (25)", "growth"),
    ("Councillor peer induction training (1 day)", "September", "Cabinet/Portfolio holders (4)", "growth"),
    ("Libraries peer review Bournemouth (2 days)", "24/25 September - CONFIRMED", _PEERS, "growth"),
    ("Culture Academy (2days)", "22/23 October - CONFIRMED", "Culture PHs (15)", "growth"),
    ("Sport Academy (2 days)", "12/13 November - CONFIRMED", "Sport PHs (15)", "growth"),
    (_ALS, "November", _ALS_AUDIENCE, "growth"),
    (_ALS, "November", _ALS_AUDIENCE, "growth"),
    # page 2
    (_ALS, "November", _ALS_AUDIENCE, "growth"),
    ("Visitor economy leadership seminar (1 day)", "1 November - CONFIRMED",
     "Culture, tourism, planning and growth PHs", "growth"),
    ("Culture Academy (2 days)", "4/5 December - CONFIRMED", "Culture PHs (15)", "growth"),
    ("Sport Alumni event (1 day)", "January", "Sport PHs who have completed an academy (12)", "growth"),
    ("Heritage seminar (1 day)", "", "", ""),
    ("Sport peer review (in 2-tier council, 2 days TBC)", "January", _PEERS, "growth"),
    ("Libraries seminar (1 day)", "11 February CONFIRMED", "Library PHs (25)", "growth"),
    ("Sport Academy (2days)", "18/19 February - CONFIRMED", "Sport PHs (15)", "growth"),
    (_ALS, "Feb / March", _ALS_AUDIENCE, "growth"),
    (_ALS, "Feb / March", _ALS_AUDIENCE, "growth"),
    (_ALS, "Feb / March", _ALS_AUDIENCE, "growth"),
    ("CTS Conference (2 days)", "3 -4 March - CONFIRMED", "", ""),
    ("Up to 3 more sport action learning sets, depending upon demand", "", "", ""),
)
PLAN_PAGE_1_ACTIVITIES = 15  # page 2 of the dump starts at the 16th activity

PLAN = TableSpec(
    title=("Annex C CTS Improvement Project Pla",),
    header_rows=(("Activity", "Date", "Target audience", "Link to business plan"),),
    rows=PLAN_ACTIVITIES + (
        ("TOTALS", "", "", ""),
        ("41 days of improvement activity for councils", "", "over 200 councillors involved", ""),
    ),
    notes=("KEY PH = portfolio holder",),
)
# body row indexes of PLAN.rows that start a new page in the seed dump
PLAN_PAGE_BREAKS = (PLAN_PAGE_1_ACTIVITIES,)

TRACKER = TableSpec(
    title=("Annex B:",),
    header_rows=HEADER,  # tracker_pdf's header: "Theme" first, "Number delivered per quarter" over Q1-Q4
    rows=body_rows(DELIVERABLES, spanning_themes=False),
)
TRACKER_PAGE_BREAKS: tuple[int, ...] = ()  # the tracker dump is one page

SEED_SPECS: dict[str, TableSpec] = {PLAN_NAME: PLAN, TRACKER_NAME: TRACKER}
SEED_PAGE_BREAKS: dict[str, tuple[int, ...]] = {PLAN_NAME: PLAN_PAGE_BREAKS, TRACKER_NAME: TRACKER_PAGE_BREAKS}


def seed_spec(name: str) -> TableSpec:
    """The hand-typed spec of a seed dump, by its file name (or stem)."""
    key = name if name.endswith(".txt") else f"{name}.txt"
    try:
        return SEED_SPECS[key]
    except KeyError:
        raise KeyError(f"no hand-typed spec for {name!r}; seeds are {sorted(SEED_SPECS)}") from None
