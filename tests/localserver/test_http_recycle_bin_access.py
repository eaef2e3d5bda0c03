"""Who may use a space's recycle bin and revert versions, when only part of the space is shared.

Access goes by the deleted dentry as if it were still in place: a colleague ``/Team/Docs`` is
shared with sees in the bin what was deleted from Docs (nothing else), restores and purges it as
an EDITOR, and may not empty the whole bin; reverting a version takes EDITOR like any upload.
"""

from __future__ import annotations

import pytest
import requests

from tests.localserver.helpers import Json, Storage, assert_error, ok
from tests.localserver.test_http_permissions import GRANTEE, grant
from tests.localserver.test_http_recycle_bin import BINS, bin_of, item_of, items_of, restore

ROLES = ["READER", "DOWNLOADER", "EDITOR", "MANAGER"]


def _code(response: requests.Response) -> str:
    return "ok" if response.status_code == 200 else str(assert_error(response, {403, 404}, None)["code"])


@pytest.mark.parametrize("role", ROLES)
def test_a_grantee_uses_the_bin_for_what_is_shared_with_them(storage: Storage, role: str) -> None:
    space = storage.new_space_id("Creator's space")
    team = storage.add_folder(space, "Team")["id"]
    docs = storage.add_folder(space, "Docs", team)["id"]
    other = storage.add_folder(space, "Other", team)["id"]
    gone = storage.upload(space, "gone.txt", b"shared and deleted", docs)["id"]
    purged = storage.upload(space, "purged.txt", b"shared and deleted too", docs)["id"]
    secret = storage.upload(space, "secret.txt", b"never shared", other)["id"]
    for dentry_id in (gone, purged, secret):
        storage.delete(space, dentry_id, to_recycle_bin=True)
    ok(grant(storage, space, docs, role, GRANTEE))
    grantee = storage.as_user(GRANTEE)
    bin_id = bin_of(grantee, space)
    editor = ROLES.index(role) >= ROLES.index("EDITOR")
    secret_item, gone_item = item_of(storage, bin_id, secret)["id"], item_of(storage, bin_id, gone)["id"]
    purged_item = item_of(storage, bin_id, purged)["id"]

    assert sorted(item["originalName"] for item in items_of(grantee, bin_id)) == ["gone.txt", "purged.txt"]
    assert _code(grantee.call("GET", f"{BINS}/{bin_id}/recycleItems/{gone_item}")) == "ok"
    assert _code(grantee.call("GET", f"{BINS}/{bin_id}/recycleItems/{secret_item}")) == "permissionDenied"
    assert _code(restore(grantee, bin_id, secret_item)) == "permissionDenied"
    batch = grantee.call(
        "POST", f"{BINS}/{bin_id}/recycleItems/batchRestore", json={"recycleItemIds": [secret_item]}
    )
    assert ok(batch)["resultItems"][0]["errorCode"] == "permissionDenied"
    purge_secret = {"recycleItemIds": [secret_item]}
    assert _code(grantee.call("POST", f"{BINS}/{bin_id}/recycleItems/batchRemove", json=purge_secret)) == (
        "permissionDenied"
    )
    assert _code(grantee.call("POST", f"{BINS}/{bin_id}/clear")) == "permissionDenied"

    assert _code(restore(grantee, bin_id, gone_item)) == ("ok" if editor else "permissionDenied")
    purge = grantee.call("DELETE", f"{BINS}/{bin_id}/recycleItems/{purged_item}")
    assert _code(purge) == ("ok" if editor else "permissionDenied")

    left = {item["originalName"] for item in items_of(storage, bin_id)}
    assert left == ({"secret.txt"} if editor else {"gone.txt", "purged.txt", "secret.txt"})
    assert ("gone.txt" in storage.names(space, docs)) is editor


@pytest.mark.parametrize("role", ROLES)
def test_reverting_a_version_takes_an_editor(storage: Storage, role: str) -> None:
    space = storage.new_space_id("Creator's space")
    docs = storage.add_folder(space, "Docs")["id"]
    first: Json = storage.upload(space, "plan.txt", b"first", docs)
    storage.upload(space, "plan.txt", b"second", docs, conflict="OVERWRITE")
    ok(grant(storage, space, docs, role, GRANTEE))

    revert = storage.as_user(GRANTEE).call(
        "POST", f"/v1.0/storage/spaces/{space}/dentries/{first['id']}/versions/1/revert"
    )

    editor = ROLES.index(role) >= ROLES.index("EDITOR")
    assert _code(revert) == ("ok" if editor else "permissionDenied")
    assert storage.get_dentry(space, first["id"])["version"] == (3 if editor else 2)
