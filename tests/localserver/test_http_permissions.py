"""Roles over raw HTTP: what each role allows in every kind of call, how far a grant reaches, expiry,
and how a grantee finds what is shared with them (REFERENCE.md §13.5, §13.8).

The space's creator shares ``/Team/Docs`` with a colleague; ``/Team/Other`` is never shared.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import requests

from tests.localserver.helpers import ROOT, Json, Storage, assert_error, ok, signed_request

GRANTEE = "colleague"
THIRD = "third-person"
ROLES = ["READER", "DOWNLOADER", "EDITOR", "MANAGER", "OWNER"]


def grant(
    storage: Storage, space_id: str, dentry_id: str, role: str, *union_ids: str, **option: int
) -> requests.Response:
    """AddPermission as `storage`'s user (raw answer)."""
    body: Json = {"roleId": role, "members": [{"type": "USER", "id": u} for u in union_ids]}
    if option:
        body["option"] = option
    return storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{dentry_id}/permissions", json=body
    )


def revoke(storage: Storage, space_id: str, dentry_id: str, role: str, *union_ids: str) -> requests.Response:
    """DeletePermission (raw answer)."""
    body = {"roleId": role, "members": [{"type": "USER", "id": u} for u in union_ids]}
    return storage.call(
        "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{dentry_id}/permissions/remove", json=body
    )


def permissions(storage: Storage, space_id: str, dentry_id: str) -> dict[str, str]:
    """Member → role of the grants listed on a dentry."""
    found = ok(
        storage.call(
            "POST", f"/v1.0/storage/spaces/{space_id}/dentries/{dentry_id}/permissions/query", json={}
        )
    )
    return {p["member"]["id"]: p["role"]["id"] for p in found["permissions"]}


def roles(storage: Storage, space_id: str, dentry_ids: list[str]) -> dict[str, list[str]]:
    """BatchQueryRoles with no body and the ids as one JSON array in the query (§13.7)."""
    answer = ok(
        storage.call(
            "POST",
            f"/v1.0/storage/spaces/{space_id}/dentries/permissions/roles/batchQuery",
            params={"dentryIdList": json.dumps(dentry_ids)},
        )
    )
    return {key: [role["id"] for role in value] for key, value in answer["roleMap"].items()}


def batch(
    storage: Storage,
    verb: str,
    space_id: str,
    ids: list[str],
    target_space: str,
    folder: str,
    **option: object,
) -> requests.Response:
    """MoveDentries (``batchMove``) or CopyDentries (``batchCopy``), raw."""
    body: Json = {"dentryIds": ids, "targetSpaceId": target_space, "targetFolderId": folder}
    if option:
        body["option"] = option
    return storage.call("POST", f"/v1.0/storage/spaces/{space_id}/dentries/{verb}", json=body)


def upload_into(storage: Storage, space_id: str, folder_id: str, name: str, data: bytes) -> Json:
    """Upload info naming the folder (as a grantee must), PUT, commit; the committed dentry."""
    body = {
        "protocol": "HEADER_SIGNATURE",
        "multipart": False,
        "option": {"preCheckParam": {"name": name, "size": len(data), "parentId": folder_id}},
    }
    info = ok(storage.call("POST", f"/v1.0/storage/spaces/{space_id}/files/uploadInfos/query", json=body))
    storage.put(info, data)
    return ok(storage.commit(space_id, info["uploadKey"], name, folder_id))["dentry"]


def spaces_of(storage: Storage) -> dict[str, Json]:
    """Drive ListSpaces of both kinds: id → entry."""
    found = {}
    for kind in ("org", "personal"):
        page = ok(storage.call("GET", "/v1.0/drive/spaces", params={"spaceType": kind, "maxResults": 50}))
        found.update({s["spaceId"]: s for s in page["spaces"]})
    return found


@dataclass
class Shared:
    """A space of the creator's with ``/Team/Docs`` (shared) and ``/Team/Other`` (not)."""

    owner: Storage
    grantee: Storage
    space: str
    team: str
    docs: str
    sub: str
    other: str
    secret: str
    files: dict[str, str]
    """Name → id of the files in Docs, one per operation that changes it."""

    def path(self, verb: str, dentry_id: str) -> str:
        return f"/v1.0/storage/spaces/{self.space}/dentries/{dentry_id}/{verb}"


FILES = ("read.txt", "rename.txt", "delete.txt", "move.txt", "props.txt")


