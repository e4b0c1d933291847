"""The /_emulator/ control API, over HTTP, on the Google half; and the server itself."""

from __future__ import annotations

import httpx
import pytest

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.http_control import ControlError, event_spec_from_json
from providers.emulator.server import EmulatorServer
from tests.providers.emulator.google_clients import (
    CALENDAR_READONLY,
    CLIENT_ID,
    GMAIL_MODIFY,
    build_client,
    credentials_from,
    exchange_code,
)

BOB = "bob@example.org"


def test_control_api_drives_a_mailbox_end_to_end(emulator: Emulator,
                                                 server: EmulatorServer) -> None:
    control = httpx.Client(base_url=f"{server.http_url}/_emulator/gmail")
    assert control.post("/mailboxes", json={"address": BOB, "name": "Bob",
                                            "timezone": "Europe/Paris"}).status_code == 201
    assert BOB in control.get("/mailboxes").json()["mailboxes"]
    box = f"/mailboxes/{BOB}"
    event = {"title": "Interview", "start": "2026-03-04T10:00:00+01:00",
             "end": "2026-03-04T11:00:00+01:00", "organizer": {"email": "rita@acme.com"},
             "attendees": [{"email": BOB, "response": "accepted"}]}
    assert control.put(f"{box}/events/ev1", json=event).status_code == 200
    code = control.post(f"{box}/grant", json={"client_id": CLIENT_ID, "scopes": [
        GMAIL_MODIFY, CALENDAR_READONLY]}).json()["code"]
    credentials = credentials_from(exchange_code(server.http_url, code), server.http_url)
    calendar = build_client("calendar.v3", server.http_url, credentials)
    [item] = calendar.events().list(calendarId="primary").execute()["items"]
    assert item["start"]["dateTime"] == "2026-03-04T10:00:00+01:00"

    mail = control.post(f"{box}/mail", json={"from": {"email": "rita@acme.com"},
                                             "to": [BOB], "subject": "Hello", "body": "Hi"})
    message_id = mail.json()["message_id"]
    gmail = build_client("gmail.v1", server.http_url, credentials)
    reply = gmail.users().drafts().create(userId="me", body={"message": {
        "raw": "VG86IHJpdGFAYWNtZS5jb20KU3ViamVjdDogUmU6IEhlbGxvCgpUaGFua3MK"}}).execute()
    assert control.post(f"{box}/drafts/{reply['id']}/edit",
                        json={"body": "Thanks a lot"}).status_code == 200
    sent = control.post(f"{box}/drafts/{reply['id']}/send").json()["message_id"]
    own = control.post(f"{box}/send", json={"to": ["rita@acme.com"], "subject": "PS",
                                            "body": "One more thing"}).json()["message_id"]
    state = control.get(f"{box}/state").json()
    [draft] = state["drafts"]
    assert draft["fate"] == "sent" and draft["body"] == "Thanks a lot"
    assert draft["created_at"].endswith("+00:00") and len(draft["updated_at"]) == 1
    assert [(s["message_id"], s["by"]) for s in state["sent"]] == [(sent, "owner"),
                                                                   (own, "owner")]
    assert state["api_calls"]["gmail.users.drafts.create"] == 1
    assert control.get("/api_calls", params={"address": BOB}).json()["api_calls"] == \
        state["api_calls"]
    assert message_id

    assert control.put("/faults", params={"address": BOB},
                       json={"fail_next": [503]}).status_code == 200
    failing = httpx.get(f"{server.http_url}/gmail/v1/users/me/profile",
                        headers={"Authorization": f"Bearer {credentials.token}"})
    assert failing.status_code == 503
    assert control.delete(f"{box}/events/ev1").status_code == 200
    assert control.post(f"{box}/expire_cursors").json()["expired"] == [
        "expire_history", "expire_sync_tokens"]
    assert control.post(f"{box}/revoke").status_code == 200


