"""Benchmark: listing a folder of 10,000 entries with the client vs a bare `requests` loop.

Run by hand (not in CI)::

    .venv/bin/python tests/bench/bench_listing.py [--entries 10000] [--runs 5]

The local service runs as a subprocess (so the client does not share its GIL). Both sides fetch
the same pages (50 per call, by name); the client must make one call per page and stay within
1.2x of the bare loop's wall time.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from app.api import StorageClient

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # tests.support, when run as a script

from tests.support.local_service import start_service, stop_service  # noqa: E402

KEY, SECRET, UNION = "dentry-local", "dentry-local-secret", "local-user"


def bare_loop(url: str, space_id: str, folder_id: str) -> tuple[int, int]:
    """Every page with plain requests; returns (entries, calls)."""
    session = requests.Session()
    token = session.post(
        f"{url}/v1.0/oauth2/accessToken", json={"appKey": KEY, "appSecret": SECRET}, timeout=10
    ).json()["accessToken"]
    headers = {"x-acs-dingtalk-access-token": token}
    params: dict[str, str | int] = {
        "unionId": UNION,
        "parentId": folder_id,
        "maxResults": 50,
        "orderBy": "NAME",
        "order": "ASC",
    }
    entries = calls = 0
    while True:
        page = session.get(
            f"{url}/v1.0/storage/spaces/{space_id}/dentries", params=params, headers=headers, timeout=30
        ).json()
        calls += 1
        entries += len(page["dentries"])
        if not page.get("nextToken"):
            return entries, calls
        params["nextToken"] = page["nextToken"]


def client_listing(url: str, space_id: str, folder_id: str) -> tuple[int, int]:
    """Every entry through StorageClient.iter_dentries; returns (entries, calls)."""
    client = StorageClient(url, KEY, SECRET, UNION)
    calls = [0]
    client.transport.session.hooks["response"].append(
        lambda response, **_: calls.__setitem__(0, calls[0] + 1)
    )
    client.transport.tokens.get()
    calls[0] = 0
    entries = sum(1 for _ in client.iter_dentries(space_id, folder_id))
    return entries, calls[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dentry-bench-list-") as tmp:
        service, url = start_service(Path(tmp))
        try:
            setup = StorageClient(url, KEY, SECRET, UNION)
            space = setup.add_space("bench").id
            folder = setup.add_folder(space, "0", "big").id
            started = time.monotonic()
            with ThreadPoolExecutor(8) as pool:
                list(
                    pool.map(lambda n: setup.add_folder(space, folder, f"entry {n:05d}"), range(args.entries))
                )
            print(f"created {args.entries} entries in {time.monotonic() - started:.1f} s")
            bare_times, client_times = [], []
            for _ in range(args.runs):  # interleaved, so both see the same machine state
                t0 = time.perf_counter()
                bare_entries, bare_calls = bare_loop(url, space, folder)
                t1 = time.perf_counter()
                client_entries, client_calls = client_listing(url, space, folder)
                t2 = time.perf_counter()
                bare_times.append(t1 - t0)
                client_times.append(t2 - t1)
        finally:
            stop_service(service)
    pages = -(-args.entries // 50)
    bare, ours = statistics.median(bare_times), statistics.median(client_times)
    print(f"{args.entries} entries, {pages} pages, median of {args.runs} runs")
    print(f"bare requests loop: {bare * 1000:8.0f} ms  {bare_calls} calls  {bare_entries} entries")
    print(f"StorageClient:      {ours * 1000:8.0f} ms  {client_calls} calls  {client_entries} entries")
    print(f"ratio client/bare:  {ours / bare:.2f} (goal <= 1.2); calls per page: {client_calls / pages:.2f}")


if __name__ == "__main__":
    main()
