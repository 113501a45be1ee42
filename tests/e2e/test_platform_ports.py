"""The test platforms' ports: picked below the kernel's ephemeral range (where outgoing connections take their local
ports, so a pick there can be taken before its server binds it), and a platform whose picked port was taken all the
same (by another test's server) starts again on new ports instead of failing the test."""
from __future__ import annotations

import socket

import httpx

from ets_shared import nats_process
from ets_shared.nats_process import PICKED_FROM, PortInUse, ensure_port_free, ephemeral_ports, free_port
from ets_shared.testing import platform as test_platform


def test_free_ports_are_picked_below_the_ephemeral_range_and_nothing_listens_there():
    low, _high = ephemeral_ports()
    for _ in range(20):
        port = free_port()
        assert PICKED_FROM <= port < low
        ensure_port_free(port, "a test")


def test_a_port_something_listens_on_is_refused_as_in_use():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", free_port()))
        listener.listen()
        port = listener.getsockname()[1]
        try:
            ensure_port_free(port, "mrv")
        except PortInUse as refused:
            assert f"port {port} for mrv is already in use" in str(refused)
        else:
            raise AssertionError("a listened port passed as free")


def test_a_platform_whose_picked_port_was_taken_meanwhile_starts_on_new_ports(tmp_path, monkeypatch):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", free_port()))
        listener.listen()
        taken = listener.getsockname()[1]
        picks = iter([taken])  # the first pick (the NATS server's) is taken when the platform starts

        def pick() -> int:
            return next(picks, None) or nats_process.free_port()

        monkeypatch.setattr(test_platform, "free_port", pick)
        with test_platform.started_platform(tmp_path) as platform:
            assert platform.nats_port != taken
            assert httpx.get(platform.url("exchange") + "/readyz", timeout=5).status_code == 200
