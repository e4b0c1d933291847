"""Where the service's draft mark lives in an Outlook mailbox: a single-value extended
property (a named MAPI property in the service's own property set) holding the opaque key.
Unlike an ``X-`` header it never leaves the mailbox, and ``$filter`` finds a draft by it
(https://learn.microsoft.com/en-us/graph/api/singlevaluelegacyextendedproperty-get).
"""

from __future__ import annotations

from typing import Final

MARK_PROPERTY_SET: Final = "6f1c3b52-8a4e-4f0e-9a63-2f3c1d0b7e11"
MARK_PROPERTY_NAME: Final = "InterviewFollowupMark"
MARK_PROPERTY_ID: Final = f"String {{{MARK_PROPERTY_SET}}} Name {MARK_PROPERTY_NAME}"
