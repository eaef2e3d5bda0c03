"""The transfer queue: runs jobs from the journal with a concurrency limit, retries, and events.

Jobs survive a crash: the journal holds them, and `start()` puts interrupted ones back in the
queue, where they resume from what their journal entry and partial file say is done.
Every account on the computer shares the journal; a manager runs only the jobs of the account it
is given (`set_account`), and leaves the others queued for when that account is used.
Events are delivered on the engine's worker threads; a UI marshals them onto its own thread.

How many jobs run at once is measured like a file's streams (adaptive.py), on files finished per
second: many small files far away go many at a time, within a budget of `MAX_IN_FLIGHT` requests
in flight that every job and each extra stream of a job draws from. `apply(preferences)` changes
limits and counts while jobs run. Jobs queued by one user action share a `Batch`; when its last
job ends, batch listeners hear of it once (a notification: "42 files uploaded to Photos").
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import requests

from app.accounts.model import Account
from app.api import ApiError, StorageClient
from app.preferences import Preferences
from app.transfers.adaptive import Ramp
from app.transfers.bandwidth import RateLimiter
from app.transfers.context import AUTO, Settings, Slots, Stopped, TransferContext, TransferError
from app.transfers.download import remove_partial, run_download
from app.transfers.journal import Batch, Job, Journal, Kind, State
from app.transfers.progress import Progress, ProgressMeter
from app.transfers.upload import run_upload

log = logging.getLogger(__name__)

ARCHIVED_RETRY_SECONDS = 60.0
FILES_PER_WINDOW = 2
"""A window of the jobs' ramp counts once at least this many files per running job finished in it."""
JOBS_WINDOW_SECONDS = 0.3


def default_journal_path() -> Path:
    """The journal in the user's data folder."""
    return Path(platformdirs.user_data_dir("dentry")) / "transfers.sqlite3"


@dataclass(frozen=True, slots=True)
class JobEvent:
    """A job changed state or made progress; `message` is a note for the user, if any."""

    job: Job
    progress: Progress
    message: str | None = None


Listener = Callable[[JobEvent], None]
BatchListener = Callable[[Batch], None]


@dataclass(slots=True)
class _Run:
    """Bookkeeping of a job while a worker runs it."""

    stop: threading.Event
    meter: ProgressMeter
    client: StorageClient | None  # None: asked of the transitional `clients` when the run starts
    then: State = State.QUEUED  # the state to go to when stopped (paused, cancelled, queued)
    ctx: TransferContext | None = None


