"""Fault injection for tests: dropped connections, 503 storms, throttled bodies and latency.

It wraps the whole ASGI app, outside everything else, so it sees the server's own `send` and
can abort the TCP connection the way a failing network or object store would.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.localserver.config import Faults

DATA_PLANE_PREFIX = "/_local/"
THROTTLE_SLICE = 16 * 1024
THROTTLE_STEP_SECONDS = 0.005
"""A throttled body goes in slices of this much time's worth (at least THROTTLE_SLICE bytes)."""
THROTTLE_BURST_SECONDS = 0.05
"""A throttled body that fell behind (its reader stalled) catches up at most this much at once."""


class DroppedByFault(Exception):
    """Raised inside the app when the injector has cut its connection."""


class FaultInjector:
    """ASGI middleware applying the live settings in a `Faults` object."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        faults = self.faults
        faults.in_flight += 1  # (one event loop: no lock needed)
        faults.peak_in_flight = max(faults.peak_in_flight, faults.in_flight)
        answered = False

        async def counted(message: Message) -> None:
            # In flight until the last byte of the answer is sent, as the client sees it (the
            # app may still be tidying up when the client sends its next request).
            nonlocal answered
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body") and not answered:
                answered = True
                faults.in_flight -= 1

        try:
            if faults.latency_ms > 0:
                # Before any work, so that the answer (and the data plane's first byte) comes
                # that much later, as over a long link.
                await asyncio.sleep(faults.latency_ms / 1000)
            await self._handle(scope, receive, counted, send)
        finally:
            if not answered:
                faults.in_flight -= 1

    async def _handle(self, scope: Scope, receive: Receive, send: Send, raw_send: Send) -> None:
        faults = self.faults
        if faults.error_rate > 0 and random.random() < faults.error_rate:
            await self._answer_503(send)
            return
        if not scope["path"].startswith(DATA_PLANE_PREFIX) or not (
            faults.drop_after_bytes is not None or faults.throttle_bps
        ):
            await self.app(scope, receive, send)
            return
        connection = _Connection(faults, raw_send)
        with contextlib.suppress(DroppedByFault):
            await self.app(scope, connection.wrap_receive(receive), connection.wrap_send(send))

    @staticmethod
    async def _answer_503(send: Send) -> None:
        body = json.dumps(
            {
                "code": "operationTimeout",
                "message": "injected fault: try again",
                "requestid": "fault",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 503,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"x-acs-request-id", b"fault"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _Connection:
    """Byte counting, throttling and dropping for one request."""

    def __init__(self, faults: Faults, raw_send: Send) -> None:
        self.faults = faults
        self.raw_send = raw_send
        self.bytes = 0
        self.paced = 0  # bytes the throttle has let through since `since`
        self.since = 0.0

    def _should_drop(self, more: int) -> bool:
        limit = self.faults.drop_after_bytes
        if limit is None or self.bytes + more <= limit:
            return False
        if self.faults.drop_times is not None:
            if self.faults.drop_times <= 0:
                return False
            self.faults.drop_times -= 1
        return True

    def _abort(self) -> None:
        # uvicorn's `send` is a bound method of the request cycle, which holds the transport.
        transport = getattr(getattr(self.raw_send, "__self__", None), "transport", None)
        if transport is not None:
            transport.abort()
        raise DroppedByFault

    async def _throttle(self, size: int) -> None:
        """Sleep until `size` more bytes are due at the rate: paced from the first byte, so the
        event loop's own delays (a busy machine, many connections) do not lower the rate."""
        rate = self.faults.throttle_bps
        if not rate:
            return
        now = asyncio.get_running_loop().time()
        if self.paced == 0:
            self.since = now
        self.paced += size
        due = self.since + self.paced / rate
        if due > now:
            await asyncio.sleep(due - now)
        elif now - due > THROTTLE_BURST_SECONDS:  # the reader stalled: no burst to catch up
            self.since += now - due - THROTTLE_BURST_SECONDS

    def _slice(self) -> int:
        rate = self.faults.throttle_bps
        return max(THROTTLE_SLICE, int(rate * THROTTLE_STEP_SECONDS)) if rate else 0

    def wrap_receive(self, receive: Receive) -> Receive:
        async def wrapped() -> Message:
            message = await receive()
            body: bytes = message.get("body", b"")
            if message["type"] == "http.request" and body:
                if self._should_drop(len(body)):
                    self._abort()
                self.bytes += len(body)
                await self._throttle(len(body))
            return message

        return wrapped

    def wrap_send(self, send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            body: bytes = message.get("body", b"")
            if message["type"] != "http.response.body" or not body:
                await send(message)
                return
            more = message.get("more_body", False)
            step = self._slice() or len(body)
            for start in range(0, len(body), step):
                piece = body[start : start + step]
                if self._should_drop(len(piece)):
                    keep = max(0, (self.faults.drop_after_bytes or 0) - self.bytes)
                    await send({"type": "http.response.body", "body": piece[:keep], "more_body": True})
                    self._abort()
                self.bytes += len(piece)
                last = start + step >= len(body)
                await send({"type": "http.response.body", "body": piece, "more_body": more or not last})
                await self._throttle(len(piece))

        return wrapped
