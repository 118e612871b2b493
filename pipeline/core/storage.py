"""Where raw/ and curated/ live: a local folder (a Path, as always) or an object store named by
an fsspec URL (s3://bucket/prefix; gs://, az://, memory:// alike). This is the only module that
calls fsspec; the rest of annex asks it for what it needs of a bucket:

    location(text)           a --raw/--curated value: a URL (kept as text) or a Path
    is_url, join, name_of    the same questions for both kinds
    RemoteFolder             a release folder in a bucket (what raw/ listing gives the plan)
    release_folders          the release folders under a raw/ URL
    local_copy, download     a bucket folder downloaded to a temporary local folder, for the
                             readers that need a path (deleted on leaving the `with`; by the
                             caller)
    read_bytes, put, create, replace_if, delete   one object each: a PUT replaces an object
                             whole (S3 never shows a partial one); `create` is a conditional PUT
                             (If-None-Match: *) and `replace_if` one on the ETag (If-Match)
    etags_under              every object under a prefix with its ETag, from one listing (a page
                             per 1,000 objects), no object read
    md5_of_etag              the content MD5 an ETag states, when it states one
    StorageError             a bucket that cannot be used (missing, no credentials, refused),
                             naming the URL and the cause

fsspec is imported when a URL is first used, not with annex: it is the optional extra `s3`, and a
run on local folders must not need it.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from pipeline.core.errors import AnnexError, ExitCode

_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")
_CHUNK = 1 << 20
EXTRA_FIX = "pip install 'annex-pipeline[s3]' (fsspec and s3fs; gcsfs or adlfs for gs:// and az://)"
# One filesystem per protocol and process, made on first use. Listing caches are off: annex lists
# a bucket to decide what to do, and a listing cached from before a write would be stale.
_FILESYSTEMS: dict[str, object] = {}

Location = Path | str


class StorageError(AnnexError):
    """A bucket annex cannot use (missing, no credentials, access refused): nothing was done."""

    exit_code = ExitCode.BAD_INPUT


class StorageIOError(AnnexError):
    """The object store refused or failed a read or write while working (as a disk that fails)."""

    exit_code = ExitCode.IO_ERROR


def is_url(location: object) -> bool:
    return isinstance(location, str) and _URL.match(location) is not None


def location(text: str | Path) -> Location:
    """A --raw/--curated value (or $ANNEX_RAW, $ANNEX_CURATED): a URL stays text (without a
    final /), anything else is a local Path as before."""
    text = str(text)
    return text.rstrip("/") if is_url(text) else Path(text)


def join(root: Location, *parts: str) -> Location:
    if is_url(root):
        return "/".join([str(root).rstrip("/"), *(p.strip("/") for p in parts)])
    return Path(root).joinpath(*parts)


def name_of(location: Location) -> str:
    return str(location).rstrip("/").rsplit("/", 1)[-1] if is_url(location) else Path(location).name


@dataclass(frozen=True, order=True)
class RemoteFolder:
    """A release folder in a bucket: what a plan entry names in place of a local folder."""

    url: str

    @property
    def name(self) -> str:
        return name_of(self.url)

    def __truediv__(self, part: str) -> str:
        return join(self.url, part)

    def __str__(self) -> str:
        return self.url


# --- the filesystem ------------------------------------------------------------------------------

def forget_connections() -> None:
    """Drop the filesystems made so far: the next use reads the credentials and endpoint from
    the environment again (after they changed, e.g. in a test)."""
    _FILESYSTEMS.clear()


def _filesystem(url: str):
    """The fsspec filesystem of `url`'s protocol and the path within it."""
    try:
        import fsspec  # the optional extra: see the module doc
        import fsspec.core
    except ImportError:
        raise StorageError(url, "fsspec is not installed, so annex cannot use a bucket", fix=EXTRA_FIX) from None
    protocol = url.split("://", 1)[0]
    fs = _FILESYSTEMS.get(protocol)
    if fs is None:
        try:
            fs = fsspec.filesystem(protocol, use_listings_cache=False, skip_instance_cache=True)
        except (ImportError, ValueError) as error:
            raise StorageError(url, f"no filesystem for {protocol}:// ({error})", fix=EXTRA_FIX) from None
        _FILESYSTEMS[protocol] = fs
    return fs, fsspec.core.strip_protocol(url)


def failure(url: str, error: BaseException) -> AnnexError:
    """An error of the object store as one AnnexError naming the URL and the cause: the bucket
    missing or credentials absent or refused (bad set-up: exit 2), else a failed read or write
    (exit 74)."""
    cause = " ".join(str(error).split()) or type(error).__name__
    chain = f"{type(error).__name__} {cause} " + " ".join(
        f"{type(e).__name__} {e}" for e in (error.__cause__, error.__context__) if e is not None)
    if _bucket_missing(error):
        return StorageError(url, f"the bucket does not exist ({cause})",
                            fix="create the bucket, or correct the URL")
    if "NoCredentials" in chain or "Unable to locate credentials" in chain:
        return StorageError(url, "no credentials for the object store",
                            fix="set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE, or "
                            "the machine's role); a non-AWS server also needs AWS_ENDPOINT_URL_S3")
    if isinstance(error, PermissionError) or "AccessDenied" in chain or "InvalidAccessKeyId" in chain \
            or "SignatureDoesNotMatch" in chain:
        return StorageError(url, f"access refused by the object store ({cause})",
                            fix="check the credentials and the bucket's policy allow reading and writing there")
    return StorageIOError(url, f"the object store failed: {type(error).__name__}: {cause}",
                          fix="check the object store is reachable (AWS_ENDPOINT_URL_S3 for a non-AWS "
                          "server), then rerun; what was published before is intact")


