"""Mail folder delta queries: rounds, paging, removals (deleted, sent away), stale tokens."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from providers.emulator.control import PersonSpec
from providers.microsoft.mark import MARK_PROPERTY_ID
from tests.providers.emulator.microsoft.conftest import (
    Outlook,
    Running,
    graph_client,
    new_address,
    sign_in,
)
from tests.providers.emulator.microsoft.shapes import assert_graph_error, assert_message

JANE = PersonSpec("jane.doe@acme.example", "Jane Doe")


def _round(outlook: Outlook, url: str, params: dict[str, str] | None = None,
           page_size: int | None = None) -> tuple[list[dict[str, Any]], str]:
    headers = {"Prefer": f"odata.maxpagesize={page_size}"} if page_size else {}
    items: list[dict[str, Any]] = []
    answer = outlook.graph.get(url, params=params, headers=headers)
    while True:
        assert answer.status_code == 200, answer.text
        body = answer.json()
        items += body["value"]
        if "@odata.deltaLink" in body:
            return items, body["@odata.deltaLink"]
        answer = outlook.graph.get(body["@odata.nextLink"], headers=headers)


def _deliver(outlook: Outlook, subject: str) -> str:
    return outlook.control.deliver_mail(outlook.address, JANE, (outlook.address,), subject,
                                        "Hello")


def test_inbox_delta_rounds(running: Running) -> None:
    address = new_address(running)
    old = running.microsoft.deliver_mail(address, JANE, (address,), "old", "Hello")
    running.clock.advance(timedelta(days=2))
    outlook = sign_in(running, address)
    since = (running.clock.now() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    recent = [_deliver(outlook, f"recent {n}") for n in range(5)]
    url = "/me/mailFolders/inbox/messages/delta"
    items, delta_link = _round(outlook, url, {
        "$filter": f"receivedDateTime ge {since}",
        "$select": "subject,receivedDateTime,conversationId,internetMessageHeaders"},
        page_size=2)
    assert sorted(m["id"] for m in items) == sorted(recent)
    assert old not in [m["id"] for m in items]
    assert set(items[0]) == {"@odata.etag", "id", "subject", "receivedDateTime",
                             "conversationId", "internetMessageHeaders"}

    newer = _deliver(outlook, "newer")
    outlook.graph.patch(f"/me/messages/{recent[0]}", json={"isRead": True})
    assert outlook.graph.delete(f"/me/messages/{recent[1]}").status_code == 204
    changes, delta_link = _round(outlook, delta_link)
    by_id = {m["id"]: m for m in changes}
    assert set(by_id) == {newer, recent[0], recent[1]}
    assert by_id[recent[1]] == {"@odata.type": "#microsoft.graph.message", "id": recent[1],
                                "@removed": {"reason": "deleted"}}
    assert set(by_id[newer]) >= {"subject", "receivedDateTime"}  # $select kept in the link
    assert "body" not in by_id[newer]

    quiet, _ = _round(outlook, delta_link)
    assert quiet == []


def test_a_sent_draft_leaves_drafts_and_arrives_in_sent_items(outlook: Outlook) -> None:
    _, drafts_link = _round(outlook, "/me/mailFolders/drafts/messages/delta")
    _, sent_link = _round(outlook, "/me/mailFolders/sentitems/messages/delta")
    draft = outlook.graph.post("/me/messages", json={
        "subject": "Thanks", "toRecipients": [{"emailAddress": {"address": JANE.email}}],
        "singleValueExtendedProperties": [{"id": MARK_PROPERTY_ID, "value": "key-a"}],
    }).json()
    created, drafts_link = _round(outlook, drafts_link)
    assert [m["id"] for m in created] == [draft["id"]]
    assert_message(created[0])

    sent_id = outlook.control.owner_send_draft(outlook.address, draft["id"])
    removed, _ = _round(outlook, drafts_link)
    assert removed == [{"@odata.type": "#microsoft.graph.message", "id": draft["id"],
                        "@removed": {"reason": "deleted"}}]
    arrived, _ = _round(outlook, sent_link)
    assert [m["id"] for m in arrived] == [sent_id]
    assert arrived[0]["conversationId"] == draft["conversationId"]  # what every client keeps


def test_a_draft_made_and_deleted_between_rounds_is_not_reported(outlook: Outlook) -> None:
    _, link = _round(outlook, "/me/mailFolders/drafts/messages/delta")
    draft = outlook.graph.post("/me/messages", json={"subject": "x"}).json()
    outlook.control.owner_delete_draft(outlook.address, draft["id"])
    items, _ = _round(outlook, link)
    assert items == []


def test_stale_or_foreign_mail_tokens_are_410(outlook: Outlook) -> None:
    _, inbox_link = _round(outlook, "/me/mailFolders/inbox/messages/delta")
    # A token of one folder is no token for another.
    token = inbox_link.split("$deltatoken=")[1]
    other_folder = outlook.graph.get("/me/mailFolders/drafts/messages/delta",
                                     params={"$deltatoken": token})
    assert other_folder.status_code == 410
    assert_graph_error(other_folder.json(), "syncStateNotFound")
    outlook.control.expire_sync_state(outlook.address)
    stale = outlook.graph.get(inbox_link)
    assert stale.status_code == 410
    assert_graph_error(stale.json(), "syncStateNotFound")


def test_delta_accepts_only_its_own_filter(outlook: Outlook) -> None:
    answer = outlook.graph.get("/me/mailFolders/inbox/messages/delta",
                               params={"$filter": "subject eq 'x'"})
    assert answer.status_code == 400
    assert_graph_error(answer.json())


def test_a_moved_message_keeps_its_immutable_id_and_gets_a_new_rest_id(
        outlook: Outlook) -> None:
    # https://learn.microsoft.com/en-us/graph/outlook-immutable-id: ids change when an item
    # moves to another folder, unless the request asks for Prefer: IdType="ImmutableId".
    rest = graph_client(outlook.running, outlook.tokens["access_token"], immutable_ids=False)
    mail_id = outlook.control.deliver_mail(outlook.address, JANE, (outlook.address,), "Hi", "x")
    before = rest.get(f"/me/messages/{mail_id}").json()["id"]
    assert before != mail_id
    inbox, inbox_link = _round(outlook, "/me/mailFolders/inbox/messages/delta")
    assert [m["id"] for m in inbox] == [mail_id]
    outlook.control.owner_move_mail(outlook.address, mail_id, "Recruiting")
    after = rest.get(f"/me/messages/{mail_id}").json()["id"]
    assert after not in (before, mail_id)
    assert rest.get(f"/me/messages/{before}").status_code == 404  # the old REST id is dead
    assert outlook.graph.get(f"/me/messages/{mail_id}").json()["id"] == mail_id
    # The Inbox delta says it left (reason "changed": it still exists elsewhere).
    moved, _ = _round(outlook, inbox_link)
    assert moved == [{"@odata.type": "#microsoft.graph.message", "id": mail_id,
                      "@removed": {"reason": "changed"}}]
    rest.close()


def test_an_updated_message_comes_as_its_id_and_the_changed_properties(
        outlook: Outlook) -> None:
    # https://learn.microsoft.com/en-us/graph/delta-query-overview: "Updated instances are
    # represented by their id with at least the properties that have been updated".
    mail_id = outlook.control.deliver_mail(outlook.address, JANE, (outlook.address,), "Hi", "x")
    _, link = _round(outlook, "/me/mailFolders/inbox/messages/delta")
    outlook.control.owner_mark_read(outlook.address, mail_id)
    (updated,), _ = _round(outlook, link)
    assert set(updated) == {"@odata.type", "@odata.etag", "id", "isRead"}
    assert updated["id"] == mail_id and updated["isRead"] is True


def test_expanding_extended_properties_on_a_message_delta_is_a_500(outlook: Outlook) -> None:
    # A known Graph bug: "InternalServerError: Value cannot be null. Parameter name: type"
    # (https://github.com/microsoftgraph/microsoft-graph-docs/issues/2270 and #1993).
    answer = outlook.graph.get("/me/mailFolders/inbox/messages/delta", params={
        "$expand": f"singleValueExtendedProperties($filter=id eq '{MARK_PROPERTY_ID}')"})
    assert answer.status_code == 500
    assert_graph_error(answer.json(), "InternalServerError")
