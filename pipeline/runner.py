"""`annex run` as a library call: the run's plan (pipeline/plan.py, made once), then the
releases it runs, in chunks, on the executor it names (pipeline/executors/), each chunk through
the one release flow (pipeline/flow.py); then curated/_manifest.json and the refusals noted for
`annex status`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from pipeline.core.errors import ExitCode
from pipeline.core.storage import is_url, join
from pipeline.executors import absolute, chunk_size_for, chunks_of, executor_for
from pipeline.flow import Options, ReleaseSummary, failed_summary, process_chunk, refresh_manifest, skipped_summary
from pipeline.lock import confirm_lease
from pipeline.manifest import MANIFEST_NAME
from pipeline.plan import (REFUSED_FILE, Action, PlanEntry, RunOptions, RunPlan, build_plan, read_refusals,
                           refusals_after)
from pipeline.publish import sweep_unnamed, write_json_atomic


def run(options: RunOptions, on_release: Callable[[ReleaseSummary], None] | None = None,
        on_start: Callable[[list[PlanEntry]], None] | None = None,
        plan: RunPlan | None = None) -> list[ReleaseSummary]:
    """Every release of the plan (built here unless given), in name order; one failing does not
    stop the others. `on_start` sees each chunk of plan entries as a worker takes it, `on_release`
    each release's summary as it is known (skipped and refused ones first). One ReleaseSummary per
    release folder of the plan, in its order. A plan given is used up: the downloads it kept for
    the workers (build_plan for_run) are removed at the end."""
    plan = plan or build_plan(options, for_run=True)
    try:
        return _run(options, plan, on_release, on_start)
    finally:
        plan.discard()  # the copies of bucket releases the plan kept for the workers


def _run(options: RunOptions, plan: RunPlan, on_release: Callable[[ReleaseSummary], None] | None,
         on_start: Callable[[list[PlanEntry]], None] | None) -> list[ReleaseSummary]:
    results: dict[str, ReleaseSummary] = {}

    def done(summary: ReleaseSummary) -> None:
        results[str(summary.folder)] = summary
        if on_release:
            on_release(summary)

    todo = plan.to_run
    size = options.chunk_size or chunk_size_for(len(todo), options.jobs, options.data_docs)
    chunks = chunks_of(todo, size)
    job = functools.partial(process_chunk, staged_root=absolute(options.staged_root),
                            curated_root=absolute(options.curated_root), settings=options.settings,
                            options=Options.of_run(options))
    # the executor starts (a scheduler is reached) before anything is reported, and not at all
    # when nothing is to be run
    with executor_for(options, len(chunks)) if chunks else nullcontext() as executor:
        for entry in plan.entries:
            if entry.action is Action.SKIP:
                done(skipped_summary(entry))
            elif entry.action is Action.REFUSE:
                done(failed_summary(entry.folder, entry.error))
        for finished, (_chunk, summaries) in enumerate(executor.run(chunks, job, on_start) if chunks else (), 1):
            for summary in summaries:
                done(summary)
            if finished < len(chunks):  # a lease lost while the chunk ran: the others are not waited for
                confirm_lease(options.curated_root, before="the rest of its releases", ask_store=False)
    summaries = [results[str(entry.folder)] for entry in plan.entries]
    # the manifest is the commit readers trust: written only under a lease the store confirms
    confirm_lease(options.curated_root, before=f"writing {join(options.curated_root, MANIFEST_NAME)}")
    refresh_manifest(options.curated_root)
    if is_url(options.curated_root):
        sweep_unnamed(options.curated_root)  # what a publish cut short left (pipeline/publish.py)
    note_refusals(options, plan, summaries)
    return summaries


def note_refusals(options: RunOptions, plan: RunPlan, summaries: list[ReleaseSummary]) -> None:
    """staged/_refused.json: what this run refused, for `annex status` (written only when it changes)."""
    before = read_refusals(options.staged_root)
    after = refusals_after(before, plan, summaries)
    if after != before:
        Path(options.staged_root).mkdir(parents=True, exist_ok=True)
        write_json_atomic(after, Path(options.staged_root) / REFUSED_FILE)


def exit_code_of(results: list[ReleaseSummary]) -> ExitCode:
    """The run's exit code: the worst of the releases' (OK when all succeeded or were skipped)."""
    return max((r.exit_code for r in results), default=ExitCode.OK)
