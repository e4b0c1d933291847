"""The pages: what they show, and that nothing a stranger wrote can run or break them."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import update

from service.store import models
from service.store.db import transaction
from service.web.app import create_app
from tests.service.web.conftest import Site, TestClient, make_context
from tests.service.web.seeding import NOW, interview
from tests.service.web.seeding import add_account as seed_account


def test_health_check_answers_ok(site: Site) -> None:
    answer = site.client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_every_response_carries_the_strict_headers(site: Site) -> None:
    for path in ("/", f"/interviews/{site.seeded.done_id}", "/healthz", "/no-such-page"):
        headers = site.client.get(path).headers
        policy = headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "frame-ancestors 'none'" in policy
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["x-frame-options"] == "DENY"
    assert site.client.get("/").headers["cache-control"] == "no-store"


def test_the_stylesheet_is_served_from_the_app_itself(site: Site) -> None:
    answer = site.client.get("/static/style.css")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/css")
    assert '<link rel="stylesheet" href="/static/style.css">' in site.client.get("/").text


def test_dashboard_lists_mailboxes_and_interviews_in_the_owners_time_zone(site: Site) -> None:
    page = site.client.get("/").text
    assert "sam.patel@example.org" in page
    assert "connected" in page
    assert 'href="/connect/gmail">Connect Gmail</a>' in page
    assert 'href="/connect/outlook">Connect Outlook</a>' in page
    upcoming, recent = page.split('id="upcoming-heading"')[1].split('id="recent-heading"')
    assert f'href="/interviews/{site.seeded.upcoming_id}"' in upcoming
    assert "Initech – Data Analyst" in upcoming
    assert "Phone screen" in upcoming
    assert "Rita Ruiz" in upcoming
    # 2026-06-14 20:00 UTC is 15:00 in Chicago (CDT)
    assert "Sun Jun 14, 2026 · 15:00 CDT" in upcoming
    assert f'href="/interviews/{site.seeded.done_id}"' in recent
    assert "Marcus Lee, Priya Shah" in recent
    assert "check-in to review" in recent
    assert "thank-you: 1 drafted, 1 sent" in recent


def test_a_mailbox_that_needs_signing_in_again_offers_reconnect(site: Site) -> None:
    seed_account(site.factory, site.vault, "sam@outlook.com", "outlook", status="needs_reauth",
                 reason="access was revoked: sign in again")
    page = site.client.get("/").text
    assert "needs re-authentication" in page
    assert "access was revoked: sign in again" in page
    assert 'href="/connect/outlook">Reconnect Outlook</a>' in page


def test_only_enabled_providers_get_a_connect_button(site: Site) -> None:
    settings = site.settings.model_copy(update={"providers": ("outlook",)})
    app = create_app(make_context(settings, site.clock, site.factory, []))
    with TestClient(app, base_url=settings.base_url) as client:
        page = client.get("/").text
        assert "Connect Outlook" in page
        assert "Connect Gmail" not in page
        answer = client.get("/connect/gmail")
        assert "Gmail is not enabled on this service." in answer.text


def test_interview_page_shows_drafts_notes_check_in_and_its_own_history(site: Site) -> None:
    with transaction(site.factory) as session:
        session.add(models.Note(interview_id=site.seeded.done_id,
                                interviewer_email="marcus.lee@globex.com",
                                topic="the design system", created_at=NOW))
    page = site.client.get(f"/interviews/{site.seeded.done_id}").text
    assert "<h1>Globex – Product Designer</h1>" in page
    assert "Tue Jun 2, 2026 · 15:00–15:45 CDT" in page
    # drafts: recipient, state, subject, body as written, content-check findings
    assert "To Marcus Lee &lt;marcus.lee@globex.com&gt;" in page
    assert ">drafted</span>" in page and ">sent</span>" in page
    assert "Thank you - Product Designer interview" in page
    assert "[specific topic you discussed]" in page
    assert "keeps a bracketed prompt for you to fill in" in page
    # notes
    assert "the design system" in page
    assert '<option value="marcus.lee@globex.com">Marcus Lee' in page
    # the pending check-in and its four actions
    assert ">suggested</span>" in page
    assert "no reply 7 days after the interview" in page
    for action in ("approve", "dismiss", "snooze", "recipient"):
        assert f'action="/interviews/{site.seeded.done_id}/check-in/{action}"' in page
    assert '<option value="priya.shah@globex.com">Priya Shah' in page
    # the audit trail: this interview's event and follow-up keys, not the other interview's
    assert "thank_you.decided" in page and "draft.create" in page
    assert "about ev-globex" in page
    assert "about ev-initech" not in page


def test_no_buttons_once_the_check_in_is_decided(site: Site) -> None:
    with transaction(site.factory) as session:
        session.execute(update(models.Suggestion).values(status="dismissed"))
    page = site.client.get(f"/interviews/{site.seeded.done_id}").text
    assert ">dismissed</span>" in page
    assert "check-in/approve" not in page


def test_an_unknown_interview_is_a_one_line_404(site: Site) -> None:
    answer = site.client.get("/interviews/999999")
    assert answer.status_code == 404
    assert "There is no such interview." in answer.text
    assert "Traceback" not in answer.text
    assert site.client.get("/interviews/not-a-number").status_code == 404
    assert site.client.get(f"/interviews/{10**30}").status_code == 404


def test_hostile_invite_fields_are_shown_as_text(site: Site) -> None:
    script = "<script>alert(1)</script>"
    with transaction(site.factory) as session:
        account = session.get(models.Account, site.seeded.account_id)
        assert account is not None
        hostile = interview(
            session, account, "ev-hostile", title=script + " {{7*7}} " + "A" * 50_000,
            company='<img src=x onerror="alert(2)">', job_title="{{ 7*7 }}{% raw %}",
            start=NOW + timedelta(days=3),
            people=[("eve@evil.example", '"><script>alert(3)</script>')])
        session.add(models.FollowUp(
            interview=hostile, kind="thank_you", recipient_email="eve@evil.example",
            recipient_name="</pre><script>alert(4)</script>", state="pending",
            idempotency_key="key-eve", subject=script, body=script + "\n{{7*7}}",
            findings=[script], created_at=NOW))
        hostile_id = hostile.id
    for path in ("/", f"/interviews/{hostile_id}"):
        answer = site.client.get(path)
        assert answer.status_code == 200
        assert "<script>" not in answer.text
        assert "<img" not in answer.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in answer.text
        assert "{{7*7}}" in answer.text  # as typed, never evaluated
        assert "{{ 7*7 }}{% raw %}" in answer.text
        # a 50,000-character title is cut, in the list and on the page
        assert "A" * 400 not in answer.text
        assert len(answer.text) < 40_000
