"""/healthz, /readyz and /metrics: what they answer, and who may read the metrics."""

from __future__ import annotations

from dataclasses import replace

import httpx
from starlette.testclient import TestClient

from service.metrics import Metrics
from service.store.db import make_engine, session_factory
from service.web.app import create_app
from service.web.ops import Operations, ops_app
from service.web.server import WebServer
from tests.service.web.conftest import Site, make_context

TOKEN = "metrics-token-for-the-scraper"


def operations(site: Site, *, scheduler: bool | None = True, token: str | None = None
               ) -> Operations:
    healthy = None if scheduler is None else (lambda: scheduler)
    return Operations(site.factory, Metrics(site.factory, site.clock), healthy, token)


def test_healthz_is_alive_and_readyz_names_what_is_down(site: Site) -> None:
    assert site.client.get("/healthz").json() == {"status": "ok"}
    app = ops_app(operations(site, scheduler=False))
    with TestClient(app) as client:
        answer = client.get("/readyz")
        assert answer.status_code == 503
        assert answer.json() == {"status": "unavailable",
                                 "checks": {"database": "ok", "scheduler": "stopped"}}
    with TestClient(ops_app(operations(site, scheduler=None))) as client:  # web only
        assert client.get("/readyz").json() == {"status": "ok", "checks": {"database": "ok"}}
    # a PostgreSQL that refuses connections: not ready, and the answer says only that
    gone = make_engine("postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2")
    down = Operations(session_factory(gone), None, lambda: True)
    with TestClient(ops_app(down)) as client:
        answer = client.get("/readyz")
        assert answer.status_code == 503
        assert answer.json()["checks"] == {"database": "unavailable", "scheduler": "ok"}
        assert client.get("/healthz").status_code == 200  # alive all the same
    gone.dispose()


def test_metrics_need_the_token_when_one_is_set(site: Site) -> None:
    context = replace(make_context(site.settings, site.clock, site.factory, []),
                      operations=operations(site, token=TOKEN))
    with TestClient(create_app(context), base_url=site.settings.base_url) as client:
        assert client.get("/metrics").status_code == 401
        assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}
                          ).status_code == 401
        answer = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
        assert answer.status_code == 200
        assert answer.headers["content-type"].startswith("text/plain; version=0.0.4")
        assert "followup_database_up 1.0" in answer.text
        assert "sam.patel@example.org" not in answer.text  # the seeded owner


def test_without_a_token_only_this_host_reads_metrics_directly(site: Site) -> None:
    assert site.client.get("/metrics").status_code == 403  # TestClient's peer is no loopback
    with WebServer(ops_app(operations(site))) as server:
        assert httpx.get(f"{server.url}/metrics", timeout=5).status_code == 200
        proxied = httpx.get(f"{server.url}/metrics", timeout=5,
                            headers={"X-Forwarded-For": "203.0.113.9"})
        assert proxied.status_code == 403  # through a proxy: from anywhere, so no
        assert httpx.get(f"{server.url}/readyz", timeout=5).status_code == 200
