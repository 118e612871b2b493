"""raw/ and curated/ in a bucket (pipeline/core/storage.py): against a real S3 server, moto's, that
this module starts on a local port (not a mock of the client). The bucket's objects are put and
read back here with boto3, not with annex's own storage module, so the oracle is independent:
a run from and to a bucket publishes the bytes a local run publishes, skips what is unchanged,
shows nothing of a release that failed, refuses a second holder of the lock, works on Dask
workers that share only the bucket, and names the URL and the cause when the bucket cannot be used.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import socket
import time
import uuid
from pathlib import Path

import pytest
from batch_support import run_releases, zero_audience
from support import SAMPLE_RELEASE

from pipeline import flow, publish
from pipeline.cli import main
from pipeline.cli.options import resolve_locations
from pipeline.core import storage
from pipeline.core.errors import AnnexError, ExitCode, LockHeld
from pipeline.lock import bucket_lease, curated_lock
from pipeline.plan import Action, RunOptions, Status, build_plan
from pipeline.report.data import list_releases, load_release
from pipeline.runner import run

boto3 = pytest.importorskip("boto3", reason="the object-storage tests need the test extra (moto[server])")
moto_server = pytest.importorskip("moto.server", reason="the object-storage tests need moto[server] (test extra)")
pytest.importorskip("s3fs", reason="a bucket needs the s3 extra (in the test extra)")

RELEASE = SAMPLE_RELEASE.name
TABLES = ("activities", "deliverables", "deliverable_quarters", "rejects", "checks")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3():
    """moto's S3 server on a free local port, the environment pointing annex and boto3 at it."""
    port = free_port()
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("AWS_ACCESS_KEY_ID", "testing")
        env.setenv("AWS_SECRET_ACCESS_KEY", "testing")
        env.setenv("AWS_DEFAULT_REGION", "us-east-1")
        env.setenv("AWS_ENDPOINT_URL_S3", f"http://127.0.0.1:{port}")
        storage.forget_connections()
        yield boto3.client("s3", endpoint_url=f"http://127.0.0.1:{port}", region_name="us-east-1")
        storage.forget_connections()
    server.stop()


@pytest.fixture
def bucket(s3):
    """A new empty bucket's name (with "bucket" in it: a missing object in it must not read as a
    missing bucket, as it did when the error's text was searched for that word)."""
    name = f"annex-bucket-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=name)
    return name


def upload(s3, folder: Path, bucket: str, prefix: str) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            s3.put_object(Bucket=bucket, Key=f"{prefix}/{path.relative_to(folder).as_posix()}",
                          Body=path.read_bytes())


def keys(s3, bucket: str, prefix: str = "") -> list[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix)
    return sorted(item["Key"] for page in pages for item in page.get("Contents", []))


def get(s3, bucket: str, key: str) -> bytes:
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()


@pytest.fixture(scope="module")
def local_curated(tmp_path_factory):
    """curated/ of a local run of the sample release (built-in settings, no Data Docs)."""
    root = tmp_path_factory.mktemp("local")
    shutil.copytree(SAMPLE_RELEASE, root / "raw" / RELEASE)
    summaries = run_releases(root / "raw", root / "staged", root / "curated")
    assert [s.exit_code for s in summaries] == [ExitCode.OK]
    return root / "curated"


def run_cli(*args: str) -> int:
    return main(["run", *args, "--params", "/dev/null", "--no-data-docs", "--jobs", "1"])


