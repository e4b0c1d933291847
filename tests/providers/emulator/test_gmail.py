"""Gmail v1 of the emulator, driven by google-api-python-client built from its shipped
discovery document."""

from __future__ import annotations

import base64
from datetime import timedelta
from email import message_from_bytes
from email.message import EmailMessage
from typing import Any

import pytest
from googleapiclient.errors import HttpError
from googleapiclient.http import MediaInMemoryUpload

from providers.clock import VirtualClock
from providers.emulator.app import Emulator
from providers.emulator.control import PersonSpec
from providers.emulator.server import EmulatorServer
from tests.providers.emulator.conftest import OWNER, GoogleSession, sign_in
from tests.providers.emulator.google_clients import GMAIL_METADATA

MARK = "<k-123@gmail.com>"  # a client's own Message-ID: what the service marks drafts with
JANE = PersonSpec("jane.doe@acme.com", "Jane Doe")


def raw_message(to: str = JANE.email, subject: str = "Thank you", body: str = "Hi Jane,\n",
                mark: str | None = MARK, headers: dict[str, str] | None = None) -> str:
    message = EmailMessage()
    message["To"] = to
    message["Subject"] = subject
    if mark is not None:
        message["Message-ID"] = mark
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return base64.urlsafe_b64encode(message.as_bytes()).decode()


def header(message: dict[str, Any], name: str) -> str | None:
    for item in message["payload"]["headers"]:
        if item["name"].lower() == name.lower():
            return str(item["value"])
    return None


def create_draft(session: GoogleSession, **kwargs: Any) -> dict[str, Any]:
    body: dict[str, Any] = {"message": {"raw": raw_message(**kwargs)}}
    draft: dict[str, Any] = session.gmail.users().drafts().create(
        userId="me", body=body).execute()
    return draft


def status_of(error: HttpError) -> int:
    return int(error.resp.status)


def test_draft_create_get_and_mark_round_trip(session: GoogleSession, emulator: Emulator,
                                              clock: VirtualClock) -> None:
    draft = create_draft(session)
    assert draft["message"]["labelIds"] == ["DRAFT"]
    assert draft["message"]["threadId"] == draft["message"]["id"]  # a new thread

    fetched = session.gmail.users().drafts().get(userId="me", id=draft["id"]).execute()
    message = fetched["message"]
    assert header(message, "Message-ID") == MARK  # a client's Message-ID is kept on a draft
    assert header(message, "From") == "Alex Kim <alex.kim@gmail.com>"  # filled in by Gmail
    assert int(message["internalDate"]) == int(clock.now().timestamp() * 1000)
    body = base64.urlsafe_b64decode(message["payload"]["body"]["data"]).decode()
    assert body == "Hi Jane,\n"

    raw = session.gmail.users().drafts().get(userId="me", id=draft["id"],
                                             format="raw").execute()
    parsed = message_from_bytes(base64.urlsafe_b64decode(raw["message"]["raw"]))
    assert parsed["To"] == JANE.email

    [record] = emulator.google.drafts(OWNER)
    assert record.draft_id == draft["id"]
    assert record.mark == MARK
    assert record.to == (JANE.email,)
    assert record.body == "Hi Jane,"
    assert record.fate == "open" and record.created_by == "service"
    assert record.created_at == clock.now()


