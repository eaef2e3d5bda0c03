"""Which installed fonts can draw a text: fontconfig's choice, asked once per language.

Pillow draws every character with the one font it is given, and a font without that character
draws an empty box (its .notdef glyph): Chinese in a Latin font becomes "□□ 2026". So a text
thumbnail asks fontconfig (``fc-match --sort``) for its fallback list of sans-serif fonts for the
text's language, with the characters each font covers, and draws each character with the first
font of that list that has it. The list is asked for once per language and process, so rendering a
thumbnail starts no process. Where fontconfig's tools are missing (Windows, macOS) the usual CJK
font files are tried instead; with none of those, Pillow's own font is used.
"""

from __future__ import annotations

import bisect
import functools
import os
import shutil
import subprocess
import threading
import unicodedata
from dataclasses import dataclass, field

__all__ = ["FontChooser", "FontFile", "default_chooser", "language_of"]

# The first call can build fontconfig's cache, which takes a few seconds on a fresh machine.
_FC_MATCH_TIMEOUT = 60.0
_FC_MATCH_FORMAT = "%{file}\t%{index}\t%{scalable}\t%{color}\t%{charset}\n"

# Where fontconfig is missing, fonts with CJK glyphs in their usual install places (no coverage
# is known for them, so the first one found draws the whole text).
_CJK_FONT_CANDIDATES: tuple[str, ...] = (
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wenquanyi/wqy-microhei/wqy-microhei.ttc",
)


@dataclass(frozen=True)
class FontFile:
    """One face of a font file (``index`` picks it in a .ttc collection) and what it covers.

    ``starts``/``ends`` are the sorted, inclusive code point ranges fontconfig reported; None when
    coverage is unknown (a font found without fontconfig), which is taken as covering everything.
    """

    path: str
    index: int = 0
    starts: tuple[int, ...] | None = field(default=None, compare=False, repr=False)
    ends: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def covers(self, char: str) -> bool:
        """Tell whether this face has a glyph for ``char``."""
        if self.starts is None:
            return True
        code = ord(char)
        position = bisect.bisect_right(self.starts, code) - 1
        return position >= 0 and code <= self.ends[position]


def language_of(text: str) -> str | None:
    """The language (fontconfig's name) whose fonts suit ``text``, or None for no CJK at all.

    Kana means Japanese (whose texts use Han too); other Han characters and CJK punctuation mean
    Simplified Chinese, the language of DingTalk's users; Hangul alone means Korean. The same Han
    character looks slightly different in each, which is why the language matters.
    """
    han = hangul = False
    for char in set(text):
        code = ord(char)
        if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
            return "ja"
        if 0xAC00 <= code <= 0xD7AF or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            hangul = True
        elif (
            0x2E80 <= code <= 0x9FFF  # radicals, CJK punctuation, extension A, unified ideographs
            or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
            or 0xFF00 <= code <= 0xFFEF  # full-width forms
            or 0x20000 <= code <= 0x3FFFF  # extensions B and beyond
        ):
            han = True
    if han:
        return "zh-cn"
    return "ko" if hangul else None


class FontChooser:
    """Chooses the fonts that draw a text, from fontconfig's fallback list for its language.

    ``fc_match`` is the fontconfig tool to ask (None: fontconfig is not available). Its answer is
    kept per language, and the font chosen for each character is remembered, so choosing fonts
    for a thumbnail costs a few dictionary look-ups. Safe to use from several threads.
    """

    def __init__(self, fc_match: str | None) -> None:
        self._fc_match = fc_match
        self._lock = threading.Lock()
        self._lists: dict[str | None, tuple[FontFile, ...]] = {}
        self._chosen: dict[str | None, dict[str, FontFile | None]] = {}

    def fonts_for(self, text: str) -> list[FontFile]:
        """The fonts that together draw ``text``, in fontconfig's order of preference.

        Draw each character with the first of them that covers it. Characters no installed font
        has (and control characters) add nothing. An empty list means no usable font is known:
        draw with Pillow's own font.
        """
        language = language_of(text)
        fonts = self._fonts_for_language(language)
        if not fonts:
            return []
        chosen_per_char = self._chosen[language]
        used: set[FontFile] = set()
        for char in set(text):
            if char not in chosen_per_char:
                if unicodedata.category(char).startswith("C"):
                    chosen_per_char[char] = None
                else:
                    chosen_per_char[char] = next((font for font in fonts if font.covers(char)), None)
            chosen = chosen_per_char[char]
            if chosen is not None:
                used.add(chosen)
        return [font for font in fonts if font in used]

    def _fonts_for_language(self, language: str | None) -> tuple[FontFile, ...]:
        with self._lock:  # one fc-match per language, even when several thumbnails start at once
            if language not in self._lists:
                fonts = self._ask_fontconfig(language) if self._fc_match else None
                self._lists[language] = _known_cjk_fonts(language) if fonts is None else fonts
                self._chosen[language] = {}
            return self._lists[language]

    def _ask_fontconfig(self, language: str | None) -> tuple[FontFile, ...] | None:
        """fontconfig's sorted fallback list, or None when the tool cannot be run."""
        assert self._fc_match is not None
        pattern = f"sans-serif:lang={language}" if language else "sans-serif"
        try:
            answer = subprocess.run(
                [self._fc_match, "--sort", f"--format={_FC_MATCH_FORMAT}", pattern],
                capture_output=True,
                check=True,
                encoding="utf-8",
                errors="surrogateescape",  # font paths are bytes on Linux
                timeout=_FC_MATCH_TIMEOUT,
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return tuple(font for line in answer.stdout.splitlines() if (font := _parse_font(line)) is not None)


def _parse_font(line: str) -> FontFile | None:
    """One line of fc-match's answer; None for faces Pillow cannot draw at any size."""
    parts = line.split("\t")
    if len(parts) != 5:
        return None
    path, index, scalable, color, charset = parts
    # Bitmap faces exist in fixed sizes only, and colour (emoji) faces need special handling.
    if scalable != "True" or color == "True" or not path or not index.isdigit():
        return None
    starts: list[int] = []
    ends: list[int] = []
    for item in charset.split():
        first, _, last = item.partition("-")
        try:
            starts.append(int(first, 16))
            ends.append(int(last or first, 16))
        except ValueError:
            return None
    return FontFile(path, int(index), tuple(starts), tuple(ends))


def _known_cjk_fonts(language: str | None) -> tuple[FontFile, ...]:
    if language is None:
        return ()
    return tuple(FontFile(path) for path in _CJK_FONT_CANDIDATES if os.path.isfile(path))[:1]


@functools.cache
def default_chooser() -> FontChooser:
    """The process's chooser, asking the ``fc-match`` found on the PATH (if any)."""
    return FontChooser(shutil.which("fc-match"))