def test_a_run_from_a_bucket_to_a_bucket_publishes_the_bytes_of_a_local_run(s3, bucket, local_curated, tmp_path,
                                                                          capsys):
    upload(s3, SAMPLE_RELEASE, bucket, f"raw/{RELEASE}")
    raw, curated = f"s3://{bucket}/raw", f"s3://{bucket}/curated"
    assert run_cli("--raw", raw, "--curated", curated, "--staged", str(tmp_path / "staged")) == 0
    for table in TABLES:
        key = f"{table}/release={RELEASE}/part-0.parquet"
        assert get(s3, bucket, f"curated/{key}") == (local_curated / key).read_bytes(), table
    # the same fingerprint (inputs hashed from the bucket), so the same record and manifest bytes
    record = f"_releases/{RELEASE}.json"
    assert get(s3, bucket, f"curated/{record}") == (local_curated / record).read_bytes()
    assert get(s3, bucket, "curated/_manifest.json") == (local_curated / "_manifest.json").read_bytes()
    assert "curated/.annex.lock" not in keys(s3, bucket, "curated/")  # the lease is given back

    options = RunOptions(raw_root=raw, staged_root=tmp_path / "staged", curated_root=curated, data_docs=False)
    assert [e.status for e in build_plan(options).entries] == [Status.UNCHANGED]
    capsys.readouterr()
    assert main(["status", "--raw", raw, "--curated", curated, "--staged", str(tmp_path / "staged"),
                 "--params", "/dev/null", "--format", "json"]) == 0
    assert [r["status"] for r in json.loads(capsys.readouterr().out)["releases"]] == ["unchanged"]
    again = run(options)
    assert [(s.release_id, s.skipped) for s in again] == [(RELEASE, True)]


@pytest.fixture
def s3_calls(monkeypatch):
    """Every S3 operation annex's filesystem sends from now on, as (operation, key): s3fs's one
    call into botocore (S3FileSystem._call_s3), below annex's storage module."""
    import s3fs

    calls: list[tuple[str, str]] = []
    real = s3fs.S3FileSystem._call_s3

    async def counted(self, method, *args, **kwargs):
        calls.append((method, kwargs.get("Key", "")))
        return await real(self, method, *args, **kwargs)

    monkeypatch.setattr(s3fs.S3FileSystem, "_call_s3", counted)
    storage.forget_connections()
    return calls


def reads_of(calls: list[tuple[str, str]], suffix: str) -> list[str]:
    return [key for method, key in calls if method == "get_object" and key.endswith(suffix)]


def published_in_bucket(s3, bucket: str, tmp_path: Path) -> RunOptions:
    """The sample release run from a bucket to a bucket; the options of that run."""
    upload(s3, SAMPLE_RELEASE, bucket, f"raw/{RELEASE}")
    options = RunOptions(raw_root=f"s3://{bucket}/raw", staged_root=tmp_path / "staged",
                         curated_root=f"s3://{bucket}/curated", data_docs=False)
    [summary] = run(options)
    assert summary.ok and not summary.skipped
    return options


def test_an_unchanged_release_is_confirmed_without_reading_its_partitions(s3, bucket, tmp_path, s3_calls):
    options = published_in_bucket(s3, bucket, tmp_path)
    s3_calls.clear()
    [entry] = build_plan(options).entries
    assert entry.status is Status.UNCHANGED
    # the listing's ETags stand for the partitions and the manifest for the record
    assert reads_of(s3_calls, ".parquet") == [] and reads_of(s3_calls, f"_releases/{RELEASE}.json") == []
    assert reads_of(s3_calls, "_manifest.json") == ["curated/_manifest.json"]
    s3_calls.clear()
    [again] = run(options)  # the whole no-op run: the manifest rebuilt from the listing, unchanged
    assert again.skipped
    assert reads_of(s3_calls, ".parquet") == [] and reads_of(s3_calls, f"_releases/{RELEASE}.json") == []
    assert [method for method, _ in s3_calls if method in ("put_object", "delete_object")] == []


@pytest.mark.parametrize("change", ["replaced", "removed"])
def test_a_partition_changed_behind_the_manifest_is_noticed_without_a_record_of_it(s3, bucket, tmp_path, change):
    options = published_in_bucket(s3, bucket, tmp_path)
    key = f"curated/activities/release={RELEASE}/part-0.parquet"
    if change == "replaced":  # another valid Parquet file in its place
        s3.put_object(Bucket=bucket, Key=key, Body=get(s3, bucket, f"curated/rejects/release={RELEASE}/part-0.parquet"))
    else:
        s3.delete_object(Bucket=bucket, Key=key)
    [entry] = build_plan(options).entries
    assert (entry.status, entry.action) == (Status.CHANGED, Action.RUN)
    assert entry.why == "its published files were changed or removed"


