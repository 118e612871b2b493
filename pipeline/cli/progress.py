"""How `annex run` reports as it goes: three reporters with one interface, picked by run.py.

    RichReporter   a terminal: a progress bar (releases done / total, published / skipped /
                   failed, elapsed, ETA) over the per-release summaries, or for a few releases
                   the spinner alone
    PlainReporter  stderr is a file or a pipe (cron, CI): one timestamped line per event, the
                   per-release summaries as on a terminal, no bar, no spinner, no escapes
    JsonReporter   --log-format json: one JSON object per line per event and nothing else

Every reporter has start(total), release_started(entries), release_done(summary),
finish(results, gone) -> exit code (gone: the plan's releases published but no longer under raw/);
waiting(lock) when another run holds curated/, failed(message, exit_code, fix) when the run stops
before it finishes, and close(), always called last (stops a bar). The per-release summaries and the
totals line are printed here too (print_release_summary, run_totals).
"""

from __future__ import annotations

import json
import sys
import warnings
import time
import unicodedata
from pathlib import Path

from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                           TimeElapsedColumn, TimeRemainingColumn)

from pipeline.core.clock import utc_now
from pipeline.core.display import ESCAPED_CATEGORIES, shown
from pipeline.core.display import markup_safe as escape  # rich markup and control characters
from pipeline.core.errors import ExitCode
from pipeline.core.flags import Flag

BAR_OVER = 3  # a progress bar for more releases than this; the spinner alone for fewer


def outcome(summary) -> str:
    """published, skipped or refused (any release that is not OK: validation failed, bad input,
    a bug, the machine refused)."""
    if not summary.ok:
        return "refused"
    return "skipped" if summary.skipped else "published"


class Counts:
    """Releases done so far, by outcome."""

    def __init__(self) -> None:
        self.published = self.skipped = self.refused = 0

    def add(self, summary) -> None:
        kind = outcome(summary)
        setattr(self, kind, getattr(self, kind) + 1)

    @property
    def done(self) -> int:
        return self.published + self.skipped + self.refused


def exit_code_of(results) -> ExitCode:
    """The run's exit code: the worst of the releases' (OK when all succeeded or were skipped)."""
    return max((r.exit_code for r in results), default=ExitCode.OK)


def _exit_code(results) -> int:
    return int(exit_code_of(results))


def run_totals(results) -> str:
    """One line for the end of a run: published, unchanged, failed."""
    failed = [r for r in results if not r.ok]
    skipped = sum(1 for r in results if r.ok and r.skipped)
    published = len(results) - len(failed) - skipped
    text = f"{published} of {len(results)} release(s) published"
    if skipped:
        text += f", {skipped} unchanged, skipped"
    if failed:
        text += f"; failed: {', '.join(shown(r.release_id) for r in failed)}"
    return text


def gone_line(entry) -> str:
    """A release published but no longer under raw/ (a plan entry), on one line."""
    return f"{shown(entry.release_id)}: {entry.why}"


# What the run summary says of each flag: the meanings of pipeline.core.flags, the one list.
FLAG_MEANING = {flag.value: flag.meaning for flag in Flag}


def print_release_summary(console, result) -> None:
    if result.error is not None:
        console.print(f"[red]✗ {escape(result.release_id)}[/red]: {escape(result.error.message)}")
        for warning in result.warnings:  # e.g. a document that looks cut off, behind a shrink
            console.print(f"    [yellow]warning[/yellow]: {escape(warning)}")
        return
    if getattr(result, "skipped", False):
        console.print(f"[dim]= {escape(result.release_id)}: unchanged, skipped[/dim]")
        return
    counts = ", ".join(f"{name} {rows}" for name, rows in result.published.items() if name != "rejects")
    rejected = result.published.get("rejects", 0)
    console.print(f"[green]✓ {escape(result.release_id)}[/green]: {counts or 'no rows'}; rejected {rejected}")
    for row in result.accounting():
        console.print(f"    {escape(row['document'])} ({escape(row['family'])}): {row['input_lines']} lines = "
                      f"{row['data_rows']} data + {row['continuation_lines']} joined + "
                      f"{row['classified_lines']} classified + {row['rejected_lines']} rejected")
    for flag, count in getattr(result, "flag_counts", {}).items():
        console.print(f"    {count} value(s) flagged {flag}: kept as printed ({FLAG_MEANING.get(flag, 'see the flags columns')})")
    for warning in result.warnings:
        console.print(f"    [yellow]warning[/yellow]: {escape(warning)}")


