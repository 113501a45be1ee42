"""Issue 9: three nats-server nodes on loopback with the platform's streams at R3; SIGKILL one node (the stream's
leader) while events are being published: nothing the cluster acknowledged is lost, and it keeps accepting."""
from __future__ import annotations

import asyncio

import nats
import pytest

from ets_shared.messaging.nats_auth import authorization, connect_options, ensure_keys
from ets_shared.messaging.streams import ensure_streams
from ets_shared.nats_cluster import NatsCluster
from ets_shared.settings import PlatformSettings

pytestmark = pytest.mark.asyncio


@pytest.fixture
def cluster(tmp_path, nats_keys_dir):
    cluster = NatsCluster(tmp_path / "cluster", authorization=authorization(ensure_keys(nats_keys_dir)))
    cluster.start()
    yield cluster
    cluster.stop()


async def test_r3_cluster_loses_nothing_acknowledged_when_the_stream_leader_is_killed(cluster, nats_keys_dir):
    settings = PlatformSettings(nats_url=cluster.url, stream_replicas=3, nats_keys_dir=nats_keys_dir)
    nc = await nats.connect(cluster.servers, max_reconnect_attempts=-1, reconnect_time_wait=0.2,
                            **connect_options(settings, "allocation"))
    js = nc.jetstream(timeout=2)
    await ensure_streams(js, settings)
    info = await js.stream_info("ETS_ALLOCATION")
    assert info.config.num_replicas == 3 and len(info.cluster.replicas) == 2

    acknowledged: list[int] = []

    async def publish(i: int) -> None:
        for _ in range(50):  # a publish the cluster could not acknowledge is sent again (same Nats-Msg-Id)
            try:
                await js.publish("ets.allocation.probe.published.v1", str(i).encode(),
                                 headers={"Nats-Msg-Id": f"m-{i}"})
                acknowledged.append(i)
                return
            except (nats.errors.Error, TimeoutError):  # no leader yet, reconnecting, no answer
                await asyncio.sleep(0.2)
        raise AssertionError(f"message {i} never acknowledged")

    for i in range(100):
        await publish(i)
    leader = next(k for k, node in enumerate(cluster.nodes) if node.port == _port(info.cluster.leader, cluster))
    cluster.kill(leader)
    for i in range(100, 200):
        await publish(i)
    after = await js.stream_info("ETS_ALLOCATION")
    assert after.cluster.leader != info.cluster.leader
    assert after.state.messages == 200 and sorted(acknowledged) == list(range(200))

    await asyncio.to_thread(cluster.restart, leader)
    observer = await nats.connect(cluster.servers, **connect_options(settings, "observer"))  # reads every copy
    sub = await observer.jetstream().subscribe("ets.allocation.probe.published.v1", ordered_consumer=True)
    bodies = [int((await sub.next_msg(timeout=5)).data) for _ in range(200)]
    assert sorted(bodies) == list(range(200)), "each acknowledged message once"
    await observer.close()
    await nc.close()


def _port(server_name: str, cluster: NatsCluster) -> int:
    return int(server_name.rsplit("-", 1)[1])
