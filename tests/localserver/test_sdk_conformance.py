"""Conformance of the local storage service with the official DingTalk Python SDK.

Every control-plane call here goes through `alibabacloud-dingtalk` 2.2.65, unchanged, pointed at
the `server` fixture with ``Config(protocol="http", endpoint="127.0.0.1:PORT")``; the assertions
read the models the SDK parsed, so a field the SDK cannot see counts as missing. The data plane
(PUT/GET on signed URLs) has no SDK call and uses plain `requests`, as DingTalk's own samples do.
The wire contract is /work/shared/api/REFERENCE.md; section numbers below point into it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
import requests
from alibabacloud_dingtalk.drive_1_0 import client as drive_client
from alibabacloud_dingtalk.drive_1_0 import models as drive
from alibabacloud_dingtalk.oauth2_1_0 import client as oauth_client
from alibabacloud_dingtalk.oauth2_1_0 import models as oauth
from alibabacloud_dingtalk.storage_1_0 import client as storage_v1_client
from alibabacloud_dingtalk.storage_1_0 import models as v1
from alibabacloud_dingtalk.storage_2_0 import client as storage_v2_client
from alibabacloud_dingtalk.storage_2_0 import models as v2
from alibabacloud_tea_openapi.models import Config
from alibabacloud_tea_util.models import RuntimeOptions
from PIL import Image
from Tea.exceptions import TeaException

from app.localserver import LocalServer
from app.localserver.config import (
    DEFAULT_APP_KEY,
    DEFAULT_APP_SECRET,
    DEFAULT_UNION_ID,
    ServerConfig,
)

OTHER_UNION_ID = "someone-else"
PROTOCOL = "HEADER_SIGNATURE"
REGIONS = {"ZHANGJIAKOU", "SHENZHEN", "SHANGHAI", "SINGAPORE", "UNKNOWN"}
CATEGORIES = {"IMAGE", "VIDEO", "AUDIO", "ARCHIVE", "SHORTCUT", "DOCUMENT", "ALI_DOC", "OTHER"}
THUMBNAIL_WAIT_SECONDS = 10.0
MISSING_ID = "987654321"


# --------------------------------------------------------------------------------------------
# SDK plumbing
# --------------------------------------------------------------------------------------------


def sdk_config(server_url: str) -> Config:
    """The configuration every SDK client gets: plain HTTP to the local service."""
    return Config(protocol="http", endpoint=urlsplit(server_url).netloc)


def fetch_token(
    server_url: str, app_key: str = DEFAULT_APP_KEY, app_secret: str = DEFAULT_APP_SECRET
) -> oauth.GetAccessTokenResponseBody:
    """oauth GetAccessToken through the SDK (§5)."""
    client = oauth_client.Client(sdk_config(server_url))
    request = oauth.GetAccessTokenRequest(app_key=app_key, app_secret=app_secret)
    return client.get_access_token_with_options(request, {}, RuntimeOptions()).body


@dataclass
class Sdk:
    """The four SDK clients, one access token and one operator unionId."""

    server_url: str
    token: str | None
    union_id: str = DEFAULT_UNION_ID
    runtime: RuntimeOptions = field(default_factory=RuntimeOptions)

    def __post_init__(self) -> None:
        self.v1 = storage_v1_client.Client(sdk_config(self.server_url))
        self.v2 = storage_v2_client.Client(sdk_config(self.server_url))
        self.drive = drive_client.Client(sdk_config(self.server_url))

    def as_user(self, union_id: str) -> Sdk:
        """The same token acting for another unionId."""
        return Sdk(self.server_url, self.token, union_id)

    def headers(self, headers_class: type) -> Any:
        """A per-operation headers model carrying the token (or none, when `token` is None)."""
        return headers_class(x_acs_dingtalk_access_token=self.token)

    # ---- spaces ------------------------------------------------------------------------

    def add_space(self, name: str, owner_type: str = "USER") -> v1.AddSpaceResponseBodySpace:
        request = v1.AddSpaceRequest(
            union_id=self.union_id,
            option=v1.AddSpaceRequestOption(name=name, owner_type=owner_type),
        )
        response = self.v1.add_space_with_options(request, self.headers(v1.AddSpaceHeaders), self.runtime)
        return response.body.space

    def get_space(self, space_id: str) -> v1.GetSpaceResponse:
        return self.v1.get_space_with_options(
            space_id,
            v1.GetSpaceRequest(union_id=self.union_id),
            self.headers(v1.GetSpaceHeaders),
            self.runtime,
        )

    def list_spaces(self, space_type: str) -> drive.ListSpacesResponseBody:
        request = drive.ListSpacesRequest(union_id=self.union_id, space_type=space_type, max_results=50)
        return self.drive.list_spaces_with_options(
            request, self.headers(drive.ListSpacesHeaders), self.runtime
        ).body

    # ---- dentries ----------------------------------------------------------------------

    def add_folder(
        self, space_id: str, name: str, parent_id: str = "0", strategy: str | None = None
    ) -> v1.AddFolderResponseBodyDentry:
        option = v1.AddFolderRequestOption(conflict_strategy=strategy) if strategy else None
        request = v1.AddFolderRequest(name=name, option=option, union_id=self.union_id)
        response = self.v1.add_folder_with_options(
            space_id, parent_id, request, self.headers(v1.AddFolderHeaders), self.runtime
        )
        return response.body.dentry

    def get_dentry(
        self, space_id: str, dentry_id: str, *, with_thumbnail: bool | None = None
    ) -> v1.GetDentryResponseBodyDentry:
        option = (
            v1.GetDentryRequestOption(with_thumbnail=with_thumbnail) if with_thumbnail is not None else None
        )
        request = v1.GetDentryRequest(option=option, union_id=self.union_id)
        response = self.v1.get_dentry_with_options(
            space_id, dentry_id, request, self.headers(v1.GetDentryHeaders), self.runtime
        )
        return response.body.dentry

    def get_dentries(
        self, space_id: str, dentry_ids: list[str]
    ) -> list[v1.GetDentriesResponseBodyResultItems]:
        request = v1.GetDentriesRequest(dentry_ids=dentry_ids, union_id=self.union_id)
        response = self.v1.get_dentries_with_options(
            space_id, request, self.headers(v1.GetDentriesHeaders), self.runtime
        )
        return response.body.result_items

    def list_page(
        self,
        space_id: str,
        parent_id: str = "0",
        *,
        max_results: int | None = None,
        next_token: str | None = None,
        order_by: str | None = None,
        order: str | None = None,
        with_thumbnail: bool | None = None,
    ) -> v1.ListDentriesResponseBody:
        request = v1.ListDentriesRequest(
            parent_id=parent_id,
            union_id=self.union_id,
            max_results=max_results,
            next_token=next_token,
            order_by=order_by,
            order=order,
            with_thumbnail=with_thumbnail,
        )
        return self.v1.list_dentries_with_options(
            space_id, request, self.headers(v1.ListDentriesHeaders), self.runtime
        ).body

    def list_children(
        self, space_id: str, parent_id: str = "0", **kwargs: Any
    ) -> list[v1.ListDentriesResponseBodyDentries]:
        """Every entry of a folder, following `nextToken`."""
        entries: list[v1.ListDentriesResponseBodyDentries] = []
        token: str | None = None
        for _ in range(100):
            page = self.list_page(space_id, parent_id, next_token=token, **kwargs)
            entries.extend(page.dentries or [])
            token = page.next_token
            if not token:
                return entries
        raise AssertionError("ListDentries never stopped returning a nextToken")

    # ---- upload / download ---------------------------------------------------------------

    def upload_info_v1(
        self, space_id: str, size: int, parent_id: str = "0"
    ) -> v1.GetFileUploadInfoResponseBody:
        request = v1.GetFileUploadInfoRequest(
            union_id=self.union_id,
            protocol=PROTOCOL,
            multipart=False,
            option=v1.GetFileUploadInfoRequestOption(
                storage_driver="DINGTALK",
                pre_check_param=v1.GetFileUploadInfoRequestOptionPreCheckParam(
                    parent_id=parent_id, size=size
                ),
            ),
        )
        return self.v1.get_file_upload_info_with_options(
            space_id, request, self.headers(v1.GetFileUploadInfoHeaders), self.runtime
        ).body

    def stage_v1(self, space_id: str, data: bytes, parent_id: str = "0") -> str:
        """GetFileUploadInfo v1 plus the PUT; returns the upload key, ready to commit."""
        info = self.upload_info_v1(space_id, len(data), parent_id)
        put_bytes(info.header_signature_info, data)
        return info.upload_key

    def commit_v1(
        self,
        space_id: str,
        upload_key: str,
        name: str,
        parent_id: str = "0",
        *,
        size: int | None = None,
        strategy: str | None = None,
        app_properties: list[tuple[str, str, str]] | None = None,
    ) -> v1.CommitFileResponseBodyDentry:
        option = None
        if size is not None or strategy is not None or app_properties is not None:
            option = v1.CommitFileRequestOption(
                size=size,
                conflict_strategy=strategy,
                app_properties=[
                    v1.CommitFileRequestOptionAppProperties(name=n, value=v, visibility=vis)
                    for n, v, vis in app_properties or []
                ],
            )
        request = v1.CommitFileRequest(
            upload_key=upload_key,
            name=name,
            parent_id=parent_id,
            option=option,
            union_id=self.union_id,
        )
        response = self.v1.commit_file_with_options(
            space_id, request, self.headers(v1.CommitFileHeaders), self.runtime
        )
        return response.body.dentry

    def upload_v1(
        self,
        space_id: str,
        name: str,
        data: bytes,
        parent_id: str = "0",
        *,
        strategy: str | None = None,
        app_properties: list[tuple[str, str, str]] | None = None,
    ) -> v1.CommitFileResponseBodyDentry:
        """Upload info, PUT, commit (v1) with the size check on."""
        upload_key = self.stage_v1(space_id, data, parent_id)
        return self.commit_v1(
            space_id,
            upload_key,
            name,
            parent_id,
            size=len(data),
            strategy=strategy,
            app_properties=app_properties,
        )

    def stage_v2(self, parent_uuid: str, data: bytes) -> str:
        request = v2.GetFileUploadInfoRequest(
            union_id=self.union_id,
            protocol=PROTOCOL,
            option=v2.GetFileUploadInfoRequestOption(
                storage_driver="DINGTALK",
                pre_check_param=v2.GetFileUploadInfoRequestOptionPreCheckParam(size=len(data)),
            ),
        )
        info = self.v2.get_file_upload_info_with_options(
            parent_uuid, request, self.headers(v2.GetFileUploadInfoHeaders), self.runtime
        ).body
        put_bytes(info.header_signature_info, data)
        return info.upload_key

    def commit_v2(
        self,
        parent_uuid: str,
        upload_key: str,
        name: str,
        *,
        size: int | None = None,
        strategy: str | None = None,
        app_properties: list[tuple[str, str, str]] | None = None,
    ) -> v2.CommitFileResponseBodyDentry:
        option = v2.CommitFileRequestOption(
            size=size,
            conflict_strategy=strategy,
            app_properties=[
                v2.CommitFileRequestOptionAppProperties(name=n, value=v, visibility=vis)
                for n, v, vis in app_properties or []
            ],
        )
        request = v2.CommitFileRequest(
            upload_key=upload_key, name=name, option=option, union_id=self.union_id
        )
        response = self.v2.commit_file_with_options(
            parent_uuid, request, self.headers(v2.CommitFileHeaders), self.runtime
        )
        return response.body.dentry

    def download_info(
        self, space_id: str, dentry_id: str, version: int | None = None
    ) -> v1.GetFileDownloadInfoResponseBody:
        option = v1.GetFileDownloadInfoRequestOption(version=version) if version else None
        request = v1.GetFileDownloadInfoRequest(option=option, union_id=self.union_id)
        return self.v1.get_file_download_info_with_options(
            space_id, dentry_id, request, self.headers(v1.GetFileDownloadInfoHeaders), self.runtime
        ).body

    def download(self, space_id: str, dentry_id: str, version: int | None = None) -> bytes:
        info = self.download_info(space_id, dentry_id, version)
        response = signed_get(info.header_signature_info)
        assert response.status_code == 200, response.text
        return response.content

    def delete(self, space_id: str, dentry_id: str, *, to_recycle_bin: bool) -> None:
        request = v1.DeleteDentryRequest(to_recycle_bin=to_recycle_bin, union_id=self.union_id)
        response = self.v1.delete_dentry_with_options(
            space_id, dentry_id, request, self.headers(v1.DeleteDentryHeaders), self.runtime
        )
        assert response.status_code == 200
        assert not response.body.async_

    def thumbnails(
        self, space_id: str, dentry_ids: list[str]
    ) -> list[v1.GetDentryThumbnailsResponseBodyResultItems]:
        request = v1.GetDentryThumbnailsRequest(dentry_ids=dentry_ids, union_id=self.union_id)
        response = self.v1.get_dentry_thumbnails_with_options(
            space_id, request, self.headers(v1.GetDentryThumbnailsHeaders), self.runtime
        )
        return response.body.result_items


def put_bytes(signature_info: Any, data: bytes, extra: dict[str, str] | None = None) -> None:
    """PUT `data` to the first signed URL with every returned header (§6)."""
    headers = dict(signature_info.headers or {})
    headers.update(extra or {})
    response = requests.put(signature_info.resource_urls[0], data=data, headers=headers, timeout=30)
    assert response.status_code == 200, response.text


def signed_get(signature_info: Any, extra: dict[str, str] | None = None) -> requests.Response:
    """GET the first signed URL with every returned header (§6)."""
    headers = dict(signature_info.headers or {})
    headers.update(extra or {})
    return requests.get(signature_info.resource_urls[0], headers=headers, timeout=30)


def expect_error(
    call: Callable[[], object], code: str, statuses: set[int], *, or_subcode: bool = False
) -> TeaException:
    """Run an SDK call that must fail and check what the SDK made of the error body (§2).

    With `or_subcode`, ``<code>.<field>`` (e.g. ``paramError.dentryIds``, §8) is accepted too.
    """
    with pytest.raises(TeaException) as caught:
        call()
    error = caught.value
    if or_subcode:
        assert error.code == code or error.code.startswith(f"{code}."), error.message
    else:
        assert error.code == code, f"{error.code}: {error.message}"
    # `.statusCode` exists only when the error body was a JSON object.
    assert getattr(error, "statusCode", None) in statuses, error.message
    # The body carried the lower-case `requestid` the SDK reads.
    assert error.data.get("requestid"), error.data
    assert not error.message.endswith("request id: None")
    return error


def sample_png(width: int = 64, height: int = 48) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def sample_pdf() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 160), (30, 30, 200)).save(buffer, format="PDF")
    return buffer.getvalue()


def payload(size: int, seed: int = 0) -> bytes:
    """Deterministic, non-repeating-looking bytes."""
    block = hashlib.sha256(str(seed).encode()).digest()
    return (block * (size // len(block) + 1))[:size]


# --------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------


@pytest.fixture
def sdk(server: LocalServer) -> Sdk:
    """SDK clients holding a token fetched through the SDK's own oauth call."""
    return Sdk(server.url, fetch_token(server.url).access_token)


