"""What cannot run here (Docker) is linted and checked for what matters: the Dockerfile by
hadolint and by its final stage (non-root, a health check, writes only to a volume), the
compose file against the compose-spec schema and by its services (PostgreSQL, migrations
before the rest, health checks, read-only roots), the systemd units by systemd-analyze."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
TOOLS = Path(sys.executable).parent


def tool(name: str) -> str:
    found = shutil.which(name, path=str(TOOLS)) or shutil.which(name)
    assert found, f"{name} is missing: `make venv` installs it from requirements.lock"
    return found


def quiet(*command: str, env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False,
                          env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr


# -- Dockerfile ---------------------------------------------------------------------------------

def stages(text: str) -> list[list[tuple[str, str]]]:
    """(INSTRUCTION, arguments) per stage, continuation lines joined, comments dropped."""
    joined = text.replace("\\\n", " ")
    result: list[list[tuple[str, str]]] = []
    for line in joined.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        instruction, _, arguments = line.partition(" ")
        if instruction.upper() == "FROM":
            result.append([])
        result[-1].append((instruction.upper(), arguments.strip()))
    return result


def env_of(stage: list[tuple[str, str]]) -> dict[str, str]:
    values: dict[str, str] = {}
    for instruction, arguments in stage:
        if instruction == "ENV":
            values |= dict(item.split("=", 1) for item in shlex.split(arguments))
    return values


def test_the_dockerfile_passes_hadolint() -> None:
    quiet(tool("hadolint"), str(DEPLOY / "Dockerfile"))


def test_the_image_runs_unprivileged_with_a_health_check_and_a_read_only_root() -> None:
    build, final = stages((DEPLOY / "Dockerfile").read_text())[-2:]
    assert build[0][1].endswith("AS build"), "multi-stage: a build stage, then the image"
    assert any(i == "COPY" and a.startswith("--from=build") for i, a in final)
    users = [a for i, a in final if i == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert any(i == "HEALTHCHECK" and "/readyz" in a for i, a in final)
    environment = env_of(final)
    volumes = [v for i, a in final if i == "VOLUME" for v in yaml.safe_load(a)]
    # read-only root: the data directory (and HOME) are the volume; no .pyc written at run
    assert environment["FOLLOWUP_DATA_DIR"] in volumes
    assert environment["HOME"] == environment["FOLLOWUP_DATA_DIR"]
    assert environment["PYTHONDONTWRITEBYTECODE"] == "1"
    assert not any(i == "RUN" for i, a in final[final.index(("USER", users[-1])):])
    # the build copies everything the wheel is made of (pyproject.toml's hatch settings)
    wheel = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["hatch"]["build"][
        "targets"]["wheel"]
    copied = {a.split()[0].rstrip("/") for i, a in build if i == "COPY"}
    assert {*wheel["packages"], *wheel["force-include"]} <= copied
    assert any(i == "RUN" and "--constraint requirements.lock" in a for i, a in build)


# -- compose ------------------------------------------------------------------------------------

def compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return document


def test_the_compose_file_follows_the_compose_spec() -> None:
    quiet(tool("check-jsonschema"), "--builtin-schema", "vendor.compose-spec",
          str(DEPLOY / "compose.yaml"))
    docker = shutil.which("docker")
    probe = subprocess.run([docker, "compose", "version"], capture_output=True,
                           check=False) if docker else None
    if docker and probe is not None and probe.returncode == 0:  # where Compose is installed
        quiet(docker, "compose", "-f", str(DEPLOY / "compose.yaml"), "config", "--quiet",
              env={**os.environ, "POSTGRES_PASSWORD": "check"})


def test_compose_runs_postgres_then_the_migrations_then_the_service() -> None:
    services = compose()["services"]
    assert set(services) == {"db", "migrate", "followup", "worker"}
    assert services["db"]["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    migrate = services["migrate"]
    assert migrate["command"] == ["db", "upgrade"] and migrate["restart"] == "no"
    assert migrate["depends_on"] == {"db": {"condition": "service_healthy"}}
    for name in ("followup", "worker"):
        service = services[name]
        assert service["depends_on"] == {
            "migrate": {"condition": "service_completed_successfully"}}
        assert "/readyz" in " ".join(service["healthcheck"]["test"])
        assert service["environment"]["FOLLOWUP_DATABASE_URL"].startswith(
            "postgresql+psycopg://")
    assert services["followup"]["command"] == ["run"]
    assert services["worker"]["command"] == ["run", "--no-web"]
    worker_port = services["worker"]["environment"]["FOLLOWUP_OPS_PORT"]
    assert f":{worker_port}/readyz" in " ".join(services["worker"]["healthcheck"]["test"])
    assert services["followup"]["ports"] == ["127.0.0.1:8400:8400"]  # behind a proxy


def test_compose_writes_only_to_the_data_volume_and_tmpfs() -> None:
    document = compose()
    final = stages((DEPLOY / "Dockerfile").read_text())[-1]
    data_dir = env_of(final)["FOLLOWUP_DATA_DIR"]
    for name in ("migrate", "followup", "worker"):
        service = document["services"][name]
        assert service["read_only"] is True and "/tmp" in service["tmpfs"]
        targets = {volume.split(":")[1] for volume in service["volumes"]}
        assert data_dir in targets
        assert set(targets) <= {data_dir}
        assert {volume.split(":")[0] for volume in service["volumes"]} <= set(
            document["volumes"])
        assert service["cap_drop"] == ["ALL"]
        secret = service["environment"]["FOLLOWUP_SECRET_KEY_FILE"]
        assert secret == f"/run/secrets/{service['secrets'][0]}"


# -- systemd ------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit", ["followup.service", "followup-worker@.service"])
def test_the_systemd_units_verify(unit: str, tmp_path: Path) -> None:
    installed = "/opt/interview-followup/.venv/bin/followup"
    text = (DEPLOY / unit).read_text()
    assert installed in text
    # verify checks that the programs exist: point it at this environment's
    name = unit.replace("@.", "@1.")
    (tmp_path / name).write_text(text.replace(installed, tool("followup")))
    quiet(tool("systemd-analyze"), "verify", "--man=no", str(tmp_path / name))
    assert "User=followup" in text and "ProtectSystem=strict" in text
    assert "ReadWritePaths=/var/lib/interview-followup" in text
