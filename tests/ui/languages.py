"""The languages the tests speak: English with US formats unless a test asks for Simplified Chinese.

The machine's LANG must not change what a test sees, so the UI test sessions install English
explicitly (`speak`), and tests of the Chinese window switch for their duration (`chinese`).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from app.ui.language import Language, install

ENGLISH = Language("en", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
CHINESE = Language(
    "zh_CN", QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedHanScript, QLocale.Country.China)
)


def speak(language: Language) -> None:
    """Install `language` (translations and locale) in the running application."""
    app = QApplication.instance()
    assert app is not None
    install(app, language)


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[Language]:
    """The test runs in Simplified Chinese (windows made during it speak Chinese); English after."""
    speak(CHINESE)
    yield CHINESE
    speak(ENGLISH)
