"""Registers every `ets` sub-command; each lives in its own module."""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
DATA_DIR = os.environ.get("ETS_DATA_DIR", str(ROOT / ".ets"))


def run_tests(pytest_args: list[str]) -> int:
    """The whole test suite: shared, every service, cross-service (contracts, e2e, deploy); pytest's exit code."""
    return subprocess.call([sys.executable, "-m", "pytest", *pytest_args], cwd=ROOT, env=os.environ.copy())


def _lazy(module: str, function: str = "run"):  # import on use keeps `ets --help` fast
    def call(args) -> int:
        import importlib

        return getattr(importlib.import_module(f"ets_cli.{module}"), function)(args)

    return call


def _service_command(module: str):  # a command that lives in a service package
    def call(args) -> int:
        import importlib

        return importlib.import_module(module).run(args)

    return call


def register(sub) -> None:
    p = sub.add_parser("up", help="start NATS and the five services (embedded default) until Ctrl-C")
    p.add_argument("--data-dir", default=DATA_DIR)
    p.add_argument("--nats-url", default=None, help="use this NATS instead of starting the bundled one")
    p.add_argument("--nats-port", type=int, default=None, help="port of the bundled NATS (default 4250)")
    p.add_argument("--cluster", action="store_true",
                   help="three bundled nats-server nodes (ports 4250-4252) as one cluster, every stream at R3")
    p.add_argument("--postgres", default=None, help="PostgreSQL server URL: one database per service on it")
    p.add_argument("--timeout", type=float, default=90.0)
    p.set_defaults(func=_lazy("up"))

    p = sub.add_parser("test", help="run the whole test suite (what CI runs); later arguments go to pytest")
    p.add_argument("pytest_args", nargs=argparse.REMAINDER, help="pytest arguments, passed through")
    p.set_defaults(func=lambda args: run_tests(args.pytest_args))

    p = sub.add_parser("lint", help="ruff and mypy as CI runs them (before the tests); exit 1 on any finding")
    p.add_argument("--only", action="append", choices=["ruff", "mypy"], help="one check (repeatable); default both")
    p.set_defaults(func=_lazy("lint"))

    p = sub.add_parser("demo", help="drive one compliance year through the running platform")
    p.add_argument("--year", type=int, default=None, help="default: the first year after every service's clock")
    p.add_argument("--run", default=None, help="id suffix for this run's entities (default: random)")
    p.add_argument("--host", default="http://127.0.0.1")
    p.add_argument("--nats-url", default=None)
    p.add_argument("--data-dir", default=DATA_DIR)
    p.set_defaults(func=_lazy("demo"))

    p = sub.add_parser("bench", help="benchmark a compliance year for N synthetic entities (or, with --exchange, "
                                     "orders through the exchange's HTTP interface settled in the registry)")
    p.add_argument("--entities", type=int, default=1000)
    p.add_argument("--exchange", action="store_true", help="benchmark (2) of issue 5: orders through the exchange")
    p.add_argument("--orders", type=int, default=20_000, help="with --exchange: orders to send")
    p.add_argument("--traders", type=int, default=20, help="with --exchange: trading entities")
    p.add_argument("--concurrency", type=int, default=32, help="surrenders in flight at once")
    p.add_argument("--stall", type=float, default=120.0, help="fail when nothing moves for this many seconds")
    p.add_argument("--year", type=int, default=None)
    p.add_argument("--host", default="http://127.0.0.1")
    p.add_argument("--nats-url", default=None)
    p.add_argument("--data-dir", default=DATA_DIR)
    p.set_defaults(func=_lazy("bench"))

    p = sub.add_parser("chaos", help="a compliance year on a 3-node NATS cluster while services and one NATS node "
                                     "are SIGKILLed; checks nothing was lost or applied twice")
    p.add_argument("--entities", type=int, default=300)
    p.add_argument("--kills", type=int, default=10, help="services SIGKILLed (random service, random moment)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--data-dir", default=None, help="default: a fresh temporary folder")
    p.set_defaults(func=_lazy("chaos"))

    p = sub.add_parser("nats-keys", help="print a fresh nkey pair per NATS identity (KEY=value lines for deployment)")
    p.set_defaults(func=_lazy("tools", "nats_keys"))

    p = sub.add_parser("nats-auth", help="regenerate the NATS users and permissions in deploy/ from the code")
    p.set_defaults(func=_lazy("tools", "nats_auth"))

    p = sub.add_parser("bench-engine", help="benchmark the exchange's matching engine in-process on a seeded stream")
    p.add_argument("--stream", choices=["mix", "limit-queue"], default="mix",
                   help="the realistic mix, or one long queue at a price limit")
    p.add_argument("--ops", type=int, default=1_000_000, help="operations in the stream")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--depth", type=int, default=1_000, help="resting orders the stream keeps the book near")
    p.add_argument("--repeat", type=int, default=5, help="throughput passes (the median is printed)")
    p.set_defaults(func=_service_command("exchange.entrypoints.engine_bench"))

    p = sub.add_parser("bench-registry", help="benchmark registry transfers per second (hash chain on) and the "
                                              "verification of a 1,000,000-transaction chain, in-process")
    p.add_argument("--database-url", default=None, help="a PostgreSQL server URL (a database is created on it and "
                                                        "dropped after); default: a new SQLite file")
    p.add_argument("--transfers", type=int, default=20_000, help="registry transfers to time")
    p.add_argument("--holders", type=int, default=100)
    p.add_argument("--threads", type=int, default=1, help="holders' transfers in flight at once")
    p.add_argument("--batch", type=int, default=256, help="trade deliveries per transaction (the consumer's batch)")
    p.add_argument("--verify", type=int, default=1_000_000, help="chain length whose verification is timed")
    p.set_defaults(func=_service_command("allocation.entrypoints.ledger_bench"))

    p = sub.add_parser("tick", help="publish ets.calendar.tick.v1 for an instant (ISO 8601; Shanghai if no zone)")
    p.add_argument("now")
    p.add_argument("--nats-url", default=None)
    p.add_argument("--data-dir", default=DATA_DIR, help="where the embedded platform keeps the calendar's NATS key")
    p.set_defaults(func=_lazy("tools", "tick"))

    p = sub.add_parser("calendar", help="publish wall-clock ticks (production scheduler)")
    p.add_argument("--wall-clock", action="store_true", required=True)
    p.add_argument("--interval", type=float, default=60.0)
    p.add_argument("--nats-url", default=None)
    p.add_argument("--data-dir", default=DATA_DIR, help="where the embedded platform keeps the calendar's NATS key")
    p.set_defaults(func=_lazy("tools", "calendar"))

    p = sub.add_parser("token", help="mint a bearer token (embedded platform's secret, or ETS_JWT_SECRET)")
    p.add_argument("--role", required=True)
    p.add_argument("--party", default=None, help="entity/agency/verifier/member id the token acts for")
    p.add_argument("--subject", default=None)
    p.add_argument("--ttl", type=int, default=8 * 3600)
    p.add_argument("--data-dir", default=DATA_DIR)
    p.set_defaults(func=_lazy("tools", "token"))

    p = sub.add_parser("department", help="a government department's reference adapter: a durable consumer of the "
                                          "enforcement events that concern it, into its own store")
    p.add_argument("--as", dest="department", required=True,
                   choices=["credit_platform", "market_regulation", "tax", "finance", "project_approval"])
    p.add_argument("--nats-url", default=None)
    p.add_argument("--store", default=None, help="its SQLite store (default: <data-dir>/departments/<name>.sqlite)")
    p.add_argument("--exit-when-idle", type=float, default=None, help="stop after this many seconds without events")
    p.add_argument("--ack-wait", type=float, default=30.0,
                   help="seconds before an event held by a dead adapter is delivered again (made on first start)")
    p.add_argument("--data-dir", default=DATA_DIR)
    p.set_defaults(func=_lazy("department"))

    p = sub.add_parser("asyncapi", help="regenerate services/*/asyncapi.json from code")
    p.add_argument("services", nargs="*")
    p.set_defaults(func=_lazy("tools", "asyncapi"))

    p = sub.add_parser("contracts-freeze", help="record the schema of every newly published event contract")
    p.set_defaults(func=_lazy("tools", "freeze"))

    p = sub.add_parser("migrations", help="autogenerate an Alembic revision for a service's tables")
    p.add_argument("service")
    p.add_argument("-m", "--message", required=True)
    p.set_defaults(func=_lazy("tools", "migrations"))

    p = sub.add_parser("mutate", help="mutation testing (mutmut 3) of the services' domain modules against their "
                                      "unit tests; prints killed / survived per module")
    p.add_argument("--service", action="append", help="a service (repeatable); default: all five")
    p.add_argument("--module", action="append", help="a domain module of it, e.g. compliance (repeatable); "
                                                     "default: every domain module")
    p.add_argument("--rules", action="store_true", help="only the rule modules the README's figures cover")
    p.add_argument("--survivors", action="store_true", help="show the diff of every surviving mutant")
    p.add_argument("--max-children", type=int, default=1, help="mutants tested at once (default 1)")
    p.add_argument("--nice", type=int, default=10, help="niceness of the mutmut process (default 10)")
    p.add_argument("--verbose", action="store_true", help="show mutmut's own output")
    p.add_argument("--data-dir", default=DATA_DIR)
    p.set_defaults(func=_lazy("mutate"))
