"""The owner's word on events wins over detection at every sync, and other addresses of the
owner are the owner: through the real engine against the emulator, on both providers."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from providers.emulator.control import AttendeeSpec, EventSpec, PersonSpec
from service import actions
from service.store import models
from service.store.db import transaction
from tests.service.engine.conftest import World


def _interviews(world: World) -> dict[str, str]:
    with transaction(world.factory) as session:
        return {i.event_id: i.status for i in session.scalars(select(models.Interview))}


def test_not_an_interview_stays_so_and_this_is_one_is_kept(world: World) -> None:
    engine = world.engine()
    owner = world.mailbox("alex.kim")
    world.interview(owner, "ev-interview")
    lunch_start = world.clock.now() + timedelta(days=1)
    world.control.put_event(owner, EventSpec(
        id="ev-lunch", title="Lunch with Sam", start=lunch_start,
        end=lunch_start + timedelta(hours=1), organizer=PersonSpec("sam@friends.org", "Sam"),
        attendees=(AttendeeSpec(owner, "Alex Kim", "accepted"),
                   AttendeeSpec("sam@friends.org", "Sam", "accepted"))))
    account_id = world.connect(engine, owner)
    engine.tick()
    assert _interviews(world) == {"ev-interview": "scheduled"}
    with transaction(world.factory) as session:
        kept = session.scalars(select(models.OtherEvent)).one()
        assert (kept.event_id, kept.title) == ("ev-lunch", "Lunch with Sam")
        interview = session.scalars(select(models.Interview)).one()
        actions.mark_not_interview(session, interview, world.clock.now())
        account = session.get_one(models.Account, account_id)
        lunch = actions.mark_interview(session, account, "ev-lunch", world.clock.now())
        assert [i.email for i in lunch.interviewers] == ["sam@friends.org"]
    # both events change at the provider: the next syncs keep the owner's word
    world.interview(owner, "ev-interview", title="Interview: Alex Kim / Data Engineer (Acme) v2")
    world.control.put_event(owner, EventSpec(
        id="ev-lunch", title="Lunch with Sam (moved)", start=lunch_start + timedelta(hours=1),
        end=lunch_start + timedelta(hours=2), organizer=PersonSpec("sam@friends.org", "Sam"),
        attendees=(AttendeeSpec(owner, "Alex Kim", "accepted"),
                   AttendeeSpec("sam@friends.org", "Sam", "accepted"))))
    world.clock.advance(timedelta(minutes=10))
    engine.tick()
    assert _interviews(world) == {"ev-interview": "not_interview", "ev-lunch": "scheduled"}
    with transaction(world.factory) as session:
        other = session.scalars(select(models.OtherEvent)).one()
        assert other.event_id == "ev-interview"  # offered back as "this is an interview"
        lunch_row = session.scalar(select(models.Interview).where(
            models.Interview.event_id == "ev-lunch"))
        assert lunch_row is not None and lunch_row.title == "Lunch with Sam (moved)"


def test_an_invite_forwarded_from_another_address_of_mine_has_no_thank_you_to_me(
        world: World) -> None:
    engine = world.engine()
    owner = world.mailbox("alex.kim")
    account_id = world.connect(engine, owner)
    with transaction(world.factory) as session:
        session.get_one(models.Account, account_id).owner.other_addresses = [
            "alex.personal@gmail.com"]
    end = world.clock.now() + timedelta(hours=1)
    world.control.put_event(owner, EventSpec(
        id="ev-forwarded", title="Interview: Alex Kim / Data Engineer (Acme)",
        start=end - timedelta(hours=1), end=end,
        organizer=PersonSpec("alex.personal@gmail.com", "Alex Kim"),
        attendees=(AttendeeSpec(owner, "Alex Kim", "accepted"),
                   AttendeeSpec("alex.personal@gmail.com", "Alex Kim", "accepted"),
                   AttendeeSpec("jane.doe@acme.com", "Jane Doe", "accepted"))))
    engine.tick()
    with transaction(world.factory) as session:
        interview = session.scalars(select(models.Interview)).one()
        assert "alex.personal@gmail.com" not in interview.invite
        assert "alex.personal@gmail.com" not in [i.email for i in interview.interviewers]
