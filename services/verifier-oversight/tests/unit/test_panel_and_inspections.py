"""V (事中): the evaluation panel with declared conflicts; inspections drawn — randomly with a recorded seed and ratio,
plus targeted selections with reasons — from the agency's actual engagements; the on-site record and its
signatures; findings becoming deductions."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from ets_shared.errors import Conflict, RuleViolation

from verifier_oversight.domain import panel
from verifier_oversight.domain.evaluation import DeductionSource
from verifier_oversight.domain.inspections import (
    ChecklistItem, CheckResult, Finding, Targeted, draw_inspection_sample, finding_deductions, random_sample_size,
    record_inspection, reproduces, sign,
)
from verifier_oversight.domain.panel import DeclaredConflict
from verifier_oversight.domain.policy import OversightPolicy

from .conftest import T0

ENGAGEMENTS = [f"E-{n:03d}" for n in range(1, 41)]


@pytest.mark.parametrize(("remaining", "size"), [(0, 0), (1, 1), (9, 1), (10, 1), (11, 2), (40, 4), (41, 5)])
def test_v_random_share_is_10_percent_rounded_up_at_least_1(remaining, size, policy):
    assert random_sample_size(remaining, policy) == size


def test_v_random_draw_reproduced_from_its_recorded_seed(policy):
    draw = draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-007", "complaint from the entity")], 20251, policy)
    assert draw.population_ids == tuple(ENGAGEMENTS) and len(draw.random_ids) == 4  # ceil(10% of 39)
    assert "E-007" not in draw.random_ids and "E-007" in draw.selected
    again = draw_inspection_sample("a1", list(reversed(ENGAGEMENTS)), [Targeted("E-007", "complaint from the entity")],
                                   20251, policy)
    assert again == draw and reproduces(draw, policy)
    other = draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-007", "x")], 20252, policy)
    assert other.random_ids != draw.random_ids
    assert not reproduces(draw, OversightPolicy(year=2025, random_ratio=Decimal("0.5")))


def test_v_targets_come_from_the_agencys_engagements_each_with_a_reason(policy):
    with pytest.raises(RuleViolation, match="not an engagement of a1") as e:
        draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-999", "tip-off")], 1, policy)
    assert e.value.field == "targeted[0].entity_id"
    with pytest.raises(RuleViolation) as e:
        draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-001", " ")], 1, policy)
    assert e.value.field == "targeted[0].reason"
    assert draw_inspection_sample("a1", [], [], 1, policy).selected == ()


def members() -> dict[str, panel.PanelMember]:
    found: dict[str, panel.PanelMember] = {}
    for member_id, kind, conflicts in [("X1", "expert", []), ("X2", "expert", []), ("S1", "authority_staff", []),
                                       ("X3", "expert", [DeclaredConflict("a1", None, "former employee of a1")]),
                                       ("X4", "expert", [DeclaredConflict(None, "E-001", "advises E-001")])]:
        found[member_id] = panel.appoint(2025, member_id, f"Expert {member_id}", kind, "Tongji University",
                                         conflicts, found)
    return found


def test_v_panel_members_are_staff_or_experts_and_declare_conflicts():
    found = members()
    with pytest.raises(Conflict):
        panel.appoint(2025, "X1", "again", "expert", "x", [], found)
    with pytest.raises(RuleViolation) as e:
        panel.appoint(2025, "X9", "x", "consultant", "x", [], found)
    assert e.value.field == "kind"
    with pytest.raises(RuleViolation) as e:
        panel.declare(found["X1"], [DeclaredConflict(None, None, "vague")])
    assert e.value.field == "conflicts[0]"
    later = panel.declare(found["X1"], [DeclaredConflict("a2", None, "spouse works at a2")])
    assert [c.agency_id for c in later.conflicts] == ["a2"]


def test_v_conflicted_expert_refused(policy):
    for member_id, entity_id in [("X3", "E-002"), ("X4", "E-001")]:
        with pytest.raises(RuleViolation, match="conflict of interest") as e:
            panel.inspection_team(["X1", "X2", member_id], members(), "a1", entity_id, policy)
        assert e.value.field == "team[2]"
    assert panel.inspection_team(["X1", "X4"], members(), "a1", "E-002", policy) == ("X1", "X4")


def test_v_at_least_2_experts_per_inspection(policy):
    with pytest.raises(RuleViolation, match="at least 2 experts") as e:
        panel.inspection_team(["X1", "S1", "X1"], members(), "a1", "E-002", policy)
    assert e.value.field == "team"
    assert panel.inspection_team(["X1", "X2", "S1"], members(), "a1", "E-002", policy) == ("X1", "X2", "S1")
    with pytest.raises(RuleViolation, match="not on the 2025"):
        panel.inspection_team(["X1", "X2", "Q"], members(), "a1", "E-002", policy)


CHECK = [ChecklistItem("monitoring plan followed", CheckResult.NON_COMPLIANT, "meter M3 uncalibrated")]
FINDINGS = [Finding("INSPECTION_MAJOR", "fuel data not checked against invoices", ("photo 3", "invoice list")),
            Finding("FALSE_REPORT", "verified figure copied from the report", ("site log",))]


def inspect(table, draw, entity="E-007", kind="on_site", findings=FINDINGS, reason=None):
    return record_inspection("I-1", kind, "a1", entity, 2025, date(2026, 4, 8), ("X1", "X2"), CHECK, findings,
                             "on-site record", table, draw_id="D-1", draw=draw, engagements=ENGAGEMENTS,
                             reason=reason)


def test_v_on_site_inspection_at_a_drawn_entity_spot_check_at_any_engagement_with_reason(policy, table):
    draw = draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-007", "complaint")], 7, policy)
    assert inspect(table, draw).draw_id == "D-1"
    not_drawn = next(e for e in ENGAGEMENTS if e not in draw.selected)
    with pytest.raises(RuleViolation, match="not selected by draw") as e:
        inspect(table, draw, not_drawn)
    assert e.value.field == "entity_id"
    with pytest.raises(RuleViolation) as e:
        inspect(table, None)
    assert e.value.field == "draw_id"
    spot = inspect(table, None, not_drawn, "spot_check", reason="verification report looked templated")
    assert (spot.kind.value, spot.draw_id, spot.reason) == ("spot_check", None, "verification report looked templated")
    with pytest.raises(RuleViolation) as e:
        inspect(table, None, not_drawn, "spot_check")
    assert e.value.field == "reason"
    with pytest.raises(RuleViolation):
        inspect(table, None, "E-999", "spot_check", reason="x")


def test_v_findings_are_finding_items_with_evidence(policy, table):
    draw = draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-007", "complaint")], 7, policy)
    for bad, field in [(Finding("LATE_VERIFICATION", "x", ("y",)), "findings[0].code"),
                       (Finding("INSPECTION_MINOR", "x", ()), "findings[0].evidence")]:
        with pytest.raises(RuleViolation) as e:
            inspect(table, draw, findings=[bad])
        assert e.value.field == field


def test_v_record_counts_once_the_whole_team_signed(policy, table):
    draw = draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-007", "complaint")], 7, policy)
    recorded = inspect(table, draw)
    with pytest.raises(ValueError):
        finding_deductions(recorded, table, T0)
    half = sign(recorded, "X1", T0)
    assert half.completed_at is None
    with pytest.raises(Conflict):
        sign(half, "X1", T0)
    with pytest.raises(RuleViolation):
        sign(half, "X9", T0)
    done = sign(half, "X2", T0 + timedelta(hours=1))
    assert done.completed_at == T0 + timedelta(hours=1)
    major, false = finding_deductions(done, table, T0)
    assert (major.deduction_id, major.points, major.source, major.entity_id) == ("I-1-F1", 10,
                                                                                 DeductionSource.INSPECTION, "E-007")
    assert major.evidence == ("inspection I-1", "photo 3", "invoice list")
    assert (false.code, false.points) == ("FALSE_REPORT", 41)


def refused(call):
    with pytest.raises((RuleViolation, Conflict)) as e:
        call()
    return type(e.value), e.value.field, e.value.article


def test_v_panel_appointment_refusals_name_their_field_and_article():
    found = members()
    assert refused(lambda: panel.appoint(2025, "X1", "again", "expert", "x", [], found)) == (Conflict, "member_id", "V")
    assert refused(lambda: panel.appoint(2025, "X9", " ", "expert", "x", [], found)) == (RuleViolation, "name", "V")
    assert refused(lambda: panel.appoint(2025, "X9", "x", "consultant", "x", [], found)) == (RuleViolation, "kind", "V")
    assert refused(lambda: panel.appoint(2025, "X9", "x", "expert", " ", [], found)) == (RuleViolation, "affiliation",
                                                                                         "V")
    member = panel.appoint(2025, "X9", " Dr Wu ", "authority_staff", " SEEB ",
                           [DeclaredConflict(None, "E-003", " sister-in-law is its CFO ")], found)
    assert member == panel.PanelMember(2025, "X9", "Dr Wu", panel.MemberKind.STAFF, "SEEB",
                                       (DeclaredConflict(None, "E-003", "sister-in-law is its CFO"),))


def test_v_a_conflict_names_an_agency_or_an_entity_and_is_described():
    x1 = members()["X1"]
    ok = DeclaredConflict("a2", None, "spouse at a2")
    assert refused(lambda: panel.declare(x1, [ok, DeclaredConflict(None, None, "vague")])) == (
        RuleViolation, "conflicts[1]", "V")
    assert refused(lambda: panel.declare(x1, [ok, DeclaredConflict("a3", None, " ")])) == (
        RuleViolation, "conflicts[1].description", "V")
    twice = panel.declare(panel.declare(x1, [ok]), [DeclaredConflict(None, "E-1", "advises E-1")])
    assert [(c.agency_id, c.entity_id) for c in twice.conflicts] == [("a2", None), (None, "E-1")]  # never removed


def test_v_inspection_team_refusals_name_their_field_and_article(policy):
    found = members()
    assert refused(lambda: panel.inspection_team(["X1", "Q"], found, "a1", "E-002", policy)) == (
        RuleViolation, "team[1]", "V")
    assert refused(lambda: panel.inspection_team(["X1", "X3"], found, "a1", "E-002", policy)) == (
        RuleViolation, "team[1]", "V")
    assert refused(lambda: panel.inspection_team(["X1", "S1"], found, "a1", "E-002", policy)) == (
        RuleViolation, "team", "V")
    assert panel.inspection_team([" X1", "X2 ", "X1"], found, "a2", "E-002", policy) == ("X1", "X2")
    assert panel.inspection_team(["X3", "X1"], found, "a2", "E-002", policy) == ("X3", "X1")  # a1 is not inspected
    one = OversightPolicy(year=2025, experts_per_inspection_min=1)
    assert panel.inspection_team(["X1", "S1"], found, "a1", "E-002", one) == ("X1", "S1")


def test_v_draw_refusals_name_their_field_and_the_targets_are_kept_sorted(policy):
    assert refused(lambda: draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-001", "a"), Targeted("E-999", "b")],
                                                  1, policy)) == (RuleViolation, "targeted[1].entity_id", "V")
    assert refused(lambda: draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-001", "a"), Targeted("E-002", "")],
                                                  1, policy)) == (RuleViolation, "targeted[1].reason", "V")
    assert refused(lambda: draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-001", "a"), Targeted("E-001", "b")],
                                                  1, policy)) == (RuleViolation, "targeted[1].entity_id", "V")
    draw = draw_inspection_sample("a1", ENGAGEMENTS + ["E-001"], [Targeted("E-009", " tip-off "),
                                                                 Targeted("E-002", "complaint")], 3, policy)
    assert draw.targeted == (Targeted("E-002", "complaint"), Targeted("E-009", "tip-off"))
    assert draw.population_ids == tuple(ENGAGEMENTS) and draw.agency_id == "a1" and draw.seed == 3
    assert list(draw.random_ids) == sorted(draw.random_ids) and len(draw.random_ids) == 4  # ceil(10% of 38)
    assert not {"E-002", "E-009"} & set(draw.random_ids)


def test_v_the_random_minimum_never_draws_more_than_remain():
    assert random_sample_size(2, OversightPolicy(year=2025, random_minimum=3)) == 2
    assert random_sample_size(30, OversightPolicy(year=2025, random_minimum=3)) == 3
    assert random_sample_size(5, OversightPolicy(year=2025, random_ratio=Decimal(0), random_minimum=0)) == 0
    assert random_sample_size(-1, OversightPolicy(year=2025, random_minimum=3)) == 0


def test_v_inspection_record_refusals_name_their_field_and_article(policy, table):
    draw = draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-007", "complaint")], 7, policy)
    other = draw_inspection_sample("a2", ENGAGEMENTS, [Targeted("E-007", "complaint")], 7, policy)
    not_drawn = next(e for e in ENGAGEMENTS if e not in draw.selected)
    minor = Finding("INSPECTION_MINOR", "x", ("y",))

    def record(**kw):
        args = {"kind": "on_site", "entity_id": "E-007", "checklist": CHECK, "findings": [], "record": "r",
                "draw": draw, "reason": None, **kw}
        return lambda: record_inspection("I-1", args["kind"], "a1", args["entity_id"], 2025, date(2026, 4, 8),
                                         ("X1", "X2"), args["checklist"], args["findings"], args["record"], table,
                                         draw_id="D-1", draw=args["draw"], engagements=ENGAGEMENTS,
                                         reason=args["reason"])

    for kw, expected in [({"kind": "desk_review"}, "kind"), ({"draw": None}, "draw_id"), ({"draw": other}, "draw_id"),
                         ({"entity_id": not_drawn}, "entity_id"),
                         ({"kind": "spot_check", "entity_id": "E-999", "reason": "x"}, "entity_id"),
                         ({"kind": "spot_check", "reason": " "}, "reason"), ({"checklist": []}, "checklist"),
                         ({"checklist": [CHECK[0], ChecklistItem(" ", CheckResult.COMPLIANT)]}, "checklist[1].item"),
                         ({"findings": [minor, Finding("NO_SUCH", "x", ("y",))]}, "findings[1].code"),
                         ({"findings": [minor, Finding("LATE_VERIFICATION", "x", ("y",))]}, "findings[1].code"),
                         ({"findings": [minor, Finding("INSPECTION_MINOR", " ", ("y",))]}, "findings[1].description"),
                         ({"findings": [minor, Finding("INSPECTION_MINOR", "x", ())]}, "findings[1].evidence"),
                         ({"findings": [minor, Finding("INSPECTION_MINOR", "x", ("y", " "))]}, "findings[1].evidence"),
                         ({"record": " "}, "record")]:
        assert refused(record(**kw)) == (RuleViolation, expected, "V"), kw
    made = record(checklist=[ChecklistItem(" plan followed ", "compliant", " ok ")],
                  findings=[Finding("INSPECTION_MINOR", " meter late ", (" photo ",))], record=" record ",
                  reason=" ignored on site ")()
    assert made.checklist == (ChecklistItem("plan followed", CheckResult.COMPLIANT, "ok"),)
    assert made.checklist[0].result is CheckResult.COMPLIANT
    assert made.findings == (Finding("INSPECTION_MINOR", "meter late", ("photo",)),)
    assert (made.inspection_id, made.agency_id, made.entity_id, made.year, made.inspected_on, made.team) == (
        "I-1", "a1", "E-007", 2025, date(2026, 4, 8), ("X1", "X2"))
    assert (made.record, made.draw_id, made.reason, made.signatures, made.completed_at) == (
        "record", "D-1", "ignored on site", (), None)
    spot = record(kind="spot_check", entity_id=not_drawn, draw=None, reason=" templated ")()
    assert (spot.draw_id, spot.reason) == (None, "templated")


def test_v_signature_refusals_name_their_field_and_a_spot_checks_findings_say_so(policy, table):
    spot = record_inspection("I-2", "spot_check", "a1", "E-003", 2025, date(2026, 4, 9), ("X1", "X2"), CHECK,
                             FINDINGS[:1], "record", table, draw_id="D-1", draw=None, engagements=ENGAGEMENTS,
                             reason="templated")
    assert refused(lambda: sign(spot, "X9", T0)) == (RuleViolation, "member_id", "V")
    half = sign(spot, "X2", T0)
    assert refused(lambda: sign(half, "X2", T0)) == (Conflict, "member_id", "V")
    done = sign(half, "X1", T0 + timedelta(hours=2))
    assert [(s.member_id, s.signed_at) for s in done.signatures] == [("X2", T0), ("X1", T0 + timedelta(hours=2))]
    (major,) = finding_deductions(done, table, T0 + timedelta(days=1))
    assert (major.agency_id, major.year, major.code, major.reference, major.recorded_at) == (
        "a1", 2025, "INSPECTION_MAJOR", "I-2", T0 + timedelta(days=1))
    assert major.reason == "spot check I-2 at E-003: fuel data not checked against invoices"


def test_v_an_on_site_inspection_at_a_drawn_entity_records_no_reason(policy, table):
    draw = draw_inspection_sample("a1", ENGAGEMENTS, [Targeted("E-007", "complaint")], 7, policy)
    assert inspect(table, draw).reason is None
