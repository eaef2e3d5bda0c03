"""Thumbnails over HTTP: background generation, GetDentryThumbnails and signed thumbnail URLs."""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PIL import Image

from app.localserver import LocalServer, office_convert
from tests.localserver.helpers import (
    CHINESE_TEXTS,
    OTHER_USER,
    ROOT,
    Json,
    Storage,
    assert_error,
    assert_param_error,
    connect,
    describe,
    differing_pixels,
    early_in_second,
    fake_soffice,
    image_bytes,
    ok,
    open_image,
    poll,
    running_server,
    tamper_url,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for the whole module; every test works in spaces of its own."""
    with running_server(tmp_path_factory.mktemp("service")) as running:
        yield running


SOURCES: dict[str, bytes] = {}


def _source(name: str) -> bytes:
    """Sample content for a file name, made once per session."""
    if name not in SOURCES:
        extension = name.rsplit(".", 1)[-1]
        formats = {"png": "PNG", "jpg": "JPEG", "gif": "GIF", "webp": "WEBP", "bmp": "BMP", "pdf": "PDF"}
        if extension in formats:
            SOURCES[name] = image_bytes(formats[extension], (800, 600))
        elif extension == "txt":
            SOURCES[name] = "\n".join(f"line {i}: the quick brown fox 狐狸" for i in range(60)).encode()
        else:
            SOURCES[name] = bytes(range(256)) * 8
    return SOURCES[name]


@pytest.fixture
def space_id(storage: Storage) -> str:
    """A fresh USER space."""
    return storage.new_space_id("thumbs")


@pytest.fixture
def supported(storage: Storage, space_id: str) -> dict[str, Json]:
    """One committed file of every supported format, by name."""
    names = ["photo.png", "photo.jpg", "anim.gif", "pic.webp", "old.bmp", "doc.pdf", "notes.txt"]
    return {name: storage.upload(space_id, name, _source(name)) for name in names}


def _items(storage: Storage, space_id: str, ids: list[str]) -> dict[str, Json]:
    body = ok(storage.thumbnails(space_id, ids))
    items = {item["dentryId"]: item for item in body["resultItems"]}
    assert set(items) == set(ids)
    return items


def test_supported_formats_get_thumbnails(
    storage: Storage, space_id: str, supported: dict[str, Json]
) -> None:
    ids = [d["id"] for d in supported.values()]
    ready = storage.wait_thumbnails(space_id, ids, timeout=10)
    for name, dentry in supported.items():
        thumbnail = ready[dentry["id"]]
        assert isinstance(thumbnail["width"], int), name
        assert isinstance(thumbnail["height"], int), name
        assert thumbnail["width"] > 0, name
        assert thumbnail["height"] > 0, name
        assert thumbnail["url"].startswith("http"), name
        response = requests.get(thumbnail["url"], timeout=10)
        assert response.status_code == 200, (name, describe(response))
        assert response.headers.get("Content-Type", "").startswith("image/"), name
        picture = open_image(response.content)
        assert picture.size == (thumbnail["width"], thumbnail["height"]), name
    # Landscape sources keep their orientation.
    image_thumb = ready[supported["photo.png"]["id"]]
    assert image_thumb["width"] >= image_thumb["height"]
    assert image_thumb["width"] <= 800


def test_a_chinese_text_file_gets_a_thumbnail_in_chinese_glyphs(storage: Storage, space_id: str) -> None:
    """Two Chinese texts of one shape: drawn in boxes (no CJK font) their thumbnails are the same."""
    report = storage.upload(space_id, "季度报告.txt", CHINESE_TEXTS[0].encode())
    minutes = storage.upload(space_id, "会议纪要.txt", CHINESE_TEXTS[1].encode("gb18030"))
    ready = storage.wait_thumbnails(space_id, [report["id"], minutes["id"]])
    pictures = []
    for dentry in (report, minutes):
        response = requests.get(ready[dentry["id"]]["url"], timeout=10)
        assert response.status_code == 200, describe(response)
        pictures.append(open_image(response.content))
    assert differing_pixels(*pictures) > 100


def test_thumbnail_items_carry_ids(storage: Storage, space_id: str, supported: dict[str, Json]) -> None:
    dentry = supported["photo.png"]
    storage.wait_thumbnails(space_id, [dentry["id"]])
    (item,) = ok(storage.thumbnails(space_id, [dentry["id"]]))["resultItems"]
    assert item["success"] is True
    assert item["spaceId"] == space_id
    assert item["dentryId"] == dentry["id"]


def test_pending_or_ready_right_after_commit(storage: Storage, space_id: str) -> None:
    big = image_bytes("PNG", (4000, 3000), "navy")
    dentry = storage.upload(space_id, "big.png", big)
    item = _items(storage, space_id, [dentry["id"]])[dentry["id"]]
    if not item["success"]:
        assert item["errorCode"] == "thumbnailNotExist"
    storage.wait_thumbnails(space_id, [dentry["id"]], timeout=10)


def test_a_thumbnail_asked_for_goes_before_the_backlog(storage: Storage, space_id: str) -> None:
    """Files on someone's screen do not wait for every upload before them to be rendered."""
    big = image_bytes("PNG", (4000, 3000), "navy")  # ~0.15 s each to render
    backlog = [storage.upload(space_id, f"big {n}.png", big)["id"] for n in range(24)]
    wanted = storage.upload(space_id, "wanted.png", image_bytes("PNG"))["id"]

    _items(storage, space_id, [wanted])  # the window asks about what it shows
    storage.wait_thumbnails(space_id, [wanted], timeout=20)

    items = _items(storage, space_id, backlog)
    still_waiting = [dentry_id for dentry_id, item in items.items() if not item["success"]]
    assert still_waiting, "the thumbnail asked for was rendered only after the whole backlog"
    storage.wait_thumbnails(space_id, backlog, timeout=60)


def _office_converter(folder: Path, first: str = "") -> str:
    """A stand-in for soffice that runs the Python `first`, then "converts" to a one-page PDF."""
    pdf = folder / "page.pdf"
    pdf.write_bytes(image_bytes("PDF"))
    convert = (
        "outdir = args[args.index('--outdir') + 1]\n"
        f"shutil.copy({str(pdf)!r}, os.path.join(outdir, 'input.pdf'))\n"
    )
    return fake_soffice(folder, first + convert)


@pytest.mark.skipif(sys.platform == "win32", reason="the fake soffice is a POSIX script")
def test_office_documents_do_not_hold_up_other_thumbnails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice takes a second or more per document; pictures uploaded after them do not wait."""
    slow = _office_converter(tmp_path, "time.sleep(1.5)\n")
    monkeypatch.setattr(office_convert, "find_soffice", lambda: slow)
    with running_server(tmp_path / "service") as server:
        storage = connect(server)
        space_id = storage.new_space_id("office")
        documents = [storage.upload(space_id, f"plan {n}.docx", b"PK fake")["id"] for n in range(2)]
        picture = storage.upload(space_id, "photo.png", image_bytes("PNG"))["id"]

        storage.wait_thumbnails(space_id, [picture], timeout=20)
        waiting = [item for item in _items(storage, space_id, documents).values() if not item["success"]]
        assert len(waiting) == 2, "the picture waited for an office document"
        storage.wait_thumbnails(space_id, documents, timeout=20)


@pytest.mark.skipif(sys.platform == "win32", reason="the fake soffice is a POSIX script")
def test_stopping_cuts_a_long_conversion_short_and_it_is_made_after_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Closing the app must not wait a minute for LibreOffice; the thumbnail is not lost either."""
    started = tmp_path / "soffice-started"
    stuck = _office_converter(tmp_path, f"open({str(started)!r}, 'w').close()\ntime.sleep(60)\n")
    monkeypatch.setattr(office_convert, "find_soffice", lambda: stuck)
    data_dir = tmp_path / "service"
    with running_server(data_dir) as server:
        storage = connect(server)
        space_id = storage.new_space_id("office")
        document = storage.upload(space_id, "slides.pptx", b"PK fake")["id"]
        assert poll(started.exists, timeout=10)
        stopping = time.monotonic()
    assert time.monotonic() - stopping < 5

    quick = tmp_path / "quick"
    quick.mkdir()
    fast = _office_converter(quick)
    monkeypatch.setattr(office_convert, "find_soffice", lambda: fast)
    with running_server(data_dir) as server:
        storage = connect(server)
        storage.wait_thumbnails(space_id, [document], timeout=20)


def test_unsupported_and_unknown_items(storage: Storage, space_id: str, supported: dict[str, Json]) -> None:
    binary = storage.upload(space_id, "data.bin", _source("data.bin"))
    no_ext = storage.upload(space_id, "README", b"hello")
    folder = storage.add_folder(space_id, "folder")
    good = supported["photo.jpg"]
    storage.wait_thumbnails(space_id, [good["id"]])
    ids = [binary["id"], no_ext["id"], folder["id"], "987654", good["id"]]
    items = _items(storage, space_id, ids)
    for unsupported in (binary, no_ext, folder):
        item = items[unsupported["id"]]
        assert item["success"] is False, item
        assert item["errorCode"] == "dentryFormatNotSupport", item
        assert not item.get("thumbnail")
    assert items["987654"]["success"] is False
    assert items["987654"]["errorCode"] == "dentryNotExist"
    assert items[good["id"]]["success"] is True


def test_office_documents_without_soffice(storage: Storage, space_id: str) -> None:
    """Office thumbnails need soffice, which this machine lacks: never a thumbnail, never a 500."""
    doc = storage.upload(space_id, "report.docx", b"PK\x03\x04 not really a docx")
    item = _items(storage, space_id, [doc["id"]])[doc["id"]]
    assert item["success"] is False
    assert item["errorCode"] in {"dentryFormatNotSupport", "thumbnailNotExist"}


def test_broken_image_never_gets_a_thumbnail(storage: Storage, space_id: str) -> None:
    broken = storage.upload(space_id, "broken.png", b"\x89PNG\r\n\x1a\n garbage")
    good = storage.upload(space_id, "good.png", _source("photo.png"))
    storage.wait_thumbnails(space_id, [good["id"]])
    item = _items(storage, space_id, [broken["id"]])[broken["id"]]
    assert item["success"] is False
    assert item["errorCode"] in {"thumbnailNotExist", "dentryFormatNotSupport"}


def test_deleted_file_has_no_thumbnail(storage: Storage, space_id: str, supported: dict[str, Json]) -> None:
    dentry = supported["photo.png"]
    storage.wait_thumbnails(space_id, [dentry["id"]])
    storage.delete(space_id, dentry["id"], to_recycle_bin=False)
    item = _items(storage, space_id, [dentry["id"]])[dentry["id"]]
    assert item["success"] is False
    assert item["errorCode"] == "dentryNotExist"


def test_overwrite_renews_the_thumbnail(storage: Storage, space_id: str) -> None:
    dentry = storage.upload(space_id, "pic.png", image_bytes("PNG", (800, 600)))
    first = storage.wait_thumbnails(space_id, [dentry["id"]])[dentry["id"]]
    storage.upload(space_id, "pic.png", image_bytes("PNG", (300, 900)), conflict="OVERWRITE")

    def portrait() -> bool:
        items = ok(storage.thumbnails(space_id, [dentry["id"]]))["resultItems"]
        thumb = items[0].get("thumbnail") or {}
        return bool(items[0]["success"]) and thumb.get("height", 0) > thumb.get("width", 0)

    assert poll(portrait, timeout=10), "the thumbnail should follow the new content"
    assert first["width"] > first["height"]


def test_request_level_errors(storage: Storage, space_id: str) -> None:
    too_many = storage.thumbnails(space_id, [str(i) for i in range(31)])
    assert_param_error(too_many)
    thirty = ok(storage.thumbnails(space_id, [str(900000 + i) for i in range(30)]))
    assert len(thirty["resultItems"]) == 30
    denied = storage.as_user(OTHER_USER).thumbnails(space_id, ["1"])
    assert_error(denied, {400, 403}, "permissionDenied")
    for body in ({}, {"dentryIds": "1"}, {"dentryIds": [None]}):
        response = storage.call("POST", f"/v1.0/storage/spaces/{space_id}/thumbnails/query", json=body)
        assert_param_error(response)


@pytest.mark.parametrize("bad_space", ["987654321", "0", "abc", "1.5", "-3", "9" * 40])
def test_an_unknown_or_malformed_space_is_param_error_space_id(storage: Storage, bad_space: str) -> None:
    """Seed S000 documents paramError.spaceId (HTTP 400) for this call, not spaceNotExist."""
    assert_error(storage.thumbnails(bad_space, ["1"]), 400, "paramError.spaceId")


def test_thumbnail_url_needs_no_headers_but_resists_tampering(
    storage: Storage, space_id: str, supported: dict[str, Json]
) -> None:
    dentry = supported["photo.png"]
    url = storage.wait_thumbnails(space_id, [dentry["id"]])[dentry["id"]]["url"]
    plain = requests.get(url, timeout=10)
    assert plain.status_code == 200
    open_image(plain.content)
    tampered = requests.get(tamper_url(url), timeout=10)
    assert_error(tampered, 403, None)
    stripped = requests.get(url.split("?", 1)[0], timeout=10)
    assert stripped.status_code in {403, 404}, describe(stripped)


def test_thumbnail_url_of_one_file_does_not_open_another(
    storage: Storage, space_id: str, supported: dict[str, Json]
) -> None:
    png, jpg = supported["photo.png"], supported["photo.jpg"]
    ready = storage.wait_thumbnails(space_id, [png["id"], jpg["id"]])
    png_url, jpg_url = ready[png["id"]]["url"], ready[jpg["id"]]["url"]
    png_path, png_query = png_url.split("?", 1)
    jpg_path, jpg_query = jpg_url.split("?", 1)
    assert png_path != jpg_path or png_query != jpg_query
    if png_path != jpg_path:
        swapped = requests.get(f"{png_path}?{jpg_query}", timeout=10)
        assert_error(swapped, 403, None)


# --------------------------------------------------------------------------- withThumbnail


@pytest.mark.parametrize("flag", ["True", "true"])
def test_list_dentries_with_thumbnail(storage: Storage, space_id: str, flag: str) -> None:
    picture = storage.upload(space_id, "p.png", _source("photo.png"))
    text = storage.upload(space_id, "t.bin", b"binary")
    storage.wait_thumbnails(space_id, [picture["id"]])
    page = storage.list_page(space_id, ROOT, withThumbnail=flag)
    by_id = {d["id"]: d for d in page["dentries"]}
    thumb = by_id[picture["id"]]["thumbnail"]
    assert thumb["width"] > 0
    assert thumb["height"] > 0
    assert requests.get(thumb["url"], timeout=10).status_code == 200
    assert not by_id[text["id"]].get("thumbnail")


@pytest.mark.parametrize("flag", ["False", "false", None])
def test_list_dentries_without_thumbnail(storage: Storage, space_id: str, flag: str | None) -> None:
    picture = storage.upload(space_id, "p.png", _source("photo.png"))
    storage.wait_thumbnails(space_id, [picture["id"]])
    params = {} if flag is None else {"withThumbnail": flag}
    (dentry,) = storage.list_page(space_id, ROOT, **params)["dentries"]
    assert "thumbnail" not in dentry


def test_get_dentries_and_get_dentry_with_thumbnail(storage: Storage, space_id: str) -> None:
    picture = storage.upload(space_id, "p.png", _source("photo.png"))
    storage.wait_thumbnails(space_id, [picture["id"]])
    body = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/query",
            json={"dentryIds": [picture["id"]], "option": {"withThumbnail": True}},
        )
    )
    (item,) = body["resultItems"]
    assert item["dentry"]["thumbnail"]["width"] > 0
    without = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/query",
            json={"dentryIds": [picture["id"]], "option": {"withThumbnail": False}},
        )
    )
    assert "thumbnail" not in without["resultItems"][0]["dentry"]
    single = storage.get_dentry(space_id, picture["id"], {"withThumbnail": True})
    assert single["thumbnail"]["height"] > 0


