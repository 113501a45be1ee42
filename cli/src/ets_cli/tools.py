"""Small operator tools: `ets tick`, `ets token`, `ets calendar`, `ets asyncapi`, `ets migrations`."""
from __future__ import annotations

import asyncio
import importlib
import json
import os
from datetime import datetime
from pathlib import Path

import nats

from ets_cli.platform import SERVICES, development_secret, nats_options
from ets_shared.auth import issue_token
from ets_shared.calendar import publish_tick, run_wall_clock
from ets_shared.clock import REGULATORY_TZ
from ets_shared.settings import PlatformSettings

ROOT = Path(__file__).resolve().parents[3]


def package(service: str) -> str:
    return service.replace("-", "_")


def tick(args) -> int:
    now = datetime.fromisoformat(args.now)
    now = now if now.tzinfo else now.replace(tzinfo=REGULATORY_TZ)

    async def go() -> None:
        nc = await nats.connect(args.nats_url or PlatformSettings().nats_url, **nats_options("calendar", args.data_dir))
        envelope = await publish_tick(nc.jetstream(), now)
        await nc.drain()
        print(f"published {envelope.event_type} now={envelope.data.now.isoformat()}")

    asyncio.run(go())
    return 0


def calendar(args) -> int:
    async def go() -> None:
        nc = await nats.connect(args.nats_url or PlatformSettings().nats_url, max_reconnect_attempts=-1,
                                **nats_options("calendar", args.data_dir))
        stop = asyncio.Event()
        print(f"ticking every {args.interval}s from the wall clock (Ctrl-C stops)", flush=True)
        try:
            await run_wall_clock(nc.jetstream(), args.interval, stop)
        finally:
            await nc.drain()

    try:
        asyncio.run(go())
    except KeyboardInterrupt:
        pass
    return 0


def token(args) -> int:
    secret = os.environ.get("ETS_JWT_SECRET") or development_secret(Path(args.data_dir).resolve())
    print(issue_token(PlatformSettings(jwt_secret=secret), subject=args.subject or args.role, role=args.role,
                      party_id=args.party, ttl_seconds=args.ttl))
    return 0


def asyncapi_document(service: str) -> dict:
    """What `faststream docs gen --factory <pkg>.entrypoints.main:asyncapi` writes, for one service."""
    main = importlib.import_module(f"{package(service)}.entrypoints.main")
    return main.asyncapi().schema.to_specification().to_jsonable()


def asyncapi_path(service: str) -> Path:
    return ROOT / "services" / service / "asyncapi.json"


def asyncapi(args) -> int:
    for service in args.services or SERVICES:
        path = asyncapi_path(service)
        path.write_text(json.dumps(asyncapi_document(service), indent=2, sort_keys=True) + "\n")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


def migrations(args) -> int:
    from ets_shared.persistence.migrations import autogenerate

    orm = importlib.import_module(f"{package(args.service)}.adapters.orm")
    base = next(v for k, v in vars(orm).items() if k.endswith("Table") and hasattr(v, "metadata"))
    autogenerate(ROOT / "services" / args.service / "src" / package(args.service) / "migrations", base.metadata,
                 "alembic_version", args.message)
    return 0


PUBLISHED = ROOT / "tests" / "contracts" / "published"


def published_schema_path(subject: str) -> Path:
    return PUBLISHED / f"{subject}.json"


def freeze(args) -> int:
    """Record the schema of every contract not yet published. A published schema is never rewritten: changing it
    incompatibly needs a new v<N+1> contract (its own subject, frozen beside the old one)."""
    from ets_shared.contracts import CATALOGUE

    PUBLISHED.mkdir(parents=True, exist_ok=True)
    for subject, contract in sorted(CATALOGUE.items()):
        path = published_schema_path(subject)
        if not path.exists():
            path.write_text(json.dumps(contract.model_json_schema(), indent=2, sort_keys=True) + "\n")
            print(f"froze {path.relative_to(ROOT)}")
    return 0


def nats_keys(args) -> int:
    """A fresh nkey pair per NATS identity, as KEY=value lines for compose's `.env` or k8s `secrets.env`."""
    from ets_shared.messaging.nats_auth import IDENTITIES, env_name, new_seed, public_key

    for identity in IDENTITIES:
        seed = new_seed()
        print(f"{env_name(identity, 'NKEY')}={public_key(seed)}")
        print(f"{env_name(identity, 'SEED')}={seed}")
    return 0


NATS_AUTH_FILES = (ROOT / "deploy" / "nats" / "auth.conf", ROOT / "deploy" / "k8s" / "nats-auth.conf")


def nats_auth(args) -> int:
    """Write the production NATS users and permissions (the same as the embedded platform's) into deploy/."""
    from ets_shared.messaging.nats_auth import deploy_authorization

    for path in NATS_AUTH_FILES:
        path.write_text(deploy_authorization())
        print(f"wrote {path.relative_to(ROOT)}")
    return 0
