"""File contents on disk: immutable blobs, upload staging folders and thumbnail images.

Blobs are written once under a temporary name and renamed into place, so a crash never leaves
a half-written blob under a name the metadata refers to. A multipart upload becomes a
*composite* blob: a folder holding its parts, moved in as they are, so committing a large file
costs a rename instead of copying every byte once more.
"""

from __future__ import annotations

import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

COPY_BUFFER = 1024 * 1024


class BlobStore:
    """The folders below the data folder that hold bytes."""

    def __init__(self, data_dir: Path) -> None:
        self.blob_dir = data_dir / "blobs"
        self.upload_dir = data_dir / "uploads"
        self.thumbnail_dir = data_dir / "thumbnails"
        for folder in (self.blob_dir, self.upload_dir, self.thumbnail_dir):
            folder.mkdir(parents=True, exist_ok=True)

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
        """Turn the staged bytes of an upload into a new blob; returns (blob id, size).

        Parts stay separate files in a composite blob, in part-number order. Returns None when
        nothing was uploaded. The staging folder is removed.
        """
        blob_id = self.new_blob_id()
        target = self.blob_path(blob_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        parts = self.parts(upload_key)
        if len(parts) > 1:
            target.mkdir()
            for part in parts:
                os.replace(part, target / part.name)
        elif parts:
            os.replace(parts[0], target)
        else:
            body = self.single_body(upload_key)
            if not body.is_file():
                return None
            os.replace(body, target)
        self.discard_staging(upload_key)
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
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".tmp")
        shutil.copyfile(source, partial)
        os.replace(partial, target)
        return blob_id, target.stat().st_size

    def duplicate(self, blob_id: str) -> str:
        """A new blob with the same bytes (hard links where the file system allows them)."""
        new_id = self.new_blob_id()
        source, target = self.blob_path(blob_id), self.blob_path(new_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".tmp")
        if source.is_dir():
            partial.mkdir()
            for segment, _ in self.segments(blob_id):
                _link_or_copy(segment, partial / segment.name)
        else:
            _link_or_copy(source, partial)
        os.replace(partial, target)
        return new_id

    def delete_blob(self, blob_id: str) -> None:
        """Remove a blob's bytes; a missing blob is fine."""
        path = self.blob_path(blob_id)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)

    def discard_staging(self, upload_key: str) -> None:
        """Remove whatever an upload staged."""
        shutil.rmtree(self.staging(upload_key), ignore_errors=True)

    def thumbnail_path(self, dentry_id: int, version: int) -> Path:
        """The thumbnail image of one version of a dentry."""
        return self.thumbnail_dir / f"{dentry_id}-{version}"


def _link_or_copy(source: Path, target: Path) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
