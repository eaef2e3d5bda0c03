"""Generates Dentry's demo space (resources/demo/) and app icon (resources/icons/), by hand.

Run it from anywhere after changing it, then commit what it wrote:

    .venv/bin/python resources/make_demo.py

The local storage service's ``--demo`` option copies resources/demo/ into a new space. Every file
there is drawn or written by this script, so it owns that folder: it deletes and rebuilds it on
each run (idempotent). Output is deterministic for a given Pillow/zlib version and Chinese font
(fixed seeds, fixed dates in PDF and zip entries). Only Pillow and the standard library are used;
the .pdf, .docx and .xlsx files are assembled by hand because they are tiny and this avoids extra
dependencies. The Chinese texts are drawn with the font the local service's thumbnails would use
(fontconfig's choice: WenQuanYi Micro Hei, which scripts/system-packages.sh installs).

Git keeps no empty folders, so "Empty folder" holds a ``.keep`` file; the demo loader skips
dotfiles. resources/icons/dentry.svg and dentry.png draw the same glyph from the same numbers.
"""

from __future__ import annotations

import colorsys
import itertools
import math
import random
import shutil
import textwrap
import zipfile
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from PIL import Image, ImageDraw, ImageFilter, ImageFont

from app.localserver.text_fonts import default_chooser

RESOURCES = Path(__file__).resolve().parent
DEMO = RESOURCES / "demo"
ICONS = RESOURCES / "icons"

Color = tuple[int, int, int]
Stops = Sequence[tuple[float, Color]]

# --- helpers ------------------------------------------------------------------------------------


def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """Pillow's built-in scalable font, the same on every machine."""
    return ImageFont.load_default(size=size)


def chinese_font(size: int) -> ImageFont.FreeTypeFont:
    """A font with Chinese (and Latin) glyphs, found as the local service finds it: fontconfig."""
    fonts = default_chooser().fonts_for("季度报告")
    if not fonts:
        raise SystemExit("no font has Chinese glyphs: scripts/system-packages.sh installs fonts-wqy-microhei")
    return ImageFont.truetype(fonts[0].path, size, index=fonts[0].index)


