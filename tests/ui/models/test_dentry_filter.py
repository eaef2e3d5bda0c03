"""DentryFilterModel: the model tester on the proxy, glob filtering of one folder, folders first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, QModelIndex, QSortFilterProxyModel, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.api import StorageClient
from app.ui.background import Background
from app.ui.language import Language
from app.ui.models.current_folder import CurrentFolderModel
from app.ui.models.dentry_cells import Column
from app.ui.models.dentry_filter import DentryFilterModel, glob_to_regex, name_collator
from app.ui.models.dentry_model import DentryModel
from tests.ui.conftest import Tree, make_tree
from tests.ui.fakes import SPACE, FakeStorage, make_dentry
from tests.ui.helpers import fetch_all

ROOT = QModelIndex()


def proxy_names(proxy: QSortFilterProxyModel, parent: QModelIndex = ROOT) -> list[str]:
    return [proxy.index(row, 0, parent).data() for row in range(proxy.rowCount(parent))]


def source_child(model: DentryModel, *path: str) -> QModelIndex:
    index = ROOT
    for name in path:
        rows = [model.index(row, 0, index) for row in range(model.rowCount(index))]
        index = next(child for child in rows if child.data() == name)
    return index


PHOTOS: Tree = {
    "Holidays": {"2025": {"beach.jpg": b"j"}},
    "leaf.webp": b"w",
    "logo-transparent.png": b"p",
    "sunset.jpg": b"j",
    "tiles.png": b"p",
}
TREE: Tree = {"Documents": {"notes.txt": b"t"}, "Empty folder": {}, "Photos": PHOTOS, "Welcome.txt": b"hello"}


@pytest.fixture
def listed(qtbot: QtBot, background: Background, client: StorageClient) -> DentryModel:
    """A space holding `TREE`, listed to the end."""
    space = client.add_space("Filter").id
    make_tree(client, space, TREE)
    model = DentryModel(background)
    model.set_space(client, space)
    fetch_all(qtbot, model, recursive=True)
    return model


@pytest.fixture
def proxy(listed: DentryModel, qtmodeltester: ModelTester) -> DentryFilterModel:
    """The filter over `listed`, under the model tester."""
    filter_model = DentryFilterModel()
    filter_model.setSourceModel(listed)
    qtmodeltester.check(filter_model, force_py=True)
    return filter_model


def test_folders_first_in_natural_order(proxy: DentryFilterModel) -> None:
    assert proxy_names(proxy) == ["Documents", "Empty folder", "Photos", "Welcome.txt"]
    photos = proxy.index(2, 0)
    assert proxy_names(proxy, photos) == [
        "Holidays",
        "leaf.webp",
        "logo-transparent.png",
        "sunset.jpg",
        "tiles.png",
    ]


def test_glob_filters_the_folder_shown(listed: DentryModel, qtmodeltester: ModelTester) -> None:
    rows = CurrentFolderModel(listed)
    proxy = DentryFilterModel()
    proxy.setSourceModel(rows)
    qtmodeltester.check(proxy, force_py=True)
    rows.set_folder(source_child(listed, "Photos"))

    proxy.set_name_filter("*.jpg")
    assert proxy_names(proxy) == ["sunset.jpg"]

    proxy.set_name_filter("?EA*")  # case-insensitive
    assert proxy_names(proxy) == ["leaf.webp"]

    proxy.set_name_filter("TILES")  # no wildcard: contains
    assert proxy_names(proxy) == ["tiles.png"]

    rows.set_folder(source_child(listed, "Photos", "Holidays", "2025"))
    proxy.set_name_filter("?ea*")
    assert proxy_names(proxy) == ["beach.jpg"]

    proxy.set_name_filter("")
    rows.set_folder(ROOT)
    proxy.set_name_filter("*.txt")
    assert proxy_names(proxy) == ["Welcome.txt"]


def test_rows_arriving_later_are_filtered_and_sorted(
    qtbot: QtBot, background: Background, qtmodeltester: ModelTester
) -> None:
    storage = FakeStorage()
    for n, name in enumerate(["file10.txt", "File2.txt", "b folder", "photo.JPG", "A folder", "file1.txt"]):
        storage.add(make_dentry(f"{100 + n}", name, folder="folder" in name, size=100 * (n + 1)))
    model = DentryModel(background)
    proxy = DentryFilterModel()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    model.set_space(storage.client, SPACE)
    fetch_all(qtbot, model)

    assert proxy_names(proxy) == ["A folder", "b folder", "file1.txt", "File2.txt", "file10.txt", "photo.JPG"]
    proxy.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert proxy_names(proxy) == ["b folder", "A folder", "photo.JPG", "file10.txt", "File2.txt", "file1.txt"]
    proxy.sort(Column.SIZE, Qt.SortOrder.AscendingOrder)
    assert proxy_names(proxy) == ["A folder", "b folder", "file10.txt", "File2.txt", "photo.JPG", "file1.txt"]

    proxy.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    proxy.set_name_filter("*.jpg")
    assert proxy_names(proxy) == ["photo.JPG"]
    model.insert_dentry(make_dentry("200", "another.jpg"))
    model.insert_dentry(make_dentry("201", "another.png"))
    assert proxy_names(proxy) == ["another.jpg", "photo.JPG"]


def test_globs() -> None:
    def matches(glob: str, name: str) -> bool:
        regex = glob_to_regex(glob)
        return regex is None or regex.fullmatch(name.casefold()) is not None

    assert glob_to_regex("  ") is None
    assert matches("*.jpg", "Beach.JPG")
    assert not matches("*.jpg", "beach.jpeg")
    assert matches("?ea*", "leaf.webp")
    assert not matches("?ea*", "ear.png")
    assert matches("[1]*", "[1] notes")  # brackets are literal
    assert matches("a+b", "x a+b y")


NAMES = ["照片", "Zebra", "file10a", "阿里巴巴.txt", "File2", "apple", "北京", "file10"]
LATIN_ORDER = ["apple", "File2", "file10", "file10a", "Zebra"]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        # Pinyin: a(阿) b(北) z(照); CLDR's Chinese order puts Han characters before Latin letters.
        ("zh_CN", ["阿里巴巴.txt", "北京", "照片", *LATIN_ORDER]),
        ("en_US", [*LATIN_ORDER, "北京", "照片", "阿里巴巴.txt"]),
        # A bare system's C locale has no collation of its own: English order, not code points.
        ("C", [*LATIN_ORDER, "北京", "照片", "阿里巴巴.txt"]),
    ],
)
def test_names_sort_in_the_order_of_the_locale(locale: str, expected: list[str]) -> None:
    assert sorted(NAMES, key=name_collator(QLocale(locale)).sortKey) == expected


def test_the_views_sort_chinese_names_by_pinyin(
    qtbot: QtBot, background: Background, chinese: Language
) -> None:
    storage = FakeStorage()
    for n, name in enumerate(["照片.jpg", "北京.png", "阿里巴巴.txt", "file10.txt", "file2.txt"]):
        storage.add(make_dentry(f"{300 + n}", name))
    model = DentryModel(background)
    proxy = DentryFilterModel()
    proxy.setSourceModel(model)
    model.set_space(storage.client, SPACE)
    fetch_all(qtbot, model)
    assert proxy_names(proxy) == ["阿里巴巴.txt", "北京.png", "照片.jpg", "file2.txt", "file10.txt"]
