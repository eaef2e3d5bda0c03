"""Turns a stored file (image, PDF, plain text or Office document) into a small thumbnail image.

Pure rendering: no web framework, database or GUI. The service decides when to call it and where
to keep the results; this module only reads ``source`` and atomically writes ``destination``.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import itertools
import math
import os
import tempfile
import threading
import unicodedata
from pathlib import Path
from typing import Protocol, cast

import pypdfium2 as pdfium
from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageOps

from app.localserver import office_convert, text_fonts

__all__ = ["ThumbnailError", "can_render", "render_thumbnail"]

IMAGE_EXTENSIONS = frozenset({"png", "jpg", "jpeg", "gif", "webp", "bmp"})
PDF_EXTENSIONS = frozenset({"pdf"})
TEXT_EXTENSIONS = frozenset({"txt"})
OFFICE_EXTENSIONS = frozenset({"docx", "xlsx", "pptx", "doc", "xls", "ppt", "wps", "et", "dps"})

JPEG_QUALITY = 85

# Formats Pillow may decode: a file is sniffed by content, and limiting the plugins keeps exotic,
# less-audited decoders away from uploaded data. ("JPEG" also opens multi-picture camera files.)
_PILLOW_FORMATS = ("PNG", "JPEG", "GIF", "WEBP", "BMP", "DIB")

# A text preview only needs its first lines; never read a huge log file whole.
_TEXT_READ_BYTES = 64 * 1024
_TEXT_LINES = 20
_TEXT_MAX_LINE_CHARS = 400

# PDFium is not thread-safe and pypdfium2 does not serialise calls, so every use in this process
# must hold this lock (other modules that call pypdfium2 should import and hold it too).
PDFIUM_LOCK = threading.Lock()


class ThumbnailError(Exception):
    """The file could not be rendered (corrupt, unreadable, converter failed or timed out)."""


def can_render(extension: str) -> bool:
    """Tell whether this machine can make thumbnails for files with ``extension``.

    ``extension`` is lower-case without the dot (a leading dot and upper case are tolerated).
    Images (png, jpg, jpeg, gif, webp, bmp), PDF (page 1) and txt (first lines drawn) are always
    supported; Office/WPS files (docx, xlsx, pptx, doc, xls, ppt, wps, et, dps) only when
    LibreOffice (``soffice`` or ``libreoffice``) can be found.
    """
    ext = _normalise_extension(extension)
    if ext in IMAGE_EXTENSIONS or ext in PDF_EXTENSIONS or ext in TEXT_EXTENSIONS:
        return True
    return ext in OFFICE_EXTENSIONS and office_convert.find_soffice() is not None


def render_thumbnail(
    source: Path,
    extension: str,
    destination: Path,
    max_side: int = 512,
    *,
    cancel: threading.Event | None = None,
) -> tuple[int, int, str]:
    """Render ``source`` into ``destination`` and return ``(width, height, media_type)``.

    ``extension`` selects the renderer (see :func:`can_render`); ``source`` itself may have any
    name. The longest side of the result is at most ``max_side``; images are never enlarged.
    The output is JPEG (quality 85, ``"image/jpeg"``) unless it has transparency, then PNG
    (``"image/png"``). ``destination`` is replaced atomically and its folder created if needed.

    Raises ThumbnailError on any failure, including an unsupported extension or a missing
    converter; raises ValueError when ``max_side`` is smaller than 1. Setting ``cancel`` stops a
    conversion by LibreOffice (which can take a minute) with `office_convert.ConversionCancelled`.
    """
    if max_side < 1:
        raise ValueError(f"max_side must be at least 1, not {max_side}")
    ext = _normalise_extension(extension)
    try:
        if ext in IMAGE_EXTENSIONS:
            image = _render_image(source, max_side)
        elif ext in PDF_EXTENSIONS:
            image = _render_pdf(source, max_side)
        elif ext in TEXT_EXTENSIONS:
            image = _render_text(source, max_side)
        elif ext in OFFICE_EXTENSIONS:
            image = _render_office(source, ext, max_side, cancel)
        else:
            raise ThumbnailError(f"no thumbnail renderer for .{ext} files")
        return _save_atomically(image, destination)
    except (ThumbnailError, office_convert.ConversionCancelled):
        raise
    except Exception as exc:
        # Decoders raise a zoo of types (OSError, SyntaxError, struct.error, PdfiumError, ...) on
        # bad input; callers only need to know that this file could not be rendered.
        raise ThumbnailError(f"cannot render {source.name} as .{ext}: {exc}") from exc


def _normalise_extension(extension: str) -> str:
    return extension.strip().lstrip(".").lower()


# --- images -------------------------------------------------------------------------------------


def _render_image(source: Path, max_side: int) -> Image.Image:
    with Image.open(source, formats=_PILLOW_FORMATS) as opened:
        # JPEG can decode at 1/2..1/8 scale directly, which is much faster for camera photos; keep
        # twice the target size, as Image.thumbnail's reducing_gap does, so quality stays good.
        opened.draft(None, (max_side * 2, max_side * 2))
        opened.load()  # the first frame only, for animated GIF and WebP
        try:
            image = ImageOps.exif_transpose(opened)
        except Exception:  # a broken EXIF block should not cost an otherwise fine picture
            image = opened.copy()
        image = _normalise_mode(image)
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS, reducing_gap=2.0)
        return _to_srgb(image, opened.info.get("icc_profile"))


def _normalise_mode(image: Image.Image) -> Image.Image:
    """Bring the image to L, RGB, RGBA or CMYK, the modes that resize and save cleanly."""
    mode = image.mode
    if mode in ("L", "RGB", "RGBA", "CMYK"):
        if mode in ("L", "RGB") and "transparency" in image.info:
            return image.convert("RGBA")
        return image
    if mode in ("P", "PA", "LA", "La", "RGBa"):
        has_alpha = mode != "P" or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    if mode == "1":
        return image.convert("L")
    if mode.startswith("I") or mode == "F":
        # 16-bit and float greyscale: stretch the actual value range onto 0..255, since a plain
        # convert("L") clips everything above 255 to white.
        wide = image.convert("F")
        low, high = cast("tuple[float, float]", wide.getextrema())
        span = high - low or 1.0
        return wide.point(lambda v: (v - low) * 255.0 / span).convert("L")
    return image.convert("RGB")


def _to_srgb(image: Image.Image, icc_profile: object) -> Image.Image:
    """Convert to sRGB using an embedded ICC profile when there is one (CMYK, Display P3...)."""
    if isinstance(icc_profile, bytes) and icc_profile and image.mode in ("RGB", "RGBA", "CMYK"):
        out_mode = "RGBA" if image.mode == "RGBA" else "RGB"
        with contextlib.suppress(Exception):  # a broken profile: fall back to a naive convert
            converted = ImageCms.profileToProfile(
                image,
                ImageCms.ImageCmsProfile(io.BytesIO(icc_profile)),
                ImageCms.createProfile("sRGB"),
                outputMode=out_mode,
            )
            if converted is not None:
                return converted
    if image.mode == "CMYK":
        return image.convert("RGB")
    return image


# --- PDF ----------------------------------------------------------------------------------------


def _render_pdf(source: Path, max_side: int) -> Image.Image:
    with PDFIUM_LOCK:
        pdf = pdfium.PdfDocument(source)
        try:
            if len(pdf) < 1:
                raise ThumbnailError(f"{source.name} has no pages")
            page = pdf[0]
            width, height = page.get_size()
            if not (width > 0 and height > 0):
                raise ThumbnailError(f"{source.name} has an empty first page")
            scale = max_side / max(width, height)
            bitmap = page.render(scale=scale, fill_color=(255, 255, 255, 255))
            # copy() detaches the pixels from PDFium's buffer before the document is closed
            image: Image.Image = bitmap.to_pil().convert("RGB").copy()
        finally:
            pdf.close()
    # render() rounds the size up, which can overshoot max_side by a pixel
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return image


# --- plain text ---------------------------------------------------------------------------------


def _render_text(source: Path, max_side: int) -> Image.Image:
    with source.open("rb") as handle:
        data = handle.read(_TEXT_READ_BYTES + 1)
    truncated = len(data) > _TEXT_READ_BYTES
    text = _decode_text(data[:_TEXT_READ_BYTES], final=not truncated)

    # An A-series page shape (1 : sqrt 2), portrait.
    height = max_side
    width = max(1, round(max_side / math.sqrt(2)))
    margin = max(2, round(max_side * 0.05))
    line_height = max(1.0, (height - 2 * margin) / _TEXT_LINES)
    font_size = max(6, round(line_height * 0.75))
    # Only the first lines can be shown, so only their characters need fonts.
    shown = "\n".join(text.splitlines()[:_TEXT_LINES])
    typeface = _Typeface(text_fonts.default_chooser().fonts_for(shown), font_size)

    lines = _wrap_lines(text, typeface, width - 2 * margin)
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    for index, line in enumerate(lines):
        typeface.draw(draw, (margin, margin + index * line_height), line, fill=(34, 34, 34))
    draw.rectangle((0, 0, width - 1, height - 1), outline=(208, 208, 208))
    return page


_Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
_Color = tuple[int, int, int]


class _Measure(Protocol):
    def getlength(self, text: str) -> float: ...


class _Typeface:
    """The fonts that draw one text at one size: each character in the first that covers it."""

    def __init__(self, fonts: list[text_fonts.FontFile], size: int) -> None:
        self._faces: list[tuple[text_fonts.FontFile, ImageFont.FreeTypeFont]] = []
        for font in fonts:
            with contextlib.suppress(OSError):  # an unreadable file: the next font draws its part
                self._faces.append((font, ImageFont.truetype(font.path, size, index=font.index)))
        self._first: _Font = self._faces[0][1] if self._faces else ImageFont.load_default(size=size)
        self._by_char: dict[str, _Font] = {}

    def _font(self, char: str) -> _Font:
        font = self._by_char.get(char)
        if font is None:
            font = next((face for file, face in self._faces if file.covers(char)), self._first)
            self._by_char[char] = font
        return font

    def runs(self, line: str) -> list[tuple[_Font, str]]:
        """``line`` cut into pieces that one font each draws."""
        return [(font, "".join(piece)) for font, piece in itertools.groupby(line, self._font)]

    def getlength(self, line: str) -> float:
        """The width of ``line`` in pixels."""
        return sum(font.getlength(piece) for font, piece in self.runs(line))

    def draw(self, draw: ImageDraw.ImageDraw, origin: tuple[float, float], line: str, fill: _Color) -> None:
        """Draw ``line`` with its top-left corner at ``origin``."""
        if not isinstance(self._first, ImageFont.FreeTypeFont):  # Pillow without FreeType
            draw.text(origin, line, fill=fill, font=self._first)
            return
        # Fonts differ in ascent: every piece sits on the first font's baseline.
        x, baseline = origin[0], origin[1] + self._first.getmetrics()[0]
        runs = self.runs(line)
        for number, (font, piece) in enumerate(runs, start=1):
            draw.text((x, baseline), piece, fill=fill, font=font, anchor="ls")
            if number < len(runs):  # measuring costs as much as drawing: only where a piece follows
                x += font.getlength(piece)


def _decode_text(data: bytes, *, final: bool) -> str:
    """Decode the start of a text file, guessing the encoding like a text editor would."""
    boms = (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    )
    candidates = [name for bom, name in boms if data.startswith(bom)][:1]
    candidates += ["utf-8", "gb18030", "latin-1"]
    for encoding in candidates:
        # An incremental decoder tolerates a character cut in half where the read stopped.
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        try:
            return decoder.decode(data, final=final)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # unreachable: latin-1 accepts every byte


def _wrap_lines(text: str, font: _Measure, max_width: int) -> list[str]:
    """Split into at most _TEXT_LINES visual lines, wrapping long ones at the page width."""
    result: list[str] = []
    for raw_line in text.splitlines():
        line = _printable(raw_line.expandtabs(4))[:_TEXT_MAX_LINE_CHARS].rstrip()
        while True:
            if len(result) >= _TEXT_LINES:
                return result
            fit = _fitting_prefix(line, font, max_width)
            cut = line.rfind(" ", 0, fit + 1) if fit < len(line) else -1
            if fit < len(line) and (_is_wide(line[fit - 1]) or _is_wide(line[fit])):
                # Chinese and Japanese put no spaces between words: a line may break anywhere.
                result.append(line[:fit].rstrip())
                line = line[fit:].lstrip(" ")
            elif cut > 0 and not line[:cut].isspace():
                # Break at the last space that fits, like a text editor's word wrap.
                result.append(line[:cut].rstrip())
                line = line[cut + 1 :]
            else:
                result.append(line[:fit])
                line = line[fit:]
            if not line:
                break
    return result


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _fitting_prefix(line: str, font: _Measure, max_width: int) -> int:
    """Length of the longest prefix of ``line`` that fits in ``max_width`` (at least 1 char)."""
    if font.getlength(line) <= max_width:
        return len(line)
    low, high = 1, len(line)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(line[:middle]) <= max_width:
            low = middle
        else:
            high = middle - 1
    return low


def _printable(line: str) -> str:
    # Control characters (NUL, escape sequences...) have no glyph and can upset text layout.
    return "".join(" " if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co") else char for char in line)


# --- Office / WPS via LibreOffice ---------------------------------------------------------------


def _render_office(
    source: Path, extension: str, max_side: int, cancel: threading.Event | None
) -> Image.Image:
    if office_convert.find_soffice() is None:
        raise ThumbnailError(f"LibreOffice is not installed, cannot render .{extension} files")
    with tempfile.TemporaryDirectory(prefix="dentry-soffice-") as work:
        try:
            pdf = office_convert.convert_to_pdf(source, extension, Path(work), cancel)
        except office_convert.ConversionError as error:
            raise ThumbnailError(str(error)) from error
        return _render_pdf(pdf, max_side)


# --- output -------------------------------------------------------------------------------------


def _save_atomically(image: Image.Image, destination: Path) -> tuple[int, int, str]:
    """Encode as JPEG, or PNG when transparent, into a temp file that then replaces destination."""
    if image.mode == "RGBA":
        low_alpha, _ = cast("tuple[int, int]", image.getchannel("A").getextrema())
        if low_alpha < 255:
            fmt, media_type = "PNG", "image/png"
        else:
            image = image.convert("RGB")
            fmt, media_type = "JPEG", "image/jpeg"
    else:
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        fmt, media_type = "JPEG", "image/jpeg"

    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if fmt == "JPEG":
                image.save(handle, "JPEG", quality=JPEG_QUALITY)
            else:
                image.save(handle, "PNG")
            handle.flush()
            # Without fsync a power cut right after os.replace can leave an empty file.
            os.fsync(handle.fileno())
        os.replace(temp_name, destination)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return image.width, image.height, media_type
