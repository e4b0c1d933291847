"""Several Graph GETs in as few HTTP requests as possible: one JSON ``$batch`` (up to 20 at a
time), or a plain GET when there is just one. Transient failures, of the whole batch or of
single items, are retried with the shared backoff; other failures come back per request."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from providers.clock import Clock
from providers.errors import AuthError, AuthExpired, ProviderError, RetryLater
from providers.microsoft.graph_errors import error_for
from providers.microsoft.graph_json import GraphShapeError, parse_batch
from providers.microsoft.graph_requests import relative_to_root, with_immutable_ids
from providers.microsoft.transport import AccessTokenSource, GraphReply, GraphTransport
from providers.retry import RetryPolicy, call_with_retry

log = logging.getLogger(__name__)

MAX_BATCH = 20  # Graph's limit on requests in one JSON batch


@dataclass(frozen=True)
class Get:
    target: str  # relative path or absolute URL under the Graph root
    prefer: str | None = None


Outcome = GraphReply | ProviderError


class GraphBatcher:
    def __init__(
        self,
        transport: GraphTransport,
        tokens: AccessTokenSource,
        graph_base: str,
        policy: RetryPolicy,
        clock: Clock,
    ) -> None:
        self._transport = transport
        self._tokens = tokens
        self._base = graph_base
        self._policy = policy
        self._clock = clock

    def get_many(self, gets: Mapping[str, Get], what: str) -> dict[str, Outcome]:
        """Every GET's answer (2xx) or error. Auth errors are raised, not returned; a
        transient error still there after the retries is returned as RetryLater."""
        outcomes: dict[str, Outcome] = {}
        pending = dict(gets)
        failures = 0
        refreshed = False
        while pending:
            answered = self._round(pending, what)
            transient: list[RetryLater] = []
            item_auth_failed = False
            for key, outcome in answered.items():
                if isinstance(outcome, RetryLater):
                    transient.append(outcome)
                    continue
                if isinstance(outcome, AuthExpired):
                    item_auth_failed = True
                    continue
                outcomes[key] = outcome
                del pending[key]
            if item_auth_failed:
                if refreshed:
                    raise AuthExpired(f"{what}: HTTP 401 after a token refresh")
                refreshed = True
                self._tokens.refreshed_access_token()
            if transient:
                failures += 1
                retry_after = max(
                    (exc.retry_after for exc in transient if exc.retry_after is not None),
                    default=None,
                )
                wait = self._policy.backoff(failures, retry_after)
                if wait is None:
                    for key in pending:
                        outcomes.setdefault(key, transient[0])
                    return outcomes
                log.info("%s: %d transient item failure(s), retry in %.2fs",
                         what, len(transient), wait)
                self._clock.sleep(wait)
        return outcomes

    def _round(self, pending: Mapping[str, Get], what: str) -> dict[str, Outcome]:
        answered: dict[str, Outcome] = {}
        keys = list(pending)
        for start in range(0, len(keys), MAX_BATCH):
            chunk = {key: pending[key] for key in keys[start:start + MAX_BATCH]}
            if len(chunk) == 1:
                answered.update(self._single(chunk, what))
            else:
                answered.update(self._batch(chunk, what))
        return answered

    def _single(self, chunk: Mapping[str, Get], what: str) -> dict[str, Outcome]:
        ((key, get),) = chunk.items()
        headers = {"Prefer": get.prefer} if get.prefer else None
        try:
            return {key: self._transport.request("GET", get.target, headers=headers, what=what)}
        except AuthError:
            raise
        except ProviderError as exc:
            return {key: exc}

    def _batch(self, chunk: Mapping[str, Get], what: str) -> dict[str, Outcome]:
        requests = []
        outcomes: dict[str, Outcome] = {}
        for key, get in chunk.items():
            relative = relative_to_root(get.target, self._base)
            if relative is None:
                outcomes[key] = error_for(400, {}, None, self._clock.now(),
                                          f"{what}: a URL outside the Graph root")
                continue
            # The envelope's headers do not reach the items: each asks for immutable ids.
            request: dict[str, object] = {"id": key, "method": "GET", "url": relative,
                                          "headers": {"Prefer": with_immutable_ids(get.prefer)}}
            requests.append(request)
        if not requests:
            return outcomes
        reply = call_with_retry(
            lambda: self._transport.request(
                "POST", "/$batch", body={"requests": requests}, what=f"{what} (batch)",
                slots=len(requests),
            ),
            self._policy,
            self._clock,
            what=f"{what} (batch)",
        )
        try:
            replies = parse_batch(reply.body)
        except GraphShapeError as exc:
            raise RetryLater(f"{what}: {exc}") from None
        now = self._clock.now()
        for key in chunk:
            if key in outcomes:
                continue
            item = replies.get(key)
            if item is None:
                outcomes[key] = RetryLater(f"{what}: the batch answer lacks request {key}")
            elif 200 <= item.status < 300:
                outcomes[key] = GraphReply(status=item.status, headers=item.headers,
                                           body=item.body)
            else:
                outcomes[key] = error_for(item.status, item.headers, item.body, now,
                                          f"{what} [{key}]")
        return outcomes
