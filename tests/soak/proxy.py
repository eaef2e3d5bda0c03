"""A TCP proxy in front of the local service that cuts connections at random, and counts bytes.

Each new connection may get a cut point: after some bytes towards the service (mid-request),
after some bytes towards the client (mid-answer), or at the first byte of an answer (the request
went through and the service acted on it, but its answer never arrives). Commit requests can also
lose their answer on purpose: the case where a client cannot know whether its file was committed.
Bytes are counted as they are forwarded, separately for the data plane (signed URLs, ``/_local/…``)
and the control plane (Open API calls). It moves a few hundred MiB/s on loopback, so that
Dentry, not the proxy, sets the pace.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import random
import re
import threading
from dataclasses import dataclass

DATA_PLANE = re.compile(rb"^[A-Z]+ /_local/")
COMMIT = re.compile(rb"(?:^|\r\n)POST [^ \r\n]*/commit[ ?]")


@dataclass(slots=True)
class ProxyStats:
    """What the proxy did, as counts (updated on its event loop; read them from any thread)."""

    connections: int = 0
    refused: int = 0
    """Connections closed at once because the service was not listening (being restarted)."""
    cut_requests: int = 0
    cut_answers: int = 0
    lost_answers: int = 0
    """Connections cut at the first byte of an answer: the request had reached the service."""
    lost_commits: int = 0
    aimed_cuts: int = 0
    """Signed-URL connections cut on the driver's order."""
    data_up: int = 0
    data_down: int = 0
    control_up: int = 0
    control_down: int = 0

    @property
    def cuts(self) -> int:
        """Connections the proxy cut, in any way."""
        return self.cut_requests + self.cut_answers + self.lost_answers + self.lost_commits + self.aimed_cuts

    @property
    def data_bytes(self) -> int:
        """Signed-URL bytes forwarded, both ways (their HTTP headers included)."""
        return self.data_up + self.data_down

    @property
    def control_bytes(self) -> int:
        """Open API bytes forwarded, both ways."""
        return self.control_up + self.control_down


class _End(asyncio.Protocol):
    """One end of a proxied connection: what it receives goes to the other end through `link`.

    It stops reading while anything holds it: the other end connecting, or full (flow control),
    or the throttle.
    """

    def __init__(self, link: _Link, *, up: bool) -> None:
        self.link = link
        self.up = up  # received from the client, for the service
        self.transport: asyncio.Transport | None = None
        self.holds: set[str] = set()

    def hold(self, reason: str) -> None:
        """Stop reading for `reason`."""
        self.holds.add(reason)
        if self.transport is not None:
            self.transport.pause_reading()

    def release(self, reason: str) -> None:
        """`reason` no longer holds this end; read again if nothing else does."""
        self.holds.discard(reason)
        if self.transport is not None and not self.holds and not self.transport.is_closing():
            self.transport.resume_reading()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        # Not paused here but in the next callback: Debian's Python 3.11.2 starts reading after
        # connection_made even when it paused the transport, and every later pause_reading is then
        # a no-op (it believes itself paused): its throttle never held an upload's first second.
        asyncio.get_running_loop().call_soon(self._pause_if_held)
        self.link.made(self)

    def _pause_if_held(self) -> None:
        if self.holds and self.transport is not None and not self.transport.is_closing():
            self.transport.pause_reading()

    def data_received(self, data: bytes) -> None:
        self.link.forward(self, data)

    def eof_received(self) -> bool | None:
        return None  # close this end; connection_lost closes the other

    def connection_lost(self, exc: Exception | None) -> None:
        self.link.lost(self)

    # The other end stops reading while this end cannot take more bytes.
    def pause_writing(self) -> None:
        self.link.other(self).hold("full")

    def resume_writing(self) -> None:
        self.link.other(self).release("full")


