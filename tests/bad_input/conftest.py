"""A workspace for broken-release tests: the sample release published first, then a broken
release run beside a good one through `annex run`, so every case can check the four promises:
one clear message (file, place, cause, fix), the exit code, curated/ unchanged byte for byte, and
the other releases still processed.

Speed: the sample is published once per session (`published_sample`, a real `annex run` that must
succeed) and each test that starts from it gets a copy of that workspace's raw/, staged/ and
curated/; a test's own runs go through the CLI's main function in-process, without Data Docs
(`--no-data-docs`: the HTML pages are tested in tests/validate and tests/cli; here they would
only double the time of every run)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import SAMPLE_RELEASE, write_release_folder

from pipeline.cli import main

SAMPLE_ID = SAMPLE_RELEASE.name
OTHER_ID = "2015-16-q3"  # a good release run in the same batch as the broken one
# Small (under 1 kB each, so a low size limit still lets it through) and of both families.
OTHER_DOCUMENTS = {
    "plan.txt": "Annex C plan\nActivity\tDate\tTarget audience\tLink to business plan\n"
                "Housing academy (2 days)\t16/17 June - CONFIRMED\tHousing PHs (12)\thousing\n"
                "KEY PH = portfolio holder\n",
    "tracker.txt": "Theme\tDeliverables\t2015/16 Target\tNumber delivered per quarter\t\t\t\tTotal"
                   "\t% achieved\tCommentary/forecast\n"
                   "\t\t\tQ1 Apr - June\tQ2 July - Sept\tQ3 Oct - Dec\tQ4 Jan - Mar\t\t\t\n"
                   "Housing\t\t\t\t\t\t\t\t\t\n"
                   "\tHelp councils build homes\t10\t2\t3\t\t\t5\t50%\t\n",
}


@dataclass
class Outcome:
    code: int
    out: str
    err: str

    @property
    def text(self) -> str:
        """stderr with rich's line wrapping undone, so a message can be matched as one string."""
        return " ".join(self.err.split())


def params_file(root: Path) -> Path:
    """root/params.yaml when a test wrote one, else /dev/null: the built-in defaults (a named
    --params file must exist), never the checkout's params.yaml."""
    path = root / "params.yaml"
    return path if path.is_file() else Path(os.devnull)


def run_argv(root: Path, *args: str, params: Path | None = None) -> list[str]:
    """`annex run` on the workspace at root (its raw/, staged/, curated/ and params.yaml)."""
    return ["run", "--raw", str(root / "raw"), "--staged", str(root / "staged"), "--curated",
            str(root / "curated"), "--params", str(params or params_file(root)), *args]


def copy_sample_release(raw: Path, release_id: str = SAMPLE_ID) -> Path:
    """The sample release (its dumps; the manifest lists no PDF) copied to raw/<release_id>."""
    target = raw / release_id
    shutil.copytree(SAMPLE_RELEASE, target)
    for pdf in target.glob("*.pdf"):  # the manifest lists the dumps; keep the folder lean
        pdf.unlink()
    return target


PUBLISHED_FOLDERS = ("raw", "staged", "curated")  # reports/ is rebuilt by each run; no test reads it


@pytest.fixture(scope="session")
def published_sample(tmp_path_factory) -> Path:
    """A workspace whose sample release was published by one real `annex run` (once per session:
    every broken-release case starts from it, and publishing is most of a case's time)."""
    root = tmp_path_factory.mktemp("published-sample")
    copy_sample_release(root / "raw")
    assert main(run_argv(root, "--no-data-docs")) == 0
    assert {"activities", "deliverables", "deliverable_quarters", "checks"} <= {
        p.parent.parent.name for p in (root / "curated").glob(f"*/release={SAMPLE_ID}/*.parquet")}
    return root


@dataclass
class Workspace:
    root: Path
    capsys: pytest.CaptureFixture
    request: pytest.FixtureRequest

    @property
    def raw(self) -> Path:
        return self.root / "raw"

    @property
    def curated(self) -> Path:
        return self.root / "curated"

    def cli(self, *args: str, params: Path | None = None) -> Outcome:
        self.capsys.readouterr()
        if args and args[0] == "run":
            argv = run_argv(self.root, *args[1:], *([] if "--no-data-docs" in args else ["--no-data-docs"]),
                            params=params)
        else:
            argv = list(args)
        code = main(argv)
        captured = self.capsys.readouterr()
        return Outcome(code, captured.out, captured.err)

    @property
    def params_file(self) -> Path:
        return params_file(self.root)

    def copy_sample(self, release_id: str = SAMPLE_ID) -> Path:
        return copy_sample_release(self.raw, release_id)

    def publish_sample(self) -> dict[str, bytes]:
        """The sample release published (a copy of the session's `published_sample` workspace, so
        the next run finds it as `annex run` left it); returns curated/ as {relative path: bytes}."""
        published = self.request.getfixturevalue("published_sample")
        for folder in PUBLISHED_FOLDERS:
            assert not (self.root / folder).exists(), f"{folder}/ written before the sample was published"
            shutil.copytree(published / folder, self.root / folder, symlinks=True)
        return self.snapshot()

    def snapshot(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.curated)): p.read_bytes()
                for p in sorted(self.curated.rglob("*")) if p.is_file()}

    def partitions(self, release_id: str) -> list[str]:
        """Names of the curated tables holding a partition of the release."""
        return sorted(p.parent.parent.name for p in self.curated.glob(f"*/release={release_id}/*.parquet"))

    def write_release(self, release_id: str, documents: dict[str, str | bytes],
                      manifest: dict | str | None = None) -> Path:
        return write_release_folder(self.raw / release_id, documents, manifest)

    def expect_rejected(self, *parts: str, code: int = 2, broken: str = SAMPLE_ID,
                        before: dict[str, bytes]) -> Outcome:
        """Run every release (the broken one, and a good one added here); check the promises."""
        self.write_release(OTHER_ID, OTHER_DOCUMENTS)
        outcome = self.cli("run")
        assert outcome.code == code, outcome.err
        for part in parts:
            assert " ".join(part.split()) in outcome.text, (part, outcome.err)
        assert "fix:" in outcome.text, outcome.err
        assert "Traceback" not in outcome.err + outcome.out
        assert without_other(self.snapshot()) == without_other(before)
        assert {"activities", "deliverables", "deliverable_quarters"} <= set(self.partitions(OTHER_ID)), \
            "the good release in the same run was not published"
        assert f"failed: {broken}" in outcome.text
        return outcome


def without_other(snapshot: dict[str, bytes]) -> dict[str, object]:
    """curated/ minus what publishing the other release may add: its partitions and records, and
    its entry and the row totals in the run-level manifest (compared parsed; every other entry
    must stay as it was)."""
    out: dict[str, object] = {}
    for path, data in snapshot.items():
        if OTHER_ID in path:
            continue
        if "/" not in path and path.endswith(".json"):
            parsed = json.loads(data)
            if isinstance(parsed.get("releases"), dict):
                parsed["releases"].pop(OTHER_ID, None)
                parsed.pop("rows", None)  # run-wide totals: grow by the other release's rows
                out[path] = parsed
                continue
        out[path] = data
    return out


@pytest.fixture
def ws(tmp_path, capsys, monkeypatch, request) -> Workspace:
    monkeypatch.setenv("COLUMNS", "1000")  # rich wraps at 80 columns when not on a terminal
    return Workspace(tmp_path, capsys, request)
