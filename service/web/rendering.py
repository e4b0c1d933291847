"""The web pages' Jinja environment: sandboxed and autoescaping, since every field shown came
from a calendar invite or an email written by a stranger."""

from __future__ import annotations

from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from service.resources import resource_dir

WEB_TEMPLATES = resource_dir("templates") / "web"


def make_environment() -> SandboxedEnvironment:
    environment = SandboxedEnvironment(
        loader=FileSystemLoader(WEB_TEMPLATES),
        # always, whatever a template file is named: nothing shown here is trusted
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["local"] = _local_time
    return environment


def _local_time(value: Any, timezone: str, fmt: str = "%a %b %-d, %H:%M") -> str:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    if not isinstance(value, datetime):
        return ""
    return value.astimezone(ZoneInfo(timezone)).strftime(fmt)