def test_draft_update_gives_a_new_message_id_and_logs_it(session: GoogleSession,
                                                         emulator: Emulator,
                                                         clock: VirtualClock) -> None:
    # https://developers.google.com/gmail/api/guides/drafts: "the draft resource is simply
    # a container that provides a stable ID because the underlying message IDs change every
    # time the message is replaced".
    draft = create_draft(session)
    profile = session.gmail.users().getProfile(userId="me").execute()
    clock.advance(timedelta(minutes=5))
    updated = session.gmail.users().drafts().update(
        userId="me", id=draft["id"],
        body={"id": draft["id"], "message": {"raw": raw_message(body="Hello again\n"),
                                             "threadId": draft["message"]["threadId"]}},
    ).execute()
    assert updated["id"] == draft["id"]
    assert updated["message"]["id"] != draft["message"]["id"]
    assert updated["message"]["threadId"] == draft["message"]["threadId"]

    history = session.gmail.users().history().list(
        userId="me", startHistoryId=profile["historyId"]).execute()
    kinds = [key for record in history["history"] for key in record
             if key in ("messagesAdded", "messagesDeleted")]
    assert kinds == ["messagesDeleted", "messagesAdded"]
    assert history["historyId"] == session.gmail.users().getProfile(
        userId="me").execute()["historyId"]

    with pytest.raises(HttpError) as gone:
        session.gmail.users().messages().get(userId="me", id=draft["message"]["id"]).execute()
    assert status_of(gone.value) == 404
    [record] = emulator.google.drafts(OWNER)
    assert record.body == "Hello again"
    assert record.updated_at == (clock.now(),)
    assert record.message_id == updated["message"]["id"]


def test_draft_delete_by_service_and_by_owner(session: GoogleSession,
                                              emulator: Emulator) -> None:
    first = create_draft(session)
    second = create_draft(session, to="bob@acme.com")
    session.gmail.users().drafts().delete(userId="me", id=first["id"]).execute()
    emulator.google.owner_delete_draft(OWNER, second["id"])
    records = emulator.google.drafts(OWNER)
    assert [(r.fate, r.deleted_by) for r in records] == [("deleted", "service"),
                                                         ("deleted", "owner")]
    with pytest.raises(HttpError) as missing:
        session.gmail.users().drafts().delete(userId="me", id=first["id"]).execute()
    assert status_of(missing.value) == 404
    assert "drafts" not in session.gmail.users().drafts().list(userId="me").execute()


def test_owner_send_makes_a_new_message_in_the_thread(session: GoogleSession,
                                                      emulator: Emulator,
                                                      clock: VirtualClock) -> None:
    # https://developers.google.com/gmail/api/guides/drafts: "When the draft is sent, the
    # draft is automatically deleted and a new message with an updated ID is created with
    # the SENT system label." Gmail writes its own Message-ID and keeps no X- header.
    draft = create_draft(session, headers={"X-Test-Mark": "k-123"})
    start = session.gmail.users().getProfile(userId="me").execute()["historyId"]
    clock.advance(timedelta(hours=3))
    sent_id = emulator.google.owner_send_draft(OWNER, draft["id"])
    assert sent_id != draft["message"]["id"]

    message = session.gmail.users().messages().get(userId="me", id=sent_id).execute()
    assert message["labelIds"] == ["SENT"]
    assert message["threadId"] == draft["message"]["threadId"]
    assert int(message["internalDate"]) == int(clock.now().timestamp() * 1000)
    assert header(message, "Message-ID") not in (None, MARK)
    assert header(message, "X-Test-Mark") is None
    history = session.gmail.users().history().list(userId="me", startHistoryId=start
                                                   ).execute()
    kinds = [key for record in history["history"] for key in record
             if key in ("messagesAdded", "messagesDeleted")]
    assert kinds == ["messagesDeleted", "messagesAdded"]

    users = session.gmail.users()
    for gone in (users.drafts().get(userId="me", id=draft["id"]),
                 users.messages().get(userId="me", id=draft["message"]["id"])):
        with pytest.raises(HttpError) as missing:
            gone.execute()
        assert status_of(missing.value) == 404
    assert session.gmail.users().messages().list(
        userId="me", q=f"rfc822msgid:{MARK.strip('<>')}").execute().get("messages") is None
    [record_sent] = emulator.google.sent(OWNER)
    assert record_sent.by == "owner" and record_sent.from_draft_id == draft["id"]
    assert (record_sent.message_id, record_sent.sent_at) == (sent_id, clock.now())
    [draft_record] = emulator.google.drafts(OWNER)
    assert draft_record.fate == "sent" and draft_record.fate_at == clock.now()
    assert draft_record.mark == MARK  # as the service wrote it

    found = session.gmail.users().messages().list(userId="me", q="in:sent to:jane.doe@acme.com"
                                                  ).execute()
    assert [item["id"] for item in found["messages"]] == [sent_id]


