"""Tests of thumbnail_render on real files made on the spot: images, PDF, text, fake LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageCms, ImageDraw, ImageFont

from app.localserver import office_convert, text_fonts, thumbnail_render
from app.localserver.thumbnail_render import ThumbnailError, can_render, render_thumbnail
from tests.localserver.helpers import CHINESE_TEXTS, differing_pixels, fake_soffice

REPO = Path(__file__).resolve().parents[2]
DEMO_DOCX = REPO / "resources" / "demo" / "Documents" / "Project plan.docx"


def _rgb_picture(size: tuple[int, int] = (640, 480)) -> Image.Image:
    """Left half red, right half blue: enough structure to check orientation and colour."""
    image = Image.new("RGB", size, (220, 30, 30))
    ImageDraw.Draw(image).rectangle([size[0] // 2, 0, size[0], size[1]], fill=(30, 30, 220))
    return image


def _render(source: Path, extension: str, max_side: int = 512) -> tuple[int, int, str, Image.Image]:
    destination = source.parent / "out" / f"{source.name}.thumb"
    width, height, media_type = render_thumbnail(source, extension, destination, max_side)
    with Image.open(destination) as result:
        result.load()
    assert result.size == (width, height)
    assert result.format == {"image/jpeg": "JPEG", "image/png": "PNG"}[media_type]
    return width, height, media_type, result


def _close(actual: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 40) -> bool:
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


# --- images -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("extension", "pillow_format"),
    [
        ("png", "PNG"),
        ("jpg", "JPEG"),
        ("jpeg", "JPEG"),
        ("gif", "GIF"),
        ("webp", "WEBP"),
        ("bmp", "BMP"),
    ],
)
def test_each_image_format_becomes_a_jpeg_no_larger_than_max_side(
    tmp_path: Path, extension: str, pillow_format: str
) -> None:
    source = tmp_path / "blob"  # stored blobs have no extension in their name
    _rgb_picture((1024, 512)).save(source, pillow_format)
    width, height, media_type, result = _render(source, extension)
    assert (width, height) == (512, 256)
    assert media_type == "image/jpeg"
    assert _close(result.convert("RGB").getpixel((10, 128)), (220, 30, 30))  # type: ignore[arg-type]
    assert _close(result.convert("RGB").getpixel((500, 128)), (30, 30, 220))  # type: ignore[arg-type]


def test_max_side_is_respected_in_both_orientations(tmp_path: Path) -> None:
    wide, tall = tmp_path / "wide.png", tmp_path / "tall.png"
    _rgb_picture((900, 300)).save(wide)
    _rgb_picture((300, 900)).save(tall)
    assert _render(wide, "png", max_side=120)[:2] == (120, 40)
    assert _render(tall, "png", max_side=120)[:2] == (40, 120)


def test_small_images_are_not_enlarged(tmp_path: Path) -> None:
    source = tmp_path / "small.png"
    _rgb_picture((50, 40)).save(source)
    assert _render(source, "png")[:3] == (50, 40, "image/jpeg")


def test_large_jpeg_is_decoded_quickly_at_reduced_size(tmp_path: Path) -> None:
    source = tmp_path / "photo.jpg"
    _rgb_picture((3200, 2400)).save(source, quality=80)
    started = time.perf_counter()
    width, height, _, _ = _render(source, "jpg")
    assert (width, height) == (512, 384)
    assert time.perf_counter() - started < 2.0


def test_rgba_png_with_transparency_stays_png_with_alpha(tmp_path: Path) -> None:
    source = tmp_path / "logo.png"
    image = Image.new("RGBA", (300, 200), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse([50, 20, 250, 180], fill=(20, 150, 170, 255))
    image.save(source)
    width, height, media_type, result = _render(source, "png")
    assert (width, height, media_type) == (300, 200, "image/png")
    assert result.mode == "RGBA"
    assert result.getpixel((0, 0))[3] == 0  # type: ignore[index]
    assert result.getpixel((150, 100))[3] == 255  # type: ignore[index]


def test_rgba_png_without_any_transparent_pixel_becomes_jpeg(tmp_path: Path) -> None:
    source = tmp_path / "opaque.png"
    _rgb_picture((200, 100)).convert("RGBA").save(source)
    assert _render(source, "png")[2] == "image/jpeg"


def test_greyscale_with_alpha_becomes_png(tmp_path: Path) -> None:
    source = tmp_path / "alpha.png"
    image = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle([16, 16, 48, 48], fill=(90, 90, 90, 255))
    image.convert("LA").save(source)
    _, _, media_type, result = _render(source, "png")
    assert media_type == "image/png"
    assert result.getpixel((0, 0))[3] == 0  # type: ignore[index]


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("PA", "RGBA"), ("LA", "RGBA"), ("P", "RGB"), ("1", "L"), ("F", "L"), ("YCbCr", "RGB")],
)
def test_modes_are_normalised(mode: str, expected: str) -> None:
    assert thumbnail_render._normalise_mode(Image.new(mode, (8, 8))).mode == expected


def test_palette_gif_with_transparent_colour_becomes_png(tmp_path: Path) -> None:
    source = tmp_path / "icon.gif"
    image = Image.new("P", (64, 64), 0)
    image.putpalette([255, 255, 255, 200, 0, 0] + [0] * 762)
    ImageDraw.Draw(image).rectangle([16, 16, 48, 48], fill=1)
    image.save(source, transparency=0)
    _, _, media_type, result = _render(source, "gif")
    assert media_type == "image/png"
    assert result.getpixel((0, 0))[3] == 0  # type: ignore[index]
    assert _close(result.getpixel((32, 32))[:3], (200, 0, 0))  # type: ignore[index]


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    source = tmp_path / "rotated.jpg"
    image = _rgb_picture((400, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: the camera was turned; display rotated 90° clockwise
    image.save(source, exif=exif)
    width, height, _, result = _render(source, "jpg")
    assert (width, height) == (200, 400)
    assert _close(result.getpixel((100, 20)), (220, 30, 30))  # type: ignore[arg-type]
    assert _close(result.getpixel((100, 380)), (30, 30, 220))  # type: ignore[arg-type]


def _frames() -> list[Image.Image]:
    return [Image.new("RGB", (120, 80), colour) for colour in ((200, 0, 0), (0, 200, 0), (0, 0, 200))]


def test_animated_gif_uses_its_first_frame(tmp_path: Path) -> None:
    source = tmp_path / "spinner.gif"
    first, *rest = _frames()
    first.save(source, save_all=True, append_images=rest, duration=100, loop=0)
    width, height, media_type, result = _render(source, "gif")
    assert (width, height, media_type) == (120, 80, "image/jpeg")
    assert _close(result.getpixel((60, 40)), (200, 0, 0))  # type: ignore[arg-type]


def test_animated_webp_uses_its_first_frame(tmp_path: Path) -> None:
    source = tmp_path / "anim.webp"
    first, *rest = _frames()
    first.save(source, save_all=True, append_images=rest, duration=100, lossless=True)
    width, height, _, result = _render(source, "webp")
    assert (width, height) == (120, 80)
    assert _close(result.getpixel((60, 40)), (200, 0, 0))  # type: ignore[arg-type]


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    source = tmp_path / "print.jpg"
    Image.new("CMYK", (300, 200), (0, 255, 255, 0)).save(source, quality=95)
    width, height, media_type, result = _render(source, "jpg")
    assert (width, height, media_type) == (300, 200, "image/jpeg")
    assert result.mode == "RGB"
    assert _close(result.getpixel((150, 100)), (255, 0, 0), tolerance=50)  # type: ignore[arg-type]


def test_16_bit_greyscale_is_stretched_to_the_full_range(tmp_path: Path) -> None:
    source = tmp_path / "scan.png"
    image = Image.new("I;16", (256, 64))
    image.putdata([x * 200 for _ in range(64) for x in range(256)])  # 0..51000
    image.save(source)
    _, _, media_type, result = _render(source, "png")
    assert media_type == "image/jpeg"
    low, high = result.convert("L").getextrema()
    assert low < 10  # type: ignore[operator]
    assert high > 245  # type: ignore[operator]


def test_jpeg_with_embedded_icc_profile(tmp_path: Path) -> None:
    source = tmp_path / "profiled.jpg"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    _rgb_picture((200, 100)).save(source, icc_profile=profile)
    _, _, _, result = _render(source, "jpg")
    assert _close(result.getpixel((20, 50)), (220, 30, 30))  # type: ignore[arg-type]


def test_decompression_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "bomb.png"
    Image.new("RGB", (200, 200)).save(source)
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 40000 px is over twice the limit
    with pytest.raises(ThumbnailError):
        render_thumbnail(source, "png", tmp_path / "t.jpg")


def test_corrupt_png_raises_and_leaves_nothing_behind(tmp_path: Path) -> None:
    good = tmp_path / "good.png"
    _rgb_picture((100, 100)).save(good)
    corrupt = tmp_path / "corrupt.png"
    data = good.read_bytes()
    corrupt.write_bytes(data[:60] + b"\x00" * 40 + data[100:])
    out = tmp_path / "out"
    out.mkdir()
    destination = out / "thumb"
    destination.write_bytes(b"previous thumbnail")
    with pytest.raises(ThumbnailError):
        render_thumbnail(corrupt, "png", destination)
    assert destination.read_bytes() == b"previous thumbnail"
    assert sorted(p.name for p in out.iterdir()) == ["thumb"]


@pytest.mark.parametrize(
    ("extension", "content"),
    [
        ("jpg", b"\xff\xd8\xff\xe0 this is not really a jpeg"),
        ("png", b"plain text pretending to be an image"),
        ("pdf", b"%PDF-1.4\nnot a real pdf\n"),
        ("gif", b""),
    ],
)
def test_unreadable_files_raise_thumbnail_error(tmp_path: Path, extension: str, content: bytes) -> None:
    source = tmp_path / "blob"
    source.write_bytes(content)
    with pytest.raises(ThumbnailError):
        render_thumbnail(source, extension, tmp_path / "thumb")


def test_truncated_jpeg_raises(tmp_path: Path) -> None:
    source = tmp_path / "cut.jpg"
    _rgb_picture((800, 600)).save(source)
    source.write_bytes(source.read_bytes()[:2000])
    with pytest.raises(ThumbnailError):
        render_thumbnail(source, "jpg", tmp_path / "thumb")


def test_missing_source_raises(tmp_path: Path) -> None:
    with pytest.raises(ThumbnailError):
        render_thumbnail(tmp_path / "nope", "png", tmp_path / "thumb")


# --- output -------------------------------------------------------------------------------------


def test_destination_is_replaced_and_its_folder_created(tmp_path: Path) -> None:
    source = tmp_path / "a.png"
    _rgb_picture((100, 100)).save(source)
    destination = tmp_path / "deep" / "er" / "thumb"
    render_thumbnail(source, "png", destination)
    first = destination.read_bytes()
    _rgb_picture((200, 100)).save(source)
    assert render_thumbnail(source, "png", destination)[:2] == (200, 100)
    assert destination.read_bytes() != first
    assert [p.name for p in destination.parent.iterdir()] == ["thumb"]


def test_max_side_below_one_is_a_programming_error(tmp_path: Path) -> None:
    source = tmp_path / "a.png"
    _rgb_picture((10, 10)).save(source)
    with pytest.raises(ValueError, match="max_side"):
        render_thumbnail(source, "png", tmp_path / "t", max_side=0)


# --- supported extensions -----------------------------------------------------------------------


def test_can_render() -> None:
    for extension in ("png", "jpg", "jpeg", "gif", "webp", "bmp", "pdf", "txt"):
        assert can_render(extension)
    assert can_render(".PNG")
    for extension in ("exe", "zip", "", "tiff", "mp4", "md"):
        assert not can_render(extension)
    has_office = office_convert.find_soffice() is not None
    for extension in ("docx", "xlsx", "pptx", "doc", "xls", "ppt", "wps", "et", "dps"):
        assert can_render(extension) is has_office


def test_unsupported_extension_raises(tmp_path: Path) -> None:
    source = tmp_path / "x.zip"
    source.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    with pytest.raises(ThumbnailError, match="no thumbnail renderer"):
        render_thumbnail(source, "zip", tmp_path / "thumb")


# --- PDF ----------------------------------------------------------------------------------------


def _pdf_with_pillow(path: Path, pages: int = 2, size: tuple[int, int] = (400, 600)) -> None:
    images = [_rgb_picture(size) for _ in range(pages)]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=72)


def test_pdf_renders_page_one_to_max_side(tmp_path: Path) -> None:
    source = tmp_path / "blob"
    _pdf_with_pillow(source)
    width, height, media_type, result = _render(source, "pdf")
    assert (height, media_type) == (512, "image/jpeg")
    assert width in (341, 342)  # 400 x 600 pt scaled to 512 high; PDFium rounds up
    assert _close(result.getpixel((50, 256)), (220, 30, 30))  # type: ignore[arg-type]
    assert _render(source, "pdf", max_side=100)[:2] == (67, 100)


def test_blank_pdf_page_has_white_background(tmp_path: Path) -> None:
    source = tmp_path / "blank.pdf"
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(842, 595)  # landscape A4
    pdf.save(source)
    pdf.close()
    width, height, _, result = _render(source, "pdf")
    assert (width, height) == (512, 362)
    assert result.getpixel((256, 180)) == (255, 255, 255)


def test_pdf_without_pages_raises(tmp_path: Path) -> None:
    source = tmp_path / "empty.pdf"
    pdf = pdfium.PdfDocument.new()
    pdf.save(source)
    pdf.close()
    with pytest.raises(ThumbnailError):
        render_thumbnail(source, "pdf", tmp_path / "thumb")


def test_pdfs_render_safely_from_several_threads(tmp_path: Path) -> None:
    source = tmp_path / "doc.pdf"
    _pdf_with_pillow(source, pages=1, size=(200, 300))
    errors: list[BaseException] = []

    def work(index: int) -> None:
        try:
            for round_ in range(4):
                render_thumbnail(source, "pdf", tmp_path / f"t{index}-{round_}", max_side=128)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []


# --- text ---------------------------------------------------------------------------------------


def _dark_pixels(image: Image.Image) -> int:
    histogram = image.convert("L").histogram()
    return sum(histogram[:128])


def test_utf8_text_with_cjk_is_drawn_on_a_portrait_page(tmp_path: Path) -> None:
    source = tmp_path / "notes"
    source.write_text("Meeting notes\n欢迎使用 Dentry\n\n- first point\n- 第二点\n", encoding="utf-8")
    width, height, media_type, result = _render(source, "txt")
    assert (width, height, media_type) == (362, 512, "image/jpeg")
    assert result.getpixel((180, 500)) == pytest.approx((255, 255, 255), abs=3)
    assert _dark_pixels(result) > 300


def test_utf16_text_with_bom(tmp_path: Path) -> None:
    source = tmp_path / "utf16.txt"
    source.write_bytes("Hello from UTF-16\r\nSecond line\r\n".encode("utf-16"))
    _, _, _, result = _render(source, "txt")
    assert _dark_pixels(result) > 300


def test_empty_text_file_gives_a_blank_page(tmp_path: Path) -> None:
    source = tmp_path / "empty.txt"
    source.write_bytes(b"")
    width, height, _, result = _render(source, "txt", max_side=256)
    assert (width, height) == (181, 256)
    assert _dark_pixels(result) == 0


def test_huge_text_file_reads_only_its_start(tmp_path: Path) -> None:
    source = tmp_path / "big.log"
    line = "2025-10-01 09:00:00 INFO something happened with a rather long message\n"
    source.write_text(line * 80_000, encoding="utf-8")  # about 5.6 MB
    started = time.perf_counter()
    _render(source, "txt")
    assert time.perf_counter() - started < 1.0


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain ascii", "plain ascii"),
        ("utf-8 欢迎".encode(), "utf-8 欢迎"),
        ("\ufeffwith bom".encode(), "with bom"),
        ("utf-16 欢迎".encode("utf-16"), "utf-16 欢迎"),
        ("utf-16-be".encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16-be"),
        ("gb18030 中文文本".encode("gb18030"), "gb18030 中文文本"),
        ("café".encode("latin-1"), "café"),
    ],
)
def test_text_encodings_are_detected(data: bytes, expected: str) -> None:
    assert thumbnail_render._decode_text(data, final=True) == expected


def test_utf8_cut_in_the_middle_of_a_character_is_still_utf8() -> None:
    data = "欢迎使用".encode()[:-1]  # the read stopped inside the last character
    assert thumbnail_render._decode_text(data, final=False) == "欢迎使"


def test_long_lines_wrap_at_words_and_lines_are_limited() -> None:
    font = ImageFont.load_default(size=16)
    text = "\n".join(["word " * 60, "x" * 500, *[f"line {i}" for i in range(40)]])
    lines = thumbnail_render._wrap_lines(text, font, 300)
    assert len(lines) == 20
    assert all(font.getlength(line) <= 300 for line in lines)
    assert lines[0].endswith("word")
    assert all(line and not line.startswith(" ") for line in lines)


def test_chinese_lines_wrap_between_any_two_characters() -> None:
    """Chinese has no spaces between words; breaking only at spaces left half-empty lines."""
    text = "第1行 " + "的内容比较长需要自动换行" * 5 + " end"
    typeface = thumbnail_render._Typeface(text_fonts.default_chooser().fonts_for(text), 16)
    lines = thumbnail_render._wrap_lines(text, typeface, 300)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(typeface.getlength(line) <= 300 for line in lines)
    assert all(300 - typeface.getlength(line) < typeface.getlength("的") for line in lines[:-1])


def test_control_characters_are_blanked(tmp_path: Path) -> None:
    source = tmp_path / "binary.txt"
    source.write_bytes(b"text\x00with\x1b[31mcontrols\x07\n\x0c")
    assert _render(source, "txt")[2] == "image/jpeg"


def _text_thumbnail(tmp_path: Path, text: str) -> Image.Image:
    source = tmp_path / f"{len(list(tmp_path.iterdir()))}.txt"
    source.write_text(text, encoding="utf-8")
    return _render(source, "txt")[3]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        CHINESE_TEXTS,
        ("しゃしん 2026\nカメラ", "てがみと 2026\nノート"),  # Japanese kana
        ("사진 앨범 2026", "회의 기록 2026"),  # Korean
        ("Отчёт 2026\nФото", "Итоги 2026\nПлан"),  # Cyrillic
        ("Αναφορά 2026", "Σύνοψης 2026"),  # Greek
        ("季度 ქართ 2026", "季度 სახლ 2026"),  # Chinese and Georgian: no one font has both
    ],
    ids=["Chinese", "Japanese kana", "Korean", "Cyrillic", "Greek", "Chinese and Georgian"],
)
def test_text_thumbnails_draw_real_glyphs_in_every_script(tmp_path: Path, first: str, second: str) -> None:
    """A font without the text's glyphs draws every character as the same box (the old renderer
    did so for Chinese without a CJK font, and for Cyrillic, Greek and Georgian always), so two
    different texts of the same length rendered the same; with real glyphs they differ."""
    assert len(first) == len(second)
    one, other = _text_thumbnail(tmp_path, first), _text_thumbnail(tmp_path, second)
    assert _dark_pixels(one) > 100
    assert differing_pixels(one, other) > 100, f"{first!r} and {second!r} render alike: boxes"


def _text_thumbnails_with_only_the_font(font: Path, texts: Sequence[str], work: Path) -> list[Image.Image]:
    """Text thumbnails rendered by a process whose fontconfig knows only the one font file."""
    fonts = work / "fonts"
    fonts.mkdir(parents=True)
    shutil.copy(font, fonts)
    config = work / "fonts.conf"
    config.write_text(f"<fontconfig><dir>{fonts}</dir><cachedir>{work / 'cache'}</cachedir></fontconfig>")
    sources = [work / f"{number}.txt" for number in range(len(texts))]
    for source, text in zip(sources, texts, strict=True):
        source.write_text(text, encoding="utf-8")
    render = (
        "import sys\nfrom pathlib import Path\n"
        "from app.localserver.thumbnail_render import render_thumbnail\n"
        "for name in sys.argv[1:]:\n    render_thumbnail(Path(name), 'txt', Path(name + '.jpg'))\n"
    )
    environment = {**os.environ, "FONTCONFIG_FILE": str(config)}
    subprocess.run([sys.executable, "-c", render, *map(str, sources)], env=environment, cwd=REPO, check=True)
    pictures = []
    for source in sources:
        with Image.open(f"{source}.jpg") as picture:
            pictures.append(picture.convert("RGB"))
    return pictures


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="fontconfig's tools are not installed")
def test_chinese_text_thumbnails_are_not_what_a_latin_only_font_draws(tmp_path: Path) -> None:
    latin_font = text_fonts.default_chooser().fonts_for("Report")[0]
    if latin_font.covers("季"):
        pytest.skip(f"this machine's first sans-serif font has Chinese glyphs: {latin_font.path}")
    latin_only = _text_thumbnails_with_only_the_font(Path(latin_font.path), CHINESE_TEXTS, tmp_path / "latin")
    assert differing_pixels(*latin_only) == 0, "a Latin font draws any Chinese text as the same boxes"
    chinese = [_text_thumbnail(tmp_path, text) for text in CHINESE_TEXTS]
    assert differing_pixels(chinese[0], latin_only[0]) > 100
    assert differing_pixels(*chinese) > 100


def test_text_in_an_unreadable_font_file_falls_back_to_pillows_font(tmp_path: Path) -> None:
    missing = text_fonts.FontFile(str(tmp_path / "missing.ttf"))
    typeface = thumbnail_render._Typeface([missing], 16)
    page = Image.new("RGB", (200, 40), "white")
    typeface.draw(ImageDraw.Draw(page), (4, 4), "still drawn", fill=(0, 0, 0))
    assert _dark_pixels(page) > 30
    assert typeface.getlength("still drawn") == ImageFont.load_default(size=16).getlength("still drawn")


# --- Office via LibreOffice ---------------------------------------------------------------------

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="fake soffice is a POSIX script")


def test_office_without_libreoffice_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(office_convert, "find_soffice", lambda: None)
    source = tmp_path / "blob"
    source.write_bytes(b"PK")
    assert not can_render("docx")
    with pytest.raises(ThumbnailError, match="LibreOffice is not installed"):
        render_thumbnail(source, "docx", tmp_path / "thumb")


@posix_only
def test_office_conversion_pipeline_with_a_fake_soffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = tmp_path / "converted.pdf"
    _pdf_with_pillow(pdf, pages=1)
    log = tmp_path / "args.txt"
    fake = fake_soffice(
        tmp_path,
        f"open({str(log)!r}, 'w').write('\\n'.join(args))\n"
        "document = args[-1]\n"
        "outdir = args[args.index('--outdir') + 1]\n"
        "assert open(document, 'rb').read() == b'fake office bytes'\n"
        f"shutil.copy({str(pdf)!r}, os.path.join(outdir, 'input.pdf'))\n",
    )
    monkeypatch.setattr(office_convert, "find_soffice", lambda: fake)
    source = tmp_path / "blob-without-extension"
    source.write_bytes(b"fake office bytes")
    assert can_render("wps")
    assert _render(source, "wps")[1:3] == (512, "image/jpeg")
    args = log.read_text().splitlines()
    assert args[:3] == ["--headless", "--norestore", "--nolockcheck"]
    assert args[3].startswith("-env:UserInstallation=file:///")
    assert args[4:6] == ["--convert-to", "pdf"]
    assert Path(args[-1]).name == "input.wps"
    assert not Path(args[-1]).parent.exists()  # the temp folder was cleaned up


@posix_only
def test_office_converter_failure_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_soffice(tmp_path, "print('Error: source file could not be loaded')\nsys.exit(1)\n")
    monkeypatch.setattr(office_convert, "find_soffice", lambda: fake)
    source = tmp_path / "blob"
    source.write_bytes(b"junk")
    with pytest.raises(ThumbnailError, match="could not be loaded"):
        render_thumbnail(source, "docx", tmp_path / "thumb")


@posix_only
def test_office_converter_that_makes_no_pdf_raises(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = fake_soffice(tmp_path, "sys.exit(0)\n")
    monkeypatch.setattr(office_convert, "find_soffice", lambda: fake)
    source = tmp_path / "blob"
    source.write_bytes(b"junk")
    with pytest.raises(ThumbnailError, match="could not convert"):
        render_thumbnail(source, "xlsx", tmp_path / "thumb")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(") ")[-1].startswith("Z")


@posix_only
def test_office_timeout_kills_the_converter_and_its_children(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "child.pid"
    fake = fake_soffice(
        tmp_path,
        "import subprocess\n"
        "child = subprocess.Popen(['sleep', '30'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "time.sleep(30)\n",
    )
    monkeypatch.setattr(office_convert, "find_soffice", lambda: fake)
    monkeypatch.setattr(office_convert, "OFFICE_TIMEOUT_SECONDS", 0.8)
    source = tmp_path / "blob"
    source.write_bytes(b"slow")
    started = time.perf_counter()
    with pytest.raises(ThumbnailError, match="timed out"):
        render_thumbnail(source, "pptx", tmp_path / "thumb")
    assert time.perf_counter() - started < 5
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 3
    while not _gone(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _gone(child)


@pytest.mark.skipif(
    shutil.which("soffice") is None and shutil.which("libreoffice") is None,
    reason="LibreOffice is not installed",
)
@pytest.mark.slow
def test_real_libreoffice_renders_the_demo_docx(tmp_path: Path) -> None:
    source = tmp_path / "blob"
    shutil.copyfile(DEMO_DOCX, source)
    width, height, media_type, result = _render(source, "docx")
    assert max(width, height) == 512
    assert media_type == "image/jpeg"
    assert _dark_pixels(result) > 100
