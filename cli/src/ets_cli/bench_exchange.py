"""`ets bench --exchange --orders N [--via http|nats]`: orders through the exchange's public interface of the running
platform — `POST /orders`, or the members' NATS order gateway (request/reply on `ets.rpc.exchange.orders`, as the
`member-gateway` NATS identity, each request with its member's token; with `--mass M`, mass-order requests of M
orders on `ets.rpc.exchange.orders.mass`, each one trader's, an answer per order) — every accepted order journaled
durably (committed with its events before it is acknowledged), every trade settled through the registry, measured.

Set-up (not measured): `--traders` covered entities registered and allocated (allocation), admitted as exchange
members with trading accounts the registry opens; each deposits allowances into its trading account (a registry
transfer) and the settlement bank confirms its cash. Load: `--concurrency` clients send N limit orders around the
reference price (about a third marketable) — with `--sides one` (the default) each trader only buys (even-numbered
traders) or only sells (odd), as an entity short or long of allowances does; with `--sides both` every trader buys and
sells at random, so about one order in six meets the trader's own resting order and self-trade prevention cancels it
with a wash-trade alert (M-28) — each as soon as its previous one is acknowledged (so `--concurrency`
orders are outstanding at any time, and each order's latency is about that number over the throughput); with
`--rate R`, open loop instead: the requests go out at R orders per second whatever is unanswered, and each order's
latency counts from its request's due time (the latency at that load, not a consequence of the clients' number).
Latency percentiles are per order (a mass order's orders each take their request's). Then it waits until the
platform has drained (every trade delivered in the registry and settled) and reconciles the counts: orders
acknowledged = orders the exchange recorded, trades executed = trades settled, the registry's balances = the
exchange's custody. It prints the platform's CPU over the load and the drain, per service and per order, from
the services' own `/metrics` (`bench_cpu`): on a host whose cores the platform shares, whether a rate is CPU-bound;
how long each service's writers held and waited for its SQLite write lock (`bench_write_lock`): whether order
entry waits for settlement; and, over the load, each group commit's batches and its thread's busy time and CPU
(`bench_group_commit`): whether order entry's one thread is what the rate waits for."""
from __future__ import annotations

import asyncio
import json
import os
import random
import secrets
import time
from datetime import date, timedelta

import nats

from ets_cli import bench_cpu, bench_group_commit, bench_write_lock
from ets_cli.bench import machine
from ets_cli.client import ApiError, PlatformClient, run_against_platform, until
from ets_cli.demo import client_from_args, next_free_year
from ets_cli.platform import nats_options
from ets_cli.scenario import at

REFERENCE = 5000  # fen: 50.00 yuan
ORDERS_SUBJECT = "ets.rpc.exchange.orders"  # the exchange's members' order gateway (request/reply)
MASS_ORDERS_SUBJECT = "ets.rpc.exchange.orders.mass"  # many orders in one request, an answer per order
ALLOCATED = 400_000  # t: each trader's base-year emissions, so its allocation, which bounds what it can deposit