def _bucket_missing(error: BaseException) -> bool:
    """Does the error say the bucket itself is missing (not an object in it)? S3's words."""
    text = " ".join(f"{e!r} {e}" for e in (error, error.__cause__, error.__context__) if e is not None)
    return "NoSuchBucket" in text or "specified bucket does not exist" in text


@contextmanager
def _reported(url: str) -> Iterator[None]:
    """Errors of the store as AnnexErrors naming `url`; a missing object stays FileNotFoundError
    unless the bucket itself is missing."""
    try:
        yield
    except (AnnexError, FileExistsError):  # FileExistsError: a conditional PUT refused (create)
        raise
    except FileNotFoundError as error:
        if _bucket_missing(error):
            raise failure(url, error) from None
        raise
    except Exception as error:  # noqa: BLE001 - botocore, aiohttp and fsspec raise their own kinds
        raise failure(url, error) from None


# Stores whose conditional PUTs (If-None-Match, If-Match on the ETag) annex uses for the curated/
# lease: S3 and the servers that speak its API (MinIO, Ceph, R2, moto) through s3fs.
LEASE_PROTOCOLS = ("s3", "s3a")


def check_leases(url: str) -> None:
    """StorageError unless `url` is on a store annex can hold a lease on (LEASE_PROTOCOLS)."""
    protocol = url.split("://", 1)[0]
    if protocol not in LEASE_PROTOCOLS:
        raise StorageError(url, f"curated/ cannot be on {protocol}://: the lock on it is a lease written "
                           "with S3's conditional PUTs (If-None-Match, If-Match), which annex uses on "
                           "S3 and S3-compatible stores only", fix="use an s3:// URL (AWS, MinIO, Ceph, "
                           "R2) or a folder for --curated; --raw may be any fsspec URL")


def check(url: str) -> None:
    """StorageError naming `url` unless it can be listed (missing bucket, no credentials, access
    refused). The prefix itself is listed, not the bucket: a policy may allow only the prefix. An
    empty prefix is fine (curated/ before the first publish)."""
    fs, path = _filesystem(url)
    try:
        with _reported(url):
            fs.ls(path, detail=False)
    except FileNotFoundError:
        pass  # nothing under the prefix yet (a missing bucket was raised by _reported)


# --- objects -------------------------------------------------------------------------------------

def read_bytes(url: str) -> bytes:
    """The object's bytes; FileNotFoundError when there is none."""
    fs, path = _filesystem(url)
    with _reported(url):
        return fs.cat_file(path)


def read_many(urls: list[str]) -> dict[str, bytes | None]:
    """Several objects fetched concurrently (one round trip's wait for all, not one each): url ->
    bytes, None for one that is missing."""
    if not urls:
        return {}
    fs, _ = _filesystem(urls[0])
    paths = {_filesystem(url)[1]: url for url in urls}
    with _reported(urls[0]):
        found = fs.cat(list(paths), on_error="return")
    out: dict[str, bytes | None] = {}
    for path, url in paths.items():
        value = found.get(path) if isinstance(found, dict) else found
        if isinstance(value, FileNotFoundError) and not _bucket_missing(value):
            out[url] = None
        elif isinstance(value, BaseException):
            raise failure(url, value)
        else:
            out[url] = value
    return out


def put(url: str, data: bytes) -> None:
    """Replace the object whole in one PUT (a reader sees the old bytes or the new ones)."""
    fs, path = _filesystem(url)
    with _reported(url):
        fs.pipe_file(path, data)


def create(url: str, data: bytes) -> str | None:
    """Write the object only if there is none (a conditional PUT, If-None-Match: *): its ETag,
    or None when one exists. The store decides, so of two creators exactly one wins."""
    fs, path = _filesystem(url)
    try:
        with _reported(url):
            return _etag_of(fs.pipe_file(path, data, mode="create"), url)
    except FileExistsError:
        return None


def replace_if(url: str, data: bytes, tag: str) -> str | None:
    """Replace the object only if it still has the ETag `tag` (a conditional PUT, If-Match): the
    new ETag, or None when the object changed (or went) meanwhile."""
    fs, path = _filesystem(url)
    try:
        return _etag_of(fs.pipe_file(path, data, IfMatch=tag), url)
    except Exception as error:  # noqa: BLE001 - s3fs reports a failed condition as EINVAL
        if _precondition_failed(error) or isinstance(error, FileNotFoundError):
            return None
        raise failure(url, error) from None