def wrap_to_width(text: str, face: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Cut Chinese text (no spaces between words) into lines no wider than ``width``."""
    lines = [""]
    for char in text:
        if face.getlength(lines[-1] + char) > width:
            lines.append("")
        lines[-1] += char
    return lines


def lerp(a: Color, b: Color, t: float) -> Color:
    """Blend two colours; t=0 gives a, t=1 gives b."""
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def gradient(size: tuple[int, int], stops: Stops) -> Image.Image:
    """A vertical RGB gradient through (position 0..1, colour) stops."""
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        for (p0, c0), (p1, c1) in itertools.pairwise(stops):
            if p0 <= t <= p1:
                column.putpixel((0, y), lerp(c0, c1, (t - p0) / ((p1 - p0) or 1)))
                break
    return column.resize((width, height), Image.Resampling.NEAREST)


def supersampled(
    size: tuple[int, int], factor: int, draw: Callable[[Image.Image, int], None], mode: str = "RGB"
) -> Image.Image:
    """Draw at ``factor`` times the size, then shrink: cheap anti-aliasing for ImageDraw shapes."""
    big = Image.new(mode, (size[0] * factor, size[1] * factor))
    draw(big, factor)
    return big.resize(size, Image.Resampling.LANCZOS)


# --- the Dentry glyph (icon and logo) -----------------------------------------------------------

# All in a 256 x 256 box. A folder (darker back with its tab, lighter front with a blue-to-teal
# gradient) carrying a white cloud: the storage is online, the browsing feels local.
GLYPH_BACK = "#0B6E79"
GLYPH_FRONT_TOP = "#2196F3"
GLYPH_FRONT_BOTTOM = "#14B8A6"
GLYPH_TAB = (24, 40, 112, 80, 12)  # x0, y0, x1, y1, corner radius
GLYPH_BODY = (24, 56, 232, 208, 16)
GLYPH_FRONT = (24, 84, 232, 216, 16)
GLYPH_CLOUD_CIRCLES = ((104, 162, 22), (130, 150, 28), (156, 166, 18))  # cx, cy, r
GLYPH_CLOUD_BASE = (82, 162, 174, 184, 11)


def hex_color(value: str) -> Color:
    """'#RRGGBB' as an (r, g, b) tuple."""
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def glyph_svg() -> str:
    """The glyph as an SVG document."""

    def rect(box: tuple[int, int, int, int, int], fill: str) -> str:
        x0, y0, x1, y1, r = box
        return f'  <rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{r}" fill="{fill}"/>\n'

    circles = "".join(f'    <circle cx="{cx}" cy="{cy}" r="{r}"/>\n' for cx, cy, r in GLYPH_CLOUD_CIRCLES)
    x0, y0, x1, y1, r = GLYPH_CLOUD_BASE
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">\n'
        "  <title>Dentry</title>\n"
        "  <defs>\n"
        '    <linearGradient id="front" x1="0" y1="0" x2="0" y2="1">\n'
        f'      <stop offset="0" stop-color="{GLYPH_FRONT_TOP}"/>\n'
        f'      <stop offset="1" stop-color="{GLYPH_FRONT_BOTTOM}"/>\n'
        "    </linearGradient>\n"
        "  </defs>\n"
        + rect(GLYPH_TAB, GLYPH_BACK)
        + rect(GLYPH_BODY, GLYPH_BACK)
        + rect(GLYPH_FRONT, "url(#front)")
        + '  <g fill="#FFFFFF">\n'
        + circles
        + f'    <rect x="{x0}" y="{y0}" width="{x1 - x0}" height="{y1 - y0}" rx="{r}"/>\n'
        + "  </g>\n"
        "</svg>\n"
    )


def glyph_image(side: int) -> Image.Image:
    """The glyph as an RGBA image of side x side pixels, transparent around the folder."""
    factor = max(1, 1024 // side)
    big_side = side * factor
    scale = big_side / 256

    def box(values: tuple[int, int, int, int, int]) -> tuple[list[float], float]:
        x0, y0, x1, y1, r = values
        return [x0 * scale, y0 * scale, x1 * scale - 1, y1 * scale - 1], r * scale

    big = Image.new("RGBA", (big_side, big_side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    for part in (GLYPH_TAB, GLYPH_BODY):
        xy, radius = box(part)
        draw.rounded_rectangle(xy, radius, fill=GLYPH_BACK)

    front_mask = Image.new("L", big.size, 0)
    xy, radius = box(GLYPH_FRONT)
    ImageDraw.Draw(front_mask).rounded_rectangle(xy, radius, fill=255)
    top, bottom = hex_color(GLYPH_FRONT_TOP), hex_color(GLYPH_FRONT_BOTTOM)
    y_top, y_bottom = GLYPH_FRONT[1] / 256, GLYPH_FRONT[3] / 256
    shade = gradient(big.size, [(0.0, top), (y_top, top), (y_bottom, bottom), (1.0, bottom)])
    big.paste(shade, (0, 0), front_mask)

    for cx, cy, r in GLYPH_CLOUD_CIRCLES:
        draw.ellipse(
            [(cx - r) * scale, (cy - r) * scale, (cx + r) * scale - 1, (cy + r) * scale - 1],
            fill="white",
        )
    xy, radius = box(GLYPH_CLOUD_BASE)
    draw.rounded_rectangle(xy, radius, fill="white")
    return big.resize((side, side), Image.Resampling.LANCZOS)


# --- photos -------------------------------------------------------------------------------------


def sunset() -> Image.Image:
    """A sun setting over the sea between two hills, with its reflection."""
    width, height, horizon = 800, 600, 380
    sky = gradient(
        (width, height),
        [
            (0.0, (34, 16, 76)),
            (0.35, (150, 45, 110)),
            (0.58, (240, 120, 80)),
            (0.64, (255, 190, 110)),
            (1.0, (255, 190, 110)),
        ],
    )

    def paint(img: Image.Image, k: int) -> None:
        draw = ImageDraw.Draw(img)
        img.paste(sky.resize(img.size), (0, 0))
        draw.ellipse(
            [(400 - 90) * k, (horizon - 75) * k, (400 + 90) * k, (horizon + 105) * k],
            fill=(255, 222, 130),
        )
        draw.polygon(
            [
                (0, 300 * k),
                (120 * k, 320 * k),
                (260 * k, 372 * k),
                (300 * k, horizon * k),
                (0, horizon * k),
            ],
            fill=(70, 24, 70),
        )
        draw.polygon(
            [
                (800 * k, 310 * k),
                (680 * k, 340 * k),
                (560 * k, 372 * k),
                (520 * k, horizon * k),
                (800 * k, horizon * k),
            ],
            fill=(88, 30, 80),
        )
        sea = gradient((width * k, (height - horizon) * k), [(0.0, (120, 50, 100)), (1.0, (20, 12, 50))])
        img.paste(sea, (0, horizon * k))
        rng = random.Random(7)
        for row in range(18):
            y = horizon + 8 + row * row * 0.65
            half = 95 - row * 4.5 + rng.uniform(-6, 6)
            thickness = 1.5 + row * 0.25
            glow = lerp((255, 210, 120), (200, 90, 90), row / 18)
            draw.rounded_rectangle(
                [(400 - half) * k, y * k, (400 + half) * k, (y + thickness) * k],
                radius=thickness * k / 2,
                fill=glow,
            )
        for bx, by, span in ((250, 150, 14), (280, 135, 10), (520, 120, 12), (545, 140, 9)):
            draw.line(
                [
                    (bx - span) * k,
                    (by - span / 2) * k,
                    bx * k,
                    by * k,
                    (bx + span) * k,
                    (by - span / 2) * k,
                ],
                fill=(40, 16, 50),
                width=2 * k,
                joint="curve",
            )

    return supersampled((width, height), 2, paint)


def tiles() -> Image.Image:
    """An 8 x 6 grid of coloured, labelled tiles."""
    width, height, cols, rows = 800, 600, 8, 6
    image = Image.new("RGB", (width, height), (245, 246, 248))
    draw = ImageDraw.Draw(image)
    label_font = font(22)
    for row in range(rows):
        for col in range(cols):
            hue = (col / cols + row * 0.03) % 1.0
            light = 0.42 + row * 0.05
            rgb = _hsl(hue, 0.68, light)
            x0, y0 = col * 100 + 6, row * 100 + 6
            draw.rounded_rectangle([x0, y0, x0 + 87, y0 + 87], radius=12, fill=rgb)
            label = f"{'ABCDEF'[row]}{col + 1}"
            draw.text((x0 + 44, y0 + 44), label, fill="white", font=label_font, anchor="mm")
    return image


def _hsl(h: float, s: float, lum: float) -> Color:
    r, g, b = colorsys.hls_to_rgb(h, lum, s)
    return round(r * 255), round(g * 255), round(b * 255)


def logo() -> Image.Image:
    """The Dentry glyph and word mark on a transparent background."""
    image = Image.new("RGBA", (640, 320), (0, 0, 0, 0))
    image.alpha_composite(glyph_image(224), (32, 48))
    draw = ImageDraw.Draw(image)
    draw.text((280, 160), "Dentry", fill=(11, 110, 121, 255), font=font(92), anchor="lm")
    return image


def spinner() -> list[Image.Image]:
    """Twelve frames of a classic dotted loading spinner."""
    frames = []
    side, dots = 200, 12
    for frame in range(dots):

        def paint(img: Image.Image, k: int, frame: int = frame) -> None:
            draw = ImageDraw.Draw(img)
            for dot in range(dots):
                angle = 2 * math.pi * dot / dots - math.pi / 2
                age = (frame - dot) % dots
                shade = lerp((20, 150, 170), (225, 236, 240), age / (dots - 1))
                cx = (side / 2 + 70 * math.cos(angle)) * k
                cy = (side / 2 + 70 * math.sin(angle)) * k
                r = (13 - age * 0.5) * k
                draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=shade)

        def paint_bg(img: Image.Image, k: int, paint: Callable[[Image.Image, int], None] = paint) -> None:
            img.paste((255, 255, 255), (0, 0, img.width, img.height))
            paint(img, k)

        rgb = supersampled((side, side), 3, paint_bg)
        frames.append(rgb.convert("P", palette=Image.Palette.ADAPTIVE, colors=32))
    return frames


def leaf() -> Image.Image:
    """A green leaf with veins on a pale background."""
    width, height = 800, 600
    background = gradient((width, height), [(0.0, (246, 244, 226)), (1.0, (222, 234, 206))])

    def outline(k: int) -> list[tuple[float, float]]:
        # The leaf's axis runs from the stem (170, 470) to the tip (660, 130).
        points: list[tuple[float, float]] = []
        steps = 80
        for side in (1, -1):
            rng = range(steps + 1) if side == 1 else range(steps, -1, -1)
            for i in rng:
                t = i / steps
                x, y = _leaf_axis(t)
                w = 150 * math.sin(math.pi * t) ** 0.9 * (1 - 0.25 * t)
                nx, ny = 0.57, 0.82  # unit normal of the axis
                points.append(((x + side * w * nx) * k, (y + side * w * ny) * k))
        return points

    def paint(img: Image.Image, k: int) -> None:
        img.paste(background.resize(img.size), (0, 0))
        shadow = Image.new("L", img.size, 0)
        ImageDraw.Draw(shadow).polygon([(x + 14 * k, y + 18 * k) for x, y in outline(k)], fill=90)
        shadow = shadow.filter(ImageFilter.GaussianBlur(12 * k))
        img.paste((120, 130, 100), (0, 0), shadow)
        mask = Image.new("L", img.size, 0)
        ImageDraw.Draw(mask).polygon(outline(k), fill=255)
        body = gradient(img.size, [(0.0, (120, 190, 80)), (1.0, (40, 120, 50))])
        img.paste(body, (0, 0), mask)
        draw = ImageDraw.Draw(img)
        sx, sy = _leaf_axis(0)
        draw.line([(sx - 60) * k, (sy + 70) * k, sx * k, sy * k], fill=(70, 100, 40), width=7 * k)
        axis = [(x * k, y * k) for x, y in (_leaf_axis(i / 40) for i in range(41))]
        draw.line(axis, fill=(210, 235, 170), width=5 * k, joint="curve")
        for i in range(1, 9):
            t = i / 10
            x, y = _leaf_axis(t)
            reach = 120 * math.sin(math.pi * t) * (1 - 0.25 * t)
            for side in (1, -1):
                ex = x + side * reach * 0.57 + reach * 0.45
                ey = y + side * reach * 0.82 - reach * 0.35
                draw.line([x * k, y * k, ex * k, ey * k], fill=(175, 215, 140), width=3 * k)

    return supersampled((width, height), 2, paint)


def _leaf_axis(t: float) -> tuple[float, float]:
    return 170 + 490 * t, 470 - 340 * t + 40 * math.sin(math.pi * t)


def old_scan() -> Image.Image:
    """A small sepia 'scanned letter': paper grain, lines of text, a stamp. Palette BMP."""
    width, height = 320, 240
    rng = random.Random(1902)
    grey = Image.new("L", (width, height), 0)
    pixels = grey.load()
    assert pixels is not None
    for y in range(height):
        for x in range(width):
            dx, dy = (x - width / 2) / width, (y - height / 2) / height
            vignette = 1 - 0.9 * (dx * dx + dy * dy)
            pixels[x, y] = max(0, min(255, round(215 * vignette + rng.gauss(0, 6))))
    draw = ImageDraw.Draw(grey)
    draw.rectangle([28, 24, 200, 34], fill=70)
    y = 52
    while y < 200:
        length = rng.randint(150, 262) if y < 184 else rng.randint(60, 120)
        x = 28
        while x < 28 + length:
            word = rng.randint(8, 34)
            draw.rectangle([x, y, min(x + word, 28 + length), y + 4], fill=rng.randint(70, 100))
            x += word + 6
        y += 12
    draw.ellipse([236, 160, 296, 220], outline=110, width=3)
    draw.ellipse([244, 168, 288, 212], outline=130, width=1)
    sepia = []
    for level in range(256):
        sepia += list(lerp((40, 25, 12), (244, 226, 190), level / 255))
    scan = Image.frombytes("P", grey.size, grey.tobytes())
    scan.putpalette(sepia)
    return scan


def beach() -> Image.Image:
    """A sunny beach: sky, turquoise sea, sand and a striped umbrella."""
    width, height = 800, 600

    def paint(img: Image.Image, k: int) -> None:
        img.paste(
            gradient(img.size, [(0.0, (90, 170, 235)), (0.45, (190, 225, 245)), (1.0, (190, 225, 245))]),
            (0, 0),
        )
        draw = ImageDraw.Draw(img)
        draw.ellipse([600 * k, 60 * k, 680 * k, 140 * k], fill=(255, 236, 150))
        for cx, cy in ((180, 110), (230, 100), (270, 115)):
            draw.ellipse([(cx - 45) * k, (cy - 22) * k, (cx + 45) * k, (cy + 22) * k], fill=(250, 252, 255))
        sea = gradient((width * k, 140 * k), [(0.0, (20, 120, 170)), (1.0, (60, 200, 200))])
        img.paste(sea, (0, 270 * k))
        wave = [(x * k, (405 + 6 * math.sin(x / 30)) * k) for x in range(0, width + 1, 5)]
        sand = gradient((width * k, 200 * k), [(0.0, (240, 220, 170)), (1.0, (225, 195, 140))])
        mask = Image.new("L", img.size, 0)
        ImageDraw.Draw(mask).polygon([*wave, (width * k, height * k), (0, height * k)], fill=255)
        img.paste(sand.resize(img.size), (0, 0), mask)
        draw.line(wave, fill=(255, 255, 255), width=4 * k)
        draw.line([470 * k, 300 * k, 500 * k, 520 * k], fill=(120, 90, 60), width=6 * k)
        canopy = [430 * k, 230 * k, 570 * k, 370 * k]
        for i, colour in enumerate([(230, 70, 70), (250, 250, 250)] * 3):
            draw.pieslice(canopy, 180 + i * 30, 210 + i * 30, fill=colour)
        draw.polygon(
            [(300 * k, 520 * k), (420 * k, 500 * k), (450 * k, 560 * k), (320 * k, 585 * k)],
            fill=(60, 140, 210),
        )
        draw.text((24 * k, 560 * k), "Holidays 2025", fill=(120, 90, 50), font=font(22 * k))

    return supersampled((width, height), 2, paint)


# --- text files ---------------------------------------------------------------------------------

WELCOME = """\
Welcome to Dentry!
==================

This is the demo space of Dentry's local storage service. It lives entirely on
your computer: nothing here is sent to DingTalk, so rename, move, upload,
download and delete anything you like.

Things to try:
  * Photos holds JPEG, PNG (one with transparency), GIF, WebP and BMP images.
  * Documents holds a PDF report, a Word document, a spreadsheet and notes.
  * Folders nest: see Photos/Holidays/2025 and Documents/Archive/Old.
  * "Empty folder" is, well, empty.
  * 照片, 季度报告.pdf and 会议纪要.txt have Chinese names and content.

欢迎使用 Dentry！这是本地演示空间，所有文件都只保存在这台电脑上，可以放心试用。

Have fun!
"""

NOTES = """\
Team notes
----------

Monday
  - Kick-off for the Q4 roadmap; owners assigned for each milestone.
  - Agreed to ship the file browser preview before the sync engine.

Wednesday
  - Design review of thumbnails: images, PDF first pages, text and Office files.
  - Open question: how long should the thumbnail cache keep unused entries?

Friday
  - Demo to the wider team went well. Follow-ups:
      1. Faster uploads on slow links (resume after a dropped connection).
      2. Keyboard shortcuts for rename (F2) and delete (Del).
      3. 中文文件名的排序规则需要再确认。

Next week: budget check-in, see Budget.xlsx.
"""

ARCHIVE_README = """\
Old archive
===========

Files kept here are no longer in use but must be retained for seven years.
Nothing to see in this folder, really - it exists to show how deep folders look.
"""

MEETING_MINUTES = """\
会议纪要
========

时间：2025 年 10 月 9 日（周四）14:00–15:00
地点：三楼会议室 / 钉钉视频会议
参会：张伟、李娜、王强、陈静

一、第四季度计划
  1. 文件浏览器先于同步引擎发布。
  2. 缩略图支持图片、PDF、文本和 Office 文件。

二、待办事项
  - 张伟：上传断点续传，周五前完成。
  - 李娜：中文文件名按拼音排序。
  - 王强：整理回收站的需求。

下次会议：10 月 16 日，同一时间。
"""


# --- PDF, written by hand -----------------------------------------------------------------------


class PdfPage:
    """Collects a page's content stream: text in Helvetica, filled rectangles, lines."""

    WIDTH, HEIGHT = 595, 842  # A4 in points

    def __init__(self) -> None:
        self.ops: list[str] = []

    def text(
        self,
        x: float,
        y: float,
        line: str,
        *,
        size: float = 11,
        bold: bool = False,
        grey: float = 0.1,
    ) -> None:
        """Draw one line of text whose baseline starts at (x, y) from the top-left."""
        safe = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        face = "F2" if bold else "F1"
        self.ops.append(f"BT {grey:.2f} g /{face} {size} Tf {x:.1f} {self.HEIGHT - y:.1f} Td ({safe}) Tj ET")

    def paragraph(self, x: float, y: float, body: str, width_chars: int = 92, size: float = 11) -> float:
        """Draw wrapped text; returns the y below it."""
        for line in textwrap.wrap(body, width_chars):
            self.text(x, y, line, size=size)
            y += size * 1.45
        return y + size * 0.6

    def rect(self, x: float, y: float, w: float, h: float, rgb: tuple[float, float, float]) -> None:
        """Fill a rectangle whose top-left corner is (x, y) from the top-left."""
        r, g, b = rgb
        self.ops.append(f"{r:.3f} {g:.3f} {b:.3f} rg {x:.1f} {self.HEIGHT - y - h:.1f} {w:.1f} {h:.1f} re f")

    def line(
        self,
        points: Sequence[tuple[float, float]],
        width: float = 1,
        grey: float = 0.4,
        rgb: tuple[float, float, float] | None = None,
    ) -> None:
        """Stroke a polyline through points given from the top-left."""
        colour = f"{rgb[0]:.3f} {rgb[1]:.3f} {rgb[2]:.3f} RG" if rgb else f"{grey:.2f} G"
        path = " ".join(
            f"{x:.1f} {self.HEIGHT - y:.1f} {'m' if i == 0 else 'l'}" for i, (x, y) in enumerate(points)
        )
        self.ops.append(f"{colour} {width} w 1 J 1 j {path} S")

    def stream(self) -> bytes:
        """The page's content stream bytes."""
        return "\n".join(self.ops).encode("cp1252")


def write_pdf(path: Path, pages: list[PdfPage], title: str) -> None:
    """Assemble a PDF 1.4 file with the standard Helvetica fonts (no embedding needed)."""
    objects: list[bytes] = []
    page_ids = [5 + 2 * i for i in range(len(pages))]
    kids = " ".join(f"{pid} 0 R" for pid in page_ids)
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    for i, page in enumerate(pages):
        content_id = page_ids[i] + 1
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PdfPage.WIDTH} {PdfPage.HEIGHT}] "
            "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> "
            f"/Contents {content_id} 0 R >>".encode()
        )
        data = zlib.compress(page.stream(), 9)
        objects.append(
            f"<< /Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode() + data + b"\nendstream"
        )
    objects.append(pdf_info(title))
    assemble_pdf(path, objects)


