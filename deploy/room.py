#!/usr/bin/env python3
"""Serve a workshop room: N app processes behind nginx on one database, started and stopped together.

    python deploy/room.py --servers 2 --port 8080                        # SQLite in data/ (WAL mode)
    python deploy/room.py --servers 3 --port 8080 --database-url postgresql+psycopg://...

Each app process is `streamlit run app.py` on its own localhost port; nginx (Debian's package) runs
from `deploy/nginx.conf` with a prefix of its own (pid, logs, temporary files), listens on
`--listen` (default 127.0.0.1) and `--port`, keeps each browser on one process (route cookie) and
upgrades the WebSocket. Ctrl+C (or SIGTERM) stops nginx and every app process. `Room` is the same
thing from Python (the load script and the tests use it).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
NGINX_CONF = Path(__file__).resolve().parent / "nginx.conf"
MAX_SERVERS = 16
STREAMLIT_FLAGS = ("--server.headless", "true", "--browser.gatherUsageStats", "false",
                   "--server.fileWatcherType", "none", "--server.runOnSave", "false")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def nginx_binary() -> str:
    found = shutil.which("nginx") or next((p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None)
    if found is None:
        raise RuntimeError("nginx is not installed (Debian: apt-get install nginx, or bash scripts/setup-system.sh)")
    return found


def render_nginx_conf(prefix: Path, listen: str, ports: list[int]) -> str:
    """deploy/nginx.conf with the prefix, the listen address and one `server` line per app process."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=1 fail_timeout=10s;" for p in ports)
    text = NGINX_CONF.read_text(encoding="utf-8")
    return text.replace("@PREFIX@", str(prefix)).replace("@LISTEN@", listen).replace("@SERVERS@", servers)


def wait_healthy(url: str, deadline: float, proc: subprocess.Popen[bytes] | None = None,
                 log: IO[bytes] | None = None) -> None:
    while True:
        if proc is not None and proc.poll() is not None:
            tail = ""
            if log is not None:
                log.seek(0)
                tail = log.read().decode(errors="replace")[-2000:]
            raise RuntimeError(f"{url}: the process exited: {tail}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:  # noqa: S310 - localhost only
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"{url} did not answer in time")
        time.sleep(0.2)


def _stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class Room:
    """N app processes on one database, behind nginx when `proxy` (always when N > 1).

    `url` is where participants go (nginx, or the one app process without a proxy); `app_urls` are the
    processes themselves; `kill(i)` ends one process abruptly (as a crash would).
    """

    def __init__(self, servers: int, database_url: str | None = None, *, port: int | None = None,
                 listen: str = "127.0.0.1", proxy: bool | None = None, env: dict[str, str] | None = None) -> None:
        if not 1 <= servers <= MAX_SERVERS:
            raise ValueError(f"servers must be 1-{MAX_SERVERS}")
        self.servers = servers
        self.proxy = servers > 1 if proxy is None else proxy or servers > 1
        self.listen = listen
        self.port = port or free_port()
        self.env = {**os.environ, **(env or {})}
        if database_url:
            self.env["ASSESSMENT_DATABASE_URL"] = database_url
        self.app_ports = [free_port() for _ in range(servers)] if self.proxy else [self.port]
        self.apps: list[subprocess.Popen[bytes]] = []
        self.logs: list[IO[bytes]] = []
        self.nginx: subprocess.Popen[bytes] | None = None
        self._prefix: tempfile.TemporaryDirectory[str] | None = None

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.listen in ("0.0.0.0", "127.0.0.1") else self.listen  # noqa: S104
        return f"http://{host}:{self.port}"

    @property
    def app_urls(self) -> list[str]:
        return [f"http://127.0.0.1:{p}" for p in self.app_ports]

    def start(self, timeout: float = 90) -> Room:
        deadline = time.monotonic() + timeout
        self.env.setdefault("ASSESSMENT_PUBLIC_URL", self.url)
        try:
            for port in self.app_ports:
                log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
                self.logs.append(log)
                self.apps.append(subprocess.Popen(
                    [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
                     "--server.address", "127.0.0.1", *STREAMLIT_FLAGS],
                    cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                ))
            for proc, log, url in zip(self.apps, self.logs, self.app_urls, strict=True):
                wait_healthy(f"{url}/_stcore/health", deadline, proc, log)
            if self.proxy:
                self._start_nginx(deadline)
        except BaseException:
            self.stop()
            raise
        return self

    def _start_nginx(self, deadline: float) -> None:
        self._prefix = tempfile.TemporaryDirectory(prefix="olr-nginx-")
        prefix = Path(self._prefix.name)
        conf = prefix / "nginx.conf"
        conf.write_text(render_nginx_conf(prefix, f"{self.listen}:{self.port}", self.app_ports), encoding="utf-8")
        log = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop()
        self.logs.append(log)
        # -e: nginx would otherwise open the system's error log before reading our config.
        command = [nginx_binary(), "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
        self.nginx = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        wait_healthy(f"{self.url}/healthz", deadline, self.nginx, log)

    def kill(self, index: int) -> None:
        """End app process `index` at once (SIGKILL), as a crash would."""
        proc = self.apps[index]
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    def alive(self) -> list[bool]:
        return [p.poll() is None for p in self.apps]

    def stop(self) -> None:
        if self.nginx is not None:
            _stop(self.nginx, signal.SIGQUIT)  # graceful: open connections are closed cleanly
            self.nginx = None
        for proc in self.apps:
            _stop(proc)
        self.apps = []
        for log in self.logs:
            log.close()
        self.logs = []
        if self._prefix is not None:
            self._prefix.cleanup()
            self._prefix = None

    def __enter__(self) -> Room:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--servers", type=int, default=2, help=f"app processes, 1-{MAX_SERVERS} (default 2)")
    parser.add_argument("--port", type=int, default=8080, help="the port people open (default 8080)")
    parser.add_argument("--listen", default="127.0.0.1",
                        help="address nginx listens on (default 127.0.0.1; 0.0.0.0 to serve the room's network)")
    parser.add_argument("--database-url", help="one database for every process (default: ASSESSMENT_DATABASE_URL, "
                                               "else SQLite in the data folder)")
    args = parser.parse_args(argv)
    if not 1 <= args.servers <= MAX_SERVERS:
        parser.error(f"--servers must be 1-{MAX_SERVERS}")
    if not 1 <= args.port <= 65535:
        parser.error("--port must be 1-65535")
    room = Room(args.servers, args.database_url, port=args.port, listen=args.listen, proxy=True)
    stop = {"now": False}

    def ask_stop(*_: object) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, ask_stop)
    signal.signal(signal.SIGINT, ask_stop)
    try:
        room.start()
    except (RuntimeError, OSError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"serving on {room.url} ({args.servers} app processes: {', '.join(room.app_urls)}); "
          f"health check {room.url}/healthz; Ctrl+C stops", flush=True)
    warned: set[int] = set()
    try:
        while not stop["now"]:
            if room.nginx is not None and room.nginx.poll() is not None:
                print("error: nginx stopped", file=sys.stderr)
                return 1
            for i, up in enumerate(room.alive()):
                if not up and i not in warned:
                    warned.add(i)
                    print(f"warning: app process {i + 1} stopped; nginx sends its users to the others",
                          file=sys.stderr, flush=True)
            with contextlib.suppress(InterruptedError):
                time.sleep(1)
    finally:
        room.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
