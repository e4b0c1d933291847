"""Injected faults on the Google half: Google's error shapes, Retry-After, accounting."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from providers.emulator.app import Emulator
from providers.emulator.control import Faults, PersonSpec
from providers.emulator.server import EmulatorServer
from tests.providers.emulator.conftest import OWNER, GoogleSession


@pytest.fixture
def api(session: GoogleSession) -> Iterator[httpx.Client]:
    """Raw HTTP with the session's token, on one keep-alive connection."""
    with httpx.Client(base_url=session.base_url, headers={
            "Authorization": f"Bearer {session.credentials.token}"}) as client:
        yield client


def profile(api: httpx.Client) -> httpx.Response:
    return api.get("/gmail/v1/users/me/profile")


def test_fail_next_answers_429_then_503_with_retry_after(api: httpx.Client,
                                                         emulator: Emulator) -> None:
    emulator.google.set_faults(Faults(fail_next=[429, 503, 500], retry_after_seconds=7),
                               OWNER)
    limited, unavailable, broken, fine = (profile(api) for _ in range(4))
    assert limited.status_code == 429 and limited.headers["retry-after"] == "7"
    error = limited.json()["error"]
    assert error["status"] == "RESOURCE_EXHAUSTED"
    assert error["errors"][0]["reason"] == "rateLimitExceeded"
    assert unavailable.status_code == 503 and unavailable.headers["retry-after"] == "7"
    assert unavailable.json()["error"]["errors"][0]["reason"] == "backendError"
    assert broken.status_code == 500 and "retry-after" not in broken.headers
    assert fine.status_code == 200
    assert emulator.google.api_calls(OWNER)["gmail.users.getProfile"] == 4


def test_error_rate_is_seeded_and_applies_to_batch_parts(session: GoogleSession,
                                                         api: httpx.Client,
                                                         emulator: Emulator) -> None:
    emulator.google.set_faults(Faults(error_rate=0.5, error_statuses=(429,), seed=3))
    statuses = [profile(api).status_code for _ in range(40)]
    assert set(statuses) == {200, 429} and 5 < statuses.count(429) < 35
    emulator.google.set_faults(Faults(error_rate=0.5, error_statuses=(429,), seed=3))
    assert [profile(api).status_code for _ in range(40)] == statuses

    emulator.google.set_faults(Faults(fail_next=[429]))
    message_id = emulator.google.deliver_mail(OWNER, PersonSpec("a@b.org"), (OWNER,), "s", "b")
    answers: list[int] = []
    batch = session.gmail.new_batch_http_request(
        callback=lambda _id, _response, error: answers.append(
            int(error.resp.status) if error else 200))
    for _ in range(2):
        batch.add(session.gmail.users().messages().get(userId="me", id=message_id))
    batch.execute()
    assert answers == [429, 200]


def test_calendar_errors_have_no_status_field(api: httpx.Client, emulator: Emulator) -> None:
    emulator.google.set_faults(Faults(fail_next=[429]), OWNER)
    answer = api.get("/calendar/v3/calendars/primary/events")
    assert answer.status_code == 429
    assert answer.json() == {"error": {"code": 429, "message": answer.json()["error"]["message"],
                                       "errors": [{"message": answer.json()["error"]["message"],
                                                   "domain": "usageLimits",
                                                   "reason": "rateLimitExceeded"}]}}
    assert emulator.google.api_calls(OWNER)["calendar.events.list"] == 1


def test_missing_credentials_and_unknown_paths(server: EmulatorServer) -> None:
    anonymous = httpx.get(f"{server.http_url}/gmail/v1/users/me/profile")
    assert anonymous.status_code == 401
    assert anonymous.json()["error"]["errors"][0]["reason"] == "required"
    unknown = httpx.get(f"{server.http_url}/gmail/v1/users/me/nothing-here",
                        headers={"Authorization": "Bearer x"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == 404
    bad_batch = httpx.post(f"{server.http_url}/batch/gmail/v1", content=b"junk",
                           headers={"Content-Type": "text/plain"})
    assert bad_batch.status_code == 400 and bad_batch.json()["error"]["code"] == 400
