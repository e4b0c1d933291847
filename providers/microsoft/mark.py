"""Where the service's draft mark lives in an Outlook mailbox.

Graph returns ``internetMessageHeaders`` for received mail only, so the mark's header is not
readable on drafts and sent items: the same value is also stored in a single-value extended
property (a named MAPI property in the service's own property set), which Graph keeps when a
draft is sent and which ``$filter`` can search.
"""

from __future__ import annotations

from typing import Final

from providers.model import DraftMark

MARK_PROPERTY_SET: Final = "6f1c3b52-8a4e-4f0e-9a63-2f3c1d0b7e11"
MARK_PROPERTY_NAME: Final = "InterviewFollowupMark"
MARK_PROPERTY_ID: Final = f"String {{{MARK_PROPERTY_SET}}} Name {MARK_PROPERTY_NAME}"
MARK_HEADER: Final = DraftMark.HEADER
