"""Who may do what: roles granted on dentries, and the one access check every call makes.

The model (REFERENCE.md §13.5, §13.8):

- The creator of a space is its OWNER, of all of it. Anyone else holds only what was granted to
  them: a role on a dentry (or on the root, ``0``) reaches that dentry and everything below it,
  and nothing else, neither its parent nor its siblings. With several grants on one path the
  highest role counts. Member ``id`` is a unionId (type ``USER``); other member types are refused.
- Roles, lowest first: READER (list, metadata, thumbnails, versions), DOWNLOADER (also download
  and copy from), EDITOR (also upload, add folders, rename, move, copy into, delete, app
  properties), MANAGER (also grant and revoke roles up to MANAGER), OWNER (everything). Everyone
  hands out at most the role they hold, and may not change a grant above it.
- A grantee finds what is shared with them: the space is one of their spaces (ListSpaces), and
  the root and every folder on the way down to a grant can be *browsed*: they are seen (GetDentry)
  and listing them shows only the entries that lead to what is shared, never their siblings.
- A grant may lapse (``option.duration`` seconds); a lapsed grant counts for nothing and is not
  listed. A grant on something in the recycle bin is dormant until it is restored.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from app.localserver.errors import ServiceError, param_error, permission_denied, space_not_exist
from app.localserver.listing import SqlFilter
from app.localserver.model import ROOT_ID
from app.localserver.spaces import parse_id
from app.localserver.tree import Tree


class Level(IntEnum):
    """How much of a dentry an operator may use; the five roles are the top levels."""

    NONE = 0
    BROWSE = 1
    """On the way to something shared: seen, and listed with only the entries that lead there."""
    READER = 2
    DOWNLOADER = 3
    EDITOR = 4
    MANAGER = 5
    OWNER = 6


class Action(IntEnum):
    """What a call does to a dentry, valued by the least level it needs."""

    BROWSE = Level.BROWSE
    VIEW = Level.READER
    DOWNLOAD = Level.DOWNLOADER
    EDIT = Level.EDITOR
    MANAGE = Level.MANAGER


ROLES = {level.name: level for level in Level if level >= Level.READER}
ROLE_NAMES = {role: role.capitalize() for role in ROLES}
MEMBER_TYPE = "USER"
MAX_MEMBERS = 30
MAX_ROLE_FILTER = 30
MAX_PERMISSIONS_PAGE = 500
MAX_DURATION_SECONDS = 366 * 24 * 3600
"""The SDK documents at most 3600 s; longer shares (a week, a month) are allowed here, up to a year."""

_LIVE = "(p.expires_at IS NULL OR p.expires_at > ?)"
# The operator's live grants on live dentries of one space (a grant on the root has no row).
_GRANTS = f"""
    SELECT p.dentry_id AS id FROM permissions p LEFT JOIN dentries d ON d.id = p.dentry_id
    WHERE p.space_id = ? AND p.member_id = ? AND {_LIVE}
      AND (p.dentry_id = 0 OR (d.space_id = p.space_id AND d.status = 'NORMAL'))"""
# The granted dentries and every folder above them.
_WAY = f"""
    WITH RECURSIVE way(id, parent_id) AS (
        SELECT d.id, d.parent_id FROM dentries d WHERE d.id IN ({_GRANTS})
        UNION SELECT d.id, d.parent_id FROM dentries d JOIN way ON d.id = way.parent_id)
    SELECT id FROM way"""
# Everything at or below the operator's live grants (in one space, or in all when `?` is NULL).
_SEEN = f"""
    WITH RECURSIVE seen(space_id, id) AS (
        SELECT p.space_id, p.dentry_id FROM permissions p
        WHERE p.member_id = ? AND {_LIVE} AND (? IS NULL OR p.space_id = ?)
        UNION SELECT d.space_id, d.id FROM dentries d
        JOIN seen s ON d.parent_id = s.id AND d.space_id = s.space_id)
    SELECT id FROM seen"""
# The roles granted to the operator on a dentry or above it (the root included).
_ROLES_ABOVE = f"""
    WITH RECURSIVE up(id, parent_id) AS (
        SELECT id, parent_id FROM dentries WHERE id = ?
        UNION ALL SELECT d.id, d.parent_id FROM dentries d JOIN up ON d.id = up.parent_id)
    SELECT p.role FROM permissions p
    WHERE p.space_id = ? AND p.member_id = ? AND {_LIVE}
      AND (p.dentry_id = 0 OR p.dentry_id IN (SELECT id FROM up))"""


def role_level(role_id: str) -> Level:
    """The level of a role id (``READER`` … ``OWNER``); ``paramError.roleId`` otherwise."""
    level = ROLES.get(role_id)
    if level is None:
        raise param_error(f"unknown roleId {role_id!r}; use one of {', '.join(ROLES)}", "roleId")
    return level


def role_json(role_id: str) -> dict[str, str]:
    """A role as the SDK models it: an object, never a bare string (§13.5)."""
    return {"id": role_id, "name": ROLE_NAMES[role_id]}


@dataclass(frozen=True)
class Access:
    """What the access check found: the space, the dentry (None for the root) and the level."""

    space: sqlite3.Row
    dentry: sqlite3.Row | None
    level: Level

    @property
    def dentry_id(self) -> int:
        """The dentry's id (``0`` for the root)."""
        return ROOT_ID if self.dentry is None else int(self.dentry["id"])


