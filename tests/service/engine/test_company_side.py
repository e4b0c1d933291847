"""The company side is detection's, stored with the interview, and the sync reads mail by
it: a colleague of the interviewer at a sub-domain is on it from the very sync that brought
the invite; a stranger is not."""

from __future__ import annotations

from sqlalchemy import select

from providers.emulator.control import PersonSpec
from service.policy.company import company_side
from service.store.db import transaction
from service.store.facts import interview_facts
from service.store.models import Interview, MailMessage
from tests.service.engine.conftest import World

DECISION = "Thanks again. We will be making a decision by May 15 and will let you know."


def test_the_side_is_stored_and_mail_is_read_by_it_from_the_first_sync(world: World) -> None:
    owner = world.mailbox("alex.kim")
    world.interview(owner)
    # in the same sync as the invite: a colleague at a sub-domain, and a stranger
    world.control.deliver_mail(owner, PersonSpec("tom.lee@eng.acme.com", "Tom Lee"), (owner,),
                               "Your interview", DECISION)  # fmt: skip
    world.control.deliver_mail(owner, PersonSpec("deals@shop.example", "Shop"), (owner,),
                               "Offers", DECISION)  # fmt: skip
    engine = world.engine()
    world.connect(engine, owner)
    engine.tick()
    with transaction(world.factory) as session:
        interview = session.scalars(select(Interview)).one()
        assert interview.company_side == {
            "domains": ["acme.com"],
            "addresses": ["jane.doe@acme.com", "rita.ruiz@acme.com"],
        }
        side = company_side(interview_facts(interview), owner)
        assert side.contains("tom.lee@eng.acme.com") and not side.contains(owner)
        dates = {m.sender_email: m.decision_date for m in session.scalars(select(MailMessage))}
    assert dates["tom.lee@eng.acme.com"] is not None  # its body was read for the date
    assert dates["deals@shop.example"] is None  # nobody's: its body was never read
