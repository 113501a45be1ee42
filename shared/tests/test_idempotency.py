"""Findings 1 and 2 of issue 9: an `Idempotency-Key` a crashed request left claimed can be taken over (exactly one
effect), and keys belong to the caller (role, subject, party), not to the token string."""
from __future__ import annotations

import hashlib
import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from ets_shared.auth import issue_token
from ets_shared.clock import utcnow
from ets_shared.envelope import MessageContext
from ets_shared.http.idempotency import caller_scope
from ets_shared.persistence.claims import Claim, ClaimTakenOver, current_claim
from ets_shared.persistence.tables import IdempotencyRecord, OutboxMessage
from ets_shared.settings import ServiceSettings
from ets_shared.testing.service import running_service

from toy_service import ToyMember, admit, build_runtime

pytestmark = pytest.mark.asyncio
PAYLOAD = {"member_id": "M1", "name": "Broker", "deposit": 1}


@pytest.fixture
def settings(database_url, test_settings_overrides) -> ServiceSettings:
    return ServiceSettings.for_service("exchange", database_url=database_url("toy"),
                                       **{**test_settings_overrides, "idempotency_lease_seconds": 30})


def bearer(settings, subject: str = "op-1", ttl: int = 3600) -> str:
    return "Bearer " + issue_token(settings, subject=subject, role="exchange_operator", ttl_seconds=ttl)


def request_hash(path: str, body: dict) -> str:
    return hashlib.sha256(b"|".join([b"POST", path.encode(), b"", json.dumps(body).encode()])).hexdigest()


def leave_claim(runtime, authorization: str, key: str, *, lease_left: float, committed: bool = False) -> None:
    """What a request killed after claiming its key leaves behind: a claim without a response."""
    now = utcnow()
    with runtime.session_factory() as session:
        session.add(IdempotencyRecord(
            key=key, principal=caller_scope(runtime.settings, authorization), method="POST", path="/members",
            request_hash=request_hash("/members", PAYLOAD), created_at=now, claim_id="crashed-process",
            lease_expires_at=now + timedelta(seconds=lease_left), committed_at=now if committed else None))
        session.commit()


def count(runtime, table) -> int:
    with runtime.session_factory() as session:
        return session.execute(select(func.count()).select_from(table)).scalar_one()


async def post(svc, authorization: str, key: str, body: dict = PAYLOAD):
    return await svc.client.post("/members", content=json.dumps(body),
                                 headers={"Authorization": authorization, "Idempotency-Key": key,
                                          "Content-Type": "application/json"})


async def test_a_claim_left_by_a_crashed_request_is_taken_over_after_its_lease_with_exactly_one_effect(settings):
    async with running_service(build_runtime, settings) as svc:
        auth = bearer(settings)
        leave_claim(svc.runtime, auth, "kill-test-1", lease_left=-1)  # the process is gone; its lease ran out
        retry = await post(svc, auth, "kill-test-1")
        assert retry.status_code == 201, retry.text
        again = await post(svc, auth, "kill-test-1")
        assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
        assert again.json() == retry.json()
        assert count(svc.runtime, ToyMember) == 1 and count(svc.runtime, OutboxMessage) == 1


async def test_a_claim_from_before_leases_existed_is_taken_over(settings):
    async with running_service(build_runtime, settings) as svc:
        auth = bearer(settings)
        leave_claim(svc.runtime, auth, "old-row", lease_left=0)
        with svc.runtime.session_factory() as session:  # the shape rows had before: no claim id, no lease
            row = session.get(IdempotencyRecord, ("old-row", caller_scope(settings, auth)))
            row.claim_id, row.lease_expires_at = None, None
            session.commit()
        assert (await post(svc, auth, "old-row")).status_code == 201
        assert count(svc.runtime, ToyMember) == 1


async def test_while_the_lease_holds_a_retry_is_told_in_progress_and_nothing_is_applied(settings):
    async with running_service(build_runtime, settings) as svc:
        auth = bearer(settings)
        leave_claim(svc.runtime, auth, "busy", lease_left=20)
        busy = await post(svc, auth, "busy")
        assert busy.status_code == 409 and busy.json()["type"] == "urn:ets:problem:idempotency-in-progress"
        assert count(svc.runtime, ToyMember) == 0


async def test_a_request_whose_claim_was_taken_over_does_not_commit_its_effect(settings):
    """The fence: the old request (still alive after its lease ran out) reaches its commit after a retry took the
    key over; its transaction is refused, so only the retry's effect exists."""
    async with running_service(build_runtime, settings) as svc:
        auth = bearer(settings)
        leave_claim(svc.runtime, auth, "slow", lease_left=-1)
        assert (await post(svc, auth, "slow")).status_code == 201  # the retry took over and applied it
        token = current_claim.set(Claim("slow", caller_scope(settings, auth), "crashed-process"))
        try:
            with pytest.raises(ClaimTakenOver), svc.runtime.uow(MessageContext.new("test")) as uow:
                admit(uow, "M-late", "Late", None)
                uow.commit()
        finally:
            current_claim.reset(token)
        assert count(svc.runtime, ToyMember) == 1 and count(svc.runtime, OutboxMessage) == 1


async def test_applied_but_answer_lost_is_said_so_not_applied_again(settings):
    async with running_service(build_runtime, settings) as svc:
        auth = bearer(settings)
        leave_claim(svc.runtime, auth, "lost", lease_left=-1, committed=True)
        retry = await post(svc, auth, "lost")
        assert retry.status_code == 409 and retry.json()["type"] == "urn:ets:problem:idempotency-response-lost"
        assert count(svc.runtime, ToyMember) == 0


async def test_a_retry_with_a_freshly_minted_token_of_the_same_caller_replays_the_first_answer(settings):
    async with running_service(build_runtime, settings) as svc:
        first_token, fresh_token = bearer(settings, ttl=3600), bearer(settings, ttl=3500)
        assert first_token != fresh_token
        first = await post(svc, first_token, "deposit-1")
        retry = await post(svc, fresh_token, "deposit-1")
        assert first.status_code == retry.status_code == 201
        assert retry.headers["idempotent-replayed"] == "true" and retry.json() == first.json()
        with svc.runtime.session_factory() as session:  # the effect's transaction stamped the claim (the fence ran)
            record = session.get(IdempotencyRecord, ("deposit-1", caller_scope(settings, first_token)))
            assert record.committed_at is not None and record.status_code == 201
        assert count(svc.runtime, ToyMember) == 1 and count(svc.runtime, OutboxMessage) == 1


async def test_another_callers_same_key_is_independent(settings):
    async with running_service(build_runtime, settings) as svc:
        mine = await post(svc, bearer(settings, subject="op-1"), "shared-key")
        theirs = await post(svc, bearer(settings, subject="op-2"), "shared-key", {**PAYLOAD, "member_id": "M2"})
        assert mine.status_code == theirs.status_code == 201
        assert "idempotent-replayed" not in theirs.headers
        assert count(svc.runtime, ToyMember) == 2