def test_owner_edit_in_gmail_gives_new_ids_and_drops_unknown_headers(
        session: GoogleSession, emulator: Emulator) -> None:
    # Every edit in Gmail's editor replaces the draft's message (new id, the draft id stays);
    # the editor writes its own Message-ID and X- headers do not survive; a changed subject
    # takes the draft into a thread of its own (google_workspace_mcp#920, tested on Gmail web
    # and iOS).
    draft = create_draft(session, headers={"X-Test-Mark": "k-123"})
    emulator.google.owner_edit_draft(OWNER, draft["id"], "My own words.\n")
    edited = session.gmail.users().drafts().get(userId="me", id=draft["id"]).execute()
    assert edited["id"] == draft["id"]
    assert edited["message"]["id"] != draft["message"]["id"]
    assert edited["message"]["threadId"] == draft["message"]["threadId"]
    assert header(edited["message"], "X-Test-Mark") is None
    assert header(edited["message"], "Message-ID") not in (None, MARK)
    emulator.google.owner_edit_draft(OWNER, draft["id"], "My own words.\n",
                                     subject="A subject of my own")
    again = session.gmail.users().drafts().get(userId="me", id=draft["id"]).execute()
    assert again["message"]["threadId"] != draft["message"]["threadId"]
    [record] = emulator.google.drafts(OWNER)
    assert (record.subject, record.mark) == ("A subject of my own", MARK)


def test_reply_threads_on_in_reply_to(session: GoogleSession, emulator: Emulator) -> None:
    draft = create_draft(session)
    sent_id = emulator.google.owner_send_draft(OWNER, draft["id"])
    reply_id = emulator.google.deliver_mail(OWNER, JANE, (OWNER,), "Re: Thank you",
                                            "Glad to hear", in_reply_to_message_id=sent_id)
    reply = session.gmail.users().messages().get(
        userId="me", id=reply_id, format="metadata",
        metadataHeaders=["In-Reply-To", "References", "Subject", "message-id"]).execute()
    sent = session.gmail.users().messages().get(userId="me", id=sent_id,
                                                format="metadata").execute()
    assert reply["threadId"] == sent["threadId"]
    assert reply["labelIds"] == ["INBOX", "UNREAD"]
    assert header(reply, "In-Reply-To") == header(sent, "Message-ID")
    assert [item["name"] for item in reply["payload"]["headers"]] == [
        "Subject", "Message-ID", "In-Reply-To", "References"]

    # The service's draft answering that reply: named thread + matching subject -> same thread.
    answer = session.gmail.users().drafts().create(userId="me", body={"message": {
        "threadId": reply["threadId"],
        "raw": raw_message(subject="Re: Thank you",
                           headers={"In-Reply-To": header(reply, "Message-ID") or ""})}}
    ).execute()
    assert answer["message"]["threadId"] == sent["threadId"]
    thread = session.gmail.users().threads().get(userId="me", id=sent["threadId"],
                                                 format="minimal").execute()
    assert [m["id"] for m in thread["messages"]] == [sent_id, reply_id, answer["message"]["id"]]
    [_, record] = emulator.google.drafts(OWNER)
    assert record.in_reply_to_message_id == reply_id

    # A different subject does not join the named thread, as in Gmail.
    other = session.gmail.users().drafts().create(userId="me", body={"message": {
        "threadId": sent["threadId"], "raw": raw_message(subject="Something else")}}).execute()
    assert other["message"]["threadId"] != sent["threadId"]