@pytest.fixture
def space_id(sdk: Sdk) -> str:
    """A fresh personal space of the default user."""
    return sdk.add_space("Conformance").id


# --------------------------------------------------------------------------------------------
# oauth and authentication
# --------------------------------------------------------------------------------------------


def test_get_access_token(server: LocalServer) -> None:
    body = fetch_token(server.url)
    assert isinstance(body.access_token, str)
    assert body.access_token
    assert body.expire_in == server.config.token_ttl == 7200
    # The token is good for a storage call.
    space = Sdk(server.url, body.access_token).add_space("token check")
    assert space.id


def test_get_access_token_with_wrong_secret(server: LocalServer) -> None:
    with pytest.raises(TeaException) as caught:
        fetch_token(server.url, app_secret="not-the-secret")
    assert caught.value.statusCode == 400
    assert caught.value.code not in (None, "None")
    assert caught.value.data.get("requestid")


def test_storage_calls_without_a_valid_token(sdk: Sdk, space_id: str) -> None:
    for token in ("not-a-token", None):
        intruder = Sdk(sdk.server_url, token)
        expect_error(lambda c=intruder: c.get_space(space_id), "InvalidAuthentication", {400})
        expect_error(lambda c=intruder: c.add_folder(space_id, "nope"), "InvalidAuthentication", {400})
        expect_error(lambda c=intruder: c.list_page(space_id), "InvalidAuthentication", {400})
    # Nothing was created by the rejected calls.
    assert sdk.list_children(space_id) == []


