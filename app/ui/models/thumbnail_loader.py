"""Thumbnails for what is on screen: batched GetDentryThumbnails calls, downloads, and two caches.

The view asks for the files it shows (`ThumbnailLoader.request`); ids are gathered into
GetDentryThumbnails calls of at most 30, each signed image URL is downloaded with a plain GET,
and the image is decoded on a worker thread. Decoded thumbnails stay in memory (least recently
used first out, bounded in bytes) as icons made on the UI thread; the downloaded bytes stay on
disk under ``{space}-{dentry}-v{version}``, so a new version of a file is fetched anew.

"Not ready yet" answers are asked again with exponential backoff; files the service cannot make
thumbnails of are remembered and never asked about again. Only extensions the service supports
are asked about at all.
"""

from __future__ import annotations

import io
import logging
import os
import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

import requests
from PIL import Image
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap

from app.api.errors import ApiError
from app.api.models import Dentry
from app.ui.models.file_types import extension_of

if TYPE_CHECKING:
    from app.api.client import StorageClient
    from app.ui.background import Background
    from app.ui.operations.changes import Changes

log = logging.getLogger(__name__)

T = TypeVar("T")

SUPPORTED_EXTENSIONS = frozenset(
    {
        "png", "jpg", "jpeg", "gif", "webp", "bmp", "pdf", "txt",
        "doc", "docx", "xls", "xlsx", "ppt", "pptx", "wps", "et", "dps",
    }
)  # fmt: skip
"""File extensions the service makes thumbnails of; nothing else is asked about."""
BATCH_SIZE = 30
"""The most ids one GetDentryThumbnails call takes."""
DEFAULT_CONCURRENCY = 3
DEFAULT_MEMORY_LIMIT = 64 * 1024 * 1024
DEFAULT_RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
"""Seconds to wait before asking again about a thumbnail that is not ready; then give up."""
MAX_QUEUED = 600
"""Requests waiting beyond this many are dropped, oldest first (the view asks again on scroll)."""
MAX_IMAGE_BYTES = 20 * 1024 * 1024
MAX_IMAGE_PIXELS = 4096 * 4096
# The formats thumbnails come in; limiting Pillow's decoders keeps exotic ones away from network data.
_PILLOW_FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "BMP")
CHUNK_SIZE = 256 * 1024
DOWNLOAD_TIMEOUT = (5.0, 30.0)

# Answers after which asking again cannot help.
_FINAL_CODES = frozenset({"dentryFormatNotSupport", "dentryNotExist", "permissionDenied"})
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9_.=-]")


class ThumbnailKey(NamedTuple):
    """One version of one file's thumbnail."""

    space_id: str
    dentry_id: str
    version: int

    @property
    def file_name(self) -> str:
        """Its name in the disk cache: ``{space}-{dentry}-v{version}``."""
        return f"{_safe(self.space_id)}-{_safe(self.dentry_id)}-v{self.version}"


def _safe(part: str) -> str:
    return _UNSAFE_NAME.sub("_", part)


def supports(dentry: Dentry) -> bool:
    """Whether the service may have a thumbnail of this dentry (a file of a supported type)."""
    return not dentry.is_folder and extension_of(dentry) in SUPPORTED_EXTENSIONS


class DownloadError(Exception):
    """A thumbnail image could not be fetched or decoded (asked again later, with a fresh URL)."""


def decode_image(data: bytes) -> QImage:
    """Decode a thumbnail into a QImage in the format a QPixmap uses, on any thread.

    Pillow decodes and converts with the GIL released; ``QImage.loadFromData`` holds it for the
    whole decode under PySide6, which would stall the UI thread while a worker decodes. The
    result is ``Format_RGB32`` or ``Format_ARGB32_Premultiplied``, so turning it into a pixmap on
    the UI thread is a plain copy.

    Raises:
        DownloadError: the bytes are not an image of a thumbnail format, or it is too large.
    """
    try:
        with Image.open(io.BytesIO(data), formats=_PILLOW_FORMATS) as picture:
            width, height = picture.size
            if width * height > MAX_IMAGE_PIXELS:
                raise DownloadError(f"thumbnail image is too large ({width}×{height})")
            transparent = picture.mode in ("RGBA", "LA", "PA") or "transparency" in picture.info
            converted = picture.convert("RGBA" if transparent else "RGB")
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as error:
        raise DownloadError(f"thumbnail image could not be decoded: {error}") from error
    if sys.byteorder != "little":  # byte orders of Qt's 32-bit formats differ: let Qt convert
        raw = converted.tobytes("raw", "RGBA" if transparent else "RGBX")
        layout = QImage.Format.Format_RGBA8888 if transparent else QImage.Format.Format_RGBX8888
    elif transparent:
        raw = converted.tobytes("raw", "BGRa")
        layout = QImage.Format.Format_ARGB32_Premultiplied
    else:
        raw = converted.tobytes("raw", "BGRX")
        layout = QImage.Format.Format_RGB32
    return QImage(raw, width, height, width * 4, layout).copy()  # the copy owns its pixels


