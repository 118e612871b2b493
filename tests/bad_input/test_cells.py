"""Odd cells through the whole pipeline (`annex run`): counts in words, with thousands separators,
footnote marks or "c."; percentages over 100 or negative; dates nobody can read.

Decisions (the cell parsers' docstrings hold the rules; these tests pin them end to end):
- A count is parsed when it is unambiguous, and the text is always kept (value_text) or the row
  flagged: "1,200" -> 1200 (plain); "12*" -> 12, flag annotated (the star is a footnote mark,
  the number is clear); "twelve" -> 12, flag in_words; "c. 30" -> null, flag approximate (30 is
  not what was delivered, and a null with the text kept beats a made-up exact count); "-3" ->
  null, flag negative (a count cannot be); anything else -> null, flag unreadable.
- A percentage is printed, not recomputed: 120% stays 120.0 with no flag (targets get beaten);
  "about half" is null, flagged pct_unreadable.
- A negative percentage is kept as printed and flagged pct_negative, a negative count is null and
  flagged negative; validation then treats either as a critical failure (release not published).
- An unreadable date keeps its text, gets precision unknown, null dates and the flag
  date_unreadable, and the release is still published.
"""

from __future__ import annotations

import datetime as dt

import pyarrow.parquet as pq

from pipeline.publish import partition_path

RELEASE = "2016-17-q2"
TRACKER = "\n".join([
    "Theme\tDeliverables\t2016/17 Target\tNumber delivered per quarter\t\t\t\tTotal\t% achieved\tCommentary/forecast",
    "\t\t\tQ1 Apr - June\tQ2 July - Sept\tQ3 Oct - Dec\tQ4 Jan - Mar\t\t\t",
    "Housing",
    "\tHelp councils build homes\ttwelve\t1,200\t12*\tc. 30\tn/a\t1,242\t120%\tbeaten",
    "\tReview housing boards\t50\t3\t5 (est)\t\t\t2\t4%\t",
    "\tTrain planning officers\tc. 40\t\u2013\t\t\t\t\tabout half\t",
]) + "\n"
PLAN = "\n".join([
    "Activity\tDate\tTarget audience\tLink to business plan",
    "Housing seminar (1 day)\txyzzy plugh\tHousing PHs (20)\thousing",
    "Planning academy (2 days)\t31 June - CONFIRMED\tPlanning PHs (12)\tgrowth",
    "Culture summit (1 day)\t12 May - completed\tCulture PHs\tculture",
    "KEY PH = portfolio holder",
]) + "\n"


def run_release(ws):
    ws.write_release(RELEASE, {"plan.txt": PLAN, "tracker.txt": TRACKER},
                     manifest={"title": "odd cells", "documents": ["plan.txt", "tracker.txt"]})
    outcome = ws.cli("run")
    assert outcome.code == 0, outcome.err
    return outcome


def read(ws, table):
    return pq.read_table(partition_path(ws.curated, table, RELEASE)).to_pylist()


def test_counts_parse_what_is_unambiguous_and_flag_the_rest(ws):
    run_release(ws)
    quarters = read(ws, "deliverable_quarters")
    assert [(q["value_text"], q["delivered"], q["value_flag"]) for q in quarters] == [
        ("1,200", 1200, None), ("12*", 12, "annotated"), ("c. 30", None, "approximate"),
        ("n/a", None, "not_applicable"),
        ("3", 3, None), ("5 (est)", None, "approximate"), ("", None, "blank"), ("", None, "blank"),
        ("\u2013", None, "not_applicable"), ("", None, "blank"), ("", None, "blank"), ("", None, "blank"),
    ]
    deliverables = read(ws, "deliverables")
    assert [(d["target"], d["total"], d["flags"]) for d in deliverables] == [
        (12, 1242, ["target_in_words"]), (50, 2, []),
        (None, None, ["target_approximate", "pct_unreadable"])]


def test_percentages_are_kept_as_printed(ws):
    run_release(ws)
    assert [d["pct_achieved"] for d in read(ws, "deliverables")] == [120.0, 4.0, None]


def test_unreadable_dates_are_kept_with_precision_unknown(ws):
    run_release(ws)
    activities = read(ws, "activities")
    assert [(a["date_text"], a["date_precision"], a["date_start"], a["date_end"], a["flags"])
            for a in activities] == [
        ("xyzzy plugh", "unknown", None, None, ["date_unreadable"]),
        ("31 June - CONFIRMED", "unknown", None, None, ["date_unreadable", "date_impossible"]),
        ("12 May - completed", "day", dt.date(2016, 5, 12), dt.date(2016, 5, 12), []),
    ]
    # the status a cell states is kept even when its date is not readable
    assert [a["status"] for a in activities] == ["planned", "confirmed", "completed"]



def test_negative_percentage_and_count_are_kept_and_flagged():
    """Before validation (which refuses a release holding them): the value as printed, flagged."""
    from pipeline.core.fiscal import FinancialYear
    from pipeline.extract.text_dump import read_text_table
    from pipeline.families import read_family_table
    from pipeline.normalise.release import normalise_release

    dump = TRACKER.replace("\t3\t5 (est)\t\t\t2\t4%", "\t-3\t5 (est)\t\t\t2\t-5%")
    tables = normalise_release(RELEASE, FinancialYear(2016), [read_family_table(read_text_table(dump, "t.txt"))])
    second = tables["deliverables"].to_pylist()[1]
    assert (second["pct_achieved"], second["flags"]) == (-5.0, ["pct_negative"])
    quarter = tables["deliverable_quarters"].to_pylist()[4]
    assert (quarter["value_text"], quarter["delivered"], quarter["value_flag"]) == ("-3", None, "negative")


def test_negative_percentage_and_count_fail_validation(ws):
    before = ws.publish_sample()
    tracker = ws.raw / "2015-16-q2" / "annex-b-delivery-tracker-2015-16.txt"
    text = tracker.read_text(encoding="utf-8")
    text = text.replace("\t18\t13\t\t\t31\t31%", "\t-18\t13\t\t\t31\t-31%", 1)
    tracker.write_text(text, encoding="utf-8")
    ws.expect_rejected("release 2015-16-q2: 2 critical validation failure(s), nothing published",
                       "deliverables: pct_achieved >= 0: failed on row_number 1",
                       "deliverable_quarters: no count printed below zero: failed on",
                       "fix: correct the document (or the code) and rerun; the release's previous "
                       "curated version is kept", code=1, before=before)
