"""The transport over real HTTP: retries on injected 503s, what is (not) repeated, and concurrent use
of one client from many threads.
"""

from __future__ import annotations

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from app.api import ApiError, NetworkError, StorageClient
from app.api.transport import RetryPolicy
from app.localserver import LocalServer
from tests.api.conftest import ROOT, MakeClient, put_bytes, upload, watch

# Enough attempts that a call through a 50-70 % storm practically never runs out (0.7**40 < 1e-6).
PATIENT = RetryPolicy(attempts=40, base_delay=0.001, max_delay=0.01)


def test_calls_succeed_through_a_503_storm(make_client: MakeClient, server: LocalServer) -> None:
    client = make_client(retry=PATIENT)
    space = client.add_space("Storm").id  # the token is fetched before the storm
    wire = watch(client)
    server.faults.error_rate = 0.5

    results = [client.get_space(space).id for _ in range(20)]
    listed = client.list_dentries(space)

    assert results == [space] * 20
    assert listed.dentries == []
    statuses = Counter(status for _m, _p, status in wire.calls())
    assert statuses[200] == 21
    assert statuses[503] > 0
    assert set(statuses) == {200, 503}
    assert wire.token_fetches == 0


def test_a_call_gives_up_after_exactly_attempts_tries(client: StorageClient, server: LocalServer) -> None:
    space = client.add_space("Down").id
    wire = watch(client)
    server.faults.error_rate = 1.0

    with pytest.raises(ApiError) as raised:
        client.get_space(space)

    error = raised.value
    assert (error.code, error.status, error.request_id) == ("operationTimeout", 503, "fault")
    assert error.retryable
    assert error.sentence == "The storage service timed out: injected fault: try again."
    assert wire.calls() == [("GET", wire.calls()[0][1], 503)] * client.transport.retry.attempts
    assert client.transport.retry.attempts == 4


def test_a_call_with_one_attempt_is_not_repeated(make_client: MakeClient, server: LocalServer) -> None:
    client = make_client(retry=RetryPolicy(attempts=1))
    client.list_spaces()
    wire = watch(client)
    server.faults.error_rate = 1.0

    with pytest.raises(ApiError):
        client.list_spaces()

    assert len(wire.calls()) == 1


def test_the_token_fetch_is_retried_like_any_call(make_client: MakeClient, server: LocalServer) -> None:
    client = make_client()
    wire = watch(client)
    server.faults.error_rate = 1.0

    with pytest.raises(ApiError) as raised:
        client.list_spaces()

    assert raised.value.code == "operationTimeout"
    assert len(wire.seen) == client.transport.retry.attempts


def test_errors_that_are_not_retryable_are_not_repeated(client: StorageClient, space_id: str) -> None:
    wire = watch(client)

    with pytest.raises(ApiError):
        client.get_dentry(space_id, "424242")
    with pytest.raises(ApiError):
        client.add_folder(space_id, ROOT, "bad|name")

    assert [status for _m, _p, status in wire.calls()] == [404, 400]


def test_add_folder_is_retried_on_503_without_duplicates(
    make_client: MakeClient, server: LocalServer
) -> None:
    client = make_client(retry=PATIENT)
    space = client.add_space("Folders").id
    wire = watch(client)
    server.faults.error_rate = 0.7

    created = [client.add_folder(space, ROOT, f"Folder {n}") for n in range(12)]

    server.faults.error_rate = 0.0
    names = sorted(d.name for d in client.iter_dentries(space))
    assert names == sorted(f"Folder {n}" for n in range(12))
    assert [d.name for d in created] == [f"Folder {n}" for n in range(12)]
    posts = [status for method, path, status in wire.calls("/folders") if method == "POST"]
    assert posts.count(200) == 12
    assert posts.count(503) > 0


