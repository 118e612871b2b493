"""`annex run` as it goes: JSON event lines (--log-format json), plain timestamped lines when
stderr is no terminal, the rich progress bar on one, and the executor options passed through."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from support import SAMPLE_RELEASE

from pipeline.cli import main
from pipeline.cli.progress import JsonReporter, PlainReporter, RichReporter
from pipeline.core.errors import ExitCode
from pipeline.flow import STEPS, ErrorInfo, ReleaseSummary

BAD_YEAR = "title: t\nfinancial_year: '2015/17'\ndocuments: [x.txt]\n"
TIMESTAMP = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"
DONE_EVENTS = {"release_published", "release_skipped", "release_refused"}


def annex(*argv: str) -> tuple[int, str]:
    """Run `annex ...` in this process; its exit code and what it wrote on stderr (stderr is a
    StringIO: no terminal, as under cron or CI)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def events_of(err: str) -> list[dict]:
    lines = err.splitlines()
    assert lines, "nothing on stderr"
    return [json.loads(line) for line in lines]  # every line is one JSON object, nothing else


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """raw/ with the sample release under r1, r2 and r3 (text documents only) and `bad`, whose
    financial year is wrong."""
    root = tmp_path_factory.mktemp("progress")
    raw = root / "raw"
    for release_id in ("r1", "r2", "r3"):
        shutil.copytree(SAMPLE_RELEASE, raw / release_id, ignore=shutil.ignore_patterns("*.pdf"))
    (raw / "bad").mkdir()
    (raw / "bad" / "release.yaml").write_text(BAD_YEAR, encoding="utf-8")
    return root


def where(root: Path, curated: str = "curated") -> list[str]:
    return ["--raw", str(root / "raw"), "--staged", str(root / "staged"),
            "--curated", str(root / curated), "--no-data-docs"]


@pytest.fixture(scope="module")
def json_run(workspace):
    """`annex run --log-format json` over r1, r2 and bad, then again (r1 and r2 unchanged)."""
    named = ["--release", "r1", "--release", "r2", "--release", "bad"]
    first = annex("run", *where(workspace), *named, "--log-format", "json")
    second = annex("run", *where(workspace), *named, "--log-format", "json")
    return first, second


def test_json_lines_in_a_valid_order(json_run):
    code, err = json_run[0]
    events = events_of(err)
    names = [e["event"] for e in events]
    assert names[0] == "run_started" and names[-1] == "run_finished"
    assert names.count("run_started") == names.count("run_finished") == 1
    assert events[0] | {"time": None} == {"event": "run_started", "releases": 3, "executor": "local",
                                           "jobs": 1, "time": None}
    for event in events:
        assert re.fullmatch(TIMESTAMP, event["time"]), event
        assert list(event) == sorted(event), "keys sorted"
    started = {e["release"]: i for i, e in enumerate(events) if e["event"] == "release_started"}
    done = {e["release"]: (i, e) for i, e in enumerate(events) if e["event"] in DONE_EVENTS}
    # `bad` is refused by the run's plan (its release.yaml): never handed to a worker
    assert set(started) == {"r1", "r2"} and set(done) == {"r1", "r2", "bad"}
    for release in started:
        assert started[release] < done[release][0], f"{release} done before it started"

    for release in ("r1", "r2"):
        _, event = done[release]
        assert event["event"] == "release_published" and event["exit_code"] == 0
        assert event["error"] is None and event["fix"] is None and event["folder"] == release
        assert event["published"]["activities"] == 28 and event["published"]["deliverables"] == 17
        assert set(event["timings"]) == set(STEPS)
        assert event["seconds"] == pytest.approx(sum(event["timings"].values()), abs=0.01)
        assert event["seconds"] > 0
        assert any("stated_total" in warning for warning in event["warnings"])

    finished = events[-1]
    assert (finished["exit_code"], finished["published"], finished["skipped"], finished["failed"]) == (2, 2, 0, 1)
    assert finished["seconds"] >= max(done[r][1]["seconds"] for r in ("r1", "r2"))
    assert code == 2


