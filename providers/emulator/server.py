"""The emulator as a real HTTP server on 127.0.0.1, in a background thread.

Two listeners serve the same app: plain http (what the Google clients are pointed at) and
https with a throwaway CA (msal refuses plain http; requests-oauthlib wants https too, see
``https_url``). Port 0 picks a free port. Usage::

    with EmulatorServer(Emulator(clock)) as server:
        server.http_url, server.https_url, server.ca_path
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import tempfile
import threading
import time
from pathlib import Path
from types import TracebackType

import uvicorn

from providers.emulator.app import Emulator
from providers.emulator.tls import TlsMaterial, make_tls_material

HOST = "127.0.0.1"
_POLL_SECONDS = 0.005
_GRACE_SECONDS = 0.3  # for open connections to close by themselves at shutdown


def _listen(port: int) -> socket.socket:
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted sockets only when the
    # listener says so, and without it every keep-alive request waits out a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, port))
    except OSError:
        sock.close()
        raise
    sock.listen(1024)
    sock.setblocking(False)
    return sock


class EmulatorServer:
    def __init__(
        self,
        emulator: Emulator | None = None,
        *,
        http_port: int = 0,
        https_port: int = 0,
        tls_directory: Path | None = None,
        startup_timeout: float = 15.0,
    ) -> None:
        self.emulator = emulator if emulator is not None else Emulator()
        self._ports = (http_port, https_port)
        self._tls_directory = tls_directory
        self._startup_timeout = startup_timeout
        self._temporary: tempfile.TemporaryDirectory[str] | None = None
        self._tls: TlsMaterial | None = None
        self._servers: list[uvicorn.Server] = []
        self._sockets: list[socket.socket] = []
        self._thread: threading.Thread | None = None
        self._failure: BaseException | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.http_url = ""
        self.https_url = ""

    @property
    def ca_path(self) -> Path:
        if self._tls is None:
            raise RuntimeError("the emulator server is not started")
        return self._tls.ca_path

    @property
    def tls(self) -> TlsMaterial:
        if self._tls is None:
            raise RuntimeError("the emulator server is not started")
        return self._tls

    def start(self) -> EmulatorServer:
        if self._thread is not None:
            raise RuntimeError("the emulator server is already started")
        directory = self._tls_directory
        if directory is None:
            self._temporary = tempfile.TemporaryDirectory(prefix="followup-emulator-")
            directory = Path(self._temporary.name)
        self._tls = make_tls_material(directory)
        try:
            self._sockets = [_listen(self._ports[0]), _listen(self._ports[1])]
        except OSError:
            self._close_sockets()
            self._cleanup_tls()
            raise
        http_port = self._sockets[0].getsockname()[1]
        https_port = self._sockets[1].getsockname()[1]
        self.http_url = f"http://{HOST}:{http_port}"
        self.https_url = f"https://{HOST}:{https_port}"
        # Browsers sign in on plain http (no browser trusts the throwaway CA); the clients'
        # token and API calls stay on https.
        self.emulator.microsoft.set_browser_origin(self.http_url)
        app = self.emulator.asgi_app()
        common = {"log_config": None, "log_level": "warning", "access_log": False,
                  "lifespan": "off", "timeout_graceful_shutdown": 2, "timeout_keep_alive": 30}
        self._servers = [
            uvicorn.Server(uvicorn.Config(app, **common)),  # type: ignore[arg-type]
            uvicorn.Server(uvicorn.Config(app, ssl_certfile=str(self._tls.cert_path),
                                          ssl_keyfile=str(self._tls.key_path),
                                          **common)),  # type: ignore[arg-type]
        ]
        self._thread = threading.Thread(target=self._run, name="emulator-server", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + self._startup_timeout
        while not all(server.started for server in self._servers):
            if not self._thread.is_alive() or time.monotonic() > deadline:
                failure = self._failure
                self.stop()
                raise RuntimeError(f"the emulator server did not start: {failure!r}")
            time.sleep(_POLL_SECONDS)
        return self

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as exc:  # reported by start() / stop(), never lost silently
            self._failure = exc

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        await asyncio.gather(*(server.serve(sockets=[sock])
                               for server, sock in zip(self._servers, self._sockets,
                                                       strict=True)))

    def stop(self, timeout: float = 10.0) -> None:
        for server in self._servers:
            server.should_exit = True
        if self._thread is not None:
            self._thread.join(_GRACE_SECONDS)
            loop = self._loop
            if self._thread.is_alive() and loop is not None and not loop.is_closed():
                # A TLS close waits for the client's close_notify; an idle keep-alive client
                # (a requests session not yet collected) never sends it.
                with contextlib.suppress(RuntimeError):
                    loop.call_soon_threadsafe(self._abort_connections)
            self._thread.join(timeout)
            if self._thread.is_alive():
                for server in self._servers:
                    server.force_exit = True
                self._thread.join(timeout)
        self._thread = None
        self._servers = []
        self._close_sockets()
        self._cleanup_tls()

    def _abort_connections(self) -> None:
        for server in self._servers:
            for connection in list(server.server_state.connections):
                transport = getattr(connection, "transport", None)
                if transport is not None:
                    transport.abort()

    def _close_sockets(self) -> None:
        for sock in self._sockets:
            with contextlib.suppress(OSError):
                sock.close()
        self._sockets = []

    def _cleanup_tls(self) -> None:
        if self._temporary is not None:
            self._temporary.cleanup()
            self._temporary = None

    def __enter__(self) -> EmulatorServer:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()