def make_shared(storage: Storage, role: str | None) -> Shared:
    space = storage.new_space_id("Creator's space")
    team = storage.add_folder(space, "Team")["id"]
    docs = storage.add_folder(space, "Docs", team)["id"]
    sub = storage.add_folder(space, "Sub", docs)["id"]
    other = storage.add_folder(space, "Other", team)["id"]
    secret = storage.upload(space, "secret.txt", b"secret", other)["id"]
    files = {name: storage.upload(space, name, name.encode(), docs)["id"] for name in FILES}
    if role is not None:
        ok(grant(storage, space, docs, role, GRANTEE))
    return Shared(storage, storage.as_user(GRANTEE), space, team, docs, sub, other, secret, files)


def outcome(response: requests.Response, item: bool = False) -> str:
    """``ok``, or the error code of the call (or of its only item)."""
    if response.status_code != 200:
        return str(assert_error(response, {400, 403, 404}, None)["code"])
    body = ok(response)
    if item:
        (result,) = body["resultItems"]
        return "ok" if result.get("success") else str(result["errorCode"])
    return "ok"


def _thumbnail(s: Shared) -> str:
    response = s.grantee.thumbnails(s.space, [s.files["read.txt"]])
    if response.status_code != 200:  # S000: a space the operator may not use is a 400
        return str(assert_error(response, 400, None)["code"])
    (result,) = ok(response)["resultItems"]
    return (
        "ok" if result.get("success") or result["errorCode"] == "thumbnailNotExist" else result["errorCode"]
    )


def _upload_v2(s: Shared) -> str:
    uuid = s.owner.get_dentry(s.space, s.docs)["uuid"]
    body = {"protocol": "HEADER_SIGNATURE", "option": {"preCheckParam": {"name": "v2.txt", "size": 2}}}
    return outcome(s.grantee.call("POST", f"/v2.0/storage/spaces/files/{uuid}/uploadInfos/query", json=body))


def _commit(s: Shared) -> str:
    # The bytes are staged by the creator: this checks the commit's own look at the folder.
    info = s.owner.upload_info(s.space, "committed.txt", 4)
    s.owner.put(info, b"data")
    return outcome(s.grantee.commit(s.space, info["uploadKey"], "committed.txt", s.docs))


def _own_space_of(s: Shared) -> str:
    return s.grantee.new_space_id("Grantee's own")


OPERATIONS: list[tuple[str, str, Callable[[Shared], str]]] = [
    (
        "list the folder",
        "READER",
        lambda s: outcome(
            s.grantee.call("GET", f"/v1.0/storage/spaces/{s.space}/dentries", params={"parentId": s.docs})
        ),
    ),
    (
        "list a folder below",
        "READER",
        lambda s: outcome(
            s.grantee.call("GET", f"/v1.0/storage/spaces/{s.space}/dentries", params={"parentId": s.sub})
        ),
    ),
    (
        "get a file",
        "READER",
        lambda s: outcome(s.grantee.call("POST", s.path("query", s.files["read.txt"]), json={})),
    ),
    (
        "list versions",
        "READER",
        lambda s: outcome(s.grantee.call("GET", s.path("versions", s.files["read.txt"]))),
    ),
    ("get thumbnails", "READER", _thumbnail),
    (
        "list who has access",
        "READER",
        lambda s: outcome(s.grantee.call("POST", s.path("permissions/query", s.docs), json={})),
    ),
    (
        "download",
        "DOWNLOADER",
        lambda s: outcome(
            s.grantee.call("POST", s.path("downloadInfos/query", s.files["read.txt"]), json={})
        ),
    ),
    (
        "copy out to their own space",
        "DOWNLOADER",
        lambda s: outcome(
            batch(s.grantee, "batchCopy", s.space, [s.files["read.txt"]], _own_space_of(s), ROOT), item=True
        ),
    ),
    (
        "ask to upload (v1)",
        "EDITOR",
        lambda s: outcome(
            s.grantee.call(
                "POST",
                f"/v1.0/storage/spaces/{s.space}/files/uploadInfos/query",
                json={
                    "protocol": "HEADER_SIGNATURE",
                    "multipart": False,
                    "option": {"preCheckParam": {"name": "new.txt", "size": 3, "parentId": s.docs}},
                },
            )
        ),
    ),
    ("ask to upload (v2)", "EDITOR", _upload_v2),
    ("commit a file", "EDITOR", _commit),
    (
        "add a folder",
        "EDITOR",
        lambda s: outcome(s.grantee.call("POST", s.path("folders", s.docs), json={"name": "New"})),
    ),
    (
        "rename",
        "EDITOR",
        lambda s: outcome(
            s.grantee.call("POST", s.path("rename", s.files["rename.txt"]), json={"newName": "renamed.txt"})
        ),
    ),
    (
        "move",
        "EDITOR",
        lambda s: outcome(
            batch(s.grantee, "batchMove", s.space, [s.files["move.txt"]], s.space, s.sub), item=True
        ),
    ),
    (
        "copy into",
        "EDITOR",
        lambda s: outcome(
            batch(s.grantee, "batchCopy", s.space, [s.files["read.txt"]], s.space, s.sub), item=True
        ),
    ),
    (
        "delete",
        "EDITOR",
        lambda s: outcome(
            s.grantee.call(
                "DELETE",
                f"/v1.0/storage/spaces/{s.space}/dentries/{s.files['delete.txt']}",
                params={"toRecycleBin": "True"},
            )
        ),
    ),
    (
        "set app properties",
        "EDITOR",
        lambda s: outcome(
            s.grantee.call(
                "PUT",
                s.path("appProperties", s.files["props.txt"]),
                json={"appProperties": [{"name": "n", "value": "v", "visibility": "PUBLIC"}]},
            )
        ),
    ),
    ("share further", "MANAGER", lambda s: outcome(grant(s.grantee, s.space, s.docs, "EDITOR", THIRD))),
    ("make someone OWNER", "OWNER", lambda s: outcome(grant(s.grantee, s.space, s.docs, "OWNER", THIRD))),
]


