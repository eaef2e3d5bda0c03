"""The soak's proxy holds its promises: the strikes aimed at "a quarter of the file" rely on them."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest

from tests.soak.proxy import ChaosProxy
from tests.transfers.helpers import KIB, MIB


@pytest.fixture
def sink() -> Iterator[tuple[int, list[int]]]:
    """A TCP server on 127.0.0.1 that reads and counts everything sent to it (one connection)."""
    server = socket.create_server(("127.0.0.1", 0))
    received = [0]

    def serve() -> None:
        connection, _address = server.accept()
        with connection:
            while chunk := connection.recv(64 * KIB):
                received[0] += len(chunk)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], received
    server.close()
    thread.join(5)


def test_the_throttle_holds_an_upload_from_its_first_byte(sink: tuple[int, list[int]]) -> None:
    # Debian's Python 3.11.2 read a client's first second unthrottled (a pause made in
    # connection_made did not hold, and made every later pause a no-op): 2 MiB went through at once.
    port, received = sink
    proxy = ChaosProxy(port, throttle=4 * MIB)
    proxy.start()
    try:
        started = time.monotonic()
        with socket.create_connection(("127.0.0.1", proxy.port)) as client:
            client.sendall(b"PUT /_local/uploads/key HTTP/1.1\r\n\r\n" + bytes(2 * MIB))
            client.shutdown(socket.SHUT_WR)
            while received[0] < 2 * MIB and time.monotonic() - started < 10:
                time.sleep(0.01)
        elapsed = time.monotonic() - started
    finally:
        proxy.stop()
    assert received[0] > 2 * MIB
    assert elapsed >= 0.3  # 2 MiB at 4 MiB/s: half a second (less the last read)