def test_json_refused_release_has_its_exit_code_and_message(json_run):
    events = events_of(json_run[0][1])
    refused = [e for e in events if e["event"] == "release_refused"]
    assert len(refused) == 1
    event = refused[0]
    assert event["release"] == "bad" and event["exit_code"] == 2
    assert "financial_year: not a financial year: '2015/17'" in event["error"]
    assert "release.yaml" in event["error"] and event["fix"] == "write it as e.g. '2015/16' (quoted)"
    assert event["published"] == {}


def test_json_unchanged_releases_are_skipped(json_run):
    code, err = json_run[1]
    events = events_of(err)
    by_release = {e["release"]: e for e in events if e["event"] in DONE_EVENTS}
    assert by_release["r1"]["event"] == by_release["r2"]["event"] == "release_skipped"
    assert by_release["r1"]["exit_code"] == 0 and by_release["r1"]["published"]
    assert by_release["bad"]["event"] == "release_refused"
    # a skipped or refused release is not handed to a worker: no release_started for it
    assert [e["release"] for e in events if e["event"] == "release_started"] == []
    assert events[-1] | {"seconds": 0, "time": 0} == {
        "event": "run_finished", "exit_code": 2, "published": 0, "skipped": 2, "failed": 1,
        "seconds": 0, "time": 0}
    assert code == 2


def test_text_without_a_terminal_is_plain_timestamped_lines(workspace, json_run):
    # four releases (a bar on a terminal): r1 and r2 unchanged, bad refused, r3 published
    code, err = annex("run", *where(workspace))
    assert code == 2
    assert "\x1b" not in err, "ANSI escapes"
    assert not set(err) & set("━╸╺─⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"), "progress bar or spinner characters"
    assert "processing releases" not in err
    lines = err.splitlines()
    assert re.fullmatch(rf"{TIMESTAMP} run started: 4 release\(s\), executor local, 1 job\(s\)", lines[0])
    assert re.search(rf"^{TIMESTAMP} = r1: unchanged, skipped$", err, re.MULTILINE)
    assert re.search(rf"^{TIMESTAMP} started r3$", err, re.MULTILINE)
    assert re.search(rf"^{TIMESTAMP} ✓ r3: activities 28, deliverables 17", err, re.MULTILINE)
    assert re.search(rf"^{TIMESTAMP} ✗ bad: .*not a financial year: '2015/17'", err, re.MULTILINE)
    assert re.fullmatch(rf"{TIMESTAMP} 1 of 4 release\(s\) published, 2 unchanged, skipped; failed: bad", lines[-1])
    # details follow their release, indented; a long line is not cut at 80 columns
    assert re.search(r"^    annex-c-cts-improvement-plan\.txt \(plan\): 38 lines = ", err, re.MULTILINE)
    assert any(len(line) > 120 and line.startswith("    warning: checks") for line in lines)


def test_json_run_failed_when_the_run_cannot_start(tmp_path):
    code, err = annex("run", "--raw", str(tmp_path / "nothing"), "--curated", str(tmp_path / "c"),
                      "--log-format", "json")
    [event] = events_of(err)
    assert event["event"] == "run_failed" and event["exit_code"] == code == 2
    assert "no releases found" in event["error"] and "release.yaml" in event["fix"]


def test_json_run_failed_when_the_lock_is_held(workspace, tmp_path):
    from pipeline.lock import curated_lock

    with curated_lock(tmp_path / "c"):
        code, err = annex("run", "--raw", str(workspace / "raw"), "--curated", str(tmp_path / "c"),
                          "--log-format", "json")
    [event] = events_of(err)
    assert event["event"] == "run_failed" and event["exit_code"] == code == 75  # busy: try later
    assert "another annex run" in event["error"] and "--wait-lock" in event["fix"]
    # text mode: the error path of every command, unchanged
    with curated_lock(tmp_path / "c"):
        code, err = annex("run", "--raw", str(workspace / "raw"), "--curated", str(tmp_path / "c"))
    assert code == 75 and err.startswith("error: ") and "another annex run" in err


