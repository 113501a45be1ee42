"""M-14 directory with fields of competence and history; V (事前): the yearly tender — lots, conditions, bids,
scores and awards with reasons."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from verifier_oversight.domain import agencies as a
from verifier_oversight.domain.agencies import AgencyStatus, BlacklistEntry
from verifier_oversight.domain.tenders import Lot, LotAward, award_lot, publish_tender, score_bid, submit_bid

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


def refused(call):
    with pytest.raises((RuleViolation, Conflict)) as e:
        call()
    return type(e.value), e.value.field, e.value.article


CODE = "91310000MA1FL0001X"


def test_m14_filing_refusals_name_their_field_and_article():
    filed = a.file_agency("a1", "A", CODE, ["power"], T0, [])
    for name, code, fields, expected in [(" ", CODE, ["power"], "name"), ("A", CODE[:-1], ["power"], "credit_code"),
                                         ("A", CODE.lower(), ["power"], "credit_code"),
                                         ("A", CODE + "1", ["power"], "credit_code"), ("A", CODE, [" "], "fields"),
                                         ("A", CODE, ["power", "Aviation"], "fields")]:
        assert refused(lambda n=name, c=code, f=fields: a.file_agency("a9", n, c, f, T0, [])) == (
            RuleViolation, expected, "M-14")
    assert refused(lambda: a.file_agency("a1", "B", "91310000MA1FL0002X", ["power"], T0, [filed])) == (
        Conflict, "agency_id", "M-14")
    assert refused(lambda: a.file_agency("a2", "B", CODE, ["power"], T0, [filed])) == (Conflict, "credit_code", "M-14")
    again = a.file_agency("a2", "B", CODE, [" power ", "data_centre"], T0 + timedelta(days=1),
                          [a.deregister_agency(filed)])  # a deregistered agency's code may be filed again
    assert (again.agency_id, again.credit_code, again.fields, again.filed_at) == (
        "a2", CODE, ("data_centre", "power"), T0 + timedelta(days=1))


def test_m14_change_and_status_refusals_name_their_field_and_article():
    filed = agency()
    assert refused(lambda: a.change_filing(a.deregister_agency(filed), "x", None)) == (Conflict, None, "M-14")
    assert refused(lambda: a.change_filing(filed, " ", None)) == (RuleViolation, "name", "M-14")
    assert refused(lambda: a.change_filing(filed, filed.name, None)) == (Conflict, "fields", "M-14")
    assert refused(lambda: a.change_filing(filed, None, ["power", "industry"])) == (Conflict, "fields", "M-14")
    assert a.change_filing(filed, " New ", None).name == "New"
    gone = a.deregister_agency(filed)
    assert refused(lambda: a.deregister_agency(gone)) == (Conflict, None, "M-14")
    assert refused(lambda: a.lift_suspension(filed)) == (Conflict, None, "V")
    assert refused(lambda: a.suspend_agency(gone)) == (Conflict, None, "V")
    suspended = a.suspend_agency(filed)
    assert refused(lambda: a.suspend_agency(suspended)) == (Conflict, None, "V")
    assert (a.deregister_agency(suspended).status, a.deregister_agency(suspended).version) == (
        AgencyStatus.DEREGISTERED, 3)
    assert a.lift_suspension(suspended).version == 3


def test_m14_a_version_of_the_entry_says_what_it_said_when_and_by_whom():
    suspended = a.suspend_agency(agency())
    v = a.version_of(suspended, "two failed evaluations", T0, "authority:ops@seeb")
    assert v == a.AgencyVersion("a1", 2, "Agency a1", AgencyStatus.SUSPENDED, ("industry", "power"),
                                "two failed evaluations", T0, "authority:ops@seeb")


def test_v_agency_bar_filed_selected_for_that_year_and_not_blacklisted():
    entry = BlacklistEntry("a1", 2024, 2025, 2029, "FAIL")
    assert [entry.covers(y) for y in (2024, 2025, 2029, 2030)] == [False, True, True, False]
    awards = [a.TenderAward("a1", 2025), a.TenderAward("a2", 2026)]
    assert a.agency_bar(agency(), 2025, awards, []) is None
    assert "not selected by tender for 2026" in a.agency_bar(agency(), 2026, awards, [])
    assert "blacklisted for 2025-2029 after the evaluation of 2024" in a.agency_bar(agency(), 2025, awards, [entry])
    assert a.agency_bar(agency(), 2025, awards, [BlacklistEntry("a2", 2024, 2025, 2029, "FAIL")]) is None
    assert a.blacklisted_for("a1", 2025, [BlacklistEntry("a2", 2024, 2025, 2029, "F"), entry]) is entry
    assert a.standing_bar(agency(status=AgencyStatus.SUSPENDED), 2025, []) == "agency a1 is SUSPENDED"


def test_v_tender_refusals_name_their_field_and_article():
    lot = Lot(1, "Industry", ("industry",), 40)

    def publish(title="t", conditions=("c",), lots=(lot,), deadline=DEADLINE, now=T0):
        return lambda: publish_tender("T", 2025, title, list(conditions), list(lots), deadline, now)

    for call, field in [(publish(title=" "), "title"), (publish(conditions=()), "conditions"),
                        (publish(conditions=("c", " ")), "conditions"), (publish(lots=()), "lots"),
                        (publish(deadline=date(2026, 2, 28)), "bid_deadline"),
                        (publish(lots=(lot, Lot(1, "y", ("power",), 1))), "lots[1].lot_no"),
                        (publish(lots=(lot, Lot(2, " ", ("power",), 1))), "lots[1].title"),
                        (publish(lots=(lot, Lot(2, "y", ("power",), 0))), "lots[1].expected_volume"),
                        (publish(lots=(lot, Lot(2, "y", ("power",), 1, 0))), "lots[1].expected_volume"),
                        (publish(lots=(lot, Lot(2, "y", ("Power",), 1))), "lots[1].sectors")]:
        assert refused(call) == (RuleViolation, field, "V")
    t = publish(title=" Verification ", conditions=(" CMA ",), lots=(Lot(3, " Power ", ("power", "aviation"), 1),),
                deadline=date(2026, 3, 1))()  # the deadline may be today (T0 is 1 March in Shanghai)
    assert (t.tender_id, t.year, t.title, t.conditions, t.bid_deadline, t.published_at) == (
        "T", 2025, "Verification", ("CMA",), date(2026, 3, 1), T0)
    assert t.lots == (Lot(3, "Power", ("aviation", "power"), 1),) and t.lot(3) is t.lots[0]
    assert refused(lambda: t.lot(1)) == (RuleViolation, "lot_no", "V")


def test_v_bid_refusals_name_their_field_and_article():
    t = tender()

    def submit(agency_=None, lot_no=1, statement="s", price=Decimal("1.00"), now=T0, blacklist=(), bids=(), awards=()):
        return lambda: submit_bid("B-1", t, lot_no, agency_ or agency(), statement, price, now, blacklist, bids,
                                  awards)

    first = submit()()

    def won(lot_no):
        return LotAward("T-2025", lot_no, "a9", 2025, ("industry",), 40, 1, "r", AFTER)

    for call, expected in [(submit(now=T0 + timedelta(days=10)), (RuleViolation, "tender_id", "V")),
                           (submit(agency(status=AgencyStatus.SUSPENDED)), (RuleViolation, "agency_id", "V")),
                           (submit(lot_no=2), (RuleViolation, "lot_no", "M-14")),
                           (submit(statement=" "), (RuleViolation, "statement", "V")),
                           (submit(price=Decimal(0)), (RuleViolation, "price", "V")),
                           (submit(price=Decimal("-5")), (RuleViolation, "price", "V")),
                           (submit(price=Decimal("1.001")), (RuleViolation, "price", "V")),
                           (submit(awards=[won(1)]), (Conflict, "lot_no", "V")),
                           (submit(bids=[first]), (Conflict, "lot_no", "V"))]:
        assert refused(call) == expected
    other = submit(agency("a2", n=2), bids=[first], awards=[won(2)], price=Decimal("7"),
                   statement=" six staff ")()
    assert (other.bid_id, other.tender_id, other.lot_no, other.agency_id, other.statement, other.price,
            other.submitted_at) == ("B-1", "T-2025", 1, "a2", "six staff", Decimal("7.00"), T0)
    assert str(other.price) == "7.00" and submit(price=None)().price is None
    assert submit(price=Decimal("0.01"))().price == Decimal("0.01")


def test_v_scoring_refusals_name_their_field_and_article():
    t, b = tender(), bid(tender())
    last_day = T0 + timedelta(days=9)  # 10 March in Shanghai: still the bidding period
    assert refused(lambda: score_bid(b, t, Decimal(80), "r", last_day)) == (RuleViolation, "bid_id", "V")
    scored = score_bid(b, t, Decimal(100), " full marks ", T0 + timedelta(days=10))
    assert (scored.score, scored.score_reason, scored.scored_at) == (Decimal("100.00"), "full marks",
                                                                     T0 + timedelta(days=10))
    assert str(scored.score) == "100.00" and score_bid(b, t, Decimal(0), "r", AFTER).score == 0
    assert refused(lambda: score_bid(scored, t, Decimal(1), "r", AFTER)) == (Conflict, "bid_id", "V")
    assert refused(lambda: score_bid(b, t, Decimal(1), " ", AFTER)) == (RuleViolation, "reason", "V")
    assert refused(lambda: score_bid(b, t, Decimal("100.01"), "r", AFTER)) == (RuleViolation, "score", "V")


def test_v_award_refusals_name_their_field_and_article():
    t = tender()
    a1, a2, a3 = agency("a1", n=1), agency("a2", ("power", "aviation"), n=2), agency("a3", ("power", "aviation"), n=3)
    bids = [score_bid(submit_bid(f"B-{x.agency_id}", t, 2, x, "s", None, T0, [], [], []), t, Decimal(s), "r", AFTER)
            for x, s in ((a2, "90"), (a3, "85"))]
    unscored = submit_bid("B-a1", t, 2, agency("a1", ("power", "aviation")), "s", None, T0, [], [], [])
    everyone = {"a1": a1, "a2": a2, "a3": a3}

    def award(winners, bids=bids, blacklist=(), awards=(), now=AFTER, lot_no=2):
        return lambda: award_lot(t, lot_no, winners, bids, everyone, blacklist, awards, now)

    won = award([("a2", "r")])()
    for call, expected in [(award([("a2", "r")], now=T0 + timedelta(days=9)), (RuleViolation, "lot_no", "V")),
                           (award([("a2", "r")], awards=won), (Conflict, "lot_no", "V")),
                           (award([]), (RuleViolation, "winners", "V")),
                           (award([("a2", "r"), ("a2", "s")]), (RuleViolation, "winners", "V")),
                           (award([("a2", "r"), ("a1", "r")]), (RuleViolation, "winners[1].agency_id", "V")),
                           (award([("a2", "r"), ("a1", "r")], bids=[*bids, unscored]),
                            (RuleViolation, "winners[1].agency_id", "V")),
                           (award([("a2", "r"), ("a3", "r")], blacklist=[BlacklistEntry("a3", 2024, 2025, 2029, "F")]),
                            (RuleViolation, "winners[1].agency_id", "V")),
                           (award([("a2", "r"), ("a3", " ")]), (RuleViolation, "winners[1].reason", "V"))]:
        assert refused(call) == expected
    lot1 = score_bid(submit_bid("B-1", t, 1, a1, "s", None, T0, [], [], []), t, Decimal(70), "r", AFTER)
    (one,) = award_lot(t, 1, [("a1", " only bidder ")], [lot1], everyone, [], won, AFTER + timedelta(hours=1))
    assert (one.tender_id, one.lot_no, one.agency_id, one.year, one.sectors, one.expected_volume, one.winners,
            one.reason, one.awarded_at) == (
        "T-2025", 1, "a1", 2025, ("industry",), 40, 1, "only bidder", AFTER + timedelta(hours=1))
    assert one.capacity == Decimal(40)


def test_m14_an_agency_without_a_field_of_competence_is_refused_under_m14():
    with pytest.raises(RuleViolation) as err:
        a.check_fields([])
    assert (err.value.field, err.value.article) == ("fields", "M-14")
