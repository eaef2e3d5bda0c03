"""Errors: every code the local service can produce reaches the caller as an ApiError with its code,
status, request id and one readable sentence; transport failures as a NetworkError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import requests

from app.api import ApiError, NetworkError, StorageClient
from app.api.errors import RETRYABLE_CODES, SENTENCES
from app.api.transport import Transport
from app.localserver import LocalServer
from app.localserver.config import ServerConfig
from tests.api.conftest import ROOT, MakeClient, closed_port, download, put_bytes, upload, watch


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """One service for this module (each test works in a space of its own), to keep the suite fast."""
    with LocalServer(ServerConfig(data_dir=tmp_path_factory.mktemp("service"))) as running:
        yield running


# --------------------------------------------------------------------------- sentences (pure)


def assert_readable(sentence: str) -> None:
    assert sentence[0].isupper(), sentence
    assert sentence.endswith("."), sentence
    assert not sentence.endswith(".."), sentence
    assert "None" not in sentence, sentence


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_every_known_code_has_its_own_sentence(code: str) -> None:
    error = ApiError(code, 400, "", "req-1")

    assert error.sentence == SENTENCES[code] + "."
    assert str(error) == error.sentence
    assert_readable(error.sentence)


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_the_services_message_is_added_as_detail(code: str) -> None:
    error = ApiError(code, 400, "dentry 42 does not exist", "req-1")

    assert error.sentence == f"{SENTENCES[code]}: dentry 42 does not exist."


def test_file_archived_asks_to_try_later() -> None:
    error = ApiError("fileArchived", 400, "")

    assert error.try_later
    assert "try again" in error.sentence
    assert_readable(error.sentence)
    assert not ApiError("dentryNotExist", 404).try_later


def test_a_dotted_param_error_names_the_bad_field() -> None:
    assert ApiError("paramError.spaceId", 400).sentence == (
        "The service did not accept the request (bad spaceId)."
    )
    assert ApiError("paramError.spaceId", 400, "spaceId is not a number").sentence == (
        "The service did not accept the request: spaceId is not a number."
    )


def test_an_unknown_code_still_reads_as_a_sentence() -> None:
    error = ApiError("somethingNew", 418, "")

    assert error.sentence == "The storage service refused the request (somethingNew)."


def test_a_message_ending_in_a_period_gives_one_period() -> None:
    assert_readable(ApiError("unknownError", 500, "Unknown Error.").sentence)


@pytest.mark.parametrize(
    ("code", "status", "retryable"),
    [
        ("operationTimeout", 503, True),
        ("systemError", 500, True),
        ("unknownError", 500, True),
        ("operationConcurrentControl", 400, True),
        ("Forbidden.AccessDenied.QpsLimitForApi", 429, True),
        ("somethingNew", 502, True),
        ("dentryNotExist", 404, False),
        ("paramError", 400, False),
        ("permissionDenied", 403, False),
        ("InvalidAuthentication", 400, False),
    ],
)
def test_retryable_means_busy_or_failing_service(code: str, status: int, retryable: bool) -> None:
    assert ApiError(code, status).retryable is retryable
    assert (code in RETRYABLE_CODES) <= retryable


def test_network_error_is_retryable_and_says_whether_it_was_sent() -> None:
    error = NetworkError("127.0.0.1:1", "ConnectionError", sent=False)

    assert (error.code, error.status, error.request_id) == ("networkError", None, None)
    assert error.retryable
    assert error.sent is False
    assert isinstance(error, ApiError)
    assert_readable(error.sentence)


# --------------------------------------------------------------------------- from the service


def a_file(client: StorageClient, space: str) -> str:
    return upload(client, space, "a.txt", b"hello").id


def a_folder(client: StorageClient, space: str, name: str = "Folder") -> str:
    return client.add_folder(space, ROOT, name).id


Scenario = Callable[[StorageClient, str], object]


def wrong_secret(client: StorageClient, space: str) -> object:
    bad = StorageClient(client.endpoint, "dentry-local", "not-the-secret", "local-user")
    return bad.get_space(space)


def other_user(client: StorageClient, space: str) -> object:
    intruder = StorageClient(client.endpoint, "dentry-local", "dentry-local-secret", "intruder")
    return intruder.get_space(space)


def other_user_thumbnails(client: StorageClient, space: str) -> object:
    intruder = StorageClient(client.endpoint, "dentry-local", "dentry-local-secret", "intruder")
    return intruder.get_thumbnails(space, ["1"])


def name_conflict(client: StorageClient, space: str) -> object:
    a_folder(client, space)
    return client.add_folder(space, ROOT, "Folder", "RETURN_ERROR_IF_EXISTS")


def rename_conflict(client: StorageClient, space: str) -> object:
    a_folder(client, space, "One")
    return client.rename_dentry(space, a_folder(client, space, "Two"), "one")


def commit_over_a_folder(client: StorageClient, space: str) -> object:
    a_folder(client, space, "x.txt")
    key = put_bytes(client, space, ROOT, "y.txt", b"data")
    return client.commit_file(space, ROOT, key, "x.txt", 4, conflict="OVERWRITE")


def quota_at_precheck(client: StorageClient, space: str) -> object:
    small = client.add_space("Small", quota=10).id
    return client.get_upload_info(small, ROOT, "big.bin", 11)


def quota_at_commit(client: StorageClient, space: str) -> object:
    small = client.add_space("Small", quota=10).id
    upload(client, small, "first.bin", b"12345678")
    info = client.get_upload_info(small, ROOT, "second.bin", 1)  # small enough to pass the precheck
    signed = info.signed
    assert requests.put(signed.url, data=b"12345", headers=signed.headers, timeout=5).status_code == 200
    return client.commit_file(small, ROOT, info.upload_key, "second.bin", 5)


def commit_size_mismatch(client: StorageClient, space: str) -> object:
    key = put_bytes(client, space, ROOT, "a.txt", b"12345")
    return client.commit_file(space, ROOT, key, "a.txt", 6)


SCENARIOS: list[tuple[str, Scenario, str, int]] = [
    ("wrong secret", wrong_secret, "invalidClientIdOrSecret", 400),
    ("unknown space", lambda c, s: c.get_space("999999"), "spaceNotExist", 404),
    ("space id not a number", lambda c, s: c.list_dentries("abc"), "spaceNotExist", 404),
    ("unknown dentry", lambda c, s: c.get_dentry(s, "424242"), "dentryNotExist", 404),
    ("rename unknown dentry", lambda c, s: c.rename_dentry(s, "424242", "x"), "dentryNotExist", 404),
    ("delete unknown dentry", lambda c, s: c.delete_dentry(s, "424242"), "dentryNotExist", 404),
    ("another user's space", other_user, "permissionDenied", 403),
    ("another user's thumbnails (S000)", other_user_thumbnails, "permissionDenied", 400),
    ("illegal name", lambda c, s: c.add_folder(s, ROOT, "a*b"), "dentryNameIllegal", 400),
    ("name ending in a dot", lambda c, s: c.add_folder(s, ROOT, "name."), "dentryNameIllegal", 400),
    ("blank name", lambda c, s: c.add_folder(s, ROOT, "   "), "dentryNameIllegal", 400),
    ("name conflict", name_conflict, "dentryNameConflict", 400),
    ("rename conflict", rename_conflict, "dentryNameConflict", 400),
    ("commit over a folder", commit_over_a_folder, "dentryNameConflict", 400),
    ("page too big", lambda c, s: c.list_dentries(s, max_results=51), "paramError", 400),
    (
        "bad conflict strategy",
        lambda c, s: c.add_folder(s, ROOT, "x", "BOGUS"),
        "paramError.conflictStrategy",
        400,
    ),
    ("bad space type", lambda c, s: c.list_spaces("weird"), "paramError.spaceType", 400),
    ("bad next token", lambda c, s: c.list_dentries(s, next_token="garbage"), "paramError.nextToken", 400),
    ("bad order", lambda c, s: c.list_dentries(s, order="SIDEWAYS"), "paramError.order", 400),
    (
        "unknown upload key",
        lambda c, s: c.commit_file(s, ROOT, "nope", "a.txt", 1),
        "paramError.uploadKey",
        400,
    ),
    ("size mismatch", commit_size_mismatch, "paramError", 400),
    ("parent is a file", lambda c, s: c.add_folder(s, a_file(c, s), "x"), "paramError.parentId", 400),
    ("unknown version", lambda c, s: c.get_download_info(s, a_file(c, s), 99), "paramError.version", 400),
    (
        "versions of a folder",
        lambda c, s: c.list_dentry_versions(s, a_folder(c, s)),
        "paramError.dentryId",
        400,
    ),
    (
        "folder into itself",
        lambda c, s: c.move_dentry(s, (f := a_folder(c, s)), f),
        "paramError.targetFolderId",
        400,
    ),
    ("quota at precheck", quota_at_precheck, "spaceQuotaInsufficient", 400),
    ("quota at commit", quota_at_commit, "spaceQuotaInsufficient", 400),
    ("download a folder", lambda c, s: c.get_download_info(s, a_folder(c, s)), "operationNotSupported", 400),
    ("unknown task", lambda c, s: c.call("GET", "/v1.0/storage/tasks/t-1"), "taskNotExist", 404),
    ("unknown route", lambda c, s: c.call("GET", "/v1.0/storage/nothing"), "resourceNotFound", 404),
    ("wrong method", lambda c, s: c.call("DELETE", f"/v1.0/storage/spaces/{s}"), "methodNotAllowed", 405),
]


@pytest.mark.parametrize(
    ("scenario", "code", "status"),
    [pytest.param(scenario, code, status, id=name) for name, scenario, code, status in SCENARIOS],
)
def test_service_errors_reach_the_caller_as_api_errors(
    client: StorageClient, space_id: str, scenario: Scenario, code: str, status: int
) -> None:
    wire = watch(client)

    with pytest.raises(ApiError) as raised:
        scenario(client, space_id)

    error = raised.value
    assert type(error) is ApiError
    assert (error.code, error.status) == (code, status)
    assert error.request_id
    if wire.last is not None and wire.last.status_code == status:
        assert error.request_id == wire.last.headers["x-acs-request-id"]
    assert error.message
    assert_readable(error.sentence)
    assert not error.retryable


def test_wrong_secret_fails_at_the_token_fetch(make_client: MakeClient) -> None:
    bad = make_client(app_secret="not-the-secret")
    wire = watch(bad)

    with pytest.raises(ApiError) as raised:
        bad.list_spaces()

    assert raised.value.code == "invalidClientIdOrSecret"
    assert raised.value.sentence.startswith("The app key or app secret is wrong")
    assert wire.token_fetches == 1
    assert wire.calls() == []
    assert bad.transport.tokens.fetch_count == 0


def test_data_plane_refusals_parse_into_api_errors(client: StorageClient, space_id: str) -> None:
    file_id = upload(client, space_id, "a.txt", b"hello").id
    signed = client.get_download_info(space_id, file_id)

    unsigned = requests.get(signed.url, timeout=5)
    forged = requests.get(
        signed.url, headers={**signed.headers, "Authorization": "DENTRY-HMAC-SHA256 " + "0" * 64}, timeout=5
    )

    for response, code in [(unsigned, "AccessDenied"), (forged, "SignatureDoesNotMatch")]:
        with pytest.raises(ApiError) as raised:
            Transport.parse(response)
        assert (raised.value.code, raised.value.status) == (code, 403)
        assert raised.value.request_id == response.headers["x-acs-request-id"]
        assert_readable(raised.value.sentence)


def test_a_permanently_deleted_file_is_gone_from_its_signed_url(client: StorageClient, space_id: str) -> None:
    file_id = upload(client, space_id, "a.txt", b"hello").id
    signed = client.get_download_info(space_id, file_id)
    client.delete_dentry(space_id, file_id, to_recycle_bin=False)

    response = requests.get(signed.url, headers=signed.headers, timeout=5)

    with pytest.raises(ApiError) as raised:
        Transport.parse(response)
    assert (raised.value.code, raised.value.status) == ("NoSuchKey", 404)
    assert_readable(raised.value.sentence)
    with pytest.raises(ApiError, match="does not exist"):
        download(client, space_id, file_id)


def test_a_closed_port_gives_a_network_error_that_was_not_sent(make_client: MakeClient) -> None:
    port = closed_port()
    offline = make_client(endpoint=f"http://127.0.0.1:{port}")

    with pytest.raises(NetworkError) as raised:
        offline.get_space("1001")

    error = raised.value
    assert error.retryable
    assert error.sent is False
    assert (error.code, error.status, error.request_id) == ("networkError", None, None)
    assert error.host == f"127.0.0.1:{port}"
    assert_readable(error.sentence)
    assert isinstance(error.__cause__, requests.ConnectionError)
