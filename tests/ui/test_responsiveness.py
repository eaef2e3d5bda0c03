"""The UI thread keeps running while a 500-entry folder lists and its 70 thumbnails load.

A real tree view (offscreen) shows the folder through the filter proxy and repaints as rows and
thumbnails arrive; every page that arrives asks for the next one and for its thumbnails, as a view
scrolled to the end would. The event-loop watchdog must never see a gap over 50 ms.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.ui.background import Background
from app.ui.models.current_folder import CurrentFolderModel
from app.ui.models.dentry_filter import DentryFilterModel
from app.ui.models.dentry_model import DentryModel
from app.ui.models.thumbnail_loader import ThumbnailLoader
from app.ui.widgets.file_views import configure_details
from tests.ui.conftest import BIG_FOLDER_SIZE, BigSpace
from tests.ui.helpers import fetch_all
from tests.ui.watchdog import EventLoopWatchdog

MAX_GAP_MS = 50


@pytest.mark.slow
def test_listing_and_thumbnails_keep_the_event_loop_running(
    qtbot: QtBot, background: Background, big_client: StorageClient, big_space: BigSpace, tmp_path: Path
) -> None:
    model = DentryModel(background)
    loader = ThumbnailLoader(background, tmp_path / "thumbnails", retry_delays=(0.2, 0.4, 0.8, 1.6))
    model.set_thumbnail_loader(loader)
    model.set_space(big_client, big_space.space_id)
    fetch_all(qtbot, model)
    folder = QPersistentModelIndex(model.dentry_index(big_space.folder_id))
    # The window's stack: the folder as a flat list, sorted and filtered, in the details table.
    rows = CurrentFolderModel(model)
    rows.set_folder(folder.sibling(folder.row(), 0))
    proxy = DentryFilterModel()
    proxy.setSourceModel(rows)
    view = QTableView()
    qtbot.addWidget(view)
    configure_details(view)
    view.setModel(proxy)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    arrived: set[str] = set()
    loader.thumbnailReady.connect(lambda dentry_id, _image: arrived.add(dentry_id))

    def on_page(parent: QModelIndex, _count: int) -> None:
        if parent == folder:
            loader.request(big_space.space_id, model.dentries(parent))
            if model.canFetchMore(parent):  # as a view does once the rows are laid out
                QTimer.singleShot(0, lambda: model.fetchMore(folder))

    model.pageLoaded.connect(on_page)

    with EventLoopWatchdog() as watchdog:
        model.fetchMore(folder)
        qtbot.waitUntil(
            lambda: model.is_complete(folder) and arrived >= big_space.image_ids and loader.is_idle(),
            timeout=30_000,
        )

    assert model.rowCount(folder) == BIG_FOLDER_SIZE
    assert watchdog.ticks > 10
    print(f"max gap {watchdog.max_gap_ms:.1f} ms over {watchdog.ticks} ticks; slowest {watchdog.slowest()}")
    assert watchdog.max_gap_ms <= MAX_GAP_MS, watchdog.slowest()
