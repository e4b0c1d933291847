"""The whole emulator in one object: both provider halves on one clock, one meter, one fault
injector, served as one Starlette app (``/_emulator/`` is the control API)."""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from starlette.applications import Starlette
from starlette.routing import BaseRoute

from providers.clock import Clock, SystemClock
from providers.emulator.control import MailboxControl
from providers.emulator.google import GoogleEmulator
from providers.emulator.metering import ApiMeter, FaultInjector
from providers.model import ProviderName

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from providers.emulator.microsoft import MicrosoftEmulator


class Emulator:
    def __init__(self, clock: Clock | None = None) -> None:
        self.clock: Clock = clock if clock is not None else SystemClock()
        self.meter = ApiMeter()
        self.faults = FaultInjector()
        self.google = GoogleEmulator(self.clock, self.meter, self.faults)
        self._microsoft: MicrosoftEmulator | None = None
        self._lock = threading.Lock()
        self._app: Starlette | None = None

    @property
    def microsoft(self) -> MicrosoftEmulator:
        with self._lock:
            if self._microsoft is None:
                # Imported on first use: the Google half does not pay for msal-side modules.
                from providers.emulator.microsoft import MicrosoftEmulator

                self._microsoft = MicrosoftEmulator(self.clock, self.meter, self.faults)
            return self._microsoft

    def control(self, provider: ProviderName) -> MailboxControl:
        if provider == "gmail":
            return self.google
        if provider == "outlook":
            return self.microsoft
        raise ValueError(f"unknown provider {provider!r}")

    def issued_tokens(self) -> set[str]:
        """Every OAuth token either half handed out."""
        tokens = self.google.oauth.issued_tokens()
        with self._lock:
            microsoft = self._microsoft
        return tokens | (microsoft.identity.issued_tokens() if microsoft is not None else set())

    def routes(self) -> list[BaseRoute]:
        from providers.emulator.http_control import control_routes

        routes = [*control_routes(self), *self.google.routes()]
        try:
            routes += self.microsoft.routes()
        except ImportError:  # a tree without the Microsoft half still serves Google
            log.warning("the Microsoft half of the emulator is not available")
        return routes

    def asgi_app(self) -> Starlette:
        """One app for both listeners (the same instance each time)."""
        with self._lock:
            app = self._app
        if app is None:
            app = Starlette(routes=self.routes())
            with self._lock:
                self._app = self._app or app
                app = self._app
        return app
