"""AccountStore: the saved accounts file, the built-in local account and the default account."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest

from app.accounts import LOCAL_ACCOUNT_NAME, Account, AccountError, AccountStore, local_account


def work_account(name: str = "Work", **changes: Any) -> Account:
    """A valid cloud account, with `changes` applied."""
    values: dict[str, Any] = {
        "name": name,
        "endpoint": "https://api.dingtalk.com",
        "app_key": f"key-{name.lower()}",
        "union_id": "union-1",
        "spaces": ["101", "202"],
    }
    values.update(changes)
    return Account(**values)


@pytest.fixture
def store(tmp_path: Path) -> AccountStore:
    return AccountStore(tmp_path / "config")


def test_a_new_store_has_only_the_local_account(store: AccountStore) -> None:
    assert store.accounts() == [local_account()]
    assert store.accounts()[0].is_local
    assert store.default_name() == LOCAL_ACCOUNT_NAME
    assert not store.path.exists()


def test_saved_accounts_come_back_from_a_new_store(store: AccountStore) -> None:
    store.save(work_account("Work"))
    store.save(work_account("Home", endpoint="http://192.168.1.5:8080", spaces=[]))

    again = AccountStore(store.config_dir)
    assert again.accounts() == [
        local_account(),
        work_account("Work"),
        work_account("Home", endpoint="http://192.168.1.5:8080", spaces=[]),
    ]
    assert again.get("Home").spaces == []
    assert again.get("Work") == work_account("Work")


def test_the_default_folder_is_the_user_config_dir(user_dirs: Path) -> None:
    store = AccountStore()
    store.save(work_account())
    assert store.path == user_dirs / ".config" / "dentry" / "accounts.json"
    assert store.path.is_file()


def test_saving_an_existing_name_replaces_it_in_place(store: AccountStore) -> None:
    store.save(work_account("A"))
    store.save(work_account("B"))
    store.save(work_account("A", union_id="union-2", spaces=["303"]))
    names = [account.name for account in store.accounts()]
    assert names == [LOCAL_ACCOUNT_NAME, "A", "B"]
    assert store.get("A").union_id == "union-2"
    assert store.get("A").spaces == ["303"]


def test_the_endpoint_is_stored_without_a_trailing_slash(store: AccountStore) -> None:
    account = work_account(endpoint=" https://api.dingtalk.com/ ")
    store.save(account)
    assert store.get("Work").endpoint == "https://api.dingtalk.com"
    assert store.get("Work").secret_id == account.secret_id == "key-work@https://api.dingtalk.com"


def test_an_accounts_key_tells_users_apps_and_endpoints_apart(store: AccountStore) -> None:
    """The key transfer jobs carry: the local account's ignores its endpoint (a new port each start)."""
    account = work_account(endpoint="https://api.dingtalk.com/")
    assert account.key == "union-1|key-work|https://api.dingtalk.com"
    assert work_account(union_id="union-2").key != account.key
    assert work_account(endpoint="https://other.example").key != account.key
    assert local_account("http://127.0.0.1:4100").key == local_account("http://127.0.0.1:4200").key
    assert store.get(LOCAL_ACCOUNT_NAME).key == "local|local-user"


def test_the_saved_spaces_are_a_copy(store: AccountStore) -> None:
    account = work_account()
    store.save(account)
    account.spaces.append("999")
    assert store.get("Work").spaces == ["101", "202"]


def test_the_local_account_is_first_and_cannot_be_saved_or_removed(store: AccountStore) -> None:
    store.save(work_account())
    assert store.accounts()[0].name == LOCAL_ACCOUNT_NAME
    assert store.get(LOCAL_ACCOUNT_NAME).is_local
    with pytest.raises(AccountError, match="built in"):
        store.save(local_account("http://127.0.0.1:1234"))
    with pytest.raises(AccountError, match="built in"):
        store.save(work_account(LOCAL_ACCOUNT_NAME))
    with pytest.raises(AccountError, match="built in"):
        store.remove(LOCAL_ACCOUNT_NAME)
    assert [account.name for account in store.accounts()] == [LOCAL_ACCOUNT_NAME, "Work"]


