"""StorageClient: every Open API call the app makes, typed, thread-safe, with retries.

The HTTP work (sessions per thread, timeouts, retries, token refresh) is in `transport`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from email.utils import formatdate
from typing import Any

from app.api.errors import ApiError
from app.api.models import (
    AppProperty,
    ChangeResult,
    Dentry,
    DentryPage,
    ItemResult,
    Json,
    RecycleBin,
    RecycleItem,
    RestoreResult,
    SearchHit,
    SignedRequest,
    Space,
    UploadInfo,
)
from app.api.paging import paged
from app.api.transport import RetryPolicy, Transport, chunks, segment

MAX_PAGE = 50
MAX_RECYCLE_PURGE = 50
"""Recycle items DeleteRecycleItems takes at once (restores: 30, like every other batch)."""


class StorageClient:
    """A client for one account: endpoint, app credentials and operator (unionId)."""

    def __init__(
        self,
        endpoint: str,
        app_key: str,
        app_secret: str,
        union_id: str,
        *,
        timeout: tuple[float, float] = (5.0, 30.0),
        retry: RetryPolicy | None = None,
        koodrive_endpoint: str | None = None,
    ) -> None:
        self.transport = Transport(endpoint, app_key, app_secret, union_id, timeout=timeout, retry=retry)
        self.endpoint = self.transport.endpoint
        self.union_id = union_id
        self.koodrive_endpoint = (koodrive_endpoint or endpoint).rstrip("/")
        self.call = self.transport.call

    # --- spaces -------------------------------------------------------------------------------

    def list_spaces(self, space_type: str = "org") -> list[Space]:
        """The spaces of one type (``org`` or ``personal``) the operator can see (drive API)."""

        def page(token: str | None) -> tuple[list[Space], str | None]:
            data = self.call(
                "GET",
                "/v1.0/drive/spaces",
                query={"spaceType": space_type, "maxResults": MAX_PAGE, "nextToken": token},
            )
            return [Space.parse(item) for item in data.get("spaces") or []], data.get("nextToken") or None

        return list(paged(page, f"the list of {space_type} spaces"))

    def get_space(self, space_id: str) -> Space:
        """GetSpace."""
        return Space.parse(self.call("GET", f"/v1.0/storage/spaces/{segment(space_id)}").get("space"))

    def add_space(self, name: str, owner_type: str = "USER", quota: int | None = None) -> Space:
        """AddSpace: a personal (USER) space by default."""
        option: Json = {"name": name, "ownerType": owner_type}
        if quota is not None:
            option["quota"] = quota
        data = self.call("POST", "/v1.0/storage/spaces", body={"option": option}, idempotent=False)
        return Space.parse(data.get("space"))

    # --- dentries -----------------------------------------------------------------------------

    def _space_path(self, space_id: str, *parts: str) -> str:
        return "/".join([f"/v1.0/storage/spaces/{segment(space_id)}", *parts])

    def list_dentries(
        self,
        space_id: str,
        parent_id: str = "0",
        *,
        next_token: str | None = None,
        max_results: int = MAX_PAGE,
        order_by: str = "NAME",
        order: str = "ASC",
        with_thumbnail: bool = False,
    ) -> DentryPage:
        """ListDentries: one page (at most 50) of a folder."""
        data = self.call(
            "GET",
            self._space_path(space_id, "dentries"),
            query={
                "parentId": parent_id,
                "nextToken": next_token,
                "maxResults": max_results,
                "orderBy": order_by,
                "order": order,
                "withThumbnail": with_thumbnail,
            },
        )
        dentries = [Dentry.parse(item) for item in data.get("dentries") or []]
        return DentryPage(dentries, data.get("nextToken") or None)

    def iter_dentries(self, space_id: str, parent_id: str = "0", **options: Any) -> Iterator[Dentry]:
        """Every entry of a folder, one ListDentries call per page, following nextToken.

        Raises:
            ApiError: ``listingLoop`` when the page tokens go round in circles (`paging`).
        """

        def page(token: str | None) -> tuple[list[Dentry], str | None]:
            found = self.list_dentries(space_id, parent_id, next_token=token, **options)
            return found.dentries, found.next_token

        return paged(page, f"the folder {parent_id} of space {space_id}")

    def get_dentry(self, space_id: str, dentry_id: str, *, with_thumbnail: bool = False) -> Dentry:
        """GetDentry (deleted ones come back with status DELETED)."""
        body: Json = {"option": {"withThumbnail": True}} if with_thumbnail else {}
        data = self.call(
            "POST", self._space_path(space_id, "dentries", segment(dentry_id), "query"), body=body
        )
        return Dentry.parse(data.get("dentry"))

    def get_dentries(
        self, space_id: str, dentry_ids: Iterable[str], *, with_thumbnail: bool = False
    ) -> list[ItemResult]:
        """GetDentries for any number of ids, in calls of at most 30."""
        results: list[ItemResult] = []
        for batch in chunks(dentry_ids):
            body: Json = {"dentryIds": batch}
            if with_thumbnail:
                body["option"] = {"withThumbnail": True}
            data = self.call("POST", self._space_path(space_id, "dentries", "query"), body=body)
            results += [ItemResult.parse(item) for item in data.get("resultItems") or []]
        return results

    def add_folder(self, space_id: str, parent_id: str, name: str, conflict: str = "AUTO_RENAME") -> Dentry:
        """AddFolder; ``RETURN_DENTRY_IF_EXISTS`` makes it safe to call for a folder that may exist."""
        path = self._space_path(space_id, "dentries", segment(parent_id), "folders")
        body = {"name": name, "option": {"conflictStrategy": conflict}}
        idempotent = conflict == "RETURN_DENTRY_IF_EXISTS"
        return Dentry.parse(self.call("POST", path, body=body, idempotent=idempotent).get("dentry"))

    def rename_dentry(self, space_id: str, dentry_id: str, new_name: str) -> Dentry:
        """RenameDentry."""
        path = self._space_path(space_id, "dentries", segment(dentry_id), "rename")
        return Dentry.parse(self.call("POST", path, body={"newName": new_name}).get("dentry"))

    def _move_or_copy(
        self,
        verb: str,
        space_id: str,
        dentry_id: str,
        target_space_id: str,
        target_folder_id: str,
        conflict: str,
    ) -> ChangeResult:
        path = self._space_path(space_id, "dentries", segment(dentry_id), verb)
        body = {
            "targetSpaceId": target_space_id,
            "targetFolderId": target_folder_id,
            "option": {"conflictStrategy": conflict},
        }
        return ChangeResult.parse(self.call("POST", path, body=body, idempotent=False))

    def move_dentry(
        self,
        space_id: str,
        dentry_id: str,
        target_folder_id: str,
        *,
        target_space_id: str | None = None,
        conflict: str = "AUTO_RENAME",
    ) -> ChangeResult:
        """MoveDentry into a folder (of this space unless `target_space_id`)."""
        target = target_space_id or space_id
        return self._move_or_copy("move", space_id, dentry_id, target, target_folder_id, conflict)

    def copy_dentry(
        self,
        space_id: str,
        dentry_id: str,
        target_folder_id: str,
        *,
        target_space_id: str | None = None,
        conflict: str = "AUTO_RENAME",
    ) -> ChangeResult:
        """CopyDentry into a folder (of this space unless `target_space_id`)."""
        target = target_space_id or space_id
        return self._move_or_copy("copy", space_id, dentry_id, target, target_folder_id, conflict)

    def delete_dentry(self, space_id: str, dentry_id: str, *, to_recycle_bin: bool = True) -> None:
        """DeleteDentry, to the recycle bin unless told otherwise."""
        path = self._space_path(space_id, "dentries", segment(dentry_id))
        self.call("DELETE", path, query={"toRecycleBin": to_recycle_bin})

    def delete_dentries(
        self, space_id: str, dentry_ids: Iterable[str], *, to_recycle_bin: bool = True
    ) -> list[ItemResult]:
        """DeleteDentries for any number of ids, in calls of at most 30."""
        results: list[ItemResult] = []
        for batch in chunks(dentry_ids):
            body = {"dentryIds": batch, "option": {"toRecycleBin": to_recycle_bin}}
            data = self.call("POST", self._space_path(space_id, "dentries", "batchRemove"), body=body)
            results += [ItemResult.parse(item) for item in data.get("resultItems") or []]
        return results

    def list_dentry_versions(self, space_id: str, dentry_id: str) -> list[Dentry]:
        """Every version of a file, newest first."""
        path = self._space_path(space_id, "dentries", segment(dentry_id), "versions")

        def page(token: str | None) -> tuple[list[Dentry], str | None]:
            data = self.call("GET", path, query={"maxResults": MAX_PAGE, "nextToken": token})
            return [Dentry.parse(item) for item in data.get("dentries") or []], data.get("nextToken") or None

        return list(paged(page, f"the versions of {dentry_id}"))

    def revert_dentry_version(self, space_id: str, dentry_id: str, version: int) -> None:
        """RevertDentryVersion: a new version of the file with the bytes of `version`; history stays."""
        path = self._space_path(space_id, "dentries", segment(dentry_id), "versions", str(version), "revert")
        # Not repeated after a lost answer: a second revert would add a second version.
        self.call("POST", path, idempotent=False)

    def search_dentries(
        self,
        keyword: str,
        *,
        space_ids: list[str] | None = None,
        max_results: int = 20,
        next_token: str | None = None,
    ) -> tuple[list[SearchHit], str | None]:
        """SearchDentries v2: by name; space ids travel as integers there (§9.1)."""
        option: Json = {"maxResults": max_results}
        if space_ids:
            option["spaceIds"] = [int(space_id) for space_id in space_ids]
        if next_token:
            option["nextToken"] = next_token
        data = self.call(
            "POST",
            "/v2.0/storage/dentries/search",
            body={"keyword": keyword, "option": option},
            operator_param="operatorId",
        )
        return [SearchHit.parse(item) for item in data.get("items") or []], data.get("nextToken") or None

    # --- recycle bin --------------------------------------------------------------------------

    def _bin_path(self, recycle_bin_id: str, *parts: str) -> str:
        return "/".join([f"/v1.0/storage/recycleBins/{segment(recycle_bin_id)}", *parts])

    def get_recycle_bin(self, space_id: str) -> RecycleBin:
        """GetRecycleBin: the space's bin, whose id the other recycle-bin calls take."""
        data = self.call(
            "GET", "/v1.0/storage/recycleBins", query={"recycleBinScope": "SPACE", "scopeId": space_id}
        )
        return RecycleBin.parse(data.get("recycleBin"))

    def list_recycle_items(self, recycle_bin_id: str) -> list[RecycleItem]:
        """Every item of a bin (ListRecycleItems, page by page), the latest deletions first.

        Raises:
            ApiError: ``listingLoop`` when the page tokens go round in circles (`paging`).
        """
        path = self._bin_path(recycle_bin_id, "recycleItems")

        def page(token: str | None) -> tuple[list[RecycleItem], str | None]:
            data = self.call("GET", path, query={"maxResults": MAX_PAGE, "nextToken": token})
            items = [RecycleItem.parse(item) for item in data.get("recycleItems") or []]
            return items, data.get("nextToken") or None

        return list(paged(page, f"the recycle bin {recycle_bin_id}"))

    def get_recycle_item(self, recycle_bin_id: str, item_id: str) -> RecycleItem:
        """GetRecycleItem (``recycleItemNotExist`` once it was restored or purged)."""
        data = self.call("GET", self._bin_path(recycle_bin_id, "recycleItems", segment(item_id)))
        return RecycleItem.parse(data.get("item"))

    def restore_recycle_item(
        self, recycle_bin_id: str, item_id: str, *, conflict: str = "AUTO_RENAME"
    ) -> RestoreResult:
        """RestoreRecycleItem: back to its folder; `conflict` says what to do when its name is taken.

        Raises:
            ApiError: the service refused (``recycleItemNotExist``, ``dentryNameConflict``…).
        """
        path = self._bin_path(recycle_bin_id, "recycleItems", segment(item_id), "restore")
        # Not repeated after a lost answer: the repeat would say the item is gone.
        data = self.call("POST", path, body={"option": {"conflictStrategy": conflict}}, idempotent=False)
        return RestoreResult.parse(data, item_id)

    def restore_recycle_items(
        self, recycle_bin_id: str, item_ids: Iterable[str], *, conflict: str = "AUTO_RENAME"
    ) -> list[RestoreResult]:
        """RestoreRecycleItems for any number of items, in calls of at most 30.

        One result per id, in the order given: those that failed say why (`RestoreResult.error`).
        """
        path = self._bin_path(recycle_bin_id, "recycleItems", "batchRestore")
        results: list[RestoreResult] = []
        for batch in chunks(item_ids):
            body = {"recycleItemIds": batch, "option": {"conflictStrategy": conflict}}
            data = self.call("POST", path, body=body, idempotent=False)
            answered = {
                result.recycle_item_id: result
                for result in (RestoreResult.parse(item) for item in data.get("resultItems") or [])
            }
            # An id the answer says nothing about was not restored as far as anyone can tell.
            results += [
                answered.get(item_id) or RestoreResult(item_id, False, "unknownError") for item_id in batch
            ]
        return results

    def delete_recycle_item(self, recycle_bin_id: str, item_id: str) -> None:
        """DeleteRecycleItem: gone for good (``recycleItemNotExist`` if it is not in the bin)."""
        path = self._bin_path(recycle_bin_id, "recycleItems", segment(item_id))
        # Not repeated after a lost answer: the repeat would say the item is not there.
        self.call("DELETE", path, idempotent=False)

    def delete_recycle_items(self, recycle_bin_id: str, item_ids: Iterable[str]) -> None:
        """DeleteRecycleItems for any number of items, in calls of at most 50.

        The service answers no per-item result; ids that are not in the bin are ignored.
        """
        path = self._bin_path(recycle_bin_id, "recycleItems", "batchRemove")
        for batch in chunks(item_ids, MAX_RECYCLE_PURGE):
            self.call("POST", path, body={"recycleItemIds": batch})

    def clear_recycle_bin(self, recycle_bin_id: str) -> None:
        """ClearRecycleBin: every item of the bin, for good (sent without a body, as the SDK does)."""
        self.call("POST", self._bin_path(recycle_bin_id, "clear"))

    # --- file bytes ---------------------------------------------------------------------------

    def get_upload_info(self, space_id: str, parent_id: str, name: str, size: int) -> UploadInfo:
        """GetFileUploadInfo v1 for a single PUT; the service prechecks name and quota."""
        body = {
            "protocol": "HEADER_SIGNATURE",
            "multipart": False,
            "option": {"preCheckParam": {"name": name, "parentId": parent_id, "size": size}},
        }
        data = self.call("POST", self._space_path(space_id, "files", "uploadInfos", "query"), body=body)
        signed = SignedRequest.parse(data.get("headerSignatureInfo"), upload=True)
        return UploadInfo(str(data.get("uploadKey") or ""), signed)

    def init_multipart_upload(self, space_id: str, parent_id: str, name: str, size: int) -> str:
        """InitMultipartFileUpload; returns the upload key."""
        body = {"option": {"preCheckParam": {"name": name, "parentId": parent_id, "size": size}}}
        data = self.call(
            "POST", self._space_path(space_id, "files", "multiPartUploadInfos", "init"), body=body
        )
        return str(data.get("uploadKey") or "")

    def get_multipart_upload_infos(
        self, upload_key: str, part_numbers: list[int]
    ) -> dict[int, SignedRequest]:
        """Fresh signed PUTs for parts (1-based), as often as needed."""
        body = {"uploadKey": upload_key, "partNumbers": part_numbers}
        data = self.call("POST", "/v1.0/storage/spaces/files/multiPartUploadInfos/query", body=body)
        return {
            int(item["partNumber"]): SignedRequest.parse(item.get("headerSignatureInfo"), upload=True)
            for item in data.get("multipartHeaderSignatureInfos") or []
            if isinstance(item, dict) and "partNumber" in item
        }

    def commit_file(
        self,
        space_id: str,
        parent_id: str,
        upload_key: str,
        name: str,
        size: int,
        *,
        conflict: str = "AUTO_RENAME",
        app_properties: list[AppProperty] | None = None,
    ) -> Dentry:
        """CommitFile v1: the uploaded bytes become a file (checked against `size`)."""
        option: Json = {"size": size, "conflictStrategy": conflict}
        if app_properties:
            option["appProperties"] = [prop.to_json() for prop in app_properties]
        body = {"uploadKey": upload_key, "name": name, "parentId": parent_id, "option": option}
        data = self.call("POST", self._space_path(space_id, "files", "commit"), body=body, idempotent=False)
        return Dentry.parse(data.get("dentry"))

    def get_download_info(self, space_id: str, dentry_id: str, version: int | None = None) -> SignedRequest:
        """GetFileDownloadInfo: a signed GET for the file (or one of its versions)."""
        body: Json = {"option": {"version": version}} if version is not None else {}
        path = self._space_path(space_id, "dentries", segment(dentry_id), "downloadInfos", "query")
        return SignedRequest.parse(self.call("POST", path, body=body).get("headerSignatureInfo"))

    def get_thumbnails(self, space_id: str, dentry_ids: Iterable[str]) -> list[ItemResult]:
        """GetDentryThumbnails for any number of ids, in calls of at most 30."""
        results: list[ItemResult] = []
        for batch in chunks(dentry_ids):
            data = self.call(
                "POST", self._space_path(space_id, "thumbnails", "query"), body={"dentryIds": batch}
            )
            results += [ItemResult.parse(item) for item in data.get("resultItems") or []]
        return results

    def generate_thumbnail(self, space_id: str, file_id: str) -> None:
        """KooDrive's thumbnail task for one file; raises ApiError unless it answers code 0."""
        headers = {
            "Authorization": f"Bearer {self.transport.tokens.get()}",
            "X-User-Id": self.union_id,
            "X-Date": formatdate(usegmt=True),
        }
        body = {"fileId": file_id, "userId": self.union_id, "containerId": space_id}
        url = f"{self.koodrive_endpoint}/koodrive/ose/v1/document/thumbnail"
        response = self.transport.send("POST", url, json=body, headers=headers)
        try:
            data = response.json()
        except ValueError:
            data = {}
        code = (
            str(data.get("code", response.status_code))
            if isinstance(data, dict)
            else str(response.status_code)
        )
        if code != "0":
            message = str(data.get("msg", "")) if isinstance(data, dict) else ""
            raise ApiError(f"koodrive.{code}", response.status_code, message)
