"""Serving a blob (one file or the parts of a composite blob) with HTTP Range, ETag and HEAD.

One byte range per request is served (206); several ranges, If-Range with another validator,
or a malformed header get the whole body (200), as RFC 9110 allows. A range that starts past
the end gets 416.
"""

from __future__ import annotations

import re
from email.utils import formatdate
from pathlib import Path

import anyio
from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

# Large reads: each one is a trip to a worker thread, and loopback clients drain 4 MiB quickly.
CHUNK = 4 * 1024 * 1024
_SINGLE_RANGE = re.compile(r"bytes=\s*([0-9]*)\s*-\s*([0-9]*)\s*", re.ASCII)
BEYOND_ANY_FILE = 10**18
"""Stands for every position with more digits than a file size can have."""


class Unsatisfiable(Exception):
    """The range starts beyond the end of the body."""


def _position(digits: str) -> int:
    """A byte position; thousands of digits are not converted (Python refuses over 4,300)."""
    significant = digits.lstrip("0") or "0"
    return int(significant) if len(significant) < 19 else BEYOND_ANY_FILE


def parse_range(header: str | None, total: int) -> tuple[int, int] | None:
    """The inclusive ``(first, last)`` byte positions asked for, or None for the whole body."""
    if header is None:
        return None
    match = _SINGLE_RANGE.fullmatch(header)
    if match is None or not (match[1] or match[2]):
        return None  # malformed or several ranges: ignored
    first_text, last_text = match[1], match[2]
    if not first_text:  # suffix: the last N bytes
        length = _position(last_text)
        if length == 0:
            raise Unsatisfiable
        return max(0, total - length), total - 1
    first = _position(first_text)
    last = _position(last_text) if last_text else total - 1
    if last_text and last < first:
        return None  # invalid: ignored
    if first >= total:
        raise Unsatisfiable
    return first, min(last, total - 1)


class BlobResponse(Response):
    """A response streaming `segments` (files in order) as one body."""

    def __init__(self, segments: list[tuple[Path, int]], etag: str, media_type: str, mtime: float) -> None:
        super().__init__(media_type=media_type)
        self.segments = segments
        self.total = sum(size for _, size in segments)
        self.etag = etag
        self.last_modified = formatdate(mtime, usegmt=True)
        self.extra_headers: dict[str, str] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_headers = Headers(scope=scope)
        headers = {
            "accept-ranges": "bytes",
            "etag": self.etag,
            "last-modified": self.last_modified,
            "content-type": self.media_type or "application/octet-stream",
            **self.extra_headers,
        }
        if_range = request_headers.get("if-range")
        try:
            wanted = (
                None
                if if_range not in (None, self.etag)
                else parse_range(request_headers.get("range"), self.total)
            )
        except Unsatisfiable:
            headers.update({"content-range": f"bytes */{self.total}", "content-length": "0"})
            await self._start(send, 416, headers)
            await send({"type": "http.response.body", "body": b""})
            return
        first, last = wanted if wanted else (0, self.total - 1)
        headers["content-length"] = str(last - first + 1)
        if wanted:
            headers["content-range"] = f"bytes {first}-{last}/{self.total}"
        await self._start(send, 206 if wanted else 200, headers)
        if scope["method"] == "HEAD" or last < first:
            await send({"type": "http.response.body", "body": b""})
            return
        await self._stream(send, first, last)

    @staticmethod
    async def _start(send: Send, status: int, headers: dict[str, str]) -> None:
        raw = [(name.encode("latin-1"), value.encode("latin-1")) for name, value in headers.items()]
        await send({"type": "http.response.start", "status": status, "headers": raw})

    async def _stream(self, send: Send, first: int, last: int) -> None:
        offset = 0
        remaining = last - first + 1
        for path, size in self.segments:
            if remaining <= 0:
                break
            if first >= offset + size:
                offset += size
                continue
            async with await anyio.open_file(path, "rb") as file:
                await file.seek(max(0, first - offset))
                while remaining > 0:
                    chunk = await file.read(min(CHUNK, remaining))
                    if not chunk:
                        break
                    remaining -= len(chunk)
                    await send({"type": "http.response.body", "body": chunk, "more_body": remaining > 0})
            offset += size
        if remaining > 0:  # a blob shorter than its recorded size: end the body anyway
            await send({"type": "http.response.body", "body": b""})
