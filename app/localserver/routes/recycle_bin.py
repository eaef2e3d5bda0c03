"""The recycle bin (REFERENCE.md §13.2): GetRecycleBin, list, get, restore, delete for good, clear.

Bins are looked up by space; every other call names the bin by its id and never carries a space
id, so each route finds the bin's space first. Access goes by the deleted dentry, as if it were
still in place (`permissions.require` with ``deleted_ok``): someone a folder is shared with sees
and restores (EDITOR) what was deleted from it, and nothing else of the space's bin; emptying the
whole bin takes MANAGER on the space. Everything is done at once: answers say ``async: false``
and carry no task id.
"""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import APIRouter, Query

from app.localserver.errors import ServiceError, param_error
from app.localserver.listing import MAX_PAGE
from app.localserver.model import ROOT_ID
from app.localserver.permissions import Action, Level
from app.localserver.routes.common import AppKey, ServiceDep, UnionId
from app.localserver.schemas import RemoveItemsBody, RestoreItemBody, RestoreItemsBody
from app.localserver.service import Service
from app.localserver.tree import check_strategy

router = APIRouter(tags=["recycle bin"])
BINS = "/v1.0/storage/recycleBins"
ITEMS = BINS + "/{recycleBinId}/recycleItems"
MAX_RESTORE = 30
MAX_REMOVE = 50


def _bin_space(service: Service, conn: sqlite3.Connection, bin_id: str, union_id: str) -> sqlite3.Row:
    """The space of a bin, if the operator may use at least part of it."""
    return service.permissions.space(conn, service.recycle_bin.space_of(conn, bin_id), union_id)


def _item(
    service: Service,
    conn: sqlite3.Connection,
    space: sqlite3.Row,
    item_id: str,
    union_id: str,
    action: Action,
) -> sqlite3.Row:
    """An item of the space's bin, if the operator may do `action` on what it holds."""
    item = service.recycle_bin.item(conn, space, item_id)
    _check(service, conn, space, item, union_id, action)
    return item


def _check(
    service: Service,
    conn: sqlite3.Connection,
    space: sqlite3.Row,
    item: sqlite3.Row,
    union_id: str,
    action: Action,
) -> None:
    service.permissions.require(conn, space, item["dentry_id"], union_id, action, deleted_ok=True)


def _check_ids(ids: list[str], limit: int) -> None:
    if not ids:
        raise param_error("recycleItemIds is empty", "recycleItemIds")
    if len(ids) > limit:
        raise param_error(f"at most {limit} recycleItemIds are allowed", "recycleItemIds")


@router.get(BINS)
def get_recycle_bin(
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
    scope: Annotated[str, Query(alias="recycleBinScope", max_length=16)],
    scope_id: Annotated[str, Query(alias="scopeId", max_length=128)],
) -> dict[str, Any]:
    """GetRecycleBin: the bin of a space (scope SPACE); org and app bins are not kept here."""
    if scope.upper() != "SPACE":
        raise param_error(f"recycleBinScope {scope!r} is not supported; use SPACE", "recycleBinScope")
    with service.db.write() as conn:
        space = service.permissions.space(conn, scope_id, union_id)
        bin_id = service.recycle_bin.bin_id(conn, space)
    return {"recycleBin": {"id": str(bin_id), "scope": "SPACE", "scopeId": str(space["id"])}}


@router.get(ITEMS)
def list_recycle_items(
    recycleBinId: str,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
    next_token: Annotated[str | None, Query(alias="nextToken", max_length=1024)] = None,
    max_results: Annotated[int, Query(alias="maxResults", ge=1, le=MAX_PAGE)] = MAX_PAGE,
) -> dict[str, Any]:
    """ListRecycleItems: one page of the bin, the latest deletions first."""
    conn = service.db.connection()
    space = _bin_space(service, conn, recycleBinId, union_id)
    items, token = service.recycle_bin.page(conn, space, max_results, next_token)
    if service.permissions.level(conn, space, None, union_id) < Level.READER:
        # Only what was deleted from what is shared with the operator (a page may come out short).
        items = [item for item in items if _may(service, conn, space, item["dentryId"], union_id)]
    result: dict[str, Any] = {"recycleItems": items}
    if token:
        result["nextToken"] = token
    return result


