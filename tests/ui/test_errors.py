"""Errors in the user's language: every Open API code, the service's message kept in the details,
and the core's English sentences (transfer journal, upload planning) recognised and translated."""

from __future__ import annotations

import errno

import pytest

from app.accounts.secrets import KeyringLockedError
from app.api.errors import SENTENCES, ApiError, NetworkError
from app.ui.core_sentences import reason_text, translate_sentence
from app.ui.errors import CODE_SENTENCES, explain, explain_text
from app.ui.language import Language

REFERENCE_CODES = [
    "paramError",
    "permissionDenied",
    "dentryNotExist",
    "spaceNotExist",
    "thumbnailNotExist",
    "dentryFormatNotSupport",
    "fileViral",
    "fileMalicious",
    "orgAuthLevelNotEnough",
    "operationNotSupported",
    "dentryDownloadProtocolNotSupport",
    "fileArchived",
    "operationConcurrentControl",
    "spaceQuotaInsufficient",
    "sceneQuotaInsufficient",
    "appQuotaInsufficient",
    "orgQuotaInsufficient",
    "dentryNameIllegal",
    "dentryStoreError",
    "dentryNameConflict",
    "systemError",
    "unknownError",
    "operationTimeout",
]
"""REFERENCE.md §8, and the codes the client meets beyond it."""
MORE_CODES = ["storageFull", "listingLoop", "networkError"]


def test_every_code_the_client_knows_has_a_sentence_here() -> None:
    assert set(REFERENCE_CODES) | set(MORE_CODES) | set(SENTENCES) <= set(CODE_SENTENCES)


@pytest.mark.parametrize("code", sorted({*REFERENCE_CODES, *MORE_CODES, *SENTENCES}))
def test_every_code_reads_in_chinese(chinese: Language, code: str) -> None:
    text = explain(ApiError(code, 400, "the service's own words", "req-1"))
    assert any("\u4e00" <= char <= "\u9fff" for char in text.sentence), text.sentence
    assert "the service's own words" not in text.sentence
    assert "the service's own words" in text.details
    assert "req-1" in text.details
    assert code in text.details


def test_a_code_in_english_and_in_chinese(chinese: Language) -> None:
    error = ApiError("spaceQuotaInsufficient", 400, "quota exceeded: 10 GiB", "4F2A")
    text = explain(error)
    assert text.sentence == "空间已满。"
    assert text.details.splitlines() == [
        "服务返回的消息：quota exceeded: 10 GiB",
        "错误代码：spaceQuotaInsufficient",
        "HTTP 状态码：400",
        "请求 ID：4F2A",
    ]


def test_english_sentences_stay_english() -> None:
    assert explain(ApiError("dentryNameConflict", 409)).sentence == "An item with this name already exists."
    assert (
        explain(ApiError("paramError.name", 400)).sentence
        == "The service did not accept the request (bad name)."
    )


def test_an_unknown_code_keeps_the_services_words(chinese: Language) -> None:
    """Nothing to translate: the sentence says the code and what the service said (often Chinese)."""
    text = explain(ApiError("Forbidden.NoAuth", 403, "无权限访问该空间"))
    assert text.sentence == "存储服务拒绝了该请求（Forbidden.NoAuth）。服务返回：无权限访问该空间"


def test_network_and_keyring_and_disk_errors(chinese: Language) -> None:
    network = explain(NetworkError("api.dingtalk.com", "connection refused", sent=False))
    assert network.sentence == "无法连接到存储服务。"
    assert "api.dingtalk.com: connection refused" in network.details
    assert explain(KeyringLockedError("The keyring is locked; unlock it to read the secret.")).sentence == (
        "系统密钥环已锁定，请解锁后重试。"
    )
    disk = explain(OSError(errno.ENOSPC, "No space left on device", "/home/u/x.bin"))
    assert disk.sentence == "磁盘已满。（/home/u/x.bin）"


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_the_journals_api_sentences_are_recognised(chinese: Language, code: str) -> None:
    """The transfer journal keeps `ApiError.sentence`; its code is found again from the words."""
    stored = ApiError(code, 400, "details from the service").sentence
    text = explain_text(stored)
    assert text.sentence == explain(ApiError(code, 400)).sentence
    assert "details from the service" in text.details


@pytest.mark.parametrize(
    ("english", "chinese_text"),
    [
        ("The storage server answered 503", "存储服务器返回了 503"),
        ("The file changed on the server", "服务器上的文件已更改"),
        ("Cannot write to /tmp/out: Permission denied", "无法写入 /tmp/out：没有权限"),
        ("/tmp/out/a.txt exists already", "/tmp/out/a.txt 已存在"),
        ("The connection was lost (ConnectionError)", "连接已断开（ConnectionError）"),
        ("skipped: it contains '*'", "已跳过：含有 '*'"),
        ("renamed to 'a_b.txt': it contains '*'", "已改名为 'a_b.txt'：含有 '*'"),
        (
            "The link for part 3 expired; sending it again with a fresh one",
            "第 3 个分片的链接已过期，正在用新链接重新发送",
        ),
    ],
)
def test_the_engines_sentences_are_translated(chinese: Language, english: str, chinese_text: str) -> None:
    assert translate_sentence(english) == chinese_text
    text = explain_text(english)
    assert text.sentence == chinese_text
    assert text.details == f"原始消息：{english}"  # the original words, for a bug report


def test_a_sentence_nobody_knows_stays_as_it_is(chinese: Language) -> None:
    assert translate_sentence("Something new went wrong") is None
    assert explain_text("Something new went wrong").sentence == "Something new went wrong"


def test_a_reason_without_what_happened(chinese: Language) -> None:
    """The status line says "skipped" once: the reason drops the core's own "skipped: "."""
    assert reason_text("skipped: it contains '*'") == "含有 '*'"
    assert reason_text("the service would refuse its name: it ends with '.'") == "以“.”结尾"
