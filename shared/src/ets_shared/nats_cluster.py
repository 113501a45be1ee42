"""Three bundled nats-server nodes on loopback as one JetStream cluster (issue 9): the embedded platform's
`ets up --cluster`, the cluster tests and `ets chaos`. Streams are then R3 (`ETS_STREAM_REPLICAS=3`): a write is
acknowledged once two of the three nodes hold it, and the platform keeps going with one node down.

The nodes talk over authenticated routes (a password made for this cluster, in each node's 0600 configuration);
clients are the same identities with the same permissions as on a single server (`messaging.nats_auth`).
"""
from __future__ import annotations

import secrets
import time
import urllib.request
from pathlib import Path

from ets_shared.nats_process import NatsServerProcess, free_port


class NatsCluster:
    def __init__(self, base_dir: Path, *, size: int = 3, ports: list[int] | None = None,
                 authorization: dict | None = None, no_auth_user: str | None = None,
                 log_dir: Path | None = None) -> None:
        ports = ports or [free_port() for _ in range(size)]
        route_ports = [free_port() for _ in range(size)]
        password = secrets.token_hex(16)
        routes = [f"nats-route://route:{password}@127.0.0.1:{p}" for p in route_ports]
        self.nodes = [
            NatsServerProcess(Path(base_dir) / f"node-{i}", port=ports[i], monitor_port=free_port(),
                              log_file=Path(log_dir) / f"nats-server-{i}.log" if log_dir else None,
                              authorization=authorization, no_auth_user=no_auth_user,
                              cluster={"name": "ets", "host": "127.0.0.1", "port": route_ports[i],
                                       "authorization": {"user": "route", "password": password}, "routes": routes})
            for i in range(size)]

    @property
    def url(self) -> str:
        """Every node, comma-separated (`ETS_NATS_URL`): a client moves to another node when its own dies."""
        return ",".join(node.url for node in self.nodes)

    @property
    def servers(self) -> list[str]:
        return [node.url for node in self.nodes]

    def start(self, timeout: float = 30.0) -> "NatsCluster":
        try:
            for node in self.nodes:
                node.start()
            for node in self.nodes:
                wait_healthy(node, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()

    def kill(self, index: int) -> None:
        """SIGKILL one node, as a crash would."""
        self.nodes[index].kill()

    def restart(self, index: int, timeout: float = 30.0) -> None:
        self.nodes[index].start()
        wait_healthy(self.nodes[index], timeout)


def wait_healthy(node: NatsServerProcess, timeout: float) -> None:
    """Until the node's monitoring endpoint says it is healthy: connected to the cluster, JetStream current."""
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{node.monitor_port}/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError as exc:
            last = exc
        time.sleep(0.2)
    raise TimeoutError(f"nats-server on port {node.port} not healthy after {timeout}s ({last})")
