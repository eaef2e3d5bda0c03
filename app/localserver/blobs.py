"""File contents on disk: immutable blobs, upload staging folders and thumbnail images.

Blobs are written once under a temporary name and renamed into place, so a crash never leaves
a half-written blob under a name the metadata refers to. A multipart upload becomes a
*composite* blob: a folder holding its parts, linked in as they are, so committing a large file
costs a hard link instead of copying every byte once more.

Bytes follow the metadata, never the other way round: a blob is removed only after the
transaction that stops referring to it has committed, and whatever a crash leaves that no row
refers to is collected at the next start (`collect_garbage`).
"""

from __future__ import annotations

import errno
import logging
import os
import re
import secrets
import shutil
import tempfile
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from pathlib import Path

from app.localserver.private import FOLDER_MODE, create_file, make_folder

log = logging.getLogger(__name__)

COPY_BUFFER = 1024 * 1024
_NO_HARD_LINKS = {errno.EPERM, errno.EXDEV, errno.EMLINK, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}
"""What os.link answers where a file system has no (more) hard links for a file."""
_STAGED = re.compile(r"body|part-[0-9]{5}")
"""The files of a staging folder an upload may commit; anything else there is a cut write."""


class BlobStore:
    """The folders below the data folder that hold bytes."""

    def __init__(self, data_dir: Path) -> None:
        self.blob_dir = data_dir / "blobs"
        self.upload_dir = data_dir / "uploads"
        self.thumbnail_dir = data_dir / "thumbnails"
        for folder in (self.blob_dir, self.upload_dir, self.thumbnail_dir):
            make_folder(folder)

    @staticmethod
    def new_blob_id() -> str:
        """A fresh, unguessable blob id."""
        return secrets.token_hex(16)

    def blob_path(self, blob_id: str) -> Path:
        """Where the blob's bytes live (two-level fan-out keeps folders small)."""
        return self.blob_dir / blob_id[:2] / blob_id

    def staging(self, upload_key: str) -> Path:
        """The folder that collects the bytes of one upload before its commit."""
        return self.upload_dir / upload_key

    def single_body(self, upload_key: str) -> Path:
        """The body of a single-PUT upload."""
        return self.staging(upload_key) / "body"

    def part_path(self, upload_key: str, part_number: int) -> Path:
        """One part of a multipart upload."""
        return self.staging(upload_key) / f"part-{part_number:05d}"

    def parts(self, upload_key: str) -> list[Path]:
        """The received parts, in part-number order."""
        folder = self.staging(upload_key)
        if not folder.is_dir():
            return []
        return sorted(folder.glob("part-[0-9][0-9][0-9][0-9][0-9]"))

    def staged_size(self, upload_key: str) -> int | None:
        """How many bytes an upload has staged (its parts, or its single body), None if none."""
        parts = self.parts(upload_key)
        if parts:
            return sum(part.stat().st_size for part in parts)
        body = self.single_body(upload_key)
        return body.stat().st_size if body.is_file() else None

    def adopt(self, upload_key: str) -> tuple[str, int] | None:
        """Make the staged bytes of an upload a new blob; returns (blob id, size).

        The blob is hard-linked to the staged files (parts stay separate files of a composite
        blob, in part-number order), so the staging folder still holds them until the commit is
        durable and a rolled-back commit can be tried again. Returns None when nothing was uploaded.
        """
        parts = self.parts(upload_key)
        body = self.single_body(upload_key)
        if not parts and not body.is_file():
            return None
        blob_id = self.new_blob_id()
        target = self.blob_path(blob_id)
        make_folder(target.parent)
        if len(parts) > 1:
            partial = target.with_name(target.name + ".tmp")
            with _removed_on_error(partial):
                _make_private_folder(partial)
                for part in parts:
                    _link_or_move(part, partial / part.name)
                os.replace(partial, target)
        else:
            _link_or_move(parts[0] if parts else body, target)
        return blob_id, self.size(blob_id)

    def segments(self, blob_id: str) -> list[tuple[Path, int]]:
        """The files holding a blob's bytes, in order, with their sizes."""
        path = self.blob_path(blob_id)
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        return [(file, file.stat().st_size) for file in files]

    def exists(self, blob_id: str) -> bool:
        """Whether the blob's bytes are on disk."""
        return self.blob_path(blob_id).exists()

    def size(self, blob_id: str) -> int:
        """The blob's length in bytes."""
        return sum(size for _, size in self.segments(blob_id))

    @contextmanager
    def as_file(self, blob_id: str) -> Iterator[Path]:
        """A single file with the blob's bytes: the blob itself, or a temporary joined copy."""
        path = self.blob_path(blob_id)
        if not path.is_dir():
            yield path
            return
        with tempfile.NamedTemporaryFile(dir=self.upload_dir, prefix="joined-") as joined:
            for segment, _ in self.segments(blob_id):
                with segment.open("rb") as src:
                    shutil.copyfileobj(src, joined, COPY_BUFFER)
            joined.flush()
            yield Path(joined.name)

    def store_file(self, source: Path) -> tuple[str, int]:
        """Copy a local file in as a new blob; returns (blob id, size)."""
        blob_id = self.new_blob_id()
        target = self.blob_path(blob_id)
        make_folder(target.parent)
        partial = target.with_name(target.name + ".tmp")
        with _removed_on_error(partial):
            _copy(source, partial)
            os.replace(partial, target)
        return blob_id, target.stat().st_size

    def duplicate(self, blob_id: str) -> str:
        """A new blob with the same bytes (hard links where the file system allows them)."""
        new_id = self.new_blob_id()
        source, target = self.blob_path(blob_id), self.blob_path(new_id)
        make_folder(target.parent)
        partial = target.with_name(target.name + ".tmp")
        with _removed_on_error(partial):
            if source.is_dir():
                _make_private_folder(partial)
                for segment, _ in self.segments(blob_id):
                    _link_or_copy(segment, partial / segment.name)
            else:
                _link_or_copy(source, partial)
            os.replace(partial, target)
        return new_id

    def delete_blob(self, blob_id: str) -> None:
        """Remove a blob's bytes; a missing blob is fine.

        It runs once the metadata no longer refers to the blob, when nobody waits for an answer
        about it: bytes that cannot go now are left for the next start's garbage collection.
        """
        _discard(self.blob_path(blob_id))

    def delete_thumbnail(self, dentry_id: int, version: int) -> None:
        """Remove the thumbnail image of one version (like `delete_blob`)."""
        _discard(self.thumbnail_path(dentry_id, version))

    def discard_staging(self, upload_key: str) -> None:
        """Remove whatever an upload staged."""
        shutil.rmtree(self.staging(upload_key), ignore_errors=True)

    def thumbnail_path(self, dentry_id: int, version: int) -> Path:
        """The thumbnail image of one version of a dentry."""
        return self.thumbnail_dir / thumbnail_name(dentry_id, version)

    def collect_garbage(
        self, blob_ids: Collection[str], upload_keys: Collection[str], thumbnails: Collection[str]
    ) -> int:
        """Remove every file no row refers to; returns how many entries went.

        Such files are left by a crash between a commit and the removal of what it replaced, or
        in the middle of writing a blob, a part or a thumbnail. Call it before serving requests.

        Args:
            blob_ids: The blobs the metadata refers to.
            upload_keys: The uploads that may still be committed (their staging stays).
            thumbnails: The `thumbnail_name`s of file versions that exist.
        """
        removed = 0
        for fan_out in _entries(self.blob_dir):
            inside = _entries(fan_out) if fan_out.is_dir() and not fan_out.is_symlink() else [fan_out]
            for entry in inside:
                if entry.name not in blob_ids:
                    removed += _remove(entry)
        for staging in _entries(self.upload_dir):
            if staging.name not in upload_keys or not staging.is_dir() or staging.is_symlink():
                removed += _remove(staging)
                continue
            for entry in _entries(staging):
                if not _STAGED.fullmatch(entry.name):
                    removed += _remove(entry)
        for entry in _entries(self.thumbnail_dir):
            if entry.name not in thumbnails:
                removed += _remove(entry)
        return removed


