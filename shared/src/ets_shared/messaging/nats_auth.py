"""Who may say what on NATS (issue 9, finding 5): one identity per service, one for the calendar ticker, one
read-only identity for observers (government systems, the departments' adapters), each with its own nkey.

An nkey is an Ed25519 key pair: the server holds only the public keys, each process holds its own seed (the secret)
and signs the server's challenge with it, so the server configuration holds no secret at all. The permissions:

| identity | publishes | subscribes |
|---|---|---|
| a service `S` | its events `ets.S.>`, its dead letters `ets.dlq.S`, requests to `ets.rpc.*.>`, replies to requests it received, the JetStream API for the platform's streams and for its own durable consumers `S--<producer>` (and its companion process's, `S-companion--<producer>`), acks of those consumers | its inbox `_INBOX.S.>`, its own `ets.rpc.S.>` |
| `calendar` | `ets.calendar.>`, stream information | its inbox |
| `observer` | no event: consumers of its own (create, pull, ack); never a service's consumer | `ets.>` except `ets.rpc.>`, its inbox |
| `member-gateway` | order requests to the exchange (`ets.rpc.exchange.orders`, one order; `ets.rpc.exchange.orders.mass`, many orders with an answer each); each request carries its member's token, which the exchange checks | its inbox |

Anything else is refused by the server (a permissions violation): an event published under another producer's
subject never reaches a stream or a consumer. The test suite adds a `harness` identity (everything allowed) that
plays the other services; it never exists outside the tests.
"""  # noqa: E501 - the table's rows are one line each
from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path

import nkeys

from ets_shared.contracts import CATALOGUE
from ets_shared.messaging.streams import DLQ_STREAM, PRODUCERS, dead_letter_subject, durable_name, stream_name
from ets_shared.settings import SERVICE_PORTS, PlatformSettings

SERVICES = tuple(SERVICE_PORTS)
CALENDAR, OBSERVER, HARNESS = "calendar", "observer", "harness"
MEMBER_GATEWAY = "member-gateway"  # exchange members' order gateways (the exchange's entrypoints.rpc)
MEMBER_ORDERS_SUBJECT = "ets.rpc.exchange.orders"
MEMBER_MASS_ORDERS_SUBJECT = "ets.rpc.exchange.orders.mass"  # many orders in one request, an answer per order
IDENTITIES = (*SERVICES, CALENDAR, OBSERVER, MEMBER_GATEWAY)
STREAMS = (*(stream_name(p) for p in PRODUCERS), DLQ_STREAM)
STREAM_READ = ["$JS.API.INFO", "$JS.API.STREAM.NAMES", "$JS.API.STREAM.LIST",
               *(f"$JS.API.STREAM.INFO.{s}" for s in STREAMS)]


def inbox(identity: str) -> str:
    return f"_INBOX.{identity}"


def _consumer_api(stream: str, consumer: str) -> list[str]:
    return [f"$JS.API.CONSUMER.{verb}.{stream}.{consumer}"
            for verb in ("CREATE", "INFO", "DELETE", "MSG.NEXT", "UNPIN")]


def _legacy_durables(service: str, producer: str) -> list[str]:
    """The one-consumer-per-contract durables of the earlier layout, which a service deletes once it has taken over
    their position (`stream_consumer.StreamConsumer.ensure`)."""
    return [f"{durable_name(service, producer)}-{subject.split('.', 2)[2].replace('.', '-')}"
            for subject, contract in CATALOGUE.items() if contract.contract.producer == producer]


def _service(service: str) -> dict:
    publish = [f"ets.{service}.>", dead_letter_subject(service), "ets.rpc.*.>", *STREAM_READ,
               *(f"$JS.API.STREAM.{verb}.{s}" for s in STREAMS for verb in ("CREATE", "UPDATE"))]
    for producer in PRODUCERS:
        stream = stream_name(producer)
        publish += [f"$JS.API.CONSUMER.NAMES.{stream}", f"$JS.API.STREAM.MSG.GET.{stream}"]
        for durable in (durable_name(service, producer), durable_name(service, producer, companion=True)):
            publish += [*_consumer_api(stream, durable), f"$JS.ACK.{stream}.{durable}.>"]
        publish += [f"$JS.API.CONSUMER.{verb}.{stream}.{legacy}" for legacy in _legacy_durables(service, producer)
                    for verb in ("INFO", "DELETE")]
    return {"publish": {"allow": publish},
            "subscribe": {"allow": [f"{inbox(service)}.>", f"ets.rpc.{service}.>"]},
            "allow_responses": True}


def _calendar() -> dict:
    return {"publish": {"allow": ["ets.calendar.>", *STREAM_READ]}, "subscribe": {"allow": [f"{inbox(CALENDAR)}.>"]}}


