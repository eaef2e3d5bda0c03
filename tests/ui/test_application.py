"""How the application names itself to the desktop."""

from __future__ import annotations

import configparser

from PySide6.QtWidgets import QApplication

from tests.support.local_service import REPO_ROOT


def test_the_window_names_the_desktop_entry_the_packages_install(identified: QApplication) -> None:
    # Wayland docks find a window's icon and translated name through this name (no WM_CLASS there).
    entry = configparser.ConfigParser(interpolation=None)
    assert entry.read(REPO_ROOT / "packaging" / f"{identified.desktopFileName()}.desktop", encoding="utf-8")
    assert entry["Desktop Entry"]["Exec"].split()[0] == "dentry"
    assert "cp packaging/dentry.desktop" in (REPO_ROOT / "packaging" / "build.sh").read_text()
