"""JSON batching, injected faults (429/503 with Retry-After), accounting, hostile input, and
many mailboxes served at once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from typing import Any

import hypothesis.strategies as st
from hypothesis import HealthCheck, given, settings

from providers.emulator.control import EventSpec, Faults, PersonSpec
from tests.providers.emulator.microsoft.conftest import (
    IMMUTABLE_IDS,
    Outlook,
    Running,
    new_address,
    sign_in,
)
from tests.providers.emulator.microsoft.shapes import assert_graph_error

WINDOW = "startDateTime=2026-08-01T00:00:00Z&endDateTime=2026-10-01T00:00:00Z"
JANE = PersonSpec("jane.doe@acme.example", "Jane Doe")


def _batch(outlook: Outlook, requests: list[dict[str, Any]]) -> Any:
    return outlook.graph.post("/$batch", json={"requests": requests})


def test_one_batch_fetches_calendar_and_mail_deltas(outlook: Outlook) -> None:
    outlook.control.put_event(outlook.address, EventSpec(
        id="ev1", title="Interview", start=datetime(2026, 8, 20, 14, tzinfo=UTC),
        end=datetime(2026, 8, 20, 15, tzinfo=UTC)))
    mail_id = outlook.control.deliver_mail(outlook.address, JANE, (outlook.address,), "Hi", "x")
    before = outlook.control.api_calls(outlook.address)
    meter = outlook.running.emulator.meter
    http_before = meter.http_requests("outlook")
    answer = _batch(outlook, [
        {"id": "calendar", "method": "GET", "url": f"/me/calendarView/delta?{WINDOW}",
         "headers": {"Prefer": "odata.maxpagesize=50"}},
        {"id": "inbox", "method": "GET", "url": "/me/mailFolders/inbox/messages/delta",
         "headers": {"Prefer": IMMUTABLE_IDS}},
        # The envelope's Prefer header does not reach the items: no immutable id here.
        {"id": "rest", "method": "GET", "url": "/me/mailFolders/inbox/messages/delta"},
        {"id": "sent", "method": "GET", "url": "me/mailFolders/sentitems/messages/delta"},
    ])
    assert answer.status_code == 200, answer.text
    responses = {r["id"]: r for r in answer.json()["responses"]}
    assert set(responses) == {"calendar", "inbox", "rest", "sent"}
    for response in responses.values():
        assert response["status"] == 200
        assert response["headers"]["Content-Type"].startswith("application/json")
    assert [e["id"] for e in responses["calendar"]["body"]["value"]] == ["ev1"]
    assert responses["calendar"]["headers"]["Preference-Applied"] == "odata.maxpagesize=50"
    assert [m["id"] for m in responses["inbox"]["body"]["value"]] == [mail_id]
    (rest,) = responses["rest"]["body"]["value"]
    assert rest["id"] != mail_id
    assert responses["sent"]["body"]["value"] == []
    # The links inside a batch are absolute, like any; the next round strips the root.
    root = outlook.running.base_url + "/v1.0"
    links = [r["body"]["@odata.deltaLink"] for r in responses.values()]
    assert all(link.startswith(root + "/me/") for link in links)
    again = _batch(outlook, [{"id": str(n), "method": "GET", "url": link[len(root):]}
                             for n, link in enumerate(links)])
    assert [r["body"]["value"] for r in again.json()["responses"]] == [[], [], [], []]

    after = outlook.control.api_calls(outlook.address)
    grown = {k: after.get(k, 0) - before.get(k, 0) for k in after}
    assert grown["graph.batch"] == 2
    assert grown["graph.calendarView.delta"] == 2
    assert grown["graph.mailFolders.messages.delta"] == 6
    # over HTTP, each batch is one request (what a client's connection carries)
    assert meter.http_requests("outlook") - http_before == 2


def test_batch_writes_with_depends_on(outlook: Outlook) -> None:
    answer = _batch(outlook, [
        {"id": "1", "method": "POST", "url": "/me/messages",
         "headers": {"Content-Type": "application/json"}, "body": {"subject": "One"}},
        {"id": "2", "method": "GET", "url": "/me/messages/nope", "dependsOn": ["1"]},
        {"id": "3", "method": "GET", "url": "/me", "dependsOn": ["2"]},
        {"id": "4", "method": "POST", "url": "/me/messages", "body": {"subject": "no type"}},
        {"id": "5", "method": "GET", "url": "https://graph.microsoft.com/v1.0/me"},
    ])
    assert answer.status_code == 200
    statuses = {r["id"]: r["status"] for r in answer.json()["responses"]}
    assert statuses == {"1": 201, "2": 404, "3": 424, "4": 400, "5": 400}
    assert [d.subject for d in outlook.control.drafts(outlook.address)] == ["One"]


def test_malformed_batches_are_400(outlook: Outlook) -> None:
    too_many = [{"id": str(n), "method": "GET", "url": "/me"} for n in range(21)]
    cases: list[Any] = [
        {"requests": too_many},
        {"requests": []},
        {"requests": "all of them"},
        {"requests": [{"id": "1", "method": "GET", "url": "/me"},
                      {"id": "1", "method": "GET", "url": "/me"}]},
        {"requests": [{"id": "1", "method": "FETCH", "url": "/me"}]},
        {"requests": [{"id": "1", "method": "GET"}]},
        {"requests": [{"id": "1", "method": "GET", "url": "/me", "dependsOn": ["2"]},
                      {"id": "2", "method": "GET", "url": "/me"}]},
    ]
    for payload in cases:
        answer = outlook.graph.post("/$batch", json=payload)
        assert answer.status_code == 400, payload
        assert_graph_error(answer.json(), "BadRequest")


def test_injected_429_and_503_carry_retry_after(outlook: Outlook) -> None:
    outlook.control.set_faults(Faults(fail_next=[429, 503], retry_after_seconds=7),
                               outlook.address)
    throttled = outlook.graph.get("/me")
    assert throttled.status_code == 429
    assert throttled.headers["retry-after"] == "7"
    assert_graph_error(throttled.json(), "TooManyRequests")
    unavailable = outlook.graph.get("/me")
    assert unavailable.status_code == 503
    assert unavailable.headers["retry-after"] == "7"
    assert_graph_error(unavailable.json(), "ServiceUnavailable")
    assert outlook.graph.get("/me").status_code == 200
    assert outlook.control.api_calls(outlook.address)["graph.me.get"] == 3


def test_a_fault_inside_a_batch_is_that_request_s_answer(outlook: Outlook) -> None:
    # The first decision is the batch's own (0: no fault), the next the first inner one's.
    outlook.control.set_faults(Faults(fail_next=[0, 429]), outlook.address)
    answer = _batch(outlook, [{"id": "a", "method": "GET", "url": "/me"},
                              {"id": "b", "method": "GET", "url": "/me"}])
    assert answer.status_code == 200
    first, second = answer.json()["responses"]
    assert first["status"] == 429
    assert first["headers"]["Retry-After"] == "1"
    assert_graph_error(first["body"], "TooManyRequests")
    assert second["status"] == 200


def test_error_rate_faults_hit_some_requests(outlook: Outlook) -> None:
    outlook.control.set_faults(Faults(error_rate=0.5, error_statuses=(503,), seed=3),
                               outlook.address)
    statuses = [outlook.graph.get("/me").status_code for _ in range(40)]
    assert set(statuses) == {200, 503}


def test_unknown_paths_and_methods(outlook: Outlook) -> None:
    unknown = outlook.graph.get("/me/nosuchthing")
    assert unknown.status_code == 400
    assert_graph_error(unknown.json(), "BadRequest")
    wrong_method = outlook.graph.put("/me/messages", json={})
    assert wrong_method.status_code == 405
    assert_graph_error(wrong_method.json())
    huge = outlook.graph.post("/me/messages", content=b"x" * (4 * 1024 * 1024 + 1),
                              headers={"Content-Type": "application/json"})
    assert huge.status_code == 413


_FILTER_PIECES = [
    *"abcdeqtr '()/:,-0123456789TZ", " eq ", " and ", " or ", "not ", "any(", "ep", "/",
    "subject", "receivedDateTime", "singleValueExtendedProperties", "'x'",
    "2026-01-01T00:00:00Z", "startswith(", "ep/id", "ep/value", ": ",
]
_filter_text = st.lists(st.sampled_from(_FILTER_PIECES), max_size=25).map("".join)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_filter_text)
def test_any_filter_text_is_answered_200_or_400(outlook: Outlook, text: str) -> None:
    answer = outlook.graph.get("/me/messages", params={"$filter": text})
    assert answer.status_code in (200, 400), answer.text
    if answer.status_code == 400:
        assert_graph_error(answer.json())


def test_thousands_of_mailboxes_served_at_once(running: Running) -> None:
    addresses = [new_address(running, name=f"Owner {n}") for n in range(2000)]
    sessions = [sign_in(running, address) for address in addresses[:40]]
    errors: list[str] = []

    def work(outlook: Outlook) -> None:
        for number in range(5):
            answer = outlook.graph.post("/me/messages", json={"subject": f"draft {number}"})
            if answer.status_code != 201:
                errors.append(answer.text)
            running.microsoft.deliver_mail(outlook.address, JANE, (outlook.address,),
                                           f"mail {number}", "x")

    threads = [threading.Thread(target=work, args=(s,)) for s in sessions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    for outlook in sessions:
        assert len(running.microsoft.drafts(outlook.address)) == 5
        inbox = outlook.graph.get("/me/mailFolders/inbox/messages", params={"$top": "50"})
        assert len(inbox.json()["value"]) == 5
        outlook.graph.close()
