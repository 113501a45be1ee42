"""M-14 directory with fields of competence and history; V (事前): the yearly tender — lots, conditions, bids,
scores and awards with reasons."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from verifier_oversight.domain import agencies as a
from verifier_oversight.domain.agencies import AgencyStatus, BlacklistEntry
from verifier_oversight.domain.tenders import Lot, award_lot, publish_tender, score_bid, submit_bid

from .conftest import T0, agency

DEADLINE = date(2026, 3, 10)
AFTER = T0 + timedelta(days=12)  # 2026-03-13


def test_m14_filing_names_fields_of_competence_and_refuses_duplicates():
    filed = a.file_agency("a1", " Shanghai Verify ", "91310000MA1FL0001X", ["power", "industry", "power"], T0, [])
    assert (filed.name, filed.fields, filed.version, filed.status) == ("Shanghai Verify", ("industry", "power"), 1,
                                                                      AgencyStatus.FILED)
    with pytest.raises(Conflict):
        a.file_agency("a1", "Other", "91310000MA1FL0002X", ["power"], T0, [filed])
    with pytest.raises(Conflict):
        a.file_agency("a2", "Other", "91310000MA1FL0001X", ["power"], T0, [filed])
    for fields in ([], ["Power Plants"]):
        with pytest.raises(RuleViolation) as e:
            a.file_agency("a3", "X", "91310000MA1FL0003X", fields, T0, [])
        assert e.value.field == "fields"


def test_m14_every_change_is_a_new_version_kept_with_its_reason():
    filed = agency()
    changed = a.change_filing(filed, None, ["aviation", "industry"])
    assert (changed.version, changed.fields, changed.name) == (2, ("aviation", "industry"), filed.name)
    renamed = a.change_filing(changed, "New Name", None)
    assert renamed.version == 3
    history = [a.version_of(v, r, T0, "authority") for v, r in [(filed, "filed"), (changed, "aviation added")]]
    assert [(h.version, h.fields, h.reason) for h in history] == [(1, ("industry", "power"), "filed"),
                                                                  (2, ("aviation", "industry"), "aviation added")]
    with pytest.raises(Conflict):
        a.change_filing(renamed, "New Name", ["aviation", "industry"])
    suspended = a.suspend_agency(renamed)
    assert (suspended.status, suspended.version) == (AgencyStatus.SUSPENDED, 4)
    assert a.lift_suspension(suspended).status is AgencyStatus.FILED
    gone = a.deregister_agency(suspended)
    assert gone.status is AgencyStatus.DEREGISTERED
    with pytest.raises(Conflict):
        a.change_filing(gone, "x", None)


def tender(lots=None, now=T0):
    lots = lots or [Lot(1, "Industry", ("industry",), 40), Lot(2, "Power and aviation", ("power", "aviation"), 20, 2)]
    return publish_tender("T-2025", 2025, "Verification services 2025", ["CMA accreditation", "5 staff"], lots,
                          DEADLINE, now)


def test_v_tender_states_conditions_and_lots():
    t = tender()
    assert [(lot.lot_no, lot.sectors, lot.expected_volume, lot.max_winners) for lot in t.lots] == [
        (1, ("industry",), 40, 1), (2, ("aviation", "power"), 20, 2)]
    with pytest.raises(RuleViolation) as e:
        tender([Lot(1, "x", ("industry",), 1), Lot(1, "y", ("power",), 1)])
    assert e.value.field == "lots[1].lot_no"
    with pytest.raises(RuleViolation) as e:
        tender([Lot(1, "x", (), 1)])
    assert e.value.field == "lots[0].sectors"
    with pytest.raises(RuleViolation) as e:
        publish_tender("T", 2025, "t", [], [Lot(1, "x", ("industry",), 1)], DEADLINE, T0)
    assert e.value.field == "conditions"
    with pytest.raises(RuleViolation) as e:
        tender(now=T0 + timedelta(days=30))
    assert e.value.field == "bid_deadline"


def bid(t, agency_=None, lot_no=1, now=T0, bids=(), awards=(), blacklist=()):
    return submit_bid("B-1", t, lot_no, agency_ or agency(), "team of 6, CMA accredited", Decimal("300000.00"), now,
                      blacklist, bids, awards)


def test_v_bids_until_the_deadline_inclusive_from_competent_filed_agencies_once_per_lot():
    t = tender()
    last_day = T0 + timedelta(days=9)  # 2026-03-10 10:00 Shanghai
    assert bid(t, now=last_day).agency_id == "a1"
    with pytest.raises(RuleViolation, match="closed"):
        bid(t, now=T0 + timedelta(days=10))
    with pytest.raises(RuleViolation, match="not filed as competent in aviation") as e:
        bid(t, lot_no=2)
    assert e.value.field == "lot_no"
    with pytest.raises(RuleViolation, match="SUSPENDED"):
        bid(t, agency(status=AgencyStatus.SUSPENDED))
    with pytest.raises(RuleViolation, match="blacklisted"):
        bid(t, blacklist=[BlacklistEntry("a1", 2024, 2025, 2029, "FAIL")])
    first = bid(t)
    with pytest.raises(Conflict):
        bid(t, bids=[first])


def test_v_bids_scored_after_the_deadline_once_with_reasons():
    t, b = tender(), bid(tender())
    with pytest.raises(RuleViolation, match="after the deadline"):
        score_bid(b, t, Decimal("80"), "good", T0)
    scored = score_bid(b, t, Decimal("88.50"), "strong team", AFTER)
    assert (scored.score, scored.score_reason) == (Decimal("88.50"), "strong team")
    with pytest.raises(Conflict):
        score_bid(scored, t, Decimal("90"), "again", AFTER)
    for value in ("100.01", "-1", "88.505"):
        with pytest.raises(RuleViolation) as e:
            score_bid(b, t, Decimal(value), "x", AFTER)
        assert e.value.field == "score"


def test_v_lot_awarded_once_to_scored_bidders_each_with_a_reason():
    t = tender()
    a1, a2, a3 = agency("a1", n=1), agency("a2", ("power", "aviation"), n=2), agency("a3", ("power", "aviation"), n=3)
    bids = [score_bid(submit_bid(f"B-{x.agency_id}", t, 2, x, "s", None, T0, [], [], []), t, Decimal(s), "r", AFTER)
            for x, s in ((a2, "90"), (a3, "85"))]
    won = award_lot(t, 2, [("a2", "best score"), ("a3", "second best")], bids, {"a2": a2, "a3": a3}, [], [], AFTER)
    assert [(w.agency_id, w.sectors, w.winners, w.capacity) for w in won] == [
        ("a2", ("aviation", "power"), 2, Decimal(10)), ("a3", ("aviation", "power"), 2, Decimal(10))]
    with pytest.raises(Conflict):
        award_lot(t, 2, [("a2", "again")], bids, {"a2": a2}, [], won, AFTER)
    with pytest.raises(RuleViolation) as e:
        award_lot(t, 1, [("a1", "no bid")], bids, {"a1": a1}, [], [], AFTER)
    assert e.value.field == "winners[0].agency_id"
    unscored = [submit_bid("B-x", t, 1, a1, "s", None, T0, [], [], [])]
    with pytest.raises(RuleViolation, match="not scored"):
        award_lot(t, 1, [("a1", "r")], unscored, {"a1": a1}, [], [], AFTER)
    with pytest.raises(RuleViolation) as e:
        award_lot(t, 2, [("a2", "r"), ("a3", "r"), ("a1", "r")], bids, {"a2": a2, "a3": a3}, [], [], AFTER)
    assert e.value.field == "winners"
    with pytest.raises(RuleViolation) as e:
        award_lot(t, 2, [("a2", " ")], bids, {"a2": a2}, [], [], AFTER)
    assert e.value.field == "winners[0].reason"
    with pytest.raises(RuleViolation, match="blacklisted"):
        award_lot(t, 2, [("a2", "r")], bids, {"a2": a2}, [BlacklistEntry("a2", 2024, 2025, 2029, "F")], [], AFTER)
    with pytest.raises(RuleViolation, match="after the bid deadline"):
        award_lot(t, 2, [("a2", "r")], bids, {"a2": a2}, [], [], T0)
