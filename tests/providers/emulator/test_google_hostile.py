"""Hostile input never crashes the Google half: uploads and batch bodies are answered in
Google's error shape, never with a 500 or a hang; concurrent use keeps the state whole."""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from providers.emulator.app import Emulator
from providers.emulator.control import PersonSpec
from providers.emulator.google.mime import MalformedMessage, parse_message
from providers.emulator.server import EmulatorServer
from tests.providers.emulator.conftest import OWNER, GoogleSession, sign_in

HEADERISH = st.lists(st.sampled_from([
    b"From: ", b"To: ", b"Subject: =?utf-8?B?", b"Content-Type: multipart/mixed; boundary=",
    b"Content-Transfer-Encoding: base64", b"\r\n", b"\n", b"--", b"\xff\xfe", b"=?", b"?=",
    b"X", b"<a@b>", b":", b" ", b"\t"]), max_size=40).map(b"".join)


@given(st.one_of(st.binary(max_size=400), HEADERISH))
@settings(max_examples=300, deadline=None)
def test_parse_message_only_ever_refuses_cleanly(raw: bytes) -> None:
    try:
        parsed = parse_message(raw)
    except MalformedMessage:
        return
    assert isinstance(parsed.subject, str) and isinstance(parsed.text_body, str)


@pytest.fixture
def api(session: GoogleSession) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=session.base_url, headers={
            "Authorization": f"Bearer {session.credentials.token}"}) as client:
        yield client


@given(body=st.one_of(st.binary(max_size=300), HEADERISH,
                      st.text(max_size=200).map(lambda text: text.encode())),
       content_type=st.sampled_from(["application/json", "multipart/mixed; boundary=x",
                                     "multipart/related; boundary=--", "message/rfc822"]),
       path=st.sampled_from(["/gmail/v1/users/me/drafts",
                             "/upload/gmail/v1/users/me/drafts?uploadType=multipart",
                             "/upload/gmail/v1/users/me/drafts?uploadType=media",
                             "/batch/gmail/v1", "/batch"]))
@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_garbage_bodies_get_google_errors(api: httpx.Client, body: bytes, content_type: str,
                                          path: str) -> None:
    answer = api.post(path, content=body, headers={"Content-Type": content_type})
    assert answer.status_code in (200, 400, 404, 413), answer.text
    if answer.status_code != 200:
        error = answer.json()["error"]
        assert error["code"] == answer.status_code and error["errors"][0]["reason"]


def test_oversized_upload_is_413(api: httpx.Client) -> None:
    answer = api.post("/upload/gmail/v1/users/me/drafts?uploadType=media",
                      content=b"x" * (37 * 1024 * 1024), headers={"Content-Type": "message/rfc822"})
    assert answer.status_code == 413


def test_concurrent_clients_and_control(emulator: Emulator, server: EmulatorServer) -> None:
    addresses = [f"user{index}@gmail.com" for index in range(4)]
    for address in addresses:
        emulator.google.add_mailbox(address, address, "UTC")
    sessions = [sign_in(emulator, server, address) for address in addresses]
    starts = [session.gmail.users().getProfile(userId="me").execute()["historyId"]
              for session in sessions]
    failures: list[BaseException] = []

    def write_drafts(session: GoogleSession) -> None:
        try:
            for index in range(10):
                raw = base64.urlsafe_b64encode(
                    f"To: x@y.org\r\nSubject: {index}\r\n\r\nbody\r\n".encode()).decode()
                session.gmail.users().drafts().create(
                    userId="me", body={"message": {"raw": raw}}).execute()
        except BaseException as exc:
            failures.append(exc)

    def deliver() -> None:
        for index in range(40):
            emulator.google.deliver_mail(addresses[index % 4], PersonSpec("a@b.org"),
                                         (OWNER,), f"mail {index}", "text")

    threads = [threading.Thread(target=write_drafts, args=(session,)) for session in sessions]
    threads.append(threading.Thread(target=deliver))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert failures == []
    for session, start in zip(sessions, starts, strict=True):
        profile = session.gmail.users().getProfile(userId="me").execute()
        assert profile["messagesTotal"] == 20
        history = session.gmail.users().history().list(userId="me", startHistoryId=start,
                                                       maxResults=500).execute()
        ids = [int(record["id"]) for record in history["history"]]
        assert ids == sorted(set(ids)) and len(ids) == 20
