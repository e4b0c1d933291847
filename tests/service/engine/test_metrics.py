"""What the engine's passes feed into the metrics, read the way Prometheus reads them."""

from __future__ import annotations

from prometheus_client.parser import text_string_to_metric_families

from providers.emulator.control import Faults
from service.engine.runner import Engine
from service.metrics import Metrics
from tests.service.engine.conftest import World


def samples(metrics: Metrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = metrics.exposition().decode()
    return {(sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def observed(world: World) -> tuple[Engine, Metrics]:
    engine = world.engine()
    metrics = Metrics(world.factory, world.clock)
    engine.observers.append(metrics)
    return engine, metrics


def test_a_pass_that_writes_a_draft(world: World) -> None:
    owner = world.mailbox("alex.kim")
    spec = world.interview(owner)
    engine, metrics = observed(world)
    account = world.connect(engine, owner)
    world.clock.set(spec.end)
    engine.tick()
    provider = (("provider", world.provider),)
    seen = samples(metrics)
    assert seen[("followup_drafts_written_total", provider)] == 1
    assert seen[("followup_pass_duration_seconds_count", provider)] == 1
    assert seen[("followup_sync_lag_seconds", (("account", str(account)), *provider))] == 0
    assert seen[("followup_accounts", (("status", "active"),))] == 1
    assert seen[("followup_database_up", ())] == 1
    assert seen[("followup_suggestions_pending", ())] == 0
    assert seen[("followup_outbox_pending", ())] == 0
    text = metrics.exposition().decode()
    assert owner not in text and "acme.com" not in text and "Alex" not in text


def test_provider_errors_by_code_and_the_lag_that_follows(world: World) -> None:
    owner = world.mailbox("alex.kim")
    engine, metrics = observed(world)
    account = world.connect(engine, owner)
    engine.tick()
    world.control.set_faults(Faults(error_rate=1.0, error_statuses=(503,)), owner)
    world.clock.advance(world.engine().poll_interval)
    report = engine.tick()[0]
    assert report.error_code == "503"
    world.control.set_faults(Faults(), owner)
    world.control.revoke(owner)
    world.clock.advance(engine.poll_interval * 30)  # past the backoff
    assert engine.tick()[0].error_code == "auth_revoked"
    seen = samples(metrics)
    for code in ("503", "auth_revoked"):
        assert seen[("followup_provider_errors_total",
                     (("code", code), ("provider", world.provider)))] == 1
    assert seen[("followup_accounts", (("status", "needs_reauth"),))] == 1
    assert ("followup_sync_lag_seconds", (("account", str(account)),
                                          ("provider", world.provider))) not in seen
