"""Every `ets` sub-command, declared with typer: names, options and help. Each command's work lives in its own
module, imported only when the command runs (so `ets --help` stays fast); it receives the options as one namespace
(`args.<option>`), as it did under argparse."""
from __future__ import annotations

import importlib
import os
import subprocess
import sys
from argparse import Namespace
from enum import Enum
from pathlib import Path
from typing import Any, Optional

import typer

ROOT = Path(__file__).resolve().parents[3]
DATA_DIR = os.environ.get("ETS_DATA_DIR", str(ROOT / ".ets"))
SERVICES = ("allocation", "mrv", "verifier-oversight", "exchange", "enforcement")


class Department(str, Enum):
    credit_platform = "credit_platform"
    market_regulation = "market_regulation"
    tax = "tax"
    finance = "finance"
    project_approval = "project_approval"


class Stream(str, Enum):
    mix = "mix"
    limit_queue = "limit-queue"


class Via(str, Enum):
    http = "http"
    nats = "nats"


class Sides(str, Enum):
    one = "one"
    both = "both"



app = typer.Typer(name="ets", help="Shanghai ETS platform: run it, drive a compliance year through it, benchmark it, "
                                   "and regenerate what is derived from its code.",
                  no_args_is_help=True, add_completion=False, rich_markup_mode="markdown",
                  context_settings={"help_option_names": ["-h", "--help"]})

DataDir = typer.Option(DATA_DIR, "--data-dir", help="the embedded platform's data folder (keys, secret, databases)")
NatsUrl = typer.Option(None, "--nats-url", help="NATS to use (default: the embedded platform's)")
Host = typer.Option("http://127.0.0.1", "--host", help="where the services listen")


def run_tests(pytest_args: list[str]) -> int:
    """The whole test suite: shared, every service, cross-service (contracts, e2e, deploy, the console's browser
    tests — Chromium installed first when missing, `ets_cli.browser`); pytest's exit code."""
    from ets_cli.browser import ensure_chromium

    ensure_chromium()
    return subprocess.call([sys.executable, "-m", "pytest", *pytest_args], cwd=ROOT, env=os.environ.copy())


def call(target: str, options: dict[str, Any]) -> int:
    """Run `module:function` (a module of ets_cli, or a service's dotted module) with the options as `args`."""
    module, _, function = target.partition(":")
    module = module if "." in module else f"ets_cli.{module}"
    options = {k: v.value if isinstance(v, Enum) else v for k, v in options.items()}
    code = int(getattr(importlib.import_module(module), function or "run")(Namespace(**options)) or 0)
    if code:
        raise typer.Exit(code)
    return 0


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True}, add_help_option=False)
def test(ctx: typer.Context) -> int:
    """Run the whole test suite (what CI runs); every later argument goes to pytest."""
    code = run_tests(list(ctx.args))
    if code:
        raise typer.Exit(code)
    return 0


@app.command(rich_help_panel="Derived from the code")
def lint(only: Optional[list[str]] = typer.Option(None, help="ruff or mypy (repeatable); default: both")) -> int:
    """Ruff and mypy as CI runs them (before the tests); exit 1 on any finding."""
    return call("lint", locals())


@app.command(rich_help_panel="Run the platform")
def up(data_dir: str = DataDir,
       nats_url: Optional[str] = typer.Option(None, help="use this NATS instead of starting the bundled one"),
       nats_port: Optional[int] = typer.Option(None, min=1, max=65535, help="port of the bundled NATS (default 4250)"),
       cluster: bool = typer.Option(False, "--cluster", help="three bundled nats-server nodes (ports 4250-4252) as "
                                                             "one cluster, every stream at R3"),
       postgres: Optional[str] = typer.Option(None, help="PostgreSQL server URL: one database per service on it"),
       timeout: float = typer.Option(90.0, min=1, max=3600,
                                     help="seconds to wait for every service to be ready")) -> int:
    """Start NATS and the five services (embedded default) until Ctrl-C."""
    return call("up", locals())


@app.command(rich_help_panel="Drive the platform")
def demo(year: Optional[int] = typer.Option(None, min=2013, max=2100,
                                            help="default: the first year after every service's clock"),
         run: Optional[str] = typer.Option(None, help="id suffix for this run's entities (default: random)"),
         host: str = Host, nats_url: Optional[str] = NatsUrl, data_dir: str = DataDir) -> int:
    """Drive one compliance year through the running platform and show what it recorded for each entity."""
    return call("demo", locals())


