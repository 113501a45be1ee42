"""The embedded platform: the bundled nats-server plus the five services, each its own process, and (for
`ets up`, or when `console_port` is set) the web console beside them.

Used by `ets up` and by the end-to-end tests. Children get SIGTERM if the launcher dies (PR_SET_PDEATHSIG), and
`stop()` terminates them in reverse order, so no process outlives the launcher. Data (NATS store, SQLite files,
logs, the development JWT secret) stays in `data_dir` for the next start.
"""
from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from ets_shared.messaging.nats_auth import authorization, connect_options, ensure_keys
from ets_shared.nats_cluster import NatsCluster
from ets_shared.nats_process import NatsServerProcess, die_with_parent, ensure_port_free
from ets_shared.settings import EMBEDDED_NATS_PORT, SERVICE_PORTS, PlatformSettings, service_key

SERVICES = tuple(SERVICE_PORTS)
CONSOLE = "console"


# the caller's settings every service takes from `ets up`'s environment (README "Operability"); any other ETS_
# variable is the platform's to set, per service
PASSED_THROUGH = frozenset({"ETS_LOG_LEVEL", "ETS_LOG_FORMAT", "ETS_COMPANION", "ETS_COMPANION_NICE",
                           "ETS_SWITCH_INTERVAL_MS"})


def configured_ports() -> dict[str, int]:
    """Each service's HTTP port: `ETS_<SERVICE>_PORT` when set, else its default (8101…8105)."""
    return {s: int(os.environ.get(f"ETS_{service_key(s)}_PORT", p)) for s, p in SERVICE_PORTS.items()}


def development_secret(data_dir: Path) -> str:
    """The embedded platform's JWT secret: made once, kept in the data folder (mode 0600)."""
    path = data_dir / "jwt-secret"
    if not path.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48))
        path.chmod(0o600)
    return path.read_text().strip()


def nats_options(identity: str, data_dir: str | Path) -> dict:
    """How a command connects to NATS as `identity` (`calendar`, `observer`): ETS_NATS_NKEY_SEED, else the key the
    embedded platform made in `<data_dir>/nats/keys`."""
    return connect_options(PlatformSettings(data_dir=Path(data_dir).resolve()), identity)


