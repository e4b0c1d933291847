"""Where the templates and migrations are: inside the package in an installed wheel
(``service/_bundled/``, put there by the build, see pyproject.toml), else in the source tree
next to ``service/`` (a checkout, an editable install)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
BUNDLED = _PACKAGE / "_bundled"


def resource_dir(name: str) -> Path:
    """``templates`` or ``migrations``."""
    bundled = BUNDLED / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name