def test_thumbnail_urls_expire_with_url_ttl(tmp_path: Path) -> None:
    with running_server(tmp_path / "short", url_ttl=1) as server:
        storage = connect(server)
        space_id = storage.new_space_id()
        dentry = storage.upload(space_id, "p.png", _source("photo.png"))
        url = storage.wait_thumbnails(space_id, [dentry["id"]])[dentry["id"]]["url"]
        time.sleep(1.6)
        assert_error(requests.get(url, timeout=10), 403, None)
        early_in_second()
        fresh = storage.wait_thumbnails(space_id, [dentry["id"]])[dentry["id"]]["url"]
        assert requests.get(fresh, timeout=10).status_code == 200


def _picture(mode: str, size: tuple[int, int], fmt: str) -> bytes:
    picture = Image.new(mode, size)
    if mode in {"RGBA", "LA"}:
        picture.putpixel((0, 0), (255, 0, 0, 128) if mode == "RGBA" else (128, 64))
    buffer = io.BytesIO()
    options: dict[str, object] = {"transparency": 0} if mode == "P" else {}
    picture.save(buffer, fmt, **options)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "mode", "size", "fmt"),
    [
        ("alpha.png", "RGBA", (300, 200), "PNG"),
        ("palette.gif", "P", (300, 200), "GIF"),
        ("gray-alpha.png", "LA", (300, 200), "PNG"),
        ("cmyk.jpg", "CMYK", (300, 200), "JPEG"),
        ("deep.png", "I;16", (300, 200), "PNG"),
        ("mono.bmp", "1", (300, 200), "BMP"),
        ("alpha.webp", "RGBA", (300, 200), "WEBP"),
        ("dot.png", "RGB", (1, 1), "PNG"),
        ("strip.png", "RGB", (4000, 2), "PNG"),
        ("UPPER.PNG", "RGB", (300, 200), "PNG"),
    ],
)
def test_unusual_images_get_thumbnails(
    storage: Storage, space_id: str, name: str, mode: str, size: tuple[int, int], fmt: str
) -> None:
    dentry = storage.upload(space_id, name, _picture(mode, size, fmt))
    thumbnail = storage.wait_thumbnails(space_id, [dentry["id"]])[dentry["id"]]
    response = requests.get(thumbnail["url"], timeout=10)
    assert response.status_code == 200
    picture = open_image(response.content)
    assert picture.size == (thumbnail["width"], thumbnail["height"])
    assert thumbnail["width"] >= 1
    assert thumbnail["height"] >= 1


def test_text_in_other_encodings_gets_a_thumbnail(storage: Storage, space_id: str) -> None:
    latin = storage.upload(space_id, "latin.txt", "café crème brûlée\n".encode("latin-1") * 20)
    binaryish = storage.upload(space_id, "odd.txt", bytes(range(256)) * 4)
    ready = storage.wait_thumbnails(space_id, [latin["id"], binaryish["id"]])
    for thumbnail in ready.values():
        open_image(requests.get(thumbnail["url"], timeout=10).content)


def test_corrupt_pdf_never_gets_a_thumbnail(storage: Storage, space_id: str) -> None:
    broken = storage.upload(space_id, "broken.pdf", b"%PDF-1.7\n garbage without objects")
    good = storage.upload(space_id, "good.pdf", _source("doc.pdf"))
    storage.wait_thumbnails(space_id, [good["id"]])
    item = _items(storage, space_id, [broken["id"]])[broken["id"]]
    assert item["success"] is False
    assert item["errorCode"] in {"thumbnailNotExist", "dentryFormatNotSupport"}