@pytest.fixture
def short_token_server(server_config: ServerConfig) -> Iterator[LocalServer]:
    with LocalServer(dataclasses.replace(server_config, token_ttl=1)) as running:
        yield running


def test_expired_token_is_invalid_authentication(short_token_server: LocalServer) -> None:
    body = fetch_token(short_token_server.url)
    assert body.expire_in == 1
    client = Sdk(short_token_server.url, body.access_token)
    space = client.add_space("short-lived")
    time.sleep(2.1)
    expect_error(lambda: client.get_space(space.id), "InvalidAuthentication", {400})


# --------------------------------------------------------------------------------------------
# Spaces
# --------------------------------------------------------------------------------------------


def test_add_space_and_get_space(sdk: Sdk) -> None:
    added = sdk.add_space("My files", owner_type="USER")
    assert added.id.isdigit()
    assert added.name == "My files"
    assert added.owner_type == "USER"

    response = sdk.get_space(added.id)
    assert response.status_code == 200
    # The SDK hands response headers through, lower-cased; the real service sends a request id (§12).
    assert response.headers.get("x-acs-request-id")
    space = response.body.space
    assert space.id == added.id
    assert space.name == "My files"
    assert space.owner_type == "USER"
    assert isinstance(space.quota, int)
    assert isinstance(space.used_quota, int)

    org = sdk.add_space("Team", owner_type="ORG")
    assert org.id.isdigit()
    assert org.id != added.id


def test_list_spaces_by_type(sdk: Sdk) -> None:
    personal = sdk.add_space("Mine", owner_type="USER")
    team = sdk.add_space("Team", owner_type="ORG")
    foreign = sdk.as_user(OTHER_UNION_ID).add_space("Theirs", owner_type="USER")

    personal_list = sdk.list_spaces("personal").spaces
    by_id = {s.space_id: s for s in personal_list}
    assert personal.id in by_id
    assert by_id[personal.id].space_name == "Mine"
    assert by_id[personal.id].space_type == "personal"
    assert team.id not in by_id
    assert foreign.id not in by_id  # another user's personal space

    org_list = sdk.list_spaces("org").spaces
    org_by_id = {s.space_id: s for s in org_list}
    assert team.id in org_by_id
    assert org_by_id[team.id].space_type == "org"
    assert org_by_id[team.id].space_name == "Team"
    assert personal.id not in org_by_id


