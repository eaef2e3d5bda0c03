"""Command line: ``python -m app.localserver --port 0 --data-dir DIR [--demo]``."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from app.localserver.config import (
    DEFAULT_APP_KEY,
    DEFAULT_APP_SECRET,
    DEFAULT_UNION_ID,
    Faults,
    ServerConfig,
)
from app.localserver.server import LocalServer

APP_SECRET_ENV = "DENTRY_LOCALSERVER_APP_SECRET"
"""Where the appSecret may come from instead of the command line, which every user sees in ps."""


def parse_args(argv: list[str] | None = None) -> ServerConfig:
    """Read the command line into a `ServerConfig`."""
    parser = argparse.ArgumentParser(
        prog="python -m app.localserver",
        description="Dentry's local storage service: the DingTalk Storage Open API on this computer.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=0, help="port to bind; 0 picks a free one (default)")
    parser.add_argument("--data-dir", type=Path, required=True, help="folder for metadata and blobs")
    parser.add_argument(
        "--app-key", default=DEFAULT_APP_KEY, help=f"accepted appKey (default: {DEFAULT_APP_KEY})"
    )
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument(
        "--app-secret",
        help=f"accepted appSecret, visible to every user in ps (default: ${APP_SECRET_ENV}, "
        f"else {DEFAULT_APP_SECRET})",
    )
    secret.add_argument(
        "--app-secret-file", type=Path, metavar="PATH", help="read the accepted appSecret from this file"
    )
    parser.add_argument(
        "--union-id",
        default=DEFAULT_UNION_ID,
        help=f"operator owning the demo space (default: {DEFAULT_UNION_ID})",
    )
    parser.add_argument("--public-url", help="base URL put into signed URLs (behind a proxy)")
    parser.add_argument("--url-ttl", type=int, default=900, help="lifetime of signed URLs in seconds (900)")
    parser.add_argument(
        "--token-ttl", type=int, default=7200, help="lifetime of access tokens in seconds (7200)"
    )
    parser.add_argument(
        "--header-timeout",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="close connections whose request headers take longer (5)",
    )
    parser.add_argument("--demo", action="store_true", help="create a demo space when the data folder is new")
    faults = parser.add_argument_group("fault injection (tests only)")
    faults.add_argument(
        "--fault-drop-after", type=int, metavar="BYTES", help="cut signed-URL bodies after BYTES"
    )
    faults.add_argument("--fault-drop-times", type=int, metavar="N", help="cut only the first N bodies")
    faults.add_argument(
        "--fault-error-rate",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="answer this share of requests with 503 operationTimeout",
    )
    faults.add_argument("--fault-throttle", type=int, metavar="BPS", help="bytes per second per connection")
    faults.add_argument(
        "--fault-latency",
        type=float,
        default=0.0,
        metavar="MS",
        help="delay every answer by MS milliseconds (a far-away service)",
    )
    args = parser.parse_args(argv)
    return ServerConfig(
        data_dir=args.data_dir,
        host=args.host,
        port=args.port,
        app_key=args.app_key,
        app_secret=_app_secret(parser, args),
        union_id=args.union_id,
        public_url=args.public_url,
        url_ttl=args.url_ttl,
        token_ttl=args.token_ttl,
        header_timeout=args.header_timeout,
        demo=args.demo,
        faults=Faults(
            drop_after_bytes=args.fault_drop_after,
            drop_times=args.fault_drop_times,
            error_rate=args.fault_error_rate,
            throttle_bps=args.fault_throttle,
            latency_ms=args.fault_latency,
        ),
    )


def _app_secret(parser: argparse.ArgumentParser, args: argparse.Namespace) -> str:
    if args.app_secret is not None:
        return str(args.app_secret)
    if args.app_secret_file is not None:
        try:
            # Only line ends are stripped: a secret may hold any other character.
            secret = args.app_secret_file.read_text(encoding="utf-8").rstrip("\r\n")
        except (OSError, UnicodeError) as error:
            parser.error(f"cannot read --app-secret-file {args.app_secret_file}: {error}")
        if not secret:
            parser.error(f"--app-secret-file {args.app_secret_file} is empty")
        return secret
    return os.environ.get(APP_SECRET_ENV) or DEFAULT_APP_SECRET


def _allow_many_connections() -> None:
    """Raise this process's limit of open files to the most it may have.

    Each connection takes a file descriptor; the usual soft limit of 1,024 lets a few hundred
    idle connections lock everyone out until the header timeout closes them.
    """
    try:
        import resource  # noqa: PLC0415 (Unix only)
    except ImportError:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY or soft < hard:
        with contextlib.suppress(ValueError, OSError):  # macOS refuses "infinity" for files
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def main(argv: list[str] | None = None) -> int:
    """Run the service in the foreground until SIGINT or SIGTERM."""
    config = parse_args(argv)
    _allow_many_connections()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    server = LocalServer(config)
    try:
        server.start()
    except OSError as error:
        print(f"cannot listen on {config.host}:{config.port}: {error.strerror}", file=sys.stderr)
        return 2
    demo = f", demo space {server.demo_space_id}" if server.demo_space_id else ""
    print(
        f"Dentry local storage service listening on {server.url} (data in {config.data_dir}{demo})",
        flush=True,
    )
    try:
        stop.wait()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
