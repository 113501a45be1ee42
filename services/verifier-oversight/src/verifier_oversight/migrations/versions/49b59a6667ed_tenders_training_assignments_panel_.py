"""tenders with lots, bids and awards; agencies' fields and history; training; assignments; the panel; the versioned
scoring table; deductions with evidence and contests; inspections with checklist and signatures

Data kept: agencies (each gets its filing as version 1 of its history, no fields of competence until the authority
records them), verifiers, certificates, evaluations, the blacklist, deductions (evidence: their reason; status
ACTIVE; priced under table version 0) and inspections (a team of the experts recorded, findings mapped to
INSPECTION_MAJOR / INSPECTION_MINOR, complete as recorded). Data dropped, because the new rules cannot express it:
tender awards made without a tender (the year must be tendered again) and inspection draws made from a caller's
list instead of an agency's engagements (inspections that named one keep their record, without the draw).

Revision ID: 49b59a6667ed
Revises: 32c4aa8a6034
Create Date: 2026-11-28 19:30:34.697837
"""
import json
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa
import sqlmodel
import ets_shared.persistence.types

revision = '49b59a6667ed'
down_revision = '32c4aa8a6034'
branch_labels = None
depends_on = None

Utc = ets_shared.persistence.types.UtcDateTime
Str = sqlmodel.sql.sqltypes.AutoString


def _rows(table: str) -> list[dict]:
    return [dict(r) for r in op.get_bind().execute(sa.text(f"SELECT * FROM {table}")).mappings()]


def _utc(value):  # rows read with plain SQL: SQLite gives text, PostgreSQL datetimes
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