def _etag_of(response: object, url: str) -> str | None:
    """The ETag a PUT answered (s3fs returns the response of a single PUT), else asked for."""
    if isinstance(response, dict) and response.get("ETag"):
        return response["ETag"]
    return etag(url)


def _precondition_failed(error: BaseException) -> bool:
    text = " ".join(str(e) for e in (error, error.__cause__, error.__context__) if e is not None)
    return "PreconditionFailed" in text or "pre-conditions you specified did not hold" in text


def etag(url: str) -> str | None:
    """The object's ETag, None when there is no object."""
    fs, path = _filesystem(url)
    try:
        with _reported(url):
            return fs.info(path).get("ETag")
    except FileNotFoundError:
        return None


def delete(urls: list[str]) -> None:
    """Remove the objects (those already gone are fine)."""
    for url in urls:
        fs, path = _filesystem(url)
        try:
            with _reported(url):
                fs.rm_file(path)
        except FileNotFoundError:
            pass


def _objects_under(url: str) -> dict[str, dict]:
    """Every object under the prefix `url` (relative posix path -> the listing's details), from
    one listing; nothing when the prefix holds nothing (a missing bucket is raised)."""
    fs, path = _filesystem(url)
    with _reported(url):
        try:
            found = fs.find(path, withdirs=False, detail=True)
        except FileNotFoundError as error:
            if _bucket_missing(error):
                raise
            return {}
    prefix = path.rstrip("/") + "/"
    # a key ending in "/" is a folder marker (as consoles make), not a file
    return {key[len(prefix):]: info for key, info in found.items()
            if key.startswith(prefix) and not key.endswith("/")}


def files_under(url: str) -> list[str]:
    """Every object under the prefix `url`, as paths relative to it (posix), sorted."""
    return sorted(_objects_under(url))


def etags_under(url: str) -> dict[str, str]:
    """Every object under the prefix `url` (relative posix path -> its ETag, quotes removed),
    from the listing alone: ListObjectsV2 returns each key's ETag, so this costs one request per
    1,000 objects and reads none of them."""
    return {key: str(info.get("ETag") or "").strip('"') for key, info in _objects_under(url).items()}


_MD5_HEX = re.compile(r"[0-9a-f]{32}")


def md5_of_etag(tag: str) -> str | None:
    """The content MD5 an ETag states, else None. S3 (and MinIO, Ceph, R2, moto) give an object
    written by one PUT, unencrypted or with SSE-S3, the hex MD5 of its bytes as ETag; a multipart
    upload's ends in -N and states none. An ETag of 32 hex digits that is not the MD5 (SSE-KMS,
    SSE-C) simply matches nothing, so a caller comparing it with the MD5 of known bytes learns
    "same bytes" or "cannot tell", never a false "same"."""
    tag = tag.strip('"').lower()
    return tag if _MD5_HEX.fullmatch(tag) else None


# --- release folders -----------------------------------------------------------------------------

def release_folders(raw_url: str, manifest_name: str) -> list[RemoteFolder]:
    """The release folders under a raw/ URL, as discover_releases finds them on disk: every
    folder (not hidden) holding `manifest_name` or any other object not hidden. A missing bucket
    or no credentials: StorageError."""
    by_folder: dict[str, list[str]] = {}
    for relative in files_under(raw_url):
        folder, _, rest = relative.partition("/")
        if rest:
            by_folder.setdefault(folder, []).append(rest)
    return [RemoteFolder(join(raw_url, name)) for name, files in sorted(by_folder.items())
            if not name.startswith(".") and (manifest_name in files or any(
                not f.split("/", 1)[0].startswith(".") for f in files))]


@contextmanager
def local_copy(url: str) -> Iterator[Path]:
    """The folder at `url` downloaded into a new temporary folder of the same name (every object,
    at its relative path), removed on leaving; for the readers that need a path."""
    scratch = Path(tempfile.mkdtemp(prefix="annex-"))
    try:
        yield download(url, scratch)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def download(url: str, into: Path) -> Path:
    """The folder at `url` downloaded to `into`/<its name> (every object, at its relative path,
    each read once); returns that folder. The caller removes it."""
    folder = Path(into) / name_of(url)
    folder.mkdir()
    # a key with ".." parts is not a file of this folder
    names = [r for r in files_under(url) if folder.joinpath(*r.split("/")).resolve().is_relative_to(
        folder.resolve())]
    contents = read_many([join(url, relative) for relative in names])
    for relative in names:
        data = contents[join(url, relative)]
        if data is None:
            raise FileNotFoundError(f"{join(url, relative)} was removed while it was being read")
        target = folder.joinpath(*relative.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return folder


def renamed(error: AnnexError, local: Path, url: str) -> AnnexError:
    """`error` naming `url` where it named the local copy of that folder (a message must name the
    object in the bucket, not a temporary folder that is gone)."""
    local_text = str(local)
    if local_text in error.file or local_text in error.cause:
        error.file = error.file.replace(local_text, url)
        error.cause = error.cause.replace(local_text, url)
        error.args = (error.message,)
    return error