class ExchangeBench:
    def __init__(self, c: PlatformClient, orders: int, traders: int, concurrency: int, year: int,
                 gateway=None, mass: int = 0, rate: float = 0.0, sides: str = "one") -> None:
        # gateway: a nats-py connection
        self.c, self.n, self.k, self.limit, self.Y = c, orders, traders, concurrency, year
        self.gateway = gateway
        self.mass = mass  # orders per mass-order request (0: one order per request)
        self.rate = rate  # orders per second offered whatever is outstanding (0: `concurrency` clients in turn)
        self.sides = sides  # "one": a trader only buys (even) or only sells (odd); "both": either, at random
        run = secrets.token_hex(3).upper()
        self.entities = [f"X{run}-{i:03d}" for i in range(traders)]
        self.product = f"SHEA-{year}-{run}"
        self.latencies: list[float] = []
        self.answered: list[float] = []  # when each order's answer came (perf_counter), for the rate second by second
        self.started = 0.0
        self.accepted: dict[str, int] = {}
        self.refused = 0
        self.failed = 0

    @property
    def deposit(self) -> int:
        """Allowances each trader moves into trading: 100,000 t, or 60 t per order it sends when more (its orders
        are 1-100 t, 50.5 on average), so a long run's sellers do not run short and have orders refused (M-26)."""
        return max(100_000, min(ALLOCATED, 60 * -(-self.n // self.k)))

    def account(self, i: int) -> str:
        return f"X-M-{self.entities[i]}"

    async def setup(self) -> None:
        c, Y = self.c, self.Y
        await c.tick_and_wait(at(date(Y, 1, 10)))
        await c.post("allocation", "/plans", {"compliance_year": Y, "cap": 1_000_000 * self.k}, role="authority")
        await c.post("allocation", "/entities/batch", {"entities": [
            {"entity_id": e, "name": f"Trader {e}", "sector": "industry", "annual_emissions": 200_000}
            for e in self.entities]}, role="authority")
        await c.post("allocation", f"/plans/{Y}/entries", {"entries": [
            {"entity_id": e, "method": "historical", "base_years": {str(Y - 1): ALLOCATED}} for e in self.entities]},
            role="authority")
        await c.post("allocation", f"/plans/{Y}/approval", role="authority")
        await c.post("allocation", f"/plans/{Y}/issuance", role="authority")
        day = date(Y, 1, 12)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        await c.tick_and_wait(at(day, 10))
        accounts = {self.account(i) for i in range(self.k)}

        async def registry_knows() -> bool:
            listed = await c.get("allocation", "/registry/trading-accounts", role="exchange_operator",
                                 params={"limit": 1000})
            return accounts <= {a["trading_account_id"] for a in listed}

        await until(registry_knows, timeout=120, what="trading accounts opened in the registry")
        await c.post("exchange", "/products", {"product_id": self.product, "vintage": Y, "reference_price": "50.00"},
                     role="exchange_operator")
        for i, entity in enumerate(self.entities):
            await c.post("allocation", "/registry/transfers", {
                "from_account_id": f"ACC-{entity}", "to_account_id": self.account(i),
                "lines": [{"unit_type": "SHEA", "vintage": Y, "quantity": self.deposit}]}, role="entity", party=entity)
            await c.post("exchange", "/cash/deposits", {"movement_id": f"BANK-{entity}",
                                                        "trading_account_id": self.account(i),
                                                        "amount": "500000000.00"},
                         role="settlement_bank", party="BANK")

        async def credited() -> bool:
            for i in range(self.k):
                b = await c.get("exchange", f"/trading-accounts/{self.account(i)}/balances", role="exchange_operator")
                if not b["allowances"]:
                    return False
            return True

        await until(credited, timeout=120, what="allowances credited at the exchange")
        # the first order of a trading day expires the resting orders of earlier days (a previous run's): done here,
        # not measured — an immediate-or-cancel bid that rests nowhere
        await self.enter(f"M-{self.entities[0]}", {"trading_account_id": self.account(0), "product_id": self.product,
                                                   "side": "BUY", "price": "50.00", "quantity": 1,
                                                   "time_in_force": "IOC"})
        self.accepted[self.account(0)] = 1

    def _order(self, rng: random.Random) -> tuple[int, str, str, int]:
        i = rng.randrange(self.k)
        side = rng.choice(("BUY", "SELL"))
        if self.sides == "one":
            side = "SELL" if i % 2 else "BUY"
        offset = rng.randint(-50, 20) if side == "BUY" else rng.randint(-20, 50)
        return i, side, f"{(REFERENCE + offset) / 100:.2f}", rng.randint(1, 100)

    async def load(self) -> float:
        rng = random.Random(1)
        plan = [self._order(rng) for _ in range(self.n)]
        self.started = time.perf_counter()
        if self.rate:
            return await self._load_at_rate(self._requests(plan) if self.mass else [[entry] for entry in plan])
        if self.mass:
            return await self._load_mass(plan)
        queue = iter(plan)

        async def worker() -> None:
            for i, side, price, quantity in queue:
                body = {"trading_account_id": self.account(i), "product_id": self.product, "side": side,
                        "price": price, "quantity": quantity}
                t = time.perf_counter()
                status = await self.enter(f"M-{self.entities[i]}", body)
                self.answered.append(done := time.perf_counter())
                self.latencies.append(done - t)
                self._tally(i, status)

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(self.limit)))
        return time.perf_counter() - started

    def _requests(self, plan: list[tuple[int, str, str, int]]) -> list[list[tuple[int, str, str, int]]]:
        """The same orders as one per request, grouped: each trader's next `self.mass` orders (in the plan's order)
        make one mass-order request (its member's token), sent when the last of them comes up in the plan."""
        requests: list[list[tuple[int, str, str, int]]] = []
        waiting: dict[int, list[tuple[int, str, str, int]]] = {}
        for entry in plan:
            group = waiting.setdefault(entry[0], [])
            group.append(entry)
            if len(group) == self.mass:
                requests.append(waiting.pop(entry[0]))
        requests.extend(waiting.values())
        return requests

    async def _load_mass(self, plan: list[tuple[int, str, str, int]]) -> float:
        """The mass-order requests (`_requests`) sent by `self.limit` clients, each its next request as soon as its
        previous one is answered; every order's acknowledgement latency is its request's."""
        queue = iter(self._requests(plan))

        async def worker() -> None:
            for request in queue:
                await self._send(request, time.perf_counter())

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(self.limit)))
        return time.perf_counter() - started

    async def _load_at_rate(self, requests: list[list[tuple[int, str, str, int]]]) -> float:
        """Open loop: the requests sent at `self.rate` orders per second whatever is still unanswered — request k
        is due when the orders of requests 0..k have come up at that rate — and every order's latency counted from
        its request's due time, so a sender running late (or a platform falling behind) shows in the latency rather
        than lowering the load."""
        started, due_orders, sending = time.perf_counter(), 0, []
        for request in requests:
            due_orders += len(request)
            due = started + due_orders / self.rate
            if due > time.perf_counter():
                await asyncio.sleep(due - time.perf_counter())
            sending.append(asyncio.create_task(self._send(request, due)))
        await asyncio.gather(*sending)
        return time.perf_counter() - started

    async def _send(self, request: list[tuple[int, str, str, int]], since: float) -> None:
        """One request (a mass order when `self.mass`, else a single order) of one trader's orders; each order's
        answer counted and its latency (from `since`) kept."""
        i = request[0][0]
        bodies = [{"trading_account_id": self.account(i), "product_id": self.product, "side": side, "price": price,
                   "quantity": quantity} for _i, side, price, quantity in request]
        if not self.mass:
            status = await self.enter(f"M-{self.entities[i]}", bodies[0])
            self.answered.append(done := time.perf_counter())
            self.latencies.append(done - since)
            self._tally(i, status)
            return
        headers = {"Authorization": f"Bearer {self.c.token('member', f'M-{self.entities[i]}')}"}
        try:
            reply = await self.gateway.request(MASS_ORDERS_SUBJECT, json.dumps({"orders": bodies}).encode(),
                                               timeout=60, headers=headers)
        except nats.errors.TimeoutError:
            self.failed += len(request)
            return
        done = time.perf_counter()
        took = done - since
        results = json.loads(reply.data).get("results") if (reply.headers or {}).get("Status") == "200" else None
        if results is None:
            self.failed += len(request)
            return
        for result in results:
            self.answered.append(done)
            self.latencies.append(took)
            self._tally(i, result["status"])

    def _tally(self, trader: int, status: int) -> None:
        """One order's answer counted: accepted (201, per trading account), refused by a rule (422) or failed."""
        if status == 201:
            self.accepted[self.account(trader)] = self.accepted.get(self.account(trader), 0) + 1
        elif status == 422:
            self.refused += 1
        else:
            self.failed += 1

    async def enter(self, member: str, body: dict) -> int:
        """One order through the chosen interface; its status (201 accepted, 422 refused by a rule)."""
        if self.gateway is None:
            try:
                await self.c.post("exchange", "/orders", body, role="member", party=member)
                return 201
            except ApiError as exc:
                return exc.status
        headers = {"Authorization": f"Bearer {self.c.token('member', member)}"}
        try:
            reply = await self.gateway.request(ORDERS_SUBJECT, json.dumps(body).encode(), timeout=60,
                                               headers=headers)
        except nats.errors.TimeoutError:
            return 504
        return int((reply.headers or {}).get("Status", 500))

    async def reconcile(self) -> tuple[bool, int, int]:
        recorded = executed = settled = 0
        for i in range(self.k):
            offset = 0
            while True:
                page = await self.c.get("exchange", f"/trading-accounts/{self.account(i)}/orders",
                                        role="exchange_operator", params={"offset": offset, "limit": 1000})
                recorded += len(page)
                offset += len(page)
                if len(page) < 1000:
                    break
            offset = 0
            while True:
                page = await self.c.get("exchange", f"/trading-accounts/{self.account(i)}/trades",
                                        role="exchange_operator", params={"offset": offset, "limit": 1000})
                bought = [t for t in page if t["buyer_trading_account_id"] == self.account(i)]
                executed += len(bought)
                settled += sum(t["status"] == "SETTLED" for t in bought)
                offset += len(page)
                if len(page) < 1000:
                    break
        registry = await self.c.get("exchange", "/reconciliation/registry", role="exchange_operator")
        ok = recorded == sum(self.accepted.values()) and executed == settled and registry["agreed"] \
            and not registry["in_flight"]
        print(f"  reconciled: {sum(self.accepted.values()):,} orders acknowledged, {recorded:,} recorded; "
              f"{executed:,} trades executed, {settled:,} settled in the registry; registry vs exchange "
              f"{'agree' if registry['agreed'] else 'DIFFER: ' + str(registry['differences'][:5])}, "
              f"{len(registry['in_flight'])} in flight")
        return ok, executed, settled


