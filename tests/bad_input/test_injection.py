"""Issue 16 cases 6, 7, 9: text from documents is never interpreted.

- not as mathtext by matplotlib (`annex report` draws activity labels: "Spend $5 and $10" is text,
  and `$\\undefinedmacro$` cannot make the report fail);
- not as markup by rich (`annex diff` prints cells such as `[/bold]` and `[link=...]` as printed);
- not as control sequences by a terminal (ESC, BEL, bidi overrides are shown escaped, `\\x1b`, by
  diff, the run summary and error messages);
- not as HTML in the report (Jinja2 autoescape: `<script>` is shown, not run).
"""

from __future__ import annotations

import re

from pipeline.core.display import markup_safe, shown

ESC = "\x1b"
CLEAR = ESC + "[2J"
TITLE = ESC + "]0;pwned" + "\x07"
RED = ESC + "[31m"
PLAN_HEADER = "Activity\tDate\tTarget audience\tLink to business plan"


# Rows enough that a few control characters stay under the binary-content test's 1%.
FILLER = [f"Regional network meeting {n} (1 day)\t{n} June 2015\tAll members\tsector support"
          for n in range(1, 21)]


def plan(*activities: str) -> str:
    rows = [f"{a}\t{14 + i} May 2015\tSport PHs (15)\tsport" for i, a in enumerate(activities)]
    return "\n".join(["Annex C plan", PLAN_HEADER, *rows, *FILLER, "KEY PH = portfolio holder"]) + "\n"


def no_control_characters(text: str) -> bool:
    return not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", text)


def test_shown_escapes_controls_and_keeps_printable_text():
    assert shown(f"a{CLEAR}b") == "a\\x1b[2Jb"
    assert shown("caf\u00e9 \u00a3250 \u2013 ok") == "caf\u00e9 \u00a3250 \u2013 ok"
    assert shown("evil\u202etxt.exe") == "evil\\u202etxt.exe"
    assert shown("one\ntwo") == "one\\ntwo" and shown("one\ntwo", lines=True) == "one\ntwo"
    assert markup_safe("[/bold]\x07") == "\\[/bold]\\x07"


def test_report_draws_dollar_signs_and_bad_tex_as_text_and_escapes_html(ws, tmp_path):
    ws.write_release("2015-16-q4", {"plan.txt": plan(
        "Spend $5 and $10 on coaching (1 day)", "Seminar $\\undefinedmacro$ (1 day)",
        "<script>alert(1)</script> workshop (1 day)", "$\\frac{1}{0$ masterclass (1 day)")})
    assert ws.cli("run").code == 0
    out = tmp_path / "reports"
    outcome = ws.cli("report", "--curated", str(ws.curated), "--output", str(out))
    assert outcome.code == 0, outcome.err
    html = (out / "2015-16-q4" / "report.html").read_text(encoding="utf-8")
    assert "Spend $5 and $10 on coaching" in html
    assert "Seminar $\\undefinedmacro$" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; workshop" in html and "<script>" not in html
    assert 'src="data:image/png;base64,' in html  # the timeline was drawn


def tracker(commentary: str) -> str:
    rows = [f"\tDeliverable number {n}\t10\t2\t3\t\t\t5\t50%\t{commentary if n == 1 else 'on track'}"
            for n in range(1, 16)]
    return "\n".join([
        "Theme\tDeliverables\t2015/16 Target\tNumber delivered per quarter\t\t\t\tTotal\t% achieved"
        "\tCommentary/forecast",
        "\t\t\tQ1 Apr - June\tQ2 July - Sept\tQ3 Oct - Dec\tQ4 Jan - Mar\t\t\t", "Housing", *rows]) + "\n"


def test_diff_prints_markup_and_escape_sequences_as_text(ws):
    hostile = f"[link=https://evil.example]here[/link] [/bold]{CLEAR}{TITLE}{RED} done"
    ws.write_release("2015-16-q3", {"plan.txt": plan("Coaching (1 day)"), "tracker.txt": tracker("fine")})
    ws.write_release("2015-16-q4", {"plan.txt": plan("[/bold] Coaching (1 day)"),
                                    "tracker.txt": tracker(hostile)})
    assert ws.cli("run").code == 0
    outcome = ws.cli("diff", "2015-16-q3", "2015-16-q4", "--curated", str(ws.curated))
    assert outcome.code == 0, outcome.err
    assert "[/bold] Coaching (1 day)" in outcome.out  # the added activity, as printed
    # control characters are removed from cells when the document is read (issue 25); what is
    # left is printed as it is, not as markup
    assert "[link=https://evil.example]here[/link] [/bold][2J]0;pwned[31m done" in outcome.out, outcome.out
    assert no_control_characters(outcome.out), repr(outcome.out)
    assert outcome.err == ""


def test_run_summary_and_errors_show_escape_sequences_escaped(ws):
    # a drifted header: the error names the column as printed, ESC and all
    ws.write_release("2015-16-q4", {"plan.txt": PLAN_HEADER + f"\tstrategy{CLEAR}{TITLE}"
                                    + "\n" + "\n".join(FILLER) + "\n"})
    outcome = ws.cli("run")
    assert outcome.code == 2, outcome.err
    # control characters are removed from cells when the document is read (issue 25)
    assert "strategy[2J]0;pwned" in outcome.err and no_control_characters(outcome.err), repr(outcome.err)
    # a cut-off table: the warning quotes the last row
    ws.write_release("2015-16-q4", {"plan.txt": "\n".join(
        [PLAN_HEADER, *FILLER,
         f"Heritage {RED}seminar [bold](1\t15 May 2015\tSport PHs\tsport"]) + "\n"})
    outcome = ws.cli("run")
    assert "'Heritage [31mseminar [bold](1'" in outcome.err, outcome.err  # ESC removed when read
    assert "removed from cells (U+001B x1)" in outcome.err, outcome.err
    assert "[bold](1" in outcome.err and no_control_characters(outcome.err), repr(outcome.err)
