"""StorageClient: every Open API call the app makes, typed, thread-safe, with retries.

The HTTP work (sessions per thread, timeouts, retries, token refresh) is in `transport`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from email.utils import formatdate
from typing import Any

from app.api.errors import ApiError
from app.api.models import (
    AppProperty,
    BatchItemResult,
    ChangeResult,
    Dentry,
    DentryPage,
    ItemResult,
    Json,
    Permission,
    RecycleBin,
    RecycleItem,
    RestoreResult,
    SearchHit,
    SignedRequest,
    Space,
    Task,
    UploadInfo,
)
from app.api.paging import paged
from app.api.transport import RetryPolicy, Transport, chunks, segment

MAX_PAGE = 50
MAX_RECYCLE_PURGE = 50
"""Recycle items DeleteRecycleItems takes at once (restores: 30, like every other batch)."""
MAX_APP_PROPERTIES = 3


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
        option: Json,
    ) -> ChangeResult:
        path = self._space_path(space_id, "dentries", segment(dentry_id), verb)
        body = {"targetSpaceId": target_space_id, "targetFolderId": target_folder_id, "option": option}
        return ChangeResult.parse(self.call("POST", path, body=body, idempotent=False))

    def move_dentry(
        self,
        space_id: str,
        dentry_id: str,
        target_folder_id: str,
        *,
        target_space_id: str | None = None,
        conflict: str = "AUTO_RENAME",
        preserve_permissions: bool = True,
    ) -> ChangeResult:
        """MoveDentry into a folder (of this space unless `target_space_id`), keeping its grants."""
        target = target_space_id or space_id
        # Misspelt as the service reads it (REFERENCE.md §9.5).
        option = {"conflictStrategy": conflict, "presevePermissions": preserve_permissions}
        return self._move_or_copy("move", space_id, dentry_id, target, target_folder_id, option)

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
        option = {"conflictStrategy": conflict}
        return self._move_or_copy("copy", space_id, dentry_id, target, target_folder_id, option)

    def _batch(
        self,
        verb: str,
        space_id: str,
        dentry_ids: Iterable[str],
        target_folder_id: str,
        option: Json,
        target_space_id: str | None,
        on_batch: Callable[[list[BatchItemResult]], None] | None,
        task_timeout: float,
    ) -> list[BatchItemResult]:
        results: list[BatchItemResult] = []
        for batch in chunks(dentry_ids):
            body = {
                "dentryIds": batch,
                "targetSpaceId": target_space_id or space_id,
                "targetFolderId": target_folder_id,
                "option": option,
            }
            data = self.call(
                "POST", self._space_path(space_id, "dentries", verb), body=body, idempotent=False
            )
            done = [
                self._finished(BatchItemResult.parse(item), task_timeout)
                for item in data.get("resultItems") or []
            ]
            if on_batch is not None:
                on_batch(done)
            results += done
        return results

    def _finished(self, item: BatchItemResult, timeout: float) -> BatchItemResult:
        """An item the service does in the background, once its task has ended (or the wait has)."""
        if item.task_id is None:
            return item
        task = self.wait_for_task(item.task_id, timeout=timeout)
        if not task.done:
            return replace(item, success=False, error_code="taskUnfinished")
        if task.status == "FAIL":
            return replace(item, success=False, error_code=task.fail_message or "unknownError")
        return replace(item, success=True, error_code=None)

    def move_dentries(
        self,
        space_id: str,
        dentry_ids: Iterable[str],
        target_folder_id: str,
        *,
        target_space_id: str | None = None,
        conflict: str = "AUTO_RENAME",
        preserve_permissions: bool = True,
        on_batch: Callable[[list[BatchItemResult]], None] | None = None,
        task_timeout: float = 600.0,
    ) -> list[BatchItemResult]:
        """MoveDentries: any number of dentries of one space into a folder, in calls of at most 30.

        Args:
            space_id: The space the dentries are in.
            dentry_ids: What to move.
            target_folder_id: The folder to move them into (``0``: the root).
            target_space_id: The target folder's space, when it is another one.
            conflict: What to do with a name the folder holds already (CommitFile's strategies).
            preserve_permissions: Keep the roles granted on what moves (the service's default
                drops them).
            on_batch: Called with the results of each call as it ends (progress).
            task_timeout: Seconds to wait for an item the service does in the background.

        Returns:
            One result per id, in order; an item that failed says why (`error_code`) and the
            others are done. Raises ApiError only when the whole call is refused (the target).
        """
        option = {"conflictStrategy": conflict, "preservePermissions": preserve_permissions}
        return self._batch(
            "batchMove",
            space_id,
            dentry_ids,
            target_folder_id,
            option,
            target_space_id,
            on_batch,
            task_timeout,
        )

    def copy_dentries(
        self,
        space_id: str,
        dentry_ids: Iterable[str],
        target_folder_id: str,
        *,
        target_space_id: str | None = None,
        conflict: str = "AUTO_RENAME",
        on_batch: Callable[[list[BatchItemResult]], None] | None = None,
        task_timeout: float = 600.0,
    ) -> list[BatchItemResult]:
        """CopyDentries: like `move_dentries`; folders are copied with everything in them."""
        option = {"conflictStrategy": conflict}
        return self._batch(
            "batchCopy",
            space_id,
            dentry_ids,
            target_folder_id,
            option,
            target_space_id,
            on_batch,
            task_timeout,
        )

    def get_task(self, task_id: str) -> Task:
        """GetTask: where a background operation of the service is."""
        return Task.parse(self.call("GET", f"/v1.0/storage/tasks/{segment(task_id)}").get("task"))

    def wait_for_task(self, task_id: str, *, timeout: float = 600.0, interval: float = 0.5) -> Task:
        """Poll GetTask until the task ends or `timeout` seconds pass; the last answer."""
        deadline = time.monotonic() + timeout
        while True:
            task = self.get_task(task_id)
            if task.done or time.monotonic() >= deadline:
                return task
            time.sleep(interval)

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

    # --- sharing ------------------------------------------------------------------------------

    def _members(self, union_ids: Iterable[str]) -> Iterator[list[Json]]:
        for batch in chunks(union_ids):
            yield [{"type": "USER", "id": union_id} for union_id in batch]

    def add_permission(
        self,
        space_id: str,
        dentry_id: str,
        role: str,
        union_ids: Iterable[str],
        *,
        duration: int | None = None,
    ) -> None:
        """AddPermission: give these users `role` (`ROLES`) on the dentry and all below it.

        A role they held there is replaced. `duration`: seconds until it lapses (None: never).
        """
        path = self._space_path(space_id, "dentries", segment(dentry_id), "permissions")
        for members in self._members(union_ids):
            body: Json = {"roleId": role, "members": members}
            if duration is not None:
                body["option"] = {"duration": duration}
            self.call("POST", path, body=body)

    def update_permission(
        self,
        space_id: str,
        dentry_id: str,
        role: str,
        union_ids: Iterable[str],
        *,
        duration: int | None = None,
    ) -> None:
        """UpdatePermission: set these users' role on the dentry (their expiry stays unless given)."""
        path = self._space_path(space_id, "dentries", segment(dentry_id), "permissions")
        for members in self._members(union_ids):
            body: Json = {"roleId": role, "members": members}
            if duration is not None:
                body["option"] = {"duration": duration}
            self.call("PUT", path, body=body)

    def delete_permission(self, space_id: str, dentry_id: str, role: str, union_ids: Iterable[str]) -> None:
        """DeletePermission: take `role` on the dentry from these users (no change for another role)."""
        path = self._space_path(space_id, "dentries", segment(dentry_id), "permissions", "remove")
        for members in self._members(union_ids):
            self.call("POST", path, body={"roleId": role, "members": members})

    def list_permissions(
        self, space_id: str, dentry_id: str, *, roles: Iterable[str] | None = None
    ) -> list[Permission]:
        """ListPermissions: every role granted on the dentry itself (not those granted above it)."""
        path = self._space_path(space_id, "dentries", segment(dentry_id), "permissions", "query")
        wanted = list(roles or [])

        def page(token: str | None) -> tuple[list[Permission], str | None]:
            # Paging travels in the body here (§13.5).
            option: Json = {"maxResults": MAX_PAGE}
            if wanted:
                option["filterRoleIds"] = wanted
            if token:
                option["nextToken"] = token
            data = self.call("POST", path, body={"option": option})
            found = [Permission.parse(item) for item in data.get("permissions") or []]
            return found, data.get("nextToken") or None

        return list(paged(page, f"the permissions of {dentry_id}"))

    def batch_query_roles(self, space_id: str, dentry_ids: Iterable[str]) -> dict[str, list[str]]:
        """BatchQueryRoles: the operator's own roles on each dentry (empty: none, or only on the way).

        The SDK loses which dentry each list belongs to (§13.5); this reads the answer's keys.
        """
        roles: dict[str, list[str]] = {}
        path = self._space_path(space_id, "dentries", "permissions", "roles", "batchQuery")
        for batch in chunks(dentry_ids):
            query = {"dentryIdList": json.dumps(batch, separators=(",", ":"))}
            role_map = self.call("POST", path, query=query).get("roleMap")
            for dentry_id in batch:
                found = role_map.get(dentry_id) if isinstance(role_map, dict) else None
                roles[dentry_id] = [
                    str(role["id"]) for role in found or [] if isinstance(role, dict) and role.get("id")
                ]
        return roles

    def update_app_properties(self, space_id: str, dentry_id: str, properties: Iterable[AppProperty]) -> None:
        """UpdateDentryAppProperties: add or overwrite these properties by name (3 per call)."""
        path = self._space_path(space_id, "dentries", segment(dentry_id), "appProperties")
        for batch in chunks((prop.to_json() for prop in properties), MAX_APP_PROPERTIES):
            self.call("PUT", path, body={"appProperties": batch})

    def delete_app_properties(self, space_id: str, dentry_id: str, names: Iterable[str]) -> None:
        """DeleteDentryAppProperties: remove the properties of these names (unknown ones are ignored)."""
        path = self._space_path(space_id, "dentries", segment(dentry_id), "appProperties", "remove")
        for batch in chunks(names, MAX_APP_PROPERTIES):
            self.call("POST", path, body={"propertyNames": batch})

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
