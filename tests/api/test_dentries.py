"""Dentry calls: listing and paging, lookups (single and batched), folders, rename, move, copy,
delete (single and batched) and search, all against the local service.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from app.api import ApiError, StorageClient
from app.api.models import Dentry
from tests.api.conftest import ROOT, upload, watch


def make_folders(client: StorageClient, space: str, count: int, parent: str = ROOT) -> list[Dentry]:
    return [client.add_folder(space, parent, f"Folder {n:03d}") for n in range(count)]


# --------------------------------------------------------------------------- listing


def test_list_dentries_pages_through_120_entries(client: StorageClient, space_id: str) -> None:
    created = make_folders(client, space_id, 120)
    wire = watch(client)

    first = client.list_dentries(space_id, max_results=50)
    second = client.list_dentries(space_id, max_results=50, next_token=first.next_token)
    third = client.list_dentries(space_id, max_results=50, next_token=second.next_token)

    assert [len(page.dentries) for page in (first, second, third)] == [50, 50, 20]
    assert first.next_token
    assert second.next_token
    assert third.next_token is None
    names = [d.name for page in (first, second, third) for d in page.dentries]
    assert names == [f"Folder {n:03d}" for n in range(120)]  # NAME, ASC by default
    assert {d.id for page in (first, second, third) for d in page.dentries} == {d.id for d in created}
    sent = [path for _method, path, _status in wire.calls("/dentries?")]
    assert all("maxResults=50" in path and "orderBy=NAME" in path and "order=ASC" in path for path in sent)
    assert "parentId=0" in sent[0]
    assert "withThumbnail=false" in sent[0]


def test_list_dentries_small_pages_and_order(client: StorageClient, space_id: str) -> None:
    make_folders(client, space_id, 5)

    page = client.list_dentries(space_id, max_results=2, order="DESC")

    assert [d.name for d in page.dentries] == ["Folder 004", "Folder 003"]
    assert page.next_token


def test_iter_dentries_makes_one_call_per_page(client: StorageClient, space_id: str) -> None:
    make_folders(client, space_id, 120)
    wire = watch(client)

    everything = list(client.iter_dentries(space_id))

    assert len(everything) == 120
    assert len({d.id for d in everything}) == 120
    assert len(wire.calls("/dentries?")) == 3
    assert wire.token_fetches == 0


def test_iter_dentries_is_lazy(client: StorageClient, space_id: str) -> None:
    make_folders(client, space_id, 60)
    wire = watch(client)

    entries = client.iter_dentries(space_id, max_results=20)
    first = next(entries)

    assert first.name == "Folder 000"
    assert len(wire.calls("/dentries?")) == 1


def test_iter_dentries_of_an_empty_folder(client: StorageClient, space_id: str) -> None:
    folder = client.add_folder(space_id, ROOT, "Empty")
    wire = watch(client)

    assert list(client.iter_dentries(space_id, folder.id)) == []
    assert len(wire.calls("/dentries?")) == 1
    assert f"parentId={folder.id}" in wire.calls()[0][1]


def test_listing_a_subfolder(client: StorageClient, space_id: str) -> None:
    outer = client.add_folder(space_id, ROOT, "Outer")
    inner = client.add_folder(space_id, outer.id, "Inner")
    file = upload(client, space_id, "a.txt", b"abc", parent=outer.id)

    children = client.list_dentries(space_id, outer.id).dentries

    assert [(d.id, d.name, d.parent_id) for d in children] == [
        (file.id, "a.txt", outer.id),
        (inner.id, "Inner", outer.id),
    ]
    assert children[1].path == "/Outer/Inner"


# --------------------------------------------------------------------------- lookups


def test_get_dentry_returns_the_full_dentry(client: StorageClient, space_id: str) -> None:
    before = datetime.now(UTC) - timedelta(seconds=2)
    folder = client.add_folder(space_id, ROOT, "Docs")

    dentry = client.get_dentry(space_id, folder.id)

    assert (dentry.id, dentry.space_id, dentry.parent_id, dentry.name) == (folder.id, space_id, ROOT, "Docs")
    assert dentry.is_folder
    assert (dentry.status, dentry.version, dentry.path) == ("NORMAL", 1, "/Docs")
    assert (dentry.creator_id, dentry.modifier_id) == ("local-user", "local-user")
    assert dentry.uuid
    assert dentry.create_time is not None
    assert dentry.create_time >= before.replace(microsecond=0)
    assert dentry.size is None
    assert dentry.thumbnail is None


def test_get_dentries_batches_75_ids_into_3_calls(client: StorageClient, space_id: str) -> None:
    folders = make_folders(client, space_id, 73)
    deleted = folders[10]
    client.delete_dentry(space_id, deleted.id)
    ids = [f.id for f in folders] + ["999999", "not-a-number"]
    wire = watch(client)

    results = client.get_dentries(space_id, ids)

    assert len(wire.calls("/dentries/query")) == 3
    assert [r.dentry_id for r in results] == ids
    by_id = {r.dentry_id: r for r in results}
    for missing in ("999999", "not-a-number"):
        assert (by_id[missing].success, by_id[missing].error_code, by_id[missing].dentry) == (
            False,
            "dentryNotExist",
            None,
        )
    gone = by_id[deleted.id]
    assert gone.success
    assert gone.dentry is not None
    assert gone.dentry.status == "DELETED"
    assert gone.dentry.is_deleted
    alive = [r for r in results if r.dentry_id not in {deleted.id, "999999", "not-a-number"}]
    assert len(alive) == 72
    assert all(r.success and r.dentry and r.dentry.status == "NORMAL" for r in alive)
    assert {r.dentry.name for r in alive if r.dentry} == {f.name for f in folders} - {deleted.name}


def test_get_dentries_of_no_ids_makes_no_call(client: StorageClient, space_id: str) -> None:
    wire = watch(client)

    assert client.get_dentries(space_id, []) == []
    assert wire.seen == []


def test_a_deleted_dentry_is_still_found_with_status_deleted(client: StorageClient, space_id: str) -> None:
    folder = client.add_folder(space_id, ROOT, "Old")
    client.delete_dentry(space_id, folder.id)

    dentry = client.get_dentry(space_id, folder.id)

    assert dentry.status == "DELETED"
    assert dentry.is_deleted
    assert client.list_dentries(space_id).dentries == []


# --------------------------------------------------------------------------- folders


def test_add_folder_with_each_conflict_strategy(client: StorageClient, space_id: str) -> None:
    first = client.add_folder(space_id, ROOT, "Reports")

    renamed = client.add_folder(space_id, ROOT, "Reports")
    renamed_again = client.add_folder(space_id, ROOT, "reports", "AUTO_RENAME")
    existing = client.add_folder(space_id, ROOT, "Reports", "RETURN_DENTRY_IF_EXISTS")
    overwritten = client.add_folder(space_id, ROOT, "Reports", "OVERWRITE")
    with pytest.raises(ApiError) as raised:
        client.add_folder(space_id, ROOT, "Reports", "RETURN_ERROR_IF_EXISTS")

    assert (first.name, first.type, first.parent_id, first.space_id) == ("Reports", "FOLDER", ROOT, space_id)
    assert (renamed.name, renamed_again.name) == ("Reports (1)", "reports (2)")
    assert existing.id == first.id
    assert overwritten.id == first.id
    assert (raised.value.code, raised.value.status) == ("dentryNameConflict", 400)
    names = sorted(d.name for d in client.iter_dentries(space_id))
    assert names == ["Reports", "Reports (1)", "reports (2)"]


def test_add_folder_trims_spaces_and_nests(client: StorageClient, space_id: str) -> None:
    outer = client.add_folder(space_id, ROOT, "  Outer  ")
    inner = client.add_folder(space_id, outer.id, "新建 文件夹")

    assert outer.name == "Outer"
    assert (inner.name, inner.parent_id, inner.path) == ("新建 文件夹", outer.id, "/Outer/新建 文件夹")


def test_rename_dentry(client: StorageClient, space_id: str) -> None:
    file = upload(client, space_id, "draft.txt", b"text")

    renamed = client.rename_dentry(space_id, file.id, "final.txt")

    assert (renamed.id, renamed.name, renamed.extension) == (file.id, "final.txt", "txt")
    assert client.get_dentry(space_id, file.id).name == "final.txt"
    assert [d.name for d in client.iter_dentries(space_id)] == ["final.txt"]


def test_rename_to_a_taken_or_illegal_name_fails(client: StorageClient, space_id: str) -> None:
    client.add_folder(space_id, ROOT, "Taken")
    folder = client.add_folder(space_id, ROOT, "Mine")

    for new_name, code in [("taken", "dentryNameConflict"), ("a|b", "dentryNameIllegal")]:
        with pytest.raises(ApiError) as raised:
            client.rename_dentry(space_id, folder.id, new_name)
        assert raised.value.code == code
    assert client.get_dentry(space_id, folder.id).name == "Mine"


# --------------------------------------------------------------------------- move and copy


def test_move_dentry_into_a_folder(client: StorageClient, space_id: str) -> None:
    target = client.add_folder(space_id, ROOT, "Target")
    file = upload(client, space_id, "a.txt", b"abc")

    result = client.move_dentry(space_id, file.id, target.id)

    assert result.task_id is None
    assert result.dentry is not None
    assert (result.dentry.id, result.dentry.parent_id, result.dentry.path) == (
        file.id,
        target.id,
        "/Target/a.txt",
    )
    assert [d.name for d in client.iter_dentries(space_id)] == ["Target"]
    assert [d.id for d in client.iter_dentries(space_id, target.id)] == [file.id]


def test_move_dentry_with_conflict_strategies(client: StorageClient, space_id: str) -> None:
    target = client.add_folder(space_id, ROOT, "Target")
    upload(client, space_id, "a.txt", b"old", parent=target.id)
    first = upload(client, space_id, "a.txt", b"new")

    renamed = client.move_dentry(space_id, first.id, target.id)

    assert renamed.dentry is not None
    assert renamed.dentry.name == "a (1).txt"
    second = upload(client, space_id, "a.txt", b"newer")
    with pytest.raises(ApiError) as raised:
        client.move_dentry(space_id, second.id, target.id, conflict="RETURN_ERROR_IF_EXISTS")
    assert raised.value.code == "dentryNameConflict"
    replaced = client.move_dentry(space_id, second.id, target.id, conflict="OVERWRITE")
    assert replaced.dentry is not None
    assert (replaced.dentry.id, replaced.dentry.name) == (second.id, "a.txt")
    assert sorted(d.name for d in client.iter_dentries(space_id, target.id)) == ["a (1).txt", "a.txt"]


def test_move_dentry_to_another_space(client: StorageClient, space_id: str) -> None:
    other = client.add_space("Other").id
    file = upload(client, space_id, "a.txt", b"abc")

    result = client.move_dentry(space_id, file.id, ROOT, target_space_id=other)

    assert result.dentry is not None
    assert (result.dentry.id, result.dentry.space_id) == (file.id, other)
    assert list(client.iter_dentries(space_id)) == []
    assert [d.name for d in client.iter_dentries(other)] == ["a.txt"]
    assert client.get_space(other).used_quota == 3
    assert client.get_space(space_id).used_quota == 0


def test_copy_dentry(client: StorageClient, space_id: str) -> None:
    folder = client.add_folder(space_id, ROOT, "Folder")
    upload(client, space_id, "inside.txt", b"inside", parent=folder.id)
    target = client.add_folder(space_id, ROOT, "Target")

    copied = client.copy_dentry(space_id, folder.id, target.id)
    again = client.copy_dentry(space_id, folder.id, ROOT)

    assert copied.task_id is None
    assert copied.dentry is not None
    assert copied.dentry.id != folder.id
    assert (copied.dentry.name, copied.dentry.parent_id) == ("Folder", target.id)
    assert [d.name for d in client.iter_dentries(space_id, copied.dentry.id)] == ["inside.txt"]
    assert again.dentry is not None
    assert again.dentry.name == "Folder (1)"
    assert [d.name for d in client.iter_dentries(space_id, folder.id)] == ["inside.txt"]


def test_copy_dentry_to_another_space_charges_both_spaces(client: StorageClient, space_id: str) -> None:
    other = client.add_space("Other").id
    file = upload(client, space_id, "a.txt", b"abc")

    copied = client.copy_dentry(space_id, file.id, ROOT, target_space_id=other, conflict="OVERWRITE")

    assert copied.dentry is not None
    assert (copied.dentry.space_id, copied.dentry.size) == (other, 3)
    assert client.get_space(space_id).used_quota == 3
    assert client.get_space(other).used_quota == 3


# --------------------------------------------------------------------------- delete


def test_delete_dentry_to_the_recycle_bin_or_for_good(client: StorageClient, space_id: str) -> None:
    binned = upload(client, space_id, "binned.txt", b"12345")
    purged = upload(client, space_id, "purged.txt", b"123")
    wire = watch(client)

    assert client.delete_dentry(space_id, binned.id) is None
    assert client.delete_dentry(space_id, purged.id, to_recycle_bin=False) is None

    sent = wire.calls()
    assert (sent[0][0], sent[1][0]) == ("DELETE", "DELETE")
    assert "toRecycleBin=true" in sent[0][1]
    assert "toRecycleBin=false" in sent[1][1]
    assert client.get_dentry(space_id, binned.id).status == "DELETED"
    with pytest.raises(ApiError) as raised:
        client.get_dentry(space_id, purged.id)
    assert raised.value.code == "dentryNotExist"
    assert list(client.iter_dentries(space_id)) == []
    assert client.get_space(space_id).used_quota == 5


def test_delete_dentries_batches_75_ids(client: StorageClient, space_id: str) -> None:
    folders = make_folders(client, space_id, 74)
    ids = [f.id for f in folders] + ["999999"]
    wire = watch(client)

    results = client.delete_dentries(space_id, ids)

    assert len(wire.calls("/dentries/batchRemove")) == 3
    assert [r.dentry_id for r in results] == ids
    assert all(r.success for r in results[:74])
    assert (results[74].success, results[74].error_code) == (False, "dentryNotExist")
    assert list(client.iter_dentries(space_id)) == []
    assert all(r.dentry and r.dentry.status == "DELETED" for r in client.get_dentries(space_id, ids[:74]))


def test_delete_dentries_for_good(client: StorageClient, space_id: str) -> None:
    files = [upload(client, space_id, f"{n}.txt", b"x" * 10) for n in range(3)]

    results = client.delete_dentries(space_id, [f.id for f in files], to_recycle_bin=False)

    assert all(r.success for r in results)
    assert all(r.error_code == "dentryNotExist" for r in client.get_dentries(space_id, [f.id for f in files]))
    assert client.get_space(space_id).used_quota == 0


# --------------------------------------------------------------------------- search


def test_search_dentries_by_name(client: StorageClient, space_id: str) -> None:
    other = client.add_space("Other").id
    report = upload(client, space_id, "Quarterly Report.txt", b"q")
    folder = client.add_folder(space_id, ROOT, "Reports")
    elsewhere = upload(client, other, "report-copy.txt", b"r")
    upload(client, space_id, "unrelated.txt", b"u")
    wire = watch(client)

    hits, token = client.search_dentries("REPORT")
    in_one_space, _ = client.search_dentries("report", space_ids=[space_id])

    assert token is None
    assert {hit.name for hit in hits} == {"Quarterly Report.txt", "Reports", "report-copy.txt"}
    assert {hit.name for hit in in_one_space} == {"Quarterly Report.txt", "Reports"}
    by_name = {hit.name: hit for hit in hits}
    hit = by_name["Quarterly Report.txt"]
    assert (hit.uuid, hit.path, hit.space_id, hit.dentry_id) == (
        report.uuid,
        "/Quarterly Report.txt",
        space_id,
        report.id,
    )
    assert hit.modified_time is not None
    assert abs(hit.modified_time - datetime.now(UTC)) < timedelta(minutes=5)
    assert by_name["Reports"].dentry_id == folder.id
    assert by_name["report-copy.txt"].space_id == other
    assert elsewhere.id == by_name["report-copy.txt"].dentry_id
    sent = wire.calls("/v2.0/storage/dentries/search")
    assert all("operatorId=local-user" in path and "unionId" not in path for _m, path, _s in sent)


def test_search_dentries_pages(client: StorageClient, space_id: str) -> None:
    make_folders(client, space_id, 5)

    first, token = client.search_dentries("folder", max_results=3)
    second, last = client.search_dentries("folder", max_results=3, next_token=token)

    assert token
    assert last is None
    assert [len(first), len(second)] == [3, 2]
    assert len({hit.uuid for hit in first + second}) == 5


def test_search_finds_nothing_for_another_user(client: StorageClient, space_id: str) -> None:
    upload(client, space_id, "secret plan.txt", b"x")
    intruder = StorageClient(client.endpoint, "dentry-local", "dentry-local-secret", "intruder")

    assert intruder.search_dentries("plan") == ([], None)