def test_space_errors(sdk: Sdk, space_id: str) -> None:
    expect_error(lambda: sdk.get_space(MISSING_ID), "spaceNotExist", {404})
    # Another unionId may not read the default user's personal space...
    other = sdk.as_user(OTHER_UNION_ID)
    expect_error(lambda: other.get_space(space_id), "permissionDenied", {400, 403})
    expect_error(lambda: other.list_page(space_id), "permissionDenied", {400, 403})
    # ...and the default user may not read theirs.
    foreign = other.add_space("Theirs").id
    expect_error(lambda: sdk.get_space(foreign), "permissionDenied", {400, 403})


# --------------------------------------------------------------------------------------------
# Folders, GetDentry, GetDentries
# --------------------------------------------------------------------------------------------


def test_add_folder_and_get_dentry(sdk: Sdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "Projects")
    assert folder.type == "FOLDER"
    assert folder.name == "Projects"
    assert folder.parent_id == "0"
    assert folder.space_id == space_id
    assert folder.status == "NORMAL"
    assert folder.id
    assert folder.uuid
    assert folder.size is None  # folders carry no size (S002)

    child = sdk.add_folder(space_id, "2024", parent_id=folder.id)
    assert child.parent_id == folder.id
    assert child.id != folder.id
    assert child.uuid != folder.uuid

    got = sdk.get_dentry(space_id, child.id)
    assert got.id == child.id
    assert got.name == "2024"
    assert got.type == "FOLDER"
    assert got.parent_id == folder.id
    assert got.uuid == child.uuid
    assert got.creator_id == DEFAULT_UNION_ID

    names = [d.name for d in sdk.list_children(space_id, folder.id)]
    assert names == ["2024"]


def test_add_folder_return_error_if_exists(sdk: Sdk, space_id: str) -> None:
    sdk.add_folder(space_id, "Dup")
    expect_error(
        lambda: sdk.add_folder(space_id, "Dup", strategy="RETURN_ERROR_IF_EXISTS"),
        "dentryNameConflict",
        {400},
    )


def test_get_dentry_errors(sdk: Sdk, space_id: str) -> None:
    file = sdk.upload_v1(space_id, "private.txt", b"secret")
    expect_error(lambda: sdk.get_dentry(space_id, MISSING_ID), "dentryNotExist", {400, 404})
    expect_error(lambda: sdk.get_dentry(MISSING_ID, file.id), "spaceNotExist", {404})
    expect_error(lambda: sdk.list_page(MISSING_ID), "spaceNotExist", {404})
    expect_error(lambda: sdk.download_info(space_id, MISSING_ID), "dentryNotExist", {404})  # S003: 404
    other = sdk.as_user(OTHER_UNION_ID)
    expect_error(lambda: other.get_dentry(space_id, file.id), "permissionDenied", {400, 403})
    expect_error(lambda: other.download_info(space_id, file.id), "permissionDenied", {403})


def test_get_dentries_batch(sdk: Sdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "Docs")
    file = sdk.upload_v1(space_id, "a.txt", b"alpha", parent_id=folder.id)
    items = sdk.get_dentries(space_id, [file.id, MISSING_ID, folder.id])
    assert [item.dentry_id for item in items] == [file.id, MISSING_ID, folder.id]

    found, missing, found_folder = items
    assert found.success is True
    assert found.space_id == space_id
    assert found.dentry.name == "a.txt"
    assert found.dentry.size == 5
    assert found.dentry.type == "FILE"
    assert found.dentry.parent_id == folder.id
    assert found.dentry.status == "NORMAL"

    assert missing.success is False
    assert missing.error_code == "dentryNotExist"
    assert missing.dentry is None

    assert found_folder.success is True
    assert found_folder.dentry.type == "FOLDER"
    assert found_folder.dentry.size is None


@pytest.mark.parametrize("bad_space", [MISSING_ID, "abc"])
def test_thumbnails_of_an_unknown_space_is_param_error_space_id(
    sdk: Sdk, space_id: str, bad_space: str
) -> None:
    """S000's GetDentryThumbnails documents paramError.spaceId, with HTTP 400."""
    file = sdk.upload_v1(space_id, "t.png", sample_png())
    expect_error(lambda: sdk.thumbnails(bad_space, [file.id]), "paramError.spaceId", {400})


def test_more_than_30_ids_is_param_error(sdk: Sdk, space_id: str) -> None:
    ids = [str(n) for n in range(1, 32)]
    expect_error(lambda: sdk.get_dentries(space_id, ids), "paramError", {400})
    expect_error(lambda: sdk.thumbnails(space_id, ids), "paramError", {400}, or_subcode=True)
    # Exactly 30 is allowed; each unknown id fails on its own.
    items = sdk.get_dentries(space_id, ids[:30])
    assert len(items) == 30
    assert all(item.success is False for item in items)


# --------------------------------------------------------------------------------------------
# Upload, commit, download
# --------------------------------------------------------------------------------------------


def test_upload_commit_list_download_round_trip(server: LocalServer, sdk: Sdk, space_id: str) -> None:
    data = payload(300_000, seed=1)
    name = "报告 1.bin"
    request = v1.GetFileUploadInfoRequest(
        union_id=sdk.union_id,
        protocol=PROTOCOL,
        multipart=False,
        option=v1.GetFileUploadInfoRequestOption(
            storage_driver="DINGTALK",
            prefer_intranet=False,
            pre_check_param=v1.GetFileUploadInfoRequestOptionPreCheckParam(
                md_5=hashlib.md5(data).hexdigest(), name=name, parent_id="0", size=len(data)
            ),
        ),
    )
    info = sdk.v1.get_file_upload_info_with_options(
        space_id, request, sdk.headers(v1.GetFileUploadInfoHeaders), sdk.runtime
    ).body
    assert info.upload_key
    assert info.protocol == PROTOCOL
    signature = info.header_signature_info
    assert signature.resource_urls
    assert signature.resource_urls[0].startswith(server.url)
    assert isinstance(signature.headers, dict)
    assert signature.expiration_seconds == server.config.url_ttl
    assert signature.region in REGIONS

    put_bytes(signature, data)
    committed = sdk.commit_v1(space_id, info.upload_key, name, size=len(data))
    assert committed.name == name
    assert committed.type == "FILE"
    assert committed.size == len(data)
    assert committed.extension == "bin"
    assert committed.version == 1
    assert committed.status == "NORMAL"
    assert committed.parent_id == "0"
    assert committed.space_id == space_id
    assert committed.creator_id == DEFAULT_UNION_ID
    assert committed.modifier_id == DEFAULT_UNION_ID
    assert committed.uuid
    assert committed.create_time
    assert committed.modified_time
    assert committed.category in CATEGORIES

    listed = sdk.list_children(space_id)
    assert [(d.id, d.name, d.size, d.type) for d in listed] == [(committed.id, name, len(data), "FILE")]

    download = sdk.download_info(space_id, committed.id)
    assert download.protocol == PROTOCOL
    assert download.header_signature_info.expiration_seconds == server.config.url_ttl
    assert download.header_signature_info.region in REGIONS
    full = signed_get(download.header_signature_info)
    assert full.status_code == 200
    assert full.content == data

    partial = signed_get(download.header_signature_info, {"Range": "bytes=100-199"})
    assert partial.status_code == 206
    assert partial.content == data[100:200]


