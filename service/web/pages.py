"""The dashboard's pages and the owner's actions, for the signed-in owner only.

Every form posts to the address of the page it is on, naming what to do in ``do``; so a
refusal or a bad field is answered by that same page (at its own address), with one line
saying what was wrong and what was typed kept. A success redirects (303) back to the page
with a one-line message. Actions run in one transaction through :mod:`service.actions` and
:mod:`service.owners`; then the account's pass runs at once, so the page after the redirect
shows the drafts as they now read.

Another owner's interview, like one that does not exist, is a 404.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from providers.errors import ProviderError
from service import actions, owners
from service.errors import UsageError
from service.store import models
from service.store.db import transaction
from service.web.context import WebContext
from service.web.forms import (
    FormError,
    FormTooLarge,
    NoteFields,
    many,
    parse_addresses,
    parse_hours,
    parse_id,
    parse_note,
    parse_profile,
    parse_recipient,
    parse_snooze,
    read_form,
)
from service.web.responses import Flash, Renderer
from service.web.sessions import Sessions
from service.web.views import (
    PROVIDER_LABELS,
    Dashboard,
    InterviewPage,
    SettingsPage,
    all_timezones,
    day,
    find_interview,
    load_dashboard,
    load_interview,
    load_settings,
    zone,
)

log = logging.getLogger(__name__)

CSRF_REFUSED = ("This form has expired or did not come from this dashboard; "
                "reload the page and try again.")
SIGNED_OUT = "You are signed out; sign in again (nothing was changed)."
SIGN_IN_LABELS = {"gmail": "Google", "outlook": "Microsoft"}
REVOKE_ELSEWHERE = {
    "gmail": "https://myaccount.google.com/permissions",
    "outlook": "https://account.live.com/consent/Manage (personal accounts) or "
               "https://myapps.microsoft.com (work or school accounts)",
}


@dataclass(frozen=True)
class Done:
    """What an action did: the message to show, and the mailbox whose pass should run."""

    message: str
    account_id: int | None = None


Change = Callable[[Session, datetime], Done]
ErrorPage = Callable[[int, str], Awaitable[Response]]


class Pages:
    def __init__(self, context: WebContext, renderer: Renderer, sessions: Sessions) -> None:
        self.context = context
        self.renderer = renderer
        self.sessions = sessions
        self._timezones = all_timezones()

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.dashboard, methods=["GET", "POST"]),
            Route("/interviews/{interview_id:int}", self.interview, methods=["GET", "POST"]),
            Route("/welcome", self.welcome, methods=["GET", "POST"]),
            Route("/settings", self.settings, methods=["GET", "POST"]),
            Route("/signout", self.sign_out, methods=["POST"]),
        ]

    # -- plumbing ----------------------------------------------------------------------------

    async def _owner(self, request: Request) -> int | None:
        return await run_in_threadpool(self.sessions.owner_id, request,
                                       self.context.clock.now())

    def _page(self, request: Request, template: str, status: int = 200,
              error: str | None = None, **values: Any) -> Response:
        return self.renderer.page(request, template, status=status, error=error,
                                  signed_in=True, **values)

    async def _form(self, request: Request, error_page: ErrorPage
                    ) -> dict[str, str] | Response:
        """The posted form, CSRF-checked; or the response that refuses it."""
        try:
            form = await read_form(request)
        except FormTooLarge as exc:
            return await error_page(413, str(exc))
        except FormError as exc:
            return await error_page(400, str(exc))
        if not self.renderer.csrf.valid(request, form):
            return self.renderer.page(request, "message.html", status=403,
                                      error=CSRF_REFUSED, title="Form refused")
        return form

    async def _act(self, change: Change, where: str, error_page: ErrorPage) -> Response:
        def apply() -> Done:
            with transaction(self.context.factory) as session:
                return change(session, self.context.clock.now())

        try:
            done = await run_in_threadpool(apply)
        except FormError as exc:
            return await error_page(400, str(exc))
        except actions.ActionRefused as exc:
            reason = next(iter(str(exc).splitlines()), "") or "that cannot be done now"
            return await error_page(409, reason)
        await run_in_threadpool(self.context.changed, done.account_id)
        return self.renderer.redirect(where, Flash("ok", done.message))

    def _signed_out(self, request: Request) -> Response:
        response = self.renderer.page(request, "message.html", status=403, error=SIGNED_OUT,
                                      title="Signed out")
        self.sessions.forget(response)
        return response

    # -- the dashboard -----------------------------------------------------------------------

    async def dashboard(self, request: Request) -> Response:
        owner_id = await self._owner(request)
        if owner_id is None:
            if request.method == "POST":
                return self._signed_out(request)
            providers = [(name, SIGN_IN_LABELS.get(name, name))
                         for name in self.context.settings.providers]
            return self.renderer.page(request, "signin.html", sign_in=providers)
        if request.method == "GET":
            return await self._dashboard_page(request, owner_id)

        async def error_page(status: int, error: str) -> Response:
            return await self._dashboard_page(request, owner_id, status, error)

        form = await self._form(request, error_page)
        if isinstance(form, Response):
            return form
        do = form.get("do", "")
        if do == "is_interview":
            return await self._act(self._mark_interview(owner_id, form), "/", error_page)
        return await self._act(self._check_in_change(owner_id, do, form), "/", error_page)

    async def _dashboard_page(self, request: Request, owner_id: int, status: int = 200,
                              error: str | None = None) -> Response:
        def load() -> tuple[Dashboard | None, bool]:
            with transaction(self.context.factory) as session:
                owner = session.get(models.Owner, owner_id)
                set_up = owner is not None and owner.set_up_at is not None
                return load_dashboard(session, owner_id, self.context.clock.now()), set_up

        board, set_up = await run_in_threadpool(load)
        if board is None:
            return self._signed_out(request)
        if not set_up and status == 200:
            return self.renderer.redirect("/welcome")
        return self._page(request, "dashboard.html", status=status, error=error, board=board,
                          providers=self._providers())

    def _providers(self) -> list[tuple[str, str]]:
        return [(name, PROVIDER_LABELS.get(name, name)) for name in self.context.settings.providers]

    # -- check-in decisions, from the dashboard or the interview page ------------------------

    def _check_in_change(self, owner_id: int, do: str, form: dict[str, str]) -> Change:
        def change(session: Session, now: datetime) -> Done:
            if do not in ("undo", "approve", "dismiss", "snooze", "recipient"):
                raise FormError("the form asked for nothing this page does; reload the page")
            interview_id = parse_id(form, "interview")
            interview = _owned(session, owner_id, interview_id)
            account_id = interview.account_id
            if do == "undo":
                decision = actions.undo_check_in_decision(session, interview, now)
                took = "approval" if decision.action == "approved" else "dismissal"
                return Done(f"You took back the {took}: the check-in waits for your decision "
                            "again.", account_id)
            actions.expect_check_in(interview, form.get("shown", ""))
            if do == "approve":
                suggestion = actions.approve_check_in(session, interview, now)
                return Done(f"Check-in approved: the draft to {suggestion.recipient_email} "
                            "goes into your Drafts folder (undo for "
                            f"{actions.UNDO_WINDOW.seconds // 60} minutes).", account_id)
            if do == "dismiss":
                actions.dismiss_check_in(session, interview, now)
                return Done("Check-in dismissed: nothing more will be suggested for this "
                            f"interview (undo for {actions.UNDO_WINDOW.seconds // 60} "
                            "minutes).", account_id)
            if do == "snooze":
                owner = interview.account.owner
                timezone = interview.account.local_timezone
                presets = actions.snooze_presets(now, timezone, owner.day_starts)
                until = parse_snooze(form, presets, zone(timezone), owner.day_starts)
                actions.snooze_check_in(session, interview, until, now)
                return Done(f"Check-in snoozed until {day(until.date())}.", account_id)
            suggestion = actions.change_check_in_recipient(session, interview,
                                                           parse_recipient(form), now)
            return Done(f"The check-in will go to {suggestion.recipient_email}.", account_id)

        return change

    def _mark_interview(self, owner_id: int, form: dict[str, str]) -> Change:
        def change(session: Session, now: datetime) -> Done:
            account_id = parse_id(form, "account")
            event_id = form.get("event", "")[:1024]
            account = session.get(models.Account, account_id)
            if account is None or account.owner_id != owner_id:
                raise HTTPException(404, "There is no such event.")
            interview = actions.mark_interview(session, account, event_id, now)
            return Done(f"Taken as an interview: {interview.title[:80]}. It stays one at "
                        "every sync.", account.id)

        return change

    # -- one interview -----------------------------------------------------------------------

    async def interview(self, request: Request) -> Response:
        interview_id: int = request.path_params["interview_id"]
        owner_id = await self._owner(request)
        if owner_id is None:
            if request.method == "POST":
                return self._signed_out(request)
            return self.renderer.redirect("/", Flash("error", "Sign in to see this page."))
        if request.method == "GET":
            editing = request.query_params.get("edit", "")
            return await self._interview_page(request, owner_id, interview_id,
                                              edit=int(editing) if editing.isdigit()
                                              and len(editing) < 18 else None)
        note: NoteFields | None = None

        async def error_page(status: int, error: str) -> Response:
            return await self._interview_page(request, owner_id, interview_id, status, error,
                                              note)

        form = await self._form(request, error_page)
        if isinstance(form, Response):
            return form
        do = form.get("do", "")
        where = f"/interviews/{interview_id}"
        form["interview"] = str(interview_id)
        if do in ("note_add", "note_save", "note_delete"):
            note = NoteFields.of(form) if do != "note_delete" else None
            return await self._act(self._note_change(owner_id, interview_id, do, form), where,
                                   error_page)
        if do in ("checklist", "not_interview", "is_interview"):
            return await self._act(self._interview_change(owner_id, interview_id, do, form),
                                   where, error_page)
        return await self._act(self._check_in_change(owner_id, do, form), where, error_page)

    async def _interview_page(self, request: Request, owner_id: int, interview_id: int,
                              status: int = 200, error: str | None = None,
                              note: NoteFields | None = None,
                              edit: int | None = None) -> Response:
        def load() -> InterviewPage | None:
            with transaction(self.context.factory) as session:
                return load_interview(session, owner_id, interview_id,
                                      self.context.clock.now())

        page = await run_in_threadpool(load)
        if page is None:
            raise HTTPException(404, "There is no such interview.")
        if note is None and edit is not None:
            found = next((n for n in page.notes if n.id == edit), None)
            if found is not None:
                note = NoteFields(note_id=str(found.id), interviewer=found.interviewer_email,
                                  topic=found.topic, insight=found.insight,
                                  strengths=found.strengths, decision_date=found.decision_iso)
        return self._page(request, "interview.html", status=status, error=error, page=page,
                          note=note or NoteFields())

    def _note_change(self, owner_id: int, interview_id: int, do: str,
                     form: dict[str, str]) -> Change:
        def change(session: Session, now: datetime) -> Done:
            interview = _owned(session, owner_id, interview_id)
            if do == "note_delete":
                actions.delete_note(session, interview, parse_id(form, "note_id"), now)
                return Done("Note deleted: drafts you have not changed follow your notes.",
                            interview.account_id)
            note = parse_note(form)
            if do == "note_save":
                actions.edit_note(session, interview, parse_id(form, "note_id"), note, now)
                return Done("Note saved: drafts you have not changed now use it.",
                            interview.account_id)
            actions.add_note(session, interview, note, now)
            return Done("Note added: drafts you have not changed now use it.",
                        interview.account_id)

        return change

    def _interview_change(self, owner_id: int, interview_id: int, do: str,
                          form: dict[str, str]) -> Change:
        def change(session: Session, now: datetime) -> Done:
            interview = _owned(session, owner_id, interview_id)
            if do == "checklist":
                actions.set_checklist(session, interview, set(many(form, "item")), now)
                return Done("Checklist saved.", None)
            if do == "is_interview":
                actions.mark_interview(session, interview.account, interview.event_id, now)
                return Done("Taken as an interview again: it stays one at every sync.",
                            interview.account_id)
            actions.mark_not_interview(session, interview, now)
            return Done("Marked as not an interview: the service leaves it alone from now "
                        "on (drafts you have not touched are withdrawn).",
                        interview.account_id)

        return change

    # -- first run and settings --------------------------------------------------------------

    async def welcome(self, request: Request) -> Response:
        return await self._settings_like(request, "welcome.html")

    async def settings(self, request: Request) -> Response:
        return await self._settings_like(request, "settings.html")

    async def _settings_like(self, request: Request, template: str) -> Response:
        owner_id = await self._owner(request)
        if owner_id is None:
            if request.method == "POST":
                return self._signed_out(request)
            return self.renderer.redirect("/", Flash("error", "Sign in to see this page."))
        if request.method == "GET":
            return await self._settings_page(request, owner_id, template)
        typed: dict[str, str] = {}

        async def error_page(status: int, error: str) -> Response:
            return await self._settings_page(request, owner_id, template, status, error, typed)

        form = await self._form(request, error_page)
        if isinstance(form, Response):
            return form
        typed.update(form)
        do = form.get("do", "")
        if do == "delete":
            return await self._delete(request, owner_id, form, error_page)
        where = "/" if template == "welcome.html" else "/settings"
        return await self._act(self._settings_change(owner_id, do, form), where, error_page)

    async def _settings_page(self, request: Request, owner_id: int, template: str,
                             status: int = 200, error: str | None = None,
                             typed: dict[str, str] | None = None) -> Response:
        def load() -> SettingsPage | None:
            with transaction(self.context.factory) as session:
                return load_settings(session, owner_id)

        page = await run_in_threadpool(load)
        if page is None:
            return self._signed_out(request)
        if typed:
            page = _as_typed(page, typed)
        return self._page(request, template, status=status, error=error, settings=page,
                          timezones=self._timezones, providers=self._providers())

    def _settings_change(self, owner_id: int, do: str, form: dict[str, str]) -> Change:
        def change(session: Session, now: datetime) -> Done:
            owner = session.get(models.Owner, owner_id)
            if owner is None:
                raise actions.ActionRefused(SIGNED_OUT)
            first = owner.accounts[0].id if owner.accounts else None
            if do in ("welcome", "skip"):
                if do == "welcome":
                    owners.update_profile(session, owner, parse_profile(form), now)
                owners.finish_first_run(owner, now)
                return Done("All set: your interviews appear below as the service finds them.",
                            first)
            if do == "profile":
                owners.update_profile(session, owner, parse_profile(form), now)
                return Done("Saved: drafts you have not changed now use it.", first)
            if do == "hours":
                owners.update_hours(session, owner, parse_hours(form, many(form, "day")), now)
                return Done("Saved: check-ins are suggested in these hours.", first)
            if do == "addresses":
                owners.update_other_addresses(session, owner, parse_addresses(form), now)
                return Done("Saved: invites from these addresses are yours.", first)
            if do in ("pause", "resume"):
                owners.set_paused(session, owner, do == "pause", now)
                return Done("Paused: nothing is read or written until you resume."
                            if do == "pause" else "Resumed: your mailboxes are read again.",
                            None if do == "pause" else first)
            raise FormError("the form asked for nothing this page does; reload the page")

        return change

    async def _delete(self, request: Request, owner_id: int, form: dict[str, str],
                      error_page: ErrorPage) -> Response:
        if form.get("confirm") != "yes":
            return await error_page(400, "Tick the box to confirm: deleting cannot be undone.")
        engine = self.context.engine

        def plan() -> list[owners.Grant]:
            with transaction(self.context.factory) as session:
                return owners.deletion_plan(session, owner_id, engine.vault)

        grants = await run_in_threadpool(plan)
        revoked = [await run_in_threadpool(self._revoke, grant) for grant in grants]

        def delete() -> owners.Deletion:
            with transaction(self.context.factory) as session:
                return owners.delete_owner(session, owner_id)

        try:
            deletion = await run_in_threadpool(delete)
        except actions.ActionRefused as exc:
            return await error_page(409, str(exc))
        log.info("owner %s deleted their data (%d mailboxes)", owner_id,
                 deletion.counts.get("mailboxes", 0))
        response = self.renderer.page(request, "deleted.html", deletion=deletion,
                                      revoked=revoked, title="Your data is deleted")
        self.sessions.forget(response)
        return response

    def _revoke(self, grant: owners.Grant) -> str:
        label = SIGN_IN_LABELS.get(grant.provider, grant.provider)
        elsewhere = REVOKE_ELSEWHERE.get(grant.provider, "your account's settings")
        if grant.tokens is None:
            return (f"{label}: the service could not read its tokens for {grant.email}; "
                    f"remove its access at {elsewhere}.")
        try:
            done = self.context.connectors.revoke(grant.provider, grant.tokens)
        except (ProviderError, UsageError) as exc:
            log.warning("revoking %s access failed: %s", grant.provider, type(exc).__name__)
            return (f"{label} could not be reached to revoke the access to {grant.email}; "
                    f"remove it at {elsewhere}.")
        if done:
            return f"{label}: the service's access to {grant.email} is revoked."
        return (f"{label} offers no way for an app to revoke its own access: the service "
                f"deleted its tokens for {grant.email}; to remove its access as well, go to "
                f"{elsewhere}.")

    async def sign_out(self, request: Request) -> Response:
        async def error_page(status: int, error: str) -> Response:
            return self.renderer.page(request, "message.html", status=status, error=error,
                                      title="Sign out")

        form = await self._form(request, error_page)
        if isinstance(form, Response):
            return form
        response = self.renderer.redirect("/", Flash("ok", "Signed out."))
        await run_in_threadpool(self.sessions.end, request, self.context.clock.now(), response)
        return response


def _owned(session: Session, owner_id: int, interview_id: int) -> models.Interview:
    """The signed-in owner's interview; anyone else's is a 404, like one that is not there."""
    interview = find_interview(session, owner_id, interview_id)
    if interview is None:
        raise HTTPException(404, "There is no such interview.")
    return interview


def _as_typed(page: SettingsPage, typed: dict[str, str]) -> SettingsPage:
    """The settings page showing what was typed in the refused form."""
    values: dict[str, Any] = {}
    for field in ("name", "signature", "strengths", "timezone", "day_starts", "day_ends",
                  "other_addresses"):
        if field in typed:
            values[field] = typed[field]
    if typed.get("do") == "hours":
        chosen = set(many(typed, "day"))
        values["working_days"] = tuple((n, name, str(n) in chosen)
                                       for n, name, _ in page.working_days)
    return replace(page, **values)