def thumbnail_name(dentry_id: int, version: int) -> str:
    """The file name of the thumbnail of one version of a dentry."""
    return f"{dentry_id}-{version}"


def _entries(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except FileNotFoundError:
        return []


def _discard(path: Path) -> None:
    try:
        _remove(path)
    except OSError as error:
        log.warning("%s stays until the next start: %s", path.name, error)


def _remove(path: Path) -> int:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    return 1


@contextmanager
def _removed_on_error(partial: Path) -> Iterator[None]:
    """Remove a half-made blob if making it fails (a full disk must not keep what it took)."""
    try:
        yield
    except BaseException:
        _remove(partial)
        raise


def _make_private_folder(path: Path) -> None:
    path.mkdir(mode=FOLDER_MODE)
    os.chmod(path, FOLDER_MODE)


def _copy(source: Path, target: Path) -> None:
    """Copy a file's bytes into a new private file."""
    with source.open("rb") as src, os.fdopen(create_file(target), "wb") as out:
        shutil.copyfileobj(src, out, COPY_BUFFER)


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        _copy(source, target)


def _link_or_move(source: Path, target: Path) -> None:
    # A file system without hard links gets a rename: cheap too, but a rolled-back commit
    # then has to be uploaded again.
    try:
        os.link(source, target)
    except OSError as error:
        if error.errno not in _NO_HARD_LINKS:
            raise
        os.replace(source, target)
