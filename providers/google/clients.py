"""What every Google account of a process shares: the API objects built once from the static
discovery documents, and the connections. Per account there is only a
:class:`providers.google.session.GoogleSession` (its credentials) over these.

googleapiclient is built on httplib2, whose ``Http`` objects are not thread-safe; its
documentation's answer is to give each thread its own ``Http`` and to pass an ``http`` to each
request's ``execute`` (https://googleapis.github.io/google-api-python-client/docs/thread_safety.html).
So the API objects are built once over an ``Http`` that refuses to send; every request is
executed with the account's credentials over the calling thread's ``Http``, which keeps its
connections to each host alive between requests, whatever account they were for. All of
those connections use one SSL context per process (one CA bundle load, see
:mod:`providers.trust`), not one per connection.
"""

from __future__ import annotations

import threading
import weakref
from typing import Any

import httplib2
import requests
from googleapiclient.discovery import build

from providers.google.endpoints import GoogleEndpoints
from providers.trust import TrustStore


class _Unbound(httplib2.Http):  # type: ignore[misc]
    """The ``Http`` the shared API objects are built with: a request is sent with an
    account's credentials or not at all."""

    def request(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("a Google API request was about to be sent without credentials")


class GoogleApis:
    """The Gmail v1 and Calendar v3 resources, built once: building them from the discovery
    documents costs milliseconds, and so does every nested resource (``users()``,
    ``users().drafts()``), so those are kept too. Making a request from them only reads
    them, from any thread."""

    def __init__(self, endpoints: GoogleEndpoints) -> None:
        unbound = _Unbound()
        gmail = build("gmail", "v1", http=unbound, static_discovery=True,
                      cache_discovery=False,
                      client_options={"api_endpoint": endpoints.gmail_base})
        calendar = build("calendar", "v3", http=unbound, static_discovery=True,
                         cache_discovery=False,
                         client_options={"api_endpoint": endpoints.calendar_base})
        self.users: Any = gmail.users()
        self.drafts: Any = self.users.drafts()
        self.messages: Any = self.users.messages()
        self.history: Any = self.users.history()
        self.threads: Any = self.users.threads()
        self.events: Any = calendar.events()


def requests_session(endpoints: GoogleEndpoints) -> requests.Session:
    """A requests session for the OAuth endpoints, trusting the configured CA (or the
    system's)."""
    session = requests.Session()
    session.verify = endpoints.ca_path if endpoints.ca_path else True
    session.trust_env = False  # no proxy from the environment for loopback or Google
    return session


class _SharedContextHttps(httplib2.HTTPSConnectionWithTimeout):  # type: ignore[misc]
    """httplib2's HTTPS connection on the process's context, instead of a new context (and a
    new load of the CA bundle) for every connection."""

    trust: TrustStore  # set on the subclass each GoogleConnections makes

    def __init__(self, host: str, port: int | None = None, *, timeout: float | None = None,
                 proxy_info: Any = None, **_: Any) -> None:
        # What httplib2's own __init__ sets, less the context it would build.
        self.disable_ssl_certificate_validation = False
        self.ca_certs = None
        self.proxy_info = proxy_info
        if proxy_info and not isinstance(proxy_info, httplib2.ProxyInfo):
            self.proxy_info = proxy_info("https")
        # httplib2's parent is http.client's, which takes the context as it is.
        super(httplib2.HTTPSConnectionWithTimeout, self).__init__(
            host, port=port, timeout=timeout, context=self.trust.context())
        self.key_file = None
        self.cert_file = None
        self.key_password = None


class _PooledHttp(httplib2.Http):  # type: ignore[misc]
    """One thread's ``Http``: its HTTPS connections on the process's context."""

    def __init__(self, connection_type: type[httplib2.HTTPSConnectionWithTimeout],
                 timeout: float) -> None:
        super().__init__(timeout=timeout)  # proxies as the environment says (httplib2 default)
        self._https = connection_type

    def request(self, uri: str, method: str = "GET", body: Any = None,
                headers: Any = None, redirections: int = httplib2.DEFAULT_MAX_REDIRECTS,
                connection_type: Any = None) -> Any:
        if connection_type is None and uri.startswith("https:"):
            connection_type = self._https
        try:
            return super().request(uri, method, body=body, headers=headers,
                                   redirections=redirections, connection_type=connection_type)
        except BaseException:
            # httplib2 keeps a connection whose socket failed (a reset, a refused write) and
            # would fail on it again at every later request: a kept-alive connection must
            # not outlive a failure, or one outage would never end for this thread.
            self.close()
            raise


class GoogleConnections:
    """Per thread, one ``Http`` per timeout for the APIs and one requests session for the
    token endpoint; both keep their connections alive across accounts."""

    def __init__(self, endpoints: GoogleEndpoints) -> None:
        self._endpoints = endpoints
        # Without a configured bundle, httplib2's own (certifi's), as httplib2 would.
        trust = TrustStore(endpoints.ca_path, default_cafile=httplib2.CA_CERTS)
        self._https = type("SharedContextHttps", (_SharedContextHttps,), {"trust": trust})
        self._local = threading.local()
        self._lock = threading.Lock()
        # weak: a thread's connections go with the thread
        self._opened: weakref.WeakSet[_PooledHttp | requests.Session] = weakref.WeakSet()

    def http(self, timeout: float) -> httplib2.Http:
        pool: dict[float, _PooledHttp] | None = getattr(self._local, "http", None)
        if pool is None:
            pool = self._local.http = {}
        http = pool.get(timeout)
        if http is None:
            http = pool[timeout] = _PooledHttp(self._https, timeout)
            with self._lock:
                self._opened.add(http)
        return http

    def token_session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "token_session", None)
        if session is None:
            session = self._local.token_session = requests_session(self._endpoints)
            with self._lock:
                self._opened.add(session)
        return session

    def close(self) -> None:
        with self._lock:
            opened, self._opened = list(self._opened), weakref.WeakSet()
        for connection in opened:
            connection.close()


class GoogleClients:
    """The process's Google clients for one set of endpoints (see the module docstring)."""

    def __init__(self, endpoints: GoogleEndpoints | None = None) -> None:
        self.endpoints = endpoints or GoogleEndpoints()
        self.connections = GoogleConnections(self.endpoints)
        self._apis: GoogleApis | None = None
        self._lock = threading.Lock()

    @property
    def apis(self) -> GoogleApis:
        """Built on first use: signing in alone does not need them."""
        with self._lock:
            if self._apis is None:
                self._apis = GoogleApis(self.endpoints)
            return self._apis

    def close(self) -> None:
        self.connections.close()
