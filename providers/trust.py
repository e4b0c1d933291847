"""The CAs a process trusts for a provider, loaded once into one SSL context and shared by
all its connections: loading a CA bundle costs milliseconds, and doing it for every
connection (or every pass) was a good part of an idle pass.

A configured bundle is loaded again when its file changes (a rotated bundle; an emulator
restarted with a new CA), so a long-running worker follows it without a restart: a stat per
new connection, not a load.
"""

from __future__ import annotations

import os
import ssl
import threading


class TrustStore:
    def __init__(self, ca_path: str | None, default_cafile: str | None = None) -> None:
        """``ca_path``: a PEM bundle to trust instead of the default; ``default_cafile``: the
        bundle to trust without one (None: the system's)."""
        self._path = ca_path
        self._default = default_cafile
        self._lock = threading.Lock()
        self._loaded: ssl.SSLContext | None = None
        self._version: tuple[int, int, int] | None = None

    def context(self) -> ssl.SSLContext:
        """The current context (the same object until the configured bundle changes)."""
        version = self._file_version()
        with self._lock:
            if self._loaded is None or version != self._version:
                self._loaded = ssl.create_default_context(cafile=self._path or self._default)
                self._version = version
            return self._loaded

    def _file_version(self) -> tuple[int, int, int] | None:
        if not self._path:
            return None
        try:
            status = os.stat(self._path)
        except OSError:
            return None  # loading it will say what is wrong
        return status.st_ino, status.st_mtime_ns, status.st_size