class Reporter:
    """The interface, and the start every reporter defers: start(total) is noted, and what it
    shows (the run_started line, the bar) comes with the run's first event, so a run that cannot
    start (an unknown --release, an empty raw/, the lock held, Dask unreachable) reports its
    error alone."""

    def __init__(self, debug: bool = False) -> None:
        self.debug = debug
        self.counts = Counts()
        self.total = 0
        self.started = time.monotonic()
        self.started_at = utc_now()
        self.begun = False

    def start(self, total: int) -> None:
        self.total = total
        self.started, self.started_at = time.monotonic(), utc_now()

    def begin(self) -> None:
        if not self.begun:
            self.begun = True
            self.on_begin()

    def on_begin(self) -> None:
        pass

    def release_started(self, entries) -> None:
        self.begin()

    def release_done(self, summary) -> None:
        self.begin()
        self.counts.add(summary)

    def waiting(self, lock: Path) -> None:
        pass

    def finish(self, results, gone=()) -> int:
        self.begin()
        self.close()
        return _exit_code(results)

    def failed(self, message: str, exit_code: int, fix: str | None = None) -> None:
        pass  # text: the error goes up to pipeline.cli.main, which prints it as for every command

    def close(self) -> None:
        pass


class _TextReporter(Reporter):
    """What the terminal and plain reporters share: the summaries and the totals line."""

    def __init__(self, console, debug: bool = False) -> None:
        super().__init__(debug)
        self.console = console

    def release_done(self, summary) -> None:
        super().release_done(summary)
        self.show(summary)

    def show(self, summary) -> None:
        print_release_summary(self.console, summary)
        if self.debug and summary.error is not None and summary.error.traceback:
            self.console.print(shown(summary.error.traceback, lines=True), markup=False, highlight=False)

    def waiting(self, lock: Path) -> None:
        self.console.print(f"waiting for another annex run to finish (it holds {lock})...", markup=False)

    def finish(self, results, gone=()) -> int:
        code = super().finish(results, gone)
        for entry in gone:
            self.console.print(f"note: {gone_line(entry)}", markup=False)
        self.console.print("\n" + run_totals(results), markup=False)
        return code


class RichReporter(_TextReporter):
    """On a terminal: the spinner from the start; with the first release, for more than BAR_OVER
    releases, a rich Progress bar in its place. The summaries print above either, through the
    console the live display shares."""

    def __init__(self, console, debug: bool = False, bar_over: int = BAR_OVER) -> None:
        super().__init__(console, debug)
        self.bar_over = bar_over
        self.progress = None
        self.task = None
        self.status = None

    def start(self, total: int) -> None:
        super().start(total)
        self.status = self.console.status("processing releases...")
        self.status.start()

    def on_begin(self) -> None:
        if self.total <= self.bar_over:
            return
        self.stop_status()
        self.progress = Progress(
            SpinnerColumn(), TextColumn("releases"), BarColumn(), MofNCompleteColumn(),
            TextColumn("[green]{task.fields[published]} published[/green], "
                       "[dim]{task.fields[skipped]} skipped[/dim], "
                       "[red]{task.fields[failed]} failed[/red]"),
            TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, transient=False)
        self.task = self.progress.add_task("releases", total=self.total, published=0, skipped=0, failed=0)
        self.progress.start()

    def release_done(self, summary) -> None:
        super().release_done(summary)
        if self.progress is not None:
            counts = self.counts
            # a release named twice with --release runs twice: the total grows rather than overflow
            self.progress.update(self.task, total=max(self.total, counts.done), completed=counts.done,
                                 published=counts.published, skipped=counts.skipped,
                                 failed=counts.refused)

    def stop_status(self) -> None:
        if self.status is not None:
            self.status.stop()
            self.status = None

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()  # the bar's last state stays on screen
            self.progress = None
        self.stop_status()


