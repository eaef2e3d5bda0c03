"""Fixtures of the UI adapter tests: offscreen Qt, a background pool, clients and a big shared space.

Qt warnings fail these tests (as qutebrowser does): every test here gets
``qt_log_level_fail("WARNING")``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from PIL import Image, ImageDraw
from PySide6.QtWidgets import QApplication

from app.api import StorageClient
from app.api.models import Dentry
from app.api.transport import RetryPolicy
from app.localserver import LocalServer
from app.localserver.config import DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID, ServerConfig
from app.ui.background import Background
from tests.support.local_service import service_process
from tests.ui.languages import ENGLISH, chinese, speak  # noqa: F401 (chinese: a fixture for the tests here)

UI_TESTS = Path(__file__).parent
FAST_RETRY = RetryPolicy(attempts=3, base_delay=0.01, max_delay=0.05)
BIG_FOLDER_SIZE = 500
BIG_IMAGES = 70
BIG_OTHER_FILES = ("archive.zip", "data.bin", "movie.mp4", "notes.xyz", "setup.exe", "song.mp3")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A Qt warning during any test of this folder fails it."""
    for item in items:
        if UI_TESTS in Path(item.path).parents:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))


@pytest.fixture(scope="session", autouse=True)
def collect_on_ui_thread(ui_thread_collector: None) -> None:
    """Widgets in reference cycles are destroyed on the UI thread, never on a worker."""


@pytest.fixture(scope="session", autouse=True)
def english(qapp: QApplication) -> None:
    """Every test speaks English with US formats, whatever LANG the machine has (see `chinese`)."""
    speak(ENGLISH)


@pytest.fixture
def server_config(tmp_path: Path) -> ServerConfig:
    """The local service with its demo space (Documents, Empty folder, Photos, Welcome.txt)."""
    return ServerConfig(data_dir=tmp_path / "service", demo=True)


def make_client(url: str) -> StorageClient:
    """A client of the local service's default app and user, with fast retries."""
    return StorageClient(url, DEFAULT_APP_KEY, DEFAULT_APP_SECRET, DEFAULT_UNION_ID, retry=FAST_RETRY)


@pytest.fixture
def client(server: LocalServer) -> StorageClient:
    """A client of the per-test local service."""
    return make_client(server.url)


@pytest.fixture
def background(qapp: object) -> Iterator[Background]:
    """The pool the model and loader run their calls on; shut down after the test."""
    pool = Background(max_workers=6)
    yield pool
    pool.shutdown(wait=True)


def image_bytes(index: int, *, size: tuple[int, int] = (640, 480), kind: str = "PNG") -> bytes:
    """A small picture that differs per `index` (a gradient band and a number-dependent box)."""
    image = Image.new("RGB", size, ((index * 37) % 256, (index * 91) % 256, 128))
    draw = ImageDraw.Draw(image)
    draw.rectangle((index % 50, index % 40, size[0] // 2 + index, size[1] // 2), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()


def upload(
    client: StorageClient,
    space_id: str,
    parent_id: str,
    name: str,
    data: bytes,
    *,
    conflict: str = "AUTO_RENAME",
) -> Dentry:
    """The single-PUT upload: upload info, PUT to the signed URL, commit."""
    info = client.get_upload_info(space_id, parent_id, name, len(data))
    response = requests.put(info.signed.url, data=data, headers=info.signed.headers, timeout=10)
    response.raise_for_status()
    return client.commit_file(space_id, parent_id, info.upload_key, name, len(data), conflict=conflict)


Tree = dict[str, "bytes | Tree"]


def make_tree(client: StorageClient, space_id: str, tree: Tree, parent_id: str = "0") -> dict[str, Dentry]:
    """Create folders (dict values) and files (bytes values); returns the dentries by path."""
    made: dict[str, Dentry] = {}
    for name, content in tree.items():
        if isinstance(content, dict):
            folder = client.add_folder(space_id, parent_id, name)
            made[name] = folder
            made.update(
                {f"{name}/{path}": d for path, d in make_tree(client, space_id, content, folder.id).items()}
            )
        else:
            made[name] = upload(client, space_id, parent_id, name, content)
    return made


@dataclass(frozen=True)
class BigSpace:
    """A shared, read-only space: folder ``Many`` holds 500 entries (folders, 70 images, 6 others)."""

    url: str
    space_id: str
    folder_id: str
    image_ids: frozenset[str]
    other_ids: frozenset[str]


@pytest.fixture(scope="session")
def big_space(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BigSpace]:
    """One service process for the session with a 500-entry folder; tests must not change it."""
    with service_process(tmp_path_factory.mktemp("big-service")) as url:
        client = make_client(url)
        space_id = client.add_space("Big").id
        folder = client.add_folder(space_id, "0", "Many")
        images = {
            upload(client, space_id, folder.id, f"photo {n:02d}.{'jpg' if n % 2 else 'png'}",
                   image_bytes(n, kind="JPEG" if n % 2 else "PNG")).id
            for n in range(BIG_IMAGES)
        }  # fmt: skip
        others = {upload(client, space_id, folder.id, name, b"not a picture").id for name in BIG_OTHER_FILES}
        for n in range(BIG_FOLDER_SIZE - BIG_IMAGES - len(BIG_OTHER_FILES)):
            client.add_folder(space_id, folder.id, f"Folder {n:03d}")
        yield BigSpace(url, space_id, folder.id, frozenset(images), frozenset(others))


@pytest.fixture
def big_client(big_space: BigSpace) -> StorageClient:
    """A fresh client of the shared big space's service (safe to instrument per test)."""
    return make_client(big_space.url)
