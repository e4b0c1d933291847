"""Serving the dashboard with uvicorn in a background thread (tests, and a ``followup run``
that keeps its main thread for the scheduler). Port 0 picks a free port::

    with WebServer(app, "127.0.0.1", 0) as server:
        server.url  # http://127.0.0.1:<port>
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from types import TracebackType

import uvicorn
from starlette.types import ASGIApp

_POLL_SECONDS = 0.01


def bind(host: str, port: int) -> socket.socket:
    """A listening socket; bind before building the app when the port must be known first
    (the OAuth redirect names it)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(128)
    sock.setblocking(False)
    return sock


class WebServer:
    def __init__(self, app: ASGIApp, host: str = "127.0.0.1", port: int = 0, *,
                 sock: socket.socket | None = None, startup_timeout: float = 15.0) -> None:
        self._app = app
        self._sock = sock if sock is not None else bind(host, port)
        self._startup_timeout = startup_timeout
        self._server = uvicorn.Server(uvicorn.Config(
            app, log_config=None, log_level="warning", access_log=False, lifespan="off",
            timeout_graceful_shutdown=2, proxy_headers=False))
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        address = self._sock.getsockname()
        self.port: int = address[1]
        shown = f"[{address[0]}]" if ":" in address[0] else address[0]
        self.url = f"http://{shown}:{self.port}"

    def start(self) -> WebServer:
        self._thread = threading.Thread(target=self._run, name="web-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + self._startup_timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the web server did not start: {self._failure!r}")
            time.sleep(_POLL_SECONDS)
        return self

    def _run(self) -> None:
        try:
            asyncio.run(self._server.serve(sockets=[self._sock]))
        except BaseException as exc:  # reported by start(), never lost silently
            self._failure = exc

    def stop(self, timeout: float = 10.0) -> None:
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                self._server.force_exit = True
                self._thread.join(timeout)
            self._thread = None
        self._sock.close()

    def __enter__(self) -> WebServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()
