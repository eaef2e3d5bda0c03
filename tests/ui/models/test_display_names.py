"""Names are shown safely: controls, escape sequences and bidi overrides visible, everything else as is.

The dentries here are built in memory: the local service refuses such names (or soon will), but
another service or an older copy of it may still hand them out.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.api.models import Dentry
from app.ui.models.dentry_cells import Column, DentryCells
from app.ui.models.display_names import display_name
from app.ui.models.file_types import FileTypes

EVIL = "evil\x1b[31m\u202eexe.txt"
HIDDEN = ("\x1b", "\u202e")


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        (EVIL, "evil\\x1b[31m\\u202eexe.txt"),
        ("two\nlines\r", "two\\x0alines\\x0d"),
        ("tab\there, bell\x07, del\x7f, c1\x85", "tab\\x09here, bell\\x07, del\\x7f, c1\\x85"),
        (
            "\u202aembed\u202c \u2066isolate\u2069 \u200fmark",
            "\\u202aembed\\u202c \\u2066isolate\\u2069 \\u200fmark",
        ),
        ("line\u2028break", "line\\u2028break"),
    ],
)
def test_hidden_characters_are_written_as_visible_escapes(name: str, shown: str) -> None:
    assert display_name(name) == shown


@pytest.mark.parametrize(
    "name",
    [
        "report 2025.pdf",
        "季度报告　终稿.docx",
        "👨\u200d👩\u200d👧 family.png",
        "C:\\not a path",
        "שלום.txt",
        "",
    ],
)
def test_ordinary_names_are_shown_as_they_are(name: str) -> None:
    assert display_name(name) is name


def test_the_cells_of_a_row_show_the_name_safely(qapp: QApplication) -> None:
    cells = DentryCells(FileTypes(), QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    dentry = Dentry(
        id="9", space_id="1", parent_id="0", type="FILE", name=EVIL, size=10, modifier_id="m\x1b]0;x"
    )
    texts = [
        cells.display(dentry, Column.NAME),
        cells.display(dentry, Column.MODIFIER),
        cells.tooltip(dentry, loading=False, error=None),
        cells.accessible_text(dentry, Column.NAME, loading=False, error=None),
    ]
    assert texts[0] == display_name(EVIL)
    for text in texts:
        assert not any(char in text for char in HIDDEN), repr(text)
    assert cells.sort_value(dentry, Column.NAME) == EVIL  # sorting still uses the real name