@dataclass
class _LookupResult:
    """What one lookup job found: images from disk, URLs to download, and the other answers."""

    images: dict[ThumbnailKey, QImage] = field(default_factory=dict)
    urls: dict[ThumbnailKey, str] = field(default_factory=dict)
    not_ready: list[ThumbnailKey] = field(default_factory=list)
    final: list[ThumbnailKey] = field(default_factory=list)
    failed: list[ThumbnailKey] = field(default_factory=list)


class ThumbnailLoader(QObject):
    """Fetches, decodes and caches thumbnails, a batch of at most 30 ids per API call.

    At most `max_concurrent` calls or downloads run at once on the shared `Background` pool.
    Counters for benchmarks and tests: `calls_made` (GetDentryThumbnails calls),
    `downloads_made` (GETs of signed thumbnail URLs) and `disk_hits` (thumbnails read from disk).

    Signals:
        thumbnailReady(str, QImage): the full decoded thumbnail of a dentry id has arrived;
            `icon` returns it from now on (scaling to the view's size happens at paint time).
    """

    thumbnailReady = Signal(str, QImage)

    def __init__(
        self,
        background: Background,
        cache_dir: Path | None,
        *,
        max_concurrent: int = DEFAULT_CONCURRENCY,
        memory_limit: int = DEFAULT_MEMORY_LIMIT,
        retry_delays: Sequence[float] = DEFAULT_RETRY_DELAYS,
        parent: QObject | None = None,
    ) -> None:
        """A loader with empty memory; set the client with `set_client` (the model does).

        Args:
            background: runs the API calls, downloads, disk reads and decoding.
            cache_dir: where downloaded thumbnails are kept (None: memory only), e.g.
                ``platformdirs.user_cache_path("dentry") / "thumbnails"``.
            max_concurrent: the most calls or downloads in progress at once.
            memory_limit: bytes of decoded images kept in memory.
            retry_delays: seconds before each new question about a thumbnail that is not ready.
            parent: the owning QObject.
        """
        super().__init__(parent)
        self._background = background
        self._cache_dir = cache_dir
        self._max_concurrent = max(1, max_concurrent)
        self._memory_limit = memory_limit
        self._retry_delays = tuple(retry_delays)
        self._client: StorageClient | None = None
        self._generation = 0
        self._memory: OrderedDict[ThumbnailKey, tuple[QIcon, int]] = OrderedDict()
        self._memory_bytes = 0
        self._final: set[ThumbnailKey] = set()
        self._tries: dict[ThumbnailKey, int] = {}
        self._lookups: OrderedDict[ThumbnailKey, None] = OrderedDict()
        self._downloads: OrderedDict[ThumbnailKey, str] = OrderedDict()
        self._busy: set[ThumbnailKey] = set()
        self._waiting: set[ThumbnailKey] = set()
        self._running = 0
        self._pump_scheduled = False
        self._sessions = threading.local()
        self._count_lock = threading.Lock()
        self.calls_made = 0
        self.downloads_made = 0
        self.disk_hits = 0

    # --- public -----------------------------------------------------------------------------

    def set_client(self, client: StorageClient | None) -> None:
        """Use another client (another account): queued and running work is dropped."""
        if client is self._client:
            return
        self._client = client
        self._generation += 1
        self._lookups.clear()
        self._downloads.clear()
        self._busy.clear()
        self._waiting.clear()
        self._tries.clear()

    @property
    def memory_bytes(self) -> int:
        """Bytes of decoded thumbnails held in memory."""
        return self._memory_bytes

    def is_idle(self) -> bool:
        """Nothing queued, running or waiting to be asked again."""
        return not (self._lookups or self._downloads or self._running or self._waiting)

    def icon(self, space_id: str, dentry: Dentry) -> QIcon | None:
        """The thumbnail of this version of a file, if it is in memory (no work is started)."""
        if dentry.is_folder:
            return None
        entry = self._memory.get(ThumbnailKey(space_id, dentry.id, dentry.version or 0))
        return None if entry is None else entry[0]

    def request(self, space_id: str, dentries: Iterable[Dentry]) -> None:
        """Get thumbnails of these dentries (what is on screen, plus a small margin).

        Folders, unsupported types, thumbnails in memory, and files the service cannot make a
        thumbnail of are skipped. The newest request goes first; the work starts when the
        event loop next runs, so requests made together share API calls.
        """
        if self._client is None:
            return
        fresh: list[ThumbnailKey] = []
        for dentry in dentries:
            if not supports(dentry):
                continue
            key = ThumbnailKey(space_id, dentry.id, dentry.version or 0)
            if key in self._memory:
                self._memory.move_to_end(key)
            elif key in self._lookups or not (
                key in self._final or key in self._busy or key in self._waiting or key in self._downloads
            ):
                fresh.append(key)
        for key in reversed(fresh):
            self._lookups[key] = None
            self._lookups.move_to_end(key, last=False)
        while len(self._lookups) > MAX_QUEUED:
            self._lookups.popitem(last=True)
        if fresh:
            self._schedule_pump()

    def apply_changes(self, changes: Changes) -> None:
        """Fetch the thumbnails the service was just asked to make (announced by an operation)."""
        if changes.thumbnails_of:
            self.request(changes.space_id, changes.thumbnails_of)

    # --- scheduling -------------------------------------------------------------------------

    def _schedule_pump(self) -> None:
        if not self._pump_scheduled:
            self._pump_scheduled = True
            QTimer.singleShot(0, self, self._pump)

    def _pump(self) -> None:
        self._pump_scheduled = False
        client = self._client
        if client is None or self._background.closed:
            return
        while self._running < self._max_concurrent:
            if self._downloads:
                key, url = self._downloads.popitem(last=False)
                self._start([key], partial(self._download, key, url), self._on_downloaded)
            elif self._lookups:
                keys: list[ThumbnailKey] = []
                while self._lookups and len(keys) < BATCH_SIZE:
                    keys.append(self._lookups.popitem(last=False)[0])
                self._start(keys, partial(self._lookup, client, keys), self._on_looked_up)
            else:
                return

    def _start(
        self,
        keys: list[ThumbnailKey],
        job: Callable[[], T],
        on_done: Callable[[int, list[ThumbnailKey], T], None],
    ) -> None:
        self._running += 1
        self._busy.update(keys)
        generation = self._generation
        self._background.submit(
            job,
            on_done=partial(on_done, generation, keys),
            on_error=partial(self._on_job_error, generation, keys),
        )

    def _finish(self, generation: int, keys: list[ThumbnailKey]) -> bool:
        """Book a job as ended; whether its outcome still counts."""
        self._running -= 1
        self._schedule_pump()
        if generation != self._generation:
            return False
        self._busy.difference_update(keys)
        return True

    # --- outcomes (UI thread) ---------------------------------------------------------------

    def _on_looked_up(self, generation: int, keys: list[ThumbnailKey], result: _LookupResult) -> None:
        if not self._finish(generation, keys):
            return
        self.disk_hits += len(result.images)
        for key, image in result.images.items():
            self._store(key, image)
        for key, url in result.urls.items():
            self._downloads[key] = url
        self._final.update(result.final)
        self._retry_later(result.not_ready + result.failed)

    def _on_downloaded(self, generation: int, keys: list[ThumbnailKey], image: QImage) -> None:
        if self._finish(generation, keys):
            self._store(keys[0], image)

    def _on_job_error(self, generation: int, keys: list[ThumbnailKey], error: BaseException) -> None:
        if not self._finish(generation, keys):
            return
        if isinstance(error, DownloadError | ApiError | OSError):
            log.info("thumbnail work failed for %d item(s): %s", len(keys), error)
        else:
            log.error("thumbnail work failed", exc_info=error)
        self._retry_later(keys)

    def _store(self, key: ThumbnailKey, image: QImage) -> None:
        self._tries.pop(key, None)
        icon = QIcon(QPixmap.fromImage(image))
        size = image.sizeInBytes()
        old = self._memory.pop(key, None)
        if old is not None:
            self._memory_bytes -= old[1]
        self._memory[key] = (icon, size)
        self._memory_bytes += size
        while self._memory_bytes > self._memory_limit and len(self._memory) > 1:
            _key, (_icon, evicted) = self._memory.popitem(last=False)
            self._memory_bytes -= evicted
        self.thumbnailReady.emit(key.dentry_id, image)

    def _retry_later(self, keys: Iterable[ThumbnailKey]) -> None:
        """Ask again after the next backoff delay of each key; give up after the last one."""
        due: dict[float, list[ThumbnailKey]] = {}
        for key in keys:
            tries = self._tries.get(key, 0)
            if tries >= len(self._retry_delays):
                self._tries.pop(key, None)
                self._final.add(key)
                continue
            self._tries[key] = tries + 1
            self._waiting.add(key)
            due.setdefault(self._retry_delays[tries], []).append(key)
        for delay, waiting in due.items():
            QTimer.singleShot(round(delay * 1000), self, partial(self._wake, self._generation, waiting))

    def _wake(self, generation: int, keys: list[ThumbnailKey]) -> None:
        if generation != self._generation:
            return
        for key in keys:
            self._waiting.discard(key)
            if key not in self._memory:
                self._lookups[key] = None
                self._lookups.move_to_end(key, last=False)
        self._schedule_pump()

    # --- jobs (worker threads: no Qt objects but QImage) ------------------------------------

    def _lookup(self, client: StorageClient, keys: list[ThumbnailKey]) -> _LookupResult:
        """Read what the disk cache has; ask the service about the rest in one call."""
        result = _LookupResult()
        missing: list[ThumbnailKey] = []
        for key in keys:
            image = self._read_cached(key)
            if image is None:
                missing.append(key)
            else:
                result.images[key] = image
        if not missing:
            return result
        with self._count_lock:
            self.calls_made += 1
        try:
            answers = client.get_thumbnails(missing[0].space_id, [key.dentry_id for key in missing])
        except ApiError as error:
            log.info("GetDentryThumbnails failed: %s", error.sentence)
            result.failed = missing
            return result
        by_id = {answer.dentry_id: answer for answer in answers}
        for key in missing:
            answer = by_id.get(key.dentry_id)
            if answer is not None and answer.success and answer.thumbnail is not None:
                result.urls[key] = answer.thumbnail.url
            elif answer is not None and answer.error_code == "thumbnailNotExist":
                result.not_ready.append(key)
            elif answer is not None and answer.error_code in _FINAL_CODES:
                result.final.append(key)
            else:
                result.failed.append(key)
        return result

    def _read_cached(self, key: ThumbnailKey) -> QImage | None:
        if self._cache_dir is None:
            return None
        path = self._cache_dir / key.file_name
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            return decode_image(data)
        except DownloadError:
            path.unlink(missing_ok=True)  # a broken file: fetch it again
            return None

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._sessions, "session", None)
        if session is None:
            session = self._sessions.session = requests.Session()
        return session

    def _download(self, key: ThumbnailKey, url: str) -> QImage:
        """GET the signed thumbnail URL, keep the bytes on disk, decode them."""
        with self._count_lock:
            self.downloads_made += 1
        try:
            with self._session().get(url, timeout=DOWNLOAD_TIMEOUT, stream=True) as response:
                if response.status_code != 200:
                    raise DownloadError(f"thumbnail download answered HTTP {response.status_code}")
                data = bytearray()
                for chunk in response.iter_content(CHUNK_SIZE):
                    data += chunk
                    if len(data) > MAX_IMAGE_BYTES:
                        raise DownloadError("thumbnail image is too large")
        except requests.RequestException as error:
            raise DownloadError(f"thumbnail download failed: {error}") from error
        image = decode_image(bytes(data))
        self._write_cached(key, bytes(data))
        return image

    def _write_cached(self, key: ThumbnailKey, data: bytes) -> None:
        if self._cache_dir is None:
            return
        path = self._cache_dir / key.file_name
        temporary = path.with_name(f"{path.name}.{threading.get_ident()}.part")
        try:
            self._cache_dir.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data)
            os.replace(temporary, path)
            prefix = f"{_safe(key.space_id)}-{_safe(key.dentry_id)}-v"
            for old in self._cache_dir.glob(f"{prefix}*"):
                if old.name != path.name and not old.name.endswith(".part"):
                    old.unlink(missing_ok=True)  # older versions of the file
        except OSError as error:
            log.warning("cannot keep thumbnail in %s: %s", self._cache_dir, error)
            temporary.unlink(missing_ok=True)