def test_a_record_without_md5s_is_checked_by_reading_the_partitions(s3, bucket, tmp_path, s3_calls):
    """A record written before partitions had an MD5 (or a store whose ETags state none): the
    partitions are downloaded and their sha256 compared, as before."""
    options = published_in_bucket(s3, bucket, tmp_path)
    record_key = f"curated/_releases/{RELEASE}.json"
    record = json.loads(get(s3, bucket, record_key))
    for table in record["tables"].values():
        del table["md5"]
    s3.put_object(Bucket=bucket, Key=record_key, Body=json.dumps(record).encode())
    s3_calls.clear()
    [entry] = build_plan(options).entries
    assert entry.status is Status.UNCHANGED
    assert reads_of(s3_calls, f"_releases/{RELEASE}.json") == [record_key]  # not the manifest's copy
    assert len(reads_of(s3_calls, ".parquet")) == len(TABLES)


def test_a_release_in_a_bucket_is_downloaded_once_per_run(s3, bucket, tmp_path, s3_calls):
    published_in_bucket(s3, bucket, tmp_path)  # the plan fingerprints it, a worker reads it
    raw_reads = [key for key in reads_of(s3_calls, "") if key.startswith("raw/")]
    assert sorted(raw_reads) == keys(s3, bucket, f"raw/{RELEASE}/")  # each object once


def test_a_release_changed_between_plan_and_read_is_not_published(s3, bucket, tmp_path):
    """A worker that downloads the release itself (as on another machine: the plan kept no copy)
    finds other bytes than the plan fingerprinted: the release is refused, nothing published."""
    upload(s3, SAMPLE_RELEASE, bucket, f"raw/{RELEASE}")
    options = RunOptions(raw_root=f"s3://{bucket}/raw", staged_root=tmp_path / "staged",
                         curated_root=f"s3://{bucket}/curated", data_docs=False)
    plan = build_plan(options)  # not for_run: no copies kept, so the worker downloads
    [entry] = plan.entries
    assert entry.action is Action.RUN and entry.copy is None
    document = next(k for k in keys(s3, bucket, f"raw/{RELEASE}/") if k.endswith(".txt"))
    s3.put_object(Bucket=bucket, Key=document, Body=get(s3, bucket, document) + b"\n")
    [summary] = run(options, plan=plan)
    assert summary.exit_code == ExitCode.BAD_INPUT and summary.error.file == f"s3://{bucket}/raw/{RELEASE}"
    assert "changed between this run's plan and the worker's download" in summary.error.cause
    assert document.rsplit("/", 1)[1] in summary.error.cause
    assert [k for k in keys(s3, bucket, "curated/") if not k.endswith("_manifest.json")] == []
    [again] = run(options)  # the next run fingerprints what is there now
    assert again.ok and json.loads(get(s3, bucket, f"curated/_releases/{RELEASE}.json"))["inputs"][
        document.split(f"raw/{RELEASE}/", 1)[1]] == hashlib.sha256(get(s3, bucket, document)).hexdigest()


def test_the_plans_copy_is_what_its_worker_reads(s3, bucket, local_curated, tmp_path):
    """With the workers on the plan's machine the plan's download is read: an object replaced
    after the plan does not change what is published, nor the fingerprint recorded with it."""
    upload(s3, SAMPLE_RELEASE, bucket, f"raw/{RELEASE}")
    options = RunOptions(raw_root=f"s3://{bucket}/raw", staged_root=tmp_path / "staged",
                         curated_root=f"s3://{bucket}/curated", data_docs=False)
    plan = build_plan(options, for_run=True)
    [entry] = plan.entries
    assert entry.copy is not None and entry.copy.is_dir()
    document = next(k for k in keys(s3, bucket, f"raw/{RELEASE}/") if k.endswith(".txt"))
    s3.put_object(Bucket=bucket, Key=document, Body=b"replaced after the plan\n")
    [summary] = run(options, plan=plan)
    assert summary.ok and summary.fingerprint == entry.fingerprint.digest
    assert not plan.scratch.exists()
    for table in TABLES:
        key = f"{table}/release={RELEASE}/part-0.parquet"
        assert get(s3, bucket, f"curated/{key}") == (local_curated / key).read_bytes(), table