def write_picture_pdf(path: Path, picture: Image.Image, title: str) -> None:
    """A one-page PDF 1.4 file showing a palette picture over the whole A4 page (Flate-compressed)."""
    assert picture.mode == "P"
    palette = bytes(picture.getpalette() or [])
    data = zlib.compress(picture.tobytes(), 9)
    content = zlib.compress(f"q {PdfPage.WIDTH} 0 0 {PdfPage.HEIGHT} 0 0 cm /Im1 Do Q".encode(), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PdfPage.WIDTH} {PdfPage.HEIGHT}] "
        "/Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>".encode(),
        f"<< /Length {len(content)} /Filter /FlateDecode >>\nstream\n".encode() + content + b"\nendstream",
        f"<< /Type /XObject /Subtype /Image /Width {picture.width} /Height {picture.height} "
        f"/ColorSpace [/Indexed /DeviceRGB {len(palette) // 3 - 1} <{palette.hex()}>] /BitsPerComponent 8 "
        f"/Length {len(data)} /Filter /FlateDecode >>\nstream\n".encode()
        + data
        + b"\nendstream",
        pdf_info(title),
    ]
    assemble_pdf(path, objects)


def pdf_info(title: str) -> bytes:
    """The document information dictionary: the title (UTF-16 unless ASCII) and fixed dates."""
    text = f"({title})" if title.isascii() else f"<feff{title.encode('utf-16-be').hex()}>"
    return (
        f"<< /Title {text} /Producer (Dentry make_demo.py) "
        "/CreationDate (D:20251001090000Z) /ModDate (D:20251001090000Z) >>".encode()
    )


