"""Prometheus metrics of one ``followup run`` process (served at ``/metrics``, see
:mod:`service.web.ops`).

Counted in this process, as passes finish (:meth:`Metrics.pass_finished`):

- ``followup_pass_duration_seconds{provider}``: histogram of one mailbox's pass;
- ``followup_drafts_written_total{provider}``: drafts created, updated or deleted;
- ``followup_provider_errors_total{provider,code}``: passes ended by a provider error, by its
  HTTP status or kind (``unreachable``, ``auth_revoked``...; see ``providers.errors``).

Read from the database at every scrape (the same in every process of an instance):

- ``followup_sync_lag_seconds{account,provider}``: time since the account's last good sync
  (since it was connected, before the first), for active accounts;
- ``followup_accounts{status}``, ``followup_suggestions_pending``,
  ``followup_outbox_pending``, and ``followup_database_up`` (0 when the queries failed).

No label holds personal data: an account is its number, never its address or its owner's
name, so the page can be read by whoever runs the service without showing one owner's mail
to another (``followup accounts list`` maps numbers to mailboxes for the operator).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from providers.clock import Clock
from service.engine.runner import PassReport
from service.store.db import transaction
from service.store.models import Account, OutboxItem, Suggestion

log = logging.getLogger(__name__)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
PASS_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0)


class Metrics:
    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self.registry = CollectorRegistry()
        self.pass_duration = Histogram(
            "followup_pass_duration_seconds", "Duration of one mailbox's pass", ["provider"],
            buckets=PASS_BUCKETS, registry=self.registry)
        self.drafts_written = Counter(
            "followup_drafts_written", "Drafts created, updated or deleted in mailboxes",
            ["provider"], registry=self.registry)
        self.provider_errors = Counter(
            "followup_provider_errors", "Passes ended by a provider error, by HTTP status or "
            "kind", ["provider", "code"], registry=self.registry)
        self.registry.register(_StoredState(factory, clock))

    def pass_finished(self, report: PassReport, seconds: float) -> None:
        if report.error == "leased":
            return  # another worker has it: no pass happened here
        provider = report.provider or "unknown"
        self.pass_duration.labels(provider).observe(seconds)
        if report.drafts_written:
            self.drafts_written.labels(provider).inc(report.drafts_written)
        if report.error_code is not None and report.error_code != "internal":
            self.provider_errors.labels(provider, report.error_code).inc()

    def exposition(self) -> bytes:
        return generate_latest(self.registry)


class _StoredState(Collector):
    def __init__(self, factory: sessionmaker[Session], clock: Clock) -> None:
        self._factory = factory
        self._clock = clock

    def describe(self) -> list[Metric]:
        return []  # collected fresh at each scrape; nothing to check at registration

    def collect(self) -> Iterator[Metric]:
        up = GaugeMetricFamily("followup_database_up",
                               "1 when the metrics' database queries succeeded")
        try:
            families = self._query()
        except Exception as exc:  # a scrape during an outage says so, it does not fail
            log.debug("metrics: database queries failed: %s", type(exc).__name__)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families

    def _query(self) -> list[Metric]:
        now = self._clock.now()
        lag = GaugeMetricFamily("followup_sync_lag_seconds",
                                "Seconds since the account's last good sync",
                                labels=["account", "provider"])
        accounts = GaugeMetricFamily("followup_accounts", "Connected mailboxes by status",
                                     labels=["status"])
        with transaction(self._factory) as session:
            rows = session.execute(select(Account.id, Account.provider, Account.status,
                                          Account.last_sync_at, Account.connected_at)).all()
            pending_suggestions = session.scalar(
                select(func.count()).select_from(Suggestion)
                .where(Suggestion.status == "suggested")) or 0
            pending_outbox = session.scalar(
                select(func.count()).select_from(OutboxItem)
                .where(OutboxItem.status == "pending")) or 0
        by_status: dict[str, int] = {}
        for account_id, provider, status, last_sync, connected in rows:
            by_status[status] = by_status.get(status, 0) + 1
            if status == "active":
                since = last_sync or connected
                lag.add_metric([str(account_id), provider],
                               max(0.0, (now - since).total_seconds()))
        for status, count in sorted(by_status.items()):
            accounts.add_metric([status], count)
        suggestions = GaugeMetricFamily("followup_suggestions_pending",
                                        "Check-in suggestions waiting for their owner",
                                        value=pending_suggestions)
        outbox = GaugeMetricFamily("followup_outbox_pending",
                                   "Mailbox writes decided and not yet carried out",
                                   value=pending_outbox)
        return [lag, accounts, suggestions, outbox]
