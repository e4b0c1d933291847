"""Configuration: ``FOLLOWUP_*`` environment variables, then an optional ``followup.toml``.

Provider endpoints are settings so that the same code runs against Google and Microsoft or
against any API-compatible server (the emulator).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import platformdirs
from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from providers.model import PROVIDERS
from service.errors import ConfigError

APP_NAME = "interview-followup"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def _toml_path() -> Path:
    return Path(os.environ.get("FOLLOWUP_CONFIG", "followup.toml"))


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FOLLOWUP_", extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    # DATABASE_URL (without the prefix) is honoured too, as most hosts set it.
    database_url: str | None = None
    secret_key_file: Path | None = None
    token_keys_file: Path | None = None  # token encryption keys, newest first (token_vault)
    providers: Annotated[tuple[str, ...], NoDecode] = PROVIDERS
    poll_interval_seconds: int = Field(default=300, ge=30, le=3600)
    # this worker's name on the leases it holds; stable across restarts so that a restarted
    # worker takes its own back at once (unset: kept in DATA_DIR/worker.id)
    worker_id: str | None = Field(default=None, min_length=1, max_length=100,
                                  pattern=r"^[A-Za-z0-9._@:-]+$")
    worker_threads: int = Field(default=8, ge=1, le=64)  # passes at once in one process
    # "naive": every pass drops the cursors and re-lists (the benchmark's baseline only)
    sync_strategy: Literal["cursors", "naive"] = "cursors"
    web_host: str = "127.0.0.1"
    web_port: int = Field(default=8400, ge=0, le=65535)
    public_url: str | None = None  # where OAuth redirects come back; default http://host:port
    ops_port: int | None = Field(default=None, ge=0, le=65535)  # /healthz /readyz /metrics alone
    metrics_token: str | None = None  # bearer token for /metrics; unset: this host only

    google_client_id: str = ""
    google_client_secret: str = ""
    google_auth_uri: str = "https://accounts.google.com/o/oauth2/auth"
    google_token_uri: str = "https://oauth2.googleapis.com/token"
    google_userinfo_uri: str = "https://openidconnect.googleapis.com/v1/userinfo"
    google_revoke_uri: str = "https://oauth2.googleapis.com/revoke"
    google_api_root: str = "https://www.googleapis.com/"
    google_ca_bundle: Path | None = None  # a CA to trust (the emulator's), else the system's

    microsoft_client_id: str = ""
    microsoft_client_secret: str = ""
    microsoft_authority: str = "https://login.microsoftonline.com/common"
    microsoft_graph_root: str = "https://graph.microsoft.com/v1.0"
    microsoft_ca_bundle: Path | None = None  # a CA to trust (the emulator's), else the system's

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=_toml_path())
        return (init_settings, env_settings, toml)

    @field_validator("providers", mode="before")
    @classmethod
    def _split_providers(cls, value: Any) -> Any:
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("providers")
    @classmethod
    def _known_providers(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [name for name in value if name not in PROVIDERS]
        if unknown:
            raise ValueError(
                f"unknown provider {unknown[0]!r} (known: {', '.join(PROVIDERS)})"
            )
        return value

    @cached_property
    def database(self) -> URL:
        raw = self.database_url or os.environ.get("DATABASE_URL")
        if not raw:
            return make_url(f"sqlite:///{self.data_dir / 'followup.db'}")
        try:
            url = make_url(raw)
        except ArgumentError:
            raise ConfigError(
                "FOLLOWUP_DATABASE_URL: not a database URL (e.g. sqlite:///path/followup.db "
                "or postgresql+psycopg://user@host/db)"
            ) from None
        if url.get_backend_name() not in ("sqlite", "postgresql"):
            raise ConfigError(
                f"FOLLOWUP_DATABASE_URL: unsupported database {url.get_backend_name()!r} "
                "(sqlite or postgresql)"
            )
        if url.get_backend_name() == "postgresql" and url.drivername == "postgresql":
            url = url.set(drivername="postgresql+psycopg")
        return url

    @property
    def base_url(self) -> str:
        return self.public_url or f"http://{self.web_host}:{self.web_port}"

    @property
    def token_keys_path(self) -> Path:
        return self.token_keys_file or self.data_dir / "token.keys"

    def secret_key(self) -> bytes:
        """The key that encrypts tokens at rest; made (0600) on first use of the default."""
        path = self.secret_key_file or self.data_dir / "secret.key"
        explicit = self.secret_key_file is not None
        if not path.exists() and not explicit:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(32))
        try:
            text = path.read_text().strip()
        except OSError as exc:
            raise ConfigError(
                f"FOLLOWUP_SECRET_KEY_FILE: cannot read {path}: {exc.strerror}"
            ) from None
        if len(text) < 16:
            raise ConfigError(f"FOLLOWUP_SECRET_KEY_FILE: {path} holds no usable key")
        if path.stat().st_mode & (stat.S_IRWXG | stat.S_IRWXO):
            # a mounted secret (compose, Kubernetes) may be read-only: its mount decides
            with contextlib.suppress(OSError):
                os.chmod(path, 0o600)
        return text.encode()


def load_settings(**overrides: Any) -> Settings:
    """Settings from the environment and followup.toml; bad values become one ConfigError."""
    try:
        return Settings(**overrides)
    except ValidationError as exc:
        error = exc.errors()[0]
        field = "_".join(str(part) for part in error["loc"] if isinstance(part, str)) or "?"
        message = error["msg"].removeprefix("Value error, ")
        raise ConfigError(f"FOLLOWUP_{field.upper()}: {message}") from None
    except (OSError, ValueError) as exc:  # an unreadable or malformed followup.toml
        raise ConfigError(f"{_toml_path()}: {exc}") from None