class PlainReporter(_TextReporter):
    """stderr is no terminal: one line per event, each starting with its UTC time; a release's
    details (row accounting, flags, warnings) follow its line, indented, as on a terminal."""

    def __init__(self, console, debug: bool = False, executor: str = "local", jobs: int = 1) -> None:
        super().__init__(console, debug)
        self.executor, self.jobs = executor, jobs
        console.soft_wrap = True  # a log line is never cut at the console's 80 columns

    def line(self, text: str, at: str | None = None) -> None:
        self.console.print(f"{at or utc_now()} {text}", markup=False, highlight=False)

    def on_begin(self) -> None:
        self.line(f"run started: {self.total} release(s), executor {self.executor}, {self.jobs} job(s)",
                  at=self.started_at)

    def release_started(self, entries) -> None:
        super().release_started(entries)
        for entry in entries:
            self.line(f"started {shown(entry.folder.name)}")

    def show(self, summary) -> None:
        self.console.print(f"{utc_now()} ", end="", markup=False, highlight=False)
        super().show(summary)

    def waiting(self, lock: Path) -> None:
        self.line(f"waiting for another annex run to finish (it holds {lock})...")

    def finish(self, results, gone=()) -> int:
        code = Reporter.finish(self, results, gone)
        for entry in gone:
            self.line(f"note: {gone_line(entry)}")
        self.line(run_totals(results))
        return code


def json_line(record: dict) -> str:
    """`record` as one line of JSON, keys sorted, non-ASCII letters as they are; every control or
    format character written as a \\u escape: json.dumps escapes only U+0000-U+001F, and DEL, C1
    controls (U+0085 ends a line for many readers), U+2028/U+2029, bidi overrides and lone
    surrogates would otherwise reach the log raw."""
    text = json.dumps(record, sort_keys=True, ensure_ascii=False)
    if text.isprintable():
        return text
    out = []
    for char in text:  # outside strings JSON is ASCII: every such character is inside a string
        if unicodedata.category(char) not in ESCAPED_CATEGORIES:
            out.append(char)
            continue
        code = ord(char)
        if code > 0xFFFF:  # a surrogate pair, as JSON writes a character beyond the BMP
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out)


class JsonReporter(Reporter):
    """--log-format json: one JSON object per line on `stream` (stderr) for each event, keys
    sorted, control characters escaped; nothing else is written there."""

    def __init__(self, stream=None, executor: str = "local", jobs: int = 1, debug: bool = False) -> None:
        super().__init__(debug)
        self.stream = stream
        self.executor, self.jobs = executor, jobs
        # a library's warning (openpyxl, multiprocessing) would be a stray line of plain text in
        # the JSON stream: each becomes a "warning" event instead
        self.showwarning, warnings.showwarning = warnings.showwarning, self.library_warning

    def library_warning(self, message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ARG002
        self.emit("warning", message=str(message), category=category.__name__,
                  source=f"{Path(filename).name}:{lineno}")

    def emit(self, event: str, at: str | None = None, **fields) -> None:
        record = {"event": event, "time": at or utc_now(), **fields}
        stream = self.stream if self.stream is not None else sys.stderr
        stream.write(json_line(record) + "\n")
        stream.flush()

    def on_begin(self) -> None:
        self.emit("run_started", at=self.started_at, releases=self.total, executor=self.executor,
                  jobs=self.jobs)

    def release_started(self, entries) -> None:
        super().release_started(entries)
        for entry in entries:
            self.emit("release_started", release=entry.folder.name)

    def release_done(self, summary) -> None:
        super().release_done(summary)
        error = summary.error
        fields = dict(
            release=summary.release_id, folder=Path(summary.folder).name,
            exit_code=int(summary.exit_code), seconds=round(summary.seconds, 3),
            timings={step: round(seconds, 3) for step, seconds in summary.timings.items()},
            published=dict(summary.published), warnings=list(summary.warnings),
            error=error.message if error is not None else None,
            fix=error.fix if error is not None else None)
        if self.debug and error is not None and error.traceback:
            fields["traceback"] = error.traceback
        self.emit(f"release_{outcome(summary)}", **fields)

    def waiting(self, lock: Path) -> None:
        self.emit("waiting_for_lock", lock=str(lock))

    def finish(self, results, gone=()) -> int:
        code = super().finish(results, gone)
        for entry in gone:
            self.emit("release_gone_from_raw", release=entry.release_id, message=entry.why)
        counts = Counts()
        for summary in results:
            counts.add(summary)
        self.emit("run_finished", exit_code=code, published=counts.published, skipped=counts.skipped,
                  failed=counts.refused, seconds=round(time.monotonic() - self.started, 3))
        return code

    def failed(self, message: str, exit_code: int, fix: str | None = None) -> None:
        self.emit("run_failed", error=message, exit_code=int(exit_code), fix=fix)

    def close(self) -> None:
        super().close()
        warnings.showwarning = self.showwarning
