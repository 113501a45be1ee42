"""decision log, four eyes, objections and appeals, measure windows, inaction flags

Every case step moves from `case_step` into the hash-chained, append-only `decision_log` (in time order, chained
as the service chains new entries; triggers refuse UPDATE and DELETE on it). Cases gain who opened them, their
correlation id (from the audit trail's first record of the case), who issued the order and decided the fine, and the
fine's publicity period; measures gain their first and last day (the rules of `domain/measures.py` at this
revision) and the decision that made them, instead of bare years. The downgrade gives the steps, years and applied
kinds back (proposals, objections, appeals and inaction flags have no place there and are dropped).

Revision ID: 1c2780cec4a2
Revises: dd6ee81b70e3
Create Date: 2026-11-28 21:05:08.466988
"""
from alembic import op
import sqlalchemy as sa
import sqlmodel
import ets_shared.persistence.types

import hashlib
import json
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

UtcDateTime = ets_shared.persistence.types.UtcDateTime
SHANGHAI = ZoneInfo("Asia/Shanghai")
GENESIS = "0" * 64
APPEND_ONLY = "the decision log is append-only (M-43)"


revision = '1c2780cec4a2'
down_revision = 'dd6ee81b70e3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('decision_log',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('recorded_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('subject_ref', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.Column('ref', sa.Integer(), nullable=True),
    sa.Column('correlation_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('prev_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('decision_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_log_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_decision_log_subject_ref'), ['subject_ref'], unique=False)

    op.create_table('inaction_flag',
    sa.Column('flag_id', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('responsible', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('service', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('subject_ref', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('duty', sa.Text(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('found_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('party_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True),
    sa.Column('resolved_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('flag_id')
    )
    with op.batch_alter_table('inaction_flag', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inaction_flag_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inaction_flag_resolved_at'), ['resolved_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_inaction_flag_subject_ref'), ['subject_ref'], unique=False)

    op.create_table('case_challenge',
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('no', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('grounds', sa.Text(), nullable=False),
    sa.Column('filed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('filed_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True),
    sa.Column('outcome_reasons', sa.Text(), nullable=True),
    sa.Column('decided_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('decided_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('amount', ets_shared.persistence.types.MoneyType(precision=16, scale=2), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['penalty_case.case_id'], ),
    sa.PrimaryKeyConstraint('case_id', 'no')
    )
    op.create_table('case_proposal',
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('no', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('proposed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('proposed_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('reviewed_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
    sa.Column('reviewed_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True),
    sa.Column('approved', sa.Boolean(), nullable=True),
    sa.Column('review_reasons', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['penalty_case.case_id'], ),
    sa.PrimaryKeyConstraint('case_id', 'no')
    )
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('starts_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('ends_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('decision_no', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('lifted_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True))

    with op.batch_alter_table('penalty_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('opened_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column('correlation_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=True))
        batch_op.add_column(sa.Column('order_issued_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column('fine_original_amount', ets_shared.persistence.types.MoneyType(precision=16, scale=2), nullable=True))
        batch_op.add_column(sa.Column('fine_decided_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column('fine_approved_by', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True))
        batch_op.add_column(sa.Column('fine_public_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('fine_served_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('fine_service_method', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=True))
        batch_op.add_column(sa.Column('fine_payment_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('fine_payment_overdue_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('fine_revoked_at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=True))

    _move_data()

    with op.batch_alter_table('penalty_case', schema=None) as batch_op:
        batch_op.alter_column('opened_by', existing_type=sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False)
        batch_op.alter_column('correlation_id', existing_type=sqlmodel.sql.sqltypes.AutoString(length=100),
                              nullable=False)
        batch_op.create_index(batch_op.f('ix_penalty_case_correlation_id'), ['correlation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_penalty_case_fine_public_until'), ['fine_public_until'], unique=False)
        batch_op.drop_column('measures_applied')
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.alter_column('starts_on', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('ends_on', existing_type=sa.Date(), nullable=False)
        batch_op.alter_column('decision_no', existing_type=sa.Integer(), nullable=False)
        batch_op.create_index('ix_measure_window', ['effect', 'starts_on', 'ends_on'], unique=False)
        batch_op.drop_column('from_year')
        batch_op.drop_column('to_year')
    op.drop_table('case_step')
    _append_only(True)



def downgrade() -> None:
    _append_only(False)
    with op.batch_alter_table('penalty_case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('measures_applied', sa.VARCHAR(length=200), nullable=False, server_default=''))
        batch_op.drop_index(batch_op.f('ix_penalty_case_fine_public_until'))
        batch_op.drop_index(batch_op.f('ix_penalty_case_correlation_id'))
        batch_op.drop_column('fine_revoked_at')
        batch_op.drop_column('fine_payment_overdue_at')
        batch_op.drop_column('fine_payment_due')
        batch_op.drop_column('fine_service_method')
        batch_op.drop_column('fine_served_on')
        batch_op.drop_column('fine_public_until')
        batch_op.drop_column('fine_approved_by')
        batch_op.drop_column('fine_decided_by')
        batch_op.drop_column('fine_original_amount')
        batch_op.drop_column('order_issued_by')
        batch_op.drop_column('correlation_id')
        batch_op.drop_column('opened_by')

    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.add_column(sa.Column('to_year', sa.INTEGER(), nullable=True))
        batch_op.add_column(sa.Column('from_year', sa.INTEGER(), nullable=True))
        batch_op.drop_index('ix_measure_window')
    _years_back()
    with op.batch_alter_table('measure', schema=None) as batch_op:
        batch_op.drop_column('lifted_at')
        batch_op.drop_column('decision_no')
        batch_op.drop_column('ends_on')
        batch_op.drop_column('starts_on')

    op.create_table('case_step',
    sa.Column('case_id', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('at', ets_shared.persistence.types.UtcDateTime(timezone=True), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('actor', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['penalty_case.case_id'], ),
    sa.PrimaryKeyConstraint('case_id', 'seq')
    )
    _give_back()
    op.drop_table('case_proposal')
    op.drop_table('case_challenge')
    with op.batch_alter_table('inaction_flag', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inaction_flag_subject_ref'))
        batch_op.drop_index(batch_op.f('ix_inaction_flag_resolved_at'))
        batch_op.drop_index(batch_op.f('ix_inaction_flag_case_id'))

    op.drop_table('inaction_flag')
    with op.batch_alter_table('decision_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_log_subject_ref'))
        batch_op.drop_index(batch_op.f('ix_decision_log_case_id'))

    op.drop_table('decision_log')


# -- data, as of this revision ------------------------------------------------------------------------------------
case = sa.table('penalty_case', sa.column('case_id', sa.String), sa.column('opened_by', sa.String),
                sa.column('correlation_id', sa.String), sa.column('order_issued_by', sa.String),
                sa.column('fine_decided_by', sa.String), sa.column('fine_decided_at', UtcDateTime()),
                sa.column('fine_public_until', sa.Date), sa.column('measures_applied', sa.String))
step = sa.table('case_step', sa.column('case_id', sa.String), sa.column('seq', sa.Integer),
                sa.column('at', UtcDateTime()), sa.column('kind', sa.String), sa.column('actor', sa.String),
                sa.column('detail', sa.Text))
log = sa.table('decision_log', *(sa.column(n, t) for n, t in (
    ('seq', sa.Integer), ('at', UtcDateTime()), ('recorded_at', UtcDateTime()), ('subject_ref', sa.String),
    ('case_id', sa.String), ('kind', sa.String), ('actor', sa.String), ('detail', sa.Text), ('ref', sa.Integer),
    ('correlation_id', sa.String), ('prev_hash', sa.String), ('hash', sa.String))))
measure = sa.table('measure', sa.column('case_id', sa.String), sa.column('effect', sa.String),
                   sa.column('kind', sa.String), sa.column('decided_at', UtcDateTime()),
                   sa.column('starts_on', sa.Date), sa.column('ends_on', sa.Date), sa.column('decision_no', sa.Integer),
                   sa.column('from_year', sa.Integer), sa.column('to_year', sa.Integer))
audit = sa.table('audit_record', sa.column('id', sa.Integer), sa.column('subject_ref', sa.String),
                 sa.column('correlation_id', sa.String))


def _day(moment: datetime) -> date:
    return moment.astimezone(SHANGHAI).date()


def _plus_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _window(effect: str, decided: date) -> tuple[date, date]:
    if effect == 'special_fund_ineligible':
        return decided, date(decided.year + 1, 12, 31)
    if effect == 'project_assessment_refused':
        return date(decided.year + 1, 1, 1), date(decided.year + 1, 12, 31)
    return decided, _plus_years(decided, 3) - timedelta(days=1)  # the credit record bundle, awards (3年内)


def _hash(entry: dict) -> str:
    """The chain's hash as `enforcement.domain.decision_log.entry_hash` computes it (frozen here)."""
    fields = [entry['seq'], entry['at'].astimezone(timezone.utc).isoformat(),
              entry['recorded_at'].astimezone(timezone.utc).isoformat(), entry['subject_ref'], entry['case_id'],
              entry['kind'], entry['actor'], entry['detail'], entry['ref'], entry['correlation_id'],
              entry['prev_hash']]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False, separators=(',', ':')).encode()).hexdigest()


def _move_data() -> None:
    conn = op.get_bind()
    steps = conn.execute(sa.select(step).order_by(step.c.at, step.c.case_id, step.c.seq)).mappings().all()
    first_actor: dict[tuple[str, str], str] = {}
    for s in steps:
        first_actor.setdefault((s['case_id'], s['kind']), s['actor'])
    correlation: dict[str, str] = {}
    for row in conn.execute(sa.select(audit.c.subject_ref, audit.c.correlation_id)
                            .where(audit.c.subject_ref.like('case:%')).order_by(audit.c.id)).mappings():
        correlation.setdefault(row['subject_ref'][len('case:'):], row['correlation_id'])
    for row in conn.execute(sa.select(case.c.case_id, case.c.fine_decided_at)).mappings().all():
        case_id = row['case_id']
        public_until = (_plus_years(_day(row['fine_decided_at']), 3) - timedelta(days=1)
                        if row['fine_decided_at'] else None)
        conn.execute(case.update().where(case.c.case_id == case_id).values(
            opened_by=first_actor.get((case_id, 'opened'), 'unknown'),
            correlation_id=correlation.get(case_id, case_id),
            order_issued_by=first_actor.get((case_id, 'order_issued')),
            fine_decided_by=first_actor.get((case_id, 'fine_decided')), fine_public_until=public_until))
    prev = GENESIS
    for seq, s in enumerate(steps, start=1):
        entry = {'seq': seq, 'at': s['at'], 'recorded_at': s['at'], 'subject_ref': f"case:{s['case_id']}",
                 'case_id': s['case_id'], 'kind': s['kind'], 'actor': s['actor'], 'detail': s['detail'], 'ref': None,
                 'correlation_id': correlation.get(s['case_id'], s['case_id']), 'prev_hash': prev}
        entry['hash'] = prev = _hash(entry)
        conn.execute(log.insert().values(**entry))
    batches: dict[str, list] = {}
    for m in conn.execute(sa.select(measure).order_by(measure.c.case_id, measure.c.decided_at)).mappings().all():
        decided = batches.setdefault(m['case_id'], [])
        if m['decided_at'] not in decided:
            decided.append(m['decided_at'])
        starts, ends = _window(m['effect'], _day(m['decided_at']))
        conn.execute(measure.update().where(measure.c.case_id == m['case_id'], measure.c.effect == m['effect'])
                     .values(starts_on=starts, ends_on=ends, decision_no=decided.index(m['decided_at']) + 1))


def _give_back() -> None:
    conn = op.get_bind()
    numbers: dict[str, int] = {}
    for e in conn.execute(sa.select(log).where(log.c.case_id.is_not(None), log.c.subject_ref.like('case:%'))
                          .order_by(log.c.seq)).mappings().all():
        numbers[e['case_id']] = numbers.get(e['case_id'], 0) + 1
        conn.execute(step.insert().values(case_id=e['case_id'], seq=numbers[e['case_id']], at=e['at'], kind=e['kind'],
                                          actor=e['actor'], detail=e['detail']))
    order = ['credit_record', 'special_fund_ineligible', 'award_ineligible', 'project_assessment_refused']
    kinds: dict[str, list[tuple]] = {}
    for m in conn.execute(sa.select(measure.c.case_id, measure.c.kind, measure.c.decided_at)).mappings():
        kinds.setdefault(m['case_id'], []).append((m['decided_at'], order.index(m['kind']), m['kind']))
    for case_id, applied in kinds.items():
        names = list(dict.fromkeys(kind for _, _, kind in sorted(applied)))
        conn.execute(case.update().where(case.c.case_id == case_id).values(measures_applied=','.join(names)))


def _years_back() -> None:
    conn = op.get_bind()
    for m in conn.execute(sa.select(measure.c.case_id, measure.c.effect, measure.c.starts_on,
                                    measure.c.ends_on)).mappings().all():
        yearly = m['effect'] in ('special_fund_ineligible', 'award_ineligible', 'project_assessment_refused')
        conn.execute(measure.update().where(measure.c.case_id == m['case_id'], measure.c.effect == m['effect'])
                     .values(from_year=m['starts_on'].year if yearly else None,
                             to_year=m['ends_on'].year if yearly else None))


def _append_only(on: bool) -> None:
    """Triggers refusing UPDATE and DELETE on the decision log (SQLite; PostgreSQL through a function)."""
    conn = op.get_bind()
    if conn.dialect.name == 'postgresql':
        if on:
            op.execute("CREATE FUNCTION decision_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
                       f"BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END $$")
            op.execute("CREATE TRIGGER decision_log_append_only BEFORE UPDATE OR DELETE ON decision_log "
                       "FOR EACH ROW EXECUTE FUNCTION decision_log_append_only()")
        else:
            op.execute("DROP TRIGGER IF EXISTS decision_log_append_only ON decision_log")
            op.execute("DROP FUNCTION IF EXISTS decision_log_append_only()")
        return
    for action in ('UPDATE', 'DELETE'):
        name = f'decision_log_no_{action.lower()}'
        if on:
            op.execute(f"CREATE TRIGGER {name} BEFORE {action} ON decision_log "
                       f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