class TransferManager:
    """A persistent queue of downloads and uploads of one account."""

    def __init__(
        self,
        journal: Journal,
        clients: Callable[[str], StorageClient] | None = None,
        settings: Settings | None = None,
        *,
        account: Account | None = None,
        client: StorageClient | None = None,
        retry_base: float = 1.0,
        retry_cap: float = 30.0,
    ) -> None:
        """A queue on `journal` that runs the jobs of `account` with `client` (see `set_account`).

        `clients` is the window's transitional way until it gives its account with `set_account`:
        with no account given, jobs recorded without an account key run with `clients(job.account)`.
        """
        self.journal = journal
        self.settings = settings or Settings()
        self.download_limit = RateLimiter()
        self.upload_limit = RateLimiter()
        self.slots = Slots(self.settings.max_in_flight)
        """The budget of requests in flight: a running job holds one, each extra stream another."""
        self.jobs_ramp = Ramp(
            self.settings.max_in_flight,
            forced=self.settings.concurrency or None,
            window=JOBS_WINDOW_SECONDS,
            min_work=FILES_PER_WINDOW,
            name="jobs at once",
        )
        """How many jobs run at once (measured on files finished per second, or forced)."""
        self._files_ended = 0
        self._clients = clients
        self._account, self._client = account, client
        self._retry_base, self._retry_cap = retry_base, retry_cap
        self._listeners: list[Listener] = []
        self._batch_listeners: list[BatchListener] = []
        self._cond = threading.Condition()
        self._running: dict[int, _Run] = {}
        self._not_before: dict[int, float] = {}
        # Jobs this manager saw end, so `wait` need not ask the journal about every job each time
        # one ends (that was quadratic in the number of files of a big folder).
        self._ended: set[int] = set()
        self._threads: list[threading.Thread] = []
        self._closing = False

    # --- lifecycle ----------------------------------------------------------------------------

    def start(self) -> None:
        """Resume what an earlier run of this account left unfinished and start the workers."""
        self.journal.recover(self.account_key)
        with self._cond:
            self._add_workers(self.jobs_ramp.limit)

    def _add_workers(self, count: int) -> None:
        """Have `count` worker threads (more are started as the jobs' ramp allows more jobs)."""
        while len(self._threads) < count and not self._closing:
            thread = threading.Thread(target=self._work, name=f"transfer-{len(self._threads)}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop the workers; running jobs go back to the queue for the next start."""
        with self._cond:
            self._closing = True
            for run in self._running.values():
                run.then = State.QUEUED
                run.stop.set()
            self._cond.notify_all()
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()

    @property
    def account(self) -> Account | None:
        """The account whose jobs run here, if one was given."""
        return self._account

    @property
    def account_key(self) -> str | None:
        """Its `Account.key`; None while none was given (then only jobs recorded without a key run)."""
        return None if self._account is None else self._account.key

    def set_account(
        self, account: Account | None, client: StorageClient | None, timeout: float = 10.0
    ) -> None:
        """Run the jobs of `account` with `client` from now on; None runs none (signed out).

        Jobs of the account before that are running stop and go back to the queue, their partial
        bytes and parts kept, to continue when that account is set again. Waits up to `timeout`
        seconds for them to stop (0: not at all), so that the caller may close the old client.
        """
        if account is not None and client is None:
            raise ValueError("an account needs its client")
        with self._cond:
            stopped = set(self._running)
            for run in self._running.values():
                run.then = State.QUEUED
                run.stop.set()
            self._account, self._client = account, client
            self._not_before.clear()
            if self._threads:
                self.journal.recover(self.account_key)
            self._cond.notify_all()
            deadline = time.monotonic() + timeout
            while stopped & set(self._running) and (left := deadline - time.monotonic()) > 0:
                self._cond.wait(left)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` for every event (on a worker thread); returns an unsubscribe function."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def subscribe_batches(self, listener: BatchListener) -> Callable[[], None]:
        """Call `listener` with a batch each time its last unfinished job ends (on a worker thread).

        The batch carries its counts (done, failed, cancelled, bytes): one notification per user
        action. A batch whose failed jobs are retried and end again is announced again.
        """
        self._batch_listeners.append(listener)
        return lambda: self._batch_listeners.remove(listener)

    def new_batch(self, kind: Kind, label: str) -> Batch:
        """A batch for the jobs of one user action (give its id to `add_download`/`add_upload`).

        `label` says what it is about, e.g. the name of the folder uploaded into.
        """
        return self.journal.add_batch(kind, label, self.account_key)

    def apply(self, preferences: Preferences) -> None:
        """Use new preferences now: bandwidth limits at once, stream and job counts at their next decision.

        A job given its own stream count (``--segments N``) keeps it.
        """
        self.download_limit.rate = preferences.download_limit
        self.upload_limit.rate = preferences.upload_limit
        self.settings.segments = preferences.streams_per_file or AUTO
        self.settings.concurrency = preferences.parallel_transfers or AUTO
        self.jobs_ramp.force(preferences.parallel_transfers)
        with self._cond:
            for run in self._running.values():
                if run.ctx is not None:
                    for ramp in run.ctx.ramps:
                        ramp.force(run.ctx.job.segments or preferences.streams_per_file)
            self._cond.notify_all()

    # --- adding jobs --------------------------------------------------------------------------

    def add_download(
        self,
        account: str,
        space_id: str,
        dentry_id: str,
        name: str,
        target: Path,
        *,
        conflict: str = "rename",
        segments: int | None = None,
        version: int | None = None,
        size: int | None = None,
        batch: str | None = None,
        pinned: bool = False,
    ) -> Job:
        """Queue a download, or resume the unfinished one of the same file to the same target.

        `account` is the name of the account the job is for: the manager's own (see `_check_account`).
        `segments` forces the streams of this file (None or `AUTO`: the settings', else measured).
        `version` and `size`, when the caller has just listed the file, spare the job a GetDentry
        it would otherwise make before it starts; it fetches that version. With `pinned` it
        fetches that version (an older one, listed by ListDentryVersions with its size) whatever
        becomes of the file meanwhile, instead of starting over when a newer version appears.
        `batch`: see `new_batch`.
        """
        self._check_account(account)
        if pinned and (version is None or size is None):
            raise ValueError("a download of one version needs its version number and size")
        target = target.absolute()
        existing = self._find_unfinished(Kind.DOWNLOAD, space_id, dentry_id, target)
        # (An unfinished download of another version to the same target is not this one.)
        if existing is not None and (existing.pinned, existing.pinned and existing.version) == (
            pinned,
            pinned and version,
        ):
            return self._requeue(
                existing,
                conflict=conflict,
                segments=existing.segments if segments is None else segments,
                batch=batch or existing.batch,
            )
        listed = {"version": version, "size": size} if version is not None and size is not None else {}
        if pinned:
            listed["pinned"] = True
        job = self.journal.add(
            Kind.DOWNLOAD,
            account=account,
            account_key=self.account_key,
            space_id=space_id,
            remote_id=dentry_id,
            remote_name=name,
            local_path=str(target),
            conflict=conflict,
            segments=segments or AUTO,
            batch=batch,
            **listed,
        )
        self._changed(job)
        return job

    def add_upload(
        self,
        account: str,
        space_id: str,
        parent_id: str,
        source: Path,
        name: str,
        *,
        conflict: str = "rename",
        segments: int | None = None,
        batch: str | None = None,
    ) -> Job:
        """Queue an upload of `source` as `name` into a folder, or resume the unfinished same one.

        `segments` forces the parts in flight of a large file; `batch`: see `new_batch`.
        """
        self._check_account(account)
        source = source.absolute()
        existing = self._find_unfinished(Kind.UPLOAD, space_id, parent_id, source)
        if existing is not None and existing.remote_name == name:
            return self._requeue(
                existing,
                conflict=conflict,
                segments=existing.segments if segments is None else segments,
                batch=batch or existing.batch,
            )
        job = self.journal.add(
            Kind.UPLOAD,
            account=account,
            account_key=self.account_key,
            space_id=space_id,
            remote_id=parent_id,
            remote_name=name,
            local_path=str(source),
            conflict=conflict,
            segments=segments or AUTO,
            batch=batch,
        )
        self._changed(job)
        return job

    def _check_account(self, account: str) -> None:
        """A job is queued only for the manager's own account (a window that switched meanwhile)."""
        if self._account is not None and account != self._account.name:
            raise ValueError(f"this queue runs the jobs of {self._account.name}, not of {account}")

    def _find_unfinished(self, kind: Kind, space_id: str, remote_id: str, local: Path) -> Job | None:
        """This account's unfinished job moving the same bytes, to continue it.

        A job recorded before journals had account keys is continued only when the same transfer
        is asked for again under an account of the name it recorded; it then gets that account's key.
        """
        key = self.account_key
        found = self.journal.find_unfinished(key, kind, space_id, remote_id, str(local))
        if found is None and key is not None and self._account is not None:
            unkeyed = self.journal.find_unfinished(None, kind, space_id, remote_id, str(local))
            if unkeyed is not None and unkeyed.account == self._account.name:
                # Left running or committing by a program that ended: nothing runs it now.
                stale = unkeyed.state in (State.RUNNING, State.COMMITTING)
                self.journal.update(
                    unkeyed.id, account_key=key, state=State.QUEUED if stale else unkeyed.state
                )
                found = self.journal.get(unkeyed.id)
        return found

    def owns(self, job: Job) -> bool:
        """Whether `job` is one of this manager's account (the only ones it runs or changes)."""
        if self._account is None:
            return self._clients is not None and job.account_key is None
        return job.account_key == self._account.key

    def _requeue(self, job: Job, **choices: object) -> Job:
        """Run an unfinished job again, with the choices of the new request (e.g. its conflict policy)."""
        with self._cond:
            if job.id in self._running:
                return job
            requeue = job.state in (State.FAILED, State.PAUSED)
            values = (
                {"state": State.QUEUED, "error": None, "error_code": None, "attempts": 0} if requeue else {}
            )
            self.journal.update(job.id, **values, **choices)
            self._ended.discard(job.id)
            self._not_before.pop(job.id, None)
            self._cond.notify_all()
        job = self.journal.get(job.id)
        if requeue:
            self._changed(job, "Continuing where it stopped")
        return job

    # --- control ------------------------------------------------------------------------------

    def pause(self, job_id: int) -> None:
        """Pause a queued or running job; its partial bytes are kept."""
        self._stop_or_set(job_id, State.PAUSED, from_states=(State.QUEUED,))

    def cancel(self, job_id: int) -> None:
        """Cancel a job and drop its partial bytes."""
        self._stop_or_set(job_id, State.CANCELLED, from_states=(State.QUEUED, State.PAUSED, State.FAILED))

    def resume(self, job_id: int) -> None:
        """Put a paused job back in the queue."""
        self._set_if(job_id, State.QUEUED, from_states=(State.PAUSED,))

    def retry(self, job_id: int) -> None:
        """Put a failed or cancelled job back in the queue, with a fresh count of attempts."""
        self._set_if(
            job_id,
            State.QUEUED,
            from_states=(State.FAILED, State.CANCELLED),
            attempts=0,
            error=None,
            error_code=None,
        )

    def pause_all(self) -> None:
        """Pause every unfinished job of this account."""
        for job in self.journal.jobs(unfinished=True):
            if self.owns(job):
                self.pause(job.id)

    def resume_all(self) -> None:
        """Resume every paused job of this account."""
        for job in self.journal.jobs(unfinished=True):
            if self.owns(job):
                self.resume(job.id)

    def _stop_or_set(self, job_id: int, state: State, from_states: tuple[State, ...]) -> None:
        with self._cond:
            run = self._running.get(job_id)
            if run is not None:
                run.then = state
                run.stop.set()
                return
        self._set_if(job_id, state, from_states)

    def _set_if(self, job_id: int, state: State, from_states: tuple[State, ...], **values: object) -> None:
        with self._cond:
            job = self.journal.get(job_id)
            if job.state not in from_states or job_id in self._running or not self.owns(job):
                return
            self.journal.update(job_id, state=state, **values)
            self._note_state(job_id, state)
            self._not_before.pop(job_id, None)
            self._cond.notify_all()
        if state == State.CANCELLED:
            self._discard_partial(job)
        self._changed(self.journal.get(job_id))

    # --- reading ------------------------------------------------------------------------------

    def jobs(self) -> list[Job]:
        """Every job of this account in the journal, oldest first."""
        return [job for job in self.journal.jobs() if self.owns(job)]

    def other_jobs(self) -> list[Job]:
        """Unfinished jobs of other accounts, oldest first: they wait for their account to be used.

        Each names its account (`Job.account`), to show beside this account's jobs, greyed; a job
        recorded before journals had account keys has `account_key` None.
        """
        return [job for job in self.journal.jobs(unfinished=True) if not self.owns(job)]

    def progress(self, job: Job) -> Progress:
        """The job's progress now."""
        with self._cond:
            run = self._running.get(job.id)
        if run is not None:
            return run.meter.snapshot()
        total = job.size
        return Progress(job.size or 0 if job.state == State.DONE else job.bytes_done, total, None, None)

    def wait(self, job_ids: list[int], timeout: float | None = None) -> bool:
        """Block until these jobs are done, failed or cancelled; False on timeout."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._cond:
            waiting = self.journal.unfinished_ids(job_ids)
            while True:
                waiting -= self._ended
                if not waiting:
                    return True
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    return False
                if not self._cond.wait(0.5 if left is None else min(0.5, left)):
                    # Quiet for a while: ask the journal (another process may share it).
                    waiting = self.journal.unfinished_ids(sorted(waiting))

    def _note_state(self, job_id: int, state: State) -> None:
        """Remember which jobs ended (call with `_cond` held)."""
        if state.finished:
            self._ended.add(job_id)
        else:
            self._ended.discard(job_id)

    # --- running ------------------------------------------------------------------------------

    def _next(self) -> Job | None:
        with self._cond:
            while not self._closing:
                now = time.monotonic()
                runs = self._account is not None or self._clients is not None
                limit = self.jobs_ramp.limit
                # Among the first k+n queued jobs at most k wait for a retry: n are ready, if any.
                queued = (
                    self.journal.queued_ids(self.account_key, len(self._not_before) + limit) if runs else []
                )
                ready = [
                    job_id
                    for job_id in queued
                    if self._not_before.get(job_id, 0.0) <= now and job_id not in self._running
                ]
                # Jobs count as at work for the ramp while there are enough to run `limit` of them.
                active = min(limit, len(self._running) + len(ready))
                limit = self.jobs_ramp.observe(now, self._files_ended, active)
                self._add_workers(limit)
                # The slot taken here is given back when the job's run ends (`_work`).
                if ready and len(self._running) < limit and self.slots.try_acquire():
                    job_id = ready[0]
                    self._not_before.pop(job_id, None)
                    job = self.journal.get(job_id)
                    self._running[job_id] = _Run(
                        threading.Event(), ProgressMeter(job.size, job.bytes_done), self._client
                    )
                    started = time.time()
                    self.journal.update(
                        job_id, state=State.RUNNING, started=started, started_bytes=job.bytes_done
                    )
                    job.state, job.started, job.started_bytes = State.RUNNING, started, job.bytes_done
                    return job
                waits = [t - now for t in self._not_before.values() if t > now]
                self._cond.wait(min([1.0, *waits]))
            return None

    def _work(self) -> None:
        while (job := self._next()) is not None:
            try:
                self._changed(job)
                self._run(job)
            finally:
                self.slots.release()
                with self._cond:
                    self._cond.notify_all()

    def _run(self, job: Job) -> None:
        run = self._running[job.id]
        client = run.client
        if client is None:
            assert self._clients is not None  # the window's transitional way (see __init__)
            client = self._clients(job.account)
        ctx = TransferContext(
            job=job,
            client=client,
            journal=self.journal,
            settings=self.settings,
            limiter=self.download_limit if job.kind == Kind.DOWNLOAD else self.upload_limit,
            meter=run.meter,
            stop=run.stop,
            report=lambda: self._emit(self.journal.get(job.id), run.meter.snapshot()),
            say=lambda message: self._emit(self.journal.get(job.id), run.meter.snapshot(), message),
            slots=self.slots,
        )
        run.ctx = ctx
        before = job.bytes_done
        outcome: dict[str, object] = {}
        try:
            result = run_download(ctx) if job.kind == Kind.DOWNLOAD else run_upload(ctx)
            outcome = {"state": State.DONE, "result": result, "error": None, "error_code": None}
        except Stopped:
            outcome = {"state": run.then}
        except Exception as error:  # every failure becomes a state with a reason, never a dead worker
            if run.stop.is_set():  # stopped (e.g. its account was switched away), whatever it then met
                outcome = {"state": run.then}
            else:
                # Only progress that is kept (on disk, or parts the service has) counts as progress.
                progressed = self.journal.get(job.id).bytes_done > before
                outcome = self._failure(job, error, progressed=progressed)
        with self._cond:
            self.journal.update(job.id, **outcome)
            ended = outcome["state"]
            assert isinstance(ended, State)
            self._note_state(job.id, ended)
            if ended == State.DONE:
                self._files_ended += 1  # (sampled by the ramp when a worker looks for the next job)
        if outcome.get("state") == State.CANCELLED:
            self._discard_partial(job)
        self._emit(self.journal.get(job.id), run.meter.snapshot())
        with self._cond:  # only now, so that its last event comes before the next job's first
            self._running.pop(job.id, None)
            self._cond.notify_all()
        if ended.finished and job.batch is not None:
            self._batch_maybe_finished(job.batch)

    def _batch_maybe_finished(self, batch_id: str) -> None:
        """Tell batch listeners when the batch's last unfinished job just ended."""
        if not self._batch_listeners:
            return
        batch = self.journal.batch(batch_id)
        if not batch.finished:
            return
        for listener in list(self._batch_listeners):
            try:
                listener(batch)
            except Exception:  # a listener's bug must not stop transfers
                log.exception("batch listener failed")

    def _failure(self, job: Job, error: Exception, *, progressed: bool) -> dict[str, object]:
        retryable, reason, delay, code = False, str(error), None, None
        if isinstance(error, ApiError):
            reason, code = error.sentence, error.code
            retryable = error.retryable or error.try_later
            delay = ARCHIVED_RETRY_SECONDS if error.try_later else None
        elif isinstance(error, TransferError):
            retryable, code = error.retryable, error.code
        elif isinstance(error, requests.RequestException):
            retryable, reason = True, f"The connection was lost ({type(error).__name__})"
        elif isinstance(error, OSError):
            reason = f"{error.strerror or error} ({error.filename or job.local_path})"
        else:
            log.exception("transfer %s failed unexpectedly", job.id)
            reason = f"Unexpected error: {type(error).__name__}: {error}"
        # An attempt that moved bytes is not held against the job: only stuck retries are.
        attempts = 1 if progressed else job.attempts + 1
        if retryable and attempts < self.settings.max_attempts and not self._closing:
            if delay is None:
                delay = random.uniform(0, min(self._retry_cap, self._retry_base * 2 ** (attempts - 1)))
            self._not_before[job.id] = time.monotonic() + delay
            log.info("transfer %s: %s; retry %d in %.1fs", job.id, reason, attempts, delay)
            return {"state": State.QUEUED, "attempts": attempts, "note": f"{reason}; retrying"}
        return {"state": State.FAILED, "attempts": attempts, "error": reason, "error_code": code}

    def _discard_partial(self, job: Job) -> None:
        partial = self.journal.get(job.id).partial  # only the file the journal says is this job's
        if partial is not None:
            remove_partial(partial)
        self.journal.set_parts(job.id, [])
        self.journal.update(job.id, bytes_done=0, upload_key=None, etag=None, partial=None)

    def _changed(self, job: Job, message: str | None = None) -> None:
        if job.state == State.QUEUED:
            with self._cond:
                self._cond.notify_all()  # wake an idle worker now, not at its next poll
        self._emit(job, self.progress(job), message)

    def _emit(self, job: Job, progress: Progress, message: str | None = None) -> None:
        event = JobEvent(job, progress, message)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # a listener's bug must not stop transfers
                log.exception("transfer listener failed")