def test_scheduler_needs_the_dask_executor(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["run", "--scheduler", "tcp://127.0.0.1:8786"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: annex run") and "--scheduler needs --executor dask" in err
    with pytest.raises(SystemExit) as caught:
        main(["run", "--executor", "spark"])
    assert caught.value.code == 2 and "invalid choice: 'spark'" in capsys.readouterr().err


def test_options_reach_the_runner(monkeypatch, tmp_path):
    import pipeline.plan
    import pipeline.runner
    from pipeline.plan import Action, PlanEntry, RunPlan, Status

    seen = {}
    folder = tmp_path / "raw" / "r1"
    planned = PlanEntry(folder, "r1", Status.NEW, Action.RUN, "never published")

    def fake_plan(options, for_run=False):
        seen["options"], seen["for_run"] = options, for_run
        return RunPlan(options, "v", (planned,))

    def fake_run(options, on_release, on_start, plan):
        assert plan.entries == (planned,)
        on_start([planned])
        result = summary("r1", published={"activities": 3}, timings={"extract": 0.5, "validate": 1.0})
        result.folder = str(folder)
        on_release(result)
        return [result]

    monkeypatch.setattr(pipeline.plan, "build_plan", fake_plan)
    monkeypatch.setattr(pipeline.runner, "run", fake_run)
    (tmp_path / "raw").mkdir()  # checked before the lock is taken
    code, err = annex("run", "--raw", str(tmp_path / "raw"), "--curated", str(tmp_path / "c"),
                      "--release", "r1", "--executor", "dask", "--scheduler", "tcp://10.0.0.5:8786",
                      "--chunk-size", "7", "--jobs", "3", "--log-format", "json")
    assert code == 0 and seen["for_run"]  # the plan to run: it may keep its downloads for the workers
    options = seen["options"]
    assert (options.executor, options.scheduler, options.chunk_size, options.jobs, options.force,
            options.release_ids, options.scheduler_timeout) == ("dask", "tcp://10.0.0.5:8786", 7, 3, False, ("r1",), 10.0)
    events = events_of(err)
    assert [e["event"] for e in events] == ["run_started", "release_started", "release_published", "run_finished"]
    assert events[0]["executor"] == "dask" and events[0]["jobs"] == 3 and events[0]["releases"] == 1
    assert events[2]["timings"] == {"extract": 0.5, "validate": 1.0} and events[2]["seconds"] == 1.5
    assert events[3]["published"] == 1 and events[3]["exit_code"] == 0


def test_executors_and_help():
    from pipeline.cli import build_parser
    from pipeline.cli.run import EXAMPLE
    from pipeline.cli.run import EXECUTORS as CLI_EXECUTORS
    from pipeline.executors import EXECUTORS

    assert CLI_EXECUTORS == tuple(EXECUTORS)
    for option in ("--executor dask", "--scheduler", "--chunk-size", "--log-format json"):
        assert f"annex run {option}" in EXAMPLE or f" {option} " in EXAMPLE, option
    run_parser = build_parser()._subparsers._group_actions[0].choices["run"]
    defaults = {a.dest: a.default for a in run_parser._actions}
    assert defaults["executor"] == "local" and defaults["log_format"] == "text"
    assert defaults["scheduler"] is None and defaults["chunk_size"] is None
    from pipeline.executors import MAX_CHUNK

    chunk_help = next(a.help for a in run_parser._actions if a.dest == "chunk_size")
    assert f"at most {MAX_CHUNK})" in chunk_help  # the default the help states is the code's


def test_flag_meanings_of_the_excel_date_flags():
    from pipeline.cli.progress import FLAG_MEANING

    assert FLAG_MEANING["date_value_mismatch"] == "date read from the printed text; the cell's stored date differs"
    assert FLAG_MEANING["date_value_outside_financial_year"] == (
        "stored date outside the year; the printed day and month used in the financial year")


# --- the reporters alone -------------------------------------------------------------------------

def summary(release_id: str, **fields) -> ReleaseSummary:
    return ReleaseSummary(release_id, f"raw/{release_id}", **fields)


def refused(release_id: str) -> ReleaseSummary:
    message = f"raw/{release_id}/release.yaml: bad\n  fix: mend it"
    return summary(release_id, exit_code=ExitCode.BAD_INPUT,
                   error=ErrorInfo(message, "bad", f"raw/{release_id}/release.yaml", fix="mend it"))


def terminal(width: int = 150):
    from rich.console import Console

    return Console(force_terminal=True, file=io.StringIO(), width=width, color_system="standard")


def test_rich_reporter_bar_counts():
    console = terminal()
    reporter = RichReporter(console)
    reporter.start(5)
    assert reporter.status is not None and reporter.progress is None, "the spinner until a release starts"
    results = [summary("r1", published={"activities": 28}), summary("r2", skipped=True),
               refused("r3"), summary("r4", published={"activities": 2})]
    reporter.release_started([Path("raw/r1"), Path("raw/r3")])
    assert reporter.status is None and reporter.progress is not None, "more than three releases: a bar"
    for result in results:
        reporter.release_done(result)
    task = reporter.progress.tasks[0]
    assert (task.completed, task.total) == (4, 5)
    assert (task.fields["published"], task.fields["skipped"], task.fields["failed"]) == (2, 1, 1)
    code = reporter.finish(results)
    reporter.close()
    assert code == ExitCode.BAD_INPUT
    out = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", console.file.getvalue())
    assert "4/5" in out and "2 published, 1 skipped, 1 failed" in out and "ETA" in out
    # the summaries print through the bar's console, the totals after it
    assert "✓ r1: activities 28; rejected 0" in out and "= r2: unchanged, skipped" in out
    assert "✗ r3: raw/r3/release.yaml: bad" in out
    assert out.rstrip().endswith("2 of 4 release(s) published, 1 unchanged, skipped; failed: r3")


def test_rich_reporter_spinner_for_a_few_releases():
    console = terminal()
    reporter = RichReporter(console)
    reporter.start(3)
    assert reporter.progress is None and reporter.status is not None
    reporter.release_done(summary("r1", published={"activities": 1}))
    reporter.finish([summary("r1", published={"activities": 1})])
    assert reporter.status is None
    out = console.file.getvalue()
    assert "processing releases..." in out and "published, " not in out.split("✓ r1")[0]


def test_reporter_for_picks_by_format_and_terminal():
    import argparse

    from rich.console import Console

    from pipeline.cli.run import reporter_for

    args = argparse.Namespace(log_format="text", debug=False, executor="local", jobs=2)
    assert isinstance(reporter_for(args, terminal()), RichReporter)
    assert isinstance(reporter_for(args, Console(file=io.StringIO())), PlainReporter)
    args.log_format = "json"
    assert isinstance(reporter_for(args, terminal()), JsonReporter)


def test_json_reporter_escapes_control_characters():
    stream = io.StringIO()
    reporter = JsonReporter(stream)
    reporter.start(1)
    warning = "cell \x1b]0;title\x07 \x85 \x7f \u2028 \u202e é"
    result = summary("r\x1b[2J1", warnings=[warning], published={"activities": 1})
    reporter.release_done(result)
    reporter.finish([result])
    text = stream.getvalue()
    for raw, escaped in (("\x1b", "\\u001b"), ("\x07", "\\u0007"), ("\x85", "\\u0085"),
                         ("\x7f", "\\u007f"), ("\u2028", "\\u2028"), ("\u202e", "\\u202e")):
        assert raw not in text and escaped in text, escaped
    assert "é" in text  # letters stay as they are
    lines = text.splitlines()  # U+0085 and U+2028 would split a line here
    assert [json.loads(line)["event"] for line in lines] == ["run_started", "release_published", "run_finished"]
    assert json.loads(lines[1])["release"] == "r\x1b[2J1" and json.loads(lines[1])["warnings"] == [warning]
