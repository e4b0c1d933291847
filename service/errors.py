"""Errors the service reports to a person as one line (exit code 2), not as a traceback."""

from __future__ import annotations


class UsageError(Exception):
    """Bad input or configuration: the message names what is wrong, in one line."""


class ConfigError(UsageError):
    """A setting is wrong; the message names the setting."""