def _observer() -> dict:
    """Reads events and runs consumers of its own; never publishes an event, never touches a service's consumer."""
    service_consumers = [(stream_name(p), durable_name(s, p, companion)) for s in SERVICES for p in PRODUCERS
                         for companion in (False, True)]
    deny = [subject for stream, durable in service_consumers for subject in (
        f"$JS.API.CONSUMER.*.{stream}.{durable}", f"$JS.API.CONSUMER.*.{stream}.{durable}.>",
        f"$JS.API.CONSUMER.*.*.{stream}.{durable}", f"$JS.ACK.{stream}.{durable}.>")]
    allow = [*STREAM_READ, "$JS.API.CONSUMER.CREATE.>", "$JS.API.CONSUMER.DURABLE.CREATE.>",
             "$JS.API.CONSUMER.INFO.>", "$JS.API.CONSUMER.NAMES.>", "$JS.API.CONSUMER.MSG.NEXT.>", "$JS.ACK.>",
             "$JS.FC.>"]
    return {"publish": {"allow": allow, "deny": deny},
            "subscribe": {"allow": ["ets.>", f"{inbox(OBSERVER)}.>"], "deny": ["ets.rpc.>"]}}


def _member_gateway() -> dict:
    """Sends order requests to the exchange and reads the replies; nothing else (no event, no stream)."""
    return {"publish": {"allow": [MEMBER_ORDERS_SUBJECT, MEMBER_MASS_ORDERS_SUBJECT]},
            "subscribe": {"allow": [f"{inbox(MEMBER_GATEWAY)}.>"]}}


def permissions(identity: str) -> dict:
    if identity in SERVICES:
        return _service(identity)
    if identity == CALENDAR:
        return _calendar()
    if identity == OBSERVER:
        return _observer()
    if identity == MEMBER_GATEWAY:
        return _member_gateway()
    raise ValueError(f"no NATS identity {identity!r} (one of {', '.join(IDENTITIES)})")


# -- keys -------------------------------------------------------------------------------------------------------
def new_seed() -> str:
    return nkeys.encode_seed(os.urandom(32), nkeys.PREFIX_BYTE_USER).decode()


def public_key(seed: str) -> str:
    return nkeys.from_seed(bytearray(seed.encode())).public_key.decode()


def ensure_keys(keys_dir: Path, identities: Iterable[str] = IDENTITIES) -> dict[str, str]:
    """A seed per identity in `keys_dir/<identity>.nk` (mode 0600), made once and kept; returns the public keys."""
    keys_dir.mkdir(parents=True, exist_ok=True)
    keys_dir.chmod(0o700)
    public = {}
    for identity in identities:
        path = keys_dir / f"{identity}.nk"
        if not path.exists():
            path.touch(0o600)
            path.write_text(new_seed() + "\n")
        public[identity] = public_key(path.read_text().strip())
    return public


def seed_for(settings: PlatformSettings, identity: str) -> str | None:
    if settings.nats_nkey_seed is not None:
        return settings.nats_nkey_seed.get_secret_value().strip()
    path = settings.nats_keys_path / f"{identity}.nk"
    return path.read_text().strip() if path.is_file() else None


def connect_options(settings: PlatformSettings, identity: str) -> dict:
    """What `nats.connect` needs to act as `identity`: its seed and its inbox. No seed: an unauthenticated
    connection (a NATS without authorization, e.g. an external one), refused in production."""
    identity = settings.nats_identity or identity
    seed = seed_for(settings, identity)
    if seed is None:
        if settings.environment == "production":
            raise RuntimeError(f"no NATS key for {identity}: set ETS_NATS_NKEY_SEED (see deploy/README.md)")
        return {}
    return {"nkeys_seed_str": seed, "inbox_prefix": inbox(identity)}


# -- the server's side -------------------------------------------------------------------------------------------
def authorization(public_keys: Mapping[str, str], *, harness_password: str | None = None) -> dict:
    """The `authorization` block of nats-server's configuration: one user per identity, by public key (a value
    starting with `$` is left for nats-server to read from its environment, as in deploy/)."""
    users: list[dict] = [{"nkey": key, "permissions": permissions(identity)} for identity, key in public_keys.items()]
    if harness_password is not None:
        users.append({"user": HARNESS, "password": harness_password})
    return {"users": users}


def env_name(identity: str, what: str) -> str:
    """`ETS_NATS_<IDENTITY>_NKEY` (public key, for the servers) or `..._SEED` (the secret, for that process)."""
    return f"ETS_NATS_{identity.upper().replace('-', '_')}_{what}"


def deploy_authorization() -> str:
    """deploy/nats/auth.conf (and deploy/k8s/nats-auth.conf): the users, each public key read by nats-server from its
    environment, so the file holds no key and is the same for every deployment (`./ets nats-auth` writes it)."""
    users = authorization({identity: "$" + env_name(identity, "NKEY") for identity in IDENTITIES})
    return ("# Generated by `./ets nats-auth` from ets_shared.messaging.nats_auth -- do not edit by hand.\n"
            "# One user per identity; nats-server reads each public key from its environment (ETS_NATS_<ID>_NKEY),\n"
            "# made with `./ets nats-keys`, whose seeds (ETS_NATS_<ID>_SEED) go to the processes only.\n"
            "authorization " + render(users) + "\n")


def render(value: object) -> str:
    """nats-server configuration syntax (JSON, except that `$NAME` stays a variable reference)."""
    text = json.dumps(value, indent=2)
    for name in {v for v in _strings(value) if v.startswith("$") and not v.startswith("$JS")}:
        text = text.replace(json.dumps(name), name)
    return text


def _strings(value: object) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)
