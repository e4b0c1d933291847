"""The dashboard served by uvicorn in a thread, over real HTTP (what the browser tests and a
``followup run`` keeping its main thread use)."""

from __future__ import annotations

import httpx

from service.web.app import create_app
from service.web.server import WebServer, bind
from tests.service.web.conftest import Site, make_context


def test_served_over_http_on_a_free_port(site: Site) -> None:
    sock = bind("127.0.0.1", 0)
    settings = site.settings.model_copy(update={"web_port": sock.getsockname()[1]})
    app = create_app(make_context(settings, site.clock, site.factory, []))
    with WebServer(app, sock=sock) as server:
        assert server.url == settings.base_url
        answer = httpx.get(f"{server.url}/healthz", timeout=5)
        assert answer.status_code == 200 and answer.json() == {"status": "ok"}
        page = httpx.get(f"{server.url}/", timeout=5,
                         cookies={"followup_session": site.client.cookies["followup_session"]})
        assert "sam.patel@example.org" in page.text
        assert "followup_csrf=" in page.headers["set-cookie"]
    # stopped: the port is free again
    bind("127.0.0.1", server.port).close()
