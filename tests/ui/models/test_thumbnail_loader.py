"""ThumbnailLoader: batched calls, downloads, the disk and memory caches, versions, backoff, formats."""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon, QImage
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.api.models import Dentry, ItemResult
from app.ui.background import Background
from app.ui.models.dentry_model import DentryModel
from app.ui.models.thumbnail_loader import BATCH_SIZE, ThumbnailLoader, supports
from tests.ui.conftest import BIG_IMAGES, BigSpace, Tree, image_bytes, make_tree, upload
from tests.ui.fakes import SPACE, make_dentry
from tests.ui.helpers import CallLog, fetch_all

FAST_RETRIES = (0.1, 0.2, 0.4, 0.8, 1.6)
WAIT_MS = 20_000


def same_colour(thumbnail: QImage, original: QImage) -> bool:
    """The corner colours match, within JPEG's error (the service may store thumbnails as JPEG)."""
    one, other = thumbnail.pixelColor(150, 90), original.pixelColor(150, 90)
    channels = [(one.red(), other.red()), (one.green(), other.green()), (one.blue(), other.blue())]
    return all(abs(a - b) <= 8 for a, b in channels)


def thumbnail_calls(log: CallLog) -> list[list[str]]:
    """The ids of each GetDentryThumbnails call, in order."""
    return [list(args[1]) for args, _kwargs in log.calls]


def not_ready_ids(log: CallLog) -> set[str]:
    return {
        item.dentry_id for result in log.results for item in result if item.error_code == "thumbnailNotExist"
    }


def watch_concurrency(loader: ThumbnailLoader) -> Callable[[], int]:
    """Wrap the loader's two kinds of work; returns a function giving the most seen at once."""
    lock = threading.Lock()
    state = {"now": 0, "most": 0}

    def counted(work: Callable[..., Any]) -> Callable[..., Any]:
        def run(*args: Any) -> Any:
            with lock:
                state["now"] += 1
                state["most"] = max(state["most"], state["now"])
            try:
                return work(*args)
            finally:
                with lock:
                    state["now"] -= 1

        return run

    loader._lookup = counted(loader._lookup)  # type: ignore[method-assign]
    loader._download = counted(loader._download)  # type: ignore[method-assign]
    return lambda: state["most"]


@pytest.fixture
def many(big_client: StorageClient, big_space: BigSpace) -> list[Dentry]:
    """All 500 entries of the big folder (424 folders, 70 images, 6 other files)."""
    return list(big_client.iter_dentries(big_space.space_id, big_space.folder_id))


def load_all(
    qtbot: QtBot, loader: ThumbnailLoader, space_id: str, dentries: list[Dentry], expected: Iterable[str]
) -> dict[str, QImage]:
    arrived: dict[str, QImage] = {}
    loader.thumbnailReady.connect(arrived.__setitem__)
    loader.request(space_id, dentries)
    wanted = set(expected)
    qtbot.waitUntil(lambda: wanted <= arrived.keys() and loader.is_idle(), timeout=WAIT_MS)
    return arrived


def test_seventy_images_take_three_calls(
    qtbot: QtBot, background: Background, big_client: StorageClient, big_space: BigSpace, many: list[Dentry],
    tmp_path: Path,
) -> None:  # fmt: skip
    loader = ThumbnailLoader(background, tmp_path / "thumbnails", retry_delays=FAST_RETRIES)
    loader.set_client(big_client)
    log = CallLog(big_client, "get_thumbnails")
    most_at_once = watch_concurrency(loader)

    arrived = load_all(qtbot, loader, big_space.space_id, many, big_space.image_ids)

    calls = thumbnail_calls(log)
    first_round = math.ceil(BIG_IMAGES / BATCH_SIZE)
    assert sorted(len(ids) for ids in calls[:first_round]) == [10, 30, 30]  # they run concurrently
    assert {i for ids in calls[:first_round] for i in ids} == big_space.image_ids
    retried = {i for ids in calls[first_round:] for i in ids}
    assert retried <= not_ready_ids(log)  # only thumbnails that were not ready are asked again
    assert all(len(ids) <= BATCH_SIZE for ids in calls)
    assert loader.calls_made == len(calls)
    assert loader.downloads_made == BIG_IMAGES
    assert most_at_once() <= 3
    assert arrived.keys() == big_space.image_ids  # folders and other files were never asked about
    assert all(image.width() == 512 and image.height() == 384 for image in arrived.values())  # full size
    assert len(list((tmp_path / "thumbnails").iterdir())) == BIG_IMAGES
    some = next(d for d in many if d.id in big_space.image_ids)
    icon = loader.icon(big_space.space_id, some)
    assert isinstance(icon, QIcon)
    assert not icon.isNull()

    loader.request(big_space.space_id, many)  # all in memory: nothing to do
    assert loader.is_idle()
    assert loader.calls_made == len(calls)


def test_disk_cache_is_reused_by_a_new_loader(
    qtbot: QtBot, background: Background, big_client: StorageClient, big_space: BigSpace, many: list[Dentry],
    tmp_path: Path,
) -> None:  # fmt: skip
    cache = tmp_path / "thumbnails"
    first = ThumbnailLoader(background, cache, retry_delays=FAST_RETRIES)
    first.set_client(big_client)
    load_all(qtbot, first, big_space.space_id, many, big_space.image_ids)

    one_image = 512 * 384 * 4
    second = ThumbnailLoader(background, cache, memory_limit=10 * one_image)
    second.set_client(big_client)
    arrived = load_all(qtbot, second, big_space.space_id, many, big_space.image_ids)

    assert arrived.keys() == big_space.image_ids
    assert second.downloads_made == 0
    assert second.calls_made == 0
    assert second.disk_hits == BIG_IMAGES
    assert second.memory_bytes <= 10 * one_image  # least recently used images left memory
    images = [d for d in many if d.id in big_space.image_ids]
    assert sum(second.icon(big_space.space_id, d) is not None for d in images) == 10


