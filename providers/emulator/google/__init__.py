"""The Google half of the loopback emulator (OAuth, Gmail v1, Calendar v3)."""

from providers.emulator.google.emulator import GoogleEmulator

__all__ = ["GoogleEmulator"]