@pytest.mark.parametrize("role", [None, *ROLES])
def test_every_call_allows_what_the_role_allows(storage: Storage, role: str | None) -> None:
    shared = make_shared(storage, role)
    held = ROLES.index(role) if role else -1
    got = {name: run(shared) for name, _, run in OPERATIONS}
    expected = {
        name: "ok" if held >= ROLES.index(needed) else "permissionDenied" for name, needed, _ in OPERATIONS
    }
    assert got == expected
    # What was refused changed nothing.
    names = set(storage.names(shared.space, shared.docs))
    if held < ROLES.index("EDITOR"):
        assert names == {"Sub", *FILES}
        assert storage.names(shared.space, shared.sub) == []
        assert storage.get_dentry(shared.space, shared.files["props.txt"])["appProperties"] == {}
    else:
        assert names == {"Sub", "New", "renamed.txt", "props.txt", "read.txt", "committed.txt"}
        assert storage.names(shared.space, shared.sub) == ["move.txt", "read.txt"]
    if held < ROLES.index("MANAGER"):
        assert THIRD not in permissions(storage, shared.space, shared.docs)


def test_a_grant_reaches_below_and_nothing_else(storage: Storage) -> None:
    shared = make_shared(storage, "DOWNLOADER")
    grantee, space = shared.grantee, shared.space
    deep = storage.upload(space, "deep.txt", b"deep", shared.sub)["id"]
    # Below the grant: everything the role allows.
    assert grantee.names(space, shared.sub) == ["deep.txt"]
    assert grantee.download(space, deep) == b"deep"
    # Beside and above it: nothing but the way down.
    assert_error(
        grantee.call("GET", f"/v1.0/storage/spaces/{space}/dentries", params={"parentId": shared.other}),
        403,
        "permissionDenied",
    )
    assert_error(grantee.call("POST", shared.path("query", shared.secret), json={}), 403, "permissionDenied")
    assert_error(
        grantee.call("POST", shared.path("downloadInfos/query", shared.secret), json={}),
        403,
        "permissionDenied",
    )
    assert_error(
        grantee.call("POST", shared.path("downloadInfos/query", shared.team), json={}),
        403,
        "permissionDenied",
    )
    assert_error(
        grantee.call("POST", shared.path("rename", shared.team), json={"newName": "x"}),
        403,
        "permissionDenied",
    )
    assert_error(
        grantee.call("POST", shared.path("folders", shared.team), json={"name": "x"}), 403, "permissionDenied"
    )
    assert_error(
        grantee.call("POST", shared.path("permissions/query", shared.team), json={}), 403, "permissionDenied"
    )
    items = ok(
        grantee.call(
            "POST", f"/v1.0/storage/spaces/{space}/dentries/query", json={"dentryIds": [shared.secret, deep]}
        )
    )
    assert {i["dentryId"]: i.get("errorCode", "ok") for i in items["resultItems"]} == {
        shared.secret: "permissionDenied",
        deep: "ok",
    }
    # The highest role on the path counts: READER above, EDITOR on a folder below.
    ok(grant(storage, space, shared.team, "READER", GRANTEE))
    ok(grant(storage, space, shared.sub, "EDITOR", GRANTEE))
    assert grantee.names(space, shared.other) == ["secret.txt"]  # READER now reaches Other
    assert_error(
        grantee.call("POST", shared.path("downloadInfos/query", shared.secret), json={}),
        403,
        "permissionDenied",
    )
    assert upload_into(grantee, space, shared.sub, "up.txt", b"up")["name"] == "up.txt"
    assert_error(
        grantee.call("POST", shared.path("folders", shared.docs), json={"name": "x"}), 403, "permissionDenied"
    )
    assert roles(grantee, space, [shared.team, shared.docs, shared.sub, deep, ROOT, "987654321"]) == {
        shared.team: ["READER"],
        shared.docs: ["DOWNLOADER"],
        shared.sub: ["EDITOR"],
        deep: ["EDITOR"],
        ROOT: [],
        "987654321": [],
    }