def test_the_readers_read_a_bucket_as_a_folder(s3, bucket, local_curated, tmp_path):
    upload(s3, local_curated, bucket, "curated")
    curated = f"s3://{bucket}/curated"
    assert list_releases(curated) == [RELEASE]
    remote, local = load_release(curated, RELEASE), load_release(local_curated, RELEASE)
    assert set(remote.tables) == set(local.tables)
    assert all(remote.tables[name].equals(local.tables[name]) for name in local.tables)
    assert remote.record == local.record


def test_the_readers_refuse_a_partition_the_manifest_does_not_record(s3, bucket, local_curated):
    upload(s3, local_curated, bucket, "curated")
    other = local_curated / f"rejects/release={RELEASE}/part-0.parquet"  # another valid Parquet file
    key = f"curated/activities/release={RELEASE}/part-0.parquet"
    s3.put_object(Bucket=bucket, Key=key, Body=other.read_bytes())
    with pytest.raises(AnnexError) as refused:
        load_release(f"s3://{bucket}/curated", RELEASE)
    assert refused.value.file == f"s3://{bucket}/{key}" and "not the one the manifest records" in refused.value.cause


def test_a_release_that_fails_leaves_nothing_in_the_bucket(s3, bucket, tmp_path):
    raw = tmp_path / "raw"
    for name in ("good", "bad"):
        shutil.copytree(SAMPLE_RELEASE, raw / name, ignore=shutil.ignore_patterns("*.pdf"))
    zero_audience(raw / "bad")  # fails a critical rule
    upload(s3, raw, bucket, "raw")
    curated = f"s3://{bucket}/curated"
    code = run_cli("--raw", f"s3://{bucket}/raw", "--curated", curated, "--staged", str(tmp_path / "staged"))
    assert code == ExitCode.VALIDATION_FAILED
    published = keys(s3, bucket, "curated/")
    assert [k for k in published if "release=bad" in k or "_releases/bad" in k] == []
    assert len([k for k in published if "release=good" in k]) == len(TABLES)
    assert sorted(json.loads(get(s3, bucket, "curated/_manifest.json"))["releases"]) == ["good"]


def test_a_publish_cut_short_is_named_nowhere_and_redone(s3, bucket, local_curated, tmp_path, monkeypatch):
    upload(s3, SAMPLE_RELEASE, bucket, f"raw/{RELEASE}")
    raw, curated = f"s3://{bucket}/raw", f"s3://{bucket}/curated"
    real_put, puts = storage.put, []

    def failing_put(url: str, data: bytes) -> None:
        puts.append(url)
        if len(puts) == 3:  # the third partition: the store drops the connection
            raise storage.failure(url, ConnectionResetError("connection reset by peer"))
        real_put(url, data)

    monkeypatch.setattr(storage, "put", failing_put)
    options = RunOptions(raw_root=raw, staged_root=tmp_path / "staged", curated_root=curated, data_docs=False)
    [summary] = run(options)
    assert summary.exit_code == ExitCode.IO_ERROR and "connection reset" in summary.error.message
    assert f"curated/_releases/{RELEASE}.json" not in keys(s3, bucket)  # no commit marker
    assert list_releases(curated) == []  # readers trust the manifest, which does not name it
    monkeypatch.setattr(storage, "put", real_put)
    [redone] = run(options)
    assert redone.ok and not redone.skipped
    for table in TABLES:
        key = f"{table}/release={RELEASE}/part-0.parquet"
        assert get(s3, bucket, f"curated/{key}") == (local_curated / key).read_bytes(), table


