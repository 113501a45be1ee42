"""`ets demo`: drive one compliance year through the running platform and print what happened to each entity."""
from __future__ import annotations

import asyncio
import os
import secrets
from datetime import datetime
from pathlib import Path


from ets_cli.client import PlatformClient, run_against_platform
from ets_cli.platform import configured_ports, development_secret
from ets_cli.scenario import YearRun
from ets_shared.settings import EMBEDDED_NATS_PORT


def client_from_args(args) -> PlatformClient:  # noqa: ANN001
    secret = os.environ.get("ETS_JWT_SECRET") or development_secret(Path(args.data_dir).resolve())
    urls = {s: f"{args.host}:{p}" for s, p in configured_ports().items()}
    return PlatformClient(urls=urls, jwt_secret=secret, nats_url=args.nats_url or f"nats://127.0.0.1:{EMBEDDED_NATS_PORT}")


async def next_free_year(client: PlatformClient, default: int) -> int:
    """A year whose dates all lie after every service's regulatory clock (the clock never goes back)."""
    clocks = [c for c in (await client.clocks()).values() if c is not None]
    return max(c.year for c in clocks) + 1 if clocks else default


def print_outcomes(year: int, outcomes: dict) -> None:
    print(f"\nCompliance year {year}: what happened to each entity\n")
    header = f"{'entity':<24}{'reported':>10}{'verified':>10}{'determined':>12}  {'basis':<13}{'triggers':<24}" \
             f"{'surrendered':>12}  {'obligation':<12}{'case':<10}{'fine':>10}"
    print(header)
    print("-" * len(header))
    for entity_id, o in outcomes.items():
        case = o["case"] or {}
        print(f"{o['name']:<24}{o['reported']:>10,}{o['verified']:>10,}{o['determined']:>12,}  {o['basis']:<13}"
              f"{','.join(o['triggers']) or '-':<24}{o['surrendered']:>12,}  {o['status']:<12}"
              f"{case.get('status', '-'):<10}{case.get('fine') or '-':>10}")
    print()
    for entity_id, o in outcomes.items():
        print(f"  {entity_id} {o['name']}: {o['story']}")


async def _demo(args) -> int:  # noqa: ANN001
    async with client_from_args(args) as client:
        year = args.year or await next_free_year(client, datetime.now().year - 1)
        run = args.run or secrets.token_hex(2).upper()
        print(f"Running compliance year {year} (run {run}) through the platform's public APIs and calendar ticks\n")
        outcomes = await YearRun(client, year, run).run_all()
        print_outcomes(year, outcomes)
    return 0


def run(args) -> int:  # noqa: ANN001
    return run_against_platform("demo", _demo(args))