def test_upload_v2_into_a_folder(sdk: Sdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "Inbox")
    data = b"hello from v2\n"
    upload_key = sdk.stage_v2(folder.uuid, data)
    dentry = sdk.commit_v2(folder.uuid, upload_key, "v2.txt", size=len(data))
    assert dentry.name == "v2.txt"
    assert dentry.parent_id == folder.id
    assert dentry.space_id == space_id
    assert dentry.size == len(data)
    assert dentry.version == 1
    assert dentry.type == "FILE"
    assert dentry.extension == "txt"
    assert [d.id for d in sdk.list_children(space_id, folder.id)] == [dentry.id]
    assert sdk.download(space_id, dentry.id) == data


def test_multipart_upload_with_three_parts(sdk: Sdk, space_id: str) -> None:
    parts = [payload(256 * 1024, seed=1), payload(256 * 1024, seed=2), payload(1000, seed=3)]
    data = b"".join(parts)
    init = sdk.v1.init_multipart_file_upload_with_options(
        space_id,
        v1.InitMultipartFileUploadRequest(
            union_id=sdk.union_id,
            option=v1.InitMultipartFileUploadRequestOption(
                storage_driver="DINGTALK",
                pre_check_param=v1.InitMultipartFileUploadRequestOptionPreCheckParam(
                    name="big.bin", parent_id="0", size=len(data)
                ),
            ),
        ),
        sdk.headers(v1.InitMultipartFileUploadHeaders),
        sdk.runtime,
    ).body
    assert init.upload_key

    infos = sdk.v1.get_multipart_file_upload_infos_with_options(
        v1.GetMultipartFileUploadInfosRequest(
            upload_key=init.upload_key, part_numbers=[1, 2, 3], union_id=sdk.union_id
        ),
        sdk.headers(v1.GetMultipartFileUploadInfosHeaders),
        sdk.runtime,
    ).body.multipart_header_signature_infos
    assert sorted(info.part_number for info in infos) == [1, 2, 3]
    by_number = {info.part_number: info.header_signature_info for info in infos}
    assert len({tuple(s.resource_urls) for s in by_number.values()}) == 3  # one URL per part
    # Upload out of order: the part number, not the arrival order, places the bytes.
    for number in (3, 1, 2):
        put_bytes(by_number[number], parts[number - 1])

    dentry = sdk.commit_v1(space_id, init.upload_key, "big.bin", size=len(data))
    assert dentry.name == "big.bin"
    assert dentry.size == len(data)
    assert sdk.download(space_id, dentry.id) == data


def test_commit_with_unknown_upload_key_is_param_error(sdk: Sdk, space_id: str) -> None:
    # S004 names paramError.uploadKey; plain paramError is accepted too.
    expect_error(
        lambda: sdk.commit_v1(space_id, "no-such-upload-key", "ghost.txt"),
        "paramError",
        {400},
        or_subcode=True,
    )
    assert sdk.list_children(space_id) == []


def test_commit_trims_spaces_in_the_name(sdk: Sdk, space_id: str) -> None:
    dentry = sdk.upload_v1(space_id, "  padded name.txt  ", b"x")
    assert dentry.name == "padded name.txt"


@pytest.mark.parametrize(
    "name",
    ["star*.txt", 'quote".txt', "less<.txt", "more>.txt", "pipe|.txt", "tab\t.txt", "dot."],
)
def test_commit_rejects_illegal_names(sdk: Sdk, space_id: str, name: str) -> None:
    data = b"content"
    upload_key = sdk.stage_v1(space_id, data)
    expect_error(
        lambda: sdk.commit_v1(space_id, upload_key, name, size=len(data)),
        "dentryNameIllegal",
        {400},
    )
    folder = sdk.add_folder(space_id, "v2")
    upload_key = sdk.stage_v2(folder.uuid, data)
    expect_error(
        lambda: sdk.commit_v2(folder.uuid, upload_key, name, size=len(data)),
        "dentryNameIllegal",
        {400},
    )
    assert [d.name for d in sdk.list_children(space_id)] == ["v2"]


def test_commit_with_wrong_size_is_param_error(sdk: Sdk, space_id: str) -> None:
    data = b"0123456789"
    upload_key = sdk.stage_v1(space_id, data)
    expect_error(
        lambda: sdk.commit_v1(space_id, upload_key, "sized.txt", size=len(data) + 1),
        "paramError",
        {400},
    )
    assert sdk.list_children(space_id) == []


def test_conflict_auto_rename(sdk: Sdk, space_id: str) -> None:
    first = sdk.upload_v1(space_id, "report.txt", b"1")
    # No strategy given: AUTO_RENAME is the default (S004).
    second = sdk.upload_v1(space_id, "report.txt", b"22")
    third = sdk.upload_v1(space_id, "report.txt", b"333", strategy="AUTO_RENAME")
    assert first.name == "report.txt"
    assert second.name == "report (1).txt"
    assert third.name == "report (2).txt"
    assert len({first.id, second.id, third.id}) == 3
    listed = {d.name: d.size for d in sdk.list_children(space_id)}
    assert listed == {"report.txt": 1, "report (1).txt": 2, "report (2).txt": 3}


