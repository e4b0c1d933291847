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


def test_dashboard_puts_what_needs_you_first_then_interviews_in_the_owners_zone(
        site: Site) -> None:
    page = site.client.get("/").text
    needs, rest = page.split('id="upcoming-heading"')
    # "Needs you": the suggested check-in (with its actions on this page) and the draft that
    # still has a prompt to fill
    assert "Check-in to review" in needs and "Globex – Product Designer" in needs
    assert 'name="do" value="approve"' in needs and 'action="/"' in needs
    assert "2 days (" in needs and "Next Monday (" in needs
    assert "Fill in a draft" in needs and "[specific topic you discussed]" in needs
    upcoming, recent = rest.split('id="recent-heading"')
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
    # one mailbox: no mailbox column
    assert '<th scope="col">Mailbox</th>' not in page
    assert "sam.patel@example.org" in page
    assert 'href="/connect/gmail">Connect another Gmail mailbox</a>' in page


def test_a_second_mailbox_adds_a_mailbox_column(site: Site) -> None:
    second = seed_account(site.factory, site.vault, "sam@outlook.com", "outlook",
                          owner_id=site.seeded.owner_id)
    with transaction(site.factory) as session:
        account = session.get_one(models.Account, second)
        interview(session, account, "ev-outlook", title="Umbrella interview",
                  company="Umbrella", job_title="Analyst", start=NOW + timedelta(days=4),
                  people=[("kim@umbrella.com", "Kim Lee")])
    page = site.client.get("/").text
    assert page.count('<th scope="col">Mailbox</th>') == 2
    assert '<td data-label="Mailbox">sam@outlook.com</td>' in page
    assert '<td data-label="Mailbox">sam.patel@example.org</td>' in page


def test_a_mailbox_that_needs_signing_in_again_is_in_needs_you(site: Site) -> None:
    account_id = seed_account(site.factory, site.vault, "sam@outlook.com", "outlook",
                              status="needs_reauth", reason="access was revoked: sign in again",
                              owner_id=site.seeded.owner_id)
    page = site.client.get("/").text
    needs = page.split('id="upcoming-heading"')[0]
    assert "Reconnect sam@outlook.com" in needs
    assert "access was revoked: sign in again" in needs
    assert f'href="/reconnect/{account_id}"' in needs


def test_signed_out_the_start_page_offers_sign_in_with_each_enabled_provider(
        site: Site) -> None:
    site.sign_out()
    page = site.client.get("/").text
    assert 'href="/signin/gmail">Sign in with Google</a>' in page
    assert 'href="/signin/outlook">Sign in with Microsoft</a>' in page
    assert "sam.patel@example.org" not in page
    # every other page sends a signed-out browser to the start page
    answer = site.client.get(f"/interviews/{site.seeded.done_id}", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    for path in ("/settings", "/welcome"):
        assert site.client.get(path, follow_redirects=False).status_code == 303
    settings = site.settings.model_copy(update={"providers": ("outlook",)})
    app = create_app(make_context(settings, site.clock, site.factory, []))
    with TestClient(app, base_url=settings.base_url) as client:
        page = client.get("/").text
        assert "Sign in with Microsoft" in page
        assert "Sign in with Google" not in page
        answer = client.get("/signin/gmail")
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
    # notes, with their edit and delete
    assert "the design system" in page
    assert '<option value="marcus.lee@globex.com">Marcus Lee' in page
    assert "?edit=" in page and 'value="note_delete"' in page
    assert "Each field takes at most 2000 characters" in page
    # the pending check-in: its forms post to this very page and carry the state shown
    assert ">suggested</span>" in page
    assert "no reply 7 days after the interview" in page
    here = f'action="/interviews/{site.seeded.done_id}"'
    for action in ("approve", "dismiss", "snooze", "recipient"):
        assert f'name="do" value="{action}"' in page
    assert here in page and 'name="shown" value="suggested@' in page
    assert '<option value="priya.shah@globex.com">Priya Shah' in page
    # the checklist, and the owner's word on the event
    assert "Write down the questions you were asked" in page
    assert "Mark as not an interview" in page
    # the history in words, this interview's only, never codes
    history = page.split('id="audit-heading"')[1].split("</section>")[0]
    assert "Found on your calendar and taken for an interview" in history
    assert "Thank-you to Marcus Lee written" in history
    assert "Thank-you draft to Marcus Lee changed" in history
    assert "thank_you." not in history and "draft.create" not in history
    assert "ev-initech" not in history


def test_no_buttons_once_the_check_in_is_decided(site: Site) -> None:
    with transaction(site.factory) as session:
        session.execute(update(models.Suggestion).values(status="dismissed"))
    page = site.client.get(f"/interviews/{site.seeded.done_id}").text
    assert ">dismissed</span>" in page
    assert "check-in/approve" not in page


def test_another_owners_interview_is_a_404_like_one_that_does_not_exist(site: Site) -> None:
    other = seed_account(site.factory, site.vault, "robin@globex.com", "gmail")
    with transaction(site.factory) as session:
        account = session.get_one(models.Account, other)
        account.owner.set_up_at = NOW
        theirs = interview(session, account, "ev-theirs", title="Robin's interview",
                           company="Hooli", job_title="SRE", start=NOW - timedelta(days=1),
                           people=[("gavin@hooli.com", "Gavin B")]).id
        other_owner = account.owner_id
    answer = site.client.get(f"/interviews/{theirs}")
    assert answer.status_code == 404
    assert "There is no such interview." in answer.text
    assert "Hooli" not in site.client.get("/").text
    # and the other way round
    site.sign_in(other_owner)
    assert site.client.get(f"/interviews/{site.seeded.done_id}").status_code == 404
    board = site.client.get("/").text
    assert "Hooli" in board and "Globex" not in board and "sam.patel" not in board


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
