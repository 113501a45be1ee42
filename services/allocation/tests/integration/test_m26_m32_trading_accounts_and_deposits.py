"""Exchange trading accounts in the registry and a holder's deposits into them, over the real service (M-26 ¶2,
M-32, M-23, M-19): opened from the exchange's events, linked to the participant's holding account; a holder commits
allowances to its own trading account only; every refusal changes nothing."""
from __future__ import annotations

import pytest

from ets_shared.contracts.allocation import RegistryTransferRegistered
from ets_shared.testing.service import eventually

pytestmark = pytest.mark.asyncio
REGISTERED = RegistryTransferRegistered.contract.subject


def deposit(*args, **kwargs) -> tuple:
    """The arguments of `World.transfer`, for a parametrised case (the fixture's helpers are not importable)."""
    return args, kwargs


async def test_m26_trading_account_opened_once_linked_to_the_participants_holding_account(world):
    await world.register("E-1")
    await world.from_exchange(world.opened("X-M-E-1", "M-E-1", covered_entity_id="E-1"), copies=2)
    await world.from_exchange(world.opened("X-M-E-1", "M-E-1", covered_entity_id="E-1"))  # re-published: no change
    await world.from_exchange(world.opened("X-M-9", "M-9"))
    await world.from_exchange(world.opened("X-C-1", "C-1", member_id="M-9", kind="client"))
    await world.from_exchange(world.opened("X-M-GHOST", "M-GHOST", covered_entity_id="E-404"))

    trading = await world.account("X-M-E-1")
    assert (trading["kind"], trading["holder_id"], trading["linked_account_id"]) == ("exchange_trading", "E-1",
                                                                                     "ACC-E-1")
    assert trading["participant"]["member_id"] == "M-E-1" and trading["holdings"] == []
    member, client = await world.account("X-M-9"), await world.account("X-C-1")
    assert (member["linked_account_id"], member["holder_id"]) == ("ACC-MEMBER-M-9", "M-9")
    assert (client["linked_account_id"], client["holder_id"]) == ("ACC-CLIENT-C-1", "C-1")
    assert (await world.account("ACC-CLIENT-C-1"))["kind"] == "exchange_client"
    ghost = await world.svc.client.get("/registry/accounts/X-M-GHOST", headers=world.authority)
    assert ghost.status_code == 404  # E-404 holds no account here: nothing opened, the audit trail says why
    audit = (await world.svc.client.get("/audit", params={"subject_ref": "trading-account:X-M-GHOST"},
                                        headers=world.authority)).json()
    assert [a["action"] for a in audit] == ["allocation.trading-account.not-opened"]

    listed = await world.svc.client.get("/registry/trading-accounts", headers=world.svc.auth("exchange_operator"))
    assert [a["trading_account_id"] for a in listed.json()] == ["X-C-1", "X-M-9", "X-M-E-1"]
    page = await world.svc.client.get("/registry/trading-accounts", params={"offset": 1, "limit": 1},
                                      headers=world.authority)
    assert [a["trading_account_id"] for a in page.json()] == ["X-M-9"]
    for bad in ({"limit": 0}, {"limit": 1001}, {"offset": -1}):
        r = await world.svc.client.get("/registry/trading-accounts", params=bad, headers=world.authority)
        assert r.status_code == 422
    refused = await world.svc.client.get("/registry/trading-accounts", headers=world.entity("E-1"))
    assert refused.status_code == 403
    mine = await world.svc.client.get("/registry/accounts", headers=world.svc.auth("member", party_id="M-9"))
    assert [a["account_id"] for a in mine.json()] == ["ACC-CLIENT-C-1", "ACC-MEMBER-M-9", "X-C-1", "X-M-9"]
    other = await world.svc.client.get("/registry/accounts/X-M-E-1", headers=world.svc.auth("member", party_id="M-9"))
    assert other.status_code == 403