def test_partitions_no_manifest_names_are_swept(s3, bucket, local_curated, tmp_path, monkeypatch):
    upload(s3, SAMPLE_RELEASE, bucket, f"raw/{RELEASE}")
    # what a run killed before its record left of a release that is gone from raw/ since
    s3.put_object(Bucket=bucket, Key="curated/activities/release=ghost/part-0.parquet", Body=b"PAR1")
    raw, curated = f"s3://{bucket}/raw", f"s3://{bucket}/curated"
    real_put = storage.put

    def put_then_fail(url: str, data: bytes) -> None:
        real_put(url, data)
        if "/checks/" in url:  # every partition written, then the store fails before the record
            raise storage.failure(url, ConnectionResetError("connection reset by peer"))

    monkeypatch.setattr(storage, "put", put_then_fail)
    options = RunOptions(raw_root=raw, staged_root=tmp_path / "staged", curated_root=curated, data_docs=False)
    [failed] = run(options)
    assert failed.exit_code == ExitCode.IO_ERROR
    assert keys(s3, bucket, "curated/") == []  # the ghost and the release's unnamed partitions
    monkeypatch.setattr(storage, "put", real_put)
    [published] = run(options)
    assert published.ok
    assert len(keys(s3, bucket, "curated/")) == len(TABLES) + 2  # partitions, record, manifest


def test_the_lease_refuses_a_second_holder(s3, bucket, tmp_path, capsys):
    curated = f"s3://{bucket}/curated"
    upload(s3, SAMPLE_RELEASE, bucket, f"raw/{RELEASE}")
    with curated_lock(curated):
        lease = json.loads(get(s3, bucket, "curated/.annex.lock"))
        assert lease["host"] == socket.gethostname() and lease["expires"] > time.time()
        with pytest.raises(LockHeld) as held:
            with curated_lock(curated):
                pass
        assert held.value.exit_code == ExitCode.BUSY and ".annex.lock" in held.value.file
        code = run_cli("--raw", f"s3://{bucket}/raw", "--curated", curated, "--staged", str(tmp_path / "s"))
        assert code == ExitCode.BUSY
        assert "another annex run" in capsys.readouterr().err
    assert keys(s3, bucket, "curated/") == []  # given back: the next run need not wait
    with curated_lock(curated):  # and taken again
        pass


def test_a_stale_lease_is_taken_over_and_a_live_one_renewed(s3, bucket):
    curated = f"s3://{bucket}/curated"
    dead = {"owner": "gone", "host": "elsewhere", "pid": 1, "expires": time.time() - 1}
    s3.put_object(Bucket=bucket, Key="curated/.annex.lock", Body=json.dumps(dead).encode())
    with bucket_lease(curated, lease_seconds=30, renew_seconds=0.2):
        first = json.loads(get(s3, bucket, "curated/.annex.lock"))
        assert first["host"] == socket.gethostname()
        time.sleep(1.0)
        renewed = json.loads(get(s3, bucket, "curated/.annex.lock"))
        assert renewed["owner"] == first["owner"] and renewed["expires"] > first["expires"]
    assert keys(s3, bucket, "curated/") == []


def test_a_run_whose_lease_is_taken_over_stops_before_its_manifest(s3, bucket, tmp_path, monkeypatch, capsys):
    """The run stalls past its lease's expiry and another run takes the lease over (by hand here,
    as a run would: a PUT conditional on the stale lease's ETag): the run writes no manifest and
    exits 75 with one message naming the lock, and leaves the other run's lease alone."""
    upload(s3, SAMPLE_RELEASE, bucket, f"raw/{RELEASE}")
    curated, lease_key = f"s3://{bucket}/curated", "curated/.annex.lock"
    other = {"owner": "the-other-run", "host": "elsewhere", "pid": 7, "expires": time.time() + 300}
    real_put = storage.put

    def put_while_taken_over(url: str, data: bytes) -> None:
        if url.endswith(".parquet") and json.loads(get(s3, bucket, lease_key))["host"] != "elsewhere":
            tag = s3.head_object(Bucket=bucket, Key=lease_key)["ETag"]
            s3.put_object(Bucket=bucket, Key=lease_key, Body=json.dumps(other).encode(), IfMatch=tag)
        real_put(url, data)

    monkeypatch.setattr(storage, "put", put_while_taken_over)
    capsys.readouterr()
    code = run_cli("--raw", f"s3://{bucket}/raw", "--curated", curated, "--staged", str(tmp_path / "staged"))
    err = capsys.readouterr().err
    assert code == ExitCode.BUSY
    assert err.count("took this run's lease over") == 1
    assert f"{curated}/.annex.lock: another run took this run's lease over (host elsewhere, pid 7," in err
    assert "so it stopped before" in err  # the manifest, or the rest of the releases
    assert "curated/_manifest.json" not in keys(s3, bucket, "curated/") and list_releases(curated) == []
    assert json.loads(get(s3, bucket, lease_key)) == other  # the other run's lease, not deleted