def test_conflict_overwrite_then_versions(sdk: Sdk, space_id: str) -> None:
    original = sdk.upload_v1(space_id, "notes.txt", b"version one")
    replaced = sdk.upload_v1(space_id, "notes.txt", b"version two, longer", strategy="OVERWRITE")
    assert replaced.id == original.id
    assert replaced.name == "notes.txt"
    assert replaced.version == original.version + 1 == 2
    assert replaced.size == len(b"version two, longer")
    assert [d.id for d in sdk.list_children(space_id)] == [original.id]
    assert sdk.download(space_id, original.id) == b"version two, longer"

    response = sdk.v1.list_dentry_versions_with_options(
        space_id,
        original.id,
        v1.ListDentryVersionsRequest(union_id=sdk.union_id, max_results=10),
        sdk.headers(v1.ListDentryVersionsHeaders),
        sdk.runtime,
    )
    versions = {d.version: d for d in response.body.dentries}
    assert {1, 2} <= set(versions)
    assert versions[1].size == len(b"version one")
    assert versions[2].size == len(b"version two, longer")
    assert all(d.id == original.id for d in versions.values())
    # GetFileDownloadInfo option.version reads an older version (§5).
    assert sdk.download(space_id, original.id, version=1) == b"version one"


def test_conflict_return_dentry_if_exists(sdk: Sdk, space_id: str) -> None:
    original = sdk.upload_v1(space_id, "keep.txt", b"original")
    again = sdk.upload_v1(space_id, "keep.txt", b"ignored", strategy="RETURN_DENTRY_IF_EXISTS")
    assert again.id == original.id
    assert again.version == 1
    assert again.size == len(b"original")
    assert sdk.download(space_id, original.id) == b"original"
    assert len(sdk.list_children(space_id)) == 1


def test_conflict_return_error_if_exists(sdk: Sdk, space_id: str) -> None:
    sdk.upload_v1(space_id, "once.txt", b"original")
    upload_key = sdk.stage_v1(space_id, b"second")
    expect_error(
        lambda: sdk.commit_v1(space_id, upload_key, "once.txt", size=6, strategy="RETURN_ERROR_IF_EXISTS"),
        "dentryNameConflict",
        {400},
    )
    folder = sdk.add_folder(space_id, "sub")
    sdk.commit_v2(folder.uuid, sdk.stage_v2(folder.uuid, b"a"), "twice.txt", size=1)
    upload_key = sdk.stage_v2(folder.uuid, b"b")
    expect_error(
        lambda: sdk.commit_v2(
            folder.uuid, upload_key, "twice.txt", size=1, strategy="RETURN_ERROR_IF_EXISTS"
        ),
        "dentryNameConflict",
        {400},
    )
    # The refused commits left the originals alone.
    by_name = {d.name: d for d in sdk.list_children(space_id)}
    assert set(by_name) == {"once.txt", "sub"}
    assert sdk.download(space_id, by_name["once.txt"].id) == b"original"
    assert [d.name for d in sdk.list_children(space_id, folder.id)] == ["twice.txt"]


def test_app_properties(sdk: Sdk, space_id: str) -> None:
    properties = [("color", "red", "PUBLIC"), ("owner", "team-a", "PRIVATE")]
    dentry = sdk.upload_v1(space_id, "tagged.txt", b"t", app_properties=properties)
    # SDK bug (§2, §9.3): the SDK keys every appProperties entry under the literal "k", so the
    # owner id the service sent is lost; assert on what an SDK user really gets.
    assert list(dentry.app_properties) == ["k"]
    got = {(p.name, p.value, p.visibility) for p in dentry.app_properties["k"]}
    assert got == set(properties)

    fetched = sdk.get_dentry(space_id, dentry.id)
    assert list(fetched.app_properties) == ["k"]
    assert {(p.name, p.value, p.visibility) for p in fetched.app_properties["k"]} == set(properties)

    # A file committed without properties: the SDK always sends "appProperties": [] (§9.4).
    plain = sdk.upload_v1(space_id, "plain.txt", b"p")
    assert not plain.app_properties.get("k")

    # v2: at most 3 properties (S004).
    folder = sdk.add_folder(space_id, "v2")
    too_many = [(f"p{n}", "v", "PUBLIC") for n in range(4)]
    upload_key = sdk.stage_v2(folder.uuid, b"x")
    expect_error(
        lambda: sdk.commit_v2(folder.uuid, upload_key, "many.txt", size=1, app_properties=too_many),
        "paramError",
        {400},
        or_subcode=True,
    )
    three = too_many[:3]
    ok = sdk.commit_v2(
        folder.uuid, sdk.stage_v2(folder.uuid, b"x"), "three.txt", size=1, app_properties=three
    )
    assert {(p.name, p.value, p.visibility) for p in ok.app_properties["k"]} == set(three)


# --------------------------------------------------------------------------------------------
# Listing
# --------------------------------------------------------------------------------------------


def test_paging_through_120_entries(sdk: Sdk, space_id: str) -> None:
    parent = sdk.add_folder(space_id, "many")
    expected = [f"entry-{n:03d}" for n in range(120)]
    created = {sdk.add_folder(space_id, name, parent_id=parent.id).id for name in expected}

    pages: list[list[str]] = []
    token: str | None = None
    while True:
        page = sdk.list_page(
            space_id, parent.id, max_results=50, next_token=token, order_by="NAME", order="ASC"
        )
        pages.append([d.name for d in page.dentries])
        token = page.next_token
        if not token:
            break
        assert len(pages) < 10, "nextToken never ran out"
    assert [len(p) for p in pages] == [50, 50, 20]
    assert [name for p in pages for name in p] == expected

    # ListAllDentries walks the whole space, flat, with the same paging.
    all_ids: list[str] = []
    token = None
    page_sizes: list[int] = []
    while True:
        response = sdk.v1.list_all_dentries_with_options(
            space_id,
            v1.ListAllDentriesRequest(
                union_id=sdk.union_id,
                option=v1.ListAllDentriesRequestOption(max_results=50, next_token=token),
            ),
            sdk.headers(v1.ListAllDentriesHeaders),
            sdk.runtime,
        )
        dentries = response.body.dentries
        page_sizes.append(len(dentries))
        all_ids.extend(d.id for d in dentries)
        token = response.body.next_token
        if not token:
            break
        assert len(page_sizes) < 10, "nextToken never ran out"
    assert all(size <= 50 for size in page_sizes)
    assert len(all_ids) == len(set(all_ids))
    assert created | {parent.id} <= set(all_ids)


