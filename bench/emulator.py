"""Emulator benchmark: 2,000 Gmail mailboxes in one process, and the server-side time of an
idle incremental sync (Calendar ``events.list?syncToken=`` + Gmail ``history.list``).

"Server-side" is the time the ASGI app takes for a request, called directly in-process (what
uvicorn hands it after parsing the HTTP), so the figure excludes the client and the socket. A
short run over real loopback HTTP (keep-alive, uvicorn) is reported beside it for context.

    python -m bench.emulator [MAILBOXES]
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import httpx

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import AttendeeSpec, EventSpec, MailboxControl, PersonSpec
from providers.emulator.server import EmulatorServer

SCOPES = ("https://www.googleapis.com/auth/gmail.modify",
          "https://www.googleapis.com/auth/calendar.readonly")
START = datetime(2026, 3, 2, 13, 0, tzinfo=UTC)
EVENTS_PER_MAILBOX = 6
MAILS_PER_MAILBOX = 4
HTTP_SAMPLE = 300


class AsgiCaller:
    """Calls the ASGI app as uvicorn would, and times each call."""

    def __init__(self, app: Any) -> None:
        self._app = app

    async def call(self, method: str, path: str, query: dict[str, str] | None = None,
                   headers: dict[str, str] | None = None, body: bytes = b""
                   ) -> tuple[int, bytes, float]:
        scope = {
            "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
            "method": method, "scheme": "http", "path": path, "raw_path": path.encode(),
            "query_string": urlencode(query or {}).encode(), "root_path": "",
            "headers": [(name.lower().encode("latin-1"), value.encode("latin-1"))
                        for name, value in (headers or {}).items()],
            "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 80),
        }
        pending = [{"type": "http.request", "body": body, "more_body": False}]
        status = 0
        chunks: list[bytes] = []

        async def receive() -> dict[str, Any]:
            return pending.pop() if pending else {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        began = time.perf_counter()
        await self._app(scope, receive, send)
        elapsed = time.perf_counter() - began
        return status, b"".join(chunks), elapsed


def _address(index: int) -> str:
    return f"candidate{index:05d}@gmail.com"


def _load(control: MailboxControl, address_of: Callable[[int], str], mailboxes: int) -> None:
    for index in range(mailboxes):
        address = address_of(index)
        control.add_mailbox(address, f"Candidate {index}", "America/New_York")
        for number in range(EVENTS_PER_MAILBOX):
            start = START + timedelta(days=number, hours=2)
            control.put_event(address, EventSpec(
                id=f"ev{number}", title=f"Interview {number}", start=start,
                end=start + timedelta(hours=1), organizer=PersonSpec("rita@acme.com", "Rita"),
                attendees=(AttendeeSpec(address, response="accepted"),
                           AttendeeSpec("jane.doe@acme.com", "Jane Doe"))))
        for number in range(MAILS_PER_MAILBOX):
            control.deliver_mail(address, PersonSpec("rita@acme.com", "Rita"), (address,),
                                 f"Scheduling {number}", "Does Wednesday work?")


def _summary(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    return {"mean": statistics.fmean(ordered) * 1000,
            "p50": ordered[len(ordered) // 2] * 1000,
            "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000}


async def _measure(emulator: Emulator, mailboxes: int) -> dict[str, float]:
    caller = AsgiCaller(emulator.asgi_app())
    cursors: list[tuple[dict[str, str], str, str]] = []
    for index in range(mailboxes):
        code = emulator.google.grant(_address(index), "bench", SCOPES)
        status, body, _ = await caller.call(
            "POST", "/token", headers={"content-type": "application/x-www-form-urlencoded"},
            body=urlencode({"grant_type": "authorization_code", "code": code,
                            "client_id": "bench", "client_secret": "x"}).encode())
        if status != 200:
            raise RuntimeError(f"token exchange failed: {status} {body[:200]!r}")
        auth = {"authorization": f"Bearer {json.loads(body)['access_token']}"}
        _, body, _ = await caller.call("GET", "/calendar/v3/calendars/primary/events",
                                       {"singleEvents": "true"}, auth)
        sync_token = json.loads(body)["nextSyncToken"]
        _, body, _ = await caller.call("GET", "/gmail/v1/users/me/profile", None, auth)
        cursors.append((auth, sync_token, json.loads(body)["historyId"]))

    calendar_times: list[float] = []
    history_times: list[float] = []
    for auth, sync_token, history_id in cursors:
        status, body, elapsed = await caller.call(
            "GET", "/calendar/v3/calendars/primary/events", {"syncToken": sync_token}, auth)
        if status != 200 or json.loads(body)["items"]:
            raise RuntimeError(f"idle calendar sync was not idle: {status}")
        calendar_times.append(elapsed)
        status, body, elapsed = await caller.call(
            "GET", "/gmail/v1/users/me/history", {"startHistoryId": history_id}, auth)
        if status != 200 or "history" in json.loads(body):
            raise RuntimeError(f"idle history.list was not idle: {status}")
        history_times.append(elapsed)

    calendar = _summary(calendar_times)
    history = _summary(history_times)
    both = _summary(calendar_times + history_times)
    return {
        "calendar_sync_ms_mean": calendar["mean"], "calendar_sync_ms_p99": calendar["p99"],
        "gmail_history_ms_mean": history["mean"], "gmail_history_ms_p99": history["p99"],
        "per_request_ms_mean": both["mean"], "per_request_ms_p50": both["p50"],
        "per_request_ms_p99": both["p99"],
    }


def _outlook_address(index: int) -> str:
    return f"candidate{index:05d}@outlook.com"


GRAPH_SCOPES = "Mail.ReadWrite Calendars.Read MailboxSettings.Read User.Read offline_access"


def _batch(requests: list[str]) -> bytes:
    return json.dumps({"requests": [{"id": str(i), "method": "GET", "url": url}
                                    for i, url in enumerate(requests)]}).encode()


def _relative(link: str) -> str:
    return link.split("/v1.0", 1)[1]


async def _measure_outlook(emulator: Emulator, mailboxes: int) -> dict[str, float]:
    """Per mailbox: sign in, full delta of the calendar and both mail folders (following
    pages) to get delta links, then time one idle sync: the three deltas in one $batch."""
    caller = AsgiCaller(emulator.asgi_app())
    window = (f"startDateTime={START.isoformat().replace('+00:00', 'Z')}"
              f"&endDateTime={(START + timedelta(days=60)).isoformat().replace('+00:00', 'Z')}")
    first = [f"/me/calendarView/delta?{window}", "/me/mailFolders/inbox/messages/delta",
             "/me/mailFolders/sentitems/messages/delta"]
    links: list[tuple[dict[str, str], list[str]]] = []
    json_headers = {"content-type": "application/json"}
    for index in range(mailboxes):
        code = emulator.microsoft.grant(_outlook_address(index), "bench", tuple(
            GRAPH_SCOPES.split()))
        status, body, _ = await caller.call(
            "POST", "/common/oauth2/v2.0/token",
            headers={"content-type": "application/x-www-form-urlencoded"},
            body=urlencode({"grant_type": "authorization_code", "code": code,
                            "client_id": "bench", "scope": GRAPH_SCOPES}).encode())
        if status != 200:
            raise RuntimeError(f"token exchange failed: {status} {body[:200]!r}")
        auth = {"authorization": f"Bearer {json.loads(body)['access_token']}", **json_headers}
        delta_links = []
        for url in first:
            while True:
                status, body, _ = await caller.call("GET", "/v1.0" + url.split("?")[0],
                                                    dict(_query(url)), auth)
                page = json.loads(body)
                if status != 200:
                    raise RuntimeError(f"full delta failed: {status} {body[:200]!r}")
                if "@odata.deltaLink" in page:
                    delta_links.append(_relative(page["@odata.deltaLink"]))
                    break
                url = _relative(page["@odata.nextLink"])
        links.append((auth, delta_links))
    times: list[float] = []
    for auth, delta_links in links:
        status, body, elapsed = await caller.call("POST", "/v1.0/$batch", None, auth,
                                                  body=_batch(delta_links))
        answers = json.loads(body)["responses"] if status == 200 else []
        if status != 200 or any(a["status"] != 200 or a["body"].get("value")
                                for a in answers):
            raise RuntimeError(f"idle $batch was not idle: {status} {body[:300]!r}")
        times.append(elapsed)
    batch = _summary(times)
    return {"outlook_batch_sync_ms_mean": batch["mean"], "outlook_batch_sync_ms_p50": batch["p50"],
            "outlook_batch_sync_ms_p99": batch["p99"]}


def _query(url: str) -> list[tuple[str, str]]:
    from urllib.parse import parse_qsl, urlsplit

    return parse_qsl(urlsplit(url).query)


def _http_round_trip(emulator: Emulator) -> float:
    """Mean milliseconds of an idle incremental sync request over loopback HTTP."""
    address = _address(0)
    with EmulatorServer(emulator) as server, httpx.Client(base_url=server.http_url) as client:
        code = emulator.google.grant(address, "bench", SCOPES)
        token = client.post("/token", data={"grant_type": "authorization_code", "code": code,
                                            "client_id": "bench"}).json()["access_token"]
        client.headers["authorization"] = f"Bearer {token}"
        sync_token = client.get("/calendar/v3/calendars/primary/events").json()["nextSyncToken"]
        client.get("/calendar/v3/calendars/primary/events", params={"syncToken": sync_token})
        began = time.perf_counter()
        for _ in range(HTTP_SAMPLE):
            client.get("/calendar/v3/calendars/primary/events",
                       params={"syncToken": sync_token})
        return (time.perf_counter() - began) / HTTP_SAMPLE * 1000


def run_emulator_benchmark(mailboxes: int = 2000) -> dict[str, float]:
    """Load ``mailboxes`` Gmail mailboxes, sync each once, then time one idle incremental
    sync (2 requests) per mailbox; then as many Outlook mailboxes beside them (one process),
    whose idle sync is one $batch of three deltas. Times in milliseconds;
    ``per_request_ms_mean`` and ``outlook_batch_sync_ms_mean`` are the figures to hold under
    2 ms."""
    emulator = Emulator(VirtualClock(START))
    began = time.perf_counter()
    _load(emulator.google, _address, mailboxes)
    load_seconds = time.perf_counter() - began
    results: dict[str, float] = {"mailboxes": float(mailboxes), "load_seconds": load_seconds}
    results.update(asyncio.run(_measure(emulator, mailboxes)))
    began = time.perf_counter()
    _load(emulator.microsoft, _outlook_address, mailboxes)
    results["outlook_load_seconds"] = time.perf_counter() - began
    results.update(asyncio.run(_measure_outlook(emulator, mailboxes)))
    results["http_round_trip_ms_mean"] = _http_round_trip(emulator)
    return results


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    print(json.dumps(run_emulator_benchmark(count), indent=2))
