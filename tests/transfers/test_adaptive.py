"""The ramp that decides how many streams, parts or files run at once, fed synthetic samples."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest

from app.transfers.adaptive import Phase, Ramp

STEP = 0.01  # seconds between samples


def drive(
    ramp: Ramp, rate_of: Callable[[int], float], seconds: float, later: Callable[[int], float] | None = None
) -> list[int]:
    """Feed `seconds` of samples where `n` active workers move `rate_of(n)` per second; the limits seen.

    With `later`, the link changes half-way to one that moves `later(n)`.
    """
    now, done, limits = 0.0, 0.0, []
    limit = ramp.limit
    while now < seconds:
        now += STEP
        rate = rate_of if later is None or now < seconds / 2 else later
        done += rate(limit) * STEP
        limit = ramp.observe(now, done, limit)
        limits.append(limit)
    return limits


def per_connection(each: float, total: float = float("inf")) -> Callable[[int], float]:
    """A link where each connection is throttled to `each`, and all together to `total`."""
    return lambda n: min(n * each, total)


def test_one_stream_when_more_do_not_help() -> None:
    ramp = Ramp(8)
    limits = drive(ramp, lambda _n: 1000.0, 5)
    assert limits[0] == 1
    assert max(limits) == 2  # one probe of a second stream …
    assert ramp.limit == 1  # … undone, and it holds at one
    assert ramp.phase == Phase.HOLDING
    # A probe now and then (every REPROBE_SECONDS), each lasting one window.
    probes = [run for run in "".join(str(limit) for limit in limits).split("1") if run]
    assert 1 <= len(probes) <= 3
    assert all(len(run) * STEP <= 0.15 for run in probes)


def test_doubles_to_the_cap_where_each_connection_is_throttled() -> None:
    ramp = Ramp(8)
    limits = drive(ramp, per_connection(20e6), 2)
    assert [d.count for d in ramp.decisions[:4]] == [1, 2, 4, 8]
    assert ramp.limit == 8
    assert limits.index(8) * STEP < 1.0  # 1 → 2 → 4 → 8 within a second


def test_the_cap_is_never_exceeded() -> None:
    ramp = Ramp(5)
    limits = drive(ramp, per_connection(1e6), 3)
    assert max(limits) == 5
    assert ramp.limit == 5


def test_a_failed_doubling_steps_back_and_then_adds_one_at_a_time() -> None:
    """A link that carries 5 connections' worth: 1, 2, 4 pay; 8 does not; 5 pays; 6 does not."""
    ramp = Ramp(8)
    drive(ramp, per_connection(10e6, total=50e6), 3)
    assert [d.count for d in ramp.decisions[:6]] == [1, 2, 4, 8, 5, 6]
    assert ramp.limit == 5
    assert ramp.phase == Phase.HOLDING


def test_a_gain_below_the_meaningful_share_is_not_taken() -> None:
    """Two streams that bring +30 % (under half of the ideal +100 %) are not kept."""
    ramp = Ramp(8)
    drive(ramp, lambda n: 100.0 if n == 1 else 130.0, 2)
    assert ramp.limit == 1


def test_a_window_starts_only_when_every_worker_is_active() -> None:
    ramp = Ramp(8)
    assert ramp.observe(0.0, 0, 1) == 1
    assert ramp.observe(0.3, 300, 1) == 2  # one window at one stream: try two
    # The second stream takes a while to get going: nothing is decided meanwhile.
    for step in range(1, 100):
        assert ramp.observe(0.3 + step * 0.01, 300 + step * 10, 1) == 2
    assert len(ramp.decisions) == 1


def test_no_decision_on_too_little_work() -> None:
    ramp = Ramp(8, min_work=1000)
    ramp.observe(0.0, 0, 1)
    assert ramp.observe(5.0, 10, 1) == 1
    assert ramp.decisions == []


def test_holding_tries_more_now_and_then_and_keeps_them_when_the_link_got_better() -> None:
    ramp = Ramp(8, reprobe=1.0)
    # 3 s of a link where one stream is best, then one where each connection is throttled.
    limits = drive(ramp, lambda _n: 1000.0, 6, later=per_connection(500.0))
    first_half = limits[: len(limits) // 2]
    assert first_half[-1] == 1
    assert first_half.count(2) * STEP < 3 * 0.25  # probes at about 0, 1 and 2 s, one window each
    assert ramp.limit >= 3


def test_forced_count_bypasses_measuring_and_configure_applies_live() -> None:
    ramp = Ramp(8, forced=4)
    assert drive(ramp, lambda _n: 1.0, 1) == [4] * 100
    assert ramp.decisions == []
    ramp.force(12)
    assert ramp.limit == 8  # still capped
    ramp.set_cap(3)
    assert ramp.limit == 3
    ramp.force(None)
    ramp.set_cap(8)
    assert ramp.limit == 1  # adapting again, from where it was


@pytest.mark.parametrize("cap", [1, 2])
def test_small_caps(cap: int) -> None:
    ramp = Ramp(cap)
    limits = drive(ramp, per_connection(1e6), 2)
    assert max(limits) == cap
    assert ramp.phase == Phase.HOLDING


def test_no_more_workers_for_a_rest_shorter_than_the_horizon() -> None:
    """A fast link about to finish: a probe could not win its window back."""
    ramp = Ramp(8)
    now, done = 0.0, 0.0
    for _ in range(100):
        now += STEP
        done += 1e9 * STEP
        assert ramp.observe(now, done, 1, left=5e8 - done) == 1  # half a second's worth at most
    assert ramp.phase == Phase.HOLDING
    far = Ramp(8)
    now, done, limits = 0.0, 0.0, []
    for _ in range(30):
        now += STEP
        done += 1e9 * STEP
        limits.append(far.observe(now, done, far.limit, left=1e10))
    assert 2 in limits  # ten seconds left: worth a probe


def test_every_decision_is_in_the_log_of_a_verbose_run(caplog: pytest.LogCaptureFixture) -> None:
    """`dentry-cli -v` shows why a transfer used as many streams as it did."""
    ramp = Ramp(8, name="streams of job 7")
    with caplog.at_level(logging.DEBUG, logger="app.transfers.adaptive"):
        drive(ramp, per_connection(20e6), 0.5)
    lines = [record.getMessage() for record in caplog.records]
    assert lines[:3] == [
        "streams of job 7: 1 at 2e+07/s, next 2 (doubling)",
        "streams of job 7: 2 at 4e+07/s, next 4 (doubling)",
        "streams of job 7: 4 at 8e+07/s, next 8 (doubling)",
    ]
