"""`annex dates`: cells on stdin, one JSON object per line on stdout, exact bytes."""

from __future__ import annotations

import gc
import io

import pytest

import pipeline.cli
from pipeline.cli import main


@pytest.fixture(autouse=True)
def only_the_dates_command(monkeypatch):
    # Other commands are built by other people at the same time: this test is about `dates`.
    monkeypatch.setattr(pipeline.cli, "COMMAND_MODULES", ("pipeline.cli.dates",))


def run_dates(monkeypatch, capsys, stdin: str, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["dates", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_one_json_line_per_cell_with_the_contract_keys(monkeypatch, capsys):
    cells = "14/15 May - completed\nFeb / March\n\nTBC\r\n12 September (CONFIRMED)\n31 June\n"
    code, out, err = run_dates(monkeypatch, capsys, cells, "--financial-year", "2015/16")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        '{"text": "14/15 May - completed", "start": "2015-05-14", "end": "2015-05-15", "precision": "day_range", "status": "completed"}',
        '{"text": "Feb / March", "start": "2016-02-01", "end": "2016-03-31", "precision": "month_range", "status": "planned"}',
        '{"text": "", "start": null, "end": null, "precision": "unknown", "status": "planned"}',
        '{"text": "TBC", "start": null, "end": null, "precision": "unknown", "status": "tbc"}',
        '{"text": "12 September (CONFIRMED)", "start": "2015-09-12", "end": "2015-09-12", "precision": "day", "status": "confirmed"}',
        '{"text": "31 June", "start": null, "end": null, "precision": "unknown", "status": "planned", "flag": "impossible"}',
    ]


def test_the_financial_year_moves_yearless_cells(monkeypatch, capsys):
    code, out, _ = run_dates(monkeypatch, capsys, "11 February CONFIRMED\n", "--financial-year", "2019-20")
    assert code == 0
    assert out == '{"text": "11 February CONFIRMED", "start": "2020-02-11", "end": "2020-02-11", "precision": "day", "status": "confirmed"}\n'


def test_non_ascii_text_is_kept(monkeypatch, capsys):
    code, out, _ = run_dates(monkeypatch, capsys, "10–11 June\n", "--financial-year", "2015/16")
    assert code == 0
    assert out == '{"text": "10–11 June", "start": "2015-06-10", "end": "2015-06-11", "precision": "day_range", "status": "planned"}\n'


def test_the_collectors_settings_are_the_processes_again_after_the_command(monkeypatch, capsys):
    # the command tunes the garbage collector while it reads cells; a process running it in
    # process (a test, a script) gets its own settings back
    thresholds, frozen = gc.get_threshold(), gc.get_freeze_count()
    code, out, _ = run_dates(monkeypatch, capsys, "12 May\n", "--financial-year", "2015/16")
    assert code == 0 and out.startswith('{"text": "12 May", "start": "2015-05-12"')
    assert (gc.get_threshold(), gc.get_freeze_count()) == (thresholds, frozen)


def test_empty_input_writes_nothing(monkeypatch, capsys):
    assert run_dates(monkeypatch, capsys, "", "--financial-year", "2015/16") == (0, "", "")


@pytest.mark.parametrize("bad", ["2015/17", "15/16", "next year", ""])
def test_a_bad_financial_year_is_a_one_line_usage_error(monkeypatch, capsys, bad):
    code, out, err = run_dates(monkeypatch, capsys, "May\n", "--financial-year", bad)
    assert code == 2
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith("annex dates: error: --financial-year: not a financial year")


def test_a_missing_financial_year_is_a_usage_error(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("May\n"))
    with pytest.raises(SystemExit) as exit_info:
        main(["dates"])
    assert exit_info.value.code == 2
    assert "--financial-year" in capsys.readouterr().err


def test_help_has_an_example(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["dates", "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert "example:" in out
    assert "annex dates --financial-year 2015/16" in out
    assert "(default: None)" not in out


def test_a_year_out_of_range_is_unknown_with_its_flag(monkeypatch, capsys):
    cells = "12 May 3015\n1 January 9999\n1 January 0001\n12 May 2016\n"
    code, out, err = run_dates(monkeypatch, capsys, cells, "--financial-year", "2015/16")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        '{"text": "12 May 3015", "start": null, "end": null, "precision": "unknown", "status": "planned", "flag": "year_out_of_range"}',
        '{"text": "1 January 9999", "start": null, "end": null, "precision": "unknown", "status": "planned", "flag": "year_out_of_range"}',
        '{"text": "1 January 0001", "start": null, "end": null, "precision": "unknown", "status": "planned", "flag": "year_out_of_range"}',
        '{"text": "12 May 2016", "start": "2016-05-12", "end": "2016-05-12", "precision": "day", "status": "planned"}',
    ]


# ---- read in pieces, written in pieces: the same lines as reading line by line

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pipeline.cli import dates as dates_command  # noqa: E402
from pipeline.core.fiscal import FinancialYear  # noqa: E402
from pipeline.normalise.dates import DateRange, Precision, Status, normalise_date  # noqa: E402

cell_text = st.lists(
    st.one_of(st.sampled_from(["14/15 May", "12 May 3015", "Feb / March", "TBC", "\r", "\n", "\r\n", "é", "–", '"', "\\", "\t", " "]),
              st.text(max_size=6)),
    max_size=12,
).map("".join)


def line_by_line(data: bytes, financial_year: FinancialYear) -> str:
    """What `annex dates` wrote before it read in pieces: one line at a time from stdin as Python
    opens it on POSIX (lines end at "\\n" only), json.dumps of each."""
    import json

    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="\n")
    return "".join(
        json.dumps(normalise_date(line.rstrip("\r\n"), financial_year).to_json(), ensure_ascii=False) + "\n" for line in stdin
    )


@settings(max_examples=300, deadline=None)
@given(text=cell_text, piece=st.integers(1, 8))
def test_reading_in_pieces_gives_the_lines_of_reading_line_by_line(text, piece):
    data = text.encode("utf-8")  # multi-byte characters fall across pieces of a few bytes
    financial_year = FinancialYear(2016)
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)), encoding="utf-8", newline="\n")
    out = io.StringIO()
    original = dates_command._PIECE
    dates_command._PIECE = piece
    try:
        dates_command.write_json_lines(stdin, out, financial_year)
    finally:
        dates_command._PIECE = original
    assert out.getvalue() == line_by_line(data, financial_year)
    text_out = io.StringIO()
    dates_command.write_json_lines(io.StringIO(text), text_out, financial_year)  # a text-only stream
    assert text_out.getvalue() == line_by_line(data, financial_year)


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(),
    start=st.none() | st.dates(),
    days=st.integers(0, 400),
    precision=st.sampled_from(Precision),
    status=st.sampled_from(Status),
    flag=st.none() | st.sampled_from(["year_out_of_range"]) | st.text(max_size=5),
)
def test_json_line_is_json_dumps_of_to_json(text, start, days, precision, status, flag):
    import datetime as dt
    import json

    end = None if start is None else min(start + dt.timedelta(days=days), dt.date.max)
    result = DateRange(text, start, end, precision, status, flag=flag)
    assert dates_command.json_line(result) == json.dumps(result.to_json(), ensure_ascii=False) + "\n"


def test_a_line_longer_than_a_piece_and_a_last_line_without_its_end():
    long_cell = "12 May " + "x" * 200_000
    data = f"{long_cell}\r\n14/15 May - completed".encode()
    stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)), encoding="utf-8", newline="\n")
    out = io.StringIO()
    dates_command.write_json_lines(stdin, out, FinancialYear(2015))
    assert out.getvalue() == line_by_line(data, FinancialYear(2015))
    assert len(out.getvalue().splitlines()) == 2


def test_each_line_is_answered_as_soon_as_it_is_read():
    # A program that writes one cell and waits for its answer must get it before it closes stdin.
    import subprocess
    import sys

    process = subprocess.Popen(
        [sys.executable, "-m", "pipeline", "dates", "--financial-year", "2015/16"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        process.stdin.write("14/15 May - completed\n")
        process.stdin.flush()
        assert process.stdout.readline().startswith('{"text": "14/15 May - completed", "start": "2015-05-14"')
        process.stdin.write("Feb / March\n")
        process.stdin.flush()
        assert '"start": "2016-02-01"' in process.stdout.readline()
    finally:
        process.stdin.close()
        process.wait(timeout=30)
    assert process.returncode == 0