def test_a_manifest_written_meanwhile_is_not_overwritten(s3, bucket, tmp_path, monkeypatch):
    """A second writer (a run that took the lease over) replaces the manifest while this run
    rebuilds it: this run's write is conditional on the ETag it read, so it is refused."""
    options = published_in_bucket(s3, bucket, tmp_path)
    theirs = b'{"format": 1, "releases": {}}\n'
    real_build = publish.build_manifest

    def build_while_another_writes(curated_root):
        s3.put_object(Bucket=bucket, Key="curated/_manifest.json", Body=theirs)
        return real_build(curated_root)

    s3.delete_object(Bucket=bucket, Key="curated/_manifest.json")  # so that this run rebuilds it
    monkeypatch.setattr(publish, "build_manifest", build_while_another_writes)
    with pytest.raises(LockHeld) as refused:
        flow.refresh_manifest(options.curated_root)
    assert refused.value.file == f"s3://{bucket}/curated/_manifest.json"
    assert "another run replaced the manifest while this run rebuilt it" in refused.value.cause
    assert get(s3, bucket, "curated/_manifest.json") == theirs


def test_withdraw_from_a_bucket(s3, bucket, local_curated, capsys):
    upload(s3, local_curated, bucket, "curated")
    curated = f"s3://{bucket}/curated"
    code = main(["withdraw", RELEASE, "--reason", "published by mistake", "--curated", curated,
                 "--raw", f"s3://{bucket}/raw"])
    assert code == 0, capsys.readouterr().err
    manifest = json.loads(get(s3, bucket, "curated/_manifest.json"))
    assert manifest["releases"] == {}
    assert [h["release"] for h in manifest["history"]] == [RELEASE]
    assert keys(s3, bucket, "curated/") == ["curated/_manifest.json"]


def test_a_withdrawal_whose_lease_is_taken_over_commits_nothing(s3, bucket, local_curated, monkeypatch, capsys):
    upload(s3, local_curated, bucket, "curated")
    curated, lease_key = f"s3://{bucket}/curated", "curated/.annex.lock"
    before = keys(s3, bucket, "curated/")
    other = {"owner": "the-other-run", "host": "elsewhere", "pid": 7, "expires": time.time() + 300}
    real_put = storage.put

    def put_while_taken_over(url: str, data: bytes) -> None:  # the journal: the lease taken over first
        if "/.trash/" in url:
            tag = s3.head_object(Bucket=bucket, Key=lease_key)["ETag"]
            s3.put_object(Bucket=bucket, Key=lease_key, Body=json.dumps(other).encode(), IfMatch=tag)
        real_put(url, data)

    monkeypatch.setattr(storage, "put", put_while_taken_over)
    code = main(["withdraw", RELEASE, "--reason", "published by mistake", "--curated", curated,
                 "--raw", f"s3://{bucket}/raw"])
    assert code == ExitCode.BUSY
    assert "stopped before withdrawing" in capsys.readouterr().err
    assert list_releases(curated) == [RELEASE]  # the manifest still names it, its objects all there
    assert set(before) <= set(keys(s3, bucket, "curated/"))


