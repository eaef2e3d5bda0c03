"""The preferences file: defaults, round trips, damage that never crashes, atomic writes."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.preferences import DEFAULTS, Preferences, PreferencesError, PreferencesFile, default_path


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "config" / "preferences.json"


def test_no_file_gives_the_defaults_quietly(path: Path) -> None:
    store = PreferencesFile(path)
    assert store.load() == DEFAULTS
    assert store.warnings == []
    assert DEFAULTS.streams_per_file is None  # auto
    assert DEFAULTS.parallel_transfers is None
    assert DEFAULTS.notify_finished is True
    assert DEFAULTS.theme == "system"


def test_default_path_is_in_the_user_config_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "dentry" / "preferences.json"


def test_every_field_round_trips_and_the_file_reads_as_people_write_it(path: Path) -> None:
    chosen = Preferences(
        download_folder="/home/me/下载",
        streams_per_file=4,
        parallel_transfers=None,
        download_limit=2_000_000,
        upload_limit=None,
        theme="dark",
        notify_finished=False,
        language="zh_CN",
    )
    PreferencesFile(path).save(chosen)
    store = PreferencesFile(path)
    assert store.load() == chosen
    assert store.warnings == []
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["parallel_transfers"] == "auto"
    assert document["streams_per_file"] == 4
    assert document["download_folder"] == "/home/me/下载"  # as written, not escaped
    assert "下载" in path.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir()] == ["preferences.json"]  # no temporary file left


def test_a_damaged_file_gives_defaults_and_a_warning_and_is_set_aside_not_lost(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"theme": "dark", "streams_per', encoding="utf-8")  # cut short
    store = PreferencesFile(path)
    assert store.load() == DEFAULTS
    (warning,) = store.warnings
    assert str(path) in warning
    assert "damaged" in warning
    assert "defaults" in warning
    store.save(DEFAULTS.replace(theme="light"))
    assert PreferencesFile(path).load().theme == "light"
    aside = path.with_name("preferences.json.damaged")
    assert aside.read_text(encoding="utf-8") == '{"theme": "dark", "streams_per'


@pytest.mark.parametrize("content", [b"[1, 2]", b"null", b"\xff\xfe\x00garbage", b""])
def test_anything_that_is_not_an_object_gives_defaults(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    store = PreferencesFile(path)
    assert store.load() == DEFAULTS
    assert len(store.warnings) == 1


def test_a_folder_in_the_files_place_is_a_warning_and_is_moved_aside_by_a_save(path: Path) -> None:
    (path / "inside").mkdir(parents=True)
    store = PreferencesFile(path)
    assert store.load() == DEFAULTS
    assert "cannot be read" in store.warnings[0]
    store.save(DEFAULTS.replace(theme="dark"))
    assert PreferencesFile(path).load().theme == "dark"
    assert (path.with_name("preferences.json.damaged") / "inside").is_dir()


def test_one_bad_field_falls_back_alone_and_says_which(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(
        json.dumps(
            {
                "streams_per_file": 99,
                "parallel_transfers": 6,
                "download_limit": -5,
                "theme": "purple",
                "notify_finished": "yes",
                "download_folder": "/data",
            }
        ),
        encoding="utf-8",
    )
    store = PreferencesFile(path)
    loaded = store.load()
    assert loaded == Preferences(parallel_transfers=6, download_folder="/data")
    named = " ".join(store.warnings)
    for field in ("streams_per_file", "download_limit", "theme", "notify_finished"):
        assert field in named
    assert len(store.warnings) == 4


def test_fields_of_a_later_version_are_kept(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 2, "sync": {"every": 5}, "theme": "dark"}), encoding="utf-8")
    store = PreferencesFile(path)
    store.save(store.load().replace(notify_finished=False))
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["sync"] == {"every": 5}
    assert (document["theme"], document["notify_finished"]) == ("dark", False)


def test_replace_refuses_bad_values() -> None:
    with pytest.raises(ValueError, match="streams_per_file"):
        DEFAULTS.replace(streams_per_file=0)
    with pytest.raises(ValueError, match="theme"):
        DEFAULTS.replace(theme="blue")
    assert DEFAULTS.replace(upload_limit=1000).upload_limit == 1000


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs of this test's own (needs root and mount rights; skipped otherwise)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)], check=False, capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_save_onto_a_full_disk_says_so_and_leaves_the_old_file_whole(small_disk: Path) -> None:
    path = small_disk / "dentry" / "preferences.json"
    store = PreferencesFile(path)
    store.save(DEFAULTS.replace(theme="dark"))
    filler = os.open(small_disk / "filler", os.O_WRONLY | os.O_CREAT)
    with contextlib.suppress(OSError):
        while True:
            os.write(filler, b"x" * 4096)
    os.close(filler)
    with pytest.raises(PreferencesError, match="cannot be written: No space left"):
        store.save(DEFAULTS.replace(theme="light", download_folder="/a/long/path" * 40))
    assert PreferencesFile(path).load().theme == "dark"
    assert [p.name for p in path.parent.iterdir()] == ["preferences.json"]  # no temporary file left