@router.get(ITEMS + "/{recycleItemId}")
def get_recycle_item(
    recycleBinId: str, recycleItemId: str, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """GetRecycleItem."""
    conn = service.db.connection()
    space = _bin_space(service, conn, recycleBinId, union_id)
    item = _item(service, conn, space, recycleItemId, union_id, Action.VIEW)
    return {"item": service.recycle_bin.item_json(conn, item)}


@router.post(ITEMS + "/{recycleItemId}/restore")
def restore_recycle_item(
    recycleBinId: str,
    recycleItemId: str,
    service: ServiceDep,
    _key: AppKey,
    union_id: UnionId,
    body: RestoreItemBody | None = None,
) -> dict[str, Any]:
    """RestoreRecycleItem: back to its folder (AUTO_RENAME unless the option says otherwise)."""
    strategy = check_strategy(body.option.conflictStrategy if body and body.option else None)
    with service.db.write() as conn:
        space = _bin_space(service, conn, recycleBinId, union_id)
        _item(service, conn, space, recycleItemId, union_id, Action.EDIT)
        dentry = service.recycle_bin.restore(conn, space, recycleItemId, strategy, union_id)
    return {"async": False, "spaceId": str(space["id"]), "dentryId": str(dentry["id"])}


@router.post(ITEMS + "/batchRestore")
def restore_recycle_items(
    recycleBinId: str, body: RestoreItemsBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """RestoreRecycleItems: up to 30 items; each is restored or refused on its own."""
    _check_ids(body.recycleItemIds, MAX_RESTORE)
    strategy = check_strategy(body.option.conflictStrategy if body.option else None)
    results = []
    with service.db.write() as conn:
        space = _bin_space(service, conn, recycleBinId, union_id)
        for item_id in body.recycleItemIds:
            result: dict[str, Any] = {"recycleBinId": recycleBinId, "recycleItemId": item_id, "async": False}
            try:
                _item(service, conn, space, item_id, union_id, Action.EDIT)
                dentry = service.recycle_bin.restore(conn, space, item_id, strategy, union_id)
            except ServiceError as error:
                results.append({**result, "success": False, "errorCode": error.code})
                continue
            results.append(
                {**result, "success": True, "spaceId": str(space["id"]), "dentryId": str(dentry["id"])}
            )
    return {"resultItems": results}


@router.delete(ITEMS + "/{recycleItemId}")
def delete_recycle_item(
    recycleBinId: str, recycleItemId: str, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """DeleteRecycleItem: gone for good; its bytes are freed and its quota given back."""
    with service.db.write() as conn:
        space = _bin_space(service, conn, recycleBinId, union_id)
        service.recycle_bin.purge(conn, _item(service, conn, space, recycleItemId, union_id, Action.EDIT))
    return {"success": True}


@router.post(ITEMS + "/batchRemove")
def delete_recycle_items(
    recycleBinId: str, body: RemoveItemsBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """DeleteRecycleItems: up to 50 items for good; ids not in the bin are ignored (no per-item answer)."""
    _check_ids(body.recycleItemIds, MAX_REMOVE)
    with service.db.write() as conn:
        space = _bin_space(service, conn, recycleBinId, union_id)
        # Ids not in the bin are ignored (§13.8); one the operator may not purge refuses the call.
        for item_id in body.recycleItemIds:
            try:
                item = service.recycle_bin.item(conn, space, item_id)
            except ServiceError:
                continue
            service.permissions.require(
                conn, space, item["dentry_id"], union_id, Action.EDIT, deleted_ok=True
            )
        service.recycle_bin.purge_ids(conn, space, body.recycleItemIds)
    return {"success": True}


@router.post(BINS + "/{recycleBinId}/clear")
def clear_recycle_bin(
    recycleBinId: str, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """ClearRecycleBin (sent without any body): every item for good."""
    with service.db.write() as conn:
        space = _bin_space(service, conn, recycleBinId, union_id)
        service.permissions.require(conn, space, ROOT_ID, union_id, Action.MANAGE)
        service.recycle_bin.clear(conn, space)
    return {"success": True}


def _may(
    service: Service, conn: sqlite3.Connection, space: sqlite3.Row, dentry_id: str, union_id: str
) -> bool:
    dentry = service.tree.dentry(conn, space, dentry_id, deleted_ok=True)
    return service.permissions.level(conn, space, dentry, union_id) >= Level.READER
