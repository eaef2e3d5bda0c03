"""Benchmark: the local service's data plane against nginx serving the same file, over loopback.

Run by hand (not in CI)::

    .venv/bin/python tests/bench/bench_localserver.py [--size-mib 1024] [--runs 3]

Both servers are driven by the same client (curl), so the ratio is the servers' own. The
reference is nginx (static GET, WebDAV PUT) when installed, otherwise Python's http.server
for GET only. Also reports the local service's peak RSS (VmHWM) over the whole run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))  # tests.support, when run as a script

from tests.support.local_service import start_service, stop_service  # noqa: E402

CHUNK = 8 * 1024 * 1024


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_file(path: Path, size: int) -> None:
    with path.open("wb") as out:
        block = os.urandom(CHUNK)
        for offset in range(0, size, CHUNK):
            out.write(block[: min(CHUNK, size - offset)])


def curl(args: list[str]) -> float:
    """Run curl and return seconds for the transfer (curl's own timer)."""
    result = subprocess.run(
        ["curl", "-sS", "--fail", "-o", "/dev/null", "-w", "%{time_total}", *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return float(result.stdout)


def header_args(headers: dict[str, str]) -> list[str]:
    out: list[str] = []
    for name, value in headers.items():
        out += ["-H", f"{name}: {value}"]
    return out


def start_nginx(root: Path, work: Path) -> tuple[subprocess.Popen[bytes], str] | None:
    if shutil.which("nginx") is None:
        return None
    port = free_port()
    conf = work / "nginx.conf"
    conf.write_text(f"""
daemon off; master_process off; worker_processes 1; error_log {work}/error.log; pid {work}/nginx.pid;
{"user root;" if os.geteuid() == 0 else ""}
events {{ worker_connections 64; }}
http {{
  access_log off; sendfile on; client_max_body_size 0; client_body_temp_path {work}/body;
  proxy_temp_path {work}/p; fastcgi_temp_path {work}/f; uwsgi_temp_path {work}/u; scgi_temp_path {work}/s;
  server {{ listen 127.0.0.1:{port}; root {root}; dav_methods PUT; create_full_put_path on; }}
}}
""")
    process = subprocess.Popen(["nginx", "-c", str(conf), "-p", str(work)])
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return process, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.1)
    process.kill()
    return None


def start_http_server(root: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(root)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1)
    return process, f"http://127.0.0.1:{port}"


class Api:
    def __init__(self, url: str) -> None:
        self.url = url
        token = requests.post(
            f"{url}/v1.0/oauth2/accessToken",
            json={"appKey": "dentry-local", "appSecret": "dentry-local-secret"},
            timeout=10,
        ).json()["accessToken"]
        self.headers = {"x-acs-dingtalk-access-token": token}
        self.query = {"unionId": "local-user"}
        self.space = self.post("/v1.0/storage/spaces", {"option": {"name": "bench"}})["space"]["id"]

    def post(self, path: str, body: object) -> dict:  # type: ignore[type-arg]
        response = requests.post(
            f"{self.url}{path}", params=self.query, headers=self.headers, json=body, timeout=600
        )
        response.raise_for_status()
        return response.json()  # type: ignore[no-any-return]

    def upload_info(self) -> dict:  # type: ignore[type-arg]
        return self.post(
            f"/v1.0/storage/spaces/{self.space}/files/uploadInfos/query",
            {"protocol": "HEADER_SIGNATURE", "multipart": False},
        )


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mib", type=int, default=1024)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    size = args.size_mib * 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="dentry-bench-") as tmp:
        work = Path(tmp)
        (work / "static").mkdir()
        source = work / "static" / "file.bin"
        make_file(source, size)
        service, url = start_service(work / "data")
        reference = start_nginx(work / "static", work) or start_http_server(work / "static")
        ref_name = "nginx" if "nginx" in str(reference[0].args) else "http.server"
        try:
            api = Api(url)
            ours_up, ref_up, ours_down, ref_down = [], [], [], []
            dentry_id = ""
            for run in range(args.runs):
                info = api.upload_info()
                signed = info["headerSignatureInfo"]
                ours_up.append(
                    curl(["-T", str(source), *header_args(signed["headers"]), signed["resourceUrls"][0]])
                )
                dentry = api.post(
                    f"/v1.0/storage/spaces/{api.space}/files/commit",
                    {
                        "uploadKey": info["uploadKey"],
                        "name": f"file{run}.bin",
                        "parentId": "0",
                        "option": {"size": size},
                    },
                )["dentry"]
                dentry_id = dentry["id"]
                if ref_name == "nginx":
                    ref_up.append(curl(["-T", str(source), f"{reference[1]}/upload{run}.bin"]))
            for _ in range(args.runs):
                download = api.post(
                    f"/v1.0/storage/spaces/{api.space}/dentries/{dentry_id}/downloadInfos/query", {}
                )
                signed = download["headerSignatureInfo"]
                ours_down.append(curl([*header_args(signed["headers"]), signed["resourceUrls"][0]]))
                ref_down.append(curl([f"{reference[1]}/file.bin"]))
            rss = peak_rss_mib(service.pid)
        finally:
            stop_service(service)
            reference[0].terminate()
            reference[0].wait()

    def mibps(seconds: list[float]) -> float:
        return args.size_mib / statistics.median(seconds)

    rows = [("download", mibps(ours_down), mibps(ref_down))]
    if ref_up:
        rows.append(("upload", mibps(ours_up), mibps(ref_up)))
    else:
        rows.append(("upload", mibps(ours_up), float("nan")))
    print(f"file: {args.size_mib} MiB, median of {args.runs} runs, client: curl, reference: {ref_name}")
    print(f"{'':10}{'local service':>16}{ref_name:>16}{'ratio':>8}")
    for name, ours, ref in rows:
        print(f"{name:10}{ours:>11.0f} MiB/s{ref:>11.0f} MiB/s{ours / ref:>8.2f}")
    print(f"local service peak RSS over the run: {rss:.0f} MiB")
    print(json.dumps({name: {"ours": round(o), "reference": round(r)} for name, o, r in rows}))


if __name__ == "__main__":
    main()
