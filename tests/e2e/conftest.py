"""One real Prefect server for the end-to-end tests: `prefect server start` on a free loopback
port with its own PREFECT_HOME, started once per session and stopped (its process group) after.
``PrefectServer`` can also be killed and started again on the same port and database (the
orchestration fault tests)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

BIN = Path(sys.executable).parent
LEASE_STORAGE = "prefect.server.concurrency.lease_storage.filesystem"  # as in the Makefile's `make server`


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prefect_env(api_url: str, home: Path, **extra: str) -> dict[str, str]:
    """The environment of a Prefect client process (CLI, worker) talking to the test server."""
    return {**os.environ, "PREFECT_API_URL": api_url, "PREFECT_HOME": str(home),
            "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "GX_ANALYTICS_ENABLED": "false", "DO_NOT_TRACK": "1",
            **extra}


def stop_group(proc: subprocess.Popen, timeout: float = 20) -> None:
    """SIGTERM the process group started with ``start_new_session``; SIGKILL it if it lingers."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    except ProcessLookupError:
        pass


class PrefectServer:
    """`prefect server start` on ``port`` with its state (SQLite database, concurrency leases) in
    ``home``; ``start`` waits for /health. The server runs with the settings `make server` uses:
    concurrency leases kept in files under ``home`` (Prefect keeps them in memory by default, and
    a restarted server then never gives back a slot taken before)."""

    def __init__(self, home: Path, port: int | None = None) -> None:
        self.home = home
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}/api"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 90) -> None:
        env = {**os.environ, "PREFECT_HOME": str(self.home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
               "PREFECT_API_URL": "", "PREFECT_SERVER_CONCURRENCY_LEASE_STORAGE": LEASE_STORAGE,
               # shorter waits than the defaults (15 s, 30 s), for the tests' sake: lapsed leases are
               # looked for every 3 s, and a run waiting for a slot is told to ask again within 3 s
               "PREFECT_SERVER_SERVICES_REPOSSESSOR_LOOP_SECONDS": "3",
               "PREFECT_SERVER_CONCURRENCY_MAXIMUM_CONCURRENCY_SLOT_WAIT_SECONDS": "3"}
        log = open(self.home / "server.log", "a")
        try:
            self.process = subprocess.Popen(
                [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(self.port)],
                env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        finally:
            log.close()
        deadline = time.monotonic() + timeout
        while True:
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"Prefect server did not start: {(self.home / 'server.log').read_text()[-2000:]}")
            time.sleep(0.5)

    def kill(self) -> None:
        """SIGKILL the server's process group (its database is left as a crash leaves it)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None:
            stop_group(self.process)


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory):
    """The session's running ``PrefectServer``; stopped after the session."""
    server = PrefectServer(tmp_path_factory.mktemp("prefect-home"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def prefect_api(prefect_server):
    """``(api_url, prefect_home)`` of the running server."""
    return prefect_server.url, prefect_server.home