def assemble_pdf(path: Path, objects: list[bytes]) -> None:
    """Write ``objects`` as objects 1, 2, ... (the catalog first, the info dictionary last)."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {len(objects)} 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(bytes(out))


MONTHS = ["Jul", "Aug", "Sep"]
REVENUE = {"Jul": 412, "Aug": 455, "Sep": 508}
COSTS = {"Jul": 301, "Aug": 318, "Sep": 329}


def quarterly_report(path: Path) -> None:
    """Three pages: summary, a bar chart with a table, and an outlook with a line chart."""
    teal = (0.04, 0.43, 0.47)
    blue = (0.13, 0.59, 0.95)
    light = (0.93, 0.95, 0.97)

    first = PdfPage()
    first.rect(0, 0, PdfPage.WIDTH, 110, teal)
    first.text(50, 62, "Quarterly Report", size=28, bold=True, grey=1)
    first.text(50, 88, "Q3 2025 - Dentry demo company", size=13, grey=1)
    y = first.paragraph(50, 150, "Summary", size=16)
    y = first.paragraph(
        50,
        y,
        "The third quarter closed with revenue of 1,375 thousand, up 18% on the second quarter, "
        "while costs grew by only 6%. Every month beat the one before it, and September was the "
        "strongest month in the company's history. The new file browser drew most of the new "
        "customers; support tickets per customer fell for the fourth quarter in a row.",
    )
    y = first.paragraph(50, y + 6, "Highlights", size=16)
    for bullet in (
        "Revenue 1,375k (+18% quarter on quarter), costs 948k (+6%).",
        "Operating margin rose from 24% to 31%.",
        "Two new enterprise customers signed in August.",
        "Thumbnail previews shipped for images, PDF and Office files.",
        "Median upload time on slow links cut by 40% thanks to resumable transfers.",
    ):
        first.rect(56, y - 6, 4, 4, blue)
        y = first.paragraph(68, y, bullet, width_chars=86)
    first.rect(50, y + 10, 495, 70, light)
    first.text(64, y + 38, "Net result for the quarter", size=12, bold=True)
    first.text(64, y + 60, "427k, the best quarter so far.", size=12)
    y += 110
    for i, (label, value, colour) in enumerate(
        (
            ("Revenue", "1,375k", blue),
            ("Costs", "948k", teal),
            ("Margin", "31%", (0.08, 0.72, 0.65)),
        )
    ):
        x = 50 + i * 170
        first.rect(x, y, 155, 110, colour)
        first.text(x + 16, y + 34, label, size=12, grey=1)
        first.text(x + 16, y + 82, value, size=30, bold=True, grey=1)
    first.text(50, 800, "Page 1 of 3", size=9, grey=0.5)

    second = PdfPage()
    second.text(50, 70, "Revenue and costs by month", size=18, bold=True)
    second.text(50, 92, "In thousands. Bars: revenue (blue) and costs (teal).", size=10, grey=0.4)
    base, left, scale = 430, 90, 0.5
    second.line([(left, 120), (left, base), (520, base)], width=1.2)
    for tick in range(0, 601, 100):
        ty = base - tick * scale
        second.line([(left - 4, ty), (left, ty)], width=0.8)
        second.line([(left + 1, ty), (520, ty)], width=0.3, grey=0.85)
        second.text(left - 32, ty + 3, f"{tick}", size=8, grey=0.4)
    for i, month in enumerate(MONTHS):
        x = left + 40 + i * 140
        second.rect(x, base - REVENUE[month] * scale, 44, REVENUE[month] * scale, blue)
        second.rect(x + 50, base - COSTS[month] * scale, 44, COSTS[month] * scale, teal)
        second.text(x + 34, base + 18, month, size=11)
    y = 500
    second.text(50, y, "Month", size=11, bold=True)
    second.text(200, y, "Revenue", size=11, bold=True)
    second.text(320, y, "Costs", size=11, bold=True)
    second.text(440, y, "Margin", size=11, bold=True)
    second.line([(50, y + 8), (545, y + 8)], width=0.8)
    for month in MONTHS:
        y += 24
        margin = (REVENUE[month] - COSTS[month]) / REVENUE[month]
        second.text(50, y, month + " 2025", size=11)
        second.text(200, y, f"{REVENUE[month]}k", size=11)
        second.text(320, y, f"{COSTS[month]}k", size=11)
        second.text(440, y, f"{margin:.0%}", size=11)
    second.line([(50, y + 10), (545, y + 10)], width=0.8)
    y += 28
    second.text(50, y, "Quarter", size=11, bold=True)
    second.text(200, y, f"{sum(REVENUE.values()):,}k", size=11, bold=True)
    second.text(320, y, f"{sum(COSTS.values())}k", size=11, bold=True)
    second.text(50, 800, "Page 2 of 3", size=9, grey=0.5)

    third = PdfPage()
    third.text(50, 70, "Outlook", size=18, bold=True)
    y = third.paragraph(
        50,
        100,
        "We expect the fourth quarter to continue the trend, with revenue between 1,450k and "
        "1,550k. Hiring two more engineers will raise costs by about 60k per quarter. The chart "
        "below shows monthly active spaces since January.",
    )
    active = [120, 135, 150, 149, 171, 190, 214, 236, 270]
    chart_left, chart_base = 80, y + 230
    third.line([(chart_left, y + 10), (chart_left, chart_base), (520, chart_base)], width=1.2)
    points = [(chart_left + 20 + i * 52, chart_base - value * 0.75) for i, value in enumerate(active)]
    third.line(points, width=2.5, rgb=blue)
    for i, (px, py) in enumerate(points):
        third.rect(px - 3, py - 3, 6, 6, teal)
        third.text(px - 8, chart_base + 16, "JFMAMJJAS"[i], size=9, grey=0.4)
    y = third.paragraph(50, chart_base + 50, "Risks", size=16)
    for risk in (
        "Storage prices may rise in the new year.",
        "A larger customer may ask for on-premise hosting, which we do not offer yet.",
    ):
        third.rect(56, y - 6, 4, 4, blue)
        y = third.paragraph(68, y, risk, width_chars=86)
    third.text(50, 800, "Page 3 of 3", size=9, grey=0.5)

    write_pdf(path, [first, second, third], "Quarterly Report Q3 2025")


def quarterly_report_chinese(path: Path) -> None:
    """One page in Chinese, drawn as a picture: the built-in PDF fonts have no Chinese glyphs."""
    scale = 2  # pixels per point: 144 dpi
    width, height = PdfPage.WIDTH * scale, PdfPage.HEIGHT * scale
    page = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(page)
    teal, blue, ink, grey = (11, 110, 121), (33, 150, 243), (30, 30, 30), (120, 120, 120)

    def text(x: float, y: float, line: str, size: float, fill: Color = ink) -> None:
        face = chinese_font(round(size * scale))
        draw.text((x * scale, y * scale), line, fill=fill, font=face, anchor="ls")

    draw.rectangle([0, 0, width, 110 * scale], fill=teal)
    text(50, 62, "季度报告", 28, (255, 255, 255))
    text(50, 90, "2025 年第三季度 · Dentry 演示公司", 13, (255, 255, 255))
    text(50, 150, "摘要", 16)
    summary = (
        "第三季度收入 137.5 万元，环比增长 18%，而成本仅增长 6%。每个月都好于上个月，九月是公司"
        "历史上最好的一个月。新的文件浏览器带来了大部分新客户，每位客户的工单数量连续第四个季度下降。"
    )
    y = 176.0
    for line in wrap_to_width(summary, chinese_font(11 * scale), 495 * scale):
        text(50, y, line, 11)
        y += 18
    text(50, y + 16, "要点", 16)
    y += 42
    for bullet in (
        "收入 137.5 万元（环比 +18%），成本 94.8 万元（+6%）。",
        "营业利润率从 24% 提高到 31%。",
        "八月新签两家企业客户。",
        "图片、PDF 和 Office 文件的缩略图预览已上线。",
    ):
        draw.rectangle([56 * scale, (y - 7) * scale, 60 * scale, (y - 3) * scale], fill=blue)
        text(68, y, bullet, 11)
        y += 20

    text(50, y + 24, "各月收入与成本（万元）", 16)
    base, left, bar_scale = y + 250, 90, 0.4
    draw.line([left * scale, (y + 50) * scale, left * scale, base * scale], fill=grey, width=2)
    draw.line([left * scale, base * scale, 520 * scale, base * scale], fill=grey, width=2)
    for number, month in enumerate(MONTHS):
        x = left + 40 + number * 140
        for offset, value, colour in ((0, REVENUE[month], blue), (50, COSTS[month], teal)):
            top = base - value * bar_scale
            box = [(x + offset) * scale, top * scale, (x + offset + 44) * scale, base * scale]
            draw.rectangle(box, fill=colour)
            text(x + offset + 4, top - 6, f"{value / 10:.1f}", 9, grey)
        text(x + 36, base + 18, f"{7 + number} 月", 11)
    text(left + 40, base + 44, "■ 收入", 10, blue)
    text(left + 110, base + 44, "■ 成本", 10, teal)
    text(50, 800, "第 1 页，共 1 页", 9, grey)

    # A few colours keep the page small (about 30 KB) and still smooth at 144 dpi.
    picture = page.quantize(colors=16, method=Image.Quantize.MEDIANCUT)
    write_picture_pdf(path, picture, "季度报告 2025 年第三季度")


# --- Office files, zipped by hand ---------------------------------------------------------------


def write_zip(path: Path, parts: dict[str, str]) -> None:
    """Write an OOXML package with fixed timestamps so reruns give identical bytes."""
    with zipfile.ZipFile(path, "w") as package:
        for name, body in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 10, 1, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, body.encode("utf-8"))


XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def content_types(overrides: dict[str, str]) -> str:
    """[Content_Types].xml for parts whose types all start with the officedocument prefix."""
    prefix = "application/vnd.openxmlformats-officedocument."
    rels = "application/vnd.openxmlformats-package.relationships+xml"
    return (
        XML_HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Default Extension="rels" ContentType="{rels}"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(
            f'<Override PartName="{part}" ContentType="{prefix}{kind}"/>' for part, kind in overrides.items()
        )
        + "</Types>"
    )


def project_plan_docx(path: Path) -> None:
    """A one-page Word document: title, paragraphs, a bulleted list and a milestone table."""

    def para(text: str, style: str | None = None, bold: bool = False) -> str:
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        run_props = "<w:rPr><w:b/></w:rPr>" if bold else ""
        run = f'<w:r>{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        return f"<w:p>{props}{run}</w:p>"

    def cell(text: str, width: int, bold: bool = False) -> str:
        props = f'<w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>'
        return f"<w:tc>{props}{para(text, bold=bold)}</w:tc>"

    widths = [3600, 2400, 3000]
    rows = [
        ("Milestone", "Due", "Owner"),
        ("Browse and preview", "31 Oct 2025", "Lin"),
        ("Resumable uploads", "21 Nov 2025", "Sam"),
        ("Offline folders", "19 Dec 2025", "Wei"),
    ]
    border = '<w:{0} w:val="single" w:sz="4" w:space="0" w:color="9BB7C4"/>'
    borders = "".join(
        border.format(side) for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table = (
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        "</w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + "</w:tblGrid>"
        + "".join(
            "<w:tr>"
            + "".join(cell(text, w, bold=(r == 0)) for text, w in zip(row, widths, strict=True))
            + "</w:tr>"
            for r, row in enumerate(rows)
        )
        + "</w:tbl>"
    )
    body = "".join(
        [
            para("Project plan: Dentry 1.0", "Title"),
            para("Goal", "Heading1"),
            para(
                "Give every team a fast desktop browser for its DingTalk storage: browse, preview, "
                "upload and download files as easily as on a local disk."
            ),
            para("Scope", "Heading1"),
            para("- Folder browsing with thumbnails for images, PDF, text and Office files."),
            para("- Uploads and downloads that resume after a dropped connection."),
            para("- A local demo service so the app can be tried without an account."),
            para("Milestones", "Heading1"),
            table,
            para(""),
            para("Risks", "Heading1"),
            para(
                "Rate limits of the Open API may slow down large folders; the client caches "
                "listings and thumbnails to stay well below them."
            ),
        ]
    )
    document = (
        XML_HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{DOC_REL}"><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" '
        'w:footer="708" w:gutter="0"/></w:sectPr></w:body></w:document>'
    )
    styles = (
        XML_HEAD + f'<w:styles xmlns:w="{W_NS}">'
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" '
        'w:eastAsia="Microsoft YaHei" w:cs="Calibri"/><w:sz w:val="22"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr>'
        "</w:pPrDefault></w:docDefaults>"
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:after="240"/>'
        '</w:pPr><w:rPr><w:color w:val="0B6E79"/><w:sz w:val="48"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:keepNext/>'
        '<w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="0"/></w:pPr>'
        '<w:rPr><w:b/><w:color w:val="2196F3"/><w:sz w:val="28"/></w:rPr></w:style>'
        "</w:styles>"
    )
    write_zip(
        path,
        {
            "[Content_Types].xml": content_types(
                {
                    "/word/document.xml": "wordprocessingml.document.main+xml",
                    "/word/styles.xml": "wordprocessingml.styles+xml",
                }
            ),
            "_rels/.rels": XML_HEAD + f'<Relationships xmlns="{REL_NS}">'
            f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
            "word/_rels/document.xml.rels": XML_HEAD + f'<Relationships xmlns="{REL_NS}">'
            f'<Relationship Id="rId1" Type="{DOC_REL}/styles" Target="styles.xml"/>'
            "</Relationships>",
            "word/document.xml": document,
            "word/styles.xml": styles,
        },
    )


BUDGET: dict[str, tuple[int, int, int, int]] = {
    "Salaries": (180000, 180000, 195000, 195000),
    "Cloud hosting": (12400, 13100, 14800, 15500),
    "Office rent": (24000, 24000, 24000, 24000),
    "Marketing": (8000, 15000, 9000, 21000),
    "Travel": (3500, 2100, 4800, 6200),
}


def budget_xlsx(path: Path) -> None:
    """A one-sheet workbook: quarterly budget per category with SUM formulas and cached values."""
    columns = "ABCDEF"

    def text_cell(ref: str, text: str, style: int) -> str:
        return f'<c r="{ref}" t="inlineStr" s="{style}"><is><t>{escape(text)}</t></is></c>'

    def number_cell(ref: str, value: int, style: int, formula: str | None = None) -> str:
        f = f"<f>{formula}</f>" if formula else ""
        return f'<c r="{ref}" s="{style}">{f}<v>{value}</v></c>'

    header = ["Category", "Q1", "Q2", "Q3", "Q4", "Total"]
    rows_xml = [
        '<row r="1">' + "".join(text_cell(f"{columns[i]}1", h, 1) for i, h in enumerate(header)) + "</row>"
    ]
    for r, (name, quarters) in enumerate(BUDGET.items(), start=2):
        cells = [text_cell(f"A{r}", name, 0)]
        cells += [number_cell(f"{columns[i + 1]}{r}", q, 2) for i, q in enumerate(quarters)]
        cells.append(number_cell(f"F{r}", sum(quarters), 2, f"SUM(B{r}:E{r})"))
        rows_xml.append(f'<row r="{r}">' + "".join(cells) + "</row>")
    last = len(BUDGET) + 1
    total_row = last + 1
    cells = [text_cell(f"A{total_row}", "Total", 1)]
    column_totals = [sum(column) for column in zip(*BUDGET.values(), strict=True)]
    for col, value in zip(columns[1:], [*column_totals, sum(column_totals)], strict=True):
        cells.append(number_cell(f"{col}{total_row}", value, 3, f"SUM({col}2:{col}{last})"))
    rows_xml.append(f'<row r="{total_row}">' + "".join(cells) + "</row>")

    sheet = (
        XML_HEAD + f'<worksheet xmlns="{S_NS}" xmlns:r="{DOC_REL}">'
        f'<dimension ref="A1:F{total_row}"/>'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        '<cols><col min="1" max="1" width="18" customWidth="1"/>'
        '<col min="2" max="6" width="12" customWidth="1"/></cols>'
        "<sheetData>" + "".join(rows_xml) + "</sheetData></worksheet>"
    )
    styles = (
        XML_HEAD + f'<styleSheet xmlns="{S_NS}">'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        '<fill><patternFill patternType="solid"><fgColor rgb="FFDCEFF2"/><bgColor indexed="64"/>'
        "</patternFill></fill></fills>"
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        "</cellStyleXfs>"
        '<cellXfs count="4">'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>'
        '<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="3" fontId="1" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" '
        'applyFont="1" applyFill="1"/>'
        "</cellXfs>"
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    )
    write_zip(
        path,
        {
            "[Content_Types].xml": content_types(
                {
                    "/xl/workbook.xml": "spreadsheetml.sheet.main+xml",
                    "/xl/worksheets/sheet1.xml": "spreadsheetml.worksheet+xml",
                    "/xl/styles.xml": "spreadsheetml.styles+xml",
                }
            ),
            "_rels/.rels": XML_HEAD + f'<Relationships xmlns="{REL_NS}">'
            f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
            "xl/workbook.xml": XML_HEAD + f'<workbook xmlns="{S_NS}" xmlns:r="{DOC_REL}">'
            '<sheets><sheet name="Budget 2025" sheetId="1" r:id="rId1"/></sheets></workbook>',
            "xl/_rels/workbook.xml.rels": XML_HEAD + f'<Relationships xmlns="{REL_NS}">'
            f'<Relationship Id="rId1" Type="{DOC_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{DOC_REL}/styles" Target="styles.xml"/>'
            "</Relationships>",
            "xl/worksheets/sheet1.xml": sheet,
            "xl/styles.xml": styles,
        },
    )


# --- main ---------------------------------------------------------------------------------------


def main() -> None:
    """Rebuild resources/demo/ and resources/icons/ from scratch."""
    if DEMO.exists():
        shutil.rmtree(DEMO)
    photos = DEMO / "Photos"
    documents = DEMO / "Documents"
    for folder in (
        photos / "Holidays" / "2025",
        documents / "Archive" / "Old",
        DEMO / "Empty folder",
        ICONS,
    ):
        folder.mkdir(parents=True, exist_ok=True)

    (DEMO / "Welcome.txt").write_text(WELCOME, encoding="utf-8", newline="\n")
    (DEMO / "Empty folder" / ".keep").write_bytes(b"")

    sunset().save(photos / "sunset.jpg", quality=82, optimize=True)
    tiles().save(photos / "tiles.png", optimize=True)
    logo().save(photos / "logo-transparent.png", optimize=True)
    frames = spinner()
    frames[0].save(
        photos / "spinner.gif",
        save_all=True,
        append_images=frames[1:],
        duration=80,
        loop=0,
        optimize=False,
    )
    leaf().save(photos / "leaf.webp", quality=80, method=6)
    old_scan().save(photos / "old-scan.bmp")
    beach().save(photos / "Holidays" / "2025" / "beach.jpg", quality=82, optimize=True)
    # A few pictures at the top too, so the space opens on thumbnails, not only folders.
    beach().save(DEMO / "Beach.jpg", quality=82, optimize=True)
    sunset().save(DEMO / "Sunset.jpg", quality=82, optimize=True)
    logo().save(DEMO / "Logo.png", optimize=True)

    # Chinese names and content, as DingTalk's users have them.
    photos_chinese = DEMO / "照片"
    photos_chinese.mkdir()
    sunset().resize((640, 480), Image.Resampling.LANCZOS).save(photos_chinese / "日落.jpg", quality=80)
    beach().resize((640, 480), Image.Resampling.LANCZOS).save(photos_chinese / "海滩.jpg", quality=80)
    quarterly_report_chinese(DEMO / "季度报告.pdf")
    (DEMO / "会议纪要.txt").write_text(MEETING_MINUTES, encoding="utf-8", newline="\n")

    quarterly_report(documents / "Quarterly report.pdf")
    (documents / "Notes.txt").write_text(NOTES, encoding="utf-8", newline="\n")
    project_plan_docx(documents / "Project plan.docx")
    budget_xlsx(documents / "Budget.xlsx")
    (documents / "Archive" / "Old" / "readme.txt").write_text(ARCHIVE_README, encoding="utf-8", newline="\n")

    (ICONS / "dentry.svg").write_text(glyph_svg(), encoding="utf-8", newline="\n")
    glyph_image(256).save(ICONS / "dentry.png", optimize=True)

    total = sum(p.stat().st_size for p in DEMO.rglob("*") if p.is_file())
    print(f"wrote {DEMO} ({total / 1024:.0f} KiB) and {ICONS}")


if __name__ == "__main__":
    main()