def test_messages_list_query_operators_and_paging(session: GoogleSession, emulator: Emulator,
                                                  clock: VirtualClock) -> None:
    ids = []
    for index in range(5):
        ids.append(emulator.google.deliver_mail(
            OWNER, JANE if index % 2 == 0 else PersonSpec("bob@other.org"), (OWNER,),
            f"Update {index}", f"body {index}"))
        clock.advance(timedelta(days=1))
    own = emulator.google.owner_send_own(OWNER, ("jane.doe@acme.com",), "Question", "Hi")
    messages = session.gmail.users().messages()

    def listed(**params: Any) -> list[str]:
        return [m["id"] for m in messages.list(userId="me", **params).execute()
                .get("messages", [])]

    assert listed() == [own, *reversed(ids)]
    assert listed(q="from:jane.doe@acme.com") == [ids[4], ids[2], ids[0]]
    assert listed(q="in:inbox -from:jane.doe@acme.com") == [ids[3], ids[1]]
    assert listed(q="to:jane.doe@acme.com in:sent") == [own]
    third_day = int((clock.now() - timedelta(days=3)).timestamp())
    assert listed(q=f"after:{third_day}") == [own, ids[4], ids[3], ids[2]]
    assert listed(q=f"before:{third_day} subject:update") == [ids[1], ids[0]]
    assert listed(q="after:2026/03/04 before:2026/03/05") == [ids[2]]
    assert listed(labelIds=["SENT"]) == [own]
    assert listed(q="{from:bob@other.org to:jane.doe@acme.com}") == [own, ids[3], ids[1]]
    sent = messages.get(userId="me", id=own, format="metadata",
                        metadataHeaders=["Message-ID"]).execute()
    assert listed(q=f"rfc822msgid:{header(sent, 'Message-ID')}") == [own]

    first = messages.list(userId="me", maxResults=4).execute()
    assert len(first["messages"]) == 4 and first["resultSizeEstimate"] == 6
    second = messages.list(userId="me", maxResults=4, pageToken=first["nextPageToken"]
                           ).execute()
    assert "nextPageToken" not in second
    assert [m["id"] for m in first["messages"] + second["messages"]] == listed()
    assert messages.list(userId="me", q="from:nobody@nowhere").execute() == {
        "resultSizeEstimate": 0}


def test_history_paging_types_and_expiry(session: GoogleSession, emulator: Emulator,
                                         clock: VirtualClock) -> None:
    start = session.gmail.users().getProfile(userId="me").execute()["historyId"]
    for index in range(5):
        emulator.google.deliver_mail(OWNER, JANE, (OWNER,), f"Mail {index}", "text")
    history = session.gmail.users().history()
    page = history.list(userId="me", startHistoryId=start, maxResults=2).execute()
    seen = [r["messagesAdded"][0]["message"]["id"] for r in page["history"]]
    while "nextPageToken" in page:
        page = history.list(userId="me", startHistoryId=start, maxResults=2,
                            pageToken=page["nextPageToken"]).execute()
        seen += [r["messagesAdded"][0]["message"]["id"] for r in page["history"]]
    assert len(seen) == 5 and len(set(seen)) == 5
    latest = page["historyId"]
    idle = history.list(userId="me", startHistoryId=latest).execute()
    assert idle == {"historyId": latest}
    assert history.list(userId="me", startHistoryId=start,
                        historyTypes=["messageDeleted"]).execute() == {"historyId": latest}

    emulator.google.expire_history(OWNER)
    with pytest.raises(HttpError) as expired:
        history.list(userId="me", startHistoryId=start).execute()
    assert status_of(expired.value) == 404
    # After a week the log is pruned by itself too.
    fresh = session.gmail.users().getProfile(userId="me").execute()["historyId"]
    emulator.google.deliver_mail(OWNER, JANE, (OWNER,), "later", "text")
    clock.advance(timedelta(days=8))
    emulator.google.deliver_mail(OWNER, JANE, (OWNER,), "much later", "text")
    with pytest.raises(HttpError) as pruned:
        history.list(userId="me", startHistoryId=fresh).execute()
    assert status_of(pruned.value) == 404