@dataclass
class Platform:
    data_dir: Path
    nats_url: str | None = None  # an external NATS; None starts the bundled one
    nats_port: int = EMBEDDED_NATS_PORT
    cluster: bool = False  # three nodes and every stream at R3, instead of one server
    cluster_ports: list[int] | None = None  # the nodes' client ports; default nats_port, +1, +2
    ports: dict[str, int] = field(default_factory=configured_ports)
    database_urls: dict[str, str] = field(default_factory=dict)  # per service; default SQLite in data_dir/db
    extra_env: dict[str, str] = field(default_factory=dict)
    console_port: int | None = None  # set: the web console (ets_console) runs too, on this port
    nats: NatsServerProcess | NatsCluster | None = None
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.data_dir = Path(self.data_dir).resolve()
        self.jwt_secret = self.extra_env.get("ETS_JWT_SECRET") or development_secret(self.data_dir)

    @property
    def nats_cluster(self) -> NatsCluster:
        """The bundled three-node cluster (`cluster=True`, started), whose nodes the chaos monkey kills."""
        if not isinstance(self.nats, NatsCluster):
            raise RuntimeError("no bundled NATS cluster runs: start a Platform(cluster=True)")
        return self.nats

    @property
    def effective_nats_url(self) -> str:
        if self.nats_url:
            return self.nats_url
        return ",".join(f"nats://127.0.0.1:{port}" for port in self.client_ports)

    @property
    def client_ports(self) -> list[int]:
        if not self.cluster:
            return [self.nats_port]
        return self.cluster_ports or [self.nats_port + i for i in range(3)]

    @property
    def nats_servers(self) -> list[str]:
        return self.effective_nats_url.split(",")

    @property
    def keys_dir(self) -> Path:
        return self.data_dir / "nats" / "keys"

    def nats_options(self, identity: str) -> dict:
        """Connect as one of the platform's NATS identities (messaging.nats_auth), e.g. `observer`."""
        return connect_options(PlatformSettings(data_dir=self.data_dir, nats_keys_dir=self.keys_dir), identity)

    def url(self, service: str) -> str:
        if service == CONSOLE:
            return f"http://127.0.0.1:{self.console_port}"
        return f"http://127.0.0.1:{self.ports[service]}"

    def console_env(self) -> dict[str, str]:
        """The console calls the services' public HTTP APIs (no NATS, no database) and mints development tokens
        with the platform's secret."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("ETS_")}
        env.update({"ETS_DATA_DIR": str(self.data_dir), "ETS_JWT_SECRET": self.jwt_secret,
                    "ETS_CONSOLE_PORT": str(self.console_port), "ETS_CONSOLE_PUBLIC_URL": self.url(CONSOLE),
                    "PYTHONUNBUFFERED": "1",
                    **{f"ETS_CONSOLE_{service_key(s)}_URL": self.url(s) for s in SERVICES}})
        env.update({k: v for k, v in self.extra_env.items() if not k.startswith("ETS_NATS")})
        return env

    def env_for(self, service: str) -> dict[str, str]:
        key = service_key(service)
        env = {k: v for k, v in os.environ.items() if not k.startswith("ETS_") or k in PASSED_THROUGH}
        env.update({
            "ETS_NATS_URL": self.effective_nats_url, "ETS_DATA_DIR": str(self.data_dir),
            "ETS_NATS_KEYS_DIR": str(self.keys_dir), **({"ETS_STREAM_REPLICAS": "3"} if self.cluster else {}),
            "ETS_JWT_SECRET": self.jwt_secret, f"ETS_{key}_PORT": str(self.ports[service]),
            f"ETS_{key}_DATABASE_URL": self.database_urls.get(
                service, f"sqlite:///{self.data_dir / 'db' / f'{service}.sqlite'}"),
            "PYTHONUNBUFFERED": "1",
        })
        env.update(self.extra_env)
        return env

    def start_nats(self) -> None:
        """The bundled nats-server with one user per identity (keys made once, kept in the data folder)."""
        public_keys = ensure_keys(self.keys_dir)
        if self.nats_url is None and self.cluster:
            (self.data_dir / "logs").mkdir(parents=True, exist_ok=True)
            self.nats = NatsCluster(self.data_dir / "nats", ports=self.client_ports, log_dir=self.data_dir / "logs",
                                    authorization=authorization(public_keys)).start()
        elif self.nats_url is None:
            (self.data_dir / "logs").mkdir(parents=True, exist_ok=True)
            self.nats = NatsServerProcess(self.data_dir / "nats", port=self.nats_port,
                                          log_file=self.data_dir / "logs" / "nats-server.log",
                                          authorization=authorization(public_keys)).start()

    def start_service(self, service: str) -> subprocess.Popen:
        console = service == CONSOLE
        port = self.ports[service] if not console else self.console_port
        if port is None:
            raise ValueError("the console starts only with a console_port")
        ensure_port_free(port, service)
        logs = self.data_dir / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        command = [str(Path(sysconfig.get_path("scripts")) / f"ets-{service}")]
        if not Path(command[0]).exists():
            module = "ets_console.main" if console else f"{service.replace('-', '_')}.entrypoints.main"
            command = [sys.executable, "-c", f"from {module} import run; run()"]
        log = open(logs / f"{service}.log", "ab")  # noqa: SIM115 - the child owns it
        env = self.console_env() if console else self.env_for(service)
        process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True, preexec_fn=die_with_parent)
        self.processes[service] = process
        return process

    def start(self, timeout: float = 60.0) -> None:
        try:
            self.start_nats()
            for service in SERVICES:
                self.start_service(service)
            if self.console_port is not None:
                self.start_service(CONSOLE)
            self.wait_ready(timeout, SERVICES + ((CONSOLE,) if self.console_port is not None else ()))
        except BaseException:
            self.stop()
            raise

    def wait_ready(self, timeout: float = 60.0, services: tuple[str, ...] = SERVICES) -> None:
        deadline = time.monotonic() + timeout
        pending = list(services)
        with httpx.Client(timeout=2.0) as client:
            while pending:
                for service in list(pending):
                    process = self.processes.get(service)
                    if process is not None and process.poll() is not None:
                        raise RuntimeError(f"{service} exited with {process.returncode}; see "
                                           f"{self.data_dir / 'logs' / (service + '.log')}")
                    try:
                        if client.get(self.url(service) + "/readyz").status_code == 200:
                            pending.remove(service)
                    except httpx.HTTPError:
                        pass
                if pending and time.monotonic() > deadline:
                    raise TimeoutError(f"not ready after {timeout}s: {pending}")
                if pending:
                    time.sleep(0.2)

    def stop_service(self, service: str, *, kill: bool = False, timeout: float = 15.0) -> None:
        process = self.processes.pop(service, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop(self) -> None:
        for service in reversed(list(self.processes)):
            self.stop_service(service)
        if self.nats is not None:
            self.nats.stop()
            self.nats = None
