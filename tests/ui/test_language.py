"""The window's language: following the system (no glibc locale needed), a choice, Qt's own texts."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QDialogButtonBox

from app.ui.application import parse_args
from app.ui.language import SYSTEM, Language, resolve, system_language
from app.ui.models.file_types import format_size
from tests.support.local_service import REPO_ROOT
from tests.ui.languages import CHINESE, ENGLISH, speak


@pytest.mark.parametrize(
    ("system", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_SG", "zh_CN"),  # Simplified Chinese outside China
        ("zh_TW", "en"),  # Traditional Chinese is not Simplified: English rather
        ("zh_HK", "en"),
        ("en_GB", "en"),
        ("de_DE", "en"),  # no German translation: English
        ("C", "en"),
    ],
)
def test_the_system_language_picks_the_translation(system: str, expected: str) -> None:
    assert system_language(QLocale(system)) == expected


def test_a_choice_wins_over_the_system_and_formats_follow_it() -> None:
    chinese_system = QLocale("zh_CN")
    assert resolve(SYSTEM, chinese_system) == Language("zh_CN", chinese_system)
    english = resolve("en", chinese_system)
    assert english.code == "en"
    assert english.locale.language() == QLocale.Language.English
    # A system that speaks the language chosen keeps its own formats (day before month here).
    assert resolve("en", QLocale("en_GB")).locale.name() == "en_GB"
    assert resolve("zh_CN", QLocale("C")).locale.name() == "zh_CN"
    assert resolve("klingon", chinese_system).code == "zh_CN"  # unknown: the system's


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
        ({"LANG": "zh_CN.UTF-8", "LANGUAGE": "en"}, "en"),
        ({"LANG": "C.UTF-8", "LANGUAGE": "de:zh_CN"}, "zh_CN"),
        ({"LC_ALL": "C"}, "en"),
    ],
)
def test_the_system_language_comes_from_the_environment(environment: dict[str, str], expected: str) -> None:
    """As a fresh machine starts the app: the variables only, no glibc locale installed for them."""
    clean = {key: value for key, value in os.environ.items() if not key.startswith(("LC_", "LANG"))}
    code = "from app.ui.language import SYSTEM, resolve; print(resolve(SYSTEM).code)"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, **environment},
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    assert result.stdout.strip() == expected


def test_the_command_line_chooses_a_language_for_one_run() -> None:
    assert parse_args(["--lang", "zh_CN"]).lang == "zh_CN"
    assert parse_args([]).lang is None
    with pytest.raises(SystemExit):
        parse_args(["--lang", "fr"])


def test_installing_a_language_translates_ours_and_qts_own(qapp: QCoreApplication) -> None:
    speak(CHINESE)
    try:
        assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Ok
        )
        assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
        assert QLocale().language() == QLocale.Language.Chinese
        assert format_size(500) == "500 字节"
    finally:
        speak(ENGLISH)
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"


def test_english_has_its_plural_forms(qapp: QCoreApplication) -> None:
    """English is the source language; its compiled plurals turn "%n byte(s)" into real words."""
    assert format_size(1) == "1 byte"
    assert format_size(2) == "2 bytes"
    assert format_size(1536) == "1.5 KiB"


def test_the_desktop_entry_speaks_chinese_too() -> None:
    """Menus of a Chinese desktop show the entry's [zh_CN] keys (the freedesktop.org way)."""
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys keep their case
    entry.read(REPO_ROOT / "packaging" / "dentry.desktop", encoding="utf-8")
    keys = entry["Desktop Entry"]
    for key in ("Name", "GenericName", "Comment"):
        assert keys[key]
        assert keys[f"{key}[zh_CN]"]
    assert keys["GenericName[zh_CN]"] == "云存储浏览器"
    assert "钉钉" in keys["Comment[zh_CN]"]