def test_batch_of_gets_counts_each_inner_method(session: GoogleSession,
                                                emulator: Emulator) -> None:
    ids = [emulator.google.deliver_mail(OWNER, JANE, (OWNER,), f"Mail {i}", "x")
           for i in range(3)]
    answers: dict[str, Any] = {}

    def collect(request_id: str, response: Any, exception: Exception | None) -> None:
        answers[request_id] = exception or response

    batch = session.gmail.new_batch_http_request(callback=collect)
    for message_id in ids:
        batch.add(session.gmail.users().messages().get(
            userId="me", id=message_id, format="metadata", metadataHeaders=["Subject"]))
    batch.add(session.gmail.users().drafts().get(userId="me", id="r404"))
    draft = create_draft(session)
    batch.add(session.gmail.users().drafts().delete(userId="me", id=draft["id"]))
    batch.execute()
    assert answers["5"] == ""  # a 204 part
    assert emulator.google.drafts(OWNER)[0].deleted_by == "service"
    subjects = [header(answers[str(i + 1)], "Subject") for i in range(3)]
    assert subjects == ["Mail 0", "Mail 1", "Mail 2"]
    assert isinstance(answers["4"], HttpError) and status_of(answers["4"]) == 404
    calls = emulator.google.api_calls(OWNER)
    assert calls["gmail.batch"] == 1
    assert calls["gmail.users.messages.get"] == 3
    assert calls["gmail.users.drafts.get"] == 1
    # messages.get 5 units each, drafts.get 5, drafts.create 10, drafts.delete 10
    assert emulator.meter.quota_units(OWNER) == 3 * 5 + 5 + 10 + 10


def test_media_upload_paths(session: GoogleSession, emulator: Emulator) -> None:
    raw = base64.urlsafe_b64decode(raw_message())
    drafts = session.gmail.users().drafts()
    simple = drafts.create(userId="me", media_body=MediaInMemoryUpload(
        raw, mimetype="message/rfc822")).execute()
    multipart = drafts.create(userId="me", body={"message": {}}, media_body=MediaInMemoryUpload(
        raw, mimetype="message/rfc822")).execute()
    updated = drafts.update(userId="me", id=simple["id"], body={"message": {}},
                            media_body=MediaInMemoryUpload(raw_bytes_with_body("Changed"),
                                                           mimetype="message/rfc822")).execute()
    assert updated["id"] == simple["id"]
    records = {record.draft_id: record for record in emulator.google.drafts(OWNER)}
    assert records[simple["id"]].body == "Changed"
    assert records[multipart["id"]].mark == MARK


def raw_bytes_with_body(body: str) -> bytes:
    return base64.urlsafe_b64decode(raw_message(body=body + "\n"))


def test_malformed_requests_answer_400_in_googles_shape(session: GoogleSession) -> None:
    drafts = session.gmail.users().drafts()
    cases = [
        drafts.create(userId="me", body={"message": {"raw": "!!!not base64!!!"}}),
        drafts.create(userId="me", body={"message": {}}),
        session.gmail.users().messages().get(userId="me", id="not-an-id"),
        session.gmail.users().messages().list(userId="me", maxResults=-1),
        session.gmail.users().history().list(userId="me", startHistoryId="abc"),
        session.gmail.users().messages().list(userId="me", pageToken="%%%"),
    ]
    for request in cases:
        with pytest.raises(HttpError) as failed:
            request.execute()
        assert status_of(failed.value) == 400, request.uri
        error = failed.value.error_details
        assert isinstance(error, list) and error[0]["reason"]
    with pytest.raises(HttpError) as other_user:
        session.gmail.users().getProfile(userId="someone@else.com").execute()
    assert status_of(other_user.value) == 403


def test_metadata_scope_limits(emulator: Emulator, server: EmulatorServer) -> None:
    session = sign_in(emulator, server, scopes=(GMAIL_METADATA,))
    message_id = emulator.google.deliver_mail(OWNER, JANE, (OWNER,), "Hello", "text")
    messages = session.gmail.users().messages()
    assert messages.get(userId="me", id=message_id, format="metadata").execute()["id"]
    for request in (messages.get(userId="me", id=message_id, format="full"),
                    messages.list(userId="me", q="from:jane"),
                    session.gmail.users().drafts().list(userId="me")):
        with pytest.raises(HttpError) as refused:
            request.execute()
        assert status_of(refused.value) == 403
