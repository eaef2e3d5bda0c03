"""What the soak moves: a seeded mix of uploads and downloads, of files and folders, and when to strike.

Everything here follows from the seed: kinds, names, sizes, the bytes of every file (made by
`tests.transfers.helpers.write_file`, so a 200 MiB file is never held in memory), and which
transfer each client kill and service restart is meant for.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from tests.transfers.helpers import KIB, MIB, write_file

MIN_SIZE = KIB
FOLDER_FILE_MAX = 32 * MIB
"""Files inside folders stay below this (folders are about many files, not big ones)."""


class Direction(StrEnum):
    """Which way a transfer goes."""

    UPLOAD = "upload"
    DOWNLOAD = "download"


class Action(StrEnum):
    """What the driver does to a run."""

    KILL_CLIENT = "kill"
    RESTART_SERVICE = "restart"
    CUT_CONNECTIONS = "cut"
    """Cut the signed-URL connections open at the proxy (mid-request or mid-answer)."""


class Moment(StrEnum):
    """When, during a run, a strike hits."""

    RANDOM = "random"
    """Any moment from start-up to about when a run of this size ends."""
    MOVING = "moving"
    """Once a quarter of the transfer's bytes passed the proxy since the run (or its last strike) began."""
    ONE_DONE = "one-done"
    """Once the journal has one file of the transfer done and another not (a folder)."""


@dataclass(frozen=True, slots=True)
class Strike:
    """An action at a moment of a run (a run that ends first leaves it to the next run)."""

    action: Action
    when: Moment = Moment.RANDOM

    def __str__(self) -> str:
        return str(self.action) if self.when == Moment.RANDOM else f"{self.action} when {self.when}"


@dataclass(frozen=True, slots=True)
class SoakFile:
    """A file of a transfer: its path below the transfer's folder (``name`` or ``top/sub/name``)."""

    path: str
    size: int
    seed: int

    def write(self, root: Path) -> str:
        """Write its bytes under `root`; returns their SHA-256."""
        return write_file(root / self.path, self.size, self.seed)


@dataclass(slots=True)
class Transfer:
    """One `dentry-cli put` or `get` of one file or one folder (with subfolders, one of them empty).

    `top` is the file or folder name moved; `folders` and `files` are paths below the transfer's
    own folder (remote ``/up/tNN`` or ``/down/tNN``, local ``…/tNN``), `strikes` the chaos planned
    while it runs.
    """

    number: int
    direction: Direction
    top: str
    folders: tuple[str, ...]
    files: tuple[SoakFile, ...]
    strikes: list[Strike] = field(default_factory=list)

    @property
    def name(self) -> str:
        """``tNN``: its folder's name on both sides."""
        return f"t{self.number:02d}"

    @property
    def is_folder(self) -> bool:
        """Whether it moves a folder rather than one file."""
        return bool(self.folders)

    @property
    def size(self) -> int:
        """Bytes of all its files."""
        return sum(file.size for file in self.files)

    def describe(self) -> str:
        """E.g. ``t07 upload of a folder (5 files, 3.2 MiB)``."""
        what = f"a folder ({len(self.files)} files, {mib(self.size)})" if self.is_folder else mib(self.size)
        return f"{self.name} {self.direction} of {what}"


def mib(size: int) -> str:
    """A size in MiB (or KiB when small), for people."""
    return f"{size / KIB:.0f} KiB" if size < MIB else f"{size / MIB:.1f} MiB"


def _log_uniform(rng: random.Random, low: int, high: int) -> int:
    if high <= low:
        return low
    return int(math.exp(rng.uniform(math.log(low), math.log(high))))


# Names as users have them: spaces, Chinese, several dots; all of them legal for the service.
FILE_NAMES = ("report {n}.bin", "季度数据 {n}.bin", "scan-{n}.tar.gz.bin", "photo {n} (raw).dat")
FOLDER_NAMES = ("project {n}", "资料 {n}", "backup.{n}")


def _single(number: int, direction: Direction, size: int, rng: random.Random) -> Transfer:
    name = rng.choice(FILE_NAMES).format(n=number)
    return Transfer(number, direction, name, (), (SoakFile(name, size, number * 1000),))


def _folder(number: int, direction: Direction, budget: int, rng: random.Random) -> Transfer:
    top = rng.choice(FOLDER_NAMES).format(n=number)
    sub, deeper, empty = f"{top}/sub", f"{top}/sub/深 层", f"{top}/empty"
    count = rng.randint(3, 8)
    high = max(MIN_SIZE, min(FOLDER_FILE_MAX, budget // 2))
    files = tuple(
        SoakFile(
            f"{rng.choice((top, sub, deeper))}/{rng.choice(FILE_NAMES).format(n=f'{number}-{index}')}",
            _log_uniform(rng, MIN_SIZE, high),
            number * 1000 + index,
        )
        for index in range(count)
    )
    return Transfer(number, direction, top, (top, sub, deeper, empty), files)


def make_plan(
    transfers: int, max_size: int, client_kills: int, service_restarts: int, seed: int
) -> list[Transfer]:
    """`transfers` transfers, with the strikes spread over them (bigger ones get more).

    The first six kinds are always there (given enough transfers): the largest file both ways,
    the smallest file both ways, and a folder both ways; the rest are drawn, a quarter of them
    folders, sizes log-uniform between 1 KiB and `max_size`. Their order is shuffled.
    """
    rng = random.Random(f"{seed}/plan")
    up, down = Direction.UPLOAD, Direction.DOWNLOAD
    kinds: list[tuple[Direction, bool, int]] = [
        (up, False, max_size),
        (down, False, max_size),
        (up, True, 0),
        (down, True, 0),
        (up, False, MIN_SIZE),
        (down, False, MIN_SIZE),
    ][:transfers]
    while len(kinds) < transfers:
        kinds.append((rng.choice((up, down)), rng.random() < 0.25, 0))
    rng.shuffle(kinds)
    plan: list[Transfer] = []
    for number, (direction, folder, size) in enumerate(kinds, start=1):
        drawn = size or _log_uniform(rng, MIN_SIZE, max_size)
        plan.append(
            _folder(number, direction, drawn, rng) if folder else _single(number, direction, drawn, rng)
        )
    # A transfer's share of the strikes grows with its size: it runs longer.
    weights = [1 + transfer.size / (8 * MIB) for transfer in plan]
    strikes = [Strike(Action.KILL_CLIENT)] * client_kills + [
        Strike(Action.RESTART_SERVICE)
    ] * service_restarts
    for strike in strikes:
        rng.choices(plan, weights)[0].strikes.append(strike)
    for transfer in plan:
        rng.shuffle(transfer.strikes)
    return plan


def expected_tree(transfer: Transfer) -> dict[str, int | None]:
    """Every path below the transfer's folder: folders map to None, files to their size."""
    tree: dict[str, int | None] = dict.fromkeys(transfer.folders)
    tree.update((file.path, file.size) for file in transfer.files)
    return tree
