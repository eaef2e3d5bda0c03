"""Kinds of file read alike in both languages: our words for common kinds, one pattern for the rest."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.ui.language import Language
from app.ui.models.file_types import FileTypes, format_size
from tests.ui.fakes import make_dentry

NAMES = ["Photos", "beach.JPG", "logo.png", "Welcome.txt", "report.pdf", "Budget.xlsx", "plan.docx",
         "deck.pptx", "data.bin", "notes.xyz", "song.flac", "clip.mkv", "archive.zip", "README"]  # fmt: skip


def kinds() -> list[str]:
    types = FileTypes()
    return [types.kind(make_dentry(str(n), name, folder=name == "Photos")) for n, name in enumerate(NAMES)]


def test_kinds_in_english_read_alike(qapp: QApplication) -> None:
    """Regression: the MIME database's comments mixed cases and styles ("BIN file", "plain text
    document", "Excel 2007 spreadsheet") and followed the system's language, not the window's."""
    assert kinds() == [
        "Folder", "JPEG image", "PNG image", "Text document", "PDF document", "Excel spreadsheet",
        "Word document", "PowerPoint presentation", "BIN file", "XYZ file", "FLAC audio", "MKV video",
        "ZIP archive", "File",
    ]  # fmt: skip


def test_kinds_in_chinese(chinese: Language) -> None:
    assert kinds() == [
        "文件夹", "JPEG 图像", "PNG 图像", "文本文档", "PDF 文档", "Excel 工作表", "Word 文档",
        "PowerPoint 演示文稿", "BIN 文件", "XYZ 文件", "FLAC 音频", "MKV 视频", "ZIP 压缩文件", "文件",
    ]  # fmt: skip


@pytest.mark.parametrize(("size", "english"), [(0, "0 bytes"), (1, "1 byte"), (1023, "1,023 bytes")])
def test_small_sizes_count_bytes_in_words(qapp: QApplication, size: int, english: str) -> None:
    assert format_size(size) == english
