"""scale: a due time per interview, and indexes for the claim of due accounts

``interviews.due_at`` is the next moment policy's decision on an interview could change
without a new fact (its end, the check-in's moment, a snooze's end), written when policy
runs; the account's ``wake_at`` is the earliest of its interviews' and writes'.

Revision ID: i13engine
Revises: i9_mailboxes
Create Date: 2026-12-01 22:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import service.store.models

revision = 'i13engine'
down_revision = 'i9_mailboxes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('interviews') as batch:
        batch.add_column(sa.Column('due_at', service.store.models.UtcDateTime(timezone=True),
                                   nullable=True))
    op.create_index('ix_interviews_due', 'interviews', ['account_id', 'due_at'])
    op.create_index('ix_accounts_wake_at', 'accounts', ['wake_at'])


def downgrade() -> None:
    op.drop_index('ix_accounts_wake_at', table_name='accounts')
    op.drop_index('ix_interviews_due', table_name='interviews')
    with op.batch_alter_table('interviews') as batch:
        batch.drop_column('due_at')
