"""The wheel stands alone: built from this tree, installed into a fresh virtual environment
(offline: the dependencies come from this one through a .pth, the wheel itself with
``--no-deps --no-index``), ``followup demo --fast`` runs from a folder outside the source
tree, on the templates and migrations the wheel carries."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2]


def run(*command: str | Path, cwd: Path, timeout: float = 240) -> str:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("FOLLOWUP_", "PYTHON", "VIRTUAL_ENV"))}
    env["FOLLOWUP_DATA_DIR"] = str(cwd / "data")
    done = subprocess.run([str(part) for part in command], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{command}: {done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def test_the_wheel_runs_the_demo_outside_the_source_tree(tmp_path: Path) -> None:
    built = tmp_path / "dist"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
        "--no-index", "--wheel-dir", built, SOURCE, cwd=tmp_path)
    (wheel,) = built.glob("interview_followup-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for carried in ("service/_bundled/templates/email/thank_you_interview.txt.j2",
                    "service/_bundled/templates/web/dashboard.html",
                    "service/_bundled/migrations/env.py"):
        assert carried in names
    assert any(n.startswith("service/_bundled/migrations/versions/") for n in names)
    assert not any(n.startswith("tests/") for n in names)

    fresh = tmp_path / "fresh"
    run(sys.executable, "-m", "venv", "--without-pip", fresh, cwd=tmp_path)
    python = fresh / "bin" / "python"
    purelib = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()"
                                     "['purelib'])", cwd=tmp_path).strip())
    # the dependencies, not this project: a plain path line does not run the editable
    # install's own .pth, so the source tree stays off sys.path
    (purelib / "_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--quiet", "--no-deps",
        "--no-index", wheel, cwd=tmp_path)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run(python, "-c", "import service, service.resources as r; "
                              "print(service.__file__); print(r.resource_dir('templates'))",
                cwd=elsewhere).splitlines()
    assert all(Path(line).is_relative_to(purelib) for line in where), where
    story = run(fresh / "bin" / "followup", "demo", "--fast", cwd=elsewhere)
    assert "Messages sent by the service: 0" in story
    assert "Thank you" in story and "Best regards," in story