def test_a_grantee_finds_what_is_shared_and_sees_nothing_beside_it(storage: Storage) -> None:
    shared = make_shared(storage, "READER")
    grantee, space = shared.grantee, shared.space
    outsider = storage.as_user("outsider")
    # The space is one of the grantee's spaces, marked with its creator.
    listed = spaces_of(grantee)
    assert set(listed) == {space}
    assert listed[space]["creatorId"] == storage.union_id
    assert ok(grantee.call("GET", f"/v1.0/storage/spaces/{space}"))["space"]["id"] == space
    assert spaces_of(outsider) == {}
    assert_error(outsider.call("GET", f"/v1.0/storage/spaces/{space}"), 403, "permissionDenied")
    # From the root down: only the way to what is shared, then all of it.
    storage.upload(space, "private.txt", b"p")
    assert grantee.names(space) == ["Team"]
    assert grantee.names(space, shared.team) == ["Docs"]
    assert grantee.names(space, shared.docs) == sorted(["Sub", *FILES])
    team = grantee.get_dentry(space, shared.team)
    assert (team["name"], team["path"]) == ("Team", "/Team")
    assert grantee.get_dentry(space, shared.files["read.txt"])["path"] == "/Team/Docs/read.txt"
    assert roles(grantee, space, [shared.team])[shared.team] == []
    # The way down pages like any listing, and shows nothing the grant does not lead to.
    for n in range(4):
        storage.add_folder(space, f"Beside {n}", shared.team)
    page = grantee.list_page(space, shared.team, maxResults=1)
    assert [d["name"] for d in page["dentries"]] == ["Docs"]
    assert "nextToken" not in page
    # ListAllDentries and search show only what the grantee may see.
    everything = ok(grantee.call("POST", f"/v1.0/storage/spaces/{space}/dentries/listAll", json={}))
    assert {d["name"] for d in everything["dentries"]} == {"Docs", "Sub", *FILES}
    found = ok(
        grantee.call(
            "POST", "/v2.0/storage/dentries/search", json={"keyword": ".txt"}, params={"operatorId": GRANTEE}
        )
    )
    assert {item["name"] for item in found["items"]} == set(FILES)
    assert "secret.txt" in {
        item["name"]
        for item in ok(
            storage.call(
                "POST",
                "/v2.0/storage/dentries/search",
                json={"keyword": ".txt"},
                params={"operatorId": storage.union_id},
            )
        )["items"]
    }
    # Taken back: the space is gone from the grantee's list, and so is everything in it.
    ok(revoke(storage, space, shared.docs, "READER", GRANTEE))
    assert spaces_of(grantee) == {}
    assert_error(
        grantee.call("GET", f"/v1.0/storage/spaces/{space}/dentries", params={"parentId": ROOT}),
        403,
        "permissionDenied",
    )


def test_a_grant_in_the_recycle_bin_is_dormant(storage: Storage) -> None:
    shared = make_shared(storage, "READER")
    storage.delete(shared.space, shared.docs, to_recycle_bin=True)
    assert spaces_of(shared.grantee) == {}
    assert_error(
        shared.grantee.call(
            "GET", f"/v1.0/storage/spaces/{shared.space}/dentries", params={"parentId": ROOT}
        ),
        403,
        "permissionDenied",
    )