@app.command(rich_help_panel="Run the platform")
def browser() -> int:
    """Install Debian's chromium for the console's browser tests when missing (what `ets test` does first); prints
    its path."""
    return call("browser", locals())


@app.command(rich_help_panel="Benchmarks")
def bench(entities: int = typer.Option(1000, min=1, max=1_000_000, help="synthetic entities in the compliance year"),
          exchange: bool = typer.Option(False, "--exchange", help="benchmark (2) of issue 5: orders through the "
                                                                  "exchange's HTTP or NATS interface settled in the "
                                                                  "registry"),
          orders: int = typer.Option(20_000, min=1, max=10_000_000, help="with --exchange: orders to send"),
          traders: int = typer.Option(20, min=2, max=1_000, help="with --exchange: trading entities"),
          concurrency: int = typer.Option(32, min=1, max=10_000,
                                          help="surrenders (with --exchange: orders) in flight at once"),
          via: Via = typer.Option("http", help="with --exchange: POST /orders, or the members' NATS order gateway "
                                               "(request/reply)"),
          mass: int = typer.Option(0, min=0, max=200,
                                   help="with --exchange --via nats: orders per mass-order request (each request "
                                        "one trader's orders; 0: one order per request)"),
          rate: float = typer.Option(0.0, min=0, max=1_000_000,
                                     help="with --exchange --via nats: offer this many orders per second "
                                          "whatever is unanswered (open loop, latency from each request's due "
                                          "time) instead of --concurrency clients in turn"),
          sides: Sides = typer.Option("one", help="with --exchange: each trader only buys (even-numbered) or only "
                                                  "sells (odd), as a covered entity short or long of allowances "
                                                  "does; or `both`: every trader buys and sells at random, so some "
                                                  "orders meet the trader's own resting ones (self-trade prevention, "
                                                  "wash-trade alerts)"),
          stall: float = typer.Option(120.0, min=1, max=86_400, help="fail when nothing moves for this many seconds"),
          year: Optional[int] = typer.Option(None, min=2013, max=2100,
                                             help="default: the first year after every service's clock"),
          host: str = Host, nats_url: Optional[str] = NatsUrl, data_dir: str = DataDir) -> int:
    """Benchmark a compliance year for N synthetic entities (or, with --exchange, orders through the exchange's HTTP
    interface settled in the registry), with a progress bar per step."""
    return call("bench", locals())


@app.command(rich_help_panel="Benchmarks")
def chaos(entities: int = typer.Option(300, min=1, max=100_000, help="synthetic entities in the compliance year"),
          kills: int = typer.Option(10, min=0, max=1_000, help="services SIGKILLed (random service, random moment)"),
          seed: int = typer.Option(1, min=0, max=2**31, help="seed of the kills' schedule"),
          concurrency: int = typer.Option(16, min=1, max=1_000, help="calls in flight at once"),
          data_dir: Optional[str] = typer.Option(None, help="default: a fresh temporary folder")) -> int:
    """A compliance year on a 3-node NATS cluster while services and one NATS node are SIGKILLed; checks nothing was
    lost or applied twice."""
    return call("chaos", locals())


@app.command(rich_help_panel="Drive the platform")
def timeline(correlation_id: Optional[str] = typer.Option(None, help="the case's correlation id"),
             entity: Optional[str] = typer.Option(None, help="with --year: the entity whose case it is"),
             year: Optional[int] = typer.Option(None, min=2013, max=2100, help="with --entity: the compliance year"),
             limit: int = typer.Option(1000, min=1, max=1000, help="entries per service (1-1000)"),
             json: bool = typer.Option(False, "--json", help="the merged timeline as JSON instead of a table"),
             host: str = Host, data_dir: str = DataDir) -> int:
    """Everything about one compliance case across the five services, in order: events published and consumed,
    audit records."""
    return call("timeline", locals())


@app.command("nats-keys", rich_help_panel="Deployment")
def nats_keys() -> int:
    """Print a fresh nkey pair per NATS identity (KEY=value lines for deployment)."""
    return call("tools:nats_keys", {})


