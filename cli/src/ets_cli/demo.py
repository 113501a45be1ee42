"""`ets demo`: drive one compliance year through the running platform and print what happened to each entity."""
from __future__ import annotations

import os
import secrets
from datetime import datetime
from pathlib import Path


from ets_cli.client import PlatformClient, run_against_platform
from ets_cli.platform import configured_ports, development_secret, nats_options
from ets_cli.scenario import YearRun
from ets_cli.ui import console, table
from ets_shared.clock import REGULATORY_TZ
from ets_shared.settings import EMBEDDED_NATS_PORT


def client_from_args(args) -> PlatformClient:
    secret = os.environ.get("ETS_JWT_SECRET") or development_secret(Path(args.data_dir).resolve())
    urls = {s: f"{args.host}:{p}" for s, p in configured_ports().items()}
    return PlatformClient(urls=urls, jwt_secret=secret, nats_url=args.nats_url or f"nats://127.0.0.1:{EMBEDDED_NATS_PORT}",
                          nats_options=nats_options("calendar", args.data_dir))


async def next_free_year(client: PlatformClient, default: int) -> int:
    """A year whose dates all lie after every service's regulatory clock (the clock never goes back)."""
    clocks = [c for c in (await client.clocks()).values() if c is not None]
    return max(c.year for c in clocks) + 1 if clocks else default


def _log(line: str) -> None:
    console.print(line, markup=False)


def _n(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def print_outcomes(year: int, outcomes: dict) -> None:
    """The table of what the platform computed for each entity (every figure read back from its APIs)."""
    rows = []
    for o in outcomes.values():
        reported = "missing" if o["report_missing"] and o["reported"] is None else _n(o["reported"])
        verified = "missing" if o["verification_missing"] and o["verified"] is None else _n(o["verified"])
        basis = (o["basis"] or "-") + (" late" if o["determined_late"] else "")
        cases = "\n".join(f"{c['article']} {c['status']}" + (f" {c['fine']}" if c["fine"] else "")
                           for c in o["cases"]) or "-"
        status = o["status"] or ("reporting-only" if not o["covered"] else "-")
        rows.append((o["name"], reported, verified, _n(o["determined"]), basis, ", ".join(o["triggers"]) or "-",
                     _n(o["surrendered"]), o["surrender_until"] or "-", status, cases))
    console.print()
    console.print(table(f"Compliance year {year}: what the platform recorded for each entity",
                        ["entity", "reported", "verified", "determined", "basis", "triggers", "surrendered", "until",
                         "obligation", "cases"], rows, numeric=["reported", "verified", "determined", "surrendered"]))
    console.print()
    for entity_id, o in outcomes.items():
        console.print(f"  [bold]{entity_id} {o['name']}[/bold]: {o['story']}")


async def _demo(args) -> int:
    async with client_from_args(args) as client:
        year = args.year or await next_free_year(client, datetime.now(REGULATORY_TZ).year - 1)
        run = args.run or secrets.token_hex(2).upper()
        console.print(f"Running compliance year {year} (run {run}) through the platform's public APIs and calendar "
                      "ticks\n")
        with console.status("the platform is working…"):
            outcomes = await YearRun(client, year, run, log=_log).run_all()
        print_outcomes(year, outcomes)
    return 0


def run(args) -> int:
    return run_against_platform("demo", _demo(args))
