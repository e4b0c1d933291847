"""Operations endpoints: ``/healthz`` (the process answers), ``/readyz`` (the database
answers and, where this process runs one, the scheduler is ticking) and ``/metrics``
(Prometheus text format, see :mod:`service.metrics`).

They are part of the dashboard app, and, with ``FOLLOWUP_OPS_PORT``, also served alone on a
port of their own (:func:`ops_app`): workers started with ``--no-web`` have a health check and
metrics, and a reverse proxy that publishes the dashboard need not forward them.

Who may read ``/metrics``: it holds counts and account numbers, never an address or a name,
but it is still the operator's business. With ``FOLLOWUP_METRICS_TOKEN`` set, a request must
carry ``Authorization: Bearer <token>`` (Prometheus's ``authorization`` setting). Without one,
only a client on the same host talking directly (a loopback peer, no proxy's forwarding
headers) gets an answer: a proxy in front of the dashboard never passes the page to the world.
The two health endpoints say "ok" or what is down, nothing more, and answer anyone.
"""

from __future__ import annotations

import hmac
import ipaddress
import logging
from collections.abc import Callable
from dataclasses import dataclass

import anyio
import anyio.to_thread
from sqlalchemy import text
from sqlalchemy.orm import Session, sessionmaker
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from service.metrics import CONTENT_TYPE, Metrics
from service.store.db import transaction

log = logging.getLogger(__name__)

READY_TIMEOUT_SECONDS = 5.0
_FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip", "x-forwarded-host")


@dataclass(frozen=True)
class Operations:
    factory: sessionmaker[Session]
    metrics: Metrics | None = None
    # None: this process runs no scheduler (``--no-scheduler``), so readiness does not ask
    scheduler_healthy: Callable[[], bool] | None = None
    metrics_token: str | None = None


def _database_answers(factory: sessionmaker[Session]) -> None:
    with transaction(factory) as session:
        session.execute(text("SELECT 1"))


def _loopback_direct(request: Request) -> bool:
    if any(name in request.headers for name in _FORWARDING_HEADERS):
        return False
    host = request.client.host if request.client else ""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _bearer(request: Request) -> str:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


class _Endpoints:
    def __init__(self, operations: Operations) -> None:
        self.ops = operations

    async def healthz(self, request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(self, request: Request) -> Response:
        checks: dict[str, str] = {}
        try:
            with anyio.fail_after(READY_TIMEOUT_SECONDS):
                await anyio.to_thread.run_sync(_database_answers, self.ops.factory,
                                               abandon_on_cancel=True)
            checks["database"] = "ok"
        except Exception as exc:
            log.debug("readiness: the database does not answer: %s", type(exc).__name__)
            checks["database"] = "unavailable"
        if self.ops.scheduler_healthy is not None:
            checks["scheduler"] = "ok" if self.ops.scheduler_healthy() else "stopped"
        ready = all(value == "ok" for value in checks.values())
        return JSONResponse({"status": "ok" if ready else "unavailable", "checks": checks},
                            status_code=200 if ready else 503)

    async def metrics(self, request: Request) -> Response:
        token = self.ops.metrics_token
        if token:
            if not hmac.compare_digest(_bearer(request).encode(), token.encode()):
                return PlainTextResponse("a bearer token is required\n", status_code=401,
                                         headers={"WWW-Authenticate": "Bearer"})
        elif not _loopback_direct(request):
            return PlainTextResponse("metrics are served to this host only; set "
                                     "FOLLOWUP_METRICS_TOKEN to read them from elsewhere\n",
                                     status_code=403)
        if self.ops.metrics is None:
            return PlainTextResponse("no metrics in this process\n", status_code=404)
        body = await anyio.to_thread.run_sync(self.ops.metrics.exposition)
        return Response(body, media_type=CONTENT_TYPE)


def ops_routes(operations: Operations) -> list[BaseRoute]:
    endpoints = _Endpoints(operations)
    return [Route("/healthz", endpoints.healthz, methods=["GET", "HEAD"]),
            Route("/readyz", endpoints.readyz, methods=["GET", "HEAD"]),
            Route("/metrics", endpoints.metrics, methods=["GET"])]


def ops_app(operations: Operations) -> Starlette:
    """The three endpoints alone (``FOLLOWUP_OPS_PORT``)."""
    return Starlette(routes=ops_routes(operations))

