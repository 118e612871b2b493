import pytest

from pipeline.normalise.cells import (expand_abbreviations, parse_audience, parse_count,
                                      parse_duration_days, parse_percent)

KEY = {"PH": "portfolio holder", "LA": "local authority"}


@pytest.mark.parametrize("text, value, flag", [
    ("18", 18, None), ("0", 0, None), (" 1,200 ", 1200, None), ("12*", 12, "annotated"),
    ("twelve", 12, "in_words"), ("c. 30", None, "approximate"), ("approx 30", None, "approximate"),
    ("30+", None, "approximate"), ("", None, "blank"), (None, None, "blank"), ("n/a", None, "not_applicable"),
    ("N/A", None, "not_applicable"), ("-", None, "not_applicable"), ("–", None, "not_applicable"),
    ("-3", None, "negative"), ("TBC", None, "pending"), ("tba", None, "pending"), ("Awaited", None, "pending"), ("lots", None, "unreadable"), ("1.5", None, "unreadable"),
    # quarterly count cells as trackers write them: a number, or null with why, never a wrong number
    ("Nil", 0, "in_words"), ("40 approx", None, "approximate"), ("40ish", None, "approximate"),
    ("12 (est.)", None, "approximate"), ("1,200 approx", None, "approximate"), ("<5", None, "approximate"),
    ("Awaiting data", None, "pending"), ("N / A", None, "not_applicable"), ("n.a", None, "not_applicable"),
    ("—", None, "not_applicable"), ("12 [1]", 12, "annotated"), ("12(b)", 12, "annotated"),
    ("12 - 15", None, "unreadable"), ("1,20", None, "unreadable"), ("12,5", None, "unreadable"),
    ("1.200", None, "unreadable"), ("£1,200", None, "unreadable"), ("(12)", None, "unreadable"),
    ("12 (Q1)", None, "unreadable"), ("See note", None, "unreadable"), ("x", None, "unreadable"),
])
def test_parse_count(text, value, flag):
    count = parse_count(text)
    assert (count.value, count.flag) == (value, flag)


@pytest.mark.parametrize("text, value, flag", [
    ("31%", 31.0, None), ("120%", 120.0, None), ("600 %", 600.0, None), ("12.5%", 12.5, None),
    ("-5%", -5.0, "pct_negative"), ("", None, None), ("n/a", None, None), ("high", None, "pct_unreadable"),
])
def test_parse_percent(text, value, flag):
    assert parse_percent(text) == (value, flag)


@pytest.mark.parametrize("text, days", [
    ("Officer peer training (1day)", 1.0), ("Sport Academy (2days)", 2.0), ("Review (2 days)", 2.0),
    ("Sport peer review (in 2-tier council, 2 days TBC)", 2.0), ("Workshop (half day)", 0.5),
    ("Webinar (3 hours)", 0.4), ("Two day summit (two days)", 2.0), ("Sport peer review", None),
])
def test_parse_duration_days(text, days):
    assert parse_duration_days(text) == days


@pytest.mark.parametrize("text, audience, size", [
    ("Sport PHs (15)", "Sport portfolio holders", 15),
    ("Hertiage and planning PHs (25)", "Hertiage and planning portfolio holders", 25),
    ("Sport PHs who have completed an academy (5)", "Sport portfolio holders who have completed an academy", 5),
    ("Cabinet/Portfolio holders (4)", "Cabinet/Portfolio holders", 4),
    ("Individual council", "Individual council", None),
    ("LA officers (c. 40)", "local authority officers", 40),
    ("PH", "portfolio holder", None),
    ("", None, None),
    # audiences as officers write them: a size only where the brackets hold the audience's number
    ("All schools", "All schools", None),
    ("Members (1,200)", "Members", 1200),
    ("Staff (100+)", "Staff", 100),
    ("Councillors (2015)", "Councillors (2015)", None),  # the year, or 2015 councillors?
    ("Sport PHs (15) & officers (10)", "Sport portfolio holders (15) & officers (10)", None),  # 10 is the officers'
    ("PHs (15 + 5 officers)", "portfolio holders (15 + 5 officers)", None),
    ("Councillors (3 sessions)", "Councillors (3 sessions)", None),
    ("Yr 6 pupils x 30", "Yr 6 pupils x 30", None),
    ("c.200 residents", "c.200 residents", None),
])
def test_parse_audience(text, audience, size):
    assert parse_audience(text, KEY) == (audience, size)


def test_expansion_is_whole_words_only():
    assert expand_abbreviations("PHONE PHs and PH's", {"PH": "portfolio holder"}) == \
        "PHONE portfolio holders and portfolio holders"
    assert expand_abbreviations("LAs", {"LA": "local authority"}) == "local authorities"
