"""The migration to one state per check-in keeps what an older database knew: the fate of a
check-in's draft moves into its suggestion, and the subject last written is remembered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from service.store.db import make_engine, upgrade

ROWS = """
INSERT INTO accounts (id, provider, email, timezone, sealed_tokens, status, connected_at)
VALUES (1, 'gmail', 'alex@gmail.com', 'UTC', X'00', 'active', '2026-05-01 09:00:00');
INSERT INTO interviews (id, account_id, event_id, title, start, "end", status, stage,
                        invite, reasons, first_seen_at, updated_at)
VALUES (1, 1, 'ev1', 'Interview', '2026-05-02 09:00:00', '2026-05-02 10:00:00', 'done',
        'interview', '[]', '[]', '2026-05-01 09:00:00', '2026-05-01 09:00:00'),
       (2, 1, 'ev2', 'Interview', '2026-05-03 09:00:00', '2026-05-03 10:00:00', 'done',
        'interview', '[]', '[]', '2026-05-01 09:00:00', '2026-05-01 09:00:00');
INSERT INTO follow_ups (id, interview_id, kind, recipient_email, state, idempotency_key,
                        subject, written_body, findings, created_at)
VALUES (1, 1, 'thank_you', 'jane@acme.com', 'drafted', 'k1', 'Thank you', 'Hi', '[]',
        '2026-05-02 10:00:00'),
       (2, 1, 'check_in', 'jane@acme.com', 'sent', 'k2', 'Re: Thank you', 'Hi', '[]',
        '2026-05-10 10:00:00'),
       (3, 2, 'check_in', 'rita@acme.com', 'drafted', 'k3', 'Following up', 'Hi', '[]',
        '2026-05-11 10:00:00');
INSERT INTO suggestions (id, interview_id, kind, status, status_at)
VALUES (1, 1, 'check_in', 'drafted', '2026-05-10 10:00:00'),
       (2, 2, 'check_in', 'drafted', '2026-05-11 10:00:00');
"""


@pytest.fixture
def old_database(tmp_path: Path) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0001")
    with engine.begin() as connection:
        for statement in filter(str.strip, ROWS.split(";")):
            connection.execute(text(statement))
    yield engine
    engine.dispose()


def test_the_check_in_fate_moves_into_the_suggestion(old_database: Engine) -> None:
    upgrade(old_database)
    with old_database.connect() as connection:
        states: dict[int, str] = dict(connection.execute(
            text("SELECT id, state FROM follow_ups")).all())
        statuses: dict[int, str] = dict(connection.execute(
            text("SELECT id, status FROM suggestions")).all())
        subjects: dict[int, str] = dict(connection.execute(
            text("SELECT id, written_subject FROM follow_ups")).all())
    assert states == {1: "drafted", 2: "", 3: ""}
    assert statuses == {1: "sent", 2: "drafted"}
    assert subjects == {1: "Thank you", 2: "Re: Thank you", 3: "Following up"}