def test_list_dentries_ordering(sdk: Sdk, space_id: str) -> None:
    folder = sdk.add_folder(space_id, "sorted")
    for name, size in [("b.txt", 30), ("c.txt", 10), ("a.txt", 20)]:
        sdk.upload_v1(space_id, name, payload(size), parent_id=folder.id)
        time.sleep(0.01)

    def names(order_by: str, order: str) -> list[str]:
        page = sdk.list_page(space_id, folder.id, order_by=order_by, order=order)
        assert not page.next_token
        return [d.name for d in page.dentries]

    assert names("NAME", "ASC") == ["a.txt", "b.txt", "c.txt"]
    assert names("NAME", "DESC") == ["c.txt", "b.txt", "a.txt"]
    assert names("SIZE", "ASC") == ["c.txt", "a.txt", "b.txt"]
    assert names("SIZE", "DESC") == ["b.txt", "a.txt", "c.txt"]
    for order_by, attribute in (("CREATE_TIME", "create_time"), ("MODIFIED_TIME", "modified_time")):
        for order in ("ASC", "DESC"):
            page = sdk.list_page(space_id, folder.id, order_by=order_by, order=order)
            assert sorted(d.name for d in page.dentries) == ["a.txt", "b.txt", "c.txt"]
            stamps = [getattr(d, attribute) for d in page.dentries]
            assert stamps == sorted(stamps, reverse=order == "DESC")
    # Defaults (MODIFIED_TIME, DESC) list everything.
    assert sorted(d.name for d in sdk.list_page(space_id, folder.id).dentries) == [
        "a.txt",
        "b.txt",
        "c.txt",
    ]


# --------------------------------------------------------------------------------------------
# Rename, move, copy, delete
# --------------------------------------------------------------------------------------------


def test_rename_dentry(sdk: Sdk, space_id: str) -> None:
    file = sdk.upload_v1(space_id, "draft.txt", b"d")
    response = sdk.v1.rename_dentry_with_options(
        space_id,
        file.id,
        v1.RenameDentryRequest(new_name="final.txt", union_id=sdk.union_id),
        sdk.headers(v1.RenameDentryHeaders),
        sdk.runtime,
    )
    renamed = response.body.dentry
    assert renamed.id == file.id
    assert renamed.name == "final.txt"
    assert renamed.uuid == file.uuid
    assert sdk.get_dentry(space_id, file.id).name == "final.txt"
    assert [d.name for d in sdk.list_children(space_id)] == ["final.txt"]


def test_move_dentry(sdk: Sdk, space_id: str) -> None:
    source = sdk.add_folder(space_id, "from")
    target = sdk.add_folder(space_id, "to")
    file = sdk.upload_v1(space_id, "moving.txt", b"m", parent_id=source.id)
    response = sdk.v1.move_dentry_with_options(
        space_id,
        file.id,
        v1.MoveDentryRequest(
            target_space_id=space_id,
            target_folder_id=target.id,
            option=v1.MoveDentryRequestOption(conflict_strategy="AUTO_RENAME"),
            union_id=sdk.union_id,
        ),
        sdk.headers(v1.MoveDentryHeaders),
        sdk.runtime,
    )
    assert not response.body.async_
    moved = response.body.dentry
    assert moved.id == file.id
    assert moved.parent_id == target.id
    assert moved.uuid == file.uuid  # the uuid is stable across moves (§3)
    assert sdk.list_children(space_id, source.id) == []
    assert [d.id for d in sdk.list_children(space_id, target.id)] == [file.id]
    assert sdk.download(space_id, file.id) == b"m"


def test_copy_dentry(sdk: Sdk, space_id: str) -> None:
    source = sdk.add_folder(space_id, "src")
    target = sdk.add_folder(space_id, "dst")
    data = payload(5000, seed=7)
    file = sdk.upload_v1(space_id, "copy-me.bin", data, parent_id=source.id)

    def copy(dentry_id: str, folder_id: str) -> v1.CopyDentryResponseBody:
        return sdk.v1.copy_dentry_with_options(
            space_id,
            dentry_id,
            v1.CopyDentryRequest(target_space_id=space_id, target_folder_id=folder_id, union_id=sdk.union_id),
            sdk.headers(v1.CopyDentryHeaders),
            sdk.runtime,
        ).body

    body = copy(file.id, target.id)
    assert not body.async_
    duplicate = body.dentry
    assert duplicate.id != file.id
    assert duplicate.name == "copy-me.bin"
    assert duplicate.parent_id == target.id
    assert duplicate.size == len(data)
    assert sdk.download(space_id, duplicate.id) == data
    assert [d.id for d in sdk.list_children(space_id, source.id)] == [file.id]

    # A folder is copied with its content.
    folder_copy = copy(source.id, target.id).dentry
    assert folder_copy.type == "FOLDER"
    assert folder_copy.name == "src"
    assert folder_copy.id != source.id
    children = sdk.list_children(space_id, folder_copy.id)
    assert [d.name for d in children] == ["copy-me.bin"]
    assert children[0].id != file.id
    assert sdk.download(space_id, children[0].id) == data


def test_deleted_dentries_in_get_dentries(sdk: Sdk, space_id: str) -> None:
    binned = sdk.upload_v1(space_id, "to-bin.txt", b"b")
    purged = sdk.upload_v1(space_id, "to-purge.txt", b"p")
    kept = sdk.upload_v1(space_id, "kept.txt", b"k")

    sdk.delete(space_id, binned.id, to_recycle_bin=True)
    sdk.delete(space_id, purged.id, to_recycle_bin=False)

    assert [d.id for d in sdk.list_children(space_id)] == [kept.id]
    in_bin, gone, alive = sdk.get_dentries(space_id, [binned.id, purged.id, kept.id])
    assert in_bin.success is True
    assert in_bin.dentry.id == binned.id
    assert in_bin.dentry.status == "DELETED"
    assert gone.success is False
    assert gone.error_code == "dentryNotExist"
    assert alive.success is True
    assert alive.dentry.status == "NORMAL"
    expect_error(lambda: sdk.get_dentry(space_id, purged.id), "dentryNotExist", {400, 404})


