"""`annex dates`: cells on stdin, one JSON object per line on stdout, exact bytes."""

from __future__ import annotations

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
        '{"text": "31 June", "start": null, "end": null, "precision": "unknown", "status": "planned"}',
    ]


def test_the_financial_year_moves_yearless_cells(monkeypatch, capsys):
    code, out, _ = run_dates(monkeypatch, capsys, "11 February CONFIRMED\n", "--financial-year", "2019-20")
    assert code == 0
    assert out == '{"text": "11 February CONFIRMED", "start": "2020-02-11", "end": "2020-02-11", "precision": "day", "status": "confirmed"}\n'


def test_non_ascii_text_is_kept(monkeypatch, capsys):
    code, out, _ = run_dates(monkeypatch, capsys, "10–11 June\n", "--financial-year", "2015/16")
    assert code == 0
    assert out == '{"text": "10–11 June", "start": "2015-06-10", "end": "2015-06-11", "precision": "day_range", "status": "planned"}\n'


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
