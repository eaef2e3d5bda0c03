"""File contents on disk: immutable blobs, upload staging folders and thumbnail images.

Blobs are written once under a temporary name and renamed into place, so a crash never leaves
a half-written blob under a name the metadata refers to.
"""

from __future__ import annotations

import os
import secrets
import shutil
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

        Parts are joined in part-number order. Returns None when nothing was uploaded.
        The staging folder is removed.
        """
        blob_id = self.new_blob_id()
        target = self.blob_path(blob_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        parts = self.parts(upload_key)
        if parts:
            partial = target.with_name(target.name + ".tmp")
            with partial.open("wb") as out:
                for part in parts:
                    with part.open("rb") as src:
                        shutil.copyfileobj(src, out, COPY_BUFFER)
            os.replace(partial, target)
        else:
            body = self.single_body(upload_key)
            if not body.is_file():
                return None
            os.replace(body, target)
        self.discard_staging(upload_key)
        return blob_id, target.stat().st_size

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
        """A new blob with the same bytes (a hard link where the file system allows one)."""
        new_id = self.new_blob_id()
        target = self.blob_path(new_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(self.blob_path(blob_id), target)
        except OSError:
            partial = target.with_name(target.name + ".tmp")
            shutil.copyfile(self.blob_path(blob_id), partial)
            os.replace(partial, target)
        return new_id

    def delete_blob(self, blob_id: str) -> None:
        """Remove a blob's bytes; a missing file is fine."""
        self.blob_path(blob_id).unlink(missing_ok=True)

    def discard_staging(self, upload_key: str) -> None:
        """Remove whatever an upload staged."""
        shutil.rmtree(self.staging(upload_key), ignore_errors=True)

    def thumbnail_path(self, dentry_id: int, version: int) -> Path:
        """The thumbnail image of one version of a dentry."""
        return self.thumbnail_dir / f"{dentry_id}-{version}"