def test_commit_file_is_retried_on_503_without_duplicates(
    make_client: MakeClient, server: LocalServer
) -> None:
    client = make_client(retry=PATIENT)
    space = client.add_space("Commits").id
    keys = [put_bytes(client, space, ROOT, "a.txt", f"body {n}".encode()) for n in range(8)]
    wire = watch(client)
    server.faults.error_rate = 0.7

    committed = [client.commit_file(space, ROOT, key, f"file{n}.txt", 6) for n, key in enumerate(keys)]

    server.faults.error_rate = 0.0
    assert [d.name for d in committed] == [f"file{n}.txt" for n in range(8)]
    assert sorted(d.name for d in client.iter_dentries(space)) == [f"file{n}.txt" for n in range(8)]
    assert client.get_space(space).used_quota == 48
    statuses = [status for _m, _p, status in wire.calls("/files/commit")]
    assert statuses.count(200) == 8
    assert statuses.count(503) > 0


def test_signed_transfers_meet_the_same_faults(
    client: StorageClient, server: LocalServer, space_id: str
) -> None:
    """The data plane is not the client's: a caller sees the raw 503 and tries again itself."""
    info = client.get_upload_info(space_id, ROOT, "a.txt", 3)
    server.faults.error_rate = 1.0

    refused = requests.put(info.signed.url, data=b"abc", headers=info.signed.headers, timeout=5)

    server.faults.error_rate = 0.0
    assert refused.status_code == 503
    accepted = requests.put(info.signed.url, data=b"abc", headers=info.signed.headers, timeout=5)
    assert accepted.status_code == 200
    assert client.commit_file(space_id, ROOT, info.upload_key, "a.txt", 3).size == 3


# --------------------------------------------------------------------------- threads


def test_sixteen_threads_share_one_client(client: StorageClient, space_id: str) -> None:
    threads, calls_each = 16, 20
    start = threading.Barrier(threads)
    sessions: list[requests.Session] = []
    lock = threading.Lock()

    def work(worker: int) -> list[str]:
        start.wait()
        session = client.transport.session
        with lock:
            sessions.append(session)
        made = []
        for n in range(calls_each):
            match n % 4:
                case 0:
                    made.append(client.add_folder(space_id, ROOT, f"w{worker:02d}-{n:02d}").id)
                case 1:
                    assert client.get_dentry(space_id, made[-1]).name == f"w{worker:02d}-{n - 1:02d}"
                case 2:
                    assert client.get_space(space_id).id == space_id
                case _:
                    assert client.list_dentries(space_id, max_results=5).dentries
            assert client.transport.session is session
        return made

    with ThreadPoolExecutor(threads) as pool:
        made = [dentry_id for ids in pool.map(work, range(threads)) for dentry_id in ids]

    assert client.transport.tokens.fetch_count == 1
    assert len({id(session) for session in sessions}) == threads
    assert client.transport.session not in sessions
    everything = list(client.iter_dentries(space_id))
    assert len(everything) == len(made) == threads * calls_each // 4
    assert {d.id for d in everything} == set(made)
    assert len({d.name for d in everything}) == len(made)


def test_threads_share_one_token_fetch_even_when_they_all_start_cold(make_client: MakeClient) -> None:
    client = make_client()
    start = threading.Barrier(8)

    def first_call(_: int) -> int:
        start.wait()
        return len(client.list_spaces("personal"))

    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(first_call, range(8))) == [0] * 8

    assert client.transport.tokens.fetch_count == 1


def test_another_client_fetches_its_own_token(make_client: MakeClient, space_id: str) -> None:
    first, second = make_client(), make_client()

    first.get_space(space_id)
    second.get_space(space_id)
    upload(first, space_id, "a.txt", b"x")

    assert first.transport.tokens.fetch_count == 1
    assert second.transport.tokens.fetch_count == 1


def test_a_service_that_stops_mid_session_gives_a_network_error(
    make_client: MakeClient, server: LocalServer, space_id: str
) -> None:
    client = make_client()
    client.get_space(space_id)
    server.stop()

    with pytest.raises(NetworkError) as raised:
        client.get_space(space_id)

    assert raised.value.retryable
    assert raised.value.sentence.endswith(".")