@app.command("nats-auth", rich_help_panel="Derived from the code")
def nats_auth() -> int:
    """Regenerate the NATS users and permissions in deploy/ from the code."""
    return call("tools:nats_auth", {})


@app.command("bench-engine", rich_help_panel="Benchmarks")
def bench_engine(stream: Stream = typer.Option("mix", help="the realistic mix, or one long queue at a price limit"),
                 ops: int = typer.Option(1_000_000, min=100, max=100_000_000, help="operations in the stream"),
                 seed: int = typer.Option(1, min=0, max=2**31, help="seed of the stream"),
                 depth: int = typer.Option(1_000, min=1, max=10_000_000,
                                           help="resting orders the stream keeps the book near"),
                 repeat: int = typer.Option(5, min=1, max=100,
                                            help="throughput passes (the median is printed)")) -> int:
    """Benchmark the exchange's matching engine in-process on a seeded stream."""
    return call("exchange.entrypoints.engine_bench:run", locals())


@app.command("bench-order-entry", rich_help_panel="Benchmarks")
def bench_order_entry(orders: int = typer.Option(20_000, min=100, max=1_000_000, help="orders to enter"),
                      batch: int = typer.Option(32, min=1, max=500, help="orders per place_orders transaction "
                                                                         "(the sequencer takes what waits, up to 500)"),
                      traders: int = typer.Option(20, min=2, max=200, help="traders: even-numbered buy, odd sell"),
                      seed: int = typer.Option(1, min=0, max=2**31, help="seed of the order stream"),
                      database_url: Optional[str] = typer.Option(None, help="an empty database to migrate and use "
                                                                            "(default: SQLite in a temporary folder)")
                      ) -> int:
    """Benchmark the exchange's order entry (the sequencer's batch transaction) in-process, without NATS or HTTP."""
    return call("exchange.entrypoints.order_entry_bench:run", locals())


@app.command("bench-registry", rich_help_panel="Benchmarks")
def bench_registry(database_url: Optional[str] = typer.Option(None, help="a PostgreSQL server URL (a database is "
                                                                         "created on it and dropped after); default: "
                                                                         "a new SQLite file"),
                   transfers: int = typer.Option(20_000, min=1, max=10_000_000,
                                                 help="registry transfers to time, in bulk requests and as "
                                                      "deliveries"),
                   bulk: int = typer.Option(1_000, min=1, max=100_000, help="holders' transfers per bulk request"),
                   single: int = typer.Option(20_000, min=0, max=10_000_000,
                                              help="holders' single transfers to time (concurrent callers, "
                                                   "group-committed)"),
                   holders: int = typer.Option(100, min=2, max=1_000_000, help="holders transferring to each other"),
                   callers: int = typer.Option(64, min=1, max=10_000,
                                               help="concurrent callers of single transfers (the group commit "
                                                    "registers what is waiting in one transaction)"),
                   batch: int = typer.Option(256, min=1, max=100_000,
                                             help="trade deliveries per transaction (the consumer's batch)"),
                   verify: int = typer.Option(1_000_000, min=0, max=100_000_000,
                                              help="chain length whose verification is timed")) -> int:
    """Benchmark registry transfers per second (hash chain on) and the verification of a 1,000,000-transaction
    chain, in-process."""
    return call("allocation.entrypoints.ledger_bench:run", locals())


@app.command(rich_help_panel="Drive the platform")
def tick(now: str = typer.Argument(..., help="the instant, ISO 8601 (Shanghai time if it names no zone)"),
         nats_url: Optional[str] = NatsUrl,
         data_dir: str = typer.Option(DATA_DIR, help="where the embedded platform keeps the calendar's NATS key")
         ) -> int:
    """Publish ets.calendar.tick.v1 for an instant (ISO 8601; Shanghai if no zone)."""
    return call("tools:tick", locals())