def test_a_new_version_is_fetched_again(
    qtbot: QtBot, background: Background, client: StorageClient, tmp_path: Path
) -> None:
    space = client.add_space("Versions").id
    cache = tmp_path / "thumbnails"
    loader = ThumbnailLoader(background, cache, retry_delays=FAST_RETRIES)
    loader.set_client(client)
    first = upload(client, space, "0", "pic.png", image_bytes(1, size=(200, 100)))
    arrived = load_all(
        qtbot, loader, space, [first], [first.id]
    )  # maybe not ready at first: then asked again
    assert same_colour(arrived[first.id], QImage.fromData(image_bytes(1, size=(200, 100))))
    assert [p.name for p in cache.iterdir()] == [f"{space}-{first.id}-v1"]

    data = image_bytes(2, size=(200, 100))
    second = upload(client, space, "0", "pic.png", data, conflict="OVERWRITE")
    assert (second.id, second.version) == (first.id, 2)
    downloads = loader.downloads_made

    arrived = load_all(qtbot, loader, space, [second], [second.id])

    assert loader.downloads_made == downloads + 1
    assert same_colour(arrived[second.id], QImage.fromData(data))
    assert [p.name for p in cache.iterdir()] == [f"{space}-{first.id}-v2"]  # the old version is gone
    assert loader.icon(space, second) is not None


class FakeThumbnails:
    """GetDentryThumbnails answering a fixed error code per id, recording when each call came."""

    def __init__(self, codes: dict[str, str]) -> None:
        self.codes = codes
        self.calls: list[tuple[float, list[str]]] = []

    def get_thumbnails(self, space_id: str, dentry_ids: Iterable[str]) -> list[ItemResult]:
        ids = list(dentry_ids)
        self.calls.append((time.monotonic(), ids))
        return [ItemResult(i, False, self.codes.get(i, "dentryNotExist")) for i in ids]


def test_backoff_and_formats_the_service_cannot_do(qtbot: QtBot, background: Background) -> None:
    service = FakeThumbnails({"1": "thumbnailNotExist", "2": "dentryFormatNotSupport"})
    loader = ThumbnailLoader(background, None, retry_delays=(0.1, 0.2, 0.4))
    loader.set_client(cast(StorageClient, service))
    pending = make_dentry("1", "later.png")
    unsupported = make_dentry("2", "odd.docx")
    never = [
        make_dentry("3", "song.mp3"),
        make_dentry("4", "a folder", folder=True),
        make_dentry("5", "README"),
    ]
    assert not any(supports(d) for d in never)

    loader.request(SPACE, [pending, unsupported, *never])
    qtbot.waitUntil(lambda: len(service.calls) == 1, timeout=WAIT_MS)
    loader.request(SPACE, [pending, unsupported, *never])  # waiting or remembered: nothing new
    qtbot.waitUntil(loader.is_idle, timeout=WAIT_MS)

    asked = [ids for _when, ids in service.calls]
    assert asked == [["1", "2"], ["1"], ["1"], ["1"]]  # first ask, then three retries, then give up
    times = [when for when, _ids in service.calls]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    # Exponential backoff. Qt's default (coarse) timers may fire up to 5 % early, by design.
    for gap, delay in zip(gaps, (0.1, 0.2, 0.4), strict=True):
        assert delay * 0.94 <= gap < delay + 0.5
    loader.request(SPACE, [pending, unsupported])
    qtbot.wait(50)
    assert loader.is_idle()
    assert loader.calls_made == 4


def test_model_shows_thumbnails_as_they_arrive(
    qtbot: QtBot, background: Background, client: StorageClient, tmp_path: Path
) -> None:
    space = client.add_space("Pictures").id
    pictures: Tree = {f"pic {n}.png": image_bytes(n) for n in range(4)}
    made = make_tree(client, space, {"Photos": pictures})
    model = DentryModel(background)
    loader = ThumbnailLoader(background, tmp_path / "thumbnails", retry_delays=FAST_RETRIES)
    model.set_thumbnail_loader(loader)
    model.set_space(client, space)
    fetch_all(qtbot, model)
    photos = model.dentry_index(made["Photos"].id)
    fetch_all(qtbot, model, photos)
    picture = model.dentry_index(made["Photos/pic 2.png"].id)
    type_icon = picture.data(Qt.ItemDataRole.DecorationRole)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda first, last, _roles: changed.append((first.row(), last.row())))

    loader.request(space, model.dentries(photos))
    qtbot.waitUntil(lambda: any(first <= picture.row() <= last for first, last in changed), timeout=WAIT_MS)

    thumbnail = picture.data(Qt.ItemDataRole.DecorationRole)
    assert thumbnail.cacheKey() != type_icon.cacheKey()
    assert max(size.width() for size in thumbnail.availableSizes()) == 512  # kept whole; views scale it
    assert not photos.data(Qt.ItemDataRole.DecorationRole).isNull()  # a folder keeps its icon
    qtbot.waitUntil(loader.is_idle, timeout=WAIT_MS)
    assert len(changed) < 4  # thumbnails arriving together are announced together
