"""Bad configuration is one line naming the setting, exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from service.config import load_settings
from service.errors import ConfigError


def followup(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    full_env.update(env)
    return subprocess.run([sys.executable, "-m", "service.cli", *args], env=full_env,
                          capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.parametrize(
    ("env", "setting"),
    [
        ({"FOLLOWUP_PROVIDERS": "gmail,yahoo"}, "FOLLOWUP_PROVIDERS"),
        ({"FOLLOWUP_DATABASE_URL": "not a url"}, "FOLLOWUP_DATABASE_URL"),
        ({"FOLLOWUP_DATABASE_URL": "mysql://root@localhost/x"}, "FOLLOWUP_DATABASE_URL"),
        ({"FOLLOWUP_POLL_INTERVAL_SECONDS": "soon"}, "FOLLOWUP_POLL_INTERVAL_SECONDS"),
    ],
)
def test_bad_setting_is_one_line_naming_it(
    tmp_path: Path, env: dict[str, str], setting: str
) -> None:
    result = followup("db", "upgrade", env={**env, "FOLLOWUP_DATA_DIR": str(tmp_path)})
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert setting in lines[0]
    assert "Traceback" not in result.stderr


def test_unreadable_secret_file_names_the_setting(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path, secret_key_file=tmp_path / "missing.key")
    with pytest.raises(ConfigError, match="FOLLOWUP_SECRET_KEY_FILE"):
        settings.secret_key()


def test_default_secret_is_made_once_with_0600(tmp_path: Path) -> None:
    settings = load_settings(data_dir=tmp_path)
    first = settings.secret_key()
    assert (tmp_path / "secret.key").stat().st_mode & 0o777 == 0o600
    assert load_settings(data_dir=tmp_path).secret_key() == first


def test_db_upgrade_on_empty_sqlite_file(tmp_path: Path) -> None:
    result = followup("db", "upgrade", env={"FOLLOWUP_DATABASE_URL": f"sqlite:///{tmp_path}/a.db"})
    assert result.returncode == 0, result.stderr
    assert "up to date" in result.stdout


@pytest.mark.postgres
def test_db_upgrade_on_postgres(postgres_url: str) -> None:
    result = followup("db", "upgrade", env={"FOLLOWUP_DATABASE_URL": postgres_url})
    assert result.returncode == 0, result.stderr


def test_run_on_every_interface_needs_the_public_url(tmp_path: Path) -> None:
    result = followup("run", env={"FOLLOWUP_DATA_DIR": str(tmp_path),
                                  "FOLLOWUP_WEB_HOST": "0.0.0.0"})
    assert result.returncode == 2
    assert "FOLLOWUP_PUBLIC_URL" in result.stderr and "Traceback" not in result.stderr
