"""Thumbnail generation in background threads, and the per-item answers of GetDentryThumbnails."""

from __future__ import annotations

import itertools
import logging
import queue
import sqlite3
import threading
from typing import Any

from app.localserver import office_convert, thumbnail_render
from app.localserver.blobs import BlobStore
from app.localserver.db import Database
from app.localserver.errors import is_storage_full
from app.localserver.names import extension_of
from app.localserver.signing import Signer

log = logging.getLogger(__name__)

THUMBNAIL_MAX_SIDE = 512
WORKERS = 2
"""Threads rendering images, PDFs and text."""
OFFICE_WORKERS = 1
"""Threads for office documents: LibreOffice takes a second or more each, one at a time, so they
get a lane of their own and never hold up the quick formats."""

# Queue priorities: a thumbnail someone is waiting for (asked about in GetDentryThumbnails) goes
# before the backlog of new uploads, so the files on a person's screen do not wait behind an
# office document LibreOffice takes a second to render.
_STOP, _ASKED, _BACKLOG = 0, 1, 2

_Job = tuple[int, int]
_Lane = queue.PriorityQueue[tuple[int, int, _Job | None]]


def thumbnail_url_path(dentry_id: int, version: int) -> str:
    """The data-plane path a thumbnail is served from."""
    return f"/_local/thumbnails/{dentry_id}/{version}"