async def test_m26_trading_accounts_opened_in_one_batch_are_each_opened_once(world):
    """Openings consumed together are written together at the batch's commit: a later opening of the batch still
    sees an earlier one (a re-published opening changes nothing; a member's second trading account finds the holding
    account its first opened), and every one is there afterwards."""
    await world.register("E-1", "E-2")
    events = [world.opened("X-M-E-1", "M-E-1", covered_entity_id="E-1"),
              world.opened("X-M-E-1", "M-E-1", covered_entity_id="E-1"),  # re-published, another event id
              world.opened("X-M-9", "M-9"), world.opened("X-M-9-B", "M-9"),
              world.opened("X-M-E-2", "M-E-2", covered_entity_id="E-2")]
    published = [await world.from_exchange(e, wait=False) for e in events]
    await eventually(lambda: world.processed(*(str(p.event_id) for p in published)))

    listed = await world.svc.client.get("/registry/trading-accounts", headers=world.authority)
    assert [a["trading_account_id"] for a in listed.json()] == ["X-M-9", "X-M-9-B", "X-M-E-1", "X-M-E-2"]
    assert (await world.account("X-M-9-B"))["linked_account_id"] == "ACC-MEMBER-M-9"
    assert (await world.account("X-M-E-2"))["linked_account_id"] == "ACC-E-2"
    audit = (await world.svc.client.get("/audit", params={"subject_ref": "trading-account:X-M-E-1"},
                                        headers=world.authority)).json()
    assert [a["action"] for a in audit] == ["allocation.trading-account.opened"]


async def test_m26_holder_commits_allowances_to_its_own_trading_account(world):
    await world.trading()
    async with world.listen(REGISTERED) as events:
        r = await world.svc.client.post("/registry/transfers", json=world.transfer("ACC-E-1", "X-M-E-1"),
                                        headers=world.entity("E-1") | {"Idempotency-Key": "dep-1",
                                                                       "X-Correlation-Id": "case-dep-1"})
        assert r.status_code == 201, r.text
        again = await world.svc.client.post("/registry/transfers", json=world.transfer("ACC-E-1", "X-M-E-1"),
                                            headers=world.entity("E-1") | {"Idempotency-Key": "dep-1"})
        assert again.json() == r.json()  # replayed: registered once
        by_member = await world.svc.client.post("/registry/transfers", json=world.transfer("ACC-E-1", "X-M-E-1", 1_000),
                                                headers=world.svc.auth("member", party_id="M-E-1"))
        assert by_member.status_code == 201, by_member.text  # the entity's member acts for it (M-22)
        await eventually(lambda: len(events) == 2)
    tx = r.json()
    assert (tx["kind"], tx["purpose"]) == ("transfer", "exchange_deposit")
    assert await world.held("ACC-E-1", "X-M-E-1") == {"ACC-E-1": [("SHEA", 2025, 5_000)],
                                                      "X-M-E-1": [("SHEA", 2025, 5_000)]}
    data = events[0]["data"]
    assert events[0]["correlation_id"] == "case-dep-1"
    assert (data["transaction_id"], data["purpose"], data["reference"]) == (tx["transaction_id"], "exchange_deposit",
                                                                            None)
    assert (data["from_holder_id"], data["to_holder_id"]) == ("E-1", "E-1")
    statement = (await world.svc.client.get("/registry/accounts/X-M-E-1/transactions",
                                            headers=world.entity("E-1"))).json()
    assert [(t["purpose"], t["lines"][0]["quantity"]) for t in statement] == [("exchange_deposit", 4_000),
                                                                              ("exchange_deposit", 1_000)]
    entity_statement = (await world.svc.client.get("/entities/E-1/transactions", headers=world.entity("E-1"))).json()
    assert [t["purpose"] for t in entity_statement] == [None, "exchange_deposit", "exchange_deposit"]  # issue first
    listed = (await world.svc.client.get("/registry/trading-accounts", headers=world.authority)).json()
    assert [(a["trading_account_id"], a["balances"]) for a in listed] == [
        ("X-M-E-1", [{"vintage": 2025, "quantity": 5_000}]), ("X-M-E-2", [])]


