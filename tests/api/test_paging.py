"""Listings that never end, and download addresses that are missing, end with one clear error.

The guard itself is pure; the pagers are driven over real HTTP against a small scripted service
that gives the same ``nextToken`` forever (the local service never would).
"""

from __future__ import annotations

from typing import Any

import pytest

from app.api import ApiError, StorageClient
from app.api.models import SignedRequest
from app.api.paging import MAX_REPEATS, PageGuard, check_child_folder
from tests.api.conftest import FAST_RETRY
from tests.support.scripted_service import (
    APP_KEY,
    APP_SECRET,
    UNION_ID,
    Request,
    dentry,
    not_found,
    scripted_service,
)

PAGES_BEFORE_GIVING_UP = 1 + 1 + MAX_REPEATS
"""The first page, the one that gave the token first, then the repeats the guard allows."""


def _client(url: str) -> StorageClient:
    return StorageClient(url, APP_KEY, APP_SECRET, UNION_ID, retry=FAST_RETRY)


def test_the_guard_follows_new_tokens_and_stops_at_the_last_page() -> None:
    guard = PageGuard("a folder")

    assert [guard.follow(token) for token in ("a", "b", "c")] == ["a", "b", "c"]
    assert guard.follow(None) is None
    assert PageGuard("x").follow("") is None


def test_the_guard_ends_a_token_that_keeps_coming_back() -> None:
    guard = PageGuard("the folder 'Photos'")
    followed = [guard.follow("same") for _ in range(1 + MAX_REPEATS)]

    with pytest.raises(ApiError) as raised:
        guard.follow("same")

    assert followed == ["same"] * (1 + MAX_REPEATS)
    assert raised.value.code == "listingLoop"
    assert raised.value.sentence.startswith("The storage service keeps listing the same entries: ")
    assert "the folder 'Photos' gave the same page token again 4 times" in raised.value.sentence


def test_tokens_that_alternate_are_a_loop_too() -> None:
    guard = PageGuard("a folder")

    with pytest.raises(ApiError, match="same page token"):
        _follow_all(guard, ["a", "b"] * 20)
    assert guard.pages == 2 + MAX_REPEATS + 1


def _follow_all(guard: PageGuard, tokens: list[str]) -> None:
    for token in tokens:
        guard.follow(token)


def test_a_folder_inside_itself_or_an_ancestor_is_refused() -> None:
    check_child_folder("5", ["0", "3"], "fine")
    for child in ("3", "0"):
        with pytest.raises(ApiError) as raised:
            check_child_folder(child, ["0", "3"], "Loop")
        assert raised.value.code == "listingLoop"
        assert "the folder 'Loop'" in raised.value.sentence


def _same_token_forever(request: Request) -> tuple[int, Any]:
    if request.path.endswith("/dentries") or request.path.endswith("/versions"):
        return 200, {"dentries": [dentry("11", "a.txt")], "nextToken": "stuck"}
    if request.path == "/v1.0/drive/spaces":
        return 200, {"spaces": [{"spaceId": "7", "spaceName": "S"}], "nextToken": "stuck"}
    if request.path.endswith("/recycleItems"):
        item = {"id": "31", "spaceId": "7", "dentryId": "11", "type": "FILE", "originalName": "a.txt"}
        return 200, {"recycleItems": [item], "nextToken": "stuck"}
    return not_found(request)


@pytest.mark.parametrize(
    ("name", "listing", "path_end"),
    [
        ("iter_dentries", lambda client: list(client.iter_dentries("7", "0")), "/dentries"),
        ("list_spaces", lambda client: client.list_spaces("org"), "/drive/spaces"),
        ("list_dentry_versions", lambda client: client.list_dentry_versions("7", "11"), "/versions"),
        ("list_recycle_items", lambda client: client.list_recycle_items("5"), "/recycleItems"),
    ],
)
def test_every_pager_ends_a_token_that_never_changes(name: str, listing: Any, path_end: str) -> None:
    with scripted_service(_same_token_forever) as service:
        with pytest.raises(ApiError) as raised:
            listing(_client(service.url))

        assert raised.value.code == "listingLoop", name
        assert len(service.calls(path_end)) == PAGES_BEFORE_GIVING_UP


def _no_addresses(request: Request) -> tuple[int, Any]:
    empty = {"resourceUrls": [], "headers": {"Authorization": "x"}, "expirationSeconds": 900}
    if request.path.endswith("/downloadInfos/query"):
        return 200, {"protocol": "HEADER_SIGNATURE", "headerSignatureInfo": empty}
    if request.path.endswith("/uploadInfos/query"):
        return 200, {"uploadKey": "k", "headerSignatureInfo": empty}
    if request.path.endswith("/multiPartUploadInfos/query"):
        return 200, {"multipartHeaderSignatureInfos": [{"partNumber": 1, "headerSignatureInfo": empty}]}
    return not_found(request)


def test_an_answer_without_resource_urls_is_a_clear_error() -> None:
    with scripted_service(_no_addresses) as service:
        client = _client(service.url)
        with pytest.raises(ApiError) as download:
            client.get_download_info("7", "11")
        with pytest.raises(ApiError) as upload:
            client.get_upload_info("7", "0", "a.txt", 5)
        with pytest.raises(ApiError) as part:
            client.get_multipart_upload_infos("k", [1])

    assert download.value.sentence == "The service gave no download address."
    assert upload.value.sentence == part.value.sentence == "The service gave no upload address."


def test_a_signed_request_needs_a_resource_url() -> None:
    for data in ({}, {"resourceUrls": []}, {"resourceUrls": [""]}, None):
        with pytest.raises(ApiError, match="no download address"):
            SignedRequest.parse(data)
