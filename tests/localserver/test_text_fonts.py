"""Choosing fonts for a text through the machine's real fontconfig (fc-match, checked with fc-list)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.localserver import text_fonts
from app.localserver.text_fonts import FontChooser, FontFile, language_of

FC_MATCH = shutil.which("fc-match")
needs_fontconfig = pytest.mark.skipif(FC_MATCH is None, reason="fontconfig's tools are not installed")


def _fontconfig_fonts_with(chars: str) -> set[FontFile]:
    """The fonts fontconfig itself lists as having every one of ``chars``."""
    charset = " ".join(f"{ord(char):x}" for char in chars)
    listed = subprocess.run(
        ["fc-list", "--format=%{file}\t%{index}\n", f":charset={charset}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {FontFile(path, int(index)) for path, index in (line.split("\t") for line in listed.splitlines())}


def _assert_a_cjk_font_is_installed() -> None:
    if not _fontconfig_fonts_with("季"):
        pytest.fail("no CJK font is installed: scripts/system-packages.sh installs fonts-wqy-microhei")


def _assert_fontconfig_agrees(text: str, fonts: list[FontFile]) -> None:
    """Each character of ``text`` is drawn by a font (the first that covers it) that has it."""
    for char in text.replace(" ", ""):
        drawing = next((font for font in fonts if font.covers(char)), None)
        assert drawing in _fontconfig_fonts_with(char), (char, fonts)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("季度报告 2026", "zh-cn"),
        ("【通知】", "zh-cn"),
        ("写真　しゃしん", "ja"),
        ("사진 앨범", "ko"),
        ("Quarterly report, Отчёт", None),
        ("", None),
    ],
)
def test_the_language_comes_from_the_script(text: str, language: str | None) -> None:
    assert language_of(text) == language


@needs_fontconfig
def test_one_font_that_fontconfig_says_covers_chinese_and_latin_draws_the_whole_text() -> None:
    _assert_a_cjk_font_is_installed()
    text = "季度报告 2026\n照片"
    fonts = FontChooser(FC_MATCH).fonts_for(text)
    assert len(fonts) == 1, fonts
    assert fonts[0] in _fontconfig_fonts_with(text.replace("\n", ""))


@needs_fontconfig
def test_a_text_no_one_font_covers_gets_one_font_per_script() -> None:
    """Chinese with Georgian: fontconfig knows no installed font with both."""
    _assert_a_cjk_font_is_installed()
    text = "报告 ქართ"
    assert not _fontconfig_fonts_with(text.replace(" ", ""))
    fonts = FontChooser(FC_MATCH).fonts_for(text)
    assert len(fonts) == 2, fonts
    _assert_fontconfig_agrees(text, fonts)


@needs_fontconfig
def test_latin_and_cyrillic_text_gets_fonts_fontconfig_says_cover_it() -> None:
    text = "Quarterly report, Отчёт"
    _assert_fontconfig_agrees(text, FontChooser(FC_MATCH).fonts_for(text))


@needs_fontconfig
@pytest.mark.skipif(sys.platform == "win32", reason="the counting fc-match is a POSIX script")
def test_fontconfig_is_asked_once_per_language_not_per_text(tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    counting = tmp_path / "fc-match"
    counting.write_text(f'#!/bin/sh\necho called >> {calls}\nexec {FC_MATCH} "$@"\n')
    counting.chmod(0o755)
    chooser = FontChooser(str(counting))
    for number in range(50):
        assert chooser.fonts_for(f"季度报告 {number}")
        assert chooser.fonts_for(f"Report {number}")
    assert len(calls.read_text().splitlines()) == 2


def test_without_fontconfig_a_known_cjk_font_file_draws_chinese() -> None:
    known = [path for path in text_fonts._CJK_FONT_CANDIDATES if Path(path).is_file()]
    chooser = FontChooser(None)
    assert chooser.fonts_for("季度报告") == [FontFile(path) for path in known[:1]]
    assert chooser.fonts_for("Report") == []  # Pillow's own font draws Latin


@pytest.mark.parametrize("fc_match", ["/nonexistent/fc-match", shutil.which("false") or "false"])
def test_a_missing_or_failing_fc_match_is_no_error(fc_match: str) -> None:
    chooser = FontChooser(fc_match)
    assert chooser.fonts_for("Report") == []
    assert chooser.fonts_for("季度报告") == FontChooser(None).fonts_for("季度报告")


def test_fc_match_answers_are_parsed_and_unusable_faces_skipped() -> None:
    font = text_fonts._parse_font("/fonts/a.ttc\t2\tTrue\tFalse\t20-7e 3000 4e00-9fff")
    assert font == FontFile("/fonts/a.ttc", 2)
    assert font is not None
    assert [font.covers(char) for char in "A季\u3000\u3001é"] == [True, True, True, False, False]
    assert text_fonts._parse_font("/fonts/bitmap.pcf.gz\t0\tFalse\tFalse\t20-7e") is None
    assert text_fonts._parse_font("/fonts/emoji.ttf\t0\tTrue\tTrue\t1f600-1f64f") is None
    assert text_fonts._parse_font("garbage") is None
