"""Pure parts of the transport: batching, path segments, backoff delays (no service needed)."""

from __future__ import annotations

import pytest

from app.api.transport import MAX_BATCH, RetryPolicy, chunks, segment


def test_chunks_split_75_ids_into_batches_of_at_most_30() -> None:
    ids = [str(n) for n in range(75)]

    batches = list(chunks(ids))

    assert [len(batch) for batch in batches] == [30, 30, 15]
    assert [dentry_id for batch in batches for dentry_id in batch] == ids
    assert MAX_BATCH == 30


def test_chunks_of_an_exact_multiple_leave_no_empty_batch() -> None:
    assert [len(batch) for batch in chunks(map(str, range(60)))] == [30, 30]


def test_chunks_of_nothing_are_nothing() -> None:
    assert list(chunks([])) == []


def test_chunks_take_any_iterable_and_size() -> None:
    assert list(chunks((str(n) for n in range(5)), size=2)) == [["0", "1"], ["2", "3"], ["4"]]


@pytest.mark.parametrize(
    ("value", "encoded"),
    [
        ("1234", "1234"),
        ("a/b", "a%2Fb"),
        ("id x/é", "id%20x%2F%C3%A9"),
        ("a+b=c&d?e#f", "a%2Bb%3Dc%26d%3Fe%23f"),
        ("100%", "100%25"),
    ],
)
def test_segment_percent_encodes_everything_but_unreserved_characters(value: str, encoded: str) -> None:
    assert segment(value) == encoded


@pytest.mark.parametrize("value", [".", ".."])
def test_segment_never_yields_a_dot_segment(value: str) -> None:
    assert segment(value) not in {".", ".."}


def test_retry_delays_grow_exponentially_within_the_cap() -> None:
    policy = RetryPolicy(attempts=6, base_delay=0.1, max_delay=0.5)

    for attempt, ceiling in [(1, 0.1), (2, 0.2), (3, 0.4), (4, 0.5), (10, 0.5)]:
        delays = [policy.delay(attempt) for _ in range(200)]
        assert all(0 <= delay <= ceiling for delay in delays), (attempt, max(delays))
        # Full jitter: spread over the whole range, not a fixed value.
        assert max(delays) > ceiling / 2


def test_retry_policy_defaults_are_bounded() -> None:
    policy = RetryPolicy()

    assert policy.attempts >= 2
    assert policy.delay(100) <= policy.max_delay