def test_control_api_errors(server: EmulatorServer) -> None:
    control = httpx.Client(base_url=f"{server.http_url}/_emulator")
    assert control.get("/fax/mailboxes").status_code == 404
    assert control.get("/gmail/mailboxes/nobody@nowhere.org/drafts").status_code == 404
    bad_event = control.put("/gmail/mailboxes/alex.kim@gmail.com/events/e",
                            json={"title": "x", "start": "tomorrow"})
    assert bad_event.status_code == 400 and "start" in bad_event.json()["error"]
    assert control.post("/gmail/mailboxes", content=b"{").status_code == 400
    assert control.post("/gmail/mailboxes/alex.kim@gmail.com/drafts/r1/send").status_code == 404
    assert control.put("/gmail/faults", json={"error_rate": "lots"}).status_code == 400


def test_virtual_clock_over_http(server: EmulatorServer, clock: VirtualClock) -> None:
    before = clock.now()
    answer = httpx.post(f"{server.http_url}/_emulator/clock", json={"advance_seconds": 90})
    assert answer.status_code == 200
    assert (clock.now() - before).total_seconds() == 90


def test_event_json_names_the_bad_field() -> None:
    with pytest.raises(ControlError, match=r"event.attendees\[0\].response"):
        event_spec_from_json({"id": "e", "title": "t", "start": "2026-03-04T10:00:00Z",
                              "attendees": [{"email": "a@b.c", "response": "maybe"}]})
    with pytest.raises(ControlError, match=r"event\.colour"):
        event_spec_from_json({"id": "e", "start": "2026-03-04T10:00:00Z", "colour": "red"})
    all_day = event_spec_from_json({"id": "e", "start": "2026-03-04", "all_day": True})
    assert all_day.start.isoformat() == "2026-03-04T00:00:00+00:00"
    assert all_day.end.isoformat() == "2026-03-05T00:00:00+00:00"


def test_server_https_listener_serves_the_same_app(server: EmulatorServer) -> None:
    secure = httpx.get(f"{server.https_url}/_emulator/health",
                       verify=server.tls.client_context())
    assert secure.status_code == 200 and secure.json()["ok"] is True
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.https_url}/_emulator/health")  # not trusted without the CA


def test_server_stops_and_frees_its_ports() -> None:
    with EmulatorServer() as server:
        url = server.http_url
        assert httpx.get(f"{url}/_emulator/health").status_code == 200
        keep_alive = httpx.Client(verify=server.tls.client_context())
        keep_alive.get(f"{server.https_url}/_emulator/health")
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{url}/_emulator/health")
    keep_alive.close()


def test_faults_are_set_and_counted_over_http(emulator: Emulator,
                                              server: EmulatorServer) -> None:
    control = httpx.Client(base_url=f"{server.http_url}/_emulator")
    assert control.post("/gmail/mailboxes", json={"address": BOB}).status_code == 201
    before = control.get("/faults").json()
    assert set(before) == {"injected", "held", "held_now", "last_held"}
    answer = control.put(f"/gmail/faults?address={BOB}",
                         json={"fail_next": [503], "hold_writes": 1})
    assert answer.status_code == 200
    assert emulator.faults.faults_for(BOB).hold_writes == 1
    code = control.post(f"/gmail/mailboxes/{BOB}/grant", json={
        "client_id": CLIENT_ID, "scopes": [GMAIL_MODIFY]}).json()["code"]
    credentials = credentials_from(exchange_code(server.http_url, code), server.http_url)
    gmail = build_client("gmail.v1", server.http_url, credentials)
    with pytest.raises(Exception, match="503"):
        gmail.users().getProfile(userId="me").execute(num_retries=0)
    after = control.get("/faults").json()
    assert after["injected"].get("503", 0) == before["injected"].get("503", 0) + 1
    assert control.put("/gmail/faults", json={"hold_writes": "one"}).status_code == 400