def test_dask_workers_share_only_the_bucket(s3, bucket, local_curated, tmp_path):
    distributed = pytest.importorskip("distributed", reason="the Dask executor needs the dask extra")
    upload(s3, SAMPLE_RELEASE, bucket, f"raw/{RELEASE}")
    raw, curated = f"s3://{bucket}/raw", f"s3://{bucket}/curated"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                                  dashboard_address=None) as cluster:
        options = RunOptions(raw_root=raw, staged_root=tmp_path / "worker-staged", curated_root=curated,
                             data_docs=False, executor="dask", scheduler=cluster.scheduler_address)
        [summary] = run(options)
    assert summary.ok and summary.folder == f"{raw}/{RELEASE}"
    for table in TABLES:
        key = f"{table}/release={RELEASE}/part-0.parquet"
        assert get(s3, bucket, f"curated/{key}") == (local_curated / key).read_bytes(), table


def test_a_missing_bucket_is_named(s3, tmp_path, capsys):
    code = run_cli("--raw", "s3://no-such-bucket-here/raw", "--curated", str(tmp_path / "curated"),
                   "--staged", str(tmp_path / "staged"))
    err = capsys.readouterr().err
    assert code == ExitCode.BAD_INPUT
    assert "s3://no-such-bucket-here/raw" in err and "bucket does not exist" in err
    assert not (tmp_path / "curated").exists()  # refused before the lock: nothing made


def test_no_credentials_are_named(s3, bucket, tmp_path, capsys, monkeypatch):
    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    storage.forget_connections()
    try:
        code = run_cli("--raw", str(SAMPLE_RELEASE.parent), "--curated", f"s3://{bucket}/curated",
                       "--staged", str(tmp_path / "staged"))
    finally:
        monkeypatch.undo()
        storage.forget_connections()
    err = capsys.readouterr().err
    assert code == ExitCode.BAD_INPUT
    assert f"s3://{bucket}/curated" in err and "no credentials" in err


def test_a_bad_release_in_a_bucket_is_named_by_its_url(s3, bucket, tmp_path, capsys):
    s3.put_object(Bucket=bucket, Key="raw/no-manifest/annex.txt", Body=b"a document")
    s3.put_object(Bucket=bucket, Key="raw/no-title/release.yaml", Body=b"documents: [annex.txt]\n")
    s3.put_object(Bucket=bucket, Key="raw/no-title/annex.txt", Body=b"a document")
    s3.put_object(Bucket=bucket, Key="raw/.hidden/release.yaml", Body=b"not a release")
    code = run_cli("--raw", f"s3://{bucket}/raw", "--curated", str(tmp_path / "curated"),
                   "--staged", str(tmp_path / "staged"), "--log-format", "json")
    events = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    refused = {e["release"]: e["error"] for e in events if e["event"] == "release_refused"}
    assert code == ExitCode.BAD_INPUT
    assert sorted(refused) == ["no-manifest", "no-title"]
    assert refused["no-manifest"].startswith(f"s3://{bucket}/raw/no-manifest/release.yaml: no release.yaml")
    assert refused["no-title"].startswith(f"s3://{bucket}/raw/no-title/release.yaml: missing 'title'")


def test_bucket_urls_come_from_the_environment_as_from_the_options(tmp_path):
    args = argparse.Namespace(raw=None, curated=None, staged=None)
    resolve_locations(args, environ={"ANNEX_RAW": "s3://annexes/raw/", "ANNEX_CURATED": "gs://annexes/curated"},
                      cwd=tmp_path)
    assert (args.raw, args.curated) == ("s3://annexes/raw", "gs://annexes/curated")
    assert args.staged == tmp_path / "staged"  # staged/ stays a local folder


def test_the_dvc_stages_refuse_a_bucket(tmp_path, capsys):
    code = main(["stage", "extract", "--release", RELEASE, "--raw", "s3://annexes/raw",
                 "--staged", str(tmp_path / "staged"), "--params", "/dev/null"])
    assert code == ExitCode.BAD_INPUT
    assert "--raw s3://annexes/raw: annex stage works on local folders" in capsys.readouterr().err


def test_curated_on_a_store_without_conditional_writes_is_refused(tmp_path, capsys):
    code = run_cli("--raw", str(SAMPLE_RELEASE.parent), "--curated", "memory://annexes/curated",
                   "--staged", str(tmp_path / "staged"))
    assert code == ExitCode.BAD_INPUT
    assert "memory://annexes/curated: curated/ cannot be on memory://" in capsys.readouterr().err
