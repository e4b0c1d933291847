"""What the Google half keeps per mailbox: the owner, one lock, the Gmail and Calendar stores."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from providers.emulator.google.calendar_store import CalendarStore
from providers.emulator.google.gmail_store import GmailStore


@dataclass
class Mailbox:
    address: str  # lower-cased
    name: str
    timezone: ZoneInfo
    gmail: GmailStore
    calendar: CalendarStore
    # One lock for both stores: requests of one mailbox are serialized, mailboxes are not.
    lock: threading.RLock = field(default_factory=threading.RLock)
    # The Workspace admin blocks third-party Gmail access: Gmail answers 403 domainPolicy.
    admin_blocked: bool = False
    garbled_batches: int = 0  # the next N batch answers are a proxy's HTML page, status 200

    @property
    def sender_header(self) -> str:
        return f"{self.name} <{self.address}>" if self.name else self.address
