"""Secrets stay out of logs: `redact.redact()` on its own, and `redact.install()` on real traffic
logged at DEBUG by our code, requests and urllib3.
"""

from __future__ import annotations

import io
import json
import logging
import re
import time
from collections.abc import Iterator

import pytest
import requests
from PIL import Image

from app.api import StorageClient, redact
from app.localserver.config import DEFAULT_APP_SECRET
from tests.api.conftest import closed_port, upload

MASK = redact.MASK


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return buffer.getvalue()


def wait_for_thumbnail_url(client: StorageClient, space: str, dentry_id: str) -> str:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        (result,) = client.get_thumbnails(space, [dentry_id])
        if result.thumbnail is not None:
            return result.thumbnail.url
        time.sleep(0.05)
    raise AssertionError("no thumbnail in 15 s")


# --------------------------------------------------------------------------- redact() alone


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (
            str({"x-acs-dingtalk-access-token": "tok0123456789", "accept": "application/json"}),
            "tok0123456789",
        ),
        ("x-acs-dingtalk-access-token: tok0123456789", "tok0123456789"),
        ("X-ACS-DINGTALK-ACCESS-TOKEN=tok0123456789", "tok0123456789"),
        ("Authorization: DENTRY-HMAC-SHA256 9f86d081884c7d65", "9f86d081884c7d65"),
        (str({"Authorization": "DENTRY-HMAC-SHA256 9f86d081884c7d65"}), "9f86d081884c7d65"),
        ("Authorization: Bearer tok0123456789", "tok0123456789"),
        ("authorization: bearer tok0123456789", "tok0123456789"),
        ("Authorization: Bearer+tok0123456789", "tok0123456789"),
        (json.dumps({"accessToken": "tok0123456789", "expireIn": 7200}), "tok0123456789"),
        ('{"accessToken":"tok0123456789","expireIn":7200}', "tok0123456789"),
        (json.dumps({"appKey": "dentry-local", "appSecret": "s3cret-value"}), "s3cret-value"),
        ('b\'{"appKey": "k", "appSecret": "s3cret-value"}\'', "s3cret-value"),
        ("app_secret=s3cret-value&x=1", "s3cret-value"),
        ("access_token=tok0123456789&x=1", "tok0123456789"),
        ("GET /_local/thumbnails/1/1?expires=17&signature=9f86d081884c7d65 HTTP/1.1", "9f86d081884c7d65"),
        ("https://oss.example/a?x-oss-signature=9f86d081884c7d65&e=1", "9f86d081884c7d65"),
    ],
)
def test_redact_masks_secret_looking_fields(text: str, secret: str) -> None:
    redacted = redact.redact(text)

    assert secret not in redacted
    assert MASK in redacted


def test_redact_keeps_what_is_not_secret() -> None:
    text = (
        '{"code":"dentryNotExist","message":"dentry 42 does not exist","requestid":"AB12"} '
        "GET /v1.0/storage/spaces/1001/dentries?parentId=0&unionId=local-user 200"
    )

    assert redact.redact(text) == text


def test_redact_keeps_the_names_and_the_other_fields() -> None:
    redacted = redact.redact(json.dumps({"appKey": "dentry-local", "appSecret": "s3cret-value", "n": 1}))

    assert json.loads(redacted) == {"appKey": "dentry-local", "appSecret": MASK, "n": 1}


def test_a_known_secret_is_masked_anywhere() -> None:
    redact.add_secret("a-learnt-token-value")

    assert (
        redact.redact("('x', 'a-learnt-token-value') and a-learnt-token-value.")
        == f"('x', '{MASK}') and {MASK}."
    )


def test_values_too_short_to_be_secrets_are_not_learnt() -> None:
    redact.add_secret("abc")
    redact.add_secret(None)

    assert redact.redact("abc abcd") == "abc abcd"


# --------------------------------------------------------------------------- real traffic, logged


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    """Everything logged at DEBUG by root, urllib3, requests and app, with redaction installed."""
    redact.install()
    redact.install()  # idempotent
    text = io.StringIO()
    handler = logging.StreamHandler(text)
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    loggers = [logging.getLogger(name) for name in ("", "urllib3", "requests", "app")]
    levels = [logger.level for logger in loggers]
    root = loggers[0]
    root.addHandler(handler)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    try:
        yield text
    finally:
        root.removeHandler(handler)
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def wire_logger(log: logging.Logger, raw: list[str]) -> object:
    """A response hook that logs each exchange the careless way: headers, bodies and all."""

    def hook(response: requests.Response, *_args: object, **_kwargs: object) -> None:
        request = response.request
        raw.append(f"{request.headers} {request.body!r} {response.text}")
        log.debug(
            "%s %s headers=%s body=%r -> %s %s",
            request.method,
            request.url,
            request.headers,
            request.body,
            response.status_code,
            response.text,
        )

    return hook


def test_logged_traffic_shows_no_token_secret_or_signature(
    captured: io.StringIO, client: StorageClient
) -> None:
    log = logging.getLogger("app.api.wire_dump")
    raw: list[str] = []
    client.transport.session.hooks["response"].append(wire_logger(log, raw))

    space = client.add_space("Logged").id  # includes the token fetch
    file = upload(client, space, "pic.png", png_bytes())
    signed = client.get_download_info(space, file.id)
    log.debug("download with %s from %s", signed.headers, signed.url)
    client.transport.session.get(signed.url, headers=signed.headers, timeout=5)
    thumbnail_url = wait_for_thumbnail_url(client, space, file.id)
    log.info("thumbnail at %s", thumbnail_url)
    client.transport.session.get(thumbnail_url, timeout=5)
    log.debug("kooDrive header Authorization: Bearer %s", client.transport.tokens.get())
    client.generate_thumbnail(space, file.id)

    text = captured.getvalue()
    token = client.transport.tokens.get()
    everything_raw = " ".join(raw)
    signatures = re.findall(r"signature=([0-9a-f]{16,})", everything_raw)
    signatures += re.findall(r"DENTRY-HMAC-SHA256 ([0-9a-f]{16,})", everything_raw)
    # The secrets really were on the wire and in the records, so the test can fail.
    assert token in everything_raw
    assert DEFAULT_APP_SECRET in everything_raw
    assert len(signatures) >= 3
    assert "urllib3.connectionpool" in text
    assert "/_local/thumbnails/" in text
    # …and none of them reached the log.
    for secret in [token, DEFAULT_APP_SECRET, *signatures]:
        assert secret not in text
    assert set(re.findall(r"signature=([^&\s'\"]+)", text)) == {MASK}
    assert "appSecret" in text
    assert "accessToken" in text


def test_a_logged_exception_shows_no_signature(captured: io.StringIO, client: StorageClient) -> None:
    space = client.add_space("Broken").id
    file = upload(client, space, "pic.png", png_bytes())
    url = wait_for_thumbnail_url(client, space, file.id)
    closed = re.sub(r"127\.0\.0\.1:\d+", f"127.0.0.1:{closed_port()}", url)

    try:
        requests.get(closed, timeout=2)
    except requests.ConnectionError:
        logging.getLogger("app.api.test").exception("thumbnail download failed")

    text = captured.getvalue()
    assert "thumbnail download failed" in text
    signature = re.search(r"signature=([^&]+)", url)
    assert signature is not None
    assert signature[1] not in text
