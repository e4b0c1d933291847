"""real mailboxes: one state per check-in, the subject last written, no marks on mail

A check-in's state moves into its suggestion (follow_ups.state becomes '' for check-in
rows); follow_ups.written_subject joins written_body (an owner's change of subject is an
edit); the service's mark is no longer read from synced mail (mail_messages.mark_*).

Revision ID: i9_mailboxes
Revises: i12_detection
Create Date: 2026-12-01 09:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

# Alembic refuses '-' in revision ids ('-' means "relative", as in head-1).
revision = 'i9_mailboxes'
down_revision = 'i12_detection'
branch_labels = None
depends_on = None

# The fate of a check-in's draft, once written, was kept on its FollowUp row.
_DRAFT_FATES = ("edited", "sent", "deleted")


def upgrade() -> None:
    with op.batch_alter_table('follow_ups') as batch:
        batch.add_column(sa.Column('written_subject', sa.Text(), nullable=True))
    follow_ups = sa.table('follow_ups', sa.column('interview_id', sa.Integer()),
                          sa.column('kind', sa.String()), sa.column('state', sa.String()),
                          sa.column('subject', sa.Text()),
                          sa.column('written_subject', sa.Text()),
                          sa.column('written_body', sa.Text()))
    suggestions = sa.table('suggestions', sa.column('interview_id', sa.Integer()),
                           sa.column('status', sa.String()))
    for fate in _DRAFT_FATES:
        drafted = sa.select(follow_ups.c.interview_id).where(
            follow_ups.c.kind == 'check_in', follow_ups.c.state == fate)
        op.execute(suggestions.update()
                   .where(suggestions.c.interview_id.in_(drafted),
                          suggestions.c.status.in_(('drafted', 'edited')))
                   .values(status=fate))
    op.execute(follow_ups.update().where(follow_ups.c.kind == 'check_in').values(state=''))
    op.execute(follow_ups.update().where(follow_ups.c.written_body.is_not(None))
               .values(written_subject=follow_ups.c.subject))
    with op.batch_alter_table('mail_messages') as batch:
        batch.drop_column('mark_key')
        batch.drop_column('mark_kind')
        batch.drop_column('mark_event')


def downgrade() -> None:
    with op.batch_alter_table('mail_messages') as batch:
        batch.add_column(sa.Column('mark_event', sa.String(length=1024), nullable=True))
        batch.add_column(sa.Column('mark_kind', sa.String(length=16), nullable=True))
        batch.add_column(sa.Column('mark_key', sa.String(length=128), nullable=True))
    follow_ups = sa.table('follow_ups', sa.column('interview_id', sa.Integer()),
                          sa.column('kind', sa.String()), sa.column('state', sa.String()))
    suggestions = sa.table('suggestions', sa.column('interview_id', sa.Integer()),
                           sa.column('status', sa.String()))
    states = sa.select(suggestions.c.status).where(
        suggestions.c.interview_id == follow_ups.c.interview_id).scalar_subquery()
    op.execute(follow_ups.update().where(follow_ups.c.kind == 'check_in')
               .values(state=sa.func.coalesce(states, 'drafted')))
    with op.batch_alter_table('follow_ups') as batch:
        batch.drop_column('written_subject')