def test_delete_dentries_batch(sdk: Sdk, space_id: str) -> None:
    first = sdk.upload_v1(space_id, "one.txt", b"1")
    second = sdk.add_folder(space_id, "two")
    kept = sdk.upload_v1(space_id, "three.txt", b"3")
    response = sdk.v1.delete_dentries_with_options(
        space_id,
        v1.DeleteDentriesRequest(
            dentry_ids=[first.id, second.id, MISSING_ID],
            option=v1.DeleteDentriesRequestOption(to_recycle_bin=True),
            union_id=sdk.union_id,
        ),
        sdk.headers(v1.DeleteDentriesHeaders),
        sdk.runtime,
    )
    items = {item.dentry_id: item for item in response.body.result_items}
    assert set(items) == {first.id, second.id, MISSING_ID}
    assert items[first.id].success is True
    assert items[second.id].success is True
    assert items[first.id].space_id == space_id
    assert items[MISSING_ID].success is False
    assert items[MISSING_ID].error_code == "dentryNotExist"
    assert [d.id for d in sdk.list_children(space_id)] == [kept.id]
    statuses = [item.dentry.status for item in sdk.get_dentries(space_id, [first.id, second.id])]
    assert statuses == ["DELETED", "DELETED"]


# --------------------------------------------------------------------------------------------
# Search (v2)
# --------------------------------------------------------------------------------------------


def test_search_dentries(sdk: Sdk, space_id: str) -> None:
    report = sdk.upload_v1(space_id, "quarterly-report.txt", b"r")
    folder = sdk.add_folder(space_id, "archive")
    plan = sdk.upload_v1(space_id, "Quarterly plan.txt", b"p", parent_id=folder.id)
    sdk.upload_v1(space_id, "unrelated.txt", b"u")

    response = sdk.v2.search_dentries_with_options(
        v2.SearchDentriesRequest(
            keyword="quarterly",
            operator_id=sdk.union_id,
            option=v2.SearchDentriesRequestOption(space_ids=[int(space_id)], max_results=20),
        ),
        sdk.headers(v2.SearchDentriesHeaders),
        sdk.runtime,
    )
    items = response.body.items
    by_uuid = {item.dentry_uuid: item for item in items}
    assert set(by_uuid) == {report.uuid, plan.uuid}
    assert by_uuid[report.uuid].name == "quarterly-report.txt"
    assert by_uuid[plan.uuid].name == "Quarterly plan.txt"
    assert by_uuid[report.uuid].creator.user_id == DEFAULT_UNION_ID
    assert isinstance(by_uuid[report.uuid].last_modify_time, int)
    assert not response.body.next_token

    # Another operator finds nothing in a personal space that is not theirs.
    other = sdk.as_user(OTHER_UNION_ID)
    refusal: str | None = None
    leaked: list[Any] | None = None
    try:
        leaked = other.v2.search_dentries_with_options(
            v2.SearchDentriesRequest(
                keyword="quarterly",
                operator_id=other.union_id,
                option=v2.SearchDentriesRequestOption(space_ids=[int(space_id)]),
            ),
            other.headers(v2.SearchDentriesHeaders),
            other.runtime,
        ).body.items
    except TeaException as error:
        refusal = error.code
    assert refusal == "permissionDenied" if refusal else not leaked

    nothing = sdk.v2.search_dentries_with_options(
        v2.SearchDentriesRequest(
            keyword="no-such-name",
            operator_id=sdk.union_id,
            option=v2.SearchDentriesRequestOption(space_ids=[int(space_id)]),
        ),
        sdk.headers(v2.SearchDentriesHeaders),
        sdk.runtime,
    )
    assert not nothing.body.items


# --------------------------------------------------------------------------------------------
# Thumbnails
# --------------------------------------------------------------------------------------------


def test_thumbnails_ready_after_polling(sdk: Sdk, space_id: str) -> None:
    png = sdk.upload_v1(space_id, "picture.png", sample_png())
    assert png.category == "IMAGE"
    pdf = sdk.upload_v1(space_id, "paper.pdf", sample_pdf())
    txt = sdk.upload_v1(space_id, "readme.txt", b"Hello thumbnails\nsecond line\n")
    other = sdk.upload_v1(space_id, "data.bin", payload(100))
    wanted = [png.id, pdf.id, txt.id]

    deadline = time.monotonic() + THUMBNAIL_WAIT_SECONDS
    while True:
        items = sdk.thumbnails(space_id, [*wanted, other.id, MISSING_ID])
        by_id = {item.dentry_id: item for item in items}
        if all(by_id[i].success for i in wanted) or time.monotonic() > deadline:
            break
        time.sleep(0.2)

    assert [item.dentry_id for item in items] == [*wanted, other.id, MISSING_ID]
    for dentry_id in wanted:
        item = by_id[dentry_id]
        assert item.success is True, (dentry_id, item.error_code)
        assert item.space_id == space_id
        thumbnail = item.thumbnail
        assert thumbnail.width > 0
        assert thumbnail.height > 0
        fetched = requests.get(thumbnail.url, timeout=10)
        assert fetched.status_code == 200
        with Image.open(io.BytesIO(fetched.content)) as image:
            assert image.size == (thumbnail.width, thumbnail.height)
    assert by_id[other.id].success is False
    assert by_id[other.id].error_code
    assert by_id[MISSING_ID].success is False
    assert by_id[MISSING_ID].error_code == "dentryNotExist"

    # withThumbnail on GetDentry and ListDentries returns the same kind of object.
    with_thumb = sdk.get_dentry(space_id, png.id, with_thumbnail=True)
    assert with_thumb.thumbnail.url
    assert with_thumb.thumbnail.width > 0
    listed = {d.id: d for d in sdk.list_children(space_id, with_thumbnail=True)}
    assert listed[png.id].thumbnail.url
    assert listed[png.id].thumbnail.height > 0
    # withThumbnail=False travels as the string "False" (§9.2) and means no thumbnail.
    plain = sdk.list_page(space_id, with_thumbnail=False).dentries
    assert all(d.thumbnail is None for d in plain)


# --------------------------------------------------------------------------------------------
# Demo content
# --------------------------------------------------------------------------------------------


@pytest.fixture
def demo_server(server_config: ServerConfig) -> Iterator[LocalServer]:
    with LocalServer(dataclasses.replace(server_config, demo=True)) as running:
        yield running


def test_demo_space_is_browsable_with_the_sdk(demo_server: LocalServer) -> None:
    sdk = Sdk(demo_server.url, fetch_token(demo_server.url).access_token)
    spaces = [*sdk.list_spaces("personal").spaces, *sdk.list_spaces("org").spaces]
    assert spaces, "demo=True should create a space the default user can see"
    space_id = spaces[0].space_id
    assert sdk.get_space(space_id).body.space.id == space_id
    root = sdk.list_children(space_id)
    assert root, "the demo space should have sample content"
    items = sdk.get_dentries(space_id, [d.id for d in root[:30]])
    assert all(item.success for item in items)
