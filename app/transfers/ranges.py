"""The byte ranges of a large download and which stream fetches which (work stealing), kept in the journal.

A download starts as one range, the whole file. A stream takes a range nobody fetches; when
there is none, it takes the second half of what is left of the largest range another stream is
fetching (that stream stops where the half begins). A stream asks for its range a span at a time
(a fraction of a second's worth of bytes at its rate), and a split never falls inside the span
being fetched: no answer is cut short, so every connection stays alive for the next request.
Every range is a part in the journal (start, length, bytes done from its start): a split
shortens one part and adds another in one transaction, and each stream records its part's
progress after the bytes are written, so a killed process resumes every range exactly where the
journal says, fetching again at most what arrived since a part's last checkpoint. A stream that
is told to stop (pause, fewer streams) records its progress and leaves its range to the others.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from app.transfers.journal import Journal, Part

ALIGN = 64 * 1024
"""Split points fall on multiples of this (whole pages for the disk, round numbers in logs)."""
CHECKPOINT_SECONDS = 0.05
"""A range's progress is recorded at most this often (a fast link would otherwise spend a tenth
of its time committing checkpoints)."""


@dataclass(slots=True)
class Range:
    """One part of the download as streams see it; `end` may shrink while a stream fetches it."""

    number: int
    start: int
    end: int
    """One past its last byte."""
    position: int
    """Bytes before it (from `start`) are written."""
    recorded: int
    """`position` as the journal has it."""
    owned: bool = False
    asked: int = 0
    """One past the last byte of the request in progress (`position` when none)."""
    recorded_at: float = 0.0

    @property
    def remaining(self) -> int:
        """Bytes still to fetch."""
        return max(0, self.end - self.position)


class RangeTable:
    """The ranges of one download run; thread-safe."""

    def __init__(
        self, journal: Journal, job_id: int, parts: list[Part], checkpoint_bytes: int, min_split: int
    ) -> None:
        """The ranges of `parts`; one is split only when both halves would hold `min_split` bytes."""
        self._journal = journal
        self._job_id = job_id
        self._checkpoint = checkpoint_bytes
        self._min_split = min_split
        self._lock = threading.Lock()
        self._ranges = [
            Range(
                part.number,
                part.start,
                part.start + part.length,
                part.start + part.done,
                part.start + part.done,
            )
            for part in parts
        ]
        self.moved = 0
        """Bytes fetched in this run."""

    @property
    def done(self) -> int:
        """Bytes written, in every range."""
        with self._lock:
            return self._done()

    def _done(self) -> int:
        return sum(min(r.position, r.end) - r.start for r in self._ranges)

    @property
    def complete(self) -> bool:
        """Whether every byte is written."""
        with self._lock:
            return all(r.remaining == 0 for r in self._ranges)

    def can_split(self) -> bool:
        """Whether a stream that asked now would get a range."""
        with self._lock:
            return any(not r.owned and r.remaining for r in self._ranges) or self._victim() is not None

    @staticmethod
    def _unasked(piece: Range) -> int:
        """Bytes of the range beyond the request in progress: what may be split off."""
        return piece.end - max(piece.asked, piece.position)

    def _victim(self) -> Range | None:
        owned = [r for r in self._ranges if r.owned and self._unasked(r) >= 2 * self._min_split]
        return max(owned, key=self._unasked, default=None)

    def take(self) -> Range | None:
        """A range for a stream: one nobody fetches, else half of the largest; None when none is left."""
        with self._lock:
            free = [r for r in self._ranges if not r.owned and r.remaining]
            if free:
                chosen = min(free, key=lambda r: r.position)
                chosen.owned = True
                return chosen
            victim = self._victim()
            if victim is None:
                return None
            split = max(victim.position + victim.remaining // 2, victim.asked)
            split += -split % ALIGN
            taken = Range(
                max(r.number for r in self._ranges) + 1, split, victim.end, split, split, owned=True
            )
            victim.end = split
            self._journal.split_part(
                self._job_id,
                victim.number,
                victim.end - victim.start,
                Part(taken.number, taken.start, taken.end - taken.start, 0),
            )
            self._ranges.append(taken)
            return taken

    def ask(self, piece: Range, span: int) -> int:
        """Start a request for up to `span` bytes of the range; returns its end (exclusive)."""
        with self._lock:
            piece.asked = min(piece.end, piece.position + span)
            return piece.asked

    def accept(self, piece: Range, size: int) -> int:
        """How many of `size` bytes arriving at the range's position belong to it (its end may have moved)."""
        with self._lock:
            return max(0, min(size, piece.end - piece.position))

    def advance(self, piece: Range, size: int) -> None:
        """`size` more bytes of the range are written; records them in the journal every so often."""
        with self._lock:
            piece.position += size
            self.moved += size
            due = piece.position - piece.recorded >= self._checkpoint
            if piece.position >= piece.end or (
                due and time.monotonic() - piece.recorded_at >= CHECKPOINT_SECONDS
            ):
                self._record(piece)

    def release(self, piece: Range) -> None:
        """The stream stops fetching the range (done, stopped or failed): record it and let it go."""
        with self._lock:
            piece.owned = False
            if piece.position != piece.recorded:
                self._record(piece)

    def _record(self, piece: Range) -> None:
        piece.recorded = min(piece.position, piece.end)
        piece.recorded_at = time.monotonic()
        recorded = sum(min(r.recorded, r.end) - r.start for r in self._ranges)  # the job's total as recorded
        self._journal.part_done(self._job_id, piece.number, piece.recorded - piece.start, recorded)