class _Link:
    """A client connection and its connection to the service, with its cut plan and counts."""

    def __init__(self, proxy: ChaosProxy) -> None:
        self.proxy = proxy
        self.client = _End(self, up=True)
        self.service = _End(self, up=False)
        self.client.hold("connecting")  # until the service end is connected
        self.up_budget = math.inf  # bytes to forward towards the service before the cut
        self.down_budget = math.inf
        self.data_plane: bool | None = None
        self.lose_next_answer = False
        self.closed = False
        self.connecting: asyncio.Future[None] | None = None

    def other(self, end: _End) -> _End:
        return self.service if end is self.client else self.client

    def made(self, end: _End) -> None:
        self.proxy.links.add(self)
        if end is self.client:
            self.connecting = asyncio.ensure_future(self.connect())
        elif self.closed:  # the client left while we were connecting
            self.close(abort=True)
        else:
            self.client.release("connecting")

    async def connect(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            await loop.create_connection(lambda: self.service, "127.0.0.1", self.proxy.upstream_port)
        except OSError:
            self.proxy.stats.refused += 1
            self.close(abort=True)

    def forward(self, end: _End, data: bytes) -> None:
        if self.closed:
            return
        stats = self.proxy.stats
        if end.up:
            if self.data_plane is None:
                self.data_plane = DATA_PLANE.match(data) is not None
            # The substring test first: a regex over every body chunk would slow the proxy down.
            if b"/commit" in data and COMMIT.search(data) is not None and self.proxy.lose_commit():
                self.lose_next_answer = True
        elif self.lose_next_answer:
            stats.lost_commits += 1
            self.close(abort=True)
            return
        if not self.data_plane and not self.proxy.cut_control:
            budget = math.inf
        else:
            budget = self.up_budget if end.up else self.down_budget
        cut = len(data) > budget
        if cut:
            data = data[: int(budget)]
        if data:
            receiver = self.other(end).transport
            assert receiver is not None
            receiver.write(data)
            self.count(len(data), up=end.up)
            if self.proxy.throttle and self.data_plane:
                # The sender waits as long as these bytes take at the throttled rate.
                end.hold("throttle")
                delay = len(data) / self.proxy.throttle
                asyncio.get_running_loop().call_later(delay, end.release, "throttle")
        if end.up:
            self.up_budget -= len(data)
        else:
            self.down_budget -= len(data)
        if cut:
            if end.up:
                stats.cut_requests += 1
            elif budget == 0:
                stats.lost_answers += 1
            else:
                stats.cut_answers += 1
            self.close(abort=True)

    def count(self, size: int, *, up: bool) -> None:
        stats = self.proxy.stats
        if self.data_plane:
            if up:
                stats.data_up += size
            else:
                stats.data_down += size
        elif up:
            stats.control_up += size
        else:
            stats.control_down += size

    def lost(self, end: _End) -> None:
        self.close(abort=False)

    def close(self, *, abort: bool) -> None:
        """End both connections: a cut resets them (as a broken network does), an end closes them."""
        self.closed = True
        self.proxy.links.discard(self)
        for end in (self.client, self.service):
            if end.transport is not None and not end.transport.is_closing():
                if abort:
                    end.transport.abort()
                else:
                    end.transport.close()


class ChaosProxy:
    """Listens on 127.0.0.1 and forwards to the service's port; runs its own event loop thread.

    `cut_rate` is the share of connections given a cut point somewhere between `min_cut_after`
    and `max_cut_after` bytes (or at the first byte of an answer); with `cut_control` off, only
    signed-URL connections are cut. Which connections, where and how follows from `seed` and the
    connection's number. `throttle` limits each signed-URL connection to so many bytes per
    second, so that what has passed the proxy is what the other side has. `commit_loss_rate` is
    the share of commit answers dropped, counted, not drawn: 0.2 drops the 1st, 6th, 11th… so
    that even a short run loses the first one.
    """

    def __init__(
        self,
        upstream_port: int,
        *,
        cut_rate: float = 0.0,
        commit_loss_rate: float = 0.0,
        min_cut_after: int = 16,
        max_cut_after: int = 64 * 1024 * 1024,
        cut_control: bool = True,
        throttle: int | None = None,
        seed: int = 0,
    ) -> None:
        self.upstream_port = upstream_port
        self.cut_rate = cut_rate
        self.commit_loss_rate = commit_loss_rate
        self.min_cut_after, self.max_cut_after = min_cut_after, max_cut_after
        self.cut_control = cut_control
        self.throttle = throttle
        self.seed = seed
        self.commits = 0
        self.stats = ProxyStats()
        self.port = 0
        self.links: set[_Link] = set()
        self._numbers = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="cutting-proxy", daemon=True)
        self._server: asyncio.Server | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` of the proxy."""
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Listen on a free port and start forwarding."""
        self._thread.start()
        self._server = asyncio.run_coroutine_threadsafe(
            self._loop.create_server(self._accept, "127.0.0.1", 0), self._loop
        ).result()
        self.port = self._server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        """Close the listening socket and every connection, and end the loop thread."""

        async def close() -> None:
            assert self._server is not None
            self._server.close()
            for link in list(self.links):
                link.close(abort=True)
            await asyncio.sleep(0)  # let the transports finish closing

        asyncio.run_coroutine_threadsafe(close(), self._loop).result()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def cut_signed_url_connections(self) -> None:
        """Cut every signed-URL connection open now (a strike aimed at a transfer in flight)."""

        def cut() -> None:
            for link in list(self.links):
                if link.data_plane:
                    self.stats.aimed_cuts += 1
                    link.close(abort=True)

        self._loop.call_soon_threadsafe(cut)

    def lose_commit(self) -> bool:
        """Whether to drop the answer of the commit request just seen."""
        self.commits += 1
        rate = self.commit_loss_rate
        return math.ceil(self.commits * rate) > math.ceil((self.commits - 1) * rate)

    def _accept(self) -> _End:
        rng = random.Random(f"{self.seed}/{next(self._numbers)}")
        self.stats.connections += 1
        link = _Link(self)
        if rng.random() < self.cut_rate:
            # Log-uniform: as many cuts among the first kilobytes (headers) as in the last megabytes.
            low, high = math.log(self.min_cut_after), math.log(self.max_cut_after)
            after = int(math.exp(rng.uniform(low, high)))
            kind = rng.choice(("request", "answer", "lost"))
            if kind == "request":
                link.up_budget = after
            else:
                link.down_budget = 0 if kind == "lost" else after
        return link.client