def test_a_grant_with_a_duration_lapses(storage: Storage) -> None:
    shared = make_shared(storage, None)
    ok(grant(storage, shared.space, shared.docs, "DOWNLOADER", GRANTEE, duration=1))
    listed = ok(storage.call("POST", shared.path("permissions/query", shared.docs), json={}))["permissions"]
    assert [(p["member"]["id"], p["duration"]) for p in listed] == [(GRANTEE, 1)]
    assert shared.grantee.download(shared.space, shared.files["read.txt"]) == b"read.txt"
    time.sleep(1.3)
    assert_error(
        shared.grantee.call("POST", shared.path("downloadInfos/query", shared.files["read.txt"]), json={}),
        403,
        "permissionDenied",
    )
    assert permissions(storage, shared.space, shared.docs) == {}
    assert spaces_of(shared.grantee) == {}
    # Too long, or none at all: refused.
    for duration in (0, 367 * 24 * 3600):
        assert_error(
            grant(storage, shared.space, shared.docs, "READER", GRANTEE, duration=duration),
            400,
            "paramError",
            prefix=True,
        )


def test_managers_hand_out_at_most_their_own_role(storage: Storage) -> None:
    shared = make_shared(storage, "MANAGER")
    manager, space, docs = shared.grantee, shared.space, shared.docs
    ok(grant(manager, space, docs, "MANAGER", THIRD))
    assert_error(grant(manager, space, docs, "OWNER", THIRD), 403, "permissionDenied")
    ok(grant(storage, space, docs, "OWNER", "boss"))
    assert_error(revoke(manager, space, docs, "OWNER", "boss"), 403, "permissionDenied")
    assert_error(
        grant(manager, space, docs, "READER", "boss"), 403, "permissionDenied"
    )  # no demoting an OWNER
    ok(revoke(manager, space, docs, "MANAGER", THIRD))
    assert permissions(storage, space, docs) == {GRANTEE: "MANAGER", "boss": "OWNER"}
    # Nobody is granted anything on the creator's behalf: they own it all already.
    assert_error(grant(storage, space, docs, "READER", storage.union_id), 400, "paramError", prefix=True)


@pytest.mark.parametrize("preserve", [False, True])
def test_a_moved_folder_keeps_its_grants_only_when_asked(storage: Storage, preserve: bool) -> None:
    shared = make_shared(storage, "EDITOR")
    other_space = storage.new_space_id("Elsewhere")
    answer = ok(
        batch(
            storage, "batchMove", shared.space, [shared.docs], other_space, ROOT, preservePermissions=preserve
        )
    )
    assert answer["resultItems"][0]["targetDentryId"] == shared.docs
    expected = {GRANTEE: "EDITOR"} if preserve else {}
    assert permissions(storage, other_space, shared.docs) == expected
    assert (other_space in spaces_of(shared.grantee)) is preserve
    assert shared.space not in spaces_of(shared.grantee)
    if preserve:
        assert shared.grantee.names(other_space) == ["Docs"]


def test_member_types_other_than_user_are_refused(storage: Storage) -> None:
    shared = make_shared(storage, None)
    body = {"roleId": "READER", "members": [{"type": "DEPT", "id": "dept-1", "corpId": "corp"}]}
    assert_error(
        storage.call("POST", shared.path("permissions", shared.docs), json=body),
        400,
        "paramError",
        prefix=True,
    )
    assert permissions(storage, shared.space, shared.docs) == {}


def test_a_grant_on_the_root_shares_the_whole_space(storage: Storage) -> None:
    shared = make_shared(storage, None)
    ok(grant(storage, shared.space, ROOT, "READER", GRANTEE))
    assert shared.grantee.names(shared.space) == ["Team"]
    assert shared.grantee.names(shared.space, shared.team) == ["Docs", "Other"]
    everything = ok(
        shared.grantee.call("POST", f"/v1.0/storage/spaces/{shared.space}/dentries/listAll", json={})
    )
    assert "secret.txt" in {d["name"] for d in everything["dentries"]}
    assert_error(
        shared.grantee.call("POST", shared.path("downloadInfos/query", shared.secret), json={}),
        403,
        "permissionDenied",
    )


def test_signed_urls_handed_out_stay_valid_for_their_lifetime(storage: Storage) -> None:
    # A download address is a bearer URL: taking the grant back stops new ones, not one given.
    shared = make_shared(storage, "DOWNLOADER")
    info = shared.grantee.download_info(shared.space, shared.files["read.txt"])["headerSignatureInfo"]
    ok(revoke(storage, shared.space, shared.docs, "DOWNLOADER", GRANTEE))
    assert signed_request("GET", info).content == b"read.txt"
    assert_error(
        shared.grantee.call("POST", shared.path("downloadInfos/query", shared.files["read.txt"]), json={}),
        403,
        "permissionDenied",
    )