def test_a_local_name_written_into_the_file_by_hand_is_ignored(store: AccountStore) -> None:
    store.save(work_account())
    document = json.loads(store.path.read_text())
    document["accounts"].insert(0, {**document["accounts"][0], "name": LOCAL_ACCOUNT_NAME})
    store.path.write_text(json.dumps(document))
    accounts = store.accounts()
    assert [account.name for account in accounts] == [LOCAL_ACCOUNT_NAME, "Work"]
    assert accounts[0] == local_account()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": "  "}, "needs a name"),
        ({"endpoint": "api.dingtalk.com"}, "endpoint must be"),
        ({"endpoint": "ftp://api.dingtalk.com"}, "endpoint must be"),
        ({"endpoint": "https://"}, "endpoint must be"),
        ({"app_key": ""}, "appKey"),
        ({"spaces": ["1", ""]}, "Space ids"),
    ],
)
def test_invalid_accounts_are_refused(store: AccountStore, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(AccountError, match=message):
        store.save(work_account(**changes))
    assert not store.path.exists()


def test_an_unknown_name_says_how_to_list_accounts(store: AccountStore) -> None:
    store.save(work_account())
    with pytest.raises(AccountError, match=r"No account named 'Nope'; `dentry-cli accounts` lists them"):
        store.get("Nope")
    with pytest.raises(AccountError, match="No account named 'Nope'"):
        store.remove("Nope")
    with pytest.raises(AccountError, match="No account named 'Nope'"):
        store.set_default("Nope")


def test_remove(store: AccountStore) -> None:
    store.save(work_account("A"))
    store.save(work_account("B"))
    store.remove("A")
    assert [account.name for account in store.accounts()] == [LOCAL_ACCOUNT_NAME, "B"]
    with pytest.raises(AccountError):
        store.get("A")


def test_default_name(store: AccountStore) -> None:
    store.save(work_account("A"))
    store.save(work_account("B"))
    store.set_default("B")
    assert AccountStore(store.config_dir).default_name() == "B"
    store.set_default(LOCAL_ACCOUNT_NAME)
    assert store.default_name() == LOCAL_ACCOUNT_NAME
    store.set_default("A")
    store.save(work_account("A", union_id="other"))
    assert store.default_name() == "A"


def test_removing_the_default_makes_the_local_account_the_default(store: AccountStore) -> None:
    store.save(work_account("A"))
    store.set_default("A")
    store.remove("A")
    assert store.default_name() == LOCAL_ACCOUNT_NAME
    store.save(work_account("A"))
    assert store.default_name() == LOCAL_ACCOUNT_NAME


def test_a_default_edited_to_an_unknown_name_reads_as_local(store: AccountStore) -> None:
    store.save(work_account("A"))
    document = json.loads(store.path.read_text())
    document["default"] = "Gone"
    store.path.write_text(json.dumps(document))
    assert store.default_name() == LOCAL_ACCOUNT_NAME


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[]",
        '{"version": 1, "accounts": [{"name": "A"}]}',
        '{"version": 1, "accounts": [{"name": "A", "endpoint": 5, "app_key": "k", "union_id": "u"}]}',
        '{"version": 1, "accounts": {}}',
        '{"version": 1, "default": 3, "accounts": []}',
        '{"version": 99, "accounts": []}',
        b"\xff\xfe\x00garbage",
    ],
)
def test_a_corrupt_file_is_an_account_error_with_its_path(store: AccountStore, content: str | bytes) -> None:
    store.config_dir.mkdir(parents=True)
    if isinstance(content, bytes):
        store.path.write_bytes(content)
    else:
        store.path.write_text(content)
    for read in (store.accounts, store.default_name, lambda: store.get("A")):
        with pytest.raises(AccountError) as caught:
            read()
        assert str(store.path) in str(caught.value)
        assert "\n" not in str(caught.value)


def test_a_corrupt_file_is_kept_aside_before_it_is_replaced(store: AccountStore) -> None:
    store.config_dir.mkdir(parents=True)
    store.path.write_text("{not json")
    store.save(work_account("A"))

    corrupt = store.path.with_name("accounts.json.corrupt")
    assert corrupt.read_text() == "{not json"
    assert [account.name for account in store.accounts()] == [LOCAL_ACCOUNT_NAME, "A"]

    store.path.write_text("[still not right")
    store.set_default(LOCAL_ACCOUNT_NAME)
    assert corrupt.read_text() == "{not json"
    assert store.path.with_name("accounts.json.corrupt-2").read_text() == "[still not right"
    assert store.accounts() == [local_account()]


def test_a_failed_change_does_not_move_a_corrupt_file(store: AccountStore) -> None:
    store.config_dir.mkdir(parents=True)
    store.path.write_text("{not json")
    with pytest.raises(AccountError, match="No account named"):
        store.remove("A")
    assert store.path.read_text() == "{not json"
    assert not store.path.with_name("accounts.json.corrupt").exists()


def test_an_unreadable_file_is_an_account_error(store: AccountStore) -> None:
    store.path.mkdir(parents=True)  # a folder where the file should be: unreadable even for root
    with pytest.raises(AccountError, match="Cannot read the accounts file") as caught:
        store.accounts()
    assert str(store.path) in str(caught.value)
    with pytest.raises(AccountError, match=str(store.path)):
        store.save(work_account())


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_file_is_private(store: AccountStore) -> None:
    store.save(work_account())
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    assert stat.S_IMODE(store.config_dir.stat().st_mode) == 0o700
    store.set_default("Work")
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600


def test_writes_leave_no_temp_file_behind(store: AccountStore) -> None:
    for number in range(5):
        store.save(work_account(f"A{number}"))
    store.remove("A0")
    store.set_default("A1")
    assert sorted(path.name for path in store.config_dir.iterdir()) == ["accounts.json"]


def test_a_failed_write_keeps_the_old_file_and_no_temp(
    store: AccountStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(work_account("A"))
    before = store.path.read_bytes()

    def refuse(source: object, target: object) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", refuse)
        with pytest.raises(AccountError, match="Cannot write the accounts file"):
            store.save(work_account("B"))
    assert store.path.read_bytes() == before
    assert sorted(path.name for path in store.config_dir.iterdir()) == ["accounts.json"]


def test_the_file_holds_only_the_non_secret_fields(store: AccountStore) -> None:
    store.save(work_account())
    document = json.loads(store.path.read_text())
    assert set(document) == {"version", "default", "accounts"}
    assert set(document["accounts"][0]) == {"name", "endpoint", "app_key", "union_id", "spaces"}
