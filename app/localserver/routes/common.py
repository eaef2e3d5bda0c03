"""What every route shares: the service object, the token check and the operator's unionId."""

from __future__ import annotations

import sqlite3
from typing import Annotated, Any

from fastapi import Depends, Header, Query, Request

from app.localserver.model import dentry_json
from app.localserver.service import Service


def get_service(request: Request) -> Service:
    """The service this app serves."""
    service: Service = request.app.state.service
    return service


ServiceDep = Annotated[Service, Depends(get_service)]


TOKEN_HEADER = "x-acs-dingtalk-access-token"


def require_token(
    request: Request,
    _token: Annotated[str | None, Header(alias=TOKEN_HEADER)] = None,
) -> str:
    """The app key of the call's token; the gateway (see `app.TokenGate`) has checked it."""
    app_key: str = request.state.app_key
    return app_key


AppKey = Annotated[str, Depends(require_token)]
UnionId = Annotated[str, Query(alias="unionId", min_length=1, max_length=128)]


def dentries_json(
    service: Service,
    conn: sqlite3.Connection,
    rows: list[sqlite3.Row],
    *,
    with_thumbnail: bool = False,
    thumbnail_asked: bool = True,
    app_ids: list[str] | None = None,
) -> list[dict[str, Any]]:
    """Dentry objects for rows, with paths (and thumbnails when asked).

    `thumbnail_asked`: whether a thumbnail still to be made should go before the backlog.
    """
    result = []
    for row, path in zip(rows, service.tree.child_paths(conn, rows), strict=True):
        dentry = dentry_json(row, path, app_ids)
        if with_thumbnail:
            thumbnail, _ = service.thumbnails.result(conn, row, asked=thumbnail_asked)
            if thumbnail is not None:
                dentry["thumbnail"] = thumbnail
        result.append(dentry)
    return result
