"""What a row reads in each column, in its tooltip and to a screen reader."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.api.models import Dentry
from app.ui.models.dentry_cells import Column, DentryCells
from app.ui.models.file_types import FileTypes, format_time

PHOTO = Dentry(
    id="7",
    space_id="1",
    parent_id="0",
    type="FILE",
    name="beach.png",
    size=1_572_864,
    modifier_id="alice",
    modified_time=datetime(2026, 5, 4, 3, 2, tzinfo=UTC),
)
FOLDER = Dentry(id="8", space_id="1", parent_id="0", type="FOLDER", name="Photos")


@pytest.fixture
def cells(qapp: QApplication) -> DentryCells:
    """Cells in a fixed locale, so the figures read the same on every machine."""
    return DentryCells(FileTypes(), QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


def test_columns_read_as_a_person_expects(cells: DentryCells) -> None:
    assert cells.display(PHOTO, Column.NAME) == "beach.png"
    assert cells.display(PHOTO, Column.SIZE) == "1.5 MiB"
    assert cells.display(PHOTO, Column.KIND) == "PNG image"
    assert cells.display(PHOTO, Column.MODIFIED) == format_time(PHOTO.modified_time, cells.locale)
    assert cells.display(PHOTO, Column.MODIFIER) == "alice"
    assert cells.display(FOLDER, Column.SIZE) == ""  # folders have no size
    assert cells.display(FOLDER, Column.MODIFIED) == ""


def test_times_read_as_iso_dates_without_a_language() -> None:
    moment = datetime(2026, 5, 4, 3, 2, tzinfo=UTC)
    expected = moment.astimezone().strftime("%Y-%m-%d %H:%M")
    assert format_time(moment, QLocale.c()) == expected
    assert format_time(moment, QLocale(QLocale.Language.German, QLocale.Country.Germany)) != expected


def test_sorting_puts_folders_before_files_by_size(cells: DentryCells) -> None:
    assert cells.sort_value(FOLDER, Column.SIZE) == -1
    assert cells.sort_value(PHOTO, Column.SIZE) == 1_572_864
    assert cells.sort_value(PHOTO, Column.MODIFIED) == PHOTO.modified_time.timestamp()  # type: ignore[union-attr]


def test_tooltip_and_screen_reader_text_tell_the_listing_state(cells: DentryCells) -> None:
    tip = cells.tooltip(FOLDER, loading=True, error=None)
    assert tip.splitlines()[0] == "Photos"
    assert "Loading…" in tip
    assert cells.tooltip(FOLDER, False, "The service did not answer").endswith("The service did not answer")
    assert cells.accessible_text(FOLDER, Column.NAME, True, None) == "Folder Photos, loading"
    assert cells.accessible_text(FOLDER, Column.SIZE, False, None) == "Size: none"
    assert cells.accessible_text(PHOTO, Column.MODIFIER, False, None) == "Modified by: alice"