def upgrade() -> None:
    op.create_table('assignment_proposal',
    sa.Column('proposal_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('entries', sa.JSON(), nullable=False),
    sa.Column('unplaced', sa.JSON(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('proposed_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('proposed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('decided_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('proposal_id')
    )
    with op.batch_alter_table('assignment_proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assignment_proposal_year'), ['year'], unique=False)

    op.create_table('covered_entity',
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('sector', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('covered', sa.Boolean(), nullable=False),
    sa.Column('registered_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('entity_id')
    )
    with op.batch_alter_table('covered_entity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_covered_entity_sector'), ['sector'], unique=False)

    op.create_table('evaluation_year',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('finalised_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('table_version', sa.Integer(), nullable=False),
    sa.Column('finalised_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.PrimaryKeyConstraint('year')
    )
    op.create_table('panel_member',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('member_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('affiliation', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('conflicts', sa.JSON(), nullable=False),
    sa.Column('appointed_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('year', 'member_id')
    )
    op.create_table('scoring_table',
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('adopted_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('adopted_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.PrimaryKeyConstraint('year', 'version')
    )
    op.create_table('tender',
    sa.Column('tender_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('conditions', sa.JSON(), nullable=False),
    sa.Column('lots', sa.JSON(), nullable=False),
    sa.Column('bid_deadline', sa.Date(), nullable=False),
    sa.Column('published_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('tender_id')
    )
    with op.batch_alter_table('tender', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tender_year'), ['year'], unique=False)

    op.create_table('training_session',
    sa.Column('training_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('attendees', sa.JSON(), nullable=False),
    sa.Column('results', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('training_id')
    )
    with op.batch_alter_table('training_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_session_year'), ['year'], unique=False)

    op.create_table('verification_record',
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('agency_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('verification_id', sqlmodel.sql.sqltypes.AutoString(length=150), nullable=False),
    sa.Column('filed_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('entity_id', 'year')
    )
    with op.batch_alter_table('verification_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_verification_record_agency_id'), ['agency_id'], unique=False)

    op.create_table('advisory_relation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('agency_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('from_year', sa.Integer(), nullable=False),
    sa.Column('to_year', sa.Integer(), nullable=True),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('declared_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('declared_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.agency_id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('advisory_relation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_advisory_relation_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_advisory_relation_entity_id'), ['entity_id'], unique=False)

    op.create_table('agency_version',
    sa.Column('agency_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=1000), nullable=False),
    sa.Column('changed_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('changed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.agency_id'], ),
    sa.PrimaryKeyConstraint('agency_id', 'version')
    )
    op.create_table('assignment_revision',
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('agency_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('proposal_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('assigned_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('assigned_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.agency_id'], ),
    sa.PrimaryKeyConstraint('entity_id', 'year', 'revision')
    )
    op.create_table('bid',
    sa.Column('bid_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('tender_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('lot_no', sa.Integer(), nullable=False),
    sa.Column('agency_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('statement', sa.Text(), nullable=False),
    sa.Column('price', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('submitted_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('score', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('score_reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
    sa.Column('scored_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.agency_id'], ),
    sa.ForeignKeyConstraint(['tender_id'], ['tender.tender_id'], ),
    sa.PrimaryKeyConstraint('bid_id'),
    sa.UniqueConstraint('tender_id', 'lot_no', 'agency_id')
    )
    with op.batch_alter_table('bid', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bid_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_bid_tender_id'), ['tender_id'], unique=False)

    op.create_table('engagement',
    sa.Column('entity_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('agency_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('assigned_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('proposal_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('verification_id', sqlmodel.sql.sqltypes.AutoString(length=150), nullable=True),
    sa.Column('verified_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('missing_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('recheck_opened_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('determined_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('determined_revision', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.agency_id'], ),
    sa.PrimaryKeyConstraint('entity_id', 'year')
    )
    with op.batch_alter_table('engagement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_engagement_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_engagement_year'), ['year'], unique=False)

    op.create_table('lot_award',
    sa.Column('tender_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('lot_no', sa.Integer(), nullable=False),
    sa.Column('agency_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('sectors', sa.JSON(), nullable=False),
    sa.Column('expected_volume', sa.Integer(), nullable=False),
    sa.Column('winners', sa.Integer(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
    sa.Column('awarded_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.agency_id'], ),
    sa.ForeignKeyConstraint(['tender_id'], ['tender.tender_id'], ),
    sa.PrimaryKeyConstraint('tender_id', 'lot_no', 'agency_id')
    )
    with op.batch_alter_table('lot_award', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_lot_award_year'), ['year'], unique=False)


    # -- agencies: fields of competence, version, history --------------------------------------------------------
    # plain ALTER TABLE, never a batch copy: on SQLite copying `agency` would drop a table other rows refer to
    op.add_column('agency', sa.Column('fields', sa.JSON(), nullable=False, server_default='[]'))
    op.add_column('agency', sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    if op.get_bind().dialect.name != "sqlite":  # SQLite cannot drop a default in place; it is harmless there
        op.alter_column('agency', 'fields', server_default=None)
        op.alter_column('agency', 'version', server_default=None)
    agency_version = sa.table('agency_version', sa.column('agency_id'), sa.column('version'), sa.column('name'),
                              sa.column('status'), sa.column('fields', sa.JSON()), sa.column('reason'),
                              sa.column('changed_at', Utc()), sa.column('changed_by'))
    op.bulk_insert(agency_version, [
        {"agency_id": a["agency_id"], "version": 1, "name": a["name"], "status": a["status"], "fields": [],
         "reason": "filed (before the directory kept its history)", "changed_at": _utc(a["filed_at"]),
         "changed_by": "migration 49b59a6667ed"} for a in _rows("agency")])

    # -- selection now comes from tender lots -------------------------------------------------------------------
    with op.batch_alter_table('tender_award', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tender_award_year'))
    op.drop_table('tender_award')

    # -- certificates record the training they were earned in ---------------------------------------------------
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.add_column(sa.Column('training_id', Str(length=64), nullable=True))
        batch_op.create_foreign_key('fk_certificate_training_id', 'training_session', ['training_id'],
                                    ['training_id'])

    op.add_column('evaluation', sa.Column('rank', sa.Integer(), nullable=True))
    op.add_column('evaluation', sa.Column('table_version', sa.Integer(), nullable=True))

    # -- deductions: one id across the platform, evidence, contest and review -------------------------------------
    old_deductions = _rows("deduction")
    op.drop_table('deduction')
    deduction = op.create_table('deduction',
    sa.Column('deduction_id', Str(length=200), nullable=False),
    sa.Column('agency_id', Str(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('code', Str(length=64), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('reason', Str(length=2000), nullable=False),
    sa.Column('source', Str(length=20), nullable=False),
    sa.Column('evidence', sa.JSON(), nullable=False),
    sa.Column('recorded_at', Utc(timezone=True), nullable=False),
    sa.Column('table_version', sa.Integer(), nullable=False),
    sa.Column('reference', Str(length=200), nullable=True),
    sa.Column('entity_id', Str(length=64), nullable=True),
    sa.Column('measure', Str(length=40), nullable=True),
    sa.Column('unscored', Str(length=500), nullable=True),
    sa.Column('status', Str(length=20), nullable=False),
    sa.Column('contest_grounds', Str(length=4000), nullable=True),
    sa.Column('contested_at', Utc(timezone=True), nullable=True),
    sa.Column('review_reason', Str(length=2000), nullable=True),
    sa.Column('reviewed_at', Utc(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['agency_id', 'year'], ['evaluation.agency_id', 'evaluation.year'], ),
    sa.PrimaryKeyConstraint('deduction_id')
    )
    with op.batch_alter_table('deduction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deduction_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deduction_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_deduction_year'), ['year'], unique=False)
    sources = {"inspection": "inspection", "determination": "event"}
    unique = len({d["deduction_id"] for d in old_deductions}) == len(old_deductions)  # ids were per evaluation
    op.bulk_insert(deduction, [
        {"deduction_id": d["deduction_id"] if unique else f"{d['agency_id']}-{d['year']}-{d['deduction_id']}",
         "agency_id": d["agency_id"], "year": d["year"], "code": d["code"], "points": d["points"],
         "reason": d["reason"], "source": sources.get(d["source"], "officer"), "evidence": [d["reason"]],
         "recorded_at": _utc(d["recorded_at"]), "table_version": 0, "reference": d["reference"],
         "status": "ACTIVE"} for d in old_deductions])

    # -- inspections: team, checklist, signatures; draws from an agency's engagements -----------------------------
    old_inspections = _rows("inspection")
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_year'))
        batch_op.drop_index(batch_op.f('ix_inspection_agency_id'))
    op.drop_table('inspection')
    with op.batch_alter_table('inspection_draw', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_draw_year'))
    op.drop_table('inspection_draw')
    op.create_table('inspection_draw',
    sa.Column('draw_id', Str(length=64), nullable=False),
    sa.Column('agency_id', Str(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seed', sa.BigInteger(), nullable=False),
    sa.Column('drawn_at', Utc(timezone=True), nullable=False),
    sa.Column('random_ratio', Str(length=20), nullable=False),
    sa.Column('random_minimum', sa.Integer(), nullable=False),
    sa.Column('population_ids', sa.JSON(), nullable=False),
    sa.Column('targeted', sa.JSON(), nullable=False),
    sa.Column('random_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.agency_id'], ),
    sa.PrimaryKeyConstraint('draw_id')
    )
    with op.batch_alter_table('inspection_draw', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_draw_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_draw_year'), ['year'], unique=False)
    inspection = op.create_table('inspection',
    sa.Column('inspection_id', Str(length=64), nullable=False),
    sa.Column('kind', Str(length=20), nullable=False),
    sa.Column('agency_id', Str(length=64), nullable=False),
    sa.Column('entity_id', Str(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('inspected_on', sa.Date(), nullable=False),
    sa.Column('team', sa.JSON(), nullable=False),
    sa.Column('checklist', sa.JSON(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('record', sa.Text(), nullable=False),
    sa.Column('draw_id', Str(length=64), nullable=True),
    sa.Column('reason', Str(length=2000), nullable=True),
    sa.Column('signatures', sa.JSON(), nullable=False),
    sa.Column('completed_at', Utc(timezone=True), nullable=True),
    sa.Column('recorded_at', Utc(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.agency_id'], ),
    sa.ForeignKeyConstraint(['draw_id'], ['inspection_draw.draw_id'], ),
    sa.PrimaryKeyConstraint('inspection_id')
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_year'), ['year'], unique=False)
    codes = {"MAJOR": "INSPECTION_MAJOR", "MINOR": "INSPECTION_MINOR"}
    op.bulk_insert(inspection, [
        {"inspection_id": i["inspection_id"], "kind": "spot_check", "agency_id": i["agency_id"],
         "entity_id": i["entity_id"], "year": i["year"], "inspected_on": _utc(i["inspected_at"]).date(),
         "team": _json(i["experts"]), "checklist": [],
         "findings": [{"code": codes[f["severity"]], "description": f["description"], "evidence": [f["description"]]}
                      for f in _json(i["findings"])],
         "record": i["record"], "draw_id": None, "reason": "recorded before inspections were drawn from engagements",
         "signatures": [], "completed_at": _utc(i["inspected_at"]), "recorded_at": _utc(i["inspected_at"])}
        for i in old_inspections])


def downgrade() -> None:
    """Back to the first schema: selections become plain (agency, year) awards again, counted deductions keep their
    points, inspections keep their experts and findings; tenders, bids, training, assignments, the panel, the
    scoring table versions, contests and draws are dropped."""
    awards = _rows("lot_award")
    deductions = [d for d in _rows("deduction") if d["status"] != "WITHDRAWN"]
    inspections = _rows("inspection")
    for table in ("inspection", "inspection_draw", "deduction", "lot_award", "bid", "tender", "engagement",
                  "assignment_revision", "assignment_proposal", "verification_record", "advisory_relation",
                  "panel_member", "scoring_table", "evaluation_year", "agency_version", "covered_entity"):
        op.drop_table(table)
    with op.batch_alter_table('certificate', schema=None) as batch_op:
        batch_op.drop_constraint('fk_certificate_training_id', type_='foreignkey')
        batch_op.drop_column('training_id')
    op.drop_table('training_session')
    for table, column in (('evaluation', 'table_version'), ('evaluation', 'rank'), ('agency', 'version'),
                          ('agency', 'fields')):
        op.drop_column(table, column)  # in place (SQLite >= 3.35): both tables are referred to by others

    tender_award = op.create_table('tender_award',
    sa.Column('agency_id', Str(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('awarded_at', Utc(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.agency_id'], ),
    sa.PrimaryKeyConstraint('agency_id', 'year')
    )
    with op.batch_alter_table('tender_award', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_tender_award_year'), ['year'], unique=False)
    first: dict[tuple, datetime] = {}
    for a in awards:
        key = (a["agency_id"], a["year"])
        first[key] = min(first.get(key, _utc(a["awarded_at"])), _utc(a["awarded_at"]))
    op.bulk_insert(tender_award, [{"agency_id": k[0], "year": k[1], "awarded_at": at} for k, at in first.items()])

    deduction = op.create_table('deduction',
    sa.Column('agency_id', Str(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('deduction_id', Str(length=200), nullable=False),
    sa.Column('code', Str(length=64), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.Column('reason', Str(length=1000), nullable=False),
    sa.Column('source', Str(length=20), nullable=False),
    sa.Column('reference', Str(length=200), nullable=True),
    sa.Column('recorded_at', Utc(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id', 'year'], ['evaluation.agency_id', 'evaluation.year'], ),
    sa.PrimaryKeyConstraint('agency_id', 'year', 'deduction_id')
    )
    sources = {"inspection": "inspection", "event": "determination"}
    op.bulk_insert(deduction, [
        {"agency_id": d["agency_id"], "year": d["year"], "deduction_id": d["deduction_id"], "code": d["code"],
         "points": d["points"], "reason": d["reason"][:1000], "source": sources.get(d["source"], "other"),
         "reference": d["reference"], "recorded_at": _utc(d["recorded_at"])} for d in deductions])

    op.create_table('inspection_draw',
    sa.Column('draw_id', Str(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('seed', sa.BigInteger(), nullable=False),
    sa.Column('drawn_at', Utc(timezone=True), nullable=False),
    sa.Column('random_ratio', Str(length=20), nullable=False),
    sa.Column('random_minimum', sa.Integer(), nullable=False),
    sa.Column('population_ids', sa.JSON(), nullable=False),
    sa.Column('targeted_ids', sa.JSON(), nullable=False),
    sa.Column('random_ids', sa.JSON(), nullable=False),
    sa.Column('all_ids', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('draw_id')
    )
    with op.batch_alter_table('inspection_draw', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_draw_year'), ['year'], unique=False)
    inspection = op.create_table('inspection',
    sa.Column('inspection_id', Str(length=64), nullable=False),
    sa.Column('agency_id', Str(length=64), nullable=False),
    sa.Column('entity_id', Str(length=64), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('experts', sa.JSON(), nullable=False),
    sa.Column('record', sa.Text(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('draw_id', Str(length=64), nullable=True),
    sa.Column('inspected_at', Utc(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.agency_id'], ),
    sa.ForeignKeyConstraint(['draw_id'], ['inspection_draw.draw_id'], ),
    sa.PrimaryKeyConstraint('inspection_id')
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inspection_year'), ['year'], unique=False)
    op.bulk_insert(inspection, [
        {"inspection_id": i["inspection_id"], "agency_id": i["agency_id"], "entity_id": i["entity_id"],
         "year": i["year"], "experts": _json(i["team"]), "record": i["record"], "draw_id": None,
         "findings": [{"severity": "MINOR" if f["code"] == "INSPECTION_MINOR" else "MAJOR",
                       "description": f["description"]} for f in _json(i["findings"])],
         "inspected_at": _utc(i["completed_at"] or i["recorded_at"])} for i in inspections])