@pytest.mark.parametrize("who, body, status, field, article", [
    # a holder's own trading account is debited only by the exchange's instructions
    ("E-1", deposit("X-M-E-1", "ACC-E-1", 1), 422, "from_account_id", "M-26"),
    # only into the trading account linked to the holding account it leaves
    ("E-1", deposit("ACC-E-1", "X-M-E-2"), 422, "to_account_id", "M-26"),
    # allowances change holders only by trading on the exchange
    ("E-1", deposit("ACC-E-1", "ACC-E-2"), 422, "to_account_id", "M-23"),
    # only allowances enter a trading account
    ("E-1", deposit("ACC-E-1", "X-M-E-1", 1, unit_type="CCER", vintage=2023), 422, "lines[0].unit_type", "M-19"),
    ("E-1", deposit("ACC-E-1", "X-M-E-1", 10_001), 422, "lines[0].quantity", "M-32"),
    ("E-1", deposit("ACC-E-1", "X-M-E-1", 1, vintage=2026), 422, "lines[0].quantity", "M-32"),
    ("E-1", deposit("ACC-E-1", "X-M-404"), 404, "to_account_id", None),
    ("E-1", deposit("ACC-E-1", "AUTHORITY-CANCELLATION"), 422, "to_account_id", "M-32"),
    # another holder's units, another member's trading account, and roles that hold nothing
    ("E-2", deposit("ACC-E-1", "X-M-E-1"), 403, "from_account_id", "M-32"),
    ("E-2", deposit("X-M-E-1", "ACC-E-2"), 403, "from_account_id", "M-32"),
    ("member:M-E-2", deposit("ACC-E-1", "X-M-E-1"), 403, "from_account_id", "M-32"),
    ("authority", deposit("ACC-E-1", "X-M-E-1"), 403, None, "M-32"),
    ("exchange_operator", deposit("X-M-E-1", "ACC-E-1"), 403, None, "M-32"),
    # malformed: named fields, nothing registered
    ("E-1", deposit("ACC-E-1", "X-M-E-1", 0), 422, "lines[0].quantity", None),
    ("E-1", deposit("ACC-E-1", "X-M-E-1", lines=[{"unit_type": "SHEA", "vintage": 2025, "quantity": 1.5}]), 422,
     "lines[0].quantity", None),
    ("E-1", deposit("ACC-E-1", "X-M-E-1", 1, vintage=2012), 422, "lines[0].vintage", None),
    ("E-1", deposit("ACC-E-1", "X-M-E-1", 1, unit_type="EUA"), 422, "lines[0].unit_type", None),
    ("E-1", deposit("ACC-E-1", "X-M-E-1", lines=[]), 422, "lines", None),
    ("E-1", deposit("ACC-E-1", "X" * 81), 422, "to_account_id", None),
])
async def test_m26_m23_m19_refused_transfers_change_nothing(world, who, body, status, field, article):
    args, kwargs = body[0], dict(body[1])  # the parameter is shared by both backends' runs: not changed
    lines = kwargs.pop("lines", None)
    body = world.transfer(*args, **kwargs) | ({"lines": lines} if lines is not None else {})
    await world.trading()
    async with world.listen(REGISTERED) as registered:  # the set-up deposit's event out before the refused attempt
        await world.svc.client.post("/registry/transfers", json=world.transfer("ACC-E-1", "X-M-E-1", 1_000),
                                    headers=world.entity("E-1"))
        await eventually(lambda: [e for e in registered if e["data"]["to_account_id"] == "X-M-E-1"])
    before = await world.held("ACC-E-1", "X-M-E-1", "ACC-E-2", "X-M-E-2")
    if who.startswith("E-"):
        headers = world.entity(who)
    elif who.startswith("member:"):
        headers = world.svc.auth("member", party_id=who.removeprefix("member:"))
    else:
        headers = world.svc.auth(who)
    async with world.listen(REGISTERED) as events:
        r = await world.svc.client.post("/registry/transfers", json=body, headers=headers)
    assert r.status_code == status, r.text
    problem = r.json()
    assert r.headers["content-type"].startswith("application/problem+json")
    if field is not None:
        assert problem.get("field") == field or f"'body.{field}'" in problem["detail"], problem
    assert problem.get("article") == article
    assert await world.held("ACC-E-1", "X-M-E-1", "ACC-E-2", "X-M-E-2") == before
    assert events == []


