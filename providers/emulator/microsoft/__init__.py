"""The Microsoft half of the loopback emulator (identity platform + Graph v1.0)."""

from providers.emulator.microsoft.emulator import MicrosoftEmulator
from providers.emulator.microsoft.store import UnknownItem, UnknownMailbox

__all__ = ["MicrosoftEmulator", "UnknownItem", "UnknownMailbox"]
