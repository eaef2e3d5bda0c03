"""The signed-URL data plane: PUT of upload bodies and parts, GET of file versions and thumbnails.

This stands in for the object store behind the real service. Bodies stream to and from disk in
1 MiB chunks, so memory stays flat whatever the file size.
"""

from __future__ import annotations

import os
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from starlette.responses import FileResponse, Response

from app.localserver.errors import ServiceError
from app.localserver.private import create_file, make_folder
from app.localserver.ranges import BlobResponse
from app.localserver.routes.common import ServiceDep
from app.localserver.routes.files import blob_url_path, upload_url_path
from app.localserver.service import Service
from app.localserver.signing import EXPIRES_HEADER, signature_from_header
from app.localserver.thumbnails import thumbnail_url_path
from app.localserver.uploads import MAX_PART_NUMBER

router = APIRouter(include_in_schema=False)
Authorization = Annotated[str | None, Header()]
Expires = Annotated[str | None, Header(alias=EXPIRES_HEADER)]


class StreamedFile(FileResponse):
    """A file response with 1 MiB reads: Starlette's 64 KiB default caps loopback throughput."""

    chunk_size = 1024 * 1024


async def _receive_into(request: Request, target: os.PathLike[str] | str) -> int:
    """Stream the request body into `target` through a temporary name; returns its size.

    A body cut short (client gone, or a fault injected) leaves nothing behind.
    """
    partial = f"{os.fspath(target)}.partial-{id(request)}"
    size = 0
    try:
        with os.fdopen(create_file(partial), "wb") as out:
            async for chunk in request.stream():
                out.write(chunk)
                size += len(chunk)
        os.replace(partial, target)
    finally:
        if os.path.exists(partial):
            os.unlink(partial)
    return size


def _upload_target(service: Service, upload_key: str) -> None:
    service.uploads.open_upload(service.db.connection(), upload_key)
    make_folder(service.blobs.staging(upload_key))


@router.put("/_local/uploads/{upload_key}")
async def put_upload(
    upload_key: str,
    request: Request,
    service: ServiceDep,
    authorization: Authorization = None,
    expires: Expires = None,
) -> Response:
    """Receive the body of a single-PUT upload."""
    service.signer.check("PUT", upload_url_path(upload_key), signature_from_header(authorization), expires)
    _upload_target(service, upload_key)
    await _receive_into(request, service.blobs.single_body(upload_key))
    return Response(status_code=200, headers={"x-oss-request-id": request.state.request_id})


@router.put("/_local/uploads/{upload_key}/parts/{part_number}")
async def put_part(
    upload_key: str,
    part_number: int,
    request: Request,
    service: ServiceDep,
    authorization: Authorization = None,
    expires: Expires = None,
) -> Response:
    """Receive one part of a multipart upload; sending a part again replaces it."""
    path = upload_url_path(upload_key, part_number)
    service.signer.check("PUT", path, signature_from_header(authorization), expires)
    if not 1 <= part_number <= MAX_PART_NUMBER:
        raise ServiceError(400, "paramError.partNumber", f"part numbers go from 1 to {MAX_PART_NUMBER}")
    _upload_target(service, upload_key)
    await _receive_into(request, service.blobs.part_path(upload_key, part_number))
    return Response(status_code=200, headers={"x-oss-request-id": request.state.request_id})


@router.api_route("/_local/blobs/{blob_id}", methods=["GET", "HEAD"])
def get_blob(
    blob_id: str,
    request: Request,
    service: ServiceDep,
    authorization: Authorization = None,
    expires: Expires = None,
) -> Response:
    """Serve a file version, with Range, ETag and Content-Length."""
    service.signer.check(
        request.method, blob_url_path(blob_id), signature_from_header(authorization), expires
    )
    if not service.blobs.exists(blob_id):
        raise ServiceError(404, "NoSuchKey", "the file no longer exists")
    segments = service.blobs.segments(blob_id)
    mtime = segments[0][0].stat().st_mtime if segments else 0.0
    return BlobResponse(segments, f'"{blob_id}"', "application/octet-stream", mtime)


@router.api_route("/_local/thumbnails/{dentry_id}/{version}", methods=["GET", "HEAD"])
def get_thumbnail(
    dentry_id: int,
    version: int,
    request: Request,
    service: ServiceDep,
    signature: Annotated[str | None, Query()] = None,
    expires: Annotated[str | None, Query()] = None,
) -> Response:
    """Serve a thumbnail image; the URL carries its own signature, so no headers are needed."""
    service.signer.check(request.method, thumbnail_url_path(dentry_id, version), signature, expires)
    media_type = service.thumbnails.media_type(dentry_id, version)
    path = service.blobs.thumbnail_path(dentry_id, version)
    if media_type is None or not path.is_file():
        raise ServiceError(404, "thumbnailNotExist", "the thumbnail does not exist")
    return StreamedFile(
        path,
        media_type=media_type,
        headers={"etag": f'"{dentry_id}-{version}"', "cache-control": "private, max-age=86400"},
    )