async def test_m32_account_views_are_bounded_and_a_holders_own(world):
    await world.trading()
    client, auth = world.svc.client, world.entity("E-1")
    assert (await client.get("/registry/accounts/" + "X" * 81, headers=auth)).status_code == 422
    assert (await client.get("/registry/accounts/X-M-E-1/transactions", params={"limit": 1001},
                             headers=auth)).status_code == 422
    assert (await client.get("/registry/accounts/X-M-E-2/transactions", headers=auth)).status_code == 403
    assert (await client.get("/registry/accounts/ACC-E-2", headers=auth)).status_code == 403
    assert (await client.get("/registry/accounts/NOPE", headers=auth)).status_code == 404
    mine = (await client.get("/registry/accounts", headers=auth)).json()
    assert [(a["account_id"], a["kind"]) for a in mine] == [("ACC-E-1", "entity_holding"),
                                                           ("X-M-E-1", "exchange_trading")]
    assert (await client.get("/registry/accounts", headers=world.authority)).status_code == 403
    operator = world.svc.auth("exchange_operator")
    assert (await client.get("/registry/accounts/X-M-E-2", headers=operator)).status_code == 200
    assert (await client.get("/registry/accounts/ACC-E-2", headers=operator)).status_code == 403


async def test_m26_m32_bulk_transfers_each_judged_on_what_the_ones_before_left(world):
    """`POST /registry/transfers/batch`: one result per transfer in request order; a transfer is judged on the
    registry as the accepted ones before it left it (the last 6,000 of 10,000 after 4,000: accepted; 6,001: refused)
    and a refused one changes nothing; each registered one is published under its own correlation id."""
    await world.trading()
    body = {"transfers": [world.transfer("ACC-E-1", "X-M-E-1") | {"correlation_id": "case-bulk-0"},
                          world.transfer("ACC-E-1", "X-M-E-1", 6_001),
                          world.transfer("ACC-E-1", "X-M-E-1", 6_000),
                          world.transfer("ACC-E-2", "X-M-E-2", 1),
                          world.transfer("ACC-E-1", "ACC-E-2", 1)]}
    async with world.listen(REGISTERED) as events:
        r = await world.svc.client.post("/registry/transfers/batch", json=body, headers=world.entity("E-1"))
        assert r.status_code == 200, r.text
        await eventually(lambda: len(events) == 2)
    result = r.json()
    assert (result["accepted"], result["refused"]) == (2, 3)
    assert [i["status"] for i in result["results"]] == [201, 422, 201, 403, 422]
    refused = {i["index"]: (i["problem"]["field"], i["problem"].get("article")) for i in result["results"]
               if i["problem"]}
    assert refused == {1: ("transfers[1].lines[0].quantity", "M-32"), 3: ("transfers[3].from_account_id", "M-32"),
                       4: ("transfers[4].to_account_id", "M-23")}
    registered = [i["result"] for i in result["results"] if i["result"]]
    assert [t["lines"][0]["quantity"] for t in registered] == [4_000, 6_000]
    assert await world.held("ACC-E-1", "X-M-E-1", "X-M-E-2") == {"ACC-E-1": [], "X-M-E-1": [("SHEA", 2025, 10_000)],
                                                                "X-M-E-2": []}
    assert events[0]["correlation_id"] == "case-bulk-0"
    assert events[1]["correlation_id"] not in ("case-bulk-0", events[0]["correlation_id"])
    assert [e["data"]["transaction_id"] for e in events] == [t["transaction_id"] for t in registered]
    chain = await world.svc.client.get("/registry/ledger/audit", headers=world.authority)
    assert chain.json()["intact"] is True


