"""The dashboard's pages and the owner's actions on an interview.

Actions run in one transaction through :mod:`service.actions`; a refusal or a bad field rolls
it back and comes back as one line on the page, with what was typed kept.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from service import actions
from service.store.db import transaction
from service.store.models import Interview
from service.web.context import WebContext
from service.web.forms import (
    FormError,
    FormTooLarge,
    NoteFields,
    parse_note,
    parse_recipient,
    parse_snooze,
    read_form,
)
from service.web.responses import Flash, Renderer
from service.web.views import (
    Dashboard,
    InterviewPage,
    day,
    load_dashboard,
    load_interview,
    zone,
)

log = logging.getLogger(__name__)

Action = Callable[[Session, Interview, datetime], str]
"""Changes the interview (or raises ActionRefused / FormError); returns the message to show."""

MAX_ID = 2**63 - 1  # larger path numbers cannot be a row's id (and overflow the drivers)
CSRF_REFUSED = ("This form has expired or did not come from this dashboard; "
                "reload the page and try again.")


class Pages:
    def __init__(self, context: WebContext, renderer: Renderer) -> None:
        self.context = context
        self.renderer = renderer

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/", self.dashboard, methods=["GET"]),
            Route("/interviews/{interview_id:int}", self.interview, methods=["GET"]),
            Route("/interviews/{interview_id:int}/notes", self.add_note, methods=["POST"]),
            Route("/interviews/{interview_id:int}/check-in/approve", self.approve,
                  methods=["POST"]),
            Route("/interviews/{interview_id:int}/check-in/dismiss", self.dismiss,
                  methods=["POST"]),
            Route("/interviews/{interview_id:int}/check-in/snooze", self.snooze,
                  methods=["POST"]),
            Route("/interviews/{interview_id:int}/check-in/recipient", self.change_recipient,
                  methods=["POST"]),
        ]

    # -- pages ---------------------------------------------------------------------------

    async def dashboard(self, request: Request) -> Response:
        def load() -> Dashboard:
            with transaction(self.context.factory) as session:
                return load_dashboard(session, self.context.clock.now())

        board = await run_in_threadpool(load)
        return self.renderer.page(request, "dashboard.html", board=board)

    async def interview(self, request: Request) -> Response:
        return await self._interview_page(request, request.path_params["interview_id"])

    async def _interview_page(self, request: Request, interview_id: int, status: int = 200,
                              error: str | None = None,
                              note: NoteFields | None = None) -> Response:
        if interview_id > MAX_ID:
            raise HTTPException(404, "There is no such interview.")

        def load() -> InterviewPage | None:
            with transaction(self.context.factory) as session:
                return load_interview(session, interview_id, self.context.clock.now())

        page = await run_in_threadpool(load)
        if page is None:
            raise HTTPException(404, "There is no such interview.")
        return self.renderer.page(request, "interview.html", status=status, error=error,
                                  page=page, note=note or NoteFields())

    # -- actions -------------------------------------------------------------------------

    async def _act(self, request: Request, action: Callable[[dict[str, str]], Action]
                   ) -> Response:
        interview_id: int = request.path_params["interview_id"]
        try:
            form = await read_form(request)
        except FormTooLarge as exc:
            return await self._interview_page(request, interview_id, 413, str(exc))
        except FormError as exc:
            return await self._interview_page(request, interview_id, 400, str(exc))
        if not self.renderer.csrf.valid(request, form):
            return self.renderer.page(request, "message.html", status=403,
                                      error=CSRF_REFUSED, title="Form refused")
        note = NoteFields.of(form) if "topic" in form else None
        try:
            change = action(form)
            message = await run_in_threadpool(self._apply, interview_id, change)
        except FormError as exc:
            return await self._interview_page(request, interview_id, 400, str(exc), note)
        except actions.ActionRefused as exc:
            reason = next(iter(str(exc).splitlines()), "") or "that cannot be done now"
            return await self._interview_page(request, interview_id, 409, reason, note)
        await run_in_threadpool(self.context.changed)
        return self.renderer.redirect(f"/interviews/{interview_id}", Flash("ok", message))

    def _apply(self, interview_id: int, change: Action) -> str:
        with transaction(self.context.factory) as session:
            interview = session.get(Interview, interview_id) if interview_id <= MAX_ID else None
            if interview is None or interview.account.status == "removed":
                raise HTTPException(404, "There is no such interview.")
            return change(session, interview, self.context.clock.now())

    async def add_note(self, request: Request) -> Response:
        def action(form: dict[str, str]) -> Action:
            note = parse_note(form)

            def change(session: Session, interview: Interview, now: datetime) -> str:
                actions.add_note(session, interview, note, now)
                return "Note added: drafts you have not changed yet will use it."
            return change

        return await self._act(request, action)

    async def approve(self, request: Request) -> Response:
        def action(form: dict[str, str]) -> Action:
            def change(session: Session, interview: Interview, now: datetime) -> str:
                suggestion = actions.approve_check_in(session, interview, now)
                return (f"Check-in approved: the draft to {suggestion.recipient_email} "
                        "will be in your Drafts folder shortly.")
            return change

        return await self._act(request, action)

    async def dismiss(self, request: Request) -> Response:
        def action(form: dict[str, str]) -> Action:
            def change(session: Session, interview: Interview, now: datetime) -> str:
                actions.dismiss_check_in(session, interview, now)
                return "Check-in dismissed: nothing more will be suggested for this interview."
            return change

        return await self._act(request, action)

    async def snooze(self, request: Request) -> Response:
        def action(form: dict[str, str]) -> Action:
            def change(session: Session, interview: Interview, now: datetime) -> str:
                until = parse_snooze(form, zone(interview.account.timezone))
                actions.snooze_check_in(session, interview, until, now)
                return f"Check-in snoozed until {day(until.date())}."
            return change

        return await self._act(request, action)

    async def change_recipient(self, request: Request) -> Response:
        def action(form: dict[str, str]) -> Action:
            recipient = parse_recipient(form)

            def change(session: Session, interview: Interview, now: datetime) -> str:
                suggestion = actions.change_check_in_recipient(session, interview, recipient,
                                                               now)
                return f"The check-in will go to {suggestion.recipient_email}."
            return change

        return await self._act(request, action)
