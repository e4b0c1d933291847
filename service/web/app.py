"""The dashboard: a small Starlette app, server-rendered, usable without JavaScript, for
many owners on one instance (each signs in with the mailbox they connect).

    app = create_app(WebContext(factory, clock, settings, connectors, engine, on_change))

Routes: ``/`` (sign-in, or the signed-in owner's dashboard), ``/interviews/{id}`` (drafts,
notes, check-in, checklist, history), ``/welcome`` (first run), ``/settings``, ``/signout``;
``/signin/{provider}``, ``/connect/{provider}``, ``/reconnect/{id}`` + ``/oauth/callback``;
``/healthz``, ``/readyz``, ``/metrics`` (service/web/ops.py), ``/static/style.css`` and
``/static/favicon.svg``. Each page's forms post to the page itself.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from service.config import Settings
from service.web.context import WebContext
from service.web.oauth import OAuthRoutes
from service.web.ops import Operations, ops_routes
from service.web.pages import Pages
from service.web.rendering import WEB_TEMPLATES
from service.web.responses import Renderer
from service.web.security import SecurityHeaders
from service.web.sessions import Sessions

log = logging.getLogger(__name__)

STATIC = {"style.css": "text/css", "favicon.svg": "image/svg+xml"}
_WILDCARD_HOSTS = ("0.0.0.0", "::", "")  # noqa: S104 - names, not a bind


def allowed_hosts(settings: Settings) -> list[str]:
    """Host headers the app answers: its own names only, so that a web page whose domain
    was re-pointed at 127.0.0.1 (DNS rebinding) cannot read the dashboard."""
    hosts = {"127.0.0.1", "localhost"}
    hostname = urlsplit(settings.base_url).hostname
    if hostname:
        hosts.add(hostname)
    if settings.web_host in _WILDCARD_HOSTS:
        if settings.public_url is None:
            return ["*"]  # bound to every interface with no public name: any Host may be right
    else:
        hosts.add(settings.web_host)
    return sorted(hosts)


def create_app(context: WebContext) -> Starlette:
    settings = context.settings
    secret = settings.secret_key()
    secure_cookies = settings.base_url.startswith("https://")
    renderer = Renderer(secret, secure_cookies, context.clock, {"notice": context.notice})
    sessions = Sessions(context.factory, secret, secure_cookies)
    pages = Pages(context, renderer, sessions)
    oauth = OAuthRoutes(context, renderer, sessions, secret, secure_cookies)
    static = {name: (WEB_TEMPLATES.joinpath(name).read_bytes(), kind)
              for name, kind in STATIC.items()}

    async def static_file(request: Request) -> Response:
        found = static.get(request.path_params["name"])
        if found is None:
            raise HTTPException(404)
        content, kind = found
        return Response(content, media_type=kind, headers={"Cache-Control": "max-age=3600"})

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        detail = exc.detail if isinstance(exc, HTTPException) else ""
        if status == 405:
            detail = "This address does not take that kind of request."
        elif status == 404 and detail in ("", "Not Found"):
            detail = "There is no such page."
        return renderer.page(request, "message.html", status=status, error=detail,
                             title=f"Error {status}")

    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("request %s %s failed: %s", request.method, request.url.path,
                  type(exc).__name__)
        try:
            return renderer.page(request, "message.html", status=500,
                                 error="Something went wrong; the details are in the "
                                       "service's log.", title="Error 500")
        except Exception:
            return PlainTextResponse("Something went wrong.", status_code=500)

    routes = [
        *pages.routes(),
        *oauth.routes(),
        *ops_routes(context.operations or Operations(context.factory,
                                                     metrics_token=settings.metrics_token)),
        Route("/static/{name}", static_file, methods=["GET"]),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(settings)),
    ]
    return Starlette(routes=routes, middleware=middleware,
                     exception_handlers={HTTPException: http_error, Exception: server_error})