async def _bench(args) -> int:
    async with client_from_args(args) as c:
        year = args.year or await next_free_year(c, 2025)
        gateway = None
        if getattr(args, "via", "http") == "nats":
            servers = (args.nats_url or c.nats_url).split(",")
            gateway = await nats.connect(servers, name="ets-bench-member-gateway",
                                         **nats_options("member-gateway", args.data_dir))
        mass = getattr(args, "mass", 0) if gateway is not None else 0
        rate = getattr(args, "rate", 0.0) or 0.0
        sides = getattr(args, "sides", "one")
        bench = ExchangeBench(c, args.orders, args.traders, args.concurrency, year, gateway, mass, rate, sides)
        via = "HTTP, POST /orders" if gateway is None else f"NATS request/reply, {ORDERS_SUBJECT}" if not mass \
            else f"NATS request/reply, {MASS_ORDERS_SUBJECT}, {mass} orders per request"
        load = f"offered at {rate:,.0f} orders/s" if rate else f"concurrency {args.concurrency}"
        mix = "each trader buying or selling" if sides == "one" else "every trader buying and selling"
        print(f"ets bench --exchange: {args.orders:,} orders from {args.traders} traders ({mix}), {load}, "
              f"year {year} ({via})", flush=True)
        measured = machine()
        await bench.setup()
        load_before = os.getloadavg()
        print(f"  set up; sending the orders (load average {load_before[0]:.1f})", flush=True)
        locks_before = await bench_cpu.read(c, bench_write_lock.parse)
        commits_before = await bench_cpu.read(c, bench_group_commit.parse)
        platform_before, window = await bench_cpu.read(c), time.perf_counter()
        cpu = time.process_time()
        elapsed = await bench.load()
        cpu = time.process_time() - cpu  # the load generator's own, on the same cores as the platform
        commits = bench_cpu.used(commits_before, await bench_cpu.read(c, bench_group_commit.parse))
        load_after = os.getloadavg()
        t = time.perf_counter()
        await c.drained(stall=args.stall)
        settle = time.perf_counter() - t
        platform = bench_cpu.used(platform_before, await bench_cpu.read(c))
        window = time.perf_counter() - window
        locks = bench_cpu.used(locks_before, await bench_cpu.read(c, bench_write_lock.parse))
        latencies = sorted(bench.latencies)
        p50, p90, p99, p999 = (percentile(latencies, q) for q in (0.5, 0.9, 0.99, 0.999))
        acknowledged = sum(bench.accepted.values())
        print(f"  {len(latencies):,} orders in {elapsed:.1f} s: {len(latencies) / elapsed:,.0f} orders/s "
              f"({acknowledged:,} accepted, {bench.refused:,} refused by a rule, {bench.failed} failed); "
              f"ack p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms (p90 {p90 * 1000:.1f}, p99.9 "
              f"{p999 * 1000:.1f}, max {latencies[-1] * 1000:.1f} ms); settlement drained {settle:.1f} s later")
        print(f"  answered per second: {per_second(bench.answered, bench.started)}; the load generator (this "
              f"process) used {cpu:.1f} s of CPU, {cpu / max(len(latencies), 1) * 1e6:.0f} µs per order")
        print(f"  {bench_cpu.report(platform, len(latencies), window, os.cpu_count() or 1)}")
        for line in bench_write_lock.report(locks, window):
            print(f"  {line}")
        for line in bench_group_commit.report(commits, elapsed):
            print(f"  {line}")
        ok, _executed, _settled = await bench.reconcile()
        print(f"  measured {measured}; load average {load_before[0]:.1f} before the load, {load_after[0]:.1f} after",
              flush=True)
        if gateway is not None:
            await gateway.drain()
        return 0 if ok and not bench.failed else 1


def per_second(answered: list[float], started: float) -> str:
    """How many answers came in each whole second from `started`, and in the last part-second (with its length): the
    rate as it went, so a slower start (caches filling, the books loaded) shows beside the run's average."""
    if not answered:
        return "none"
    end = max(answered) - started
    counts = [0] * (int(end) + 1)
    for t in answered:
        counts[min(int(t - started), len(counts) - 1)] += 1
    last = end - int(end)
    whole = " · ".join(f"{n:,}" for n in counts[:-1])
    tail = f"{counts[-1]:,} in the last {last:.2f} s"
    return f"{whole} · {tail}" if whole else tail


def percentile(ordered: list[float], q: float) -> float:
    """The `q` quantile of ascending values: the value at rank floor(q·n) (the highest for q near 1)."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def run(args) -> int:
    return run_against_platform("bench --exchange", _bench(args))
