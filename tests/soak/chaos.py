"""The chaos soak, run by hand: ``python -m tests.soak.chaos --help``.

Mixed `dentry-cli put` and `get` runs (files and folders, 1 KiB to 200 MiB) go through a proxy
that cuts connections at random, to a local service whose signed URLs live a few seconds, while
the driver SIGKILLs the client at random moments and runs the same command again until it exits
0, and SIGKILLs the service and starts it again on the same port and data folder. At the end
every file is compared (SHA-256) on both sides, the journals and the folders are inspected, and
the figures are printed as a table for README.

Phases: set-up (the service on its own, the download sources put in with plain `requests`),
chaos (the service behind the proxy, signed URLs through the proxy too), checks (the service on
its own again, read without the proxy and without the engine).
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import dataclasses
import json
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from app.api import StorageClient
from app.cli.transfer_commands import byte_rate
from app.transfers.context import Settings
from tests.soak.checks import (
    CHECKS,
    Findings,
    Job,
    Lane,
    check_downloads,
    check_journal,
    check_logs,
    check_service,
    job_key,
)
from tests.soak.plan import Action, Direction, Moment, Strike, Transfer, make_plan, mib
from tests.soak.proxy import ChaosProxy, ProxyStats
from tests.support.local_service import start_service, stop_service
from tests.transfers.helpers import (
    MIB,
    ROOT,
    cli_command,
    cli_env,
    cli_journal,
    journal_rows,
    make_client,
    sha256_file,
    upload_path,
)

CLI_START_SECONDS = 0.25
"""About how long `dentry-cli` takes to start before it sends anything, here."""


@dataclass(slots=True)
class SoakConfig:
    """What to run; the defaults are those of issue 8."""

    transfers: int = 50
    client_kills: int = 100
    service_restarts: int = 20
    max_size: int = 200 * MIB
    seed: int = 1
    lanes: int = 2
    """Clients running side by side, each with its own home (accounts, journal)."""
    cut_rate: float = 0.2
    commit_loss_rate: float = 0.2
    url_ttl: int = 3
    cut_control: bool = True
    """Cut Open API connections too, not only signed-URL ones."""
    min_cut_after: int = 16
    """Fewest bytes a cut connection carries (16: cuts inside HTTP headers too)."""
    throttle: int | None = 16 * MIB
    """Bytes per second per signed-URL connection, at the proxy (a fast office network rather than
    loopback): runs last long enough for strikes to land inside them and for URLs to expire."""
    max_failed_runs: int = 20
    """Runs in a row that end with an error (not killed) before a transfer is given up."""
    workdir: Path | None = None
    keep: bool = False


@dataclass(slots=True)
class Run:
    """One `dentry-cli` process."""

    transfer: str
    attempt: int
    exit_code: int
    killed: bool
    hung: bool
    seconds: float
    log: Path
    strikes: list[tuple[float, str]]
    """What the driver did while it ran, and when (seconds after its start)."""

    def last_words(self) -> str:
        """Its last error line (``dentry-cli: …``, or a traceback's last line)."""
        lines = self.log.read_text(errors="replace").splitlines()
        errors = [line for line in lines if line.startswith("dentry-cli:") or re.match(r"\w+Error\b", line)]
        return errors[-1] if errors else "(no error line)"


@dataclass(slots=True)
class Figures:
    """What the soak did, for README."""

    plan: list[Transfer]
    kills: int = 0
    restarts: int = 0
    restart_seconds: list[float] = field(default_factory=list)
    rebind_retries: int = 0
    runs: list[Run] = field(default_factory=list)
    proxy: ProxyStats = field(default_factory=ProxyStats)
    seconds: float = 0.0
    unfired: collections.Counter[str] = field(default_factory=collections.Counter)
    """Strikes that found no run to hit (the runs ended first)."""

    @property
    def payload(self) -> int:
        """Bytes of every file, once."""
        return sum(transfer.size for transfer in self.plan)

    def rows(self, config: SoakConfig) -> list[tuple[str, str]]:
        """The figures as (name, value) rows."""
        plan = self.plan
        uploads = sum(1 for transfer in plan if transfer.direction == Direction.UPLOAD)
        folders = sum(1 for transfer in plan if transfer.is_folder)
        files = sum(len(transfer.files) for transfer in plan)
        planned = collections.Counter(strike.action for transfer in plan for strike in transfer.strikes)
        failed = collections.Counter(run.exit_code for run in self.runs if not run.killed and run.exit_code)
        failed_text = ", ".join(f"{count} × exit {code}" for code, count in sorted(failed.items())) or "none"
        moved, payload = self.proxy.data_bytes, self.payload
        resent = moved - payload
        stats = self.proxy
        downtime = (
            f"{sum(self.restart_seconds) / len(self.restart_seconds):.1f} s on average, "
            f"{max(self.restart_seconds):.1f} s at most"
            if self.restart_seconds
            else "-"
        )
        rows = [
            (
                "transfers",
                f"{len(plan)}: {uploads} uploads, {len(plan) - uploads} downloads, {folders} of them "
                f"folders; {files} files, {mib(min(file.size for t in plan for file in t.files))} "
                f"to {mib(max(file.size for t in plan for file in t.files))}",
            ),
            ("payload", f"{payload / MIB:,.1f} MiB"),
            ("client kills (SIGKILL)", f"{self.kills} (of {planned[Action.KILL_CLIENT]} planned)"),
            (
                "service restarts (SIGKILL, same port and data)",
                f"{self.restarts} (of {planned[Action.RESTART_SERVICE]} planned); down {downtime}; "
                f"{self.rebind_retries} starts found the port still taken",
            ),
            (
                "dentry-cli runs",
                f"{len(self.runs)}; ended with an error without a kill (then run again): {failed_text}",
            ),
            (
                "connections cut by the proxy",
                f"{stats.cuts} of {stats.connections} (share {config.cut_rate:g}): "
                f"{stats.cut_requests} mid-request, {stats.cut_answers} mid-answer, "
                f"{stats.lost_answers} answers lost, {stats.lost_commits} commit answers lost "
                f"(share {config.commit_loss_rate:g}), {stats.aimed_cuts} signed-URL connections cut "
                f"on purpose; {stats.refused} refused while the service was down",
            ),
            (
                "signed URLs",
                f"valid {config.url_ttl} s; "
                + (f"{config.throttle / MIB:g} MiB/s per connection" if config.throttle else "no throttle"),
            ),
            ("bytes moved (signed URLs, through the proxy)", f"{moved / MIB:,.1f} MiB"),
            (
                "bytes re-sent / total",
                f"{resent / MIB:,.1f} MiB / {payload / MIB:,.1f} MiB = {resent / payload:.1%}",
            ),
            ("Open API calls' bytes", f"{stats.control_bytes / MIB:,.1f} MiB"),
            (
                "duration (transfers and strikes)",
                f"{self.seconds / 60:.1f} min, "
                + (f"{config.lanes} clients side by side" if config.lanes > 1 else "one client at a time"),
            ),
        ]
        return rows


@dataclass(slots=True)
class SoakResult:
    """The figures and the findings of one soak."""

    config: SoakConfig
    figures: Figures
    findings: Findings
    workdir: Path

    def table(self) -> str:
        """The figures and the outcome as a Markdown table (for README)."""
        failed = [name for name, problems in self.findings.problems.items() if problems]
        outcome = (
            f"all {len(CHECKS)} passed"
            if not failed
            else f"{len(CHECKS) - len(failed)} of {len(CHECKS)} passed; failed: {', '.join(failed)}"
        )
        rows = [*self.figures.rows(self.config), ("checks", outcome)]
        return "\n".join(["| | |", "|---|---|", *(f"| {name} | {value} |" for name, value in rows)])

    def report(self) -> str:
        """Figures and checks, for a person (and the table for README)."""
        lines = [f"Chaos soak, seed {self.config.seed}", "", self.table(), ""]
        for name, description in CHECKS.items():
            problems = self.findings.problems[name]
            lines.append(f"{'PASS' if not problems else 'FAIL'}  {name}: {description}")
            lines.extend(f"        {problem}" for problem in problems)
        return "\n".join(lines)


def streams(transfer: Transfer) -> int:
    """Connections a transfer's biggest file may move over at once, with dentry-cli's defaults.

    The engine opens as many as pay, up to `max_streams`; behind the soak's per-connection
    throttle they pay, so the most is the estimate (a kill then comes early rather than never).
    """
    settings, size = Settings(), max(file.size for file in transfer.files)
    if transfer.direction == Direction.DOWNLOAD:
        threshold = settings.segment_threshold
    else:
        threshold = settings.multipart_threshold
    return settings.max_streams if size >= threshold else 1


def free_port() -> int:
    """A port nothing listens on now (the service keeps it across restarts)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Service:
    """The local service as a process, killed and started again on the same port and data folder."""

    def __init__(self, data_dir: Path, port: int, log: Path, *options: str) -> None:
        self.data_dir, self.port, self.log, self.options = data_dir, port, log, options
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[str] | None = None
        self.lock = threading.Lock()
        self.retries = 0  # starts that found the port still taken

    def start(self) -> float:
        """Start it; returns the seconds until it listened (it retries while the port is taken)."""
        started = time.monotonic()
        for _ in range(50):
            try:
                self.process, _url = start_service(
                    self.data_dir, "--port", str(self.port), *self.options, log=self.log
                )
                return time.monotonic() - started
            except RuntimeError:  # the port not free yet, say: the log shows why
                self.retries += 1
                time.sleep(0.2)
        raise RuntimeError(f"the local service did not start again on port {self.port}; see {self.log}")

    def kill_and_start(self) -> float:
        """SIGKILL it and start it again; returns the seconds it was away."""
        with self.lock:
            assert self.process is not None
            self.process.kill()
            self.process.wait()
            with self.log.open("a") as log:
                log.write(f"--- soak: SIGKILL at {time.strftime('%H:%M:%S')}, starting again\n")
            return self.start()

    def stop(self) -> None:
        """Stop it the ordinary way (SIGTERM)."""
        if self.process is not None:
            stop_service(self.process)
            self.process = None


class Soak:
    """One soak: set-up, chaos, checks."""

    def __init__(self, config: SoakConfig, plan: list[Transfer] | None = None) -> None:
        """`plan` replaces the seeded mix of `make_plan` (the CI variant names its own)."""
        self.config = config
        self.workdir = (config.workdir or Path(tempfile.mkdtemp(prefix="dentry-soak-"))).absolute()
        self.sources = self.workdir / "sources"
        self.logs = self.workdir / "logs"
        self.plan = plan or make_plan(
            config.transfers, config.max_size, config.client_kills, config.service_restarts, config.seed
        )
        self.figures = Figures(self.plan)
        self.findings = Findings()
        self.lanes = [
            Lane(n + 1, self.workdir / f"lane{n + 1}" / "home", self.workdir / f"lane{n + 1}" / "downloads")
            for n in range(config.lanes)
        ]
        self._queue = collections.deque(self.plan)  # lanes take the next transfer when free
        self.digests: dict[str, str] = {}  # "up/tNN/path" or "down/tNN/path" -> SHA-256
        self.space_id = ""
        self.port = free_port()
        self.proxy = ChaosProxy(
            self.port,
            cut_rate=config.cut_rate,
            commit_loss_rate=config.commit_loss_rate,
            min_cut_after=config.min_cut_after,
            cut_control=config.cut_control,
            throttle=config.throttle,
            seed=config.seed,
        )
        self.service: Service | None = None
        self._spare: list[Strike] = []  # strikes whose transfer ended first, for the next ones
        self._lock = threading.Lock()
        self._rate = float(config.throttle or 100 * MIB)  # bytes/s a run moves, learnt as it goes
        self._aim = 1.0  # share of a run's expected time in which strikes are aimed
        self._stopping = threading.Event()

    # --- phases ---------------------------------------------------------------------------------

    def run(self) -> SoakResult:
        """Set up, run the chaos, check; the work folder is removed if all passed (unless kept)."""
        for folder in (self.sources, self.logs, *(lane.downloads for lane in self.lanes)):
            folder.mkdir(parents=True, exist_ok=True)
        self.say(f"work folder {self.workdir}; {len(self.plan)} transfers, {mib(self.figures.payload)}")
        self.set_up()
        self.chaos()
        self.check()
        result = SoakResult(self.config, self.figures, self.findings, self.workdir)
        if result.findings.passed and not self.config.keep:
            shutil.rmtree(self.workdir, ignore_errors=True)
        return result

    def set_up(self) -> None:
        """Write the sources; put the download sources and every transfer's folder in the service."""
        with self.service_alone() as service:
            client = make_client(service.url)
            self.space_id = client.add_space("soak").id
            up = client.add_folder(self.space_id, "0", "up").id
            down = client.add_folder(self.space_id, "0", "down").id
            for transfer in self.plan:
                if transfer.direction == Direction.UPLOAD:
                    client.add_folder(self.space_id, up, transfer.name)
                    for file in transfer.files:
                        digest = file.write(self.sources / transfer.name)
                        self.digests[f"up/{transfer.name}/{file.path}"] = digest
                    for folder in transfer.folders:  # empty ones too
                        (self.sources / transfer.name / folder).mkdir(parents=True, exist_ok=True)
                else:
                    self.put_download_source(client, down, transfer)
            self.say(f"set up: space {self.space_id}")

    def put_download_source(self, client: StorageClient, down_id: str, transfer: Transfer) -> None:
        """Upload a download's files without the engine (it is what is under test), one at a time."""
        folder_ids = {"": client.add_folder(self.space_id, down_id, transfer.name).id}
        for folder in transfer.folders:  # parents come first
            parent, _, name = folder.rpartition("/")
            folder_ids[folder] = client.add_folder(self.space_id, folder_ids[parent], name).id
        scratch = self.workdir / "scratch"
        for file in transfer.files:
            parent, _, name = file.path.rpartition("/")
            self.digests[f"down/{transfer.name}/{file.path}"] = file.write(scratch)
            upload_path(client, self.space_id, scratch / file.path, name, parent_id=folder_ids[parent])
            (scratch / file.path).unlink()  # only one big file on disk at a time
        shutil.rmtree(scratch, ignore_errors=True)

    def chaos(self) -> None:
        """Run every transfer through the proxy, with the strikes, until each command exits 0."""
        config = self.config
        self.proxy.start()
        self.service = Service(
            self.workdir / "service",
            self.port,
            self.logs / "service.log",
            *("--public-url", self.proxy.url, "--url-ttl", str(config.url_ttl)),
        )
        self.service.start()
        self.say(f"chaos: proxy {self.proxy.url} -> service {self.service.url}")
        started = time.monotonic()
        try:
            with ThreadPoolExecutor(len(self.lanes), thread_name_prefix="lane") as pool:
                lanes = [pool.submit(self.run_lane, lane) for lane in self.lanes]
                try:
                    for lane in lanes:
                        lane.result()
                except BaseException:
                    self._stopping.set()  # the other lanes stop at their next step
                    raise
        finally:
            self.figures.seconds = time.monotonic() - started
            self.service.stop()
            self.proxy.stop()
            self.figures.proxy = self.proxy.stats
        self.figures.unfired.update(str(strike) for strike in self._spare)

    def check(self) -> None:
        """Everything `tests.soak.checks` looks at, with the service on its own (no proxy)."""
        jobs: dict[str, list[Job]] = {}
        for lane in self.lanes:
            jobs.update(check_journal(lane, self.sources, self.findings))
        with self.service_alone() as service:
            client = make_client(service.url)
            held = check_service(client, self.space_id, self.plan, self.digests, jobs, self.findings)
        for lane in self.lanes:
            check_downloads(lane, held, jobs, self.findings)
        for run in self.figures.runs:
            if run.hung:
                self.findings.add("runs_ended", f"{run.log.name} did not end within its time; killed")
        runs = sorted(self.logs.glob("t*-run*.log"))
        check_logs(runs, "client_clean", (), self.findings)
        check_logs([self.logs / "service.log"], "service_clean", (" ERROR ",), self.findings)

    @contextmanager
    def service_alone(self) -> Iterator[Service]:
        """The service without the proxy in front and without faults (set-up and checks)."""
        service = Service(self.workdir / "service", self.port, self.logs / "service.log")
        service.start()
        try:
            yield service
        finally:
            service.stop()

    # --- one client -----------------------------------------------------------------------------

    def run_lane(self, lane: Lane) -> None:
        """Take the next transfer and run it to its end, until none is left."""
        while not self._stopping.is_set():
            with self._lock:
                if not self._queue:
                    return
                transfer = self._queue.popleft()
                lane.transfers.append(transfer)
            self.run_transfer(lane, transfer)

    def command(self, lane: Lane, transfer: Transfer) -> list[str]:
        """The `dentry-cli` command line of a transfer, through the proxy."""
        upload = transfer.direction == Direction.UPLOAD
        remote = f"{self.space_id}:/{'up' if upload else 'down'}/{transfer.name}"
        if upload:
            source = self.sources / transfer.name / transfer.top
            return cli_command(self.proxy.url, "-v", "put", str(source), remote, "--json")
        target = lane.downloads / transfer.name
        target.mkdir(parents=True, exist_ok=True)
        return cli_command(self.proxy.url, "-v", "get", f"{remote}/{transfer.top}", f"{target}/", "--json")

    def run_transfer(self, lane: Lane, transfer: Transfer) -> None:
        """Run the command, striking at random moments; again after each kill or error, until it exits 0."""
        strikes = collections.deque(transfer.strikes)
        rng = random.Random(f"{self.config.seed}/{transfer.name}/moments")
        command = self.command(lane, transfer)
        failures = kills = restarts = 0
        attempt = 0
        while not self._stopping.is_set():
            attempt += 1
            log = self.logs / f"{transfer.name}-run{attempt:02d}.log"
            started, moved = time.monotonic(), self.proxy.stats.data_bytes
            with log.open("wb") as output:
                process = subprocess.Popen(
                    command, env=cli_env(lane.home), cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
                )
            killed = hung = False
            fired: list[tuple[float, str]] = []
            deadline = started + 300 + transfer.size / MIB
            while process.poll() is None:
                with self._lock:  # strikes that came too late for their own transfer
                    strikes.extend(self._spare)
                    self._spare.clear()
                if time.monotonic() > deadline:
                    process.kill()
                    process.wait()
                    hung = True
                    break
                if not strikes:  # look again for spare strikes in a moment
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        process.wait(timeout=0.1)
                    continue
                if not self.wait_for(strikes[0], process, lane, transfer, rng, moved, deadline):
                    break  # the run ended first: the strike waits for the next run
                strike = strikes.popleft()
                fired.append((round(time.monotonic() - started, 2), str(strike)))
                moved = self.proxy.stats.data_bytes
                if strike.action == Action.KILL_CLIENT:
                    process.send_signal(signal.SIGKILL)
                    process.wait()
                    killed = True
                    kills += 1
                    break
                if strike.action == Action.CUT_CONNECTIONS:
                    self.proxy.cut_signed_url_connections()
                    continue
                assert self.service is not None
                down = self.service.kill_and_start()
                restarts += 1
                with self._lock:
                    self.figures.restarts += 1
                    self.figures.restart_seconds.append(down)
                    self.figures.rebind_retries = self.service.retries
            seconds = time.monotonic() - started
            run = Run(transfer.name, attempt, process.returncode, killed, hung, round(seconds, 2), log, fired)
            with self._lock:
                self.figures.runs.append(run)
                self.figures.kills += killed
                with (self.logs / "runs.jsonl").open("a") as runs:
                    runs.write(json.dumps({**dataclasses.asdict(run), "log": log.name}) + "\n")
            if killed:
                self.look_for_partials(lane, transfer)
                continue
            if run.exit_code == 0 and not hung:
                if not fired and attempt == 1:
                    self.learn_rate(transfer, seconds)
                break
            failures += 1
            self.say(f"  {transfer.name} run {attempt} exit {run.exit_code}: {run.last_words()}")
            if failures >= self.config.max_failed_runs:
                self.findings.add(
                    "runs_ended", f"{transfer.describe()}: given up after {failures} failed runs"
                )
                break
            time.sleep(0.5)
        with self._lock:  # random strikes go to later runs; aimed ones were meant for this one
            self._spare.extend(strike for strike in strikes if strike.when == Moment.RANDOM)
            self.figures.unfired.update(str(strike) for strike in strikes if strike.when != Moment.RANDOM)
        self.say(
            f"{transfer.describe()}: {attempt} runs, {kills} kills, {restarts} service restarts, "
            f"{failures} runs ended with an error"
        )

    def wait_for(
        self,
        strike: Strike,
        process: subprocess.Popen[bytes],
        lane: Lane,
        transfer: Transfer,
        rng: random.Random,
        moved: int,
        deadline: float,
    ) -> bool:
        """Wait for the strike's moment in this run; False if the run ended (or hung) before it."""
        if strike.when == Moment.RANDOM:
            # From start-up to about when a run of this size would end (sooner after misses).
            expected = 0.4 * CLI_START_SECONDS + 0.1 + transfer.size / (self._rate * streams(transfer))
            with self._lock:
                # The last transfers cannot hand a missed strike on to another: they aim early.
                aim = self._aim if self._queue else 0.05
            try:
                process.wait(timeout=0.6 * CLI_START_SECONDS + rng.uniform(0, expected * aim))
            except subprocess.TimeoutExpired:
                self.aim(hit=True)
                return True
            self.aim(hit=False)
            return False
        while process.poll() is None and time.monotonic() < deadline:
            if strike.when == Moment.MOVING:
                reached = self.proxy.stats.data_bytes - moved >= transfer.size / 4
            else:
                states = [job["state"] for job in self.jobs_of(lane, transfer)]
                reached = "done" in states and any(state != "done" for state in states)
            if reached:
                return True
            time.sleep(0.01)
        return False

    def jobs_of(self, lane: Lane, transfer: Transfer) -> list[Job]:
        """The transfer's jobs in the lane's journal as it is now."""
        keys = {job_key(transfer, file, lane, self.sources) for file in transfer.files}
        jobs, _parts = journal_rows(cli_journal(lane.home))
        return [job for job in jobs if (job["kind"], job["local_path"]) in keys]

    def aim(self, *, hit: bool) -> None:
        """Strike sooner after a run ended before its strike, a little later after a hit."""
        with self._lock:
            self._aim = min(1.0, self._aim * 1.25) if hit else max(0.05, self._aim * 0.5)

    def learn_rate(self, transfer: Transfer, seconds: float) -> None:
        """Follow how fast a connection moves bytes, so that strikes aim inside the runs."""
        size = transfer.size
        if size >= MIB:
            observed = size / streams(transfer) / max(0.1, seconds - CLI_START_SECONDS)
            with self._lock:
                self._rate = 0.7 * self._rate + 0.3 * observed

    def look_for_partials(self, lane: Lane, transfer: Transfer) -> None:
        """Right after a kill: a download's final name holds the whole file or nothing."""
        if transfer.direction != Direction.DOWNLOAD:
            return
        for file in transfer.files:
            final = lane.downloads / transfer.name / file.path
            if not final.exists():
                continue
            size = final.stat().st_size
            if size != file.size:
                problem = f"{size} of {file.size} bytes"
            elif sha256_file(final) != self.digests[f"down/{transfer.name}/{file.path}"]:
                problem = "the right size but other bytes"
            else:
                continue
            self.findings.add(
                "no_partial_files", f"after a kill of {transfer.name}: {file.path!r} exists with {problem}"
            )

    @staticmethod
    def say(message: str) -> None:
        """A progress line on stderr."""
        print(f"{time.strftime('%H:%M:%S')} {message}", file=sys.stderr, flush=True)


def run_soak(config: SoakConfig, plan: list[Transfer] | None = None) -> SoakResult:
    """Run one soak (of the seeded mix, or of `plan`) and return its figures and findings."""
    return Soak(config, plan).run()


def _throttle(text: str) -> int | None:
    """``--throttle``: a rate like 16M (`byte_rate` reads sizes the same way), or 0 for none."""
    return None if text.strip() == "0" else byte_rate(text)


def main(argv: list[str] | None = None) -> int:
    """Command line: run the soak, print the figures and the checks; exit 0 when every check passed."""
    defaults = SoakConfig()
    parser = argparse.ArgumentParser(
        prog="python -m tests.soak.chaos",
        description="Chaos soak of dentry-cli and the local service (issue 8). About 3 minutes and "
        "3 GB of disk with the defaults on a 2-core machine; --max-size 20M makes a quick try.",
    )
    parser.add_argument("--transfers", type=int, default=defaults.transfers, help="transfers (%(default)s)")
    parser.add_argument(
        "--client-kills", type=int, default=defaults.client_kills, help="SIGKILLs of dentry-cli (%(default)s)"
    )
    parser.add_argument(
        "--service-restarts",
        type=int,
        default=defaults.service_restarts,
        help="SIGKILLs and restarts of the service (%(default)s)",
    )
    # byte_rate reads "200M", "1.5G" or bytes: sizes are written the same way.
    parser.add_argument("--max-size", type=byte_rate, default=defaults.max_size, help="largest file (200M)")
    parser.add_argument(
        "--seed", type=int, default=defaults.seed, help="seed of everything random (%(default)s)"
    )
    parser.add_argument(
        "--lanes", type=int, default=defaults.lanes, help="clients side by side (%(default)s)"
    )
    parser.add_argument(
        "--cut-rate", type=float, default=defaults.cut_rate, help="share of connections cut (%(default)s)"
    )
    parser.add_argument(
        "--commit-loss-rate",
        type=float,
        default=defaults.commit_loss_rate,
        help="share of commit answers lost (%(default)s)",
    )
    parser.add_argument(
        "--url-ttl", type=int, default=defaults.url_ttl, help="signed-URL lifetime, s (%(default)s)"
    )
    parser.add_argument(
        "--throttle",
        type=_throttle,
        default=defaults.throttle,
        help="bytes per second per signed-URL connection (16M; 0: none)",
    )
    parser.add_argument("--workdir", type=Path, help="work folder (default: a new temporary one)")
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the work folder when all passed too (it is kept when a check fails)",
    )
    args = parser.parse_args(argv)
    config = SoakConfig(**vars(args))
    result = run_soak(config)
    print(result.report())
    if result.workdir.exists():
        print(f"\nwork folder (logs, journals, files): {result.workdir}")
    return 0 if result.findings.passed else 1


if __name__ == "__main__":
    sys.exit(main())
