"""MoveDentries and CopyDentries: up to 30 dentries into one folder, each with its own result (§13.4).

Every item is done at once (``async`` false, as §13.8 allows locally); one that fails is undone
on its own and answers its ``errorCode``, the others still go.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter

from app.localserver.errors import ServiceError, param_error
from app.localserver.move_copy import MAX_BATCH
from app.localserver.permissions import Access
from app.localserver.routes.common import AppKey, ServiceDep, UnionId
from app.localserver.schemas import BatchMoveCopyBody
from app.localserver.service import Service
from app.localserver.tree import check_strategy

router = APIRouter(tags=["dentries"])
SPACE = "/v1.0/storage/spaces/{spaceId}"

Step = Callable[[sqlite3.Connection, sqlite3.Row, str, Access, str], sqlite3.Row]
"""Moves or copies one id (space, id, target folder, strategy); returns the dentry now in the target."""


def _batch(
    service: Service,
    space_id: str,
    body: BatchMoveCopyBody,
    union_id: str,
    step: Step,
) -> dict[str, Any]:
    if not body.dentryIds:
        raise param_error("dentryIds is empty", "dentryIds")
    if len(body.dentryIds) > MAX_BATCH:
        raise param_error(f"at most {MAX_BATCH} dentryIds are allowed", "dentryIds")
    strategy = check_strategy(body.option.conflictStrategy if body.option else None)
    items = []
    with service.db.write() as conn:
        space = service.permissions.space(conn, space_id, union_id)
        target = service.move_copy.target(conn, body.targetSpaceId, body.targetFolderId, union_id)
        for dentry_id in body.dentryIds:
            item: dict[str, Any] = {"spaceId": str(space["id"]), "dentryId": dentry_id, "async": False}
            try:
                with service.db.savepoint():
                    row = step(conn, space, dentry_id, target, strategy)
            except ServiceError as error:
                items.append({**item, "success": False, "errorCode": error.code})
                continue
            items.append(
                {
                    **item,
                    "success": True,
                    "targetSpaceId": str(row["space_id"]),
                    "targetDentryId": str(row["id"]),
                }
            )
    return {"resultItems": items}


@router.post(SPACE + "/dentries/batchMove")
def move_dentries(
    spaceId: str, body: BatchMoveCopyBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """MoveDentries: each keeps its id; grants on it go along only with ``preservePermissions``."""
    preserve = bool(body.option and body.option.preservePermissions)

    def move(
        conn: sqlite3.Connection, space: sqlite3.Row, dentry_id: str, target: Access, strategy: str
    ) -> sqlite3.Row:
        return service.move_copy.move(
            conn, space, dentry_id, target, strategy, union_id, preserve_permissions=preserve
        )

    return _batch(service, spaceId, body, union_id, move)


@router.post(SPACE + "/dentries/batchCopy")
def copy_dentries(
    spaceId: str, body: BatchMoveCopyBody, service: ServiceDep, _key: AppKey, union_id: UnionId
) -> dict[str, Any]:
    """CopyDentries: folders with everything in them; the copies get new ids."""

    def copy(
        conn: sqlite3.Connection, space: sqlite3.Row, dentry_id: str, target: Access, strategy: str
    ) -> sqlite3.Row:
        return service.move_copy.copy(conn, space, dentry_id, target, strategy, union_id)

    return _batch(service, spaceId, body, union_id, copy)