@app.command(rich_help_panel="Run the platform")
def calendar(wall_clock: bool = typer.Option(False, "--wall-clock", help="tick from the wall clock (required)"),
             interval: float = typer.Option(60.0, min=0.01, max=86_400, help="seconds between ticks"),
             nats_url: Optional[str] = NatsUrl,
             data_dir: str = typer.Option(DATA_DIR, help="where the embedded platform keeps the calendar's NATS key")
             ) -> int:
    """Publish wall-clock ticks (production scheduler)."""
    if not wall_clock:
        raise typer.BadParameter("the only clock it ticks from is the wall clock: give --wall-clock",
                                 param_hint="--wall-clock")
    return call("tools:calendar", locals())


@app.command(rich_help_panel="Drive the platform")
def token(role: str = typer.Option(..., help="the role the token carries, e.g. authority, entity, agency"),
          party: Optional[str] = typer.Option(None, help="entity/agency/verifier/member id the token acts for"),
          subject: Optional[str] = typer.Option(None, help="the person acting (default: the role)"),
          ttl: int = typer.Option(8 * 3600, min=1, max=366 * 86_400, help="seconds the token is valid"),
          data_dir: str = DataDir) -> int:
    """Mint a bearer token (embedded platform's secret, or ETS_JWT_SECRET)."""
    return call("tools:token", locals())


@app.command(rich_help_panel="Run the platform")
def department(department: Department = typer.Option(..., "--as", help="the department it runs for"),
               nats_url: Optional[str] = NatsUrl,
               store: Optional[str] = typer.Option(None, help="its SQLite store (default: "
                                                              "`<data-dir>/departments/<name>.sqlite`)"),
               exit_when_idle: Optional[float] = typer.Option(None, min=0.1, max=86_400,
                                                              help="stop after this many seconds without "
                                                                   "events"),
               ack_wait: float = typer.Option(30.0, min=1, max=86_400,
                                              help="seconds before an event held by a dead adapter is "
                                                   "delivered again (made on first start)"),
               data_dir: str = DataDir) -> int:
    """A government department's reference adapter: a durable consumer of the enforcement events that concern it,
    into its own store."""
    return call("department", locals())


@app.command(rich_help_panel="Derived from the code")
def asyncapi(services: Optional[list[str]] = typer.Argument(None, help="services (default: all five)")) -> int:
    """Regenerate services/*/asyncapi.json from code."""
    return call("tools:asyncapi", locals())


@app.command(rich_help_panel="Derived from the code")
def clients(services: Optional[list[str]] = typer.Argument(None, help="services (default: all five)")) -> int:
    """Regenerate the typed Python client of each service (`clients/ets-client-<service>/`) from its OpenAPI
    document."""
    unknown = sorted(set(services or ()) - set(SERVICES))
    if unknown:
        raise typer.BadParameter(f"unknown service {', '.join(unknown)} (one of {', '.join(SERVICES)})",
                                 param_hint="SERVICES")
    return call("clients", locals())


@app.command("contracts-freeze", rich_help_panel="Derived from the code")
def contracts_freeze() -> int:
    """Record the schema of every newly published event contract."""
    return call("tools:freeze", {})


@app.command(rich_help_panel="Derived from the code")
def migrations(service: str = typer.Argument(..., help="the service whose tables changed"),
               message: str = typer.Option(..., "-m", "--message", help="the revision's message")) -> int:
    """Autogenerate an Alembic revision for a service's tables."""
    return call("tools:migrations", locals())


@app.command(rich_help_panel="Benchmarks")
def mutate(service: Optional[list[str]] = typer.Option(None, help="a service (repeatable); default: all five"),
           module: Optional[list[str]] = typer.Option(None, help="a domain module, e.g. compliance (repeatable; "
                                                                 "in each chosen service that has it); default: "
                                                                 "every domain module"),
           rules: bool = typer.Option(False, "--rules", help="only the seven rule modules of the README's first "
                                                             "table (compliance, factors, recheck, evaluation, "
                                                             "articles, penalties, measures)"),
           survivors: bool = typer.Option(False, "--survivors", help="show the diff of every surviving mutant"),
           max_children: int = typer.Option(1, min=1, max=64, help="mutants tested at once"),
           nice: int = typer.Option(10, min=0, max=19, help="niceness of the mutmut process"),
           verbose: bool = typer.Option(False, "--verbose", help="show mutmut's own output"),
           data_dir: str = DataDir) -> int:
    """Mutation testing (mutmut 3) of the services' domain modules against their unit tests; a table of killed /
    survived per module."""
    return call("mutate", locals())
