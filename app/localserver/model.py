"""Turning stored rows into the Open API's JSON objects (REFERENCE.md §3)."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Mapping
from typing import Any

from app.localserver.names import extension_of

ROOT_ID = 0

_CATEGORIES = {
    "IMAGE": "png jpg jpeg gif webp bmp heic heif svg tif tiff ico",
    "VIDEO": "mp4 mov avi mkv webm m4v wmv flv",
    "AUDIO": "mp3 wav flac aac m4a ogg opus wma",
    "ARCHIVE": "zip rar 7z tar gz tgz bz2 xz zst",
    "DOCUMENT": "pdf txt md csv rtf doc docx xls xlsx ppt pptx wps et dps odt ods odp",
}
CATEGORY_BY_EXTENSION = {ext: cat for cat, exts in _CATEGORIES.items() for ext in exts.split()}


def iso_time(timestamp: float) -> str:
    """ISO 8601 in UTC as the service writes it, e.g. ``2022-07-29T14:55:03Z``."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(timestamp))


def space_json(row: sqlite3.Row) -> dict[str, Any]:
    """The ``space`` object of GetSpace and AddSpace."""
    return {
        "id": str(row["id"]),
        "name": row["name"],
        "corpId": "local",
        "appId": "local",
        "ownerType": row["owner_type"],
        "ownerId": row["owner_id"],
        "quota": row["quota"],
        "usedQuota": row["used_quota"],
        "status": "NORMAL",
        "scene": row["scene"],
        "sceneId": row["scene_id"],
        "capabilities": json.loads(row["capabilities"]),
        "partitions": [
            {
                "partitionType": "PUBLIC_OSS_PARTITION",
                "quota": {
                    "max": row["quota"],
                    "used": row["used_quota"],
                    "reserved": 0,
                    "type": "ABSOLUTE",
                },
            }
        ],
        "creatorId": row["creator_id"],
        "modifierId": row["creator_id"],
        "createTime": iso_time(row["create_time"]),
        "modifiedTime": iso_time(row["modified_time"]),
    }


def drive_space_json(row: sqlite3.Row) -> dict[str, Any]:
    """One entry of the drive API's ListSpaces."""
    return {
        "spaceId": str(row["id"]),
        "spaceName": row["name"],
        "spaceType": "personal" if row["owner_type"] == "USER" else "org",
        "quota": row["quota"],
        "usedQuota": row["used_quota"],
        "permissionMode": "acl",
        "createTime": iso_time(row["create_time"]),
        "modifyTime": iso_time(row["modified_time"]),
        # Not in the drive API (the SDK drops it): tells a client whose space this is, so that
        # one shared with the operator can be shown as such.
        "creatorId": row["creator_id"],
    }


def child_path(parent_path: str, name: str) -> str:
    """The path of `name` inside a folder whose path is `parent_path`."""
    return f"{parent_path.rstrip('/')}/{name}"


def root_json(space: sqlite3.Row) -> dict[str, Any]:
    """The root folder of a space as a Dentry (id ``0``, the space's root uuid)."""
    return {
        "id": str(ROOT_ID),
        "spaceId": str(space["id"]),
        "parentId": "",
        "type": "FOLDER",
        "name": "",
        "path": "/",
        "version": 1,
        "status": "NORMAL",
        "creatorId": space["creator_id"],
        "modifierId": space["creator_id"],
        "createTime": iso_time(space["create_time"]),
        "modifiedTime": iso_time(space["modified_time"]),
        "properties": {"readOnly": False},
        "appProperties": {},
        "uuid": space["root_uuid"],
        "partitionType": "PUBLIC_OSS_PARTITION",
        "storageDriver": "DINGTALK",
    }


def dentry_json(
    row: Mapping[str, Any] | sqlite3.Row, path: str, app_ids: list[str] | None = None
) -> dict[str, Any]:
    """The Dentry object; `app_ids` limits ``appProperties`` to those owners when given."""
    is_file = row["type"] == "FILE"
    properties: dict[str, Any] = json.loads(row["app_properties"])
    if app_ids is not None:
        properties = {owner: props for owner, props in properties.items() if owner in app_ids}
    dentry: dict[str, Any] = {
        "id": str(row["id"]),
        "spaceId": str(row["space_id"]),
        "parentId": str(row["parent_id"]),
        "type": row["type"],
        "name": row["name"],
        "path": path,
        "version": row["version"],
        "status": row["status"],
        "creatorId": row["creator_id"],
        "modifierId": row["modifier_id"],
        "createTime": iso_time(row["create_time"]),
        "modifiedTime": iso_time(row["modified_time"]),
        "properties": {"readOnly": False},
        "appProperties": properties,
        "uuid": row["uuid"],
        "partitionType": "PUBLIC_OSS_PARTITION",
        "storageDriver": "DINGTALK",
    }
    if is_file:
        extension = extension_of(row["name"])
        dentry["size"] = row["size"]
        dentry["extension"] = extension
        dentry["category"] = CATEGORY_BY_EXTENSION.get(extension, "OTHER")
    return dentry


def permission_json(row: sqlite3.Row, role_name: str) -> dict[str, Any]:
    """A Permission of ListPermissions (§13.5): `role` and `member` are objects, never strings."""
    permission: dict[str, Any] = {
        "spaceId": str(row["space_id"]),
        "dentryId": str(row["dentry_id"]),
        "role": {"id": row["role"], "name": role_name},
        "member": {"type": "USER", "id": row["member_id"]},
        "operatorId": row["operator_id"],
        "createTime": iso_time(row["create_time"]),
        "modifiedTime": iso_time(row["modified_time"]),
    }
    if row["corp_id"]:
        permission["member"]["corpId"] = row["corp_id"]
    if row["duration"] is not None:
        permission["duration"] = row["duration"]
        # Not in the SDK's model (it drops it): when the grant lapses, for clients to show.
        permission["expireTime"] = iso_time(row["expires_at"])
    return permission