@pytest.mark.parametrize("who, transfers, status", [
    ("authority", 1, 403),            # the authority orders no transfers between holders
    ("exchange_operator", 1, 403),
    ("E-1", 0, 422),                  # 1 to 1,000 transfers a request
    ("E-1", 1_001, 422),
])
async def test_m32_bulk_transfers_refused_whole_for_the_wrong_role_or_size(world, who, transfers, status):
    await world.trading()
    headers = world.entity(who) if who.startswith("E-") else world.svc.auth(who)
    body = {"transfers": [world.transfer("ACC-E-1", "X-M-E-1", 1)] * transfers}
    r = await world.svc.client.post("/registry/transfers/batch", json=body, headers=headers)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    if status == 422:
        assert "transfers" in r.text
    assert await world.held("ACC-E-1", "X-M-E-1") == {"ACC-E-1": [("SHEA", 2025, 10_000)], "X-M-E-1": []}


async def test_m26_a_batch_of_openings_with_a_poison_in_the_middle_opens_the_others_once(world):
    """The registry accounts a batch of openings opens are written together at its commit: a poison in the middle
    rolls the whole batch back, the events are applied one by one (the poison dead-lettered, the others opened —
    the second trading account of a member still finds the holding account the first opened), and the batch
    redelivered changes nothing."""
    from sqlalchemy import func, select

    from ets_shared.envelope import MessageContext, wrap
    from ets_shared.messaging.consumers import Delivery, routes_by_producer
    from ets_shared.persistence.tables import DeadLetter
    from allocation.adapters.orm import AccountRow
    from allocation.service_layer.handlers import EVENT_HANDLERS

    routes = routes_by_producer(EVENT_HANDLERS)["exchange"]
    await world.register("E-1")
    poison = world.opened("X-M-8", "M-8").model_copy(update={"name": "N" * 301})
    envelopes = [wrap(e, producer="exchange", context=MessageContext.new("exchange")) for e in (
        world.opened("X-M-9", "M-9"), poison, world.opened("X-M-9-B", "M-9"),
        world.opened("X-M-E-1", "M-E-1", covered_entity_id="E-1"))]
    batch = [Delivery.decode(type(e.data).contract.subject, e.model_dump_json().encode(), routes) for e in envelopes]

    await world.svc.runtime.applier.apply(batch)
    await world.svc.runtime.applier.apply(batch)  # redelivered
    assert world.processed(*(str(e.event_id) for i, e in enumerate(envelopes) if i != 1))
    with world.svc.runtime.read_session_factory() as session:
        dead = session.execute(select(DeadLetter.event_id)).scalars().all()
        opened = session.execute(select(AccountRow.account_id, func.count()).where(AccountRow.account_id.in_(
            ["ACC-MEMBER-M-9", "X-M-9", "X-M-9-B", "X-M-E-1", "X-M-8", "ACC-MEMBER-M-8"]))
            .group_by(AccountRow.account_id)).all()
    assert set(dead) == {str(envelopes[1].event_id)}  # only the poison (each time it is delivered)
    assert sorted(opened) == [("ACC-MEMBER-M-9", 1), ("X-M-9", 1), ("X-M-9-B", 1), ("X-M-E-1", 1)]
    assert (await world.account("X-M-9-B"))["linked_account_id"] == "ACC-MEMBER-M-9"
    assert (await world.account("X-M-E-1"))["linked_account_id"] == "ACC-E-1"
    listed = await world.svc.client.get("/registry/trading-accounts", headers=world.authority)
    assert [a["trading_account_id"] for a in listed.json()] == ["X-M-9", "X-M-9-B", "X-M-E-1"]
