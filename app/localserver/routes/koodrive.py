"""KooDrive's "generate document thumbnail" task (seed S001), answered in KooDrive's own shape.

KooDrive answers ``{"code", "msg"}`` with ``code`` "0" for success; the seed documents no error
codes, so failures use short non-zero codes with a message that says what is wrong. Every answer
has that shape, a bad body's too (not the DingTalk ``{"code", "message", "requestid"}``), and the
body is read as JSON whatever its Content-Type says: the seed's own example sends none.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from app.localserver.errors import ServiceError
from app.localserver.permissions import Action
from app.localserver.routes.common import ServiceDep
from app.localserver.schemas import KooDriveThumbnailBody

router = APIRouter(tags=["koodrive"])
TASK_WAIT_SECONDS = 60.0
MAX_BODY_BYTES = 64 * 1024


def _answer(status: int, code: str, msg: str) -> JSONResponse:
    return JSONResponse({"code": code, "msg": msg}, status_code=status)


async def _task_body(request: Request) -> KooDriveThumbnailBody | JSONResponse:
    """The body of a task as JSON whatever its Content-Type, or the answer refusing it."""
    raw = b""
    async for chunk in request.stream():
        raw += chunk
        if len(raw) > MAX_BODY_BYTES:
            return _answer(413, "413", f"the body is larger than {MAX_BODY_BYTES} bytes")
    try:
        return KooDriveThumbnailBody.model_validate_json(raw or b"{}")
    except ValidationError as error:
        first = error.errors()[0]
        if first["type"] == "json_invalid":
            return _answer(400, "400", "the body is not valid JSON")
        field = ".".join(str(part) for part in first["loc"]) or "the body"
        return _answer(400, "400", f"{field}: {first['msg']}")


@router.post(
    "/koodrive/ose/v1/document/thumbnail",
    # The body is read by _task_body, so it is described here for the OpenAPI document.
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": KooDriveThumbnailBody.model_json_schema()}},
        }
    },
)
def generate_document_thumbnail(
    parsed: Annotated[KooDriveThumbnailBody | JSONResponse, Depends(_task_body)],
    service: ServiceDep,
    authorization: Annotated[str | None, Header()] = None,
    x_user_id: Annotated[str | None, Header(alias="X-User-Id")] = None,
    x_date: Annotated[str | None, Header(alias="X-Date")] = None,
) -> JSONResponse:
    """(Re)generate the thumbnail of one file."""
    scheme, _, token = (authorization or "").replace("Bearer+", "Bearer ", 1).partition(" ")
    try:
        if scheme != "Bearer":
            raise ServiceError(401, "InvalidAuthentication", "")
        service.tokens.check(token.strip())
    except ServiceError:
        return _answer(401, "401", "the access token is missing, invalid or expired")
    if not x_user_id or not x_date:
        return _answer(400, "400", "the X-User-Id and X-Date headers are required")
    if isinstance(parsed, JSONResponse):
        return parsed
    body = parsed
    if body.userId != x_user_id:
        return _answer(403, "403", "userId does not match X-User-Id")
    with service.db.write() as conn:
        try:
            access = service.permissions.require(
                conn, body.containerId, body.fileId, body.userId, Action.VIEW
            )
        except ServiceError as error:
            return _answer(error.status, "404" if error.status == 404 else "403", error.message)
        if access.dentry is None:  # the root
            return _answer(404, "404", f"dentry {body.fileId} does not exist")
        row = access.dentry
        if row["type"] != "FILE" or not service.thumbnails.supports(row["name"]):
            return _answer(400, "415", f"no thumbnails for files like {row['name']!r}")
        service.thumbnails.regenerate(conn, row)
    # The task answers once the thumbnail exists, so "success" means a caller can fetch it.
    if not service.thumbnails.wait_for(int(row["id"]), int(row["version"]), TASK_WAIT_SECONDS):
        return _answer(503, "503", "the thumbnail is still being generated; ask again later")
    return _answer(200, "0", "success")