class Thumbnailer:
    """Renders thumbnails for new file versions, off the request threads."""

    def __init__(self, db: Database, blobs: BlobStore, signer: Signer) -> None:
        self._db = db
        self._blobs = blobs
        self._signer = signer
        self._quick: _Lane = queue.PriorityQueue()
        self._office: _Lane = queue.PriorityQueue()
        self._order = itertools.count()  # first in, first out within a priority
        self._pending: set[_Job] = set()  # queued or rendering
        self._asked: set[_Job] = set()  # queued (again) at _ASKED
        self._rendering: set[_Job] = set()
        self._lock = threading.Lock()
        self._lanes = [self._quick] * WORKERS + [self._office] * OFFICE_WORKERS  # one per thread
        self._threads = [
            threading.Thread(target=self._run, args=(lane,), name=f"thumbnailer-{n}", daemon=True)
            for n, lane in enumerate(self._lanes)
        ]
        self._idle = threading.Condition(self._lock)
        self._stopping = threading.Event()

    def start(self) -> None:
        """Start the worker threads."""
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        """Stop the workers after the thumbnail in progress; an office conversion is cut short.

        A cut conversion records nothing, so the thumbnail is made after the next start.
        """
        self._stopping.set()
        for lane in self._lanes:
            lane.put((_STOP, next(self._order), None))
        for thread in self._threads:
            thread.join(timeout=70)

    @staticmethod
    def supports(name: str) -> bool:
        """Whether files with this name get thumbnails on this machine."""
        return thumbnail_render.can_render(extension_of(name))

    def request(self, dentry_id: int, version: int, name: str, *, asked: bool = False) -> None:
        """Queue a thumbnail for one version of a file, unless it is unsupported or queued already.

        `asked`: someone is waiting for it; it moves ahead of the backlog (also when queued already).
        """
        if self.supports(name):
            office = extension_of(name) in thumbnail_render.OFFICE_EXTENSIONS
            lane = self._office if office else self._quick
            self._db.on_commit(lambda: self._enqueue(lane, (dentry_id, version), asked))

    def _enqueue(self, lane: _Lane, job: _Job, asked: bool) -> None:
        with self._lock:
            if job in self._pending:
                if not asked or job in self._asked or job in self._rendering:
                    return
            else:
                self._pending.add(job)
            if asked:
                self._asked.add(job)
        # A job moved ahead stays in the backlog too; whichever entry comes out second is skipped.
        lane.put((_ASKED if asked else _BACKLOG, next(self._order), job))

    def regenerate(self, conn: sqlite3.Connection, row: sqlite3.Row) -> None:
        """Forget the current thumbnail of a file and make it again (the KooDrive task)."""
        conn.execute("DELETE FROM thumbnails WHERE dentry_id=? AND version=?", (row["id"], row["version"]))
        dentry_id, version = int(row["id"]), int(row["version"])
        self._db.on_commit(lambda: self._blobs.delete_thumbnail(dentry_id, version))
        self.request(row["id"], row["version"], row["name"], asked=True)

    def wait_for(self, dentry_id: int, version: int, timeout: float) -> bool:
        """Block until that thumbnail is no longer queued or rendering; False on timeout."""
        with self._idle:
            return self._idle.wait_for(lambda: (dentry_id, version) not in self._pending, timeout)

    def _run(self, lane: _Lane) -> None:
        while True:
            _priority, _order, job = lane.get()
            if job is None:
                return
            with self._lock:
                if job not in self._pending or job in self._rendering:
                    continue  # the other queue entry of a job that was moved ahead
                self._rendering.add(job)
            try:
                self._render(*job)
            except office_convert.ConversionCancelled:
                log.info("thumbnail for dentry %s version %s left for the next start", *job)
            except Exception as error:  # a bad file must never kill the worker
                if is_storage_full(error):
                    log.warning("no disk space left for the thumbnail of dentry %s version %s", *job)
                else:
                    log.exception("thumbnail for dentry %s version %s failed", *job)
            finally:
                with self._idle:
                    self._pending.discard(job)
                    self._asked.discard(job)
                    self._rendering.discard(job)
                    self._idle.notify_all()

    def _render(self, dentry_id: int, version: int) -> None:
        conn = self._db.connection()
        source = conn.execute(
            "SELECT v.blob, d.name FROM versions v JOIN dentries d ON d.id = v.dentry_id"
            " WHERE v.dentry_id=? AND v.version=?",
            (dentry_id, version),
        ).fetchone()
        if source is None:
            return
        target = self._blobs.thumbnail_path(dentry_id, version)
        try:
            with self._blobs.as_file(source["blob"]) as blob_file:
                width, height, media_type = thumbnail_render.render_thumbnail(
                    blob_file, extension_of(source["name"]), target, THUMBNAIL_MAX_SIDE, cancel=self._stopping
                )
            state: tuple[Any, ...] = ("ready", width, height, media_type)
        except thumbnail_render.ThumbnailError as error:
            if is_storage_full(error):
                raise  # not the file's fault: recorded as nothing, so it is made when asked again
            log.info("no thumbnail for dentry %s version %s: %s", dentry_id, version, error)
            state = ("failed", None, None, None)
        with self._db.write() as write:
            write.execute(
                "INSERT OR REPLACE INTO thumbnails VALUES (?,?,?,?,?,?)",
                (dentry_id, version, *state),
            )

    def result(
        self, conn: sqlite3.Connection, row: sqlite3.Row, *, asked: bool = True
    ) -> tuple[dict[str, Any] | None, str | None]:
        """``(thumbnail, None)`` when ready, else ``(None, errorCode)`` for GetDentryThumbnails.

        `asked`: someone is looking at this file, so a thumbnail still to be made goes first.
        """
        if row["type"] != "FILE" or not self.supports(row["name"]):
            return None, "dentryFormatNotSupport"
        made = conn.execute(
            "SELECT * FROM thumbnails WHERE dentry_id=? AND version=?", (row["id"], row["version"])
        ).fetchone()
        if made is None:
            # Queued, rendering, or a file committed before a restart: ask for it first, answer "not yet".
            self.request(row["id"], row["version"], row["name"], asked=asked)
            return None, "thumbnailNotExist"
        if made["state"] != "ready":
            return None, "thumbnailNotExist"
        url = self._signer.query_signed_url(thumbnail_url_path(row["id"], row["version"]))
        return {"width": made["width"], "height": made["height"], "url": url}, None

    def media_type(self, dentry_id: int, version: int) -> str | None:
        """The media type of a rendered thumbnail, or None when there is none."""
        made = (
            self._db.connection()
            .execute(
                "SELECT media_type FROM thumbnails WHERE dentry_id=? AND version=? AND state='ready'",
                (dentry_id, version),
            )
            .fetchone()
        )
        return None if made is None else str(made["media_type"])
