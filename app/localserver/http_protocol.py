"""uvicorn's HTTP protocol with a deadline and a size limit for request headers.

uvicorn's only idle timeout (``timeout_keep_alive``) runs between a response and the first byte
of the next request: a connection that never sends a request, or sends its headers a byte at a
time, stays open for ever. Enough of them use up the service's file descriptors and lock every
other client out. Here a request's headers must be complete within
`HeaderDeadline.header_timeout` seconds of the connection opening or of their first byte;
otherwise the connection is closed. httptools sets no limit on their size either (it buffers a
header until it ends), so a client could make the service hold whatever it sends in that time:
over `MAX_HEADER_BYTES` the request is answered 431 and the connection closed.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

DEFAULT_HEADER_TIMEOUT = 5.0
MAX_HEADER_BYTES = 64 * 1024
_TOO_LARGE = (
    b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain; charset=utf-8\r\n"
    b"content-length: 35\r\nconnection: close\r\n\r\nthe request headers are too large\r\n"
)


class HeaderDeadline(HttpToolsProtocol):
    """An `HttpToolsProtocol` that closes connections whose request headers are late or huge."""

    header_timeout = DEFAULT_HEADER_TIMEOUT
    _deadline: asyncio.TimerHandle | None = None
    _header_bytes = 0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()  # the first request's headers, counted from the connection

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        awaiting_headers = self._deadline is not None
        super().data_received(data)
        if awaiting_headers and self._deadline is not None:
            # Headers before and after this chunk: all of it was header bytes. (A chunk in which
            # a request begins is not counted, so the tail of an earlier body never is.)
            self._header_bytes += len(data)
            if self._header_bytes > MAX_HEADER_BYTES and not self.transport.is_closing():
                self._disarm()
                self.transport.write(_TOO_LARGE)
                self.transport.close()

    def on_message_begin(self) -> None:
        super().on_message_begin()
        if self._deadline is None:
            self._arm()  # a later request's headers, counted from their first byte

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def _arm(self) -> None:
        self._header_bytes = 0
        self._deadline = self.loop.call_later(self.header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()


def with_header_timeout(seconds: float) -> type[HeaderDeadline]:
    """The protocol class to give uvicorn (``Config(http=...)``) for a header timeout of `seconds`."""
    return type("HeaderDeadline", (HeaderDeadline,), {"header_timeout": seconds})