@dataclass(frozen=True)
class Member:
    """A member a role is granted to (only ``USER``, by unionId, here)."""

    id: str
    corp_id: str | None = None


class Permissions:
    """Roles on dentries: the access check, what an operator may see, and the grants themselves."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree

    # --- the access check ---------------------------------------------------------------------

    def require(
        self,
        conn: sqlite3.Connection,
        space: str | int | sqlite3.Row,
        dentry_id: str | int,
        union_id: str,
        action: Action,
        *,
        deleted_ok: bool = False,
        denied_status: int = 403,
    ) -> Access:
        """Check that `union_id` may do `action` on a dentry (``0``: the root) of a space.

        Raises:
            ServiceError: ``spaceNotExist`` (404); ``permissionDenied`` when the operator may use
                nothing in the space, or not this much of this dentry; ``dentryNotExist`` (404).
        """
        row = space if isinstance(space, sqlite3.Row) else self._space(conn, space)
        owner = row["creator_id"] == union_id
        if not owner and not self._holds_grants(conn, row, union_id):
            raise permission_denied(status=denied_status)
        dentry = None
        if str(dentry_id) != str(ROOT_ID):
            dentry = self.tree.dentry(conn, row, str(dentry_id), deleted_ok=deleted_ok)
        level = Level.OWNER if owner else self.level(conn, row, dentry, union_id)
        if level < action:
            needed = Level(action).name if action >= Level.READER else "a role"
            held = level.name if level >= Level.READER else "no role"
            raise permission_denied(f"this needs {needed} or higher; you hold {held} here", denied_status)
        return Access(row, dentry, level)

    def space(self, conn: sqlite3.Connection, space_id: str | int, union_id: str) -> sqlite3.Row:
        """The space, if `union_id` may use at least part of it."""
        return self.require(conn, space_id, ROOT_ID, union_id, Action.BROWSE).space

    def require_somewhere(
        self, conn: sqlite3.Connection, space_id: str, union_id: str, action: Action
    ) -> sqlite3.Row:
        """The space, if `union_id` may do `action` on at least one dentry of it.

        For calls that name no dentry yet (an upload key asked for without a folder): the call
        that does name one (CommitFile) checks it.
        """
        row = self.space(conn, space_id, union_id)
        if row["creator_id"] == union_id:
            return row
        roles = conn.execute(
            f"SELECT p.role FROM permissions p WHERE p.space_id = ? AND p.member_id = ? AND {_LIVE}",
            (row["id"], union_id, time.time()),
        ).fetchall()
        if max((ROLES[r["role"]] for r in roles), default=Level.NONE) < action:
            raise permission_denied(f"this needs {Level(action).name} or higher somewhere in the space")
        return row

    def level(
        self, conn: sqlite3.Connection, space: sqlite3.Row, dentry: sqlite3.Row | None, union_id: str
    ) -> Level:
        """How much of a dentry (None: the root) `union_id` may use."""
        if space["creator_id"] == union_id:
            return Level.OWNER
        dentry_id = ROOT_ID if dentry is None else int(dentry["id"])
        now = time.time()
        roles = conn.execute(_ROLES_ABOVE, (dentry_id, space["id"], union_id, now)).fetchall()
        best = max((ROLES[row["role"]] for row in roles), default=Level.NONE)
        if best > Level.NONE:
            return best
        if dentry is None:
            return Level.BROWSE if self._holds_grants(conn, space, union_id) else Level.NONE
        if dentry["type"] == "FOLDER" and dentry["status"] == "NORMAL":
            on_way = conn.execute(
                f"SELECT 1 FROM ({_WAY}) WHERE id = ?", (space["id"], union_id, now, dentry_id)
            ).fetchone()
            if on_way is not None:
                return Level.BROWSE
        return Level.NONE

    # --- what an operator sees ----------------------------------------------------------------

    def way_filter(self, space: sqlite3.Row, union_id: str) -> SqlFilter:
        """The entries of a browsed folder that lead to something shared with `union_id`."""
        return SqlFilter(f"id IN ({_WAY})", (space["id"], union_id, time.time()))

    def visible_filter(self, conn: sqlite3.Connection, space: sqlite3.Row, union_id: str) -> SqlFilter | None:
        """What `union_id` may see of a whole space (ListAllDentries); None when all of it."""
        if self.level(conn, space, None, union_id) >= Level.READER:
            return None
        return SqlFilter(f"id IN ({_SEEN})", (union_id, time.time(), space["id"], space["id"]))

    def search_scope(self, conn: sqlite3.Connection, union_id: str) -> tuple[list[int], SqlFilter]:
        """The spaces `union_id` may search, and what of them: all of their own, what others share."""
        usable = self.usable_spaces(conn, union_id)
        own = [int(row["id"]) for row in usable if row["creator_id"] == union_id]
        marks = ",".join("?" * len(own)) or "NULL"
        visible = SqlFilter(
            f"(space_id IN ({marks}) OR id IN ({_SEEN}))", (*own, union_id, time.time(), None, None)
        )
        return [int(row["id"]) for row in usable], visible

    def usable_spaces(self, conn: sqlite3.Connection, union_id: str) -> list[sqlite3.Row]:
        """The spaces `union_id` made, and those where something is shared with them; oldest first."""
        rows: list[sqlite3.Row] = conn.execute(
            f"""SELECT * FROM spaces s WHERE s.creator_id = ? OR EXISTS (
                    SELECT 1 FROM permissions p LEFT JOIN dentries d ON d.id = p.dentry_id
                    WHERE p.space_id = s.id AND p.member_id = ? AND {_LIVE}
                      AND (p.dentry_id = 0 OR (d.space_id = p.space_id AND d.status = 'NORMAL')))
                ORDER BY s.id""",
            (union_id, union_id, time.time()),
        ).fetchall()
        return rows

    def roles(
        self, conn: sqlite3.Connection, space: sqlite3.Row, dentry_ids: Iterable[str], union_id: str
    ) -> dict[str, list[dict[str, str]]]:
        """The operator's own role on each dentry (an empty list where they hold none, or it is unknown)."""
        found: dict[str, list[dict[str, str]]] = {}
        for dentry_id in dentry_ids:
            try:
                dentry = None if dentry_id == str(ROOT_ID) else self.tree.dentry(conn, space, dentry_id)
            except ServiceError:
                found[dentry_id] = []
                continue
            level = self.level(conn, space, dentry, union_id)
            found[dentry_id] = [role_json(level.name)] if level >= Level.READER else []
        return found

    # --- grants -------------------------------------------------------------------------------

    def grant(
        self,
        conn: sqlite3.Connection,
        access: Access,
        role_id: str,
        members: list[Member],
        operator_id: str,
        duration: int | None,
        *,
        keep_expiry: bool = False,
    ) -> None:
        """Give each member `role_id` on the dentry, replacing the role they had there.

        Args:
            conn: The caller's write transaction.
            access: The operator's access to the dentry (MANAGE checked).
            role_id: The role to give.
            members: Whom to give it to.
            operator_id: Who grants it.
            duration: Seconds until the grant lapses; None: it does not.
            keep_expiry: With no `duration`, keep an existing grant's expiry (UpdatePermission).
        """
        level = role_level(role_id)
        self._check_members(access, members)
        if duration is not None and not 1 <= duration <= MAX_DURATION_SECONDS:
            raise param_error(f"option.duration must be 1 to {MAX_DURATION_SECONDS} seconds", "duration")
        self._check_may_hand_out(access, level)
        now = time.time()
        for member in members:
            existing = self._grant_row(conn, access, member.id)
            if existing is not None:
                self._check_may_hand_out(access, ROLES[existing["role"]])
            expires_at = None if duration is None else now + duration
            if duration is None and keep_expiry and existing is not None:
                duration, expires_at = existing["duration"], existing["expires_at"]
            conn.execute(
                """INSERT INTO permissions (space_id, dentry_id, member_id, corp_id, role, operator_id,
                       duration, expires_at, create_time, modified_time) VALUES (?,?,?,?,?,?,?,?,?,?)
                   ON CONFLICT (space_id, dentry_id, member_id) DO UPDATE SET corp_id=excluded.corp_id,
                       role=excluded.role, operator_id=excluded.operator_id, duration=excluded.duration,
                       expires_at=excluded.expires_at, modified_time=excluded.modified_time""",
                (
                    access.space["id"],
                    access.dentry_id,
                    member.id,
                    member.corp_id,
                    role_id,
                    operator_id,
                    duration,
                    expires_at,
                    now,
                    now,
                ),
            )

    def revoke(self, conn: sqlite3.Connection, access: Access, role_id: str, members: list[Member]) -> None:
        """Take `role_id` on the dentry from each member who holds exactly it there (others: no change)."""
        self._check_may_hand_out(access, role_level(role_id))
        self._check_members(access, members)
        for member in members:
            conn.execute(
                "DELETE FROM permissions WHERE space_id=? AND dentry_id=? AND member_id=? AND role=?",
                (access.space["id"], access.dentry_id, member.id, role_id),
            )

    def list_grants(
        self,
        conn: sqlite3.Connection,
        access: Access,
        role_ids: list[str] | None,
        max_results: int,
        next_token: str | None,
    ) -> tuple[list[sqlite3.Row], str | None]:
        """One page of the live grants made on the dentry itself (not those above it), by member."""
        where = f"p.space_id = ? AND p.dentry_id = ? AND {_LIVE}"
        args: list[object] = [access.space["id"], access.dentry_id, time.time()]
        if role_ids:
            for role_id in role_ids:
                role_level(role_id)
            where += f" AND p.role IN ({','.join('?' * len(role_ids))})"
            args += role_ids
        if next_token:
            where += " AND p.member_id > ?"
            args.append(_after_member(next_token))
        rows = conn.execute(
            f"SELECT * FROM permissions p WHERE {where} ORDER BY p.member_id LIMIT ?",
            [*args, max_results + 1],
        ).fetchall()
        if len(rows) <= max_results:
            return rows, None
        rows = rows[:max_results]
        return rows, base64.urlsafe_b64encode(rows[-1]["member_id"].encode()).decode()

    def after_move(self, conn: sqlite3.Connection, moved: sqlite3.Row, *, preserve: bool) -> None:
        """Grants on a moved dentry and below it go with it (`preserve`) or are dropped (the default).

        What it inherits at its new place applies either way.
        """
        # One JSON parameter, however many dentries moved (SQLite limits the number of parameters).
        ids = json.dumps(self.tree.subtree_ids(conn, moved))
        moved_grants = "dentry_id IN (SELECT value FROM json_each(?))"
        if preserve:
            conn.execute(f"UPDATE permissions SET space_id=? WHERE {moved_grants}", (moved["space_id"], ids))
        else:
            conn.execute(f"DELETE FROM permissions WHERE {moved_grants}", (ids,))

    # --- helpers ------------------------------------------------------------------------------

    @staticmethod
    def _space(conn: sqlite3.Connection, space_id: str | int) -> sqlite3.Row:
        number = space_id if isinstance(space_id, int) else parse_id(space_id)
        row = None
        if number is not None:
            row = conn.execute("SELECT * FROM spaces WHERE id=?", (number,)).fetchone()
        if row is None:
            raise space_not_exist(str(space_id))
        return row

    @staticmethod
    def _holds_grants(conn: sqlite3.Connection, space: sqlite3.Row, union_id: str) -> bool:
        found = conn.execute(f"SELECT 1 FROM ({_GRANTS}) LIMIT 1", (space["id"], union_id, time.time()))
        return found.fetchone() is not None

    @staticmethod
    def _grant_row(conn: sqlite3.Connection, access: Access, member_id: str) -> sqlite3.Row | None:
        row: sqlite3.Row | None = conn.execute(
            f"SELECT * FROM permissions p WHERE p.space_id=? AND p.dentry_id=? AND p.member_id=? AND {_LIVE}",
            (access.space["id"], access.dentry_id, member_id, time.time()),
        ).fetchone()
        return row

    @staticmethod
    def _check_members(access: Access, members: list[Member]) -> None:
        if not members:
            raise param_error("members is empty", "members")
        if len(members) > MAX_MEMBERS:
            raise param_error(f"at most {MAX_MEMBERS} members are allowed", "members")
        if any(member.id == access.space["creator_id"] for member in members):
            raise param_error("the space's creator is OWNER of all of it already", "members")

    @staticmethod
    def _check_may_hand_out(access: Access, level: Level) -> None:
        if level > access.level:
            raise permission_denied(
                f"you hold {access.level.name} here and cannot hand out or change {level.name}"
            )


def _after_member(token: str) -> str:
    try:
        return base64.urlsafe_b64decode(token.encode()).decode()
    except (binascii.Error, ValueError, UnicodeError) as error:
        raise param_error("nextToken is not valid", "nextToken") from error


def parse_members(members: Iterable[tuple[str, str, str | None]]) -> list[Member]:
    """Members from (type, id, corpId); only ``USER`` members (by unionId) are taken here."""
    parsed = []
    for member_type, member_id, corp_id in members:
        if member_type != MEMBER_TYPE:
            raise param_error(f"member type {member_type!r} is not supported here; use USER", "members")
        if not member_id:
            raise param_error("a member has no id", "members")
        parsed.append(Member(member_id, corp_id))
    return parsed
